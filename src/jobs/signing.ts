import { abandonOnStop, throwIfInterrupted } from '../base/errors.js';
import { type Attacher, type Attachment, findAttachmentCandidates } from '../engine/attach.js';
import type { CopyTarget, ImageGraph } from '../engine/copy.js';
import type { ArtifactKind, PushPlan } from '../engine/plan.js';
import { type Descriptor, parseManifest } from '../oci/descriptor.js';
import type { Digest } from '../oci/digest.js';
import { isDigest } from '../oci/digest.js';
import { printable } from '../oci/untrusted.js';
import {
  BundleAnnotation,
  type BundleArtifact,
  bundleArtifact,
  bundleLayerOf,
  SIGSTORE_BUNDLE_MEDIA_TYPE,
} from '../oci/sigstore-bundle.js';
import type { SecretSink } from '../registry/log.js';
import { createStatementSigner, SigningError, type StatementSigner } from '../sigstore/sign.js';
import {
  PredicateType,
  readStatement,
  sbomStatement,
  signatureStatement,
} from '../sigstore/statement.js';
import {
  type BundleVerifier,
  createBundleVerifier,
  type SignerExpectation,
  type VerifiedBundle,
} from '../sigstore/verify.js';
import type { ContentSource } from '../source/source.js';
import type { SigningInputs } from './signing-inputs.js';

/** One signature (or attestation) of this run, for the summary and `result`. */
export interface MadeSignature {
  artifact: ArtifactKind;
  /** `signature`, or `SBOM attestation`. */
  label: string;
  /** The manifest it signs: the artifact's root, or a platform's manifest for an SBOM. */
  subject: Digest;
  /** `linux/amd64`, for a platform's SBOM. */
  platform?: string;
  predicateType: string;
  /** The referrer manifest every target gets: the same bytes everywhere. */
  digest: Digest;
  identity: string;
  issuer: string;
  /** Rekor's log index, when the bundle is logged. */
  logIndex?: string;
  /**
   * Set when an earlier run's signature was found at a target, verified and reused instead
   * of signing again: where it was found (`host/repository`), and how (`referrers API`).
   */
  reused?: { from: string; via: string };
}

export interface SigningDependencies {
  env: NodeJS.ProcessEnv;
  /** The CI's OIDC token for an audience (GitHub's, through the runner). */
  getIdToken: (audience: string) => Promise<string>;
  onSecret: SecretSink;
  log: (message: string) => void;
  /** The job's stop: no Sigstore request starts after it, and none is waited for. */
  signal: AbortSignal;
}

/** Fulcio's audience for OIDC tokens (sigstore/fulcio `docs/oidc.md`). */
const SIGSTORE_AUDIENCE = 'sigstore';
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/** What buildx marks its inline attestation manifests with (FACTS.md "Formats"). */
const ATTESTATION_TYPE = 'vnd.docker.reference.type';
const ATTESTATION_SUBJECT = 'vnd.docker.reference.digest';
const IN_TOTO_LAYER = 'application/vnd.in-toto+json';
const PREDICATE_TYPE_ANNOTATION = 'in-toto.io/predicate-type';
/** An SBOM larger than this is not read into memory to be signed. */
const SBOM_MAX_BYTES = 64 * 1024 * 1024;
/** A bundle found at a registry is read up to this: an SBOM's, in base64, with its proofs. */
const FOUND_BUNDLE_MAX_BYTES = Math.ceil((SBOM_MAX_BYTES * 4) / 3) + 1024 * 1024;

/** A signature ready to go to the targets: made now, or found and reused. */
interface Ready {
  artifact: BundleArtifact;
  verified: VerifiedBundle;
  reused?: MadeSignature['reused'];
}

/**
 * Keyless signing for a push, wired from the Sigstore part: once per digest, with the CI's
 * OIDC token, each bundle verified against the trust root and the expected identity before
 * it goes anywhere, then handed to the engine to push beside the artifact on every target,
 * where it is read back and verified again. A re-run signs nothing again: a bundle an
 * earlier run left at the targets that verifies as this run's would is reused, byte for
 * byte, and pushed to the targets that lack it (a new mirror).
 */
export class PushSigning {
  /** Every signature made or reused, in order. */
  readonly made: MadeSignature[] = [];
  private token?: Promise<string>;
  private verifierLoaded?: Promise<BundleVerifier>;
  private signerLoaded?: Promise<StatementSigner>;

