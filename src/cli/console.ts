import { commandFreeLines } from '../base/workflow-commands.js';
import { ProgressThrottle } from '../jobs/progress.js';
import type { Logger } from '../registry/log.js';

/** What the CLI runs with: the process's streams and environment, or a test's. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  /** Human output goes here; `columns` when it is a terminal. */
  stderr: NodeJS.WritableStream & { columns?: number };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stderr is a terminal: progress updates in place. */
  isTTY: boolean;
}

/** Without a terminal, at most one progress line per registry this often, as in the action. */
const PROGRESS_INTERVAL_MS = 5_000;
/** On a terminal, the progress line is redrawn at most this often. */
const REDRAW_MS = 100;

/**
 * Everything the CLI prints goes through here, so every secret handed to `secret` (passwords,
 * tokens) is replaced by `***` in every line, on stderr and stdout alike: the CLI's own
 * `::add-mask::`. In a GitHub Actions step (`GITHUB_ACTIONS=true`), a human line that a
 * runner could read as a workflow command (a registry's words, a name it listed) is printed
 * between `::stop-commands::` markers, as the action prints it. Machine output (`--json -`)
 * is data for a pipe or a file and is left byte for byte as it is.
 */
export class CliConsole {
  private readonly secrets = new Set<string>();
  private readonly progressLines = new Map<string, string>();
  private progressShown = false;
  private lastDraw = 0;
  private readonly throttle: ProgressThrottle;
  private readonly inWorkflowStep: boolean;

  constructor(
    private readonly io: CliIO,
    private readonly verbose = false,
  ) {
    this.inWorkflowStep = io.env.GITHUB_ACTIONS === 'true';
    this.throttle = new ProgressThrottle(PROGRESS_INTERVAL_MS, (line) => this.line(line));
  }

  /** The secret sink: from now on this value is never printed. */
  readonly secret = (value: string): void => {
    if (value) this.secrets.add(value);
  };

  redact(text: string): string {
    // Longest first, so a secret that contains another is hidden whole.
    const secrets = [...this.secrets].sort((a, b) => b.length - a.length);
    return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  }

  /** One line of human output, on stderr. */
  readonly line = (text: string): void => {
    this.clearProgress();
    const redacted = this.redact(text);
    const lines = this.inWorkflowStep ? commandFreeLines(redacted) : [redacted];
    for (const line of lines) this.io.stderr.write(`${line}\n`);
    this.drawProgress();
  };

  readonly logger: Logger = {
    debug: (message) => {
      if (this.verbose) this.line(`debug: ${message}`);
    },
    info: (message) => this.line(message),
    warning: (message) => this.line(`warning: ${message}`),
  };

  /** Machine output (`--json -`), on stdout. */
  stdout(text: string): void {
    this.io.stdout.write(this.redact(text));
  }

  /** One registry's progress: in place on a terminal, else a line now and then. */
  progress(key: string, text: () => string): void {
    if (!this.io.isTTY) {
      this.throttle.update(key, text);
      return;
    }
    this.progressLines.set(key, text());
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.clearProgress();
    this.drawProgress();
  }

  /** The uploads are over: the progress line goes away. */
  endProgress(): void {
    this.clearProgress();
    this.progressLines.clear();
  }

  private drawProgress(): void {
    if (!this.io.isTTY || this.progressLines.size === 0) return;
    const width = (this.io.stderr.columns ?? 100) - 1;
    const text = this.redact([...this.progressLines.values()].join(' · '));
    this.io.stderr.write(text.length > width ? `${text.slice(0, width - 1)}…` : text);
    this.progressShown = true;
  }

  private clearProgress(): void {
    if (!this.progressShown) return;
    // Back to the start of the line, and erase it.
    this.io.stderr.write('\r\x1b[2K');
    this.progressShown = false;
  }
}

/** Plain-text columns, the last one unpadded; a cell with several lines takes several rows. */
export function formatTable(header: string[], rows: string[][]): string {
  const expanded: string[][] = [];
  for (const row of [header, ...rows]) {
    const height = Math.max(...row.map((cell) => cell.split('\n').length));
    for (let i = 0; i < height; i++) expanded.push(row.map((cell) => cell.split('\n')[i] ?? ''));
  }
  const widths = header.map((_, c) => Math.max(...expanded.map((r) => (r[c] ?? '').length)));
  return expanded
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
