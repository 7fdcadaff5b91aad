import type { Readable } from 'node:stream';
import type { Descriptor } from '../oci/descriptor.js';
import { verifyBytes, VerifyingStream } from '../oci/digest.js';
import { isManifestMediaType } from '../oci/mediatypes.js';
import type { RegistryClient } from '../registry/client.js';
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
