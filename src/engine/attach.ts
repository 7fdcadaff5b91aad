import { Readable } from 'node:stream';
import type { Descriptor } from '../oci/descriptor.js';
import { parseManifest } from '../oci/descriptor.js';
import { type Digest, verifyBytes } from '../oci/digest.js';
import { referrersTag } from '../oci/referrers.js';
import type { HeldContent } from '../oci/sigstore-bundle.js';
import type { ContentSource } from '../source/source.js';
import { type BlobHolders, type CopyTarget, describeFailure, type ImageGraph } from './copy.js';
import type { ArtifactKind } from './plan.js';
import { copyReferrers, type SubjectReferrers } from './referrers.js';

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
 * each target waits for it before its tags, and fails untagged when it throws.
 */
export type Attacher = (
  artifact: ArtifactKind,
  graph: ImageGraph,
  source: ContentSource,
) => Promise<Attachment[]>;

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
        via: copied.api ? 'referrers API' : `tag ${referrersTag(a.subject.digest)}`,
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
  const blobs: Buffer[] = [];
  for (const blob of parseManifest(bytes, '', where).blobs) {
    const chunks: Buffer[] = [];
    for await (const chunk of await client.getBlob(repository, blob.digest, blob.size))
      chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    verifyBytes(body, blob.digest, blob.size, `${where}: blob ${blob.digest}`);
    blobs.push(body);
  }
  return { manifest: bytes, blobs };
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
