import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRun, runAction } from '../harness/action.js';
import { makeChartDir, pathWithHelm } from '../harness/charts.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, listTags } from '../harness/skopeo.js';
import { HELM4, ROOT } from '../harness/tools.js';
// ajv 6 (ESLint's dependency) checks the `result` against its published schema, as in
// job-contract.test.ts.
import Ajv from 'ajv';

/**
 * The orb's tag options and forward-only floating tags, pushed by the built action to a real
 * registry and read back with skopeo: `latest` stays on 2.0.0 when 1.4.8 follows it,
 * `tag-suffix` on every image tag, dev tags and a branch's floating tag.
 */
let registry: TestRegistry;
let work: string;
const images: OciLayoutFixture[] = [];

beforeAll(async () => {
  registry = await startRegistry('token');
  work = await mkdtemp(join(tmpdir(), 'oci-push-tags-'));
  for (let i = 0; i < 4; i++) images.push(await makeOciLayout(join(work, `image-${i}`)));
});
afterAll(async () => {
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

const SHA = '7a95'.repeat(10);

function push(
  fixture: OciLayoutFixture,
  ref: string,
  inputs: Record<string, string>,
  sha = SHA,
): Promise<ActionRun> {
  return runAction(
    {
      image: `oci:${fixture.dir}`,
      registries: `${registry.host} dev`,
      credentials: `${registry.host}=${registry.username}:${registry.password}`,
      ...inputs,
    },
    { GITHUB_REF: ref, GITHUB_SHA: sha, PATH: pathWithHelm(HELM4) },
  );
}

/** The manifest a tag holds, as skopeo reads it. */
const held = (reference: string): Promise<Buffer> => inspectRaw(registry, reference);

interface Row {
  tags: { tag: string; action: string; reason?: string; previous?: string }[];
}
const tagsOf = (run: ActionRun): Row['tags'] =>
  (JSON.parse(run.outputs.result ?? '[]') as Row[])[0]?.tags ?? [];

describe('floating tags move forward only', () => {
  const repository = 'giantswarm/floating';
  const [v200, v148, v149, v210] = [0, 1, 2, 3];

  test('2.0.0 then 1.4.8: latest stays on 2.0.0, and the summary says why', async () => {
    const first = await push(images[v200] as OciLayoutFixture, 'refs/tags/v2.0.0', {
      repository,
      tags: 'latest',
    });
    expect(first.code).toBe(0);
    expect(await held(`${repository}:latest`)).toEqual(images[v200]?.manifest.bytes);

    const patch = await push(images[v148] as OciLayoutFixture, 'refs/tags/v1.4.8', {
      repository,
      tags: 'latest',
    });
    expect(patch.code).toBe(0);
    expect(await held(`${repository}:1.4.8`)).toEqual(images[v148]?.manifest.bytes);
    expect(await held(`${repository}:latest`)).toEqual(images[v200]?.manifest.bytes);
    expect(tagsOf(patch)).toEqual([
      { tag: '1.4.8', action: 'created' },
      {
        tag: 'latest',
        action: 'left',
        reason: expect.stringContaining('2.0.0 is a higher release in this repository'),
      },
    ]);
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'schema', 'result.push.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect([validate(JSON.parse(patch.outputs.result ?? '')), validate.errors]).toEqual([
      true,
      null,
    ]);
    expect(patch.summary).toContain('### Floating tags not moved');
    expect(patch.summary).toContain(
      `\`${registry.host}/${repository}:latest\` left where it was: 2.0.0 is a higher release`,
    );
    expect(patch.stdout).toContain('latest not moved: 2.0.0 is a higher release');
  }, 60_000);

  test('floating-tags: always moves it anyway; a higher release moves it forward', async () => {
    const forced = await push(images[v149] as OciLayoutFixture, 'refs/tags/v1.4.9', {
      repository,
      tags: 'latest',
      'floating-tags': 'always',
    });
    expect(forced.code).toBe(0);
    expect(await held(`${repository}:latest`)).toEqual(images[v149]?.manifest.bytes);
    expect(tagsOf(forced)).toContainEqual(
      expect.objectContaining({ tag: 'latest', action: 'moved' }),
    );

    const next = await push(images[v210] as OciLayoutFixture, 'refs/tags/v2.1.0', {
      repository,
      tags: 'latest',
    });
    expect(next.code).toBe(0);
    expect(await held(`${repository}:latest`)).toEqual(images[v210]?.manifest.bytes);
    expect((await listTags(registry, repository)).sort()).toEqual(
      ['1.4.8', '1.4.9', '2.0.0', '2.1.0', 'latest'].sort(),
    );
  }, 60_000);
});

