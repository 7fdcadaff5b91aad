import { hasEntry, indexEntries } from '../helm/chart-index.js';
import type { RegistryClient } from '../registry/client.js';
import { scanNamespace } from './chart-catalog.js';
import type { ChartIndexOutcome } from './chart-index-release.js';
import { INDEX_TAG, keepIndex, readStoredIndex } from './chart-index-store.js';
import type { SyncConfig, SyncTarget } from './sync-plan.js';
import type { SyncResult } from './sync.js';

/**
 * After a sync, the Helm index of each namespace the config names (`helmIndex`) is brought
 * up to date at every target that received charts of it: those charts' tags are listed at
 * the target, the versions its stored index lacks are read there, and merged in as a
 * release's are (docs/helm-index.md). What the index already lists is trusted, so a sync
 * that copied nothing new reads only tag lists. The URLs are the target's own.
 */
export async function keepSyncedIndexes(
  config: SyncConfig,
  result: SyncResult,
  deps: { clientFor: (target: SyncTarget) => RegistryClient; pageSize?: number },
): Promise<ChartIndexOutcome[]> {
  const runs: Promise<ChartIndexOutcome>[] = [];
  for (const namespace of config.helmIndex ?? []) {
    for (const target of config.targets) {
      const charts = chartsSyncedTo(result, namespace, target.name);
      if (charts.length === 0) continue;
      runs.push(keepAt(namespace, target, charts, result.dryRun, deps));
    }
  }
  return Promise.all(runs);
}

/** The charts of `namespace` (`<namespace>/<name>` target repositories) this run sent to `target`. */
export function chartsSyncedTo(result: SyncResult, namespace: string, target: string): string[] {
  const prefix = `${namespace}/`;
  const names = result.images
    .filter((r) => r.image.to.includes(target) && r.image.repository.startsWith(prefix))
    .map((r) => r.image.repository.slice(prefix.length))
    .filter((name) => name !== '' && !name.includes('/'));
  return [...new Set(names)].sort();
}

async function keepAt(
  namespace: string,
  target: SyncTarget,
  charts: string[],
  dryRun: boolean,
  deps: { clientFor: (target: SyncTarget) => RegistryClient; pageSize?: number },
): Promise<ChartIndexOutcome> {
  const reference = `${target.host}/${namespace}:${INDEX_TAG}`;
  const base = {
    target: {
      host: target.host,
      role: target.mirror ? ('mirror' as const) : ('registry' as const),
    },
    namespace,
    reference,
    warnings: [] as string[],
  };
  if (dryRun) return { ...base, status: 'would-update' };
  try {
    const client = deps.clientFor(target);
    const stored = await readStoredIndex(client, namespace);
    const scan = await scanNamespace(client, namespace, {
      charts,
      ...(stored && { known: stored.index }),
      trustKnown: true,
      ...(deps.pageSize && { pageSize: deps.pageSize }),
    });
    const warnings = scan.leftOut
      .filter((l) => !l.kept)
      .map((l) => `${l.chart}${l.tag ? `:${l.tag}` : ''} is not listed: ${l.reason}`);
    const additions = indexEntries(scan.index).filter((e) => !stored || !hasEntry(stored.index, e));
    if (stored && additions.length === 0) {
      return { ...base, status: 'present', index: stored.index, digest: stored.digest, warnings };
    }
    const kept = await keepIndex(client, namespace, { kind: 'add', entries: additions });
    return {
      ...base,
      status: kept.status,
      index: kept.stored.index,
      digest: kept.stored.digest,
      warnings: [...warnings, ...kept.warnings],
    };
  } catch (error) {
    return {
      ...base,
      status: 'failed',
      error: `${reference}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
