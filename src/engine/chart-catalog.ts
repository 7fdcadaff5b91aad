import {
  addEntry,
  emptyIndex,
  type HelmIndex,
  type IndexEntry,
  IndexEntryError,
  indexEntry,
  isChartVersion,
  isTimestamp,
} from '../helm/chart-index.js';
import { parseManifest } from '../oci/descriptor.js';
import { digestHex } from '../oci/digest.js';
import { isRepository } from '../oci/reference.js';
import { versionTag } from '../oci/version.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';
import { HelmMediaType } from '../source/helm-chart.js';
import { isContentError, readBlobBytes } from './chart-index-store.js';
import { forEachLimited } from '../base/limit.js';

/**
 * Builds the Helm index of a chart namespace from what the registry holds: the catalog (or
 * the charts named), each chart's tags, and for each version tag its manifest and config.
 * A chart version that can't be read is left out and said why, never fatal for the rest;
 * only a catalog that can't be listed in full stops the build (a partial one would look
 * like charts were deleted).
 */

/** A chart version (or a whole chart, without `tag`) the index does not list as read now. */
export interface LeftOut {
  chart: string;
  tag?: string;
  reason: string;
  /** Listed anyway, from the index read before, as the registry could not be read now. */
  kept?: boolean;
}

export interface NamespaceScan {
  index: HelmIndex;
  /** The chart names read (`<namespace>/<name>` repositories). */
  charts: string[];
  leftOut: LeftOut[];
  /** Tags that are not chart versions (`latest`, signatures): not read, only counted. */
  otherTags: number;
  /** Manifests and configs read. */
  reads: number;
}

export interface ScanOptions {
  /** Chart names to read, instead of listing the registry's catalog. */
  charts?: readonly string[];
  /**
   * An index read before: a version that can't be read now is kept from it, and a version
   * read now keeps its `created` time when its archive is the same.
   */
  known?: HelmIndex;
  /** Versions `known` lists are taken from it without reading them again (an update). */
  trustKnown?: boolean;
  /** Repositories and tags per listing page. */
  pageSize?: number;
  now?: () => Date;
  /** One line per chart read. */
  log?: (message: string) => void;
}

/** Manifests read at once (each is a manifest and a config GET). */
const READ_CONCURRENCY = 8;
const LIST_CONCURRENCY = 4;
/** A chart's config is its Chart.yaml as JSON: a few KiB. */
const CONFIG_LIMIT = 1024 * 1024;

export async function scanNamespace(
  client: RegistryClient,
  namespace: string,
  options: ScanOptions = {},
): Promise<NamespaceScan> {
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 100;
  const names = options.charts
    ? [...options.charts]
    : chartsIn(await client.listRepositories({ pageSize }), namespace);
  const scan: NamespaceScan = {
    index: emptyIndex(),
    charts: [],
    leftOut: [],
    otherTags: 0,
    reads: 0,
  };
  const work: { name: string; tag: string; version: string }[] = [];
  await forEachLimited(names, LIST_CONCURRENCY, async (name) => {
    const repository = `${namespace}/${name}`;
    let tags: string[];
    try {
      tags = await client.listTags(repository, { pageSize });
    } catch (error) {
      const kept = keepKnown(scan, options.known, name);
      scan.leftOut.push({
        chart: name,
        reason: `its tags can't be listed: ${messageOf(error)}`,
        ...(kept && { kept }),
      });
      return;
    }
    scan.charts.push(name);
    for (const tag of tags) {
      // helm tags a chart by its version, `+` written `_` (FACTS.md, Helm charts in OCI).
      const version = tag.replace(/_/g, '+');
      if (!isChartVersion(version)) {
        scan.otherTags++;
        continue;
      }
      const known = options.trustKnown ? options.known?.get(name)?.get(version) : undefined;
      if (known) addEntry(scan.index, known);
      else work.push({ name, tag, version });
    }
  });
  await forEachLimited(work, READ_CONCURRENCY, async ({ name, tag, version }) => {
    const repository = `${namespace}/${name}`;
    try {
      const entry = await readChartVersion(client, repository, name, tag, options.known, now);
      scan.reads += 2;
      addEntry(scan.index, entry);
    } catch (error) {
      const known = options.known?.get(name)?.get(version);
      const keep = known !== undefined && !isContentError(error) && !isMissing(error);
      if (keep) addEntry(scan.index, known);
      scan.leftOut.push({
        chart: name,
        tag,
        reason: messageOf(error),
        ...(keep && { kept: true }),
      });
    }
  });
  scan.charts.sort();
  scan.leftOut.sort((a, b) => `${a.chart}:${a.tag}`.localeCompare(`${b.chart}:${b.tag}`));
  for (const name of scan.charts) {
    const versions = scan.index.get(name)?.size ?? 0;
    options.log?.(`${client.host}/${namespace}/${name}: ${versions} version(s) listed`);
  }
  return scan;
}

