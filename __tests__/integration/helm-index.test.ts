import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runAction } from '../harness/action.js';
import {
  helmSession,
  HELMS,
  type HelmSession,
  makeChartDir,
  pathWithHelm,
} from '../harness/charts.js';
import { runCli } from '../harness/cli.js';
import { startFileServer, type FileServer } from '../harness/file-server.js';
import { blobOf, makeOciLayout } from '../harness/fixtures.js';
import { ownClient } from '../harness/own-client.js';
import { startPagingProxy } from '../harness/paging-proxy.js';
import { putReferrer } from '../harness/referrers.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, skopeo } from '../harness/skopeo.js';
import { HELM3 } from '../harness/tools.js';

/**
 * `oci-push catalog` against a real registry holding charts pushed by real helm: the index
 * it builds is served over HTTP as GitHub Pages would, and helm v3.17 and v4.1 use it as
 * any chart repository (`repo add`, `search repo --versions`, `pull`, `template`), pulling
 * the charts themselves from the registry. The stored copy (`charts/giantswarm:latest`) is
 * read back with skopeo.
 */
let registry: TestRegistry;
let work: string;
let pages: FileServer;
let catalog: { code: number; stdout: string; stderr: string };
const NAMESPACE = 'charts/giantswarm';

/** Every chart version pushed, newest first per chart, as helm must list them. */
const ALPHA = ['2.0.0+build.5', '1.0.0', '1.0.0-rc.10', '1.0.0-rc.2', '0.10.0', '0.2.0', '0.1.0'];
const BETA = ['3.1.0', '3.0.0'];

const credentials = (): Record<string, string> => ({
  OCI_PUSH_CREDENTIALS: `${registry.host}=${registry.username}:${registry.password}`,
});

/**
 * `helm registry login`, written directly (its `--plain-http` differs between the two helms):
 * a docker config, at HELM_REGISTRY_CONFIG and at helm's default place. A chart pulled through
 * a repository index is fetched by a registry client helm makes for the `oci://` URL, which
 * reads only the default place ($HELM_CONFIG_HOME/registry/config.json).
 */
async function logIn(session: HelmSession): Promise<void> {
  const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
  const config = JSON.stringify({ auths: { [registry.host]: { auth } } });
  await writeFile(join(session.home, 'registry.json'), config);
  await mkdir(join(session.home, 'config', 'registry'), { recursive: true });
  await writeFile(join(session.home, 'config', 'registry', 'config.json'), config);
}

async function pushWithHelm(
  name: string,
  version: string,
  options: { extra?: string; namespace?: string } = {},
): Promise<void> {
  const session = await helmSession(HELM3);
  try {
    const dir = await mkdtemp(join(work, `${name}-`));
    const chart = await makeChartDir(dir, {
      name,
      version,
      appVersion: `app-${version}`,
      ...(options.extra && { extra: options.extra }),
    });
    await logIn(session);
    expect((await session.run(['package', chart.dir, '--destination', dir], dir)).code).toBe(0);
    const pushed = await session.run(
      [
        'push',
        join(dir, `${name}-${version}.tgz`),
        `oci://${registry.host}/${options.namespace ?? NAMESPACE}`,
        '--plain-http',
      ],
      dir,
    );
    expect(pushed.stderr).toMatch(/Pushed:/);
  } finally {
    await session.close();
  }
}

