import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryAuth } from '../../src/registry/auth.js';
import { AuthError } from '../../src/registry/errors.js';
import { createTransport } from '../../src/registry/http.js';

/**
 * Auth behaviour that a well-behaved registry never triggers: redirects to other hosts and
 * suspicious token realms. Small loopback HTTP servers play the other side.
 */
interface Recorded {
  path: string;
  headers: IncomingHttpHeaders;
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: Recorded[]) => void;

async function serve(
  handler: Handler,
): Promise<{ origin: string; hostPort: string; seen: Recorded[] }> {
  const seen: Recorded[] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res, seen);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, hostPort: `127.0.0.1:${port}`, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const send = createTransport({ userAgent: 'oci-push-test' });

test('a redirect to another host does not carry Authorization; one to the same host does', async () => {
  const storage = await serve((_req, res) => res.end('blob'));
  const registry = await serve(({ url: path }, res) => {
    if (path === '/v2/') {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
    } else if (path?.startsWith('/v2/a/blobs/')) {
      res.writeHead(307, { location: `${storage.origin}/bucket/blob?sig=1` }).end();
    } else if (path === '/v2/a/manifests/x') {
      res.writeHead(302, { location: '/v2/a/manifests/y' }).end();
    } else {
      res.end('{}');
    }
  });
  const auth = new RegistryAuth({
    endpoint: { host: registry.hostPort },
    credential: { kind: 'basic', username: 'u', password: 'secret' },
    send,
  });

  const blob = await auth.send(
    { method: 'GET', url: new URL(`${registry.origin}/v2/a/blobs/sha256:1`) },
    [],
  );
  expect(await blob.text()).toBe('blob');
  expect(storage.seen).toHaveLength(1);
  expect(storage.seen[0]?.path).toBe('/bucket/blob?sig=1');
  expect(storage.seen[0]?.headers.authorization).toBeUndefined();

  const manifest = await auth.send(
    { method: 'GET', url: new URL(`${registry.origin}/v2/a/manifests/x`) },
    [],
  );
  await manifest.drain();
  const followed = registry.seen.find((r) => r.path === '/v2/a/manifests/y');
  expect(followed?.headers.authorization).toBe(
    `Basic ${Buffer.from('u:secret').toString('base64')}`,
  );
});

test('credentials are never sent to a plain-HTTP token realm off loopback', async () => {
  const registry = await serve((_path, res) => {
    res
      .writeHead(401, {
        'www-authenticate': 'Bearer realm="http://token.invalid/token",service="s"',
      })
      .end();
  });
  const auth = new RegistryAuth({
    endpoint: { host: registry.hostPort },
    credential: { kind: 'basic', username: 'u', password: 'secret' },
    send,
  });
  const error = await auth
    .send({ method: 'GET', url: new URL(`${registry.origin}/v2/a/tags/list`) }, [
      'repository:a:pull',
    ])
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthError);
  expect(String(error)).toContain(
    'http://token.invalid, which is not HTTPS; oci-push will not send credentials there',
  );
});

test('an identity token is exchanged with a refresh_token POST, and every secret is handed to the mask first', async () => {
  let form: URLSearchParams | undefined;
  const realm = await serve((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      form = new URLSearchParams(body);
      res.end(JSON.stringify({ access_token: 'access-123', expires_in: 300 }));
    });
  });
  const registry = await serve((req, res) => {
    if (req.headers.authorization === 'Bearer access-123') res.end('{"tags":[]}');
    else
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="${realm.origin}/token",service="acr"`,
        })
        .end();
  });
  const secrets: string[] = [];
  const auth = new RegistryAuth({
    endpoint: { host: registry.hostPort },
    credential: { kind: 'identity-token', token: 'refresh-xyz' },
    send,
    onSecret: (s) => secrets.push(s),
  });
  const res = await auth.send(
    { method: 'GET', url: new URL(`${registry.origin}/v2/a/tags/list`) },
    ['repository:a:pull'],
  );
  expect(res.status).toBe(200);
  expect(Object.fromEntries(form ?? [])).toEqual({
    grant_type: 'refresh_token',
    refresh_token: 'refresh-xyz',
    client_id: 'oci-push',
    service: 'acr',
    scope: 'repository:a:pull',
  });
  expect(secrets).toContain('access-123');
});
