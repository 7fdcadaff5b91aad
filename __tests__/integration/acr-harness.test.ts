import { ContainerRegistryClient } from '@azure/container-registry';
import { ClientAssertionCredential } from '@azure/identity';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ACR_AUDIENCE,
  type AcrHarness,
  REFRESH_TOKEN_USERNAME,
  runSdk,
  type SdkOutcome,
  type SdkStep,
  startAcrHarness,
} from '../harness/acr/index.js';
import {
  makeMultiPlatformLayout,
  makeOciLayout,
  type MultiPlatformFixture,
  type OciLayoutFixture,
} from '../harness/fixtures.js';
import { runCommand } from '../harness/processes.js';
import { inspectRaw, listTags, skopeo } from '../harness/skopeo.js';

/**
 * Proof that the ACR harness is good enough to test keyless ACR against: the real
 * `@azure/identity` (ClientAssertionCredential with a GitHub OIDC token) and the real
 * `@azure/container-registry` run in a child Node 24 against the fake Entra ID and the ACR
 * emulator, and what they change shows up in the real registry behind it.
 */
describe('ACR harness: the real Azure SDKs against the emulator', () => {
  let harness: AcrHarness;
  let work: string;
  const ordered: OciLayoutFixture[] = [];
  let multi: MultiPlatformFixture;
  const day = 24 * 3600 * 1000;

  /** Pushes through the emulator as the admin user, as `skopeo copy` with `--creds` does. */
  const push = async (source: string, reference: string, all = false): Promise<void> => {
    const { username, password } = harness.acr.admin;
    const copied = await skopeo([
      'copy',
      ...(all ? ['--all'] : []),
      `--dest-creds=${username}:${password}`,
      `--dest-cert-dir=${harness.ca.trustDir}`,
      source,
      `docker://${harness.acr.host}/${reference}`,
    ]);
    if (copied.code !== 0) throw new Error(`skopeo copy to ${reference}: ${copied.stderr}`);
  };

  const sdk = async (...steps: SdkStep[]): Promise<SdkOutcome[]> => {
    const { outcomes, run } = await runSdk(harness, steps);
    expect(run.code).toBe(0);
    return outcomes;
  };

  const value = <T>(outcome: SdkOutcome | undefined): T => {
    if (!outcome?.ok) throw new Error(`SDK step failed: ${JSON.stringify(outcome?.error)}`);
    return outcome.value as T;
  };

  beforeAll(async () => {
    harness = await startAcrHarness();
    work = await mkdtemp(join(tmpdir(), 'oci-push-acr-'));
    for (const [i, tag] of ['1.0.0', '1.1.0', '2.0.0'].entries()) {
      const layout = await makeOciLayout(join(work, `ordered-${i}`), { layerSizes: [512] });
      ordered.push(layout);
      await push(`oci:${layout.dir}`, `giantswarm/ordered:${tag}`);
    }
    multi = await makeMultiPlatformLayout(join(work, 'multi'));
    await push(`oci:${multi.dir}`, 'giantswarm/multi:1.0.0', true);
  });
  afterAll(async () => {
    await harness?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('keyless: a GitHub OIDC token becomes an Entra token, an ACR refresh token, then access tokens', async () => {
    const [names, paged] = await sdk(
      { op: 'listRepositoryNames' },
      { op: 'listRepositoryNames', pageSize: 1 },
    );
    expect(value(names)).toEqual(['giantswarm/multi', 'giantswarm/ordered']);
    // The catalog is paged with n and Link, and the SDK follows the links.
    expect(value(paged)).toEqual([['giantswarm/multi'], ['giantswarm/ordered']]);

    expect(harness.github.requests).toContainEqual({
      audience: 'api://AzureADTokenExchange',
      status: 200,
    });
    expect(harness.entra.requests).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        path: `/${harness.tenantId}/oauth2/v2.0/token`,
        grantType: 'client_credentials',
        clientId: harness.clientId,
        scope: 'https://containerregistry.azure.net/.default',
        status: 200,
      }),
    );
    const principal = harness.entra.apps[0]?.objectId;
    expect(harness.acr.requests).toContainEqual(
      expect.objectContaining({
        path: expect.stringMatching(/^\/oauth2\/exchange/),
        grantType: 'access_token',
        principal,
        status: 200,
      }),
    );
    expect(harness.acr.requests).toContainEqual(
      expect.objectContaining({
        path: expect.stringMatching(/^\/oauth2\/token/),
        grantType: 'refresh_token',
        scopes: ['registry:catalog:*'],
        principal,
        status: 200,
      }),
    );
    // skopeo pushed through the emulator: uploads came back to it, not to the registry.
    expect(harness.acr.requests).toContainEqual(
      expect.objectContaining({
        method: 'PUT',
        path: expect.stringMatching(/^\/v2\/giantswarm\/ordered\/blobs\/uploads\//),
        status: 201,
      }),
    );
  });

  test('lists manifest properties ordered by last update, page by page', async () => {
    const repository = 'giantswarm/ordered';
    const [oldest, middle, newest] = ordered.map((l) => l.manifest.digest);
    const now = Date.now();
    await harness.acr.setManifestTimes(repository, middle ?? '', {
      createdTime: new Date(now - 20 * day),
      lastUpdateTime: new Date(now - 10 * day),
    });
    await harness.acr.setManifestTimes(repository, oldest ?? '', {
      createdTime: new Date(now - 30 * day),
      lastUpdateTime: new Date(now - 30 * day),
    });
    const [descending, ascending, paged] = await sdk(
      { op: 'listManifestProperties', repository, order: 'LastUpdatedOnDescending' },
      { op: 'listManifestProperties', repository, order: 'LastUpdatedOnAscending' },
      { op: 'listManifestProperties', repository, order: 'LastUpdatedOnAscending', pageSize: 2 },
    );
    type Manifest = { digest: string; tags: string[]; lastUpdatedOn: string; createdOn: string };
    expect(value<Manifest[]>(descending).map((m) => m.digest)).toEqual([newest, middle, oldest]);
    expect(value<Manifest[]>(ascending).map((m) => m.digest)).toEqual([oldest, middle, newest]);
    expect(value<Manifest[][]>(paged).map((page) => page.map((m) => m.digest))).toEqual([
      [oldest, middle],
      [newest],
    ]);
    const first = value<Manifest[]>(ascending)[0];
    expect(first).toMatchObject({
      tags: ['1.0.0'],
      createdOn: new Date(now - 30 * day).toISOString(),
      lastUpdatedOn: new Date(now - 30 * day).toISOString(),
    });
  });

  test('a multi-platform index lists its children with their platforms', async () => {
    const repository = 'giantswarm/multi';
    const [list, index] = await sdk(
      { op: 'listManifestProperties', repository },
      { op: 'getManifestProperties', repository, reference: '1.0.0' },
    );
    const [amd64, arm64, attestation] = multi.manifests;
    expect(value(index)).toMatchObject({
      digest: multi.index.digest,
      tags: ['1.0.0'],
      relatedArtifacts: [
        { digest: amd64?.digest, architecture: 'amd64', operatingSystem: 'linux' },
        { digest: arm64?.digest, architecture: 'arm64', operatingSystem: 'linux' },
        { digest: attestation?.digest, architecture: 'unknown', operatingSystem: 'unknown' },
      ],
    });
    const byDigest = new Map(
      value<{ digest: string; tags: string[]; architecture?: string }[]>(list).map((m) => [
        m.digest,
        m,
      ]),
    );
    expect(byDigest.size).toBe(4);
    // The children are stored untagged, each with its own platform.
    expect(byDigest.get(arm64?.digest ?? '')).toMatchObject({ tags: [], architecture: 'arm64' });
  });

  test('locks: a locked manifest is not deleted, a locked tag is not overwritten', async () => {
    const repository = 'giantswarm/ordered';
    const [release, other] = ordered;
    const [lockManifest, lockTag, propsAfter, deleteLocked, deleteLockedTag] = await sdk(
      {
        op: 'updateManifestProperties',
        repository,
        reference: '1.0.0',
        properties: { canDelete: false, canWrite: false },
      },
      { op: 'updateTagProperties', repository, tag: '1.0.0', properties: { canWrite: false } },
      { op: 'getTagProperties', repository, tag: '1.0.0' },
      { op: 'deleteManifest', repository, reference: release?.manifest.digest ?? '' },
      { op: 'deleteTag', repository, tag: '1.0.0' },
    );
    expect(value(lockManifest)).toMatchObject({
      digest: release?.manifest.digest,
      canDelete: false,
      canWrite: false,
      canRead: true,
      canList: true,
    });
    expect(value(lockTag)).toMatchObject({ name: '1.0.0', canWrite: false, canDelete: true });
    expect(value(propsAfter)).toMatchObject({ name: '1.0.0', canWrite: false });
    expect(deleteLocked?.ok).toBe(false);
    expect(deleteLocked?.error).toMatchObject({ statusCode: 405 });
    expect(deleteLocked?.error?.message).toMatch(/operation is disallowed/);
    // writeEnabled:false on a tag also forbids deleting it, as ACR documents.
    expect(deleteLockedTag?.error).toMatchObject({ statusCode: 405 });

    // A push of another image onto the locked tag is refused, and the tag stays put.
    const overwrite = await skopeo([
      'copy',
      `--dest-creds=${harness.acr.admin.username}:${harness.acr.admin.password}`,
      `--dest-cert-dir=${harness.ca.trustDir}`,
      `oci:${other?.dir}`,
      `docker://${harness.acr.host}/${repository}:1.0.0`,
    ]);
    expect(overwrite.code).not.toBe(0);
    expect(overwrite.stderr).toMatch(/operation is disallowed/);
    const stored = await inspectRaw(harness.backend, `${repository}:1.0.0`);
    expect(stored.equals(release?.manifest.bytes ?? Buffer.alloc(0))).toBe(true);

    // Unlocked again, both go through.
    const [unlock, unlockTag] = await sdk(
      {
        op: 'updateManifestProperties',
        repository,
        reference: release?.manifest.digest ?? '',
        properties: { canDelete: true, canWrite: true },
      },
      { op: 'updateTagProperties', repository, tag: '1.0.0', properties: { canWrite: true } },
    );
    expect(value(unlock)).toMatchObject({ canDelete: true, canWrite: true });
    expect(value(unlockTag)).toMatchObject({ canWrite: true });
  });

  test('deleteTag untags in the real registry; deleteManifest deletes the manifest and its tags', async () => {
    const repository = 'giantswarm/ordered';
    const doomed = ordered[2]?.manifest.digest ?? '';
    const untaggedDigest = ordered[1]?.manifest.digest ?? '';
    const [deleteTag, gone, sdkTags, filtered, deleteManifest, manifests] = await sdk(
      { op: 'deleteTag', repository, tag: '1.1.0' },
      { op: 'getTagProperties', repository, tag: '1.1.0' },
      { op: 'listTagProperties', repository, reference: untaggedDigest },
      { op: 'listTagProperties', repository, reference: untaggedDigest, digest: untaggedDigest },
      { op: 'deleteManifest', repository, reference: doomed },
      { op: 'listManifestProperties', repository },
    );
    expect(deleteTag?.ok).toBe(true);
    expect(gone?.error).toMatchObject({ statusCode: 404 });
    // SDK 1.1.2: an artifact's listTagProperties() lists the whole repository's tags.
    expect(value<{ name: string }[]>(sdkTags).map((t) => t.name)).toEqual(['1.0.0', '2.0.0']);
    expect(value(filtered)).toEqual([]);
    expect(deleteManifest?.ok).toBe(true);
    expect(value<{ digest: string }[]>(manifests).map((m) => m.digest)).not.toContain(doomed);

    // The registry itself (plain HTTP, no emulator) agrees: 1.1.0 and 2.0.0 are gone, the
    // untagged manifest is still there, the deleted one is not.
    expect((await listTags(harness.backend, repository)).sort()).toEqual(['1.0.0']);
    const untagged = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${harness.backend.host}/${repository}@${ordered[1]?.manifest.digest}`,
    ]);
    expect(untagged.code).toBe(0);
    const deleted = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${harness.backend.host}/${repository}@${doomed}`,
    ]);
    expect(deleted.code).not.toBe(0);
  });

  test('a plain registry client logs in keylessly with the exchanged refresh token', async () => {
    const [exchanged] = await sdk({ op: 'exchangeForRefreshToken' });
    const refreshToken = value<string>(exchanged);
    const principal = harness.entra.apps[0]?.objectId;

    // skopeo (containers/image) sends it as a password, with ACR's all-zero username.
    const tags = await skopeo([
      'list-tags',
      `--creds=${REFRESH_TOKEN_USERNAME}:${refreshToken}`,
      `--cert-dir=${harness.ca.trustDir}`,
      `docker://${harness.acr.host}/giantswarm/multi`,
    ]);
    expect(tags.stderr).toBe('');
    expect(JSON.parse(tags.stdout)).toMatchObject({ Tags: ['1.0.0'] });
    expect(harness.acr.requests).toContainEqual(
      expect.objectContaining({ grantType: 'basic', principal, status: 200 }),
    );

    // The OAuth2 form (what `docker login` does with an identity token), then a v2 call.
    const curl = (args: string[]): Promise<{ code: number; stdout: string }> =>
      runCommand('curl', ['-sS', '--cacert', harness.ca.caPath, ...args]);
    const token = await curl([
      '--data-urlencode',
      'grant_type=refresh_token',
      '--data-urlencode',
      `service=${harness.acr.host}`,
      '--data-urlencode',
      'scope=repository:giantswarm/multi:pull',
      '--data-urlencode',
      `refresh_token=${refreshToken}`,
      `${harness.acr.origin}/oauth2/token`,
    ]);
    const accessToken = (JSON.parse(token.stdout) as { access_token: string }).access_token;
    expect(accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const list = await curl([
      '-H',
      `Authorization: Bearer ${accessToken}`,
      `${harness.acr.origin}/v2/giantswarm/multi/tags/list`,
    ]);
    expect(JSON.parse(list.stdout)).toEqual({ name: 'giantswarm/multi', tags: ['1.0.0'] });

    // That token holds pull on one repository, and nothing else.
    const denied = await curl([
      '-i',
      '-H',
      `Authorization: Bearer ${accessToken}`,
      `${harness.acr.origin}/v2/giantswarm/ordered/tags/list`,
    ]);
    expect(denied.stdout).toMatch(/^HTTP\/1\.1 401/);
    expect(denied.stdout).toContain(
      `www-authenticate: Bearer realm="${harness.acr.origin}/oauth2/token",` +
        `service="${harness.acr.host}",scope="repository:giantswarm/ordered:pull",` +
        'error="insufficient_scope"',
    );
  });

  test('the SDKs also run inside the jest process, which trusts the test CA', async () => {
    // What in-process tests of src/acr will do, with or without scripts/test.sh around them.
    const credential = new ClientAssertionCredential(
      harness.tenantId,
      harness.clientId,
      async () => harness.github.mint('api://AzureADTokenExchange'),
      { authorityHost: harness.entra.authorityHost, disableInstanceDiscovery: true },
    );
    const client = new ContainerRegistryClient(harness.acr.origin, credential, {
      audience: ACR_AUDIENCE,
    });
    const names: string[] = [];
    for await (const name of client.listRepositoryNames()) names.push(name);
    expect(names).toEqual(['giantswarm/multi', 'giantswarm/ordered']);
  });

  test('Entra refuses a GitHub token whose subject no federated credential names', async () => {
    const subject = harness.github.subject;
    harness.github.subject = 'repo:giantswarm/x:ref:refs/heads/main';
    try {
      const [refused] = await sdk({ op: 'listRepositoryNames' });
      expect(refused?.ok).toBe(false);
      expect(refused?.error?.message).toMatch(/AADSTS700213/);
      expect(harness.entra.requests.at(-1)).toMatchObject({ status: 401, errorCode: 700213 });
    } finally {
      harness.github.subject = subject;
    }
  });
});
