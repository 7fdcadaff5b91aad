import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyGraph, loadGraph, type ImageGraph, type TargetResult } from '../../src/engine/copy.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';
import { DEFAULT_RETRY_POLICY, withRetry } from '../../src/registry/retry.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { faults, startFaultProxy, type FaultProxy } from '../harness/fault-proxy.js';
import {
  makeMultiPlatformLayout,
  makeOciLayout,
  type OciLayoutFixture,
} from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw } from '../harness/skopeo.js';

/**
 * A registry that misbehaves: a fault-injecting proxy in front of the real registry answers
 * 5xx and 429 with Retry-After, and cuts connections mid-upload. The push must complete
 * with the source's exact digests, and skopeo must read back exactly the source's bytes.
 */
let registry: TestRegistry;
let proxy: FaultProxy;
let work: string;
beforeAll(async () => {
  registry = await startRegistry('anonymous');
  proxy = await startFaultProxy(registry.host);
  work = await mkdtemp(join(tmpdir(), 'oci-push-faults-'));
});
afterAll(async () => {
  await proxy?.close();
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => {
  proxy.setPlan(faults.none());
  proxy.reset();
});

const CHUNK = 256 * 1024;

/** Our client through the proxy; it records every pause instead of sleeping. */
function client(sleeps: number[] = []): RegistryClient {
  const sleep = (ms: number): Promise<void> => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  return new RegistryClient({
    endpoint: { host: proxy.host },
    send: withRetry(createTransport({ userAgent: 'oci-push-test' }), {
      ...DEFAULT_RETRY_POLICY,
      sleep,
    }),
    chunkSize: CHUNK,
    sleep,
  });
}

async function push(
  layout: { dir: string },
  repository: string,
  sleeps: number[] = [],
): Promise<{ graph: ImageGraph; result: TargetResult }> {
  const source = new OciLayoutSource(layout.dir);
  const graph = await loadGraph(source);
  const [result] = await copyGraph(source, graph, [{ client: client(sleeps), repository }], {
    tags: ['1.0.0'],
  });
  if (!result) throw new Error('no result');
  if (result.error) throw result.error;
  return { graph, result };
}

async function expectServedExactly(layout: OciLayoutFixture, repository: string): Promise<void> {
  const raw = await inspectRaw(registry, `${repository}:1.0.0`);
  expect(raw.equals(layout.manifest.bytes)).toBe(true);
  for (const blob of [layout.config, ...layout.layers]) {
    const res = await fetch(`${registry.url}/v2/${repository}/blobs/${blob.digest}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(blob.bytes)).toBe(true);
  }
}

test('a 503 on a chunk: the upload asks the registry where it stands and resumes, without starting over', async () => {
  const layout = await makeOciLayout(join(work, 'resume'), { layerSizes: [1024 * 1024] });
  const layer = layout.layers[0];
  if (!layer) throw new Error('no layer');
  proxy.setPlan(faults.on((r) => r.method === 'PATCH' && r.seq === 2, { status: 503 }, 1));

  await push(layout, 'faults/resume');

  // The config goes up whole (POST, PUT); the 1 MiB layer in 256 KiB PATCHes, in one session.
  const requests = proxy.requests;
  expect(requests.filter((r) => r.kind === 'upload-start')).toHaveLength(2);
  const statusChecks = requests.filter((r) => r.method === 'GET' && r.kind === 'upload');
  expect(statusChecks.map((r) => r.status)).toEqual([204]);
  // Every byte of the layer reached the registry once: only the refused chunk went twice.
  const patches = requests.filter((r) => r.method === 'PATCH');
  const chunks = Math.ceil(layer.size / CHUNK);
  expect(patches.map((r) => r.status)).toEqual([202, 503, ...Array<number>(chunks - 1).fill(202)]);
  const accepted = patches
    .filter((r) => r.upstreamStatus === 202)
    .reduce((sum, r) => sum + r.requestBytes, 0);
  expect(accepted).toBe(layer.size);
  await expectServedExactly(layout, 'faults/resume');
});

test('a connection cut mid-chunk: the registry loses the session, so the blob starts over in a new one', async () => {
  const layout = await makeOciLayout(join(work, 'cut'), { layerSizes: [1024 * 1024] });
  const layer = layout.layers[0];
  if (!layer) throw new Error('no layer');
  proxy.setPlan(
    faults.on((r) => r.method === 'PATCH' && r.seq === 2, { cutRequestAfter: 1000 }, 1),
  );

  await push(layout, 'faults/cut');

  // Distribution 2.8 keeps the cut chunk's bytes but not their offset, so its status check
  // fails; the layer starts again in a second session (the config's is the third).
  const requests = proxy.requests;
  expect(requests.filter((r) => r.kind === 'upload-start')).toHaveLength(3);
  expect(requests.filter((r) => r.method === 'PATCH' && r.status === undefined)).toHaveLength(1);
  const completions = requests.filter(
    (r) => r.method === 'PUT' && r.query.get('digest') === layer.digest,
  );
  expect(completions.map((r) => r.status)).toEqual([201]);
  await expectServedExactly(layout, 'faults/cut');
});

test('429 with Retry-After: the upload waits as long as the registry says, then succeeds', async () => {
  const layout = await makeOciLayout(join(work, 'limited'), { layerSizes: [4096] });
  proxy.setPlan(
    faults.on((r) => r.method === 'PUT' && r.kind === 'upload', { status: 429, retryAfter: 3 }, 1),
  );
  const sleeps: number[] = [];
  await push(layout, 'faults/limited', sleeps);
  expect(sleeps).toContain(3000);
  expect(proxy.requests.filter((r) => r.status === 429)).toHaveLength(1);
  await expectServedExactly(layout, 'faults/limited');
});

describe('random faults over repeated runs', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: 500s, 429s and cut connections; the push completes with identical digests',
    async (seed) => {
      const layout = await makeMultiPlatformLayout(join(work, `random-${seed}`), {
        layerSize: 700 * 1024,
      });
      proxy.setPlan(faults.random({ rate: 0.25, seed, match: (r) => r.kind !== 'ping' }));
      const source = new OciLayoutSource(layout.dir);
      const graph = await loadGraph(source);
      const repository = `faults/random-${seed}`;
      const [result] = await copyGraph(source, graph, [{ client: client(), repository }], {
        tags: ['1.0.0'],
      });
      if (result?.error) throw result.error;
      expect(result?.status).toBe('pushed');
      expect(result?.digest).toBe(layout.index.digest);
      // Faults really happened in this run.
      expect(proxy.requests.filter((r) => r.fault !== 'pass').length).toBeGreaterThan(0);
      // skopeo reads the index and every child back byte for byte.
      expect((await inspectRaw(registry, `${repository}:1.0.0`)).equals(layout.index.bytes)).toBe(
        true,
      );
      for (const manifest of layout.manifests) {
        const raw = await inspectRaw(registry, `${repository}@${manifest.digest}`);
        expect(raw.equals(manifest.bytes)).toBe(true);
      }
    },
  );
});
