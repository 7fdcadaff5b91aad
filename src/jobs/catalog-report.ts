import type { LeftOut } from '../engine/chart-catalog.js';
import type { Digest } from '../oci/digest.js';
import type { JobOutcome } from './context.js';
import { exitCodeForError } from './exit-codes.js';

/**
 * What `oci-push catalog` shows: its `--json` result and its summary. Apart from the job, as
 * the sync's report is, so a face can make a failed run's outcome without loading the
 * catalog's charts code (yaml, tar).
 */
export interface CatalogResult {
  registry: string;
  namespace: string;
  charts: { name: string; versions: string[] }[];
  leftOut: LeftOut[];
  otherTags: number;
  /** The stored index, when `write`: its reference and manifest digest. */
  stored?: { reference: string; digest: Digest; status: 'present' | 'updated' };
  /** The file written, when `out`. */
  out?: string;
  warnings: string[];
}

/** The outcome of a catalog that failed before it had an index to show. */
export function catalogFailureOutcome(error: unknown): JobOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return {
    report: {
      outputs: { result: JSON.stringify({ error: message }) },
      summary: `oci-push catalog failed: ${message}`,
      annotations: [],
      failure: message,
    },
    exitCode: exitCodeForError(error),
  };
}

/** The human summary of a catalog run. */
export function catalogSummary(result: CatalogResult): string {
  const versions = result.charts.reduce((n, c) => n + c.versions.length, 0);
  const lines = [
    `oci-push catalog: ${result.registry}/${result.namespace}: ${result.charts.length} chart(s), ${versions} version(s) listed`,
    ...result.charts.map((c) => `  ${c.name}: ${c.versions.join(', ')}`),
  ];
  const leftOut = result.leftOut.filter((l) => !l.kept);
  if (leftOut.length > 0) {
    lines.push(`${leftOut.length} left out:`);
    for (const l of leftOut) lines.push(`  ${l.chart}${l.tag ? `:${l.tag}` : ''}: ${l.reason}`);
  }
  const kept = result.leftOut.filter((l) => l.kept);
  if (kept.length > 0) {
    lines.push(`${kept.length} unreadable now, kept from the stored index:`);
    for (const l of kept) lines.push(`  ${l.chart}${l.tag ? `:${l.tag}` : ''}: ${l.reason}`);
  }
  if (result.stored) {
    lines.push(
      `Stored at ${result.stored.reference} (${result.stored.digest}${result.stored.status === 'present' ? ', unchanged' : ''})`,
    );
  }
  if (result.out) lines.push(`Written to ${result.out}`);
  return lines.join('\n');
}
