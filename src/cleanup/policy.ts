import type { Digest } from '../oci/digest.js';
import { isIndexMediaType } from '../oci/mediatypes.js';
import { type TagPattern, wholeMatcher } from '../oci/pattern.js';
import { referrerTagSubject } from '../oci/referrers.js';

/**
 * What a scheduled cleanup deletes from one ACR repository, decided before anything is
 * deleted. Pure: the same listing, rules and clock always give the same plan.
 *
 * The shape of the input follows ACR's `/acr/v1/{repo}/_manifests` and `/_tags` listings
 * (`@azure/container-registry`'s `ArtifactManifestProperties` and `ArtifactTagProperties`):
 * `canDelete`/`canWrite` there are `deleteEnabled`/`writeEnabled` here, `relatedArtifacts` (an
 * index's manifests) is `children`. Neither listing carries a manifest's `subject`, nor, in the
 * SDK, its media type: the caller reads those from the manifest itself.
 */
export interface ManifestInfo {
  digest: Digest;
  createdOn: Date;
  lastUpdatedOn: Date;
  /** As the manifest listing gives them; merged with `RepositoryListing.tags`. */
  tags: string[];
  deleteEnabled: boolean;
  /** ACR refuses to delete a manifest with `writeEnabled: false` too (acr purge skips both). */
  writeEnabled?: boolean;
  mediaType?: string;
  /** An index's manifests; empty for an image manifest. */
  children: Digest[];
  /** The manifest this one refers to: a signature's, SBOM's or attestation's image. */
  subject?: Digest;
}

export interface TagInfo {
  name: string;
  digest: Digest;
  createdOn: Date;
  lastUpdatedOn: Date;
  deleteEnabled: boolean;
  writeEnabled?: boolean;
}

export interface RepositoryListing {
  repository: string;
  manifests: ManifestInfo[];
  tags: TagInfo[];
  /** Every page of both listings was read. When false nothing is deleted in this repository. */
  complete: boolean;
  /** What went wrong when `complete` is false, for the summary, e.g. "page 3 of _manifests: 503". */
  problem?: string;
}

export interface CleanupRules {
  now: Date;
  /** Manifests and tags last updated at least this long before `now` are old enough to delete. */
  olderThanMs: number;
  /** Delete manifests that were already untagged (not only those this run untags). */
  untagged: boolean;
  /**
   * Tags it matches *as a whole* are deleted when old enough: `dev-.*` never matches
   * `1.2.3-dev-x`. Matched through `wholeMatcher` (`^(?:…)$`), so users need not anchor it,
   * and an alternated pattern (`^a|b$`) can't match more than it says.
   */
  tagPattern?: TagPattern;
  /** Keep this many of the roots this run would otherwise delete, the most recently updated. */
  keep: number;
}

/**
 * Why a manifest stays, in the order reasons are decided; a manifest gets the first that
 * applies. The rounds (see `planRepository`) are: its own state; then, for whatever is still
 * undecided, `untagged-off`, `subject-missing` and `keep`, each followed by what it holds.
 */
export const KEEP_REASONS = [
  /** The manifest is locked: `deleteEnabled` or `writeEnabled` is false. */
  'locked',
  /** It keeps a tag this run doesn't delete: not matching `tag-pattern`, too new, or unknown. */
  'tagged',
  /** Its only remaining tags would be deleted but are locked. */
  'tag-locked',
  /** Last updated after the cut-off. */
  'too-new',
  /** A manifest of an index that stays (`via`). Deleting it would break that index. */
  'child-of-kept-index',
  /** A referrer whose subject (`via`) stays. */
  'referrer-of-kept',
  /** The subject of a referrer (`via`) that stays: an artifact and its referrers go together. */
  'has-kept-referrer',
  /** Untagged before this run and `untagged: false`. */
  'untagged-off',
  /** A referrer whose subject is not in this repository's listing; see `planRepository`. */
  'subject-missing',
  /** One of the `keep` most recently updated roots this run would otherwise delete. */
  'keep',
] as const;
export type KeepReason = (typeof KEEP_REASONS)[number];

