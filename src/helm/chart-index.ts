import compareSemver from 'semver/functions/compare.js';
import { parse as parseYaml, stringify } from 'yaml';
import { parseTagVersion } from '../oci/semver-rules.js';
import { quoted } from '../oci/untrusted.js';
import { sanitize } from './metadata.js';

/**
 * A Helm repository index (helm `pkg/repo` IndexFile: `apiVersion: v1`, `entries`,
 * `generated`) whose entries point at charts in an OCI registry, as
 * `oci://HOST/NAMESPACE/NAME:VERSION`. Helm 3.17 and 4.1 accept such URLs: `helm repo add`,
 * `helm search repo` and `helm pull REPO/CHART --version X` (which then pulls from the
 * registry). Pure: building, merging, sorting, writing and reading the YAML.
 *
 * Helm reads an index with a strict YAML decoder (`yaml.UnmarshalStrict` in `loadIndex`):
 * one unknown field, or one value of the wrong type, and the whole index fails to load. So
 * every entry is rebuilt here from the fields helm knows, each checked for its type; what
 * comes from a registry is data to check, never a document to pass on.
 */

/** One chart version of the index, without its URL (that is the registry's, at write time). */
export interface IndexEntry {
  name: string;
  version: string;
  /**
   * Helm's chart metadata fields (pkg/chart/v2 Metadata), checked, as JSON values. `name`,
   * `version` and `apiVersion` are always among them.
   */
  metadata: Record<string, unknown>;
  /**
   * The chart archive's sha256, hex only: what `helm repo index` writes (provenance.DigestFile).
   * It equals the chart layer's digest in the registry, since helm pushes the `.tgz` as it is.
   */
  digest: string;
  /** RFC 3339. */
  created: string;
}

/** Chart name → version → entry. */
export type HelmIndex = Map<string, Map<string, IndexEntry>>;

/** A chart's metadata can't be listed; the message says which field and why. */
export class IndexEntryError extends Error {
  override name = 'IndexEntryError';
}

/** The index file is not one oci-push can read back. */
export class IndexFormatError extends Error {
  override name = 'IndexFormatError';
}

/** Metadata fields whose value is a string; helm sanitizes all but `apiVersion`. */
const STRING_FIELDS = [
  'name',
  'home',
  'version',
  'description',
  'icon',
  'apiVersion',
  'condition',
  'tags',
  'appVersion',
  'kubeVersion',
  'type',
] as const;
const LIST_FIELDS = ['sources', 'keywords'] as const;
const DEPENDENCY_STRINGS = ['name', 'version', 'repository', 'condition', 'alias'] as const;
const MAINTAINER_STRINGS = ['name', 'email', 'url'] as const;
/** helm pkg/chart/v2 dependency.go `aliasNameFormat`: an entry with another alias is skipped. */
const ALIAS = /^[a-zA-Z0-9_-]+$/;
const SHA256_HEX = /^[a-f0-9]{64}$/;

/**
 * Whether helm can read `version` as a chart version: Masterminds/semver's `NewVersion`, with
 * which helm validates versions (and skips index entries it can't read).
 */
export function isChartVersion(version: string): boolean {
  return parseTagVersion(version, 'masterminds') !== null;
}

/**
 * A chart's index entry from its metadata: the config JSON helm pushes (its Chart.yaml as
 * helm's Metadata struct). Known fields are checked for their type and sanitized as helm's
 * loader would; unknown fields are dropped, since helm's strict decoder refuses them.
 */
