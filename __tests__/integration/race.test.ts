import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRun, runAction } from '../harness/action.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw } from '../harness/skopeo.js';

/**
 * Two release runs of one version at the same moment, as two `node dist/index.js` processes
 * against one real registry. Whatever the interleaving, no run may report the registry as
 * `pushed` or `unchanged` while the version tag (read with skopeo afterwards) holds another
 * image; the one that lost says `lost a race` (or was refused outright). Identical images
 * racing both pass.
 */
let registry: TestRegistry;
let work: string;
let a: OciLayoutFixture;
let b: OciLayoutFixture;

beforeAll(async () => {
  registry = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-race-'));
  [a, b] = await Promise.all([
    makeOciLayout(join(work, 'a'), { layerSizes: [512, 2048] }),
    makeOciLayout(join(work, 'b'), { layerSizes: [512, 2048] }),
  ]);
});
afterAll(async () => {
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
  return rows.find((r) => r.registry === registry.host);
}

function release(
  image: OciLayoutFixture,
  repository: string,
  extra: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction(
    { image: `oci:${image.dir}`, repository, registries: registry.host, ...extra },
    RELEASE,
  );
}

async function tagDigest(repository: string): Promise<string> {
  const bytes = await inspectRaw(registry, `${repository}:1.0.0`);
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The promise every racing run must keep, whatever the interleaving. */
function expectHonest(runs: [ActionRun, OciLayoutFixture][], held: string): void {
  for (const [run, image] of runs) {
    const row = rowOf(run);
    const success = row?.status === 'pushed' || row?.status === 'unchanged';
    if (image.manifest.digest === held) continue;
    // This run's image is not the one tagged: it must not say it is.
    // A release refused (the tag already held another digest) exits 3; one that lost the
    // race after its write, as a failure, 1 (docs/exit-codes.md).
    const code = row?.status === 'refused' ? 3 : 1;
    expect({ success, code: run.code }).toEqual({ success: false, code });
    expect(row?.error).toMatch(/lost a race: it holds sha256:[0-9a-f]{64}|already holds/);
    // The job's summary says so too, in the registry's red row.
    expect(run.summary).toMatch(/lost a race|already holds/);
  }
}

test(`${TRIALS} trials of two releases of one version with different images`, async () => {
  for (let i = 0; i < TRIALS; i++) {
    const repository = `race/different-${i}`;
    const runs = await Promise.all([release(a, repository), release(b, repository)]);
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
    for (const run of runs) {
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(['pushed', 'unchanged']).toContain(rowOf(run)?.status);
    }
    expect(await tagDigest(repository)).toBe(a.manifest.digest);
  }
}, 120_000);
