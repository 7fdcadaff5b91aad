import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { interruption, throwIfInterrupted } from '../base/errors.js';
import { forEachLimited } from '../base/limit.js';
import { selectRepositories } from '../oci/repository-glob.js';
import { checkedRepository } from '../oci/untrusted.js';
import { planRepository } from '../cleanup/policy.js';
import { pacingPolicy } from '../cleanup/pace.js';
import { OpsPacer, pacedSend } from '../registry/pace.js';
import { deletePlanned, readRepository } from '../cleanup/registry.js';
import { type CleanupReport, type RepositoryOutcome, summarize } from '../cleanup/report.js';
import { RegistryClient } from '../registry/client.js';
import { DEFAULT_RETRY_POLICY } from '../registry/retry.js';
import { type CleanupInputs, cleanupRules } from './cleanup-inputs.js';
import { type JobContext, type JobOutcome, transportsOf, withStop } from './context.js';
import { EXIT, exitCodeForError } from './exit-codes.js';
import { InputError } from './inputs.js';
import { signIn } from './sign-in.js';

/** Repositories read and cleaned at once; deletes within one repository go one by one. */
const REPOSITORY_CONCURRENCY = 4;
/** The most repositories the catalog may list: a bound against a listing that never ends. */
const MAX_REPOSITORIES = 100_000;

/** What the cleanup adds to the job context. */
export interface CleanupJobContext extends JobContext {
  now: () => Date;
  /** Waits between delete attempts and for the registry's per-minute budget. */
  sleep?: (ms: number) => Promise<void>;
  /** The length of the registry's per-minute limits' window; shorter only in tests. */
  opsWindowMs?: number;
  /** Told of the pacer, to read its counts (the bench). */
  onPacer?: (pacer: OpsPacer) => void;
}

export interface CleanupJobOutcome extends JobOutcome {
  cleanup: CleanupReport;
}

/**
 * One scheduled cleanup of one registry: sign in keyless, list the repositories the globs
 * select, read each in full, plan (pure), and carry out the plans unless it is a dry run.
 * A repository that can't be read in full is planned as incomplete: nothing is deleted there.
 * A registry that can't be signed in to or listed is the report's failure, with its summary.
 */
