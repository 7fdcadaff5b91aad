import type { Digest } from '../oci/digest.js';

/**
 * The in-toto statements oci-push signs, wrapped in a DSSE envelope (the bundle's content),
 * shaped as cosign v3 shapes them so its verifiers read them as their own.
 */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export const PredicateType = {
  /** `cosign sign` in the bundle format (sigstore/cosign `pkg/types/predicate.go`). */
  cosignSign: 'https://sigstore.dev/cosign/sign/v1',
  /** `cosign attest --type spdxjson` (in-toto `PredicateSPDX`). */
  spdx: 'https://spdx.dev/Document',
} as const;

/**
 * What `cosign sign` signs in the bundle format (`cmd/cosign/cli/sign/sign.go`
 * signDigestBundle): a v1 statement whose only subject is the digest, with no name, so
 * one signature holds on every registry the manifest is pushed to.
 */
export function signatureStatement(digest: Digest): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ digest: digestMap(digest) }],
      predicateType: PredicateType.cosignSign,
      predicate: {},
    }),
  );
}

/**
 * What `cosign attest --type spdxjson --predicate SBOM` signs (`pkg/cosign/attestation`
 * generateSPDXStatement): a v0.1 statement over the SPDX document. cosign names the subject
 * with the registry's repository; every target shares the repository path, so that is the
 * name here, and the signature holds on all of them.
 */
export function sbomStatement(digest: Digest, repository: string, sbom: unknown): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: PredicateType.spdx,
      subject: [{ name: repository, digest: digestMap(digest) }],
      predicate: sbom,
    }),
  );
}

/**
 * The digests a statement's subjects name, its predicate type and its predicate; throws on
 * anything else.
 */
export function readStatement(payload: Buffer): {
  digests: string[];
  predicateType: string;
  predicate: unknown;
} {
  const json = JSON.parse(payload.toString('utf8')) as {
    subject?: { digest?: Record<string, unknown> }[];
    predicateType?: unknown;
    predicate?: unknown;
  };
  if (!Array.isArray(json.subject) || typeof json.predicateType !== 'string') {
    throw new Error('the signed payload is not an in-toto statement');
  }
  const digests = json.subject.flatMap((s) =>
    typeof s?.digest?.sha256 === 'string' ? [`sha256:${s.digest.sha256}`] : [],
  );
  return { digests, predicateType: json.predicateType, predicate: json.predicate };
}

function digestMap(digest: Digest): { sha256: string } {
  return { sha256: digest.slice('sha256:'.length) };
}
