import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Reads what the backing Distribution registry really holds, straight from its filesystem
 * storage (distribution `registry/storage/paths.go`), so the emulator's answers never drift
 * from the registry's truth:
 *
 *   <root>/repositories/<name>/_manifests/revisions/sha256/<hex>/link   a manifest in <name>
 *   <root>/repositories/<name>/_manifests/tags/<tag>/current/link       the tag's digest
 *   <root>/blobs/sha256/<hex[0:2]>/<hex>/data                          content (manifests too)
 *
 * Times come from the files: a revision link is (re)written on every push of that manifest,
 * and a tag's `current/link` whenever the tag moves.
 */
export interface StoredManifest {
  digest: string;
  mediaType: string;
  /** Config, layers and manifest bytes; for an index, its own bytes and its children's. */
  imageSize: number;
  configMediaType?: string;
  architecture?: string;
  os?: string;
  /** An index's children with their platforms. */
  references?: { digest: string; architecture?: string; os?: string }[];
  createdMs: number;
  updatedMs: number;
}

export interface StoredTag {
  name: string;
  digest: string;
  createdMs: number;
  updatedMs: number;
}

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const IMAGE_CONFIGS = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);

interface ManifestJson {
  mediaType?: string;
  config?: { mediaType?: string; digest?: string; size?: number };
  layers?: { size?: number }[];
  manifests?: {
    digest: string;
    size?: number;
    platform?: { architecture?: string; os?: string };
  }[];
}

export class RegistryStorage {
  /** `root` is `<rootdirectory>/docker/registry/v2`. */
  constructor(readonly root: string) {}

  async repositories(): Promise<string[]> {
    const found: string[] = [];
    const walk = async (dir: string, name: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      if (entries.some((e) => e.name === '_manifests' && e.isDirectory())) {
        if ((await this.revisionDigests(name)).length > 0) found.push(name);
      }
      for (const entry of entries) {
        if (entry.isDirectory() && !entry.name.startsWith('_')) {
          await walk(join(dir, entry.name), name ? `${name}/${entry.name}` : entry.name);
        }
      }
    };
    await walk(join(this.root, 'repositories'), '');
    return found.sort();
  }

  async manifests(repository: string): Promise<StoredManifest[]> {
    const digests = await this.revisionDigests(repository);
    const manifests = await Promise.all(digests.map((d) => this.manifest(repository, d)));
    return manifests.filter((m): m is StoredManifest => m !== undefined);
  }

  async manifest(repository: string, digest: string): Promise<StoredManifest | undefined> {
    const hex = /^sha256:([a-f0-9]{64})$/.exec(digest)?.[1];
    if (!hex) return undefined;
    const link = join(this.manifestsDir(repository), 'revisions', 'sha256', hex, 'link');
    const linkStat = await stat(link).catch(() => undefined);
    if (!linkStat) return undefined;
    const bytes = await this.blob(digest);
    if (!bytes) return undefined;
    const json = JSON.parse(bytes.toString('utf8')) as ManifestJson;
    const mediaType = json.mediaType ?? (json.manifests ? OCI_INDEX : OCI_MANIFEST);
    const times = timesOf(linkStat);
    if (json.manifests) {
      return {
        digest,
        mediaType,
        imageSize: bytes.length + json.manifests.reduce((sum, m) => sum + (m.size ?? 0), 0),
        references: json.manifests.map((m) => ({
          digest: m.digest,
          ...(m.platform?.architecture && { architecture: m.platform.architecture }),
          ...(m.platform?.os && { os: m.platform.os }),
        })),
        ...times,
      };
    }
    const configMediaType = json.config?.mediaType;
    let platform: { architecture?: string; os?: string } = {};
    if (configMediaType && IMAGE_CONFIGS.has(configMediaType) && json.config?.digest) {
      const config = await this.blob(json.config.digest);
      if (config) {
        const parsed = JSON.parse(config.toString('utf8')) as {
          architecture?: string;
          os?: string;
        };
        platform = {
          ...(parsed.architecture && { architecture: parsed.architecture }),
          ...(parsed.os && { os: parsed.os }),
        };
      }
    }
    return {
      digest,
      mediaType,
      imageSize:
        bytes.length +
        (json.config?.size ?? 0) +
        (json.layers ?? []).reduce((sum, l) => sum + (l.size ?? 0), 0),
      ...(configMediaType && { configMediaType }),
      ...platform,
      ...times,
    };
  }

