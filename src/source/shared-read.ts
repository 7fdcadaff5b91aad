import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DigestMismatchError, SizeMismatchError } from '../oci/digest.js';
import type { Descriptor } from '../oci/descriptor.js';

/** Bytes read from a file at a time. */
const CHUNK = 64 * 1024;
/** A consumer that falls this far behind the others goes on with a read of its own. */
const MAX_LAG = 4 * 1024 * 1024;
/** A second consumer can join a read until it has got this far (the start is kept for it). */
const JOIN_WINDOW = 4 * 1024 * 1024;

/**
 * Blobs that are files (a layout, an unpacked archive), read once and hashed once however
 * many registries they go to at the same time: the registries' uploads of one blob share one
 * read, and each upload holds back its last chunk until that read has checked the digest.
 * An upload that falls behind by more than a few MiB (a slow registry) is not waited for: it
 * goes on with its own read of the file from where it is, and still gets the shared verdict
 * at its end, so a slow registry never holds back a fast one.
 */
export class SharedBlobReads {
  private readonly reads = new Map<string, SharedRead>();

  open(path: string, descriptor: Descriptor, where: string): Readable {
    const current = this.reads.get(descriptor.digest);
    if (current?.joinable) return current.consumer();
    const read = new SharedRead(path, descriptor, where);
    this.reads.set(descriptor.digest, read);
    return read.consumer();
  }
}

class SharedRead {
  /** Chunks read and still needed, `first` being the index of `chunks[0]`. */
  private chunks: Buffer[] = [];
  private first = 0;
  /** Bytes read so far. */
  private head = 0;
  private readonly hash = createHash('sha256');
  private readonly consumers = new Set<Consumer>();
  /** Consumers that went on alone and still wait for the verdict. */
  private alone = 0;
  private file: Promise<FileHandle> | undefined;
  private reading = false;
  private ended = false;
  private failure: Error | undefined;
  private readonly verdict: Promise<void>;
  private settle!: (error?: Error) => void;

  constructor(
    readonly path: string,
    private readonly descriptor: Descriptor,
    readonly where: string,
  ) {
    this.verdict = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
    this.verdict.catch(() => undefined);
  }

  get joinable(): boolean {
    return this.first === 0 && this.head < JOIN_WINDOW && !this.failure;
  }

  get size(): number {
    return this.descriptor.size;
  }

  /** Resolves once the whole file is read and matches the descriptor; rejects otherwise. */
  whenVerified(): Promise<void> {
    return this.verdict;
  }

  consumer(): Readable {
    const consumer = new Consumer(this);
    this.consumers.add(consumer);
    return consumer;
  }

  /**
   * Hands `consumer` the chunks it hasn't had yet. Its last chunk goes out only with the
   * verdict; until then it waits, as the read goes on to confirm the end of the file.
   */
  feed(consumer: Consumer): void {
    if (this.failure) {
      consumer.destroy(this.failure);
      return;
    }
    while (!consumer.finishing) {
      if (consumer.offset === this.size) {
        consumer.finish(undefined, this.verdict);
        break;
      }
      const chunk = this.chunks[consumer.index - this.first];
      if (!chunk) break;
      consumer.index++;
      consumer.offset += chunk.length;
      if (consumer.offset === this.size) {
        consumer.finish(chunk, this.verdict);
        break;
      }
      if (!consumer.push(chunk)) {
        consumer.waiting = false;
        break;
      }
    }
    this.trim();
    void this.pump();
  }

  /** A consumer is gone (its upload ended or failed): nothing is kept for it any more. */
  drop(consumer: Consumer): void {
    this.consumers.delete(consumer);
    if (this.ended && this.consumers.size === 0) {
      // Done and no one reading: let the chunks go (a small blob would otherwise stay whole
      // in memory for the rest of the run). A later upload of it starts a read of its own.
      this.first += this.chunks.length;
      this.chunks = [];
    }
    this.trim();
    void this.pump();
  }

  /** A consumer that went on alone got its verdict, or gave up. */
  release(): void {
    this.alone--;
  }

  private async pump(): Promise<void> {
    if (this.reading || this.ended || this.failure) return;
    this.reading = true;
    try {
      while (!this.ended && !this.failure && this.wantsMore()) {
        await this.readChunk();
        for (const consumer of [...this.consumers]) if (consumer.waiting) this.feed(consumer);
      }
    } catch (error) {
      this.fail(error as Error);
    } finally {
      this.reading = false;
    }
  }

