import type { SemVer } from 'semver';
import semver from 'semver';
import type { Digest } from '../oci/digest.js';
import type { TagPattern } from '../oci/pattern.js';
import { isTag } from '../oci/reference.js';
import { parseTagVersion, type SemverRules, type VersionRange } from '../oci/semver-rules.js';
import type { RegistrySku } from '../registry/pace.js';
import type { LineVisibility, Visibility } from './plan.js';

/**
 * The pure half of the sync: what a config means, which tags pass an image's filters, what
 * each becomes at the targets, which repositories a discovery entry takes, which images a
 * shard takes, and which target tags two entries would both write. No I/O here, so planning
 * 20,000 tags is a matter of milliseconds and every rule is unit-tested on plain lists.
 */

/** A registry the sync writes to, by the name the config gives it. */
export interface SyncTarget {
  name: string;
  host: string;
  /** Plain HTTP to a non-loopback host. */
  insecure: boolean;
  /**
   * An Azure Container Registry: `*.azurecr.io` (and sovereign clouds), or marked `acr` (an
   * emulator on loopback, say). Always HTTPS, keyless login, and a manifest is asked about
   * before each PUT (a locked one is refused).
   */
  acr: boolean;
  /** Best effort: its failures (and drift) warn, never fail the run. */
  mirror: boolean;
  /**
   * Which sources it takes, as a push's registry line: `public`, `private`,
   * `public/private`; none takes public sources only (see jobs/sync-visibility.ts).
   */
  visibility?: LineVisibility;
}

/** A pattern whose first capture group is the version (retagger's `filter`). */
export interface VersionPattern {
  readonly source: string;
  firstGroup(text: string): string | undefined;
}

export interface TagFilter {
  /** A tag passes when any of these is found in it (every tag, when empty). */
  allow: readonly TagPattern[];
  /** A tag is dropped when any of these is found in it. */
  deny: readonly TagPattern[];
  /** The part of the tag that is its version (the first capture group); else the whole tag. */
  version?: VersionPattern;
  /** A version range; a tag that is not a version never passes it. */
  semver?: VersionRange;
  /** After the other filters: the newest N by semver precedence (per line with `per`). */
  newest?: number;
  per?: 'major' | 'minor';
  /** Tags taken by name, without reading the source's listing for them. */
  exact?: readonly string[];
  /** Tags written at the targets pointing at these digests, whatever the source's tag holds. */
  pin?: ReadonlyMap<string, Digest>;
}

/** What a source tag is called at the targets. */
export interface TargetTagRule {
  /** Appended as written (retagger's `add_tag_suffix: k8s` is `-k8s`). */
  suffix: string;
  /** A leading `v` is dropped (retagger's `strip_semver_prefix`). */
  stripV: boolean;
}

/** How a discovered repository's path maps to the targets: strip a prefix, then add one. */
export interface PathMapping {
  strip: string;
  prefix: string;
}

/** `source: HOST/NAMESPACE/*` and the like: repositories found in the registry's catalog. */
export interface Discovery {
  /** A repository glob (`giantswarm/*`, `giantswarm/**`, `**`); see `oci/repository-glob.ts`. */
  glob: string;
  /** Repository paths are kept when any of these is found in them (all, when empty). */
  allow: readonly TagPattern[];
  deny: readonly TagPattern[];
  path: PathMapping;
}

/** One `images[]` entry of the config, or one repository a discovery entry found. */
export interface SyncImage {
  /** Its position in the config, for messages (`images[2]`). */
  index: number;
  /** For a discovery entry, `repository` is its glob until the catalog is read. */
  source: { host: string; repository: string };
  /** The repository path on every target. */
  repository: string;
  /** Target names, in config order. */
  to: readonly string[];
  tags: TagFilter;
  targetTag?: TargetTagRule;
  /** A target tag holding another digest is moved (true) or reported as drift (false). */
  overwrite: boolean;
  /** The source's visibility, as the config vouches for it; else found out (sync-visibility). */
  visibility?: Visibility;
  /** An entry that selects no tag (or no repository) is a failure unless this says it may. */
  mayBeEmpty?: boolean;
  /** Set on an entry that names many repositories; absent on what it expands to. */
  discover?: Discovery;
}

export interface SyncConfig {
  targets: readonly SyncTarget[];
  images: readonly SyncImage[];
  /** Images copied at once. */
  parallel: number;
  /** How tags are read as versions (see `oci/semver-rules.ts`). */
  semverRules?: SemverRules;
  /**
   * Tags that never move once written (by default, release versions): a target whose
   * listing holds one is trusted to hold the right image, and not asked tag by tag.
   */
  immutable?: readonly TagPattern[];
  /** Tags meant to move (`latest`, `develop`): compared every run, moved, never drift. */
  floating?: readonly TagPattern[];
  /** ACR service tiers by host, for pacing below their ReadOps/WriteOps per minute. */
  limits?: ReadonlyMap<string, RegistrySku>;
  /** Chart namespaces whose Helm index is updated at the targets after copying (`helm-index`). */
  helmIndex?: readonly string[];
}

