import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRepositoryName, detectFacts, releaseTagAtHead } from '../../src/cli/facts.js';
import { decideBuild } from '../../src/engine/plan.js';

/** Not a git checkout: only the CI's variables can say anything. */
let empty: string;
beforeAll(async () => {
  empty = await mkdtemp(join(tmpdir(), 'oci-push-facts-'));
});
afterAll(() => rm(empty, { recursive: true, force: true }));

const SHA = 'f'.repeat(40);
const decide = (ref: string, sha = SHA) =>
  decideBuild({ build: 'auto', tagPrefix: '' }, { ref, sha, commitTime: new Date() });

test('CircleCI: CIRCLE_TAG is a tag ref, so the same release detection as on GitHub applies', async () => {
  const facts = await detectFacts(
    { CIRCLECI: 'true', CIRCLE_TAG: 'v1.2.3', CIRCLE_SHA1: SHA },
    empty,
    '',
  );
  expect(facts).toMatchObject({ ref: 'refs/tags/v1.2.3', sha: SHA, fromFork: false });
  expect(decide(facts.ref)).toMatchObject({ build: 'release', version: '1.2.3' });
});

test('CircleCI: a branch is a dev build; CIRCLE_PR_NUMBER (set only for forks) marks a fork', async () => {
  const facts = await detectFacts(
    { CIRCLECI: 'true', CIRCLE_BRANCH: 'pull/7', CIRCLE_SHA1: SHA, CIRCLE_PR_NUMBER: '7' },
    empty,
    '',
  );
  expect(facts).toMatchObject({ ref: 'refs/heads/pull/7', fromFork: true });
  expect(facts.origin).toContain('pull request #7 from a fork');
  expect(decide(facts.ref).build).toBe('dev');
});

test('GitHub Actions: GITHUB_REF and GITHUB_SHA', async () => {
  const facts = await detectFacts(
    { GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/tags/app/v2.0.0', GITHUB_SHA: SHA },
    empty,
    'app/',
  );
  expect(facts).toMatchObject({ ref: 'refs/tags/app/v2.0.0', sha: SHA });
});

test('outside CI and outside git: no ref and no sha, so a dev build needs --version', async () => {
  const facts = await detectFacts({}, empty, '');
  expect(facts).toMatchObject({ ref: '', sha: '' });
  expect(() => decide(facts.ref, facts.sha)).toThrow('set `version`');
});

test('the release tag at HEAD: the highest real one of the prefix, else a look-alike for the planner to refuse', () => {
  expect(releaseTagAtHead(['v1.3.0', 'v1.2.3', 'latest'], '')).toBe('v1.3.0');
  expect(releaseTagAtHead(['other/v9.0.0', 'app/v1.0.0'], 'app/')).toBe('app/v1.0.0');
  expect(releaseTagAtHead(['v1.2', 'vnext'], '')).toBe('v1.2');
  expect(releaseTagAtHead(['version-1', 'latest'], '')).toBeUndefined();
  expect(() => decide('refs/tags/v1.2')).toThrow('not semver');
});

test('the default repository: CircleCI project name, none on GitHub (the parser has it)', async () => {
  expect(await defaultRepositoryName({ CIRCLE_PROJECT_REPONAME: 'My-App' }, empty)).toBe(
    'giantswarm/my-app',
  );
  expect(await defaultRepositoryName({ GITHUB_REPOSITORY: 'o/r' }, empty)).toBeUndefined();
  expect(await defaultRepositoryName({}, empty)).toBeUndefined();
});