export async function runCleanup(
  inputs: CleanupInputs,
  context: CleanupJobContext,
): Promise<CleanupJobOutcome> {
  const login = inputs.azure;
  if (!login) {
    throw new InputError(
      "azure-client-id, azure-tenant-id: the cleanup works through ACR's own API, which takes " +
        'an Entra identity; set both (keyless login with `permissions: id-token: write`)',
    );
  }
  const send = transportsOf(context)();
  const sleep = context.sleep ?? DEFAULT_RETRY_POLICY.sleep;
  const report: CleanupReport = {
    registry: inputs.registry,
    dryRun: inputs.dryRun,
    repositories: [],
    unmatched: [],
  };
  const signedIn = await context.phase('Sign in', () =>
    signIn(
      [{ host: inputs.registry, acr: true }],
      { credentials: new Map(), azure: login, dockerConfig: false },
      { ...context, send },
    ),
  );
  const credential = signedIn.credentialFor(inputs.registry);
  const failure = signedIn.failureFor(inputs.registry);
  if (failure || !credential || !signedIn.entra) {
    report.error = failure?.message ?? `${inputs.registry}: no credential`;
    return cleanupOutcome(inputs, report, context.signal);
  }
  const entra = await signedIn.entra;
  const endpoint = { host: inputs.registry, https: true };
  // Every registry call of the cleanup, ours and the SDK's, shares one budget (FACTS.md:
  // ACR's ReadOps/WriteOps per minute by tier, the excess answered 429).
  const pacer = new OpsPacer(inputs.sku, {
    sleep,
    ...(context.opsWindowMs && { windowMs: context.opsWindowMs }),
  });
  context.onPacer?.(pacer);
  const registry = new RegistryClient({
    endpoint,
    credential,
    send: pacedSend(send, pacer),
    onSecret: context.onSecret,
  });
  const { ContainerRegistryClient } = await import('@azure/container-registry');
  const acr = new ContainerRegistryClient(`https://${inputs.registry}`, entra, {
    additionalPolicies: [
      { policy: stopPolicy(context.signal), position: 'perRetry' },
      { policy: pacingPolicy(pacer), position: 'perRetry' },
    ],
  });

  await context.phase(inputs.dryRun ? 'Plan (dry run)' : 'Clean', async () => {
    const names: string[] = [];
    try {
      for await (const name of acr.listRepositoryNames()) {
        if (names.length >= MAX_REPOSITORIES) {
          throw new Error(
            `the catalog runs past ${MAX_REPOSITORIES} repositories, oci-push's bound against a ` +
              'listing that never ends',
          );
        }
        names.push(checkedRepository(name, `${inputs.registry}: the catalog`));
      }
    } catch (error) {
      throwIfInterrupted(context.signal);
      report.error =
        `${inputs.registry}: listing its repositories failed (${firstLine(error)}), so nothing ` +
        'was deleted. Check that the identity may read the catalog (AcrPull, or Catalog Lister ' +
        'in ABAC registries), then run again';
      return;
    }
    const { selected, unmatched } = selectRepositories(names, inputs.repositories);
    report.unmatched = unmatched;
    context.log.info(
      `${inputs.registry}: ${names.length} repositories, ${selected.length} selected by ` +
        inputs.repositories.join(', '),
    );
    const rules = cleanupRules(inputs, context.now());
    const outcomes: RepositoryOutcome[] = [];
    await forEachLimited(
      selected.map((name, i) => ({ name, i })),
      REPOSITORY_CONCURRENCY,
      async ({ name, i }) => {
        throwIfInterrupted(context.signal);
        const listing = await readRepository({ acr, registry }, name, inputs.tagPattern);
        const plan = planRepository(listing, rules);
        context.log.info(
          `${name}: ${listing.manifests.length} manifests; ` +
            (plan.incomplete
              ? `incomplete, nothing deleted (${plan.incomplete})`
              : `${inputs.dryRun ? 'would delete' : 'deleting'} ${plan.deleteTags.length} tag(s) ` +
                `and ${plan.deleteManifests.length} manifest(s), keeping ${plan.kept.length}`),
        );
        const stopped = interruption(context.signal);
        if (stopped && !inputs.dryRun) {
          outcomes[i] = { plan, deleted: { tags: [], manifests: [] }, error: stopped.message };
          return;
        }
        if (inputs.dryRun || plan.incomplete) {
          outcomes[i] = { plan };
          return;
        }
        const deleted = await deletePlanned(acr, plan, sleep);
        outcomes[i] = {
          plan,
          deleted: { tags: deleted.tags, manifests: deleted.manifests },
          ...(deleted.error && { error: deleted.error }),
        };
      },
    ).catch((error: unknown) => {
      // A stop ends the loop; what was planned and deleted until then is reported.
      if (!interruption(context.signal)) throw error;
    });
    report.repositories = outcomes.filter(Boolean);
  });
  return cleanupOutcome(inputs, report, context.signal);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** The report, its input warnings as annotations, and the exit code: 1 when anything failed. */
function cleanupOutcome(
  inputs: CleanupInputs,
  report: CleanupReport,
  signal: AbortSignal,
): CleanupJobOutcome {
  const { outputs, summary, failure } = summarize(report);
  return {
    cleanup: report,
    ...withStop(
      {
        report: {
          outputs,
          summary,
          annotations: inputs.warnings.map((message) => ({
            level: 'warning' as const,
            title: 'oci-push cleanup',
            message,
          })),
          ...(failure && { failure }),
        },
        exitCode: failure ? EXIT.failed : EXIT.ok,
      },
      signal,
    ),
  };
}

/**
 * Stops the Azure SDK's requests with the run: none starts after a stop, and one in flight is
 * aborted (the SDK reads `abortSignal` on each request).
 */
function stopPolicy(signal: AbortSignal): PipelinePolicy {
  return {
    name: 'oci-push-stop',
    sendRequest(request, next) {
      throwIfInterrupted(signal);
      request.abortSignal = signal;
      return next(request);
    },
  };
}

/**
 * The outcome of a cleanup that stopped before it had a report (a bad input, no Azure login,
 * a stop): a summary and a `result` saying so and that nothing was deleted, and the exit
 * code its error maps to (2 for an input error).
 */
export function cleanupFailureOutcome(error: unknown): JobOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return {
    report: {
      outputs: {
        deleted: '0',
        result: JSON.stringify({ error: message, deleted: 0, repositories: [], unmatched: [] }),
      },
      summary:
        '## oci-push cleanup: failed before cleaning\n\n' +
        `- **What failed:** ${message.replace(/\n/g, ' ')}\n` +
        '- **What was deleted:** nothing.\n',
      annotations: [],
      failure: message,
    },
    exitCode: exitCodeForError(error),
  };
}
