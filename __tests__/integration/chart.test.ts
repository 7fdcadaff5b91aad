import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { c as tarCreate } from 'tar';
import { type ActionRun, runAction } from '../harness/action.js';
import { helm, HELMS, makeChartDir, pathWithHelm } from '../harness/charts.js';
import { makeOciLayout } from '../harness/fixtures.js';
import { ownDigest } from '../harness/own-client.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, listTags, skopeo, skopeoCredsArgs } from '../harness/skopeo.js';
import { HELM3, HELM4 } from '../harness/tools.js';

/**
 * Charts end to end: the built action packages or reads a chart and pushes it; real helm
 * v3.17 and v4.1 pull it back; skopeo shows what the registry holds.
 */
let open: TestRegistry;
let secured: TestRegistry;
let work: string;
beforeAll(async () => {
  [open, secured] = await Promise.all([startRegistry('anonymous'), startRegistry('token')]);
  work = await mkdtemp(join(tmpdir(), 'oci-push-chart-'));
});
afterAll(async () => {
  await Promise.all([open, secured].map((r) => r?.stop()));
  await rm(work, { recursive: true, force: true });
});

const SHA = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
const onRef = (ref: string, helmBinary = HELM4): Record<string, string> => ({
  GITHUB_REF: ref,
  GITHUB_SHA: SHA,
  PATH: pathWithHelm(helmBinary),
});

function chartInputs(chart: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    chart,
    registries: `${open.host} dev\n${secured.host}`,
    credentials: `${secured.host}=${secured.username}:${secured.password}`,
    ...extra,
  };
}

async function pull(
  helmBinary: string,
  ref: string,
  version?: string,
): Promise<{ code: number; stderr: string; files: string[]; dir: string }> {
  const dir = await mkdtemp(join(work, 'pull-'));
  const args = [
    'pull',
    ref,
    '--plain-http',
    '--destination',
    dir,
    ...(version ? ['--version', version] : []),
  ];
  const result = await helm(helmBinary, args, dir);
  return { code: result.code, stderr: result.stderr, files: await readdir(dir), dir };
}

/** A chart directory packaged by a real helm, as a user hands oci-push a `.tgz`. */
async function packagedChart(helmBinary: string, name: string, version: string): Promise<string> {
  const chart = await makeChartDir(await mkdtemp(join(work, `${name}-`)), {
    name,
    version,
    appVersion: version,
  });
  const out = await mkdtemp(join(work, `${name}-pkg-`));
  expect((await helm(helmBinary, ['package', chart.dir, '--destination', out], out)).code).toBe(0);
  return join(out, `${name}-${version}.tgz`);
}

