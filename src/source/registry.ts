import type { Readable } from 'node:stream';
import { type Descriptor, toDescriptor } from '../oci/descriptor.js';
import { type Digest, verifyBytes, VerifyingStream } from '../oci/digest.js';
import { isManifestMediaType } from '../oci/mediatypes.js';
import { referrersTag } from '../oci/referrers.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';
import { type ContentSource, SourceError } from './source.js';

/**
 * Another registry as the source (`docker://HOST/REPO[:TAG|@DIGEST]`): how a runner in China
 * copies a release from gsoci to Aliyun. Manifests are fetched by digest and checked; blobs
 * stream through, verified as they pass, and are never held whole.
 */
export class RegistrySource implements ContentSource {
  readonly name: string;
  /** The root's bytes from `resolve()`, so the graph walk doesn't fetch them a second time. */
  private root: { digest: string; bytes: Buffer } | undefined;
  /** False once the registry answered 404 to the referrers API: then only the tag schema. */
  private referrersApi = true;

  constructor(
    private readonly client: RegistryClient,
    /** The repository the blobs live in; the copy mounts from it on the same registry. */
    readonly repository: string,
    private readonly reference: string,
  ) {
    const separator = reference.startsWith('sha256:') ? '@' : ':';
    this.name = `docker://${client.host}/${repository}${separator}${reference}`;
  }

  get host(): string {
    return this.client.host;
  }

  async resolve(): Promise<Descriptor> {
    const manifest = await this.client.getManifest(this.repository, this.reference);
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
    const bytes =
      this.root?.digest === descriptor.digest
        ? this.root.bytes
        : (await this.client.getManifest(this.repository, descriptor.digest)).bytes;
    verifyBytes(
      bytes,
      descriptor.digest,
      descriptor.size,
      `${this.name}: manifest ${descriptor.digest}`,
    );
    return bytes;
  }

  /**
   * The referrers API, or on a registry without it (404) the fallback tag `sha256-<hex>`
   * (distribution-spec "Referrers Tag Schema"), as a client reading them would look.
   */
  async referrers(digest: Digest): Promise<Descriptor[]> {
    if (this.referrersApi) {
      const listed = await this.client.getReferrers(this.repository, digest);
      if (listed) return listed;
      this.referrersApi = false;
    }
    const tag = referrersTag(digest);
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
    return entries.map((entry, i) => toDescriptor(entry, `${where} manifests[${i}]`));
  }

  async resolveTag(tag: string): Promise<Descriptor | undefined> {
    const found = await this.client.headManifest(this.repository, tag);
    if (!found) return undefined;
    const mediaType = found.mediaType.split(';')[0]?.trim() ?? '';
    // A HEAD without Content-Length gives no size; the digest is what the GET checks.
    const size =
      found.size > 0
        ? found.size
        : (await this.client.getManifest(this.repository, found.digest)).size;
    return { mediaType, digest: found.digest, size };
  }

  async openBlob(descriptor: Descriptor): Promise<Readable> {
    const body = await this.client.getBlob(this.repository, descriptor.digest);
    const verifier = new VerifyingStream(
      descriptor.digest,
      descriptor.size,
      `${this.name}: blob ${descriptor.digest}`,
    );
    body.once('error', (error) => verifier.destroy(error));
    // A consumer that stops early must not leave the connection half-read.
    verifier.once('close', () => {
      if (!body.readableEnded) body.destroy();
    });
    return body.pipe(verifier);
  }
}