export interface KeptManifest {
  digest: Digest;
  /** Its tags after this run. */
  tags: string[];
  reason: KeepReason;
  /** The index, subject or referrer that keeps it, for the inherited reasons. */
  via?: Digest;
}

export interface TagDeletion {
  name: string;
  digest: Digest;
}

/**
 * The deleter's contract: delete `deleteTags` first (untag, `DELETE /acr/v1/{repo}/_tags/{tag}`),
 * then `deleteManifests` in the order given, and stop this repository at its first failure.
 * The order puts every index before its manifests and every referrer before its subject, so
 * stopping early never leaves an index without a manifest. Every deleted manifest has all its
 * tags in `deleteTags`, so no manifest delete removes a tag this plan didn't name.
 */
export interface RepositoryPlan {
  repository: string;
  deleteTags: TagDeletion[];
  deleteManifests: Digest[];
  /** Every listed manifest that stays, in listing order. Empty when `incomplete` is set. */
  kept: KeptManifest[];
  /** Set when nothing may be deleted here, saying why. */
  incomplete?: string;
  /** Inconsistencies that left something alone, for the summary. */
  warnings: string[];
}

export function planCleanup(listings: RepositoryListing[], rules: CleanupRules): RepositoryPlan[] {
  return listings.map((listing) => planRepository(listing, rules));
}

/** How one tag of a listed manifest fares in this run. */
type TagFate =
  /** Deleted: matches `tag-pattern`, old enough, unlocked (and so is its manifest). */
  | 'delete'
  /** A referrer tag (cosign): deleted with its manifest, never on its own. */
  | 'follows-manifest'
  /** Would be deleted, but the tag or its manifest is locked. */
  | 'locked'
  /** Stays: doesn't match the pattern, is too new, or the listings disagree about it. */
  | 'stays';

interface Node {
  manifest: ManifestInfo;
  tags: Map<string, TagFate>;
  /** Listed indexes this manifest belongs to, in listing order. */
  parents: Digest[];
  /** Listed manifests of this index. */
  children: Digest[];
  /** The subjects it refers to (the `subject` field and referrer tags), listed or not. */
  subjects: Digest[];
  /** Listed referrers of this manifest. */
  referrers: Digest[];
  /** When it last changed, as ms; NaN when unknown (then it's never old enough). */
  activity: number;
}

/**
 * Plans one repository. The rules, in the order they are applied:
 *
 * 1. A listing that is incomplete (a failed page), or that shows an index without its
 *    manifests (so they can't be protected), deletes nothing.
 * 2. Tags: a tag is deleted when it matches `tag-pattern` as a whole, was last updated before
 *    the cut-off, and neither it nor its manifest is locked. Referrer tags (`sha256-<hex>.sig`,
 *    `.att`, `.sbom`, `sha256-<hex>`) never match: they follow their manifest.
 * 3. Round 1, a manifest's own state keeps it: locked, tagged after step 2, only locked tags
 *    left, or last updated after the cut-off (the later of `createdOn` and `lastUpdatedOn`;
 *    an unreadable date counts as new).
 * 4. Whatever stays holds what hangs on it, recursively: an index its manifests, a subject
 *    its referrers, and a referrer its subject (ACR may delete referrers with their subject,
 *    so an artifact and its referrers stay or go together).
 * 5. Round 2, with `untagged: false`: roots (no listed index holds them, no subject) that had
 *    no tag before this run stay. What an index or subject holds goes with it: deleting a
 *    dev-tagged index deletes its untagged platform manifests even with `untagged: false`.
 * 6. Round 3: a referrer whose subject is not listed stays. Its subject may be hidden
 *    (`listEnabled: false`) or in another repository (`COSIGN_REPOSITORY`); nothing proves it
 *    is gone, and a stray signature costs little.
 * 7. Round 4, `keep`: of the roots still to be deleted, the `keep` most recently updated stay
 *    (ties: lower digest first), with their tags. Only roots count: an index with its
 *    platform manifests and referrers is one build. New, tagged and locked roots don't count,
 *    as `acr purge --keep` counts only to-be-deleted tags: `keep: N` always spares N builds.
 * 8. Everything else is deleted, with all its tags.
 */
