import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../harness/cli.js';
import { startHostileRegistry } from '../harness/hostile-registry.js';
import { makeOciLayout } from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { listTags, skopeo, skopeoCredsArgs } from '../harness/skopeo.js';

/**
 * The sync's targets take visibility markers, as the push's registry lines do; a source
 * counts as public when anyone may read it (the built CLI asks without its credential) or
 * when the config vouches for it, and otherwise never reaches a target that takes public
 * sources only. Real registries, checked with skopeo.
 */
let locked: TestRegistry; // needs a login: its repositories count as private
let open: TestRegistry; // anyone may read it; the sync holds no credential for it
let openWithLogin: TestRegistry; // anyone may read it, though the sync has a credential
let pub: TestRegistry;
let priv: TestRegistry;
let work: string;

async function seed(into: TestRegistry, repository: string): Promise<void> {
  const layout = await makeOciLayout(join(work, `seed-${into.host.split(':')[1]}-${repository}`));
  const copied = await skopeo([
    'copy',
    '--dest-tls-verify=false',
    ...skopeoCredsArgs(into, '--dest-creds'),
    `oci:${layout.dir}`,
    `docker://${into.host}/${repository}:1.0.0`,
  ]);
  if (copied.code !== 0) throw new Error(copied.stderr);
}

beforeAll(async () => {
  [locked, open, openWithLogin, pub, priv] = await Promise.all([
    startRegistry('basic'),
    startRegistry('anonymous'),
    startRegistry('anonymous'),
    startRegistry('anonymous'),
    startRegistry('anonymous'),
  ]);
  work = await mkdtemp(join(tmpdir(), 'oci-push-sync-visibility-'));
  await Promise.all([
    seed(locked, 'team/secret'),
    seed(locked, 'vendor/tool'),
    seed(open, 'library/alpine'),
    seed(open, 'internal/lab'),
    seed(openWithLogin, 'org/app'),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([locked, open, openWithLogin, pub, priv].map((r) => r?.stop()));
  await rm(work, { recursive: true, force: true });
});

test('a private source never reaches a public-only target; public ones, and vouched ones, do', async () => {
  const config = [
    'targets:',
    `  pub:\n    registry: ${pub.host}`, // no marker: public sources only
    `  priv:\n    registry: ${priv.host} private`,
    'images:',
    `  - source: ${locked.host}/team/secret\n    to: [pub, priv]`,
    `  - source: ${open.host}/library/alpine\n    to: [pub]`,
    `  - source: ${openWithLogin.host}/org/app\n    to: [pub]`,
    `  - source: ${locked.host}/vendor/tool\n    to: [pub]\n    visibility: public`,
    `  - source: ${open.host}/internal/lab\n    to: [pub, priv]\n    visibility: private`,
  ].join('\n');
  await writeFile(join(work, 'sync.yaml'), `${config}\n`);
  const run = await runCli(['sync', '--config', 'sync.yaml', '--json', '-'], {
    cwd: work,
    env: {
      OCI_PUSH_CREDENTIALS: [locked, openWithLogin]
        .map((r) => `${r.host}=${r.username || 'someone'}:${r.password}`)
        .join('\n'),
    },
  });
  // A required target refused an image: the run fails, after the others were synced.
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(
    new RegExp(
      `${locked.host}/team/secret: not synced to pub \\(${pub.host}\\): it can't be read without a credential \\(HTTP 401\\), so images\\[0\\] counts as private`,
    ),
  );
  expect(run.stderr).toContain(
    `${open.host}/internal/lab: not synced to pub (${pub.host}): the config says \`visibility: private\``,
  );

  // What skopeo finds: the private sources on the private target only.
  expect(await listTags(priv, 'team/secret')).toEqual(['1.0.0']);
  expect(await listTags(priv, 'internal/lab')).toEqual(['1.0.0']);
  expect(await listTags(pub, 'team/secret')).toEqual([]);
  expect(await listTags(pub, 'internal/lab')).toEqual([]);
  expect(await listTags(pub, 'library/alpine')).toEqual(['1.0.0']);
  expect(await listTags(pub, 'org/app')).toEqual(['1.0.0']);
  expect(await listTags(pub, 'vendor/tool')).toEqual(['1.0.0']);

  const result = JSON.parse(run.stdout) as { images: { source: string; error?: string }[] };
  expect(result.images.filter((i) => i.error).map((i) => i.source)).toEqual([
    `${locked.host}/team/secret`,
    `${open.host}/internal/lab`,
  ]);
}, 90_000);

test("a discovery entry from a registry the sync logs in to counts as private: its repositories can't be asked about one by one", async () => {
  const config = [
    'targets:',
    `  pub:\n    registry: ${pub.host}`,
    `  priv:\n    registry: ${priv.host} private`,
    'images:',
    `  - source: ${locked.host}/team/*\n    target: { strip: team, prefix: found }\n    to: [pub, priv]`,
  ].join('\n');
  await writeFile(join(work, 'discover.yaml'), `${config}\n`);
  const run = await runCli(['sync', '--config', 'discover.yaml'], {
    cwd: work,
    env: { OCI_PUSH_CREDENTIALS: `${locked.host}=${locked.username}:${locked.password}` },
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('the repositories a discovery entry finds are known only while');
  expect(await listTags(priv, 'found/secret')).toEqual(['1.0.0']);
  expect(await listTags(pub, 'found/secret')).toEqual([]);
}, 90_000);

test('a source its registry hides from strangers (404 without a credential) counts as private', async () => {
  // As some registries do for a private repository: to a stranger it does not exist, not even
  // its `latest`, so a probe of one tag could not tell it from a public one without that tag.
  const hiding = await startHostileRegistry(locked.host, ({ url, authorized }) =>
    !authorized && url.pathname.startsWith('/v2/team/secret/')
      ? {
          status: 404,
          body: '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}',
        }
      : undefined,
  );
  try {
    const config = [
      'targets:',
      `  pub:\n    registry: ${pub.host}`,
      'images:',
      `  - source: ${hiding.host}/team/secret\n    target: hidden/secret\n    to: [pub]`,
    ].join('\n');
    await writeFile(join(work, 'hiding.yaml'), `${config}\n`);
    const run = await runCli(['sync', '--config', 'hiding.yaml'], {
      cwd: work,
      env: { OCI_PUSH_CREDENTIALS: `${hiding.host}=${locked.username}:${locked.password}` },
    });
    expect(run.stderr).toContain(
      `${hiding.host}/team/secret: not synced to pub (${pub.host}): without a credential the registry says it does not exist (HTTP 404)`,
    );
    expect(run.code).toBe(1);
    // The stranger's question was asked (and answered 404), and nothing reached the target.
    expect(hiding.requests.some((r) => r.startsWith('GET /v2/team/secret/tags/list'))).toBe(true);
    expect(await listTags(pub, 'hidden/secret')).toEqual([]);
  } finally {
    await hiding.close();
  }
}, 90_000);
