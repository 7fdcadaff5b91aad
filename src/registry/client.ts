import { Readable } from 'node:stream';
import { type Descriptor, toDescriptor } from '../oci/descriptor.js';
import { type Digest, digestOf, isDigest } from '../oci/digest.js';
import { MANIFEST_ACCEPT } from '../oci/mediatypes.js';
import { checkedRepository, checkedTag, printable } from '../oci/untrusted.js';
import { again, isTransient } from './attempts.js';
import { type AuthOptions, RegistryAuth } from './auth.js';
import {
  BlobUploader,
  type BlobUploadOptions,
  DEFAULT_CHUNK_SIZE,
  isLostSession,
} from './blob-upload.js';
import { blobUrl, catalogUrl, manifestUrl, referrersUrl, tagListUrl } from './endpoints.js';
import { ListingError, RegistryError, registryErrorFrom } from './errors.js';
import { DeadlineError, NetworkError, type HttpResponse } from './http.js';
import { type PageReader, parseJsonObject, readPages } from './listing-pages.js';
import { backoffMs, DEFAULT_RETRY_POLICY, readWhole } from './retry.js';
import { catalogScopes, pullScopes, pushScopes } from './scope.js';

/** The registry, its credential, and the transport (usually `withRetry(createTransport(...))`). */
export interface RegistryClientOptions extends AuthOptions {
  /** Blobs larger than this are uploaded in chunks of this size. */
  chunkSize?: number;
  /** Waits between upload attempts; tests make it instant. */
  sleep?: (ms: number) => Promise<void>;
}

/** What a manifest HEAD or GET found. */
export interface ManifestInfo {
  digest: Digest;
  mediaType: string;
  size: number;
}

/** Catalog pages read at most: 10,000 pages of 100 is a million repositories. */
const MAX_CATALOG_PAGES = 10_000;
/** Repositories a catalog may list: ACR's and Harbor's largest hold tens of thousands. */
const MAX_CATALOG_REPOSITORIES = 1_000_000;
/** Upload attempts per blob: each starts a new session (a resume doesn't count as one). */
const BLOB_UPLOAD_ATTEMPTS = 5;
/**
 * Reads of an answer cut partway through: a manifest or a page read whole is asked for again,
 * a blob is continued from where it was cut. The transport's own retries end once the headers
 * are in, so a body cut later is retried here, as often as a request is.
 */
const BODY_READ_ATTEMPTS = DEFAULT_RETRY_POLICY.attempts;

/**
 * Tags per repository a listing may hold: five times the 200,000 of the largest listing
 * seen in the wild so far, far above any repository Giant Swarm syncs, and a bound (about
 * 100 MB held) on a registry that never stops paging. `OCI_PUSH_MAX_TAGS` moves it.
 */
export const DEFAULT_MAX_TAGS = 1_000_000;
/** A page of a tag list may be this large: 200,000 tags unpaged is about 3 MB. */
const TAG_PAGE_BODY_LIMIT = 64 * 1024 * 1024;
/** Referrers of one manifest: cosign and attestations add a few per build, not thousands. */
const MAX_REFERRERS = 10_000;
const MAX_REFERRER_PAGES = 1_000;

export class RegistryClient {
  private readonly auth: RegistryAuth;
  private readonly uploader: BlobUploader;
  private readonly pages: PageReader;
  /** Whether the registry serves the referrers API: unknown until first asked. */
  private referrersApi: boolean | undefined;

  constructor(private readonly options: RegistryClientOptions) {
    this.auth = new RegistryAuth(options);
    const error = this.error.bind(this);
    this.uploader = new BlobUploader({
      auth: this.auth,
      endpoint: options.endpoint,
      chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
      sleep: (ms) => this.sleep(ms),
      error,
    });
    this.pages = { auth: this.auth, host: this.host, readOptions: this.readOptions, error };
  }

  get host(): string {
    return this.options.endpoint.host;
  }

