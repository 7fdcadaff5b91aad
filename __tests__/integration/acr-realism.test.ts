import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AcrHarness, runSdk, startAcrHarness } from '../harness/acr/index.js';
import { type ActionRun, runAction } from '../harness/action.js';
import {
  blobOf,
  descriptorOf,
  makeMultiPlatformLayout,
  makeOciLayout,
  type MultiPlatformFixture,
  writeLayout,
} from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, skopeo } from '../harness/skopeo.js';
import { loadGraph } from '../../src/engine/copy.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createRegistryTransport } from '../../src/registry/retry.js';
import { RegistrySource } from '../../src/source/registry.js';

/**
 * The built action against the local ACR with real-ACR behaviours switched on (roles, a
 * firewall, soft delete, a slow first push): each test switches on what it needs and puts
 * the emulator back after. What lands is read from the registries behind with skopeo.
 */
let harness: AcrHarness;
let work: string;
let image: MultiPlatformFixture;

beforeAll(async () => {
  harness = await startAcrHarness();
  work = await mkdtemp(join(tmpdir(), 'oci-push-acr-realism-'));
  image = await makeMultiPlatformLayout(join(work, 'image'));
});
afterAll(async () => {
  await harness?.stop();
  await rm(work, { recursive: true, force: true });
});
afterEach(() => {
  const b = harness.acr.behaviours;
  b.roles.clear();
  b.abac = false;
  b.softDelete = false;
  b.firstPushFailureMs = undefined;
  b.replicaLagMs = 0;
});

function inputs(extra: Record<string, string>): Record<string, string> {
  return {
    image: `oci:${image.dir}`,
    registries: `${harness.acr.host} dev acr`,
    'azure-client-id': harness.clientId,
    'azure-tenant-id': harness.tenantId,
    'azure-authority-host': harness.entra.authorityHost,
    ...extra,
  };
}

interface Row {
  registry: string;
  status: string;
  error?: string;
}
const rows = (run: ActionRun): Row[] => JSON.parse(run.outputs.result ?? '[]') as Row[];

test('a release sharing child manifests with a locked release is pushed without PUTting them', async () => {
  const repository = 'giantswarm/shared-children';
  const first = await runAction(
    inputs({ repository, build: 'release', version: '1.0.0', lock: 'true' }),
    harness.runnerEnv(),
  );
  expect(first.code).toBe(0);
  // 1.0.1: a new index over the very same platform manifests (now locked by 1.0.0).
  const parsed = JSON.parse(image.index.bytes.toString('utf8')) as Record<string, unknown>;
  const index = blobOf(
    'application/vnd.oci.image.index.v1+json',
    Buffer.from(JSON.stringify({ ...parsed, annotations: { release: '1.0.1' } })),
  );
  const dir = join(work, 'shared-1.0.1');
  await writeLayout(dir, [index, ...image.manifests, ...image.blobs], [descriptorOf(index)]);
  const mark = harness.acr.requests.length;

  const second = await runAction(
    inputs({ image: `oci:${dir}`, repository, build: 'release', version: '1.0.1', lock: 'true' }),
    harness.runnerEnv(),
  );
  expect(second.stdout).not.toContain('::error');
  expect(second.code).toBe(0);
  expect((await inspectRaw(harness.backend, `${repository}:1.0.1`)).equals(index.bytes)).toBe(true);
  const puts = harness.acr.requests
    .slice(mark)
    .filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'));
  for (const child of image.manifests) {
    expect(puts.filter((r) => r.path.endsWith(child.digest))).toEqual([]);
  }
  // The new index itself was put, by its tag: a root that gets a tag goes in by it alone.
  expect(puts.map((r) => r.path)).toEqual([`/v2/${repository}/manifests/1.0.1`]);
});

