import type { Descriptor } from './descriptor.js';
import { type Digest, digestHex } from './digest.js';
import { isMediaType, MediaType } from './mediatypes.js';

/**
 * Referrers (image-spec `manifest.md` "subject", distribution-spec "Listing Referrers"):
 * manifests that name another manifest as their `subject`, and the two tag schemes that
 * find them on registries without the referrers API.
 */

/** distribution-spec "Referrers Tag Schema": `sha256:<hex>` → `sha256-<hex>`. */
export function referrersTag(digest: Digest): string {
  return `sha256-${digestHex(digest)}`;
}

/** cosign's tags beside an image: signature, attestation, SBOM (sigstore/cosign `pkg/oci`). */
export const COSIGN_SUFFIXES = ['sig', 'att', 'sbom'] as const;

export function cosignTags(digest: Digest): string[] {
  return COSIGN_SUFFIXES.map((suffix) => `${referrersTag(digest)}.${suffix}`);
}

/**
 * A tag that names a referrer's subject rather than an image: the fallback tag
 * `sha256-<64 hex>` (distribution-spec "Referrers Tag Schema"), and cosign's `.sig`, `.att`
 * and `.sbom` beside it. Nothing else: `sha256-<hex>.foo` is an ordinary tag (no tool this
 * project knows writes it), and only sha256 digests are pushed here.
 */
const REFERRER_TAG = /^sha256-([a-f0-9]{64})(?:\.(?:sig|att|sbom))?$/;

export function isReferrerTag(tag: string): boolean {
  return REFERRER_TAG.test(tag);
}

/** The subject a referrer tag names (`sha256-<hex>.sig` → `sha256:<hex>`); else undefined. */
export function referrerTagSubject(tag: string): Digest | undefined {
  const hex = REFERRER_TAG.exec(tag)?.[1];
  return hex === undefined ? undefined : `sha256:${hex}`;
}

/**
 * The descriptor the referrers API lists for a manifest: its `artifactType`, or when it has
 * none its config's media type, and its annotations (distribution-spec "Listing Referrers").
 */
export function referrerDescriptor(
  descriptor: Pick<Descriptor, 'mediaType' | 'digest' | 'size'>,
  bytes: Buffer,
): Descriptor {
  const json = JSON.parse(bytes.toString('utf8')) as {
    mediaType?: unknown;
    artifactType?: unknown;
    config?: { mediaType?: unknown };
    annotations?: unknown;
  };
  // A value that is not a media type is left out: it would go into an index we write.
  const mediaTypeOrNone = (value: unknown): string | undefined =>
    typeof value === 'string' && isMediaType(value) ? value : undefined;
  const artifactType =
    mediaTypeOrNone(json.artifactType) ?? mediaTypeOrNone(json.config?.mediaType);
  const annotations =
    typeof json.annotations === 'object' && json.annotations !== null
      ? (json.annotations as Record<string, string>)
      : undefined;
  return {
    mediaType: mediaTypeOrNone(json.mediaType) ?? descriptor.mediaType,
    digest: descriptor.digest,
    size: descriptor.size,
    ...(artifactType && { artifactType }),
    ...(annotations && { annotations }),
  };
}

/**
 * `existing` plus those of `added` it lacks, by digest, in that order: the fallback tag is
 * merged, never replaced, as other tools write to it too.
 */
export function mergeReferrers(existing: Descriptor[], added: Descriptor[]): Descriptor[] {
  const seen = new Set(existing.map((d) => d.digest));
  return [...existing, ...added.filter((d) => !seen.has(d.digest))];
}

/** The fallback tag's content: an OCI index of the referrers' descriptors. */
export function referrersIndex(referrers: Descriptor[]): Buffer {
  return Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: referrers }),
  );
}