async function blob(registry: TestRegistry, repository: string, digest: string): Promise<Buffer> {
  const res = await fetch(`${registry.url}/v2/${repository}/blobs/${digest}`);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

interface Manifest {
  mediaType?: string;
  config: { mediaType: string; digest: string; size: number };
  layers: { mediaType: string; digest: string; size: number }[];
  annotations: Record<string, string>;
}

describe('a release chart pushed by the built action', () => {
  let run: ActionRun;
  beforeAll(async () => {
    const chart = await makeChartDir(work, {
      name: 'release-chart',
      version: '0.0.1',
      appVersion: '0.0.1',
    });
    run = await runAction(chartInputs(chart.dir), onRef('refs/tags/v1.2.3'));
  });

  test('is stamped with the build version and tagged in every registry', async () => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.outputs['chart-ref']).toBe(
      `oci://${open.host}/charts/giantswarm/release-chart:1.2.3`,
    );
    expect(run.outputs['chart-refs']?.split('\n')).toEqual([
      `oci://${open.host}/charts/giantswarm/release-chart:1.2.3`,
      `oci://${secured.host}/charts/giantswarm/release-chart:1.2.3`,
    ]);
    expect(run.outputs.digest).toBe('');
    for (const registry of [open, secured]) {
      expect(await listTags(registry, 'charts/giantswarm/release-chart')).toEqual(['1.2.3']);
      expect(await ownDigest(registry, 'charts/giantswarm/release-chart', '1.2.3')).toBe(
        run.outputs['chart-digest'],
      );
      const raw = await inspectRaw(registry, `charts/giantswarm/release-chart:1.2.3`);
      expect(`sha256:${createHash('sha256').update(raw).digest('hex')}`).toBe(
        run.outputs['chart-digest'],
      );
    }
  });

  test('skopeo shows helm media types and annotations', async () => {
    const manifest = JSON.parse(
      (await inspectRaw(open, 'charts/giantswarm/release-chart:1.2.3')).toString(),
    ) as Manifest;
    expect(manifest.config.mediaType).toBe('application/vnd.cncf.helm.config.v1+json');
    expect(manifest.layers.map((l) => l.mediaType)).toEqual([
      'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
    ]);
    expect(manifest.annotations).toMatchObject({
      'org.opencontainers.image.title': 'release-chart',
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.description': 'A test chart for oci-push <&> friends',
      'org.opencontainers.image.authors': 'Giant Swarm (dev@giantswarm.io)',
      'org.opencontainers.image.source': 'https://github.com/giantswarm/oci-push',
      'application.giantswarm.io/team': 'honeybadger',
    });
    const config = JSON.parse(
      (await blob(open, 'charts/giantswarm/release-chart', manifest.config.digest)).toString(),
    ) as Record<string, string>;
    expect(config).toMatchObject({ name: 'release-chart', version: '1.2.3', appVersion: '1.2.3' });
  });

  test.each(HELMS)(
    '%s pulls it by version, and shows the stamped version',
    async (_name, helmBinary) => {
      const ref = `oci://${open.host}/charts/giantswarm/release-chart`;
      const pulled = await pull(helmBinary, ref, '1.2.3');
      expect(pulled.stderr).not.toMatch(/error/i);
      expect(pulled.code).toBe(0);
      expect(pulled.files).toEqual(['release-chart-1.2.3.tgz']);
      const shown = await helm(helmBinary, [
        'show',
        'chart',
        ref,
        '--version',
        '1.2.3',
        '--plain-http',
      ]);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(/^version: 1\.2\.3$/m);
      expect(shown.stdout).toMatch(/^appVersion: 1\.2\.3$/m);
    },
  );
});

test.each(HELMS)(
  'a dev chart is pushed by digest only, and %s pulls it by digest',
  async (_name, helmBinary) => {
    const name = `dev-chart-${helmBinary === HELM3 ? '3' : '4'}`;
    const chart = await makeChartDir(work, { name });
    const run = await runAction(chartInputs(chart.dir), onRef('refs/heads/feature'));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const digest = run.outputs['chart-digest'] ?? '';
    expect(run.outputs['chart-ref']).toBe(`oci://${open.host}/charts/giantswarm/${name}@${digest}`);
    expect(await listTags(open, `charts/giantswarm/${name}`)).toEqual([]);
    expect(
      (
        await skopeo([
          'inspect',
          '--raw',
          '--tls-verify=false',
          ...skopeoCredsArgs(secured, '--creds'),
          `docker://${secured.host}/charts/giantswarm/${name}@${digest}`,
        ])
      ).code,
    ).not.toBe(0);
    const pulled = await pull(helmBinary, run.outputs['chart-ref'] ?? '');
    expect(pulled.code).toBe(0);
    // helm names a chart pulled by digest after the digest; its Chart.yaml has the dev version.
    expect(pulled.files).toEqual([`${name}@${digest.replace(':', '-')}.tgz`]);
    const shown = await helm(helmBinary, [
      'show',
      'chart',
      join(pulled.dir, pulled.files[0] ?? ''),
    ]);
    expect(shown.stdout).toMatch(new RegExp(`^version: 0\\.0\\.0-${SHA}$`, 'm'));
  },
);

