import type { Digest } from '../oci/digest.js';
import type { KeepReason, KeptManifest, RepositoryPlan, TagDeletion } from './policy.js';

/**
 * Turns a cleanup's plans, and what the deleter did with them, into the `deleted` and
 * `result` outputs and the job summary. Pure, so a dry run renders exactly what a run does.
 */
export interface CleanupReport {
  registry: string;
  dryRun: boolean;
  repositories: RepositoryOutcome[];
  /** Globs of `repositories` that selected nothing: likely a typo, worth a warning. */
  unmatched: string[];
  /** Why nothing was cleaned at all: signing in to the registry, or listing it, failed. */
  error?: string;
}

export interface RepositoryOutcome {
  plan: RepositoryPlan;
  /** What was actually deleted; absent in a dry run. */
  deleted?: { tags: TagDeletion[]; manifests: Digest[] };
  /** Why deleting stopped in this repository (the deleter stops at the first failure). */
  error?: string;
}

export interface CleanupSummary {
  outputs: { deleted: string; result: string };
  summary: string;
  /** Set when a listing was incomplete or a deletion failed: the job fails with this. */
  failure?: string;
}

/** For the summary: what each reason means, said plainly. */
const REASON_TEXT: Record<KeepReason, string> = {
  locked: 'locked (delete or write disabled)',
  tagged: 'tagged',
  'tag-locked': 'its tag is locked',
  'too-new': 'newer than the cut-off',
  'child-of-kept-index': 'part of a kept index',
  'referrer-of-kept': 'referrer (signature, SBOM, attestation) of a kept manifest',
  'has-kept-referrer': 'has a kept referrer',
  'untagged-off': 'untagged, and `untagged` is off',
  'subject-missing': 'referrer whose subject is not in this repository',
  keep: 'kept by `keep`',
};

/** Reasons listed digest by digest in the summary; the others are counted only. */
const LISTED_REASONS: ReadonlySet<KeepReason> = new Set<KeepReason>([
  'locked',
  'tag-locked',
  'child-of-kept-index',
  'referrer-of-kept',
  'has-kept-referrer',
  'subject-missing',
  'keep',
]);

/** Job summaries are capped at 1 MiB; a registry's worth of digests must not reach it. */
const MAX_LISTED = 50;

export function summarize(report: CleanupReport): CleanupSummary {
  const deletedCount = report.repositories.reduce(
    (n, r) => n + (r.deleted?.manifests.length ?? 0),
    0,
  );
  const problems = report.repositories.flatMap((r) => {
    if (r.plan.incomplete) return [`${r.plan.repository}: ${r.plan.incomplete}`];
    if (r.error) return [`${r.plan.repository}: ${r.error}`];
    return [];
  });
  const result = {
    registry: report.registry,
    dryRun: report.dryRun,
    ...(report.error && { error: report.error }),
    deleted: deletedCount,
    repositories: report.repositories.map((r) => ({
      repository: r.plan.repository,
      status: statusOf(r, report.dryRun),
      planned: { tags: r.plan.deleteTags, manifests: r.plan.deleteManifests },
      deleted: r.deleted ?? { tags: [], manifests: [] },
      kept: r.plan.kept,
      ...(r.plan.incomplete && { incomplete: r.plan.incomplete }),
      ...(r.error && { error: r.error }),
      ...(r.plan.warnings.length > 0 && { warnings: r.plan.warnings }),
    })),
    unmatched: report.unmatched,
  };
  return {
    outputs: { deleted: String(deletedCount), result: JSON.stringify(result) },
    summary: summaryMarkdown(report, deletedCount),
    ...(report.error && {
      failure: `oci-push cleanup of ${report.registry} failed: ${report.error}`,
    }),
    ...(!report.error &&
      problems.length > 0 && {
        failure:
          `oci-push cleanup left ${problems.length} repositor${problems.length === 1 ? 'y' : 'ies'} ` +
          `not (fully) cleaned: ${problems.join('; ')}`,
      }),
  };
}

type Status = 'cleaned' | 'would-clean' | 'nothing-to-delete' | 'incomplete' | 'failed';

function statusOf(r: RepositoryOutcome, dryRun: boolean): Status {
  if (r.plan.incomplete) return 'incomplete';
  if (r.error) return 'failed';
  if (r.plan.deleteManifests.length === 0 && r.plan.deleteTags.length === 0) {
    return 'nothing-to-delete';
  }
  return dryRun ? 'would-clean' : 'cleaned';
}

