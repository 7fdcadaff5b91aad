import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BasicCredential } from './push-inputs.js';
import { apiHost } from '../oci/reference.js';
import type { PushPlan } from '../engine/plan.js';
import type { Credential } from '../registry/auth.js';

/**
 * Where a registry's credential comes from, in this order: the `credentials` input, then the
 * docker config (its credential helper for the host, then its `auths`), then none (anonymous).
 */
export interface ResolvedCredential {
  credential: Credential;
  /** For the log: "the credentials input" or the docker config's path. Never the secret. */
  source: string;
}

/** `auths` of a docker config.json, by registry host. */
export type DockerAuths = Map<string, Credential>;

/** The docker config's path: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG
    ? join(env.DOCKER_CONFIG, 'config.json')
    : join(homedir(), '.docker', 'config.json');
}

/** What a docker config.json says about credentials. */
export interface DockerConfig {
  auths: DockerAuths;
  /** `credsStore`: the helper that holds every registry's credential (`desktop`, `osxkeychain`). */
  credsStore?: string;
  /** `credHelpers`: a helper per registry host, ahead of `credsStore`. */
  credHelpers: Map<string, string>;
}

/** Reads the docker config; a missing file is no credentials, a broken one is an error. */
export async function readDockerConfig(path: string): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { auths: new Map(), credHelpers: new Map() };
    }
    throw new Error(`The docker config ${path} can't be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    const config: unknown = JSON.parse(text);
    return { ...parseCredentialHelpers(config), auths: parseDockerAuths(config) };
  } catch (error) {
    throw new Error(`The docker config ${path} is not valid: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Reads only the docker config's `auths`. */
export async function readDockerAuths(path: string): Promise<DockerAuths> {
  return (await readDockerConfig(path)).auths;
}

/** `credsStore` and `credHelpers`, with helper names checked: they become part of a command name. */
export function parseCredentialHelpers(config: unknown): Omit<DockerConfig, 'auths'> {
  const { credsStore, credHelpers } = (config ?? {}) as {
    credsStore?: unknown;
    credHelpers?: unknown;
  };
  const helperName = (where: string, value: unknown): string => {
    if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
      throw new Error(`${where} is not the name of a docker-credential-<name> helper`);
    }
    return value;
  };
  const helpers = new Map<string, string>();
  if (credHelpers !== undefined) {
    if (typeof credHelpers !== 'object' || credHelpers === null) {
      throw new Error('"credHelpers" is not an object');
    }
    for (const [key, value] of Object.entries(credHelpers as Record<string, unknown>)) {
      helpers.set(hostOfAuthKey(key), helperName(`"credHelpers" of ${key}`, value));
    }
  }
  // Docker writes `"credsStore": ""` to mean none.
  const store =
    credsStore === undefined || credsStore === ''
      ? undefined
      : helperName('"credsStore"', credsStore);
  return { credHelpers: helpers, ...(store && { credsStore: store }) };
}

/**
 * `auths` entries hold `auth` (base64 of `user:password`), or `username` and `password`,
 * and for token logins (ACR) an `identitytoken`. Keys may be URLs
 * (`https://index.docker.io/v1/`); they are reduced to the host.
 */
export function parseDockerAuths(config: unknown): DockerAuths {
  const auths = new Map<string, Credential>();
  const entries = (config as { auths?: unknown } | null)?.auths;
  if (entries === undefined) return auths;
  if (typeof entries !== 'object' || entries === null) throw new Error('"auths" is not an object');
  for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
    const entry = (value ?? {}) as {
      auth?: unknown;
      username?: unknown;
      password?: unknown;
      identitytoken?: unknown;
    };
    let username = typeof entry.username === 'string' ? entry.username : undefined;
    let password = typeof entry.password === 'string' ? entry.password : undefined;
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0)
        throw new Error(`the "auth" of ${hostOfAuthKey(key)} is not base64 of user:password`);
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
    const host = hostOfAuthKey(key);
    if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
      auths.set(host, {
        kind: 'identity-token',
        token: entry.identitytoken,
        ...(username && { username }),
      });
    } else if (username && password) {
      auths.set(host, { kind: 'basic', username, password });
    }
  }
  return auths;
}

function hostOfAuthKey(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  return host === 'index.docker.io' ? 'docker.io' : host;
}

/** The name the docker config knows a registry by: Docker Hub's API hosts are `docker.io`. */
function dockerHostOf(host: string): string {
  return host === 'registry-1.docker.io' || host === 'index.docker.io' ? 'docker.io' : host;
}

export function resolveCredential(
  host: string,
  fromInput: Map<string, BasicCredential>,
  docker: DockerAuths,
  dockerPath: string,
): ResolvedCredential | undefined {
  const given = fromInput.get(host);
  if (given) return { credential: { kind: 'basic', ...given }, source: 'the `credentials` input' };
  const stored = docker.get(dockerHostOf(host));
  if (stored) return { credential: stored, source: dockerPath };
  return undefined;
}

