import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRun, runAction } from '../harness/action.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { type RecordingProxy, startRecordingProxy } from '../harness/recording-proxy.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw } from '../harness/skopeo.js';

/**
 * Two release runs of one version at the same moment, as two `node dist/index.js` processes
 * against one real registry. No run may report the registry as `pushed` or `unchanged` while
 * the version tag (read with skopeo afterwards) holds another image; the one that lost says
 * `lost a race`. Identical images racing both pass. So that every trial really races, a proxy
 * in front of the registry holds each run's write of the version tag until both runs have
 * sent theirs (both read the tag as free, both write it), and each trial checks that it did.
 */
let registry: TestRegistry;
let gate: RecordingProxy;
let work: string;
let a: OciLayoutFixture;
let b: OciLayoutFixture;
/** Per repository: the tag writes held so far, and the release of those waiting. */
const barriers = new Map<string, { arrived: number; open: () => void; opened: Promise<void> }>();

function barrierFor(repository: string) {
  let barrier = barriers.get(repository);
  if (!barrier) {
    let open = (): void => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    barrier = { arrived: 0, open, opened };
    barriers.set(repository, barrier);
  }
  return barrier;
}

beforeAll(async () => {
  registry = await startRegistry('anonymous');
  gate = await startRecordingProxy(registry.host, {
    hold: (request) => {
      const write = /^\/v2\/(.+)\/manifests\/1\.0\.0$/.exec(request.path);
      if (request.method !== 'PUT' || !write?.[1]) return undefined;
      const barrier = barrierFor(write[1]);
      if (++barrier.arrived === 2) barrier.open();
      // Never held for ever: a run that never writes fails the trial's check instead.
      return Promise.race([barrier.opened, new Promise<void>((r) => setTimeout(r, 20_000))]);
    },
  });
  work = await mkdtemp(join(tmpdir(), 'oci-push-race-'));
  [a, b] = await Promise.all([
    makeOciLayout(join(work, 'a'), { layerSizes: [512, 2048] }),
    makeOciLayout(join(work, 'b'), { layerSizes: [512, 2048] }),
  ]);
});
afterAll(async () => {
  await gate?.close();
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

const TRIALS = 10;
const RELEASE = { GITHUB_REF: 'refs/tags/v1.0.0' };

interface Row {
  registry: string;
  status: string;
  error?: string;
}

function rowOf(run: ActionRun): Row | undefined {
  const rows = JSON.parse(run.outputs.result ?? '[]') as Row[];
  return rows.find((r) => r.registry === gate.host);
}

function release(
  image: OciLayoutFixture,
  repository: string,
  extra: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction(
    { image: `oci:${image.dir}`, repository, registries: gate.host, ...extra },
    RELEASE,
  );
}

async function tagDigest(repository: string): Promise<string> {
  const bytes = await inspectRaw(registry, `${repository}:1.0.0`);
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The race happened: both runs wrote the version tag, each while the other's was held. */
function expectRaced(repository: string): void {
  expect(barriers.get(repository)?.arrived).toBe(2);
}

/** The promise every racing run must keep. */
function expectHonest(runs: [ActionRun, OciLayoutFixture][], held: string): void {
  let losers = 0;
  for (const [run, image] of runs) {
    const row = rowOf(run);
    const success = row?.status === 'pushed' || row?.status === 'unchanged';
    if (image.manifest.digest === held) continue;
    losers++;
    // This run's image is not the one tagged: it must not say it is.
    // Both wrote the tag, so the loser lost it after its write: a failure, exit 1
    // (docs/exit-codes.md; a release refused before any write would exit 3).
    expect({ success, code: run.code }).toEqual({ success: false, code: 1 });
    expect(row?.error).toMatch(/lost a race: it holds sha256:[0-9a-f]{64}/);
    // The job's summary says so too, in the registry's red row.
    expect(run.summary).toMatch(/lost a race/);
  }
  expect(losers).toBe(1);
}

test(`${TRIALS} trials of two releases of one version with different images`, async () => {
  for (let i = 0; i < TRIALS; i++) {
    const repository = `race/different-${i}`;
    const runs = await Promise.all([release(a, repository), release(b, repository)]);
    expectRaced(repository);
    const held = await tagDigest(repository);
    expect([a.manifest.digest, b.manifest.digest]).toContain(held);
    expectHonest(
      [
        [runs[0], a],
        [runs[1], b],
      ],
      held,
    );
    // Exactly one run holds the tag, and it says so.
    const winner = held === a.manifest.digest ? runs[0] : runs[1];
    expect(rowOf(winner)?.status).toBe('pushed');
  }
}, 300_000);

test(`${TRIALS} trials of a release racing an overwrite: true release`, async () => {
  for (let i = 0; i < TRIALS; i++) {
    const repository = `race/overwrite-${i}`;
    const runs = await Promise.all([
      release(a, repository),
      release(b, repository, { overwrite: 'true' }),
    ]);
    expectRaced(repository);
    const held = await tagDigest(repository);
    expect([a.manifest.digest, b.manifest.digest]).toContain(held);
    expectHonest(
      [
        [runs[0], a],
        [runs[1], b],
      ],
      held,
    );
  }
}, 300_000);

test('two releases of the same image racing both pass', async () => {
  for (let i = 0; i < 3; i++) {
    const repository = `race/same-${i}`;
    const runs = await Promise.all([release(a, repository), release(a, repository)]);
    expectRaced(repository);
    for (const run of runs) {
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(['pushed', 'unchanged']).toContain(rowOf(run)?.status);
    }
    expect(await tagDigest(repository)).toBe(a.manifest.digest);
  }
}, 120_000);
