import { type Digest, isDigest } from '../oci/digest.js';
import type { Descriptor } from '../oci/descriptor.js';
import { apiHost, isRepository } from '../oci/reference.js';
import { isReferrerTag, referrersTag, referrerTagSubject } from '../oci/referrers.js';
import { globToRegExp } from '../oci/repository-glob.js';
import type { Credential } from '../registry/auth.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';
import type { Send } from '../registry/http.js';
import type { Logger, SecretSink } from '../registry/log.js';
import { RegistrySource } from '../source/registry.js';
import {
  BlobHolders,
  copyGraph,
  type CopyHooks,
  type CopyTarget,
  describeFailure,
  type ImageGraph,
  loadGraph,
} from './copy.js';
import { registryClients } from './clients.js';
import { forEachLimited } from '../base/limit.js';
import { copyReferrers, discoverReferrers, type SubjectReferrers } from './referrers.js';
import {
  DEFAULT_SEMVER_RULES,
  expandDiscovery,
  findWriteConflicts,
  matchesAny,
  needsListing,
  type PlannedWrite,
  selectTags,
  shardImages,
  type Shard,
  sourceKey,
  type SyncConfig,
  type SyncImage,
  type SyncTarget,
  targetTagOf,
} from './sync-plan.js';

/**
 * What happened to one tag at one target:
 * - `copied`: the tag was missing; the image is there now;
 * - `unchanged`: the tag already held the source's digest (one HEAD, nothing written);
 * - `trusted`: the target lists the tag and it is immutable (a release): not asked again;
 * - `drift`: the tag holds another digest and `overwrite` is off: left alone, reported;
 * - `moved`: the tag held another digest and was moved (`overwrite`, or a floating tag);
 * - `would-copy`, `would-move`: a dry run's plan;
 * - `failed`: see `error`.
 */
export type SyncStatus =
  'copied' | 'unchanged' | 'trusted' | 'drift' | 'moved' | 'would-copy' | 'would-move' | 'failed';

export interface SyncTargetOutcome {
  /** The target's name in the config. */
  target: string;
  host: string;
  repository: string;
  status: SyncStatus;
  /** What the target's tag held before, when it held another digest. */
  targetDigest?: Digest;
  /** The image's signatures, SBOMs and attestations copied with it. */
  referrers?: { copied: number; present: number; failed: number };
  error?: string;
}

export interface SyncTagResult {
  tag: string;
  /** The tag written at the targets, when it differs (`target-tag`). */
  targetTag?: string;
  /** What the source's tag pointed at (or the pinned digest); absent when not asked. */
  sourceDigest?: Digest;
  targets: SyncTargetOutcome[];
}

/** Referrers a re-run found missing at a target, and copied (issue #21, "re-runs repair"). */
export interface ReferrerRepair {
  target: string;
  subject: Digest;
  status: 'copied' | 'would-copy' | 'failed';
  copied: number;
  error?: string;
}

export interface SyncImageResult {
  image: SyncImage;
  /** `host/repository` of the source, as the config names it. */
  source: string;
  /** Tags the source listed. */
  listed: number;
  filteredOut: string[];
  tags: SyncTagResult[];
  /** Nothing of this image was synced: its listing failed, or it selected nothing. */
  error?: string;
  /** The error is an empty selection: a warning, and still a failed row. */
  empty?: boolean;
  repairs?: ReferrerRepair[];
}

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

/** What the engine needs from the job that runs it. */
export interface SyncDependencies {
  userAgent: string;
  log: Logger;
  onSecret: SecretSink;
  credentialFor: (host: string) => Credential | undefined;
  /** Why signing in to a host failed, if it did: its targets and sources fail with that. */
  signInFailure?: (host: string) => Error | undefined;
  /** The transport; by default the retrying one every job uses (it honours Retry-After). */
  send?: Send;
  /** Tags asked for per listing page (`?n=`); the registry's own default when unset. */
  pageSize?: number;
  /** Tags a source repository may list at most (`DEFAULT_MAX_TAGS` when unset). */
  maxTags?: number;
  /** How long a listed tag's manifest may answer 404 before the tag counts as failed. */
  consistencyWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  hooks?: CopyHooks;
}

