import { oneLine } from '../oci/untrusted.js';
import type { HttpResponse } from './http.js';
import { retryAfterMs } from './retry.js';

/** One entry of a registry's error body (distribution-spec "Error Codes"). */
export interface RegistryErrorEntry {
  code: string;
  message?: string;
}

/**
 * A registry refused a request. The message names the operation, the registry, the
 * repository, the registry's own error code, and what to do about it.
 */
export class RegistryError extends Error {
  override name = 'RegistryError';
  constructor(
    readonly operation: string,
    readonly registry: string,
    readonly repository: string | undefined,
    readonly status: number,
    readonly errors: RegistryErrorEntry[],
    readonly hint: string,
    /** The registry's `Retry-After`, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    const where = repository ? `${registry}/${repository}` : registry;
    const codes = errors.map((e) => (e.message ? `${e.code}: ${e.message}` : e.code)).join('; ');
    super(`${operation} on ${where} failed: HTTP ${status}${codes ? ` (${codes})` : ''}. ${hint}`);
  }

  get code(): string | undefined {
    return this.errors[0]?.code;
  }

  /** The registry keeps existing tags as they are (Aliyun's immutable repositories). */
  get refusesOverwrite(): boolean {
    return this.errors.some((e) => OVERWRITE_REFUSED.test(e.message ?? ''));
  }
}

/** Aliyun's words for a tag an immutable repository won't move. */
const OVERWRITE_REFUSED = /already exists and cannot be overwritten/i;

/**
 * A listing (tags, referrers) that can't be taken whole: it names something that breaks its
 * grammar, loops, or never ends. The message names the registry and repository.
 */
export class ListingError extends Error {
  override name = 'ListingError';
}

/** Credentials were missing or refused, at the registry or at its token service. */
export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    message: string,
    readonly registry: string,
    readonly status: number,
    /** `missing`: the registry wants a credential and none was given. */
    /** `insufficient-scope`: the credential is good, but lacks a right the request needs. */
    readonly reason: 'missing' | 'refused' | 'insufficient-scope' | 'protocol' = 'protocol',
  ) {
    super(message);
  }
}

export interface ErrorContext {
  operation: string;
  registry: string;
  repository?: string;
}

export async function registryErrorFrom(
  res: HttpResponse,
  context: ErrorContext,
): Promise<RegistryError> {
  const errors = await readErrorBody(res);
  return new RegistryError(
    context.operation,
    context.registry,
    context.repository,
    res.status,
    errors,
    hintFor(res.status, errors[0]?.code, context, errors),
    retryAfterMs(res.headers['retry-after']),
  );
}

async function readErrorBody(res: HttpResponse): Promise<RegistryErrorEntry[]> {
  let text: string;
  try {
    text = await res.text(64 * 1024);
  } catch {
    return [];
  }
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(body.errors)) {
      return (
        body.errors
          .filter((e): e is { code: string; message?: unknown } => typeof e?.code === 'string')
          // The registry's words reach our errors, the log and the summary: one line each.
          .map((e) => ({
            code: oneLine(e.code, 100),
            ...(typeof e.message === 'string' && { message: oneLine(e.message) }),
          }))
      );
    }
  } catch {
    // Not JSON: some proxies answer with HTML. Keep a short excerpt as the message.
  }
  const excerpt = oneLine(text.replace(/\s+/g, ' ').trim().slice(0, 200), Infinity);
  return excerpt ? [{ code: 'UNKNOWN', message: excerpt }] : [];
}

