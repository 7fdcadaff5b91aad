import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobHolders, copyGraph, loadGraph, type TargetResult } from '../../src/engine/copy.js';
import type { Credential } from '../../src/registry/auth.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';
import { withRetry, DEFAULT_RETRY_POLICY } from '../../src/registry/retry.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { startFaultProxy } from '../harness/fault-proxy.js';
import {
  blobOf,
  descriptorOf,
  makeMultiPlatformLayout,
  makeOciLayout,
  writeLayout,
} from '../harness/fixtures.js';
import { startRecordingProxy } from '../harness/recording-proxy.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, skopeo } from '../harness/skopeo.js';

/**
 * The copy engine against the real registry: chunked uploads, multi-platform graphs, and
 * what skopeo reads back. Every result is checked with skopeo, not only with our client.
 */
let registry: TestRegistry;
let work: string;
beforeAll(async () => {
  registry = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-engine-'));
});
afterAll(async () => {
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

function clientFor(
  host: string,
  options: { chunkSize?: number; credential?: Credential } = {},
): RegistryClient {
  return new RegistryClient({
    endpoint: { host },
    send: withRetry(createTransport({ userAgent: 'oci-push-test' }), {
      ...DEFAULT_RETRY_POLICY,
      baseDelayMs: 10,
    }),
    sleep: () => Promise.resolve(),
    ...options,
  });
}

function expectPushed(results: TargetResult[]): void {
  for (const result of results) {
    if (result.error) throw result.error;
    expect(result.status).toBe('pushed');
  }
}

test('a large layer goes up in PATCH chunks and skopeo reads back the exact bytes', async () => {
  // 1 MiB chunks: the 3.5 MiB layer takes four PATCHes, the last one short.
  const layout = await makeOciLayout(join(work, 'chunked'), {
    layerSizes: [3.5 * 1024 * 1024, 2048],
  });
  const source = new OciLayoutSource(layout.dir);
  const graph = await loadGraph(source);
  const client = clientFor(registry.host, { chunkSize: 1024 * 1024 });
  const results = await copyGraph(source, graph, [{ client, repository: 'engine/chunked' }], {
    tags: ['1.0.0'],
  });
  expectPushed(results);
  expect(results[0]?.blobs.uploaded).toBe(3);

  // skopeo pulls it into a fresh layout; every blob must be byte-identical.
  const back = join(work, 'chunked-back');
  const copied = await skopeo([
    'copy',
    '--src-tls-verify=false',
    `docker://${registry.host}/engine/chunked:1.0.0`,
    `oci:${back}:pulled`,
  ]);
  expect(copied.stderr).toBe('');
  expect(copied.code).toBe(0);
  for (const blob of [layout.manifest, layout.config, ...layout.layers]) {
    const bytes = await readFile(join(back, 'blobs', 'sha256', blob.digest.slice(7)));
    expect(bytes.equals(blob.bytes)).toBe(true);
  }
});

test('a multi-platform index with an attestation lands intact, and skopeo copy --all gives identical manifests', async () => {
  const layout = await makeMultiPlatformLayout(join(work, 'multi'));
  const source = new OciLayoutSource(layout.dir);
  const graph = await loadGraph(source);
  const second = await startRegistry('anonymous');
  try {
    const results = await copyGraph(
      source,
      graph,
      [
        { client: clientFor(registry.host), repository: 'engine/multi' },
        { client: clientFor(second.host), repository: 'engine/multi' },
      ],
      { tags: ['2.0.0'] },
    );
    expectPushed(results);
    for (const target of [registry, second]) {
      const raw = await inspectRaw(target, 'engine/multi:2.0.0');
      expect(raw.equals(layout.index.bytes)).toBe(true);
    }
    const back = join(work, 'multi-back');
    const copied = await skopeo([
      'copy',
      '--all',
      '--src-tls-verify=false',
      `docker://${second.host}/engine/multi:2.0.0`,
      `oci:${back}:pulled`,
    ]);
    expect(copied.code).toBe(0);
    const index = JSON.parse(await readFile(join(back, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    expect(index.manifests.map((m) => m.digest)).toEqual([layout.index.digest]);
    for (const manifest of [layout.index, ...layout.manifests]) {
      const bytes = await readFile(join(back, 'blobs', 'sha256', manifest.digest.slice(7)));
      expect(bytes.equals(manifest.bytes)).toBe(true);
    }
  } finally {
    await second.stop();
  }
});

test('the platforms of an index go in together, with no HEAD first on a registry that is not ACR', async () => {
  const layout = await makeMultiPlatformLayout(join(work, 'together'));
  const children = new Set<string>(layout.manifests.map((m) => m.digest));
  // Each child PUT is held until every child PUT has arrived (or 10 s have passed): one PUT
  // after another would reach the registry one at a time.
  let arrived = 0;
  let mostAtOnce = 0;
  let release = (): void => undefined;
  const all = new Promise<void>((resolve) => (release = resolve));
  const timeout = setTimeout(release, 10_000);
  const proxy = await startRecordingProxy(registry.host, {
    hold: (request) => {
      const digest = request.path.split('/manifests/')[1] ?? '';
      if (request.method !== 'PUT' || !children.has(digest)) return undefined;
      mostAtOnce = Math.max(mostAtOnce, ++arrived);
      if (arrived === children.size) release();
      return all;
    },
  });
  try {
    const source = new OciLayoutSource(layout.dir);
    const results = await copyGraph(
      source,
      await loadGraph(source),
      [{ client: clientFor(proxy.host), repository: 'engine/together' }],
      { tags: ['3.0.0'], raceSettleMs: 0 },
    );
    expectPushed(results);
    expect(mostAtOnce).toBe(children.size);
    const asked = proxy.requests.filter(
      (r) => r.method === 'HEAD' && children.has(r.path.split('/manifests/')[1] ?? ''),
    );
    expect(asked).toEqual([]);
    expect((await inspectRaw(registry, 'engine/together:3.0.0')).equals(layout.index.bytes)).toBe(
      true,
    );
  } finally {
    clearTimeout(timeout);
    await proxy.close();
  }
});

test('a registry that refuses a PUT of a platform it holds (a lock we were not told of): the copy checks it is there and goes on', async () => {
  const layout = await makeMultiPlatformLayout(join(work, 'refused'));
  const first = new OciLayoutSource(layout.dir);
  expectPushed(
    await copyGraph(
      first,
      await loadGraph(first),
      [{ client: clientFor(registry.host), repository: 'engine/refused' }],
      { tags: ['1.0.0'], raceSettleMs: 0 },
    ),
  );
  // A new release whose index lists the same platforms: only its root is new.
  const index = JSON.parse(layout.index.bytes.toString('utf8')) as Record<string, unknown>;
  const release = blobOf(
    'application/vnd.oci.image.index.v1+json',
    Buffer.from(JSON.stringify({ ...index, annotations: { 'org.example.release': '1.0.1' } })),
  );
  const next = join(work, 'refused-next');
  await writeLayout(next, [release, ...layout.manifests, ...layout.blobs], [descriptorOf(release)]);
  const held = new Set<string>(layout.manifests.slice(0, 1).map((m) => m.digest));
  const proxy = await startFaultProxy(registry.host, {
    plan: ({ method, kind, path }) =>
      method === 'PUT' && kind === 'manifest' && held.has(path.split('/manifests/')[1] ?? '')
        ? { status: 405 }
        : 'pass',
  });
  try {
    const source = new OciLayoutSource(next);
    const results = await copyGraph(
      source,
      await loadGraph(source),
      [{ client: clientFor(proxy.host), repository: 'engine/refused' }],
      { tags: ['1.0.1'], raceSettleMs: 0 },
    );
    expectPushed(results);
    expect(proxy.requests.filter((r) => r.status === 405)).toHaveLength(1);
    expect((await inspectRaw(registry, 'engine/refused:1.0.1')).equals(release.bytes)).toBe(true);

    // Refused, and not there: that is a failure, and no tag points at the index.
    const other = await makeMultiPlatformLayout(join(work, 'refused-other'));
    for (const m of other.manifests) held.add(m.digest);
    const otherSource = new OciLayoutSource(other.dir);
    const [failed] = await copyGraph(
      otherSource,
      await loadGraph(otherSource),
      [{ client: clientFor(proxy.host), repository: 'engine/refused' }],
      { tags: ['1.0.2'], raceSettleMs: 0 },
    );
    expect(failed?.status).toBe('failed');
    expect(failed?.error?.message).toMatch(/HTTP 405 \(DENIED/);
    const tag = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/engine/refused:1.0.2`,
    ]);
    expect(tag.code).not.toBe(0);
  } finally {
    await proxy.close();
  }
});

test('two repositories on one registry in one run: the blobs are uploaded once and mounted into the other', async () => {
  const layout = await makeOciLayout(join(work, 'mount'), { layerSizes: [200 * 1024, 300] });
  const source = new OciLayoutSource(layout.dir);
  const graph = await loadGraph(source);
  const client = clientFor(registry.host);
  const results = await copyGraph(
    source,
    graph,
    [
      { client, repository: 'engine/mount-a' },
      { client, repository: 'engine/mount-b' },
    ],
    { tags: ['1.0.0'], holders: new BlobHolders() },
  );
  expectPushed(results);
  // Each blob went up once, to whichever target got to it first, and was mounted into the other.
  const total = (outcome: 'uploaded' | 'mounted'): number =>
    results.reduce((sum, r) => sum + r.blobs[outcome], 0);
  expect(total('uploaded')).toBe(3);
  expect(total('mounted')).toBe(3);
  // The registry's own log: three mount requests answered 201 Created.
  const mounts = registry
    .logs()
    .split('\n')
    .filter((line) => /http\.request\.method=POST/.test(line) && /[?&]mount=sha256/.test(line));
  expect(mounts).toHaveLength(3);
  for (const line of mounts) expect(line).toContain('http.response.status=201');
  // No blob was written twice: three upload PUTs in all, one per blob.
  const puts = registry
    .logs()
    .split('\n')
    .filter(
      (line) =>
        /http\.request\.method=PUT/.test(line) &&
        /engine\/mount-[ab]\/blobs\/uploads\//.test(line) &&
        line.includes('msg="response completed"'),
    );
  expect(puts).toHaveLength(3);
  for (const repository of ['engine/mount-a', 'engine/mount-b']) {
    const raw = await inspectRaw(registry, `${repository}:1.0.0`);
    expect(raw.equals(layout.manifest.bytes)).toBe(true);
  }
});

test('a release tag taken by another run between the first look and the write: refused, and this run image kept by digest', async () => {
  const ours = await makeOciLayout(join(work, 'race-ours'), { layerSizes: [4096] });
  const theirs = await makeOciLayout(join(work, 'race-theirs'), { layerSizes: [4096] });
  const repository = 'engine/raced';
  const theirSource = new OciLayoutSource(theirs.dir);
  const theirGraph = await loadGraph(theirSource);
  // The other run writes the tag while ours uploads its blobs: after our first look at the
  // tag, before our write.
  let raced: Promise<unknown> | undefined;
  const plain = withRetry(createTransport({ userAgent: 'oci-push-test' }));
  const client = new RegistryClient({
    endpoint: { host: registry.host },
    send: async (request) => {
      if (!raced && request.method === 'PUT' && request.url.pathname.includes('/blobs/uploads/')) {
        raced = copyGraph(
          theirSource,
          theirGraph,
          [{ client: clientFor(registry.host), repository }],
          {
            tags: ['3.0.0'],
            raceSettleMs: 0,
          },
        );
        await raced;
      }
      return plain(request);
    },
  });
  const source = new OciLayoutSource(ours.dir);
  const [result] = await copyGraph(source, await loadGraph(source), [{ client, repository }], {
    tags: ['3.0.0'],
    immutableTags: ['3.0.0'],
    raceSettleMs: 0,
  });
  expect(result?.status).toBe('failed');
  expect(result?.error?.message).toMatch(/lost a race.*before this run wrote it.*by digest only/);
  // skopeo: the tag is the other run's, and this run's image is there by its digest.
  const digestOf = async (reference: string) =>
    `sha256:${(await import('node:crypto'))
      .createHash('sha256')
      .update(await inspectRaw(registry, `${repository}${reference}`))
      .digest('hex')}`;
  expect(await digestOf(':3.0.0')).toBe(theirs.manifest.digest);
  expect(await digestOf(`@${ours.manifest.digest}`)).toBe(ours.manifest.digest);
});
