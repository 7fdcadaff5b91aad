import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { type Descriptor, toDescriptor } from '../oci/descriptor.js';
import { digestHex, verifyBytes } from '../oci/digest.js';
import { isManifestMediaType } from '../oci/mediatypes.js';
import { MAX_MANIFEST_BYTES, readBoundedFile } from './bounded-file.js';
import { SharedBlobReads } from './shared-read.js';
import { type ContentSource, SourceError } from './source.js';

/** image-spec `annotations.md`: the name of an entry in a layout's index.json. */
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

/** An OCI image layout directory (image-spec `image-layout.md`). */
export class OciLayoutSource implements ContentSource {
  readonly name: string;
  /** Registries pushed to at once share one read and one check of each blob. */
  private readonly reads = new SharedBlobReads();

  constructor(
    private readonly dir: string,
    private readonly ref?: string,
  ) {
    this.name = `oci:${dir}${ref === undefined ? '' : `:${ref}`}`;
  }

  async resolve(): Promise<Descriptor> {
    await this.checkLayoutMarker();
    const entries = await this.readIndexEntries();
    if (this.ref !== undefined) {
      const matches = entries.filter((e) => e.annotations?.[REF_NAME_ANNOTATION] === this.ref);
      const [match] = matches;
      if (!match) {
        throw new SourceError(
          `${this.name}: index.json has no entry named "${this.ref}"; it has ${describeEntries(entries)}`,
        );
      }
      if (matches.length > 1) {
        throw new SourceError(
          `${this.name}: index.json has ${matches.length} entries named "${this.ref}"`,
        );
      }
      return match;
    }
    const [only] = entries;
    if (!only) throw new SourceError(`${this.name}: index.json lists no manifests`);
    if (entries.length > 1) {
      throw new SourceError(
        `${this.name}: index.json lists ${entries.length} manifests; name one with ` +
          `oci:${this.dir}:NAME. It has ${describeEntries(entries)}`,
      );
    }
    return only;
  }

  async fetchManifest(descriptor: Descriptor): Promise<Buffer> {
    if (descriptor.size > MAX_MANIFEST_BYTES) {
      throw new SourceError(
        `${this.name}: manifest ${descriptor.digest} is ${descriptor.size} bytes; registries ` +
          `only guarantee ${MAX_MANIFEST_BYTES}`,
      );
    }
    const bytes = await this.readBlobFile(descriptor);
    verifyBytes(
      bytes,
      descriptor.digest,
      descriptor.size,
      `${this.name}: manifest ${descriptor.digest}`,
    );
    return bytes;
  }

  async openBlob(descriptor: Descriptor): Promise<Readable> {
    const path = this.blobPath(descriptor);
    await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw this.missingBlob(descriptor, error);
    });
    return this.reads.open(path, descriptor, `${this.name}: blob ${descriptor.digest}`);
  }

  private blobPath(descriptor: Descriptor): string {
    return join(this.dir, 'blobs', 'sha256', digestHex(descriptor.digest));
  }

  private async readBlobFile(descriptor: Descriptor): Promise<Buffer> {
    const where = `${this.name}: manifest ${descriptor.digest} (blobs/sha256/${digestHex(descriptor.digest)})`;
    try {
      return await readBoundedFile(this.blobPath(descriptor), MAX_MANIFEST_BYTES, where);
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw this.missingBlob(descriptor, error as NodeJS.ErrnoException);
    }
  }

  private missingBlob(descriptor: Descriptor, error: NodeJS.ErrnoException): SourceError {
    const reason = error.code === 'ENOENT' ? 'is missing' : `can't be read (${error.message})`;
    return new SourceError(
      `${this.name}: ${descriptor.mediaType} ${descriptor.digest} ${reason} ` +
        `(blobs/sha256/${digestHex(descriptor.digest)}); the layout is incomplete, so re-export the image`,
    );
  }

  private async checkLayoutMarker(): Promise<void> {
    let marker: unknown;
    try {
      const where = `${this.name}: oci-layout`;
      const bytes = await readBoundedFile(join(this.dir, 'oci-layout'), MAX_MANIFEST_BYTES, where);
      marker = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      if (error instanceof SourceError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new SourceError(
        code === 'ENOENT'
          ? `${this.name}: not an OCI image layout (no oci-layout file in ${this.dir})`
          : `${this.name}: oci-layout file is unreadable: ${(error as Error).message}`,
      );
    }
    const version = (marker as { imageLayoutVersion?: unknown }).imageLayoutVersion;
    if (version !== '1.0.0') {
      throw new SourceError(
        `${this.name}: unsupported imageLayoutVersion ${JSON.stringify(version)}`,
      );
    }
  }

  private async readIndexEntries(): Promise<Descriptor[]> {
    let index: { manifests?: unknown };
    try {
      index = JSON.parse(await readIndexJson(this.dir, this.name)) as typeof index;
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw new SourceError(
        `${this.name}: index.json is missing or not JSON: ${(error as Error).message}`,
      );
    }
    if (!Array.isArray(index.manifests)) {
      throw new SourceError(`${this.name}: index.json has no "manifests" list`);
    }
    return index.manifests.map((entry, i) => {
      const descriptor = toDescriptor(entry, `${this.name}: index.json manifests[${i}]`);
      if (!isManifestMediaType(descriptor.mediaType)) {
        throw new SourceError(
          `${this.name}: index.json manifests[${i}] has media type ${descriptor.mediaType}, not a manifest`,
        );
      }
      return descriptor;
    });
  }
}

/** A layout's index.json, bounded like a manifest: it is one, in all but name. */
export async function readIndexJson(dir: string, name: string): Promise<string> {
  const bytes = await readBoundedFile(
    join(dir, 'index.json'),
    MAX_MANIFEST_BYTES,
    `${name}: index.json`,
  );
  return bytes.toString('utf8');
}

function describeEntries(entries: Descriptor[]): string {
  const names = entries.map((e) => e.annotations?.[REF_NAME_ANNOTATION] ?? `(unnamed ${e.digest})`);
  return names.length === 0 ? 'no entries' : names.join(', ');
}
