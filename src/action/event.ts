import { readFile } from 'node:fs/promises';
import type { Visibility } from '../engine/plan.js';

/** What the workflow run says about this build, read once from the runner's environment. */
export interface EventFacts {
  ref: string;
  /** The commit a dev version names: a pull request's head, not the merge commit. */
  sha: string;
  eventName: string;
  /** A pull request from a fork: it gets no secrets. */
  fromFork: boolean;
  owner: string;
  repo: string;
  /** The repository's visibility as the event payload states it, if it does. */
  payloadVisibility?: Visibility;
}

interface Payload {
  repository?: { full_name?: string; private?: boolean; visibility?: string };
  pull_request?: { head?: { sha?: string; repo?: { full_name?: string; fork?: boolean } | null } };
}

export async function loadEventPayload(env: NodeJS.ProcessEnv): Promise<unknown> {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch (error) {
    throw new Error(
      `The event payload ${env.GITHUB_EVENT_PATH} can't be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

export function eventFacts(env: NodeJS.ProcessEnv, payload: unknown): EventFacts {
  const p = (payload ?? {}) as Payload;
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? p.repository?.full_name ?? '').split(
    '/',
  );
  const pr = p.pull_request;
  const headRepo = pr?.head?.repo;
  const baseName = p.repository?.full_name ?? env.GITHUB_REPOSITORY;
  // A deleted fork shows as a null head repo: it is a fork all the same.
  const fromFork =
    pr !== undefined &&
    (headRepo === null || headRepo?.fork === true || headRepo?.full_name !== baseName);
  const facts: EventFacts = {
    ref: env.GITHUB_REF ?? '',
    sha: pr?.head?.sha ?? env.GITHUB_SHA ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    fromFork,
    owner,
    repo,
  };
  const visibility = payloadVisibility(p.repository);
  if (visibility) facts.payloadVisibility = visibility;
  return facts;
}

/** `internal` repositories are not public: they count as private. */
function payloadVisibility(repository: Payload['repository']): Visibility | undefined {
  if (repository?.visibility) return repository.visibility === 'public' ? 'public' : 'private';
  if (typeof repository?.private === 'boolean') return repository.private ? 'private' : 'public';
  return undefined;
}
