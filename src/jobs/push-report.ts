import { OciPushError } from '../base/errors.js';
import type {
  BlobOutcome,
  CopyHooks,
  TagOutcome,
  TargetResult,
  TargetStatus,
} from '../engine/copy.js';
import type { ArtifactKind, PushPlan, TargetRole } from '../engine/plan.js';
import type { PlannedResult, PushResult } from '../engine/push.js';
import type { ReferrerOutcome } from '../engine/referrers.js';
import type { AttachmentOutcome } from '../engine/attach.js';
import type { Digest } from '../oci/digest.js';
import { formatSourceReference } from '../oci/reference.js';
import { AuthError, RegistryError } from '../registry/errors.js';
import { NetworkError } from '../registry/http.js';
import type { AcrOutcome, AcrOutcomes } from './acr-push.js';
import type { Annotation, JobOutcome, Report } from './context.js';
import { EXIT, exitCodeForError } from './exit-codes.js';
import type { MadeSignature } from './signing.js';

/** The push's report, with the rows of its `result` output as typed values. */
export interface PushReport extends Report {
  rows: PushResultRow[];
}

/** One row of the push's `result` output (schema/result.push.json) per target. */
export interface PushTargetRow {
  artifact: ArtifactKind;
  registry: string;
  role: TargetRole;
  repository: string;
  /** A fork's registry that had no credential is `skipped`, not failed. */
  status: TargetStatus | 'skipped';
  refs: string[];
  /** A floating tag this run left where it was has `action: left` and the reason. */
  tags: (
    | Pick<TagOutcome, 'tag' | 'action' | 'previous'>
    | { tag: string; action: 'left'; reason: string }
  )[];
  blobs: Record<BlobOutcome, number>;
  referrers?: {
    copied: number;
    present: number;
    failed: number;
    wouldCopy?: number;
    items: ReferrerOutcome[];
  };
  /** This run's signatures (and attestations) of the artifact at this registry. */
  signatures?: {
    digest: Digest;
    subject: Digest;
    kind: string;
    action: AttachmentOutcome['action'];
    via?: string;
    /** An earlier run's signature, verified and reused (not signed again): where it was found. */
    reusedFrom?: string;
    error?: string;
  }[];
  bytes: number;
  seconds: number;
  error?: string;
  acr?: {
    locked?: { manifests: number; tags: string[] };
    untagged?: string;
    lockError?: string;
    untagError?: string;
  };
}

/** A registry the plan skipped (dev builds, visibility), with why. */
export interface PushSkippedRow {
  artifact: ArtifactKind;
  registry: string;
  role: TargetRole;
  status: 'skipped';
  reason: string;
}

/** The one row of a push that stopped before any registry was written. */
export interface PushFailureRow {
  status: 'failed';
  stage: FailedStage;
  error: string;
  pushed: [];
}

export type PushResultRow = PushTargetRow | PushSkippedRow | PushFailureRow;

export interface ReportContext {
  /** A pull request from a fork: it has no secrets, so a registry that needs one is skipped. */
  fromFork: boolean;
  /** What ACR did after the push, by target. */
  acr?: AcrOutcomes;
  /** The signatures this run made (each pushed to every target of its artifact). */
  signatures?: readonly MadeSignature[];
}

/** How one registry's outcome counts: fine, a warning (mirrors), a skip, or a job failure. */
type Verdict = 'ok' | 'warning' | 'fork-skip' | 'error';

function verdictOf(t: PlannedResult, context: ReportContext): Verdict {
  // A release that is pushed but could not be locked, as asked, fails like a push would.
  if (context.acr?.get(t.target)?.lockError)
    return t.target.role === 'mirror' ? 'warning' : 'error';
  // A signature or SBOM that didn't arrive fails the row like the image would.
  if (t.status !== 'failed' && t.status !== 'refused' && !t.referrers?.failed) return 'ok';
  if (t.target.role === 'mirror') return 'warning';
  if (context.fromFork && t.error instanceof AuthError && t.error.reason === 'missing')
    return 'fork-skip';
  return 'error';
}

