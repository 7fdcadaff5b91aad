import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type ActionRun, runAction } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { helmSession, HELMS, makeChartDir, pathWithHelm } from '../harness/charts.js';
import { startFileServer } from '../harness/file-server.js';
import { makeOciLayout } from '../harness/fixtures.js';
import { type RecordedRequest, startRecordingProxy } from '../harness/recording-proxy.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, listTags, skopeo } from '../harness/skopeo.js';
import { HELM4 } from '../harness/tools.js';

/**
 * Chart releases by the built action keep the Helm index of their namespace in every
 * registry the chart goes to: read back with skopeo and plain HTTP, and used by real helm.
 */
let open: TestRegistry;
let mirror: TestRegistry;
let work: string;
const NAMESPACE = 'charts/giantswarm';
const SHA = 'd'.repeat(40);

beforeAll(async () => {
  [open, mirror] = await Promise.all([startRegistry('anonymous'), startRegistry('anonymous')]);
  work = await mkdtemp(join(tmpdir(), 'oci-push-index-release-'));
});
afterAll(async () => {
  await Promise.all([open, mirror].map((r) => r?.stop()));
  await rm(work, { recursive: true, force: true });
});

interface IndexYaml {
  entries: Record<string, { version: string; urls: string[]; digest: string }[]>;
}

/** The stored index: its manifest as skopeo reads it, its index.yaml by a plain blob GET. */
async function storedIndex(
  registry: { host: string; url: string } & Pick<TestRegistry, 'mode' | 'username' | 'password'>,
  namespace = NAMESPACE,
): Promise<IndexYaml> {
  const manifest = JSON.parse(
    (await inspectRaw(registry as TestRegistry, `${namespace}:latest`)).toString(),
  ) as { layers: { digest: string }[] };
  const res = await fetch(`${registry.url}/v2/${namespace}/blobs/${manifest.layers[0]?.digest}`);
  expect(res.status).toBe(200);
  return parse(await res.text()) as IndexYaml;
}

const versionsOf = (index: IndexYaml, chart: string): string[] =>
  index.entries[chart]?.map((e) => e.version) ?? [];

async function chartDir(name: string): Promise<string> {
  return (await makeChartDir(await mkdtemp(join(work, `${name}-`)), { name })).dir;
}

function release(
  chart: string,
  version: string,
  inputs: Record<string, string> = {},
  ref = `refs/tags/v${version}`,
): Promise<ActionRun> {
  return runAction(
    {
      chart,
      registries: open.host,
      mirrors: mirror.host,
      'mirror-charts': 'true',
      visibility: 'public',
      ...inputs,
    },
    { GITHUB_REF: ref, GITHUB_SHA: SHA, PATH: pathWithHelm(HELM4), GITHUB_WORKSPACE: work },
  );
}

