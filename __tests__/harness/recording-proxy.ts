import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A plain forwarding proxy on 127.0.0.1 that records every request's headers as they arrive,
 * before anything is added. It can rewrite the `Location` of answers (to hand out URLs on
 * another origin, as a registry behind storage does) and add headers on the way up (to play
 * a storage host whose URLs need no credentials from the client: it brings its own).
 * `Host` is forwarded unchanged, so Distribution's own `Location`s point back at this proxy.
 * `hold` keeps a request back until the promise it returns settles (to see what a client
 * sends at the same time); `onAnswered` is told when an answer has gone back in full, so a
 * test can order requests of several clients by what each has already been told.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  status?: number;
}

export interface RecordingProxy {
  /** `127.0.0.1:PORT` */
  host: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecordingProxy(
  upstreamHost: string,
  options: {
    rewriteLocation?: (location: string) => string;
    addHeaders?: Record<string, string>;
    hold?: (request: RecordedRequest) => Promise<void> | undefined;
    onAnswered?: (request: RecordedRequest) => void;
  } = {},
): Promise<RecordingProxy> {
  const colon = upstreamHost.lastIndexOf(':');
  const [upstreamName, upstreamPort] = [
    upstreamHost.slice(0, colon),
    Number(upstreamHost.slice(colon + 1)),
  ];
  const agent = new http.Agent({ keepAlive: true });
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: { ...req.headers },
    };
    requests.push(record);
    const held = options.hold?.(record);
    if (held) {
      req.pause();
      void held.finally(() => forward(req, res, record));
    } else {
      forward(req, res, record);
    }
  });
  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    record: RecordedRequest,
  ): void => {
    const headers = { ...req.headers, ...options.addHeaders };
    delete headers.connection;
    const upstream = http.request(
      { host: upstreamName, port: upstreamPort, method: req.method, path: req.url, headers, agent },
      (up) => {
        record.status = up.statusCode;
        const relayed = { ...up.headers };
        delete relayed.connection;
        if (typeof relayed.location === 'string' && options.rewriteLocation) {
          relayed.location = options.rewriteLocation(relayed.location);
        }
        res.writeHead(up.statusCode ?? 502, relayed);
        res.once('finish', () => options.onAnswered?.(record));
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
