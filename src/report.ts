import type { TargetResult } from './copy.js';
import type { PushResult } from './push.js';

/** The action's outputs, from a push's result. */
export function outputsOf(result: PushResult): Record<string, string> {
  const refs = result.targets
    .filter((t) => t.status === 'pushed')
    .map((t) => `${t.host}/${t.repository}@${t.digest}`);
  return {
    build: result.plan.build,
    digest: result.digest,
    refs: refs.join('\n'),
    ref: refs[0] ?? '',
    result: JSON.stringify(result.targets.map(resultJson)),
  };
}

function resultJson(t: TargetResult): Record<string, unknown> {
  return {
    registry: t.host,
    repository: t.repository,
    status: t.status,
    refs: t.status === 'pushed' ? [`${t.host}/${t.repository}@${t.digest}`] : [],
    blobs: t.blobs,
    bytes: t.bytesUploaded,
    seconds: Number(t.seconds.toFixed(2)),
    ...(t.error && { error: t.error.message }),
  };
}

/** The job summary as Markdown: the decision, then one row per registry. */
export function summaryMarkdown(result: PushResult): string {
  const rows = result.targets.map((t) =>
    [
      t.status === 'pushed' ? '✅ pushed' : '❌ failed',
      `\`${t.host}/${t.repository}\``,
      t.status === 'pushed' ? `\`@${t.digest}\`` : escapeCell(t.error?.message ?? ''),
      `${t.blobs.uploaded} / ${t.blobs.mounted} / ${t.blobs.skipped}`,
      formatBytes(t.bytesUploaded),
      `${t.seconds.toFixed(1)} s`,
    ].join(' | '),
  );
  return [
    `### oci-push: ${result.plan.build} build`,
    '',
    `Dev build: pushed by digest \`${result.digest}\` only, with no tag, to the registries marked \`dev\`.`,
    '',
    '| status | repository | ref or error | blobs uploaded / mounted / skipped | bytes | time |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    '',
  ].join('\n');
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

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
