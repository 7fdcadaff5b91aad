import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { makeOciLayout, type OciLayoutFixture, tarLayout } from '../harness/fixtures.js';
import { type RecordingProxy, startRecordingProxy } from '../harness/recording-proxy.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { listTags } from '../harness/skopeo.js';

/**
 * A cancelled workflow (SIGTERM) and Ctrl-C (SIGINT), through the built action and CLI,
 * against a real registry: the release's blob uploads are held by a proxy (a registry that
 * never finishes taking them), and the signal comes while they are in flight. The run must
 * stop at once, cancel its upload sessions at the registry (DELETE, distribution-spec
 * "Canceling an upload"), remove the archive it unpacked, write its summary and `result`,
 * exit 143 or 130, and leave no tag.
 */
let registry: TestRegistry;
let proxy: RecordingProxy;
let work: string;
let layout: OciLayoutFixture;
let archive: string;
let uploadHeld: () => void;
let held: Promise<void>;

beforeAll(async () => {
  registry = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-interrupt-'));
  layout = await makeOciLayout(join(work, 'layout'), { layerSizes: [512 * 1024] });
  archive = await tarLayout(layout.dir, join(work, 'image.tar'));
  proxy = await startRecordingProxy(registry.host, {
    // A blob upload's completing PUT never gets an answer: the upload stays in flight.
    hold: (request) =>
      request.method === 'PUT' && request.path.includes('/blobs/uploads/')
        ? (uploadHeld(), new Promise<void>(() => undefined))
        : undefined,
  });
});
afterAll(async () => {
  await proxy?.close();
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

beforeEach(() => {
  held = new Promise((resolve) => (uploadHeld = resolve));
});

/** Sends `signal` to the child once an upload is held at the proxy. */
function interruptWhenUploading(signal: NodeJS.Signals): (child: ChildProcess) => void {
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
    { onSpawn: interruptWhenUploading('SIGTERM') },
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
    { env: { TMPDIR: temp }, onSpawn: interruptWhenUploading('SIGINT') },
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
