import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { listTags, skopeo, skopeoCredsArgs } from '../harness/skopeo.js';

/**
 * The orb's registries data, as a CircleCI context holds it (REGISTRIES_DATA_BASE64, with the
 * credentials in the variables each line names), read by the built CLI and by the action's
 * `registries-data` input, against real registries that want those credentials.
 */
let privateRegistry: TestRegistry;
let publicRegistry: TestRegistry;
let work: string;
let image: OciLayoutFixture;

beforeAll(async () => {
  [privateRegistry, publicRegistry] = await Promise.all([
    startRegistry('basic'),
    startRegistry('token'),
  ]);
  work = await mkdtemp(join(tmpdir(), 'oci-push-registries-data-'));
  image = await makeOciLayout(join(work, 'image'));
});
afterAll(async () => {
  await Promise.all([privateRegistry, publicRegistry].map((r) => r?.stop()));
  await rm(work, { recursive: true, force: true });
});

const data = (): string =>
  [
    `private ${privateRegistry.host} PRIV_USERNAME PRIV_PASSWORD true`,
    `public ${publicRegistry.host} PUB_USERNAME PUB_PASSWORD true`,
  ].join('\n');
/** The context's variables: the data, and the credentials it names. */
const context = (): Record<string, string> => ({
  REGISTRIES_DATA_BASE64: Buffer.from(data()).toString('base64'),
  PRIV_USERNAME: privateRegistry.username,
  PRIV_PASSWORD: privateRegistry.password,
  PUB_USERNAME: publicRegistry.username,
  PUB_PASSWORD: publicRegistry.password,
});
const circle = (extra: Record<string, string>): Record<string, string> => ({
  CIRCLECI: 'true',
  CIRCLE_SHA1: 'd47a'.repeat(10),
  CIRCLE_PROJECT_REPONAME: 'data-app',
  ...context(),
  ...extra,
});

async function holds(registry: TestRegistry, reference: string): Promise<boolean> {
  const result = await skopeo([
    'inspect',
    '--raw',
    '--tls-verify=false',
    ...skopeoCredsArgs(registry, '--creds'),
    `docker://${registry.host}/${reference}`,
  ]);
  return result.code === 0;
}

const push = (...more: string[]): string[] => ['push', '--image', `oci:${image.dir}`, ...more];

test('the CLI uses REGISTRIES_DATA_BASE64 when no --registries is given: a public release goes to the public line, with its credential', async () => {
  const run = await runCli(push('--repository', 'giantswarm/data-public'), {
    env: circle({ CIRCLE_TAG: 'v1.0.0' }),
  });
  expect({ code: run.code, stderr: run.stderr }).toEqual({
    code: 0,
    stderr: expect.stringContaining('Registries from REGISTRIES_DATA_BASE64'),
  });
  expect(await listTags(publicRegistry, 'giantswarm/data-public')).toEqual(['1.0.0']);
  expect(await listTags(privateRegistry, 'giantswarm/data-public')).toEqual([]);
  expect(run.stderr).toMatch(/skip image on 127\.0\.0\.1:\d+ \(registry\): a private registry/);
});

test('a private repository goes to the private line only; a dev build too, as its PUSH_DEV says', async () => {
  const release = await runCli(
    push('--repository', 'giantswarm/data-private', '--visibility', 'private'),
    { env: circle({ CIRCLE_TAG: 'v1.0.0' }) },
  );
  expect(release.code).toBe(0);
  expect(await listTags(privateRegistry, 'giantswarm/data-private')).toEqual(['1.0.0']);
  expect(await holds(publicRegistry, 'giantswarm/data-private:1.0.0')).toBe(false);

  const dev = await runCli(
    push('--repository', 'giantswarm/data-private-dev', '--visibility', 'private'),
    { env: circle({ CIRCLE_BRANCH: 'main' }) },
  );
  expect(dev.code).toBe(0);
  expect(await holds(privateRegistry, `giantswarm/data-private-dev@${image.manifest.digest}`)).toBe(
    true,
  );
  expect(await holds(publicRegistry, `giantswarm/data-private-dev@${image.manifest.digest}`)).toBe(
    false,
  );
});

test('--registries wins over REGISTRIES_DATA_BASE64', async () => {
  const run = await runCli(
    push('--repository', 'giantswarm/data-flag', '--registries', `${publicRegistry.host} dev`),
    {
      env: {
        ...circle({ CIRCLE_TAG: 'v1.0.0' }),
        OCI_PUSH_CREDENTIALS: `${publicRegistry.host}=${publicRegistry.username}:${publicRegistry.password}`,
      },
    },
  );
  expect(run.code).toBe(0);
  expect(run.stderr).not.toContain('REGISTRIES_DATA_BASE64');
  expect(await listTags(publicRegistry, 'giantswarm/data-flag')).toEqual(['1.0.0']);
});

