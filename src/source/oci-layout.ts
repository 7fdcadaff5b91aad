import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { type Descriptor, parseManifest, toDescriptor } from '../oci/descriptor.js';
import { type Digest, digestHex, verifyBytes } from '../oci/digest.js';
import { isReferrerTag, referrerDescriptor } from '../oci/referrers.js';
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
  /** Every manifest the layout holds that has a `subject`, by that subject; read once. */
  private bySubject: Promise<Map<Digest, Descriptor[]>> | undefined;

  constructor(
    private readonly dir: string,
    private readonly ref?: string,
  ) {
    this.name = `oci:${dir}${ref === undefined ? '' : `:${ref}`}`;
  }

  async resolve(): Promise<Descriptor> {
    await this.checkLayoutMarker();
    const all = await this.readIndexEntries();
    if (this.ref !== undefined) {
      const matches = all.filter((e) => e.annotations?.[REF_NAME_ANNOTATION] === this.ref);
      const [match] = matches;
      if (!match) {
        throw new SourceError(
          `${this.name}: index.json has no entry named "${this.ref}"; it has ${describeEntries(all)}`,
        );
      }
      if (matches.length > 1) {
        throw new SourceError(
          `${this.name}: index.json has ${matches.length} entries named "${this.ref}"`,
        );
      }
      if (!isManifestMediaType(match.mediaType)) {
        throw new SourceError(
          `${this.name}: index.json's entry "${this.ref}" has media type ${match.mediaType}, ` +
            'not an image manifest or index; oci-push copies only those',
        );
      }
      return match;
    }
    // Entries of types we don't know are passed over, not an error (image-spec
    // `image-index.md`: unknown media types must be ignored), unless one is asked for by name.
    const entries = all.filter((e) => isManifestMediaType(e.mediaType));
    if (entries.length === 0 && all.length > 0) {
      throw new SourceError(
        `${this.name}: index.json lists no image manifest or index, only ` +
          [...new Set(all.map((e) => e.mediaType))].join(', '),
      );
    }
    const [first] = entries;
    if (!first) throw new SourceError(`${this.name}: index.json lists no manifests`);
    // oras and regctl write an image's referrers into index.json beside it: they are not
    // candidates for "the image" (they travel with it).
    const images = entries.length > 1 ? await this.withoutReferrers(entries) : entries;
    const [only] = images;
    if (only && images.length === 1) return only;
    if (entries.length > 1) {
      throw new SourceError(
        `${this.name}: index.json lists ${entries.length} manifests; name one with ` +
          `oci:${this.dir}:NAME. It has ${describeEntries(entries)}`,
      );
    }
    return first;
  }

  private async withoutReferrers(entries: Descriptor[]): Promise<Descriptor[]> {
    const kept: Descriptor[] = [];
    for (const entry of entries) {
      // The fallback tag and cosign's tags name referrers, not images to push.
      if (isReferrerTag(entry.annotations?.[REF_NAME_ANNOTATION] ?? '')) continue;
      const bytes = await this.fetchManifest(entry);
      const where = `${this.name}: manifest ${entry.digest}`;
      if (parseManifest(bytes, entry.mediaType, where).subject) continue;
      kept.push(entry);
    }
    return kept;
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

  /**
   * Manifests in the layout whose `subject` is `digest`: index.json's entries and what their
   * indexes list (a fallback-tag index `sha256-<hex>` among them), as oras and regctl
   * write referrers into a layout.
   */
  async referrers(digest: Digest): Promise<Descriptor[]> {
    this.bySubject ??= this.readSubjects();
    return (await this.bySubject).get(digest) ?? [];
  }

  async resolveTag(tag: string): Promise<Descriptor | undefined> {
    const entries = await this.readIndexEntries();
    return entries.find(
      (e) => e.annotations?.[REF_NAME_ANNOTATION] === tag && isManifestMediaType(e.mediaType),
    );
  }

  /** Whether the layout holds this blob (a manifest, config or layer), without reading it. */
  async holds(descriptor: Descriptor): Promise<boolean> {
    return stat(this.blobPath(descriptor)).then(
      (found) => found.isFile(),
      () => false,
    );
  }

  private async readSubjects(): Promise<Map<Digest, Descriptor[]>> {
    const bySubject = new Map<Digest, Descriptor[]>();
    const seen = new Set<Digest>();
    const visit = async (descriptor: Descriptor): Promise<void> => {
      if (seen.has(descriptor.digest)) return;
      seen.add(descriptor.digest);
      const bytes = await this.fetchManifest(descriptor);
      const where = `${this.name}: manifest ${descriptor.digest}`;
      const parsed = parseManifest(bytes, descriptor.mediaType, where);
      if (parsed.subject) {
        const list = bySubject.get(parsed.subject.digest) ?? [];
        list.push(referrerDescriptor(descriptor, bytes));
        bySubject.set(parsed.subject.digest, list);
      }
      for (const child of parsed.manifests) await visit(child);
    };
    for (const entry of await this.readIndexEntries()) {
      if (isManifestMediaType(entry.mediaType)) await visit(entry);
    }
    return bySubject;
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
    return index.manifests.map((entry, i) =>
      toDescriptor(entry, `${this.name}: index.json manifests[${i}]`),
    );
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
