import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRun, runAction } from '../harness/action.js';
import {
  makeMultiPlatformLayout,
  makeOciLayout,
  type MultiPlatformFixture,
} from '../harness/fixtures.js';
import { ownClient, ownDigest } from '../harness/own-client.js';
import { freePort } from '../harness/ports.js';
import { startRegistry, type TestRegistry, writesSince } from '../harness/registry.js';
import { holds, inspectRaw, listTags } from '../harness/skopeo.js';

/**
 * The action's policy end to end, as a runner runs dist/index.js: the new ACR (token auth,
 * takes dev builds), the old ACR (Basic auth, releases only) and a mirror (anonymous), all
 * real registries. skopeo checks what each one holds.
 */
let gsoci: TestRegistry;
let old: TestRegistry;
let mirror: TestRegistry;
let work: string;
let image: MultiPlatformFixture;

beforeAll(async () => {
  [gsoci, old, mirror] = await Promise.all([
    startRegistry('token'),
    startRegistry('basic'),
    startRegistry('anonymous'),
  ]);
  work = await mkdtemp(join(tmpdir(), 'oci-push-action-'));
  image = await makeMultiPlatformLayout(join(work, 'image'));
});
afterAll(async () => {
  await Promise.all([gsoci, old, mirror].map((r) => r?.stop()));
  await rm(work, { recursive: true, force: true });
});

const SHA = '5d1c0ffee5d1c0ffee5d1c0ffee5d1c0ffee5d1c';

function baseInputs(
  repository: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    image: `oci:${image.dir}`,
    repository,
    registries: `${gsoci.host} dev\n${old.host}`,
    mirrors: mirror.host,
    credentials: [gsoci, old].map((r) => `${r.host}=${r.username}:${r.password}`).join('\n'),
    ...extra,
  };
}

const onRef = (ref: string): Record<string, string> => ({ GITHUB_REF: ref, GITHUB_SHA: SHA });

interface ResultRow {
  registry: string;
  role: string;
  status: string;
  refs?: string[];
  reason?: string;
  error?: string;
  blobs?: Record<string, number>;
  tags?: { tag: string; action: string; previous?: string }[];
}
const rows = (run: ActionRun): ResultRow[] => JSON.parse(run.outputs.result ?? '[]') as ResultRow[];
const row = (run: ActionRun, registry: TestRegistry): ResultRow | undefined =>
  rows(run).find((r) => r.registry === registry.host);

test('a dev build goes by digest to the dev registry only: no tag anywhere, nothing on the old registry or the mirror', async () => {
  const run = await runAction(baseInputs('giantswarm/dev-app'), onRef('refs/heads/feature'));
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.outputs).toMatchObject({
    build: 'dev',
    // No checkout here: the commit's time is the build's, so only its shape is known.
    version: expect.stringMatching(new RegExp(`^0\\.0\\.1-dev\\.\\d{14}\\.g${SHA.slice(0, 12)}$`)),
    digest: image.index.digest,
    tags: '',
    refs: `${gsoci.host}/giantswarm/dev-app@${image.index.digest}`,
    ref: `${gsoci.host}/giantswarm/dev-app@${image.index.digest}`,
  });
  expect(await inspectRaw(gsoci, `giantswarm/dev-app@${image.index.digest}`)).toEqual(
    image.index.bytes,
  );
  expect(await listTags(gsoci, 'giantswarm/dev-app')).toEqual([]);
  expect(await ownDigest(gsoci, 'giantswarm/dev-app', image.index.digest)).toBe(image.index.digest);
  expect(await ownClient(gsoci).listTags('giantswarm/dev-app')).toEqual([]);
  expect(await ownDigest(old, 'giantswarm/dev-app', image.index.digest)).toBeUndefined();
  expect(await holds(old, `giantswarm/dev-app@${image.index.digest}`)).toBe(false);
  expect(await holds(mirror, `giantswarm/dev-app@${image.index.digest}`)).toBe(false);
  expect(row(run, old)).toMatchObject({
    status: 'skipped',
    reason: expect.stringContaining('not marked `dev`'),
  });
  expect(row(run, mirror)).toMatchObject({
    status: 'skipped',
    reason: 'mirrors receive releases only',
  });
  expect(run.summary).toContain(`dev build ${run.outputs.version}`);
  expect(run.summary).toContain('is not a release tag');
});