test('tag-suffix goes on every image tag, verbatim; the chart keeps its version as tag', async () => {
  const repository = 'giantswarm/alpine';
  const chart = await makeChartDir(work, { name: 'flavour-chart' });
  // The plain flavour's higher release does not hold back the python flavour's latest.
  const plain = await push(images[0] as OciLayoutFixture, 'refs/tags/v3.21.0', {
    repository,
    tags: 'latest',
  });
  expect(plain.code).toBe(0);
  const python = await push(images[1] as OciLayoutFixture, 'refs/tags/v3.20.1', {
    repository,
    chart: chart.dir,
    tags: 'latest',
    'tag-suffix': '-python',
  });
  expect(python.code).toBe(0);
  expect(python.outputs.tags).toBe('3.20.1-python\nlatest-python');
  expect((await listTags(registry, repository)).sort()).toEqual(
    ['3.20.1-python', '3.21.0', 'latest', 'latest-python'].sort(),
  );
  expect(await held(`${repository}:latest-python`)).toEqual(images[1]?.manifest.bytes);
  expect(await held(`${repository}:latest`)).toEqual(images[0]?.manifest.bytes);
  expect(await listTags(registry, 'charts/giantswarm/flavour-chart')).toEqual(['3.20.1']);
}, 60_000);

describe('dev tags and branch tags (opt-in)', () => {
  const repository = 'giantswarm/dev-tagged';
  const options = { repository, 'dev-tags': 'true', 'branch-tags': 'main=main-latest' };

  test("a dev build of main gets its version tag (image and chart) and main's floating tag; refs stay by digest", async () => {
    const chart = await makeChartDir(work, { name: 'dev-chart' });
    const run = await push(images[2] as OciLayoutFixture, 'refs/heads/main', {
      ...options,
      chart: chart.dir,
    });
    expect({ code: run.code, out: run.stdout.match(/::error::.*/g) }).toEqual({
      code: 0,
      out: null,
    });
    const version = run.outputs.version ?? '';
    expect(version).toMatch(/^0\.0\.1-dev\.\d{14}\.g7a957a957a95$/);
    expect(run.outputs.tags).toBe(`${version}\nmain-latest`);
    expect(run.outputs.ref).toBe(`${registry.host}/${repository}@${images[2]?.manifest.digest}`);
    expect((await listTags(registry, repository)).sort()).toEqual([version, 'main-latest'].sort());
    expect(await held(`${repository}:main-latest`)).toEqual(images[2]?.manifest.bytes);
    expect(await listTags(registry, 'charts/giantswarm/dev-chart')).toEqual([version]);
  }, 60_000);

  test('the next build of main moves the floating tag; a feature branch gets only its version tag', async () => {
    const next = await push(
      images[3] as OciLayoutFixture,
      'refs/heads/main',
      options,
      'b'.repeat(40),
    );
    expect(next.code).toBe(0);
    expect(await held(`${repository}:main-latest`)).toEqual(images[3]?.manifest.bytes);
    expect(tagsOf(next)).toContainEqual(
      expect.objectContaining({ tag: 'main-latest', action: 'moved' }),
    );
    const feature = await push(
      images[0] as OciLayoutFixture,
      'refs/heads/feature',
      options,
      'c'.repeat(40),
    );
    expect(feature.code).toBe(0);
    expect(feature.outputs.tags).toMatch(/^0\.0\.1-dev\.\d{14}\.gcccccccccccc$/);
    expect(await held(`${repository}:main-latest`)).toEqual(images[3]?.manifest.bytes);
  }, 60_000);
});

// Without `dev-tags` the branch tag is a dev build's only tag, so it is the first: the copy
// once took the first tag of every build for the immutable version tag, and refused to
// move `latest` on the next build of main (a release's version tag is the only immutable one).
test('branch-tags without dev-tags: the next build of the branch moves its tag', async () => {
  const repository = 'giantswarm/branch-latest';
  const options = { repository, 'branch-tags': 'main=latest' };
  const first = await push(
    images[0] as OciLayoutFixture,
    'refs/heads/main',
    options,
    'd'.repeat(40),
  );
  expect({ code: first.code, tags: first.outputs.tags }).toEqual({ code: 0, tags: 'latest' });
  expect(await listTags(registry, repository)).toEqual(['latest']);
  expect(await held(`${repository}:latest`)).toEqual(images[0]?.manifest.bytes);

  const next = await push(
    images[1] as OciLayoutFixture,
    'refs/heads/main',
    options,
    'e'.repeat(40),
  );
  expect({ code: next.code, errors: next.stdout.match(/::error.*/g) }).toEqual({
    code: 0,
    errors: null,
  });
  expect(await listTags(registry, repository)).toEqual(['latest']);
  expect(await held(`${repository}:latest`)).toEqual(images[1]?.manifest.bytes);
  expect(tagsOf(next)).toEqual([
    { tag: 'latest', action: 'moved', previous: images[0]?.manifest.digest },
  ]);
}, 60_000);
