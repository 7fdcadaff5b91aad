import type { Digest } from '../oci/digest.js';
import type { SyncImage } from './sync-plan.js';

/**
 * What a sync did, as every face reports it: per image, per tag, per target. Each phase of
 * the sync (src/engine/sync.ts) fills in its part of these rows.
 */

/**
 * What happened to one tag at one target:
 * - `copied`: the tag was missing; the image is there now;
 * - `unchanged`: the tag already held the source's digest (one HEAD, nothing written);
 * - `trusted`: the target lists the tag and it is immutable (a release): not asked again;
 * - `drift`: the tag holds another digest and `overwrite` is off: left alone, reported;
 * - `moved`: the tag held another digest and was moved (`overwrite`, or a floating tag);
 * - `would-copy`, `would-move`: a dry run's plan;
 * - `failed`: see `error`.
 */
export type SyncStatus =
  'copied' | 'unchanged' | 'trusted' | 'drift' | 'moved' | 'would-copy' | 'would-move' | 'failed';

export interface SyncTargetOutcome {
  /** The target's name in the config. */
  target: string;
  host: string;
  repository: string;
  status: SyncStatus;
  /** What the target's tag held before, when it held another digest. */
  targetDigest?: Digest;
  /** The image's signatures, SBOMs and attestations copied with it. */
  referrers?: { copied: number; present: number; failed: number };
  error?: string;
}

export interface SyncTagResult {
  tag: string;
  /** The tag written at the targets, when it differs (`target-tag`). */
  targetTag?: string;
  /** What the source's tag pointed at (or the pinned digest); absent when not asked. */
  sourceDigest?: Digest;
  targets: SyncTargetOutcome[];
}

/** Referrers a re-run found missing at a target, and copied (issue #21, "re-runs repair"). */
export interface ReferrerRepair {
  target: string;
  subject: Digest;
  status: 'copied' | 'would-copy' | 'failed';
  copied: number;
  error?: string;
}

export interface SyncImageResult {
  image: SyncImage;
  /** `host/repository` of the source, as the config names it. */
  source: string;
  /** Tags the source listed. */
  listed: number;
  filteredOut: string[];
  tags: SyncTagResult[];
  /** Nothing of this image was synced: its listing failed, or it selected nothing. */
  error?: string;
  /** The error is an empty selection: a warning, and still a failed row. */
  empty?: boolean;
  repairs?: ReferrerRepair[];
}