/** Every secret a credential holds, for masking. */
export function secretsOf(credential: Credential): string[] {
  return credential.kind === 'basic' ? [credential.password] : [credential.token];
}

/** A credential helper may ask the user to unlock a keychain; past this it is stuck. */
export const CREDENTIAL_HELPER_TIMEOUT_MS = 30_000;

/** The server name docker stores a host's credential under: Docker Hub's is its old v1 URL. */
function helperServer(dockerHost: string): string {
  return dockerHost === 'docker.io' ? 'https://index.docker.io/v1/' : dockerHost;
}

/**
 * Asks `docker-credential-<helper> get` for a host's credential, as the docker CLI does: the
 * server on stdin, `{"ServerURL","Username","Secret"}` on stdout, where the username
 * `<token>` means the secret is an identity token. Undefined when the helper holds none for
 * the host. Errors name the helper and the host, never the helper's output (it may hold the
 * secret).
 */
export async function credentialFromHelper(
  helper: string,
  dockerHost: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = CREDENTIAL_HELPER_TIMEOUT_MS,
): Promise<Credential | undefined> {
  const command = `docker-credential-${helper}`;
  const failed = (what: string): Error =>
    new Error(
      `${command} (the docker config's credential helper) ${what} for ${dockerHost}; check it ` +
        `with \`echo ${helperServer(dockerHost)} | ${command} get\`, log in again with docker ` +
        'login, or give this registry a credential another way',
    );
  const { code, stdout, stderr, error } = await new Promise<{
    code: number | string | null;
    stdout: string;
    stderr: string;
    error: (Error & { code?: unknown; killed?: boolean }) | null;
  }>((resolve) => {
    const child = execFile(
      command,
      ['get'],
      { env, timeout: timeoutMs, encoding: 'utf8', maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error?.code ?? 0, stdout, stderr, error: error as never }),
    );
    // A helper that exits without reading stdin is answered below, not by an EPIPE crash.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(helperServer(dockerHost));
  });
  if (code === 'ENOENT') {
    throw new Error(
      `${command} is not on PATH, and the docker config names it as the credential helper for ` +
        `${dockerHost}: install it, remove it from the docker config, or give this registry a ` +
        'credential another way',
    );
  }
  if (error?.killed) throw failed(`gave no answer within ${timeoutMs / 1000} s`);
  // docker-credential-helpers' ErrCredentialsNotFound: the helper has nothing for this host.
  if (/credentials not found/i.test(`${stdout}\n${stderr}`)) return undefined;
  if (code !== 0) throw failed(`failed (exit code ${String(code)})`);
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(stdout) as typeof answer;
  } catch {
    throw failed('answered with something that is not JSON');
  }
  const username = typeof answer.Username === 'string' ? answer.Username : '';
  const secret = typeof answer.Secret === 'string' ? answer.Secret : '';
  if (!secret) return undefined;
  if (username === '<token>') return { kind: 'identity-token', token: secret };
  if (!username) throw failed('answered with a secret but no username');
  return { kind: 'basic', username, password: secret };
}

/**
 * Finds each host's credential, hands every secret to `mask` before anything else sees it,
 * and says where each came from (never what it is).
 */
export async function resolveCredentials(
  hosts: readonly string[],
  fromInput: Map<string, BasicCredential>,
  env: NodeJS.ProcessEnv,
  mask: (secret: string) => void,
  log: (line: string) => void,
): Promise<Map<string, Credential>> {
  const path = dockerConfigPath(env);
  const docker = await readDockerConfig(path);
  const found = new Map<string, Credential>();
  for (const host of hosts) {
    const resolved =
      resolveCredential(host, fromInput, new Map(), path) ??
      (await fromHelper(host, docker, path, env)) ??
      resolveCredential(host, new Map(), docker.auths, path);
    if (!resolved) {
      log(`${host}: no credential; anonymous unless it asks for one`);
      continue;
    }
    for (const secret of secretsOf(resolved.credential)) mask(secret);
    log(`${host}: credential from ${resolved.source}`);
    found.set(host, resolved.credential);
  }
  return found;
}

/** The host's helper, as docker picks it: `credHelpers` for the host, else `credsStore`. */
async function fromHelper(
  host: string,
  docker: DockerConfig,
  path: string,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedCredential | undefined> {
  const dockerHost = dockerHostOf(host);
  const helper = docker.credHelpers.get(dockerHost) ?? docker.credsStore;
  if (!helper) return undefined;
  const credential = await credentialFromHelper(helper, dockerHost, env);
  return credential && { credential, source: `docker-credential-${helper} (named in ${path})` };
}

/** Every host the plan talks to: its targets, and a `docker://` source's registry. */
export function credentialHosts(plan: Pick<PushPlan, 'targets' | 'source'>): string[] {
  const hosts = plan.targets.map((t) => t.host);
  if (plan.source?.transport === 'docker') hosts.push(apiHost(plan.source.host));
  return [...new Set(hosts)];
}