  /** Whether the registry serves the referrers API; undefined until it was asked once. */
  get servesReferrersApi(): boolean | undefined {
    return this.referrersApi;
  }

  /** Checks that the registry answers the API, and learns its auth scheme. */
  async ping(): Promise<void> {
    await this.auth.ping();
  }

  async blobExists(repository: string, digest: Digest): Promise<boolean> {
    const res = await this.auth.send(
      { method: 'HEAD', url: blobUrl(this.options.endpoint, repository, digest) },
      pushScopes(repository),
    );
    await res.drain();
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw await this.error(res, `Checking blob ${digest}`, repository);
  }

  /**
   * Puts a blob in `repository`: mounted from `mountFrom` when the registry agrees, else
   * uploaded, whole in one PUT when it is small and in PATCH chunks when it is large. A
   * chunked upload that loses its connection or gets a server error asks the registry how
   * far it got and continues from there. The registry checks the digest on the final PUT.
   */
  async pushBlob(
    repository: string,
    descriptor: Descriptor,
    options: BlobUploadOptions,
  ): Promise<'uploaded' | 'mounted'> {
    return again(
      BLOB_UPLOAD_ATTEMPTS,
      (error) => isTransient(error) || isLostSession(error),
      async (attempt) => {
        // An answer lost on the way back may hide an upload that did complete.
        if (
          attempt > 1 &&
          (await this.blobExists(repository, descriptor.digest).catch(() => false))
        ) {
          return 'uploaded';
        }
        return this.uploader.upload(repository, descriptor, options);
      },
      (ms) => this.sleep(ms),
    );
  }

  /** A cut answer read whole is asked for again as often as a request is retried. */
  private get readOptions(): { attempts: number; sleep: (ms: number) => Promise<void> } {
    return { attempts: BODY_READ_ATTEMPTS, sleep: (ms) => this.sleep(ms) };
  }

  private sleep(ms: number): Promise<void> {
    return (this.options.sleep ?? DEFAULT_RETRY_POLICY.sleep)(ms);
  }