export function indexEntry(
  config: unknown,
  facts: { digest: string; created: string },
  where: string,
): IndexEntry {
  if (!isPlainObject(config)) throw new IndexEntryError(`${where}: the metadata is not an object`);
  const fail = (field: string, what: string): never => {
    throw new IndexEntryError(`${where}: "${field}" ${what}`);
  };
  const metadata: Record<string, unknown> = {};
  for (const field of STRING_FIELDS) {
    const value = config[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') fail(field, 'is not a string');
    metadata[field] = field === 'apiVersion' ? value : sanitize(value as string);
  }
  for (const field of LIST_FIELDS) {
    const value = config[field];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      fail(field, 'is not a list of strings');
    if ((value as string[]).length > 0) metadata[field] = (value as string[]).map(sanitize);
  }
  if (config.deprecated !== undefined && config.deprecated !== null) {
    if (typeof config.deprecated !== 'boolean') fail('deprecated', 'is not true or false');
    if (config.deprecated) metadata.deprecated = true;
  }
  if (config.annotations !== undefined && config.annotations !== null) {
    const annotations = config.annotations;
    if (
      !isPlainObject(annotations) ||
      Object.values(annotations).some((v) => typeof v !== 'string')
    )
      fail('annotations', 'is not a map of strings');
    if (Object.keys(annotations as object).length > 0)
      metadata.annotations = sortedObject(annotations as Record<string, string>);
  }
  const maintainers = objectList(config.maintainers, 'maintainers', where).map((m, i) =>
    sortedObject(pickStrings(m, MAINTAINER_STRINGS, `maintainers[${i}]`, where)),
  );
  if (maintainers.length > 0) metadata.maintainers = maintainers;
  const dependencies = objectList(config.dependencies, 'dependencies', where).map((d, i) =>
    dependency(d, `dependencies[${i}]`, where),
  );
  if (dependencies.length > 0) metadata.dependencies = dependencies;

  const name = metadata.name;
  const version = metadata.version;
  if (typeof name !== 'string') return fail('name', 'is missing');
  if (name === '.' || name === '..' || /[/\\]/.test(name)) fail('name', `"${name}" is not allowed`);
  if (typeof version !== 'string') return fail('version', 'is missing');
  if (!isChartVersion(version)) fail('version', `"${version}" is not a version helm can read`);
  const type = metadata.type;
  if (type !== undefined && type !== 'application' && type !== 'library')
    fail('type', `"${String(type)}" is not application or library`);
  // helm's loader assumes v1 for a chart without apiVersion, and so does its index loader.
  metadata.apiVersion ??= 'v1';
  if (!SHA256_HEX.test(facts.digest)) {
    throw new IndexEntryError(
      `${where}: the chart digest ${quoted(facts.digest)} is not sha256 hex`,
    );
  }
  if (!isTimestamp(facts.created)) {
    throw new IndexEntryError(
      `${where}: the creation time ${quoted(facts.created)} is not RFC 3339`,
    );
  }
  return { name, version, metadata, digest: facts.digest, created: facts.created };
}

function dependency(
  value: Record<string, unknown>,
  field: string,
  where: string,
): Record<string, unknown> {
  const picked = pickStrings(value, DEPENDENCY_STRINGS, field, where);
  const tags = value.tags;
  if (tags !== undefined && tags !== null) {
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))
      throw new IndexEntryError(`${where}: "${field}.tags" is not a list of strings`);
    if (tags.length > 0) picked.tags = (tags as string[]).map(sanitize);
  }
  if (value.enabled !== undefined && value.enabled !== null) {
    if (typeof value.enabled !== 'boolean')
      throw new IndexEntryError(`${where}: "${field}.enabled" is not true or false`);
    if (value.enabled) picked.enabled = true;
  }
  const importValues = value['import-values'];
  if (importValues !== undefined && importValues !== null) {
    if (!Array.isArray(importValues))
      throw new IndexEntryError(`${where}: "${field}.import-values" is not a list`);
    if (importValues.length > 0) picked['import-values'] = importValues;
  }
  if (typeof picked.alias === 'string' && !ALIAS.test(picked.alias))
    throw new IndexEntryError(`${where}: "${field}.alias" has characters helm does not allow`);
  // Go marshals a dependency's name and repository even when empty; helm's decoder takes both.
  return sortedObject({ name: '', repository: '', ...picked });
}

/** The string fields of a maintainer or dependency, sanitized as helm does (all but `alias`). */
function pickStrings(
  value: Record<string, unknown>,
  fields: readonly string[],
  path: string,
  where: string,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    const v = value[field];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string')
      throw new IndexEntryError(`${where}: "${path}.${field}" is not a string`);
    picked[field] = field === 'alias' ? v : sanitize(v);
  }
  return picked;
}

function objectList(value: unknown, field: string, where: string): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => !isPlainObject(v)))
    throw new IndexEntryError(`${where}: "${field}" is not a list of maps`);
  return value as Record<string, unknown>[];
}

/** A new, empty index. */
export function emptyIndex(): HelmIndex {
  return new Map();
}

/** Puts `entry` in `index`, replacing the same chart version. */
export function addEntry(index: HelmIndex, entry: IndexEntry): void {
  let versions = index.get(entry.name);
  if (!versions) index.set(entry.name, (versions = new Map()));
  versions.set(entry.version, entry);
}

/** Every entry of `index`, charts by name, each chart's versions newest first. */
export function indexEntries(index: HelmIndex): IndexEntry[] {
  return [...index.keys()]
    .sort(compareText)
    .flatMap((name) => sortedVersions([...(index.get(name)?.values() ?? [])]));
}

/** Whether `index` holds `entry` as it is: same chart version, same archive. */
export function hasEntry(index: HelmIndex, entry: IndexEntry): boolean {
  return index.get(entry.name)?.get(entry.version)?.digest === entry.digest;
}

