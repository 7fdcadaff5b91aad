import type { TokenCredential } from '@azure/identity';
import { acrRefreshToken, entraCredential } from '../azure/keyless.js';
import { selectRepositories } from '../oci/repository-glob.js';
import { planRepository } from '../cleanup/policy.js';
import { pacingPolicy } from '../cleanup/pace.js';
import { OpsPacer, pacedSend } from '../registry/pace.js';
import { deletePlanned, readRepository } from '../cleanup/registry.js';
import type { CleanupReport, RepositoryOutcome } from '../cleanup/report.js';
import { forEachLimited } from '../engine/limit.js';
import { RegistryClient } from '../registry/client.js';
import type { Send } from '../registry/http.js';
import type { SecretSink } from '../registry/log.js';
import { type CleanupInputs, cleanupRules } from './cleanup-inputs.js';

/** Repositories read and cleaned at once; deletes within one repository go one by one. */
const REPOSITORY_CONCURRENCY = 4;

export interface CleanupDependencies {
  /** GitHub's OIDC token (`core.getIDToken` in the action). */
  getIdToken: (audience: string) => Promise<string>;
  send: Send;
  onSecret: SecretSink;
  log: (message: string) => void;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** The length of the registry's per-minute limits' window; shorter only in tests. */
  opsWindowMs?: number;
  /** Told of the pacer, to read its counts (the bench). */
  onPacer?: (pacer: OpsPacer) => void;
}

/**
 * One scheduled cleanup of one registry: log in keyless, list the repositories the globs
 * select, read each in full, plan (pure), and carry out the plans unless it is a dry run.
 * A repository that can't be read in full is planned as incomplete: nothing is deleted there.
 */
export async function runCleanup(
  inputs: CleanupInputs,
  deps: CleanupDependencies,
): Promise<CleanupReport> {
  const login = inputs.azure;
  if (!login) {
    throw new Error(
      "azure-client-id, azure-tenant-id: the cleanup works through ACR's own API, which takes " +
        'an Entra identity; set both (keyless login with `permissions: id-token: write`)',
    );
  }
  const keyless = { getIdToken: deps.getIdToken, send: deps.send, onSecret: deps.onSecret };
  const credential: TokenCredential = await entraCredential(login, keyless);
  const endpoint = { host: inputs.registry, https: true };
  // Every registry call of the cleanup, ours and the SDK's, shares one budget (FACTS.md:
  // ACR's ReadOps/WriteOps per minute by tier, the excess answered 429).
  const pacer = new OpsPacer(inputs.sku, {
    sleep: deps.sleep,
    ...(deps.opsWindowMs && { windowMs: deps.opsWindowMs }),
  });
  deps.onPacer?.(pacer);
  const registry = new RegistryClient({
    endpoint,
    credential: await acrRefreshToken(endpoint, credential, login, keyless),
    send: pacedSend(deps.send, pacer),
    onSecret: deps.onSecret,
  });
  const { ContainerRegistryClient } = await import('@azure/container-registry');
  const acr = new ContainerRegistryClient(`https://${inputs.registry}`, credential, {
    additionalPolicies: [{ policy: pacingPolicy(pacer), position: 'perRetry' }],
  });

  const names: string[] = [];
  for await (const name of acr.listRepositoryNames()) names.push(name);
  const { selected, unmatched } = selectRepositories(names, inputs.repositories);
  deps.log(
    `${inputs.registry}: ${names.length} repositories, ${selected.length} selected by ` +
      inputs.repositories.join(', '),
  );

  const rules = cleanupRules(inputs, deps.now());
  const outcomes: RepositoryOutcome[] = new Array<RepositoryOutcome>(selected.length);
  await forEachLimited(
    selected.map((name, i) => ({ name, i })),
    REPOSITORY_CONCURRENCY,
    async ({ name, i }) => {
      const listing = await readRepository({ acr, registry }, name, inputs.tagPattern);
      const plan = planRepository(listing, rules);
      deps.log(
        `${name}: ${listing.manifests.length} manifests; ` +
          (plan.incomplete
            ? `incomplete, nothing deleted (${plan.incomplete})`
            : `${inputs.dryRun ? 'would delete' : 'deleting'} ${plan.deleteTags.length} tag(s) ` +
              `and ${plan.deleteManifests.length} manifest(s), keeping ${plan.kept.length}`),
      );
      if (inputs.dryRun || plan.incomplete) {
        outcomes[i] = { plan };
        return;
      }
      const deleted = await deletePlanned(acr, plan, deps.sleep);
      outcomes[i] = {
        plan,
        deleted: { tags: deleted.tags, manifests: deleted.manifests },
        ...(deleted.error && { error: deleted.error }),
      };
    },
  );
  return { registry: inputs.registry, dryRun: inputs.dryRun, repositories: outcomes, unmatched };
}
