import { forEachLimited } from '../base/limit.js';
import type { Digest } from '../oci/digest.js';
import { apiHost } from '../oci/reference.js';
import { isReferrerTag } from '../oci/referrers.js';
import type { SyncImageResult } from './sync-outcomes.js';
import {
  DEFAULT_SEMVER_RULES,
  findWriteConflicts,
  matchesAny,
  needsListing,
  type PlannedWrite,
  selectTags,
  sourceKey,
  type SyncImage,
  type SyncTarget,
  targetTagOf,
} from './sync-plan.js';
import { outcomeAt, type SyncRun } from './sync-run.js';

/**
 * The plan's reads: every image's source and target listings (one listing per repository
 * and registry), its tags selected and named as the targets will have them, and the check
 * that no two entries write one target tag. What each tag then needs is decided per target
 * in sync-compare.ts.
 */

/**
 * The plan can't be carried out as written: two entries would write one target tag. Found
 * before anything is copied; an input error (exit 2).
 */
export class SyncPlanError extends Error {
  override name = 'SyncPlanError';
}

/** Listings read at once while planning: reads only, one request each for most repositories. */
const LISTING_CONCURRENCY = 8;
/** Conflicts named in the message; the rest are counted. */
const CONFLICTS_SHOWN = 20;

/**
 * Every image's plan, `LISTING_CONCURRENCY` at a time; an image whose listing fails is its
 * own failed row. Throws `SyncPlanError` when two entries would write one target tag.
 */
export async function planImages(run: SyncRun, images: readonly SyncImage[]): Promise<ImagePlan[]> {
  const plans = new Array<ImagePlan>(images.length);
  await forEachLimited(
    images.map((image, i) => ({ image, i })),
    LISTING_CONCURRENCY,
    async ({ image, i }) => {
      plans[i] = await planImage(run, image).catch((error: unknown) => failedPlan(image, error));
    },
  );
  checkWrites(run, plans);
  return plans;
}

/** One source tag, decided per target before anything is copied. */
export interface PlannedTag {
  tag: string;
  targetTag: string;
  pinned?: Digest;
  floating: boolean;
  immutable: boolean;
}

export interface ImagePlan {
  image: SyncImage;
  result: SyncImageResult;
  tags: PlannedTag[];
  /** Each target's tags for this repository; undefined when the listing failed. */
  targetTags: Map<string, ReadonlySet<string> | undefined>;
  /** The source's tags as listed (its fallback and cosign tags among them). */
  sourceTags: ReadonlySet<string>;
}

export function failedPlan(image: SyncImage, error: unknown): ImagePlan {
  const message = error instanceof Error ? error.message : String(error);
  return {
    image,
    result: {
      image,
      source: sourceKey(image),
      listed: 0,
      filteredOut: [],
      tags: [],
      error: `${sourceKey(image)}: images[${image.index}] failed: ${message}`,
    },
    tags: [],
    targetTags: new Map(),
    sourceTags: new Set(),
  };
}

