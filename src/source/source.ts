import { OciPushError } from '../base/errors.js';
import type { Readable } from 'node:stream';
import type { Descriptor } from '../oci/descriptor.js';
import type { Digest } from '../oci/digest.js';

/**
 * Read-only content an image is copied from: an OCI layout, an archive, another registry.
 * Every implementation verifies what it returns against the descriptor's digest and size.
 */
export interface ContentSource {
  /** Names the source in messages, e.g. `oci:./build/layout`. */
  readonly name: string;
  /** The manifest or index the user asked for. */
  resolve(): Promise<Descriptor>;
  /** A manifest's exact bytes, verified. */
  fetchManifest(descriptor: Descriptor): Promise<Buffer>;
  /** A blob's bytes as a stream that fails if they don't match the descriptor. */
  openBlob(descriptor: Descriptor): Promise<Readable>;
  /**
   * Manifests in the source whose `subject` is `digest` (signatures, SBOMs, attestations),
   * as referrers-API descriptors (with `artifactType`). A source that can hold none omits it.
   */
  referrers?(digest: Digest): Promise<Descriptor[]>;
  /** What a tag names, for cosign's `sha256-<hex>.sig` and the like; undefined when absent. */
  resolveTag?(tag: string): Promise<Descriptor | undefined>;
  /** Releases what the source holds (temporary files, connections). Safe to call twice. */
  close?(): Promise<void>;
}

/** The source is unusable as given: missing files, bad JSON, an unknown entry. */
export class SourceError extends OciPushError {
  override name = 'SourceError';
  readonly code = 'source';
}
