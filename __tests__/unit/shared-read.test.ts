import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Descriptor } from '../../src/oci/descriptor.js';
import { DigestMismatchError, SizeMismatchError } from '../../src/oci/digest.js';
import { SharedBlobReads } from '../../src/source/shared-read.js';

/**
 * One read and one check of a file blob, shared by the uploads of it to several registries:
 * every upload gets exactly the file's bytes, a slow one never holds back a fast one, and a
 * corrupt file never reaches any upload whole.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oci-push-shared-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function blobFile(
  name: string,
  bytes: Buffer,
  claimed: Buffer = bytes,
): Promise<{ path: string; descriptor: Descriptor }> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  const digest = `sha256:${createHash('sha256').update(claimed).digest('hex')}` as const;
  return {
    path,
    descriptor: { mediaType: 'application/octet-stream', digest, size: claimed.length },
  };
}

/** Everything a stream gives, and how it ended. */
async function drain(stream: Readable): Promise<{ bytes: Buffer; error?: Error }> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { bytes: Buffer.concat(chunks) };
  } catch (error) {
    return { bytes: Buffer.concat(chunks), error: error as Error };
  }
}

test('two uploads at once each get exactly the file', async () => {
  const bytes = randomBytes(3 * 1024 * 1024 + 17);
  const { path, descriptor } = await blobFile('two', bytes);
  const reads = new SharedBlobReads();
  const [a, b] = await Promise.all([
    drain(reads.open(path, descriptor, 'two')),
    drain(reads.open(path, descriptor, 'two')),
  ]);
  expect(a.error).toBeUndefined();
  expect(b.error).toBeUndefined();
  expect(a.bytes.equals(bytes)).toBe(true);
  expect(b.bytes.equals(bytes)).toBe(true);
});

test('a stalled upload does not hold back the other; it catches up on its own and is still checked', async () => {
  const bytes = randomBytes(12 * 1024 * 1024);
  const { path, descriptor } = await blobFile('stalled', bytes);
  const reads = new SharedBlobReads();
  const fast = reads.open(path, descriptor, 'stalled');
  const slow = reads.open(path, descriptor, 'stalled');
  // `slow` is not read at all until `fast` has finished.
  const first = await drain(fast);
  expect(first.error).toBeUndefined();
  expect(first.bytes.equals(bytes)).toBe(true);
  const second = await drain(slow);
  expect(second.error).toBeUndefined();
  expect(second.bytes.equals(bytes)).toBe(true);
});

test('an upload that starts late gets the whole file', async () => {
  const bytes = randomBytes(9 * 1024 * 1024);
  const { path, descriptor } = await blobFile('late', bytes);
  const reads = new SharedBlobReads();
  const early = await drain(reads.open(path, descriptor, 'late'));
  const late = await drain(reads.open(path, descriptor, 'late'));
  expect(early.bytes.equals(bytes)).toBe(true);
  expect(late.bytes.equals(bytes)).toBe(true);
});

test('a corrupt file fails every upload of it, and none receives it whole', async () => {
  const good = randomBytes(2 * 1024 * 1024);
  const bad = Buffer.from(good);
  bad[good.length - 1] = (bad[good.length - 1] ?? 0) ^ 0xff;
  const { path, descriptor } = await blobFile('corrupt', bad, good);
  const reads = new SharedBlobReads();
  const results = await Promise.all([
    drain(reads.open(path, descriptor, 'blob x')),
    drain(reads.open(path, descriptor, 'blob x')),
  ]);
  for (const { bytes, error } of results) {
    expect(error).toBeInstanceOf(DigestMismatchError);
    expect(error?.message).toContain('blob x: content does not match its digest');
    expect(bytes.length).toBeLessThan(good.length);
  }
});

test('a file longer or shorter than its descriptor fails', async () => {
  const bytes = randomBytes(100 * 1024);
  const longer = await blobFile('longer', Buffer.concat([bytes, Buffer.from('x')]), bytes);
  const shorter = await blobFile('shorter', bytes.subarray(1), bytes);
  for (const { path, descriptor } of [longer, shorter]) {
    const { error } = await drain(new SharedBlobReads().open(path, descriptor, 'sized'));
    expect(error).toBeInstanceOf(SizeMismatchError);
  }
});

test('an empty blob is an empty stream', async () => {
  const { path, descriptor } = await blobFile('empty', Buffer.alloc(0));
  const { bytes, error } = await drain(new SharedBlobReads().open(path, descriptor, 'empty'));
  expect(error).toBeUndefined();
  expect(bytes.length).toBe(0);
});