beforeAll(async () => {
  registry = await startRegistry('token');
  work = await mkdtemp(join(tmpdir(), 'oci-push-helm-index-'));
  for (const version of [...ALPHA].reverse()) await pushWithHelm('alpha', version);
  // Metadata a YAML 1.1 reader (helm) would take for booleans unless quoted.
  const tricky = 'keywords:\n  - "yes"\n  - "on"';
  for (const version of BETA) await pushWithHelm('beta', version, { extra: tricky });
  // Not charts of this namespace: one a level deeper, and one in another namespace.
  await pushWithHelm('gamma', '1.0.0', { namespace: `${NAMESPACE}/deeper` });
  await pushWithHelm('epsilon', '1.0.0', { namespace: 'charts/other' });
  // An image, tagged like a version, among the charts.
  const image = await makeOciLayout(join(work, 'image'), { layerSizes: [64] });
  expect(
    (
      await skopeo([
        'copy',
        '--dest-tls-verify=false',
        `--dest-creds=${registry.username}:${registry.password}`,
        `oci:${image.dir}`,
        `docker://${registry.host}/${NAMESPACE}/not-a-chart:1.0.0`,
      ])
    ).code,
  ).toBe(0);
  // A dev build of a chart, by digest only: never listed.
  const dev = await makeChartDir(await mkdtemp(join(work, 'dev-')), { name: 'delta' });
  const devRun = await runAction(
    {
      chart: dev.dir,
      registries: `${registry.host} dev`,
      credentials: `${registry.host}=${registry.username}:${registry.password}`,
    },
    { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'c'.repeat(40), PATH: pathWithHelm(HELM3) },
  );
  expect(devRun.code).toBe(0);

  await mkdir(join(work, 'site'));
  catalog = await runCli(
    ['catalog', '--registry', registry.host, '--out', join(work, 'site', 'index.yaml'), '--write'],
    { env: credentials() },
  );
  pages = await startFileServer(join(work, 'site'));
});
afterAll(async () => {
  await pages?.close();
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

interface IndexYaml {
  apiVersion: string;
  entries: Record<
    string,
    { version: string; digest: string; urls: string[]; keywords?: unknown }[]
  >;
}

test('catalog lists every chart version of the namespace, and leaves out what is not one', async () => {
  expect(catalog.stderr).toContain('oci-push catalog:');
  expect(catalog.code).toBe(0);
  const index = parse(await readFile(join(work, 'site', 'index.yaml'), 'utf8')) as IndexYaml;
  expect(index.apiVersion).toBe('v1');
  expect(Object.keys(index.entries).sort()).toEqual(['alpha', 'beta']);
  expect(index.entries.alpha?.map((e) => e.version)).toEqual(ALPHA);
  expect(index.entries.alpha?.[0]?.urls).toEqual([
    `oci://${registry.host}/${NAMESPACE}/alpha:2.0.0+build.5`,
  ]);
  // The image is named as left out; the dev chart has no tag, so nothing of it is listed.
  expect(catalog.stderr).toMatch(/not-a-chart:1\.0\.0: .*is not a Helm chart/);
  expect(catalog.stderr).toContain('charts/giantswarm/delta: 0 version(s) listed');
  expect(catalog.stderr).not.toMatch(/delta:\S+: /);
});

describe.each(HELMS)('%s with the index served over HTTP', (_name, helmBinary) => {
  let session: HelmSession;
  beforeAll(async () => {
    session = await helmSession(helmBinary);
    await logIn(session);
    const added = await session.run(['repo', 'add', 'gs', pages.url]);
    expect({ code: added.code, stderr: added.stderr }).toEqual({ code: 0, stderr: '' });
  });
  afterAll(() => session?.close());

  test('repo add, and search --versions lists every version, newest first', async () => {
    const search = await session.run([
      'search',
      'repo',
      'gs/',
      '--versions',
      '--devel',
      '-o',
      'json',
    ]);
    expect(search.code).toBe(0);
    const found = JSON.parse(search.stdout) as { name: string; version: string }[];
    const versions = (chart: string): string[] =>
      found.filter((f) => f.name === `gs/${chart}`).map((f) => f.version);
    expect(versions('alpha')).toEqual(ALPHA);
    expect(versions('beta')).toEqual(BETA);
    // Only the index came from the web server; no chart did.
    expect(pages.requests).toContain('/index.yaml');
  });

  test("pull of a chosen version is byte-identical to helm pull oci://, and its digest is the index's", async () => {
    const viaIndex = await mkdtemp(join(work, 'pull-index-'));
    const viaOci = await mkdtemp(join(work, 'pull-oci-'));
    const a = await session.run(
      ['pull', 'gs/alpha', '--version', '0.2.0', '--plain-http', '--destination', viaIndex],
      viaIndex,
    );
    expect({ code: a.code, stderr: a.stderr }).toEqual({ code: 0, stderr: '' });
    const b = await session.run(
      [
        'pull',
        `oci://${registry.host}/${NAMESPACE}/alpha`,
        '--version',
        '0.2.0',
        '--plain-http',
        '--destination',
        viaOci,
      ],
      viaOci,
    );
    expect(b.code).toBe(0);
    expect(await readdir(viaIndex)).toEqual(['alpha-0.2.0.tgz']);
    const bytes = await readFile(join(viaIndex, 'alpha-0.2.0.tgz'));
    expect(bytes.equals(await readFile(join(viaOci, 'alpha-0.2.0.tgz')))).toBe(true);
    // The digest helm's own `repo index` writes for that archive is the one ours lists.
    expect((await session.run(['repo', 'index', viaIndex], viaIndex)).code).toBe(0);
    const helmIndex = parse(await readFile(join(viaIndex, 'index.yaml'), 'utf8')) as IndexYaml;
    const ours = parse(await readFile(join(work, 'site', 'index.yaml'), 'utf8')) as IndexYaml;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(helmIndex.entries.alpha?.[0]?.digest).toBe(sha256);
    expect(ours.entries.alpha?.find((e) => e.version === '0.2.0')?.digest).toBe(sha256);
  });

  test('template of that version renders the chart', async () => {
    const rendered = await session.run([
      'template',
      'from-index',
      'gs/alpha',
      '--version',
      '0.2.0',
      '--plain-http',
    ]);
    expect(rendered.stderr).toBe('');
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toContain('name: from-index');
    expect(rendered.stdout).toContain('kind: ConfigMap');
  });

  test('keywords YAML 1.1 would read as booleans arrive as the strings they are', async () => {
    // helm searches names, descriptions and keywords: only beta has the keyword "yes".
    const search = await session.run(['search', 'repo', 'yes', '-o', 'json']);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout)).toEqual([
      expect.objectContaining({ name: 'gs/beta', version: '3.1.0', app_version: 'app-3.1.0' }),
    ]);
  });
});

