import semver from 'semver';

/**
 * The pure half of the sync: what a config means, which tags pass an image's filters, and
 * which images a shard takes. No I/O here, so planning 1,000 tags is a matter of
 * milliseconds and every rule is unit-tested on plain lists.
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
}

export interface TagFilter {
  /** A tag passes when any of these is found in it (every tag, when empty). */
  allow: readonly RegExp[];
  /** A tag is dropped when any of these is found in it. */
  deny: readonly RegExp[];
  /** A semver range; a tag that is not a version never passes it. */
  semver?: string;
  /** After the other filters: the newest N by semver precedence (per line with `per`). */
  newest?: number;
  per?: 'major' | 'minor';
}

/** One `images[]` entry of the config. */
export interface SyncImage {
  /** Its position in the config, for messages (`images[2]`). */
  index: number;
  source: { host: string; repository: string };
  /** The repository path on every target. */
  repository: string;
  /** Target names, in config order. */
  to: readonly string[];
  tags: TagFilter;
  /** A target tag holding another digest is moved (true) or reported as drift (false). */
  overwrite: boolean;
}

export interface SyncConfig {
  targets: readonly SyncTarget[];
  images: readonly SyncImage[];
  /** Images copied at once. */
  parallel: number;
  /** Chart namespaces whose Helm index is updated at the targets after copying. */
  helmIndex?: readonly string[];
}

export const DEFAULT_SYNC_PARALLEL = 4;

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

/**
 * Applies an image's filters in the order the config reads: allow, deny, semver range, then
 * newest N (per major or minor line). Regexes are searched in the whole tag, as skopeo
 * sync's and regsync's are: anchor them (`^…$`) to match the tag exactly.
 */
export function selectTags(tags: readonly string[], filter: TagFilter): TagSelection {
  const unique = [...new Set(tags)];
  let passing = unique.filter(
    (tag) =>
      (filter.allow.length === 0 || filter.allow.some((re) => re.test(tag))) &&
      !filter.deny.some((re) => re.test(tag)),
  );
  const range = filter.semver;
  if (range !== undefined) {
    passing = passing.filter((tag) => {
      const version = semver.valid(tag);
      return version !== null && semver.satisfies(version, range);
    });
  }
  if (filter.newest !== undefined) passing = newest(passing, filter.newest, filter.per);
  const kept = new Set(passing);
  return { selected: passing, filteredOut: unique.filter((tag) => !kept.has(tag)) };
}

/** The newest `count` versions, overall or per major/minor line; tags that aren't versions drop. */
function newest(tags: readonly string[], count: number, per?: 'major' | 'minor'): string[] {
  const versions = tags
    .map((tag) => ({ tag, version: semver.parse(tag) }))
    .filter((v): v is { tag: string; version: semver.SemVer } => v.version !== null)
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

/** The key a shard splits by: one source repository's tags stay together and share mounts. */
export function sourceKey(image: Pick<SyncImage, 'source'>): string {
  return `${image.source.host}/${image.source.repository}`;
}

/**
 * The images one shard takes. Distinct source repositories, sorted, are dealt round-robin to
 * the N shards, so every shard computes the same split from the same config, each image is
 * taken by exactly one shard, and the shares differ by at most one repository.
 */
export function shardImages<T extends Pick<SyncImage, 'source'>>(
  images: readonly T[],
  shard: Shard | undefined,
): T[] {
  if (!shard || shard.count === 1) return [...images];
  const keys = [...new Set(images.map(sourceKey))].sort();
  const mine = new Set(keys.filter((_, i) => (i % shard.count) + 1 === shard.index));
  return images.filter((image) => mine.has(sourceKey(image)));
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
