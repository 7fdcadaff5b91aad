import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { InterruptedError } from '../base/errors.js';
import { isLoopbackHost } from './endpoints.js';

/**
 * The bottom of the HTTP stack: one request, no auth, no retries, no redirects. Layers above
 * add those. Node's own http/https with keep-alive agents, so Content-Length is exact and a
 * streamed upload never buffers the blob.
 */
export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  /** A buffer, or a factory so that a retry can open the stream again. */
  body?: Buffer | (() => Promise<Readable> | Readable);
  /** Required with a stream body: registries want exact lengths. */
  contentLength?: number;
  /**
   * Tidies up after a stop (cancelling an upload session): sent even once the run is
   * interrupted, with `TIDY_TIMEOUT_MS` to answer.
   */
  tidy?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  url: URL;
  /** Reads the body as text (bounded); for error bodies and JSON. */
  text(limit?: number): Promise<string>;
  buffer(limit?: number): Promise<Buffer>;
  /** The body as a stream; the caller must consume it. */
  stream(): IncomingMessage;
  /** Discards the body so the connection can be reused. */
  drain(): Promise<void>;
}

export type Send = (request: HttpRequest) => Promise<HttpResponse>;

/** The connection failed, stalled or was cut: worth retrying. */
export class NetworkError extends Error {
  override name = 'NetworkError';
  constructor(
    message: string,
    readonly code: string | undefined,
    /** The proxy that failed it (`HTTPS_PROXY=http://host:port`), when the proxy did. */
    readonly proxy?: string,
  ) {
    super(message);
  }
}

/**
 * A registry took too long: no answer within the deadline, or an answer trickling in slower
 * than the floor. Retried at most once: a registry that stalled twice will stall again.
 */
export class DeadlineError extends NetworkError {
  override name = 'DeadlineError';
  constructor(message: string, proxy?: string) {
    super(message, 'ETIMEDOUT', proxy);
  }
}

/**
 * The proxy itself refused the request (407 Proxy Authentication Required, 403): its answer,
 * never the registry's, and not worth retrying as it is.
 */
export class ProxyRefusedError extends Error {
  override name = 'ProxyRefusedError';
  constructor(
    message: string,
    readonly status: number,
    readonly proxy: string,
  ) {
    super(message);
  }
}

/** A body larger than the caller allowed for. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

export interface TransportOptions {
  userAgent: string;
  /** A socket idle this long is given up on. */
  idleTimeoutMs?: number;
  /**
   * How long a registry may take to answer (connect, TLS, the request sent at the floor rate,
   * the headers), and how long an answer read whole may take before it must flow at the floor
   * rate. `DEFAULT_TIMEOUT_MS` unless set.
   */
  timeoutMs?: number;
  /** The slowest answer accepted once `timeoutMs` is spent; `MIN_BYTES_PER_SECOND` unless set. */
  minBytesPerSecond?: number;
  /** Connections per host; bounds concurrency per registry. */
  maxSocketsPerHost?: number;
  /**
   * Where `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (or their lower-case forms, which win)
   * are read: `process.env` unless given. As docker, skopeo and helm do, a registry on
   * loopback is never proxied.
   */
  proxyEnv?: Readonly<Record<string, string | undefined>>;
  /**
   * Aborted (with an `InterruptedError`) when the run is stopped: requests in flight are
   * destroyed with that reason and new ones refused, except `tidy` ones.
   */
  signal?: AbortSignal;
}

/** A tidy-up request after a stop gets this long: the runner kills a cancelled step soon. */
export const TIDY_TIMEOUT_MS = 5_000;

const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * A minute to answer: a registry that is up answers in well under a second, and the slow
 * cases FACTS.md knows (ACR's first push into a new repository, TLS from outside China to
 * Aliyun) take tens of seconds, not minutes.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * 32 KiB/s: far below any link a release can work over (a 64 MiB chunk still gets half an
 * hour), far above a registry that sends a byte every few seconds.
 */
export const MIN_BYTES_PER_SECOND = 32 * 1024;

