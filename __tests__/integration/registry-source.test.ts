import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../harness/action.js';
import { makeMultiPlatformLayout, type MultiPlatformFixture } from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, skopeo, skopeoCredsArgs } from '../harness/skopeo.js';

/**
 * `docker://HOST/REPO[:TAG|@DIGEST]` as the source: a release copied from one registry to
 * another (how a runner in China copies from gsoci to Aliyun), and a promotion within one
 * registry, where every blob is mounted and none is uploaded.
 */
let source: TestRegistry;
let target: TestRegistry;
let work: string;
let image: MultiPlatformFixture;

beforeAll(async () => {
  [source, target] = await Promise.all([startRegistry('basic'), startRegistry('token')]);
  work = await mkdtemp(join(tmpdir(), 'oci-push-regsrc-'));
  image = await makeMultiPlatformLayout(join(work, 'image'));
  const seeded = await skopeo([
    'copy',
    '--all',
    '--dest-tls-verify=false',
    ...skopeoCredsArgs(source, '--dest-creds'),
    `oci:${image.dir}`,
    `docker://${source.host}/giantswarm/app:1.2.3`,
  ]);
  if (seeded.code !== 0) throw new Error(`seeding the source failed: ${seeded.stderr}`);
});
afterAll(async () => {
  await Promise.all([source, target].map((r) => r?.stop()));
  await rm(work, { recursive: true, force: true });
});

const credentials = (): string =>
  [source, target].map((r) => `${r.host}=${r.username}:${r.password}`).join('\n');

test('registry to registry: the release lands with the source index digest, byte for byte', async () => {
  const run = await runAction({
    image: `docker://${source.host}/giantswarm/app:1.2.3`,
    repository: 'giantswarm/app',
    registries: target.host,
    build: 'release',
    version: '1.2.3',
    credentials: credentials(),
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.outputs.digest).toBe(image.index.digest);
  expect(run.outputs.ref).toBe(`${target.host}/giantswarm/app:1.2.3`);
  const raw = await inspectRaw(target, 'giantswarm/app:1.2.3');
  expect(raw.equals(image.index.bytes)).toBe(true);
  for (const manifest of image.manifests) {
    expect(
      (await inspectRaw(target, `giantswarm/app@${manifest.digest}`)).equals(manifest.bytes),
    ).toBe(true);
  }
  // The source's credentials came from the same `credentials` input; the target's token
  // service saw our push token requests.
  expect(run.stdout).toContain(`${source.host}: credential from the \`credentials\` input`);
});

test('by digest within one registry: a promotion mounts every blob and uploads none', async () => {
  const run = await runAction({
    image: `docker://${source.host}/giantswarm/app@${image.index.digest}`,
    repository: 'giantswarm/app-stable',
    registries: source.host,
    build: 'release',
    version: '1.2.3',
    credentials: credentials(),
  });
  expect(run.code).toBe(0);
  const [row] = JSON.parse(run.outputs.result ?? '[]') as {
    blobs: Record<string, number>;
    bytes: number;
  }[];
  expect(row?.blobs).toEqual({ uploaded: 0, mounted: image.blobs.length, skipped: 0 });
  expect(row?.bytes).toBe(0);
  // The registry's log: one mount per blob, answered 201, from the source repository.
  const mounts = source
    .logs()
    .split('\n')
    .filter((l) => l.includes('msg="response completed"') && /[?&]mount=sha256/.test(l));
  expect(mounts).toHaveLength(image.blobs.length);
  for (const line of mounts) {
    expect(line).toContain('from=giantswarm%2Fapp"');
    expect(line).toContain('http.response.status=201');
  }
  const raw = await inspectRaw(source, 'giantswarm/app-stable:1.2.3');
  expect(raw.equals(image.index.bytes)).toBe(true);
});
