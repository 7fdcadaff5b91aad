import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyGraph, loadGraph } from '../../src/engine/copy.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { type AcrHarness, runSdk, startAcrHarness } from '../harness/acr/index.js';
import { DIST_CLEANUP, runAction } from '../harness/action.js';
import {
  blobOf,
  descriptorOf,
  type FixtureBlob,
  makeMultiPlatformLayout,
  makeOciLayout,
  type MultiPlatformFixture,
  writeLayout,
} from '../harness/fixtures.js';
import { listTags } from '../harness/skopeo.js';

/**
 * The cleanup action (dist/cleanup/index.js) against the local ACR, on a crafted repository
 * with every case its safety rules name, asserting exactly what remains in the real registry
 * behind it: a tagged multi-platform index with untagged children, a signature of a kept
 * image, a locked old manifest, new and old untagged manifests, dev tags and release tags.
 */
let harness: AcrHarness;
let work: string;
const REPO = 'giantswarm/app';
const DAY = 24 * 3600 * 1000;
const DEV_SHA = 'c0ffee'.padEnd(40, '0');

let release: MultiPlatformFixture;
const one: Record<string, FixtureBlob> = {};
let signature: FixtureBlob;

function client(): RegistryClient {
  return new RegistryClient({
    endpoint: { host: harness.acr.host, https: true },
    credential: { kind: 'basic', ...harness.acr.admin },
    send: createTransport({ userAgent: 'oci-push-test' }),
  });
}

async function push(dir: string, tags: string[]): Promise<void> {
  const source = new OciLayoutSource(dir);
  const [result] = await copyGraph(
    source,
    await loadGraph(source),
    [{ client: client(), repository: REPO }],
    { tags },
  );
  if (result?.error) throw result.error;
}

async function age(digest: string, days: number): Promise<void> {
  const time = new Date(Date.now() - days * DAY);
  await harness.acr.setManifestTimes(REPO, digest, { createdTime: time, lastUpdateTime: time });
}

beforeAll(async () => {
  harness = await startAcrHarness();
  work = await mkdtemp(join(tmpdir(), 'oci-push-cleanup-'));

  release = await makeMultiPlatformLayout(join(work, 'release'));
  await push(release.dir, ['1.0.0']);
  const single = async (name: string, tags: string[]): Promise<void> => {
    const layout = await makeOciLayout(join(work, name), { layerSizes: [256] });
    one[name] = layout.manifest;
    await push(layout.dir, tags);
  };
  await single('previous-release', ['0.9.0']);
  await single('locked', []);
  await single('old-untagged', []);
  await single('new-untagged', []);
  await single('old-dev', [`1.0.0-${DEV_SHA}`]);
  await single('new-dev', [`1.1.0-${DEV_SHA}`]);

  // A cosign-style signature of the release: an artifact manifest whose subject is its index.
  const empty = blobOf('application/vnd.oci.empty.v1+json', Buffer.from('{}'));
  const payload = blobOf(
    'application/vnd.dev.cosign.simplesigning.v1+json',
    Buffer.from('{"sig":1}'),
  );
  signature = blobOf(
    'application/vnd.oci.image.manifest.v1+json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
        config: descriptorOf(empty),
        layers: [descriptorOf(payload)],
        subject: descriptorOf(release.index),
      }),
    ),
  );
  await writeLayout(
    join(work, 'signature'),
    [signature, empty, payload],
    [descriptorOf(signature)],
  );
  await push(join(work, 'signature'), []);

  // Everything is old, except the two "new" manifests.
  for (const digest of [
    release.index.digest,
    ...release.manifests.map((m) => m.digest),
    signature.digest,
    ...['previous-release', 'locked', 'old-untagged', 'old-dev'].map((n) => one[n]?.digest ?? ''),
  ]) {
    await age(digest, 40);
  }
  await harness.acr.setTagTimes(REPO, `1.0.0-${DEV_SHA}`, {
    createdTime: new Date(Date.now() - 40 * DAY),
    lastUpdateTime: new Date(Date.now() - 40 * DAY),
  });
  const locked = await runSdk(harness, [
    {
      op: 'updateManifestProperties',
      repository: REPO,
      reference: one.locked?.digest ?? '',
      properties: { canDelete: false },
    },
  ]);
  if (!locked.outcomes[0]?.ok) throw new Error(JSON.stringify(locked.outcomes[0]?.error));
});
afterAll(async () => {
  await harness?.stop();
  await rm(work, { recursive: true, force: true });
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    registry: harness.acr.host,
    repositories: 'giantswarm/*',
    'older-than': '7d',
    untagged: 'true',
    'tag-pattern': `[0-9]+\\.[0-9]+\\.[0-9]+-[0-9a-f]{40}`,
    keep: '0',
    'dry-run': 'false',
    'azure-client-id': harness.clientId,
    'azure-tenant-id': harness.tenantId,
    'azure-authority-host': harness.entra.authorityHost,
    'azure-audience': 'api://AzureADTokenExchange',
    ...extra,
  };
}