describe('byte-compatibility with helm push', () => {
  test.each(HELMS)(
    'the same .tgz pushed by %s and by oci-push: same config and layer, manifests differ only in created',
    async (_name, helmBinary) => {
      const suffix = helmBinary === HELM3 ? '3' : '4';
      const tgz = await packagedChart(helmBinary, 'compat', '3.4.5');
      const out = dirname(tgz);
      const pushed = await helm(
        helmBinary,
        ['push', tgz, `oci://${open.host}/helm-push-${suffix}`, '--plain-http'],
        out,
      );
      expect(pushed.code).toBe(0);
      const run = await runAction(
        {
          ...chartInputs(tgz),
          registries: `${open.host} dev`,
          credentials: '',
          'chart-repository': `oci-push-${suffix}`,
        },
        onRef('refs/tags/v3.4.5'),
      );
      expect(run.code).toBe(0);

      const theirs = await inspectRaw(open, `helm-push-${suffix}/compat:3.4.5`);
      const ours = await inspectRaw(open, `oci-push-${suffix}/compat:3.4.5`);
      const theirManifest = JSON.parse(theirs.toString()) as Manifest;
      const ourManifest = JSON.parse(ours.toString()) as Manifest;
      expect(ourManifest.config).toEqual(theirManifest.config);
      expect(ourManifest.layers).toEqual(theirManifest.layers);
      expect(
        (await blob(open, `oci-push-${suffix}/compat`, ourManifest.config.digest)).equals(
          await blob(open, `helm-push-${suffix}/compat`, theirManifest.config.digest),
        ),
      ).toBe(true);
      // With helm's created time put in, our manifest is helm's, byte for byte.
      const created = 'org.opencontainers.image.created';
      const replaced = ours
        .toString()
        .replace(
          ourManifest.annotations[created] ?? 'none',
          theirManifest.annotations[created] ?? 'none',
        );
      expect(replaced).toBe(theirs.toString());
    },
  );
});

test('the same .tgz always gives the same digest, whatever its file time on disk', async () => {
  const tgz = await packagedChart(HELM4, 'same', '5.0.0');
  const inputs = { ...chartInputs(tgz), registries: `${open.host} dev`, credentials: '' };
  const first = await runAction(
    { ...inputs, 'chart-repository': 'same-a' },
    onRef('refs/tags/v5.0.0'),
  );
  await utimes(tgz, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
  const second = await runAction(
    { ...inputs, 'chart-repository': 'same-b' },
    onRef('refs/tags/v5.0.0'),
  );
  expect(first.code).toBe(0);
  expect(second.code).toBe(0);
  expect(second.outputs['chart-digest']).toBe(first.outputs['chart-digest']);
});

describe('release charts are immutable (the incident: a branch build replaced a released chart)', () => {
  const repository = 'charts/giantswarm/incident-chart';
  let released: string;
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(work, 'incident-'));
    const chart = await makeChartDir(parent, { name: 'incident-chart', values: 'replicas: 1\n' });
    // helm 3, as on GitHub's runners: it stamps the clock into archives; oci-push evens that out.
    const run = await runAction(chartInputs(chart.dir), onRef('refs/tags/v2.0.0', HELM3));
    expect(run.code).toBe(0);
    released = run.outputs['chart-digest'] ?? '';
  });

  test('re-running the release from the same directory is a no-op, even with helm 3 packaging', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new second on the clock
    const again = await runAction(
      chartInputs(join(parent, 'incident-chart')),
      onRef('refs/tags/v2.0.0', HELM3),
    );
    expect(again.code).toBe(0);
    expect(again.outputs['chart-digest']).toBe(released);
    expect(JSON.parse(again.outputs.result ?? '[]')).toContainEqual(
      expect.objectContaining({ artifact: 'chart', registry: open.host, status: 'unchanged' }),
    );
  });

  test('a branch build of changed chart code is a dev build: pushed by digest, the release untouched', async () => {
    await writeFile(join(parent, 'incident-chart', 'values.yaml'), 'replicas: 99\n');
    const branch = await runAction(
      chartInputs(join(parent, 'incident-chart')),
      onRef('refs/heads/hotfix', HELM3),
    );
    expect(branch.code).toBe(0);
    expect(branch.outputs.build).toBe('dev');
    expect(await listTags(open, repository)).toEqual(['2.0.0']);
    const raw = await inspectRaw(open, `${repository}:2.0.0`);
    expect(`sha256:${createHash('sha256').update(raw).digest('hex')}`).toBe(released);
  });

  test('forcing the branch build out as release 2.0.0 is refused, and Flux would still get the released chart', async () => {
    const forced = await runAction(
      chartInputs(join(parent, 'incident-chart'), { build: 'release', version: '2.0.0' }),
      onRef('refs/heads/hotfix', HELM3),
    );
    // Refused, and nothing else failed: 3, as from the CLI.
    expect(forced.code).toBe(3);
    expect(forced.stdout).toContain(`${open.host}/${repository}:2.0.0 already holds ${released}`);
    for (const registry of [open, secured]) {
      const raw = await inspectRaw(registry, `${repository}:2.0.0`);
      expect(`sha256:${createHash('sha256').update(raw).digest('hex')}`).toBe(released);
    }
    const pulled = await pull(HELM4, `oci://${open.host}/${repository}`, '2.0.0');
    expect(pulled.code).toBe(0);
    const shown = await helm(HELM4, [
      'show',
      'values',
      join(pulled.dir, 'incident-chart-2.0.0.tgz'),
    ]);
    expect(shown.stdout).toContain('replicas: 1');
  });
});

