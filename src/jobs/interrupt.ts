import { InterruptedError, type StopSignal } from '../base/errors.js';
import { SIGNAL_EXIT } from './exit-codes.js';

export interface StopListener {
  /** Aborted, with an `InterruptedError`, at the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Stops listening (the job is over); the process's default handling comes back. */
  dispose(): void;
}

export interface StopOptions {
  /** Told once, at the first signal, so the face can say it is stopping. */
  onStop?: (signal: StopSignal) => void;
  /**
   * A second signal exits at once, without the tidy-up (Ctrl-C twice on a terminal). The
   * action leaves it off: a cancelled run gets SIGINT then SIGTERM from the runner, and the
   * tidy-up must not be cut short by the second.
   */
  secondSignalExits: boolean;
  /**
   * How long the tidy-up may take before the process exits anyway: whatever still holds it
   * (a request that ignores its deadline) must not keep a cancelled job alive.
   */
  graceMs?: number;
}

/** The tidy-up after a stop: upload sessions cancelled (5 s each, at once), files removed. */
const DEFAULT_GRACE_MS = 15_000;

/**
 * Listens for SIGINT and SIGTERM for the length of one job, as the faces do: the first
 * aborts the job's signal, so the job stops, tidies up and reports; the process then exits
 * with 130 or 143 when the face returns, or after `graceMs` at the latest.
 */
export function listenForStops(options: StopOptions): StopListener {
  const controller = new AbortController();
  let first: StopSignal | undefined;
  const handle = (signal: StopSignal): void => {
    if (first) {
      if (options.secondSignalExits) process.exit(SIGNAL_EXIT[first]);
      return;
    }
    first = signal;
    options.onStop?.(signal);
    controller.abort(new InterruptedError(signal));
    // Unref'd: it never keeps the process alive, it only ends one that is stuck.
    setTimeout(
      () => process.exit(SIGNAL_EXIT[signal]),
      options.graceMs ?? DEFAULT_GRACE_MS,
    ).unref();
  };
  const onInt = (): void => handle('SIGINT');
  const onTerm = (): void => handle('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
