import type { VisibilityFacts } from '../engine/plan.js';
import type { PushInputs } from '../jobs/push-inputs.js';
import { createTransport } from '../registry/http.js';
import { USER_AGENT } from '../registry/user-agent.js';

/**
 * The repository's visibility for the CLI: `--visibility` when given; else, with a token
 * (`GITHUB_TOKEN`, as the orb's `generate-github-token` step sets it) and the repository's
 * name (`GITHUB_REPOSITORY`, or CircleCI's `CIRCLE_PROJECT_USERNAME`/`_REPONAME`), GitHub's
 * API says, as the orb asked it; else private, so a private repository never reaches a
 * public registry, and the plan says how to change it.
 */
export async function cliVisibility(
  requested: PushInputs['visibility'],
  token: string,
  env: NodeJS.ProcessEnv,
): Promise<VisibilityFacts> {
  if (requested !== 'auto') return { visibility: requested, source: 'as set by --visibility' };
  const repository =
    env.GITHUB_REPOSITORY ||
    (env.CIRCLE_PROJECT_USERNAME && env.CIRCLE_PROJECT_REPONAME
      ? `${env.CIRCLE_PROJECT_USERNAME}/${env.CIRCLE_PROJECT_REPONAME}`
      : '');
  const assumed = (why: string): VisibilityFacts => ({
    visibility: 'private',
    source:
      `${why}, so treated as private (only lines marked private or public/private take it); ` +
      'set --visibility public (or OCI_PUSH_VISIBILITY=public) for a public repository',
    assumed: true,
  });
  if (!token || !/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    return assumed('not given (and no GITHUB_TOKEN and repository name to ask GitHub with)');
  }
  const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  try {
    // The registries' transport: the same proxy variables (HTTPS_PROXY, NO_PROXY) apply.
    const send = createTransport({ userAgent: USER_AGENT, proxyEnv: env });
    const response = await send({
      method: 'GET',
      url: new URL(`${api}/repos/${repository}`),
      headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' },
    });
    const body = await response.text();
    if (response.status !== 200) {
      return assumed(`unknown (the GitHub API answered ${response.status} for ${repository})`);
    }
    const data = JSON.parse(body) as { private?: unknown; visibility?: unknown };
    // `internal` repositories are not public: they count as private, as in the action.
    const visibility =
      data.visibility === 'public' || (data.visibility === undefined && data.private === false)
        ? 'public'
        : 'private';
    return { visibility, source: `from the GitHub API (${repository})` };
  } catch (error) {
    return assumed(`unknown (asking the GitHub API failed: ${(error as Error).message})`);
  }
}
