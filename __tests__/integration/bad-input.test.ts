import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { makeOciLayout } from '../harness/fixtures.js';
import { freePort } from '../harness/ports.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { holds } from '../harness/skopeo.js';

/** Bad input gets a clear error and loses nothing: no manifest, no tag. */
let registry: TestRegistry;
let work: string;
beforeAll(async () => {
  registry = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-bad-'));
});
afterAll(async () => {
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

const manifestExists = (repository: string, digest: string): Promise<boolean> =>
  holds(registry, `${repository}@${digest}`);

test('a layer whose bytes do not match its digest: the step fails naming the blob, and no manifest lands', async () => {
  const layout = await makeOciLayout(join(work, 'corrupt'), { layerSizes: [4096, 256 * 1024] });
  const layer = layout.layers[1];
  if (!layer) throw new Error('no layer');
  const corrupt = Buffer.from(layer.bytes);
  corrupt[100] = (corrupt[100] ?? 0) ^ 0xff;
  await writeFile(join(layout.dir, 'blobs', 'sha256', layer.digest.slice(7)), corrupt);

  const run = await runAction({
    image: `oci:${layout.dir}`,
    repository: 'bad/corrupt',
    registries: `${registry.host} dev`,
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`blob ${layer.digest}: content does not match its digest`);
  expect(await manifestExists('bad/corrupt', layout.manifest.digest)).toBe(false);
  // The corrupt layer never completed an upload either.
  const blob = await fetch(`${registry.url}/v2/bad/corrupt/blobs/${layer.digest}`, {
    method: 'HEAD',
  });
  expect(blob.status).toBe(404);
  const [result] = JSON.parse(run.outputs.result ?? '[]') as { status: string; error: string }[];
  expect(result?.status).toBe('failed');
  expect(run.outputs.ref).toBe('');
});

test('a blob missing from the layout: the step fails naming it and what to do, and no manifest or tag lands', async () => {
  const layout = await makeOciLayout(join(work, 'missing'), { layerSizes: [2048, 4096] });
  const layer = layout.layers[1];
  if (!layer) throw new Error('no layer');
  await rm(join(layout.dir, 'blobs', 'sha256', layer.digest.slice(7)));

  const run = await runAction({
    image: `oci:${layout.dir}`,
    repository: 'bad/missing',
    registries: `${registry.host}`,
    build: 'release',
    version: '1.0.0',
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`${layer.digest} is missing`);
  expect(run.stdout).toContain('the layout is incomplete, so re-export the image');
  expect(await manifestExists('bad/missing', layout.manifest.digest)).toBe(false);
  const tags = await fetch(`${registry.url}/v2/bad/missing/tags/list`);
  expect(tags.status === 404 || !((await tags.json()) as { tags?: string[] }).tags?.length).toBe(
    true,
  );
});

test('a registry that is down: the step fails naming the host, after bounded retries', async () => {
  const layout = await makeOciLayout(join(work, 'down'));
  const deadHost = `127.0.0.1:${await freePort()}`;
  const run = await runAction({
    image: `oci:${layout.dir}`,
    repository: 'bad/down',
    registries: `${deadHost} dev`,
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`::error title=oci-push%3A ${deadHost.replace(':', '%3A')}::`);
  expect(run.stdout).toMatch(
    /the registry could not be reached .*ECONNREFUSED.*Check the host in `registries`/,
  );
}, 60_000);

test('a directory that is not an OCI layout fails before any registry is touched', async () => {
  const run = await runAction({
    image: `oci:${work}/nothing-here`,
    repository: 'bad/none',
    registries: `${registry.host} dev`,
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('not an OCI image layout (no oci-layout file');
});

test('a malformed repository names the input', async () => {
  const run = await runAction({
    image: `oci:${work}`,
    repository: 'Giant Swarm/App',
    registries: `${registry.host} dev`,
  });
  expect(run.code).toBe(2);
  expect(run.stdout).toContain(
    '::error::repository "Giant Swarm/App" is not a valid repository path',
  );
});

describe('an empty `registries` given explicitly is an input error, never the defaults', () => {
  // A safety net: were the defaults used, nothing may leave this machine for gsoci.
  const offline = { HTTPS_PROXY: 'http://127.0.0.1:1', HTTP_PROXY: 'http://127.0.0.1:1' };
  const refused = /registries: given, but empty/;

  test("the action, `registries: ''` (an unset variable)", async () => {
    const layout = await makeOciLayout(join(work, 'empty-registries'));
    const run = await runAction(
      { image: `oci:${layout.dir}`, repository: 'bad/empty', registries: '' },
      offline,
    );
    // An input error: exit 2 from the action as from the CLI (docs/exit-codes.md).
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(refused);
    expect(run.stdout).not.toContain('gsoci.azurecr.io/bad/empty');
  });

  test.each([
    ["--registries ''", ['--registries', ''], {}],
    ['OCI_PUSH_REGISTRIES set to nothing', [], { OCI_PUSH_REGISTRIES: '' }],
  ])('the CLI, %s: exit 2', async (_name, flags, env) => {
    const layout = await makeOciLayout(join(work, `empty-registries-cli-${flags.length}`));
    const run = await runCli(
      ['push', '--image', `oci:${layout.dir}`, '--repository', 'bad/empty', ...flags],
      { env: { ...offline, ...env, CIRCLECI: 'true', CIRCLE_SHA1: 'c1'.repeat(20) } },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(refused);
    expect(run.stderr).not.toContain('gsoci.azurecr.io/bad/empty');
  });
});