/**
 * Turns a push's result into what the user sees, and its exit code: 0 when every main
 * registry is fine (a mirror may have warned, a fork's registries skipped), 3 when the only
 * failures are refused releases (a tag that holds another digest, or is locked), else 1.
 * Pure, so the demo and tests render exactly what the faces do.
 */
export function buildReport(result: PushResult, context: ReportContext): JobOutcome<PushReport> {
  const verdicts = result.targets.map((t) => verdictOf(t, context));
  const acrOf = (t: PlannedResult): AcrOutcome | undefined => context.acr?.get(t.target);
  const annotations: Annotation[] = [];
  // A mirror's warning says where the build is published: only true when a main registry has it.
  const mainOk = result.targets.some(
    (t, i) => t.target.role === 'registry' && verdicts[i] === 'ok',
  );
  result.targets.forEach((t, i) => {
    const verdict = verdicts[i];
    const acr = acrOf(t);
    const where = `${t.host}${t.target.role === 'mirror' ? ' (mirror)' : ''}`;
    if (acr?.untagError) {
      annotations.push({
        level: 'warning',
        title: `oci-push: ${t.host} passing tag left behind`,
        message:
          `${acr.untagError.message} The dev build is pushed, but its passing tag still points ` +
          'at it, so retention will not collect it; the cleanup action can delete the tag.',
      });
    }
    if (verdict === 'error') {
      annotations.push({
        level: 'error',
        title: `oci-push: ${where}`,
        message: acr?.lockError
          ? `The release is pushed and tagged, but locking it failed: ${acr.lockError.message}`
          : (t.error?.message ?? referrerFailure(t) ?? t.status),
      });
    } else if (verdict === 'warning') {
      annotations.push({
        level: 'warning',
        title: `oci-push: mirror ${t.host} failed`,
        message: `${sentence(t.error?.message ?? referrerFailure(t) ?? t.status)} ${
          mainOk
            ? 'The release is published to the main registries'
            : 'The main registries failed too (see their errors)'
        }; this mirror is not${t.error ? '' : ' complete'}.`,
      });
    }
  });
  if (result.plan.warning) {
    annotations.push({
      level: 'warning',
      title: 'oci-push: not a release tag',
      message: `${result.plan.warning}.`,
    });
  }
  const forkSkips = result.targets.filter((_, i) => verdicts[i] === 'fork-skip');
  if (forkSkips.length > 0) {
    annotations.push({
      level: 'notice',
      title: 'oci-push: pull request from a fork',
      message:
        `Not pushed to ${forkSkips.map((t) => t.host).join(', ')}: this pull request comes from a fork, ` +
        'and GitHub gives fork pull requests no secrets, so there is no credential for them. ' +
        'The `credentials` input (or a docker login) provides one on branches of this repository.',
    });
  }
  const failed = result.targets.filter((_, i) => verdicts[i] === 'error');
  const rows = rowsOf(result, verdicts, acrOf, context.signatures ?? []);
  const onlyRefused = failed.every((t) => t.status === 'refused' && !acrOf(t)?.lockError);
  return {
    report: {
      outputs: outputsOf(result, rows),
      summary: summaryMarkdown(result, verdicts, acrOf, context.signatures ?? []),
      annotations,
      rows,
      ...(failed.length > 0 && {
        failure: `oci-push failed on ${failed.map((t) => t.host).join(', ')}; the other registries finished. See the errors above and the job summary.`,
      }),
    },
    exitCode: failed.length === 0 ? EXIT.ok : onlyRefused ? EXIT.refused : EXIT.failed,
  };
}

/** Why referrers failed at a target whose image is fine, for the annotation. */
function referrerFailure(t: PlannedResult): string | undefined {
  const failed = t.referrers?.outcomes.filter((o) => o.action === 'failed') ?? [];
  if (failed.length === 0) return undefined;
  return (
    `The image is there, but ${failed.length} of its referrers (signatures, SBOMs, ` +
    `attestations) did not arrive: ${failed.map((o) => o.error ?? o.digest).join('; ')}`
  );
}

