import type { ContainerRegistryClient } from '@azure/container-registry';
import { statusOf } from '../azure/acr.js';
import { forEachLimited } from '../base/limit.js';
import { parseManifest } from '../oci/descriptor.js';
import { type Digest, isDigest } from '../oci/digest.js';
import { type TagPattern, wholeMatcher } from '../oci/pattern.js';
import { checkedDigest, checkedTag } from '../oci/untrusted.js';
import type { RegistryClient } from '../registry/client.js';
import { isRetryableStatus, retryAfterMs } from '../registry/retry.js';
import type {
  ManifestInfo,
  RepositoryListing,
  RepositoryPlan,
  TagDeletion,
  TagInfo,
} from './policy.js';

/**
 * The most manifests one repository's listing may hold: far beyond any real repository, a
 * bound against a listing that never ends (the registry's answers are data, issue #25).
 */
const MAX_MANIFESTS = 1_000_000;
/** Manifests read at once per repository, to learn each one's subject and children. */
const READ_CONCURRENCY = 8;
/** Attempts per delete; the SDK retries 5xx itself underneath. */
const DELETE_ATTEMPTS = 3;
/** 429s waited out per delete before giving up: at a minute each, a quarter of an hour. */
const THROTTLED_ATTEMPTS = 15;

export interface CleanupClients {
  /** ACR's own API (`/acr/v1`), for listings, tag properties and deletes. */
  acr: ContainerRegistryClient;
  /** The distribution API, to read each manifest's bytes. */
  registry: RegistryClient;
}

/**
 * Everything the planner needs about one repository, read in full or marked incomplete:
 * ACR's manifest listing (times, tags, locks), the properties of every tag the pattern could
 * delete, and each manifest itself, for its media type, its children and its `subject`,
 * which no listing carries. Any failure leaves `complete: false`, so nothing is deleted.
 */
export async function readRepository(
  clients: CleanupClients,
  repository: string,
  tagPattern: TagPattern | undefined,
): Promise<RepositoryListing> {
  const manifests: ManifestInfo[] = [];
  const tags: TagInfo[] = [];
  try {
    const where = `${repository}: ACR's manifest listing`;
    for await (const m of clients.acr.getRepository(repository).listManifestProperties()) {
      if (manifests.length >= MAX_MANIFESTS) {
        throw new Error(
          `${where} runs past ${MAX_MANIFESTS} manifests, oci-push's bound against a listing ` +
            'that never ends; nothing is deleted there',
        );
      }
      manifests.push({
        digest: checkedDigest(m.digest, where),
        createdOn: m.createdOn,
        lastUpdatedOn: m.lastUpdatedOn,
        tags: m.tags.map((tag) => checkedTag(tag, where)),
        deleteEnabled: m.canDelete !== false,
        writeEnabled: m.canWrite !== false,
        children: m.relatedArtifacts
          .map((r) => r.digest)
          .filter((d): d is Digest => isDigest(d ?? '')),
      });
    }
    const matches = tagPattern ? wholeMatcher(tagPattern) : undefined;
    const candidates = manifests.flatMap((m) => m.tags).filter((t) => matches?.(t));
    await forEachLimited(candidates, READ_CONCURRENCY, async (name) => {
      const t = await clients.acr.getArtifact(repository, name).getTagProperties(name);
      tags.push({
        name,
        digest: checkedDigest(t.digest, `${repository}: the properties of tag ${name}`),
        createdOn: t.createdOn,
        lastUpdatedOn: t.lastUpdatedOn,
        deleteEnabled: t.canDelete !== false,
        writeEnabled: t.canWrite !== false,
      });
    });
    await forEachLimited(manifests, READ_CONCURRENCY, async (m) => {
      const { bytes, mediaType } = await clients.registry.getManifest(repository, m.digest);
      const parsed = parseManifest(bytes, mediaType, `${repository}@${m.digest}`);
      m.mediaType = parsed.mediaType;
      const children = new Set([...m.children, ...parsed.manifests.map((c) => c.digest)]);
      m.children = [...children];
      if (parsed.subject) m.subject = parsed.subject.digest;
    });
  } catch (error) {
    return {
      repository,
      manifests,
      tags,
      complete: false,
      problem: `reading ${repository} failed: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  return { repository, manifests, tags, complete: true };
}

export interface Deleted {
  tags: TagDeletion[];
  manifests: Digest[];
  error?: string;
}

/**
 * Carries out one repository's plan as its contract says: tags first (untagging, which
 * leaves the manifest), then manifests in the plan's order, stopping at the first failure
 * so an index never loses a manifest it still lists.
 */
export async function deletePlanned(
  acr: ContainerRegistryClient,
  plan: RepositoryPlan,
  sleep: (ms: number) => Promise<void>,
): Promise<Deleted> {
  const done: Deleted = { tags: [], manifests: [] };
  try {
    for (const tag of plan.deleteTags) {
      await retried(sleep, async () => {
        try {
          await acr.getArtifact(plan.repository, tag.name).deleteTag(tag.name);
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
      });
      done.tags.push(tag);
    }
    for (const digest of plan.deleteManifests) {
      await retried(sleep, async () => {
        try {
          await acr.getArtifact(plan.repository, digest).delete();
        } catch (error) {
          // Gone already: ACR removes a subject's referrers with it.
          if (statusOf(error) !== 404) throw error;
        }
      });
      done.manifests.push(digest);
    }
  } catch (error) {
    done.error = (error as Error).message.split('\n')[0];
  }
  return done;
}

async function retried(
  sleep: (ms: number) => Promise<void>,
  work: () => Promise<void>,
): Promise<void> {
  for (let attempt = 1, throttled = 0; ; attempt++) {
    try {
      await work();
      return;
    } catch (error) {
      const status = statusOf(error);
      // Throttling is the registry asking for patience, not a failure: wait it out (bounded).
      if (status === 429 && ++throttled <= THROTTLED_ATTEMPTS) {
        attempt--;
        await sleep(retryAfterOf(error) ?? 5_000);
        continue;
      }
      const transient = status === undefined || isRetryableStatus(status);
      if (!transient || attempt >= DELETE_ATTEMPTS) throw error;
      await sleep(500 * 2 ** (attempt - 1));
    }
  }
}

/** The `Retry-After` of an Azure SDK error's response, if it had one. */
function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => unknown } } })
    .response?.headers;
  const value = headers?.get?.('retry-after');
  return retryAfterMs(typeof value === 'string' ? value : undefined);
}
