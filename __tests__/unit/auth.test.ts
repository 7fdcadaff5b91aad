import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryAuth } from '../../src/registry/auth.js';
import { RegistryClient } from '../../src/registry/client.js';
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

test('an http:// URL handed out by an https:// registry is refused before anything is sent', async () => {
  let sent = 0;
  const auth = new RegistryAuth({
    endpoint: { host: 'registry.example' },
    credential: { kind: 'basic', username: 'u', password: 'secret' },
    send: () => {
      sent++;
      throw new Error('nothing may be sent');
    },
  });
  for (const method of ['PUT', 'PATCH', 'GET'] as const) {
    const error = await auth
      .send({ method, url: new URL('http://storage.example/upload/1?_state=x') }, [])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(String(error)).toContain(
      'registry.example (https://registry.example) handed out the URL ' +
        'http://storage.example/upload/1, which is not HTTPS; oci-push refuses to send anything there',
    );
  }
  expect(sent).toBe(0);
});

test('a Bearer token goes to the registry, never to an upload URL on another origin', async () => {
  const realm = await serve((_req, res) => res.end(JSON.stringify({ token: 'tok-1' })));
  const storage = await serve((_req, res) => res.writeHead(201).end());
  const registry = await serve((req, res) => {
    if (req.headers.authorization !== 'Bearer tok-1') {
      res
        .writeHead(401, { 'www-authenticate': `Bearer realm="${realm.origin}/t",service="s"` })
        .end();
    } else res.writeHead(202, { location: `${storage.origin}/upload/1?sig=2` }).end();
  });
  const auth = new RegistryAuth({
    endpoint: { host: registry.hostPort },
    credential: { kind: 'basic', username: 'u', password: 'secret' },
    send,
  });
  const started = await auth.send(
    { method: 'POST', url: new URL(`${registry.origin}/v2/a/blobs/uploads/`) },
    ['repository:a:pull,push'],
  );
  expect(started.status).toBe(202);
  const location = new URL(String(started.headers.location));
  await started.drain();
  const put = await auth.send({ method: 'PUT', url: location, body: Buffer.from('x') }, [
    'repository:a:pull,push',
  ]);
  expect(put.status).toBe(201);
  await put.drain();
  expect(storage.seen).toHaveLength(1);
  expect(storage.seen[0]?.headers.authorization).toBeUndefined();
  expect(registry.seen.some((r) => r.headers.authorization === 'Bearer tok-1')).toBe(true);
});

test('a redirect loop fails naming the loop and where it went, not a bare HTTP 307', async () => {
  const registry = await serve(({ url: path }, res) => {
    if (path === '/v2/') res.end('{}');
    else res.writeHead(307, { location: '/v2/a/manifests/loop' }).end();
  });
  const client = new RegistryClient({ endpoint: { host: registry.hostPort }, send });
  const failure = await client.getManifest('a', 'x').catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(Error);
  const message = (failure as Error).message;
  expect(message).toContain(registry.hostPort);
  expect(message).toMatch(
    /redirected it 6 times in a row.*\/v2\/a\/manifests\/loop: a redirect loop/,
  );
  expect(message).not.toMatch(/answer above/);
  // It gave up: one first request and five redirects followed.
  expect(registry.seen.filter((r) => r.path.startsWith('/v2/a/'))).toHaveLength(6);
});

test('an error without a body says the registry gave no reason, not "see above"', async () => {
  const registry = await serve(({ url: path }, res) => {
    if (path === '/v2/') res.end('{}');
    else res.writeHead(418).end();
  });
  const client = new RegistryClient({ endpoint: { host: registry.hostPort }, send });
  const failure = (await client.getManifest('a', 'x').catch((error: unknown) => error)) as Error;
  expect(failure.message).toMatch(/HTTP 418\. .* gave no reason; its logs may say more\./);
});

test('a token answer cut partway is asked for again, and the request then goes through with it', async () => {
  const body = JSON.stringify({ token: 'tok-abc', expires_in: 300 });
  let tokenRequests = 0;
  const realm = await serve((_req, res) => {
    tokenRequests++;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    if (tokenRequests === 1) {
      // Half the answer, then the connection drops.
      res.write(body.slice(0, 10));
      setTimeout(() => res.socket?.destroy(), 20);
    } else {
      res.end(body);
    }
  });
  const registry = await serve(({ url: path, headers }, res) => {
    if (headers.authorization !== 'Bearer tok-abc') {
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="${realm.origin}/token",service="s"`,
        })
        .end();
    } else res.end(path === '/v2/' ? '{}' : 'manifest');
  });
  const auth = new RegistryAuth({ endpoint: { host: registry.hostPort }, send });
  const res = await auth.send(
    { method: 'GET', url: new URL(`${registry.origin}/v2/a/manifests/x`) },
    ['repository:a:pull'],
  );
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('manifest');
  expect(tokenRequests).toBe(2);
});

test('a token answer that is not JSON fails without showing any of it (it holds the secret)', async () => {
  const bare = 'eyJhbGciOiJIUzI1NiJ9.bare-token-SECRETVALUE';
  const registry = await serve(({ url: path }, res) => {
    if (path?.startsWith('/token')) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(bare);
    } else {
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="http://${registryHost}/token",service="s"`,
        })
        .end();
    }
  });
  const registryHost = registry.hostPort;
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
    `${registry.hostPort}'s token service answered ${bare.length} characters that are not JSON`,
  );
  // Not a fragment of the answer: six characters of it would narrow a guess.
  for (let i = 0; i + 6 <= bare.length; i++) {
    expect(String(error)).not.toContain(bare.slice(i, i + 6));
  }
});
