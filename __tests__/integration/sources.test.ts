import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { gunzipSync } from 'node:zlib';
import { create } from 'tar';
import { copyGraph, type ImageGraph, loadGraph } from '../../src/engine/copy.js';
import { parseSourceReference } from '../../src/oci/reference.js';
import { openSource } from '../../src/source/open.js';
import type { ContentSource } from '../../src/source/source.js';
import {
  type Docker25Image,
  makeDocker25Archive,
  makeLoadableLayout,
  makeMultiPlatformLayout,
  mergeDockerArchives,
  type MultiPlatformFixture,
  type OciLayoutFixture,
  skopeoDockerArchive,
  tarLayout,
} from '../harness/fixtures.js';
import { ownClient } from '../harness/own-client.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, listTags, skopeo } from '../harness/skopeo.js';

/**
 * Each archive source, pushed by oci-push's core to a real registry and checked with skopeo:
 * - oci-archive (a buildx-style multi-platform index, as a tar): the index digest holds;
 * - docker-archive, Docker 25+ (crafted as moby writes it): its OCI manifest digest holds;
 * - docker-archive, pre-25 (written by real skopeo): a Docker v2 manifest is built, and skopeo
 *   reads it back with the very layers (diff_ids) the archive held.
 */
let registry: TestRegistry;
let work: string;
let temp: string;
let multi: MultiPlatformFixture;
let loadable: OciLayoutFixture & { diffIds: string[] };
let second: OciLayoutFixture & { diffIds: string[] };
let legacyArchive: string;
let twoImageArchive: string;

