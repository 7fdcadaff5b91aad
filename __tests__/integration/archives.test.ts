import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { create } from 'tar';
import { type ActionRun, runAction } from '../harness/action.js';
import {
  blobOf,
  descriptorOf,
  type FixtureBlob,
  imageManifestOf,
  makeDocker25Archive,
  tarLayout,
  tarOf,
  writeLayout,
} from '../harness/fixtures.js';
import { ownClient } from '../harness/own-client.js';
import { runCommand } from '../harness/processes.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, listTags, skopeo } from '../harness/skopeo.js';

/**
 * Archives as real tools write them, each made here in the shape the tool writes (read from
 * the tool's source, cited per test), pushed by the built action, and each also copied by
 * skopeo, which accepts them all: what lands is compared with what skopeo pushed.
 */
let registry: TestRegistry;
let work: string;

beforeAll(async () => {
  registry = await startRegistry('anonymous', { foreignLayerUrls: true });
  work = await mkdtemp(join(tmpdir(), 'oci-push-archives-'));
});
afterAll(async () => {
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

let pushes = 0;
/** A dev build of `image` into a fresh repository; the run and where it went. */
async function push(image: string): Promise<{ run: ActionRun; repository: string }> {
  const repository = `archives/run-${pushes++}`;
  const run = await runAction({ image, repository, registries: `${registry.host} dev` });
  return { run, repository };
}

/** The pushed image's manifest (by the action's `digest` output), as the registry has it. */
async function pushedManifest(repository: string, digest: string): Promise<ManifestJson> {
  return JSON.parse(
    (await inspectRaw(registry, `${repository}@${digest}`)).toString('utf8'),
  ) as ManifestJson;
}

interface ManifestJson {
  config: { digest: string };
  layers: { mediaType: string; digest: string; urls?: string[] }[];
}

/** skopeo copies the same source into the registry; the manifest it pushed. */
async function skopeoPush(source: string): Promise<ManifestJson> {
  const reference = `archives/skopeo-${pushes++}:1`;
  const copied = await skopeo([
    'copy',
    '--quiet',
    '--dest-tls-verify=false',
    source,
    `docker://${registry.host}/${reference}`,
  ]);
  if (copied.code !== 0) throw new Error(`skopeo copy ${source} failed: ${copied.stderr}`);
  return JSON.parse((await inspectRaw(registry, reference)).toString('utf8')) as ManifestJson;
}

const listTagsOf = (repository: string): Promise<string[]> => listTags(registry, repository);

const sha256 = (bytes: Buffer): string =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Re-tars a `docker save` directory in docker's order. */
async function retar(dir: string, file: string, entries: string[]): Promise<string> {
  await create({ file, cwd: dir, portable: true, mtime: new Date(0) }, entries);
  return file;
}

const DOCKER25_ENTRIES = ['blobs', 'index.json', 'manifest.json', 'oci-layout', 'repositories'];

test('Docker 25.0.0 `docker save IMAGE@DIGEST` ("manifests": null): read from manifest.json, as skopeo does', async () => {
  // moby#47210: saved by digest, index.json held `"manifests": null` and RepoTags was null.
  const file = join(work, 'by-digest.tar');
  const [image] = await makeDocker25Archive(file, [{ name: 'app:1.0' }]);
  const dir = `${file}.d`;
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: null,
    }),
  );
  const manifestJson = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    RepoTags: unknown;
  }[];
  await writeFile(
    join(dir, 'manifest.json'),
    `${JSON.stringify(manifestJson.map((m) => ({ ...m, RepoTags: null })))}\n`,
  );
  await retar(dir, file, DOCKER25_ENTRIES);

  const { run, repository } = await push(`docker-archive:${file}`);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  const ours = await pushedManifest(repository, run.outputs.digest ?? '');
  const theirs = await skopeoPush(`docker-archive:${file}`);
  // The same image skopeo builds from manifest.json (each compresses the layers its own way).
  expect(ours.config.digest).toBe(image?.config.digest);
  expect(ours.config.digest).toBe(theirs.config.digest);
  expect(ours.layers).toHaveLength(theirs.layers.length);
}, 120_000);