/** The source's and every target's tags, the selection, and each tag's target name. */
async function planImage(run: SyncRun, image: SyncImage): Promise<ImagePlan> {
  const source = sourceKey(image);
  const result: SyncImageResult = { image, source, listed: 0, filteredOut: [], tags: [] };
  const plan: ImagePlan = {
    image,
    result,
    tags: [],
    targetTags: new Map(),
    sourceTags: new Set(),
  };
  const sourceHost = apiHost(image.source.host);
  const signInFailure = run.deps.signInFailure?.(sourceHost);
  if (signInFailure) {
    result.error =
      `${source}: signing in to ${sourceHost} failed (${signInFailure.message}), so nothing ` +
      `of images[${image.index}] was synced.`;
    run.deps.log.warning(result.error);
    return plan;
  }
  const listing = needsListing(image.tags);
  const client = run.clientFor(sourceHost);
  const [sourceListing, ...targetListings] = await Promise.allSettled([
    listing ? client.listTags(image.source.repository, listingOptions(run)) : Promise.resolve([]),
    ...image.to.map((name) => listTarget(run, name, image.repository)),
  ]);
  image.to.forEach((name, i) => {
    const answer = targetListings[i] as PromiseSettledResult<string[]>;
    plan.targetTags.set(name, answer.status === 'fulfilled' ? new Set(answer.value) : undefined);
    if (answer.status === 'rejected' && !run.unreachable.has(name)) {
      run.deps.log.warning(
        `${(run.targets.get(name) as SyncTarget).host}/${image.repository} (target ${name}): ` +
          `listing its tags failed (${(answer.reason as Error).message}); each tag is asked ` +
          'about on its own instead',
      );
    }
  });
  if (sourceListing.status === 'rejected') {
    result.error =
      `${source}: listing its tags failed (${(sourceListing.reason as Error).message}), so ` +
      `nothing of images[${image.index}] was synced. Check the source's name and its ` +
      'credential, then run again.';
    run.deps.log.warning(result.error);
    return plan;
  }
  // Every listed name is a tag: the client refuses a whole listing that names anything else.
  const tags = sourceListing.value;
  plan.sourceTags = new Set(tags);
  if (listing && sourceListing.value.length === 0) {
    result.error =
      `${source}: the registry lists no tags (the repository does not exist, is empty, or ` +
      `the credential may not read it), so nothing of images[${image.index}] was synced. Check ` +
      'the source name and its credential.';
    run.deps.log.warning(result.error);
    return plan;
  }
  // The fallback tag `sha256-<hex>` and cosign's tags name referrers: they travel with the
  // image they belong to, never as images of their own.
  const selection = selectTags(
    tags.filter((t) => !isReferrerTag(t)),
    image.tags,
    run.config.semverRules ?? DEFAULT_SEMVER_RULES,
  );
  result.listed = sourceListing.value.length;
  result.filteredOut = selection.filteredOut;
  run.deps.log.info(
    `${source}: ${result.listed} tag(s) listed, ${selection.selected.length} selected, ` +
      `${selection.filteredOut.length} filtered out`,
  );
  if (selection.selected.length === 0 && !image.mayBeEmpty) {
    result.error =
      `${source}: images[${image.index}] selects none of the ${result.listed} tag(s) the ` +
      'source lists, so nothing was synced. A filter that matches nothing is usually a typo: ' +
      'check `tags` (a dry run prints the selection); set `may-be-empty: true` if that is expected';
    result.empty = true;
    run.deps.log.warning(result.error);
    return plan;
  }
  const badNames: string[] = [];
  for (const tag of selection.selected) {
    const targetTag = targetTagOf(tag, image.targetTag);
    if (targetTag === undefined) {
      badNames.push(tag);
      continue;
    }
    const pinned = image.tags.pin?.get(tag);
    plan.tags.push({
      tag,
      targetTag,
      ...(pinned && { pinned }),
      floating: matchesAny(run.config.floating, tag),
      immutable: matchesAny(run.config.immutable, tag),
    });
  }
  for (const tag of badNames) {
    result.tags.push({
      tag,
      targets: image.to.map((name) => ({
        ...outcomeAt(run, name, image),
        error:
          `${tag}: with images[${image.index}].target-tag it becomes no valid tag (letters, ` +
          'digits, _ . -, at most 128 characters); deny it, or change the suffix',
      })),
    });
  }
  return plan;
}

async function listTarget(run: SyncRun, name: string, repository: string): Promise<string[]> {
  const down = run.unreachable.get(name);
  if (down) throw new Error(down);
  const target = run.targets.get(name) as SyncTarget;
  return run.clientFor(target.host).listTags(repository, listingOptions(run));
}

/**
 * Two entries writing one target tag from different origins stop the run before anything
 * is copied (exit 2); two tags of one image becoming one target tag fail that image.
 */
function checkWrites(run: SyncRun, plans: ImagePlan[]): void {
  const writes: PlannedWrite[] = plans.flatMap((plan) =>
    plan.result.error
      ? []
      : plan.tags.flatMap((t) =>
          plan.image.to.map((target) => ({
            target,
            repository: plan.image.repository,
            tag: t.targetTag,
            index: plan.image.index,
            source: sourceKey(plan.image),
            from: t.pinned ? `@${t.pinned}` : t.tag,
          })),
        ),
  );
  const { betweenEntries, withinImage } = findWriteConflicts(writes);
  if (betweenEntries.length > 0) {
    const shown = betweenEntries.slice(0, CONFLICTS_SHOWN);
    const more = betweenEntries.length - shown.length;
    throw new SyncPlanError(
      `sync config: ${betweenEntries.length} target tag(s) would be written by two entries ` +
        `from different sources, and one would overwrite the other; nothing was copied:\n- ` +
        `${shown.join('\n- ')}${more > 0 ? `\n- … and ${more} more` : ''}\n` +
        'Give the entries different `target` paths, or filter their tags apart',
    );
  }
  for (const plan of plans) {
    const problems = withinImage.get(`${plan.image.index}\u0000${sourceKey(plan.image)}`);
    if (!problems) continue;
    plan.result.error = `${plan.result.source}: ${problems.join('; ')}; nothing of it was synced`;
    run.deps.log.warning(plan.result.error);
  }
}

/** The page size and the bound on tags the job asked for. */
function listingOptions(run: SyncRun): { pageSize?: number; maxTags?: number } {
  return {
    ...(run.deps.pageSize && { pageSize: run.deps.pageSize }),
    ...(run.deps.maxTags && { maxTags: run.deps.maxTags }),
  };
}
