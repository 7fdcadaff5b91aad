import { type Descriptor, parseManifest } from './descriptor.js';
import { type Digest, digestOf } from './digest.js';
import { MediaType } from './mediatypes.js';
import { printable } from './untrusted.js';

/**
 * A Sigstore bundle stored as an OCI 1.1 artifact, as cosign v3 stores it (sigstore/cosign
 * `specs/BUNDLE_SPEC.md`, `pkg/oci/remote/write.go` WriteAttestationNewBundleFormat): an
 * image manifest whose `artifactType` is the bundle's media type, the empty config, one layer
 * (the bundle's JSON), `subject` naming the signed manifest, and the annotations that tell
 * several bundles apart in a referrers list. `cosign verify`, Kyverno and Flux find it through
 * the referrers API or the `sha256-<hex>` fallback tag.
 */
export const SIGSTORE_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** image-spec `manifest.md` "Guidance for an Empty Descriptor": `{}`, sha256:44136fa3…. */
export const EMPTY_JSON_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
export const EMPTY_JSON = Buffer.from('{}');

/** BUNDLE_SPEC.md "Annotations". */
export const BundleAnnotation = {
  /** `message-signature` or `dsse-envelope`. */
  content: 'dev.sigstore.bundle.content',
  /** The in-toto statement's predicate type, for a DSSE envelope. */
  predicateType: 'dev.sigstore.bundle.predicateType',
  created: 'org.opencontainers.image.created',
} as const;

/** A manifest or blob held in memory, with its descriptor. */
export interface HeldContent {
  descriptor: Descriptor;
  bytes: Buffer;
}

/** The artifact a bundle becomes: its manifest, and the blobs it names (config, bundle). */
export interface BundleArtifact {
  manifest: HeldContent;
  blobs: HeldContent[];
}

export interface BundleArtifactOptions {
  /** The DSSE statement's predicate type (cosign's sign predicate, or SPDX for an SBOM). */
  predicateType: string;
  /** When the bundle was made: RFC 3339 to the second, as cosign writes it. */
  created: Date;
}

/**
 * The OCI artifact for one DSSE bundle that signs `subject`. The bytes are made once and
 * pushed as they are to every registry, so every target holds the same digest.
 */
export function bundleArtifact(
  bundle: Buffer,
  subject: Pick<Descriptor, 'mediaType' | 'digest' | 'size'>,
  options: BundleArtifactOptions,
): BundleArtifact {
  const config = held(EMPTY_JSON_MEDIA_TYPE, EMPTY_JSON);
  const layer = held(SIGSTORE_BUNDLE_MEDIA_TYPE, bundle);
  const annotations = {
    [BundleAnnotation.content]: 'dsse-envelope',
    [BundleAnnotation.predicateType]: options.predicateType,
    [BundleAnnotation.created]: options.created.toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
    // cosign writes the artifactType on the config descriptor too (its descriptor type
    // carries the field); readers ignore it there, and it keeps our bytes like cosign's.
    config: { ...config.descriptor, artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE },
    layers: [layer.descriptor],
    annotations,
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  return {
    manifest: {
      descriptor: {
        mediaType: MediaType.OciManifest,
        digest: digestOf(bytes),
        size: bytes.length,
        artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
        annotations,
      },
      bytes,
    },
    blobs: [config, layer],
  };
}

function held(mediaType: string, bytes: Buffer): HeldContent {
  return { descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length }, bytes };
}

/**
 * The bundle layer of a manifest read back from a registry, found as cosign's verifier finds
 * it (BUNDLE_SPEC.md "Retrieval": the bundle artifactType, then the first layer), or why not.
 * `subject` is the manifest the bundle must name.
 */
export function bundleLayerOf(
  bytes: Buffer,
  subject: Digest,
  where: string,
): { layer: Descriptor } | { problem: string } {
  const parsed = parseManifest(bytes, MediaType.OciManifest, where);
  const json = JSON.parse(bytes.toString('utf8')) as { artifactType?: unknown };
  if (json.artifactType !== SIGSTORE_BUNDLE_MEDIA_TYPE) {
    // Served by a registry: as a log line may show it.
    const served = printable(String(json.artifactType), 200);
    return { problem: `its artifactType is ${served}, not a Sigstore bundle` };
  }
  if (parsed.subject?.digest !== subject) {
    return { problem: `its subject is ${parsed.subject?.digest ?? 'missing'}, not ${subject}` };
  }
  const layer = parsed.blobs[1];
  if (!layer || layer.mediaType !== SIGSTORE_BUNDLE_MEDIA_TYPE) {
    return { problem: `its first layer is ${layer?.mediaType ?? 'missing'}, not the bundle` };
  }
  return { layer };
}
