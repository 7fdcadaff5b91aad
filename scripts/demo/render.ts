import { type ActionRun, visibleLog } from '../../__tests__/harness/action.js';

/** How the demo prints: bold and dim on a terminal, plain text when piped to a file. */
const tty = process.stdout.isTTY;
export const bold = (text: string): string => (tty ? `\x1b[1m${text}\x1b[0m` : text);
export const dim = (text: string): string => (tty ? `\x1b[2m${text}\x1b[0m` : text);

export function heading(text: string): void {
  console.log(`\n${bold(`━━ ${text} ━━`)}\n`);
}

/** `sha256:0123456789ab…`: enough to tell digests apart on screen (`sha256-` tags too). */
export function shortDigests(text: string): string {
  return text.replace(/sha256([:-])([0-9a-f]{12})[0-9a-f]{52}/g, 'sha256$1$2…');
}

/**
 * The job log as a runner shows it: groups as headings (those with nothing visible in them
 * left out), workflow commands as plain lines.
 */
function renderLog(run: ActionRun): string {
  const lines = visibleLog(run, true)
    .split('\n')
    .filter((line) => line !== '::endgroup::' && line.trim() !== '')
    .map((line) => {
      const group = /^::group::(.*)$/.exec(line);
      if (group) return `▸ ${group[1]}`;
      const command = /^::(error|warning|notice)(?: [^:]*)?::(.*)$/.exec(line);
      if (command) return `  ${command[1]?.toUpperCase()}: ${decodeURIComponent(command[2] ?? '')}`;
      return `    ${line}`;
    });
  const isGroup = (line: string | undefined): boolean => line?.startsWith('▸') ?? true;
  return lines.filter((line, i) => !(isGroup(line) && isGroup(lines[i + 1]))).join('\n');
}

/**
 * The job summary's Markdown as plain text. A table that fits the terminal is aligned; a
 * wider one (the push's results, with full references) becomes a block per row: status and
 * subject, then the second column, then the others as `name value`.
 */
function renderSummary(markdown: string, width: number): string {
  const out: string[] = [];
  let table: string[][] = [];
  const flush = (): void => {
    const [header, ...rows] = table;
    table = [];
    if (!header) return;
    const columns = Math.max(...[header, ...rows].map((r) => r.length));
    const widths = Array.from({ length: columns }, (_, i) =>
      Math.max(...[header, ...rows].map((r) => cell(r, i).length)),
    );
    if (widths.reduce((sum, w) => sum + w + 2, 2) <= width) {
      for (const row of [header, ...rows])
        out.push(`  ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd());
      return;
    }
    for (const row of rows) {
      const details = row
        .slice(2)
        .map((value, i) => [cell(header, i + 2), value] as const)
        .filter(([, value]) => value !== '' && value !== '—');
      // A skipped row says why in its second column, and has nothing else.
      if (details.length === 0) {
        out.push(`  ${cell(row, 1)}  ${cell(row, 0)}: ${cell(row, 2)}`.trimEnd());
        continue;
      }
      out.push(`  ${cell(row, 1)}  ${cell(row, 0)}`);
      out.push(`      ${cell(row, 2)}`);
      if (details.length > 1) {
        out.push(
          `      ${details
            .slice(1)
            .map(([name, value]) => `${name} ${value}`)
            .join(' · ')}`,
        );
      }
    }
  };
  for (const line of markdown.split('\n')) {
    const plain = line.replace(/\*\*/g, '').replace(/`/g, '').replace(/<br>/g, ', ');
    if (plain.startsWith('|')) {
      if (!/^\|\s*-/.test(plain))
        table.push(
          plain
            .slice(1, -1)
            .split(' | ')
            .map((c) => c.trim()),
        );
      continue;
    }
    flush();
    out.push(plain.replace(/^#+\s*/, ''));
  }
  flush();
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const cell = (row: string[], i: number): string => row[i] ?? '';

/**
 * One run of the action: its log, its outputs and its job summary, as a runner shows them
 * (digests shortened in the log and the summary; the outputs keep them whole).
 */
export function showRun(title: string, run: ActionRun): void {
  heading(`${title} → exit code ${run.code}`);
  console.log(dim(shortDigests(renderLog(run))));
  console.log(`\n${bold('Outputs')}`);
  for (const [name, value] of Object.entries(run.outputs)) {
    if (name === 'result' || value === '') continue;
    console.log(`  ${name.padEnd(13)} ${value.replace(/\n/g, `\n  ${' '.repeat(14)}`)}`);
  }
  console.log(`\n${bold('Job summary')}`);
  console.log(renderSummary(shortDigests(run.summary), Math.max(process.stdout.columns ?? 0, 120)));
}
