import { type Digest, digestProblem, isDigest } from './digest.js';
import {
  isIndexMediaType,
  isManifestMediaType,
  isMediaType,
  MediaType,
  NON_DISTRIBUTABLE_MEDIA_TYPES,
} from './mediatypes.js';
import { printable, quoted } from './untrusted.js';

/** image-spec `descriptor.md`. */
export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
  artifactType?: string;
  /** Where else the blob may be fetched from (image-spec `descriptor.md`): foreign layers. */
  urls?: string[];
}

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
}

/** What a manifest points at, as far as copying is concerned. */
export interface ParsedManifest {
  mediaType: string;
  /** Blobs (config and layers) of an image manifest; empty for an index. */
  blobs: Descriptor[];
  /** Child manifests of an index; empty for an image manifest. */
  manifests: Descriptor[];
  /** The manifest this one refers to (a signature's or attestation's image). */
  subject?: Descriptor;
}

/**
 * A layer the registry is not given: a non-distributable (foreign) one, or one that names
 * `urls` to fetch it from. Such a blob may be missing at the source, and is never uploaded
 * (image-spec `layer.md`); skopeo skips every layer with `urls` the same way (containers/image
 * `copy/single.go`), and Distribution checks neither kind's presence.
 */
export function isForeignLayer(descriptor: Descriptor): boolean {
  return (
    NON_DISTRIBUTABLE_MEDIA_TYPES.includes(descriptor.mediaType) ||
    (descriptor.urls?.length ?? 0) > 0
  );
}

/** A manifest's JSON is not what it claims to be. */
export class ManifestFormatError extends Error {
  override name = 'ManifestFormatError';
}

/**
 * Parses a manifest's bytes to find its children. The bytes themselves are never
 * re-serialized: they are pushed as they are, so the digest holds end to end.
 * `declaredType` is the media type the manifest was referenced with (a descriptor's, or a
 * registry's Content-Type); the manifest's own `mediaType` field wins when present.
 */
export function parseManifest(
  bytes: Uint8Array,
  declaredType: string,
  where: string,
): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    // JSON.parse's message repeats the bytes around the fault: the registry's, so printable.
    throw new ManifestFormatError(
      `${where}: manifest is not valid JSON (${printable(String(error), 200)})`,
    );
  }
  if (!isObject(json)) throw new ManifestFormatError(`${where}: manifest is not a JSON object`);

  const mediaType =
    typeof json.mediaType === 'string' ? json.mediaType : inferMediaType(json, declaredType);
  if (!isManifestMediaType(mediaType)) {
    throw new ManifestFormatError(`${where}: unsupported manifest media type ${quoted(mediaType)}`);
  }
  const subject =
    json.subject === undefined ? undefined : toDescriptor(json.subject, `${where} subject`);
  if (isIndexMediaType(mediaType)) {
    const manifests = arrayOf(json.manifests, `${where} manifests`).map((entry, i) =>
      toDescriptor(entry, `${where} manifests[${i}]`),
    );
    return { mediaType, blobs: [], manifests, ...(subject && { subject }) };
  }
  const config = toDescriptor(json.config, `${where} config`);
  const layers = arrayOf(json.layers, `${where} layers`).map((entry, i) =>
    toDescriptor(entry, `${where} layers[${i}]`),
  );
  return { mediaType, blobs: [config, ...layers], manifests: [], ...(subject && { subject }) };
}

/** An OCI manifest may omit `mediaType`; then its shape tells (image-spec `manifest.md`). */
function inferMediaType(json: Record<string, unknown>, declaredType: string): string {
  if (isManifestMediaType(declaredType)) return declaredType;
  if (Array.isArray(json.manifests)) return MediaType.OciIndex;
  if (json.config !== undefined) return MediaType.OciManifest;
  return declaredType;
}

export function toDescriptor(value: unknown, where: string): Descriptor {
  if (!isObject(value)) throw new ManifestFormatError(`${where}: not a descriptor object`);
  const { mediaType, digest, size } = value;
  if (typeof mediaType !== 'string' || mediaType === '') {
    throw new ManifestFormatError(`${where}: descriptor has no mediaType`);
  }
  // Media types end up in Content-Type headers and log lines: only their grammar's shape.
  if (!isMediaType(mediaType)) {
    throw new ManifestFormatError(
      `${where}: descriptor mediaType ${quoted(mediaType)} is not a media type (RFC 6838: type/subtype)`,
    );
  }
  if (typeof digest !== 'string' || !isDigest(digest)) {
    throw new ManifestFormatError(
      `${where}: descriptor digest ${quoted(digest)} ${digestProblem(digest)}`,
    );
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new ManifestFormatError(
      `${where}: descriptor size ${quoted(String(size))} is not a byte count`,
    );
  }
  const descriptor: Descriptor = { mediaType, digest, size };
  if (isObject(value.annotations))
    descriptor.annotations = value.annotations as Record<string, string>;
  if (isObject(value.platform)) descriptor.platform = value.platform as unknown as Platform;
  if (Array.isArray(value.urls) && value.urls.every((u) => typeof u === 'string')) {
    descriptor.urls = value.urls as string[];
  }
  if (value.artifactType !== undefined) {
    if (typeof value.artifactType !== 'string' || !isMediaType(value.artifactType)) {
      throw new ManifestFormatError(
        `${where}: descriptor artifactType ${quoted(value.artifactType)} is not a media type (RFC 6838: type/subtype)`,
      );
    }
    descriptor.artifactType = value.artifactType;
  }
  return descriptor;
}

function arrayOf(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ManifestFormatError(`${where}: not a list`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
