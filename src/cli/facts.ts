import { isStrictSemver } from '../oci/version.js';
import type { BuildFacts } from '../jobs/push.js';
import { currentBranch, headSha, originRepositoryName, tagsAtHead } from '../jobs/git.js';

/** The build's facts, and one sentence saying where they came from. */
export interface CliFacts extends BuildFacts {
  origin: string;
}

/**
 * What the CLI knows about the build, from the CI's variables where there are some, else
 * from the git checkout in `cwd`:
 * - GitHub Actions: `GITHUB_REF`, `GITHUB_SHA`;
 * - CircleCI: `CIRCLE_TAG` (a tag build), else `CIRCLE_BRANCH`; `CIRCLE_SHA1`; and
 *   `CIRCLE_PR_NUMBER`, which CircleCI sets only for pull requests from forks;
 * - otherwise git: a release tag `<tag-prefix>vX.Y.Z` at HEAD, else the branch.
 * The commit comes from git when the CI doesn't say.
 */
export async function detectFacts(
  env: NodeJS.ProcessEnv,
  cwd: string,
  tagPrefix: string,
): Promise<CliFacts> {
  const sha = async (fromCi: string | undefined): Promise<string> =>
    fromCi || (await headSha(cwd)) || '';
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_REF) {
    return {
      ref: env.GITHUB_REF,
      sha: await sha(env.GITHUB_SHA),
      fromFork: false,
      workspace: cwd,
      origin: `GitHub Actions: ${env.GITHUB_REF} (GITHUB_REF)`,
    };
  }
  if (env.CIRCLECI === 'true' || env.CIRCLE_SHA1) {
    const ref = env.CIRCLE_TAG
      ? `refs/tags/${env.CIRCLE_TAG}`
      : env.CIRCLE_BRANCH
        ? `refs/heads/${env.CIRCLE_BRANCH}`
        : '';
    const fromFork = Boolean(env.CIRCLE_PR_NUMBER);
    return {
      ref,
      sha: await sha(env.CIRCLE_SHA1),
      fromFork,
      workspace: cwd,
      origin:
        `CircleCI: ${ref || 'no tag or branch'} (${env.CIRCLE_TAG ? 'CIRCLE_TAG' : 'CIRCLE_BRANCH'})` +
        (fromFork ? `, pull request #${env.CIRCLE_PR_NUMBER ?? ''} from a fork` : ''),
    };
  }
  const tag = releaseTagAtHead(await tagsAtHead(cwd), tagPrefix);
  const branch = tag === undefined ? await currentBranch(cwd) : undefined;
  const ref = tag ? `refs/tags/${tag}` : branch ? `refs/heads/${branch}` : '';
  return {
    ref,
    sha: await sha(undefined),
    fromFork: false,
    workspace: cwd,
    origin: tag
      ? `git: the tag ${tag} is at HEAD`
      : branch
        ? `git: the branch ${branch}, with no release tag at HEAD`
        : `git: no branch or release tag at HEAD in ${cwd}`,
  };
}

/**
 * Of the tags at HEAD, the release: a `<prefix>vX.Y.Z` tag, the highest first. A tag that only
 * looks like one (`v1.2`) is returned when there is no real one, so the planner can say why
 * it isn't a release rather than quietly making a dev build.
 */
export function releaseTagAtHead(tags: string[], prefix: string): string | undefined {
  const looksLike = tags.filter(
    (t) => t.startsWith(`${prefix}v`) && /^\d/.test(t.slice(prefix.length + 1)),
  );
  return looksLike.find((t) => isStrictSemver(t.slice(prefix.length + 1))) ?? looksLike[0];
}

/**
 * The default `repository` where the action's (`giantswarm/<GitHub repository name>`) can't
 * be had: CircleCI's project name, else the name in the git checkout's `origin` URL.
 * Undefined on GitHub (the shared parser reads `GITHUB_REPOSITORY`) or when nothing says.
 */
export async function defaultRepositoryName(
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<string | undefined> {
  if (env.GITHUB_REPOSITORY) return undefined;
  const name = env.CIRCLE_PROJECT_REPONAME || (await originRepositoryName(cwd));
  return name ? `giantswarm/${name.toLowerCase()}` : undefined;
}