/**
 * The plan can't be carried out as written: two entries would write one target tag. Found
 * before anything is copied; an input error (exit 2).
 */
export class SyncPlanError extends Error {
  override name = 'SyncPlanError';
}

/**
 * A tag just pushed to a geo-replicated registry may be listed by one replica and 404 at
 * another for a while (FACTS.md, ACR geo-replication; giantswarm/kubectl-gs#1967).
 */
const DEFAULT_CONSISTENCY_WAIT_MS = 30_000;
const CONSISTENCY_POLL_MS = 2_000;
/** Tags of one image compared at once (HEADs only). */
const TAG_COMPARE_CONCURRENCY = 8;
/** Listings read at once while planning: reads only, one request each for most repositories. */
const LISTING_CONCURRENCY = 8;
/** Conflicts named in the message; the rest are counted. */
const CONFLICTS_SHOWN = 20;

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
  const client = registryClients(deps);
  const clientFor = (host: string, endpoint: { insecure?: boolean; https?: boolean } = {}) =>
    client(host, { ...endpoint, ...(deps.send && { send: deps.send }) });
  const targets = new Map(config.targets.map((t) => [t.name, t]));
  for (const t of config.targets) clientFor(t.host, { insecure: t.insecure, https: t.acr });
  const run: ImageRun = {
    deps,
    config,
    dryRun: options.dryRun ?? false,
    targets,
    unreachable: new Map(),
    holders: new BlobHolders(),
    clientFor,
  };

  const { images: expanded, failed: discoveryFailures } = await discover(run, config.images);
  const images = shardImages(expanded, options.shard);
  const failedHere = shardImages(discoveryFailures, options.shard);

  // Each target is pinged once: one that can't be reached fails its items at once, instead
  // of every tag waiting out the retries again.
  const used = [...new Set(images.flatMap((image) => image.to))];
  await Promise.all(
    used.map(async (name) => {
      const target = targets.get(name) as SyncTarget;
      const signInFailure = deps.signInFailure?.(target.host);
      if (signInFailure) {
        run.unreachable.set(
          name,
          `${target.host} (target ${name}): signing in failed, so nothing was written there: ` +
            signInFailure.message,
        );
        return;
      }
      try {
        await clientFor(target.host).ping();
      } catch (error) {
        const message =
          `${target.host} (target ${name}) could not be reached: ${(error as Error).message}. ` +
          `Check targets.${name}.registry, and that the registry is up and reachable from here`;
        run.unreachable.set(name, message);
        deps.log.warning(message);
      }
    }),
  );

  const plans = new Array<ImagePlan>(images.length);
  await forEachLimited(
    images.map((image, i) => ({ image, i })),
    LISTING_CONCURRENCY,
    async ({ image, i }) => {
      plans[i] = await planImage(run, image).catch((error: unknown) => failedPlan(image, error));
    },
  );
  checkWrites(run, plans);
  const others = expanded.length + discoveryFailures.length - images.length - failedHere.length;
  return { run, plans, failedHere, others };
}

interface ImageRun {
  deps: SyncDependencies;
  config: SyncConfig;
  dryRun: boolean;
  targets: ReadonlyMap<string, SyncTarget>;
  unreachable: Map<string, string>;
  holders: BlobHolders;
  clientFor: (host: string) => RegistryClient;
}

// --- Discovery -------------------------------------------------------------------------------

interface FailedEntry {
  image: SyncImage;
  source: { host: string; repository: string };
  repository: string;
  result: SyncImageResult;
}

/**
 * Discovery entries become one image per repository their registry's catalog lists and
 * their glob and filters take. Each host's catalog is read once. A refused catalog, or one
 * that yields nothing, is that entry's failed row.
 */
