import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A registry that lies: a reverse proxy on 127.0.0.1 in front of a real test registry, whose
 * `answer` hook may answer any request itself (a tag list naming paths, a `Link` to itself,
 * pages without end, referrers of another image, an error body holding a workflow command).
 * What the hook leaves alone reaches the real registry unchanged, `Host` included, so the
 * registry's own `Location`s point back here. Every request is recorded, so a test can count
 * what a client asked for instead of timing it.
 */
export interface HostileRequest {
  method: string;
  /** The path and query, as the client sent them. */
  url: URL;
  /** The request carried an `Authorization` header (its value is never kept). */
  authorized: boolean;
}

export interface HostileAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Answers a request, or leaves it (undefined) to the real registry behind. */
export type HostileHook = (request: HostileRequest) => HostileAnswer | undefined;

export interface HostileRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** Every request, in order: `GET /v2/app/tags/list?n=100`. */
  readonly requests: string[];
  /** How many requests' paths (without the query) equal `path`. */
  count(path: string): number;
  setHook(hook: HostileHook | undefined): void;
  /** Forgets the requests recorded so far. */
  reset(): void;
  close(): Promise<void>;
}

export async function startHostileRegistry(
  upstreamHost: string,
  hook?: HostileHook,
): Promise<HostileRegistry> {
  let answer = hook;
  const colon = upstreamHost.lastIndexOf(':');
  const [upstreamName, upstreamPort] = [
    upstreamHost.slice(0, colon),
    Number(upstreamHost.slice(colon + 1)),
  ];
  const agent = new http.Agent({ keepAlive: true });
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hostile.invalid');
    requests.push(`${req.method ?? 'GET'} ${url.pathname}${url.search}`);
    const own = answer?.({
      method: req.method ?? 'GET',
      url,
      authorized: req.headers.authorization !== undefined,
    });
    if (own) {
      req.resume();
      const body = own.body === undefined ? Buffer.alloc(0) : Buffer.from(own.body);
      res.writeHead(own.status, {
        'content-type': 'application/json',
        'content-length': String(body.length),
        ...own.headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const headers = { ...req.headers };
    delete headers.connection;
    const upstream = http.request(
      { host: upstreamName, port: upstreamPort, method: req.method, path: req.url, headers, agent },
      (up) => {
        const relayed = { ...up.headers };
        delete relayed.connection;
        res.writeHead(up.statusCode ?? 502, relayed);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    count: (path) => requests.filter((r) => r.split(' ')[1]?.split('?')[0] === path).length,
    setHook: (next) => {
      answer = next;
    },
    reset: () => {
      requests.length = 0;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}

/** A distribution-spec tag list answer, with an optional `Link` to the next page. */
export function tagListAnswer(name: string, tags: unknown[], next?: string): HostileAnswer {
  return {
    status: 200,
    headers: next === undefined ? {} : { link: `<${next}>; rel="next"` },
    body: JSON.stringify({ name, tags }),
  };
}
