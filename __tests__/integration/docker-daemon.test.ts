import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runAction } from '../harness/action.js';
import { startDockerDaemon, type TestDockerDaemon } from '../harness/docker-daemon.js';
import {
  makeLoadableLayout,
  type OciLayoutFixture,
  skopeoDockerArchive,
} from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, skopeo } from '../harness/skopeo.js';

/**
 * `docker-daemon:NAME:TAG` against a real docker daemon (dockerd 20.10 from Debian, on a
 * private socket): the image is `docker load`ed from a skopeo-made archive, then the built
 * action pushes it from the daemon, which it reaches through DOCKER_HOST as a job would.
 * dockerd 20.10 saves the pre-25 format, so the action builds the Docker v2 manifest.
 */
let daemon: TestDockerDaemon;
let registry: TestRegistry;
let work: string;
let image: OciLayoutFixture & { diffIds: string[] };

beforeAll(async () => {
  [daemon, registry] = await Promise.all([startDockerDaemon(), startRegistry('anonymous')]);
  work = await mkdtemp(join(tmpdir(), 'oci-push-daemon-'));
  image = await makeLoadableLayout(join(work, 'layout'), { layerSizes: [4096, 300 * 1024] });
  const archive = await skopeoDockerArchive(image.dir, join(work, 'image.tar'), 'example/app:1.0');
  const loaded = await daemon.docker(['load', '-i', archive]);
  if (loaded.code !== 0) throw new Error(`docker load failed: ${loaded.stderr}`);
}, 120_000);
afterAll(async () => {
  await Promise.all([daemon?.stop(), registry?.stop()]);
  await rm(work, { recursive: true, force: true });
});

test('pushes an image from the daemon: skopeo reads back the config and layers docker holds', async () => {
  const run = await runAction(
    {
      image: 'docker-daemon:example/app:1.0',
      repository: 'daemon/app',
      registries: `${registry.host} dev`,
    },
    { DOCKER_HOST: daemon.host },
  );
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  const digest = run.outputs.digest ?? '';
  expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);

  const raw = await inspectRaw(registry, `daemon/app@${digest}`);
  expect(`sha256:${createHash('sha256').update(raw).digest('hex')}`).toBe(digest);
  const manifest = JSON.parse(raw.toString('utf8')) as {
    mediaType: string;
    config: { digest: string };
    layers: { digest: string }[];
  };
  expect(manifest.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
  // docker keeps an image's config byte for byte (its ID is the config's digest).
  expect(manifest.config.digest).toBe(image.config.digest);

  const back = join(work, 'back');
  const copied = await skopeo([
    'copy',
    '--src-tls-verify=false',
    `docker://${registry.host}/daemon/app@${digest}`,
    `dir:${back}`,
  ]);
  expect(copied.code).toBe(0);
  for (const [i, layer] of manifest.layers.entries()) {
    const gz = await readFile(join(back, layer.digest.slice(7)));
    expect(`sha256:${createHash('sha256').update(gunzipSync(gz)).digest('hex')}`).toBe(
      image.diffIds[i],
    );
  }
});

test('an image the daemon does not have: the step fails with docker’s own words, and pushes nothing', async () => {
  const run = await runAction(
    {
      image: 'docker-daemon:example/missing:9',
      repository: 'daemon/missing',
      registries: `${registry.host} dev`,
    },
    { DOCKER_HOST: daemon.host },
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(
    'docker-daemon:example/missing:9: `docker save example/missing:9` failed',
  );
  expect(run.stdout).toMatch(/No such image|reference does not exist/);
  const tags = await fetch(`${registry.url}/v2/daemon/missing/tags/list`);
  expect(tags.status).toBe(404);
});

test('a daemon that cannot be reached: the step says so and how to point at one, not "check the image"', async () => {
  const run = await runAction(
    {
      image: 'docker-daemon:example/app:1.0',
      repository: 'daemon/unreachable',
      registries: `${registry.host} dev`,
    },
    { DOCKER_HOST: `unix://${join(work, 'no-daemon.sock')}` },
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/the docker daemon can't be reached \("Cannot connect/);
  expect(run.stdout).toContain('point DOCKER_HOST at the daemon that holds the image');
  expect(run.stdout).not.toContain('Check that the image is in the daemon');
  expect(run.stdout).not.toMatch(/\?\.\s/);
});