export function planRepository(listing: RepositoryListing, rules: CleanupRules): RepositoryPlan {
  const plan: RepositoryPlan = {
    repository: listing.repository,
    deleteTags: [],
    deleteManifests: [],
    kept: [],
    warnings: [],
  };
  const manifests = mergeByDigest(listing.manifests);
  const incomplete = incompleteListing(listing, manifests);
  if (incomplete) return { ...plan, incomplete };

  const cutoff = rules.now.getTime() - rules.olderThanMs;
  const isOld = (ms: number): boolean => Number.isFinite(ms) && ms < cutoff;
  const graph = buildGraph(manifests, listing.tags, rules, isOld, plan.warnings);
  const kept = new Keeping(graph);
  kept.add(ownStateKeeps(graph, isOld));
  if (!rules.untagged) kept.add(untaggedRootKeeps(graph, kept));
  kept.add(subjectMissingKeeps(graph, kept));
  kept.add(newestRootKeeps(graph, kept, rules.keep));
  return { ...plan, ...deletions(graph, kept) };
}

/** The listing as nodes (manifests with their tags' fates) and edges (indexes, referrers). */
interface Graph {
  nodes: Map<Digest, Node>;
  /** Digests in listing order: every result lists in this order. */
  order: Digest[];
}

/** Why a manifest stays, and the manifest that keeps it for the inherited reasons. */
type Keep = { reason: KeepReason; via?: Digest };

/**
 * Rule 1: nothing is deleted from a listing that is incomplete (a failed page) or that shows
 * an index without its manifests (so they can't be protected). Says why, or undefined.
 */
function incompleteListing(
  listing: RepositoryListing,
  manifests: ManifestInfo[],
): string | undefined {
  if (!listing.complete) {
    return (
      `the listing was incomplete (${listing.problem ?? 'a page could not be read'}), ` +
      'so nothing was deleted here; the next run tries again'
    );
  }
  const emptyIndex = manifests.find(
    (m) => m.mediaType !== undefined && isIndexMediaType(m.mediaType) && m.children.length === 0,
  );
  if (!emptyIndex) return undefined;
  return (
    `the index ${emptyIndex.digest} was listed without its manifests, so they could not be ` +
    'protected; nothing was deleted here'
  );
}

/**
 * Rule 2, and the graph: each manifest's tags with their fate (a tag is deleted when it
 * matches `tag-pattern` as a whole, is old enough, and neither it nor its manifest is
 * locked; referrer tags follow their manifest; a tag the listings disagree about stays),
 * then indexes and their manifests, referrers and their subjects. Inconsistencies in the
 * listings become `warnings`.
 */