test('--registries given blank is an input error, not a reason to fall back to REGISTRIES_DATA_BASE64', async () => {
  const run = await runCli(push('--repository', 'giantswarm/data-blank', '--registries', ''), {
    env: circle({ CIRCLE_TAG: 'v1.0.0' }),
  });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('registries: given, but empty');
  expect(await listTags(publicRegistry, 'giantswarm/data-blank')).toEqual([]);
});

test('a variable the data names that is not set: a warning, and the registry that wants it fails naming the host', async () => {
  const { PUB_PASSWORD: _, ...env } = circle({ CIRCLE_TAG: 'v1.0.0' });
  const run = await runCli(push('--repository', 'giantswarm/data-unset'), { env });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('PUB_PASSWORD is not set');
  expect(run.stderr).toMatch(new RegExp(`error: .*${publicRegistry.host.replace('.', '\\.')}`));
  expect(await holds(publicRegistry, 'giantswarm/data-unset:1.0.0')).toBe(false);
});

test('the action reads the same data from its registries-data input, credentials from the step env', async () => {
  const run = await runAction(
    { image: `oci:${image.dir}`, repository: 'giantswarm/data-action', 'registries-data': data() },
    {
      GITHUB_REF: 'refs/tags/v2.0.0',
      PRIV_USERNAME: privateRegistry.username,
      PRIV_PASSWORD: privateRegistry.password,
      PUB_USERNAME: publicRegistry.username,
      PUB_PASSWORD: publicRegistry.password,
    },
  );
  expect(run.code).toBe(0);
  expect(await listTags(publicRegistry, 'giantswarm/data-action')).toEqual(['2.0.0']);
  expect(await listTags(privateRegistry, 'giantswarm/data-action')).toEqual([]);
  // The username is masked like the password: the runner was told of both.
  expect(run.stdout).toContain(`::add-mask::${publicRegistry.username}`);
});

describe("the repository's visibility from GitHub's API, as the orb asked it", () => {
  let api: Server;
  let apiUrl: string;
  const seen: string[] = [];
  const visibilityOf: Record<string, string> = {
    '/repos/giantswarm/open-app': 'public',
    '/repos/giantswarm/closed-app': 'private',
  };
  beforeAll(async () => {
    api = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization}`);
      const visibility = visibilityOf[req.url ?? ''];
      res
        .writeHead(visibility ? 200 : 404, { 'content-type': 'application/json' })
        .end(JSON.stringify(visibility ? { private: visibility !== 'public', visibility } : {}));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

  test.each([
    ['open-app', 'public'],
    ['closed-app', 'private'],
  ])(
    'CircleCI with GITHUB_TOKEN: %s is %s, and goes to that line only',
    async (name, visibility) => {
      seen.length = 0;
      const repository = `giantswarm/api-${name}`;
      const run = await runCli(push('--repository', repository), {
        env: {
          ...circle({ CIRCLE_TAG: 'v1.0.0', CIRCLE_PROJECT_REPONAME: name }),
          CIRCLE_PROJECT_USERNAME: 'giantswarm',
          GITHUB_TOKEN: 'ghs_cli-test-token',
          GITHUB_API_URL: apiUrl,
          // No --visibility: the CLI must ask.
          OCI_PUSH_VISIBILITY: '',
        },
        secrets: ['ghs_cli-test-token'],
      });
      expect(run.code).toBe(0);
      expect(seen).toEqual([`/repos/giantswarm/${name} token ghs_cli-test-token`]);
      expect(run.stderr).toContain(`Repository visibility: ${visibility}, from the GitHub API`);
      const [yes, no] =
        visibility === 'public'
          ? [publicRegistry, privateRegistry]
          : [privateRegistry, publicRegistry];
      expect(await listTags(yes, repository)).toEqual(['1.0.0']);
      expect(await listTags(no, repository)).toEqual([]);
    },
  );

  test('an answer other than 200 counts as private, and says so', async () => {
    const run = await runCli(push('--repository', 'giantswarm/api-gone'), {
      env: {
        ...circle({ CIRCLE_TAG: 'v1.0.0', CIRCLE_PROJECT_REPONAME: 'gone' }),
        CIRCLE_PROJECT_USERNAME: 'giantswarm',
        GITHUB_TOKEN: 'ghs_cli-test-token',
        GITHUB_API_URL: apiUrl,
        OCI_PUSH_VISIBILITY: '',
      },
      secrets: ['ghs_cli-test-token'],
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'Repository visibility: private, unknown (the GitHub API answered 404 for giantswarm/gone)',
    );
    expect(await listTags(privateRegistry, 'giantswarm/api-gone')).toEqual(['1.0.0']);
    expect(await listTags(publicRegistry, 'giantswarm/api-gone')).toEqual([]);
  });
});
