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

/** An OCI image manifest over a config and layers, as a blob. */
export function imageManifestOf(
  config: FixtureBlob,
  layers: (FixtureBlob | { descriptor: object })[],
): FixtureBlob {
  return blobOf(
    'application/vnd.oci.image.manifest.v1+json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: descriptorOf(config),
        layers: layers.map((l) => ('descriptor' in l ? l.descriptor : descriptorOf(l))),
      }),
    ),
  );
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
  const manifest = imageManifestOf(config, layers);
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

export interface MultiPlatformFixture {
  dir: string;
  index: FixtureBlob;
  /** The platform images, then the attestation manifest. */
  manifests: FixtureBlob[];
  blobs: FixtureBlob[];
}

/**
 * What `docker buildx build --platform linux/amd64,linux/arm64 --output type=oci` writes: an
 * index of two platform images plus a provenance attestation manifest (platform
 * `unknown/unknown`, annotated as buildx annotates it), as an OCI layout directory.
 */
export async function makeMultiPlatformLayout(
  dir: string,
  options: { layerSize?: number; refName?: string } = {},
): Promise<MultiPlatformFixture> {
  const blobs: FixtureBlob[] = [];
  const entries: object[] = [];
  const manifests: FixtureBlob[] = [];
  const image = (architecture: string): FixtureBlob => {
    const raw = randomBytes(options.layerSize ?? 32 * 1024);
    const layer = blobOf('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(raw));
    const config = blobOf(
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(
        JSON.stringify({
          architecture,
          os: 'linux',
          rootfs: {
            type: 'layers',
            diff_ids: [`sha256:${createHash('sha256').update(raw).digest('hex')}`],
          },
        }),
      ),
    );
    const manifest = imageManifestOf(config, [layer]);
    blobs.push(config, layer);
    manifests.push(manifest);
    return manifest;
  };
  for (const architecture of ['amd64', 'arm64']) {
    const manifest = image(architecture);
    entries.push({ ...descriptorOf(manifest), platform: { architecture, os: 'linux' } });
  }
  const [amd64] = manifests;
  const statement = blobOf(
    'application/vnd.in-toto+json',
    Buffer.from(
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType: 'https://slsa.dev/provenance/v0.2',
      }),
    ),
  );
  const attestationConfig = blobOf(
    'application/vnd.oci.image.config.v1+json',
    Buffer.from(
      '{"architecture":"unknown","os":"unknown","rootfs":{"type":"layers","diff_ids":[]}}',
    ),
  );
  const attestation = imageManifestOf(attestationConfig, [
    {
      descriptor: {
        ...descriptorOf(statement),
        annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
      },
    },
  ]);
  blobs.push(attestationConfig, statement);
  manifests.push(attestation);
  entries.push({
    ...descriptorOf(attestation),
    platform: { architecture: 'unknown', os: 'unknown' },
    annotations: {
      'vnd.docker.reference.digest': amd64?.digest,
      'vnd.docker.reference.type': 'attestation-manifest',
    },
  });
  const index = blobOf(
    'application/vnd.oci.image.index.v1+json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: entries,
      }),
    ),
  );
  await writeLayout(
    dir,
    [index, ...manifests, ...blobs],
    [
      {
        ...descriptorOf(index),
        ...(options.refName && {
          annotations: { 'org.opencontainers.image.ref.name': options.refName },
        }),
      },
    ],
  );
  return { dir, index, manifests, blobs };
}