  constructor(
    private readonly plan: PushPlan,
    private readonly inputs: SigningInputs,
    private readonly deps: SigningDependencies,
  ) {}

  /** The engine's attacher, or undefined when nothing is signed (then Sigstore is never called). */
  attacher(): Attacher | undefined {
    if (!this.plan.signing.sign || this.plan.dryRun) return undefined;
    return (artifact, graph, source, lookIn) => this.attach(artifact, graph, source, lookIn);
  }

  private async attach(
    artifact: ArtifactKind,
    graph: ImageGraph,
    source: ContentSource,
    lookIn: readonly CopyTarget[],
  ): Promise<Attachment[]> {
    const repository =
      artifact === 'image' ? this.plan.repository : (this.plan.chart?.repository ?? '');
    const what = `the ${artifact} ${graph.root.digest}`;
    try {
      const subjects: Subject[] = [
        {
          descriptor: graph.root,
          statement: signatureStatement(graph.root.digest),
          predicateType: PredicateType.cosignSign,
          label: 'signature',
        },
      ];
      if (artifact === 'image') subjects.push(...(await sbomSubjects(graph, source, repository)));
      const verifier = await this.verifier();
      const attachments: Attachment[] = [];
      for (const subject of subjects) {
        const digest = subject.descriptor.digest;
        const ready =
          (await this.reusable(subject, lookIn, verifier)) ?? (await this.sign(subject, verifier));
        const { verified, reused } = ready;
        const { manifest, blobs } = ready.artifact;
        this.made.push({
          artifact,
          label: subject.label,
          subject: digest,
          ...(subject.platform && { platform: subject.platform }),
          predicateType: subject.predicateType,
          digest: manifest.descriptor.digest,
          ...verified,
          ...(reused && { reused }),
        });
        this.deps.log(
          `${reused ? 'Reused' : 'Signed'} ${subject.label} of ${digest}` +
            `${subject.platform ? ` (${subject.platform})` : ''} as ${verified.identity}` +
            `${verified.logIndex ? `, Rekor log index ${verified.logIndex}` : ''}` +
            `${reused ? `: found at ${reused.from} (${reused.via}), not signed again` : ''}`,
        );
        attachments.push({
          subject: subject.descriptor,
          manifest,
          blobs,
          label: subject.label,
          checkFound: async (found) => {
            verifyFound(verifier, found, subject, subject.label);
          },
        });
      }
      return attachments;
    } catch (error) {
      throwIfInterrupted(this.deps.signal);
      const message = error instanceof Error ? error.message : String(error);
      throw new SigningError(`Signing ${what} failed: ${message}`, { cause: error });
    }
  }

  /**
   * A bundle an earlier run attached to the subject at the targets, found as a verifier finds
   * it, that verifies as a new one would (trust root, identity and issuer, subject, predicate
   * type and predicate); the first of those most targets hold. Undefined when none does: a
   * bundle by another signer, or for another SBOM, is never reused.
   */
  private async reusable(
    subject: Subject,
    lookIn: readonly CopyTarget[],
    verifier: BundleVerifier,
  ): Promise<Ready | undefined> {
    const digest = subject.descriptor.digest;
    const candidates = await findAttachmentCandidates(lookIn, digest, {
      wanted: (listed) =>
        listed.artifactType === SIGSTORE_BUNDLE_MEDIA_TYPE &&
        [undefined, subject.predicateType].includes(
          listed.annotations?.[BundleAnnotation.predicateType],
        ),
      maxBytes: FOUND_BUNDLE_MAX_BYTES,
      onUnreadable: (message) => this.deps.log(message),
    });
    if (candidates.length === 0) return undefined;
    // Read back from the statement this run would sign, only when there is a bundle to compare.
    const { predicate } = readStatement(subject.statement);
    for (const candidate of candidates) {
      const [first] = candidate.foundAt;
      if (!first) continue;
      try {
        const found = await candidate.read();
        const verified = verifyFound(
          verifier,
          { manifest: found.manifest.bytes, blobs: found.blobs.map((b) => b.bytes) },
          subject,
          first.where,
          predicate,
        );
        return {
          artifact: found,
          verified,
          reused: { from: first.where, via: first.via },
        };
      } catch (error) {
        throwIfInterrupted(this.deps.signal);
        this.deps.log(
          `${first.where}: the ${subject.label} ${candidate.digest} of ${digest} found there is ` +
            `not reused: ${printable(error instanceof Error ? error.message : String(error))}`,
        );
      }
    }
    return undefined;
  }

