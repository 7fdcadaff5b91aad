import type { Descriptor } from '../oci/descriptor.js';
import { isForeignLayer, parseManifest } from '../oci/descriptor.js';
import type { Digest } from '../oci/digest.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';
import { NetworkError } from '../registry/http.js';
import type { ContentSource } from '../source/source.js';
import { forEachLimited } from '../base/limit.js';

/** Docker pushes 5 layers at once; one more lets the config blob ride along. */
export const DEFAULT_BLOB_CONCURRENCY = 6;

/** An image's whole graph, read from the source once, before any target is touched. */
export interface ImageGraph {
  root: Descriptor;
  /**
   * Every manifest, children before the indexes that list them; the root is last. `children`
   * are the manifests an index lists (none for an image manifest).
   */
  manifests: { descriptor: Descriptor; bytes: Buffer; children?: readonly Digest[] }[];
  /** Every blob, once each. */
  blobs: Descriptor[];
}

/** One registry and repository to copy into. */
export interface CopyTarget {
  client: RegistryClient;
  repository: string;
  /** This target's own tags instead of the options' (a dev build's passing tag on ACR). */
  tags?: readonly string[];
  /** Tags the registry has locked: never moved, whatever `overwrite` says. */
  lockedTags?: readonly string[];
  /**
   * What some of the tags held when the caller read them a moment ago (undefined: absent),
   * so they are not read again before the copy. Each is still read right before its write.
   */
  knownTags?: ReadonlyMap<string, Digest | undefined>;
  /** Why this target can't be pushed, found before the copy (its login failed, say). */
  failure?: Error;
  /** Where the user named this registry, for hints: `registries`, `mirrors`, a sync target. */
  input?: string;
  /**
   * The registry may refuse a manifest it already holds (ACR: one locked by an earlier
   * release), so each child manifest is asked about before its PUT. Elsewhere a child goes
   * straight in, and is asked about only if its PUT is refused.
   */
  asksBeforeManifests?: boolean;
  /**
   * Called once every tag is verified to point at the root, before the result is final: the
   * moment to lock a release, so a racing run can't move it afterwards. Its own failures are
   * its own to report (a release that is pushed but not locked is still pushed).
   */
  afterTagsVerified?: (verified: VerifiedTarget) => Promise<void>;
  /**
   * Called once the whole graph is at the target and before any tag is written: the moment
   * to push what must be there before a tag points at it (this run's signatures). When it
   * throws, the target fails with no tag written. The root then goes in by digest first.
   */
  beforeTags?: () => Promise<void>;
}

/** What `afterTagsVerified` gets: the target's result, and every manifest of the graph. */
export interface VerifiedTarget {
  result: TargetResult;
  /** Every manifest of the graph, children first, the root last. */
  manifests: Digest[];
}

/** What happened to one blob at one target. */
export type BlobOutcome = 'skipped' | 'uploaded' | 'mounted';

/** Progress hooks; the action turns them into log lines and its summary. */
export interface CopyHooks {
  onBlob?: (event: { target: CopyTarget; blob: Descriptor; outcome: BlobOutcome }) => void;
  /** Called as upload bytes flow; `bytes` counts this target's uploads so far. */
  onProgress?: (event: { target: CopyTarget; bytes: number; totalBytes: number }) => void;
}

/**
 * - `pushed`: the graph is there and every tag points at it;
 * - `unchanged`: it was all there already (a re-run); nothing was written;
 * - `refused`: an immutable tag holds another digest; nothing was written;
 * - `would-push`: a dry run; nothing was written;
 * - `failed`: see `error`.
 */
export type TargetStatus = 'pushed' | 'unchanged' | 'refused' | 'would-push' | 'failed';

export interface TagOutcome {
  tag: string;
  /** What the tag pointed at before, if anything. */
  previous?: Digest;
  action: 'created' | 'moved' | 'unchanged' | 'refused';
}

export interface TargetResult {
  host: string;
  repository: string;
  status: TargetStatus;
  digest: Digest;
  tags: TagOutcome[];
  /** In a dry run, what would happen to each blob. */
  blobs: Record<BlobOutcome, number>;
  /** Bytes sent in uploads (skipped and mounted blobs send none). */
  bytesUploaded: number;
  seconds: number;
  error?: Error;
}