async function remaining(): Promise<Set<string>> {
  return new Set((await harness.acr.storage.manifests(REPO)).map((m) => m.digest));
}

const mustStay = (): string[] => [
  release.index.digest,
  ...release.manifests.map((m) => m.digest),
  signature.digest,
  ...['previous-release', 'locked', 'new-untagged', 'new-dev'].map((n) => one[n]?.digest ?? ''),
];
const mustGo = (): string[] => ['old-untagged', 'old-dev'].map((n) => one[n]?.digest ?? '');

test('a dry run plans exactly the old untagged manifest and the old dev build, and deletes nothing', async () => {
  const before = await remaining();
  const run = await runAction(inputs({ 'dry-run': 'true' }), harness.runnerEnv(), {
    entry: DIST_CLEANUP,
  });
  expect(run.stdout).not.toContain('::error');
  expect(run.code).toBe(0);
  expect(run.outputs.deleted).toBe('0');
  const result = JSON.parse(run.outputs.result ?? '{}') as {
    repositories: {
      repository: string;
      planned: { tags: { name: string }[]; manifests: string[] };
      kept: { digest: string; reason: string }[];
    }[];
  };
  const app = result.repositories.find((r) => r.repository === REPO);
  expect(app?.planned.tags.map((t) => t.name)).toEqual([`1.0.0-${DEV_SHA}`]);
  expect([...(app?.planned.manifests ?? [])].sort()).toEqual([...mustGo()].sort());
  const reasons = Object.fromEntries(app?.kept.map((k) => [k.digest, k.reason]) ?? []);
  expect(reasons[one.locked?.digest ?? '']).toBe('locked');
  expect(reasons[one['new-untagged']?.digest ?? '']).toBe('too-new');
  expect(reasons[signature.digest]).toBe('referrer-of-kept');
  for (const child of release.manifests) expect(reasons[child.digest]).toBe('child-of-kept-index');
  expect(reasons[release.index.digest]).toBe('tagged');
  expect(await remaining()).toEqual(before);
});

test('a run deletes those two, and exactly what the safety rules protect remains', async () => {
  const run = await runAction(inputs(), harness.runnerEnv(), { entry: DIST_CLEANUP });
  expect(run.stdout).not.toContain('::error');
  expect(run.code).toBe(0);
  expect(run.outputs.deleted).toBe('2');
  const left = await remaining();
  for (const digest of mustStay()) expect([digest, left.has(digest)]).toEqual([digest, true]);
  for (const digest of mustGo()) expect([digest, left.has(digest)]).toEqual([digest, false]);
  expect(left.size).toBe(mustStay().length);
  expect((await listTags(harness.backend, REPO)).sort()).toEqual(
    ['0.9.0', '1.0.0', `1.1.0-${DEV_SHA}`].sort(),
  );
  expect(run.summary).toContain('locked (delete or write disabled)');
});
