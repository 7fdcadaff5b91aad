import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DigestMismatchError,
  digestOf,
  SizeMismatchError,
  VerifyingStream,
} from '../../src/oci/digest.js';

async function pump(
  chunks: Buffer[],
  digest: `sha256:${string}`,
  size: number,
): Promise<{ received: number; error?: unknown }> {
  let received = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      received += chunk.length;
      done();
    },
  });
  try {
    await pipeline(Readable.from(chunks), new VerifyingStream(digest, size, 'test blob'), sink);
    return { received };
  } catch (error) {
    return { received, error };
  }
}

const content = [Buffer.from('hello '), Buffer.from('registry '), Buffer.from('world')];
const whole = Buffer.concat(content);

test('passes content that matches its digest and size, byte for byte', async () => {
  expect(await pump(content, digestOf(whole), whole.length)).toEqual({ received: whole.length });
});

test('fails on a digest mismatch before the last chunk reaches the consumer', async () => {
  const wrong = digestOf(Buffer.from('something else'));
  const { received, error } = await pump(content, wrong, whole.length);
  expect(error).toBeInstanceOf(DigestMismatchError);
  expect(String(error)).toContain('test blob');
  expect(String(error)).toContain(wrong);
  // The consumer never saw the whole (corrupt) content, so it can't complete an upload.
  expect(received).toBeLessThan(whole.length);
});

test.each([
  ['longer', whole.length - 1],
  ['shorter', whole.length + 1],
])('fails when the content is %s than its descriptor says', async (_case, size) => {
  const { error } = await pump(content, digestOf(whole), size);
  expect(error).toBeInstanceOf(SizeMismatchError);
});