/** The references a registry now serves for this build: `oci://` ones for charts, as helm takes them. */
function refsOf(t: PlannedResult, build: 'dev' | 'release', evenIfNotYet = false): string[] {
  const served =
    t.status === 'pushed' ||
    t.status === 'unchanged' ||
    (evenIfNotYet && t.status === 'would-push');
  if (!served) return [];
  const base = `${t.target.artifact === 'chart' ? 'oci://' : ''}${t.host}/${t.repository}`;
  return build === 'dev' ? [`${base}@${t.digest}`] : t.tags.map((tag) => `${base}:${tag.tag}`);
}

/** A target's tags as it is left: a passing tag ACR deleted again is not one of them. */
function tagsLeft(t: PlannedResult, acr: AcrOutcome | undefined): PlannedResult['tags'] {
  return acr?.untagged ? t.tags.filter((tag) => tag.tag !== acr.untagged) : t.tags;
}

function rowsOf(
  result: PushResult,
  verdicts: Verdict[],
  acrOf: (t: PlannedResult) => AcrOutcome | undefined,
  signatures: readonly MadeSignature[],
): PushResultRow[] {
  const { plan } = result;
  const reusedFrom = (digest: Digest): string | undefined =>
    signatures.find((s) => s.digest === digest)?.reused?.from;
  return [
    ...result.targets.map((t, i): PushTargetRow => {
      const acr = acrOf(t);
      return {
        artifact: t.target.artifact,
        registry: t.host,
        role: t.target.role,
        repository: t.repository,
        status: verdicts[i] === 'fork-skip' ? 'skipped' : t.status,
        refs: refsOf(t, plan.build),
        tags: [
          ...tagsLeft(t, acr).map((tag) => ({
            tag: tag.tag,
            action: tag.action,
            ...(tag.previous && { previous: tag.previous }),
          })),
          ...(t.heldTags ?? []).map((held) => ({
            tag: held.tag,
            action: 'left' as const,
            reason: held.reason,
          })),
        ],
        blobs: t.blobs,
        ...(t.referrers && {
          referrers: {
            copied: t.referrers.copied,
            present: t.referrers.present,
            failed: t.referrers.failed,
            ...(plan.dryRun && {
              wouldCopy: t.referrers.outcomes.filter((o) => o.action === 'would-copy').length,
            }),
            items: t.referrers.outcomes.map((o) => ({
              digest: o.digest,
              subject: o.subject,
              ...(o.artifactType && { artifactType: o.artifactType }),
              ...(o.tag && { tag: o.tag }),
              action: o.action,
              ...(o.movedFrom && { movedFrom: o.movedFrom }),
              ...(o.error && { error: o.error }),
            })),
          },
        }),
        ...(t.attachments && {
          signatures: t.attachments.map((o) => ({
            digest: o.digest,
            subject: o.subject,
            kind: o.label,
            action: o.action,
            ...(o.via && { via: o.via }),
            ...(reusedFrom(o.digest) && { reusedFrom: reusedFrom(o.digest) }),
            ...(o.error && { error: o.error }),
          })),
        }),
        bytes: t.bytesUploaded,
        seconds: Number(t.seconds.toFixed(2)),
        ...(t.error && { error: t.error.message }),
        ...(acr && {
          acr: {
            ...(acr.locked && { locked: acr.locked }),
            ...(acr.untagged && { untagged: acr.untagged }),
            ...(acr.lockError && { lockError: acr.lockError.message }),
            ...(acr.untagError && { untagError: acr.untagError.message }),
          },
        }),
      };
    }),
    ...plan.skipped.map((s): PushSkippedRow => ({
      artifact: s.artifact,
      registry: s.host,
      role: s.role,
      status: 'skipped',
      reason: s.reason,
    })),
  ];
}

