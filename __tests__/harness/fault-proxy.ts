import { createHash } from 'node:crypto';
import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A reverse proxy on 127.0.0.1 in front of a real registry, that breaks requests on purpose:
 * 5xx and 429 answers, connections cut mid-upload, answers lost or cut mid-body. It forwards
 * the `Host` header unchanged, so Distribution builds its absolute `Location`s from it and they
 * point back at the proxy (Distribution 2.8 takes them from `Host` unless `X-Forwarded-Host`
 * is set; the proxy never sets it). Bodies stream both ways; an upload is never buffered.
 */

/** What a request is, by its path (distribution-spec endpoints). */
export type PathKind =
  | 'ping'
  | 'catalog'
  | 'blob'
  | 'upload-start'
  | 'upload'
  | 'manifest'
  | 'tags'
  | 'referrers'
  | 'other';

export interface FaultRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  kind: PathKind;
  /** 1 for the first request of this method and kind (e.g. the first `PUT upload`), and so on. */
  seq: number;
  headers: IncomingHttpHeaders;
}

/**
 * - `pass`: forwarded, and the registry's answer relayed;
 * - `{ status }`: answered by the proxy (a distribution-style JSON error), after the request
 *   body is drained; the registry never sees the request. 403 and 405 play a registry that
 *   refuses the write (`DENIED`, as ACR refuses a locked manifest);
 * - `{ cutRequestAfter }`: forwarded, but both connections are destroyed once that many body
 *   bytes have passed (with 0, before anything is forwarded). With a shorter body, the cut
 *   comes when the body ends, before any answer is relayed (the registry may have acted);
 * - `{ cutResponse }`: forwarded whole; when the registry answers, the client's connection is
 *   destroyed instead of relaying it (the registry did act on it);
 * - `{ cutResponseAfter }`: forwarded whole; the registry's status and headers are relayed as
 *   they are (`Content-Length` included), then that many body bytes, then the client's
 *   connection is destroyed: the client sees a body that ends early. A body no longer than
 *   that is relayed whole;
 * - `{ cutResponseFraction }`: the same, cut at that fraction (in [0, 1)) of the answer's
 *   `Content-Length`, which only the answer tells; an answer without one is relayed whole.
 */
export type Fault =
  | 'pass'
  | { status: 500 | 502 | 503 }
  | { status: 403 | 405 }
  | { status: 429; retryAfter: number }
  | { cutRequestAfter: number }
  | { cutResponse: true }
  | { cutResponseAfter: number }
  | { cutResponseFraction: number };

export type FaultPlan = (request: FaultRequest) => Fault;

/** One request as the proxy saw it, for assertions. */
export interface ProxiedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  kind: PathKind;
  seq: number;
  /** As the client sent them (`range`, say). */
  headers: IncomingHttpHeaders;
  fault: Fault;
  /** What the client got; undefined when its connection was cut before an answer. */
  status?: number;
  /** What the registry answered, when it was asked. */
  upstreamStatus?: number;
  /** The answer's `Location`, as relayed. */
  location?: string;
  /** Request body bytes that reached the proxy (and, unless answered by it, the registry). */
  requestBytes: number;
  /** Answer body bytes relayed from the registry to the client. */
  responseBytes: number;
  /** Set once the exchange is over, however it ended. */
  done: boolean;
  error?: string;
}

