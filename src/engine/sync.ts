import { forEachLimited } from '../base/limit.js';
import { apiHost } from '../oci/reference.js';
import { type Compared, compareTag, TAG_COMPARE_CONCURRENCY } from './sync-compare.js';
import { copyImage } from './sync-copy.js';
import { discover } from './sync-discovery.js';
import { failedPlan, type ImagePlan, planImages } from './sync-listings.js';
import type { SyncImageResult, SyncTagResult } from './sync-outcomes.js';
import { type Shard, shardImages, type SyncConfig, type SyncTarget } from './sync-plan.js';
import { checkReferrersOfUnchanged, repairReferrers } from './sync-referrer-repair.js';
import { openSyncRun, pingTargets, type SyncDependencies, type SyncRun } from './sync-run.js';

/**
 * The sync, phase by phase, each in its own module:
 * - sync-run.ts: the run's clients, targets and dependencies; each target pinged once;
 * - sync-discovery.ts: discovery entries become images, from their registry's catalog;
 * - sync-listings.ts: each image's listings, selected tags and target names; the write check;
 * - sync-compare.ts: each tag decided per target (missing, trusted, or one HEAD per side);
 * - sync-copy.ts: an image copied by digest to the targets that need it, with its referrers;
 * - sync-referrer-repair.ts: referrers an earlier run left behind, found and copied;
 * - sync-outcomes.ts: the rows all of them fill in.
 * The pure rules (filters, target tags, shards, conflicts) are in sync-plan.ts.
 */

export interface SyncResult {
  dryRun: boolean;
  shard?: Shard;
  targets: readonly SyncTarget[];
  /** The images this run (this shard) took, in config order; discovery expanded. */
  images: SyncImageResult[];
  /** Images left to the other shards. */
  otherShards: number;
}

export interface SyncOptions {
  shard?: Shard;
  /** Read and compare everything; write nothing. */
  dryRun?: boolean;
}

/**
 * The sync, in two phases. The plan: discovery entries read their registry's catalog, this
 * shard takes its share, and every image's source and targets are listed (one listing per
 * repository and registry), its tags selected and named as the targets will have them; two
 * entries writing one target tag stop the run here. Then, `parallel` images at a time, each
 * tag is decided per target: missing from the target's listing (copied), listed and
 * immutable (trusted: no request), or compared by one HEAD per side (unchanged, drift, or
 * moved). Missing referrers the listings reveal are copied. Nothing here throws for a
 * registry's failure: every outcome, and every image that failed as a whole, is in the result.
 */
export async function runSyncPlan(
  config: SyncConfig,
  options: SyncOptions,
  deps: SyncDependencies,
): Promise<SyncResult> {
  const { run, plans, failedHere, others } = await makePlan(config, options, deps);
  const results = new Array<SyncImageResult>(plans.length);
  await forEachLimited(
    plans.map((plan, i) => ({ plan, i })),
    config.parallel,
    async ({ plan, i }) => {
      // One broken image never stops a sync (issue #25): whatever escapes is its own row.
      results[i] = await syncImage(run, plan).catch((error: unknown) => {
        const failed = failedPlan(plan.image, error).result;
        run.deps.log.warning(failed.error as string);
        return failed;
      });
    },
  );
  const all = [...failedHere.map((f) => f.result), ...results].sort(
    (a, b) => a.image.index - b.image.index,
  );
  return {
    dryRun: run.dryRun,
    ...(options.shard && { shard: options.shard }),
    targets: config.targets,
    images: all,
    otherShards: others,
  };
}

/** What a plan holds, for the bench: images planned and the tags selected among them. */
export interface PlanSummary {
  images: number;
  tags: number;
  failed: number;
}

/** The plan phase alone (discovery, listings, selection, the write check): nothing is copied. */
export async function planSync(
  config: SyncConfig,
  options: SyncOptions,
  deps: SyncDependencies,
): Promise<PlanSummary> {
  const { plans, failedHere } = await makePlan(config, options, deps);
  return {
    images: plans.length,
    tags: plans.reduce((n, plan) => n + plan.tags.length, 0),
    failed: failedHere.length + plans.filter((plan) => plan.result.error).length,
  };
}

async function makePlan(config: SyncConfig, options: SyncOptions, deps: SyncDependencies) {
  const run = openSyncRun(config, options.dryRun ?? false, deps);
  const { images: expanded, failed: discoveryFailures } = await discover(run, config.images);
  const images = shardImages(expanded, options.shard);
  const failedHere = shardImages(discoveryFailures, options.shard);
  await pingTargets(run, [...new Set(images.flatMap((image) => image.to))]);
  const plans = await planImages(run, images);
  const others = expanded.length + discoveryFailures.length - images.length - failedHere.length;
  return { run, plans, failedHere, others };
}

async function syncImage(run: SyncRun, plan: ImagePlan): Promise<SyncImageResult> {
  const { image, result } = plan;
  if (result.error) return result;
  const client = run.clientFor(apiHost(image.source.host));
  // Comparing is reads only, so tags are compared several at a time; copies go one tag after
  // another, so the next tag finds the blobs it shares with this one in place.
  const compared = new Array<Compared>(plan.tags.length);
  await forEachLimited(
    plan.tags.map((tag, i) => ({ tag, i })),
    TAG_COMPARE_CONCURRENCY,
    async ({ tag, i }) => {
      compared[i] = await compareTag(run, plan, client, tag);
    },
  );
  for (const { tag, planned, toCopy } of compared) {
    if (tag.sourceDigest && toCopy.length > 0) {
      await copyImage(run, plan, client, planned, tag.sourceDigest, toCopy);
    } else if (tag.sourceDigest) {
      await checkReferrersOfUnchanged(run, plan, client, tag);
    }
    result.tags.push(tag);
  }
  const repairs = await repairReferrers(run, plan, client);
  if (repairs.length > 0) result.repairs = repairs;
  for (const tag of result.tags) logTag(run, tag);
  return result;
}

function logTag(run: SyncRun, { tag, targetTag, sourceDigest, targets }: SyncTagResult): void {
  for (const o of targets) {
    const where = `${o.host}/${o.repository}:${targetTag ?? tag} (${o.target})`;
    if (o.status === 'failed' || o.status === 'drift') {
      run.deps.log.warning(`${where}: ${o.error ?? o.status}`);
    } else if ((o.status !== 'unchanged' && o.status !== 'trusted') || run.dryRun) {
      // A dry run prints the whole plan; a real run only what it changed.
      run.deps.log.info(`${where}: ${o.status} ${sourceDigest ?? ''}`);
    }
  }
}
