import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One blob as a descriptor plus its bytes. */
export interface FixtureBlob {
  mediaType: string;
  digest: string;
  size: number;
  bytes: Buffer;
}

export interface OciLayoutFixture {
  dir: string;
  manifest: FixtureBlob;
  config: FixtureBlob;
  layers: FixtureBlob[];
}

export function blobOf(mediaType: string, bytes: Buffer): FixtureBlob {
  return {
    mediaType,
    digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    size: bytes.length,
    bytes,
  };
}

export function descriptorOf(blob: FixtureBlob): {
  mediaType: string;
  digest: string;
  size: number;
} {
  return { mediaType: blob.mediaType, digest: blob.digest, size: blob.size };
}

/**
 * Writes a single-platform OCI image layout (image-spec `image-layout.md`) with gzip layers
 * of fresh random content, so no two fixtures share a blob unless a test wants them to.
 * `refName` becomes the entry's org.opencontainers.image.ref.name.
 */
export async function makeOciLayout(
  dir: string,
  options: { layerSizes?: number[]; refName?: string; architecture?: string } = {},
): Promise<OciLayoutFixture> {
  const layerSizes = options.layerSizes ?? [1024, 64 * 1024];
  const raw = layerSizes.map((size) => randomBytes(size));
  const layers = raw.map((bytes) =>
    blobOf('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(bytes)),
  );
  const config = blobOf(
    'application/vnd.oci.image.config.v1+json',
    Buffer.from(
      JSON.stringify({
        architecture: options.architecture ?? 'amd64',
        os: 'linux',
        config: { Entrypoint: ['/app'] },
        rootfs: {
          type: 'layers',
          diff_ids: raw.map(
            (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
          ),
        },
      }),
    ),
  );
  const manifest = blobOf(
    'application/vnd.oci.image.manifest.v1+json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: descriptorOf(config),
        layers: layers.map(descriptorOf),
      }),
    ),
  );
  await writeLayout(
    dir,
    [manifest, config, ...layers],
    [
      {
        ...descriptorOf(manifest),
        ...(options.refName && {
          annotations: { 'org.opencontainers.image.ref.name': options.refName },
        }),
      },
    ],
  );
  return { dir, manifest, config, layers };
}

export async function writeLayout(
  dir: string,
  blobs: FixtureBlob[],
  entries: object[],
): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  for (const blob of blobs) {
    await writeFile(join(dir, 'blobs', 'sha256', blob.digest.slice('sha256:'.length)), blob.bytes);
  }
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: entries,
    }),
  );
}