test('the stored index at charts/giantswarm:latest is an OCI artifact with the same index.yaml', async () => {
  const manifest = JSON.parse((await inspectRaw(registry, `${NAMESPACE}:latest`)).toString()) as {
    config: { mediaType: string };
    layers: { mediaType: string; digest: string; annotations: Record<string, string> }[];
  };
  expect(manifest.config.mediaType).toBe('application/vnd.giantswarm.helm-index.config.v1+json');
  expect(manifest.layers).toHaveLength(1);
  expect(manifest.layers[0]?.mediaType).toBe('application/vnd.giantswarm.helm-index.v1+yaml');
  expect(manifest.layers[0]?.annotations['org.opencontainers.image.title']).toBe('index.yaml');
  // skopeo copies the artifact out as it is (what `oras pull` would fetch).
  const out = join(work, 'artifact');
  const copied = await skopeo([
    'copy',
    '--src-tls-verify=false',
    `--src-creds=${registry.username}:${registry.password}`,
    `docker://${registry.host}/${NAMESPACE}:latest`,
    `dir:${out}`,
  ]);
  expect(copied.stderr).toBe('');
  const digest = (manifest.layers[0]?.digest ?? '').replace('sha256:', '');
  const stored = parse(await readFile(join(out, digest), 'utf8')) as IndexYaml;
  const file = parse(await readFile(join(work, 'site', 'index.yaml'), 'utf8')) as IndexYaml;
  expect(stored.entries).toEqual(file.entries);
});