  /**
   * Reads on while an attached consumer has had everything, and, once every byte is in, to
   * the end of the file for the verdict. A consumer lagging too far behind is detached onto
   * its own read. With none attached it reads on only for those waiting on the verdict.
   */
  private wantsMore(): boolean {
    if (this.head >= this.size) return true;
    for (const consumer of [...this.consumers]) {
      if (!consumer.finishing && this.head - consumer.offset > MAX_LAG) {
        this.consumers.delete(consumer);
        this.alone++;
        consumer.goAlone();
      }
    }
    this.trim();
    if (this.consumers.size === 0) return this.alone > 0;
    const total = this.first + this.chunks.length;
    return [...this.consumers].some((c) => c.waiting && c.index === total);
  }

  private async readChunk(): Promise<void> {
    this.file ??= open(this.path, 'r');
    const handle = await this.file;
    const buffer = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, this.head);
    if (bytesRead === 0) {
      this.ended = true;
      await handle.close();
      const actual = `sha256:${this.hash.digest('hex')}`;
      if (this.head !== this.size) {
        this.fail(new SizeMismatchError(this.size, this.head, this.where));
      } else if (actual !== this.descriptor.digest) {
        this.fail(new DigestMismatchError(this.descriptor.digest, actual, this.where));
      } else {
        this.settle();
      }
      return;
    }
    const chunk = buffer.subarray(0, bytesRead);
    this.head += bytesRead;
    if (this.head > this.size) throw new SizeMismatchError(this.size, this.head, this.where);
    this.hash.update(chunk);
    this.chunks.push(chunk);
  }

  /** Forgets chunks every attached consumer has had, once no new consumer can join. */
  private trim(): void {
    if (this.joinable) return;
    let keepFrom = this.first + this.chunks.length;
    for (const consumer of this.consumers) keepFrom = Math.min(keepFrom, consumer.index);
    if (keepFrom > this.first) {
      this.chunks = this.chunks.slice(keepFrom - this.first);
      this.first = keepFrom;
    }
  }

  private fail(error: Error): void {
    this.failure = error;
    this.settle(error);
    if (!this.ended) void this.file?.then((handle) => handle.close()).catch(() => undefined);
    this.ended = true;
    this.chunks = [];
    for (const consumer of [...this.consumers]) consumer.destroy(error);
    this.consumers.clear();
  }
}

/** One upload's view of a shared read: a stream of the blob's bytes. */
class Consumer extends Readable {
  /** The index of the next chunk it gets. */
  index = 0;
  /** Bytes it has had. */
  offset = 0;
  /** It asked for more and hasn't had any since. */
  waiting = false;
  /** Its last chunk waits for the verdict. */
  finishing = false;
  private own: Readable | undefined;

  constructor(private readonly shared: SharedRead) {
    super();
  }

  override _read(): void {
    if (this.own) {
      this.own.resume();
      return;
    }
    this.waiting = true;
    this.shared.feed(this);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.own?.destroy();
    if (!this.own) this.shared.drop(this);
    done(error);
  }

  /** The last chunk goes out only with a good verdict; a bad one fails the stream instead. */
  finish(last: Buffer | undefined, verdict: Promise<void>): void {
    this.finishing = true;
    this.waiting = false;
    verdict.then(
      () => {
        if (last) this.push(last);
        this.push(null);
      },
      (error: unknown) => this.destroy(error as Error),
    );
  }

  /** Too far behind: reads the rest itself, and waits for the shared verdict at its end. */
  goAlone(): void {
    this.waiting = false;
    const own = createReadStream(this.shared.path, { start: this.offset });
    this.own = own;
    let held: Buffer | undefined;
    let seen = this.offset;
    own.on('data', (data: string | Buffer) => {
      const chunk = data as Buffer;
      seen += chunk.length;
      const previous = held;
      held = chunk;
      if (previous && !this.push(previous)) own.pause();
    });
    own.once('error', (error) => {
      this.shared.release();
      this.destroy(error);
    });
    own.once('end', () => {
      if (seen !== this.shared.size) {
        this.shared.release();
        this.destroy(new SizeMismatchError(this.shared.size, seen, this.shared.where));
        return;
      }
      const verdict = this.shared.whenVerified();
      void verdict.finally(() => this.shared.release()).catch(() => undefined);
      this.finish(held, verdict);
    });
  }
}
