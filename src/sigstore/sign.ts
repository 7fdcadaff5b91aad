import { setTimeout as sleep } from 'node:timers/promises';
import type { Signer, Witness } from '@sigstore/sign';
import { abandonOnStop } from '../base/errors.js';
import { IN_TOTO_PAYLOAD_TYPE } from './statement.js';

/** Where Sigstore's services are: the public-good instance, or a private deployment. */
export interface SigstoreServices {
  /** Fulcio, which certifies the OIDC identity for an ephemeral key. */
  fulcioUrl: string;
  /** Rekor, the transparency log; none for a deployment that timestamps only. */
  rekorUrl?: string;
  /** An RFC 3161 timestamp authority; none to rely on Rekor's time alone. */
  tsaUrl?: string;
}

/**
 * The public-good instance, as cosign v3's default signing configuration names it (Fulcio,
 * Rekor and the timestamp authority; sigstore/root-signing `signing_config.v0.2.json`).
 */
export const PUBLIC_GOOD: Required<SigstoreServices> = {
  fulcioUrl: 'https://fulcio.sigstore.dev',
  rekorUrl: 'https://rekor.sigstore.dev',
  tsaUrl: 'https://timestamp.sigstore.dev',
};

/** Signing failed at one of Sigstore's services; the message names which and what to do. */
export class SigningError extends Error {
  override name = 'SigningError';
}

/** Signs an in-toto statement; resolves to the Sigstore bundle's JSON bytes. */
export type StatementSigner = (statement: Buffer) => Promise<Buffer>;

/**
 * Tries per call to a service, with 1 s, 2 s, 4 s between: public-good's services flake now
 * and then (the orb retries its cosign calls for the same reason), yet a service that is
 * down must fail the run within seconds, not minutes. These are oci-push's own retries, not
 * sigstore-js's, so that a stop ends them.
 */
const ATTEMPTS = 4;
const FIRST_PAUSE_MS = 1000;
const TIMEOUT_MS = 30_000;

/**
 * A keyless signer: each statement gets a fresh key, certified by Fulcio for `token`'s
 * identity, logged in Rekor and timestamped (as configured), in a DSSE bundle (v0.3).
 * `@sigstore/sign` is loaded on first use, so a run that signs nothing never loads it.
 *
 * sigstore-js's clients take no AbortSignal, so each call to a service (Fulcio, Rekor, the
 * TSA) and each retry starts only while `signal` is not aborted, and a stop stops waiting
 * for the call in flight: the job unwinds at once, and no Sigstore request starts after it.
 */
export async function createStatementSigner(
  services: SigstoreServices,
  token: () => Promise<string>,
  signal?: AbortSignal,
): Promise<StatementSigner> {
  const { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } =
    await import('@sigstore/sign');
  const { bundleToJSON } = await import('@sigstore/bundle');
  const fetchOptions = { retry: false, timeout: TIMEOUT_MS };
  const builder = new DSSEBundleBuilder({
    signer: stoppableSigner(
      new FulcioSigner({
        fulcioBaseURL: services.fulcioUrl,
        identityProvider: { getToken: token },
        ...fetchOptions,
      }),
      signal,
    ),
    witnesses: [
      ...(services.rekorUrl
        ? [
            new RekorWitness({
              rekorBaseURL: services.rekorUrl,
              entryType: 'dsse',
              fetchOnConflict: false,
              ...fetchOptions,
            }),
          ]
        : []),
      ...(services.tsaUrl
        ? [new TSAWitness({ tsaBaseURL: services.tsaUrl, ...fetchOptions })]
        : []),
    ].map((witness) => stoppableWitness(witness, signal)),
  });
  return async (statement) => {
    try {
      const bundle = await builder.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
      return Buffer.from(JSON.stringify(bundleToJSON(bundle)));
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw describeSigningFailure(error, services);
    }
  };
}

function stoppableSigner(signer: Signer, signal: AbortSignal | undefined): Signer {
  return { sign: (data) => withRetries(() => signer.sign(data), signal) };
}

function stoppableWitness(witness: Witness, signal: AbortSignal | undefined): Witness {
  return { testify: (content, key) => withRetries(() => witness.testify(content, key), signal) };
}

/**
 * One call to a service, tried `ATTEMPTS` times while it fails in a way worth trying again
 * (5xx, 408, 429, or the network); each try and each pause only while not stopped.
 */
async function withRetries<T>(call: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await abandonOnStop(call(), signal);
    } catch (error) {
      if (attempt >= ATTEMPTS || signal?.aborted || !worthRetrying(error)) throw error;
    }
    try {
      await sleep(FIRST_PAUSE_MS * 2 ** (attempt - 1), undefined, signal && { signal });
    } catch (error) {
      signal?.throwIfAborted();
      throw error;
    }
  }
}

/** As sigstore-js judges its own: 5xx, 408 and 429 answers, and requests that never got one. */
function worthRetrying(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  let e: unknown = error;
  while ((e as { cause?: unknown })?.cause) e = (e as { cause: unknown }).cause;
  return (e as { name?: unknown })?.name === 'FetchError';
}

/** Which service failed, with its answer, and what to do; never the token. */
function describeSigningFailure(error: unknown, services: SigstoreServices): SigningError {
  const code = (error as { code?: unknown }).code;
  const status = statusOf(error);
  const answer = innermost(error);
  const service =
    code === 'CA_CREATE_SIGNING_CERTIFICATE_ERROR'
      ? `Fulcio (${services.fulcioUrl}) did not certify the signing key`
      : code === 'TLOG_CREATE_ENTRY_ERROR'
        ? `Rekor (${services.rekorUrl}) did not log the signature`
        : code === 'TSA_CREATE_TIMESTAMP_ERROR'
          ? `the timestamp authority (${services.tsaUrl}) did not timestamp the signature`
          : code === 'IDENTITY_TOKEN_READ_ERROR' || code === 'IDENTITY_TOKEN_PARSE_ERROR'
            ? 'no usable OIDC token for Sigstore'
            : 'signing failed';
  const fix =
    code === 'CA_CREATE_SIGNING_CERTIFICATE_ERROR' && (status === 400 || status === 401)
      ? 'Fulcio refuses the OIDC token: it must have the audience `sigstore` and come from an ' +
        'issuer Fulcio trusts (on GitHub, `permissions: id-token: write`; on CircleCI, ' +
        '`circleci run oidc get --claims \'{"aud":"sigstore"}\' --root-issuer`)'
      : status !== undefined && status >= 500
        ? 'the service is failing; run again later, or check its status page'
        : 'check the URL inputs (`fulcio-url`, `rekor-url`, `tsa-url`) and that the runner ' +
          'can reach them';
  return new SigningError(
    `${service}${status !== undefined ? ` (HTTP ${status})` : ''}: ${answer}. ${fix}`,
    { cause: error },
  );
}

function statusOf(error: unknown): number | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const status = (e as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number') return status;
  }
  return undefined;
}

/** The deepest cause's message: the service's own words, or the network's. */
function innermost(error: unknown): string {
  let e: unknown = error;
  while ((e as { cause?: unknown })?.cause) e = (e as { cause: unknown }).cause;
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 300);
}
