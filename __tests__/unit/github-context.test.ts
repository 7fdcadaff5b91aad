import { eventFacts } from '../../src/action/event.js';

const env = {
  GITHUB_REPOSITORY: 'giantswarm/app',
  GITHUB_REF: 'refs/pull/3/merge',
  GITHUB_SHA: 'm'.repeat(40),
  GITHUB_EVENT_NAME: 'pull_request',
};
const pr = (head: object | null) => ({
  repository: { full_name: 'giantswarm/app', private: false },
  pull_request: { head: { sha: 'h'.repeat(40), repo: head } },
});

test.each([
  ['a branch of this repository', pr({ full_name: 'giantswarm/app', fork: false }), false],
  ['a fork', pr({ full_name: 'someone/app', fork: true }), true],
  ['a deleted fork', pr(null), true],
])(
  'a pull request from %s: fork %s, and the version names its head commit',
  (_case, payload, fork) => {
    const facts = eventFacts(env, payload);
    expect(facts.fromFork).toBe(fork);
    expect(facts.sha).toBe('h'.repeat(40));
  },
);

test('a push uses GITHUB_SHA and is never a fork', () => {
  const facts = eventFacts(
    { ...env, GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' },
    { repository: { full_name: 'giantswarm/app' } },
  );
  expect(facts).toMatchObject({
    sha: 'm'.repeat(40),
    fromFork: false,
    owner: 'giantswarm',
    repo: 'app',
  });
  expect(facts.payloadVisibility).toBeUndefined();
});

test.each([
  [{ visibility: 'public' }, 'public'],
  [{ visibility: 'internal' }, 'private'],
  [{ visibility: 'private' }, 'private'],
  [{ private: true }, 'private'],
  [{ private: false }, 'public'],
])('payload visibility %j → %s', (repository, expected) => {
  expect(eventFacts(env, { repository }).payloadVisibility).toBe(expected);
});
