import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { create, extract, Header } from 'tar';
import { skopeo } from './skopeo.js';

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
  options: {
    layerSizes?: number[];
    /** The layers' uncompressed contents, instead of random bytes of `layerSizes`. */
    layerContents?: Buffer[];
    refName?: string;
    architecture?: string;
  } = {},
): Promise<OciLayoutFixture> {
  const layerSizes = options.layerSizes ?? [1024, 64 * 1024];
  const raw = options.layerContents ?? layerSizes.map((size) => randomBytes(size));
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
  /** With `sbom`: the SPDX document buildx would put in the amd64 image's attestation. */
  sbom?: object;
}

/**
 * What `docker buildx build --platform linux/amd64,linux/arm64 --output type=oci` writes: an
 * index of two platform images plus a provenance attestation manifest (platform
 * `unknown/unknown`, annotated as buildx annotates it), as an OCI layout directory.
 */
export async function makeMultiPlatformLayout(
  dir: string,
  options: {
    layerSize?: number;
    /** Each platform's layers (uncompressed random sizes), instead of one of `layerSize`. */
    layerSizes?: number[];
    refName?: string;
    /** Also an SPDX SBOM in the attestation manifest, as `buildx build --sbom=true` adds. */
    sbom?: boolean;
  } = {},
): Promise<MultiPlatformFixture> {
  const blobs: FixtureBlob[] = [];
  const entries: object[] = [];
  const manifests: FixtureBlob[] = [];
  const image = (architecture: string): FixtureBlob => {
    const raw = (options.layerSizes ?? [options.layerSize ?? 32 * 1024]).map((size) =>
      randomBytes(size),
    );
    const layers = raw.map((bytes) =>
      blobOf('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(bytes)),
    );
    const config = blobOf(
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(
        JSON.stringify({
          architecture,
          os: 'linux',
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
    blobs.push(config, ...layers);
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
  const sbom = options.sbom
    ? {
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: `sbom-${randomBytes(4).toString('hex')}`,
        packages: [{ name: 'busybox', SPDXID: 'SPDXRef-Package-busybox', versionInfo: '1.36.1' }],
      }
    : undefined;
  const sbomStatement =
    sbom &&
    blobOf(
      'application/vnd.in-toto+json',
      Buffer.from(
        JSON.stringify({
          _type: 'https://in-toto.io/Statement/v0.1',
          predicateType: 'https://spdx.dev/Document',
          subject: [
            {
              name: 'pkg:docker/app@latest?platform=linux%2Famd64',
              digest: { sha256: amd64?.digest.slice('sha256:'.length) },
            },
          ],
          predicate: sbom,
        }),
      ),
    );
  const attestation = imageManifestOf(attestationConfig, [
    {
      descriptor: {
        ...descriptorOf(statement),
        annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
      },
    },
    ...(sbomStatement
      ? [
          {
            descriptor: {
              ...descriptorOf(sbomStatement),
              annotations: { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' },
            },
          },
        ]
      : []),
  ]);
  blobs.push(attestationConfig, statement, ...(sbomStatement ? [sbomStatement] : []));
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
  return { dir, index, manifests, blobs, ...(sbom && { sbom }) };
}

/** A tar as `tar` and docker write it: entries in order, zero mtimes, root-owned. */
export async function tarOf(entries: Record<string, Buffer | string>): Promise<Buffer> {
  const blocks: Buffer[] = [];
  for (const [path, content] of Object.entries(entries)) {
    const body = Buffer.from(content);
    const header = Buffer.alloc(512);
    new Header({
      path,
      mode: 0o644,
      uid: 0,
      gid: 0,
      size: body.length,
      mtime: new Date(0),
      type: 'File',
    }).encode(header, 0);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/**
 * An OCI layout of one image whose layers are real tar files (gzipped), so a docker daemon can
 * load it: `docker load` unpacks each layer, which random bytes would fail. Each layer holds
 * one file with `size` random bytes.
 */
export async function makeLoadableLayout(
  dir: string,
  options: { layerSizes?: number[]; refName?: string } = {},
): Promise<OciLayoutFixture & { diffIds: string[] }> {
  const tars = await Promise.all(
    (options.layerSizes ?? [2048, 96 * 1024]).map((size, i) =>
      tarOf({ [`layer-${i}.bin`]: randomBytes(size) }),
    ),
  );
  const diffIds = tars.map((t) => `sha256:${createHash('sha256').update(t).digest('hex')}`);
  const layout = await makeOciLayout(dir, {
    layerContents: tars,
    ...(options.refName !== undefined && { refName: options.refName }),
  });
  return { ...layout, diffIds };
}

/**
 * `oci-archive:`: the layout directory as a tar, as `docker buildx build --output
 * type=oci,dest=FILE` writes it (oci-layout, index.json and blobs/ at the top, no leading
 * `./`).
 */
export async function tarLayout(dir: string, file: string): Promise<string> {
  await create({ file, cwd: dir, portable: true, mtime: new Date(0) }, [
    'oci-layout',
    'index.json',
    'blobs',
  ]);
  return file;
}

/** One image of a crafted Docker 25+ `docker save` archive. */
export interface Docker25Image {
  /** As `docker save` got it, e.g. `app:1.0` (RepoTags keeps this familiar form). */
  name: string;
  config: FixtureBlob;
  manifest: FixtureBlob;
  /** The uncompressed layer tars; their digests are the diff_ids. */
  layers: FixtureBlob[];
}

/**
 * What `docker save` writes from Docker 25 on (moby `daemon/internal/image/tarexport/save.go`,
 * read for this; no Docker 25 daemon runs here, so this is crafted to match it): an OCI
 * layout whose manifests list the layers uncompressed (`application/vnd.oci.image.layer.v1.tar`,
 * digest = diff_id) and whose index.json entries carry `io.containerd.image.name` (the full
 * name) and `org.opencontainers.image.ref.name` (the tag), PLUS the old manifest.json and
 * repositories files pointing into `blobs/sha256/`. Go's json.Marshal writes fields in struct
 * order (mediaType, digest, size) and json.Encoder ends manifest.json with a newline.
 */
export async function makeDocker25Archive(
  file: string,
  images: { name: string; layerSizes?: number[] }[],
): Promise<Docker25Image[]> {
  const dir = `${file}.d`;
  const blobs: FixtureBlob[] = [];
  const made: Docker25Image[] = [];
  for (const { name, layerSizes } of images) {
    const layers = await Promise.all(
      (layerSizes ?? [1024, 48 * 1024]).map(async (size, i) =>
        blobOf(
          'application/vnd.oci.image.layer.v1.tar',
          await tarOf({ [`file-${i}`]: randomBytes(size) }),
        ),
      ),
    );
    const config = blobOf(
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(
        JSON.stringify({
          architecture: 'amd64',
          config: { Cmd: ['/file-0'] },
          created: '2024-01-01T00:00:00Z',
          os: 'linux',
          rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
        }),
      ),
    );
    const manifest = imageManifestOf(config, layers);
    blobs.push(config, manifest, ...layers);
    made.push({ name, config, manifest, layers });
  }
  const full = (name: string): string => {
    const [repo = '', tag = ''] = name.split(':');
    return `docker.io/${repo.includes('/') ? repo : `library/${repo}`}:${tag}`;
  };
  await writeLayout(
    dir,
    blobs,
    made.map((image) => ({
      ...descriptorOf(image.manifest),
      annotations: {
        'io.containerd.image.name': full(image.name),
        'org.opencontainers.image.ref.name': image.name.split(':')[1],
      },
    })),
  );
  // moby writes the layout marker with a space after the colon.
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion": "1.0.0"}');
  await writeFile(
    join(dir, 'manifest.json'),
    `${JSON.stringify(
      made.map((image) => ({
        Config: `blobs/sha256/${image.config.digest.slice(7)}`,
        RepoTags: [image.name],
        Layers: image.layers.map((l) => `blobs/sha256/${l.digest.slice(7)}`),
      })),
    )}\n`,
  );
  await writeFile(
    join(dir, 'repositories'),
    `${JSON.stringify(
      Object.fromEntries(
        made.map((image) => {
          const [repo = '', tag = ''] = image.name.split(':');
          return [repo, { [tag]: image.layers.at(-1)?.digest.slice(7) }];
        }),
      ),
    )}\n`,
  );
  await create({ file, cwd: dir, portable: true, mtime: new Date(0) }, [
    'blobs',
    'index.json',
    'manifest.json',
    'oci-layout',
    'repositories',
  ]);
  return made;
}

/**
 * The pre-25 `docker save` format, written by real skopeo 1.9 (`docker-archive:` transport):
 * manifest.json, repositories, `<config digest>.json`, uncompressed `<diff_id>.tar` layers and
 * the legacy `<id>/layer.tar` symlinks. skopeo decompresses the layers as docker does.
 */
export async function skopeoDockerArchive(
  layoutDir: string,
  file: string,
  name: string,
): Promise<string> {
  const result = await skopeo([
    'copy',
    '--quiet',
    `oci:${layoutDir}`,
    `docker-archive:${file}:${name}`,
  ]);
  if (result.code !== 0) throw new Error(`skopeo copy to docker-archive failed: ${result.stderr}`);
  return file;
}

/**
 * One archive holding every image of `files` (skopeo archives), as `docker save a:1 b:2`
 * writes one: manifest.json lists each image, and the files sit side by side.
 */
export async function mergeDockerArchives(files: string[], out: string): Promise<string> {
  const dir = `${out}.d`;
  await mkdir(dir, { recursive: true });
  const manifest: unknown[] = [];
  const repositories: Record<string, unknown> = {};
  for (const file of files) {
    await extract({ file, cwd: dir });
    manifest.push(...(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as unknown[]));
    Object.assign(repositories, JSON.parse(await readFile(join(dir, 'repositories'), 'utf8')));
  }
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(dir, 'repositories'), JSON.stringify(repositories));
  await create({ file: out, cwd: dir, portable: true }, await readdir(dir));
  return out;
}