/**
 * What `ctr export --platform linux/amd64` writes (containerd `core/images/archive/
 * exporter.go`): index.json names the multi-platform index (annotated with the image name),
 * the index blob lists every platform, but only the chosen platform's manifest, config and
 * layers are in blobs/; manifest.json names that platform's config and (gzipped) layers.
 */
async function ctrExport(file: string): Promise<{ amd64: FixtureBlob; config: FixtureBlob }> {
  const platform = (architecture: string) => {
    const raw = randomBytes(2048);
    const tar = Buffer.concat([raw]);
    const layer = blobOf('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(tar));
    const config = blobOf(
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(
        JSON.stringify({
          architecture,
          os: 'linux',
          rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
        }),
      ),
    );
    const manifest = imageManifestOf(config, [layer]);
    return { manifest, config, layer, architecture };
  };
  const amd64 = platform('amd64');
  const arm64 = platform('arm64');
  const index = blobOf(
    'application/vnd.oci.image.index.v1+json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [amd64, arm64].map((p) => ({
          ...descriptorOf(p.manifest),
          platform: { architecture: p.architecture, os: 'linux' },
        })),
      }),
    ),
  );
  const dir = `${file}.d`;
  await writeLayout(
    dir,
    [index, amd64.manifest, amd64.config, amd64.layer],
    [
      {
        ...descriptorOf(index),
        annotations: {
          'io.containerd.image.name': 'docker.io/library/app:1.0',
          'org.opencontainers.image.ref.name': '1.0',
        },
      },
    ],
  );
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify([
      {
        Config: `blobs/sha256/${amd64.config.digest.slice(7)}`,
        RepoTags: ['app:1.0'],
        Layers: [`blobs/sha256/${amd64.layer.digest.slice(7)}`],
      },
    ]),
  );
  await retar(dir, file, ['blobs', 'index.json', 'manifest.json', 'oci-layout']);
  return { amd64: amd64.manifest, config: amd64.config };
}

test('`ctr export --platform` (an index of every platform, blobs for one): the exported platform is pushed', async () => {
  const file = join(work, 'ctr-export.tar');
  const { amd64, config } = await ctrExport(file);
  const { run, repository } = await push(`docker-archive:${file}`);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  // The platform's own manifest, byte for byte as containerd has it.
  expect(run.outputs.digest).toBe(amd64.digest);
  expect((await inspectRaw(registry, `${repository}@${amd64.digest}`)).equals(amd64.bytes)).toBe(
    true,
  );
  const theirs = await skopeoPush(`docker-archive:${file}`);
  expect(theirs.config.digest).toBe(config.digest);
}, 120_000);

test('an index.json entry of an unknown media type beside the image is passed over', async () => {
  const file = join(work, 'unknown-entry.tar');
  const made = await makeDocker25Archive(file, [{ name: 'app:1.0' }]);
  const image = made[0] as NonNullable<(typeof made)[0]>;
  const layoutDir = join(work, 'unknown-entry-layout');
  await cp(`${file}.d`, layoutDir, { recursive: true });
  const thing = blobOf('application/vnd.example.thing.v1+json', Buffer.from('{"thing":1}'));
  await writeLayout(
    layoutDir,
    [image.manifest, image.config, ...image.layers, thing],
    [
      { ...descriptorOf(thing), annotations: { 'org.opencontainers.image.ref.name': 'thing' } },
      {
        ...descriptorOf(image.manifest),
        annotations: { 'org.opencontainers.image.ref.name': 'app' },
      },
    ],
  );
  const archive = await tarLayout(layoutDir, join(work, 'unknown-entry-oci.tar'));
  for (const source of [`oci-archive:${archive}`, `oci-archive:${archive}:app`]) {
    const { run } = await push(source);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.outputs.digest).toBe(image.manifest.digest);
  }
  const theirs = await skopeoPush(`oci-archive:${archive}:app`);
  expect(theirs.config.digest).toBe(image.config.digest);
}, 120_000);