  /**
   * A blob's bytes as one stream, following redirects (credentials never go along to another
   * host). When the connection is cut partway, the rest is asked for with `Range: bytes=N-`
   * (distribution-spec, "Pulling blobs"); a registry that ignores the range answers 200, and
   * the bytes already passed on are skipped. `size` tells a cut that looked like an end from
   * the real end. The caller verifies the bytes.
   */
  async getBlob(repository: string, digest: Digest, size?: number): Promise<Readable> {
    const url = blobUrl(this.options.endpoint, repository, digest);
    const request = async (offset: number): Promise<{ body: Readable; skip: number }> => {
      const res = await this.auth.send(
        { method: 'GET', url, ...(offset > 0 && { headers: { range: `bytes=${offset}-` } }) },
        pullScopes(repository),
      );
      if (offset > 0 && res.status === 206) {
        const start = /^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1];
        if (Number(start) === offset) return { body: res.stream(), skip: 0 };
        await res.drain();
        throw new RegistryError(
          `Fetching blob ${digest} from byte ${offset}`,
          this.host,
          repository,
          206,
          [],
          `The registry answered a different range (${printable(String(res.headers['content-range']), 100)}).`,
        );
      }
      if (res.status !== 200) throw await this.error(res, `Fetching blob ${digest}`, repository);
      return { body: res.stream(), skip: offset };
    };
    // A GET that still fails after the transport's retries is tried again, as an upload
    // starts a new session: a source read gets the budget a target write has.
    const open = (offset: number): Promise<{ body: Readable; skip: number }> =>
      again(
        BODY_READ_ATTEMPTS,
        isTransient,
        () => request(offset),
        (ms) => this.sleep(ms),
      );
    const first = await open(0);
    const where = `${this.host}/${repository}: blob ${digest}`;
    return Readable.from(
      resumable(first.body, open, size, where, (ms) => this.sleep(ms)),
      {
        objectMode: false,
      },
    );
  }

  /**
   * Whether this client may list the repository's tags: one `GET …/tags/list?n=1`, its first
   * page only, answered 200, or refused (401, 403), or hidden (404). The sync asks it without
   * a credential, to learn whether anyone may read a source. Any other answer throws.
   */
  async tagListAccess(repository: string): Promise<200 | 401 | 403 | 404> {
    const url = tagListUrl(this.options.endpoint, repository);
    url.searchParams.set('n', '1');
    const res = await this.auth.send(
      { method: 'GET', url, headers: { accept: 'application/json' } },
      pullScopes(repository),
    );
    await res.drain();
    const status = res.status;
    if (status === 200 || status === 401 || status === 403 || status === 404) return status;
    throw await this.error(res, 'Listing tags', repository);
  }

  /** HEAD a manifest by tag or digest; undefined when it isn't there. */
  async headManifest(repository: string, reference: string): Promise<ManifestInfo | undefined> {
    const res = await this.auth.send(
      {
        method: 'HEAD',
        url: manifestUrl(this.options.endpoint, repository, reference),
        headers: { accept: MANIFEST_ACCEPT },
      },
      pullScopes(repository),
    );
    await res.drain();
    if (res.status === 404) return undefined;
    if (res.status !== 200)
      throw await this.error(res, `Checking manifest ${reference}`, repository);
    const digest = String(res.headers['docker-content-digest'] ?? '');
    const info = {
      mediaType: String(res.headers['content-type'] ?? ''),
      size: Number(res.headers['content-length'] ?? 0),
    };
    if (isDigest(digest)) return { digest, ...info };
    if (isDigest(reference)) return { digest: reference, ...info };
    // A registry that doesn't name the digest on HEAD: fetch the manifest and hash it, since
    // what a tag points at decides whether a release is refused.
    const { bytes: _bytes, ...fetched } = await this.getManifest(repository, reference);
    return fetched;
  }

  async getManifest(
    repository: string,
    reference: string,
  ): Promise<{ bytes: Buffer } & ManifestInfo> {
    const { res, bytes } = await readWhole(
      () =>
        this.auth.send(
          {
            method: 'GET',
            url: manifestUrl(this.options.endpoint, repository, reference),
            headers: { accept: MANIFEST_ACCEPT },
          },
          pullScopes(repository),
        ),
      async (res) => {
        if (res.status !== 200)
          throw await this.error(res, `Fetching manifest ${reference}`, repository);
        return { res, bytes: await res.buffer() };
      },
      this.readOptions,
    );
    const digest = digestOf(bytes);
    if (isDigest(reference) && digest !== reference) {
      throw new RegistryError(
        `Fetching manifest ${reference}`,
        this.host,
        repository,
        200,
        [],
        `The registry returned content with digest ${digest}.`,
      );
    }
    return {
      bytes,
      digest,
      mediaType: String(res.headers['content-type'] ?? ''),
      size: bytes.length,
    };
  }

  /**
   * PUT a manifest's exact bytes by digest or tag, and check that the registry computed the
   * same digest (`Docker-Content-Digest`), so what we report is what it stored.
   */
  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<Digest> {
    return (await this.pushManifest(repository, reference, bytes, mediaType)).digest;
  }

  /**
   * `putManifest`, also telling whether the registry indexed the manifest's `subject`: it
   * then answers with `OCI-Subject` (distribution-spec "Pushing Manifests with Subject");
   * without it, the client keeps the fallback tag itself.
   */
  async pushManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<{ digest: Digest; subjectIndexed: boolean }> {
    const digest = digestOf(bytes);
    const res = await this.auth.send(
      {
        method: 'PUT',
        url: manifestUrl(this.options.endpoint, repository, reference),
        headers: { 'content-type': mediaType },
        body: bytes,
      },
      pushScopes(repository),
    );
    if (res.status !== 201)
      throw await this.error(res, `Pushing manifest ${reference}`, repository);
    await res.drain();
    const reported = res.headers['docker-content-digest'];
    if (reported !== undefined && reported !== digest) {
      throw new RegistryError(
        `Pushing manifest ${reference}`,
        this.host,
        repository,
        res.status,
        [],
        `The registry reports digest ${printable(String(reported), 100)} for a manifest whose digest is ${digest}; it may have rewritten it.`,
      );
    }
    return { digest, subjectIndexed: res.headers['oci-subject'] !== undefined };
  }

  /**
   * The referrers of `digest` through the referrers API, every page of them; undefined when
   * the registry answers 404, which the spec reserves for registries without the API (they
   * are read through the fallback tag `sha256-<hex>` instead). A registry without the API is
   * not asked again in this run. Each listed descriptor is checked (digest, media types) and
   * the listing is bounded like a tag list.
   */
  async getReferrers(repository: string, digest: Digest): Promise<Descriptor[] | undefined> {
    if (this.referrersApi === false) return undefined;
    const referrers = new Map<Digest, Descriptor>();
    const where = `${this.host}/${repository}: the referrers of ${digest}`;
    const listed = await readPages(
      this.pages,
      referrersUrl(this.options.endpoint, repository, digest),
      {
        operation: `Listing the referrers of ${digest}`,
        repository,
        entries: 'referrers',
        maxEntries: MAX_REFERRERS,
        maxPages: MAX_REFERRER_PAGES,
      },
      (text, page) => {
        const index = parseJsonObject(text, `${where} (page ${page})`, 'an OCI index');
        const entries = Array.isArray(index.manifests) ? (index.manifests as unknown[]) : [];
        const before = referrers.size;
        entries.forEach((entry, i) => {
          const descriptor = toDescriptor(entry, `${where} (page ${page}) [${i}]`);
          referrers.set(descriptor.digest, descriptor);
        });
        return referrers.size - before;
      },
    );
    this.referrersApi = listed;
    return listed ? [...referrers.values()] : undefined;
  }

  /**
   * Every tag, following `Link` pages. `pageSize` asks for pages of that many (`?n=`). A
   * missing repository is no tags; a page that fails or vanishes after the first is an
   * error, never a shorter list. Every entry must be a tag (distribution-spec grammar), or
   * the listing is refused whole: a registry that lists a path as a tag is not believed
   * about the rest either. At most `maxTags` distinct tags (default `DEFAULT_MAX_TAGS`).
   */
  async listTags(
    repository: string,
    options: { pageSize?: number; maxTags?: number } = {},
  ): Promise<string[]> {
    const tags = new Set<string>();
    const maxTags = options.maxTags ?? DEFAULT_MAX_TAGS;
    const first = tagListUrl(this.options.endpoint, repository);
    if (options.pageSize) first.searchParams.set('n', String(options.pageSize));
    const where = `${this.host}/${repository}: the tag list`;
    await readPages(
      this.pages,
      first,
      {
        operation: 'Listing tags',
        repository,
        entries: 'tags',
        maxEntries: maxTags,
        // A registry that honours `n` needs maxTags/100 pages; one that serves a handful per
        // page past that is broken or hostile.
        maxPages: Math.ceil(maxTags / 100) + 100,
        raise: `set OCI_PUSH_MAX_TAGS above ${maxTags} if the repository really has more`,
        bodyLimit: TAG_PAGE_BODY_LIMIT,
      },
      (text, page) => {
        const body = parseJsonObject(text, `${where} (page ${page})`, 'a tag list');
        const listed: unknown = body.tags ?? [];
        if (!Array.isArray(listed)) {
          throw new ListingError(`${where} (page ${page}): "tags" is not a list`);
        }
        const before = tags.size;
        // One at a time: spreading 200,000 names into push() overflows the call stack.
        for (const entry of listed) tags.add(checkedTag(entry, `${where} (page ${page})`));
        return tags.size - before;
      },
    );
    return [...tags];
  }

  /**
   * Every repository the registry's catalog lists (`GET /v2/_catalog`, following `Link`
   * pages), with the scope `registry:catalog:*` that ACR's token service asks for. A page
   * seen twice (a `Link` in a loop) or more than `maxPages` of them is an error, never an
   * endless walk. A refusal (401, 403, 404: Docker Hub, GHCR and Quay serve no catalog)
   * throws the registry's error for the caller to explain.
   */
  async listRepositories(
    options: { pageSize?: number; maxPages?: number } = {},
  ): Promise<string[]> {
    const repositories = new Set<string>();
    const first = catalogUrl(this.options.endpoint);
    if (options.pageSize) first.searchParams.set('n', String(options.pageSize));
    const where = `${this.host}: the catalog`;
    await readPages(
      this.pages,
      first,
      {
        operation: 'Listing repositories',
        repository: '',
        scopes: catalogScopes(),
        missing: 'error',
        entries: 'repositories',
        maxEntries: MAX_CATALOG_REPOSITORIES,
        maxPages: options.maxPages ?? MAX_CATALOG_PAGES,
      },
      (text, page) => {
        const body = parseJsonObject(text, `${where} (page ${page})`, 'a catalog');
        const listed: unknown = body.repositories ?? [];
        if (!Array.isArray(listed)) {
          throw new ListingError(`${where} (page ${page}): "repositories" is not a list`);
        }
        const before = repositories.size;
        // A name that is not a repository path would reach URLs and the plan: refused.
        for (const name of listed) {
          repositories.add(checkedRepository(name, `${where} (page ${page})`));
        }
        return repositories.size - before;
      },
    );
    return [...repositories];
  }

  private error(res: HttpResponse, operation: string, repository: string): Promise<RegistryError> {
    return registryErrorFrom(res, { operation, registry: this.host, repository });
  }
}

