import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { type Descriptor, isForeignLayer, parseManifest, toDescriptor } from '../oci/descriptor.js';
import { digestOf } from '../oci/digest.js';
import { isIndexMediaType, isManifestMediaType } from '../oci/mediatypes.js';
import { canonicalImageName, parseImageName } from '../oci/reference.js';
import { checkedDigest, quoted } from '../oci/untrusted.js';
import { type ArchiveImage, buildDockerImage, type BuiltImage } from './legacy-docker-image.js';
import { MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES, readBoundedFile } from './bounded-file.js';
import { readIndexJson } from './oci-layout.js';
import { SharedBlobReads } from './shared-read.js';
import { type ContentSource, SourceError } from './source.js';
import { LayoutInArchive, UnpackedArchive } from './unpacked-archive.js';

/** containerd's annotation for an image's full name; moby writes it into index.json. */
export const IMAGE_NAME_ANNOTATION = 'io.containerd.image.name';

/** Which image of the archive: by `NAME:TAG`, by position (skopeo's `@N`), or the only one. */
export interface ArchivePick {
  name?: string;
  index?: number;
}

/** What the image is read from once the archive is open. */
type OpenImage =
  | { kind: 'layout'; root: Descriptor; layout: LayoutInArchive }
  | { kind: 'built'; image: BuiltImage };

/**
 * `docker-archive:FILE[:NAME:TAG|:@N]`: what `docker save` writes. Two formats:
 *
 * - Docker 25 and later write an OCI layout (`oci-layout`, `index.json`, `blobs/`) next to
 *   manifest.json. The image's OCI manifest is served from the layout as it is, so its digest
 *   is the one docker knows.
 * - Before 25, there is no manifest at all: `<id>.json` configs and `<id>/layer.tar` layers.
 *   A Docker v2 manifest is built (see `buildDockerImage`), as `docker push` would.
 */
export class DockerArchiveSource implements ContentSource {
  private readonly reads = new SharedBlobReads();
  readonly name: string;
  private readonly archive: UnpackedArchive;
  private opening: Promise<OpenImage> | undefined;

  constructor(
    private readonly file: string,
    private readonly pick: ArchivePick,
    tempRoot: string,
    /** Names the source in messages; `docker-daemon:` passes its own. */
    name?: string,
  ) {
    const picked = pick.name ?? (pick.index === undefined ? undefined : `@${pick.index}`);
    this.name = name ?? `docker-archive:${file}${picked === undefined ? '' : `:${picked}`}`;
    this.archive = new UnpackedArchive(file, this.name, tempRoot);
  }

  async resolve(): Promise<Descriptor> {
    const image = await this.open();
    return image.kind === 'layout' ? image.root : image.image.manifest;
  }

  async fetchManifest(descriptor: Descriptor): Promise<Buffer> {
    const image = await this.open();
    if (image.kind === 'layout') return image.layout.fetchManifest(descriptor);
    if (descriptor.digest !== image.image.manifest.digest) throw this.notInImage(descriptor);
    return image.image.manifestBytes;
  }

  async openBlob(descriptor: Descriptor): Promise<Readable> {
    const image = await this.open();
    if (image.kind === 'layout') return image.layout.openBlob(descriptor);
    const blob = image.image.blobs.get(descriptor.digest);
    if (!blob) throw this.notInImage(descriptor);
    return this.reads.open(blob.path, descriptor, `${this.name}: blob ${descriptor.digest}`);
  }

  async close(): Promise<void> {
    await this.archive.remove();
  }

  private notInImage(descriptor: Descriptor): SourceError {
    return new SourceError(`${this.name}: ${descriptor.digest} is not part of this image`);
  }

  private open(): Promise<OpenImage> {
    this.opening ??= this.openImage();
    return this.opening;
  }

  private async openImage(): Promise<OpenImage> {
    const dir = await this.archive.directory();
    const images = await this.readManifestJson(dir);
    const image = this.pickImage(images);
    if (await isOciLayout(dir)) {
      const layout = new LayoutInArchive(
        dir,
        undefined,
        this.name,
        `docker-archive:${this.file}:NAME:TAG`,
      );
      const found = await this.findInLayout(dir, layout, image);
      const root = found && (await this.wholeOrPlatform(layout, found, image));
      if (root) return { kind: 'layout', root, layout };
      // A layout that doesn't list this image: read it as the old format, which still works.
    }
    const built = await buildDockerImage(
      image,
      (name, what) => this.archive.pathOf(name, what),
      join(dir, '.oci-push-layers'),
      this.name,
    );
    return { kind: 'built', image: built };
  }