test('image and chart together: one version, one plan, both pushed, both in the summary', async () => {
  const image = await makeOciLayout(join(work, 'together-image'));
  const chart = await makeChartDir(work, { name: 'together', appVersion: '0.1.0' });
  const run = await runAction(
    { ...chartInputs(chart.dir), image: `oci:${image.dir}`, repository: 'giantswarm/together' },
    onRef('refs/tags/v4.5.6'),
  );
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.outputs.version).toBe('4.5.6');
  expect(await inspectRaw(open, 'giantswarm/together:4.5.6')).toEqual(image.manifest.bytes);
  expect(await listTags(open, 'charts/giantswarm/together')).toEqual(['4.5.6']);
  const shown = await helm(HELM4, [
    'show',
    'chart',
    `oci://${open.host}/charts/giantswarm/together`,
    '--version',
    '4.5.6',
    '--plain-http',
  ]);
  expect(shown.stdout).toMatch(/^appVersion: 4\.5\.6$/m);
  expect(run.summary).toContain(`- **Image:** \`oci:${image.dir}\``);
  expect(run.summary).toContain('- **Chart:** `together` 4.5.6');
  expect(run.summary).toContain(`\`${open.host}/giantswarm/together\``);
  expect(run.summary).toContain(`\`${open.host}/charts/giantswarm/together\``);
});

describe('edge cases', () => {
  test('a chart with a provenance file: pushed as a third layer, and helm pulls it back', async () => {
    const tgz = await packagedChart(HELM4, 'signed', '1.0.0');
    const prov =
      '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nname: signed\nversion: 1.0.0\n-----BEGIN PGP SIGNATURE-----\ntest\n-----END PGP SIGNATURE-----\n';
    await writeFile(`${tgz}.prov`, prov);
    const run = await runAction(chartInputs(tgz), onRef('refs/tags/v1.0.0'));
    expect(run.code).toBe(0);
    const manifest = JSON.parse(
      (await inspectRaw(open, 'charts/giantswarm/signed:1.0.0')).toString(),
    ) as Manifest;
    expect(manifest.layers.map((l) => l.mediaType).sort()).toEqual([
      'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
      'application/vnd.cncf.helm.chart.provenance.v1.prov',
    ]);
    const dir = await mkdtemp(join(work, 'prov-pull-'));
    const pulled = await helm(
      HELM4,
      [
        'pull',
        `oci://${open.host}/charts/giantswarm/signed`,
        '--version',
        '1.0.0',
        '--plain-http',
        '--prov',
        '--destination',
        dir,
      ],
      dir,
    );
    expect(pulled.code).toBe(0);
    expect(await readFile(join(dir, 'signed-1.0.0.tgz.prov'), 'utf8')).toBe(prov);
  });

  test.each(HELMS)(
    'a +build version is tagged with _ and %s finds it by its version',
    async (_name, helmBinary) => {
      const name = `build-meta-${helmBinary === HELM3 ? '3' : '4'}`;
      const chart = await makeChartDir(work, { name });
      const run = await runAction(chartInputs(chart.dir), onRef('refs/tags/v1.2.3+build.5'));
      expect(run.code).toBe(0);
      expect(await listTags(open, `charts/giantswarm/${name}`)).toEqual(['1.2.3_build.5']);
      expect(run.outputs['chart-ref']).toBe(
        `oci://${open.host}/charts/giantswarm/${name}:1.2.3_build.5`,
      );
      const pulled = await pull(
        helmBinary,
        `oci://${open.host}/charts/giantswarm/${name}`,
        '1.2.3+build.5',
      );
      expect(pulled.code).toBe(0);
      expect(pulled.files).toEqual([`${name}-1.2.3+build.5.tgz`]);
    },
  );

  test('an apiVersion v1 chart (helm 2 style, with requirements.yaml) is pushed and pulled', async () => {
    const chart = await makeChartDir(await mkdtemp(join(work, 'v1-')), {
      name: 'legacy',
      apiVersion: 'v1',
      version: '0.3.0',
    });
    await writeFile(join(chart.dir, 'requirements.yaml'), 'dependencies: []\n');
    const run = await runAction(chartInputs(chart.dir), onRef('refs/tags/v0.3.1'));
    expect(run.code).toBe(0);
    const shown = await helm(HELM3, [
      'show',
      'chart',
      `oci://${open.host}/charts/giantswarm/legacy`,
      '--version',
      '0.3.1',
      '--plain-http',
    ]);
    expect(shown.stdout).toMatch(/^apiVersion: v1$/m);
    expect(shown.stdout).toMatch(/^version: 0\.3\.1$/m);
  });
});

