import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandResult, runCommand } from './processes.js';
import type { TestRegistry } from './registry.js';

/**
 * skopeo, the independent verifier: every push test checks its result with it as well as
 * with our own client. Loopback registries speak plain HTTP, hence `--tls-verify=false`.
 */
export function skopeo(args: string[]): Promise<CommandResult> {
  return runCommand('skopeo', args, { env: skopeoEnv() });
}

/** An empty auth file, so no login of the machine's own leaks into a test. */
let authFile: string | undefined;
function skopeoEnv(): NodeJS.ProcessEnv {
  if (!authFile) {
    authFile = join(tmpdir(), `oci-push-skopeo-auth-${process.pid}.json`);
    writeFileSync(authFile, '{"auths":{}}');
  }
  return { ...process.env, REGISTRY_AUTH_FILE: authFile };
}

function credsArgs(registry: TestRegistry, flag = '--creds'): string[] {
  return registry.mode === 'anonymous' ? [] : [`${flag}=${registry.username}:${registry.password}`];
}

/** `skopeo inspect --raw`: the manifest's exact bytes as the registry serves them. */
export async function inspectRaw(registry: TestRegistry, reference: string): Promise<Buffer> {
  const result = await runCommand(
    'skopeo',
    [
      'inspect',
      '--raw',
      '--tls-verify=false',
      ...credsArgs(registry),
      `docker://${registry.host}/${reference}`,
    ],
    { env: skopeoEnv(), binary: true },
  );
  if (result.code !== 0)
    throw new Error(`skopeo inspect --raw ${reference} failed: ${result.stderr}`);
  return result.stdoutBytes ?? Buffer.alloc(0);
}

/** The digest skopeo reads at `reference`: the sha256 of the manifest's exact bytes. */
export async function skopeoDigest(registry: TestRegistry, reference: string): Promise<string> {
  return `sha256:${createHash('sha256')
    .update(await inspectRaw(registry, reference))
    .digest('hex')}`;
}

/**
 * The repository's tags as skopeo lists them. Distribution answers 404 NAME_UNKNOWN on
 * tags/list for a repository that holds manifests but no tag at all (its tags directory
 * doesn't exist), and skopeo 1.9 reports that only as "404 (Not Found)": so a 404 means "no
 * tags". Callers check the manifest is there first, so a missing repository can't pass.
 */
export async function listTags(registry: TestRegistry, repository: string): Promise<string[]> {
  const result = await skopeo([
    'list-tags',
    '--tls-verify=false',
    ...credsArgs(registry),
    `docker://${registry.host}/${repository}`,
  ]);
  if (result.code !== 0) {
    if (
      /name unknown|NAME_UNKNOWN|repository name not known|invalid status code from registry 404/i.test(
        result.stderr,
      )
    )
      return [];
    throw new Error(`skopeo list-tags ${repository} failed: ${result.stderr}`);
  }
  return (JSON.parse(result.stdout) as { Tags: string[] | null }).Tags ?? [];
}

export function skopeoCredsArgs(
  registry: TestRegistry,
  flag: '--creds' | '--src-creds' | '--dest-creds',
): string[] {
  return credsArgs(registry, flag);
}

/**
 * Whether the registry serves `reference` (`repo:tag` or `repo@digest`), by skopeo. False
 * only when the registry says it does not know it (a 404: manifest or repository unknown);
 * any other failure (the registry down, a refused credential) is an error, never "absent".
 */
export async function holds(registry: TestRegistry, reference: string): Promise<boolean> {
  const result = await skopeo([
    'inspect',
    '--raw',
    '--tls-verify=false',
    ...credsArgs(registry),
    `docker://${registry.host}/${reference}`,
  ]);
  if (result.code === 0) return true;
  if (
    /manifest unknown|MANIFEST_UNKNOWN|name unknown|NAME_UNKNOWN|repository name not known|invalid status code from registry 404/i.test(
      result.stderr,
    )
  ) {
    return false;
  }
  throw new Error(`skopeo inspect ${reference} failed, and not with a 404: ${result.stderr}`);
}
