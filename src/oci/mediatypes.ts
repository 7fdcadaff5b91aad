/** Media types oci-push reads and writes (image-spec `media-types.md`, docker `manifest-v2-2`). */
export const MediaType = {
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  OciConfig: 'application/vnd.oci.image.config.v1+json',
  OciLayerTarGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  OciLayerTar: 'application/vnd.oci.image.layer.v1.tar',
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DockerConfig: 'application/vnd.docker.container.image.v1+json',
  DockerLayerTarGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

export const INDEX_MEDIA_TYPES: readonly string[] = [
  MediaType.OciIndex,
  MediaType.DockerManifestList,
];
export const IMAGE_MANIFEST_MEDIA_TYPES: readonly string[] = [
  MediaType.OciManifest,
  MediaType.DockerManifest,
];
export const MANIFEST_MEDIA_TYPES: readonly string[] = [
  ...IMAGE_MANIFEST_MEDIA_TYPES,
  ...INDEX_MEDIA_TYPES,
];

/**
 * Sent on every manifest GET/HEAD: ACR answers MANIFEST_UNKNOWN for an OCI index unless
 * the Accept header lists the OCI types (FACTS.md, "Accept headers").
 */
export const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');

/**
 * RFC 6838 section 4.2: `type/subtype`, each a restricted-name of at most 127 characters;
 * image-spec `descriptor.md` requires descriptors' media types to comply. Unknown types are
 * fine (image-spec: they must not be an error); malformed ones never reach a header or a log.
 */
const MEDIA_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

export function isMediaType(value: string): boolean {
  return MEDIA_TYPE.test(value);
}

export function isManifestMediaType(mediaType: string): boolean {
  return MANIFEST_MEDIA_TYPES.includes(mediaType);
}

/**
 * Layers that are "non-distributable" (image-spec `layer.md`, deprecated in 1.1 but still
 * written, e.g. Windows base layers): fetched from their `urls`, never uploaded to a registry.
 */
export const NON_DISTRIBUTABLE_MEDIA_TYPES: readonly string[] = [
  'application/vnd.oci.image.layer.nondistributable.v1.tar',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
];

export function isIndexMediaType(mediaType: string): boolean {
  return INDEX_MEDIA_TYPES.includes(mediaType);
}
