import type { Digest } from '../oci/digest.js';
import { apiHost } from '../oci/reference.js';
import type { Credential } from '../registry/auth.js';
import type { RegistryClient } from '../registry/client.js';
import type { Send } from '../registry/http.js';
import type { Logger, SecretSink } from '../registry/log.js';
import { RegistrySource } from '../source/registry.js';
import {
  BlobHolders,
  copyGraph,
  type CopyHooks,
  type CopyTarget,
  describeFailure,
  loadGraph,
} from './copy.js';
import { registryClients } from './clients.js';
import { forEachLimited } from './limit.js';
import { copyReferrers, discoverReferrers } from './referrers.js';
import {
  selectTags,
  shardImages,
  type Shard,
  sourceKey,
  type SyncConfig,
  type SyncImage,
  type SyncTarget,
} from './sync-plan.js';

/**
 * What happened to one tag at one target:
 * - `copied`: the tag was missing; the image is there now;
 * - `unchanged`: the tag already held the source's digest (one HEAD, nothing written);
 * - `drift`: the tag holds another digest and `overwrite` is off: left alone, reported;
 * - `moved`: the tag held another digest and was moved, as `overwrite: true` asks;
 * - `would-copy`, `would-move`: a dry run's plan;
 * - `failed`: see `error`.
 */
export type SyncStatus =
  'copied' | 'unchanged' | 'drift' | 'moved' | 'would-copy' | 'would-move' | 'failed';

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
  /** What the source's tag pointed at; absent when even that could not be read. */
  sourceDigest?: Digest;
  targets: SyncTargetOutcome[];
}

export interface SyncImageResult {
  image: SyncImage;
  /** `host/repository` of the source, as the config names it. */
  source: string;
  /** Tags the source listed. */
  listed: number;
  filteredOut: string[];
  tags: SyncTagResult[];
  /** The source could not be listed in full: nothing of this image was synced. */
  error?: string;
}