describe('keyless failures stay with their registry', () => {
  let mirror: TestRegistry;
  beforeAll(async () => {
    mirror = await startRegistry('anonymous');
  });
  afterAll(async () => {
    await mirror?.stop();
  });

  test('one ACR behind a firewall fails its row; the other ACR and the mirror get the release', async () => {
    const second = await harness.addAcr();
    second.acr.behaviours.exchangeDenied = true;
    const repository = 'giantswarm/two-acrs';
    const run = await runAction(
      inputs({
        repository,
        registries: `${harness.acr.host} acr\n${second.acr.host} acr`,
        mirrors: mirror.host,
        build: 'release',
        version: '2.0.0',
      }),
      harness.runnerEnv(),
    );
    expect(run.code).toBe(1);
    expect(
      (await inspectRaw(harness.backend, `${repository}:2.0.0`)).equals(image.index.bytes),
    ).toBe(true);
    expect((await inspectRaw(mirror, `${repository}:2.0.0`)).equals(image.index.bytes)).toBe(true);
    const refused = rows(run).find((r) => r.registry === second.acr.host);
    expect(refused?.status).toBe('failed');
    expect(refused?.error).toContain("the registry's firewall refused this runner");
    expect(rows(run).find((r) => r.registry === harness.acr.host)?.status).toBe('pushed');
    expect(rows(run).find((r) => r.registry === mirror.host)?.status).toBe('pushed');
  });
});

