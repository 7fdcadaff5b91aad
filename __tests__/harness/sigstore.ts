import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The mock's parts one by one: its index also loads nock, which would patch this process's
// http module; here the services are served over real HTTPS instead.
import { fulcioHandler, initializeCA, initializeCTLog } from '@sigstore/mock/dist/fulcio/index.js';
import { initializeTLog, rekorHandler } from '@sigstore/mock/dist/rekor/index.js';
import { initializeTSA, tsaHandler } from '@sigstore/mock/dist/timestamp/index.js';
import {
  HashAlgorithm,
  PublicKeyDetails,
  type TransparencyLogInstance,
  TrustedRoot,
} from '@sigstore/protobuf-specs';
import type { TestCa } from './certs.js';
import { getJson, listenHttps, readBody, sendJson } from './acr/https.js';
import { audiencesOf, type Claims, decodeJwt, verifyJwt } from './acr/jwt.js';

/**
 * A Sigstore deployment that runs here: `@sigstore/mock`'s Fulcio (with its CT log), Rekor
 * and timestamp authority, served over real HTTPS on 127.0.0.1 (the test CA), and the trust
 * root a verifier needs for them, written as a `trusted_root.json` (as sigstore-js's
 * mock-server assembles it).
 *
 * The mock's Fulcio only decodes the OIDC token. In front of it, this does what the real
 * Fulcio does first (sigstore/fulcio `docs/oidc.md`, `config/identity/config.yaml`): it
 * refuses a token that is not signed by a trusted issuer, expired, or not for the audience
 * `sigstore`, and maps the claims to the certificate's identity as Fulcio's templates do:
 * - GitHub: `https://github.com/{job_workflow_ref}`. The fake GitHub issuer stands in for
 *   `https://token.actions.githubusercontent.com`, and that is the issuer the certificate
 *   records, so a run verifies against GitHub's real issuer name;
 * - CircleCI (`iss` under `https://oidc.circleci.com`): `https://circleci.com/api/v2/projects/
 *   {project-id}/pipeline-definitions/{pipeline-definition-id}`, issuer as in the token.
 */
export interface SigstoreHarness {
  /** `https://127.0.0.1:PORT`: Fulcio, Rekor and the TSA all answer here, on their own paths. */
  url: string;
  trustedRootPath: string;
  /** Every request, in order: which service, and what it answered. */
  requests: { service: Service; status: number }[];
  /** Make a service answer this status (with an error body) until set back to undefined. */
  failures: Partial<Record<Service, number>>;
  /**
   * Make a service never answer (a service that hangs) until set back to undefined; the
   * function is told when such a request arrives. Recorded with status 0.
   */
  holds: Partial<Record<Service, () => void>>;
  /** The identities Fulcio certified, in order. */
  identities: string[];
  close(): Promise<void>;
}

export type Service = 'fulcio' | 'rekor' | 'tsa';

export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

export interface SigstoreOptions {
  ca: TestCa;
  /** The fake GitHub OIDC issuer whose keys sign every token Fulcio accepts. */
  oidcIssuer: string;
}