export interface CopyOptions {
  /** Tags to point at the root once everything is verified present. */
  tags?: readonly string[];
  /** Tags that must not move to another digest unless `overwrite`. */
  immutableTags?: readonly string[];
  overwrite?: boolean;
  /** Read what is there and report what would happen; write nothing. */
  dryRun?: boolean;
  hooks?: CopyHooks;
  /** Blobs in flight per target. */
  blobConcurrency?: number;
  /** Shared by every copy of one run, so blobs are mounted across repositories. */
  holders?: BlobHolders;
  now?: () => number;
  /**
   * How long to wait before reading the tags back a second time (1 s by default). A run whose
   * tag PUT left just before ours and arrived just after our first read back is caught then.
   */
  raceSettleMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** An immutable tag already holds another digest. */
export class TagConflictError extends Error {
  override name = 'TagConflictError';
}

/**
 * A tag this run wrote (or found in place) holds another digest when read back: another run
 * wrote it in between. Registries have no conditional tag write, so this is detected, not
 * prevented.
 */
export class LostRaceError extends Error {
  override name = 'LostRaceError';
}

const DEFAULT_RACE_SETTLE_MS = 1000;

/** The graph of what the source names, or of `from` (a referrer) when given. */
export async function loadGraph(source: ContentSource, from?: Descriptor): Promise<ImageGraph> {
  const root = from ?? (await source.resolve());
  const manifests: ImageGraph['manifests'] = [];
  const blobs = new Map<Digest, Descriptor>();
  const seen = new Set<Digest>();
  const visit = async (descriptor: Descriptor): Promise<void> => {
    if (seen.has(descriptor.digest)) return;
    seen.add(descriptor.digest);
    const bytes = await source.fetchManifest(descriptor);
    const where = `${source.name}: manifest ${descriptor.digest}`;
    const parsed = parseManifest(bytes, descriptor.mediaType, where);
    for (const child of parsed.manifests) await visit(child);
    for (const blob of parsed.blobs) {
      // A foreign layer stays where its URLs say: neither read from the source nor uploaded.
      if (!blobs.has(blob.digest) && !isForeignLayer(blob)) blobs.set(blob.digest, blob);
    }
    manifests.push({
      descriptor: { ...descriptor, mediaType: parsed.mediaType },
      bytes,
      children: parsed.manifests.map((m) => m.digest),
    });
  };
  await visit(root);
  return { root, manifests, blobs: [...blobs.values()] };
}

/**
 * Copies the graph into every target at once. Per target: read the tags first (a refused or
 * unchanged release writes nothing), then blobs, then manifests children-first with the root
 * last and by digest, then a check that the root is really there, and only then the tags, so
 * a tag never points at something incomplete; then the tags are read back (see `writeTags`).
 * One target's failure never stops the others.
 */
export async function copyGraph(
  source: ContentSource,
  graph: ImageGraph,
  targets: readonly CopyTarget[],
  options: CopyOptions = {},
): Promise<TargetResult[]> {
  return Promise.all(targets.map((target) => copyToTarget(source, graph, target, options)));
}

async function copyToTarget(
  source: ContentSource,
  graph: ImageGraph,
  target: CopyTarget,
  options: CopyOptions,
): Promise<TargetResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const digest = graph.root.digest;
  const result: TargetResult = {
    host: target.client.host,
    repository: target.repository,
    status: options.dryRun ? 'would-push' : 'pushed',
    digest,
    tags: [],
    blobs: { skipped: 0, uploaded: 0, mounted: 0 },
    bytesUploaded: 0,
    seconds: 0,
  };
  try {
    if (target.failure) throw target.failure;
    const { client, repository } = target;
    await client.ping();

    const tags = target.tags ?? options.tags ?? [];
    const locked = new Set<string>();
    for (const tag of tags) {
      const previous = target.knownTags?.has(tag)
        ? target.knownTags.get(tag)
        : (await client.headManifest(repository, tag))?.digest;
      const immutable = options.immutableTags?.includes(tag) ?? false;
      const isLocked = target.lockedTags?.includes(tag) ?? false;
      const moving = previous !== undefined && previous !== digest;
      if (moving && isLocked) locked.add(tag);
      const action: TagOutcome['action'] =
        previous === undefined
          ? 'created'
          : !moving
            ? 'unchanged'
            : isLocked || (immutable && !options.overwrite)
              ? 'refused'
              : 'moved';
      result.tags.push({ tag, ...(previous && { previous }), action });
    }
    const refused = result.tags.filter((t) => t.action === 'refused');
    if (refused.length > 0) {
      result.status = 'refused';
      result.error = new TagConflictError(
        refused
          .map((t) =>
            locked.has(t.tag)
              ? `${client.host}/${repository}:${t.tag} holds ${t.previous} and is locked ` +
                '(writeEnabled: false), so not even `overwrite: true` moves it. Release a new ' +
                `version; or, if this release really must be replaced, unlock it first (az acr ` +
                `repository update --image ${repository}:${t.tag} --write-enabled true ` +
                '--delete-enabled true)'
              : `${client.host}/${repository}:${t.tag} already holds ${t.previous}, a different ` +
                `image than ${digest}. Release tags are immutable: release a new version, or set ` +
                '`overwrite: true` to move the tag on purpose',
          )
          .join('; '),
      );
      return result;
    }

    const root = graph.manifests.at(-1);
    const rootPresent = (await client.headManifest(repository, digest))?.digest === digest;
    // A root that gets a tag is written by that tag alone: the registry checks its children
    // and blobs on that PUT just as on one by digest, and the tag is read back after it.
    const rootByTag =
      !rootPresent &&
      !options.dryRun &&
      !target.beforeTags &&
      result.tags.some((t) => t.action !== 'unchanged');
    if (rootPresent) {
      // A registry only accepts a manifest whose blobs and children it holds, so the whole
      // graph is there already.
      result.blobs.skipped = graph.blobs.length;
    } else {
      await copyBlobs(source, graph, target, result, options);
      if (!options.dryRun) {
        await putChildManifests(graph, target);
        if (!rootByTag && root) {
          await client.putManifest(repository, digest, root.bytes, root.descriptor.mediaType);
        }
        const present =
          rootByTag || (await client.headManifest(repository, digest))?.digest === digest;
        if (!present) {
          throw new Error(
            `${client.host}/${repository}: the registry accepted ${digest} but does not serve it ` +
              'back; not tagging it or reporting it as pushed',
          );
        }
      }
    }

    if (!options.dryRun && root) {
      await target.beforeTags?.();
      await writeTags(target, result, root, options, !rootByTag);
      if (rootPresent && result.tags.every((t) => t.action === 'unchanged')) {
        result.status = 'unchanged';
      }
      await target.afterTagsVerified?.({
        result,
        manifests: graph.manifests.map((m) => m.descriptor.digest),
      });
    }
  } catch (error) {
    // A registry that keeps its tags (Aliyun's immutable repositories) refused, as we would.
    result.status = error instanceof RegistryError && error.refusesOverwrite ? 'refused' : 'failed';
    result.error = describeFailure(error, target);
  } finally {
    result.seconds = (now() - started) / 1000;
  }
  return result;
}

