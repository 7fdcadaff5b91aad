import { createHash } from 'node:crypto';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';
import { type AcrHarness, runSdk, startAcrHarness } from '../harness/acr/index.js';
import { seedManifests } from '../harness/acr/seed.js';

/**
 * The emulator's real-ACR behaviours that the action tests only see through oci-push:
 * throttling answers as ACR does, and deleting a subject deletes its referrers.
 */
const CONFIG = '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}';
let harness: AcrHarness;
beforeAll(async () => {
  harness = await startAcrHarness();
});
afterAll(async () => {
  await harness?.stop();
});

test('throttling: past Basic ReadOps in a window, 429 TOOMANYREQUESTS with Retry-After', async () => {
  harness.acr.behaviours.throttling = { sku: 'Basic', windowMs: 60_000 };
  try {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 1001; i++) {
      last = await fetch(`${harness.acr.origin}/v2/`);
      statuses.push(last.status);
      if (i < 1000) await last.arrayBuffer();
    }
    expect(statuses.slice(0, 1000).every((s) => s === 401)).toBe(true);
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await last?.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe(
      'TOOMANYREQUESTS',
    );
  } finally {
    harness.acr.behaviours.throttling = undefined;
  }
});

test('referrer cascade: deleting a subject deletes the manifests that name it', async () => {
  harness.acr.behaviours.referrerCascade = true;
  const repository = 'giantswarm/cascade';
  const [subject] = await seedManifests(harness, repository, 1);
  const client = new RegistryClient({
    endpoint: { host: harness.acr.host, https: true },
    credential: { kind: 'basic', ...harness.acr.admin },
    send: createTransport({ userAgent: 'oci-push-test' }),
  });
  const stored = await harness.acr.storage.manifest(repository, subject as string);
  const referrer = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: `sha256:${createHash('sha256').update(CONFIG).digest('hex')}`,
        size: Buffer.byteLength(CONFIG),
      },
      layers: [],
      subject: {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: subject,
        size: stored?.imageSize ?? 0,
      },
    }),
  );
  const referrerDigest = `sha256:${createHash('sha256').update(referrer).digest('hex')}`;
  await client.putManifest(
    repository,
    referrerDigest,
    referrer,
    'application/vnd.oci.image.manifest.v1+json',
  );
  expect(await harness.acr.storage.manifest(repository, referrerDigest)).toBeDefined();

  const { outcomes } = await runSdk(harness, [
    { op: 'deleteManifest', repository, reference: subject as string },
  ]);
  expect(outcomes[0]?.ok).toBe(true);
  expect(await harness.acr.storage.manifest(repository, referrerDigest)).toBeUndefined();
});