function buildGraph(
  manifests: ManifestInfo[],
  tags: TagInfo[],
  rules: CleanupRules,
  isOld: (ms: number) => boolean,
  warnings: string[],
): Graph {
  const matches = rules.tagPattern ? wholeMatcher(rules.tagPattern) : () => false;
  const { tagInfo, disputed } = mergeTags(tags, warnings);

  const nodes = new Map<Digest, Node>();
  for (const manifest of manifests) {
    nodes.set(manifest.digest, {
      manifest,
      tags: new Map(),
      parents: [],
      children: [],
      subjects: [],
      referrers: [],
      activity: lastChange(manifest),
    });
  }
  const order = [...nodes.keys()];

  // A tag the two listings place differently (it moved between them) is left alone everywhere.
  for (const manifest of manifests) {
    for (const name of manifest.tags) {
      const info = tagInfo.get(name);
      if (info?.digest === manifest.digest || disputed.has(name)) continue;
      disputed.add(name);
      warnings.push(
        `${name}: the manifest listing puts it on ${manifest.digest}, the tag listing ` +
          `${info ? `on ${info.digest}` : 'nowhere'}; left alone`,
      );
    }
  }

  // Tags: the manifest listing's, and the tag listing's that point here.
  for (const node of nodes.values()) {
    const { manifest } = node;
    const names = [...manifest.tags];
    for (const tag of tags) {
      if (tag.digest === manifest.digest && !names.includes(tag.name)) names.push(tag.name);
    }
    const manifestLocked = isLocked(manifest);
    for (const name of names) {
      const subject = referrerTagSubject(name);
      if (subject !== undefined && subject !== manifest.digest && !node.subjects.includes(subject))
        node.subjects.push(subject);
      const info = tagInfo.get(name);
      if (!info || disputed.has(name)) {
        node.tags.set(name, 'stays');
        continue;
      }
      const wanted = subject !== undefined || (matches(name) && isOld(lastChange(info)));
      if (!wanted) node.tags.set(name, 'stays');
      else if (manifestLocked || isLocked(info)) node.tags.set(name, 'locked');
      else node.tags.set(name, subject !== undefined ? 'follows-manifest' : 'delete');
    }
  }
  for (const tag of tags) {
    if (!nodes.has(tag.digest)) {
      warnings.push(
        `${tag.name}: points at ${tag.digest}, which the manifest listing doesn't show; left alone`,
      );
    }
  }

  // The edges: indexes and their manifests, referrers and their subjects.
  for (const digest of order) {
    const node = nodes.get(digest) as Node;
    for (const child of node.manifest.children) {
      const childNode = nodes.get(child);
      if (!childNode || child === digest || node.children.includes(child)) continue;
      node.children.push(child);
      childNode.parents.push(digest);
    }
    const subject = node.manifest.subject;
    if (subject !== undefined && subject !== digest && !node.subjects.includes(subject)) {
      node.subjects.unshift(subject);
    }
    for (const s of node.subjects) nodes.get(s)?.referrers.push(digest);
  }
  return { nodes, order };
}

/**
 * The tag listing by name. A tag listed on two digests is disputed (left alone, with a
 * warning); listed twice on one (pages shifted), the later date and either lock count.
 */
function mergeTags(
  tags: TagInfo[],
  warnings: string[],
): { tagInfo: Map<string, TagInfo>; disputed: Set<string> } {
  const tagInfo = new Map<string, TagInfo>();
  const disputed = new Set<string>();
  for (const tag of tags) {
    const seen = tagInfo.get(tag.name);
    if (seen && seen.digest !== tag.digest && !disputed.has(tag.name)) {
      disputed.add(tag.name);
      warnings.push(
        `${tag.name}: the tag listing shows it on ${seen.digest} and ${tag.digest}; left alone`,
      );
    }
    tagInfo.set(
      tag.name,
      seen?.digest === tag.digest
        ? {
            ...tag,
            lastUpdatedOn: new Date(Math.max(lastChange(seen), lastChange(tag))),
            deleteEnabled: seen.deleteEnabled && tag.deleteEnabled,
            writeEnabled: seen.writeEnabled !== false && tag.writeEnabled !== false,
          }
        : tag,
    );
  }
  return { tagInfo, disputed };
}

/** A root: no listed index holds it, and it refers to no subject. */
function isRoot(node: Node): boolean {
  return node.parents.length === 0 && node.subjects.length === 0;
}

/**
 * What stays, and why (rule 4): each round's seeds, and with each, level by level, what it
 * holds: an index its manifests, a subject its referrers, and a referrer its subject (ACR
 * may delete referrers with their subject, so an artifact and its referrers stay or go
 * together). A manifest keeps the first reason it gets.
 */
class Keeping {
  private readonly kept = new Map<Digest, Keep>();

  constructor(private readonly graph: Graph) {}

  has(digest: Digest): boolean {
    return this.kept.has(digest);
  }

  get(digest: Digest): Keep | undefined {
    return this.kept.get(digest);
  }

