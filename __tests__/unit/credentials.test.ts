import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  credentialFromHelper,
  parseCredentialHelpers,
  parseDockerAuths,
  resolveCredential,
} from '../../src/jobs/credentials.js';
import { isRunning } from '../harness/processes.js';

/** Running, and not a zombie waiting to be reaped. */
function isLive(pid: number): boolean {
  if (!isRunning(pid)) return false;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

test('reads auths as docker/login-action writes them, by host', () => {
  const auths = parseDockerAuths({
    auths: {
      'gsoci.azurecr.io': { auth: b64('user:pa:ss') },
      'https://giantswarm.azurecr.io/v1/': { username: 'u2', password: 'p2' },
      'https://index.docker.io/v1/': { auth: b64('hub:token') },
      'acr.azurecr.io': {
        auth: b64('00000000-0000-0000-0000-000000000000:'),
        identitytoken: 'refresh',
      },
      'empty.example': {},
    },
  });
  expect(Object.fromEntries(auths)).toEqual({
    'gsoci.azurecr.io': { kind: 'basic', username: 'user', password: 'pa:ss' },
    'giantswarm.azurecr.io': { kind: 'basic', username: 'u2', password: 'p2' },
    'docker.io': { kind: 'basic', username: 'hub', password: 'token' },
    'acr.azurecr.io': {
      kind: 'identity-token',
      token: 'refresh',
      username: '00000000-0000-0000-0000-000000000000',
    },
  });
});

test('a config without auths has none; a broken auth is an error that hides its value', () => {
  expect(parseDockerAuths({ credsStore: 'desktop' }).size).toBe(0);
  expect(() => parseDockerAuths({ auths: { 'a.io': { auth: b64('no-colon-secret') } } })).toThrow(
    /"auth" of a\.io is not base64 of user:password/,
  );
  try {
    parseDockerAuths({ auths: { 'a.io': { auth: b64('no-colon-secret') } } });
  } catch (error) {
    expect(String(error)).not.toContain('no-colon-secret');
  }
});

test('the credentials input wins over the docker config; Docker Hub hosts share one entry', () => {
  const docker = parseDockerAuths({
    auths: {
      'a.io': { auth: b64('docker:pw') },
      'https://index.docker.io/v1/': { auth: b64('hub:pw') },
    },
  });
  const input = new Map([['a.io', { username: 'input', password: 'pw' }]]);
  expect(resolveCredential('a.io', input, docker, '/cfg')).toEqual({
    credential: { kind: 'basic', username: 'input', password: 'pw' },
    source: 'the `credentials` input',
  });
  expect(resolveCredential('registry-1.docker.io', new Map(), docker, '/cfg')?.source).toBe('/cfg');
  expect(resolveCredential('b.io', input, docker, '/cfg')).toBeUndefined();
});

describe('docker credential helpers', () => {
  let bin: string;
  const helper = async (name: string, body: string): Promise<void> => {
    const path = join(bin, `docker-credential-${name}`);
    await writeFile(path, `#!/bin/sh\nread -r server\n${body}\n`);
    await chmod(path, 0o755);
  };
  const env = (): NodeJS.ProcessEnv => ({ PATH: `${bin}:${process.env.PATH ?? ''}` });

  beforeAll(async () => {
    bin = await mkdtemp(join(tmpdir(), 'oci-push-helpers-'));
    await helper(
      'basic',
      `printf '{"ServerURL":"%s","Username":"u-%s","Secret":"s3cret"}' "$server" "$server"`,
    );
    await helper('token', `printf '{"Username":"<token>","Secret":"refresh-tok"}'`);
    await helper('none', 'echo "credentials not found in native keychain"; exit 1');
    await helper('broken', 'echo "s3cret-in-an-error" >&2; exit 3');
    await helper('garbage', 'echo "s3cret not json"');
    await helper('slow', 'sleep 5');
  });
  afterAll(() => rm(bin, { recursive: true, force: true }));

  test('credsStore and credHelpers are read, by host; a bad helper name is refused', () => {
    expect(
      parseCredentialHelpers({
        credsStore: 'desktop',
        credHelpers: { 'gsoci.azurecr.io': 'acr-env', 'https://index.docker.io/v1/': 'pass' },
      }),
    ).toEqual({
      credsStore: 'desktop',
      credHelpers: new Map([
        ['gsoci.azurecr.io', 'acr-env'],
        ['docker.io', 'pass'],
      ]),
    });
    expect(parseCredentialHelpers({ credsStore: '' })).toEqual({ credHelpers: new Map() });
    expect(() => parseCredentialHelpers({ credsStore: '../../bin/sh' })).toThrow('credsStore');
  });

  test('the helper is asked for the host (Docker Hub by its v1 URL); <token> is an identity token', async () => {
    expect(await credentialFromHelper('basic', 'a.io', env())).toEqual({
      kind: 'basic',
      username: 'u-a.io',
      password: 's3cret',
    });
    expect(await credentialFromHelper('basic', 'docker.io', env())).toMatchObject({
      username: 'u-https://index.docker.io/v1/',
    });
    expect(await credentialFromHelper('token', 'a.io', env())).toEqual({
      kind: 'identity-token',
      token: 'refresh-tok',
    });
    expect(await credentialFromHelper('none', 'a.io', env())).toBeUndefined();
  });

  test.each([
    ['broken', 'failed (exit code 3) for a.io'],
    ['garbage', 'answered with something that is not JSON'],
    ['missing', 'docker-credential-missing is not on PATH'],
  ])(
    'a failing helper (%s) is an error naming it and the host, never its output',
    async (name, message) => {
      const error = await credentialFromHelper(name, 'a.io', env()).catch((e: Error) => e);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).toContain('a.io');
      expect((error as Error).message).not.toContain('s3cret');
    },
  );

  test('a helper that hangs is stopped, and says it timed out', async () => {
    await expect(credentialFromHelper('slow', 'a.io', env(), 200)).rejects.toThrow(
      "docker-credential-slow (the docker config's credential helper) timed out: it gave no answer within 0.2 s",
    );
  });

  test('a helper that ignores SIGTERM, and a child it started, are killed as a group', async () => {
    const pidFile = join(bin, 'stubborn.pid');
    // Ignores SIGTERM, and leaves a grandchild holding stdout open, as a wrapper script might.
    await helper('stubborn', `trap '' TERM\nsleep 300 &\necho $! > ${pidFile}\nwait`);
    const started = Date.now();
    const error = await credentialFromHelper('stubborn', 'a.io', env(), 300).catch((e: Error) => e);
    expect((error as Error).message).toContain('timed out: it gave no answer within 0.3 s');
    expect((error as Error).message).not.toContain('not JSON');
    // Stopped after the grace, not after the helper's 300 s.
    expect(Date.now() - started).toBeLessThan(60_000);
    const grandchild = Number((await readFile(pidFile, 'utf8')).trim());
    // Killed at once; its new parent reaps it a moment later.
    for (let i = 0; i < 50 && isLive(grandchild); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isLive(grandchild)).toBe(false);
  });
});