  /**
   * The referrers API's answer (distribution-spec "Listing Referrers"): the manifests of the
   * repository whose `subject` is `digest`, with their artifactType (or config media type)
   * and annotations, optionally only those of one artifactType.
   */
  async referrers(repository: string, digest: string, artifactType?: string): Promise<object[]> {
    const found: object[] = [];
    for (const candidate of await this.revisionDigests(repository)) {
      const bytes = await this.blob(candidate);
      if (!bytes) continue;
      const json = JSON.parse(bytes.toString('utf8')) as ManifestJson & {
        subject?: { digest?: string };
        artifactType?: string;
        annotations?: Record<string, string>;
      };
      if (json.subject?.digest !== digest) continue;
      const type = json.artifactType ?? json.config?.mediaType;
      if (artifactType !== undefined && type !== artifactType) continue;
      found.push({
        mediaType: json.mediaType ?? (json.manifests ? OCI_INDEX : OCI_MANIFEST),
        digest: candidate,
        size: bytes.length,
        ...(type && { artifactType: type }),
        ...(json.annotations && { annotations: json.annotations }),
      });
    }
    return found;
  }

  async tags(repository: string): Promise<StoredTag[]> {
    const names = await readdir(join(this.manifestsDir(repository), 'tags')).catch(() => []);
    const tags = await Promise.all(names.map((name) => this.tag(repository, name)));
    return tags.filter((t): t is StoredTag => t !== undefined).sort(byName);
  }

  async tag(repository: string, name: string): Promise<StoredTag | undefined> {
    const dir = join(this.manifestsDir(repository), 'tags', name);
    const current = join(dir, 'current', 'link');
    const [dirStat, linkStat] = await Promise.all([
      stat(dir).catch(() => undefined),
      stat(current).catch(() => undefined),
    ]);
    if (!dirStat || !linkStat) return undefined;
    const digest = (await readFile(current, 'utf8')).trim();
    return { name, digest, createdMs: timesOf(dirStat).createdMs, updatedMs: linkStat.mtimeMs };
  }

  /**
   * Untags: the v2 API cannot remove one tag (a manifest DELETE removes the manifest and
   * every tag on it), so this removes the tag's directory, as Distribution's own
   * `tagStore.Untag` does (`registry/storage/tagstore.go`). Tag lookups read the
   * filesystem on every request (no tag cache is configured), so the change is immediate.
   */
  async deleteTag(repository: string, name: string): Promise<boolean> {
    if (!(await this.tag(repository, name))) return false;
    await rm(join(this.manifestsDir(repository), 'tags', name), { recursive: true, force: true });
    return true;
  }

  /** Removes a whole repository, as Distribution's `vacuum.RemoveRepository` does. */
  async deleteRepository(repository: string): Promise<void> {
    await rm(join(this.root, 'repositories', ...repository.split('/')), {
      recursive: true,
      force: true,
    });
  }

  private manifestsDir(repository: string): string {
    return join(this.root, 'repositories', ...repository.split('/'), '_manifests');
  }

  private async revisionDigests(repository: string): Promise<string[]> {
    const dir = join(this.manifestsDir(repository), 'revisions', 'sha256');
    const hexes = await readdir(dir).catch(() => []);
    const live = await Promise.all(
      // Distribution's delete removes the link file and leaves the directory behind.
      hexes.map(async (hex) =>
        (await stat(join(dir, hex, 'link')).catch(() => undefined)) ? hex : '',
      ),
    );
    return live.filter(Boolean).map((hex) => `sha256:${hex}`);
  }

  private async blob(digest: string): Promise<Buffer | undefined> {
    const hex = digest.slice('sha256:'.length);
    return readFile(join(this.root, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data')).catch(
      () => undefined,
    );
  }
}

function timesOf(s: { birthtimeMs: number; mtimeMs: number }): {
  createdMs: number;
  updatedMs: number;
} {
  // Not every filesystem records a birth time; the first write is the next best.
  return { createdMs: s.birthtimeMs > 0 ? s.birthtimeMs : s.mtimeMs, updatedMs: s.mtimeMs };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