describe('a release', () => {
  const repository = 'giantswarm/release-app';
  let first: ActionRun;

  beforeAll(async () => {
    first = await runAction(baseInputs(repository, { tags: 'latest' }), onRef('refs/tags/v1.2.3'));
  });

  test('lands tagged in both registries and the mirror, exactly as built', async () => {
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.outputs.build).toBe('release');
    expect(first.outputs.version).toBe('1.2.3');
    expect(first.outputs.tags).toBe('1.2.3\nlatest');
    expect(first.outputs.refs?.split('\n')).toEqual(
      [gsoci, old, mirror].flatMap((r) => [
        `${r.host}/${repository}:1.2.3`,
        `${r.host}/${repository}:latest`,
      ]),
    );
    for (const registry of [gsoci, old, mirror]) {
      expect((await listTags(registry, repository)).sort()).toEqual(['1.2.3', 'latest']);
      expect((await ownClient(registry).listTags(repository)).sort()).toEqual(['1.2.3', 'latest']);
      expect(await ownDigest(registry, repository, '1.2.3')).toBe(image.index.digest);
      expect(await inspectRaw(registry, `${repository}:1.2.3`)).toEqual(image.index.bytes);
      for (const manifest of image.manifests) {
        expect(await inspectRaw(registry, `${repository}@${manifest.digest}`)).toEqual(
          manifest.bytes,
        );
      }
    }
    expect(first.summary).toContain('release 1.2.3');
    expect(first.summary).toContain('the tag v1.2.3 is a release tag');
  });

  test('a re-run is a no-op: already released everywhere, nothing uploaded', async () => {
    const registries = [gsoci, old, mirror];
    const marks = registries.map((r) => r.served.length);
    const again = await runAction(
      baseInputs(repository, { tags: 'latest' }),
      onRef('refs/tags/v1.2.3'),
    );
    expect(again.code).toBe(0);
    const pushed = rows(again).filter((r) => r.role !== undefined && r.status !== 'skipped');
    expect(pushed.map((r) => r.registry).sort()).toEqual(registries.map((r) => r.host).sort());
    for (const r of pushed) {
      expect(r.status).toBe('unchanged');
      expect(r.blobs?.uploaded).toBe(0);
    }
    // At each registry, by its own log: it was asked (the run reached it), and not one write
    // came in (no upload session, no blob, no manifest, no tag).
    registries.forEach((registry, i) => {
      const mark = marks[i] ?? 0;
      expect(
        registry.served.slice(mark).filter((r) => r.userAgent.startsWith('oci-push/')).length,
      ).toBeGreaterThan(0);
      expect(writesSince(registry, mark)).toEqual([]);
    });
    expect(again.summary).toContain('already there');
    expect(again.outputs.refs).toBe(first.outputs.refs);
  });

  test('a second release of the same version with a different image is refused, and no tag moves', async () => {
    const other = await makeOciLayout(join(work, 'other'));
    const run = await runAction(
      { ...baseInputs(repository), image: `oci:${other.dir}` },
      onRef('refs/tags/v1.2.3'),
    );
    // A refused release exits 3 from the action as from the CLI (docs/exit-codes.md).
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(
      `${gsoci.host}/${repository}:1.2.3 already holds ${image.index.digest}`,
    );
    expect(run.stdout).toContain('Release tags are immutable');
    expect(row(run, gsoci)?.status).toBe('refused');
    expect(row(run, old)?.status).toBe('refused');
    // The mirror is refused too, but a mirror only warns.
    expect(row(run, mirror)?.status).toBe('refused');
    expect(run.stdout).toContain('::warning title=oci-push%3A mirror');
    for (const registry of [gsoci, old, mirror]) {
      expect(await inspectRaw(registry, `${repository}:1.2.3`)).toEqual(image.index.bytes);
      expect(await ownDigest(registry, repository, '1.2.3')).toBe(image.index.digest);
      // Refused before any write: the other image isn't there even by digest.
      expect(await holds(registry, `${repository}@${other.manifest.digest}`)).toBe(false);
    }
    expect(run.summary).toContain('⛔ refused');
  });
});

test('overwrite: true moves a release tag on purpose, and the summary says from what', async () => {
  const repository = 'giantswarm/overwrite-app';
  const firstImage = await makeOciLayout(join(work, 'ow-1'));
  const secondImage = await makeOciLayout(join(work, 'ow-2'));
  const inputs = { ...baseInputs(repository), mirrors: '' };
  expect(
    (await runAction({ ...inputs, image: `oci:${firstImage.dir}` }, onRef('refs/tags/v2.0.0')))
      .code,
  ).toBe(0);
  const run = await runAction(
    { ...inputs, image: `oci:${secondImage.dir}`, overwrite: 'true' },
    onRef('refs/tags/v2.0.0'),
  );
  expect(run.code).toBe(0);
  expect(await inspectRaw(gsoci, `${repository}:2.0.0`)).toEqual(secondImage.manifest.bytes);
  expect(row(run, gsoci)?.tags).toEqual([
    { tag: '2.0.0', action: 'moved', previous: firstImage.manifest.digest },
  ]);
  expect(run.summary).toContain(`moved from \`${firstImage.manifest.digest}\``);
});

