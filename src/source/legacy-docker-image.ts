import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Descriptor } from '../oci/descriptor.js';
import { type Digest, digestOf, isDigest } from '../oci/digest.js';
import { MediaType } from '../oci/mediatypes.js';
import { MAX_CONFIG_BYTES, readBoundedFile } from './bounded-file.js';
import { SourceError } from './source.js';

/** One image of a `docker save` archive's manifest.json. */
export interface ArchiveImage {
  Config: string;
  RepoTags: string[] | null;
  Layers: string[];
  /**
   * Foreign layers by diff_id (moby writes them for Windows base layers): the descriptor to
   * put in the manifest, with the `urls` the layer is fetched from. Never uploaded.
   */
  LayerSources?: Record<string, Descriptor>;
}

/** A blob of the built image: the file on disk that holds its bytes. */
export interface BuiltBlob {
  path: string;
  size: number;
}

/** A Docker v2 schema 2 image, built from an archive that carries no manifest of its own. */
export interface BuiltImage {
  manifest: Descriptor;
  manifestBytes: Buffer;
  blobs: Map<Digest, BuiltBlob>;
}

/**
 * Builds the image manifest a pre-25 `docker save` archive lacks (docker
 * `manifest-v2-2.md`): the config is `<id>.json` exactly as saved, and each `layer.tar` is
 * gzipped once into `workDir`, as `docker push` would compress it. While a layer streams, its
 * uncompressed bytes are hashed and must equal the config's `rootfs.diff_ids` entry, so a
 * damaged layer is caught before anything is pushed. A layer already gzipped is kept as is.
 *
 * node's zlib writes no file name and a zero mtime in the gzip header, so the same archive
 * gives the same layer digests, and the same manifest digest, on every run.
 */
export async function buildDockerImage(
  image: ArchiveImage,
  pathOf: (name: string, what: string) => Promise<string>,
  workDir: string,
  where: string,
): Promise<BuiltImage> {
  const configPath = await pathOf(image.Config, 'config');
  const configBytes = await readBoundedFile(
    configPath,
    MAX_CONFIG_BYTES,
    `${where}: config "${image.Config}"`,
  );
  const diffIds = diffIdsOf(configBytes, `${where}: config ${image.Config}`);
  if (diffIds.length !== image.Layers.length) {
    throw new SourceError(
      `${where}: manifest.json lists ${image.Layers.length} layer(s), but the config's ` +
        `rootfs.diff_ids has ${diffIds.length}; the archive is inconsistent, so save it again`,
    );
  }
  const config: Descriptor = {
    mediaType: MediaType.DockerConfig,
    digest: digestOf(configBytes),
    size: configBytes.length,
  };
  const blobs = new Map<Digest, BuiltBlob>([
    [config.digest, { path: configPath, size: config.size }],
  ]);

  await mkdir(workDir, { recursive: true });
  const layers: Descriptor[] = [];
  const done = new Map<Digest, Descriptor>();
  for (const [i, name] of image.Layers.entries()) {
    const diffId = diffIds[i] as Digest;
    let layer = done.get(diffId) ?? image.LayerSources?.[diffId];
    if (!layer) {
      const path = await pathOf(name, `layer ${i}`);
      const built = await compressLayer(path, join(workDir, `layer-${i}.tar.gz`), diffId, {
        where: `${where}: layer ${i} (${name})`,
      });
      layer = { mediaType: MediaType.DockerLayerTarGzip, digest: built.digest, size: built.size };
      blobs.set(layer.digest, { path: built.path, size: built.size });
      done.set(diffId, layer);
    }
    layers.push(layer);
  }

  // Written field by field, in docker's order, so the bytes never depend on an object's history.
  const manifestBytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.DockerManifest,
      config: plainDescriptor(config),
      layers: layers.map(plainDescriptor),
    }),
  );
  const manifest: Descriptor = {
    mediaType: MediaType.DockerManifest,
    digest: digestOf(manifestBytes),
    size: manifestBytes.length,
  };
  return { manifest, manifestBytes, blobs };
}

/** A layer descriptor as docker writes one: mediaType, size, digest, then urls if any. */
function plainDescriptor(d: Descriptor): {
  mediaType: string;
  size: number;
  digest: Digest;
  urls?: string[];
} {
  return {
    mediaType: d.mediaType,
    size: d.size,
    digest: d.digest,
    ...(d.urls && { urls: d.urls }),
  };
}

function diffIdsOf(configBytes: Buffer, where: string): Digest[] {
  let config: { rootfs?: { diff_ids?: unknown } };
  try {
    config = JSON.parse(configBytes.toString('utf8')) as typeof config;
  } catch (error) {
    throw new SourceError(`${where} is not JSON: ${(error as Error).message}`);
  }
  const diffIds = config.rootfs?.diff_ids;
  if (!Array.isArray(diffIds) || !diffIds.every((d) => typeof d === 'string' && isDigest(d))) {
    throw new SourceError(`${where} has no rootfs.diff_ids list of sha256 digests`);
  }
  return diffIds as Digest[];
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/**
 * The layer as a gzip blob on disk: `out`, freshly compressed, or the file itself when it is
 * gzipped already. Either way its uncompressed sha256 must be `diffId`.
 */
export async function compressLayer(
  path: string,
  out: string,
  diffId: Digest,
  { where }: { where: string },
): Promise<{ path: string; digest: Digest; size: number }> {
  const uncompressed = new HashTap();
  const compressed = new HashTap();
  let blobPath: string;
  try {
    if (await startsWith(path, GZIP_MAGIC)) {
      blobPath = path;
      await pipeline(createReadStream(path), compressed, createGunzip(), uncompressed, discard());
    } else {
      blobPath = out;
      await pipeline(
        createReadStream(path),
        uncompressed,
        createGzip(),
        compressed,
        createWriteStream(out),
      );
    }
  } catch (error) {
    throw new SourceError(`${where} can't be read or compressed: ${(error as Error).message}`);
  }
  const actual = uncompressed.digest();
  if (actual !== diffId) {
    throw new SourceError(
      `${where}: its content hashes to ${actual}, but the image config says ${diffId} ` +
        '(rootfs.diff_ids); the archive is damaged, so save it again',
    );
  }
  return { path: blobPath, digest: compressed.digest(), size: compressed.bytes };
}

async function startsWith(path: string, magic: Buffer): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    const { bytesRead } = await file.read(head, 0, magic.length, 0);
    return bytesRead === magic.length && head.equals(magic);
  } finally {
    await file.close();
  }
}

/** Passes bytes through unchanged, hashing and counting them. */
class HashTap extends Transform {
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  digest(): Digest {
    return `sha256:${this.hash.digest('hex')}`;
  }
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}
