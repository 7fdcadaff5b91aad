import { createHash, randomBytes } from 'node:crypto';
import {
  access,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { gzipSync } from 'node:zlib';
import { create } from 'tar';
import { loadGraph } from '../../src/engine/copy.js';
import { DockerArchiveSource } from '../../src/source/docker-archive.js';
import { compressLayer } from '../../src/source/legacy-docker-image.js';
import { SourceError } from '../../src/source/source.js';
import { UnpackedArchive } from '../../src/source/unpacked-archive.js';
import { tarOf } from '../harness/fixtures.js';

/**
 * The archive machinery on hand-made archives: unsafe entries, links out of the archive, the
 * diff_id check, layers that arrive gzipped, and cleanup. (Real skopeo and docker archives
 * are pushed in __tests__/integration/sources.test.ts and docker-daemon.test.ts.)
 */
let work: string;
let temp: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'oci-push-archive-unit-'));
  temp = join(work, 'temp');
  await mkdir(temp);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer): `sha256:${string}` =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A pre-25 `docker save` archive of one image, as docker 20.10 lays it out. */
async function legacyArchive(
  layers: Buffer[],
  options: { diffIds?: string[]; extra?: (dir: string) => Promise<void> } = {},
): Promise<{ file: string; config: Buffer }> {
  const dir = join(work, 'archive');
  await mkdir(dir);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: options.diffIds ?? layers.map(sha256) },
    }),
  );
  const configName = `${sha256(config).slice(7)}.json`;
  await writeFile(join(dir, configName), config);
  const names: string[] = [];
  for (const [i, layer] of layers.entries()) {
    await mkdir(join(dir, `id${i}`));
    await writeFile(join(dir, `id${i}`, 'layer.tar'), layer);
    names.push(`id${i}/layer.tar`);
  }
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify([{ Config: configName, RepoTags: ['app:1'], Layers: names }]),
  );
  await options.extra?.(dir);
  const file = join(work, 'archive.tar');
  await create({ file, cwd: dir, portable: true }, await readdir(dir));
  return { file, config };
}

test('an entry that climbs out with ".." fails the whole archive, and nothing lands outside', async () => {
  const file = join(work, 'evil.tar');
  await writeFile(file, await tarOf({ 'manifest.json': '[]', '../escaped.txt': 'gotcha' }));
  const source = new DockerArchiveSource(file, {}, temp);
  await expect(source.resolve()).rejects.toThrow(
    new RegExp(`^docker-archive:${file}: ${file} could not be unpacked safely \\(.*'\\.\\.'`),
  );
  await expect(access(join(temp, 'escaped.txt'))).rejects.toThrow();
  await expect(access(join(work, 'escaped.txt'))).rejects.toThrow();
  // The failed unpack left no directory behind.
  expect(await readdir(temp)).toEqual([]);
});

test('a layer that is a symlink out of the archive is refused, not read', async () => {
  const secret = join(work, 'secret.tar');
  const layer = await tarOf({ a: 'a' });
  await writeFile(secret, layer);
  const { file } = await legacyArchive([layer], {
    extra: async (dir) => {
      await rm(join(dir, 'id0', 'layer.tar'));
      await symlink(secret, join(dir, 'id0', 'layer.tar'));
    },
  });
  const source = new DockerArchiveSource(file, {}, temp);
  await expect(source.resolve()).rejects.toThrow(SourceError);
  await expect(source.resolve()).rejects.toThrow(
    /could not be unpacked safely .*absolute linkpath/,
  );
  await source.close();
  expect(await readdir(temp)).toEqual([]);
});

