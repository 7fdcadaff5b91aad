/**
 * The one error base a cause is read from: callers branch on `code`, never on a message or
 * on which layer threw (as got's `RequestError.code` and oras-go's `CopyError` let them).
 * The faces map a code to an exit code in one place (`src/jobs/exit-codes.ts`); any other
 * error is a failure.
 *
 * - `input`: an input, flag, variable or config is wrong; nothing was written.
 * - `plan`: the inputs are well formed, but no plan can be made from them (a release ref
 *   that is not a version, a private repository with only public registries).
 * - `source`: the image source can't be read; nothing was written.
 * - `interrupted`: SIGINT or SIGTERM stopped the run.
 */
export type ErrorCode = 'input' | 'plan' | 'source' | 'interrupted';

export abstract class OciPushError extends Error {
  abstract readonly code: ErrorCode;
}

/** The signals a run stops on: Ctrl-C, and a cancelled workflow or `kill`. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/**
 * The run was stopped by a signal. Thrown by whatever was waiting when it came (a request, a
 * retry's pause, the next phase), so every layer unwinds through its usual `finally`: sources
 * close and remove their temporary files, upload sessions are cancelled.
 */
export class InterruptedError extends OciPushError {
  override name = 'InterruptedError';
  readonly code = 'interrupted';

  constructor(readonly signal: StopSignal) {
    super(
      `interrupted by ${signal}: oci-push stopped before this finished; upload sessions were ` +
        'cancelled and no tag was written on incomplete content. Run the job again to finish it',
    );
  }
}

/** The signal's reason when `signal` was aborted for an interrupt, else undefined. */
export function interruption(signal: AbortSignal | undefined): InterruptedError | undefined {
  return signal?.aborted && signal.reason instanceof InterruptedError ? signal.reason : undefined;
}

/** Throws the interrupt, if there was one: called between phases of a job. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  const stopped = interruption(signal);
  if (stopped) throw stopped;
}

/**
 * Resolves or rejects as `work` does, or rejects with the stop as soon as `signal` aborts:
 * for work that takes no signal of its own (sigstore-js's clients, `@actions/core`'s OIDC
 * request), so a stopped job never waits on it. The work itself runs on unwatched.
 */
export function abandonOnStop<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => reject(signal.reason);
    if (signal.aborted) {
      work.catch(() => undefined);
      stop();
      return;
    }
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
