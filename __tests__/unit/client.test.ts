import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { digestOf } from '../../src/oci/digest.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';

/** Registry behaviour Distribution never shows, played by a small loopback server. */
let server: Server;
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function serve(
  handler: (
    method: string,
    url: string,
  ) => { status: number; headers?: Record<string, string>; body?: string },
): Promise<RegistryClient> {
  server = createServer((req, res) => {
    const answer = handler(req.method ?? '', req.url ?? '');
    res
      .writeHead(answer.status, answer.headers)
      .end(req.method === 'HEAD' ? undefined : answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new RegistryClient({
    endpoint: { host: `127.0.0.1:${port}` },
    send: createTransport({ userAgent: 'test' }),
  });
}

test('a tag whose HEAD names no digest is fetched and hashed, never taken for a digest', async () => {
  const manifest =
    '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}';
  const client = await serve((method, url) => {
    if (url === '/v2/') return { status: 200 };
    if (url === '/v2/a/manifests/1.2.3') {
      return {
        status: 200,
        headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
        body: manifest,
      };
    }
    return { status: 404 };
  });
  const info = await client.headManifest('a', '1.2.3');
  expect(info?.digest).toBe(digestOf(Buffer.from(manifest)));
});

test('a registry that rewrites a manifest is caught by its Docker-Content-Digest', async () => {
  const client = await serve((_method, url) => {
    if (url === '/v2/') return { status: 200 };
    return { status: 201, headers: { 'docker-content-digest': `sha256:${'0'.repeat(64)}` } };
  });
  await expect(
    client.putManifest(
      'a',
      '1.0.0',
      Buffer.from('{}'),
      'application/vnd.oci.image.manifest.v1+json',
    ),
  ).rejects.toThrow(/reports digest sha256:0{64} for a manifest whose digest is sha256:/);
});