export function entryCount(index: HelmIndex): number {
  let count = 0;
  for (const versions of index.values()) count += versions.size;
  return count;
}

/** Where a chart version lives, as the index's `urls` name it and helm pulls it. */
export function chartUrl(host: string, namespace: string, name: string, version: string): string {
  return `oci://${host}/${namespace ? `${namespace}/` : ''}${name}:${version}`;
}

/**
 * The index as helm writes it: keys in alphabetical order (helm marshals through JSON maps),
 * each chart's versions newest first (`SortEntries`), every string double-quoted and every
 * key quoted where YAML 1.1 would read it as something else (helm's decoder is YAML 1.1:
 * a plain `yes` is a boolean there, and a boolean where helm wants a string fails the load).
 */
export function renderIndexYaml(
  index: HelmIndex,
  where: { host: string; namespace: string; generated: string },
): string {
  const entries: Record<string, object[]> = {};
  for (const entry of indexEntries(index)) {
    (entries[entry.name] ??= []).push(
      sortedObject({
        ...entry.metadata,
        created: entry.created,
        digest: entry.digest,
        urls: [chartUrl(where.host, where.namespace, entry.name, entry.version)],
      }),
    );
  }
  return stringify(
    { apiVersion: 'v1', entries, generated: where.generated },
    { version: '1.1', defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 },
  );
}

/** What reading an index found: its entries, and those left out, each with why. */
export interface ReadIndex {
  index: HelmIndex;
  generated?: string;
  dropped: string[];
}

/**
 * Reads an index back (one oci-push stored, or any helm index). Every entry is checked again
 * as a chart's metadata is, and its `urls` are ignored: they are made anew for the registry
 * the index is written for, so a URL in a stored index never reaches a client. An entry that
 * fails is left out and named in `dropped`; a file that is not an index at all is an error.
 */
export function parseIndexYaml(text: string, where: string): ReadIndex {
  let value: unknown;
  try {
    // YAML 1.1, as helm reads it; aliases are capped so a small file can't expand to a huge one.
    value = parseYaml(text, { version: '1.1', maxAliasCount: 100, uniqueKeys: false });
  } catch (error) {
    throw new IndexFormatError(`${where}: not YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isPlainObject(value) || value.apiVersion !== 'v1' || !isPlainObject(value.entries)) {
    throw new IndexFormatError(
      `${where}: not a Helm repository index (it needs apiVersion: v1 and a map of entries)`,
    );
  }
  const index = emptyIndex();
  const dropped: string[] = [];
  for (const [name, list] of Object.entries(value.entries)) {
    if (!Array.isArray(list)) {
      dropped.push(
        `${where}: entries.${quoted(name)} is not a list, so none of its versions is read`,
      );
      continue;
    }
    list.forEach((item: unknown, i) => {
      const path = `${where}: entries.${quoted(name)}[${i}]`;
      try {
        if (!isPlainObject(item)) throw new IndexEntryError(`${path}: not a map`);
        const created = timestampText(item.created);
        const entry = indexEntry(
          item,
          { digest: typeof item.digest === 'string' ? item.digest : '', created },
          path,
        );
        if (entry.name !== name) {
          throw new IndexEntryError(
            `${path}: the chart is named "${entry.name}", not ${quoted(name)}`,
          );
        }
        addEntry(index, entry);
      } catch (error) {
        if (!(error instanceof IndexEntryError)) throw error;
        dropped.push(error.message);
      }
    });
  }
  const generated = timestampText(value.generated);
  return { index, dropped, ...(isTimestamp(generated) && { generated }) };
}

/** A YAML 1.1 timestamp may come back as a Date; the index keeps RFC 3339 text. */
function timestampText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : '';
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** RFC 3339, as Go's time.Time reads it from JSON. */
export function isTimestamp(value: string): boolean {
  return TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Chart versions newest first, as helm sorts them (Masterminds/semver precedence: numbers,
 * then a release above its pre-releases, pre-release identifiers numerically or by ASCII;
 * build metadata is ignored). Equal versions are ordered by their text, so the order never
 * depends on the order they were found in.
 */
export function sortedVersions(entries: IndexEntry[]): IndexEntry[] {
  return [...entries].sort(
    (a, b) => compareChartVersions(b.version, a.version) || compareText(a.version, b.version),
  );
}

/** Negative when `a` comes before `b` (is older). Versions helm can't read sort first. */
export function compareChartVersions(a: string, b: string): number {
  const pa = parseTagVersion(a, 'masterminds');
  const pb = parseTagVersion(b, 'masterminds');
  if (!pa || !pb) return pa ? 1 : pb ? -1 : 0;
  return compareSemver(pa, pb);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedObject<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => compareText(a, b))) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