describe('`docker save | xz` and `| bzip2`', () => {
  let plain: string;
  let manifestDigest: string;
  beforeAll(async () => {
    plain = join(work, 'compressed.tar');
    const [image] = await makeDocker25Archive(plain, [{ name: 'app:1.0' }]);
    manifestDigest = image?.manifest.digest ?? '';
  });

  test.each([
    ['xz', ['xz', '-k', '-T1', '-0']],
    ['bzip2', ['bzip2', '-k']],
  ])(
    '%s: pushed as the plain archive is, by the real tool',
    async (extension, command) => {
      const [tool = '', ...flags] = command;
      const file = `${plain}.${extension === 'xz' ? 'xz' : 'bz2'}`;
      const made = await runCommand(tool, [...flags, plain]);
      expect(made.code).toBe(0);
      const { run } = await push(`docker-archive:${file}`);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.outputs.digest).toBe(manifestDigest);
      const theirs = await skopeoPush(`docker-archive:${file}`);
      expect(theirs.layers).toHaveLength(2);
    },
    120_000,
  );

  test.each([
    ['xz', 'xz', 'xz: corrupt data'],
    ['bzip2', 'bz2', 'bzip2 -dc: bzip2: Compressed file ends unexpectedly'],
  ])(
    "a damaged %s archive is refused by the decompressor's own words, naming the file",
    async (_name, extension, words) => {
      const bytes = Buffer.from(await readFile(`${plain}.${extension}`));
      // xz: bytes flipped in the middle; bzip2: cut in half.
      const damaged =
        extension === 'xz'
          ? bytes.map((b, i) => (i >= 200 && i < 260 ? b ^ 0xff : b))
          : bytes.subarray(0, bytes.length / 2);
      const file = join(work, `damaged.tar.${extension}`);
      await writeFile(file, damaged);
      const { run, repository } = await push(`docker-archive:${file}`);
      expect(run.code).toBe(1);
      expect(run.outputs.result).toContain(`${file} could not be decompressed (${words}`);
      expect(await listTagsOf(repository)).toEqual([]);
    },
    60_000,
  );
});

describe('non-distributable (foreign) layers: never uploaded, and may be missing', () => {
  let server: Server;
  let base: string;
  const served: FixtureBlob[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const blob = served.find((b) => req.url === `/${b.digest}`);
      res.writeHead(blob ? 200 : 404).end(blob?.bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** An OCI archive whose first layer is Windows-style foreign, served from `base`. */
  async function foreignArchive(name: string, withForeignBlob: boolean) {
    const tars = [await tarOf({ base: randomBytes(1024) }), await tarOf({ app: randomBytes(512) })];
    const foreign = blobOf(
      'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
      gzipSync(tars[0] as Buffer),
    );
    const own = blobOf('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(tars[1] as Buffer));
    served.push(foreign);
    const config = blobOf(
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(
        JSON.stringify({
          architecture: 'amd64',
          os: 'windows',
          rootfs: { type: 'layers', diff_ids: tars.map((t) => sha256(t)) },
        }),
      ),
    );
    const manifest = imageManifestOf(config, [
      { descriptor: { ...descriptorOf(foreign), urls: [`${base}/${foreign.digest}`] } },
      own,
    ]);
    const dir = join(work, name);
    await writeLayout(
      dir,
      [manifest, config, own, ...(withForeignBlob ? [foreign] : [])],
      [descriptorOf(manifest)],
    );
    return { file: await tarLayout(dir, `${dir}.tar`), manifest, foreign, own };
  }

  test.each([
    ['absent from the archive', false],
    ['present in the archive', true],
  ])(
    'the foreign layer %s: pushed without it; a client fetches it from its URL',
    async (name, withBlob) => {
      const made = await foreignArchive(`foreign-${String(withBlob)}`, withBlob);
      const { run, repository } = await push(`oci-archive:${made.file}`);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.outputs.digest).toBe(made.manifest.digest);
      const client = ownClient(registry);
      expect(await client.blobExists(repository, made.foreign.digest as `sha256:${string}`)).toBe(
        false,
      );
      expect(await client.blobExists(repository, made.own.digest as `sha256:${string}`)).toBe(true);
      // skopeo reads the pushed image back whole, the foreign layer from its URL.
      const out = join(work, `read-back-${name.replace(/ /g, '-')}`);
      const back = await skopeo([
        'copy',
        '--quiet',
        '--src-tls-verify=false',
        `docker://${registry.host}/${repository}@${made.manifest.digest}`,
        `dir:${out}`,
      ]);
      expect(back.stderr).toBe('');
      expect(
        (await readFile(join(out, made.foreign.digest.slice(7)))).equals(made.foreign.bytes),
      ).toBe(true);
    },
    120_000,
  );

  test('skopeo does the same with that archive: the layer is not uploaded', async () => {
    const made = await foreignArchive('foreign-skopeo', true);
    const reference = `archives/skopeo-foreign:1`;
    const copied = await skopeo([
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      `oci-archive:${made.file}`,
      `docker://${registry.host}/${reference}`,
    ]);
    expect(copied.stderr).toBe('');
    expect(
      await ownClient(registry).blobExists(
        'archives/skopeo-foreign',
        made.foreign.digest as `sha256:${string}`,
      ),
    ).toBe(false);
  }, 120_000);
});

describe('pre-25 `docker save` with gzipped layers: each checked against its diff_id', () => {
  /** The old format, a layer written gzipped (as crane and ctr write them). */
  async function legacyArchive(name: string, layerTar: Buffer, diffIdOf: Buffer): Promise<string> {
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [sha256(diffIdOf)] },
      }),
    );
    const file = join(work, `${name}.tar`);
    await writeFile(
      file,
      await tarOf({
        'manifest.json': JSON.stringify([
          { Config: 'config.json', RepoTags: ['app:1.0'], Layers: ['layer.tar.gz'] },
        ]),
        'config.json': config,
        'layer.tar.gz': gzipSync(layerTar),
      }),
    );
    return file;
  }

  test('a gzipped layer that matches is pushed as it is (control), and skopeo takes it too', async () => {
    const tar = await tarOf({ app: randomBytes(700) });
    const file = await legacyArchive('gzipped-good', tar, tar);
    const { run, repository } = await push(`docker-archive:${file}`);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const ours = await pushedManifest(repository, run.outputs.digest ?? '');
    expect(ours.layers[0]?.digest).toBe(sha256(gzipSync(tar)));
    const theirs = await skopeoPush(`docker-archive:${file}`);
    expect(theirs.config.digest).toBe(ours.config.digest);
  }, 120_000);

  test('a damaged gzipped layer (its content is not the diff_id) is refused before anything is pushed', async () => {
    const tar = await tarOf({ app: randomBytes(700) });
    const other = await tarOf({ app: randomBytes(700) });
    const file = await legacyArchive('gzipped-damaged', other, tar);
    const { run, repository } = await push(`docker-archive:${file}`);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toContain(
      `its content hashes to ${sha256(other)}, but the image config says ${sha256(tar)}`,
    );
    expect(
      await ownClient(registry).blobExists(
        repository,
        sha256(gzipSync(other)) as `sha256:${string}`,
      ),
    ).toBe(false);
  }, 120_000);
});

