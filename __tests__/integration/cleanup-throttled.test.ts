import { createHash } from 'node:crypto';
import type { OpsPacer } from '../../src/cleanup/pace.js';
import { runCleanup } from '../../src/jobs/cleanup.js';
import { parseCleanupInputs } from '../../src/jobs/cleanup-inputs.js';
import { forEachLimited } from '../../src/engine/limit.js';
import { createRegistryTransport } from '../../src/registry/retry.js';
import { type AcrHarness, startAcrHarness } from '../harness/acr/index.js';

/**
 * A cleanup of 2,000 old untagged manifests on an emulator throttled to Basic's limits (with
 * the minute shortened to one second, limits unchanged): it paces itself, waits out any 429,
 * and deletes every one; the registry behind is left empty.
 */
const REPO = 'giantswarm/many';
const COUNT = 2_000;
const WINDOW_MS = 1_000;
let harness: AcrHarness;

beforeAll(async () => {
  harness = await startAcrHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** Seeds the registry behind the emulator directly: one config, COUNT manifests using it. */
async function seed(): Promise<string[]> {
  const base = `${harness.backend.url}/v2/${REPO}`;
  const config = Buffer.from(
    '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
  );
  const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const started = await fetch(`${base}/blobs/uploads/`, { method: 'POST' });
  expect(started.status).toBe(202);
  const location = new URL(started.headers.get('location') ?? '', harness.backend.url);
  location.searchParams.set('digest', configDigest);
  const put = await fetch(location, {
    method: 'PUT',
    body: config,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(put.status).toBe(201);
  const manifests = Array.from({ length: COUNT }, (_, i) =>
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: configDigest,
          size: config.length,
        },
        layers: [],
        annotations: { build: String(i) },
      }),
    ),
  );
  const digests: string[] = [];
  await forEachLimited(manifests, 16, async (bytes) => {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const res = await fetch(`${base}/manifests/${digest}`, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(res.status).toBe(201);
    digests.push(digest);
  });
  const old = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  for (const digest of digests) {
    await harness.acr.setManifestTimes(REPO, digest, { createdTime: old, lastUpdateTime: old });
  }
  return digests;
}

async function getIdToken(audience: string): Promise<string> {
  const { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: token } =
    harness.github.env;
  const res = await fetch(`${url}&audience=${encodeURIComponent(audience)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { value: string }).value;
}

test('2,000 manifests on a Basic-limit registry are all planned and deleted', async () => {
  const digests = await seed();
  expect(await harness.acr.storage.manifests(REPO)).toHaveLength(COUNT);
  harness.acr.behaviours.throttling = { sku: 'Basic', windowMs: WINDOW_MS };
  const inputs: Record<string, string> = {
    registry: harness.acr.host,
    repositories: REPO,
    'older-than': '1d',
    'registry-sku': 'basic',
    'azure-client-id': harness.clientId,
    'azure-tenant-id': harness.tenantId,
    'azure-authority-host': harness.entra.authorityHost,
  };
  const lines: string[] = [];
  let pacer: OpsPacer | undefined;
  const report = await runCleanup(
    parseCleanupInputs((name) => inputs[name] ?? ''),
    {
      getIdToken,
      send: createRegistryTransport({ userAgent: 'oci-push-test', log: (l) => lines.push(l) }),
      onSecret: () => undefined,
      log: (line) => lines.push(line),
      now: () => new Date(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      opsWindowMs: WINDOW_MS,
      onPacer: (p) => (pacer = p),
    },
  );
  harness.acr.behaviours.throttling = undefined;

  const [outcome] = report.repositories;
  expect(outcome?.plan.incomplete).toBeUndefined();
  expect(outcome?.error).toBeUndefined();
  expect([...(outcome?.deleted?.manifests ?? [])].sort()).toEqual([...digests].sort());
  expect(await harness.acr.storage.manifests(REPO)).toEqual([]);
  // It paced itself: it waited for new windows instead of running into the limit.
  expect(pacer?.counts.waits ?? 0).toBeGreaterThan(0);
  expect(pacer?.counts.write ?? 0).toBeGreaterThanOrEqual(COUNT);
}, 600_000);