export function createTransport(options: TransportOptions): Send {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 12 };
  const direct = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  const proxies = proxiesIn(options.proxyEnv ?? process.env);
  // Node's own proxy support (CONNECT for HTTPS), which also applies NO_PROXY.
  const proxied = {
    'http:': proxies['http:'] && proxyAgent(http.Agent, agentOptions, proxies, 'http:'),
    'https:': proxies['https:'] && proxyAgent(https.Agent, agentOptions, proxies, 'https:'),
  };
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const normal = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    floor: options.minBytesPerSecond ?? MIN_BYTES_PER_SECOND,
  };
  const { signal } = options;
  // Requests in flight, so a stop can end them at once (a blob upload may run for minutes).
  const inFlight = new Set<http.ClientRequest>();
  signal?.addEventListener(
    'abort',
    () => {
      for (const req of inFlight) req.destroy(signal.reason as Error);
    },
    { once: true },
  );

  return async (request) => {
    if (signal?.aborted && !request.tidy) throw signal.reason;
    const deadline = request.tidy
      ? { ...normal, timeoutMs: Math.min(normal.timeoutMs, TIDY_TIMEOUT_MS) }
      : normal;
    const body = typeof request.body === 'function' ? await request.body() : request.body;
    const headers: Record<string, string> = { 'user-agent': options.userAgent, ...request.headers };
    if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
    else if (body)
      headers['content-length'] = String(request.contentLength ?? missingLength(request));
    else if (['POST', 'PUT', 'PATCH'].includes(request.method)) headers['content-length'] = '0';

    const isHttps = request.url.protocol === 'https:';
    const lib = isHttps ? https : http;
    const protocol = isHttps ? 'https:' : 'http:';
    const viaProxy = isLoopbackHost(request.url.host) ? undefined : proxies[protocol];
    const agent = (viaProxy && proxied[protocol]) || direct[protocol];
    const what = `${request.url.host}: ${request.method} ${request.url.pathname}`;
    // The answer may take `timeoutMs` after the request body went out at the floor rate.
    const answerMs = Math.round(
      deadline.timeoutMs + (Number(headers['content-length'] ?? 0) / deadline.floor) * 1000,
    );
    // Set when a proxy is configured for this request; Node's agent still honours NO_PROXY.
    const proxy = viaProxy && proxied[protocol] ? viaProxy : undefined;
    return new Promise<HttpResponse>((resolve, reject) => {
      let bodyError: Error | undefined;
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(answerTimer);
        stream?.destroy();
        reject(error);
      };
      const stream = body && !Buffer.isBuffer(body) ? body : undefined;
      // Settles by itself: while Node still waits for a proxy to open its tunnel, destroying
      // the request emits nothing, and a run behind a dead proxy waited for ever.
      const answerTimer = setTimeout(() => {
        // No socket yet through a proxy: the proxy has not opened the tunnel.
        const error =
          proxy && !req.socket
            ? tunnelTimeout(request.url, what, proxy, deadline.timeoutMs)
            : new DeadlineError(
                `${what}: no answer within ${Math.round(answerMs / 1000)} s ` +
                  (proxy
                    ? `(the connection goes through the proxy ${proxy} unless NO_PROXY lists ` +
                      'this host, and the proxy may be what holds it: check it, or list the ' +
                      'registry in NO_PROXY)'
                    : '(the registry accepted the connection but did not answer)'),
              );
        fail(error);
        req.destroy(error);
      }, answerMs);
      let answered = false;
      const req = lib.request(
        request.url,
        {
          method: request.method,
          headers,
          agent,
          // Through a proxy, Node gives up on a tunnel the proxy never opens after this long
          // (its proxy agent reads the request's `timeout`); else it would wait for ever.
          ...(proxy && { timeout: deadline.timeoutMs }),
        },
        (res) => {
          answered = true;
          if (!request.tidy) res.once('close', () => inFlight.delete(req));
          clearTimeout(answerTimer);
          // A registry may answer before the body is sent (an early 4xx): stop reading it.
          if (stream && !stream.readableEnded) stream.destroy();
          if (proxy && res.statusCode === 407) {
            res.resume();
            fail(proxyRefused(request.url, 407, proxy));
            return;
          }
          if (settled) {
            res.destroy();
            return;
          }
          settled = true;
          resolve(wrapResponse(res, request.url, deadline, signal));
        },
      );
      if (!request.tidy) {
        inFlight.add(req);
        req.once('close', () => {
          if (!answered) inFlight.delete(req);
        });
        // The stop came while the body was being opened: this request must not go out.
        if (signal?.aborted) req.destroy(signal.reason as Error);
      }
      req.setTimeout(idleTimeoutMs, () => {
        req.destroy(new NetworkError(`no answer for ${idleTimeoutMs / 1000} s`, 'ETIMEDOUT'));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A stop is the cause whatever else broke as it came (the body stream, say).
        if (signal?.aborted && !request.tidy) fail(signal.reason);
        // A source stream that failed verification is the real cause; report it, not EPIPE.
        else if (bodyError) fail(bodyError);
        else if (error instanceof NetworkError || error instanceof InterruptedError) fail(error);
        else if (proxy && error.code === 'ERR_PROXY_TUNNEL')
          fail(tunnelError(error, request.url, what, proxy, deadline.timeoutMs));
        else fail(new NetworkError(error.message + throughProxy(viaProxy), error.code));
      });
      if (stream) {
        stream.once('error', (error) => {
          bodyError ??= error;
          req.destroy(error);
        });
        stream.pipe(req);
      } else {
        req.end(body);
      }
    });
  };
}

