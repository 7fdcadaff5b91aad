import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';

/** What a finished command printed. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout's exact bytes, when asked for with `binary`. */
  stdoutBytes?: Buffer;
}

/** Runs a command to completion; never throws for a non-zero exit. */
export function runCommand(
  file: string,
  args: readonly string[],
  options: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    input?: string;
    timeoutMs?: number;
    binary?: boolean;
    /** Told of the child once started: to send it a signal mid-run. */
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      {
        env: options.env ?? process.env,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'buffer',
      },
      (error, stdoutBuffer, stderrBuffer) => {
        const stdout = stdoutBuffer.toString('utf8');
        const stderr = stderrBuffer.toString('utf8');
        if (error && typeof error.code !== 'number' && !error.signal) {
          reject(new Error(`${file} ${args.join(' ')}: ${error.message}\n${stderr}`));
          return;
        }
        // Killed by a signal it did not handle: the shell's 128 + the signal's number.
        const signalled = error?.signal
          ? 128 + (osConstants.signals[error.signal] ?? 0)
          : undefined;
        const code = typeof error?.code === 'number' ? error.code : (signalled ?? 0);
        resolve({ code, stdout, stderr, ...(options.binary && { stdoutBytes: stdoutBuffer }) });
      },
    );
    // A command may stop reading stdin early (a bounded read): that is its answer, not ours.
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
    options.onSpawn?.(child);
  });
}

/** Children started by the harness, killed at exit even if a test forgets to stop them. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export function spawnTracked(
  file: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): ChildProcess {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL if it hasn't exited within the grace period. Resolves once it has. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
