import { createHash } from 'node:crypto';
import { forEachLimited } from '../../../src/base/limit.js';
import type { AcrHarness } from './index.js';

/**
 * Seeds `count` small untagged image manifests (one shared config, no layers) straight into
 * the registry behind the emulator, so a cleanup has a large repository to work through, and
 * dates them `ageDays` back. Returns their digests.
 */
export async function seedManifests(
  harness: AcrHarness,
  repository: string,
  count: number,
  ageDays = 30,
): Promise<string[]> {
  const base = `${harness.backend.url}/v2/${repository}`;
  const config = Buffer.from(
    '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
  );
  const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const started = await fetch(`${base}/blobs/uploads/`, { method: 'POST' });
  if (started.status !== 202) throw new Error(`seed: upload start answered ${started.status}`);
  const location = new URL(started.headers.get('location') ?? '', harness.backend.url);
  location.searchParams.set('digest', configDigest);
  const put = await fetch(location, {
    method: 'PUT',
    body: config,
    headers: { 'content-type': 'application/octet-stream' },
  });
  if (put.status !== 201) throw new Error(`seed: config upload answered ${put.status}`);
  const digests: string[] = [];
  await forEachLimited(
    Array.from({ length: count }, (_, i) => i),
    16,
    async (i) => {
      const bytes = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: {
            mediaType: 'application/vnd.oci.image.config.v1+json',
            digest: configDigest,
            size: config.length,
          },
          layers: [],
          annotations: { build: String(i) },
        }),
      );
      const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
      const res = await fetch(`${base}/manifests/${digest}`, {
        method: 'PUT',
        body: bytes,
        headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      });
      if (res.status !== 201) throw new Error(`seed: manifest PUT answered ${res.status}`);
      digests.push(digest);
    },
  );
  const old = new Date(Date.now() - ageDays * 24 * 3600 * 1000);
  for (const digest of digests) {
    await harness.acr.setManifestTimes(repository, digest, {
      createdTime: old,
      lastUpdateTime: old,
    });
  }
  return digests;
}

/** GitHub's OIDC token from the harness, as `core.getIDToken(audience)` fetches it. */
export async function harnessIdToken(harness: AcrHarness, audience: string): Promise<string> {
  const { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: token } =
    harness.github.env;
  const res = await fetch(`${url}&audience=${encodeURIComponent(audience)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { value: string }).value;
}
