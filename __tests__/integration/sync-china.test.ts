import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/index.js';
import { copyGraph, loadGraph } from '../../src/engine/copy.js';
import type { Digest } from '../../src/oci/digest.js';
import { referrersTag } from '../../src/oci/referrers.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { type AcrHarness, startAcrHarness } from '../harness/acr/index.js';
import { type AliyunProfile, startAliyunProfile } from '../harness/aliyun.js';
import { makeOciLayout } from '../harness/fixtures.js';
import { ownClient } from '../harness/own-client.js';
import { cosignSignature, putReferrer } from '../harness/referrers.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { assertNoSecretFragments, knownSecrets } from '../harness/secrets.js';
import { inspectRaw } from '../harness/skopeo.js';

/**
 * The China path of the registry RFC, as the sync runs it: an upstream image with its cosign
 * signature is synced into the local ACR (HTTPS, its own token service), then from that ACR
 * into the Aliyun profile (a mirror, token realm on another host, no auto-create). The image
 * and its signature arrive at Aliyun byte for byte, as skopeo reads them from behind it.
 */
let upstream: TestRegistry;
let harness: AcrHarness;
let aliyunBackend: TestRegistry;
let aliyun: AliyunProfile;
let work: string;
beforeAll(async () => {
  [upstream, harness, aliyunBackend] = await Promise.all([
    startRegistry('anonymous'),
    startAcrHarness(),
    startRegistry('token'),
  ]);
  aliyun = await startAliyunProfile(aliyunBackend);
  work = await mkdtemp(join(tmpdir(), 'oci-push-china-'));
}, 120_000);
afterAll(async () => {
  await aliyun?.close();
  await Promise.all([upstream?.stop(), harness?.stop(), aliyunBackend?.stop()]);
  await rm(work, { recursive: true, force: true });
});

async function sync(config: string, credentials: string): Promise<{ code: number; log: string }> {
  const dir = await mkdtemp(join(work, 'run-'));
  await mkdir(join(dir, 'docker'));
  await writeFile(join(dir, 'sync.yaml'), config);
  let log = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString('utf8');
      done();
    },
  });
  const code = await runCli(['sync', '--config', 'sync.yaml', '--json', 'result.json'], {
    stdout: sink,
    stderr: sink,
    stdin: Readable.from([]),
    env: { DOCKER_CONFIG: join(dir, 'docker'), OCI_PUSH_CREDENTIALS: credentials },
    cwd: dir,
    isTTY: false,
  });
  assertNoSecretFragments({ log }, knownSecrets, 'oci-push sync');
  await readFile(join(dir, 'result.json'), 'utf8');
  return { code, log };
}

test('upstream → ACR → Aliyun: the image and its cosign signature arrive byte for byte', async () => {
  const layout = await makeOciLayout(join(work, 'image'), {
    layerContents: [randomBytes(4096), randomBytes(512)],
  });
  const source = new OciLayoutSource(layout.dir);
  const [seeded] = await copyGraph(
    source,
    await loadGraph(source),
    [{ client: ownClient(upstream), repository: 'giantswarm/app' }],
    { tags: ['1.0.0'] },
  );
  if (seeded?.error) throw seeded.error;
  const digest = layout.manifest.digest as Digest;
  const signature = cosignSignature(digest, `${upstream.host}/giantswarm/app`);
  const sigTag = `${referrersTag(digest)}.sig`;
  await putReferrer(ownClient(upstream), 'giantswarm/app', signature, sigTag);

  const { admin } = harness.acr;
  const acrCredential = `${harness.acr.host}=${admin.username}:${admin.password}`;
  const intoAcr = await sync(
    `targets:\n  gsoci:\n    registry: ${harness.acr.host} acr\n` +
      `images:\n  - source: ${upstream.host}/giantswarm/app\n`,
    acrCredential,
  );
  expect(intoAcr.code).toBe(0);

  // Aliyun has no auto-create here: the repository exists, as it would be made in its console.
  aliyun.repositories.add('giantswarm/app');
  const toChina = await sync(
    `targets:\n  gsoci:\n    registry: ${harness.acr.host} acr\n` +
      `  aliyun:\n    registry: ${aliyun.host}\n    mirror: true\n` +
      `images:\n  - source: ${harness.acr.host}/giantswarm/app\n    to: [aliyun]\n`,
    `${acrCredential}\n${aliyun.host}=${aliyunBackend.username}:${aliyunBackend.password}`,
  );
  expect(toChina.log).not.toMatch(/warning/i);
  expect(toChina.code).toBe(0);
  const behind = (reference: string): Promise<Buffer> =>
    inspectRaw(aliyunBackend, `giantswarm/app:${reference}`);
  expect((await behind('1.0.0')).equals(layout.manifest.bytes)).toBe(true);
  expect((await behind(sigTag)).equals(signature.manifest.bytes)).toBe(true);
});
