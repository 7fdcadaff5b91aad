import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRun, runAction } from '../harness/action.js';
import { makeChartDir, pathWithHelm } from '../harness/charts.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { listTags, skopeo } from '../harness/skopeo.js';
import { HELM4 } from '../harness/tools.js';
import { DEFAULT_REGISTRIES } from '../../src/jobs/push-inputs.js';

/**
 * Private repositories never reach a public registry by default, on real registries, checked
 * with skopeo: each marker (none, public, private, public/private) against a public, a
 * private and an unknown visibility, for the image and the chart, on registry and mirror
 * lines; Giant Swarm's default lines with a private repository; and a private repository no
 * line takes, which fails and pushes nothing.
 */
let registries: TestRegistry[];
let work: string;
let image: OciLayoutFixture;
let chartDir: string;

beforeAll(async () => {
  registries = await Promise.all([0, 1, 2, 3, 4].map(() => startRegistry('anonymous')));
  work = await mkdtemp(join(tmpdir(), 'oci-push-visibility-'));
  image = await makeOciLayout(join(work, 'image'));
  chartDir = (await makeChartDir(work, { name: 'vis-chart', version: '0.1.0' })).dir;
});
afterAll(async () => {
  await Promise.all((registries ?? []).map((r) => r.stop()));
  await rm(work, { recursive: true, force: true });
});

const SHA = '7e57c0de7e57c0de7e57c0de7e57c0de7e57c0de';

/** An event payload saying the repository's visibility, or none at all (unknown). */
async function event(visibility: 'public' | 'private' | 'unknown'): Promise<string> {
  if (visibility === 'unknown') return '';
  const path = join(work, `event-${visibility}.json`);
  await writeFile(
    path,
    JSON.stringify({
      repository: {
        full_name: 'giantswarm/vis',
        private: visibility === 'private',
        visibility,
      },
    }),
  );
  return path;
}

/** What skopeo finds in a repository: its tags (a missing repository has none). */
const tagsIn = (registry: TestRegistry, repository: string): Promise<string[]> =>
  listTags(registry, repository);

