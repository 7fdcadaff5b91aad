import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  addEntry,
  emptyIndex,
  hasEntry,
  type HelmIndex,
  IndexFormatError,
  type IndexEntry,
  indexEntries,
  parseIndexYaml,
  renderIndexYaml,
} from '../helm/chart-index.js';
import { type Descriptor, parseManifest } from '../oci/descriptor.js';
import { type Digest, digestOf, verifyBytes } from '../oci/digest.js';
import { MediaType } from '../oci/mediatypes.js';
import { printable } from '../oci/untrusted.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';

/**
 * The Helm index of a chart namespace, kept in the registry itself as an OCI artifact at one
 * well-known reference: the namespace's own repository, tag `latest`
 * (`gsoci.azurecr.io/charts/giantswarm:latest`). What `oras pull` and Flux's OCIRepository
 * fetch by default, no chart can ever be pushed there (a chart lives one level below), and
 * Aliyun's immutable repositories still let `latest` move. See docs/helm-index.md.
 *
 * Every change is announced before it is merged: the writer pushes its change as its own
 * artifact under a tag no one else uses (`update-<time>-<kind>-<random>`), then reads the
 * index, merges every recent update the index lacks, writes, and reads back until the index
 * it reads holds every update it listed. Read, merge, write and read-back alone (as the
 * referrers' fallback tag is kept) lose an update when the second of two writers read
 * before the first wrote and writes after the first read back; with the announcement, the
 * last writer always sees the other's update and merges it.
 */
export const INDEX_TAG = 'latest';

export const HelmIndexMediaType = {
  /** The artifact's config: which namespace and registry, and which updates it holds. */
  Config: 'application/vnd.giantswarm.helm-index.config.v1+json',
  /** The index itself, `index.yaml`: helm's format, its URLs on this registry. */
  Index: 'application/vnd.giantswarm.helm-index.v1+yaml',
} as const;

/** Updates older than this are no longer looked at (they were merged long ago, or never will be). */
export const UPDATE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Writes before giving up on writers that keep replacing the index. */
const WRITE_ATTEMPTS = 8;
/** The config is small; the index of a large namespace may be several MiB. */
const CONFIG_LIMIT = 1024 * 1024;
const INDEX_LIMIT = 64 * 1024 * 1024;

/** `add`: these chart versions are new (a release). `base`: the whole index (a rebuild). */
export type UpdateKind = 'add' | 'base';

interface StoredConfig {
  namespace: string;
  registry: string;
  /** The update tags merged into this index (recent ones only). */
  updates: string[];
}

/** The index as the registry holds it. */
export interface StoredIndex {
  index: HelmIndex;
  updates: string[];
  /** The manifest's digest at `latest`. */
  digest: Digest;
  /** Entries of the stored file that could not be read back, and why. */
  dropped: string[];
}

/** What keeping the index did at one registry. */
export interface KeptIndex {
  /** `present`: the index already listed the change; `updated`: it was merged and written. */
  status: 'present' | 'updated';
  /** The index as read back at the end, verified to hold the change. */
  stored: StoredIndex;
  /** The update tag pushed, when one was. */
  updateTag?: string;
  /** Problems met on the way that did not stop it (an unreadable update from another writer). */
  warnings: string[];
}

/** The reference holds something oci-push did not write, so it is left alone. */
export class ForeignIndexError extends Error {
  override name = 'ForeignIndexError';
}

export interface IndexStoreOptions {
  now?: () => Date;
  /** A pause between writes when another writer got in between; tests make it instant. */
  sleep?: (ms: number) => Promise<void>;
}

/** `update-20250101T120000123Z-add-1a2b3c4d`: sortable by time, unique per writer. */
export function updateTag(time: Date, kind: UpdateKind, random = randomBytes(4)): string {
  const stamp = time.toISOString().replace(/[-:.]/g, '');
  return `update-${stamp}-${kind}-${random.toString('hex')}`;
}

const UPDATE_TAG = /^update-(\d{8}T\d{9}Z)-(add|base)-[0-9a-f]{8}$/;

export function parseUpdateTag(tag: string): { time: number; kind: UpdateKind } | undefined {
  const match = UPDATE_TAG.exec(tag);
  if (!match?.[1]) return undefined;
  const s = match[1];
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : { time, kind: match[2] as UpdateKind };
}

/**
 * Puts `change` into the namespace's stored index at this registry, so that it is there
 * when this returns, whatever other writers do at the same time (see the file's comment).
 * `add` entries already listed, same archive, need no write at all.
 */