function outputsOf(result: PushResult, rows: PushResultRow[]): Record<string, string> {
  const { plan } = result;
  const ordered = [...result.targets].sort((a, b) => roleOrder(a) - roleOrder(b));
  const refs = (artifact: ArtifactKind): string[] =>
    ordered.filter((t) => t.target.artifact === artifact).flatMap((t) => refsOf(t, plan.build));
  const imageRefs = refs('image');
  const chartRefs = refs('chart');
  return {
    build: plan.build,
    version: plan.version,
    digest: result.digests.image ?? '',
    tags: plan.tags.join('\n'),
    refs: imageRefs.join('\n'),
    ref: imageRefs[0] ?? '',
    'chart-digest': result.digests.chart ?? '',
    'chart-refs': chartRefs.join('\n'),
    'chart-ref': chartRefs[0] ?? '',
    result: JSON.stringify(rows),
  };
}

function roleOrder(t: PlannedResult): number {
  return t.target.role === 'registry' ? 0 : 1;
}

const STATUS_TEXT: Record<TargetStatus, string> = {
  pushed: '✅ pushed',
  unchanged: '✅ already there',
  refused: '⛔ refused',
  'would-push': '🔍 would push',
  failed: '❌ failed',
};

function summaryMarkdown(
  result: PushResult,
  verdicts: Verdict[],
  acrOf: (t: PlannedResult) => AcrOutcome | undefined,
  signatures: readonly MadeSignature[],
): string {
  const { plan } = result;
  const title = plan.build === 'release' ? `release ${plan.version}` : `dev build ${plan.version}`;
  const lines = [
    `## oci-push: ${title}${plan.dryRun ? ' (dry run: nothing was written)' : ''}`,
    '',
    `- **Why:** ${plan.reason}`,
  ];
  if (plan.source) {
    lines.push(
      `- **Image:** \`${formatSourceReference(plan.source)}\` → \`${result.digests.image ?? ''}\``,
    );
  }
  if (plan.chart) {
    lines.push(
      `- **Chart:** \`${plan.chart.name}\` ${plan.version} from \`${plan.chart.path}\` → \`${result.digests.chart ?? ''}\``,
    );
  }
  lines.push(`- **Visibility:** ${plan.visibility.visibility}, ${plan.visibility.source}`);
  lines.push(
    `- **Signing:** ${plan.dryRun && plan.signing.sign ? 'would be ' : ''}${plan.signing.reason}`,
  );
  const tagList = (tags: readonly string[]): string => tags.map((t) => `\`${t}\``).join(', ');
  const imageTags = plan.source && plan.tags.length > 0 ? `image ${tagList(plan.tags)}` : '';
  const chartTags = plan.chart?.tags.length ? `chart ${tagList(plan.chart.tags)}` : '';
  const tagged = [imageTags, chartTags].filter(Boolean).join('; ');
  if (plan.build === 'release') {
    const floating = plan.forwardOnlyTags?.length
      ? `; ${tagList(plan.forwardOnlyTags)} move only to the highest release`
      : '';
    lines.push(
      `- **Tags:** ${tagged}; the version's tag is immutable${plan.overwrite ? ' (overwrite is on)' : ''}${floating}`,
    );
  } else {
    lines.push(
      tagged
        ? `- **Tags:** ${tagged}; a dev build's tags follow each build of its commit or branch`
        : '- **Tags:** none: a dev build is pushed by digest only',
    );
  }
  lines.push(
    '',
    '| repository | status | references | blobs uploaded / mounted / skipped | referrers copied / there / failed | uploaded | time |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  result.targets.forEach((t, i) => {
    const role = t.target.role === 'mirror' ? ' (mirror)' : '';
    let status = STATUS_TEXT[t.status];
    if (verdicts[i] === 'fork-skip') status = '⏭️ skipped (fork)';
    else if (verdicts[i] === 'warning') status = `🟡 ${t.status}, not blocking`;
    const refs = refsOf(t, plan.build, plan.dryRun);
    lines.push(
      `| \`${t.host}/${t.repository}\`${role} | ${status} | ${refs.map((r) => `\`${r}\``).join('<br>') || '—'} | ` +
        `${t.blobs.uploaded} / ${t.blobs.mounted} / ${t.blobs.skipped} | ${referrerCell(t)} | ` +
        `${formatBytes(t.bytesUploaded)} | ${t.seconds.toFixed(1)} s |`,
    );
  });
  for (const s of plan.skipped) {
    const role = s.role === 'mirror' ? ' (mirror)' : '';
    const repository = s.artifact === 'chart' ? plan.chart?.repository : plan.repository;
    lines.push(
      `| \`${s.host}/${repository ?? ''}\`${role} | ⏭️ skipped | ${escapeCell(s.reason)} | — | — | — | — |`,
    );
  }
  const problems = result.targets.filter((t) => t.error || t.referrers?.failed);
  if (problems.length > 0) {
    lines.push('', '### What went wrong', '');
    for (const t of problems) {
      const message = t.error?.message ?? referrerFailure(t) ?? '';
      lines.push(`- **\`${t.host}/${t.repository}\`** (${t.target.role}): ${escapeCell(message)}`);
    }
  }
  const acrLines = result.targets.flatMap((t) => {
    const where = `\`${t.host}/${t.repository}\``;
    const a = acrOf(t);
    if (!a) return [];
    if (a.locked) {
      const tags = a.locked.tags.map((tag) => `\`${tag}\``).join(', ');
      return [
        `- 🔒 ${where}: locked ${a.locked.manifests} manifest(s)${tags ? ` and the tag ${tags}` : ''} (no write, no delete)`,
      ];
    }
    if (a.untagged) {
      return [
        `- 🏷️ ${where}: passing tag \`${a.untagged}\` deleted; the dev build is an untagged manifest that retention can collect`,
      ];
    }
    if (a.lockError) return [`- ❌ ${where}: not locked: ${escapeCell(a.lockError.message)}`];
    if (a.untagError)
      return [`- ⚠️ ${where}: passing tag left: ${escapeCell(a.untagError.message)}`];
    return [];
  });
  if (acrLines.length > 0) lines.push('', '### Azure Container Registry', '', ...acrLines);
  lines.push(...signatureSection(result, signatures));
  const moved = result.targets.flatMap((t) =>
    t.tags
      .filter((tag) => tag.action === 'moved' && t.status === 'pushed')
      .map((tag) => `\`${t.host}/${t.repository}:${tag.tag}\` moved from \`${tag.previous}\``),
  );
  // cosign's tags float: a re-signed image moves them, and the summary says so.
  const resigned = result.targets.flatMap((t) =>
    (t.referrers?.outcomes ?? [])
      .filter((o) => o.movedFrom && o.action === 'copied')
      .map(
        (o) => `\`${t.host}/${t.repository}:${o.tag}\` moved from \`${o.movedFrom}\` (re-signed)`,
      ),
  );
  moved.push(...resigned);
  if (moved.length > 0) lines.push('', '### Tags moved', '', ...moved.map((m) => `- ${m}`));
  const left = result.targets.flatMap((t) =>
    (t.heldTags ?? []).map(
      (held) =>
        `- \`${t.host}/${t.repository}:${held.tag}\` left where it was: ${escapeCell(held.reason)}`,
    ),
  );
  if (left.length > 0) lines.push('', '### Floating tags not moved', '', ...left);
  lines.push('');
  return lines.join('\n');
}

