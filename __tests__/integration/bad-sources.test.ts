import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, extract } from 'tar';
import { runAction } from '../harness/action.js';
import {
  makeLoadableLayout,
  mergeDockerArchives,
  skopeoDockerArchive,
  tarLayout,
} from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';

/**
 * A bad `image` input fails the step with a message that names the input, says what is wrong
 * and what to do, and nothing reaches the registry: not a blob, not a manifest, not a tag.
 */
let registry: TestRegistry;
let work: string;
let legacy: string;
let two: string;
let ociTar: string;

beforeAll(async () => {
  registry = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-bad-sources-'));
  const a = await makeLoadableLayout(join(work, 'a'));
  const b = await makeLoadableLayout(join(work, 'b'), { layerSizes: [512] });
  legacy = await skopeoDockerArchive(a.dir, join(work, 'a.tar'), 'example/app:1.0');
  const other = await skopeoDockerArchive(b.dir, join(work, 'b.tar'), 'example/second:2');
  two = await mergeDockerArchives([legacy, other], join(work, 'two.tar'));
  ociTar = await tarLayout(a.dir, join(work, 'oci.tar'));
});
afterAll(async () => {
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

/**
 * Runs the action; asserts it failed saying each of `messages`, and the registry holds nothing.
 * A source that can't be read exits 1; a reference that can't even be parsed is an input
 * error, 2 (`expectMalformed`).
 */
async function expectRefused(image: string, ...messages: (string | RegExp)[]): Promise<void> {
  await refused(1, image, messages);
}

async function expectMalformed(image: string, ...messages: (string | RegExp)[]): Promise<void> {
  await refused(2, image, messages);
}

async function refused(code: number, image: string, messages: (string | RegExp)[]): Promise<void> {
  const repository = `bad/${randomBytes(4).toString('hex')}`;
  const run = await runAction({ image, repository, registries: `${registry.host} dev` });
  expect(run.code).toBe(code);
  expect(run.stdout).toMatch(/::error/);
  for (const message of messages) {
    if (typeof message === 'string') expect(run.stdout).toContain(message);
    else expect(run.stdout).toMatch(message);
  }
  const catalog = (await (await fetch(`${registry.url}/v2/_catalog`)).json()) as {
    repositories: string[];
  };
  expect(catalog.repositories).not.toContain(repository);
  expect(run.outputs.digest ?? '').toBe('');
}

test.each([
  ['ftp:./image.tar', 'does not start with a known transport (oci:, oci-archive:'],
  ['ghcr.io/org/app:1.0', 'for an image in a registry write docker://ghcr.io/org/app:1.0'],
  ['docker-archive:x.tar:App:1', '"App" is not a valid repository path'],
  ['docker-archive:x.tar:@one', 'an index into the archive is @ and a number'],
  [
    'docker://gsoci.azurecr.io/app:1@sha256:abc',
    '"sha256:abc" is not sha256: and 64 lower-case hex digits',
  ],
  ['docker:gsoci.azurecr.io/app', 'is missing "//" after "docker:"'],
])('a malformed reference %s is refused before any registry is touched', async (image, message) => {
  await expectMalformed(image, `image "${image}"`, message);
});

test('a missing archive', async () => {
  const file = join(work, 'nope.tar');
  await expectRefused(
    `oci-archive:${file}`,
    `oci-archive:${file}: the file ${file} does not exist; check the path`,
  );
});

test('a file that is not a tar', async () => {
  const file = join(work, 'random.bin');
  await writeFile(file, randomBytes(4096));
  await expectRefused(
    `docker-archive:${file}`,
    `docker-archive:${file}: ${file} is not a tar archive`,
  );
});

test('the wrong kind of archive says which transport reads it', async () => {
  await expectRefused(`oci-archive:${legacy}`, `so write docker-archive:${legacy}`);
  await expectRefused(`docker-archive:${ociTar}`, `so write oci-archive:${ociTar}`);
});

test('an archive with two images and no name lists them', async () => {
  await expectRefused(
    `docker-archive:${two}`,
    `docker-archive:${two} holds 2 images (docker.io/example/app:1.0, ` +
      `docker.io/example/second:2); name one with docker-archive:${two}:NAME:TAG`,
  );
  await expectRefused(
    `docker-archive:${two}:example/third:3`,
    `no image in ${two} is tagged example/third:3; it holds docker.io/example/app:1.0`,
  );
  await expectRefused(`docker-archive:${two}:@2`, 'holds 2 image(s), so @2 is out of range');
});

test('a legacy layer whose bytes do not match its diff_id', async () => {
  const dir = join(work, 'corrupt');
  await mkdir(dir);
  await extract({ file: legacy, cwd: dir });
  const [item] = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    Layers: string[];
  }[];
  const layerName = item?.Layers[1] ?? '';
  const layerPath = join(dir, layerName);
  const bytes = await readFile(layerPath);
  bytes[bytes.length - 2048] = (bytes[bytes.length - 2048] ?? 0) ^ 0xff;
  await rm(layerPath);
  await writeFile(layerPath, bytes);
  const file = join(work, 'corrupt.tar');
  await create({ file, cwd: dir, portable: true }, await readdir(dir));

  await expectRefused(
    `docker-archive:${file}`,
    new RegExp(
      `docker-archive:${file}: layer 1 \\(${layerName}\\): its content hashes to sha256:[0-9a-f]{64}, ` +
        'but the image config says sha256:[0-9a-f]{64} \\(rootfs.diff_ids\\); the archive is damaged',
    ),
  );
});
