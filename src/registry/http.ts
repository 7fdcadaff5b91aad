import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

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
  /** Connections per host; bounds concurrency per registry. */
  maxSocketsPerHost?: number;
}

const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

export function createTransport(options: TransportOptions): Send {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 12 };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;

  return async (request) => {
    const body = typeof request.body === 'function' ? await request.body() : request.body;
    const headers: Record<string, string> = { 'user-agent': options.userAgent, ...request.headers };
    if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
    else if (body)
      headers['content-length'] = String(request.contentLength ?? missingLength(request));
    else if (['POST', 'PUT', 'PATCH'].includes(request.method)) headers['content-length'] = '0';

    const isHttps = request.url.protocol === 'https:';
    const lib = isHttps ? https : http;
    return new Promise<HttpResponse>((resolve, reject) => {
      let bodyError: Error | undefined;
      const stream = body && !Buffer.isBuffer(body) ? body : undefined;
      const req = lib.request(
        request.url,
        { method: request.method, headers, agent: isHttps ? agents['https:'] : agents['http:'] },
        (res) => {
          // A registry may answer before the body is sent (an early 4xx): stop reading it.
          if (stream && !stream.readableEnded) stream.destroy();
          resolve(wrapResponse(res, request.url));
        },
      );
      req.setTimeout(idleTimeoutMs, () => {
        req.destroy(new NetworkError(`no answer for ${idleTimeoutMs / 1000} s`, 'ETIMEDOUT'));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        stream?.destroy();
        // A source stream that failed verification is the real cause; report it, not EPIPE.
        if (bodyError) reject(bodyError);
        else if (error instanceof NetworkError) reject(error);
        else reject(new NetworkError(error.message, error.code));
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

function missingLength(request: HttpRequest): never {
  throw new Error(`${request.method} ${request.url.pathname}: a stream body needs contentLength`);
}

function wrapResponse(res: IncomingMessage, url: URL): HttpResponse {
  let consumed = false;
  const take = (): IncomingMessage => {
    if (consumed) throw new Error('response body already consumed');
    consumed = true;
    return res;
  };
  const buffer = async (limit = DEFAULT_BODY_LIMIT): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of take()) {
      total += (chunk as Buffer).length;
      if (total > limit) {
        res.destroy();
        throw new BodyTooLargeError(`${url.pathname}: response body over ${limit} bytes`);
      }
      chunks.push(chunk as Buffer);
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
      res.resume();
      await new Promise<void>((resolve) => {
        if (res.complete) resolve();
        else
          res
            .once('end', resolve)
            .once('close', resolve)
            .once('error', () => resolve());
      });
    },
  };
}
