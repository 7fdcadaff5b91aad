import { type Descriptor, parseManifest } from '../oci/descriptor.js';
import type { Digest } from '../oci/digest.js';
import {
  cosignTags,
  mergeReferrers,
  referrerDescriptor,
  referrersIndex,
  referrersTag,
} from '../oci/referrers.js';
import { MediaType } from '../oci/mediatypes.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';
import type { ContentSource } from '../source/source.js';
import {
  BlobHolders,
  copyBlobs,
  type CopyHooks,
  type CopyTarget,
  describeFailure,
  type ImageGraph,
  loadGraph,
  putChildManifests,
} from './copy.js';

/**
 * Signatures, SBOMs and attestations travel with the image: the referrers of every manifest
 * copied (and their own referrers, a signature on an SBOM) are found at the source and
 * pushed beside it, each with its `subject`, and then looked up at the target the way a
 * client would before the target counts as done. regctl's `--referrers --digest-tags` is the
 * model; see README "Referrers" for where this does more.
 */

/** `true`: all of them; `false`: none; a list: those whose artifactType is listed. */
export type ReferrersPolicy = boolean | readonly string[];

/** One referrer found at the source, with everything it needs. */
export interface Referrer {
  /** The manifest it refers to. */
  subject: Digest;
  /** As the referrers API lists it: with `artifactType` and the manifest's annotations. */
  descriptor: Descriptor;
  graph: ImageGraph;
  /** cosign's tag for it (`sha256-<hex>.sig`), when found by tag rather than by subject. */
  tag?: string;
}

/** The referrers of one manifest: by `subject` (API or fallback tag), and by cosign tag. */
export interface SubjectReferrers {
  subject: Digest;
  referrers: Referrer[];
  tagged: Referrer[];
}

/** Referrers of referrers are followed this deep: a signature on an SBOM on an image is 2. */
const MAX_DEPTH = 4;
/** Fallback-tag writes per subject before giving up on a writer that keeps racing us. */
const FALLBACK_ATTEMPTS = 5;

/**
 * Every referrer of every manifest of `graph` at the source, subjects before their
 * referrers, so they can be pushed in this order.
 */
export async function discoverReferrers(
  source: ContentSource,
  graph: ImageGraph,
  policy: ReferrersPolicy,
  /**
   * Told about a referrer that stays behind: one that can't be read (say, a type oci-push
   * doesn't copy), or one listed for this image whose `subject` is another image or absent.
   */
  onUnreadable: (message: string) => void = () => undefined,
): Promise<SubjectReferrers[]> {
  if (policy === false || (!source.referrers && !source.resolveTag)) return [];
  const found: SubjectReferrers[] = [];
  const seen = new Set<Digest>(graph.manifests.map((m) => m.descriptor.digest));
  let level = graph.manifests.map((m) => m.descriptor.digest);
  for (let depth = 1; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: Digest[] = [];
    for (const subject of level) {
      const entry: SubjectReferrers = { subject, referrers: [], tagged: [] };
      const unreadable = (digest: Digest, error: unknown): void =>
        onUnreadable(
          `${source.name}: the referrer ${digest} of ${subject} can't be read, so it is not ` +
            `copied: ${error instanceof Error ? error.message : String(error)}`,
        );
      for (const listed of (await source.referrers?.(subject)) ?? []) {
        if (seen.has(listed.digest)) continue;
        if (Array.isArray(policy) && listed.artifactType && !policy.includes(listed.artifactType))
          continue;
        const referrer = await loadReferrer(source, subject, listed).catch((error: unknown) => {
          unreadable(listed.digest, error);
          return undefined;
        });
        if (!referrer) continue;
        // A listing is the registry's word; the manifest's own `subject` is the referrer's.
        // One that names another image (or none) would be written into this image's
        // fallback index as if it signed it.
        const named = subjectOf(referrer);
        if (named !== subject) {
          onUnreadable(
            `${source.name}: ${listed.digest} is listed as a referrer of ${subject}, but ` +
              `${named === undefined ? 'it has no subject' : `its subject is ${named}`}; ` +
              'refused: it is not copied, nor listed for this image anywhere',
          );
          continue;
        }
        if (!wanted(policy, referrer)) continue;
        seen.add(listed.digest);
        entry.referrers.push(referrer);
      }
      for (const tag of source.resolveTag ? cosignTags(subject) : []) {
        const tagged = await source.resolveTag?.(tag);
        // A manifest also listed by subject still gets its tag; its own referrers are
        // looked for once.
        if (!tagged) continue;
        const loaded = await loadReferrer(source, subject, tagged).catch((error: unknown) => {
          unreadable(tagged.digest, error);
          return undefined;
        });
        if (!loaded) continue;
        const referrer = { ...loaded, tag };
        if (!wanted(policy, referrer)) continue;
        entry.tagged.push(referrer);
        if (!seen.has(tagged.digest)) next.push(tagged.digest);
        seen.add(tagged.digest);
      }
      if (entry.referrers.length + entry.tagged.length > 0) found.push(entry);
      next.push(...entry.referrers.map((r) => r.descriptor.digest));
    }
    level = next;
  }
  return found;
}

