import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoSecrets } from './harness/action.js';
import { makeSelfSignedCert } from './harness/certs.js';
import { makeOciLayout } from './harness/fixtures.js';
import { isRunning, runCommand } from './harness/processes.js';
import { type AuthMode, startRegistry, type TestRegistry } from './harness/registry.js';
import { inspectRaw, skopeo } from './harness/skopeo.js';
import { assertNoSecretFragments, knownSecrets } from './harness/secrets.js';
import { signJwt } from './harness/token-server.js';
import { HELM3, HELM4 } from './harness/tools.js';

/** The harness is what every later claim rests on, so it is tested too. */
describe.each<AuthMode>(['anonymous', 'basic', 'token'])(
  'a real docker-registry in %s mode',
  (mode) => {
    let registry: TestRegistry;
    let work: string;

    beforeAll(async () => {
      registry = await startRegistry(mode);
      work = await mkdtemp(join(tmpdir(), 'oci-push-harness-'));
    });
    afterAll(async () => {
      await registry?.stop();
      await rm(work, { recursive: true, force: true });
    });

    test('is Distribution, on loopback, challenging as its mode requires', async () => {
      expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
      const res = await fetch(`${registry.url}/v2/`);
      expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
      const challenge = res.headers.get('www-authenticate');
      if (mode === 'anonymous') {
        expect(res.status).toBe(200);
        expect(challenge).toBeNull();
      } else if (mode === 'basic') {
        expect(res.status).toBe(401);
        expect(challenge).toMatch(/^Basic realm="oci-push-test"/);
      } else {
        expect(res.status).toBe(401);
        expect(challenge).toContain(`Bearer realm="${registry.tokenServer?.realm}"`);
        expect(challenge).toContain('service="oci-push-test-registry"');
      }
    });

    test('accepts a push from skopeo with the right credentials, and refuses the wrong ones', async () => {
      const layout = await makeOciLayout(join(work, 'layout'));
      const repository = `harness/${mode}`;
      const creds =
        mode === 'anonymous' ? [] : [`--dest-creds=${registry.username}:${registry.password}`];
      const copied = await skopeo([
        'copy',
        '--dest-tls-verify=false',
        ...creds,
        `oci:${layout.dir}`,
        `docker://${registry.host}/${repository}:t`,
      ]);
      expect({ code: copied.code, stderr: copied.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await inspectRaw(registry, `${repository}:t`)).toEqual(layout.manifest.bytes);

      if (mode !== 'anonymous') {
        const wrong = await skopeo([
          'copy',
          '--dest-tls-verify=false',
          `--dest-creds=${registry.username}:wrong`,
          `oci:${layout.dir}`,
          `docker://${registry.host}/${repository}:u`,
        ]);
        expect(wrong.code).not.toBe(0);
        expect(wrong.stderr).toMatch(/unauthorized|authentication required|401/i);
      }
      if (mode === 'token') {
        const viaToken =
          registry.tokenServer?.requests.filter((r) => r.userAgent.includes('skopeo')) ?? [];
        expect(viaToken.some((r) => r.status === 200 && r.account === registry.username)).toBe(
          true,
        );
        expect(viaToken.some((r) => r.status === 401)).toBe(true);
      }
    });
  },
);

test('in token mode the registry verifies the token: a forged signature is refused', async () => {
  const registry = await startRegistry('token');
  try {
    const basic = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
    const issued = await fetch(
      `${registry.tokenServer?.realm}?service=oci-push-test-registry&scope=repository:a/b:pull`,
      {
        headers: { authorization: `Basic ${basic}` },
      },
    );
    const { token } = (await issued.json()) as { token: string };
    // The token it signed is a known secret: every run's leak check looks for it.
    expect(knownSecrets.has(token)).toBe(true);
    const ok = await fetch(`${registry.url}/v2/`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);

    const otherKey = await makeSelfSignedCert(registry.dir, 'forger');
    const access = [{ type: 'repository', name: 'a/b', actions: ['pull'] }];
    const forged = signJwt(
      {
        service: 'oci-push-test-registry',
        issuer: 'oci-push-test-issuer',
        cert: otherKey,
        users: {},
      },
      registry.username,
      access,
      300,
    );
    const refused = await fetch(`${registry.url}/v2/`, {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(refused.status).toBe(401);
  } finally {
    await registry.stop();
  }
});

test('a stopped registry leaves no process and no storage behind', async () => {
  const registry = await startRegistry('token');
  expect(isRunning(registry.pid)).toBe(true);
  await registry.stop();
  expect(isRunning(registry.pid)).toBe(false);
  expect(existsSync(registry.dir)).toBe(false);
  await expect(fetch(registry.tokenServer?.realm ?? '')).rejects.toThrow();
});

test.each([
  ['helm v3.17', HELM3, /^v3\.17\./],
  ['helm v4.1', HELM4, /^v4\.1\./],
])('%s is a real helm client', async (_name, helm, version) => {
  const result = await runCommand(helm, ['version', '--short']);
  expect(result.code).toBe(0);
  expect(result.stdout.trim()).toMatch(version);
});

test('the leak check catches a known secret in the log, including debug lines, and ignores ::add-mask::', () => {
  const run = { code: 0, stdout: '', stderr: '', outputs: {}, summary: '' };
  expect(() =>
    assertNoSecrets({ ...run, stdout: '::add-mask::hunter2\nok' }, ['hunter2']),
  ).not.toThrow();
  expect(() => assertNoSecrets({ ...run, stdout: '::debug::token hunter2' }, ['hunter2'])).toThrow(
    /SECRET LEAK.*log/,
  );
  expect(() => assertNoSecrets({ ...run, outputs: { ref: 'x hunter2' } }, ['hunter2'])).toThrow(
    /outputs/,
  );
  expect(() => assertNoSecrets({ ...run, summary: 'hunter2' }, ['hunter2'])).toThrow(/summary/);
});

test('the leak check catches six characters of a secret anywhere, and nothing shorter', () => {
  const run = { code: 0, stdout: '', stderr: '', outputs: {}, summary: '' };
  const secret = 'Hunter2SECRETvalue';
  // What a JSON parse error once printed of a docker config: ten characters of fifteen.
  expect(() =>
    assertNoSecrets({ ...run, stderr: `Unexpected token ..."password":Hunter2SEC"...` }, [secret]),
  ).toThrow(/SECRET LEAK: 6 characters of a known secret appear in the action's log/);
  expect(() => assertNoSecrets({ ...run, summary: 'xxTVALUExx-ETvaluexx' }, [secret])).toThrow(
    /summary/,
  );
  // Five characters are not a leak; a secret shorter than six is looked for whole.
  expect(() => assertNoSecrets({ ...run, stdout: 'Hunte r2SEC' }, [secret])).not.toThrow();
  expect(() => assertNoSecrets({ ...run, stdout: 'a pw1 b' }, ['pw1'])).toThrow(/SECRET LEAK/);
  expect(() => assertNoSecretFragments({ stderr: 'say Hunter2' }, [secret], 'the CLI')).toThrow(
    /the CLI's stderr/,
  );
});
