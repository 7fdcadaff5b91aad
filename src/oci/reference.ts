import { type Digest, digestProblem, isDigest } from './digest.js';

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
  if (value.includes('@')) {
    throw new InvalidReferenceError(
      `${what} has a user name or password before the host ("user:password@"); it is not ` +
        'shown, as it may hold a secret. Give the host alone, and the credential in `credentials`',
    );
  }
  if (!isHost(value)) {
    throw new InvalidReferenceError(
      `${what} "${value}" is not a registry host: use a host name with an optional port, ` +
        `e.g. gsoci.azurecr.io or 127.0.0.1:5000`,
    );
  }
  const port = /:(\d+)$/.exec(value)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    throw new InvalidReferenceError(
      `${what} "${value}" has the port ${port}, and a port is a number from 1 to 65535`,
    );
  }
  return value;
}

/** An image source, named the way skopeo and containers/image name transports. */
export type SourceReference =
  | { transport: 'oci' | 'oci-archive'; path: string; ref?: string }
  | ArchiveReference
  | { transport: 'docker-daemon'; name: string }
  | DockerReference;

/** `docker-archive:FILE[:NAME:TAG|:@N]`: a `docker save` tar, one image picked by name or index. */
export interface ArchiveReference {
  transport: 'docker-archive';
  path: string;
  /** `NAME:TAG`, as written (`:latest` added when the tag was left out). */
  name?: string;
  /** skopeo's `@N`: the N-th image of manifest.json, counting from 0. */
  index?: number;
}

/** `docker://HOST/REPO[:TAG|@DIGEST]`, normalized as docker normalizes it. */
export interface DockerReference {
  transport: 'docker';
  host: string;
  repository: string;
  tag?: string;
  digest?: Digest;
}

/** An image name with docker's defaults filled in: `busybox` is docker.io/library/busybox:latest. */
export type ImageName = Omit<DockerReference, 'transport'>;

export const SOURCE_TRANSPORTS = [
  'oci',
  'oci-archive',
  'docker-archive',
  'docker-daemon',
  'docker',
] as const;

const EXAMPLES =
  'oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:NAME:TAG], ' +
  'docker-daemon:NAME:TAG, docker://HOST/REPO[:TAG|@DIGEST]';

/** Docker Hub's name in references; the registry API itself answers elsewhere. */
export const DOCKER_HUB = 'docker.io';

/**
 * A host as it is compared and looked up (credentials, `--login-registry`): host names are
 * case-insensitive (RFC 4343), so `LOCALHOST:5000` finds what was given for `localhost:5000`.
 */
export function hostKey(host: string): string {
  return host.toLowerCase();
}

/**
 * The host to send registry API requests to for a reference's host. Docker Hub images are
 * named `docker.io/...`, but docker.io does not serve `/v2/`: registry-1.docker.io does.
 */
export function apiHost(host: string): string {
  return host === DOCKER_HUB ? 'registry-1.docker.io' : host;
}

/**
 * Parses the `image` input. As in containers/image, a file or directory path ends at the
 * first `:` after the transport, so `oci:./build/layout:app` is the layout `./build/layout`,
 * entry `app`, and `docker-archive:img.tar:localhost:5000/app:1.0` names the image
 * `localhost:5000/app:1.0` in `img.tar`.
 */
export function parseSourceReference(value: string, what = 'image'): SourceReference {
  if (hasUserinfo(value)) {
    throw new InvalidReferenceError(
      `${what} has a user name or password before the registry host (docker://USER:PASSWORD@HOST/...); ` +
        'it is not shown, as it may hold a secret. Write docker://HOST/REPO:TAG and put the ' +
        'credential in `credentials` (HOST=USERNAME:PASSWORD), or log in with docker/login-action',
    );
  }
  const colon = value.indexOf(':');
  const transport = colon < 0 ? '' : value.slice(0, colon);
  const rest = value.slice(colon + 1);
  const fail = (problem: string): never => {
    throw new InvalidReferenceError(`${what} "${value}" ${problem}`);
  };
  switch (transport) {
    case 'oci':
    case 'oci-archive': {
      const [path, ref] = splitPath(rest);
      if (path === '')
        fail(`has no ${transport === 'oci' ? 'directory' : 'file'} after "${transport}:"`);
      if (ref === '') fail('ends in ":" with no entry name');
      return { transport, path, ...(ref !== undefined && { ref }) };
    }
    case 'docker-archive': {
      const [path, name] = splitPath(rest);
      if (path === '') fail('has no file after "docker-archive:"');
      if (name === undefined) return { transport, path };
      if (name.startsWith('@')) {
        if (!/^@(?:0|[1-9][0-9]{0,5})$/.test(name)) {
          fail(`ends in "${name}": an index into the archive is @ and a number, e.g. @0`);
        }
        return { transport, path, index: Number(name.slice(1)) };
      }
      return { transport, path, name: taggedName(name, value, what) };
    }
    case 'docker-daemon':
      if (rest === '') fail('has no image after "docker-daemon:"; write docker-daemon:NAME:TAG');
      // An image ID (`sha256:<hex>`) is what `docker save` also accepts.
      return { transport, name: isDigest(rest) ? rest : taggedName(rest, value, what, true) };
    case 'docker': {
      if (!rest.startsWith('//'))
        fail('is missing "//" after "docker:"; write docker://HOST/REPO:TAG');
      return { transport, ...parseImageName(rest.slice(2), `${what} "${value}"`, true) };
    }
    default:
      return fail(
        `does not start with a known transport (${SOURCE_TRANSPORTS.map((t) => `${t}:`).join(', ')}); ` +
          (looksLikeImageName(value)
            ? `for an image in a registry write docker://${value}`
            : `write one of ${EXAMPLES}`),
      );
  }
}