export async function startSigstore(options: SigstoreOptions): Promise<SigstoreHarness> {
  const keyPair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ctlog = await initializeCTLog(keyPair);
  const ca = await initializeCA(keyPair, ctlog);
  const fulcio = fulcioHandler(ca, { subjectClaim: 'sub' });
  const dir = await mkdtemp(join(tmpdir(), 'oci-push-sigstore-'));
  const requests: SigstoreHarness['requests'] = [];
  const failures: SigstoreHarness['failures'] = {};
  const holds: SigstoreHarness['holds'] = {};
  const identities: string[] = [];
  let keys: Map<string, KeyObject> | undefined;
  const keyFor = async (kid: string | undefined): Promise<KeyObject | undefined> => {
    keys ??= new Map(
      (
        (await getJson(`${options.oidcIssuer}/.well-known/jwks`, options.ca)) as {
          keys: (JsonWebKey & { kid: string })[];
        }
      ).keys.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })]),
    );
    return kid ? keys.get(kid) : undefined;
  };

  let handlers: Record<string, { service: Service; fn: (body: string) => Promise<Answer> }> = {};
  const listener = await listenHttps(options.ca, async (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    const handler = handlers[path];
    const body = (await readBody(req)).toString('utf8');
    if (!handler || req.method !== 'POST') {
      sendJson(res, 404, { message: 'not found' });
      return;
    }
    const hold = holds[handler.service];
    if (hold) {
      requests.push({ service: handler.service, status: 0 });
      hold();
      return;
    }
    const failure = failures[handler.service];
    const answer: Answer =
      failure !== undefined
        ? { statusCode: failure, response: JSON.stringify({ code: failure, message: 'injected' }) }
        : await handler.fn(body);
    requests.push({ service: handler.service, status: answer.statusCode });
    const bytes = Buffer.from(
      typeof answer.response === 'string' ? answer.response : Buffer.from(answer.response.buffer),
    );
    res.writeHead(answer.statusCode, {
      'content-type': answer.contentType ?? 'application/json',
      'content-length': String(bytes.length),
    });
    res.end(bytes);
  });
  const url = listener.origin;
  const tlog = await initializeTLog(url, keyPair);
  // The mock's TSA writes its time as DER says (X.690 11.7: no trailing zeros in the
  // fraction, so 12.5 s is "12.5Z"), and @sigstore/core reads only a 3-digit fraction; one
  // timestamp in ten would fail to parse (a mismatch between the two packages, not a fault
  // of ours). A clock set to the whole second before each request writes no fraction.
  const tsaClock = new Date();
  const tsa = await initializeTSA(keyPair, tsaClock);
  const rekor = rekorHandler(tlog);
  const timestamp = tsaHandler(tsa);

  handlers = {
    [fulcio.path]: {
      service: 'fulcio',
      fn: async (body) => {
        const checked = await checkToken(body, options.oidcIssuer, keyFor);
        if ('refused' in checked) return { statusCode: 401, response: checked.refused };
        identities.push(checked.identity);
        return fulcio.fn(checked.body);
      },
    },
    [rekor.path]: { service: 'rekor', fn: (body) => rekor.fn(canonicalEntry(body)) },
    [timestamp.path]: {
      service: 'tsa',
      fn: (body) => {
        tsaClock.setTime(Math.floor(Date.now() / 1000) * 1000);
        return timestamp.fn(body);
      },
    },
  };

  const trustedRoot = TrustedRoot.toJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    certificateAuthorities: [authority([ca.rootCertificate], url)],
    ctlogs: [logInstance(ctlog.publicKey, url)],
    tlogs: [logInstance(tlog.publicKey, url)],
    timestampAuthorities: [authority([tsa.intCertificate, tsa.rootCertificate], url)],
  });
  const trustedRootPath = join(dir, 'trusted_root.json');
  await writeFile(trustedRootPath, JSON.stringify(trustedRoot));
  return {
    url,
    trustedRootPath,
    requests,
    failures,
    holds,
    identities,
    close: async () => {
      await listener.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What Rekor stores for a proposed `dsse` entry (sigstore/rekor `pkg/types/dsse/v0.0.1`
 * Canonicalize): the envelope's and payload's hashes and its signatures with their
 * verifiers, not the proposed content. The mock logs what it is given, so it is given this,
 * which is what verifiers compare the bundle with.
 */
function canonicalEntry(body: string): string {
  const proposed = JSON.parse(body) as {
    kind?: string;
    spec?: { proposedContent?: { envelope: string; verifiers: string[] } };
  };
  const content = proposed.spec?.proposedContent;
  if (proposed.kind !== 'dsse' || !content) return body;
  const envelope = JSON.parse(content.envelope) as {
    payload: string;
    signatures: { sig: string }[];
  };
  const sha256 = (bytes: Buffer | string): string =>
    createHash('sha256').update(bytes).digest('hex');
  return JSON.stringify({
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256(content.envelope) },
      payloadHash: { algorithm: 'sha256', value: sha256(Buffer.from(envelope.payload, 'base64')) },
      signatures: envelope.signatures.map((s, i) => ({
        signature: s.sig,
        verifier: content.verifiers[i] ?? content.verifiers[0],
      })),
    },
  });
}