describe('releases of one chart', () => {
  let app: string;
  let first: ActionRun;
  beforeAll(async () => {
    app = await chartDir('app');
    first = await release(app, '1.0.0', { 'chart-index-file': 'site/index.yaml' });
  });

  test('list the version in the index of every registry it went to, with its own URLs', async () => {
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    for (const registry of [open, mirror]) {
      const index = await storedIndex(registry);
      expect(versionsOf(index, 'app')).toEqual(['1.0.0']);
      expect(index.entries.app?.[0]?.urls).toEqual([
        `oci://${registry.host}/${NAMESPACE}/app:1.0.0`,
      ]);
    }
    expect(first.summary).toContain('### Helm index');
    expect(first.summary).toMatch(new RegExp(`${open.host}/${NAMESPACE}:latest\` \\| ✅ updated`));
    expect(first.summary).toMatch(
      new RegExp(`${mirror.host}/${NAMESPACE}:latest\` \\(mirror\\) \\| ✅ updated`),
    );
  });

  test("write the first registry's index to chart-index-file, which real helm uses", async () => {
    const file = parse(await readFile(join(work, 'site', 'index.yaml'), 'utf8')) as IndexYaml;
    expect(file.entries).toEqual((await storedIndex(open)).entries);
    const pages = await startFileServer(join(work, 'site'));
    try {
      for (const [, helmBinary] of HELMS) {
        const helm = await helmSession(helmBinary);
        try {
          expect((await helm.run(['repo', 'add', 'gs', pages.url])).code).toBe(0);
          const search = await helm.run(['search', 'repo', 'gs/app', '--versions', '-o', 'json']);
          expect(JSON.parse(search.stdout)).toEqual([
            expect.objectContaining({ name: 'gs/app', version: '1.0.0' }),
          ]);
          const rendered = await helm.run([
            'template',
            'r',
            'gs/app',
            '--version',
            '1.0.0',
            '--plain-http',
          ]);
          expect({ code: rendered.code, stderr: rendered.stderr }).toEqual({ code: 0, stderr: '' });
          expect(rendered.stdout).toContain('kind: ConfigMap');
        } finally {
          await helm.close();
        }
      }
    } finally {
      await pages.close();
    }
  });

  test('the index digest is the sha256 of the archive helm pulls', async () => {
    const index = await storedIndex(open);
    const helm = await helmSession(HELM4);
    try {
      const dir = await mkdtemp(join(work, 'pull-'));
      const pulled = await helm.run(
        ['pull', `oci://${open.host}/${NAMESPACE}/app`, '--version', '1.0.0', '--plain-http'],
        dir,
      );
      expect(pulled.code).toBe(0);
      const bytes = await readFile(join(dir, 'app-1.0.0.tgz'));
      expect(index.entries.app?.[0]?.digest).toBe(createHash('sha256').update(bytes).digest('hex'));
    } finally {
      await helm.close();
    }
  });

  test('a second release adds its version; running it again writes nothing', async () => {
    const second = await release(app, '1.1.0');
    expect(second.code).toBe(0);
    expect(versionsOf(await storedIndex(open), 'app')).toEqual(['1.1.0', '1.0.0']);
    const tags = await listTags(open, NAMESPACE);
    const again = await release(app, '1.1.0');
    expect(again.code).toBe(0);
    expect(again.summary).toMatch(/:latest` \| ✅ already listed/);
    expect(await listTags(open, NAMESPACE)).toEqual(tags);
  });

  test('a dev build is never listed', async () => {
    const tags = await listTags(open, NAMESPACE);
    const dev = await release(app, '1.2.0', { registries: `${open.host} dev` }, 'refs/heads/main');
    expect(dev.code).toBe(0);
    expect(dev.outputs['chart-ref']).toMatch(/@sha256:/);
    expect(dev.summary).not.toContain('### Helm index');
    expect(versionsOf(await storedIndex(open), 'app')).toEqual(['1.1.0', '1.0.0']);
    expect(await listTags(open, NAMESPACE)).toEqual(tags);
  });
});

test("a private repository's chart is listed only on lines marked private", async () => {
  const priv = await startRegistry('anonymous');
  try {
    const tags = await listTags(open, NAMESPACE);
    const run = await release(await chartDir('secret'), '2.0.0', {
      registries: `${open.host}\n${priv.host} private`,
      mirrors: '',
      visibility: 'private',
    });
    expect(run.code).toBe(0);
    expect(versionsOf(await storedIndex(priv), 'secret')).toEqual(['2.0.0']);
    expect(run.summary).toMatch(
      /:latest` \| ⏭️ not updated \| a private chart is listed only in the index of a registry line marked `private`/,
    );
    expect((await storedIndex(open)).entries.secret).toBeUndefined();
    expect(await listTags(open, NAMESPACE)).toEqual(tags);
  } finally {
    await priv.stop();
  }
});

test('two releases racing both end up in the index, whatever the interleaving', async () => {
  const registry = await startRegistry('anonymous');
  // The interleaving that loses an update with read, merge, write and read-back alone: both
  // read the index before either writes; the second write lands after the first writer has
  // read its own write back.
  const index = `/v2/${NAMESPACE}/manifests/latest`;
  let reads = 0;
  let writesAnswered = 0;
  let readsAfterFirstWrite = 0;
  let writes = 0;
  const forced: boolean[] = [];
  const waiting: (() => void)[] = [];
  const until = (condition: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      let settled = false;
      const settle = (met: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        forced.push(met);
        resolve();
      };
      const timer = setTimeout(() => settle(false), 30_000);
      const check = (): void => {
        if (condition()) settle(true);
      };
      waiting.push(check);
      check();
    });
  const proxy = await startRecordingProxy(registry.host, {
    hold: (r: RecordedRequest) => {
      if (r.method !== 'PUT' || r.path !== index) return undefined;
      writes++;
      if (writes === 1) return until(() => reads >= 2);
      if (writes === 2) return until(() => readsAfterFirstWrite >= 1);
      return undefined;
    },
    onAnswered: (r) => {
      if (r.method === 'GET' && r.path === index) {
        reads++;
        if (writesAnswered > 0) readsAfterFirstWrite++;
      }
      if (r.method === 'PUT' && r.path === index) writesAnswered++;
      for (const check of [...waiting]) check();
    },
  });
  try {
    const [one, two] = await Promise.all(
      ['one', 'two'].map(async (name) =>
        release(await chartDir(name), '3.0.0', { registries: proxy.host, mirrors: '' }),
      ),
    );
    expect([one?.code, two?.code]).toEqual([0, 0]);
    expect(forced).toEqual([true, true]);
    const stored = await storedIndex(registry);
    expect(Object.keys(stored.entries).sort()).toEqual(['one', 'two']);
    // As a client finds it: through the proxy's host, the URLs the runs were given.
    expect(stored.entries.one?.[0]?.urls).toEqual([`oci://${proxy.host}/${NAMESPACE}/one:3.0.0`]);
  } finally {
    await proxy.close();
    await registry.stop();
  }
});

