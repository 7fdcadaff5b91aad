import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nearestRelease, sourceDate } from '../../src/jobs/git.js';
import { runCommand } from '../harness/processes.js';

/** The real git, in a throw-away repository. */
let repo: string;
const git = async (...args: string[]): Promise<void> => {
  const result = await runCommand('git', args, {
    cwd: repo,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
      GIT_COMMITTER_DATE: '2024-05-06T07:08:09Z',
      GIT_AUTHOR_DATE: '2024-05-06T07:08:09Z',
    },
  });
  if (result.code !== 0) throw new Error(result.stderr);
};
const commit = async (message: string): Promise<void> => {
  await writeFile(join(repo, 'file'), message);
  await git('add', 'file');
  await git('commit', '-q', '-m', message);
};

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'oci-push-git-'));
  await git('init', '-q');
});
afterEach(() => rm(repo, { recursive: true, force: true }));

test('the nearest release tag below HEAD, without prefix or v', async () => {
  await commit('one');
  await git('tag', 'v1.2.0');
  await commit('two');
  await git('tag', 'other/v9.0.0');
  await git('tag', 'app/v0.3.0');
  await commit('three');
  expect(await nearestRelease('', repo)).toBe('1.2.0');
  expect(await nearestRelease('app/', repo)).toBe('0.3.0');
  expect(await nearestRelease('missing/', repo)).toBeUndefined();
});

test('no tags, no history, or no repository: none', async () => {
  expect(await nearestRelease('', repo)).toBeUndefined();
  await commit('one');
  expect(await nearestRelease('', repo)).toBeUndefined();
  expect(await nearestRelease('', tmpdir())).toBeUndefined();
});

test('a tag that is not semver is not a release to build on', async () => {
  await commit('one');
  await git('tag', 'v1.2');
  expect(await nearestRelease('', repo)).toBeUndefined();
});

test("the packaging time: SOURCE_DATE_EPOCH, else the commit's time, never the clock", async () => {
  await commit('one');
  expect(await sourceDate({}, repo)).toEqual(new Date('2024-05-06T07:08:09Z'));
  expect(await sourceDate({ SOURCE_DATE_EPOCH: '86400' }, repo)).toEqual(new Date(86_400_000));
  expect(await sourceDate({}, tmpdir())).toEqual(new Date(0));
});
