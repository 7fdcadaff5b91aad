import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeChartDir } from '../../__tests__/harness/charts.js';
import { runCommand } from '../../__tests__/harness/processes.js';

/** The repository the runner checked out: a release, one commit after it, the chart in it. */
export interface DemoCheckout {
  /** GITHUB_WORKSPACE, or undefined when there is no git to make one with. */
  workspace: string | undefined;
  /** HEAD: the commit every run builds. */
  sha: string;
  chartDir: string;
  /** Tags HEAD as a release (`git tag`), as pushing the tag would. */
  tag(name: string): Promise<void>;
}

/** Fixed dates, so the dev version reads the same on every run of the demo. */
const RELEASED = '2025-03-14T09:00:00Z';
const COMMITTED = '2025-03-14T09:30:15Z';

/**
 * `v<previous>` and then one more commit, as `actions/checkout` with `fetch-depth: 0` leaves
 * it: the dev build takes its version from that release and the commit's time
 * (docs/versions-and-tags.md). Without git (it is not among setup.sh's packages) the chart
 * is made all the same, and the dev build says it found no history.
 */
export async function makeCheckout(dir: string, previous: string): Promise<DemoCheckout> {
  await mkdir(dir, { recursive: true });
  const chart = await makeChartDir(dir, {
    name: 'demo-app',
    version: '0.1.0',
    appVersion: '0.1.0',
  });
  const git = async (args: string[], date = COMMITTED): Promise<string> => {
    const result = await runCommand('git', args, {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Giant Swarm',
        GIT_AUTHOR_EMAIL: 'dev@giantswarm.io',
        GIT_COMMITTER_NAME: 'Giant Swarm',
        GIT_COMMITTER_EMAIL: 'dev@giantswarm.io',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
    if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
    return result.stdout.trim();
  };
  try {
    await git(['--version']);
  } catch {
    return { workspace: undefined, sha: 'f'.repeat(40), chartDir: chart.dir, tag: async () => {} };
  }
  await git(['init', '--quiet', '--initial-branch=main']);
  await git(['add', '.']);
  await git(['commit', '--quiet', '-m', `Release ${previous}`], RELEASED);
  await git(['tag', previous]);
  await writeFile(join(chart.dir, 'values.yaml'), 'replicas: 2\n');
  await git(['commit', '--quiet', '-am', 'Run two replicas']);
  return {
    workspace: dir,
    sha: await git(['rev-parse', 'HEAD']),
    chartDir: chart.dir,
    tag: async (name) => {
      await git(['tag', name]);
    },
  };
}