test('pathOf refuses names that leave the archive', async () => {
  const file = join(work, 'plain.tar');
  await writeFile(file, await tarOf({ 'inside.txt': 'x' }));
  const archive = new UnpackedArchive(file, 'docker-archive:plain.tar', temp);
  expect(await readFile(await archive.pathOf('inside.txt', 'file'), 'utf8')).toBe('x');
  await expect(archive.pathOf('../plain.tar', 'layer 0')).rejects.toThrow(
    'docker-archive:plain.tar: layer 0 "../plain.tar" points outside the archive',
  );
  await expect(archive.pathOf('/etc/passwd', 'config')).rejects.toThrow('points outside');
  await expect(archive.pathOf('missing.tar', 'layer 1')).rejects.toThrow(
    'layer 1 "missing.tar" is not in the archive',
  );
  // A link out that got in some other way is caught when it is read.
  await symlink(file, join(await archive.directory(), 'link.tar'));
  await expect(archive.pathOf('link.tar', 'layer 2')).rejects.toThrow(
    'layer 2 "link.tar" leads outside the archive through a link',
  );
  await archive.remove();
  await archive.remove();
  expect(await readdir(temp)).toEqual([]);
});

test('concurrent first calls unpack once; close removes it; a closed source refuses work', async () => {
  const layer = await tarOf({ f: randomBytes(1000) });
  const { file } = await legacyArchive([layer]);
  const source = new DockerArchiveSource(file, {}, temp);
  const roots = await Promise.all([source.resolve(), source.resolve(), source.resolve()]);
  expect(new Set(roots.map((r) => r.digest)).size).toBe(1);
  expect(await readdir(temp)).toHaveLength(1);
  await source.close();
  expect(await readdir(temp)).toEqual([]);
  const fresh = new DockerArchiveSource(file, {}, temp);
  await fresh.close();
  await expect(fresh.resolve()).rejects.toThrow('used after it was closed');
});

test('the built manifest: compact, docker field order, config as saved, gzip layers', async () => {
  const layers = [await tarOf({ a: randomBytes(3000) }), await tarOf({ b: randomBytes(10) })];
  const { file, config } = await legacyArchive(layers);
  const source = new DockerArchiveSource(file, { name: 'app:1' }, temp);
  const graph = await loadGraph(source);
  const [built] = graph.manifests;
  const gz = await Promise.all(
    graph.blobs.slice(1).map(async (blob) => buffer(await source.openBlob(blob))),
  );
  expect(built?.bytes.toString('utf8')).toBe(
    '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",' +
      `"config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":${config.length},"digest":"${sha256(config)}"},` +
      `"layers":[${gz
        .map(
          (g) =>
            `{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":${g.length},"digest":"${sha256(g)}"}`,
        )
        .join(',')}]}`,
  );
  const [configBlob, firstLayer] = graph.blobs;
  if (!configBlob || !firstLayer || !gz[0]) throw new Error('no blobs');
  expect(await buffer(await source.openBlob(configBlob))).toEqual(config);
  expect((await buffer(await source.openBlob(firstLayer))).equals(gz[0])).toBe(true);
  await source.close();
});

test('a layer that is gzipped already is kept byte for byte, and still checked', async () => {
  const tar = await tarOf({ c: randomBytes(2000) });
  const gz = gzipSync(tar, { level: 1 });
  const { file } = await legacyArchive([gz], { diffIds: [sha256(tar)] });
  const source = new DockerArchiveSource(file, {}, temp);
  const graph = await loadGraph(source);
  expect(graph.blobs[1]).toEqual({
    mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    digest: sha256(gz),
    size: gz.length,
  });
  await source.close();
});

test('a layer whose bytes do not match the diff_id fails, naming the layer and both digests', async () => {
  const layer = await tarOf({ d: randomBytes(500) });
  const claimed = sha256(Buffer.from('something else'));
  const out = join(work, 'out.gz');
  await writeFile(join(work, 'layer.tar'), layer);
  await expect(
    compressLayer(join(work, 'layer.tar'), out, claimed, {
      where: 'docker-archive:x.tar: layer 0',
    }),
  ).rejects.toThrow(
    `docker-archive:x.tar: layer 0: its content hashes to ${sha256(layer)}, but the image ` +
      `config says ${claimed} (rootfs.diff_ids)`,
  );
});

test('manifest.json and config that disagree on the layer count', async () => {
  const layer = await tarOf({ e: 'e' });
  const { file } = await legacyArchive([layer], { diffIds: [sha256(layer), sha256(layer)] });
  const source = new DockerArchiveSource(file, {}, temp);
  await expect(source.resolve()).rejects.toThrow(
    "manifest.json lists 1 layer(s), but the config's rootfs.diff_ids has 2",
  );
  await source.close();
});