export const DEFAULT_SYNC_PARALLEL = 4;
export const DEFAULT_SEMVER_RULES: SemverRules = 'masterminds';
/** Release versions: `1.2.3`, `v1.2.3`; no pre-release, no build. */
export const DEFAULT_IMMUTABLE_SOURCE = '^v?[0-9]+\\.[0-9]+\\.[0-9]+$';

/** `I/N`: this runner takes the I-th of N shares (1-based). */
export interface Shard {
  index: number;
  count: number;
}

export interface TagSelection {
  /** The tags to sync, newest first where they are versions, else in listing order. */
  selected: string[];
  /** Listed tags that a filter dropped. */
  filteredOut: string[];
}

/** Whether the source's tags must be listed: a filter is given, or no tag is named. */
export function needsListing(filter: TagFilter): boolean {
  const named = (filter.exact?.length ?? 0) + (filter.pin?.size ?? 0) > 0;
  const filtered =
    filter.allow.length + filter.deny.length > 0 ||
    filter.semver !== undefined ||
    filter.version !== undefined ||
    filter.newest !== undefined;
  return filtered || !named;
}

/**
 * Applies an image's filters in the order the config reads: allow, deny, the version pattern,
 * the range, then newest N (per major or minor line); then adds the tags named by `exact`
 * and `pin`. Regexes are searched in the whole tag, as skopeo sync's and retagger's are:
 * anchor them (`^…$`) to match the tag exactly.
 */
export function selectTags(
  tags: readonly string[],
  filter: TagFilter,
  rules: SemverRules = DEFAULT_SEMVER_RULES,
): TagSelection {
  const unique = [...new Set(tags)];
  const listed = needsListing(filter) ? unique : [];
  let passing = listed.filter(
    (tag) =>
      (filter.allow.length === 0 || filter.allow.some((re) => re.test(tag))) &&
      !filter.deny.some((re) => re.test(tag)),
  );
  const versioned = filter.version !== undefined || filter.semver !== undefined;
  const versions = new Map<string, SemVer | null>();
  const versionOf = (tag: string): SemVer | null => {
    if (!versions.has(tag)) {
      const text = filter.version ? filter.version.firstGroup(tag) : tag;
      versions.set(tag, text === undefined ? null : parseTagVersion(text, rules));
    }
    return versions.get(tag) ?? null;
  };
  if (versioned) {
    const range = filter.semver;
    passing = passing.filter((tag) => {
      const version = versionOf(tag);
      return version !== null && (range === undefined || range.test(version));
    });
  }
  if (filter.newest !== undefined) passing = newest(passing, versionOf, filter.newest, filter.per);
  const named = [...(filter.exact ?? []), ...(filter.pin?.keys() ?? [])];
  const selected = [...new Set([...passing, ...named])];
  const kept = new Set(selected);
  return { selected, filteredOut: unique.filter((tag) => !kept.has(tag)) };
}

/** The newest `count` versions, overall or per major/minor line; tags that aren't versions drop. */
function newest(
  tags: readonly string[],
  versionOf: (tag: string) => SemVer | null,
  count: number,
  per?: 'major' | 'minor',
): string[] {
  const versions = tags
    .map((tag) => ({ tag, version: versionOf(tag) }))
    .filter((v): v is { tag: string; version: SemVer } => v.version !== null)
    .sort((a, b) => semver.rcompare(a.version, b.version) || a.tag.localeCompare(b.tag));
  const taken = new Map<string, number>();
  const result: string[] = [];
  for (const { tag, version } of versions) {
    const line =
      per === 'major'
        ? `${version.major}`
        : per === 'minor'
          ? `${version.major}.${version.minor}`
          : '';
    const n = taken.get(line) ?? 0;
    if (n >= count) continue;
    taken.set(line, n + 1);
    result.push(tag);
  }
  return result;
}

/** The tag a source tag is written as at the targets; undefined when that is not a valid tag. */
export function targetTagOf(tag: string, rule: TargetTagRule | undefined): string | undefined {
  if (!rule) return tag;
  const base = rule.stripV ? tag.replace(/^v/, '') : tag;
  const written = `${base}${rule.suffix}`;
  return isTag(written) ? written : undefined;
}

/** Whether any of the patterns is found in the tag. */
export function matchesAny(patterns: readonly TagPattern[] | undefined, tag: string): boolean {
  return (patterns ?? []).some((p) => p.test(tag));
}

// --- Discovery -------------------------------------------------------------------------------

/**
 * The repositories a discovery entry takes from a catalog, each as an image of its own with
 * its target path mapped: sorted, so every shard expands the same config the same way.
 */
