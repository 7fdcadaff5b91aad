/**
 * Repository path grammar (distribution-spec `spec.md`, "Pulling manifests"):
 * lowercase components separated by `/`, each made of alphanumerics joined by `.`, `_`,
 * `__` or dashes.
 */
const REPOSITORY =
  /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
/** A DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;

/** A reference's input was malformed; `message` says which part and why. */
export class InvalidReferenceError extends Error {
  override name = 'InvalidReferenceError';
}

export function isRepository(value: string): boolean {
  return value.length <= 255 && REPOSITORY.test(value);
}

export function isTag(value: string): boolean {
  return TAG.test(value);
}

export function isHost(value: string): boolean {
  return HOST.test(value);
}

export function parseRepository(value: string, what: string): string {
  if (!isRepository(value)) {
    throw new InvalidReferenceError(
      `${what} "${value}" is not a valid repository path: use lowercase letters, digits and ` +
        `separators (. _ __ -) in components joined by "/", e.g. giantswarm/my-app`,
    );
  }
  return value;
}

export function parseHost(value: string, what: string): string {
  if (!isHost(value)) {
    throw new InvalidReferenceError(
      `${what} "${value}" is not a registry host: use a host name with an optional port, ` +
        `e.g. gsoci.azurecr.io or 127.0.0.1:5000`,
    );
  }
  return value;
}

/** An image source, named the way skopeo and containers/image name transports. */
export type SourceReference = { transport: 'oci'; path: string; ref?: string };

const KNOWN_TRANSPORTS = ['oci', 'oci-archive', 'docker-archive', 'docker-daemon', 'docker'];
const SUPPORTED_TRANSPORTS = ['oci'];

/**
 * Parses the `image` input. As in containers/image, the path ends at the first `:` after
 * the transport, so `oci:./build/layout:app` is the layout `./build/layout`, entry `app`.
 */
export function parseSourceReference(value: string, what = 'image'): SourceReference {
  const colon = value.indexOf(':');
  const transport = colon < 0 ? '' : value.slice(0, colon);
  if (!KNOWN_TRANSPORTS.includes(transport)) {
    throw new InvalidReferenceError(
      `${what} "${value}" does not start with a known transport: write ` +
        `${SUPPORTED_TRANSPORTS.map((t) => `${t}:…`).join(', ')}, e.g. oci:./build/oci-layout`,
    );
  }
  if (!SUPPORTED_TRANSPORTS.includes(transport)) {
    throw new InvalidReferenceError(
      `${what} "${value}": the transport "${transport}:" is not supported by this version of ` +
        `oci-push yet; supported: ${SUPPORTED_TRANSPORTS.map((t) => `${t}:`).join(', ')}`,
    );
  }
  const rest = value.slice(colon + 1);
  const refColon = rest.indexOf(':');
  const path = refColon < 0 ? rest : rest.slice(0, refColon);
  const ref = refColon < 0 ? undefined : rest.slice(refColon + 1);
  if (path === '')
    throw new InvalidReferenceError(`${what} "${value}" has no directory after "oci:"`);
  if (ref === '')
    throw new InvalidReferenceError(`${what} "${value}" ends in ":" with no entry name`);
  return { transport: 'oci', path, ...(ref !== undefined && { ref }) };
}