  /** A new bundle from Sigstore, verified before it goes anywhere. */
  private async sign(subject: Subject, verifier: BundleVerifier): Promise<Ready> {
    const sign = await this.signer();
    const digest = subject.descriptor.digest;
    const bundle = await sign(subject.statement);
    // Verified before it goes anywhere, as a consumer will: a signature nobody can verify
    // (wrong identity, wrong trust root) fails here, before any tag.
    const verified = verifier.verify(bundle, digest, subject.predicateType);
    const artifact = bundleArtifact(bundle, subject.descriptor, {
      predicateType: subject.predicateType,
      created: new Date(),
    });
    return { artifact, verified };
  }

  /**
   * The verifier, for the expected signer. Only CircleCI's identity is read from the token's
   * claims, so elsewhere a run that reuses every signature asks for no token at all.
   */
  private verifier(): Promise<BundleVerifier> {
    this.verifierLoaded ??= (async () => {
      const token = this.deps.env.CIRCLECI === 'true' ? await this.sigstoreToken() : '';
      return abandonOnStop(
        createBundleVerifier({
          signer: expectedSigner(this.deps.env, token, this.inputs),
          ...(this.inputs.trustedRoot && { trustedRootPath: this.inputs.trustedRoot }),
          transparencyLog: this.inputs.services.rekorUrl !== undefined,
        }),
        this.deps.signal,
      );
    })();
    return this.verifierLoaded;
  }

  private signer(): Promise<StatementSigner> {
    this.signerLoaded ??= (async () => {
      // The token first: without one, nothing is sent to Fulcio.
      await this.sigstoreToken();
      return createStatementSigner(
        this.inputs.services,
        () => this.sigstoreToken(),
        this.deps.signal,
      );
    })();
    return this.signerLoaded;
  }

  /**
   * `SIGSTORE_ID_TOKEN` wins (cosign reads it too; the orb mints it on CircleCI), then the
   * runner's token for the audience `sigstore`. Masked before anything could print it.
   */
  private sigstoreToken(): Promise<string> {
    this.token ??= (async () => {
      const given = this.deps.env.SIGSTORE_ID_TOKEN?.trim();
      const token = given
        ? given
        : this.deps.env.ACTIONS_ID_TOKEN_REQUEST_URL
          ? await abandonOnStop(this.deps.getIdToken(SIGSTORE_AUDIENCE), this.deps.signal)
          : undefined;
      if (!token) {
        throw new SigningError(
          'there is no OIDC token for Sigstore: on GitHub Actions give the job ' +
            '`permissions: id-token: write`; on CircleCI export SIGSTORE_ID_TOKEN=$(circleci ' +
            'run oidc get --claims \'{"aud":"sigstore"}\' --root-issuer); elsewhere set ' +
            'SIGSTORE_ID_TOKEN, or set `sign: false`',
        );
      }
      this.deps.onSecret(token);
      return token;
    })();
    return this.token;
  }
}

interface Subject {
  descriptor: Descriptor;
  statement: Buffer;
  predicateType: string;
  label: string;
  platform?: string;
}

/**
 * A bundle artifact as a registry serves it (its manifest, then its config and layer), checked
 * as cosign's verifier finds and checks it: the bundle layer, then the bundle (with `predicate`,
 * when given, exactly). Throws why it does not hold.
 */
function verifyFound(
  verifier: BundleVerifier,
  found: { manifest: Buffer; blobs: readonly Buffer[] },
  subject: Subject,
  where: string,
  predicate?: unknown,
): VerifiedBundle {
  const digest = subject.descriptor.digest;
  const layer = bundleLayerOf(found.manifest, digest, where);
  if ('problem' in layer) throw new Error(layer.problem);
  const bundle = found.blobs[1];
  if (!bundle) throw new Error('the bundle layer is missing');
  return verifier.verify(bundle, digest, subject.predicateType, predicate);
}

/**
 * Who a verifier should expect: the inputs, else the CI's identity (GitHub: the workflow
 * file at its ref; CircleCI: the project's pipeline definition, from the token's claims, as
 * Fulcio's `config/identity/config.yaml` maps them).
 */
