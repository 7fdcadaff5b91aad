import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRun, runAction } from '../harness/action.js';
import {
  blobDigestOf,
  type FaultProxy,
  type FaultRequest,
  faults,
  type ProxiedRequest,
  startFaultProxy,
} from '../harness/fault-proxy.js';
import {
  type FixtureBlob,
  makeMultiPlatformLayout,
  type MultiPlatformFixture,
} from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, listTags, skopeo } from '../harness/skopeo.js';

/**
 * Issue #12: a `docker://` source whose connection drops partway through a manifest or blob
 * body. Source reads are retried as target writes are, a blob resumes with `Range`, and an
 * error that persists names the source host and the `image` input. A fault proxy stands in
 * front of the source registry; the built action releases from it to a second registry.
 */
let source: TestRegistry;
let target: TestRegistry;
let proxy: FaultProxy;
let work: string;
let image: MultiPlatformFixture;
/** The largest layer: megabytes, so a cut lands well inside it. */
let layer: FixtureBlob;

beforeAll(async () => {
  [source, target] = await Promise.all([startRegistry('anonymous'), startRegistry('anonymous')]);
  proxy = await startFaultProxy(source.host);
  work = await mkdtemp(join(tmpdir(), 'oci-push-source-faults-'));
  image = await makeMultiPlatformLayout(join(work, 'image'), {
    layerSizes: [1024 * 1024, 2 * 1024 * 1024, 3 * 1024 * 1024],
  });
  const seeded = await skopeo([
    'copy',
    '--all',
    '--dest-tls-verify=false',
    `oci:${image.dir}`,
    `docker://${source.host}/giantswarm/app:1.2.3`,
  ]);
  if (seeded.code !== 0) throw new Error(`seeding the source failed: ${seeded.stderr}`);
  const [largest] = [...image.blobs].sort((a, b) => b.size - a.size);
  if (!largest) throw new Error('the fixture has no blobs');
  layer = largest;
});
afterAll(async () => {
  await proxy?.close();
  await Promise.all([source, target].map((r) => r?.stop()));
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => {
  proxy.setPlan(faults.none());
  proxy.reset();
});

/** A release of the source's 1.2.3, read through the proxy, to `repository` at the target. */
const release = (repository: string): Promise<ActionRun> =>
  runAction({
    image: `docker://${proxy.host}/giantswarm/app:1.2.3`,
    repository,
    registries: target.host,
    build: 'release',
    version: '1.2.3',
  });

interface ResultRow {
  registry: string;
  repository?: string;
  status: string;
  error?: string;
}
const rows = (run: ActionRun): ResultRow[] => JSON.parse(run.outputs.result ?? '[]') as ResultRow[];

/** Every error the run shows a user: its error annotations and its rows' errors. */
const errorsOf = (run: ActionRun): string[] => [
  ...run.stdout.split('\n').filter((line) => line.startsWith('::error')),
  ...rows(run).flatMap((r) => (r.error === undefined ? [] : [r.error])),
];

/** The target holds the source's index and every child, byte for byte, under the tag. */
async function expectReleased(run: ActionRun, repository: string): Promise<void> {
  expect({ code: run.code, errors: errorsOf(run) }).toEqual({ code: 0, errors: [] });
  expect(rows(run)).toMatchObject([{ registry: target.host, repository, status: 'pushed' }]);
  expect(run.outputs.digest).toBe(image.index.digest);
  expect((await inspectRaw(target, `${repository}:1.2.3`)).equals(image.index.bytes)).toBe(true);
  for (const manifest of image.manifests) {
    const raw = await inspectRaw(target, `${repository}@${manifest.digest}`);
    expect(raw.equals(manifest.bytes)).toBe(true);
  }
}

const isLayerGet = (r: { method: string; kind: string; path: string; query: URLSearchParams }) =>
  r.method === 'GET' && r.kind === 'blob' && blobDigestOf(r) === layer.digest;

/** An answer whose status and headers went out and whose body was then cut. */
const cutMidBody = (r: ProxiedRequest): boolean =>
  r.fault !== 'pass' &&
  ('cutResponseFraction' in r.fault || 'cutResponseAfter' in r.fault) &&
  r.status !== undefined &&
  r.status < 300 &&
  r.error !== undefined;

/** Where a `Range: bytes=N-` asks the body to start; 0 without one. */
const rangeStart = (headers: FaultRequest['headers']): number =>
  Number(/^bytes=(\d+)-$/.exec(headers.range ?? '')?.[1] ?? 0);

describe('10 seeded runs with source GETs failed, lost or cut mid-body', () => {
  const cut: ProxiedRequest[] = [];

  test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    'seed %i: the release completes with the source digests',
    async (seed) => {
      proxy.setPlan(
        faults.random({
          rate: 0.3,
          seed,
          kinds: ['cutResponseBody', '5xx', 'cutResponse'],
          match: (r) => r.method === 'GET' && (r.kind === 'blob' || r.kind === 'manifest'),
        }),
      );
      const repository = `giantswarm/app-seed-${seed}`;
      const run = await release(repository);
      cut.push(...proxy.requests.filter(cutMidBody));
      await expectReleased(run, repository);
    },
  );

  // Manifest faults depend on the seed alone (a manifest path has no blob digest to hash), and
  // seeds 1, 3, 6, 7 and 9 cut a manifest body; blob faults also on the fixture's digests.
  test('those runs did cut blob and manifest bodies mid-way', () => {
    expect(cut.filter((r) => r.kind === 'blob').length).toBeGreaterThan(0);
    expect(cut.filter((r) => r.kind === 'manifest').length).toBeGreaterThan(0);
  });
});