interface Proxies {
  env: Record<string, string>;
  /** The proxy for each scheme, as `NAME=scheme://host:port` (no credentials), for errors. */
  'http:'?: string;
  'https:'?: string;
}

/** Node refuses some proxy URLs only when the agent is made: say which variable, and the fix. */
function proxyAgent<A>(
  Agent: new (options: http.AgentOptions) => A,
  agentOptions: http.AgentOptions,
  proxies: Proxies,
  scheme: 'http:' | 'https:',
): A {
  try {
    return new Agent({ ...agentOptions, proxyEnv: proxies.env });
  } catch {
    throw badProxy(proxies[scheme]?.split('=')[0] ?? 'the proxy variable');
  }
}

/** Never with the value or its parse error, which may hold the proxy's password. */
function badProxy(variable: string): Error {
  return new Error(
    `${variable} does not hold a proxy URL that Node can use: set it to http://HOST:PORT ` +
      '(with USER:PASSWORD@ if the proxy wants them), or unset it',
  );
}

/**
 * The proxy variables of `env`, the lower-case form first, as curl and Node read them. A
 * value without a scheme (`proxy:3128`) means `http://`, as curl and docker take it; Node
 * alone would ignore it.
 */
function proxiesIn(env: Readonly<Record<string, string | undefined>>): Proxies {
  const pick = (name: string): [string, string] | undefined => {
    for (const key of [name.toLowerCase(), name]) {
      const value = env[key];
      if (value) return [key, value];
    }
    return undefined;
  };
  const proxies: Proxies = { env: {} };
  for (const [name, scheme] of [
    ['HTTP_PROXY', 'http:'],
    ['HTTPS_PROXY', 'https:'],
    ['NO_PROXY', undefined],
  ] as const) {
    const found = pick(name);
    if (!found) continue;
    if (!scheme) {
      proxies.env[name] = found[1];
      continue;
    }
    const value = found[1].includes('://') ? found[1] : `http://${found[1]}`;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw badProxy(found[0]);
    }
    proxies.env[name] = value;
    proxies[scheme] = `${found[0]}=${url.protocol}//${url.host}`;
  }
  return proxies;
}

/**
 * Node could not open a tunnel through the proxy (`ERR_PROXY_TUNNEL`): the proxy answered
 * the CONNECT with an error status (its own: a registry never saw the request), or never
 * answered it within the deadline, or dropped it.
 */
function tunnelError(
  error: NodeJS.ErrnoException & { statusCode?: number; proxyTunnelTimeout?: number },
  url: URL,
  what: string,
  proxy: string,
  timeoutMs: number,
): Error {
  const status = error.statusCode;
  if (status !== undefined && status < 500) return proxyRefused(url, status, proxy);
  if (status !== undefined) {
    return new NetworkError(
      `${what}: the proxy ${proxy} answered ${status} when asked for a tunnel to ${url.host} ` +
        '(the proxy could not reach it, or is failing)',
      'ERR_PROXY_TUNNEL',
      proxy,
    );
  }
  if (error.proxyTunnelTimeout !== undefined) return tunnelTimeout(url, what, proxy, timeoutMs);
  return new NetworkError(
    `${what}: the tunnel through the proxy ${proxy} failed (${error.message}); check the ` +
      'proxy, or list the registry in NO_PROXY',
    'ERR_PROXY_TUNNEL',
    proxy,
  );
}

function tunnelTimeout(url: URL, what: string, proxy: string, timeoutMs: number): DeadlineError {
  return new DeadlineError(
    `${what}: the proxy ${proxy} took the connection but did not open the tunnel to ` +
      `${url.host} within ${Math.round(timeoutMs / 1000)} s; check the proxy, or list the ` +
      'registry in NO_PROXY',
    proxy,
  );
}

