import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobHolders, copyGraph, loadGraph, type TargetResult } from '../../src/engine/copy.js';
import type { Credential } from '../../src/registry/auth.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';
import { withRetry, DEFAULT_RETRY_POLICY } from '../../src/registry/retry.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { makeMultiPlatformLayout, makeOciLayout } from '../harness/fixtures.js';
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