/**
 * `docker://alice:pw@host/app`, or the same without `docker://`: an `@` before the first `/`
 * of a registry name is userinfo, never part of an image name (a digest's `@` comes after
 * the repository, or right before `sha256:` in `docker-daemon:NAME@sha256:...`). Paths of the
 * file transports may hold `@`, so they are left alone.
 */
function hasUserinfo(value: string): boolean {
  const fileTransport = /^(?:oci|oci-archive|docker-archive):/.test(value);
  const name = value.replace(/^docker:\/\//, '').replace(/^docker-daemon:/, '');
  return !fileTransport && /^[^/]*@(?!sha256:)/.test(name);
}

/** `ghcr.io/org/app:1.0` without a transport: the user most likely meant docker://. */
function looksLikeImageName(value: string): boolean {
  if (!/^[a-z0-9]/.test(value)) return false;
  try {
    parseImageName(value, '');
    return value.includes('/');
  } catch {
    return false;
  }
}

/** `PATH` or `PATH:REST`: containers/image ends a path at its first colon. */
function splitPath(rest: string): [string, string | undefined] {
  const colon = rest.indexOf(':');
  return colon < 0 ? [rest, undefined] : [rest.slice(0, colon), rest.slice(colon + 1)];
}

/** A `NAME[:TAG]` (or, where `digestAllowed`, `NAME@DIGEST`), as written; `:latest` if untagged. */
function taggedName(text: string, value: string, what: string, digestAllowed = false): string {
  const name = parseImageName(text, `${what} "${value}"`, digestAllowed);
  // parseImageName fills in `latest`; write it out, so `docker save` picks one image, not all.
  return name.digest !== undefined || text.endsWith(`:${name.tag}`) ? text : `${text}:latest`;
}

/**
 * An image name as docker reads it (distribution `reference/normalize.go`): the first
 * component is a registry host when it has a `.` or `:` or is `localhost`; otherwise the image
 * is on Docker Hub, where a one-component name is an official image under `library/`. No tag
 * and no digest means `latest`. `where` starts every error message.
 */
export function parseImageName(text: string, where: string, digestAllowed = true): ImageName {
  const at = text.indexOf('@');
  const beforeDigest = at < 0 ? text : text.slice(0, at);
  const digest = at < 0 ? undefined : text.slice(at + 1);
  const slash = beforeDigest.lastIndexOf('/');
  const tagColon = beforeDigest.indexOf(':', slash + 1);
  const name = tagColon < 0 ? beforeDigest : beforeDigest.slice(0, tagColon);
  const tag = tagColon < 0 ? undefined : beforeDigest.slice(tagColon + 1);
  if (name === '') throw new InvalidReferenceError(`${where} has no image name`);
  if (digest !== undefined) {
    if (!digestAllowed) {
      throw new InvalidReferenceError(`${where}: name the image by NAME:TAG here, not by digest`);
    }
    if (!isDigest(digest)) {
      throw new InvalidReferenceError(`${where}: "${digest}" ${digestProblem(digest)}`);
    }
    if (tag !== undefined) {
      throw new InvalidReferenceError(
        `${where} has both a tag and a digest; keep one (the digest pins the image)`,
      );
    }
  }
  if (tag !== undefined && !isTag(tag)) {
    throw new InvalidReferenceError(
      `${where}: "${tag}" is not a valid tag (letters, digits, _ . -; at most 128, not starting with . or -)`,
    );
  }
  const firstSlash = name.indexOf('/');
  const first = firstSlash < 0 ? '' : name.slice(0, firstSlash);
  const hasHost = first.includes('.') || first.includes(':') || first === 'localhost';
  let host = hasHost ? first : DOCKER_HUB;
  let repository = hasHost ? name.slice(firstSlash + 1) : name;
  if (host === 'index.docker.io') host = DOCKER_HUB;
  if (hasHost && !isHost(host)) {
    throw new InvalidReferenceError(`${where}: "${host}" is not a registry host name`);
  }
  if (!isRepository(repository)) {
    throw new InvalidReferenceError(
      `${where}: "${repository}" is not a valid repository path (lowercase letters, digits and ` +
        `separators . _ __ - in components joined by "/")`,
    );
  }
  // Docker Hub's official images live under library/.
  if (host === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  return {
    host,
    repository,
    ...(digest !== undefined ? { digest: digest as Digest } : { tag: tag ?? 'latest' }),
  };
}

/** `host/repository:tag` or `host/repository@digest`, fully qualified, for comparing names. */
export function canonicalImageName(name: ImageName): string {
  const reference = name.digest !== undefined ? `@${name.digest}` : `:${name.tag ?? 'latest'}`;
  return `${name.host}/${name.repository}${reference}`;
}

/** The reference as the user could write it again. */
export function formatSourceReference(ref: SourceReference): string {
  switch (ref.transport) {
    case 'oci':
    case 'oci-archive':
      return `${ref.transport}:${ref.path}${ref.ref === undefined ? '' : `:${ref.ref}`}`;
    case 'docker-archive': {
      const pick = ref.name ?? (ref.index === undefined ? undefined : `@${ref.index}`);
      return `docker-archive:${ref.path}${pick === undefined ? '' : `:${pick}`}`;
    }
    case 'docker-daemon':
      return `docker-daemon:${ref.name}`;
    case 'docker':
      return `docker://${canonicalImageName(ref)}`;
  }
}
