import { forEachLimited } from '../base/limit.js';
import { type Digest, isDigest } from '../oci/digest.js';
import type { Descriptor } from '../oci/descriptor.js';
import { referrersTag, referrerTagSubject } from '../oci/referrers.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';
import { TAG_COMPARE_CONCURRENCY } from './sync-compare.js';
import {
  copyFoundReferrers,
  copyRunReferrers,
  destination,
  referrersAtSource,
} from './sync-copy.js';
import type { ImagePlan } from './sync-listings.js';
import type { ReferrerRepair, SyncTagResult, SyncTargetOutcome } from './sync-outcomes.js';
import type { SyncRun } from './sync-run.js';

/**
 * Re-runs repair (issue #21): an image already at a target may lack referrers that an
 * earlier run failed to copy (a strict mirror refused one, a connection was cut). The
 * source's listing or its referrers API shows them; those missing are copied now.
 */

/**
 * A tag compared and found unchanged, on a source with the referrers API (one call): its
 * referrers may have failed to arrive on an earlier run, and the target's listing can't show
 * it. On a source without the API they are tags, which `repairReferrers` compares.
 */
export async function checkReferrersOfUnchanged(
  run: SyncRun,
  plan: ImagePlan,
  sourceClient: RegistryClient,
  tag: SyncTagResult,
): Promise<void> {
  const unchanged = tag.targets.filter((o) => o.status === 'unchanged');
  const digest = tag.sourceDigest;
  // On a source without the API (learnt from the first call) the listing shows them instead.
  if (unchanged.length === 0 || !digest || sourceClient.servesReferrersApi === false) return;
  let listed: Descriptor[] | undefined;
  try {
    listed = await sourceClient.getReferrers(plan.image.source.repository, digest);
  } catch (error) {
    for (const o of unchanged) {
      o.status = 'failed';
      o.error = `the image is there, but its referrers could not be listed at the source: ${(error as Error).message}`;
    }
    return;
  }
  if (!listed || listed.length === 0) return;
  try {
    const { source, referrers } = await referrersAtSource(run, plan, sourceClient, digest);
    for (const o of unchanged) {
      await copyFoundReferrers(
        run,
        source,
        referrers,
        destination(run, o),
        o,
        tag.targetTag ?? tag.tag,
      );
    }
  } catch (error) {
    for (const o of unchanged) {
      o.status = 'failed';
      o.error = `the image is there, but its referrers could not be checked: ${(error as Error).message}`;
    }
  }
}

/**
 * Re-runs repair: the source's listing names its referrer tags (the fallback `sha256-<hex>`
 * and cosign's `.sig`, `.att`, `.sbom`). For a selected image already at a target (trusted or
 * unchanged), a cosign tag the target's listing lacks, or a fallback index listing fewer
 * referrers than the source's (read through the referrers API where the target has it and
 * no fallback tag), means a referrer did not arrive on an earlier run (a strict mirror
 * refused it, a connection was cut): the image's referrers are copied there now. A source
 * listing without referrer tags costs nothing; with them, one HEAD per trusted tag at the
 * source (to know which subjects are selected) and one read per fallback index.
 */
export async function repairReferrers(
  run: SyncRun,
  plan: ImagePlan,
  sourceClient: RegistryClient,
): Promise<ReferrerRepair[]> {
  const subjects = new Map<Digest, string[]>();
  for (const tag of plan.sourceTags) {
    const subject = referrerTagSubject(tag);
    if (!subject) continue;
    subjects.set(subject, [...(subjects.get(subject) ?? []), tag]);
  }
  if (subjects.size === 0) return [];
  const { image, result } = plan;
  await forEachLimited(result.tags, TAG_COMPARE_CONCURRENCY, async (tag) => {
    if (tag.sourceDigest || !tag.targets.some((o) => o.status === 'trusted')) return;
    const pinned = image.tags.pin?.get(tag.tag);
    const head = pinned
      ? undefined
      : await sourceClient.headManifest(image.source.repository, tag.tag).catch(() => undefined);
    const digest = pinned ?? head?.digest;
    if (digest) tag.sourceDigest = digest;
  });
  const repairs: ReferrerRepair[] = [];
  const fallbackAtSource = new Map<Digest, Promise<Set<Digest>>>();
  for (const tag of result.tags) {
    const subject = tag.sourceDigest;
    const tags = subject && subjects.get(subject);
    if (!subject || !tags) continue;
    for (const o of tag.targets) {
      if (o.status !== 'trusted' && o.status !== 'unchanged') continue;
      const listed = plan.targetTags.get(o.target);
      if (!listed) continue;
      try {
        if (
          !(await referrersMissing(
            run,
            plan,
            sourceClient,
            o,
            subject,
            tags,
            listed,
            fallbackAtSource,
          ))
        )
          continue;
      } catch (error) {
        o.status = 'failed';
        o.error = `the image is there, but its referrers could not be compared: ${(error as Error).message}`;
        continue;
      }
      const repair = await repairSubject(run, plan, sourceClient, o, subject);
      repairs.push(repair);
      if (repair.status === 'failed') {
        o.status = 'failed';
        o.error = repair.error ?? 'its referrers could not be copied';
      } else {
        o.referrers = { copied: repair.copied, present: 0, failed: 0 };
      }
    }
  }
  return repairs;
}