/** Whether the registry serves this digest at all (so an untagged dev build counts too). */
async function servesDigest(registry: TestRegistry, repository: string, digest: string) {
  const result = await skopeo([
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${registry.host}/${repository}@${digest}`,
  ]);
  return result.code === 0;
}

const MARKERS = ['', 'public', 'private', 'public/private'] as const;
const takes = (marker: string, visibility: string): boolean =>
  marker === 'public/private' ||
  (marker || 'public') === (visibility === 'public' ? 'public' : 'private');

async function push(
  repository: string,
  lines: { registries: string; mirrors: string },
  visibility: 'public' | 'private' | 'unknown',
  ref = 'refs/tags/v1.0.0',
): Promise<ActionRun> {
  return runAction(
    {
      image: `oci:${image.dir}`,
      chart: chartDir,
      repository,
      'chart-repository': `charts/${repository.split('/')[1]}`,
      'mirror-charts': 'true',
      ...lines,
    },
    {
      GITHUB_REF: ref,
      GITHUB_SHA: SHA,
      GITHUB_EVENT_NAME: 'push',
      // No token either, so an unknown visibility stays unknown: private.
      GITHUB_EVENT_PATH: await event(visibility),
      PATH: pathWithHelm(HELM4),
    },
  );
}

describe.each(['public', 'private', 'unknown'] as const)('visibility %s', (visibility) => {
  test('on registry lines marked none, public, private, public/private: image and chart go where the marker takes them', async () => {
    const repository = `giantswarm/reg-${visibility}`;
    const lines = MARKERS.map((m, i) => `${registries[i + 1]?.host} dev ${m}`.trim());
    const run = await push(repository, { registries: lines.join('\n'), mirrors: '' }, visibility);
    expect({ code: run.code, error: run.stdout.match(/::error::.*/)?.[0] }).toEqual({
      code: 0,
      error: undefined,
    });
    for (const [i, marker] of MARKERS.entries()) {
      const registry = registries[i + 1] as TestRegistry;
      const expected = takes(marker, visibility) ? ['1.0.0'] : [];
      expect([marker, await tagsIn(registry, repository)]).toEqual([marker, expected]);
      expect([marker, await tagsIn(registry, `charts/reg-${visibility}/vis-chart`)]).toEqual([
        marker,
        expected,
      ]);
    }
  }, 60_000);

  test('on mirror lines marked none, public, private, public/private: image and chart go where the marker takes them', async () => {
    const repository = `giantswarm/mirror-${visibility}`;
    const run = await push(
      repository,
      {
        registries: `${registries[0]?.host} public/private`,
        mirrors: MARKERS.map((m, i) => `${registries[i + 1]?.host} ${m}`.trim()).join('\n'),
      },
      visibility,
    );
    expect(run.code).toBe(0);
    expect(await tagsIn(registries[0] as TestRegistry, repository)).toEqual(['1.0.0']);
    for (const [i, marker] of MARKERS.entries()) {
      const registry = registries[i + 1] as TestRegistry;
      const expected = takes(marker, visibility) ? ['1.0.0'] : [];
      expect([marker, await tagsIn(registry, repository)]).toEqual([marker, expected]);
      expect([marker, await tagsIn(registry, `charts/mirror-${visibility}/vis-chart`)]).toEqual([
        marker,
        expected,
      ]);
    }
  }, 60_000);
});

/** Giant Swarm's default lines, each host replaced by a local registry: the same markers. */
function defaultLines(): string {
  return DEFAULT_REGISTRIES.split('\n')
    .map((line, i) => line.replace(/^\S+/, registries[i + 1]?.host ?? ''))
    .join('\n');
}

test.each([
  ['private', 'refs/heads/main'],
  ['private', 'refs/tags/v1.0.0'],
  ['unknown', 'refs/heads/main'],
  ['unknown', 'refs/tags/v1.0.0'],
] as const)(
  "the default lines, visibility %s, %s: only gsociprivate's stand-in gets it; nothing arrives on a public line",
  async (visibility, ref) => {
    const name = `defaults-${visibility}-${ref.split('/')[1]}`;
    const repository = `giantswarm/${name}`;
    const run = await push(
      repository,
      { registries: defaultLines(), mirrors: '' },
      visibility,
      ref,
    );
    expect(run.code).toBe(0);
    const gsoci = registries[1] as TestRegistry;
    const gsociprivate = registries[2] as TestRegistry;
    const old = registries[3] as TestRegistry;
    const digest = run.outputs.digest ?? '';
    const chartDigest = run.outputs['chart-digest'] ?? '';
    expect(digest).toMatch(/^sha256:/);
    expect(await servesDigest(gsociprivate, repository, digest)).toBe(true);
    expect(await servesDigest(gsociprivate, `charts/${name}/vis-chart`, chartDigest)).toBe(true);
    for (const publicLine of [gsoci, old]) {
      expect(await servesDigest(publicLine, repository, digest)).toBe(false);
      expect(await servesDigest(publicLine, `charts/${name}/vis-chart`, chartDigest)).toBe(false);
      expect(await tagsIn(publicLine, repository)).toEqual([]);
    }
    const rows = JSON.parse(run.outputs.result ?? '[]') as { registry: string; status: string }[];
    expect(rows.filter((r) => r.status !== 'skipped').map((r) => r.registry)).toEqual([
      gsociprivate.host,
      gsociprivate.host,
    ]);
  },
  60_000,
);

test('a private repository that no line takes fails with the fix, and nothing is pushed anywhere', async () => {
  const repository = 'giantswarm/nowhere';
  const run = await push(
    repository,
    { registries: `${registries[1]?.host} dev\n${registries[2]?.host} dev public`, mirrors: '' },
    'private',
  );
  expect(run.code).not.toBe(0);
  expect(run.stdout).toMatch(
    /::error::No registry in `registries` takes this release build.*no `public`, `private` or `public\/private` marker, so it takes public repositories only.*Add a line marked `private` or `public\/private`/,
  );
  for (const registry of registries) {
    expect(await tagsIn(registry, repository)).toEqual([]);
    expect(await tagsIn(registry, 'charts/nowhere/vis-chart')).toEqual([]);
  }
  const rows = JSON.parse(run.outputs.result ?? '[]') as { status: string; pushed: unknown[] }[];
  expect(rows).toEqual([expect.objectContaining({ status: 'failed', stage: 'plan', pushed: [] })]);
}, 60_000);
