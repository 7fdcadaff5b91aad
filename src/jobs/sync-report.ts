import type { SyncResult } from '../engine/sync.js';
import type { SyncImageResult, SyncStatus } from '../engine/sync-outcomes.js';
import type { SyncTarget } from '../engine/sync-plan.js';
import type { Annotation, JobOutcome, Report } from './context.js';
import { EXIT, exitCodeForError } from './exit-codes.js';

export interface SyncCounts {
  copied: number;
  unchanged: number;
  drifted: number;
  failed: number;
}

/** One image at one target, as a row of the summary. */
interface Row {
  image: SyncImageResult;
  target: SyncTarget;
  counts: Record<SyncStatus, number>;
  /** The source could not be listed: the whole row failed. */
  listingFailed: boolean;
}

const EMPTY: Record<SyncStatus, number> = {
  copied: 0,
  unchanged: 0,
  trusted: 0,
  drift: 0,
  moved: 0,
  'would-copy': 0,
  'would-move': 0,
  failed: 0,
};

function syncCounts(result: SyncResult): SyncCounts {
  const counts: SyncCounts = { copied: 0, unchanged: 0, drifted: 0, failed: 0 };
  for (const row of rowsOf(result)) {
    counts.copied += row.counts.copied + row.counts.moved;
    // Trusted from the listing (an immutable tag the target lists) counts as unchanged.
    counts.unchanged += row.counts.unchanged + row.counts.trusted;
    counts.drifted += row.counts.drift;
    counts.failed += row.counts.failed + (row.listingFailed ? 1 : 0);
  }
  return counts;
}

/**
 * The outputs (`result` holds every image × tag × target), the job summary with one row per
 * image and target, an annotation for each failure and each drift with its fix, and the exit
 * code: 0 everything is there (mirrors may have warned), 1 a required target failed, 3 drift
 * was refused and nothing else failed.
 */
export function buildSyncReport(result: SyncResult): JobOutcome {
  const rows = rowsOf(result);
  const annotations: Annotation[] = [];
  let requiredFailed = false;
  let requiredDrift = false;
  const problems: string[] = [];
  for (const image of result.images) {
    for (const name of image.image.to) {
      const target = result.targets.find((t) => t.name === name) as SyncTarget;
      const level = target.mirror ? 'warning' : 'error';
      if (image.error) {
        if (!target.mirror) requiredFailed = true;
        problems.push(`- **failed** ${image.source} → \`${name}\`: ${escape(image.error)}`);
        // An empty selection is a warning (nothing broke) on a row that still fails.
        annotations.push({
          level: image.empty ? 'warning' : level,
          title: `oci-push sync: ${image.source}${image.empty ? ' selects no tag' : ''}`,
          message: image.error,
        });
        continue;
      }
      for (const tag of image.tags) {
        const o = tag.targets.find((t) => t.target === name);
        if (!o || (o.status !== 'failed' && o.status !== 'drift')) continue;
        if (!target.mirror) {
          if (o.status === 'failed') requiredFailed = true;
          else requiredDrift = true;
        }
        const where = `${o.host}/${o.repository}:${tag.targetTag ?? tag.tag}`;
        const message = `${o.error ?? o.status}${target.mirror ? ' (a mirror: this only warns)' : ''}`;
        problems.push(`- **${o.status}** \`${where}\` (${name}): ${escape(message)}`);
        annotations.push({
          level,
          title: `oci-push sync: ${o.status} at ${where}`,
          message,
        });
      }
    }
  }
  // A job summary can't take thousands of lines; the annotations and `result` hold them all.
  const MAX_ANNOTATIONS = 50;
  const shownAnnotations = annotations.slice(0, MAX_ANNOTATIONS);
  if (annotations.length > MAX_ANNOTATIONS) {
    shownAnnotations.push({
      level: 'warning',
      title: 'oci-push sync: more problems',
      message: `${annotations.length - MAX_ANNOTATIONS} more; see the job summary and the \`result\` output`,
    });
  }

  const exitCode = requiredFailed ? EXIT.failed : requiredDrift ? EXIT.refused : EXIT.ok;
  const counts = syncCounts(result);
  const report: Report = {
    outputs: {
      result: JSON.stringify(resultJson(result, counts)),
      copied: String(counts.copied),
      unchanged: String(counts.unchanged),
      drifted: String(counts.drifted),
      failed: String(counts.failed),
    },
    summary: summaryMarkdown(result, rows, counts, problems),
    annotations: shownAnnotations,
    ...(exitCode === EXIT.failed && {
      failure:
        'oci-push sync: a required target failed (see the errors above and the job summary); ' +
        'the other images and targets were still synced. Fix the cause and run again: what is ' +
        'already there is left unchanged.',
    }),
    ...(exitCode === EXIT.refused && {
      failure:
        'oci-push sync: drift refused, nothing else failed: a target tag holds another digest ' +
        'than the source. The summary names both digests; set `overwrite: true` on the image to ' +
        'move such tags, or find out who pushed them.',
    }),
  };
  return { report, exitCode };
}