/** The proxy's own refusal, said to be the proxy's, with what to do about it. */
function proxyRefused(url: URL, status: number, proxy: string): ProxyRefusedError {
  const reason =
    status === 407
      ? 'answered 407 Proxy Authentication Required: the proxy wants credentials it did not ' +
        'get or did not accept. Put them in the proxy variable (http://USER:PASSWORD@HOST:PORT)'
      : `refused the connection with HTTP ${status}. Ask its operator to allow ${url.host}`;
  return new ProxyRefusedError(
    `${url.host}: the proxy ${proxy} ${reason}, or list ${url.hostname} in NO_PROXY. This is ` +
      "the proxy's answer; the registry never saw the request",
    status,
    proxy,
  );
}

/** Names the proxy a failed connection went through, where one is set for its scheme. */
function throughProxy(proxy: string | undefined): string {
  return proxy
    ? ` (the connection goes through the proxy ${proxy}, unless NO_PROXY lists this host: ` +
        'check the proxy, or list the registry in NO_PROXY)'
    : '';
}

function missingLength(request: HttpRequest): never {
  throw new Error(`${request.method} ${request.url.pathname}: a stream body needs contentLength`);
}

/**
 * An answer read whole (a token, a manifest, an error) must arrive at the floor rate once
 * `timeoutMs` has passed: a registry that sends its headers and then a byte every few seconds
 * fails in about `timeoutMs`, naming the host, instead of holding the job for hours. Streamed
 * bodies (blobs) are read as fast as their consumer takes them, so only the idle timer
 * applies to them.
 */
function watchTrickle(
  res: IncomingMessage,
  url: URL,
  deadline: { timeoutMs: number; floor: number },
  received: () => number,
): () => void {
  const started = Date.now();
  const timer = setInterval(
    () => {
      const late = Date.now() - started - deadline.timeoutMs;
      if (late <= 0 || received() >= (deadline.floor * late) / 1000) return;
      clearInterval(timer);
      res.destroy(
        new DeadlineError(
          `${url.host}: the answer to ${url.pathname} trickled in (${received()} bytes in ` +
            `${Math.round((Date.now() - started) / 1000)} s, under ${deadline.floor / 1024} ` +
            'KiB/s after the first minute); the registry is overloaded or something between ' +
            "is throttling it. Raise this line's `timeout=` if the link is really that slow",
        ),
      );
    },
    Math.min(1000, deadline.timeoutMs),
  );
  timer.unref();
  return () => clearInterval(timer);
}

function wrapResponse(
  res: IncomingMessage,
  url: URL,
  deadline: { timeoutMs: number; floor: number },
  signal: AbortSignal | undefined,
): HttpResponse {
  let consumed = false;
  const take = (): IncomingMessage => {
    if (consumed) throw new Error('response body already consumed');
    consumed = true;
    return res;
  };
  const buffer = async (limit = DEFAULT_BODY_LIMIT): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = watchTrickle(res, url, deadline, () => total);
    try {
      for await (const chunk of take()) {
        total += (chunk as Buffer).length;
        if (total > limit) {
          res.destroy();
          throw new BodyTooLargeError(
            `${url.host}: the answer to ${url.pathname} is over ${limit} bytes, more than any ` +
              'registry answer this request expects; is this host a registry?',
          );
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof DeadlineError || error instanceof BodyTooLargeError) throw error;
      // Cut by a stop, not by the registry: say so, and don't read it again.
      if (signal?.aborted) throw signal.reason;
      const cause = error as NodeJS.ErrnoException;
      throw new NetworkError(
        `${url.host}: the answer to ${url.pathname} was cut: ${cause.message}`,
        cause.code,
      );
    } finally {
      stop();
    }
    return Buffer.concat(chunks);
  };
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    url,
    buffer,
    text: async (limit) => (await buffer(limit)).toString('utf8'),
    stream: take,
    drain: async () => {
      if (consumed) return;
      consumed = true;
      // A body thrown away must still end: one that trickles forever is cut like any other.
      let drained = 0;
      res.on('data', (chunk: Buffer) => (drained += chunk.length));
      const stop = watchTrickle(res, url, deadline, () => drained);
      res.resume();
      await new Promise<void>((resolve) => {
        if (res.complete) resolve();
        else
          res
            .once('end', resolve)
            .once('close', resolve)
            .once('error', () => resolve());
      });
      stop();
    },
  };
}
