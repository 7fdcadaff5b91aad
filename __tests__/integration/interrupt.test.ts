import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { copyGraph, loadGraph } from '../../src/engine/copy.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { runAction } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { makeChartDir, pathWithHelm } from '../harness/charts.js';
import { makeOciLayout, type OciLayoutFixture, tarLayout } from '../harness/fixtures.js';
import { ownClient } from '../harness/own-client.js';
import { type RecordingProxy, startRecordingProxy } from '../harness/recording-proxy.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { listTags } from '../harness/skopeo.js';
import { HELM4, ROOT } from '../harness/tools.js';

/**
 * A cancelled workflow (SIGTERM) and Ctrl-C (SIGINT), through the built action and CLI,
 * against a real registry: the release's blob uploads are held by a proxy (a registry that
 * never finishes taking them), and the signal comes while they are in flight. The run must
 * stop at once, cancel its upload sessions at the registry (DELETE, distribution-spec
 * "Canceling an upload"), remove the archive it unpacked, write its summary and `result`,
 * exit 143 or 130, and leave no tag.
 */
const DIST_SYNC = resolve(ROOT, 'dist', 'sync', 'index.js');
let registry: TestRegistry;
/** The sync's source: a registry that holds the image, read without any hold. */
let source: TestRegistry;
let proxy: RecordingProxy;
let work: string;
let layout: OciLayoutFixture;
let archive: string;
let uploadHeld: () => void;
let held: Promise<void>;

beforeAll(async () => {
  registry = await startRegistry('anonymous');
  source = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-interrupt-'));
  layout = await makeOciLayout(join(work, 'layout'), { layerSizes: [512 * 1024] });
  archive = await tarLayout(layout.dir, join(work, 'image.tar'));
  const oci = new OciLayoutSource(layout.dir);
  for (const repository of ['interrupt/sync-action', 'interrupt/sync-cli']) {
    const [seeded] = await copyGraph(
      oci,
      await loadGraph(oci),
      [{ client: ownClient(source), repository }],
      { tags: ['1.0.0'] },
    );
    if (seeded?.error) throw seeded.error;
  }
  proxy = await startRecordingProxy(registry.host, {
    // What `holds` names never gets an answer: the request stays in flight.
    hold: (request) =>
      holds(request) ? (uploadHeld(), new Promise<void>(() => undefined)) : undefined,
  });
});
afterAll(async () => {
  await proxy?.close();
  await Promise.all([registry?.stop(), source?.stop()]);
  await rm(work, { recursive: true, force: true });
});

/** By default a blob upload's completing PUT: the upload stays in flight. */
const UPLOAD_PUT = (request: { method: string; path: string }): boolean =>
  request.method === 'PUT' && request.path.includes('/blobs/uploads/');
let holds = UPLOAD_PUT;

beforeEach(() => {
  held = new Promise((resolve) => (uploadHeld = resolve));
  holds = UPLOAD_PUT;
});

/** Sends `signal` to the child once a request (an upload, unless `holds` says) is held at the proxy. */
function interruptWhenHeld(signal: NodeJS.Signals): (child: ChildProcess) => void {
  return (child) => void held.then(() => child.kill(signal));
}

/** Upload sessions the run cancelled: DELETEs of an upload's Location, which the registry took. */
function cancelledSessions(repository: string): number {
  return proxy.requests.filter(
    (r) =>
      r.method === 'DELETE' &&
      r.path.startsWith(`/v2/${repository}/blobs/uploads/`) &&
      r.status === 204,
  ).length;
}

test('SIGTERM to the action: sessions cancelled, temp dir emptied, summary and result written, exit 143, no tag', async () => {
  const repository = 'interrupt/action';
  const temp = await mkdtemp(join(work, 'runner-temp-'));
  const run = await runAction(
    {
      image: `oci-archive:${archive}`,
      repository,
      registries: proxy.host,
      build: 'release',
      version: '1.0.0',
    },
    { RUNNER_TEMP: temp },
    { onSpawn: interruptWhenHeld('SIGTERM') },
  );
  expect(run.code).toBe(143);
  // The archive it unpacked is gone.
  expect(await readdir(temp)).toEqual([]);
  expect(cancelledSessions(repository)).toBeGreaterThan(0);
  expect(await listTags(registry, repository)).toEqual([]);
  expect(run.summary).toContain('**Interrupted by SIGTERM.**');
  expect(run.stdout).toContain('::error::oci-push was interrupted by SIGTERM');
  const rows = JSON.parse(run.outputs.result ?? '[]') as { status: string; error?: string }[];
  expect(rows).toEqual([
    expect.objectContaining({ status: 'failed', error: expect.stringContaining('SIGTERM') }),
  ]);
});

