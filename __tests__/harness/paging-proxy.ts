import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of an anonymous test registry that pages `tags/list` as ACR and Docker
 * Hub do: `pageSize` tags per answer, sorted, with a `Link: <…?last=…>; rel="next"` header
 * (distribution-spec, "Listing Tags"). Distribution 2.8 ignores `n` and answers every tag at
 * once, so without this a client's paging is never exercised. `failPage` answers that page
 * (and every retry of it) 503. The repository catalog (`/v2/_catalog`) is paged the same
 * way, whatever `n` the client asks for, with `failCatalogPage`. Every other request passes
 * through unchanged.
 */
export interface PagingProxy {
  host: string;
  /** The page numbers served (or failed), in order. */
  readonly pages: number[];
  /** The same, for the catalog. */
  readonly catalogPages: number[];
  close(): Promise<void>;
}

export async function startPagingProxy(
  upstreamHost: string,
  options: { pageSize: number; failPage?: number; failCatalogPage?: number },
): Promise<PagingProxy> {
  const agent = new http.Agent({ keepAlive: true });
  const pages: number[] = [];
  const catalogPages: number[] = [];
  const [upstreamName, upstreamPort] = [
    upstreamHost.slice(0, upstreamHost.lastIndexOf(':')),
    Number(upstreamHost.slice(upstreamHost.lastIndexOf(':') + 1)),
  ];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    if (req.method === 'GET' && url.pathname === '/v2/_catalog') {
      void serveCatalogPage(url, res);
      return;
    }
    const list = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    if (req.method === 'GET' && list?.[1]) {
      void servePage(list[1], url, res);
      return;
    }
    const upstream = http.request(
      {
        host: upstreamName,
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });

  const servePage = async (name: string, url: URL, res: http.ServerResponse): Promise<void> => {
    const last = url.searchParams.get('last');
    const full = await fetch(`http://${upstreamHost}/v2/${name}/tags/list`);
    if (full.status !== 200) {
      res.writeHead(full.status, { 'content-type': 'application/json' });
      res.end(await full.text());
      return;
    }
    const tags = ((await full.json()) as { tags: string[] | null }).tags ?? [];
    tags.sort();
    const start = last === null ? 0 : tags.findIndex((t) => t > last);
    const from = start < 0 ? tags.length : start;
    const page = Math.floor(from / options.pageSize) + 1;
    pages.push(page);
    if (page === options.failPage) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ code: 'UNAVAILABLE', message: `page ${page} failed by the paging proxy` }],
        }),
      );
      return;
    }
    const slice = tags.slice(from, from + options.pageSize);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (from + options.pageSize < tags.length) {
      const next = `/v2/${name}/tags/list?n=${options.pageSize}&last=${encodeURIComponent(slice.at(-1) ?? '')}`;
      headers.link = `<${next}>; rel="next"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify({ name, tags: slice }));
  };

  const serveCatalogPage = async (url: URL, res: http.ServerResponse): Promise<void> => {
    const last = url.searchParams.get('last');
    // Distribution answers at most 1,000 per page (PAGINATION_NUMBER_INVALID above that).
    const full = await fetch(`http://${upstreamHost}/v2/_catalog?n=1000`);
    const repositories = ((await full.json()) as { repositories: string[] }).repositories ?? [];
    repositories.sort();
    const start = last === null ? 0 : repositories.findIndex((r) => r > last);
    const from = start < 0 ? repositories.length : start;
    const page = Math.floor(from / options.pageSize) + 1;
    catalogPages.push(page);
    if (page === options.failCatalogPage) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [
            { code: 'UNAVAILABLE', message: `catalog page ${page} failed by the paging proxy` },
          ],
        }),
      );
      return;
    }
    const slice = repositories.slice(from, from + options.pageSize);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (from + options.pageSize < repositories.length) {
      const next = `/v2/_catalog?n=${options.pageSize}&last=${encodeURIComponent(slice.at(-1) ?? '')}`;
      headers.link = `<${next}>; rel="next"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify({ repositories: slice }));
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    pages,
    catalogPages,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
