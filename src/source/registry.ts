import { Readable } from 'node:stream';
import { type Descriptor, toDescriptor } from '../oci/descriptor.js';
import { type Digest, SizeMismatchError, VerifyingStream } from '../oci/digest.js';
import { isManifestMediaType } from '../oci/mediatypes.js';
import { referrersTag } from '../oci/referrers.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';
import { NetworkError } from '../registry/http.js';
import { type ContentSource, SourceError } from './source.js';

/**
 * Another registry as the source (`docker://HOST/REPO[:TAG|@DIGEST]`): how a runner in China
 * copies a release from gsoci to Aliyun. Manifests are fetched by digest and checked; blobs
 * stream through, verified as they pass, and are never held whole.
 */
/**
 * How long a manifest that a tag or digest promises may answer 404 before the copy gives up:
 * a geo-replicated registry (ACR) serves a manifest just pushed elsewhere only after a while
 * (FACTS.md, "Geo-replication"), and Giant Swarm's own copy job retried for this reason.
 */
export const DEFAULT_MANIFEST_WAIT_MS = 60_000;

export interface RegistrySourceOptions {
  /** Where the user named this source, for messages: "the `image` input", "images[2].source". */
  input?: string;
  /**
   * The repository's tags as listed a moment ago. A fallback tag (`sha256-<hex>`) or cosign
   * tag that is not listed is not there, so it is not asked for tag by tag.
   */
  listedTags?: ReadonlySet<string>;
  /** How long a 404 for a manifest is retried (default 60 s). */
  manifestWaitMs?: number;
  /** Told of each wait, so a slow replica is visible in the log. */
  onWait?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class RegistrySource implements ContentSource {
  readonly name: string;
  /** The root's bytes from `resolve()`, so the graph walk doesn't fetch them a second time. */
  private root: { digest: string; bytes: Buffer } | undefined;
  /**
   * Manifests this registry itself just named (listed as referrers, or found behind a tag):
   * a 404 for one of them is an answer, not a replica lagging, so it is not waited out.
   */
  private readonly named = new Set<Digest>();
  /** Small blobs read once and handed to every target that wants them (see `openBlob`). */
  private readonly shared = new Map<Digest, Promise<Buffer>>();
  private sharedBytes = 0;

  constructor(
    private readonly client: RegistryClient,
    /** The repository the blobs live in; the copy mounts from it on the same registry. */
    readonly repository: string,
    private readonly reference: string,
    private readonly options: RegistrySourceOptions = {},
  ) {
    const separator = reference.startsWith('sha256:') ? '@' : ':';
    this.name = `docker://${client.host}/${repository}${separator}${reference}`;
  }

  get host(): string {
    return this.client.host;
  }

  async resolve(): Promise<Descriptor> {
    const manifest = await this.getManifest(this.reference);
    const mediaType = manifest.mediaType.split(';')[0]?.trim() ?? '';
    if (!isManifestMediaType(mediaType)) {
      throw new SourceError(
        `${this.name}: the registry serves a manifest of type "${manifest.mediaType}", which ` +
          'oci-push does not copy (OCI or Docker v2 manifests and indexes only)',
      );
    }
    this.root = { digest: manifest.digest, bytes: manifest.bytes };
    return { mediaType, digest: manifest.digest, size: manifest.size };
  }

  async fetchManifest(descriptor: Descriptor): Promise<Buffer> {
    const { bytes } =
      this.root?.digest === descriptor.digest
        ? this.root
        : await this.getManifest(descriptor.digest, !this.named.has(descriptor.digest));
    // The client hashed these bytes: the root's digest is their hash, and a manifest asked
    // for by digest is refused unless it hashes to it. Only the size is left to check.
    if (bytes.length !== descriptor.size) {
      throw new SizeMismatchError(
        descriptor.size,
        bytes.length,
        `${this.name}: manifest ${descriptor.digest}`,
      );
    }
    return bytes;
  }

  /**
   * A manifest, waiting out a replica that doesn't serve it yet (404) for a bounded time; a
   * failure is a source error.
   */
  private async getManifest(
    reference: string,
    waitForReplica = true,
  ): ReturnType<RegistryClient['getManifest']> {
    const { onWait } = this.options;
    const manifestWaitMs = waitForReplica
      ? (this.options.manifestWaitMs ?? DEFAULT_MANIFEST_WAIT_MS)
      : 0;
    const now = this.options.now ?? Date.now;
    const sleep =
      this.options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
    const deadline = now() + manifestWaitMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.client.getManifest(this.repository, reference);
      } catch (error) {
        const left = deadline - now();
        if (!(error instanceof RegistryError && error.status === 404) || left <= 0) {
          throw this.failure(`manifest ${reference}`, error);
        }
        const delay = Math.min(left, Math.min(10_000, 1_000 * 2 ** (attempt - 1)));
        onWait?.(
          `${this.name}: manifest ${reference} not found (HTTP 404); a replica may not have it ` +
            `yet, trying again in ${Math.round(delay / 1000)} s (up to ${manifestWaitMs / 1000} s in all)`,
        );
        await sleep(delay);
      }
    }
  }

  /**
   * The referrers API, or on a registry without it (404) the fallback tag `sha256-<hex>`
   * (distribution-spec "Referrers Tag Schema"), as a client reading them would look.
   */
  async referrers(digest: Digest): Promise<Descriptor[]> {
    // undefined: no referrers API, which the client remembers for the rest of the run.
    const listed = await this.client.getReferrers(this.repository, digest);
    if (listed) return this.naming(listed);
    const tag = referrersTag(digest);
    if (this.options.listedTags && !this.options.listedTags.has(tag)) return [];
    let index: Buffer;
    try {
      index = (await this.client.getManifest(this.repository, tag)).bytes;
    } catch (error) {
      if (error instanceof RegistryError && error.status === 404) return [];
      throw error;
    }
    const where = `${this.name}: the referrers tag ${tag}`;
    let json: { manifests?: unknown };
    try {
      json = JSON.parse(index.toString('utf8')) as typeof json;
    } catch {
      throw new SourceError(`${where} is not JSON; it should hold an OCI index of referrers`);
    }
    const entries = Array.isArray(json.manifests) ? (json.manifests as unknown[]) : [];
    return this.naming(entries.map((entry, i) => toDescriptor(entry, `${where} manifests[${i}]`)));
  }

  /** Remembers descriptors the registry named, so they are not waited for (see `named`). */
  private naming(descriptors: Descriptor[]): Descriptor[] {
    for (const d of descriptors) this.named.add(d.digest);
    return descriptors;
  }

  async resolveTag(tag: string): Promise<Descriptor | undefined> {
    if (this.options.listedTags && !this.options.listedTags.has(tag)) return undefined;
    const found = await this.client.headManifest(this.repository, tag);
    if (!found) return undefined;
    const mediaType = found.mediaType.split(';')[0]?.trim() ?? '';
    // A HEAD without Content-Length gives no size; the digest is what the GET checks.
    const size =
      found.size > 0
        ? found.size
        : (await this.client.getManifest(this.repository, found.digest)).size;
    const [named] = this.naming([{ mediaType, digest: found.digest, size }]);
    return named;
  }

  /**
   * A blob, verified as it streams. A read cut partway goes on from where it was cut (see
   * `RegistryClient.getBlob`). Small blobs (configs, small layers) are read once and shared
   * by every target that asks while they are kept, so a copy to several registries reads
   * them once; large ones stream to each target on their own and are never held whole.
   */
  async openBlob(descriptor: Descriptor): Promise<Readable> {
    if (descriptor.size > SHARED_BLOB_MAX) return this.streamBlob(descriptor);
    let read = this.shared.get(descriptor.digest);
    if (!read) {
      read = this.readBlob(descriptor);
      if (this.sharedBytes + descriptor.size <= SHARED_BYTES_MAX) {
        this.shared.set(descriptor.digest, read);
        this.sharedBytes += descriptor.size;
        read.catch(() => {
          // A failed read is not kept: the next target asking reads again.
          this.shared.delete(descriptor.digest);
          this.sharedBytes -= descriptor.size;
        });
      }
    }
    return Readable.from([await read]);
  }

  private async readBlob(descriptor: Descriptor): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.streamBlob(descriptor)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private async streamBlob(descriptor: Descriptor): Promise<Readable> {
    const what = `blob ${descriptor.digest}`;
    let body: Readable;
    try {
      body = await this.client.getBlob(this.repository, descriptor.digest, descriptor.size);
    } catch (error) {
      throw this.failure(what, error);
    }
    const verifier = new VerifyingStream(
      descriptor.digest,
      descriptor.size,
      `${this.name}: ${what}`,
    );
    body.once('error', (error) => verifier.destroy(this.failure(what, error)));
    // A consumer that stops early must not leave the connection half-read.
    verifier.once('close', () => {
      if (!body.readableEnded) body.destroy();
    });
    return body.pipe(verifier);
  }

  /**
   * A read that failed even after its retries, as a source error: which source, which input
   * named it, and, when the registry could not be reached, what to check.
   */
  private failure(what: string, error: unknown): Error {
    if (error instanceof SourceError) return error;
    const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    const input = this.options.input ? ` (${this.options.input})` : '';
    const hint =
      error instanceof NetworkError
        ? `. The image source ${this.client.host} could not be read, after retries; check ` +
          'that it is up and reachable from here, then run again'
        : '';
    return new SourceError(`${this.name}${input}: reading ${what} failed: ${message}${hint}`, {
      cause: error,
    });
  }
}

/** Blobs up to this size are read once per source and shared by every target. */
const SHARED_BLOB_MAX = 4 * 1024 * 1024;
/** What the shared small blobs of one source may hold in memory at most. */
const SHARED_BYTES_MAX = 64 * 1024 * 1024;