const STATUS_TEXT: Record<Status, string> = {
  cleaned: '✅ cleaned',
  'would-clean': '🔍 would clean',
  'nothing-to-delete': '✅ nothing to delete',
  incomplete: '❌ listing incomplete: nothing deleted',
  failed: '❌ stopped on an error',
};

function summaryMarkdown(report: CleanupReport, deletedCount: number): string {
  const planned = report.repositories.reduce((n, r) => n + r.plan.deleteManifests.length, 0);
  const manifests = `manifest${planned === 1 ? '' : 's'}`;
  const where = `in ${report.repositories.length} ${report.repositories.length === 1 ? 'repository' : 'repositories'}`;
  const lines = [
    `## oci-push cleanup: ${report.registry}${report.dryRun ? ' (dry run: nothing was deleted)' : ''}`,
    '',
    ...(report.error ? [`❌ ${escape(report.error)}`, ''] : []),
    report.dryRun
      ? `Would delete ${planned} ${manifests} ${where}.`
      : `Deleted ${deletedCount} of ${planned} planned ${manifests} ${where}.`,
    '',
    '| repository | status | tags deleted | manifests deleted | kept |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of report.repositories) {
    const tags = r.deleted?.tags.length ?? r.plan.deleteTags.length;
    const manifests = r.deleted?.manifests.length ?? r.plan.deleteManifests.length;
    const suffix = report.dryRun ? ' (would)' : '';
    lines.push(
      `| \`${r.plan.repository}\` | ${STATUS_TEXT[statusOf(r, report.dryRun)]} | ${tags}${suffix} | ` +
        `${manifests}${suffix} | ${keptCounts(r.plan.kept) || '—'} |`,
    );
  }
  if (report.unmatched.length > 0) {
    lines.push('', `No repository matched ${report.unmatched.map((g) => `\`${g}\``).join(', ')}.`);
  }
  for (const r of report.repositories) {
    const body = repositoryDetails(r, report.dryRun);
    if (body.length > 0) lines.push('', `### \`${r.plan.repository}\``, '', ...body);
  }
  lines.push('');
  return lines.join('\n');
}

function keptCounts(kept: KeptManifest[]): string {
  const counts = new Map<KeepReason, number>();
  for (const k of kept) counts.set(k.reason, (counts.get(k.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${REASON_TEXT[reason]}`).join('<br>');
}

function repositoryDetails(r: RepositoryOutcome, dryRun: boolean): string[] {
  const lines: string[] = [];
  if (r.plan.incomplete) lines.push(`- ❌ ${escape(r.plan.incomplete)}`);
  if (r.error) lines.push(`- ❌ ${escape(r.error)}; the rest of this repository was left alone`);
  for (const warning of r.plan.warnings) lines.push(`- ⚠️ ${escape(warning)}`);
  const tags = r.deleted?.tags ?? (dryRun ? r.plan.deleteTags : []);
  const manifests = r.deleted?.manifests ?? (dryRun ? r.plan.deleteManifests : []);
  const verb = dryRun ? 'Would delete' : 'Deleted';
  if (tags.length > 0) {
    lines.push(`- ${verb} tags: ${capped(tags.map((t) => `\`${t.name}\``))}`);
  }
  if (manifests.length > 0) {
    lines.push(`- ${verb} manifests: ${capped(manifests.map((d) => `\`${d}\``))}`);
  }
  for (const reason of LISTED_REASONS) {
    const kept = r.plan.kept.filter((k) => k.reason === reason);
    if (kept.length === 0) continue;
    const items = kept.map(
      (k) =>
        `\`${k.digest}\`${k.tags.length > 0 ? ` (${k.tags.join(', ')})` : ''}` +
        (k.via ? ` via \`${k.via}\`` : ''),
    );
    lines.push(`- Kept, ${REASON_TEXT[reason]}: ${capped(items)}`);
  }
  return lines;
}

function capped(items: string[]): string {
  if (items.length <= MAX_LISTED) return items.join(', ');
  return `${items.slice(0, MAX_LISTED).join(', ')} … and ${items.length - MAX_LISTED} more (see the \`result\` output)`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