  private async readManifestJson(dir: string): Promise<ArchiveImage[]> {
    let text: string;
    try {
      const where = `${this.name}: manifest.json`;
      text = (
        await readBoundedFile(join(dir, 'manifest.json'), MAX_MANIFEST_BYTES, where)
      ).toString('utf8');
    } catch (error) {
      if (error instanceof SourceError) throw error;
      const layout = await isOciLayout(dir);
      throw new SourceError(
        `${this.name}: ${this.file} is not a \`docker save\` archive (no manifest.json at its top)` +
          (layout
            ? `; it is an OCI layout archive, so write oci-archive:${this.file}`
            : '; write it with `docker save -o FILE NAME:TAG`'),
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new SourceError(`${this.name}: manifest.json is not JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(json)) throw new SourceError(`${this.name}: manifest.json is not a list`);
    return json.map((entry: unknown, i) => {
      const item = entry as Partial<ArchiveImage> | null;
      if (
        typeof item?.Config !== 'string' ||
        !Array.isArray(item.Layers) ||
        !item.Layers.every((l) => typeof l === 'string')
      ) {
        throw new SourceError(`${this.name}: manifest.json entry ${i} has no Config and Layers`);
      }
      const tags = Array.isArray(item.RepoTags)
        ? item.RepoTags.filter((t) => typeof t === 'string')
        : [];
      const sources = this.layerSources(item.LayerSources, `manifest.json entry ${i}`);
      return {
        Config: item.Config,
        RepoTags: tags,
        Layers: item.Layers,
        ...(sources && { LayerSources: sources }),
      };
    });
  }

  /** moby's `LayerSources`: foreign layers' descriptors by diff_id, each checked. */
  private layerSources(value: unknown, where: string): Record<string, Descriptor> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new SourceError(`${this.name}: ${where}: LayerSources is not an object`);
    }
    const sources: Record<string, Descriptor> = {};
    for (const [diffId, entry] of Object.entries(value)) {
      const at = `${this.name}: ${where}: LayerSources ${quoted(diffId)}`;
      checkedDigest(diffId, at);
      sources[diffId] = toDescriptor(entry, at);
    }
    return sources;
  }

  private pickImage(images: ArchiveImage[]): ArchiveImage {
    const { name, index } = this.pick;
    if (images.length === 0) throw new SourceError(`${this.name}: manifest.json lists no images`);
    if (index !== undefined) {
      const image = images[index];
      if (!image) {
        throw new SourceError(
          `${this.name}: the archive holds ${images.length} image(s), so @${index} is out of ` +
            `range; use @0 to @${images.length - 1}`,
        );
      }
      return image;
    }
    if (name !== undefined) {
      const wanted = comparableName(name);
      const matches = images.filter((image) =>
        (image.RepoTags ?? []).some((tag) => comparableName(tag) === wanted),
      );
      const [match] = matches;
      if (!match) {
        throw new SourceError(
          `${this.name}: no image in ${this.file} is tagged ${name}; it holds ` +
            `${describeImages(images)}`,
        );
      }
      if (matches.length > 1) {
        throw new SourceError(
          `${this.name}: ${matches.length} images in ${this.file} are tagged ${name}; pick one ` +
            `with docker-archive:${this.file}:@N`,
        );
      }
      return match;
    }
    const [only] = images;
    if (images.length > 1 || !only) {
      throw new SourceError(
        `${this.name} holds ${images.length} images (${describeImages(images)}); name one with ` +
          `docker-archive:${this.file}:NAME:TAG (or docker-archive:${this.file}:@N, counting from 0)`,
      );
    }
    return only;
  }

  /**
   * The index.json entry that is this image (moby `image/tarexport/save.go`): by the full
   * name docker annotates each entry with, else by the config digest its manifest points at.
   */
  private async findInLayout(
    dir: string,
    layout: LayoutInArchive,
    image: ArchiveImage,
  ): Promise<Descriptor | undefined> {
    const entries = await this.readIndexEntries(dir);
    const names = new Set((image.RepoTags ?? []).map(comparableName));
    let found = entries.filter((entry) => {
      const annotated = entry.annotations?.[IMAGE_NAME_ANNOTATION];
      return annotated !== undefined && names.has(comparableName(annotated));
    });
    if (found.length === 0) found = await this.withConfigOf(image, layout, entries);
    const digests = new Set(found.map((entry) => entry.digest));
    if (digests.size > 1) {
      throw new SourceError(
        `${this.name}: index.json lists ${digests.size} different manifests for this image ` +
          `(${[...digests].join(', ')}); the archive is inconsistent`,
      );
    }
    return found[0];
  }

  /**
   * `entry` when the layout holds all of it. An index exported for one platform (`ctr export
   * --platform`: the index names every platform, the blobs are those of one) is not whole:
   * then the platform manifest.json names (by its config) is the image, as skopeo takes it,
   * and pushed as the layout has it, so its digest is the one containerd knows. Undefined
   * when not even that is whole: the old format is read instead.
   */
  private async wholeOrPlatform(
    layout: LayoutInArchive,
    entry: Descriptor,
    image: ArchiveImage,
  ): Promise<Descriptor | undefined> {
    if (!isIndexMediaType(entry.mediaType)) return entry;
    const index = parseManifest(
      await layout.fetchManifest(entry),
      entry.mediaType,
      `${this.name}: ${entry.digest}`,
    );
    const children = await Promise.all(
      index.manifests.map(async (child) => ({ child, whole: await this.isWhole(layout, child) })),
    );
    if (children.every((c) => c.whole)) return entry;
    const whole = children.filter((c) => c.whole).map((c) => c.child);
    const [platform] = await this.withConfigOf(image, layout, whole);
    return platform;
  }

  /** The image manifests among `entries` whose config is the one manifest.json names. */
  private async withConfigOf(
    image: ArchiveImage,
    layout: LayoutInArchive,
    entries: Descriptor[],
  ): Promise<Descriptor[]> {
    const configPath = await this.archive.pathOf(image.Config, 'config');
    const where = `${this.name}: config "${image.Config}"`;
    const config = digestOf(await readBoundedFile(configPath, MAX_CONFIG_BYTES, where));
    const found: Descriptor[] = [];
    for (const entry of entries) {
      if (isIndexMediaType(entry.mediaType)) continue;
      const bytes = await layout.fetchManifest(entry);
      const parsed = parseManifest(bytes, entry.mediaType, `${this.name}: ${entry.digest}`);
      if (parsed.blobs[0]?.digest === config) found.push(entry);
    }
    return found;
  }

  /** Whether the layout holds a manifest and everything it needs (foreign layers aside). */
  private async isWhole(layout: LayoutInArchive, descriptor: Descriptor): Promise<boolean> {
    if (!isManifestMediaType(descriptor.mediaType) || !(await layout.holds(descriptor))) {
      return false;
    }
    const parsed = parseManifest(
      await layout.fetchManifest(descriptor),
      descriptor.mediaType,
      `${this.name}: ${descriptor.digest}`,
    );
    for (const child of parsed.manifests) if (!(await this.isWhole(layout, child))) return false;
    for (const blob of parsed.blobs) {
      if (!isForeignLayer(blob) && !(await layout.holds(blob))) return false;
    }
    return true;
  }

  private async readIndexEntries(dir: string): Promise<Descriptor[]> {
    let index: { manifests?: unknown };
    try {
      index = JSON.parse(await readIndexJson(dir, this.name)) as typeof index;
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw new SourceError(`${this.name}: index.json is not JSON: ${(error as Error).message}`);
    }
    // Docker 25.0.0 wrote `"manifests": null` when saving by digest (moby#47210): no entry to
    // go by, so manifest.json, which it wrote as always, is read instead.
    if (index.manifests === null || index.manifests === undefined) return [];
    if (!Array.isArray(index.manifests)) {
      throw new SourceError(`${this.name}: index.json's "manifests" is not a list`);
    }
    return index.manifests
      .map((entry, i) => toDescriptor(entry, `${this.name}: index.json manifests[${i}]`))
      .filter((entry) => isManifestMediaType(entry.mediaType));
  }
}

async function isOciLayout(dir: string): Promise<boolean> {
  try {
    await Promise.all([access(join(dir, 'oci-layout')), access(join(dir, 'index.json'))]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Names compared as docker compares them: `app:1`, `docker.io/library/app:1` and
 * `index.docker.io/library/app:1` are one image. A name that doesn't parse is kept as written.
 */
function comparableName(name: string): string {
  try {
    return canonicalImageName(parseImageName(name, name));
  } catch {
    return name;
  }
}

function describeImages(images: ArchiveImage[]): string {
  return images
    .map((image, i) => {
      const tags = image.RepoTags ?? [];
      return tags.length > 0 ? tags.join(', ') : `@${i} (untagged)`;
    })
    .join(', ');
}
