import type { Readable } from 'node:stream';
import type { Descriptor } from '../oci/descriptor.js';
import { type Digest, digestOf, isDigest } from '../oci/digest.js';
import { MANIFEST_ACCEPT } from '../oci/mediatypes.js';
import { type AuthOptions, RegistryAuth } from './auth.js';
import {
  blobUrl,
  manifestUrl,
  resolveLocation,
  tagListUrl,
  uploadCompleteUrl,
  uploadStartUrl,
} from './endpoints.js';
import { RegistryError, registryErrorFrom } from './errors.js';
import { NetworkError, type HttpResponse } from './http.js';
import { pullScopes, pushScopes } from './scope.js';

/** The registry, its credential, and the transport (usually `withRetry(createTransport(...))`). */
export type RegistryClientOptions = AuthOptions;

/** What a manifest HEAD or GET found. */
export interface ManifestInfo {
  digest: Digest;
  mediaType: string;
  size: number;
}

/** Whole-blob upload attempts; the request layer can't replay a stream body itself. */
const BLOB_UPLOAD_ATTEMPTS = 3;

/**
 * The OCI distribution API of one registry (distribution-spec `spec.md`), for any number of
 * repositories on it. Auth, retries and redirects live in the layers below.
 */
export class RegistryClient {
  private readonly auth: RegistryAuth;

  constructor(private readonly options: RegistryClientOptions) {
    this.auth = new RegistryAuth(options);
  }

  get host(): string {
    return this.options.endpoint.host;
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
   * Uploads a blob whole (monolithic POST then PUT), and the registry itself verifies the
   * digest. `open` is called again for each attempt, since a stream can't be replayed.
   */
  async pushBlob(
    repository: string,
    descriptor: Descriptor,
    open: () => Promise<Readable>,
  ): Promise<'uploaded'> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.uploadOnce(repository, descriptor, open);
      } catch (error) {
        if (!(error instanceof NetworkError) || attempt >= BLOB_UPLOAD_ATTEMPTS) throw error;
      }
    }
  }

  private async uploadOnce(
    repository: string,
    descriptor: Descriptor,
    open: () => Promise<Readable>,
  ): Promise<'uploaded'> {
    const scopes = pushScopes(repository);
    const startUrl = uploadStartUrl(this.options.endpoint, repository);
    const started = await this.auth.send({ method: 'POST', url: startUrl }, scopes);
    if (started.status !== 202) {
      throw await this.error(started, `Starting the upload of ${descriptor.digest}`, repository);
    }
    const location = started.headers.location;
    await started.drain();
    if (!location) {
      throw new RegistryError(
        `Starting the upload of ${descriptor.digest}`,
        this.host,
        repository,
        202,
        [],
        'The registry gave no upload Location.',
      );
    }
    const target = uploadCompleteUrl(resolveLocation(location, started.url), descriptor.digest);
    const put = await this.auth.send(
      {
        method: 'PUT',
        url: target,
        headers: { 'content-type': 'application/octet-stream' },
        body: open,
        contentLength: descriptor.size,
      },
      scopes,
    );
    if (put.status !== 201)
      throw await this.error(put, `Uploading blob ${descriptor.digest}`, repository);
    await put.drain();
    return 'uploaded';
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
    const res = await this.auth.send(
      {
        method: 'GET',
        url: manifestUrl(this.options.endpoint, repository, reference),
        headers: { accept: MANIFEST_ACCEPT },
      },
      pullScopes(repository),
    );
    if (res.status !== 200)
      throw await this.error(res, `Fetching manifest ${reference}`, repository);
    const bytes = await res.buffer();
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
        `The registry reports digest ${String(reported)} for a manifest whose digest is ${digest}; it may have rewritten it.`,
      );
    }
    return digest;
  }

  async listTags(repository: string): Promise<string[]> {
    const tags: string[] = [];
    let url: URL | undefined = tagListUrl(this.options.endpoint, repository);
    while (url) {
      const res: HttpResponse = await this.auth.send(
        { method: 'GET', url },
        pullScopes(repository),
      );
      if (res.status === 404) {
        await res.drain();
        return tags;
      }
      if (res.status !== 200) throw await this.error(res, 'Listing tags', repository);
      const body = JSON.parse(await res.text()) as { tags?: string[] | null };
      tags.push(...(body.tags ?? []));
      url = nextPage(res);
    }
    return tags;
  }

  private error(res: HttpResponse, operation: string, repository: string): Promise<RegistryError> {
    return registryErrorFrom(res, { operation, registry: this.host, repository });
  }
}

/** RFC 5988 `Link: <url>; rel="next"` pagination (distribution-spec, "Listing Tags"). */
function nextPage(res: HttpResponse): URL | undefined {
  const link = res.headers.link;
  const match = typeof link === 'string' ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
  return match?.[1] ? new URL(match[1], res.url) : undefined;
}
