import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BasicCredential } from './push-inputs.js';
import { apiHost } from '../oci/reference.js';
import type { PushPlan } from '../engine/plan.js';
import type { Credential } from '../registry/auth.js';

/**
 * Where a registry's credential comes from, in this order: the `credentials` input, then the
 * docker config that docker/login-action writes, then none (anonymous).
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

/** Reads the docker config; a missing file is no credentials, a broken one is an error. */
export async function readDockerAuths(path: string): Promise<DockerAuths> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new Error(`The docker config ${path} can't be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return parseDockerAuths(JSON.parse(text));
  } catch (error) {
    throw new Error(`The docker config ${path} is not valid: ${(error as Error).message}`, {
      cause: error,
    });
  }
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

export function resolveCredential(
  host: string,
  fromInput: Map<string, BasicCredential>,
  docker: DockerAuths,
  dockerPath: string,
): ResolvedCredential | undefined {
  const given = fromInput.get(host);
  if (given) return { credential: { kind: 'basic', ...given }, source: 'the `credentials` input' };
  const dockerHost =
    host === 'registry-1.docker.io' || host === 'index.docker.io' ? 'docker.io' : host;
  const stored = docker.get(dockerHost);
  if (stored) return { credential: stored, source: dockerPath };
  return undefined;
}

/** Every secret a credential holds, for masking. */
export function secretsOf(credential: Credential): string[] {
  return credential.kind === 'basic' ? [credential.password] : [credential.token];
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
  const docker = await readDockerAuths(path);
  const found = new Map<string, Credential>();
  for (const host of hosts) {
    const resolved = resolveCredential(host, fromInput, docker, path);
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

/** Every host the plan talks to: its targets, and a `docker://` source's registry. */
export function credentialHosts(plan: Pick<PushPlan, 'targets' | 'source'>): string[] {
  const hosts = plan.targets.map((t) => t.host);
  if (plan.source?.transport === 'docker') hosts.push(apiHost(plan.source.host));
  return [...new Set(hosts)];
}
