import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import type { Digest } from '../oci/digest.js';
import { SIGSTORE_BUNDLE_MEDIA_TYPE } from '../oci/sigstore-bundle.js';
import { quoted } from '../oci/untrusted.js';
import { IN_TOTO_PAYLOAD_TYPE, readStatement } from './statement.js';

/** Who must have signed: the certificate's identity (its SAN) and OIDC issuer, exactly. */
export interface SignerExpectation {
  identity: string;
  issuer: string;
}

/** What a bundle that verified says about its signature. */
export interface VerifiedBundle {
  identity: string;
  issuer: string;
  /** The Rekor entry's log index, when the bundle has one. */
  logIndex?: string;
}

export interface BundleVerifier {
  /**
   * Verifies a bundle as `cosign verify` does: certificate chain to the trust root, SCT,
   * transparency-log entry and timestamps, the signature over the DSSE envelope, the
   * expected identity and issuer, and a statement about `subject` with `predicateType` (and,
   * when given, exactly `predicate`: a signature found at a registry is reused only for the
   * statement this run would sign). Throws a `VerificationFailure` saying what does not hold.
   */
  verify(
    bundle: Buffer,
    subject: Digest,
    predicateType: string,
    predicate?: unknown,
  ): VerifiedBundle;
}

/** A signature that does not verify; the message says why. */
export class VerificationFailure extends Error {
  override name = 'VerificationFailure';
}

export interface VerifierOptions {
  signer: SignerExpectation;
  /** A `trusted_root.json` (cosign's `--trusted-root`); without one, public-good's, via TUF. */
  trustedRootPath?: string;
  /** Whether bundles carry a Rekor entry (no Rekor: the timestamp authority's time alone). */
  transparencyLog: boolean;
}

/**
 * Loads the trust root once and returns a verifier. `@sigstore/verify` and friends are
 * loaded on first use, like the signer.
 */
export async function createBundleVerifier(options: VerifierOptions): Promise<BundleVerifier> {
  const { Verifier, toSignedEntity, toTrustMaterial } = await import('@sigstore/verify');
  const { bundleFromJSON } = await import('@sigstore/bundle');
  const { TrustedRoot } = await import('@sigstore/protobuf-specs');
  let root;
  if (options.trustedRootPath) {
    const text = await readFile(options.trustedRootPath, 'utf8').catch((error: unknown) => {
      throw new VerificationFailure(
        `trusted-root: ${options.trustedRootPath} can't be read (${(error as Error).message}); ` +
          "give the path of the Sigstore deployment's trusted_root.json",
      );
    });
    try {
      root = TrustedRoot.fromJSON(JSON.parse(text));
    } catch (error) {
      throw new VerificationFailure(
        `trusted-root: ${options.trustedRootPath} is not a Sigstore trusted_root.json ` +
          `(${(error as Error).message})`,
      );
    }
  } else {
    const { getTrustedRoot } = await import('@sigstore/tuf');
    root = await getTrustedRoot().catch((error: unknown) => {
      throw new VerificationFailure(
        `The public-good trust root could not be fetched through TUF (${(error as Error).message}); ` +
          'the runner must reach https://tuf-repo-cdn.sigstore.dev, or set `trusted-root`',
      );
    });
  }
  const verifier = new Verifier(toTrustMaterial(root), {
    tlogThreshold: options.transparencyLog ? 1 : 0,
    // A private Fulcio without a certificate transparency log issues no SCTs.
    ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
    timestampThreshold: 1,
  });
  const { identity, issuer } = options.signer;
  const policy = {
    // Exact, as cosign's --certificate-identity: the library matches a RegExp.
    subjectAlternativeName: new RegExp(`^${identity.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
    extensions: { issuer },
  };

  return {
    verify(bytes, subject, predicateType, predicate) {
      try {
        const json = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
        if (json.mediaType !== SIGSTORE_BUNDLE_MEDIA_TYPE) {
          throw new Error(`the bundle is ${quoted(json.mediaType)}, not a v0.3 bundle`);
        }
        const bundle = bundleFromJSON(json);
        const signer = verifier.verify(toSignedEntity(bundle), policy);
        if (bundle.content.$case !== 'dsseEnvelope') throw new Error('it holds no DSSE envelope');
        const envelope = bundle.content.dsseEnvelope;
        if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
          throw new Error(
            `its payload is ${quoted(envelope.payloadType)}, not an in-toto statement`,
          );
        }
        const statement = readStatement(envelope.payload);
        if (!statement.digests.includes(subject)) {
          throw new Error(
            `its statement is about ${statement.digests.map(quoted).join(', ')}, not ${subject}`,
          );
        }
        if (statement.predicateType !== predicateType) {
          throw new Error(
            `its predicate is ${quoted(statement.predicateType)}, not ${predicateType}`,
          );
        }
        if (predicate !== undefined && !isDeepStrictEqual(statement.predicate, predicate)) {
          throw new Error(`its ${predicateType} predicate is not the one this build has`);
        }
        const logIndex = bundle.verificationMaterial.tlogEntries[0]?.logIndex;
        return {
          identity: signer.identity?.subjectAlternativeName ?? identity,
          issuer: signer.identity?.extensions?.issuer ?? issuer,
          ...(logIndex !== undefined && { logIndex }),
        };
      } catch (error) {
        throw new VerificationFailure(
          `the signature does not verify: ${(error as Error).message}` +
            (/identity|extension/.test((error as Error).message)
              ? `. oci-push expected ${identity} from ${issuer}; if the signer is right (a ` +
                'reusable workflow signs as itself), set `certificate-identity` and ' +
                '`certificate-oidc-issuer` to what consumers should expect'
              : ''),
          { cause: error },
        );
      }
    },
  };
}