/**
 * Each signature made, by whom, and where it landed; then any tag left pointing at a signed
 * artifact that lacks its signature there (a tag from an earlier run, when this run's
 * signature failed to arrive), with how to finish.
 */
function signatureSection(result: PushResult, signatures: readonly MadeSignature[]): string[] {
  const { plan } = result;
  if (!plan.signing.sign || plan.dryRun) return [];
  const lines = ['', '### Signatures', ''];
  for (const s of signatures) {
    const landed = result.targets
      .filter((t) => t.target.artifact === s.artifact)
      .map((t) => {
        const o = t.attachments?.find((a) => a.digest === s.digest);
        const where = `\`${t.host}/${t.repository}\`${t.target.role === 'mirror' ? ' (mirror)' : ''}`;
        if (!o) return `${where} ❌ not pushed (${t.status})`;
        if (o.action === 'failed') return `${where} ❌ failed`;
        return `${where} (${o.via ?? 'pushed'}${o.action === 'present' ? ', already there' : ''})`;
      });
    lines.push(
      `- ✍️ ${s.artifact} ${s.label}${s.platform ? ` (${s.platform})` : ''} of \`${s.subject}\` → ` +
        `\`${s.digest}\`, signed by \`${s.identity}\` (${s.issuer})` +
        `${s.logIndex ? `, Rekor log index ${s.logIndex}` : ''}` +
        `${s.reused ? `, reused, not signed again (found at \`${s.reused.from}\`, ${s.reused.via})` : ''}` +
        `: ${landed.join(', ') || 'nowhere'}`,
    );
  }
  const kinds = new Set(result.targets.map((t) => t.target.artifact));
  for (const kind of kinds) {
    if (!signatures.some((s) => s.artifact === kind && s.label === 'signature')) {
      lines.push(`- ❌ the ${kind} was not signed (see what went wrong); no new tag points at it`);
    }
  }
  const unsigned = result.targets.flatMap((t) => {
    const signed = t.attachments?.some((a) => a.label === 'signature' && a.action !== 'failed');
    if (signed) return [];
    return t.tags
      .filter((tag) => tag.previous === t.digest)
      .map((tag) => `\`${t.host}/${t.repository}:${tag.tag}\``);
  });
  if (unsigned.length > 0) {
    lines.push(
      '',
      `**Tags without their signature:** ${unsigned.join(', ')} already pointed at this ` +
        "build's digest and still do, but its signature did not arrive there. To finish, run " +
        'the same release again: the content is unchanged, only the signature is pushed.',
    );
  }
  return lines;
}

