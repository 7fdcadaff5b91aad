import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import {
  type FaultProxy,
  type FaultRequest,
  faults,
  pathKind,
  startFaultProxy,
} from './harness/fault-proxy.js';
import { startRegistry, type TestRegistry } from './harness/registry.js';

/** The fault proxy is what the engine's resilience tests rest on, so it is tested too. */
describe('the fault proxy in front of a real registry', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  const repository = 'faults/test';

  beforeAll(async () => {
    registry = await startRegistry('anonymous');
    proxy = await startFaultProxy(registry.host);
  });
  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
  });
  beforeEach(() => {
    proxy.setPlan(faults.none());
    proxy.reset();
  });

  const blob = (size: number): { bytes: Buffer; digest: string } => {
    const bytes = randomBytes(size);
    return { bytes, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` };
  };
  const startUpload = async (): Promise<string> => {
    const res = await fetch(`${proxy.url}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
    expect(res.status).toBe(202);
    return res.headers.get('location') ?? '';
  };
  /** A PUT with a streamed body over node:http, so a cut shows as the socket error it is. */
  const put = (
    url: string,
    body: Buffer,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders } | { error: string }> =>
    new Promise((resolve) => {
      const req = http.request(url, {
        method: 'PUT',
        agent: false,
        headers: { 'content-length': body.length, 'content-type': 'application/octet-stream' },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? '' }));
      // In 64 KiB writes, as an upload streams from a file.
      for (let offset = 0; offset < body.length; offset += 65536)
        req.write(body.subarray(offset, offset + 65536));
      req.end();
    });
  const headBlob = async (digest: string): Promise<number> =>
    (await fetch(`${registry.url}/v2/${repository}/blobs/${digest}`, { method: 'HEAD' })).status;
  /** A blob at the registry, put there through the proxy before the test's plan is set. */
  const storedBlob = async (size: number): Promise<{ bytes: Buffer; digest: string }> => {
    const stored = blob(size);
    const location = await startUpload();
    expect(await put(`${location}&digest=${stored.digest}`, stored.bytes)).toMatchObject({
      status: 201,
    });
    proxy.reset();
    return stored;
  };
  /** A GET over node:http that keeps what arrived, so a body cut short shows as what it is. */
  const get = (
    url: string,
    headers: http.OutgoingHttpHeaders = {},
  ): Promise<{
    status?: number;
    headers?: http.IncomingHttpHeaders;
    body: Buffer;
    error?: string;
  }> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const req = http.get(url, { agent: false, headers }, (res) => {
        const got = { status: res.statusCode, headers: res.headers };
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ ...got, body: Buffer.concat(chunks) }));
        res.on('error', (error: NodeJS.ErrnoException) =>
          resolve({
            ...got,
            body: Buffer.concat(chunks),
            error: `${error.code}: ${error.message}`,
          }),
        );
      });
      req.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ body: Buffer.alloc(0), error: `${error.code}: ${error.message}` }),
      );
    });
  /** The registry's own log lines for GETs of one blob: what reached it, cut or not. */
  const registryGets = (digest: string): string[] =>
    registry
      .logs()
      .split('\n')
      .filter((l) => l.includes('http.request.method=GET') && l.includes(`/blobs/${digest}`));

  test("passes requests through, with the registry's answers and Locations that point back at it", async () => {
    const ping = await fetch(`${proxy.url}/v2/`);
    expect(ping.status).toBe(200);
    expect(ping.headers.get('docker-distribution-api-version')).toBe('registry/2.0');

    const location = await startUpload();
    // Distribution 2.8 builds absolute Locations from the Host header, passed through as is.
    expect(location.startsWith(`${proxy.url}/v2/${repository}/blobs/uploads/`)).toBe(true);
    const { bytes, digest } = blob(300_000);
    const done = await put(`${location}&digest=${digest}`, bytes);
    expect(done).toMatchObject({ status: 201 });
    expect('headers' in done && done.headers.location).toBe(
      `${proxy.url}/v2/${repository}/blobs/${digest}`,
    );
    expect(await headBlob(digest)).toBe(200);

    expect(
      proxy.requests.map(({ method, kind, seq, status, requestBytes, fault, done }) => ({
        method,
        kind,
        seq,
        status,
        requestBytes,
        fault,
        done,
      })),
    ).toEqual([
      {
        method: 'GET',
        kind: 'ping',
        seq: 1,
        status: 200,
        requestBytes: 0,
        fault: 'pass',
        done: true,
      },
      {
        method: 'POST',
        kind: 'upload-start',
        seq: 1,
        status: 202,
        requestBytes: 0,
        fault: 'pass',
        done: true,
      },
      {
        method: 'PUT',
        kind: 'upload',
        seq: 1,
        status: 201,
        requestBytes: 300_000,
        fault: 'pass',
        done: true,
      },
    ]);
    expect(proxy.requests[2]?.query.get('digest')).toBe(digest);
  });

  test('answers 5xx itself, after draining the body, and the registry never sees it', async () => {
    proxy.setPlan(faults.on((r) => r.method === 'PUT' && r.kind === 'upload', { status: 503 }, 1));
    const location = await startUpload();
    const { bytes, digest } = blob(200_000);
    const failed = await put(`${location}&digest=${digest}`, bytes);
    expect(failed).toMatchObject({ status: 503 });
    expect(await headBlob(digest)).toBe(404);
    // The session is still open at the registry: the same PUT again now passes.
    expect(await put(`${location}&digest=${digest}`, bytes)).toMatchObject({ status: 201 });
    expect(proxy.requests.filter((r) => r.kind === 'upload')).toMatchObject([
      { seq: 1, status: 503, requestBytes: 200_000, fault: { status: 503 } },
      { seq: 2, status: 201, upstreamStatus: 201, fault: 'pass' },
    ]);
    expect(proxy.requests[1]?.upstreamStatus).toBeUndefined();
  });

  test('answers 429 with Retry-After and a distribution error body', async () => {
    proxy.setPlan(faults.on((r) => r.kind === 'ping', { status: 429, retryAfter: 7 }));
    const res = await fetch(`${proxy.url}/v2/`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toMatchObject({ errors: [{ code: 'TOOMANYREQUESTS' }] });
  });

  test('cuts an upload after the given number of body bytes: the client sees a socket error', async () => {
    proxy.setPlan(faults.on((r) => r.kind === 'upload', { cutRequestAfter: 100_000 }));
    const location = await startUpload();
    const { bytes, digest } = blob(1024 * 1024);
    const cut = await put(`${location}&digest=${digest}`, bytes);
    expect(cut).toEqual({ error: expect.stringMatching(/^(ECONNRESET|EPIPE)$/) });
    await until(() => proxy.requests.at(-1)?.done === true);
    expect(proxy.requests.at(-1)).toMatchObject({
      kind: 'upload',
      requestBytes: 100_000,
      error: 'cut by the fault proxy',
    });
    expect(proxy.requests.at(-1)?.status).toBeUndefined();
    expect(await headBlob(digest)).toBe(404);
  });

  test('loses an answer: the registry acted, but the client only sees its connection cut', async () => {
    proxy.setPlan(faults.on((r) => r.kind === 'upload', { cutResponse: true }));
    const location = await startUpload();
    const { bytes, digest } = blob(50_000);
    const cut = await put(`${location}&digest=${digest}`, bytes);
    expect(cut).toEqual({ error: 'ECONNRESET' });
    expect(proxy.requests.at(-1)).toMatchObject({ upstreamStatus: 201 });
    expect(proxy.requests.at(-1)?.status).toBeUndefined();
    expect(await headBlob(digest)).toBe(200);
  });

  test.each([100_000, 0])(
    'cuts an answer after %i body bytes: status and headers as the registry sent them, then a socket error',
    async (cutAt) => {
      const { bytes, digest } = await storedBlob(1024 * 1024);
      proxy.setPlan(
        faults.on((r) => r.method === 'GET' && r.kind === 'blob', { cutResponseAfter: cutAt }),
      );
      const got = await get(`${proxy.url}/v2/${repository}/blobs/${digest}`);
      expect(got.status).toBe(200);
      // Content-Length promises the whole blob; the body ends early, as a dropped link does.
      expect(got.headers).toMatchObject({
        'content-length': String(bytes.length),
        'docker-content-digest': digest,
      });
      expect(got.body.equals(bytes.subarray(0, cutAt))).toBe(true);
      expect(got.error).toBe('ECONNRESET: aborted');
      await until(() => proxy.requests.at(-1)?.done === true);
      expect(proxy.requests).toMatchObject([
        {
          method: 'GET',
          kind: 'blob',
          status: 200,
          upstreamStatus: 200,
          responseBytes: cutAt,
          error: `cut by the fault proxy after ${cutAt} body bytes`,
        },
      ]);
      // The registry logs the request once its write to the cut connection is over.
      await until(() => registryGets(digest).length > 0);
      expect(registryGets(digest)).toHaveLength(1);
    },
  );

  test('cuts at a fraction of the Content-Length the answer gives, a ranged one too; a HEAD passes whole', async () => {
    const { bytes, digest } = await storedBlob(400_000);
    proxy.setPlan(faults.on((r) => r.kind === 'blob', { cutResponseFraction: 0.5 }));
    const url = `${proxy.url}/v2/${repository}/blobs/${digest}`;
    const ranged = await get(url, { range: 'bytes=100000-' });
    expect(ranged).toMatchObject({ status: 206, error: 'ECONNRESET: aborted' });
    expect(ranged.headers?.['content-length']).toBe('300000');
    expect(ranged.body.equals(bytes.subarray(100_000, 250_000))).toBe(true);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('400000');
    await until(() => proxy.requests.every((r) => r.done));
    expect(proxy.requests).toMatchObject([
      { method: 'GET', headers: { range: 'bytes=100000-' }, status: 206, responseBytes: 150_000 },
      { method: 'HEAD', status: 200, responseBytes: 0 },
    ]);
    expect(proxy.requests[1]?.error).toBeUndefined();
  });

  test('counts per method and kind of path, and records queries such as mount=', async () => {
    const { digest } = blob(10);
    await fetch(`${proxy.url}/v2/${repository}/blobs/${digest}`, { method: 'HEAD' });
    await fetch(`${proxy.url}/v2/${repository}/blobs/${digest}`, { method: 'HEAD' });
    await fetch(`${proxy.url}/v2/${repository}/blobs/uploads/?mount=${digest}&from=other/repo`, {
      method: 'POST',
    });
    expect(proxy.requests.map((r) => [r.method, r.kind, r.seq, r.status])).toEqual([
      ['HEAD', 'blob', 1, 404],
      ['HEAD', 'blob', 2, 404],
      ['POST', 'upload-start', 1, 202], // nothing to mount: an upload session instead
    ]);
    expect(proxy.requests.filter((r) => r.query.has('mount'))).toHaveLength(1);
  });
});

