import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/**
 * A static HTTP server on 127.0.0.1 for one directory, as GitHub Pages (or any web server)
 * serves a published `index.yaml`: `helm repo add NAME http://HOST` fetches `/index.yaml`.
 * It records the paths asked for, so a test can show what a client fetched from it and what
 * it did not (the charts themselves come from the registry).
 */
export interface FileServer {
  url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startFileServer(dir: string): Promise<FileServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    requests.push(path);
    if (path.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    readFile(join(dir, path)).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/x-yaml', 'content-length': body.length });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
