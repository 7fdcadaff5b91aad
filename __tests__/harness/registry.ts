import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSelfSignedCert } from './certs.js';
import { freePort } from './ports.js';
import { runCommand, spawnTracked, stopProcess } from './processes.js';
import { knownSecrets } from './secrets.js';
import { startTokenServer, type TokenServer } from './token-server.js';

/**
 * A real CNCF Distribution registry (Debian's `docker-registry`) on 127.0.0.1, on a free
 * port, with its own temporary storage, in one of three auth modes:
 * - `anonymous`: no auth;
 * - `basic`: htpasswd (bcrypt) Basic auth;
 * - `token`: Bearer tokens from a test token service, as Docker Hub and ACR work.
 */
export type AuthMode = 'anonymous' | 'basic' | 'token';

export interface TestRegistry {
  mode: AuthMode;
  /** `127.0.0.1:PORT` */
  host: string;
  url: string;
  pid: number;
  /** The account that may push (basic and token modes). */
  username: string;
  password: string;
  /** In token mode: a refresh token the token service accepts for `username`. */
  refreshToken: string;
  tokenServer?: TokenServer;
  dir: string;
  /** The registry's recent log lines, for failing tests' messages. */
  logs(): string;
  /**
   * Every request the registry served, from its own log, oldest first: what reached the
   * registry, independent of what a client says it did. `served.length` marks a moment.
   */
  readonly served: readonly ServedRequest[];
  stop(): Promise<void>;
}

/** One request as Distribution logs it ("response completed"). */
export interface ServedRequest {
  method: string;
  uri: string;
  status: number;
  userAgent: string;
}

const WRITES = new Set(['PUT', 'POST', 'PATCH', 'DELETE']);

/** The writes among `served` since `mark` (a `served.length` taken before). */
export function writesSince(registry: TestRegistry, mark: number): ServedRequest[] {
  return registry.served.slice(mark).filter((r) => WRITES.has(r.method));
}

/** A Distribution log line of a served request, parsed; undefined for any other line. */
function servedRequest(line: string): ServedRequest | undefined {
  if (!line.includes('msg="response completed')) return undefined;
  const field = (name: string): string | undefined =>
    new RegExp(`${name.replace(/\./g, '\\.')}=(?:"([^"]*)"|(\\S+))`)
      .exec(line)
      ?.slice(1)
      .find((v) => v !== undefined);
  const method = field('http.request.method');
  if (!method) return undefined;
  return {
    method,
    uri: field('http.request.uri') ?? '',
    status: Number(field('http.response.status') ?? 0),
    userAgent: field('http.request.useragent') ?? '',
  };
}

/** Every password and token the harness hands out (see `secrets.ts`), for the older imports. */
export { knownSecrets } from './secrets.js';

/** Every temporary directory of the harness starts with this, so leftovers are findable. */
export const HARNESS_PREFIX = 'oci-push-registry-';

export interface RegistryOptions {
  /**
   * Accept manifests whose layers name `urls` (foreign, non-distributable layers), as ACR and
   * Docker Hub do. Distribution refuses them unless `validation.manifests.urls.allow` is set.
   */
  foreignLayerUrls?: boolean;
}

export async function startRegistry(
  mode: AuthMode,
  options: RegistryOptions = {},
): Promise<TestRegistry> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(mode, options);
    } catch (error) {
      // Another process may have taken the free port between probe and bind; try another.
      if (attempt >= 3 || !String(error).includes('address already in use')) throw error;
    }
  }
}

async function startOnce(mode: AuthMode, options: RegistryOptions): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), HARNESS_PREFIX));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const username = 'oci-push-test';
  // A password with ':' and '=' in it, as real ones have: credentials parsing must cope.
  const password = `p:a=ss-${randomBytes(9).toString('base64url')}`;
  // Random base64url behind a prefix that is no word: the leak check matches fragments.
  const refreshToken = `rtk_${randomBytes(18).toString('base64url')}`;
  knownSecrets.add(password);
  knownSecrets.add(refreshToken);
  let tokenServer: TokenServer | undefined;
  let authConfig = '';

  if (mode === 'basic') {
    const htpasswd = await runCommand('htpasswd', ['-Bbn', username, password]);
    if (htpasswd.code !== 0) throw new Error(`htpasswd failed: ${htpasswd.stderr}`);
    await writeFile(join(dir, 'htpasswd'), htpasswd.stdout);
    authConfig = `auth:\n  htpasswd:\n    realm: oci-push-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (mode === 'token') {
    const cert = await makeSelfSignedCert(dir, 'oci-push-token-issuer');
    tokenServer = await startTokenServer({
      service: 'oci-push-test-registry',
      issuer: 'oci-push-test-issuer',
      cert,
      users: { [username]: password },
      refreshTokens: { [refreshToken]: username },
    });
    authConfig =
      `auth:\n  token:\n    realm: ${tokenServer.realm}\n    service: oci-push-test-registry\n` +
      `    issuer: oci-push-test-issuer\n    rootcertbundle: ${cert.certPath}\n    autoredirect: false\n`;
  }

  const config =
    `version: 0.1\n` +
    `log:\n  level: info\n  formatter: text\n  accesslog:\n    disabled: true\n` +
    `storage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\n` +
    `  maintenance:\n    uploadpurging:\n      enabled: false\n` +
    `http:\n  addr: ${host}\n  secret: ${randomBytes(16).toString('hex')}\n` +
    (options.foreignLayerUrls
      ? `validation:\n  manifests:\n    urls:\n      allow:\n        - ^https?://\n`
      : '') +
    authConfig;
  const configPath = join(dir, 'config.yml');
  await writeFile(configPath, config);

  const child = spawnTracked('docker-registry', ['serve', configPath]);
  const lines: string[] = [];
  const served: ServedRequest[] = [];
  let partial = '';
  const keep = (chunk: Buffer): void => {
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete.filter(Boolean)) {
      lines.push(line);
      const request = servedRequest(line);
      if (request) served.push(request);
    }
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const cleanup = async (): Promise<void> => {
    await stopProcess(child);
    await tokenServer?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(`http://${host}/v2/`, child, () => lines.join('\n'));
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    mode,
    host,
    url: `http://${host}`,
    pid: child.pid ?? -1,
    username,
    password,
    refreshToken,
    ...(tokenServer && { tokenServer }),
    dir,
    logs: () => lines.join('\n'),
    served,
    stop: cleanup,
  };
}

async function waitUntilServing(
  url: string,
  child: ChildProcess,
  logs: () => string,
): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`docker-registry exited with ${child.exitCode} before serving:\n${logs()}`);
    }
    try {
      const res = await fetch(url);
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not serve ${url} within 20 s:\n${logs()}`);
}