/**
 * Puts every manifest of the graph but the root, each once the manifests it lists are in:
 * siblings (the platforms of an index) go in together, not one round trip after another.
 */
export async function putChildManifests(graph: ImageGraph, target: CopyTarget): Promise<void> {
  const { client, repository } = target;
  const isHeld = async (digest: Digest): Promise<boolean> =>
    (await client.headManifest(repository, digest))?.digest === digest;
  const put = async ({ descriptor, bytes }: ImageGraph['manifests'][number]): Promise<void> => {
    // Never PUT what a registry that may refuse it holds: ACR may refuse a child shared with
    // a locked release (writeEnabled: false), even unchanged (FACTS.md: unconfirmed).
    if (target.asksBeforeManifests && (await isHeld(descriptor.digest))) return;
    try {
      await client.putManifest(repository, descriptor.digest, bytes, descriptor.mediaType);
    } catch (error) {
      // A registry with locks of its own that we were not told of: what it holds is fine.
      const refused = error instanceof RegistryError && [403, 405, 409].includes(error.status);
      if (!refused || !(await isHeld(descriptor.digest))) throw error;
    }
  };
  const done = new Map<Digest, Promise<void>>();
  for (const manifest of graph.manifests.slice(0, -1)) {
    const after = (manifest.children ?? []).flatMap((c) => done.get(c) ?? []);
    done.set(
      manifest.descriptor.digest,
      Promise.all(after).then(() => put(manifest)),
    );
  }
  // Every PUT settles before the copy goes on (or fails), so none runs on behind a failure.
  const failure = (await Promise.allSettled(done.values())).find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * Points the tags at the root, and checks that they stay there. Each immutable tag is read
 * again right before its PUT (another run may have released it since the first read), every
 * tag is read back after it is written, and all of them once more after a pause, so of two
 * runs racing for a tag, the one whose PUT landed first notices the other's. This narrows the
 * window; only a registry-side conditional write could close it, and there is none.
 */
async function writeTags(
  target: CopyTarget,
  result: TargetResult,
  root: ImageGraph['manifests'][number],
  options: CopyOptions,
  /** False when the root goes in by its first tag (see `rootByTag`). */
  rootWritten: boolean,
): Promise<void> {
  const { client, repository } = target;
  const digest = result.digest;
  for (const outcome of result.tags) {
    const immutable = options.immutableTags?.includes(outcome.tag) ?? false;
    if (outcome.action !== 'unchanged') {
      const now = (await client.headManifest(repository, outcome.tag))?.digest;
      if (immutable && !options.overwrite && now !== undefined && now !== digest) {
        // The image is kept by digest, as the message says, so the run that lost can be
        // inspected or tagged by hand.
        if (!rootWritten)
          await client.putManifest(repository, digest, root.bytes, root.descriptor.mediaType);
        throw lostRace(target, outcome.tag, now, digest, 'before this run wrote it');
      }
      if (now !== digest) {
        await client.putManifest(repository, outcome.tag, root.bytes, root.descriptor.mediaType);
      }
      rootWritten = true;
    }
    await checkTag(target, outcome.tag, digest, 'right after this run wrote it');
  }
  if (!result.tags.some((t) => t.action !== 'unchanged') || options.raceSettleMs === 0) return;
  await (options.sleep ?? sleep)(options.raceSettleMs ?? DEFAULT_RACE_SETTLE_MS);
  for (const outcome of result.tags) {
    await checkTag(target, outcome.tag, digest, 'a moment after this run wrote it');
  }
}

async function checkTag(
  target: CopyTarget,
  tag: string,
  digest: Digest,
  when: string,
): Promise<void> {
  const held = (await target.client.headManifest(target.repository, tag))?.digest;
  if (held !== digest) throw lostRace(target, tag, held, digest, when);
}

function lostRace(
  target: CopyTarget,
  tag: string,
  held: Digest | undefined,
  digest: Digest,
  when: string,
): LostRaceError {
  const where = `${target.client.host}/${target.repository}:${tag}`;
  return new LostRaceError(
    `${where} lost a race: it ${held ? `holds ${held}` : 'is gone'}, not this run's ${digest}, ` +
      `${when}. Another run (or someone) wrote the tag at the same time; this run's image is ` +
      'in the registry by digest only. Run one release of a ref at a time with a ' +
      '`concurrency:` group in the workflow (see the README), then re-run the release that ' +
      'should hold the tag (with `overwrite: true` if it must move)',
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Blobs this small are uploaded without asking whether the target has them. */
const UNASKED_BLOB_MAX = 16 * 1024;

/**
 * Puts the graph's blobs at the target: skipped when there, else mounted or uploaded. For a
 * graph whose root the target lacks.
 */
export async function copyBlobs(
  source: ContentSource,
  graph: ImageGraph,
  target: CopyTarget,
  result: Pick<TargetResult, 'blobs' | 'bytesUploaded'>,
  options: CopyOptions,
): Promise<void> {
  const { client, repository } = target;
  const holders = options.holders ?? new BlobHolders();
  const totalBytes = graph.blobs.reduce((sum, b) => sum + b.size, 0);
  let sentBytes = 0;
  const onBytes = options.hooks?.onProgress
    ? (bytes: number): void => {
        sentBytes += bytes;
        options.hooks?.onProgress?.({ target, bytes: sentBytes, totalBytes });
      }
    : undefined;
  await forEachLimited(
    graph.blobs,
    options.blobConcurrency ?? DEFAULT_BLOB_CONCURRENCY,
    async (blob) => {
      let outcome: BlobOutcome = 'skipped';
      // Asked only when this run knows nothing better: a blob it saw or put in this repository
      // is there, and one another repository of the registry holds is mounted straight away
      // (a mount of a blob the repository has already is accepted as well). A tiny blob (a
      // config) of a manifest the target lacks is nearly always missing too: sending it
      // costs less than asking first.
      const known = holders.heldIn(client.host, blob.digest, repository);
      const mountable = !options.dryRun && holders.holderOf(client.host, blob.digest, repository);
      const ask = options.dryRun || (!mountable && blob.size > UNASKED_BLOB_MAX);
      if (known || (ask && (await client.blobExists(repository, blob.digest)))) {
        holders.holds(client.host, blob.digest, repository);
      } else if (options.dryRun) {
        outcome = holders.holderOf(client.host, blob.digest, repository) ? 'mounted' : 'uploaded';
      } else {
        const claim = holders.claim(client.host, blob.digest, repository);
        try {
          const mountFrom = await claim.mountFrom;
          outcome = await client.pushBlob(repository, blob, {
            open: () => source.openBlob(blob),
            ...(mountFrom !== undefined && { mountFrom }),
            ...(onBytes && { onBytes }),
          });
          claim.settle(true);
        } catch (error) {
          claim.settle(false);
          throw error;
        }
      }
      if (outcome === 'uploaded') result.bytesUploaded += blob.size;
      result.blobs[outcome]++;
      options.hooks?.onBlob?.({ target, blob, outcome });
    },
  );
}

/**
 * Which repositories of each registry hold (or are about to hold) which blobs in this run,
 * so that a second repository on the same registry mounts a blob instead of uploading it
 * again. The first target to need a blob uploads it; the others wait for that upload and
 * then mount from it, or upload themselves if it failed.
 */
export class BlobHolders {
  private readonly byHost = new Map<string, Map<Digest, Holder>>();

  /** `repository` on `host` is known to hold the blob (it was there, or it is the source). */
  holds(host: string, digest: Digest, repository: string): void {
    const blobs = this.blobsOf(host);
    const holder = blobs.get(digest);
    if (holder) holder.known.add(repository);
    else
      blobs.set(digest, { repository, ready: Promise.resolve(true), known: new Set([repository]) });
  }

  /** Whether this run saw the blob in `repository`, or put it there. */
  heldIn(host: string, digest: Digest, repository: string): boolean {
    return this.byHost.get(host)?.get(digest)?.known.has(repository) ?? false;
  }

  holderOf(host: string, digest: Digest, repository: string): string | undefined {
    const holder = this.byHost.get(host)?.get(digest);
    return holder && holder.repository !== repository ? holder.repository : undefined;
  }

  /**
   * Called by a target about to put a blob. `mountFrom` resolves to a repository to mount
   * from, or undefined when the caller is the first (or the earlier upload failed).
   */
  claim(
    host: string,
    digest: Digest,
    repository: string,
  ): { mountFrom: Promise<string | undefined>; settle: (ok: boolean) => void } {
    const blobs = this.blobsOf(host);
    const holder = blobs.get(digest);
    if (holder && holder.repository !== repository) {
      return {
        mountFrom: holder.ready.then((ok) => (ok ? holder.repository : undefined)),
        settle: (ok) => {
          if (ok) holder.known.add(repository);
        },
      };
    }
    let settle: (ok: boolean) => void = () => undefined;
    const ready = new Promise<boolean>((resolve) => (settle = resolve));
    const claimed: Holder = { repository, ready, known: new Set() };
    blobs.set(digest, claimed);
    return {
      mountFrom: Promise.resolve(undefined),
      settle: (ok) => {
        if (ok) claimed.known.add(repository);
        else if (blobs.get(digest) === claimed) blobs.delete(digest);
        settle(ok);
      },
    };
  }

  private blobsOf(host: string): Map<Digest, Holder> {
    let blobs = this.byHost.get(host);
    if (!blobs) this.byHost.set(host, (blobs = new Map()));
    return blobs;
  }
}

/** The repository others mount a blob from, and every repository known to hold it. */
interface Holder {
  repository: string;
  /** Resolves once `repository` holds the blob (true), or failed to get it (false). */
  ready: Promise<boolean>;
  known: Set<string>;
}

/** Network errors carry no host of their own; say which registry and what to check. */
export function describeFailure(
  error: unknown,
  target: Pick<CopyTarget, 'client' | 'repository' | 'input'>,
): Error {
  if (error instanceof NetworkError && error.proxy) {
    return new Error(
      `${target.client.host}/${target.repository}: could not be reached through the proxy ` +
        `${error.proxy} (${error.code ?? 'network error'}: ${error.message}), after retries.`,
      { cause: error },
    );
  }
  if (error instanceof NetworkError) {
    return new Error(
      `${target.client.host}/${target.repository}: the registry could not be reached or dropped ` +
        `the connection (${error.code ?? 'network error'}: ${error.message}), after retries. ` +
        `Check the host in \`${target.input ?? 'registries'}\`, and that the registry is up and ` +
        'reachable from the runner.',
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
