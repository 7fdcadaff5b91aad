import type { Visibility, VisibilityFacts } from '../engine/plan.js';
import type { EventFacts } from './event.js';

/**
 * The repository's visibility, which decides the `public`/`private` registries: as set, else
 * from the event payload, else from the GitHub API. When it can't be known, private: a
 * private repository must never leak to a public registry.
 */
export async function resolveVisibility(
  requested: 'auto' | Visibility,
  facts: EventFacts,
  token: string,
): Promise<VisibilityFacts> {
  if (requested !== 'auto')
    return { visibility: requested, source: 'as set by the `visibility` input' };
  if (facts.payloadVisibility)
    return { visibility: facts.payloadVisibility, source: 'from the event payload' };
  if (!token || !facts.owner || !facts.repo) {
    return {
      visibility: 'private',
      source: 'unknown (no event payload or token), so treated as private',
      assumed: true,
    };
  }
  try {
    // Loaded only on this path: octokit is not needed when the event says.
    const { getOctokit } = await import('@actions/github');
    const { data } = await getOctokit(token).rest.repos.get({
      owner: facts.owner,
      repo: facts.repo,
    });
    const visibility: Visibility =
      data.visibility === 'public' || data.private === false ? 'public' : 'private';
    return { visibility, source: 'from the GitHub API' };
  } catch (error) {
    return {
      visibility: 'private',
      source: `unknown (the GitHub API answered: ${(error as Error).message}), so treated as private`,
      assumed: true,
    };
  }
}