export function expandDiscovery(
  entry: SyncImage,
  catalog: readonly string[],
  globMatches: (path: string) => boolean,
): SyncImage[] {
  const discover = entry.discover;
  if (!discover) return [entry];
  const { strip, prefix } = discover.path;
  const found = [...new Set(catalog)]
    .filter(
      (path) =>
        globMatches(path) &&
        (discover.allow.length === 0 || discover.allow.some((re) => re.test(path))) &&
        !discover.deny.some((re) => re.test(path)),
    )
    .sort();
  return found.map((path) => {
    const rest = strip && path.startsWith(strip) ? path.slice(strip.length) : path;
    const { discover: _discover, ...image } = entry;
    return {
      ...image,
      source: { host: entry.source.host, repository: path },
      repository: `${prefix}${rest}`.replace(/^\/+/, ''),
    };
  });
}

// --- Shards ----------------------------------------------------------------------------------

/** The key a shard splits by: one source repository's tags stay together and share mounts. */
export function sourceKey(image: Pick<SyncImage, 'source'>): string {
  return `${image.source.host}/${image.source.repository}`;
}

/**
 * The images one shard takes. Images that share a source repository, or write the same
 * target repository, form one group (so one shard sees every writer of a target tag, and a
 * source's tags share mounts); groups, sorted by their first key, are dealt round-robin to
 * the N shards. Every shard computes the same split from the same config, each image is
 * taken by exactly one shard, and the shares differ by at most one group.
 */
export function shardImages<T extends Pick<SyncImage, 'source' | 'repository'>>(
  images: readonly T[],
  shard: Shard | undefined,
): T[] {
  if (!shard || shard.count === 1) return [...images];
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== undefined && parent.get(root) !== root) {
      root = parent.get(root) as string;
    }
    parent.set(key, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const [ra, rb] = [find(a), find(b)].sort() as [string, string];
    parent.set(rb, ra);
  };
  for (const image of images) {
    const source = `s:${sourceKey(image)}`;
    const target = `t:${image.repository}`;
    if (!parent.has(source)) parent.set(source, source);
    if (!parent.has(target)) parent.set(target, target);
    union(source, target);
  }
  const groups = [...new Set(images.map((image) => find(`s:${sourceKey(image)}`)))].sort();
  const mine = new Set(groups.filter((_, i) => (i % shard.count) + 1 === shard.index));
  return images.filter((image) => mine.has(find(`s:${sourceKey(image)}`)));
}

/** Parses `I/N` (1 ≤ I ≤ N); the message names `what` (the input or flag). */
export function parseShard(text: string, what: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new Error(
      `${what}: "${text}" is not a shard; write I/N with 1 ≤ I ≤ N, e.g. 2/3 for the second ` +
        'of three runners',
    );
  }
  return { index, count };
}

// --- Two writers of one target tag -----------------------------------------------------------

/** One target tag an image would write, and where its content comes from. */
export interface PlannedWrite {
  target: string;
  repository: string;
  tag: string;
  /** The entry (`images[N]`) and the source repository it reads. */
  index: number;
  source: string;
  /** The source tag, or `@sha256:…` for a pinned digest. */
  from: string;
}

export interface WriteConflicts {
  /** Two entries (or two repositories one discovery maps to one path) write one target tag. */
  betweenEntries: string[];
  /** Within one image: two of its source tags become one target tag; keyed by image index. */
  withinImage: Map<string, string[]>;
}

/**
 * Target tags written from two different origins. Between entries it is a config error found
 * at plan time (issue #25: one of them used to lose a race at copy time); within one image
 * (`v1.0` and `1.0` with `strip-v`) it fails that image only, as the upstream's tags caused it.
 * The same source tag written by two entries is one origin, not a conflict.
 */
export function findWriteConflicts(writes: readonly PlannedWrite[]): WriteConflicts {
  const first = new Map<string, PlannedWrite>();
  const betweenEntries: string[] = [];
  const withinImage = new Map<string, string[]>();
  for (const write of writes) {
    const key = `${write.target}\u0000${write.repository}\u0000${write.tag}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, write);
      continue;
    }
    if (earlier.source === write.source && earlier.from === write.from) continue;
    const where = `${write.repository}:${write.tag} at target ${write.target}`;
    if (earlier.index === write.index && earlier.source === write.source) {
      const imageKey = `${write.index}\u0000${write.source}`;
      const list = withinImage.get(imageKey) ?? [];
      list.push(
        `the source tags ${earlier.from} and ${write.from} of ${write.source} both become ` +
          `${where}; deny one of them in images[${write.index}].tags`,
      );
      withinImage.set(imageKey, list);
    } else {
      betweenEntries.push(
        `${where} would be written by images[${earlier.index}] (${earlier.source}` +
          `${sourceRef(earlier.from)}) and by images[${write.index}] (${write.source}` +
          `${sourceRef(write.from)})`,
      );
    }
  }
  return { betweenEntries, withinImage };
}

const sourceRef = (from: string): string => (from.startsWith('@') ? from : `:${from}`);