/**
 * A blob body that goes on across cuts: whatever ends it early (an error, or an end before
 * `size` bytes) opens the rest with `open(offset)`, skipping what a registry without range
 * support sends again. Gives up after `BODY_READ_ATTEMPTS` cuts, saying where.
 */
async function* resumable(
  first: Readable,
  open: (offset: number) => Promise<{ body: Readable; skip: number }>,
  size: number | undefined,
  where: string,
  sleep: (ms: number) => Promise<void>,
): AsyncGenerator<Buffer> {
  let body = first;
  let skip = 0;
  let position = 0;
  try {
    for (let cuts = 0; ;) {
      let cause: unknown;
      try {
        for await (const chunk of body) {
          let piece = chunk as Buffer;
          if (skip > 0) {
            const dropped = Math.min(skip, piece.length);
            piece = piece.subarray(dropped);
            skip -= dropped;
          }
          if (piece.length === 0) continue;
          position += piece.length;
          yield piece;
        }
        if (size === undefined || position >= size) return;
        cause = new Error(`the answer ended after ${position} of ${size} bytes`);
      } catch (error) {
        if (error instanceof DeadlineError) throw error;
        cause = error;
      }
      const message = cause instanceof Error ? cause.message : String(cause);
      if (++cuts > BODY_READ_ATTEMPTS) {
        throw new NetworkError(
          `${where}: the download was cut ${cuts} times, the last at byte ${position}` +
            `${size === undefined ? '' : ` of ${size}`} (${message})`,
          (cause as NodeJS.ErrnoException).code ?? 'ECONNRESET',
        );
      }
      body.destroy();
      await sleep(backoffMs(DEFAULT_RETRY_POLICY, cuts));
      ({ body, skip } = await open(position));
    }
  } finally {
    // A consumer that stops early must not leave the connection half-read.
    if (!body.readableEnded) body.destroy();
  }
}
