import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AcrHarness, runSdk, startAcrHarness } from '../harness/acr/index.js';
import { runCli } from '../harness/cli.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { inspectRaw, listTags } from '../harness/skopeo.js';

/**
 * The CLI's keyless Azure login and its cleanup command, against the local ACR (HTTPS,
 * Entra-only auth) with GitHub's OIDC token service as a runner has it: `--azure-*` flags,
 * a release locked with `--lock`, the locked release refused for real (exit 3, even with
 * `--overwrite`), and `oci-push cleanup` deleting an old untagged dev build.
 */
let harness: AcrHarness;
let work: string;
let image: OciLayoutFixture;

beforeAll(async () => {
  harness = await startAcrHarness();
  work = await mkdtemp(join(tmpdir(), 'oci-push-cli-acr-'));
  image = await makeOciLayout(join(work, 'image'));
});
afterAll(async () => {
  await harness?.stop();
  await rm(work, { recursive: true, force: true });
});

const azure = (): string[] => harness.cliAzureFlags();

test('push --lock logs in keyless and locks the release; another image for it exits 3, even with --overwrite', async () => {
  const repository = 'giantswarm/cli-locked';
  const push = (dir: string, ...more: string[]): string[] => [
    'push',
    '--image',
    `oci:${dir}`,
    '--registries',
    `${harness.acr.host} dev acr`,
    '--repository',
    repository,
    '--build',
    'release',
    '--version',
    '1.0.0',
    ...azure(),
    ...more,
  ];
  const first = await runCli(push(image.dir, '--lock'), { env: harness.runnerEnv() });
  expect({ code: first.code, stderr: first.stderr }).toEqual({
    code: 0,
    stderr: expect.stringContaining('oci-push: release 1.0.0'),
  });
  const { outcomes } = await runSdk(harness, [
    { op: 'getManifestProperties', repository, reference: image.manifest.digest },
  ]);
  expect(outcomes[0]?.value).toMatchObject({ canWrite: false, canDelete: false });

  const other = await makeOciLayout(join(work, 'other'));
  const again = await runCli(push(other.dir, '--overwrite', '--json', '-'), {
    env: harness.runnerEnv(),
  });
  expect(again.code).toBe(3);
  expect(again.stderr).toContain('is locked');
  expect(JSON.parse(again.stdout)).toEqual([expect.objectContaining({ status: 'refused' })]);
  expect(await inspectRaw(harness.backend, `${repository}:1.0.0`)).toEqual(image.manifest.bytes);
});

test('cleanup deletes an old untagged dev build and keeps a new one; --dry-run deletes nothing', async () => {
  const repository = 'giantswarm/cli-cleanup';
  const dev = async (name: string): Promise<OciLayoutFixture> => {
    const layout = await makeOciLayout(join(work, name), { layerSizes: [256] });
    const run = await runCli(
      [
        'push',
        '--image',
        `oci:${layout.dir}`,
        '--registries',
        `${harness.acr.host} dev acr`,
        '--repository',
        repository,
        '--build',
        'dev',
        '--version',
        `0.0.${name.length}`,
        ...azure(),
      ],
      { env: harness.runnerEnv() },
    );
    expect(run.code).toBe(0);
    return layout;
  };
  const old = await dev('old-dev');
  const fresh = await dev('new-dev-build');
  const time = new Date(Date.now() - 10 * 24 * 3600 * 1000);
  await harness.acr.setManifestTimes(repository, old.manifest.digest, {
    createdTime: time,
    lastUpdateTime: time,
  });
  const cleanup = (...more: string[]): string[] => [
    'cleanup',
    '--registry',
    harness.acr.host,
    '--repositories',
    'giantswarm/cli-*',
    '--older-than',
    '7d',
    ...azure(),
    ...more,
  ];
  const present = async (digest: string): Promise<boolean> =>
    inspectRaw(harness.backend, `${repository}@${digest}`).then(
      () => true,
      () => false,
    );

  const dry = await runCli(cleanup('--dry-run'), { env: harness.runnerEnv() });
  expect(dry.code).toBe(0);
  expect(await present(old.manifest.digest)).toBe(true);

  const run = await runCli(cleanup('--json', '-'), { env: harness.runnerEnv() });
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  const result = JSON.parse(run.stdout) as {
    deleted: number;
    repositories: { repository: string; status: string }[];
  };
  expect(result.deleted).toBe(1);
  expect(result.repositories).toEqual(
    expect.arrayContaining([expect.objectContaining({ repository, status: 'cleaned' })]),
  );
  expect(await present(old.manifest.digest)).toBe(false);
  expect(await present(fresh.manifest.digest)).toBe(true);
  expect(await listTags(harness.backend, repository)).toEqual([]);
});
