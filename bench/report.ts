/** Medians, targets and the plain-text table the bench prints. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export type Verdict = 'PASS' | 'MISS';

export interface TargetResult {
  case: string;
  measure: string;
  /** The measured value, in the target's unit. */
  value: number;
  display: string;
  target: string;
  verdict: Verdict;
  /** Measured at other sizes than the target names: indicative only. */
  indicative?: boolean;
}

export function target(
  name: string,
  measure: string,
  value: number,
  display: string,
  limit: { max: number; text: string; strict?: boolean },
  indicative = false,
): TargetResult {
  const pass = limit.strict ? value < limit.max : value <= limit.max;
  return {
    case: name,
    measure,
    value,
    display,
    target: limit.text,
    verdict: pass ? 'PASS' : 'MISS',
    ...(indicative && { indicative }),
  };
}

/** Columns padded to their widest cell; the first row is the header, underlined. */
export function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) =>
    Math.max(...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (row: string[]): string =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  return [line(header ?? []), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join(
    '\n',
  );
}

export const seconds = (s: number): string => `${s.toFixed(2)} s`;
export const mebibytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const ratio = (r: number): string => `${r.toFixed(2)}×`;
