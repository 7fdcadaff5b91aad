import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRegistryLines } from '../../src/jobs/push-inputs.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport, DeadlineError } from '../../src/registry/http.js';
import { createRegistryTransport } from '../../src/registry/retry.js';
import { runAction } from '../harness/action.js';
import { makeOciLayout } from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { listTags } from '../harness/skopeo.js';

/**
 * Every request is bounded in time: a registry that answers its headers and then trickles a
 * byte at a time fails naming its host, and one that accepts connections and never answers
 * costs a bounded number of attempts (a mirror fewer than a main registry). Loopback only.
 */
interface Misbehaving {
  host: string;
  /** Connections (requests) it has seen. */
  requests: () => number;
  close: () => Promise<void>;
}

async function misbehaving(kind: 'trickle' | 'black-hole'): Promise<Misbehaving> {
  let requests = 0;
  const open = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    requests++;
    open.add(res);
    if (kind === 'black-hole') return; // accepted, never answered
    // Headers at once, a WWW-Authenticate realm on itself, then one byte every 300 ms.
    res.writeHead(200, {
      'content-type': 'application/vnd.oci.image.manifest.v1+json',
      'docker-distribution-api-version': 'registry/2.0',
    });
    const timer = setInterval(() => res.write('{'), 300);
    timers.add(timer);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests: () => requests,
    close: async () => {
      for (const t of timers) clearInterval(t);
      for (const r of open) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

describe('a registry that trickles its answer fails, naming its host', () => {
  let trickle: Misbehaving;
  beforeAll(async () => {
    trickle = await misbehaving('trickle');
    closers.push(trickle.close);
  });

  test('an answer read whole (a token, a ping, a manifest) trickling under the floor is cut', async () => {
    const send = createTransport({ userAgent: 'test', timeoutMs: 1000 });
    const res = await send({ method: 'GET', url: new URL(`http://${trickle.host}/v2/`) });
    const error = await res.buffer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as Error).message).toContain(`${trickle.host}: the answer to /v2/ trickled in`);
  });

  test('through the client: a manifest GET gives up after one more try, naming the host', async () => {
    const before = trickle.requests();
    const client = new RegistryClient({
      endpoint: { host: trickle.host },
      send: createRegistryTransport({ userAgent: 'test', timeoutMs: 1000 }),
      onSecret: () => undefined,
      sleep: () => Promise.resolve(),
    });
    const error = await client.getManifest('app', 'latest').catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain(trickle.host);
    expect(String((error as Error).message)).toMatch(/trickled in/);
    // Bounded: a trickled body is not fetched again and again.
    expect(trickle.requests() - before).toBeLessThanOrEqual(2);
  });
});

test('a registry that never answers: one retry after the deadline, not five', async () => {
  const hole = await misbehaving('black-hole');
  closers.push(hole.close);
  const send = createRegistryTransport({ userAgent: 'test', timeoutMs: 500 });
  const error = await send({ method: 'GET', url: new URL(`http://${hole.host}/v2/`) }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeadlineError);
  expect((error as Error).message).toMatch(
    new RegExp(`${hole.host}: GET /v2/: no answer within 1 s`),
  );
  expect(hole.requests()).toBe(2);
});

test('timeout=SECONDS on a registries line, bounded and named when wrong', () => {
  expect(parseRegistryLines('r.example timeout=90 dev', 'registries')[0]).toMatchObject({
    host: 'r.example',
    dev: true,
    timeoutSeconds: 90,
  });
  expect(() => parseRegistryLines('m.example timeout=2', 'mirrors')).toThrow(
    /^mirrors line 1: "timeout=2" is not timeout=SECONDS/,
  );
  expect(() => parseRegistryLines('m.example timeout=soon', 'mirrors')).toThrow(/timeout=SECONDS/);
});

describe('a release with a mirror that accepts connections and never answers', () => {
  let registry: TestRegistry;
  let work: string;
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
    work = await mkdtemp(join(tmpdir(), 'oci-push-deadline-'));
  });
  afterAll(async () => {
    await registry?.stop();
    await rm(work, { recursive: true, force: true });
  });

  test('the release lands; the mirror warns naming `mirrors`, after two short attempts', async () => {
    const hole = await misbehaving('black-hole');
    closers.push(hole.close);
    const layout = await makeOciLayout(join(work, 'image'));
    const run = await runAction(
      {
        image: `oci:${layout.dir}`,
        repository: 'deadline/app',
        registries: registry.host,
        mirrors: hole.host,
      },
      { GITHUB_REF: 'refs/tags/v1.0.0' },
    );
    expect(run.code).toBe(0);
    expect(await listTags(registry, 'deadline/app')).toEqual(['1.0.0']);
    expect(run.stdout).toMatch(/::warning title=oci-push%3A mirror .*no answer within 20 s/);
    expect(run.stdout).toContain('Check the host in `mirrors`');
    expect(run.stdout).toContain('The release is published to the main registries');
    // A mirror's budget: 20 s to answer, two attempts (a main registry gets 60 s, and one retry).
    expect(hole.requests()).toBe(2);
  });
});
