import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Digest } from '../../src/oci/digest.js';
import { referrersTag } from '../../src/oci/referrers.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';
import { type AcrHarness, startAcrHarness } from '../harness/acr/index.js';
import { runAction } from '../harness/action.js';
import { descriptorOf, makeOciLayout, writeLayout } from '../harness/fixtures.js';
import { sbomReferrer } from '../harness/referrers.js';
import { inspectRaw, listTags } from '../harness/skopeo.js';

/**
 * The local ACR serves the referrers API, as ACR does (FACTS.md "Referrers"): a referrer
 * pushed there is indexed by the registry (it answers `OCI-Subject`), found through the
 * API, and no fallback tag is written beside it.
 */
let harness: AcrHarness;
let work: string;

beforeAll(async () => {
  harness = await startAcrHarness();
  work = await mkdtemp(join(tmpdir(), 'oci-push-referrers-acr-'));
});
afterAll(async () => {
  await harness?.stop();
  await rm(work, { recursive: true, force: true });
});

test('an SBOM pushed keyless to ACR is found through the referrers API, and no fallback tag is written', async () => {
  const app = await makeOciLayout(join(work, 'app'), { refName: 'app' });
  const subject = app.manifest.digest as Digest;
  const sbom = sbomReferrer({
    mediaType: app.manifest.mediaType,
    digest: subject,
    size: app.manifest.size,
  });
  await writeLayout(
    app.dir,
    [app.manifest, app.config, ...app.layers, sbom.manifest, ...sbom.blobs],
    [
      {
        ...descriptorOf(app.manifest),
        annotations: { 'org.opencontainers.image.ref.name': 'app' },
      },
      descriptorOf(sbom.manifest),
    ],
  );
  const repository = 'giantswarm/acr-referrers';
  const run = await runAction(
    {
      // No entry name: the SBOM beside the image in index.json is not a second candidate.
      image: `oci:${app.dir}`,
      repository,
      registries: `${harness.acr.host} dev acr`,
      'azure-client-id': harness.clientId,
      'azure-tenant-id': harness.tenantId,
      'azure-authority-host': harness.entra.authorityHost,
      visibility: 'public',
    },
    harness.runnerEnv(),
  );
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  const [row] = JSON.parse(run.outputs.result ?? '[]') as { referrers?: object }[];
  expect(row?.referrers).toMatchObject({ copied: 1, present: 0, failed: 0 });

  // Through the API, as a client of ACR looks (admin credential, Basic at the token endpoint).
  const client = new RegistryClient({
    endpoint: { host: harness.acr.host, https: true },
    credential: { kind: 'basic', ...harness.acr.admin },
    send: createTransport({ userAgent: 'oci-push-test' }),
  });
  const listed = await client.getReferrers(repository, subject);
  expect(listed).toEqual([
    expect.objectContaining({
      digest: sbom.manifest.digest,
      artifactType: 'application/spdx+json',
    }),
  ]);
  // What the registry behind the emulator really holds: the SBOM, byte for byte, and no
  // fallback tag; and nobody tried to write one.
  expect(
    (await inspectRaw(harness.backend, `${repository}@${sbom.manifest.digest}`)).equals(
      sbom.manifest.bytes,
    ),
  ).toBe(true);
  expect(await listTags(harness.backend, repository)).not.toContain(referrersTag(subject));
  const tagWrites = harness.acr.requests.filter(
    (r) => r.method === 'PUT' && r.path.includes(`/manifests/${referrersTag(subject)}`),
  );
  expect(tagWrites).toEqual([]);
  expect(
    harness.acr.requests.some((r) => r.method === 'GET' && r.path.includes('/referrers/')),
  ).toBe(true);
});