describe('bad charts fail with the problem named, and push nothing', () => {
  async function tgzOf(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(work, 'bad-'));
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const file = join(dir, 'bad.tgz');
    await tarCreate({ gzip: true, file, cwd: dir }, Object.keys(files));
    return file;
  }

  test.each([
    [
      'not a gzip',
      async () => {
        const f = join(work, 'not-gzip.tgz');
        await writeFile(f, 'PK\u0003\u0004 this is a zip');
        return f;
      },
      /is not a gzip file, so not a packaged chart/,
    ],
    [
      'no Chart.yaml',
      () => tgzOf({ 'bad/values.yaml': 'a: 1\n' }),
      /has no Chart\.yaml in its top directory \(bad\)/,
    ],
    [
      'a missing name',
      () => tgzOf({ 'bad/Chart.yaml': 'apiVersion: v2\nversion: 1.0.0\n' }),
      /Chart\.yaml has no name/,
    ],
    [
      'a missing version',
      () => tgzOf({ 'bad/Chart.yaml': 'apiVersion: v2\nname: bad\n' }),
      /Chart\.yaml has no version/,
    ],
    [
      'a version that is not semver',
      () => tgzOf({ 'bad/Chart.yaml': 'apiVersion: v2\nname: bad\nversion: "1.0"\n' }),
      /the chart version "1\.0" is not semver/,
    ],
    [
      "a version other than the build's",
      () => tgzOf({ 'bad/Chart.yaml': 'apiVersion: v2\nname: bad\nversion: 9.9.9\n' }),
      /is version 9\.9\.9, but this build's version is 1\.0\.0\. oci-push never publishes a chart under a version it does not carry/,
    ],
  ])('%s', async (_case, make, message) => {
    const file = await make();
    const run = await runAction(
      { ...chartInputs(file), registries: `${open.host} dev` },
      onRef('refs/tags/v1.0.0'),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(message);
    expect(await listTags(open, 'charts/giantswarm/bad')).toEqual([]);
    expect(run.outputs['chart-ref'] ?? '').toBe('');
  });

  test('a chart directory without helm on PATH says helm is needed', async () => {
    const chart = await makeChartDir(await mkdtemp(join(work, 'nohelm-')), { name: 'nohelm' });
    const run = await runAction(
      { ...chartInputs(chart.dir), registries: `${open.host} dev` },
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: SHA, PATH: '/usr/bin:/bin' },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'is a directory, and packaging it needs helm, which could not be run',
    );
    expect(run.stdout).toContain('Install helm (azure/setup-helm), or give a packaged .tgz');
  });
});
