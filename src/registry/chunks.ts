import { Readable } from 'node:stream';
import { SizeMismatchError } from '../oci/digest.js';

/**
 * Cuts one blob stream into consecutive request bodies of exact lengths, so a chunked upload
 * needs one source stream and one pass over the bytes. The stream verifies the blob itself.
 */
export class ChunkReader {
  private readonly chunks: AsyncIterator<Buffer>;
  private leftover: Buffer | undefined;
  private offset: number;

  constructor(
    private readonly stream: Readable,
    private readonly size: number,
    private readonly where: string,
  ) {
    this.chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    this.offset = 0;
  }

  /** The blob offset of the next byte this reader hands out. */
  get position(): number {
    return this.offset;
  }

  /** Reads past `length` bytes without sending them (catching up after a resume). */
  async skip(length: number): Promise<void> {
    for await (const piece of this.take(length)) void piece;
  }

  /** The next `length` bytes as a stream, for one request body. */
  body(length: number): Readable {
    return Readable.from(this.take(length), { objectMode: false });
  }

  /**
   * Checks that the stream ends where the blob does. A verifying source fails here, or
   * earlier, when the bytes don't match the digest.
   */
  async finish(): Promise<void> {
    const extra = this.leftover?.length ?? 0;
    const next = extra > 0 ? undefined : await this.chunks.next();
    if (extra > 0 || (next && !next.done)) {
      throw new SizeMismatchError(this.size, this.size + (extra || 1), this.where);
    }
  }

  close(): void {
    this.stream.destroy();
  }

  private async *take(length: number): AsyncGenerator<Buffer> {
    let remaining = length;
    while (remaining > 0) {
      let piece = this.leftover;
      this.leftover = undefined;
      if (!piece) {
        const next = await this.chunks.next();
        if (next.done) throw new SizeMismatchError(this.size, this.offset, this.where);
        piece = next.value;
      }
      if (piece.length > remaining) {
        this.leftover = piece.subarray(remaining);
        piece = piece.subarray(0, remaining);
      }
      remaining -= piece.length;
      this.offset += piece.length;
      yield piece;
    }
  }
}

/**
 * The bytes a registry holds of an upload, from the `Range: 0-<last>` header of an upload
 * status or PATCH response (distribution-spec: an inclusive range). Distribution answers
 * `0-0` for an empty upload as well as for one byte, so `0-0` counts as nothing received:
 * resending one byte is harmless, skipping one is not.
 */
export function receivedBytes(range: string | string[] | undefined): number | undefined {
  const value = Array.isArray(range) ? range[0] : range;
  const match = value ? /^(?:bytes=)?0-(\d+)$/.exec(value.trim()) : null;
  if (!match) return undefined;
  const last = Number(match[1]);
  return last === 0 ? 0 : last + 1;
}
