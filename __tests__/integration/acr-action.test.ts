import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AcrHarness, runSdk, startAcrHarness } from '../harness/acr/index.js';
import { runAction } from '../harness/action.js';
import {
  makeMultiPlatformLayout,
  makeOciLayout,
  type MultiPlatformFixture,
} from '../harness/fixtures.js';
import { inspectRaw, listTags } from '../harness/skopeo.js';

/**
 * The built action against the local ACR (HTTPS, Entra-only auth) with no stored secret:
 * GitHub OIDC → Entra → /oauth2/exchange → refresh-token grant. Then locks on releases, a
 * locked release that `overwrite` can't move, and dev builds left untagged for retention.
 * What lands is read from the real registry behind the emulator with skopeo, and the locks
 * with the real Azure SDK.
 */
let harness: AcrHarness;
let work: string;
let image: MultiPlatformFixture;

beforeAll(async () => {
  harness = await startAcrHarness();
  work = await mkdtemp(join(tmpdir(), 'oci-push-acr-action-'));
  image = await makeMultiPlatformLayout(join(work, 'image'));
});
afterAll(async () => {
  await harness?.stop();
  await rm(work, { recursive: true, force: true });
});

/** A runner's environment for keyless login (the CA, and unless told not to, OIDC). */
const runnerEnv = (withOidc = true): Record<string, string> =>
  withOidc ? harness.runnerEnv() : { NODE_EXTRA_CA_CERTS: harness.ca.bundlePath };

function inputs(extra: Record<string, string>): Record<string, string> {
  return {
    image: `oci:${image.dir}`,
    registries: `${harness.acr.host} dev acr`,
    'azure-client-id': harness.clientId,
    'azure-tenant-id': harness.tenantId,
    'azure-authority-host': harness.entra.authorityHost,
    ...extra,
  };
}

/** The backend registry, read directly: what ACR really holds. */
const backend = (): Parameters<typeof inspectRaw>[0] => harness.backend;

async function properties(
  repository: string,
  reference: string,
): Promise<{ canWrite?: boolean; canDelete?: boolean; tags?: string[] }> {
  const { outcomes } = await runSdk(harness, [
    { op: 'getManifestProperties', repository, reference },
  ]);
  const [outcome] = outcomes;
  if (!outcome?.ok) throw new Error(`getManifestProperties: ${JSON.stringify(outcome?.error)}`);
  return outcome.value as { canWrite?: boolean; canDelete?: boolean; tags?: string[] };
}

describe('a locked release', () => {
  const repository = 'giantswarm/locked';

  test('is pushed keyless, then its index, every child and its version tag are locked', async () => {
    const run = await runAction(
      inputs({ repository, build: 'release', version: '1.0.0', lock: 'true', tags: 'latest' }),
      runnerEnv(),
    );
    expect(run.stdout).not.toContain('::error');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `push → ${harness.acr.host}/${repository} (registry, tags 1.0.0, latest)`,
    );
    expect((await inspectRaw(backend(), `${repository}:1.0.0`)).equals(image.index.bytes)).toBe(
      true,
    );

    // Keyless, for real: the exchange happened, and no password was involved.
    const grants = harness.acr.requests.map((r) => r.grantType).filter(Boolean);
    expect(grants).toContain('access_token');
    expect(grants).toContain('refresh_token');
    expect(grants).not.toContain('password');
    expect(run.stdout).toContain(
      `${harness.acr.host}: keyless login as client ${harness.clientId}`,
    );

    for (const digest of [image.index.digest, ...image.manifests.map((m) => m.digest)]) {
      const p = await properties(repository, digest);
      expect([digest, p.canWrite, p.canDelete]).toEqual([digest, false, false]);
    }
    const tag = await runSdk(harness, [{ op: 'getTagProperties', repository, tag: '1.0.0' }]);
    expect(tag.outcomes[0]?.value).toMatchObject({ canWrite: false, canDelete: false });
    // `latest` floats with each release: it is not locked.
    const latest = await runSdk(harness, [{ op: 'getTagProperties', repository, tag: 'latest' }]);
    expect(latest.outcomes[0]?.value).toMatchObject({ canWrite: true, canDelete: true });

    expect(run.summary).toContain('### Azure Container Registry');
    expect(run.summary).toContain(
      `locked ${1 + image.manifests.length} manifest(s) and the tag \`1.0.0\``,
    );
    // Locked at once: as soon as its tags were verified, inside the push, before its result.
    const lockedAt = run.stdout.indexOf(`${harness.acr.host}/${repository}: locked`);
    expect(lockedAt).toBeGreaterThan(-1);
    expect(lockedAt).toBeLessThan(run.stdout.indexOf(`${harness.acr.host}/${repository}: pushed`));
  });

  test('refuses an overwrite, even with overwrite: true, and says why; the tag does not move', async () => {
    const other = await makeOciLayout(join(work, 'other'));
    const run = await runAction(
      inputs({
        image: `oci:${other.dir}`,
        repository,
        build: 'release',
        version: '1.0.0',
        overwrite: 'true',
      }),
      runnerEnv(),
    );
    // A refused release exits 3 from the action as from the CLI (docs/exit-codes.md).
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(
      'is locked (writeEnabled: false), so not even `overwrite: true` moves it',
    );
    expect((await inspectRaw(backend(), `${repository}:1.0.0`)).equals(image.index.bytes)).toBe(
      true,
    );
  });
});

test('dev-untag: the dev build stays, as an untagged manifest, and no tag is left', async () => {
  const repository = 'giantswarm/dev-untag';
  const layout = await makeOciLayout(join(work, 'dev'));
  const run = await runAction(
    inputs({ image: `oci:${layout.dir}`, repository, 'dev-untag': 'true' }),
    runnerEnv(),
  );
  expect(run.stdout).not.toContain('::error');
  expect(run.code).toBe(0);
  expect(run.outputs.ref).toBe(`${harness.acr.host}/${repository}@${layout.manifest.digest}`);
  expect(run.stdout).toContain(
    `push → ${harness.acr.host}/${repository} (registry, by digest, no tag)`,
  );
  expect(
    (await inspectRaw(backend(), `${repository}@${layout.manifest.digest}`)).equals(
      layout.manifest.bytes,
    ),
  ).toBe(true);
  expect(await listTags(backend(), repository)).toEqual([]);
  expect((await properties(repository, layout.manifest.digest)).tags ?? []).toEqual([]);
  // It was tagged for a moment, and the tag was deleted through ACR's API.
  const deletes = harness.acr.requests.filter(
    (r) => r.method === 'DELETE' && r.path.includes('/_tags/oci-push-untag-') && r.status === 202,
  );
  expect(deletes).toHaveLength(1);
  expect(run.summary).toContain('the dev build is an untagged manifest that retention can collect');
});

test('without `permissions: id-token: write` the step says exactly that', async () => {
  const run = await runAction(
    inputs({ repository: 'giantswarm/no-oidc', build: 'release', version: '1.0.0' }),
    runnerEnv(false),
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('permissions: id-token: write');
});
