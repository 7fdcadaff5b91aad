import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../harness/action.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { type RecordingProxy, startRecordingProxy } from '../harness/recording-proxy.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw } from '../harness/skopeo.js';

/**
 * A registry (a real Distribution with Basic auth, behind a proxy) that hands out upload
 * `Location`s on a second origin: nothing carrying `Authorization` may reach that origin.
 * When it takes uploads without credentials (as a storage host with signed URLs does), the
 * push works; when it asks for credentials, the push fails naming both origins.
 */
let registry: TestRegistry;
let work: string;
let layout: OciLayoutFixture;
const proxies: RecordingProxy[] = [];

beforeAll(async () => {
  registry = await startRegistry('basic');
  work = await mkdtemp(join(tmpdir(), 'oci-push-foreign-'));
  layout = await makeOciLayout(join(work, 'image'), { layerSizes: [1024, 2048, 4096] });
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

/** The registry behind `front`, which rewrites every Location to `elsewhere`. */
async function registryHandingOut(elsewhere: RecordingProxy): Promise<RecordingProxy> {
  let frontHost = '';
  const front = await startRecordingProxy(registry.host, {
    rewriteLocation: (location) => location.replace(frontHost, elsewhere.host),
  });
  frontHost = front.host;
  proxies.push(front, elsewhere);
  return front;
}

const basic = (): string =>
  `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;

test('uploads to a foreign origin go without credentials, and the push works', async () => {
  // The second origin brings its own credentials upstream, as a signed storage URL would.
  const storage = await startRecordingProxy(registry.host, {
    addHeaders: { authorization: basic() },
  });
  const front = await registryHandingOut(storage);
  const run = await runAction({
    image: `oci:${layout.dir}`,
    repository: 'foreign/ok',
    registries: `${front.host} dev`,
    credentials: `${front.host}=${registry.username}:${registry.password}`,
  });
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(await inspectRaw(registry, `foreign/ok@${layout.manifest.digest}`)).toEqual(
    layout.manifest.bytes,
  );
  // Every blob went through the second origin, none with the password or a token.
  const puts = storage.requests.filter((r) => r.method === 'PUT');
  expect(puts.length).toBe(1 + layout.layers.length);
  for (const request of storage.requests) expect(request.headers.authorization).toBeUndefined();
  // The registry's own origin did get the credential: the test is not vacuous.
  expect(front.requests.some((r) => r.headers.authorization === basic())).toBe(true);
});

test('a foreign origin that asks for credentials gets none, and the push fails naming both', async () => {
  const storage = await startRecordingProxy(registry.host);
  const front = await registryHandingOut(storage);
  const run = await runAction({
    image: `oci:${layout.dir}`,
    repository: 'foreign/refused',
    registries: `${front.host} dev`,
    credentials: `${front.host}=${registry.username}:${registry.password}`,
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`${front.host} handed out a URL on http://${storage.host} for PUT`);
  expect(run.stdout).toContain(
    `and that origin asks for credentials (HTTP 401). oci-push sends credentials only to the ` +
      `registry's own origin, http://${front.host}, and its token realm`,
  );
  expect(storage.requests.length).toBeGreaterThan(0);
  for (const request of storage.requests) expect(request.headers.authorization).toBeUndefined();
});