async function discover(
  run: ImageRun,
  entries: readonly SyncImage[],
): Promise<{ images: SyncImage[]; failed: FailedEntry[] }> {
  const catalogs = new Map<string, Promise<string[]>>();
  const images: SyncImage[] = [];
  const failed: FailedEntry[] = [];
  for (const entry of entries) {
    if (!entry.discover) {
      images.push(entry);
      continue;
    }
    const host = apiHost(entry.source.host);
    const name = `${entry.source.host}/${entry.discover.glob}`;
    let catalog = catalogs.get(host);
    if (!catalog) {
      catalog = run.clientFor(host).listRepositories({
        ...(run.deps.pageSize && { pageSize: run.deps.pageSize }),
      });
      catalogs.set(host, catalog);
    }
    const fail = (message: string, empty = false): void => {
      const shown = { ...entry, repository: `${entry.discover?.path.prefix ?? ''}…` };
      const result: SyncImageResult = {
        image: shown,
        source: name,
        listed: 0,
        filteredOut: [],
        tags: [],
        error: message,
        ...(empty && { empty }),
      };
      run.deps.log.warning(message);
      failed.push({ image: entry, source: entry.source, repository: name, result });
    };
    let listed: string[];
    try {
      listed = await catalog;
    } catch (error) {
      fail(catalogRefused(entry, name, error));
      continue;
    }
    // The client refuses a whole catalog that lists a name that is not a repository path, so
    // each name here is one; a mapped target path may still outgrow the grammar's 255.
    const matches = globToRegExp(entry.discover.glob);
    const found = expandDiscovery(entry, listed, (path) => matches.test(path)).filter((image) =>
      isRepository(image.repository),
    );
    run.deps.log.info(
      `${name}: the catalog lists ${listed.length} repositories, ${found.length} taken ` +
        `by images[${entry.index}]`,
    );
    if (found.length === 0 && !entry.mayBeEmpty) {
      fail(
        `${name}: the catalog lists no repository that images[${entry.index}] takes (its ` +
          'pattern and `repositories` filters), so nothing was synced. Check the source ' +
          'pattern and the filters; set `may-be-empty: true` if that is expected',
        true,
      );
      continue;
    }
    images.push(...found);
  }
  return { images, failed };
}

function catalogRefused(entry: SyncImage, name: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // A RegistryError or an AuthError (a token without `registry:catalog:*`): both carry a status.
  const status = (error as { status?: unknown }).status;
  const refused = status === 401 || status === 403 || status === 404 || status === 405;
  return (
    `${name}: reading the registry's catalog failed (${message}), so nothing of ` +
    `images[${entry.index}] was synced. ` +
    (refused
      ? `${entry.source.host} refuses \`GET /v2/_catalog\`: some registries serve no catalog ` +
        '(Docker Hub, GHCR, Quay), and an ACR gives it only to an identity allowed ' +
        '`registry:catalog:*` (the AcrPull role; with ABAC, also the Catalog Lister role). ' +
        'Grant it, or list the repositories one by one under `images:`'
      : 'Check that the registry is up, then run again')
  );
}

// --- Planning --------------------------------------------------------------------------------

/** One source tag, decided per target before anything is copied. */
interface PlannedTag {
  tag: string;
  targetTag: string;
  pinned?: Digest;
  floating: boolean;
  immutable: boolean;
}

interface ImagePlan {
  image: SyncImage;
  result: SyncImageResult;
  tags: PlannedTag[];
  /** Each target's tags for this repository; undefined when the listing failed. */
  targetTags: Map<string, ReadonlySet<string> | undefined>;
  /** The source's tags as listed (its fallback and cosign tags among them). */
  sourceTags: ReadonlySet<string>;
}

