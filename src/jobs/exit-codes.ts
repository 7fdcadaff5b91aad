import { type ErrorCode, InterruptedError, OciPushError, type StopSignal } from '../base/errors.js';

/**
 * The exit codes of every job, from every face (docs/exit-codes.md). The only place that
 * decides one: jobs return theirs with their report, and an error that ends a run early is
 * mapped here by its code.
 */
export const EXIT = {
  /** Done; a mirror may have warned. */
  ok: 0,
  /** A required registry or target failed (or the source could not be read). */
  failed: 1,
  /** A usage or input error: a flag, an input, the config, or no plan can be made. */
  input: 2,
  /** A release was refused (its tag holds another digest, or is locked), or the sync found
   * drift, and nothing else failed. */
  refused: 3,
} as const;

/** 128 + the signal's number, as shells report a process a signal stopped. */
export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

const BY_CODE: Record<ErrorCode, number> = {
  input: EXIT.input,
  plan: EXIT.input,
  source: EXIT.failed,
  // Never read: an interrupt exits with its signal's code.
  interrupted: EXIT.failed,
};

/** The exit code of a run that ended with `error` before its report was complete. */
export function exitCodeForError(error: unknown): number {
  if (error instanceof InterruptedError) return SIGNAL_EXIT[error.signal];
  return error instanceof OciPushError ? BY_CODE[error.code] : EXIT.failed;
}
