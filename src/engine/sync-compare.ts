import type { Digest } from '../oci/digest.js';
import type { RegistryClient } from '../registry/client.js';
import { describeFailure } from './copy.js';
import type { ImagePlan, PlannedTag } from './sync-listings.js';
import type { SyncTagResult, SyncTargetOutcome } from './sync-outcomes.js';
import { sourceKey } from './sync-plan.js';
import { outcomeAt, type SyncRun } from './sync-run.js';

/**
 * Each selected tag decided per target before anything is written: missing from the
 * target's listing, trusted (listed and immutable: no request), or one HEAD per side
 * (unchanged, drift, moved). What is left to copy goes to sync-copy.ts.
 */

/**
 * A tag just pushed to a geo-replicated registry may be listed by one replica and 404 at
 * another for a while (FACTS.md, ACR geo-replication; giantswarm/kubectl-gs#1967).
 */
const DEFAULT_CONSISTENCY_WAIT_MS = 30_000;
const CONSISTENCY_POLL_MS = 2_000;
/** Tags of one image compared at once (HEADs only). */
export const TAG_COMPARE_CONCURRENCY = 8;

/** One tag compared: its outcomes so far, and the targets it still has to be copied to. */
export interface Compared {
  tag: SyncTagResult;
  planned: PlannedTag;
  toCopy: SyncTargetOutcome[];
}

/**
 * Per target: missing from its listing, trusted (listed and immutable), or asked by HEAD.
 * The source is asked only when some target is not trusted, and never for a pinned digest.
 */
export async function compareTag(
  run: SyncRun,
  plan: ImagePlan,
  sourceClient: RegistryClient,
  planned: PlannedTag,
): Promise<Compared> {
  const { image } = plan;
  const outcomes = image.to.map((name) => outcomeAt(run, name, image));
  const tag: SyncTagResult = {
    tag: planned.tag,
    ...(planned.targetTag !== planned.tag && { targetTag: planned.targetTag }),
    targets: outcomes,
  };
  const sourceName = `${sourceKey(image)}:${planned.tag}`;
  const ask: SyncTargetOutcome[] = [];
  const missing: SyncTargetOutcome[] = [];
  for (const o of outcomes) {
    const down = run.unreachable.get(o.target);
    if (down) {
      o.error = down;
      continue;
    }
    const listed = plan.targetTags.get(o.target);
    if (listed && !listed.has(planned.targetTag)) missing.push(o);
    else if (listed && planned.immutable && !planned.floating) o.status = 'trusted';
    else ask.push(o);
  }
  if (ask.length + missing.length === 0) return { tag, planned, toCopy: [] };

  const [source, ...held] = await Promise.allSettled([
    planned.pinned
      ? Promise.resolve(planned.pinned)
      : sourceDigestOf(run, sourceClient, image.source.repository, planned.tag),
    ...ask.map((o) => targetDigestOf(run, o, planned.targetTag)),
  ]);
  if (source.status === 'rejected') {
    const message = `${sourceName}: ${(source.reason as Error).message}`;
    for (const o of [...ask, ...missing]) o.error = message;
    return { tag, planned, toCopy: [] };
  }
  const sourceDigest = source.value;
  tag.sourceDigest = sourceDigest;
  const digests = new Map<SyncTargetOutcome, Digest | undefined>(
    missing.map((o) => [o, undefined]),
  );
  ask.forEach((o, i) => {
    const answer = held[i] as PromiseSettledResult<Digest | undefined>;
    if (answer.status === 'rejected') o.error = (answer.reason as Error).message;
    else digests.set(o, answer.value);
  });
  const toCopy: SyncTargetOutcome[] = [];
  const overwrite = image.overwrite || planned.floating;
  for (const [o, digest] of digests) {
    if (digest === sourceDigest) {
      o.status = 'unchanged';
      continue;
    }
    if (digest !== undefined) o.targetDigest = digest;
    if (digest !== undefined && !overwrite) {
      o.status = 'drift';
      o.error = driftMessage(o, planned.targetTag, sourceName, sourceDigest, image.index);
      continue;
    }
    o.status = run.dryRun ? (digest ? 'would-move' : 'would-copy') : digest ? 'moved' : 'copied';
    if (!run.dryRun) toCopy.push(o);
  }
  return { tag, planned, toCopy };
}

/** What a target's tag holds (undefined: absent); a target that can't be reached fails. */
async function targetDigestOf(
  run: SyncRun,
  o: SyncTargetOutcome,
  tag: string,
): Promise<Digest | undefined> {
  const client = run.clientFor(o.host);
  try {
    return (await client.headManifest(o.repository, tag))?.digest;
  } catch (error) {
    throw describeFailure(error, {
      client,
      repository: o.repository,
      input: `targets.${o.target}.registry`,
    });
  }
}

/** The source tag's digest; a 404 just after listing is retried for a bounded time. */
async function sourceDigestOf(
  run: SyncRun,
  client: RegistryClient,
  repository: string,
  tag: string,
): Promise<Digest> {
  const waitMs = run.deps.consistencyWaitMs ?? DEFAULT_CONSISTENCY_WAIT_MS;
  const sleep = run.deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let waited = 0; ; waited += CONSISTENCY_POLL_MS) {
    const info = await client.headManifest(repository, tag);
    if (info) return info.digest;
    if (waited >= waitMs) {
      throw new Error(
        `the tag is listed but its manifest answered 404 for ${Math.round(waitMs / 1000)} s ` +
          '(a registry replica lagging, or the tag deleted meanwhile); run again later',
      );
    }
    await sleep(CONSISTENCY_POLL_MS);
  }
}

function driftMessage(
  o: SyncTargetOutcome,
  tag: string,
  sourceName: string,
  sourceDigest: Digest,
  index: number,
): string {
  return (
    `${o.host}/${o.repository}:${tag} holds ${o.targetDigest}, but ${sourceName} is ` +
    `${sourceDigest}; left as it is. If the source moved the tag on purpose, set ` +
    `\`overwrite: true\` on images[${index}] (or list the tag under \`floating\`) to move it; ` +
    `otherwise find out who pushed ${o.targetDigest}`
  );
}