  /** Keeps the seeds, then everything they hold. */
  add(seeds: [Digest, KeepReason][]): void {
    let frontier: Digest[] = [];
    for (const [digest, reason] of seeds) {
      if (this.kept.has(digest)) continue;
      this.kept.set(digest, { reason });
      frontier.push(digest);
    }
    while (frontier.length > 0) {
      const held = new Set(frontier);
      const next: Digest[] = [];
      for (const digest of this.graph.order) {
        if (this.kept.has(digest)) continue;
        const node = this.graph.nodes.get(digest) as Node;
        const parent = node.parents.find((d) => held.has(d));
        const subject = node.subjects.find((d) => held.has(d));
        const referrer = node.referrers.find((d) => held.has(d));
        const hold: [KeepReason, Digest | undefined] = parent
          ? ['child-of-kept-index', parent]
          : subject
            ? ['referrer-of-kept', subject]
            : ['has-kept-referrer', referrer];
        if (hold[1] === undefined) continue;
        this.kept.set(digest, { reason: hold[0], via: hold[1] });
        next.push(digest);
      }
      frontier = next;
    }
  }
}

/**
 * Rule 3 (round 1): a manifest's own state keeps it: locked, tagged after rule 2, only
 * locked tags left, or last updated after the cut-off (the later of `createdOn` and
 * `lastUpdatedOn`; an unreadable date counts as new).
 */
function ownStateKeeps(graph: Graph, isOld: (ms: number) => boolean): [Digest, KeepReason][] {
  const seeds: [Digest, KeepReason][] = [];
  for (const digest of graph.order) {
    const node = graph.nodes.get(digest) as Node;
    const fates = [...node.tags.values()];
    if (isLocked(node.manifest)) seeds.push([digest, 'locked']);
    else if (fates.includes('stays')) seeds.push([digest, 'tagged']);
    else if (fates.includes('locked')) seeds.push([digest, 'tag-locked']);
    else if (!isOld(node.activity)) seeds.push([digest, 'too-new']);
  }
  return seeds;
}

/**
 * Rule 5 (round 2, `untagged: false`): roots that had no tag before this run stay. What an
 * index or subject holds goes with it: deleting a dev-tagged index deletes its untagged
 * platform manifests even with `untagged: false`.
 */
function untaggedRootKeeps(graph: Graph, kept: Keeping): [Digest, KeepReason][] {
  return graph.order
    .filter((d) => !kept.has(d))
    .filter(
      (d) => isRoot(graph.nodes.get(d) as Node) && (graph.nodes.get(d) as Node).tags.size === 0,
    )
    .map((d) => [d, 'untagged-off']);
}

/**
 * Rule 6 (round 3): a referrer whose subject is not listed stays. Its subject may be hidden
 * (`listEnabled: false`) or in another repository (`COSIGN_REPOSITORY`); nothing proves it
 * is gone, and a stray signature costs little.
 */
function subjectMissingKeeps(graph: Graph, kept: Keeping): [Digest, KeepReason][] {
  return graph.order
    .filter((d) => !kept.has(d))
    .filter((d) => (graph.nodes.get(d) as Node).subjects.some((s) => !graph.nodes.has(s)))
    .map((d) => [d, 'subject-missing']);
}

/**
 * Rule 7 (round 4, `keep`): of the roots still to be deleted, the `keep` most recently
 * updated stay (ties: lower digest first), with their tags. Only roots count: an index with
 * its platform manifests and referrers is one build. New, tagged and locked roots don't
 * count, as `acr purge --keep` counts only to-be-deleted tags: `keep: N` always spares N.
 */
function newestRootKeeps(graph: Graph, kept: Keeping, keep: number): [Digest, KeepReason][] {
  const activity = (d: Digest): number => (graph.nodes.get(d) as Node).activity;
  return graph.order
    .filter((d) => !kept.has(d) && isRoot(graph.nodes.get(d) as Node))
    .sort((a, b) => {
      const byTime = activity(b) - activity(a);
      return byTime !== 0 ? byTime : a < b ? -1 : 1;
    })
    .slice(0, Math.max(0, keep))
    .map((d) => [d, 'keep']);
}

