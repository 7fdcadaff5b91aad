import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { runSyncPlan } from '../../src/engine/sync.js';
import { parseSyncConfigText } from '../../src/jobs/sync-config.js';
import { type AcrHarness, startAcrHarness } from '../harness/acr/index.js';
import { runCli } from '../harness/cli.js';
import { faults, startFaultProxy } from '../harness/fault-proxy.js';
import { listTags, skopeoDigest } from '../harness/skopeo.js';
import { seedImage, type SyncJson, syncTestbed } from '../harness/sync-testbed.js';
import { ROOT } from '../harness/tools.js';

/**
 * Issue #21 on real Distribution registries, through the built CLI (`dist/cli.js`) and the
 * built sync action: discovery (with the local ACR's catalog scope), retagger's features,
 * the converter on retagger- and skopeo-shaped files, and loud empty selections. Every
 * result is read back with skopeo.
 */
const bed = syncTestbed('oci-push-sync21-');
beforeAll(bed.open);
afterAll(bed.close);
const { registry, seed, cliSync } = bed;

const sorted = (list: string[]): string[] => [...list].sort();

test('discovery: HOST/team/* takes one level, with deny and a prefix mapping; HOST/** in 2 shards takes every repository once', async () => {
  const source = await registry();
  const target = await registry();
  for (const repository of ['team/a', 'team/b', 'team/skip-me', 'team/deep/c', 'other/d']) {
    await seed(source, repository, ['1.0.0']);
  }
  const one = await cliSync(
    `version: 1\ntargets:\n  t:\n    registry: ${target.host}\n` +
      `images:\n  - source: ${source.host}/team/*\n    repositories:\n      deny: ['skip']\n` +
      `    target:\n      strip: team\n      prefix: mirror\n`,
  );
  expect(one.stderr).toMatch(/the catalog lists 5 repositories, 2 taken by images\[0\]/);
  expect(one.code).toBe(0);
  expect(await listTags(target, 'mirror/a')).toEqual(['1.0.0']);
  expect(await listTags(target, 'mirror/b')).toEqual(['1.0.0']);
  for (const absent of ['mirror/skip-me', 'mirror/deep/c', 'team/a', 'mirror/d']) {
    expect(await listTags(target, absent)).toEqual([]);
  }

  const everything = `targets:\n  t:\n    registry: ${target.host}\nimages:\n  - source: ${source.host}/**\n    target:\n      prefix: all\n`;
  const taken: string[] = [];
  for (const shard of ['1/2', '2/2']) {
    const run = await cliSync(everything, ['--shard', shard]);
    expect(run.code).toBe(0);
    expect(run.result.images.length).toBeGreaterThan(0);
    taken.push(...run.result.images.map((image) => image.source));
  }
  const all = ['team/a', 'team/b', 'team/skip-me', 'team/deep/c', 'other/d'];
  expect(sorted(taken)).toEqual(sorted(all.map((r) => `${source.host}/${r}`)));
  for (const repository of all)
    expect(await listTags(target, `all/${repository}`)).toEqual(['1.0.0']);
});

test('discovery pages through the catalog (pages of 2), as the registry links them', async () => {
  const source = await registry();
  const target = await registry();
  const names = ['p/1', 'p/2', 'p/3', 'p/4', 'p/5'];
  for (const repository of names) await seed(source, repository, ['1.0.0']);
  const proxy = await startFaultProxy(source.host, { plan: faults.none() });
  try {
    const config = await parseSyncConfigText(
      `targets:\n  t:\n    registry: ${target.host}\nimages:\n  - source: ${proxy.host}/p/*\n`,
      'config',
    );
    const result = await runSyncPlan(
      config,
      { dryRun: true },
      {
        userAgent: 'oci-push-test',
        log: { debug: () => undefined, info: () => undefined, warning: () => undefined },
        onSecret: () => undefined,
        credentialFor: () => undefined,
        pageSize: 2,
      },
    );
    // Distribution pages the catalog by `n` and `Link`: three pages for five repositories.
    expect(proxy.requests.filter((r) => r.kind === 'catalog')).toHaveLength(3);
    expect(result.images.map((i) => i.image.source.repository)).toEqual(names);
    expect(result.images.flatMap((i) => i.tags.map((t) => t.targets[0]?.status))).toEqual(
      Array(5).fill('would-copy'),
    );
  } finally {
    await proxy.close();
  }
});