export async function keepIndex(
  client: RegistryClient,
  namespace: string,
  change: { kind: 'add'; entries: IndexEntry[] } | { kind: 'base'; index: HelmIndex },
  options: IndexStoreOptions = {},
): Promise<KeptIndex> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const warnings: string[] = [];
  const where = `${client.host}/${namespace}:${INDEX_TAG}`;

  let stored: StoredIndex | undefined;
  try {
    stored = await readStoredIndex(client, namespace);
  } catch (error) {
    // A rebuild replaces an index it can't read; a release never writes over one.
    if (change.kind === 'add' || error instanceof ForeignIndexError) throw error;
    warnings.push(`${(error as Error).message}; the rebuild replaces it`);
  }
  if (change.kind === 'add' && stored && change.entries.every((e) => hasEntry(stored.index, e))) {
    return { status: 'present', stored, warnings };
  }

  const started = now();
  const own = updateTag(started, change.kind);
  const ownIndex = change.kind === 'base' ? change.index : indexOf(change.entries);
  const write = (tag: string, index: HelmIndex, updates: string[]): Promise<Digest> =>
    writeArtifact(client, namespace, tag, index, updates, now().toISOString());
  await write(own, ownIndex, []);
  const contents = new Map<string, HelmIndex | undefined>([[own, ownIndex]]);
  const fetchUpdate = async (tag: string): Promise<HelmIndex | undefined> => {
    if (!contents.has(tag)) {
      try {
        contents.set(tag, (await readArtifact(client, namespace, tag)).index);
      } catch (error) {
        if (!isContentError(error)) throw error;
        warnings.push(`the update ${tag} can't be read, so it is not merged: ${messageOf(error)}`);
        contents.set(tag, undefined);
      }
    }
    return contents.get(tag);
  };

  let current: StoredIndex | undefined = stored;
  let written: Digest | undefined;
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    if (attempt > 1) current = await readStoredIndex(client, namespace);
    for (const problem of current?.dropped ?? []) {
      const warning = `${problem}; it is left out`;
      if (!warnings.includes(warning)) warnings.push(warning);
    }
    if (written && current?.digest !== written) {
      // Another writer replaced ours: give it a moment to finish before merging again.
      await sleep(100 * attempt + Math.floor(Math.random() * 200));
    }
    const since = started.getTime() - UPDATE_WINDOW_MS;
    const listed = await recentUpdates(client, namespace, since);
    // A registry whose listing lags its writes still counts this writer's own update.
    if (!listed.includes(own)) listed.push(own);
    listed.sort(byTime);
    const merged = new Set(current?.updates ?? []);
    const missing = listed.filter((tag) => !merged.has(tag));
    if (missing.length === 0 && current) {
      return { status: 'updated', stored: current, updateTag: own, warnings };
    }

    // The newest unmerged rebuild replaces the index; every recent release is merged on top.
    const base = [...missing].reverse().find((tag) => parseUpdateTag(tag)?.kind === 'base');
    const next = base
      ? copyIndex((await fetchUpdate(base)) ?? emptyIndex())
      : copyIndex(current?.index);
    const additions = (base ? listed : missing).filter(
      (tag) => parseUpdateTag(tag)?.kind === 'add',
    );
    for (const tag of additions) {
      const update = await fetchUpdate(tag);
      for (const entry of update ? indexEntries(update) : []) addEntry(next, entry);
    }
    const recent = (current?.updates ?? []).filter(
      (tag) => (parseUpdateTag(tag)?.time ?? 0) >= since,
    );
    const updates = [...new Set([...recent, ...listed])].sort(byTime);
    written = await write(INDEX_TAG, next, updates);
  }
  throw new Error(
    `${where}: the index kept changing under us (${WRITE_ATTEMPTS} writes, each replaced by ` +
      'another writer before it could be read back). Run again when the other releases are done',
  );
}

/** The update tags of the namespace's repository newer than `since`. */
async function recentUpdates(
  client: RegistryClient,
  namespace: string,
  since: number,
): Promise<string[]> {
  const tags = await client.listTags(namespace, { pageSize: 100 });
  return tags.filter((tag) => (parseUpdateTag(tag)?.time ?? -1) >= since);
}

function byTime(a: string, b: string): number {
  return (parseUpdateTag(a)?.time ?? 0) - (parseUpdateTag(b)?.time ?? 0) || (a < b ? -1 : 1);
}

function indexOf(entries: IndexEntry[]): HelmIndex {
  const index = emptyIndex();
  for (const entry of entries) addEntry(index, entry);
  return index;
}

function copyIndex(index: HelmIndex | undefined): HelmIndex {
  const copy = emptyIndex();
  for (const entry of index ? indexEntries(index) : []) addEntry(copy, entry);
  return copy;
}

/**
 * The namespace's stored index; undefined when there is none yet. A reference that holds
 * something else is a ForeignIndexError; an index of ours that can't be read is an error
 * that says how to rebuild it.
 */
