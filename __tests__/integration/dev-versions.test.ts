import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semverSort from 'semver/functions/sort.js';
import { helm, HELMS, makeChartDir, pathWithHelm } from '../harness/charts.js';
import { runCli } from '../harness/cli.js';
import { runCommand } from '../harness/processes.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { listTags } from '../harness/skopeo.js';
import { HELM4 } from '../harness/tools.js';

/**
 * Dev versions sort, as semver and as real helm (v3.17 and v4.1) sort them: a release 1.4.8
 * and two dev builds after it, pushed by the built CLI from a real git checkout with
 * `--dev-tags` to a real registry. The later commit is given the lexically smaller sha, so
 * only the commit time can put it on top.
 */
let registry: TestRegistry;
let work: string;
let checkout: string;
const versions: { release: string; early: string; late: string } = {
  release: '',
  early: '',
  late: '',
};
const CHART = 'charts/giantswarm/sorted';

async function git(args: string[], date = '2025-03-14T09:00:00Z'): Promise<string> {
  const result = await runCommand('git', args, {
    cwd: checkout,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: checkout,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'oci-push test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'oci-push test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  });
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** The built CLI pushes the chart of HEAD, a dev build tagged with its version. */
async function pushChart(): Promise<string> {
  const run = await runCli(
    [
      'push',
      '--chart',
      join(checkout, 'sorted'),
      '--registries',
      `${registry.host} dev`,
      '--repository',
      'giantswarm/sorted',
      '--dev-tags',
      '--json',
      '-',
    ],
    { cwd: checkout, env: { PATH: pathWithHelm(HELM4) } },
  );
  expect({ code: run.code, stderr: run.stderr }).toEqual({
    code: 0,
    stderr: expect.stringContaining('oci-push:'),
  });
  const [row] = JSON.parse(run.stdout) as { tags: { tag: string }[] }[];
  return row?.tags[0]?.tag ?? '';
}

beforeAll(async () => {
  registry = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-dev-versions-'));
  checkout = join(work, 'repo');
  await mkdir(checkout);
  await git(['init', '--quiet', '--initial-branch=main']);
  await makeChartDir(checkout, { name: 'sorted' });
  await git(['add', '.']);
  await git(['commit', '--quiet', '-m', 'release'], '2025-03-14T09:00:00Z');
  await git(['tag', 'v1.4.8']);
  versions.release = await pushChart();

  await writeFile(join(checkout, 'sorted', 'values.yaml'), 'replicas: 2\n');
  await git(['commit', '--quiet', '-am', 'early'], '2025-03-14T09:30:15Z');
  const earlySha = await git(['rev-parse', 'HEAD']);
  versions.early = await pushChart();

  // A later commit whose sha sorts below the early one's: amend until it does (1 in 2).
  await writeFile(join(checkout, 'sorted', 'values.yaml'), 'replicas: 3\n');
  await git(['commit', '--quiet', '-am', 'late'], '2025-03-15T08:05:09Z');
  for (let i = 0; (await git(['rev-parse', 'HEAD'])) > earlySha; i++) {
    await git(['commit', '--quiet', '--amend', '-m', `late ${i}`], '2025-03-15T08:05:09Z');
  }
  versions.late = await pushChart();
}, 120_000);
afterAll(async () => {
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

test('the versions: the release, then X.Y.(Z+1)-dev.<commit time>.g<sha12> for each commit', async () => {
  expect(versions.release).toBe('1.4.8');
  expect(versions.early).toMatch(/^1\.4\.9-dev\.20250314093015\.g[0-9a-f]{12}$/);
  expect(versions.late).toMatch(/^1\.4\.9-dev\.20250315080509\.g[0-9a-f]{12}$/);
  // The later commit's sha sorts first: the order below comes from the time.
  expect(versions.late.slice(-12) < versions.early.slice(-12)).toBe(true);
  expect((await listTags(registry, CHART)).sort()).toEqual(
    [versions.release, versions.early, versions.late].sort(),
  );
});

test('semver orders them release < early < late', () => {
  expect(semverSort([versions.late, versions.release, versions.early])).toEqual([
    versions.release,
    versions.early,
    versions.late,
  ]);
});

describe.each(HELMS)('%s', (_name, binary) => {
  /** `helm pull` with a version range, as helm resolves it against the registry's tags. */
  async function pulled(range: string): Promise<string> {
    const dir = await mkdtemp(join(work, 'pull-'));
    const result = await helm(
      binary,
      ['pull', `oci://${registry.host}/${CHART}`, '--plain-http', '--version', range, '-d', dir],
      dir,
    );
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    return (await readdir(dir))[0] ?? '';
  }

  test('picks the later dev build as the highest pre-release above the release', async () => {
    expect(await pulled('>=1.4.8-0')).toBe(`sorted-${versions.late}.tgz`);
  });

  test('below the later one, the earlier dev build; both above the release', async () => {
    expect(await pulled(`>=1.4.8-0, <${versions.late}`)).toBe(`sorted-${versions.early}.tgz`);
  });

  test('a plain range leaves dev builds out: they are pre-releases of 1.4.9', async () => {
    expect(await pulled('>=1.4.8')).toBe('sorted-1.4.8.tgz');
    expect(await pulled('<1.4.9')).toBe('sorted-1.4.8.tgz');
  });
});