test('four releases of a monorepo at once all end up in the index', async () => {
  const registry = await startRegistry('anonymous');
  try {
    const names = ['m1', 'm2', 'm3', 'm4'];
    const runs = await Promise.all(
      names.map(async (name) =>
        release(await chartDir(name), '1.0.0', { registries: registry.host, mirrors: '' }),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(Object.keys((await storedIndex(registry)).entries).sort()).toEqual(names);
  } finally {
    await registry.stop();
  }
});

test('a reference holding something else is left alone: the release warns and succeeds', async () => {
  const image = await makeOciLayout(join(work, 'image'), { layerSizes: [64] });
  const copied = await skopeo([
    'copy',
    '--dest-tls-verify=false',
    `oci:${image.dir}`,
    `docker://${open.host}/charts/other:latest`,
  ]);
  expect(copied.code).toBe(0);
  const run = await release(await chartDir('lone'), '1.0.0', {
    'chart-repository': 'charts/other',
    mirrors: '',
  });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(
    `::warning title=oci-push%3A Helm index at ${open.host.replace(':', '%3A')} not updated::`,
  );
  expect(run.summary).toMatch(/holds something that is not an oci-push Helm index/);
  const held = await inspectRaw(open, 'charts/other:latest');
  expect(`sha256:${createHash('sha256').update(held).digest('hex')}`).toBe(image.manifest.digest);
});

describe('oci-push sync with helm-index', () => {
  let source: TestRegistry;
  let china: TestRegistry;
  let config: string;
  async function pushToSource(version: string): Promise<void> {
    const helm = await helmSession(HELM4);
    try {
      const dir = await mkdtemp(join(work, 'synced-'));
      const chart = await makeChartDir(dir, { name: 'synced', version });
      expect((await helm.run(['package', chart.dir, '--destination', dir], dir)).code).toBe(0);
      const pushed = await helm.run(
        [
          'push',
          join(dir, `synced-${version}.tgz`),
          `oci://${source.host}/${NAMESPACE}`,
          '--plain-http',
        ],
        dir,
      );
      expect(pushed.code).toBe(0);
    } finally {
      await helm.close();
    }
  }
  beforeAll(async () => {
    [source, china] = await Promise.all([startRegistry('anonymous'), startRegistry('anonymous')]);
    for (const version of ['1.0.0', '2.0.0']) await pushToSource(version);
    config = join(work, 'sync.yaml');
    await writeFile(
      config,
      [
        'targets:',
        `  china: { registry: "${china.host}", mirror: true }`,
        'images:',
        `  - source: ${source.host}/${NAMESPACE}/synced`,
        `helm-index: [${NAMESPACE}]`,
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await Promise.all([source, china].map((r) => r?.stop()));
  });

  test('the target gets an index of the charts it holds, with its own URLs; helm pulls from it', async () => {
    const run = await runCli(['sync', '--config', config]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`${china.host}/${NAMESPACE}:latest: updated`));
    const index = await storedIndex(china);
    expect(versionsOf(index, 'synced')).toEqual(['2.0.0', '1.0.0']);
    const url = index.entries.synced?.[0]?.urls[0] ?? '';
    expect(url).toBe(`oci://${china.host}/${NAMESPACE}/synced:2.0.0`);
    const helm = await helmSession(HELM4);
    try {
      const dir = await mkdtemp(join(work, 'pull-synced-'));
      const pulled = await helm.run(
        ['pull', url.replace(/:2\.0\.0$/, ''), '--version', '2.0.0', '--plain-http'],
        dir,
      );
      expect(pulled.code).toBe(0);
      const bytes = await readFile(join(dir, 'synced-2.0.0.tgz'));
      expect(index.entries.synced?.[0]?.digest).toBe(
        createHash('sha256').update(bytes).digest('hex'),
      );
    } finally {
      await helm.close();
    }
  });

  test('a later sync adds what it copied; one that copied nothing writes nothing', async () => {
    await pushToSource('3.0.0');
    expect((await runCli(['sync', '--config', config])).code).toBe(0);
    expect(versionsOf(await storedIndex(china), 'synced')).toEqual(['3.0.0', '2.0.0', '1.0.0']);
    const tags = await listTags(china, NAMESPACE);
    const again = await runCli(['sync', '--config', config]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/:latest: already up to date/);
    expect(await listTags(china, NAMESPACE)).toEqual(tags);
  });
});
