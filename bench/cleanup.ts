import { performance } from 'node:perf_hooks';
import type { OpsPacer } from '../src/registry/pace.js';
import { runCleanup } from '../src/jobs/cleanup.js';
import { parseCleanupInputs } from '../src/jobs/cleanup-inputs.js';
import { registryTransports } from '../src/registry/retry.js';
import { startAcrHarness } from '../__tests__/harness/acr/index.js';
import { harnessIdToken, seedManifests } from '../__tests__/harness/acr/seed.js';
import { testJobContext } from '../__tests__/harness/job-context.js';

export interface CleanupBench {
  manifests: number;
  sku: string;
  seconds: number;
  /** Manifests read and planned per minute of wall time. */
  plannedPerMinute: number;
  /** Registry requests (tokens excluded) per manifest, as the emulator counted them. */
  requestsPerManifest: number;
  /** 429s the emulator answered: 0 when the pacing holds. */
  throttled: number;
  pacerWaits: number;
}

/**
 * The cleanup's planning (a dry run: list, read every manifest, plan) of one repository of
 * `manifests` old untagged manifests, on the ACR emulator throttled to a tier's real limits
 * per real minute: how many manifests it plans per minute, and how many requests each costs.
 */
export async function benchCleanup(
  manifests: number,
  sku: 'Basic' | 'Standard' | 'Premium',
): Promise<CleanupBench> {
  const harness = await startAcrHarness();
  try {
    const repository = 'giantswarm/bench-cleanup';
    await seedManifests(harness, repository, manifests);
    harness.acr.behaviours.throttling = { sku };
    const mark = harness.acr.requests.length;
    const inputs: Record<string, string> = {
      registry: harness.acr.host,
      repositories: repository,
      'older-than': '1d',
      'dry-run': 'true',
      'registry-sku': sku,
      'azure-client-id': harness.clientId,
      'azure-tenant-id': harness.tenantId,
      'azure-authority-host': harness.entra.authorityHost,
    };
    let pacer: OpsPacer | undefined;
    const started = performance.now();
    const { cleanup: report } = await runCleanup(
      parseCleanupInputs((name) => inputs[name] ?? ''),
      {
        ...testJobContext({
          getIdToken: (audience) => harnessIdToken(harness, audience),
          transport: registryTransports({ userAgent: 'oci-push-bench' }),
        }),
        now: () => new Date(),
        onPacer: (p) => (pacer = p),
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const planned = report.repositories[0]?.plan;
    if (!planned || planned.incomplete) {
      throw new Error(`cleanup bench: the plan is incomplete (${planned?.incomplete})`);
    }
    const requests = harness.acr.requests.slice(mark).filter((r) => !r.path.startsWith('/oauth2/'));
    const result: CleanupBench = {
      manifests,
      sku,
      seconds,
      plannedPerMinute: (manifests / seconds) * 60,
      requestsPerManifest: requests.length / manifests,
      throttled: requests.filter((r) => r.status === 429).length,
      pacerWaits: pacer?.counts.waits ?? 0,
    };
    return result;
  } finally {
    await harness.stop();
  }
}