test('a dead mirror does not fail the release, but shows in result, the summary and a warning', async () => {
  const dead = `127.0.0.1:${await freePort()}`;
  const run = await runAction(
    baseInputs('giantswarm/mirror-app', { mirrors: dead }),
    onRef('refs/tags/v3.0.0'),
  );
  expect(run.code).toBe(0);
  expect(rows(run).find((r) => r.registry === dead)).toMatchObject({
    role: 'mirror',
    status: 'failed',
    error: expect.stringContaining('could not be reached'),
  });
  expect(run.summary).toContain(
    `\`${dead}/giantswarm/mirror-app\` (mirror) | 🟡 failed, not blocking`,
  );
  expect(run.stdout).toContain(
    `::warning title=oci-push%3A mirror ${dead.replace(':', '%3A')} failed::`,
  );
  expect(await inspectRaw(gsoci, 'giantswarm/mirror-app:3.0.0')).toEqual(image.index.bytes);
  expect(await inspectRaw(old, 'giantswarm/mirror-app:3.0.0')).toEqual(image.index.bytes);
}, 60_000);

test('a failing main registry fails the job, but only after the others have finished', async () => {
  const dead = `127.0.0.1:${await freePort()}`;
  const run = await runAction(
    baseInputs('giantswarm/main-fail', { registries: `${gsoci.host} dev\n${dead}` }),
    onRef('refs/tags/v1.0.0'),
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(
    `::error::oci-push failed on ${dead}; the other registries finished.`,
  );
  expect(await inspectRaw(gsoci, 'giantswarm/main-fail:1.0.0')).toEqual(image.index.bytes);
  expect(await inspectRaw(mirror, 'giantswarm/main-fail:1.0.0')).toEqual(image.index.bytes);
}, 60_000);

test('a private repository is never pushed to a public registry', async () => {
  const event = join(work, 'private-event.json');
  await writeFile(
    event,
    JSON.stringify({
      repository: { full_name: 'giantswarm/secret', private: true, visibility: 'private' },
    }),
  );
  const run = await runAction(
    baseInputs('giantswarm/private-app', {
      registries: `${gsoci.host} dev public\n${old.host} private`,
      mirrors: `${mirror.host} public`,
    }),
    { ...onRef('refs/tags/v1.0.0'), GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: 'push' },
  );
  expect(run.code).toBe(0);
  expect(await holds(gsoci, 'giantswarm/private-app:1.0.0')).toBe(false);
  expect(await holds(mirror, 'giantswarm/private-app:1.0.0')).toBe(false);
  expect(await inspectRaw(old, 'giantswarm/private-app:1.0.0')).toEqual(image.index.bytes);
  expect(row(run, gsoci)).toMatchObject({
    status: 'skipped',
    reason: expect.stringContaining('a private repository is never pushed to it'),
  });
  expect(run.summary).toContain('private, from the event payload');
});

describe('visibility from the GitHub API', () => {
  let api: Server;
  let apiUrl: string;
  let answer: { status: number; body: object };
  const seen: string[] = [];
  beforeAll(async () => {
    api = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

  test.each([
    ['private', { status: 200, body: { private: true, visibility: 'private' } }, false],
    ['public', { status: 200, body: { private: false, visibility: 'public' } }, true],
    ['unknown, so private (fail closed)', { status: 500, body: { message: 'boom' } }, false],
  ])(
    '%s',
    async (_case, response, reachesPublic) => {
      answer = response;
      seen.length = 0;
      const repository = `giantswarm/api-${reachesPublic ? 'pub' : 'priv'}-${Math.random().toString(36).slice(2, 8)}`;
      const run = await runAction(
        {
          ...baseInputs(repository, {
            registries: `${gsoci.host} dev public\n${old.host} public/private`,
            mirrors: '',
          }),
          'github-token': 'ghs_test-token',
        },
        {
          ...onRef('refs/tags/v1.0.0'),
          // No event payload: the visibility must come from the API.
          GITHUB_EVENT_PATH: '',
          GITHUB_API_URL: apiUrl,
          GITHUB_REPOSITORY: 'giantswarm/some-repo',
        },
        { secrets: ['ghs_test-token'] },
      );
      expect(run.code).toBe(0);
      expect(seen[0]).toBe('GET /repos/giantswarm/some-repo token ghs_test-token');
      expect(await holds(gsoci, `${repository}:1.0.0`)).toBe(reachesPublic);
      expect(await holds(old, `${repository}:1.0.0`)).toBe(true);
    },
    60_000,
  );
});

test('dry-run shows the whole plan, reads the registries, and writes nothing', async () => {
  const run = await runAction(
    baseInputs('giantswarm/dry-app', { 'dry-run': 'true', tags: 'latest' }),
    onRef('refs/tags/v1.0.0'),
  );
  expect(run.code).toBe(0);
  expect(run.summary).toContain('dry run: nothing was written');
  expect(run.summary).toContain('🔍 would push');
  expect(run.summary).toContain(`\`${gsoci.host}/giantswarm/dry-app:1.0.0\``);
  expect(run.outputs.refs).toBe('');
  for (const registry of [gsoci, old, mirror]) {
    expect(await holds(registry, `giantswarm/dry-app@${image.index.digest}`)).toBe(false);
    expect(await listTags(registry, 'giantswarm/dry-app')).toEqual([]);
  }
  expect(row(run, gsoci)?.blobs?.uploaded).toBe(image.blobs.length);
});

describe('credentials', () => {
  test('from the docker config that docker/login-action writes, including an identity token', async () => {
    const dockerConfig = join(work, 'docker');
    await mkdir(dockerConfig, { recursive: true });
    await writeFile(
      join(dockerConfig, 'config.json'),
      JSON.stringify({
        auths: {
          [gsoci.host]: {
            auth: Buffer.from('00000000-0000-0000-0000-000000000000:').toString('base64'),
            identitytoken: gsoci.refreshToken,
          },
          [`https://${old.host}`]: {
            auth: Buffer.from(`${old.username}:${old.password}`).toString('base64'),
          },
        },
      }),
    );
    const before = gsoci.tokenServer?.requests.length ?? 0;
    const run = await runAction(
      { ...baseInputs('giantswarm/docker-config-app'), credentials: '', mirrors: '' },
      { ...onRef('refs/tags/v1.0.0'), DOCKER_CONFIG: dockerConfig },
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await inspectRaw(gsoci, 'giantswarm/docker-config-app:1.0.0')).toEqual(
      image.index.bytes,
    );
    expect(await inspectRaw(old, 'giantswarm/docker-config-app:1.0.0')).toEqual(image.index.bytes);
    const ours =
      gsoci.tokenServer?.requests
        .slice(before)
        .filter((r) => r.userAgent.startsWith('oci-push/')) ?? [];
    expect(ours.map((r) => `${r.grantType} ${r.status}`)).toContain('refresh_token 200');
    expect(run.stdout).toContain(
      `${gsoci.host}: credential from ${join(dockerConfig, 'config.json')}`,
    );
  });

  test('a registry that needs a credential and has none fails, naming the host and both ways to give one', async () => {
    const run = await runAction(
      { ...baseInputs('giantswarm/no-creds'), credentials: '', mirrors: '' },
      { ...onRef('refs/heads/main'), DOCKER_CONFIG: join(work, 'no-docker') },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${gsoci.host} requires authentication and no credential was found for it; add \`${gsoci.host}=USERNAME:PASSWORD\` to the \`credentials\` input, or log in to ${gsoci.host} with docker/login-action`,
    );
    expect(run.stdout.match(/::error/g)).toHaveLength(2);
  });

  test('a pull request from a fork, with no secrets: one notice, no wall of 401s, and the job passes', async () => {
    const event = join(work, 'fork-event.json');
    const head = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd';
    await writeFile(
      event,
      JSON.stringify({
        repository: { full_name: 'giantswarm/app', private: false, visibility: 'public' },
        pull_request: { head: { sha: head, repo: { full_name: 'someone/app', fork: true } } },
      }),
    );
    const run = await runAction(
      { ...baseInputs('giantswarm/fork-app'), credentials: '', mirrors: '' },
      {
        GITHUB_REF: 'refs/pull/12/merge',
        GITHUB_SHA: SHA,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        DOCKER_CONFIG: join(work, 'no-docker'),
      },
    );
    expect(run.code).toBe(0);
    expect(run.outputs.version).toMatch(
      new RegExp(`^0\\.0\\.1-dev\\.\\d{14}\\.g${head.slice(0, 12)}$`),
    );
    const notices = run.stdout.split('\n').filter((l) => l.startsWith('::notice'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('this pull request comes from a fork');
    expect(notices[0]).toContain('`credentials` input');
    expect(run.stdout).not.toContain('::error');
    expect(row(run, gsoci)?.status).toBe('skipped');
  });
});
