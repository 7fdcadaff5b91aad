import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** `sha256:<64 hex>`; the only algorithm registries are required to accept. */
export type Digest = `sha256:${string}`;

const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

export function isDigest(value: string): value is Digest {
  return SHA256_DIGEST.test(value);
}

/** Why a value is not a digest oci-push can use, in words a user can act on. */
export function digestProblem(value: unknown): string {
  if (typeof value !== 'string') return 'is not a string';
  if (/^sha256:[0-9a-fA-F]{64}$/.test(value)) {
    return 'has upper-case hex; OCI digests are lower case (sha256: and 64 of 0-9a-f)';
  }
  if (!value.startsWith('sha256:')) return 'is not sha256 (only sha256 digests are supported)';
  return 'is not sha256: and 64 lower-case hex digits';
}

export function digestOf(bytes: Uint8Array): Digest {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The hex part of a digest, which is also its file name under `blobs/sha256/`. */
export function digestHex(digest: Digest): string {
  return digest.slice('sha256:'.length);
}

/** Content whose bytes don't hash to the digest that names it. */
export class DigestMismatchError extends Error {
  constructor(
    readonly expected: Digest,
    readonly actual: string,
    readonly where: string,
  ) {
    super(`${where}: content does not match its digest: expected ${expected}, got ${actual}`);
    this.name = 'DigestMismatchError';
  }
}

/** Content longer or shorter than its descriptor says. */
export class SizeMismatchError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
    readonly where: string,
  ) {
    super(`${where}: content is ${actual} bytes, but its descriptor says ${expected}`);
    this.name = 'SizeMismatchError';
  }
}

export function verifyBytes(bytes: Uint8Array, digest: Digest, size: number, where: string): void {
  if (bytes.length !== size) throw new SizeMismatchError(size, bytes.length, where);
  const actual = digestOf(bytes);
  if (actual !== digest) throw new DigestMismatchError(digest, actual, where);
}

/**
 * A pass-through stream that hashes what flows through it and fails, before it ends, if the
 * bytes don't match the expected digest and size. It holds back the last chunk until the
 * digest is checked, so an upload fed from it never receives the complete corrupt content.
 */
export class VerifyingStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private seen = 0;
  private held: Buffer | undefined;

  constructor(
    private readonly digest: Digest,
    private readonly size: number,
    private readonly where: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.size) {
      done(new SizeMismatchError(this.size, this.seen, this.where));
      return;
    }
    this.hash.update(chunk);
    const previous = this.held;
    this.held = chunk;
    done(null, previous);
  }

  override _flush(done: TransformCallback): void {
    if (this.seen !== this.size) {
      done(new SizeMismatchError(this.size, this.seen, this.where));
      return;
    }
    const actual = `sha256:${this.hash.digest('hex')}`;
    if (actual !== this.digest) {
      done(new DigestMismatchError(this.digest, actual, this.where));
      return;
    }
    done(null, this.held);
  }
}
