import { type Digest, isDigest } from './digest.js';

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

export function parseTag(value: string, what: string): string {
  if (!isTag(value)) {
    throw new InvalidReferenceError(
      `${what} "${value}" is not a valid tag: up to 128 of [A-Za-z0-9_.-], not starting with . or -`,
    );
  }
  return value;
}

/** A manifest in a registry, by tag or by digest. */
export interface RegistryReference {
  host: string;
  repository: string;
  tag?: string;
  digest?: Digest;
}

/** `HOST/REPO[:TAG][@DIGEST]`, the form `docker://` takes after its scheme. */
export function parseRegistryReference(value: string, what: string): RegistryReference {
  const slash = value.indexOf('/');
  if (slash <= 0) {
    throw new InvalidReferenceError(
      `${what} "${value}" has no registry host: write HOST/REPOSITORY[:TAG|@DIGEST], ` +
        `e.g. gsoci.azurecr.io/giantswarm/app:1.2.3`,
    );
  }
  const host = parseHost(value.slice(0, slash), `${what}: host`);
  let rest = value.slice(slash + 1);
  let digest: Digest | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const text = rest.slice(at + 1);
    if (!isDigest(text)) {
      throw new InvalidReferenceError(`${what} "${value}": "${text}" is not a sha256 digest`);
    }
    digest = text;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = parseTag(rest.slice(colon + 1), `${what}: tag`);
    rest = rest.slice(0, colon);
  }
  const repository = parseRepository(rest, `${what}: repository`);
  return { host, repository, ...(tag !== undefined && { tag }), ...(digest && { digest }) };
}

export function formatRegistryReference(ref: RegistryReference): string {
  const base = `${ref.host}/${ref.repository}`;
  if (ref.digest) return `${base}@${ref.digest}`;
  return ref.tag === undefined ? base : `${base}:${ref.tag}`;
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
