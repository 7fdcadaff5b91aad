import type { Digest } from '../oci/digest.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistrySource } from '../source/registry.js';
import { copyGraph, type CopyTarget, type ImageGraph, loadGraph } from './copy.js';
import {
  copyReferrers,
  discoverReferrers,
  type ReferrersResult,
  type SubjectReferrers,
} from './referrers.js';
import type { ImagePlan, PlannedTag } from './sync-listings.js';
import type { SyncTargetOutcome } from './sync-outcomes.js';
import type { SyncRun } from './sync-run.js';

/**
 * The sync's one way to write an image: by digest, read from the source once, fanned out to
 * the targets that need it, its referrers with it. The referrer repair reuses the pieces.
 */

/**
 * Copies one image (by digest, so a tag moving meanwhile can't mix two images) to the
 * targets that lack it or must move: the graph is read from the source once and fanned out,
 * blobs mounted within a registry, the tag written last and only after the root verifies.
 * This is the one place the sync copies an image: referrers (signatures, SBOMs) join here.
 * Returns the graph copied, when it could be read.
 */
export async function copyImage(
  run: SyncRun,
  plan: ImagePlan,
  sourceClient: RegistryClient,
  planned: PlannedTag,
  digest: Digest,
  outcomes: SyncTargetOutcome[],
): Promise<ImageGraph | undefined> {
  const { image } = plan;
  const tag = planned.targetTag;
  const source = registrySource(plan, sourceClient, digest);
  let graph: ImageGraph;
  try {
    graph = await loadGraph(source);
  } catch (error) {
    for (const o of outcomes) {
      o.status = 'failed';
      o.error = `reading ${source.name} failed: ${(error as Error).message}`;
    }
    return undefined;
  }
  for (const blob of graph.blobs) {
    run.holders.holds(sourceClient.host, blob.digest, image.source.repository);
  }
  // Where the image and its referrers go, per target.
  const destinations: CopyTarget[] = outcomes.map((o) => destination(run, o));
  const results = await copyGraph(
    source,
    graph,
    outcomes.map((o, i) => ({
      ...(destinations[i] as CopyTarget),
      input: `targets.${o.target}.registry`,
      // The comparison read the tag a moment ago (it is read again right before the write).
      knownTags: new Map([[tag, o.targetDigest]]),
    })),
    {
      tags: [tag],
      // A floating tag is meant to move; every other tag is written only where it is absent.
      ...(!planned.floating && { immutableTags: [tag] }),
      overwrite: image.overwrite || planned.floating,
      holders: run.holders,
      // Each tag is still read back right after its write; the push's second look a moment
      // later is for two releases racing, and would cost the sync a second per tag copied.
      raceSettleMs: 0,
      ...(run.deps.hooks && { hooks: run.deps.hooks }),
    },
  );
  // Signatures, SBOMs and provenance go with the image, as in a push (src/engine/referrers.ts).
  // A source that answers its referrers listing badly fails those targets' referrers, never
  // the run (issue #25).
  let referrers: SubjectReferrers[] = [];
  let referrersError: string | undefined;
  try {
    referrers = await findReferrers(run, source, graph);
  } catch (error) {
    referrersError = `finding the referrers at ${source.name} failed: ${(error as Error).message}`;
  }
  await Promise.all(
    results.map(async (result, i) => {
      const o = outcomes[i] as SyncTargetOutcome;
      if (result.status === 'failed' || result.status === 'refused') {
        // `refused`: the tag appeared, holding another digest, between our HEAD and the copy.
        o.status = result.status === 'refused' ? 'drift' : 'failed';
        o.error = result.error?.message ?? result.status;
        return;
      }
      if (result.status === 'unchanged') o.status = 'unchanged';
      if (referrersError) {
        o.status = 'failed';
        o.error =
          `${o.host}/${o.repository}:${tag}: the image is there, but its referrers were not ` +
          `copied: ${referrersError}. Run again: a re-run copies what is missing`;
        return;
      }
      if (referrers.length === 0) return;
      await copyFoundReferrers(run, source, referrers, destinations[i] as CopyTarget, o, tag);
    }),
  );
  return graph;
}

function registrySource(
  plan: ImagePlan,
  sourceClient: RegistryClient,
  digest: Digest,
): RegistrySource {
  return new RegistrySource(sourceClient, plan.image.source.repository, digest, {
    input: `images[${plan.image.index}].source`,
    listedTags: plan.sourceTags,
  });
}

export function destination(run: SyncRun, o: SyncTargetOutcome): CopyTarget {
  return {
    client: run.clientFor(o.host),
    repository: o.repository,
    asksBeforeManifests: run.targets.get(o.target)?.acr ?? false,
  };
}

/** Every referrer of `graph` at the source; one that stays behind is a warning. */
function findReferrers(
  run: SyncRun,
  source: RegistrySource,
  graph: ImageGraph,
): Promise<SubjectReferrers[]> {
  return discoverReferrers(source, graph, true, (m) => run.deps.log.warning(m));
}

/** The referrers of the image `digest` at the source, and the source read them from. */
export async function referrersAtSource(
  run: SyncRun,
  plan: ImagePlan,
  sourceClient: RegistryClient,
  digest: Digest,
): Promise<{ source: RegistrySource; referrers: SubjectReferrers[] }> {
  const source = registrySource(plan, sourceClient, digest);
  const graph = await loadGraph(source);
  return { source, referrers: await findReferrers(run, source, graph) };
}

/** Referrers copied to one target as the run copies: its blob holders, dry run and hooks. */
export function copyRunReferrers(
  run: SyncRun,
  source: RegistrySource,
  referrers: SubjectReferrers[],
  target: CopyTarget,
): Promise<ReferrersResult> {
  return copyReferrers(source, referrers, target, {
    holders: run.holders,
    dryRun: run.dryRun,
    ...(run.deps.hooks && { hooks: run.deps.hooks }),
  });
}

export async function copyFoundReferrers(
  run: SyncRun,
  source: RegistrySource,
  referrers: SubjectReferrers[],
  target: CopyTarget,
  o: SyncTargetOutcome,
  tag: string,
): Promise<void> {
  const copied = await copyRunReferrers(run, source, referrers, target);
  o.referrers = { copied: copied.copied, present: copied.present, failed: copied.failed };
  if (copied.failed > 0) {
    o.status = 'failed';
    o.error =
      `${o.host}/${o.repository}:${tag}: the image is there, but ${copied.failed} of its ` +
      'referrers (signatures, SBOMs, attestations) could not be copied: ' +
      copied.outcomes
        .filter((r) => r.action === 'failed')
        .map((r) => `${r.digest}: ${r.error ?? 'failed'}`)
        .join('; ');
  }
}