test('foreign layers of an old `docker save` (LayerSources) keep their descriptor and are not uploaded', async () => {
  const foreignTar = await tarOf({ base: randomBytes(900) });
  const ownTar = await tarOf({ app: randomBytes(600) });
  const foreign = {
    mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
    size: 4321,
    digest: sha256(randomBytes(32)),
    urls: ['https://mcr.microsoft.com/v2/windows/servercore/blobs/sha256:1'],
  };
  const file = join(work, 'layer-sources.tar');
  await writeFile(
    file,
    await tarOf({
      'manifest.json': JSON.stringify([
        {
          Config: 'config.json',
          RepoTags: ['app:1.0'],
          Layers: ['foreign/layer.tar', 'own/layer.tar'],
          LayerSources: { [sha256(foreignTar)]: foreign },
        },
      ]),
      'config.json': JSON.stringify({
        architecture: 'amd64',
        os: 'windows',
        rootfs: { type: 'layers', diff_ids: [sha256(foreignTar), sha256(ownTar)] },
      }),
      'foreign/layer.tar': foreignTar,
      'own/layer.tar': ownTar,
    }),
  );
  const { run, repository } = await push(`docker-archive:${file}`);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  const ours = await pushedManifest(repository, run.outputs.digest ?? '');
  expect(ours.layers[0]).toEqual(foreign);
  expect(
    await ownClient(registry).blobExists(repository, foreign.digest as `sha256:${string}`),
  ).toBe(false);
  // skopeo 1.9 takes the archive too, though it ignores LayerSources and uploads the layer
  // as an ordinary one; `docker load` then `docker push` keep it foreign, as oci-push does.
  const theirs = await skopeoPush(`docker-archive:${file}`);
  expect(theirs.config.digest).toBe(ours.config.digest);
}, 120_000);