test('a blob cut mid-body on every attempt fails the release, naming the source host and `image`; nothing is tagged', async () => {
  // The link always drops at the layer's middle byte, whatever `Range` asks: no attempt,
  // resumed or not, can finish it.
  const middle = Math.floor(layer.size / 2);
  proxy.setPlan(
    faults.on(isLayerGet, (r) => ({
      cutResponseAfter: Math.max(0, middle - rangeStart(r.headers)),
    })),
  );
  const repository = 'giantswarm/app-always-cut';
  const run = await release(repository);

  expect(run.code).not.toBe(0);
  const failed = rows(run).filter((r) => r.status === 'failed');
  expect(failed.length).toBeGreaterThan(0);
  for (const row of failed) {
    expect(row.error).toContain(proxy.host);
    expect(row.error).toMatch(/`image`/);
  }
  // The closing "failed on <target>" line stays generic; the error itself says where.
  const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
  expect(annotations.some((line) => line.includes(proxy.host) && line.includes('`image`'))).toBe(
    true,
  );
  for (const error of errorsOf(run)) expect(error).not.toMatch(/(^|::|: )aborted\.?$/);
  // Retried before it gave up.
  expect(proxy.requests.filter(isLayerGet).length).toBeGreaterThan(1);
  expect(await listTags(target, repository)).toEqual([]);
});

test('a blob cut mid-body once resumes with `Range` from where the body stopped', async () => {
  const cutAt = 1024 * 1024;
  proxy.setPlan(faults.on(isLayerGet, { cutResponseAfter: cutAt }, 1));
  const repository = 'giantswarm/app-resumed';
  const run = await release(repository);

  await expectReleased(run, repository);
  const [first, resumed] = proxy.requests.filter(isLayerGet);
  expect(first).toMatchObject({ status: 200, responseBytes: cutAt });
  expect(first?.headers.range).toBeUndefined();
  expect(resumed?.headers.range).toMatch(/^bytes=\d+-$/);
  const from = rangeStart(resumed?.headers ?? {});
  expect(from).toBeGreaterThan(0);
  expect(from).toBeLessThanOrEqual(cutAt);
  expect(resumed).toMatchObject({ status: 206, responseBytes: layer.size - from });
});

test('a resumed blob whose GET fails past the transport retries is asked again, and the release completes', async () => {
  // Cut once mid-body, then six server errors: one more than a request's own retries.
  let layerGets = 0;
  proxy.setPlan(
    faults.on(isLayerGet, () => {
      layerGets++;
      if (layerGets === 1) return { cutResponseAfter: 1024 * 1024 };
      return layerGets <= 7 ? { status: 503 } : 'pass';
    }),
  );
  const repository = 'giantswarm/app-resumed-late';
  const run = await release(repository);

  await expectReleased(run, repository);
  const gets = proxy.requests.filter(isLayerGet);
  expect(gets.filter((r) => r.status === 503)).toHaveLength(6);
  expect(gets.at(-1)).toMatchObject({ status: 206 });
});