function failedPlan(image: SyncImage, error: unknown): ImagePlan {
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
async function planImage(run: ImageRun, image: SyncImage): Promise<ImagePlan> {
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
    listing
      ? client.listTags(image.source.repository, {
          ...(run.deps.pageSize && { pageSize: run.deps.pageSize }),
          ...(run.deps.maxTags && { maxTags: run.deps.maxTags }),
        })
      : Promise.resolve([]),
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

async function listTarget(run: ImageRun, name: string, repository: string): Promise<string[]> {
  const down = run.unreachable.get(name);
  if (down) throw new Error(down);
  const target = run.targets.get(name) as SyncTarget;
  return run.clientFor(target.host).listTags(repository, {
    ...(run.deps.pageSize && { pageSize: run.deps.pageSize }),
    ...(run.deps.maxTags && { maxTags: run.deps.maxTags }),
  });
}

/**
 * Two entries writing one target tag from different origins stop the run before anything
 * is copied (exit 2); two tags of one image becoming one target tag fail that image.
 */
function checkWrites(run: ImageRun, plans: ImagePlan[]): void {
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

// --- Comparing and copying -------------------------------------------------------------------

function outcomeAt(run: ImageRun, name: string, image: SyncImage): SyncTargetOutcome {
  const target = run.targets.get(name) as SyncTarget;
  return { target: name, host: target.host, repository: image.repository, status: 'failed' };
}

async function syncImage(run: ImageRun, plan: ImagePlan): Promise<SyncImageResult> {
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

/** One tag compared: its outcomes so far, and the targets it still has to be copied to. */
interface Compared {
  tag: SyncTagResult;
  planned: PlannedTag;
  toCopy: SyncTargetOutcome[];
}

/**
 * Per target: missing from its listing, trusted (listed and immutable), or asked by HEAD.
 * The source is asked only when some target is not trusted, and never for a pinned digest.
 */
async function compareTag(
  run: ImageRun,
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
  run: ImageRun,
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

function logTag(run: ImageRun, { tag, targetTag, sourceDigest, targets }: SyncTagResult): void {
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

/**
 * Copies one image (by digest, so a tag moving meanwhile can't mix two images) to the
 * targets that lack it or must move: the graph is read from the source once and fanned out,
 * blobs mounted within a registry, the tag written last and only after the root verifies.
 * This is the one place the sync copies an image: referrers (signatures, SBOMs) join here.
 * Returns the graph copied, when it could be read.
 */
async function copyImage(
  run: ImageRun,
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
    referrers = await discoverReferrers(source, graph, true, (m) => run.deps.log.warning(m));
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

function destination(run: ImageRun, o: SyncTargetOutcome): CopyTarget {
  return {
    client: run.clientFor(o.host),
    repository: o.repository,
    asksBeforeManifests: run.targets.get(o.target)?.acr ?? false,
  };
}

async function copyFoundReferrers(
  run: ImageRun,
  source: RegistrySource,
  referrers: SubjectReferrers[],
  target: CopyTarget,
  o: SyncTargetOutcome,
  tag: string,
): Promise<void> {
  const copied = await copyReferrers(source, referrers, target, {
    holders: run.holders,
    dryRun: run.dryRun,
    ...(run.deps.hooks && { hooks: run.deps.hooks }),
  });
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

/**
 * A tag compared and found unchanged, on a source with the referrers API (one call): its
 * referrers may have failed to arrive on an earlier run, and the target's listing can't show
 * it. On a source without the API they are tags, which `repairReferrers` compares.
 */
async function checkReferrersOfUnchanged(
  run: ImageRun,
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
  const source = registrySource(plan, sourceClient, digest);
  try {
    const graph = await loadGraph(source);
    const referrers = await discoverReferrers(source, graph, true, (m) => run.deps.log.warning(m));
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
async function repairReferrers(
  run: ImageRun,
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
  run: ImageRun,
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
  run: ImageRun,
  plan: ImagePlan,
  sourceClient: RegistryClient,
  o: SyncTargetOutcome,
  subject: Digest,
): Promise<ReferrerRepair> {
  const repair: ReferrerRepair = { target: o.target, subject, status: 'failed', copied: 0 };
  const where = `${o.host}/${o.repository}`;
  try {
    const source = registrySource(plan, sourceClient, subject);
    const graph = await loadGraph(source);
    const referrers = await discoverReferrers(source, graph, true, (m) => run.deps.log.warning(m));
    const copied = await copyReferrers(source, referrers, destination(run, o), {
      holders: run.holders,
      dryRun: run.dryRun,
      ...(run.deps.hooks && { hooks: run.deps.hooks }),
    });
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

/** The source tag's digest; a 404 just after listing is retried for a bounded time. */
async function sourceDigestOf(
  run: ImageRun,
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