describe('fault plans', () => {
  const request = (method: string, path: string, seq = 1, length = 0): FaultRequest => ({
    method,
    path,
    query: new URLSearchParams(),
    kind: pathKind(path),
    seq,
    headers: { 'content-length': String(length) },
  });
  const digest = `sha256:${'a'.repeat(64)}`;
  const traffic = (): FaultRequest[] =>
    Array.from({ length: 200 }, (_, i) =>
      i % 2
        ? request('PUT', `/v2/r/blobs/uploads/u${i}`, i, 1000 + i)
        : request('HEAD', `/v2/r/blobs/${digest}`, i),
    );

  test('names the kinds of distribution paths', () => {
    expect(
      [
        '/v2/',
        '/v2/_catalog',
        '/v2/a/b/blobs/uploads/',
        '/v2/a/b/blobs/uploads/3f2e',
        `/v2/a/b/blobs/${digest}`,
        '/v2/a/b/manifests/1.0.0',
        '/v2/a/b/tags/list',
        `/v2/a/b/referrers/${digest}`,
        '/v3/',
      ].map(pathKind),
    ).toEqual([
      'ping',
      'catalog',
      'upload-start',
      'upload',
      'blob',
      'manifest',
      'tags',
      'referrers',
      'other',
    ]);
  });

  test('random faults are reproducible by seed, at about the rate asked', () => {
    const run = (seed: number): string[] => {
      const plan = faults.random({ rate: 0.3, seed });
      return traffic().map((r) => JSON.stringify(plan(r)));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    const faulted = run(42).filter((f) => f !== '"pass"').length;
    expect(faulted).toBeGreaterThan(30);
    expect(faulted).toBeLessThan(90);
    // Only requests with a body get cut mid-request, and inside the body.
    const plan = faults.random({ rate: 1, seed: 1, kinds: ['cutRequest', '5xx'] });
    for (const r of traffic()) {
      const fault = plan(r);
      if (r.method === 'HEAD') expect(fault).toMatchObject({ status: expect.any(Number) });
      else if (typeof fault === 'object' && 'cutRequestAfter' in fault)
        expect(fault.cutRequestAfter).toBeLessThan(Number(r.headers['content-length']));
    }
    expect(traffic().every((r) => faults.random({ rate: 0, seed: 1 })(r) === 'pass')).toBe(true);
  });

  test('a random cut answer body is a fraction of the body, never of a HEAD, and only when asked for', () => {
    const cuts = faults.random({ rate: 1, seed: 1, kinds: ['cutResponseBody'] });
    const gets = Array.from({ length: 50 }, (_, i) => request('GET', `/v2/r/manifests/${i}`));
    for (const fault of gets.map(cuts)) {
      expect(fault).toEqual({ cutResponseFraction: expect.any(Number) });
      const { cutResponseFraction } = fault as { cutResponseFraction: number };
      expect(cutResponseFraction).toBeGreaterThanOrEqual(0);
      expect(cutResponseFraction).toBeLessThan(1);
    }
    expect(cuts(request('HEAD', `/v2/r/blobs/${digest}`))).toBe('pass');
    const defaults = faults.random({ rate: 1, seed: 1 });
    expect(
      gets.map(defaults).some((f) => typeof f === 'object' && 'cutResponseFraction' in f),
    ).toBe(false);
  });

  test('`on` applies a fault to the first n matches; `first` combines plans', () => {
    const plan = faults.first(
      faults.on((r) => r.method === 'HEAD', { status: 500 }, 2),
      faults.on((r) => r.seq === 3, { cutResponse: true }),
    );
    expect(traffic().slice(0, 8).map(plan)).toEqual([
      { status: 500 },
      'pass',
      { status: 500 },
      { cutResponse: true },
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
