import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Descriptor } from '../oci/descriptor.js';
import type { Digest } from '../oci/digest.js';
import { type ContentSource, SourceError } from './source.js';
import { LayoutInArchive, UnpackedArchive } from './unpacked-archive.js';

/**
 * `oci-archive:FILE[:REF]`: a tar of an OCI image layout, which is what
 * `docker buildx build --output type=oci,dest=FILE` writes (an index of every platform plus
 * its attestation manifests). It is unpacked on first use and then read as a layout.
 */
export class OciArchiveSource implements ContentSource {
  readonly name: string;
  private readonly archive: UnpackedArchive;
  private layout: Promise<LayoutInArchive> | undefined;

  constructor(
    private readonly file: string,
    private readonly ref: string | undefined,
    tempRoot: string,
  ) {
    this.name = `oci-archive:${file}${ref === undefined ? '' : `:${ref}`}`;
    this.archive = new UnpackedArchive(file, this.name, tempRoot);
  }

  async resolve(): Promise<Descriptor> {
    return (await this.open()).resolve();
  }

  async fetchManifest(descriptor: Descriptor): Promise<Buffer> {
    return (await this.open()).fetchManifest(descriptor);
  }

  async openBlob(descriptor: Descriptor): Promise<Readable> {
    return (await this.open()).openBlob(descriptor);
  }

  async referrers(digest: Digest): Promise<Descriptor[]> {
    return (await this.open()).referrers(digest);
  }

  async resolveTag(tag: string): Promise<Descriptor | undefined> {
    return (await this.open()).resolveTag(tag);
  }

  async close(): Promise<void> {
    await this.archive.remove();
  }

  private open(): Promise<LayoutInArchive> {
    this.layout ??= (async () => {
      const dir = await this.archive.directory();
      try {
        await access(join(dir, 'oci-layout'));
      } catch {
        const dockerSave = await access(join(dir, 'manifest.json')).then(
          () => true,
          () => false,
        );
        throw new SourceError(
          `${this.name}: ${this.file} is not an OCI layout archive (no oci-layout file at its ` +
            (dockerSave
              ? 'top, but a manifest.json): it looks like `docker save` output, so write ' +
                `docker-archive:${this.file}`
              : 'top); write it with `docker buildx build --output type=oci,dest=FILE`'),
        );
      }
      return new LayoutInArchive(dir, this.ref, this.name, `oci-archive:${this.file}:NAME`);
    })();
    return this.layout;
  }
}