export function expectedSigner(
  env: NodeJS.ProcessEnv,
  token: string,
  inputs: Pick<SigningInputs, 'certificateIdentity' | 'certificateOidcIssuer'>,
): SignerExpectation {
  const ci = ciSigner(env, token);
  const identity = inputs.certificateIdentity ?? ci?.identity;
  const issuer = inputs.certificateOidcIssuer ?? ci?.issuer;
  if (!identity || !issuer) {
    throw new SigningError(
      'certificate-identity, certificate-oidc-issuer: oci-push knows the signing identity on ' +
        'GitHub Actions and CircleCI only; elsewhere set both to what verifiers should expect',
    );
  }
  return { identity, issuer };
}

function ciSigner(env: NodeJS.ProcessEnv, token: string): SignerExpectation | undefined {
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_WORKFLOW_REF) {
    return { identity: `https://github.com/${env.GITHUB_WORKFLOW_REF}`, issuer: GITHUB_ISSUER };
  }
  if (env.CIRCLECI === 'true') {
    const claims = jwtClaims(token);
    const project = claims['oidc.circleci.com/project-id'];
    const definition = claims['oidc.circleci.com/pipeline-definition-id'];
    if (typeof claims.iss !== 'string' || typeof project !== 'string') return undefined;
    if (typeof definition !== 'string') return undefined;
    return {
      identity: `https://circleci.com/api/v2/projects/${project}/pipeline-definitions/${definition}`,
      issuer: claims.iss,
    };
  }
  return undefined;
}

/** A JWT's claims, unchecked: the token is our own, read only for who it names. */
function jwtClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1] ?? '';
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
}

/**
 * The SPDX SBOMs buildx stores inline in an index (its `unknown/unknown` attestation
 * manifests), each to be signed as `cosign attest --type spdxjson` signs one: a statement
 * about the platform manifest the attestation names, attached to that manifest, as the orb
 * attaches them (architect-orb `docs/cosign-signing.md`).
 */
async function sbomSubjects(
  graph: ImageGraph,
  source: ContentSource,
  repository: string,
): Promise<Subject[]> {
  const root = graph.manifests.at(-1);
  if (!root) return [];
  const index = parseManifest(root.bytes, root.descriptor.mediaType, source.name);
  const subjects: Subject[] = [];
  for (const entry of index.manifests) {
    if (entry.annotations?.[ATTESTATION_TYPE] !== 'attestation-manifest') continue;
    const platformDigest = entry.annotations[ATTESTATION_SUBJECT] ?? '';
    const platform = index.manifests.find((m) => m.digest === platformDigest);
    const attestation = graph.manifests.find((m) => m.descriptor.digest === entry.digest);
    if (!isDigest(platformDigest) || !platform || !attestation) continue;
    const where = `${source.name}: attestation manifest ${entry.digest}`;
    const layers = parseManifest(attestation.bytes, attestation.descriptor.mediaType, where).blobs;
    for (const layer of layers) {
      if (layer.mediaType !== IN_TOTO_LAYER) continue;
      if (layer.annotations?.[PREDICATE_TYPE_ANNOTATION] !== PredicateType.spdx) continue;
      // The source's words (a registry's index, say): shown in the log and the summary.
      const name = platform.platform
        ? printable(
            `${platform.platform.os}/${platform.platform.architecture}${platform.platform.variant ? `/${platform.platform.variant}` : ''}`,
          )
        : platformDigest;
      const predicate = await readSbomPredicate(source, layer, `${where} (SBOM of ${name})`);
      subjects.push({
        descriptor: platform,
        statement: sbomStatement(platformDigest, repository, predicate),
        predicateType: PredicateType.spdx,
        label: 'SBOM attestation',
        platform: name,
      });
    }
  }
  return subjects;
}

/** The SPDX document inside buildx's in-toto statement; its bytes are the source's. */
async function readSbomPredicate(
  source: ContentSource,
  layer: Descriptor,
  where: string,
): Promise<unknown> {
  if (layer.size > SBOM_MAX_BYTES) {
    throw new Error(`${where} is ${layer.size} bytes, more than oci-push reads to sign`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of await source.openBlob(layer)) chunks.push(chunk as Buffer);
  let statement: { predicate?: unknown };
  try {
    statement = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof statement;
  } catch (error) {
    // JSON.parse quotes the text it stopped at: the source's bytes, escaped for the log.
    throw new Error(
      `${where} is not an in-toto statement: ${printable((error as Error).message)}`,
      {
        cause: error,
      },
    );
  }
  if (typeof statement.predicate !== 'object' || statement.predicate === null) {
    throw new Error(`${where} has no SPDX document in its predicate`);
  }
  return statement.predicate;
}
