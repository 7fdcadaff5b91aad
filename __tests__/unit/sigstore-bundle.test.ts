import { createHash } from 'node:crypto';
import { bundleArtifact, bundleLayerOf } from '../../src/oci/sigstore-bundle.js';
import type { Digest } from '../../src/oci/digest.js';

/**
 * The manifest a signature is stored in, checked against sigstore/cosign
 * `specs/BUNDLE_SPEC.md` ("Publishing" and "Annotations"), written from the spec's words
 * rather than from our code's constants.
 */
const sha256 = (bytes: Buffer | string): string =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const subject = {
  mediaType: 'application/vnd.oci.image.index.v1+json',
  digest: `sha256:${'c0'.repeat(32)}` as Digest,
  size: 1234,
};
const bundle = Buffer.from('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}');
const made = bundleArtifact(bundle, subject, {
  predicateType: 'https://sigstore.dev/cosign/sign/v1',
  created: new Date('2026-03-08T18:18:20.406Z'),
});
const manifest = JSON.parse(made.manifest.bytes.toString()) as Record<string, unknown> & {
  config: Record<string, unknown>;
  layers: Record<string, unknown>[];
  annotations: Record<string, string>;
};

test('it is an OCI image manifest whose artifactType is the Sigstore bundle media type', () => {
  expect(manifest.schemaVersion).toBe(2);
  expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  expect(manifest.artifactType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
});

test('its config is the empty descriptor', () => {
  expect(manifest.config).toMatchObject({
    mediaType: 'application/vnd.oci.empty.v1+json',
    digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    size: 2,
  });
  expect(made.blobs[0]?.bytes.toString()).toBe('{}');
});

test('its single layer is the bundle, by size, digest and media type', () => {
  expect(manifest.layers).toEqual([
    {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      digest: sha256(bundle),
      size: bundle.length,
    },
  ]);
  expect(made.blobs[1]?.bytes.equals(bundle)).toBe(true);
});

test('its subject is the signed manifest', () => {
  expect(manifest.subject).toEqual(subject);
});

test('its annotations say a DSSE envelope, the predicate type and when, in RFC 3339', () => {
  expect(manifest.annotations).toEqual({
    'dev.sigstore.bundle.content': 'dsse-envelope',
    'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
    'org.opencontainers.image.created': '2026-03-08T18:18:20Z',
  });
});

test('the descriptor a referrers list shows carries the artifactType and the annotations', () => {
  expect(made.manifest.descriptor).toEqual({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: sha256(made.manifest.bytes),
    size: made.manifest.bytes.length,
    artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    annotations: manifest.annotations,
  });
});

test('read back, the bundle layer is found as a verifier finds it, and anything else is refused', () => {
  expect(bundleLayerOf(made.manifest.bytes, subject.digest, 'x')).toEqual({
    layer: manifest.layers[0],
  });
  const other = `sha256:${'ab'.repeat(32)}` as Digest;
  expect(bundleLayerOf(made.manifest.bytes, other, 'x')).toEqual({
    problem: `its subject is ${subject.digest}, not ${other}`,
  });
  const sbom = Buffer.from(JSON.stringify({ ...manifest, artifactType: 'application/spdx+json' }));
  expect(bundleLayerOf(sbom, subject.digest, 'x')).toEqual({
    problem: 'its artifactType is application/spdx+json, not a Sigstore bundle',
  });
});
