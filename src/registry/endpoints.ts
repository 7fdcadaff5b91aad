import type { Digest } from '../oci/digest.js';

/** Where a registry lives and how to reach it. */
export interface RegistryEndpoint {
  /** `host[:port]` as the user wrote it, e.g. `gsoci.azurecr.io`. */
  host: string;
  /** Plain HTTP was asked for (`insecure` in the registry's line). */
  insecure?: boolean;
  /** HTTPS even on loopback: an Azure Container Registry speaks nothing else. */
  https?: boolean;
}

/**
 * As docker does: plain HTTP only for loopback hosts or a registry the user marks
 * `insecure`. Everything else is HTTPS, and so is an ACR wherever it is.
 */
export function isLoopbackHost(host: string): boolean {
  // Host names are case-insensitive (RFC 4343): `LOCALHOST:5000` is loopback too.
  const name = hostName(host).toLowerCase();
  return name === 'localhost' || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** The host part of `host[:port]`, without IPv6 brackets. */
export function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

export function registryBaseUrl(endpoint: RegistryEndpoint): URL {
  const plain = !endpoint.https && (endpoint.insecure || isLoopbackHost(endpoint.host));
  const scheme = plain ? 'http' : 'https';
  return new URL(`${scheme}://${endpoint.host}/v2/`);
}

export function pingUrl(endpoint: RegistryEndpoint): URL {
  return registryBaseUrl(endpoint);
}

export function blobUrl(endpoint: RegistryEndpoint, repository: string, digest: Digest): URL {
  return new URL(`${repository}/blobs/${digest}`, registryBaseUrl(endpoint));
}

export function uploadStartUrl(endpoint: RegistryEndpoint, repository: string): URL {
  return new URL(`${repository}/blobs/uploads/`, registryBaseUrl(endpoint));
}

export function manifestUrl(
  endpoint: RegistryEndpoint,
  repository: string,
  reference: string,
): URL {
  return new URL(`${repository}/manifests/${reference}`, registryBaseUrl(endpoint));
}

/** distribution-spec "Listing Referrers": `GET /v2/<name>/referrers/<digest>`. */
export function referrersUrl(endpoint: RegistryEndpoint, repository: string, digest: Digest): URL {
  return new URL(`${repository}/referrers/${digest}`, registryBaseUrl(endpoint));
}

/** distribution-spec "Listing Repositories" (an extension most registries serve): `_catalog`. */
export function catalogUrl(endpoint: RegistryEndpoint): URL {
  return new URL('_catalog', registryBaseUrl(endpoint));
}

export function tagListUrl(endpoint: RegistryEndpoint, repository: string): URL {
  return new URL(`${repository}/tags/list`, registryBaseUrl(endpoint));
}

/**
 * An upload `Location` may be relative or absolute and may carry query parameters (a
 * session state, a signature) that must be kept. Resolve it against the request's URL.
 */
export function resolveLocation(location: string, requestUrl: URL): URL {
  return new URL(location, requestUrl);
}

/** The URL that completes an upload: the session's Location plus `digest=`. */
export function uploadCompleteUrl(location: URL, digest: Digest): URL {
  const url = new URL(location);
  url.searchParams.set('digest', digest);
  return url;
}
