import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { throwIfInterrupted } from '../base/errors.js';
import { hostKey } from '../oci/reference.js';
import { InputError } from './inputs.js';
import type { BasicCredential } from './credentials-input.js';
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
    throw new InputError(
      `The docker config ${path} can't be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); ` +
        'fix its permissions, or point DOCKER_CONFIG at another directory',
    );
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    // The parser's message quotes the text around the fault, and in a docker config that is
    // a password or an `auth` (a secret's first characters leaked this way): never show it.
    throw new InputError(
      `The docker config ${path} is not valid JSON${jsonErrorPlace(text, error)}; its content ` +
        'is not shown, as it may hold a secret. Fix it (`docker login` rewrites it), or point ' +
        'DOCKER_CONFIG at another directory',
    );
  }
  try {
    return { ...parseCredentialHelpers(config), auths: parseDockerAuths(config) };
  } catch (error) {
    // These messages name keys and hosts only, never a value.
    throw new InputError(`The docker config ${path} is not valid: ${(error as Error).message}`);
  }
}

/** Where JSON.parse stopped, as ` (line L, column C)` when its message says; never the text. */
function jsonErrorPlace(text: string, error: unknown): string {
  const position = /at position (\d+)/.exec((error as Error).message)?.[1];
  if (position === undefined) return '';
  const before = text.slice(0, Number(position)).split('\n');
  return ` (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
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

/** A key of `auths` or `credHelpers` as the host it names: lower case, as hosts compare. */
function hostOfAuthKey(key: string): string {
  const host = hostKey(key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, ''));
  return host === 'index.docker.io' ? 'docker.io' : host;
}

/** The name the docker config knows a registry by: Docker Hub's API hosts are `docker.io`. */
function dockerHostOf(host: string): string {
  const key = hostKey(host);
  return key === 'registry-1.docker.io' || key === 'index.docker.io' ? 'docker.io' : key;
}

/** A host's credential from the `credentials` input, else from the docker config's `auths`. */
export function resolveCredential(
  host: string,
  fromInput: ReadonlyMap<string, BasicCredential>,
  docker: DockerAuths,
  dockerPath: string,
): ResolvedCredential | undefined {
  return fromCredentialsInput(host, fromInput) ?? fromDockerAuths(host, docker, dockerPath);
}

function fromCredentialsInput(
  host: string,
  fromInput: ReadonlyMap<string, BasicCredential>,
): ResolvedCredential | undefined {
  const given = fromInput.get(hostKey(host));
  if (given) return { credential: { kind: 'basic', ...given }, source: 'the `credentials` input' };
  return undefined;
}

function fromDockerAuths(
  host: string,
  docker: DockerAuths,
  dockerPath: string,
): ResolvedCredential | undefined {
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
  signal?: AbortSignal,
): Promise<Credential | undefined> {
  const command = `docker-credential-${helper}`;
  const failed = (what: string): Error =>
    new Error(
      `${command} (the docker config's credential helper) ${what} for ${dockerHost}; check it ` +
        `with \`echo ${helperServer(dockerHost)} | ${command} get\`, log in again with docker ` +
        'login, or give this registry a credential another way',
    );
  const run = await runHelper(command, helperServer(dockerHost), env, timeoutMs, signal);
  if (run.outcome === 'not-found') {
    throw new Error(
      `${command} is not on PATH, and the docker config names it as the credential helper for ` +
        `${dockerHost}: install it, remove it from the docker config, or give this registry a ` +
        'credential another way',
    );
  }
  throwIfInterrupted(signal);
  if (run.outcome === 'timed-out') {
    throw failed(
      `timed out: it gave no answer within ${timeoutMs / 1000} s, and it (with anything it started) was stopped`,
    );
  }
  if (run.outcome === 'too-much') throw failed('answered with more than 1 MiB');
  // docker-credential-helpers' ErrCredentialsNotFound: the helper has nothing for this host.
  if (/credentials not found/i.test(`${run.stdout}\n${run.stderr}`)) return undefined;
  if (run.exitCode !== 0) throw failed(`failed (exit code ${String(run.exitCode)})`);
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(run.stdout) as typeof answer;
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

/** A helper's answer is a few hundred bytes; more is not an answer. */
const HELPER_OUTPUT_LIMIT = 1024 * 1024;
/** After SIGTERM, how long a helper has to go before its process group is killed. */
const HELPER_KILL_GRACE_MS = 2_000;

interface HelperRun {
  outcome: 'exited' | 'not-found' | 'timed-out' | 'too-much';
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a helper in a process group of its own, so that when it times out (or the run is
 * interrupted) SIGTERM and then SIGKILL reach it and whatever it started (a helper that
 * ignored SIGTERM held runs for minutes). Resolves once it is gone.
 */
function runHelper(
  command: string,
  input: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<HelperRun> {
  return new Promise((resolve) => {
    const child = spawn(command, ['get'], { env, detached: true, stdio: 'pipe' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let stopped: 'timed-out' | 'too-much' | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (why: 'timed-out' | 'too-much'): void => {
      if (stopped || child.pid === undefined) return;
      stopped = why;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => {
        killGroup(child.pid as number, 'SIGKILL');
        // Whatever still holds its pipes open is gone now; stop waiting for them.
        setTimeout(() => finish(null), 500).unref();
      }, HELPER_KILL_GRACE_MS);
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > HELPER_OUTPUT_LIMIT) stop('too-much');
      else into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const timer = setTimeout(() => stop('timed-out'), timeoutMs);
    const onAbort = (): void => stop('timed-out');
    signal?.addEventListener('abort', onAbort, { once: true });
    let done = false;
    const finish = (exitCode: number | null, notFound = false): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({
        outcome: notFound ? 'not-found' : (stopped ?? 'exited'),
        exitCode,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    };
    child.once('error', (error: NodeJS.ErrnoException) => finish(null, error.code === 'ENOENT'));
    child.once('close', (code) => finish(code));
    // A helper that exits without reading stdin is answered above, not by an EPIPE crash.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Where the stored credentials live, read once per run. */
export interface CredentialStores {
  /** The `credentials` input, by lower-case host. */
  fromInput: ReadonlyMap<string, BasicCredential>;
  /** The docker config; absent when this run doesn't read it. */
  docker?: DockerConfig;
  dockerPath: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/**
 * A host's stored credential, in docker's order after the `credentials` input: the docker
 * config's helper for the host, then its `auths`. Undefined: none is stored. A helper that
 * fails throws, naming itself and the host.
 */
export async function storedCredential(
  host: string,
  stores: CredentialStores,
): Promise<ResolvedCredential | undefined> {
  const given = fromCredentialsInput(host, stores.fromInput);
  if (given || !stores.docker) return given;
  const dockerHost = dockerHostOf(host);
  const helper = stores.docker.credHelpers.get(dockerHost) ?? stores.docker.credsStore;
  if (helper) {
    const credential = await credentialFromHelper(
      helper,
      dockerHost,
      stores.env,
      CREDENTIAL_HELPER_TIMEOUT_MS,
      stores.signal,
    );
    if (credential) {
      return {
        credential,
        source: `docker-credential-${helper} (named in ${stores.dockerPath})`,
      };
    }
  }
  return fromDockerAuths(host, stores.docker.auths, stores.dockerPath);
}