export interface FaultProxy {
  /** `127.0.0.1:PORT`: use it in place of the registry's host. */
  host: string;
  url: string;
  /** Every request so far, in arrival order. */
  readonly requests: ProxiedRequest[];
  /** Replaces the fault plan from the next request on. */
  setPlan(plan: FaultPlan): void;
  /** Forgets recorded requests and restarts every `seq` counter. */
  reset(): void;
  close(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) and `expect`, which Node answers itself. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

export function pathKind(path: string): PathKind {
  if (path === '/v2/' || path === '/v2') return 'ping';
  if (path === '/v2/_catalog') return 'catalog';
  if (/^\/v2\/.+\/blobs\/uploads\/?$/.test(path)) return 'upload-start';
  if (/^\/v2\/.+\/blobs\/uploads\/[^/]+$/.test(path)) return 'upload';
  if (/^\/v2\/.+\/blobs\/[^/]+$/.test(path)) return 'blob';
  if (/^\/v2\/.+\/manifests\/[^/]+$/.test(path)) return 'manifest';
  if (/^\/v2\/.+\/tags\/list$/.test(path)) return 'tags';
  if (/^\/v2\/.+\/referrers\/[^/]+$/.test(path)) return 'referrers';
  return 'other';
}

/** The blob a request is about: in its path, or its `digest=`/`mount=` parameter. */
export function blobDigestOf(request: {
  path: string;
  query: URLSearchParams;
}): string | undefined {
  const inPath = /\/blobs\/(sha256:[0-9a-f]{64})$/.exec(request.path)?.[1];
  return inPath ?? request.query.get('digest') ?? request.query.get('mount') ?? undefined;
}

export async function startFaultProxy(
  upstreamHost: string,
  options: { plan?: FaultPlan } = {},
): Promise<FaultProxy> {
  const [upstreamName, upstreamPort] = splitHost(upstreamHost);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let plan: FaultPlan = options.plan ?? faults.none();
  let counters = new Map<string, number>();
  const requests: ProxiedRequest[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const method = req.method ?? 'GET';
    const kind = pathKind(url.pathname);
    const key = `${method} ${kind}`;
    const seq = (counters.get(key) ?? 0) + 1;
    counters.set(key, seq);
    const request = { method, path: url.pathname, query: url.searchParams, kind, seq };
    const record: ProxiedRequest = {
      ...request,
      headers: req.headers,
      fault: 'pass',
      requestBytes: 0,
      responseBytes: 0,
      done: false,
    };
    requests.push(record);
    const finish = (error?: unknown): void => {
      if (error !== undefined && record.error === undefined) record.error = String(error);
      record.done = true;
    };
    try {
      record.fault = plan({ ...request, headers: req.headers });
    } catch (error) {
      finish(error);
      answer(res, 500, 'UNKNOWN', `the fault plan threw: ${String(error)}`);
      record.status = 500;
      return;
    }
    const fault = record.fault;

    if (fault !== 'pass' && 'status' in fault) {
      // Read the whole body first, so the client sees a clean answer on a reusable connection.
      req.on('data', (chunk: Buffer) => (record.requestBytes += chunk.length));
      req.once('end', () => {
        const code =
          fault.status === 429
            ? 'TOOMANYREQUESTS'
            : fault.status === 403 || fault.status === 405
              ? 'DENIED'
              : 'UNAVAILABLE';
        answer(res, fault.status, code, `injected by the fault proxy (${method} ${kind} #${seq})`, {
          ...(fault.status === 429 && { 'retry-after': String(fault.retryAfter) }),
        });
        record.status = fault.status;
        finish();
      });
      req.once('error', finish);
      return;
    }

    const cutAfter =
      fault !== 'pass' && 'cutRequestAfter' in fault ? fault.cutRequestAfter : undefined;
    if (cutAfter !== undefined && cutAfter <= 0) {
      req.socket.destroy();
      finish('cut by the fault proxy before anything was forwarded');
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
    );
    const upstream = http.request({
      host: upstreamName,
      port: upstreamPort,
      method,
      path: req.url,
      headers, // `host` included, unchanged
      agent,
    });
    let cut = false;
    const cutBoth = (reason = 'cut by the fault proxy'): void => {
      if (cut) return;
      cut = true;
      req.socket.destroy();
      upstream.destroy();
      finish(reason);
    };

    upstream.on('response', (up) => {
      record.upstreamStatus = up.statusCode;
      if (cut) {
        up.destroy();
        return;
      }
      if (cutAfter !== undefined || (fault !== 'pass' && 'cutResponse' in fault)) {
        up.destroy();
        cutBoth();
        return;
      }
      record.status = up.statusCode;
      if (typeof up.headers.location === 'string') record.location = up.headers.location;
      const relayed = Object.fromEntries(
        Object.entries(up.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
      );
      res.writeHead(up.statusCode ?? 502, up.statusMessage, relayed);
      up.once('error', (error) => {
        res.destroy();
        finish(error);
      });
      res.once('finish', () => finish());
      const cutAt = responseCutOf(fault, up);
      let cutting = false;
      up.on('data', (chunk: Buffer) => {
        if (cut || cutting) return;
        if (cutAt === undefined || record.responseBytes + chunk.length <= cutAt) {
          record.responseBytes += chunk.length;
          if (!res.write(chunk)) {
            up.pause();
            res.once('drain', () => up.resume());
          }
          return;
        }
        const piece = chunk.subarray(0, cutAt - record.responseBytes);
        record.responseBytes += piece.length;
        cutting = true;
        up.pause();
        // Cut once these bytes (and the headers, even with none) are handed to the kernel, so
        // exactly `cutAt` go through.
        res.write(piece, () => cutBoth(`cut by the fault proxy after ${cutAt} body bytes`));
      });
      up.once('end', () => {
        if (!cut && !cutting) res.end();
      });
    });
    upstream.on('error', (error) => {
      // Ours (a cut), or after the whole answer was relayed (an early answer, then EPIPE).
      if (cut || res.writableFinished) return;
      // The registry itself failed or went away: a proxy answers 502, or cuts if it can't.
      if (!res.headersSent) {
        answer(res, 502, 'UNAVAILABLE', `fault proxy: the registry failed: ${error.message}`);
        record.status = 502;
      } else res.destroy();
      finish(error);
    });
    // The client went away before the exchange was over: so does the registry's request.
    res.once('close', () => {
      if (!res.writableFinished && !cut) {
        upstream.destroy();
        finish(record.error ?? 'the client closed the connection');
      }
    });

    req.on('data', (chunk: Buffer) => {
      if (cut) return;
      let piece = chunk;
      if (cutAfter !== undefined && record.requestBytes + piece.length >= cutAfter) {
        piece = piece.subarray(0, cutAfter - record.requestBytes);
        record.requestBytes += piece.length;
        // Cut once these bytes are handed to the kernel, so exactly `cutAfter` go through.
        req.pause();
        upstream.write(piece, () => cutBoth());
        return;
      }
      record.requestBytes += piece.length;
      if (!upstream.write(piece)) {
        req.pause();
        upstream.once('drain', () => req.resume());
      }
    });
    req.once('end', () => {
      if (cut) return;
      // A body shorter than `cutAfter`: it all goes through, then the cut, before any answer.
      if (cutAfter !== undefined) upstream.end(() => cutBoth());
      else upstream.end();
    });
    req.once('error', (error) => {
      upstream.destroy();
      finish(error);
    });
  };

  const server = http.createServer(handle);
  // Node's default is to answer `Expect: 100-continue` itself, which suits a proxy.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    host,
    url: `http://${host}`,
    requests,
    setPlan: (next) => {
      plan = next;
    },
    reset: () => {
      requests.length = 0;
      counters = new Map();
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}

/** Body bytes to relay before the client's connection is cut; undefined: relay it whole. */
function responseCutOf(fault: Fault, up: IncomingMessage): number | undefined {
  if (fault === 'pass') return undefined;
  if ('cutResponseAfter' in fault) return fault.cutResponseAfter;
  if ('cutResponseFraction' in fault) {
    const length = Number(up.headers['content-length']);
    return length > 0 ? Math.floor(fault.cutResponseFraction * length) : undefined;
  }
  return undefined;
}

function answer(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ errors: [{ code, message, detail: null }] });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'docker-distribution-api-version': 'registry/2.0',
    ...headers,
  });
  res.end(body);
}

