import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import type { TestRegistry } from '../../__tests__/harness/registry.js';
import { inspectRaw, skopeo, skopeoCredsArgs } from '../../__tests__/harness/skopeo.js';

const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** One Sigstore bundle found referring to a digest, and what `@sigstore/verify` made of it. */
export interface FoundSignature {
  /** The referrer manifest's digest (what the action's `result` names). */
  digest: string;
  predicateType: string;
  verdict:
    { verified: true; identity: string; logIndex: string } | { verified: false; why: string };
}

/** Who must have signed: the certificate's identity (SAN) and OIDC issuer, as `cosign verify` takes them. */
export interface ExpectedSigner {
  identity: string;
  issuer: string;
}

/**
 * The bundles that refer to `subject` in `repository`, found as cosign finds them where the
 * registry has no referrers API (sigstore/cosign `specs/BUNDLE_SPEC.md` "Retrieval", OCI
 * distribution-spec "Referrers Tag Schema"), by skopeo rather than oci-push's own client:
 * the index at the tag `sha256-<hex>` as served (`inspect --raw`), then every manifest it
 * lists and their blobs (`copy --all`). Each bundle is then verified by `@sigstore/verify`
 * alone: certificate chain to the trust root, SCT, Rekor entry, timestamp, signature,
 * identity and issuer, and the statement's subject.
 */
export async function findSignatures(
  registry: TestRegistry,
  repository: string,
  subject: string,
  trustedRootPath: string,
  signer: ExpectedSigner,
): Promise<FoundSignature[]> {
  const tag = `sha256-${subject.slice('sha256:'.length)}`;
  const reference = `${registry.host}/${repository}:${tag}`;
  // The index as the registry serves it: skopeo's copy below re-serializes it, and its
  // descriptors then lose `artifactType`, which is how a verifier tells bundles apart.
  const index = JSON.parse((await inspectRaw(registry, `${repository}:${tag}`)).toString()) as {
    manifests: { digest: string; artifactType?: string }[];
  };
  const dir = await mkdtemp(join(tmpdir(), 'oci-push-demo-referrers-'));
  try {
    const copied = await skopeo([
      'copy',
      '--all',
      '--quiet',
      '--src-tls-verify=false',
      ...skopeoCredsArgs(registry, '--src-creds'),
      `docker://${reference}`,
      `dir:${dir}`,
    ]);
    if (copied.code !== 0) {
      throw new Error(`skopeo could not copy ${reference}: ${copied.stderr.trim()}`);
    }
    const verifier = new Verifier(
      toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(await readFile(trustedRootPath, 'utf8')))),
    );
    const found: FoundSignature[] = [];
    for (const entry of index.manifests.filter((m) => m.artifactType === BUNDLE_TYPE)) {
      const bytes = await readFile(join(dir, `${hexOf(entry.digest)}.manifest.json`));
      const manifest = JSON.parse(bytes.toString('utf8')) as {
        layers: { digest: string }[];
        annotations?: Record<string, string>;
      };
      const layer = await readFile(join(dir, hexOf(manifest.layers[0]?.digest ?? '')));
      const intact = hexOf(entry.digest) === sha256(bytes);
      found.push({
        digest: entry.digest,
        predicateType: manifest.annotations?.['dev.sigstore.bundle.predicateType'] ?? '',
        verdict: intact
          ? verify(verifier, layer, subject, signer)
          : { verified: false, why: 'its manifest does not match its digest' },
      });
    }
    return found;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const hexOf = (digest: string): string => digest.replace(/^sha256:/, '');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function verify(
  verifier: Verifier,
  bundleBytes: Buffer,
  subject: string,
  signer: ExpectedSigner,
): FoundSignature['verdict'] {
  try {
    const bundle = bundleFromJSON(JSON.parse(bundleBytes.toString('utf8')));
    const verified = verifier.verify(toSignedEntity(bundle), {
      subjectAlternativeName: signer.identity,
      extensions: { issuer: signer.issuer },
    });
    // The signature covers the DSSE envelope; what it says is signed is the statement's subject.
    if (bundle.content.$case !== 'dsseEnvelope')
      return { verified: false, why: 'not a DSSE bundle' };
    const statement = JSON.parse(bundle.content.dsseEnvelope.payload.toString('utf8')) as {
      subject?: { digest?: { sha256?: string } }[];
    };
    const digests = (statement.subject ?? []).map((s) => `sha256:${s.digest?.sha256 ?? ''}`);
    if (!digests.includes(subject)) {
      return {
        verified: false,
        why: `it signs ${digests.join(', ') || 'nothing'}, not ${subject}`,
      };
    }
    return {
      verified: true,
      identity: verified.identity?.subjectAlternativeName ?? '',
      logIndex: bundle.verificationMaterial.tlogEntries[0]?.logIndex ?? '',
    };
  } catch (error) {
    return { verified: false, why: error instanceof Error ? error.message : String(error) };
  }
}
