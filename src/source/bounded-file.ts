import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { SourceError } from './source.js';

/**
 * Manifests, and the index.json and manifest.json that list them, above this size are
 * refused: registries need only accept 4 MiB (distribution-spec), so nothing bigger can be
 * pushed anyway, and reading a hostile file whole would exhaust the runner's memory.
 */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/**
 * An image config is a blob, with no cap in the spec; real ones are kilobytes (a long history
 * makes a few hundred). This only keeps a hostile one from exhausting memory.
 */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * Reads a small file of a source (index.json, manifest.json, a manifest, a config) whole, but
 * only a regular file and only up to `limit` bytes: a symlink to /dev/zero, a FIFO or a huge
 * file is refused with an error naming `what` and the cap, instead of being read until memory
 * runs out (or, for a FIFO, waited on forever). A missing or unreadable file throws the
 * file system's own error (with its `code`) for the caller to describe.
 */
export async function readBoundedFile(path: string, limit: number, what: string): Promise<Buffer> {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await file.stat();
    if (!stats.isFile()) {
      throw new SourceError(
        `${what} is not a regular file (it is ${kindOf(stats)}); refusing to read it`,
      );
    }
    if (stats.size > limit) throw tooLarge(what, limit, `is ${stats.size} bytes, over`);
    // One byte more than the file should hold: if it is read, the file grew under us.
    const buffer = Buffer.alloc(stats.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
      if (length === buffer.length) {
        throw new SourceError(`${what} grew while it was being read; refusing it`);
      }
    }
  } finally {
    await file.close();
  }
}

function tooLarge(what: string, limit: number, size: string): SourceError {
  return new SourceError(
    `${what} ${size} the ${limit / 1024 / 1024} MiB cap (${limit} bytes) oci-push reads it up ` +
      'to; refusing it. A real image never comes close (registries need only accept 4 MiB ' +
      'manifests): check how the source was made',
  );
}

function kindOf(stats: {
  isDirectory(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
}): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}