interface Answer {
  statusCode: number;
  response: string | ArrayBufferView<ArrayBuffer>;
  contentType?: string;
}

/**
 * Fulcio's checks of the OIDC token, then the request as the mock's CA takes it: an
 * unsigned token whose `sub` is the identity to certify and whose `iss` is the issuer to
 * record (the mock reads nothing else for the certificate's name).
 */
async function checkToken(
  body: string,
  trustedIssuer: string,
  keyFor: (kid: string | undefined) => Promise<KeyObject | undefined>,
): Promise<{ body: string; identity: string } | { refused: string }> {
  const request = JSON.parse(body) as { credentials?: { oidcIdentityToken?: string } };
  const token = request.credentials?.oidcIdentityToken ?? '';
  let claims: Claims;
  try {
    const kid = decodeJwt(token).header.kid;
    const key = await keyFor(typeof kid === 'string' ? kid : undefined);
    claims = verifyJwt(token, () => key);
  } catch (error) {
    return { refused: `invalid identity token: ${(error as Error).message}` };
  }
  if (!audiencesOf(claims).includes('sigstore')) {
    return { refused: 'invalid identity token: audience is not sigstore' };
  }
  const mapped = identityOf(claims, trustedIssuer);
  if (!mapped) return { refused: `unsupported issuer ${String(claims.iss)}` };
  const encode = (value: unknown): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const { sub: _sub, iss: _iss, ...rest } = claims;
  const rewritten = `${encode({ alg: 'none' })}.${encode({ ...rest, sub: mapped.identity, iss: mapped.issuer })}.x`;
  return {
    body: JSON.stringify({ ...request, credentials: { oidcIdentityToken: rewritten } }),
    identity: mapped.identity,
  };
}

function identityOf(
  claims: Claims,
  trustedIssuer: string,
): { identity: string; issuer: string } | undefined {
  const iss = String(claims.iss);
  if (iss === trustedIssuer && typeof claims.job_workflow_ref === 'string') {
    return {
      identity: `https://github.com/${claims.job_workflow_ref}`,
      issuer: GITHUB_ACTIONS_ISSUER,
    };
  }
  const project = claims['oidc.circleci.com/project-id'];
  const definition = claims['oidc.circleci.com/pipeline-definition-id'];
  if (iss.startsWith('https://oidc.circleci.com') && project && definition) {
    return {
      identity: `https://circleci.com/api/v2/projects/${String(project)}/pipeline-definitions/${String(definition)}`,
      issuer: iss,
    };
  }
  return undefined;
}

function authority(certificates: ArrayBufferView<ArrayBuffer>[], url: string) {
  return {
    subject: { commonName: 'sigstore', organization: 'sigstore.mock' },
    uri: url,
    certChain: {
      certificates: certificates.map((c) => ({ rawBytes: Buffer.from(c.buffer) })),
    },
    validFor: { start: new Date(Date.now() - 60_000) },
    operator: 'oci-push tests',
  };
}

function logInstance(publicKey: Buffer, url: string): TransparencyLogInstance {
  return {
    baseUrl: url,
    logId: { keyId: createHash('sha256').update(publicKey).digest() },
    hashAlgorithm: HashAlgorithm.SHA2_256,
    publicKey: {
      rawBytes: publicKey,
      keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
      validFor: { start: new Date(Date.now() - 60_000) },
    },
    checkpointKeyId: undefined,
    operator: 'oci-push tests',
  };
}