export async function readStoredIndex(
  client: RegistryClient,
  namespace: string,
): Promise<StoredIndex | undefined> {
  try {
    return await readArtifact(client, namespace, INDEX_TAG);
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return undefined;
    if (error instanceof ForeignIndexError) throw error;
    if (isContentError(error)) {
      throw new IndexFormatError(
        `${client.host}/${namespace}:${INDEX_TAG} is an oci-push Helm index that can't be read ` +
          `(${messageOf(error)}); rebuild it with \`oci-push catalog --registry ${client.host} ` +
          `--namespace ${namespace} --write\``,
        { cause: error },
      );
    }
    throw error;
  }
}

async function readArtifact(
  client: RegistryClient,
  namespace: string,
  tag: string,
): Promise<StoredIndex> {
  const where = `${client.host}/${namespace}:${tag}`;
  const { bytes, digest, mediaType } = await client.getManifest(namespace, tag);
  const manifest = parseManifest(bytes, mediaType.split(';')[0] ?? '', where);
  const [config, ...layers] = manifest.blobs;
  const layer = layers.find((l) => l.mediaType === HelmIndexMediaType.Index);
  if (config?.mediaType !== HelmIndexMediaType.Config || !layer || layers.length !== 1) {
    throw new ForeignIndexError(
      `${where} holds something that is not an oci-push Helm index (config ` +
        `${config?.mediaType ?? 'none'}), so it is left as it is. Move it elsewhere, or delete ` +
        'it, for oci-push to keep the index there',
    );
  }
  const configBytes = await readBlobBytes(
    client,
    namespace,
    config,
    CONFIG_LIMIT,
    `${where} config`,
  );
  let configJson: Partial<StoredConfig>;
  try {
    configJson = JSON.parse(configBytes.toString()) as Partial<StoredConfig>;
  } catch (error) {
    // JSON.parse quotes the text it stopped at: the registry's bytes, escaped for the log.
    throw new SyntaxError(printable(messageOf(error)), { cause: error });
  }
  const updates = Array.isArray(configJson.updates)
    ? configJson.updates.filter((t): t is string => typeof t === 'string' && !!parseUpdateTag(t))
    : [];
  const text = (await readBlobBytes(client, namespace, layer, INDEX_LIMIT, where)).toString('utf8');
  const { index, dropped } = parseIndexYaml(text, where);
  return { index, updates, digest, dropped };
}

/**
 * Writes `index` as the artifact at `tag`: config, then `index.yaml` (its URLs on this
 * registry), then the manifest. Returns the manifest's digest.
 */
async function writeArtifact(
  client: RegistryClient,
  namespace: string,
  tag: string,
  index: HelmIndex,
  updates: string[],
  generated: string,
): Promise<Digest> {
  const config = Buffer.from(
    JSON.stringify({ namespace, registry: client.host, updates } satisfies StoredConfig),
  );
  const yaml = Buffer.from(renderIndexYaml(index, { host: client.host, namespace, generated }));
  const configDescriptor = await putBlob(client, namespace, HelmIndexMediaType.Config, config);
  const layer = await putBlob(client, namespace, HelmIndexMediaType.Index, yaml);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: configDescriptor,
      layers: [{ ...layer, annotations: { 'org.opencontainers.image.title': 'index.yaml' } }],
      annotations: {
        'org.opencontainers.image.created': generated,
        'org.opencontainers.image.description': `Helm repository index of oci://${client.host}/${namespace}`,
      },
    }),
  );
  return client.putManifest(namespace, tag, manifest, MediaType.OciManifest);
}

async function putBlob(
  client: RegistryClient,
  repository: string,
  mediaType: string,
  bytes: Buffer,
): Promise<Descriptor> {
  const descriptor: Descriptor = { mediaType, digest: digestOf(bytes), size: bytes.length };
  if (!(await client.blobExists(repository, descriptor.digest))) {
    await client.pushBlob(repository, descriptor, { open: async () => Readable.from([bytes]) });
  }
  return descriptor;
}

/** A small blob whole, checked against its descriptor; a larger one than `limit` is refused. */
export async function readBlobBytes(
  client: RegistryClient,
  repository: string,
  descriptor: Descriptor,
  limit: number,
  where: string,
): Promise<Buffer> {
  if (descriptor.size > limit) {
    throw new BlobTooLargeError(
      `${where}: the blob is ${descriptor.size} bytes, more than the ${limit} oci-push reads`,
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of await client.getBlob(repository, descriptor.digest, descriptor.size)) {
    total += (chunk as Buffer).length;
    if (total > descriptor.size) break;
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  verifyBytes(bytes, descriptor.digest, descriptor.size, where);
  return bytes;
}

export class BlobTooLargeError extends Error {
  override name = 'BlobTooLargeError';
}

/** A problem with what the registry holds (not with reaching it): worth a warning, not a retry. */
export function isContentError(error: unknown): boolean {
  return (
    error instanceof IndexFormatError ||
    error instanceof ForeignIndexError ||
    error instanceof BlobTooLargeError ||
    error instanceof SyntaxError ||
    (error instanceof Error &&
      ['ManifestFormatError', 'DigestMismatchError', 'SizeMismatchError'].includes(error.name))
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