/** `<namespace>/<name>` repositories: a chart is one level below its namespace, never deeper. */
export function chartsIn(repositories: readonly string[], namespace: string): string[] {
  const prefix = `${namespace}/`;
  return repositories
    .filter((r) => r.startsWith(prefix) && isRepository(r))
    .map((r) => r.slice(prefix.length))
    .filter((name) => name !== '' && !name.includes('/'))
    .sort();
}

function keepKnown(scan: NamespaceScan, known: HelmIndex | undefined, name: string): boolean {
  const versions = known?.get(name);
  if (!versions || versions.size === 0) return false;
  for (const entry of versions.values()) addEntry(scan.index, entry);
  return true;
}

/** Not a chart version at all, or a broken one: left out, and said why. */
class NotAChartError extends Error {
  override name = 'NotAChartError';
}

/**
 * One chart version's entry: the manifest by tag, which must be a helm chart (helm's config
 * type and exactly one chart layer, as `helm pull` requires), then its config. The entry's
 * name must be the repository's and its version the tag's: the URL is built from those, and
 * helm pulls what the URL names.
 */
async function readChartVersion(
  client: RegistryClient,
  repository: string,
  name: string,
  tag: string,
  known: HelmIndex | undefined,
  now: () => Date,
): Promise<IndexEntry> {
  const where = `${client.host}/${repository}:${tag}`;
  const { bytes, mediaType } = await client.getManifest(repository, tag);
  const manifest = parseManifest(bytes, mediaType.split(';')[0] ?? '', where);
  const [config, ...layers] = manifest.blobs;
  if (!config || config.mediaType !== HelmMediaType.Config) {
    throw new NotAChartError(
      `${where} is not a Helm chart (${manifest.manifests.length > 0 ? 'an index' : `config ${config?.mediaType ?? 'none'}`})`,
    );
  }
  const charts = layers.filter((l) => l.mediaType === HelmMediaType.Chart);
  if (charts.length !== 1 || !charts[0]) {
    throw new NotAChartError(`${where} has ${charts.length} chart layers; helm pulls exactly one`);
  }
  let metadata: unknown;
  const configBytes = await readBlobBytes(
    client,
    repository,
    config,
    CONFIG_LIMIT,
    `${where} config`,
  );
  try {
    metadata = JSON.parse(configBytes.toString('utf8'));
  } catch {
    throw new NotAChartError(`${where}: the chart's config is not JSON`);
  }
  const digest = digestHex(charts[0].digest);
  const earlier = known?.get(name);
  const annotated = manifestCreated(bytes);
  const entry = indexEntry(
    metadata,
    {
      digest,
      created:
        annotated ??
        [...(earlier?.values() ?? [])].find((e) => e.digest === digest)?.created ??
        now().toISOString(),
    },
    where,
  );
  if (entry.name !== name) {
    throw new NotAChartError(`${where}: the chart is named "${entry.name}", not "${name}"`);
  }
  if (versionTag(entry.version) !== tag) {
    throw new NotAChartError(`${where}: the chart's version is ${entry.version}, not the tag's`);
  }
  return entry;
}

/** helm push stamps `org.opencontainers.image.created`; the index's `created` is that time. */
function manifestCreated(bytes: Buffer): string | undefined {
  try {
    const json = JSON.parse(bytes.toString('utf8')) as { annotations?: Record<string, unknown> };
    const created = json.annotations?.['org.opencontainers.image.created'];
    return typeof created === 'string' && isTimestamp(created) ? created : undefined;
  } catch {
    return undefined;
  }
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof NotAChartError ||
    error instanceof IndexEntryError ||
    (error instanceof RegistryError && error.status === 404)
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