async function loadReferrer(
  source: ContentSource,
  subject: Digest,
  listed: Descriptor,
): Promise<Referrer> {
  const graph = await loadGraph(source, {
    mediaType: listed.mediaType,
    digest: listed.digest,
    size: listed.size,
  });
  const root = graph.manifests.at(-1);
  const descriptor = root ? referrerDescriptor(graph.root, root.bytes) : listed;
  return { subject, descriptor: { ...descriptor, ...pickArtifactType(listed) }, graph };
}

/** The digest a referrer's own manifest names as its `subject`, if any. */
function subjectOf(referrer: Referrer): Digest | undefined {
  const root = referrer.graph.manifests.at(-1);
  if (!root) return undefined;
  return parseManifest(root.bytes, root.descriptor.mediaType, referrer.descriptor.digest).subject
    ?.digest;
}

/** The listing's artifactType wins over the one derived from the manifest. */
function pickArtifactType(listed: Descriptor): Partial<Descriptor> {
  return listed.artifactType ? { artifactType: listed.artifactType } : {};
}

/**
 * A list keeps the referrers whose artifactType it names. cosign's tagged manifests carry
 * no artifactType (their config is a plain image config), so their layers' media types
 * count too: `application/vnd.dev.cosign.simplesigning.v1+json` selects signatures.
 */
function wanted(policy: ReferrersPolicy, referrer: Referrer): boolean {
  if (policy === true) return true;
  if (policy === false) return false;
  if (referrer.descriptor.artifactType && policy.includes(referrer.descriptor.artifactType))
    return true;
  if (!referrer.tag) return false;
  const root = referrer.graph.manifests.at(-1);
  if (!root) return false;
  const parsed = parseManifest(root.bytes, root.descriptor.mediaType, referrer.tag);
  return parsed.blobs.some((b) => policy.includes(b.mediaType));
}

/** What happened to one referrer at one target. */
export interface ReferrerOutcome {
  subject: Digest;
  digest: Digest;
  artifactType?: string;
  /** cosign's tag, for those found by tag. */
  tag?: string;
  /**
   * - `copied`: pushed now (or, for a tag, the tag created or moved) and found again;
   * - `present`: the target had it, listed (or tagged) as a client looks for it;
   * - `would-copy`: a dry run;
   * - `failed`: see `error`.
   */
  action: 'copied' | 'present' | 'would-copy' | 'failed';
  /** A cosign tag that pointed elsewhere before: the image was re-signed. */
  movedFrom?: Digest;
  error?: string;
}

export interface ReferrersResult {
  copied: number;
  present: number;
  failed: number;
  outcomes: ReferrerOutcome[];
  /** Whether the target serves the referrers API; undefined when it was never asked. */
  api?: boolean;
  /** Fallback tags (`sha256-<hex>`) written at the target. */
  fallbackTags: string[];
}

export interface ReferrerCopyOptions {
  dryRun?: boolean;
  holders?: BlobHolders;
  hooks?: CopyHooks;
  blobConcurrency?: number;
}

/**
 * Pushes the referrers to one target, subjects first. Each referrer is its own small graph:
 * blobs (mounted or skipped as the image's are), then manifests by digest. Where the
 * registry does not index `subject` itself (no referrers API, or no `OCI-Subject` answer),
 * the fallback tag is merged. cosign's tags are pushed as tags and float: a moved one is
 * reported. A referrer that fails is counted and the others go on.
 */
