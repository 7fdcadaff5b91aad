import { createHash } from 'node:crypto';
import { hasEntry, type HelmIndex, indexEntry, type IndexEntry } from '../helm/chart-index.js';
import { helmConfigBytes } from '../helm/metadata.js';
import type { PackagedChart } from '../helm/prepare.js';
import type { RegistryClient } from '../registry/client.js';
import { keepIndex, INDEX_TAG, type IndexStoreOptions } from './chart-index-store.js';
import type { PlannedTarget, PushPlan, Visibility } from './plan.js';
import type { PlannedResult } from './push.js';

/**
 * A chart release keeps the Helm index of its namespace at every registry the chart went to
 * (docs/helm-index.md): its version is merged into `<namespace>:latest` there, with that
 * registry's URLs, so a mirror's index points at the mirror. Dev builds (by digest, untagged)
 * are never listed.
 */

/** What happened to the index at one chart target. */
export interface ChartIndexOutcome {
  /** The registry (a push's planned target, or a sync's). */
  target: Pick<PlannedTarget, 'host' | 'role'>;
  namespace: string;
  /** `<host>/<namespace>:latest` */
  reference: string;
  /**
   * - `updated`: the version was merged in and read back;
   * - `present`: the index already listed this version, same archive;
   * - `would-update`: a dry run;
   * - `skipped`: see `reason` (the chart didn't land there, or visibility);
   * - `failed`: see `error`; the chart itself is pushed.
   */
  status: 'updated' | 'present' | 'would-update' | 'skipped' | 'failed';
  reason?: string;
  error?: string;
  /** The index as read back, for `chart-index-file`. */
  index?: HelmIndex;
  digest?: string;
  warnings: string[];
}

export interface ChartIndexDependencies {
  clientFor: (target: PlannedTarget) => RegistryClient;
  /** The `public`/`private` marker of the target's `registries` or `mirrors` line, if any. */
  lineVisibility: (target: PlannedTarget) => Visibility | undefined;
  store?: IndexStoreOptions;
}

/**
 * Why the index at this target must not list the chart; undefined when it may. A private
 * repository's chart is listed only on lines marked `private`: an index is a public list of
 * names on any other line (a `public` one never gets the chart at all, and an unmarked line
 * is not known to be private).
 */
export function indexSkipReason(
  repository: Visibility,
  line: Visibility | undefined,
): string | undefined {
  if (repository === 'private' && line !== 'private') {
    return 'a private chart is listed only in the index of a registry line marked `private`';
  }
  return undefined;
}

/** The release's own entry: exactly what a catalog would read back from the pushed chart. */
export function releaseEntry(chart: PackagedChart, now: Date): IndexEntry {
  const config = JSON.parse(helmConfigBytes(chart.metadata).toString('utf8')) as unknown;
  return indexEntry(
    config,
    {
      digest: createHash('sha256').update(chart.archive).digest('hex'),
      created: chart.created ?? now.toISOString(),
    },
    `chart ${chart.metadata.name} ${chart.metadata.version}`,
  );
}

export async function keepChartIndexes(
  plan: PushPlan,
  targets: readonly PlannedResult[],
  chart: PackagedChart,
  namespace: string,
  deps: ChartIndexDependencies,
): Promise<ChartIndexOutcome[]> {
  const entry = releaseEntry(chart, new Date());
  const chartTargets = targets.filter((t) => t.target.artifact === 'chart');
  return Promise.all(
    chartTargets.map(async (t): Promise<ChartIndexOutcome> => {
      const reference = `${t.host}/${namespace}:${INDEX_TAG}`;
      const outcome = (fields: Partial<ChartIndexOutcome>): ChartIndexOutcome => ({
        target: t.target,
        namespace,
        reference,
        status: 'skipped',
        warnings: [],
        ...fields,
      });
      if (!namespace) {
        return outcome({
          reason: '`chart-repository` is empty, and the index lives at the namespace itself',
        });
      }
      const hidden = indexSkipReason(plan.visibility.visibility, deps.lineVisibility(t.target));
      if (hidden) return outcome({ reason: hidden });
      if (plan.dryRun) return outcome({ status: 'would-update' });
      if (t.status !== 'pushed' && t.status !== 'unchanged') {
        return outcome({ reason: `the chart is ${t.status} there, so it is not listed` });
      }
      try {
        const kept = await keepIndex(
          deps.clientFor(t.target),
          namespace,
          { kind: 'add', entries: [entry] },
          deps.store,
        );
        if (!hasEntry(kept.stored.index, entry)) {
          // Only another release of this very version, with another archive, does this.
          const listed = kept.stored.index.get(entry.name)?.get(entry.version)?.digest;
          return outcome({
            status: 'failed',
            error:
              `${reference}: the index lists ${entry.name} ${entry.version} with archive ` +
              `sha256:${listed ?? 'none'}, not this release's sha256:${entry.digest}; another ` +
              'release of the same version wrote it. Check which one the tag holds',
          });
        }
        return outcome({
          status: kept.status,
          index: kept.stored.index,
          digest: kept.stored.digest,
          warnings: kept.warnings,
        });
      } catch (error) {
        return outcome({
          status: 'failed',
          error: `${reference}: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }),
  );
}