/**
 * Rule 8: everything not kept is deleted, with all its tags, in the deleter's order; what
 * stays is listed with its tags after this run (a root spared by `keep` keeps its tags: a
 * dev build nobody can name is no use).
 */
function deletions(
  graph: Graph,
  kept: Keeping,
): Pick<RepositoryPlan, 'deleteTags' | 'deleteManifests' | 'kept'> {
  const deleteTags: TagDeletion[] = [];
  const keptManifests: KeptManifest[] = [];
  for (const digest of graph.order) {
    const node = graph.nodes.get(digest) as Node;
    const decision = kept.get(digest);
    if (!decision) {
      for (const name of node.tags.keys()) deleteTags.push({ name, digest });
      continue;
    }
    const remaining: string[] = [];
    for (const [name, fate] of node.tags) {
      if (fate === 'delete' && decision.reason !== 'keep') deleteTags.push({ name, digest });
      else remaining.push(name);
    }
    keptManifests.push({
      digest,
      tags: remaining,
      reason: decision.reason,
      ...(decision.via && { via: decision.via }),
    });
  }
  const doomed = new Set(graph.order.filter((d) => !kept.has(d)));
  return {
    deleteTags,
    deleteManifests: deletionOrder(graph.order, doomed, graph.nodes),
    kept: keptManifests,
  };
}

/** The later of the two dates, as ms; NaN when either is unreadable. */
function lastChange(item: { createdOn: Date; lastUpdatedOn: Date }): number {
  return Math.max(item.createdOn.getTime(), item.lastUpdatedOn.getTime());
}

function isLocked(attributes: { deleteEnabled: boolean; writeEnabled?: boolean }): boolean {
  return attributes.deleteEnabled === false || attributes.writeEnabled === false;
}

/**
 * A listing read page by page can show a manifest twice; merge conservatively: all tags,
 * all children, locked if either says so, the later dates.
 */
function mergeByDigest(manifests: ManifestInfo[]): ManifestInfo[] {
  const merged = new Map<Digest, ManifestInfo>();
  for (const m of manifests) {
    const seen = merged.get(m.digest);
    if (!seen) {
      merged.set(m.digest, { ...m, tags: [...m.tags], children: [...m.children] });
      continue;
    }
    const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
    merged.set(m.digest, {
      ...seen,
      createdOn: later(seen.createdOn, m.createdOn),
      lastUpdatedOn: later(seen.lastUpdatedOn, m.lastUpdatedOn),
      tags: [...new Set([...seen.tags, ...m.tags])],
      children: [...new Set([...seen.children, ...m.children])],
      deleteEnabled: seen.deleteEnabled && m.deleteEnabled,
      writeEnabled: seen.writeEnabled !== false && m.writeEnabled !== false,
      ...((seen.subject ?? m.subject) && { subject: seen.subject ?? m.subject }),
      ...((seen.mediaType ?? m.mediaType) && { mediaType: seen.mediaType ?? m.mediaType }),
    });
  }
  return [...merged.values()];
}

/**
 * Every index before its manifests and every referrer before its subject, otherwise in
 * listing order: a depth-first walk that emits what must go first before each manifest.
 */
function deletionOrder(order: Digest[], doomed: Set<Digest>, nodes: Map<Digest, Node>): Digest[] {
  const out: Digest[] = [];
  const state = new Map<Digest, 'visiting' | 'done'>();
  const visit = (digest: Digest): void => {
    if (state.has(digest)) return; // 'visiting' would be a cycle, impossible for digests
    state.set(digest, 'visiting');
    const node = nodes.get(digest) as Node;
    for (const before of [...node.parents, ...node.referrers]) {
      if (doomed.has(before)) visit(before);
    }
    state.set(digest, 'done');
    out.push(digest);
  };
  for (const digest of order) if (doomed.has(digest)) visit(digest);
  return out;
}