export async function copyReferrers(
  source: ContentSource,
  found: readonly SubjectReferrers[],
  target: CopyTarget,
  options: ReferrerCopyOptions = {},
): Promise<ReferrersResult> {
  const result: ReferrersResult = {
    copied: 0,
    present: 0,
    failed: 0,
    outcomes: [],
    fallbackTags: [],
  };
  const state: TargetState = { target, options, source, result };
  for (const entry of found) {
    if (entry.referrers.length > 0) await copyBySubject(state, entry);
    for (const referrer of entry.tagged) await copyTagged(state, referrer);
  }
  for (const outcome of result.outcomes) {
    if (outcome.action === 'copied') result.copied++;
    else if (outcome.action === 'present') result.present++;
    else if (outcome.action === 'failed') result.failed++;
  }
  return result;
}

interface TargetState {
  target: CopyTarget;
  options: ReferrerCopyOptions;
  source: ContentSource;
  result: ReferrersResult;
}

async function copyBySubject(state: TargetState, entry: SubjectReferrers): Promise<void> {
  const { target, options, result } = state;
  const outcomes = entry.referrers.map((r): ReferrerOutcome => ({
    subject: entry.subject,
    digest: r.descriptor.digest,
    ...(r.descriptor.artifactType && { artifactType: r.descriptor.artifactType }),
    action: 'present',
  }));
  result.outcomes.push(...outcomes);
  // What an error fails: all of them until the listing says which are there already.
  let pending = outcomes;
  try {
    const listed = new Set((await listAtTarget(state, entry.subject)).map((d) => d.digest));
    const missing = entry.referrers.filter((r) => !listed.has(r.descriptor.digest));
    pending = missing.map((r) => outcomeOf(outcomes, r));
    if (missing.length === 0) return;
    if (options.dryRun) {
      for (const r of missing) outcomeOf(outcomes, r).action = 'would-copy';
      return;
    }
    let indexed = true;
    for (const referrer of missing) {
      const outcome = outcomeOf(outcomes, referrer);
      try {
        const pushed = await pushGraph(state, referrer.graph);
        // There but not listed (a writer lost it from the fallback tag): listing it copies it.
        if (pushed !== 'present') indexed &&= pushed.subjectIndexed;
        outcome.action = 'copied';
      } catch (error) {
        fail(outcome, error, target);
      }
    }
    const added = missing.filter((r) => outcomeOf(outcomes, r).action !== 'failed');
    if (added.length === 0) return;
    if (result.api === false || !indexed) {
      await mergeFallbackTag(
        state,
        entry.subject,
        added.map((r) => r.descriptor),
      );
    }
    // Verify as a client would look: through the API, or the fallback tag.
    const after = new Set((await listAtTarget(state, entry.subject)).map((d) => d.digest));
    for (const referrer of added) {
      if (after.has(referrer.descriptor.digest)) continue;
      fail(
        outcomeOf(outcomes, referrer),
        new Error(
          `${target.client.host}/${target.repository}: the referrer ${referrer.descriptor.digest} ` +
            `of ${entry.subject} was pushed, but a client listing the referrers there ` +
            `(${listedVia(result.api, entry.subject)}) does not ` +
            'find it. Run again; if it persists, check what else writes that tag',
        ),
        target,
      );
    }
  } catch (error) {
    for (const outcome of pending) if (outcome.action !== 'failed') fail(outcome, error, target);
  }
}

function outcomeOf(outcomes: ReferrerOutcome[], referrer: Referrer): ReferrerOutcome {
  return outcomes.find((o) => o.digest === referrer.descriptor.digest) as ReferrerOutcome;
}

function fail(outcome: ReferrerOutcome, error: unknown, target: CopyTarget): void {
  outcome.action = 'failed';
  outcome.error = describeFailure(error, target).message;
}

/** The referrers the target lists for `subject`: API when it has one, else the fallback tag. */
async function listAtTarget(state: TargetState, subject: Digest): Promise<Descriptor[]> {
  const { client, repository } = state.target;
  if (state.result.api === false) return (await readFallbackTag(client, repository, subject)) ?? [];
  const { listed, api } = await listReferrers(client, repository, subject);
  state.result.api = api;
  return listed;
}

/**
 * The referrers of `subject` in a repository, listed as a verifier lists them: through the
 * referrers API where the registry serves it, else from the fallback tag `sha256-<hex>`.
 */
export async function listReferrers(
  client: RegistryClient,
  repository: string,
  subject: Digest,
): Promise<{ listed: Descriptor[]; api: boolean }> {
  const listed = await client.getReferrers(repository, subject);
  if (listed) return { listed, api: true };
  return { listed: (await readFallbackTag(client, repository, subject)) ?? [], api: false };
}

/** How a verifier finds the referrers of `subject` there, for messages. */
export function listedVia(api: boolean | undefined, subject: Digest): string {
  return api ? 'referrers API' : `tag ${referrersTag(subject)}`;
}