function hintFor(
  status: number,
  code: string | undefined,
  context: ErrorContext,
  errors: RegistryErrorEntry[] = [],
): string {
  const repo = context.repository ?? '(registry)';
  // ACR with soft delete on refuses a digest that was deleted (container-registry-soft-delete-policy.md).
  if (errors.some((e) => /soft.?deleted/i.test(e.message ?? ''))) {
    return (
      `${context.registry} keeps this exact manifest digest in its soft-delete bin (it was ` +
      `deleted from ${repo}), and refuses to take it again until the bin lets go of it. Restore ` +
      'the deleted image (az acr manifest restore, or the portal), or push something with a ' +
      'different digest (a new build), or wait for the retention period of soft delete to end.'
    );
  }
  const said = errors.map((e) => e.message ?? '').join(' ');
  if (OVERWRITE_REFUSED.test(said)) {
    return (
      `${repo} on ${context.registry} is an immutable repository: a tag that exists, other ` +
      'than `latest`, can never be overwritten (Aliyun "immutable tags"). Release a new ' +
      "version, or turn off the repository's tag immutability if this tag really must move."
    );
  }
  if (/unknown manifest class/i.test(said)) {
    return (
      `${context.registry} does not accept this kind of manifest: Aliyun Personal Edition ` +
      'refuses configs of type application/vnd.oci.empty.v1+json (OCI artifacts such as ' +
      'signatures). Push it to an Enterprise Edition instance, or leave this artifact out.'
    );
  }
  const depth = repo.split('/').length;
  if ((code === 'NAME_INVALID' || (status === 400 && !code)) && depth > 2) {
    return (
      `${context.registry} refuses the repository name ${repo}, which has ${depth} path ` +
      'levels; some registries allow fewer (Aliyun Personal Edition: namespace/repository ' +
      'only). Use a shallower `repository`, or check the registry edition.'
    );
  }
  // A credential that may not even read a repository: most often it doesn't exist, on a
  // registry that creates repositories only where allowed (FACTS.md: Aliyun, image-syncer#149).
  const reading = /^(Checking|Fetching)/.test(context.operation);
  if ((code === 'DENIED' || (status === 403 && !code)) && reading) {
    return (
      `${context.registry} denied even reading ${repo}. Usually the repository, or its ` +
      'namespace, does not exist and the registry does not create it on push: create it ' +
      '(Aliyun: in the console, or turn on automatic repository creation for the namespace). ' +
      'Otherwise the credential lacks access to it.'
    );
  }
  switch (code) {
    case 'DENIED':
      return `The credential for ${context.registry} is not allowed to do this on ${repo}; grant it push access, or create the repository if the registry does not create repositories on push.`;
    case 'NAME_UNKNOWN':
      return `The repository ${repo} does not exist on ${context.registry}, and the registry does not create repositories on push; create it first.`;
    case 'NAME_INVALID':
      return `The registry refuses the repository name ${repo}; check the \`repository\` input.`;
    case 'MANIFEST_INVALID':
    case 'MANIFEST_BLOB_UNKNOWN':
      return `The registry refused the manifest; its blobs may be missing or its format unsupported by ${context.registry}.`;
    case 'DIGEST_INVALID':
    case 'BLOB_UPLOAD_INVALID':
      return 'The registry received content that does not match its digest; the source may be corrupt or the upload was cut. Re-run the job.';
    case 'TOOMANYREQUESTS':
      return `${context.registry} is rate-limiting this runner; retry later or authenticate for a higher limit.`;
    case 'UNSUPPORTED':
      return `${context.registry} does not support this operation.`;
  }
  if (status === 401)
    return `Check the credentials for ${context.registry} (the \`credentials\` input, or docker/login-action).`;
  if (status === 403) return `The credential for ${context.registry} may not push to ${repo}.`;
  if (status === 404)
    return `${context.registry} does not know ${repo}, or does not speak the OCI distribution API at /v2/.`;
  if (status === 413) return `${context.registry} refused the size of the request.`;
  if (status >= 500) return `${context.registry} had a server error; retry later.`;
  if (status >= 300 && status < 400) {
    return (
      `${context.registry} redirected a request that oci-push does not follow there (uploads ` +
      "and manifest writes are not redirected by registries); check the registry's, or its " +
      "proxy's, external URL setting."
    );
  }
  return errors.length > 0
    ? "The registry's own words are in the parentheses."
    : `${context.registry} gave no reason; its logs may say more.`;
}