describe('through the local ACR', () => {
  let harness: AcrHarness;
  beforeAll(async () => {
    harness = await startAcrHarness();
  }, 120_000);
  afterAll(async () => harness?.stop());

  test("ACR's catalog is read with registry:catalog:*; without the catalog role the refusal says what to grant", async () => {
    const target = await registry();
    const acr = harness.acr;
    const admin = `${acr.host}=${acr.admin.username}:${acr.admin.password}`;
    // Seeded with our own client and the admin credential.
    const { RegistryClient } = await import('../../src/registry/client.js');
    const { createTransport } = await import('../../src/registry/http.js');
    const client = new RegistryClient({
      endpoint: { host: acr.host, https: true },
      credential: { kind: 'basic', username: acr.admin.username, password: acr.admin.password },
      send: createTransport({ userAgent: 'oci-push-test' }),
    });
    for (const repository of ['giantswarm/one', 'giantswarm/two']) {
      const dir = join(bed.work, `acr-${repository.replace('/', '-')}`);
      await seedImage(client, repository, ['2.0.0'], dir, [randomBytes(128)]);
    }
    const dir = await mkdtemp(join(bed.work, 'acr-'));
    // The emulator listens on loopback and speaks HTTPS only: naming it as a target (`acr`)
    // is how the sync learns that (a real *.azurecr.io source is HTTPS by its name).
    const config =
      `targets:\n  t:\n    registry: ${target.host}\n  acr:\n    registry: ${acr.host} acr\n` +
      `images:\n  - source: ${acr.host}/giantswarm/*\n    to: [t]\n` +
      // A source the sync logs in to counts as private unless the config vouches for it
      // (docs/visibility.md): the unmarked target takes public sources only.
      '    visibility: public\n';
    await writeFile(join(dir, 'sync.yaml'), config);
    const env = { OCI_PUSH_CREDENTIALS: admin, ...harness.childEnv() } as Record<string, string>;
    const run = await runCli(['sync', '--config', 'sync.yaml'], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(await listTags(target, 'giantswarm/one')).toEqual(['2.0.0']);
    expect(await listTags(target, 'giantswarm/two')).toEqual(['2.0.0']);
    const catalog = acr.requests.filter((r) => r.path.startsWith('/v2/_catalog'));
    expect(catalog.length).toBeGreaterThan(0);
    expect(catalog.every((r) => r.requiredScope === 'registry:catalog:*')).toBe(true);
    expect(catalog.some((r) => r.status === 200)).toBe(true);

    // ABAC, and a role that reads repositories but may not list them: refused, with the fix.
    acr.behaviours.abac = true;
    acr.behaviours.roles.set(acr.admin.username, ['Container Registry Repository Reader']);
    try {
      const refused = await runCli(['sync', '--config', 'sync.yaml', '--json', 'r.json'], {
        cwd: dir,
        env,
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/reading the registry's catalog failed/);
      expect(refused.stderr).toMatch(/registry:catalog:\*.*Catalog Lister/);
      const json = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')) as SyncJson;
      expect(json.counts.failed).toBe(1);
    } finally {
      acr.behaviours.abac = false;
      acr.behaviours.roles.clear();
    }
  });
});

test("retagger's features on a real registry: capture group, suffix, strip-v, a digest pin over a moved tag, a floating tag moved (not drift)", async () => {
  const source = await registry();
  const target = await registry();
  const S = source.host;
  await seed(source, 'up/etcd', ['3.4.13-0', '3.5.4-0', '3.5.9-0', 'v3.5.10', 'latest']);
  await seed(source, 'up/linkerd', [
    'stable-2.12.0',
    'stable-2.13.4',
    'stable-2.14.0',
    'edge-24.1.1',
  ]);
  await seed(source, 'up/app', ['v1.2.3', 'v1.3.0', 'v0.9.0']);
  const pinned = await seed(source, 'up/aws-cli', ['2.7.35']);
  const moved = await seed(source, 'up/aws-cli', ['2.7.35']); // the source tag moved since
  const firstLatest = await seed(source, 'up/tool', ['latest', '1.0.0']);
  const config =
    `version: 1\nfloating: ['^latest$']\ntargets:\n  t:\n    registry: ${target.host}\nimages:\n` +
    `  - source: ${S}/up/etcd\n    target: gs/etcd\n    tags: { semver: '>= v3.5.4-0' }\n    target-tag: { suffix: '-k8s' }\n` +
    `  - source: ${S}/up/linkerd\n    target: gs/linkerd\n    tags: { semver: '>= 2.13.4', version: '^stable-(.*)$' }\n` +
    `  - source: ${S}/up/app\n    target: gs/app\n    tags: { semver: '>= 1.2' }\n    target-tag: { strip-v: true }\n` +
    `  - source: ${S}/up/aws-cli\n    target: gs/awscli\n    tags: { pin: { '2.7.35': '${pinned}' } }\n` +
    `  - source: ${S}/up/tool\n    target: gs/tool\n`;
  const first = await cliSync(config);
  expect(first.stderr).not.toMatch(/warning/);
  expect(first.code).toBe(0);
  // Masterminds: 3.5.9-0 passes `>= v3.5.4-0` (the constraint names a pre-release).
  expect(sorted(await listTags(target, 'gs/etcd'))).toEqual([
    '3.5.4-0-k8s',
    '3.5.9-0-k8s',
    'v3.5.10-k8s',
  ]);
  expect(sorted(await listTags(target, 'gs/linkerd'))).toEqual(['stable-2.13.4', 'stable-2.14.0']);
  expect(sorted(await listTags(target, 'gs/app'))).toEqual(['1.2.3', '1.3.0']);
  expect(await listTags(target, 'gs/awscli')).toEqual(['2.7.35']);
  expect(await skopeoDigest(target, 'gs/awscli:2.7.35')).toBe(pinned);
  expect(await skopeoDigest(source, 'up/aws-cli:2.7.35')).toBe(moved);
  expect(await skopeoDigest(target, 'gs/tool:latest')).toBe(firstLatest);

  // Upstream moves `latest`: the re-run moves it too, and that is no drift (exit 0).
  const nextLatest = await seed(source, 'up/tool', ['latest']);
  const again = await cliSync(config);
  expect(again.code).toBe(0);
  expect(await skopeoDigest(target, 'gs/tool:latest')).toBe(nextLatest);
  const tool = again.result.images.find((i) => i.repository === 'gs/tool');
  expect(tool?.tags.find((t) => t.tag === 'latest')?.targets[0]?.status).toBe('moved');
  expect(tool?.tags.find((t) => t.tag === '1.0.0')?.targets[0]?.status).toBe('trusted');
  // The pin stays on its digest, and is not reported as drift.
  expect(await skopeoDigest(target, 'gs/awscli:2.7.35')).toBe(pinned);
  expect(again.result.counts.drifted).toBe(0);
});

test('an image that selects no tag is a failed row with a warning annotation (the built action); may-be-empty lets it pass', async () => {
  const source = await registry();
  const target = await registry();
  await seed(source, 'up/typo', ['1.0.0', '1.1.0']);
  await seed(source, 'up/fine', ['2.0.0']);
  const config = (mayBeEmpty: boolean): string =>
    `targets:\n  t:\n    registry: ${target.host}\nimages:\n` +
    `  - source: ${source.host}/up/typo\n    tags: { semver: '>= 11.0' }\n` +
    (mayBeEmpty ? '    may-be-empty: true\n' : '') +
    `  - source: ${source.host}/up/fine\n`;
  const action = await bed.actionSync(config(false));
  expect(action.code).toBe(1);
  expect(action.stdout).toMatch(/::warning title=oci-push sync%3A .*up\/typo selects no tag::/);
  expect(action.outputs).toMatchObject({ failed: '1', copied: '1' });
  expect(action.summary).toMatch(/up\/typo → up\/typo \| t .*\| selects no tag \|/);
  expect(await listTags(target, 'up/fine')).toEqual(['2.0.0']);

  const allowed = await bed.actionSync(config(true));
  expect(allowed.code).toBe(0);
  expect(allowed.outputs).toMatchObject({ failed: '0' });
});

describe('the converter', () => {
  const schema = JSON.parse(readFileSync(resolve(ROOT, 'sync', 'schema.json'), 'utf8')) as object;

  test("retagger's format and skopeo sync's, converted, valid to the schema, select what Masterminds selects (a dry run against seeded tags)", async () => {
    const source = await registry();
    const target = await registry();
    const S = source.host;
    await seed(source, 'up/etcd', ['3.4.13-0', '3.5.4-0', '3.5.9-0', 'v3.5.10', 'latest']);
    await seed(source, 'up/pause', ['3.0', '3.1', '3.2', '3.10', 'v3.9', '3.10-rc.1', 'latest']);
    await seed(source, 'up/linkerd-proxy', [
      'stable-2.12.0',
      'stable-2.13.4',
      'stable-2.14.0',
      'edge-24.1.1',
    ]);
    const pinned = await seed(source, 'up/aws-cli', ['2.7.35']);
    await seed(source, 'up/aws-cli', ['2.7.35']);
    await seed(source, 'up/app', ['v0.9.0', 'v1.0.0', 'v1.1']);
    await seed(source, 'up/redis', ['1.0', '2.0', '3.0']);
    await seed(source, 'up/nginx', [
      '1.13.1-alpine',
      '1.13.2-alpine',
      '1.13.3-alpine',
      '1.13.1-alpine-perl',
    ]);
    await seed(source, 'up/alpine', ['3.16.0', '3.17', '3.17.1', '3.18.0-rc.1', '3.19']);
    const dir = await mkdtemp(join(bed.work, 'convert-'));
    await writeFile(
      join(dir, 'renamed-images.yaml'),
      `- image: ${S}/up/etcd\n  semver: ">= v3.5.4-0"\n  add_tag_suffix: k8s\n` +
        `- image: ${S}/up/pause\n  semver: ">= 3.1"\n` +
        `- image: ${S}/up/linkerd-proxy\n  override_repo_name: linkerd2-proxy\n  semver: ">= 2.13.4"\n  filter: "^stable-(.*)$"\n` +
        `- image: ${S}/up/aws-cli\n  override_repo_name: awscli\n  tag_or_pattern: "2.7.35"\n  sha: ${pinned.slice(7)}\n` +
        `- image: ${S}/up/app\n  semver: ">= v1.0"\n  strip_semver_prefix: true\n`,
    );
    await writeFile(
      join(dir, 'skopeo-local.yaml'),
      `${S}:\n  images:\n    up/redis:\n      - "1.0"\n      - "2.0"\n` +
        `  images-by-tag-regex:\n    up/nginx: ^1\\.13\\.[12]-alpine$\n` +
        `  images-by-semver:\n    up/alpine: ">= 3.17"\n`,
    );
    const converted = await runCli(
      [
        'sync',
        'convert',
        '--target',
        `t=${target.host}/giantswarm`,
        'renamed-images.yaml',
        'skopeo-local.yaml',
      ],
      { cwd: dir },
    );
    expect(converted.stderr).toBe('');
    expect(converted.code).toBe(0);
    const value = parse(converted.stdout) as unknown;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(value)).toBe(true);
    await parseSyncConfigText(converted.stdout, 'converted');

    const run = await cliSync(converted.stdout, ['--dry-run']);
    expect(run.code).toBe(0);
    const selection = Object.fromEntries(
      run.result.images.map((image) => [
        image.repository,
        sorted(image.tags.map((t) => t.targetTag ?? t.tag)),
      ]),
    );
    // Written by hand from Masterminds v3's rules: a leading v and missing parts are read,
    // a pre-release passes only a constraint naming one (then any pre-release may).
    expect(selection).toEqual({
      'giantswarm/etcd': sorted(['3.5.4-0-k8s', '3.5.9-0-k8s', 'v3.5.10-k8s']),
      'giantswarm/pause': sorted(['3.1', '3.2', '3.10', 'v3.9']),
      'giantswarm/linkerd2-proxy': sorted(['stable-2.13.4', 'stable-2.14.0']),
      'giantswarm/awscli': ['2.7.35'],
      'giantswarm/app': sorted(['1.0.0', '1.1']),
      'giantswarm/redis': sorted(['1.0', '2.0']),
      'giantswarm/nginx': sorted(['1.13.1-alpine', '1.13.2-alpine']),
      'giantswarm/alpine': sorted(['3.17', '3.17.1', '3.19']),
    });
    const awscli = run.result.images.find((i) => i.repository === 'giantswarm/awscli');
    expect(awscli?.tags[0]?.digest).toBe(pinned);
    expect(
      run.result.images.every((i) => i.tags.every((t) => t.targets[0]?.status === 'would-copy')),
    ).toBe(true);
  });

  test('a file to convert is read as a sync config is: over 1 MiB, or /dev/zero, is an input error (exit 2)', async () => {
    const dir = await mkdtemp(join(bed.work, 'convert-big-'));
    await writeFile(join(dir, 'big.yaml'), `- image: alpine\n${'#'.repeat(1024 * 1024)}\n`);
    const big = await runCli(['sync', 'convert', 'big.yaml'], { cwd: dir });
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(
      /big\.yaml: more than 1 MiB: a sync config is at most 1048576 bytes/,
    );
    expect(big.stdout).toBe('');

    const zero = await runCli(['sync', 'convert', '/dev/zero'], { cwd: dir });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/\/dev\/zero: more than 1 MiB/);
  });

  test('what a sync config cannot say goes to stderr, and the exit code is 1', async () => {
    const dir = await mkdtemp(join(bed.work, 'convert-bad-'));
    await writeFile(
      join(dir, 'skopeo.yaml'),
      `quay.io:\n  credentials:\n    username: u\n    password: p\n  tls-verify: false\n` +
        `  images:\n    coreos/etcd:\n      - "v3.5.0"\n      - "sha256:${'a'.repeat(64)}"\n`,
    );
    await writeFile(join(dir, 'retagger.yaml'), `- image: alpine\n  filter: "(.*)"\n`);
    const run = await runCli(['sync', 'convert', 'skopeo.yaml', 'retagger.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /left out: skopeo\.yaml: quay\.io: credentials: credentials are never written/,
    );
    expect(run.stderr).toMatch(/left out: skopeo\.yaml: quay\.io: tls-verify/);
    expect(run.stderr).toMatch(/left out: .*sha256:a{64}: skopeo copies a digest without a tag/);
    expect(run.stderr).toMatch(
      /left out: retagger\.yaml: \[0\] \(alpine\): neither tag_or_pattern, semver nor sha/,
    );
    // What could be said still is: the tag of etcd, into retagger's targets.
    expect(run.stdout).toMatch(/source: quay\.io\/coreos\/etcd\n\s+target: giantswarm\/etcd/);
    expect(run.stdout).toMatch(/registry: gsoci\.azurecr\.io/);
  });
});
