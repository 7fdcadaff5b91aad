import {
  createTransport,
  DeadlineError,
  NetworkError,
  type HttpRequest,
  type HttpResponse,
  type Send,
} from './http.js';

/**
 * Retries what is safe to retry: connection failures and 408, 429 and 5xx answers, with
 * exponential backoff and jitter, honouring `Retry-After`. Other 4xx are never retried.
 * A streamed body can't be replayed mid-flight, so its caller retries the whole step.
 */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (info: {
    request: HttpRequest;
    attempt: number;
    reason: string;
    delayMs: number;
  }) => void;
  /** Once aborted, nothing is tried again. */
  signal?: AbortSignal;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

export function withRetry(send: Send, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Send {
  return async (request) => {
    const replayable = request.body === undefined || Buffer.isBuffer(request.body);
    let deadlines = 0;
    for (let attempt = 1; ; attempt++) {
      const last = !replayable || attempt >= policy.attempts;
      let response: HttpResponse;
      try {
        response = await send(request);
      } catch (error) {
        if (last || !(error instanceof NetworkError) || policy.signal?.aborted) throw error;
        // A registry that let a whole deadline pass twice will not answer a third time.
        if (error instanceof DeadlineError && ++deadlines > 1) throw error;
        await pause(policy, request, attempt, error.message, undefined);
        continue;
      }
      if (last || !isRetryableStatus(response.status) || policy.signal?.aborted) return response;
      const retryAfter = retryAfterMs(response.headers['retry-after']);
      await response.drain();
      await pause(policy, request, attempt, `HTTP ${response.status}`, retryAfter);
    }
  };
}

async function pause(
  policy: RetryPolicy,
  request: HttpRequest,
  attempt: number,
  reason: string,
  retryAfter: number | undefined,
): Promise<void> {
  const delayMs = retryAfter ?? backoffMs(policy, attempt);
  policy.onRetry?.({ request, attempt, reason, delayMs });
  await policy.sleep(delayMs);
}

/**
 * Sends a request whose answer is read whole, and sends it again when the answer is cut
 * partway: `withRetry` is done once the headers are in. Errors of `send` (retried there), of
 * the answer itself, and deadlines (that registry would trickle again) are not retried here.
 */
export async function readWhole<T>(
  send: () => Promise<HttpResponse>,
  read: (res: HttpResponse) => Promise<T>,
  options: { attempts: number; sleep?: (ms: number) => Promise<void> },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await send();
    try {
      return await read(res);
    } catch (error) {
      const cut = error instanceof NetworkError && !(error instanceof DeadlineError);
      if (!cut || attempt >= options.attempts) throw error;
      await (options.sleep ?? DEFAULT_RETRY_POLICY.sleep)(backoffMs(DEFAULT_RETRY_POLICY, attempt));
    }
  }
}

/** Full jitter: a random delay up to base·2^(attempt-1), capped. */
export function backoffMs(
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
  attempt: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** `Retry-After` is seconds or an HTTP date; capped at a minute so a job can't hang on it. */
export function retryAfterMs(
  header: string | string[] | undefined,
  now = Date.now(),
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), 60_000);
}

/**
 * A mirror is best-effort (FACTS.md: Aliyun from outside China stalls): 20 s to answer and two
 * attempts, so a mirror that never answers costs a release well under a minute and a half.
 */
export const MIRROR_TIMEOUT_MS = 20_000;
export const MIRROR_ATTEMPTS = 2;

/** A registry's deadline (see `createTransport`) and attempts per request. */
export interface TransportSettings {
  timeoutMs?: number;
  attempts?: number;
}

/** Makes the transport for one registry, with its deadline and retry budget. */
export type TransportFactory = (settings?: TransportSettings) => Send;

export interface RegistryTransportOptions extends TransportSettings {
  userAgent: string;
  log?: (message: string) => void;
  /** Stops the run: requests in flight end, none start, and a retry's pause is cut short. */
  signal?: AbortSignal;
  /** Wraps each attempt's transport, below the retries (e.g. `pacedByHost`). */
  below?: (send: Send) => Send;
}

/**
 * The transport every job uses: keep-alive sockets, oci-push's User-Agent, and the default
 * retry policy, with each retry logged so a slow registry is visible.
 */
export function createRegistryTransport(options: RegistryTransportOptions): Send {
  const { log, signal } = options;
  const plain = createTransport({
    userAgent: options.userAgent,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(signal && { signal }),
  });
  const transport = options.below ? options.below(plain) : plain;
  return withRetry(transport, {
    ...DEFAULT_RETRY_POLICY,
    ...(options.attempts !== undefined && { attempts: options.attempts }),
    ...(signal && { sleep: (ms) => abortableSleep(ms, signal), signal }),
    ...(log && {
      onRetry: ({ request, attempt, reason, delayMs }) =>
        log(
          `${request.url.host}: ${reason} on ${request.method}, retry ${attempt} in ${delayMs} ms`,
        ),
    }),
  });
}

/** One `createRegistryTransport` per registry, all sharing the job's User-Agent, log and signal. */
export function registryTransports(options: RegistryTransportOptions): TransportFactory {
  return (settings = {}) => createRegistryTransport({ ...options, ...settings });
}

/** A pause that ends early, with the interrupt, when the run is stopped. */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', done);
      resolve();
    }, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
