/**
 * One progress line per registry at most every `intervalMs`, so a long upload shows it is
 * alive without flooding the log. The first line waits half an interval: short pushes stay
 * quiet.
 */
export class ProgressThrottle {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  update(key: string, line: () => string): void {
    const now = this.now();
    const last = this.last.get(key) ?? now - this.intervalMs / 2;
    if (now - last < this.intervalMs) {
      if (!this.last.has(key)) this.last.set(key, last);
      return;
    }
    this.last.set(key, now);
    this.emit(line());
  }
}
