import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRun, runAction } from '../harness/action.js';
import { type AliyunProfile, startAliyunProfile } from '../harness/aliyun.js';
import {
  blobOf,
  descriptorOf,
  imageManifestOf,
  makeMultiPlatformLayout,
  makeOciLayout,
  type MultiPlatformFixture,
  writeLayout,
} from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw } from '../harness/skopeo.js';

/**
 * Releases mirrored to the Aliyun profile (a token-mode registry behind a proxy that keeps
 * Aliyun's rules): the realm on another host, no auto-create, immutable repositories, a
 * depth limit. What lands is read from the registry behind with skopeo.
 */
let main: TestRegistry;
let backend: TestRegistry;
let aliyun: AliyunProfile;
let work: string;
let image: MultiPlatformFixture;

beforeAll(async () => {
  [main, backend] = await Promise.all([startRegistry('anonymous'), startRegistry('token')]);
  aliyun = await startAliyunProfile(backend);
  work = await mkdtemp(join(tmpdir(), 'oci-push-aliyun-'));
  image = await makeMultiPlatformLayout(join(work, 'image'));
});
afterAll(async () => {
  await aliyun?.close();
  await Promise.all([main, backend].map((r) => r?.stop()));
  await rm(work, { recursive: true, force: true });
});

function release(repository: string, extra: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    image: `oci:${image.dir}`,
    repository,
    registries: main.host,
    mirrors: aliyun.host,
    credentials: `${aliyun.host}=${backend.username}:${backend.password}`,
    build: 'release',
    version: '1.0.0',
    ...extra,
  });
}

interface Row {
  registry: string;
  status: string;
  error?: string;
}
const aliyunRow = (run: ActionRun): Row | undefined =>
  (JSON.parse(run.outputs.result ?? '[]') as Row[]).find((r) => r.registry === aliyun.host);

test('a mirror release reaches Aliyun end to end, with the token realm on another host', async () => {
  const repository = 'giantswarm/mirrored';
  aliyun.repositories.add(repository);
  const ping = await fetch(`http://${aliyun.host}/v2/`);
  expect(ping.headers.get('www-authenticate')).toContain('realm="http://localhost:');
  const tokensBefore = backend.tokenServer?.requests.length ?? 0;

  const run = await release(repository);
  expect(run.stdout).not.toContain('::warning');
  expect(run.code).toBe(0);
  expect(aliyunRow(run)?.status).toBe('pushed');
  expect((await inspectRaw(backend, `${repository}:1.0.0`)).equals(image.index.bytes)).toBe(true);
  expect(backend.tokenServer?.requests.length ?? 0).toBeGreaterThan(tokensBefore);
});

test('auto-create off: a missing repository is reported as missing, with the fix, not as bad credentials', async () => {
  const run = await release('newteam/not-created');
  const row = aliyunRow(run);
  expect(row?.status).toBe('failed');
  expect(row?.error).toContain('does not exist and the registry does not create it on push');
  expect(row?.error).toContain('automatic repository creation');
  expect(row?.error).not.toContain('refused the credentials');
  expect(aliyun.requests.filter((r) => r.path.includes('not-created/blobs/uploads'))).toEqual([]);
});

describe('an immutable repository', () => {
  const repository = 'giantswarm/immutable';
  beforeAll(() => {
    aliyun.repositories.add(repository);
    aliyun.immutable.add(repository);
  });

  test('a re-run of a release is unchanged', async () => {
    expect(aliyunRow(await release(repository))?.status).toBe('pushed');
    expect(aliyunRow(await release(repository))?.status).toBe('unchanged');
  });

  test("moving a version tag is refused, naming Aliyun's rule; the tag stays", async () => {
    const other = await makeOciLayout(join(work, 'other'));
    const run = await release(repository, { image: `oci:${other.dir}`, overwrite: 'true' });
    const row = aliyunRow(run);
    expect(row?.status).toBe('refused');
    expect(row?.error).toContain('immutable repository');
    expect(row?.error).toContain('cannot be overwritten');
    expect((await inspectRaw(backend, `${repository}:1.0.0`)).equals(image.index.bytes)).toBe(true);
  });
});

test('a path deeper than the registry allows is reported before any upload', async () => {
  aliyun.maxDepth = 2;
  try {
    const run = await release('giantswarm/charts/deep');
    const row = aliyunRow(run);
    expect(row?.status).toBe('failed');
    expect(row?.error).toContain('has 3 path levels');
    expect(aliyun.requests.filter((r) => r.path.includes('charts/deep/blobs/'))).toEqual([]);
  } finally {
    aliyun.maxDepth = undefined;
  }
});

test('an artifact with an empty config, refused as "unknown manifest class", says which edition refuses it', async () => {
  const repository = 'giantswarm/artifact';
  aliyun.repositories.add(repository);
  aliyun.refuseEmptyConfig = true;
  try {
    const config = blobOf('application/vnd.oci.empty.v1+json', Buffer.from('{}'));
    const layer = blobOf('application/vnd.example.payload.v1', Buffer.from('payload'));
    const manifest = imageManifestOf(config, [layer]);
    const dir = join(work, 'artifact');
    await writeLayout(dir, [manifest, config, layer], [descriptorOf(manifest)]);
    const row = aliyunRow(await release(repository, { image: `oci:${dir}` }));
    expect(row?.status).toBe('failed');
    expect(row?.error).toContain('unknown manifest class');
    expect(row?.error).toContain('Personal Edition');
  } finally {
    aliyun.refuseEmptyConfig = false;
  }
});