/** Whether a target lacks a referrer of `subject` that the source's listing shows. */
async function referrersMissing(
  run: SyncRun,
  plan: ImagePlan,
  sourceClient: RegistryClient,
  o: SyncTargetOutcome,
  subject: Digest,
  tags: readonly string[],
  listed: ReadonlySet<string>,
  fallbackAtSource: Map<Digest, Promise<Set<Digest>>>,
): Promise<boolean> {
  const fallback = referrersTag(subject);
  if (tags.some((t) => t !== fallback && !listed.has(t))) return true;
  if (!tags.includes(fallback)) return false;
  let atSource = fallbackAtSource.get(subject);
  if (!atSource) {
    atSource = fallbackDigests(sourceClient, plan.image.source.repository, fallback);
    fallbackAtSource.set(subject, atSource);
  }
  const want = await atSource;
  const client = run.clientFor(o.host);
  let have: Set<Digest>;
  if (listed.has(fallback)) have = await fallbackDigests(client, o.repository, fallback);
  else {
    // No fallback tag: a target with the referrers API indexes them itself.
    const viaApi = await client.getReferrers(o.repository, subject);
    have = new Set((viaApi ?? []).map((d) => d.digest));
  }
  return [...want].some((d) => !have.has(d));
}

async function fallbackDigests(
  client: RegistryClient,
  repository: string,
  tag: string,
): Promise<Set<Digest>> {
  let bytes: Buffer;
  try {
    ({ bytes } = await client.getManifest(repository, tag));
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return new Set();
    throw error;
  }
  let index: { manifests?: unknown };
  try {
    index = JSON.parse(bytes.toString('utf8')) as typeof index;
  } catch {
    throw new Error(`${client.host}/${repository}:${tag} is not JSON (an OCI index of referrers)`);
  }
  const entries = Array.isArray(index.manifests) ? (index.manifests as unknown[]) : [];
  return new Set(
    entries
      .map((m) => (typeof m === 'object' && m !== null ? (m as { digest?: unknown }).digest : ''))
      .filter((d): d is Digest => typeof d === 'string' && isDigest(d)),
  );
}

async function repairSubject(
  run: SyncRun,
  plan: ImagePlan,
  sourceClient: RegistryClient,
  o: SyncTargetOutcome,
  subject: Digest,
): Promise<ReferrerRepair> {
  const repair: ReferrerRepair = { target: o.target, subject, status: 'failed', copied: 0 };
  const where = `${o.host}/${o.repository}`;
  try {
    const { source, referrers } = await referrersAtSource(run, plan, sourceClient, subject);
    const copied = await copyRunReferrers(run, source, referrers, destination(run, o));
    repair.copied = copied.copied;
    if (copied.failed > 0) {
      repair.error =
        `${where}: ${copied.failed} referrer(s) of ${subject} did not arrive on an earlier run ` +
        "and still can't be copied: " +
        copied.outcomes
          .filter((r) => r.action === 'failed')
          .map((r) => `${r.digest}: ${r.error ?? 'failed'}`)
          .join('; ');
    } else {
      repair.status = run.dryRun ? 'would-copy' : 'copied';
      const count = run.dryRun
        ? copied.outcomes.filter((r) => r.action === 'would-copy').length
        : copied.copied;
      run.deps.log.info(
        `${where}: ${count} referrer(s) of ${subject} had not arrived on an earlier run; ` +
          `${run.dryRun ? 'would copy them' : 'copied now'}`,
      );
    }
  } catch (error) {
    repair.error = `${where}: the referrers of ${subject} could not be repaired: ${(error as Error).message}`;
  }
  if (repair.error) run.deps.log.warning(repair.error);
  return repair;
}
