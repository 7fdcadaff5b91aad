import type { OpsPacer } from '../../src/registry/pace.js';
import { runCleanup } from '../../src/jobs/cleanup.js';
import { parseCleanupInputs } from '../../src/jobs/cleanup-inputs.js';
import { registryTransports } from '../../src/registry/retry.js';
import { type AcrHarness, startAcrHarness } from '../harness/acr/index.js';
import { harnessIdToken, seedManifests } from '../harness/acr/seed.js';
import { testJobContext } from '../harness/job-context.js';

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

test('2,000 manifests on a Basic-limit registry are all planned and deleted', async () => {
  const digests = await seedManifests(harness, REPO, COUNT);
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
  const { cleanup: report } = await runCleanup(
    parseCleanupInputs((name) => inputs[name] ?? ''),
    {
      ...testJobContext(
        {
          getIdToken: (audience) => harnessIdToken(harness, audience),
          transport: registryTransports({ userAgent: 'oci-push-test', log: (l) => lines.push(l) }),
        },
        lines,
      ),
      now: () => new Date(),
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