function referrerCell(t: PlannedResult): string {
  const r = t.referrers;
  if (!r) return '—';
  const wouldCopy = r.outcomes.filter((o) => o.action === 'would-copy').length;
  const copied = wouldCopy > 0 ? `${wouldCopy} to copy` : String(r.copied);
  return `${copied} / ${r.present} / ${r.failed}${r.failed > 0 ? ' ❌' : ''}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * The push's upload progress as both faces show it: one line per target, keyed by it, built
 * only when `show` prints it (the action's throttle, the CLI's console).
 */
export function uploadProgress(show: (key: string, line: () => string) => void): CopyHooks {
  return {
    onProgress: ({ target, bytes, totalBytes }) => {
      const where = `${target.client.host}/${target.repository}`;
      show(where, () => `${where}: ${formatBytes(bytes)} of ${formatBytes(totalBytes)} uploaded`);
    },
  };
}

/** A table cell's text: a `|` would end the cell, a line break the row. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The plan, one line per decision, for the Plan log group. */
export function planLines(plan: PushPlan): string[] {
  const what = (artifact: ArtifactKind): string => {
    const tags = artifact === 'chart' ? (plan.chart?.tags ?? []) : plan.tags;
    if (plan.build !== 'release') {
      return tags.length > 0 ? `by digest, tags ${tags.join(', ')}` : 'by digest, no tag';
    }
    return `tags ${tags.join(', ')}`;
  };
  const defaults = [
    ...new Set(
      [...plan.targets, ...plan.skipped].filter((t) => t.role === 'registry').map((t) => t.host),
    ),
  ].join(', ');
  return [
    plan.reason,
    ...(plan.warning ? [`Warning: ${plan.warning}.`] : []),
    ...(plan.registriesDefaulted
      ? [`Registries: \`registries\` is blank, so Giant Swarm's defaults are used: ${defaults}.`]
      : []),
    `Repository visibility: ${plan.visibility.visibility}, ${plan.visibility.source}.`,
    `Signing: ${plan.dryRun && plan.signing.sign ? 'would be ' : ''}${plan.signing.reason}.`,
    ...plan.targets.map(
      (t) =>
        `${plan.dryRun ? 'would push' : 'push'} → ${t.host}/${t.repository} (${t.role}, ${what(t.artifact)})`,
    ),
    ...plan.skipped.map((s) => `skip ${s.artifact} on ${s.host} (${s.role}): ${s.reason}`),
  ];
}