function splitHost(host: string): [string, number] {
  const colon = host.lastIndexOf(':');
  if (colon < 0) throw new Error(`fault proxy: upstream ${host} needs a port`);
  return [host.slice(0, colon), Number(host.slice(colon + 1))];
}

/** The fault kinds `faults.random` picks from. */
export type FaultKind = '5xx' | '429' | 'cutRequest' | 'cutResponse' | 'cutResponseBody';

/** Ready-made plans. */
export const faults = {
  /** Every request passes: a counting pass-through. */
  none: (): FaultPlan => () => 'pass',

  /**
   * `fault` for the requests that `match`, the first `times` of them (all by default);
   * everything else passes. `fault` may be a function of the request.
   */
  on(
    match: (request: FaultRequest) => boolean,
    fault: Fault | ((request: FaultRequest) => Fault),
    times = Infinity,
  ): FaultPlan {
    let left = times;
    return (request) => {
      if (left <= 0 || !match(request)) return 'pass';
      left--;
      return typeof fault === 'function' ? fault(request) : fault;
    };
  },

  /** The first plan that doesn't pass a request decides it. */
  first(...plans: FaultPlan[]): FaultPlan {
    return (request) => {
      for (const plan of plans) {
        const fault = plan(request);
        if (fault !== 'pass') return fault;
      }
      return 'pass';
    };
  },

  /**
   * A fault for about `rate` of the requests (that `match`, if given), of the `kinds` given
   * (all by default), decided by a hash of the seed and the request's identity (method, kind,
   * blob digest, and how many such requests came before), not by arrival order across
   * identities. So the same seed gives the same faults over repeated runs, even with
   * concurrent uploads, as long as requests of the same identity come in the same order.
   * A cut request cuts somewhere inside the body (only requests with a body get one); a cut
   * response body somewhere inside the answer's body (not for HEAD, which has none).
   * `cutResponseBody` is only picked when asked for by name, so the seeded plans written
   * before it keep their faults.
   */
  random(options: {
    rate: number;
    seed: number;
    kinds?: readonly FaultKind[];
    match?: (request: FaultRequest) => boolean;
    /** Seconds for 429s; 0 by default, to keep tests fast. */
    retryAfter?: number;
  }): FaultPlan {
    const kinds = options.kinds ?? ['5xx', '429', 'cutRequest', 'cutResponse'];
    const seen = new Map<string, number>();
    return (request) => {
      if (options.match && !options.match(request)) return 'pass';
      const identity = `${request.method} ${request.kind} ${blobDigestOf(request) ?? ''}`;
      const n = (seen.get(identity) ?? 0) + 1;
      seen.set(identity, n);
      const [hit, pick, where] = uniforms(`${options.seed}\n${identity}\n${n}`);
      if (hit >= options.rate) return 'pass';
      const length = Number(request.headers['content-length'] ?? 0);
      const usable = kinds.filter(
        (k) =>
          (k !== 'cutRequest' || length > 0) &&
          (k !== 'cutResponseBody' || request.method !== 'HEAD'),
      );
      const kind = usable[Math.floor(pick * usable.length)];
      switch (kind) {
        case '5xx':
          return { status: ([500, 502, 503] as const)[Math.floor(where * 3)] ?? 503 };
        case '429':
          return { status: 429, retryAfter: options.retryAfter ?? 0 };
        case 'cutRequest':
          return { cutRequestAfter: Math.floor(where * length) };
        case 'cutResponse':
          return { cutResponse: true };
        case 'cutResponseBody':
          return { cutResponseFraction: where };
        default:
          return 'pass';
      }
    };
  },
};

/** Three numbers in [0, 1) from a string: a stateless, seeded choice. */
function uniforms(text: string): [number, number, number] {
  const hash = createHash('sha256').update(text).digest();
  return [0, 4, 8].map((offset) => hash.readUInt32BE(offset) / 2 ** 32) as [number, number, number];
}
