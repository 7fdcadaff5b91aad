import { RegistryError } from './errors.js';
import { NetworkError } from './http.js';
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryableStatus } from './retry.js';

/**
 * Another attempt at a whole operation, above the transport's own retries of one request:
 * a new upload session, a blob read again, a chunk resumed. What is worth it, and how long
 * to wait first.
 */

/** Worth another attempt: the connection failed, or the registry answered 408, 429 or 5xx. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    (error instanceof RegistryError && isRetryableStatus(error.status))
  );
}

/** The registry's Retry-After when it gave one, else exponential backoff with jitter. */
export function pauseFor(error: unknown, attempt: number): number {
  const retryAfter = error instanceof RegistryError ? error.retryAfterMs : undefined;
  return retryAfter ?? backoffMs(DEFAULT_RETRY_POLICY, attempt);
}

/**
 * Runs `task` again (a new upload session, a new GET) while it fails in a way worth another
 * try, up to `attempts` times in all, pausing as the registry asks or with backoff.
 */
export async function again<T>(
  attempts: number,
  retryable: (error: unknown) => boolean,
  task: (attempt: number) => Promise<T>,
  sleep: (ms: number) => Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (!retryable(error) || attempt >= attempts) throw error;
      await sleep(pauseFor(error, attempt));
    }
  }
}