beforeAll(async () => {
  registry = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-sources-'));
  temp = join(work, 'temp');
  await mkdir(temp);
  multi = await makeMultiPlatformLayout(join(work, 'multi'));
  loadable = await makeLoadableLayout(join(work, 'loadable'), { layerSizes: [3000, 200 * 1024] });
  second = await makeLoadableLayout(join(work, 'second'), { layerSizes: [5000] });
  legacyArchive = await skopeoDockerArchive(
    loadable.dir,
    join(work, 'legacy.tar'),
    'example/app:1.0',
  );
  const secondArchive = await skopeoDockerArchive(
    second.dir,
    join(work, 'second.tar'),
    'example/second:2',
  );
  twoImageArchive = await mergeDockerArchives(
    [legacyArchive, secondArchive],
    join(work, 'two.tar'),
  );
});
afterAll(async () => {
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

function open(image: string): ContentSource {
  return openSource(parseSourceReference(image), { tempDir: temp });
}

/** Reads the source's graph and pushes it by digest (plus `tags`) with oci-push's core. */
async function push(
  image: string,
  repository: string,
  tags: string[] = [],
): Promise<{ graph: ImageGraph; status: string; error?: Error }> {
  const source = open(image);
  try {
    const graph = await loadGraph(source);
    const [result] = await copyGraph(source, graph, [{ client: ownClient(registry), repository }], {
      tags,
    });
    return {
      graph,
      status: result?.status ?? 'none',
      ...(result?.error && { error: result.error }),
    };
  } finally {
    await source.close?.();
  }
}

async function sourceTempDirs(): Promise<string[]> {
  return (await readdir(temp)).filter((name) => name.startsWith('oci-push-source-'));
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** skopeo copies the image back out of the registry into an OCI layout; returns the layout. */
async function copyBack(reference: string, name: string, all = false): Promise<string> {
  const back = join(work, `back-${name}`);
  const result = await skopeo([
    'copy',
    '--src-tls-verify=false',
    ...(all ? ['--all'] : []),
    `docker://${registry.host}/${reference}`,
    `oci:${back}`,
  ]);
  if (result.code !== 0) throw new Error(`skopeo copy back failed: ${result.stderr}`);
  return back;
}

describe('oci-archive: a buildx --output type=oci tar', () => {
  test('pushes the multi-platform index with its digest, children and attestation intact', async () => {
    const file = await tarLayout(multi.dir, join(work, 'multi.tar'));
    const { graph, status } = await push(`oci-archive:${file}`, 'sources/oci-archive');
    expect(status).toBe('pushed');
    expect(graph.root.digest).toBe(multi.index.digest);
    // The three children, then the index itself.
    expect(graph.manifests.map((m) => m.descriptor.digest)).toEqual([
      ...multi.manifests.map((m) => m.digest),
      multi.index.digest,
    ]);

    expect(await inspectRaw(registry, `sources/oci-archive@${multi.index.digest}`)).toEqual(
      multi.index.bytes,
    );
    for (const manifest of multi.manifests) {
      expect(await inspectRaw(registry, `sources/oci-archive@${manifest.digest}`)).toEqual(
        manifest.bytes,
      );
    }
    expect(await listTags(registry, 'sources/oci-archive')).toEqual([]);
    // skopeo fetches every platform and checks each blob against its digest on the way.
    const back = await copyBack(`sources/oci-archive@${multi.index.digest}`, 'oci-archive', true);
    const blobs = new Set(await readdir(join(back, 'blobs', 'sha256')));
    for (const blob of multi.blobs) expect(blobs.has(blob.digest.slice(7))).toBe(true);
    // close() removed what the source unpacked.
    expect(await sourceTempDirs()).toEqual([]);
  });

  test('picks an entry by name, and names the archive (not a temp dir) when the name is wrong', async () => {
    const named = await makeLoadableLayout(join(work, 'named'), { refName: 'v1' });
    const file = await tarLayout(named.dir, join(work, 'named.tar'));
    const source = open(`oci-archive:${file}:v1`);
    expect((await source.resolve()).digest).toBe(named.manifest.digest);
    await source.close?.();

    const wrong = open(`oci-archive:${file}:v2`);
    await expect(wrong.resolve()).rejects.toThrow(
      `oci-archive:${file}:v2: index.json has no entry named "v2"; it has v1`,
    );
    await wrong.close?.();
    expect(await sourceTempDirs()).toEqual([]);
  });
});

describe('docker-archive, pre-25 format (written by skopeo)', () => {
  test('builds a Docker v2 manifest that skopeo reads back with the same layers', async () => {
    const { graph, status } = await push(`docker-archive:${legacyArchive}`, 'sources/legacy', [
      '1.0',
    ]);
    expect(status).toBe('pushed');
    const [built] = graph.manifests;
    if (!built) throw new Error('no manifest');
    expect(graph.root.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(graph.root.digest).toBe(sha256(built.bytes));

    // The registry holds exactly the manifest we built, and the tag points at it.
    const raw = await inspectRaw(registry, 'sources/legacy:1.0');
    expect(raw).toEqual(built.bytes);
    const manifest = JSON.parse(raw.toString('utf8')) as {
      mediaType: string;
      config: { mediaType: string; digest: string };
      layers: { mediaType: string; digest: string; size: number }[];
    };
    expect(manifest.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    // The config is the image's own config, byte for byte (skopeo kept it as it was).
    expect(manifest.config).toMatchObject({
      mediaType: 'application/vnd.docker.container.image.v1+json',
      digest: loadable.config.digest,
    });
    expect(manifest.layers.map((l) => l.mediaType)).toEqual([
      'application/vnd.docker.image.rootfs.diff.tar.gzip',
      'application/vnd.docker.image.rootfs.diff.tar.gzip',
    ]);

    const inspected = await skopeo([
      'inspect',
      '--tls-verify=false',
      `docker://${registry.host}/sources/legacy:1.0`,
    ]);
    expect(inspected.code).toBe(0);
    const info = JSON.parse(inspected.stdout) as { Layers: string[]; Architecture: string };
    expect(info.Layers).toEqual(manifest.layers.map((l) => l.digest));
    expect(info.Architecture).toBe('amd64');

    // Round trip: every layer skopeo pulls decompresses to the diff_id the config promises.
    const back = await copyBack(`sources/legacy@${graph.root.digest}`, 'legacy');
    for (const [i, layer] of manifest.layers.entries()) {
      const bytes = await readFile(join(back, 'blobs', 'sha256', layer.digest.slice(7)));
      expect(bytes.length).toBe(layer.size);
      expect(sha256(gunzipSync(bytes))).toBe(loadable.diffIds[i]);
    }
    expect(await sourceTempDirs()).toEqual([]);
  });

  test('the built manifest is the same on every run, and its gzip headers carry no name or time', async () => {
    const digests: string[] = [];
    for (let run = 0; run < 2; run++) {
      const source = open(`docker-archive:${legacyArchive}:example/app:1.0`);
      // Concurrent first calls unpack once and agree.
      const [a, b] = await Promise.all([source.resolve(), source.resolve()]);
      expect(a).toEqual(b);
      expect(await sourceTempDirs()).toHaveLength(1);
      digests.push(a.digest);
      const graph = await loadGraph(source);
      for (const layer of graph.blobs.filter((blob) => blob.mediaType.includes('rootfs'))) {
        const gz = await buffer(await source.openBlob(layer));
        // FLG (byte 3) has no FNAME bit; MTIME (bytes 4-7) is zero.
        expect(gz[3]).toBe(0);
        expect(gz.readUInt32LE(4)).toBe(0);
      }
      await source.close?.();
      expect(await sourceTempDirs()).toEqual([]);
    }
    expect(digests[0]).toBe(digests[1]);
  });

  test('picks one image of several by NAME:TAG (docker or fully qualified form) or by @N', async () => {
    for (const pick of ['example/second:2', 'docker.io/example/second:2', '@1']) {
      const source = open(`docker-archive:${twoImageArchive}:${pick}`);
      const graph = await loadGraph(source);
      await source.close?.();
      const config = graph.blobs.find((b) => b.mediaType.includes('container.image'));
      expect(config?.digest).toBe(second.config.digest);
    }
  });
});

describe('docker-archive, Docker 25+ format (an OCI layout plus manifest.json)', () => {
  let images: Docker25Image[];
  let file: string;
  beforeAll(async () => {
    file = join(work, 'docker25.tar');
    images = await makeDocker25Archive(file, [{ name: 'app:1.0' }, { name: 'giantswarm/other:2' }]);
  });

  test.each([
    ['app:1.0', 0, 'a'],
    ['docker.io/library/app:1.0', 0, 'b'],
    ['giantswarm/other:2', 1, 'c'],
    ['@1', 1, 'd'],
  ])('serves the OCI manifest docker wrote for %s, digest preserved', async (pick, which, repo) => {
    const image = images[which] as Docker25Image;
    const repository = `sources/docker25-${repo}`;
    const { graph, status } = await push(`docker-archive:${file}:${pick}`, repository);
    expect(status).toBe('pushed');
    expect(graph.root.digest).toBe(image.manifest.digest);
    expect(await inspectRaw(registry, `${repository}@${image.manifest.digest}`)).toEqual(
      image.manifest.bytes,
    );
    // skopeo's dir: transport stores blobs as they come (oci: would compress these layers).
    const back = join(work, `back-docker25-${repo}`);
    const copied = await skopeo([
      'copy',
      '--src-tls-verify=false',
      `docker://${registry.host}/${repository}@${image.manifest.digest}`,
      `dir:${back}`,
    ]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    for (const layer of [image.config, ...image.layers]) {
      const bytes = await readFile(join(back, layer.digest.slice(7)));
      expect(bytes.equals(layer.bytes)).toBe(true);
    }
  });

  test('without annotations the entry is found by its config digest', async () => {
    const plain = join(work, 'docker25-plain.tar');
    const [image] = await makeDocker25Archive(plain, [{ name: 'solo:1' }]);
    // Strip the name annotations from index.json, as an older or foreign writer might.
    const dir = `${plain}.d`;
    const indexPath = join(dir, 'index.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8')) as {
      manifests: { annotations?: object }[];
    };
    for (const entry of index.manifests) delete entry.annotations;
    await writeFile(indexPath, JSON.stringify(index));
    await rm(plain);
    await create({ file: plain, cwd: dir, portable: true }, await readdir(dir));

    const source = open(`docker-archive:${plain}`);
    expect((await source.resolve()).digest).toBe(image?.manifest.digest);
    await source.close?.();
  });
});
