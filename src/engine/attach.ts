import { Readable } from 'node:stream';
import type { Descriptor } from '../oci/descriptor.js';
import { parseManifest } from '../oci/descriptor.js';
import { type Digest, verifyBytes } from '../oci/digest.js';
import { referrerDescriptor } from '../oci/referrers.js';
import type { HeldContent } from '../oci/sigstore-bundle.js';
import type { ContentSource } from '../source/source.js';
import { type BlobHolders, type CopyTarget, describeFailure, type ImageGraph } from './copy.js';
import type { ArtifactKind } from './plan.js';
import { copyReferrers, listedVia, listReferrers, type SubjectReferrers } from './referrers.js';

/**
 * Referrers this run makes itself (signatures and attestations), as opposed to those copied
 * from the source: made once per artifact, then pushed to every target through the referrer
 * path (the API, or the fallback tag) after the artifact's manifests and before its tags, so
 * no tag points at an artifact that lacks them. The engine knows nothing of what they are:
 * the job makes them and says how to check one read back from a registry.
 */
export interface Attachment {
  /** The manifest it refers to: the artifact's root, or one of its manifests. */
  subject: Descriptor;
  manifest: HeldContent;
  blobs: HeldContent[];
  /** What it is, for messages: `signature`, `SBOM attestation`. */
  label: string;
  /**
   * Checks it as a consumer reads it back from a target (the manifest and its blobs as the
   * registry serves them); throws why it does not hold.
   */
  checkFound(found: { manifest: Buffer; blobs: Buffer[] }): Promise<void>;
}

/**
 * Makes an artifact's attachments once its graph is read. It runs while the blobs go in;
 * each target waits for it before its tags, and fails untagged when it throws. `lookIn` are
 * the targets where attachments an earlier run made may already be (see
 * `findAttachmentCandidates`): the main registries, or the mirrors when there are none, so
 * a slow mirror never holds back a release.
 */
export type Attacher = (
  artifact: ArtifactKind,
  graph: ImageGraph,
  source: ContentSource,
  lookIn: readonly CopyTarget[],
) => Promise<Attachment[]>;

/** One referrer already at the targets, that the job may reuse rather than make anew. */
export interface AttachmentCandidate {
  digest: Digest;
  /** Where it is, most held first: `host/repository`, and how a verifier finds it there. */
  foundAt: { where: string; via: string }[];
  /**
   * Reads it whole from the first target that serves it: the manifest's exact bytes and its
   * blobs (config, then layers), each checked against its digest.
   */
  read(): Promise<{ manifest: HeldContent; blobs: HeldContent[] }>;
}

export interface CandidateOptions {
  /** A referrer the listing shows whose bytes are worth reading (by its artifactType, say). */
  wanted: (listed: Descriptor) => boolean;
  /** A candidate whose blobs are larger than this together is not read. */
  maxBytes: number;
  /** Told why a target could not be looked at; the others are still looked at. */
  onUnreadable: (message: string) => void;
}

/**
 * A registry is believed about this many referrers of one subject, per target: a hostile
 * listing of thousands is not read one by one.
 */
const MAX_CANDIDATES_PER_TARGET = 8;

/**
 * The referrers of `subject` at each target that `wanted` keeps, listed as a verifier lists
 * them (referrers API or fallback tag), the one most targets hold first. Only listed here;
 * each is read when the job asks, so the first that holds is the last one read.
 */
export async function findAttachmentCandidates(
  targets: readonly CopyTarget[],
  subject: Digest,
  options: CandidateOptions,
): Promise<AttachmentCandidate[]> {
  const listings = await Promise.all(
    targets.map(async (target) => {
      const { client, repository } = target;
      try {
        const { listed, api } = await listReferrers(client, repository, subject);
        const via = listedVia(api, subject);
        return { target, via, listed: listed.filter(options.wanted) };
      } catch (error) {
        options.onUnreadable(
          `${client.host}/${repository}: the referrers of ${subject} could not be listed ` +
            `(${describeFailure(error, target).message}); nothing there is reused`,
        );
        return undefined;
      }
    }),
  );
  const held = new Map<Digest, { target: CopyTarget; via: string; listed: Descriptor }[]>();
  for (const listing of listings) {
    if (!listing) continue;
    for (const listed of listing.listed.slice(0, MAX_CANDIDATES_PER_TARGET)) {
      const holders = held.get(listed.digest) ?? [];
      holders.push({ target: listing.target, via: listing.via, listed });
      held.set(listed.digest, holders);
    }
  }
  // Stable: among those held as widely, the first target's listing order decides.
  return [...held]
    .sort(([, a], [, b]) => b.length - a.length)
    .map(([digest, holders]) => ({
      digest,
      foundAt: holders.map((h) => ({
        where: `${h.target.client.host}/${h.target.repository}`,
        via: h.via,
      })),
      read: async () => {
        let failure: unknown;
        for (const { target, listed } of holders) {
          try {
            return await readCandidate(target, listed, options.maxBytes);
          } catch (error) {
            failure = error;
          }
        }
        throw failure;
      },
    }));
}

