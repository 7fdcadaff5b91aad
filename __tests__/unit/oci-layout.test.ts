import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { loadGraph } from '../../src/engine/copy.js';
import { DigestMismatchError } from '../../src/oci/digest.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { SourceError } from '../../src/source/source.js';
import { blobOf, descriptorOf, makeOciLayout, writeLayout } from '../harness/fixtures.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'oci-push-layout-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function drain(source: OciLayoutSource, digestIndex = 0): Promise<void> {
  const graph = await loadGraph(source);
  const blob = graph.blobs[digestIndex];
  if (!blob) throw new Error('no blob');
  const stream = await source.openBlob(blob);
  stream.resume();
  await finished(stream);
}

test('resolves the single entry, and reads the whole graph', async () => {
  const layout = await makeOciLayout(join(work, 'l'));
  const graph = await loadGraph(new OciLayoutSource(layout.dir));
  expect(graph.root.digest).toBe(layout.manifest.digest);
  expect(graph.manifests.map((m) => m.descriptor.digest)).toEqual([layout.manifest.digest]);
  expect(graph.blobs.map((b) => b.digest)).toEqual([
    layout.config.digest,
    ...layout.layers.map((l) => l.digest),
  ]);
});

test('picks an entry by its ref.name, and lists the names when asked for a missing one', async () => {
  const a = await makeOciLayout(join(work, 'a'), { refName: 'app' });
  const b = await makeOciLayout(join(work, 'b'), { refName: 'other' });
  await writeLayout(
    join(work, 'both'),
    [a.manifest, a.config, ...a.layers, b.manifest, b.config, ...b.layers],
    [
      { ...descriptorOf(a.manifest), annotations: { 'org.opencontainers.image.ref.name': 'app' } },
      {
        ...descriptorOf(b.manifest),
        annotations: { 'org.opencontainers.image.ref.name': 'other' },
      },
    ],
  );
  expect((await new OciLayoutSource(join(work, 'both'), 'other').resolve()).digest).toBe(
    b.manifest.digest,
  );
  await expect(new OciLayoutSource(join(work, 'both')).resolve()).rejects.toThrow(
    /lists 2 manifests; name one with oci:.*:NAME\. It has app, other/,
  );
  await expect(new OciLayoutSource(join(work, 'both'), 'nope').resolve()).rejects.toThrow(
    /no entry named "nope"; it has app, other/,
  );
});

test('a directory that is not a layout says so', async () => {
  await expect(new OciLayoutSource(work).resolve()).rejects.toThrow(
    /not an OCI image layout \(no oci-layout file/,
  );
});

test('a missing blob is named, with the fix', async () => {
  const layout = await makeOciLayout(join(work, 'l'));
  const layer = layout.layers[0];
  if (!layer) throw new Error('no layer');
  await unlink(join(layout.dir, 'blobs', 'sha256', layer.digest.slice(7)));
  const source = new OciLayoutSource(layout.dir);
  const error = await drain(source, 1).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  expect(String(error)).toContain(`${layer.digest} is missing`);
  expect(String(error)).toContain('re-export the image');
});

test('a blob whose bytes do not match its digest fails while streaming', async () => {
  const layout = await makeOciLayout(join(work, 'l'));
  const layer = layout.layers[0];
  if (!layer) throw new Error('no layer');
  const corrupt = Buffer.from(layer.bytes);
  corrupt[corrupt.length - 1] = (corrupt.at(-1) ?? 0) ^ 0xff;
  await writeFile(join(layout.dir, 'blobs', 'sha256', layer.digest.slice(7)), corrupt);
  const error = await drain(new OciLayoutSource(layout.dir), 1).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DigestMismatchError);
  expect(String(error)).toContain(layer.digest);
});

test('a manifest whose bytes do not match its digest is refused before anything is pushed', async () => {
  const layout = await makeOciLayout(join(work, 'l'));
  await writeFile(
    join(layout.dir, 'blobs', 'sha256', layout.manifest.digest.slice(7)),
    Buffer.concat([layout.manifest.bytes, Buffer.from(' ')]),
  );
  await expect(loadGraph(new OciLayoutSource(layout.dir))).rejects.toThrow(
    /manifest .* is \d+ bytes, but its descriptor says/,
  );
});

test('an index with no manifest entry at all, only other types, is refused', async () => {
  const blob = blobOf('application/octet-stream', Buffer.from('x'));
  await writeLayout(join(work, 'l'), [blob], [descriptorOf(blob)]);
  await expect(new OciLayoutSource(join(work, 'l')).resolve()).rejects.toThrow(
    /index\.json lists no image manifest or index, only application\/octet-stream/,
  );
});

test('an entry of an unknown type beside the image is passed over; asked for by name, refused', async () => {
  const layout = await makeOciLayout(join(work, 'unknown-entry'), { refName: 'app' });
  const other = blobOf('application/vnd.example.thing.v1+json', Buffer.from('{}'));
  await writeLayout(
    layout.dir,
    [layout.manifest, layout.config, ...layout.layers, other],
    [
      { ...descriptorOf(other), annotations: { 'org.opencontainers.image.ref.name': 'thing' } },
      {
        ...descriptorOf(layout.manifest),
        annotations: { 'org.opencontainers.image.ref.name': 'app' },
      },
    ],
  );
  expect((await new OciLayoutSource(layout.dir).resolve()).digest).toBe(layout.manifest.digest);
  expect((await new OciLayoutSource(layout.dir, 'app').resolve()).digest).toBe(
    layout.manifest.digest,
  );
  await expect(new OciLayoutSource(layout.dir, 'thing').resolve()).rejects.toThrow(
    /entry "thing" has media type application\/vnd\.example\.thing\.v1\+json, not an image manifest or index/,
  );
});
