import { createHash, randomFillSync } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/** One blob of the bench image, on disk in the layout. */
export interface BenchBlob {
  mediaType: string;
  digest: string;
  size: number;
  path: string;
}

export interface BenchImage {
  dir: string;
  manifest: BenchBlob;
  config: BenchBlob;
  layers: BenchBlob[];
  /** Config and layers: every blob an upload sends (the manifest is pushed, not uploaded). */
  blobs: BenchBlob[];
  /** The blobs' bytes together. */
  blobBytes: number;
}

const MIB = 1024 * 1024;

/**
 * Writes an OCI image layout with one layer per entry of `layerSizes` (bytes of random
 * content each), streaming: a layer is never held in memory, so 1 GiB layers are fine.
 * Layers are real gzip streams (level 0, "stored" blocks) of random bytes: as incompressible
 * as a real compressed layer, cheap to make, and honest to their `tar+gzip` media type, so
 * no tool has a reason to recompress them (a docker:// destination makes skopeo compress a
 * layer it finds uncompressed). The config's `diff_ids` are the uncompressed digests.
 */
export async function writeBenchImage(dir: string, layerSizes: number[]): Promise<BenchImage> {
  const blobDir = join(dir, 'blobs', 'sha256');
  await mkdir(blobDir, { recursive: true });
  const layers: BenchBlob[] = [];
  const diffIds: string[] = [];
  for (const [i, size] of layerSizes.entries()) {
    const { blob, diffId } = await writeRandomLayer(blobDir, size, i);
    layers.push(blob);
    diffIds.push(diffId);
  }
  const config = await writeJsonBlob(blobDir, 'application/vnd.oci.image.config.v1+json', {
    architecture: 'amd64',
    os: 'linux',
    config: { Entrypoint: ['/app'] },
    rootfs: { type: 'layers', diff_ids: diffIds },
  });
  const descriptor = ({ mediaType, digest, size }: BenchBlob): object => ({
    mediaType,
    digest,
    size,
  });
  const manifest = await writeJsonBlob(blobDir, 'application/vnd.oci.image.manifest.v1+json', {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: descriptor(config),
    layers: layers.map(descriptor),
  });
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [descriptor(manifest)],
    }),
  );
  const blobs = [config, ...layers];
  return {
    dir,
    manifest,
    config,
    layers,
    blobs,
    blobBytes: blobs.reduce((sum, b) => sum + b.size, 0),
  };
}

async function writeRandomLayer(
  blobDir: string,
  size: number,
  index: number,
): Promise<{ blob: BenchBlob; diffId: string }> {
  const uncompressed = createHash('sha256');
  const compressed = createHash('sha256');
  let written = 0;
  async function* random(): AsyncGenerator<Buffer> {
    for (let left = size; left > 0;) {
      const chunk = randomFillSync(Buffer.allocUnsafe(Math.min(left, MIB)));
      uncompressed.update(chunk);
      left -= chunk.length;
      yield chunk;
    }
  }
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      compressed.update(chunk);
      written += chunk.length;
      callback(null, chunk);
    },
  });
  const temporary = join(blobDir, `.layer-${index}.partial`);
  await pipeline(random(), createGzip({ level: 0 }), hashing, createWriteStream(temporary));
  const hex = compressed.digest('hex');
  await rename(temporary, join(blobDir, hex));
  return {
    blob: {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: `sha256:${hex}`,
      size: written,
      path: join(blobDir, hex),
    },
    diffId: `sha256:${uncompressed.digest('hex')}`,
  };
}

async function writeJsonBlob(
  blobDir: string,
  mediaType: string,
  value: object,
): Promise<BenchBlob> {
  const bytes = Buffer.from(JSON.stringify(value));
  const hex = createHash('sha256').update(bytes).digest('hex');
  await writeFile(join(blobDir, hex), bytes);
  return { mediaType, digest: `sha256:${hex}`, size: bytes.length, path: join(blobDir, hex) };
}

/** `total` bytes as `count` layers of (nearly) equal size. */
export function splitSizes(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => (i < total % count ? base + 1 : base));
}