/** A listed referrer, read whole as it is stored; refused beyond `maxBytes`. */
async function readCandidate(
  target: CopyTarget,
  listed: Descriptor,
  maxBytes: number,
): Promise<{ manifest: HeldContent; blobs: HeldContent[] }> {
  const { client, repository } = target;
  const where = `${client.host}/${repository}@${listed.digest}`;
  const { bytes } = await client.getManifest(repository, listed.digest);
  const blobs = parseManifest(bytes, '', where).blobs;
  const size = blobs.reduce((n, b) => n + b.size, 0);
  if (size > maxBytes) {
    throw new Error(`${where}: its blobs are ${size} bytes, more than oci-push reads to reuse`);
  }
  const bodies = await readBlobs(target, blobs);
  return {
    manifest: { descriptor: referrerDescriptor(listed, bytes), bytes },
    blobs: blobs.map((descriptor, i) => ({ descriptor, bytes: bodies[i] as Buffer })),
  };
}

/** What happened to one attachment at one target. */
export interface AttachmentOutcome {
  subject: Digest;
  digest: Digest;
  label: string;
  /** `pushed` now, already `present`, or `failed` (see `error`). */
  action: 'pushed' | 'present' | 'failed';
  /** Where a verifier finds it there: `referrers API`, or `tag sha256-<hex>`. */
  via?: string;
  error?: string;
}

/**
 * Pushes the attachments to one target, then reads each back the way a verifier looks for
 * it: listed as a referrer of its subject (API or fallback tag), its manifest and blobs
 * fetched, and checked by the job. Never throws: a failure is in its outcome.
 */
export async function attachToTarget(
  attachments: readonly Attachment[],
  target: CopyTarget,
  holders?: BlobHolders,
): Promise<AttachmentOutcome[]> {
  const bySubject = new Map<Digest, SubjectReferrers>();
  for (const a of attachments) {
    const entry = bySubject.get(a.subject.digest) ?? {
      subject: a.subject.digest,
      referrers: [],
      tagged: [],
    };
    entry.referrers.push({
      subject: a.subject.digest,
      descriptor: a.manifest.descriptor,
      graph: {
        root: a.manifest.descriptor,
        manifests: [{ descriptor: a.manifest.descriptor, bytes: a.manifest.bytes, children: [] }],
        blobs: a.blobs.map((b) => b.descriptor),
      },
    });
    bySubject.set(a.subject.digest, entry);
  }
  const copied = await copyReferrers(heldSource(attachments), [...bySubject.values()], target, {
    ...(holders && { holders }),
  });
  return Promise.all(
    attachments.map(async (a): Promise<AttachmentOutcome> => {
      const digest = a.manifest.descriptor.digest;
      const copiedOutcome = copied.outcomes.find(
        (o) => o.digest === digest && o.subject === a.subject.digest,
      );
      const outcome: AttachmentOutcome = {
        subject: a.subject.digest,
        digest,
        label: a.label,
        action: copiedOutcome?.action === 'present' ? 'present' : 'pushed',
        via: listedVia(copied.api, a.subject.digest),
      };
      if (!copiedOutcome || copiedOutcome.action === 'failed') {
        return {
          ...outcome,
          action: 'failed',
          error: copiedOutcome?.error ?? 'it was not pushed',
        };
      }
      try {
        await a.checkFound(await readBack(target, digest));
        return outcome;
      } catch (error) {
        const { client, repository } = target;
        return {
          ...outcome,
          action: 'failed',
          error:
            `${client.host}/${repository}: the ${a.label} ${digest} of ${a.subject.digest}, read ` +
            `back as a verifier reads it, does not hold: ${describeFailure(error, target).message}`,
        };
      }
    }),
  );
}

/** A manifest and its blobs as the target serves them, each checked against its digest. */
async function readBack(
  target: CopyTarget,
  digest: Digest,
): Promise<{ manifest: Buffer; blobs: Buffer[] }> {
  const { client, repository } = target;
  const where = `${client.host}/${repository}@${digest}`;
  const { bytes } = await client.getManifest(repository, digest);
  return { manifest: bytes, blobs: await readBlobs(target, parseManifest(bytes, '', where).blobs) };
}

async function readBlobs(target: CopyTarget, blobs: readonly Descriptor[]): Promise<Buffer[]> {
  const { client, repository } = target;
  const bodies: Buffer[] = [];
  for (const blob of blobs) {
    const chunks: Buffer[] = [];
    for await (const chunk of await client.getBlob(repository, blob.digest, blob.size))
      chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    verifyBytes(body, blob.digest, blob.size, `${client.host}/${repository}: blob ${blob.digest}`);
    bodies.push(body);
  }
  return bodies;
}

/** The attachments as a source the referrer path reads from: everything is in memory. */
function heldSource(attachments: readonly Attachment[]): ContentSource {
  const held = new Map<Digest, HeldContent>();
  for (const a of attachments) {
    held.set(a.manifest.descriptor.digest, a.manifest);
    for (const blob of a.blobs) held.set(blob.descriptor.digest, blob);
  }
  const get = (descriptor: Descriptor): Buffer => {
    const found = held.get(descriptor.digest);
    if (!found) throw new Error(`oci-push made no ${descriptor.digest} to push`);
    return found.bytes;
  };
  return {
    name: 'signatures made by oci-push',
    resolve: () => Promise.reject(new Error('signatures have no root of their own')),
    fetchManifest: (descriptor) => Promise.resolve(get(descriptor)),
    openBlob: (descriptor) => Promise.resolve(Readable.from([get(descriptor)])),
  };
}
