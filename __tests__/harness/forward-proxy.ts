import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

/**
 * A forward proxy on 127.0.0.1, as HTTP_PROXY and HTTPS_PROXY name one: plain HTTP requests
 * by absolute URL, HTTPS by CONNECT. Every host under `.oci-push.test` is reached on
 * 127.0.0.1 (same port), so a test can name a registry that only the proxy can find: a
 * client that does not go through the proxy fails to resolve it.
 */
export interface ForwardProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `GET registry.oci-push.test:5000`, `CONNECT registry.oci-push.test:5443`, in order. */
  readonly seen: string[];
  close(): Promise<void>;
}

export const PROXIED_DOMAIN = 'oci-push.test';

function reach(host: string): string {
  return host === PROXIED_DOMAIN || host.endsWith(`.${PROXIED_DOMAIN}`) ? '127.0.0.1' : host;
}

/**
 * - `forward`: a working proxy;
 * - `black-hole`: takes every connection (CONNECT and plain) and never answers, as a proxy
 *   that lost its upstream;
 * - `auth-required`: answers everything `407 Proxy Authentication Required`.
 */
export type ProxyBehaviour = 'forward' | 'black-hole' | 'auth-required';

export async function startForwardProxy(
  behaviour: ProxyBehaviour = 'forward',
): Promise<ForwardProxy> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/');
    seen.push(`${req.method} ${url.host}`);
    if (behaviour === 'black-hole') return;
    if (behaviour === 'auth-required') {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="corporate proxy"' });
      res.end('proxy authentication required');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = http.request(
      {
        host: reach(url.hostname),
        port: url.port || 80,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    seen.push(`CONNECT ${target}`);
    sockets.add(client);
    if (behaviour === 'black-hole') return;
    if (behaviour === 'auth-required') {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\n' +
          'Proxy-Authenticate: Basic realm="corporate proxy"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const colon = target.lastIndexOf(':');
    const upstream = net.connect(Number(target.slice(colon + 1)), reach(target.slice(0, colon)));
    sockets.add(client).add(upstream);
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