function rowsOf(result: SyncResult): Row[] {
  const rows: Row[] = [];
  for (const image of result.images) {
    for (const name of image.image.to) {
      const target = result.targets.find((t) => t.name === name) as SyncTarget;
      const counts = { ...EMPTY };
      for (const tag of image.tags) {
        const o = tag.targets.find((t) => t.target === name);
        if (o) counts[o.status]++;
      }
      rows.push({ image, target, counts, listingFailed: image.error !== undefined });
    }
  }
  return rows;
}

function summaryMarkdown(
  result: SyncResult,
  rows: Row[],
  counts: SyncCounts,
  problems: string[],
): string {
  const lines = [
    `## oci-push sync${result.dryRun ? ' (dry run: nothing written)' : ''}`,
    '',
    `${result.images.length} image(s)` +
      (result.shard
        ? `, shard ${result.shard.index}/${result.shard.count} (${result.otherShards} image(s) left to the other shards)`
        : '') +
      `: ${counts.copied} copied, ${counts.unchanged} unchanged, ${counts.drifted} drift, ` +
      `${counts.failed} failed.`,
    '',
    `| Image | Target | ${result.dryRun ? 'Would copy | ' : ''}Copied | Unchanged (trusted) | Drift | Failed | Filtered out |`,
    `|---|---|${result.dryRun ? '--:|' : ''}--:|--:|--:|--:|--:|`,
  ];
  for (const row of rows) {
    const c = row.counts;
    const target = `${row.target.name} (${row.target.host}${row.target.mirror ? ', mirror' : ''})`;
    const image = `${row.image.source} → ${row.image.image.repository}`;
    const failed = row.listingFailed
      ? row.image.empty
        ? 'selects no tag'
        : 'listing failed'
      : String(c.failed);
    const unchanged = `${c.unchanged + c.trusted}${c.trusted > 0 ? ` (${c.trusted})` : ''}`;
    lines.push(
      `| ${escape(image)} | ${escape(target)} | ` +
        (result.dryRun ? `${c['would-copy'] + c['would-move']} | ` : '') +
        `${c.copied + c.moved} | ${unchanged} | ${c.drift} | ${failed} | ${row.image.filteredOut.length} |`,
    );
  }
  if (problems.length > 0) {
    const MAX = 200;
    lines.push('', '### Failures and drift', '', ...problems.slice(0, MAX));
    if (problems.length > MAX) lines.push(`- … and ${problems.length - MAX} more in \`result\``);
  }
  return `${lines.join('\n')}\n`;
}

function resultJson(result: SyncResult, counts: SyncCounts): object {
  return {
    dryRun: result.dryRun,
    ...(result.shard && { shard: `${result.shard.index}/${result.shard.count}` }),
    counts,
    images: result.images.map((image) => ({
      index: image.image.index,
      source: image.source,
      repository: image.image.repository,
      listed: image.listed,
      filteredOut: image.filteredOut,
      ...(image.error && { error: image.error }),
      ...(image.empty && { empty: true }),
      tags: image.tags.map((tag) => ({
        tag: tag.tag,
        ...(tag.targetTag && { targetTag: tag.targetTag }),
        ...(tag.sourceDigest && { digest: tag.sourceDigest }),
        targets: tag.targets,
      })),
      ...(image.repairs && { repairs: image.repairs }),
    })),
  };
}

/** Table cells and list items: no pipes or newlines from an error message break the table. */
function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * The outcome of a sync that stopped before it listed anything (a bad config or input, a
 * stop): a summary and a `result` saying so and that nothing was copied, and the exit code
 * its error maps to (2 for a config or input error).
 */
export function syncFailureOutcome(error: unknown): JobOutcome {
  const message = error instanceof Error ? error.message : String(error);
  const counts: SyncCounts = { copied: 0, unchanged: 0, drifted: 0, failed: 0 };
  return {
    report: {
      outputs: {
        result: JSON.stringify({ dryRun: false, error: message, counts, images: [] }),
        copied: '0',
        unchanged: '0',
        drifted: '0',
        failed: '0',
      },
      summary:
        '## oci-push sync: failed before syncing\n\n' +
        `- **What failed:** ${escape(message)}\n` +
        '- **What was copied:** nothing; no registry was written to.\n',
      annotations: [],
      failure: message,
    },
    exitCode: exitCodeForError(error),
  };
}
