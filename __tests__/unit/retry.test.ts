import { Readable } from 'node:stream';
import type { HttpRequest, HttpResponse, Send } from '../../src/registry/http.js';
import { NetworkError } from '../../src/registry/http.js';
import { backoffMs, retryAfterMs, type RetryPolicy, withRetry } from '../../src/registry/retry.js';

function response(status: number, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers,
    url: new URL('http://r/v2/'),
    text: async () => '',
    buffer: async () => Buffer.alloc(0),
    stream: () => {
      throw new Error('unused');
    },
    drain: async () => undefined,
  };
}

/** A scripted transport: each call takes the next answer (a status or an error). */
function scripted(
  answers: (number | Error | [number, Record<string, string>])[],
): Send & { calls: number } {
  const send = Object.assign(
    async (): Promise<HttpResponse> => {
      send.calls++;
      const next = answers.shift();
      if (next === undefined) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return Array.isArray(next) ? response(next[0], next[1]) : response(next);
    },
    { calls: 0 },
  );
  return send;
}

function policy(sleeps: number[]): RetryPolicy {
  return {
    attempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
  };
}

const get: HttpRequest = { method: 'GET', url: new URL('http://r/v2/') };

test.each([408, 429, 500, 502, 503, 504])('retries HTTP %i until it succeeds', async (status) => {
  const sleeps: number[] = [];
  const send = scripted([status, status, 200]);
  expect((await withRetry(send, policy(sleeps))(get)).status).toBe(200);
  expect(send.calls).toBe(3);
  expect(sleeps).toHaveLength(2);
});

test.each([400, 401, 403, 404, 409])('never retries HTTP %i', async (status) => {
  const send = scripted([status, 200]);
  expect((await withRetry(send, policy([]))(get)).status).toBe(status);
  expect(send.calls).toBe(1);
});

test('retries a connection reset, and gives up after the last attempt', async () => {
  const send = scripted([1, 2, 3, 4].map(() => new NetworkError('socket hang up', 'ECONNRESET')));
  await expect(withRetry(send, policy([]))(get)).rejects.toThrow('socket hang up');
  expect(send.calls).toBe(4);
});

test('honours Retry-After', async () => {
  const sleeps: number[] = [];
  const send = scripted([[429, { 'retry-after': '2' }], 200]);
  await withRetry(send, policy(sleeps))(get);
  expect(sleeps).toEqual([2000]);
});

test('does not replay a streamed body; its caller retries the whole step', async () => {
  const send = scripted([503, 201]);
  const put: HttpRequest = {
    method: 'PUT',
    url: new URL('http://r/x'),
    body: () => Readable.from([]),
    contentLength: 0,
  };
  expect((await withRetry(send, policy([]))(put)).status).toBe(503);
  expect(send.calls).toBe(1);
});

test('backoff grows exponentially with jitter, capped', () => {
  const p = { baseDelayMs: 100, maxDelayMs: 1000 };
  expect(backoffMs({ ...p, random: () => 0 }, 1)).toBe(50);
  expect(backoffMs({ ...p, random: () => 1 }, 1)).toBe(100);
  expect(backoffMs({ ...p, random: () => 1 }, 3)).toBe(400);
  expect(backoffMs({ ...p, random: () => 1 }, 10)).toBe(1000);
});

test('Retry-After as an HTTP date, and capped at a minute', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
  expect(retryAfterMs('3600', now)).toBe(60_000);
  expect(retryAfterMs('soon', now)).toBeUndefined();
});