/** The fallback tag's referrers, or undefined when there is no such tag. */
async function readFallbackTag(
  client: RegistryClient,
  repository: string,
  subject: Digest,
): Promise<Descriptor[] | undefined> {
  const tag = referrersTag(subject);
  let bytes: Buffer;
  let mediaType: string;
  try {
    ({ bytes, mediaType } = await client.getManifest(repository, tag));
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return undefined;
    throw error;
  }
  const where = `${client.host}/${repository}: referrers tag ${tag}`;
  return parseManifest(bytes, mediaType.split(';')[0] ?? '', where).manifests;
}

/**
 * Read, merge, write; then read back, and merge again if another writer replaced it in
 * between (distribution-spec "Pushing Manifests with Subject": the client keeps the tag).
 * Nothing in the registry makes this atomic, so the read-back is what catches a race.
 */
async function mergeFallbackTag(
  state: TargetState,
  subject: Digest,
  added: Descriptor[],
): Promise<void> {
  const { client, repository } = state.target;
  const tag = referrersTag(subject);
  for (let attempt = 1; attempt <= FALLBACK_ATTEMPTS; attempt++) {
    const current = (await readFallbackTag(client, repository, subject)) ?? [];
    const have = new Set(current.map((d) => d.digest));
    if (added.every((d) => have.has(d.digest))) return;
    const merged = mergeReferrers(current, added);
    await client.putManifest(repository, tag, referrersIndex(merged), MediaType.OciIndex);
    if (!state.result.fallbackTags.includes(tag)) state.result.fallbackTags.push(tag);
  }
  throw new Error(
    `${client.host}/${repository}: the referrers tag ${tag} kept changing under us ` +
      `(${FALLBACK_ATTEMPTS} writes, each replaced by another writer). Run again when the ` +
      'other writer is done',
  );
}

/**
 * A referrer's own graph at the target: blobs, then manifests children first by digest.
 * `present` when its root was there already (so was all of it).
 */
async function pushGraph(
  state: TargetState,
  graph: ImageGraph,
): Promise<'present' | { subjectIndexed: boolean }> {
  const { target, options, source } = state;
  const { client, repository } = target;
  if ((await client.headManifest(repository, graph.root.digest))?.digest === graph.root.digest)
    return 'present';
  const counts = { blobs: { skipped: 0, uploaded: 0, mounted: 0 }, bytesUploaded: 0 };
  await copyBlobs(source, graph, target, counts, {
    holders: options.holders ?? new BlobHolders(),
    ...(options.hooks && { hooks: options.hooks }),
    ...(options.blobConcurrency !== undefined && { blobConcurrency: options.blobConcurrency }),
  });
  await putChildManifests(graph, target);
  const root = graph.manifests.at(-1);
  if (!root) return { subjectIndexed: false };
  const pushed = await client.pushManifest(
    repository,
    root.descriptor.digest,
    root.bytes,
    root.descriptor.mediaType,
  );
  return { subjectIndexed: pushed.subjectIndexed };
}

/** cosign's tag: the manifest by digest, then the tag, which floats like `latest`. */
async function copyTagged(state: TargetState, referrer: Referrer): Promise<void> {
  const { target, options, result } = state;
  const { client, repository } = target;
  const tag = referrer.tag as string;
  const digest = referrer.descriptor.digest;
  const outcome: ReferrerOutcome = {
    subject: referrer.subject,
    digest,
    tag,
    ...(referrer.descriptor.artifactType && { artifactType: referrer.descriptor.artifactType }),
    action: 'present',
  };
  result.outcomes.push(outcome);
  try {
    const previous = (await client.headManifest(repository, tag))?.digest;
    if (previous === digest) return;
    if (previous !== undefined) outcome.movedFrom = previous;
    if (options.dryRun) {
      outcome.action = 'would-copy';
      return;
    }
    await pushGraph(state, referrer.graph);
    const root = referrer.graph.manifests.at(-1);
    if (root) await client.putManifest(repository, tag, root.bytes, root.descriptor.mediaType);
    const now = (await client.headManifest(repository, tag))?.digest;
    if (now !== digest) {
      throw new Error(
        `${client.host}/${repository}:${tag} was pushed as ${digest} but now names ` +
          `${now ?? 'nothing'}; another writer moved it. Run again`,
      );
    }
    outcome.action = 'copied';
  } catch (error) {
    fail(outcome, error, target);
  }
}