test('SIGINT to the CLI: sessions cancelled, TMPDIR emptied, --json written, exit 130, no tag', async () => {
  const repository = 'interrupt/cli';
  const temp = await mkdtemp(join(work, 'cli-temp-'));
  const out = join(work, 'cli-out');
  await mkdir(out);
  const run = await runCli(
    [
      'push',
      '--image',
      `oci-archive:${archive}`,
      '--repository',
      repository,
      '--registries',
      proxy.host,
      '--build',
      'release',
      '--version',
      '1.0.0',
      '--json',
      join(out, 'result.json'),
    ],
    { env: { TMPDIR: temp }, onSpawn: interruptWhenHeld('SIGINT') },
  );
  expect(run.code).toBe(130);
  expect(await readdir(temp)).toEqual([]);
  expect(cancelledSessions(repository)).toBeGreaterThan(0);
  expect(await listTags(registry, repository)).toEqual([]);
  expect(run.stderr).toContain('SIGINT: stopping');
  expect(run.stderr).toContain('error: oci-push was interrupted by SIGINT');
  const rows = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as {
    status: string;
    error?: string;
  }[];
  expect(rows).toEqual([
    expect.objectContaining({ status: 'failed', error: expect.stringContaining('SIGINT') }),
  ]);
});

/** A sync config that copies `repository` from the source registry to the held target. */
async function syncConfig(repository: string): Promise<string> {
  const path = join(work, `${repository.replace('/', '-')}.yaml`);
  await writeFile(
    path,
    `targets:\n  held:\n    registry: ${proxy.host}\n` +
      `images:\n  - source: ${source.host}/${repository}\n`,
  );
  return path;
}

interface SyncRow {
  source: string;
  tags: { tag: string; targets: { target: string; status: string; error?: string }[] }[];
}

test('SIGTERM to the sync action mid-copy: sessions cancelled, summary and result written, exit 143, no tag', async () => {
  const repository = 'interrupt/sync-action';
  const run = await runAction(
    { config: await syncConfig(repository) },
    {},
    { entry: DIST_SYNC, onSpawn: interruptWhenHeld('SIGTERM') },
  );
  expect(run.code).toBe(143);
  expect(cancelledSessions(repository)).toBeGreaterThan(0);
  expect(await listTags(registry, repository)).toEqual([]);
  expect(run.summary).toContain('**Interrupted by SIGTERM.**');
  expect(run.stdout).toContain('::error::oci-push was interrupted by SIGTERM');
  const result = JSON.parse(run.outputs.result ?? '{}') as { images: SyncRow[] };
  expect(result.images.flatMap((i) => i.tags.flatMap((t) => t.targets))).toEqual([
    expect.objectContaining({ status: 'failed', error: expect.stringContaining('SIGTERM') }),
  ]);
});

test('SIGINT to oci-push sync mid-copy: sessions cancelled, --json written, exit 130, no tag', async () => {
  const repository = 'interrupt/sync-cli';
  const out = join(work, 'sync-cli-result.json');
  const run = await runCli(['sync', '--config', await syncConfig(repository), '--json', out], {
    onSpawn: interruptWhenHeld('SIGINT'),
  });
  expect(run.code).toBe(130);
  expect(cancelledSessions(repository)).toBeGreaterThan(0);
  expect(await listTags(registry, repository)).toEqual([]);
  expect(run.stderr).toContain('SIGINT: stopping');
  expect(run.stderr).toContain('error: oci-push was interrupted by SIGINT');
  const result = JSON.parse(await readFile(out, 'utf8')) as { images: SyncRow[] };
  expect(result.images.flatMap((i) => i.tags.flatMap((t) => t.targets))).toEqual([
    expect.objectContaining({ status: 'failed', error: expect.stringContaining('SIGINT') }),
  ]);
});

test("SIGTERM during a chart release's Helm index step: the chart stays released, the summary and result say so, exit 143", async () => {
  // The chart goes in; then reading the namespace's index (charts/giantswarm:latest) hangs.
  holds = (request) => request.path.startsWith('/v2/charts/giantswarm/manifests/latest');
  const chart = await makeChartDir(work, { name: 'interrupted-index', version: '1.0.0' });
  const run = await runAction(
    { chart: chart.dir, registries: proxy.host, build: 'release', version: '1.0.0' },
    { PATH: pathWithHelm(HELM4) },
    { onSpawn: interruptWhenHeld('SIGTERM') },
  );
  expect(run.code).toBe(143);
  expect(await listTags(registry, 'charts/giantswarm/interrupted-index')).toEqual(['1.0.0']);
  expect(await listTags(registry, 'charts/giantswarm')).toEqual([]);
  expect(run.summary).toContain('**Interrupted by SIGTERM.**');
  expect(run.summary).toContain('### Helm index');
  const rows = JSON.parse(run.outputs.result ?? '[]') as { artifact: string; status: string }[];
  expect(rows).toEqual([expect.objectContaining({ artifact: 'chart', status: 'pushed' })]);
});

test('SIGTERM to oci-push catalog while it lists: --json written, no index stored or written, exit 143', async () => {
  holds = (request) => request.path.startsWith('/v2/_catalog');
  const out = join(work, 'catalog-out');
  await mkdir(out);
  const run = await runCli(
    [
      'catalog',
      '--registry',
      proxy.host,
      '--out',
      join(out, 'index.yaml'),
      '--write',
      '--json',
      join(out, 'result.json'),
    ],
    { onSpawn: interruptWhenHeld('SIGTERM') },
  );
  expect(run.code).toBe(143);
  expect(run.stderr).toContain('SIGTERM: stopping');
  expect(JSON.parse(await readFile(join(out, 'result.json'), 'utf8'))).toEqual({
    error: expect.stringContaining('interrupted by SIGTERM'),
  });
  expect(await readdir(out)).toEqual(['result.json']);
  expect(await listTags(registry, 'charts/giantswarm')).toEqual([]);
});