/** One registry's outcome, for the end of the Push log group. */
export function targetLine(
  t: TargetResult & Pick<PlannedResult, 'referrers' | 'heldTags'>,
): string {
  const blobs =
    t.status === 'would-push'
      ? `would upload ${t.blobs.uploaded}, would mount ${t.blobs.mounted}, ${t.blobs.skipped} there already`
      : `${t.blobs.uploaded} uploaded, ${t.blobs.mounted} mounted, ${t.blobs.skipped} skipped`;
  const r = t.referrers;
  const referrers = r
    ? `, referrers ${r.copied} copied, ${r.present} there, ${r.failed} failed`
    : '';
  const held = (t.heldTags ?? []).map((h) => `; ${h.tag} not moved: ${h.reason}`).join('');
  return `${t.host}/${t.repository}: ${t.status} (${blobs}${referrers}, ${formatBytes(t.bytesUploaded)}, ${t.seconds.toFixed(1)} s)${held}`;
}

/** A message as a sentence: one full stop at its end, never two. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** Where a push stopped before any registry row existed. */
export type FailedStage = 'inputs' | 'plan' | 'source' | 'setup' | 'interrupted';

/** Where a push stopped, said plainly for the summary, read from the error's code. */
function failedStage(error: unknown): { stage: FailedStage; before: string } {
  const code = error instanceof OciPushError ? error.code : undefined;
  if (code === 'input') return { stage: 'inputs', before: 'The inputs are wrong' };
  if (code === 'plan') return { stage: 'plan', before: 'No plan could be made' };
  if (code === 'interrupted') return { stage: 'interrupted', before: 'oci-push was stopped' };
  if (
    code === 'source' ||
    error instanceof RegistryError ||
    error instanceof AuthError ||
    error instanceof NetworkError
  ) {
    return { stage: 'source', before: 'The image source (`image`) could not be read' };
  }
  return { stage: 'setup', before: 'oci-push stopped before the push' };
}

/**
 * The outcome of a push that stopped before any registry was written (bad inputs, no plan,
 * an unreadable source, a signal): the job still gets its summary, an error annotation and
 * a `result` output saying what failed and that nothing was pushed, never an empty summary;
 * and the exit code its error's code maps to.
 */
export function failureOutcome(error: unknown): JobOutcome<PushReport> {
  const message = error instanceof Error ? error.message : String(error);
  const { stage, before } = failedStage(error);
  const summary = [
    '## oci-push: failed before pushing',
    '',
    `- **What failed:** ${before}: ${escapeCell(message)}`,
    '- **What was pushed:** nothing; oci-push stops at the first such error, before it writes ' +
      'to any registry, so no registry holds part of this build.',
    '- **What to do:** the message says which input or host and the fix; correct it and run ' +
      'the job again.',
    '',
  ].join('\n');
  const rows: PushResultRow[] = [{ status: 'failed', stage, error: message, pushed: [] }];
  return {
    report: {
      outputs: {
        build: '',
        version: '',
        digest: '',
        tags: '',
        refs: '',
        ref: '',
        'chart-digest': '',
        'chart-refs': '',
        'chart-ref': '',
        result: JSON.stringify(rows),
      },
      summary,
      // The job's failure is the one error annotation; a second would repeat it.
      annotations: [],
      rows,
      failure: message,
    },
    exitCode: exitCodeForError(error),
  };
}