describe('a hostile registry', () => {
  let open: TestRegistry;
  beforeAll(async () => {
    open = await startRegistry('anonymous');
    const client = ownClient(open);
    const layer = blobOf('application/vnd.cncf.helm.chart.content.v1.tar+gzip', Buffer.from('tgz'));
    const chart = (name: string, config: Buffer) => {
      const configBlob = blobOf('application/vnd.cncf.helm.config.v1+json', config);
      const manifest = blobOf(
        'application/vnd.oci.image.manifest.v1+json',
        Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            config: {
              mediaType: configBlob.mediaType,
              digest: configBlob.digest,
              size: config.length,
            },
            layers: [
              { mediaType: layer.mediaType, digest: layer.digest, size: layer.bytes.length },
            ],
          }),
        ),
      );
      return putReferrer(
        client,
        `${NAMESPACE}/${name}`,
        { manifest, blobs: [configBlob, layer] },
        '1.0.0',
      );
    };
    await chart('good', Buffer.from('{"name":"good","version":"1.0.0","apiVersion":"v2"}'));
    await chart('not-json', Buffer.from('name: not-json\nversion: 1.0.0 {'));
    await chart(
      'wrong-types',
      Buffer.from('{"name":"wrong-types","version":"1.0.0","keywords":"x"}'),
    );
    await chart('misnamed', Buffer.from('{"name":"other","version":"1.0.0"}'));
    await chart('future', Buffer.from('{"name":"future","version":"1.0.0","newField":{"a":1}}'));
  });
  afterAll(() => open?.stop());

  test('configs that are not JSON, or not helm metadata, are left out and named; the rest listed', async () => {
    const file = join(work, 'hostile.yaml');
    const run = await runCli(['catalog', '--registry', open.host, '--out', file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/not-json:1\.0\.0: .*the chart's config is not JSON/);
    expect(run.stderr).toMatch(/wrong-types:1\.0\.0: .*"keywords" is not a list of strings/);
    expect(run.stderr).toMatch(/misnamed:1\.0\.0: .*named "other", not "misnamed"/);
    const index = parse(await readFile(file, 'utf8')) as IndexYaml;
    expect(Object.keys(index.entries).sort()).toEqual(['future', 'good']);
    // A field helm doesn't know would fail helm's strict load of the whole index: dropped.
    expect(Object.keys(index.entries.future?.[0] ?? {})).not.toContain('newField');
  });

  test('a catalog in pages is read to its end', async () => {
    const proxy = await startPagingProxy(open.host, { pageSize: 2 });
    try {
      const file = join(work, 'paged.yaml');
      const run = await runCli(['catalog', '--registry', proxy.host, '--out', file]);
      expect(run.code).toBe(0);
      expect(proxy.catalogPages).toEqual([1, 2, 3]);
      const index = parse(await readFile(file, 'utf8')) as IndexYaml;
      expect(Object.keys(index.entries).sort()).toEqual(['future', 'good']);
    } finally {
      await proxy.close();
    }
  });

  test('a catalog page that fails fails the catalog: no shorter index is written', async () => {
    const proxy = await startPagingProxy(open.host, { pageSize: 2, failCatalogPage: 2 });
    try {
      const file = join(work, 'failed.yaml');
      const run = await runCli(['catalog', '--registry', proxy.host, '--out', file, '--write']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /Listing repositories \(page 2, after 2 repositories\) .*HTTP 503/,
      );
      await expect(readFile(file)).rejects.toThrow(/ENOENT/);
      await expect(ownClient(open).headManifest(NAMESPACE, 'latest')).resolves.toBeUndefined();
    } finally {
      await proxy.close();
    }
  });
});

test('catalog refuses to run without somewhere to put the index', async () => {
  const run = await runCli(['catalog', '--registry', '127.0.0.1:1']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/nowhere to put the index; give --out FILE, --write/);
});
