import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Descriptor } from '../../src/oci/descriptor.js';
import type { Digest } from '../../src/oci/digest.js';
import type { RegistryClient } from '../../src/registry/client.js';
import { blobOf, descriptorOf, type FixtureBlob } from './fixtures.js';

/**
 * Referrers as the tools that make them lay them out, for tests: cosign's signature behind
 * its `.sig` tag, and an SBOM that names its image as `subject` (as oras and the
 * referrers-aware tools attach one). The sigstore bundle comes from the real producer,
 * `@sigstore/oci`, in the tests themselves.
 */
export interface ReferrerFixture {
  manifest: FixtureBlob;
  blobs: FixtureBlob[];
}

/** image-spec `manifest.md` "Guidance for an Empty Descriptor". */
export const EMPTY_CONFIG = blobOf('application/vnd.oci.empty.v1+json', Buffer.from('{}'));

/**
 * What `cosign sign` pushes to `sha256-<hex>.sig` (sigstore/cosign `pkg/oci/static`,
 * `pkg/oci/mutate`): an OCI image manifest with no subject, whose config is a plain image
 * config over one `simplesigning` layer (the signed payload), the signature itself in the
 * layer's `dev.cosignproject.cosign/signature` annotation.
 */
export function cosignSignature(subject: Digest, dockerReference: string): ReferrerFixture {
  const payload = blobOf(
    'application/vnd.dev.cosign.simplesigning.v1+json',
    Buffer.from(
      JSON.stringify({
        critical: {
          identity: { 'docker-reference': dockerReference },
          image: { 'docker-manifest-digest': subject },
          type: 'cosign container image signature',
        },
        optional: null,
      }),
    ),
  );
  const config = blobOf(
    'application/vnd.oci.image.config.v1+json',
    Buffer.from(
      JSON.stringify({
        architecture: '',
        created: '0001-01-01T00:00:00Z',
        history: [{ created: '0001-01-01T00:00:00Z' }],
        os: '',
        rootfs: { type: 'layers', diff_ids: [payload.digest] },
        config: {},
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
        layers: [
          {
            ...descriptorOf(payload),
            annotations: {
              'dev.cosignproject.cosign/signature': randomBytes(64).toString('base64'),
            },
          },
        ],
      }),
    ),
  );
  return { manifest, blobs: [config, payload] };
}

/** An SPDX SBOM attached to `subject` as an OCI referrer (artifactType, empty config). */
export function sbomReferrer(
  subject: Pick<Descriptor, 'mediaType' | 'digest' | 'size'>,
  artifactType = 'application/spdx+json',
): ReferrerFixture {
  const sbom = blobOf(
    artifactType,
    Buffer.from(
      JSON.stringify({
        spdxVersion: 'SPDX-2.3',
        name: `sbom-${randomBytes(4).toString('hex')}`,
        packages: [],
      }),
    ),
  );
  const manifest = blobOf(
    'application/vnd.oci.image.manifest.v1+json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType,
        config: descriptorOf(EMPTY_CONFIG),
        layers: [descriptorOf(sbom)],
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
        annotations: { 'org.opencontainers.image.created': '2026-11-28T00:00:00Z' },
      }),
    ),
  );
  return { manifest, blobs: [EMPTY_CONFIG, sbom] };
}

/** Test setup: puts a referrer's blobs and manifest in a registry, by digest or at `reference`. */
export async function putReferrer(
  client: RegistryClient,
  repository: string,
  fixture: ReferrerFixture,
  reference: string = fixture.manifest.digest,
): Promise<void> {
  for (const blob of fixture.blobs) {
    if (await client.blobExists(repository, blob.digest as Digest)) continue;
    await client.pushBlob(repository, descriptorOf(blob) as Descriptor, {
      open: () => Promise.resolve(Readable.from([blob.bytes])),
    });
  }
  await client.putManifest(
    repository,
    reference,
    fixture.manifest.bytes,
    fixture.manifest.mediaType,
  );
}