export interface SyncResult {
  dryRun: boolean;
  shard?: Shard;
  targets: readonly SyncTarget[];
  /** The images this run (this shard) took, in config order. */
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
 * A tag just pushed to a geo-replicated registry may be listed by one replica and 404 at
 * another for a while (FACTS.md, ACR geo-replication; giantswarm/kubectl-gs#1967).
 */
const DEFAULT_CONSISTENCY_WAIT_MS = 30_000;
const CONSISTENCY_POLL_MS = 2_000;
/** Tags of one image compared at once (HEADs only). */
const TAG_COMPARE_CONCURRENCY = 8;

/**
 * The sync: for each image this shard takes (`parallel` at a time), list the source's tags
 * in full, filter them, and for each tag compare the source's digest with every target's
 * tag by one HEAD. Missing tags are copied (the graph read once, fanned out to every target
 * that lacks it, blobs mounted within a registry); drift is reported, or moved with
 * `overwrite`. Nothing here throws for a registry's failure: every outcome is in the result.
 */
export async function runSyncPlan(
  config: SyncConfig,
  options: SyncOptions,
  deps: SyncDependencies,
): Promise<SyncResult> {
  const client = registryClients(deps);
  const clientFor = (host: string, endpoint: { insecure?: boolean; https?: boolean } = {}) =>
    client(host, { ...endpoint, ...(deps.send && { send: deps.send }) });
  const targets = new Map(config.targets.map((t) => [t.name, t]));
  for (const t of config.targets) clientFor(t.host, { insecure: t.insecure, https: t.acr });

  const images = shardImages(config.images, options.shard);
  // Each target is pinged once: one that can't be reached fails its items at once, instead
  // of every tag waiting out the retries again.
  const used = [...new Set(images.flatMap((image) => image.to))];
  const unreachable = new Map<string, string>();
  await Promise.all(
    used.map(async (name) => {
      const target = targets.get(name) as SyncTarget;
      const client = clientFor(target.host);
      try {
        await client.ping();
      } catch (error) {
        const message =
          `${target.host} (target ${name}) could not be reached: ${(error as Error).message}. ` +
          `Check targets.${name}.registry, and that the registry is up and reachable from here`;
        unreachable.set(name, message);
        deps.log.warning(message);
      }
    }),
  );

  const run: ImageRun = {
    deps,
    dryRun: options.dryRun ?? false,
    targets,
    unreachable,
    holders: new BlobHolders(),
    clientFor,
  };
  const results = new Array<SyncImageResult>(images.length);
  await forEachLimited(
    images.map((image, i) => ({ image, i })),
    config.parallel,
    async ({ image, i }) => {
      results[i] = await syncImage(run, image);
    },
  );
  return {
    dryRun: run.dryRun,
    ...(options.shard && { shard: options.shard }),
    targets: config.targets,
    images: results,
    otherShards: config.images.length - images.length,
  };
}

interface ImageRun {
  deps: SyncDependencies;
  dryRun: boolean;
  targets: ReadonlyMap<string, SyncTarget>;
  unreachable: ReadonlyMap<string, string>;
  holders: BlobHolders;
  clientFor: (host: string) => RegistryClient;
}

async function syncImage(run: ImageRun, image: SyncImage): Promise<SyncImageResult> {
  const source = sourceKey(image);
  const result: SyncImageResult = { image, source, listed: 0, filteredOut: [], tags: [] };
  const client = run.clientFor(apiHost(image.source.host));
  let tags: string[];
  try {
    tags = await client.listTags(image.source.repository, {
      ...(run.deps.pageSize && { pageSize: run.deps.pageSize }),
      ...(run.deps.maxTags && { maxTags: run.deps.maxTags }),
    });
  } catch (error) {
    result.error =
      `${source}: listing its tags failed (${(error as Error).message}), so nothing of ` +
      `images[${image.index}] was synced. Check the source's name and its credential, then run again.`;
    run.deps.log.warning(result.error);
    return result;
  }
  if (tags.length === 0) {
    result.error =
      `${source}: the registry lists no tags (the repository does not exist, is empty, or ` +
      `the credential may not read it), so nothing of images[${image.index}] was synced. Check ` +
      'the source name and its credential.';
    run.deps.log.warning(result.error);
    return result;
  }
  // The fallback tag `sha256-<hex>` and cosign's tags name referrers: they travel with the
  // image they belong to, never as images of their own.
  const selection = selectTags(
    tags.filter((t) => !REFERRER_TAG.test(t)),
    image.tags,
  );
  result.listed = tags.length;
  result.filteredOut = selection.filteredOut;
  run.deps.log.info(
    `${source}: ${tags.length} tag(s) listed, ${selection.selected.length} selected, ` +
      `${selection.filteredOut.length} filtered out`,
  );
  // Comparing is reads only, so tags are compared several at a time; copies go one tag after
  // another, so the next tag finds the blobs it shares with this one in place.
  const compared = new Array<Compared>(selection.selected.length);
  await forEachLimited(
    selection.selected.map((tag, i) => ({ tag, i })),
    TAG_COMPARE_CONCURRENCY,
    async ({ tag, i }) => {
      compared[i] = await compareTag(run, image, client, tag);
    },
  );
  const listed = new Set(tags);
  for (const { tag, toCopy } of compared) {
    if (tag.sourceDigest && toCopy.length > 0) {
      await copyImage(run, image, client, listed, tag.tag, tag.sourceDigest, toCopy);
    }
    logTag(run, tag);
    result.tags.push(tag);
  }
  return result;
}

/** `sha256-<hex>`, and cosign's `.sig`, `.att`, `.sbom` beside it. */
const REFERRER_TAG = /^sha256-[a-f0-9]{64}(\.[a-z]+)?$/;

/** One tag compared: its outcomes so far, and the targets it still has to be copied to. */
interface Compared {
  tag: SyncTagResult;
  toCopy: SyncTargetOutcome[];
}

/** The source's digest, then one HEAD per target: unchanged, missing, or drift. */
async function compareTag(
  run: ImageRun,
  image: SyncImage,
  sourceClient: RegistryClient,
  tag: string,
): Promise<Compared> {
  const outcomes: SyncTargetOutcome[] = image.to.map((name) => {
    const target = run.targets.get(name) as SyncTarget;
    return { target: name, host: target.host, repository: image.repository, status: 'failed' };
  });
  const sourceName = `${sourceKey(image)}:${tag}`;
  // The source and every target are asked at once: one round trip per tag, not two.
  const [source, ...held] = await Promise.allSettled([
    sourceDigestOf(run, sourceClient, image.source.repository, tag),
    ...outcomes.map((o) => targetDigestOf(run, o, tag)),
  ]);
  if (source.status === 'rejected') {
    const message = `${sourceName}: ${(source.reason as Error).message}`;
    for (const o of outcomes) o.error = message;
    return { tag: { tag, targets: outcomes }, toCopy: [] };
  }
  const sourceDigest = source.value as Digest;

  const toCopy: SyncTargetOutcome[] = [];
  outcomes.forEach((o, i) => {
    const answer = held[i] as PromiseSettledResult<Digest | undefined>;
    if (answer.status === 'rejected') {
      o.error = (answer.reason as Error).message;
      return;
    }
    const digest = answer.value;
    if (digest === sourceDigest) {
      o.status = 'unchanged';
      return;
    }
    if (digest !== undefined) o.targetDigest = digest;
    if (digest !== undefined && !image.overwrite) {
      o.status = 'drift';
      o.error = driftMessage(o, tag, sourceName, sourceDigest, image.index);
      return;
    }
    o.status = run.dryRun ? (digest ? 'would-move' : 'would-copy') : digest ? 'moved' : 'copied';
    if (!run.dryRun) toCopy.push(o);
  });
  return { tag: { tag, sourceDigest, targets: outcomes }, toCopy };
}

/** What a target's tag holds (undefined: absent); a target that can't be reached fails. */
async function targetDigestOf(
  run: ImageRun,
  o: SyncTargetOutcome,
  tag: string,
): Promise<Digest | undefined> {
  const down = run.unreachable.get(o.target);
  if (down) throw new Error(down);
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

function logTag(run: ImageRun, { tag, sourceDigest, targets }: SyncTagResult): void {
  for (const o of targets) {
    const where = `${o.host}/${o.repository}:${tag} (${o.target})`;
    if (o.status === 'failed' || o.status === 'drift') {
      run.deps.log.warning(`${where}: ${o.error ?? o.status}`);
    } else if (o.status !== 'unchanged' || run.dryRun) {
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
 */
async function copyImage(
  run: ImageRun,
  image: SyncImage,
  sourceClient: RegistryClient,
  /** The source's tags as just listed: its fallback and cosign tags are among them, if any. */
  listedTags: ReadonlySet<string>,
  tag: string,
  digest: Digest,
  outcomes: SyncTargetOutcome[],
): Promise<void> {
  const source = new RegistrySource(sourceClient, image.source.repository, digest, {
    input: `images[${image.index}].source`,
    listedTags,
  });
  let graph;
  try {
    graph = await loadGraph(source);
  } catch (error) {
    for (const o of outcomes) {
      o.status = 'failed';
      o.error = `reading ${source.name} failed: ${(error as Error).message}`;
    }
    return;
  }
  for (const blob of graph.blobs) {
    run.holders.holds(sourceClient.host, blob.digest, image.source.repository);
  }
  // Where the image and its referrers go, per target.
  const destinations: CopyTarget[] = outcomes.map((o) => ({
    client: run.clientFor(o.host),
    repository: o.repository,
    asksBeforeManifests: run.targets.get(o.target)?.acr ?? false,
  }));
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
      immutableTags: [tag],
      overwrite: image.overwrite,
      holders: run.holders,
      // Each tag is still read back right after its write; the push's second look a moment
      // later is for two releases racing, and would cost the sync a second per tag copied.
      raceSettleMs: 0,
      ...(run.deps.hooks && { hooks: run.deps.hooks }),
    },
  );
  // Signatures, SBOMs and provenance go with the image, as in a push (src/engine/referrers.ts).
  const referrers = await discoverReferrers(source, graph, true, (m) => run.deps.log.warning(m));
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
      if (referrers.length === 0) return;
      const copied = await copyReferrers(source, referrers, destinations[i] as CopyTarget, {
        holders: run.holders,
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
    }),
  );
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
    `\`overwrite: true\` on images[${index}] to move it; otherwise find out who pushed ${o.targetDigest}`
  );
}