test('one ACR whose lock check is refused fails its row; the other ACR still gets the release', async () => {
  const second = await harness.addAcr();
  // May push, but not read metadata: the lock check (a read of the tag's attributes) fails.
  second.acr.behaviours.roles.set(harness.principalId, [
    { name: 'push, no metadata read', actions: ['pull', 'push'] },
  ]);
  const repository = 'giantswarm/lock-check';
  const run = await runAction(
    inputs({
      repository,
      registries: `${harness.acr.host} acr\n${second.acr.host} acr`,
      build: 'release',
      version: '3.0.0',
    }),
    harness.runnerEnv(),
  );
  expect(run.code).toBe(1);
  expect((await inspectRaw(harness.backend, `${repository}:3.0.0`)).equals(image.index.bytes)).toBe(
    true,
  );
  const refused = rows(run).find((r) => r.registry === second.acr.host);
  expect(refused?.status).toBe('failed');
  expect(refused?.error).toContain('Reading the lock on');
  expect(refused?.error).toContain('the AcrPull role');
  // Nothing was pushed there: without knowing the locks, a release must not go ahead.
  expect(second.acr.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  expect(rows(run).find((r) => r.registry === harness.acr.host)?.status).toBe('pushed');
});

describe('a missing role is named, not the credential', () => {
  test('AcrPull only: the push names AcrPush', async () => {
    harness.acr.behaviours.roles.set(harness.principalId, ['AcrPull']);
    const run = await runAction(
      inputs({ repository: 'giantswarm/pull-only', build: 'release', version: '1.0.0' }),
      harness.runnerEnv(),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('insufficient_scope');
    expect(run.stdout).toContain('the AcrPush role');
    expect(run.stdout).not.toContain('refused the credentials');
  });

  test('dev-untag without AcrDelete: the warning names AcrDelete', async () => {
    harness.acr.behaviours.roles.set(harness.principalId, ['AcrPush']);
    const layout = await makeOciLayout(join(work, 'untag-no-delete'));
    const run = await runAction(
      inputs({
        image: `oci:${layout.dir}`,
        repository: 'giantswarm/no-delete',
        'dev-untag': 'true',
      }),
      harness.runnerEnv(),
    );
    expect(run.stdout).toContain('may not delete tags');
    expect(run.stdout).toContain('the AcrDelete role');
  });

  test('lock without the right to change metadata: the error names the role that has it', async () => {
    harness.acr.behaviours.roles.set(harness.principalId, [
      { name: 'push, no metadata write', actions: ['pull', 'push', 'metadata_read'] },
    ]);
    const run = await runAction(
      inputs({
        repository: 'giantswarm/no-lock',
        build: 'release',
        version: '1.0.0',
        lock: 'true',
      }),
      harness.runnerEnv(),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('may not change metadata (lock)');
    expect(run.stdout).toContain('the AcrPush role');
    // The release itself is there, just not locked.
    expect(
      (await inspectRaw(harness.backend, 'giantswarm/no-lock:1.0.0')).equals(image.index.bytes),
    ).toBe(true);
  });

  test('ABAC mode: AcrPush is not honoured, and the error says which role is', async () => {
    harness.acr.behaviours.abac = true;
    harness.acr.behaviours.roles.set(harness.principalId, ['AcrPush']);
    const run = await runAction(
      inputs({ repository: 'giantswarm/abac', build: 'release', version: '1.0.0' }),
      harness.runnerEnv(),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Container Registry Repository');
    expect(run.stdout).toContain('ABAC');
    expect(run.stdout).not.toContain('refused the credentials');
  });
});

test('soft delete: pushing a soft-deleted digest again says what happened and what to do', async () => {
  harness.acr.behaviours.softDelete = true;
  const repository = 'giantswarm/soft-deleted';
  const layout = await makeOciLayout(join(work, 'soft'));
  const push = (): Promise<ActionRun> =>
    runAction(inputs({ image: `oci:${layout.dir}`, repository }), harness.runnerEnv());
  expect((await push()).code).toBe(0);
  const { outcomes } = await runSdk(harness, [
    { op: 'deleteManifest', repository, reference: layout.manifest.digest },
  ]);
  expect(outcomes[0]?.ok).toBe(true);

  const again = await push();
  expect(again.code).toBe(1);
  expect(again.stdout).toContain('soft-delete bin');
  expect(again.stdout).toContain('az acr manifest restore');
  expect(again.stdout).not.toContain('is not allowed to do this');
});

test('the first push into a new repository survives a slow 500 through the retry policy', async () => {
  harness.acr.behaviours.firstPushFailureMs = 2_000;
  const repository = 'giantswarm/brand-new';
  const run = await runAction(
    inputs({ repository, build: 'release', version: '1.0.0' }),
    harness.runnerEnv(),
  );
  expect(run.stdout).not.toContain('::error');
  expect(run.code).toBe(0);
  const failed = harness.acr.requests.filter(
    (r) => r.status === 500 && r.path.startsWith(`/v2/${repository}/blobs/uploads`),
  );
  expect(failed).toHaveLength(1);
  expect(run.stdout).toMatch(/HTTP 500 on POST, retry 1/);
  expect((await inspectRaw(harness.backend, `${repository}:1.0.0`)).equals(image.index.bytes)).toBe(
    true,
  );
});

test('replica lag: a docker:// source whose manifests are 404 for 20 s is waited for, then copied', async () => {
  harness.acr.behaviours.replicaLagMs = 20_000;
  const repository = 'giantswarm/lagging';
  const { username, password } = harness.acr.admin;
  const copied = await skopeo([
    'copy',
    '--all',
    `--dest-creds=${username}:${password}`,
    `--dest-cert-dir=${harness.ca.trustDir}`,
    `oci:${image.dir}`,
    `docker://${harness.acr.host}/${repository}:1.0.0`,
  ]);
  expect(copied.code).toBe(0);
  const mark = harness.acr.requests.length;

  const waits: string[] = [];
  const client = new RegistryClient({
    endpoint: { host: harness.acr.host, https: true },
    credential: { kind: 'basic', username, password },
    send: createRegistryTransport({ userAgent: 'oci-push-test' }),
  });
  const source = new RegistrySource(client, repository, '1.0.0', {
    onWait: (message) => waits.push(message),
  });
  const graph = await loadGraph(source);

  expect(graph.root.digest).toBe(image.index.digest);
  expect(graph.manifests.map((m) => m.descriptor.digest).sort()).toEqual(
    [image.index.digest, ...image.manifests.map((m) => m.digest)].sort(),
  );
  const tagReads = harness.acr.requests
    .slice(mark)
    .filter((r) => r.method === 'GET' && r.path === `/v2/${repository}/manifests/1.0.0`);
  expect(tagReads.filter((r) => r.status === 404).length).toBeGreaterThan(0);
  expect(tagReads.at(-1)?.status).toBe(200);
  expect(waits[0]).toContain('a replica may not have it yet');
});
