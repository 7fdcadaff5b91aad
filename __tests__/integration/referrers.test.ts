import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachArtifactToImage } from '@sigstore/oci';
import { copyGraph, loadGraph } from '../../src/engine/copy.js';
import { copyReferrers, discoverReferrers } from '../../src/engine/referrers.js';
import type { Digest } from '../../src/oci/digest.js';
import { referrersTag } from '../../src/oci/referrers.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport, type Send } from '../../src/registry/http.js';
import { DEFAULT_RETRY_POLICY, withRetry } from '../../src/registry/retry.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { type ActionRun, runAction } from '../harness/action.js';
import { faults, startFaultProxy, type FaultProxy } from '../harness/fault-proxy.js';
import { descriptorOf, makeOciLayout, writeLayout } from '../harness/fixtures.js';
import type { OciLayoutFixture } from '../harness/fixtures.js';
import { ownClient } from '../harness/own-client.js';
import {
  cosignSignature,
  putReferrer,
  type ReferrerFixture,
  sbomReferrer,
} from '../harness/referrers.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { holds, inspectRaw, listTags } from '../harness/skopeo.js';

/**
 * Signatures, SBOMs and provenance travel with the image (issue 14), against real
 * registries: a real producer (`@sigstore/oci`, what `actions/attest` uses) attaches a
 * provenance bundle at the source, the action copies a release from that `docker://`
 * source to two registries and a mirror, and skopeo as well as our client find every
 * referrer at every target the way a client looks for it.
 */

const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const REPO = 'giantswarm/signed';

let source: TestRegistry;
let gsoci: TestRegistry;
let old: TestRegistry;
let mirror: TestRegistry;
/** In front of the old registry: counts what a re-run asks. */
let oldProxy: FaultProxy;
let work: string;
let image: OciLayoutFixture;
let subject: Digest;
const bundle = Buffer.from(
  JSON.stringify({
    mediaType: BUNDLE_TYPE,
    dsseEnvelope: {
      payloadType: 'application/vnd.in-toto+json',
      payload: Buffer.from(
        JSON.stringify({
          _type: 'https://in-toto.io/Statement/v1',
          predicateType: 'https://slsa.dev/provenance/v1',
        }),
      ).toString('base64'),
      signatures: [{ sig: 'c2lnbmF0dXJl', keyid: '' }],
    },
  }),
);
let bundleDigest: Digest;
let signature: ReferrerFixture;

beforeAll(async () => {
  [source, gsoci, old, mirror] = await Promise.all([
    startRegistry('basic'),
    startRegistry('token'),
    startRegistry('anonymous'),
    startRegistry('anonymous'),
  ]);
  oldProxy = await startFaultProxy(old.host, { plan: faults.none() });
  work = await mkdtemp(join(tmpdir(), 'oci-push-referrers-'));
  image = await makeOciLayout(join(work, 'image'));
  subject = image.manifest.digest as Digest;
  // The image at the source, tagged as a release.
  const layout = new OciLayoutSource(image.dir);
  const results = await copyGraph(layout, await loadGraph(layout), [
    { client: ownClient(source), repository: REPO, tags: ['1.2.3'] },
  ]);
  if (results[0]?.error) throw results[0].error;
});
afterAll(async () => {
  await oldProxy?.close();
  await Promise.all([source, gsoci, old, mirror].map((r) => r?.stop()));
  await rm(work, { recursive: true, force: true });
});

const targets = (): [TestRegistry, string][] => [
  [gsoci, gsoci.host],
  [old, oldProxy.host],
  [mirror, mirror.host],
];

function releaseInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    image: `docker://${source.host}/${REPO}:1.2.3`,
    repository: REPO,
    registries: `${gsoci.host} dev\n${oldProxy.host}`,
    mirrors: mirror.host,
    credentials: [source, gsoci].map((r) => `${r.host}=${r.username}:${r.password}`).join('\n'),
    visibility: 'public',
    ...extra,
  };
}
const RELEASE = { GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_SHA: 'b'.repeat(40) };

interface ReferrerRow {
  registry: string;
  status: string;
  referrers?: {
    copied: number;
    present: number;
    failed: number;
    items: { digest: string; action: string; tag?: string; movedFrom?: string }[];
  };
}
const rowsOf = (run: ActionRun): ReferrerRow[] =>
  JSON.parse(run.outputs.result ?? '[]') as ReferrerRow[];

/** The fallback tag's index at a registry, read by skopeo. */
async function fallbackIndex(
  registry: TestRegistry,
  of: Digest,
  host = registry.host,
): Promise<{ digest: string; artifactType?: string }[]> {
  const raw = await inspectRaw(
    { ...registry, host } as TestRegistry,
    `${REPO}:${referrersTag(of)}`,
  );
  return (JSON.parse(raw.toString('utf8')) as { manifests: { digest: string }[] }).manifests;
}

test('a provenance bundle attached by @sigstore/oci travels with a docker:// release to both registries and the mirror, byte for byte', async () => {
  const attached = await attachArtifactToImage({
    imageName: `${source.host}/${REPO}`,
    imageDigest: subject,
    artifact: bundle,
    mediaType: BUNDLE_TYPE,
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1',
    },
    credentials: { username: source.username, password: source.password },
  });
  bundleDigest = attached.digest as Digest;
  // Distribution 2.8 has no referrers API: the producer wrote the fallback tag.
  expect((await fallbackIndex(source, subject)).map((d) => d.digest)).toEqual([bundleDigest]);
  const sourceBytes = await inspectRaw(source, `${REPO}@${bundleDigest}`);

  const run = await runAction(releaseInputs(), RELEASE);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  const rows = rowsOf(run);
  expect(rows).toHaveLength(3);
  for (const row of rows) {
    expect(row).toMatchObject({
      status: 'pushed',
      referrers: { copied: 1, present: 0, failed: 0 },
    });
  }
  expect(run.summary).toContain('referrers copied / there / failed');

  for (const [registry, host] of targets()) {
    // skopeo: the fallback tag lists the bundle, and the bundle is the source's bytes.
    const index = await fallbackIndex(registry, subject, host);
    expect(index).toEqual([
      expect.objectContaining({ digest: bundleDigest, artifactType: BUNDLE_TYPE }),
    ]);
    const at = { ...registry, host } as TestRegistry;
    expect((await inspectRaw(at, `${REPO}@${bundleDigest}`)).equals(sourceBytes)).toBe(true);
    // Our client, as a client without the API looks: 404 from the API, then the tag.
    const client = ownClient(at);
    expect(await client.getReferrers(REPO, subject)).toBeUndefined();
    const listed = await client.getManifest(REPO, referrersTag(subject));
    expect(listed.bytes.toString()).toContain(bundleDigest);
    const manifest = await client.getManifest(REPO, bundleDigest);
    expect(manifest.bytes.equals(sourceBytes)).toBe(true);
    const layer = (JSON.parse(manifest.bytes.toString()) as { layers: { digest: Digest }[] })
      .layers[0];
    const chunks: Buffer[] = [];
    for await (const chunk of await client.getBlob(REPO, layer?.digest as Digest))
      chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bundle)).toBe(true);
  }
});

test('a cosign signature behind its .sig tag is added to the existing release, and a re-signed image moves the tag', async () => {
  const client = ownClient(source);
  const sigTag = `${referrersTag(subject)}.sig`;
  signature = cosignSignature(subject, `${source.host}/${REPO}`);
  await putReferrer(client, REPO, signature, sigTag);

  // The release tag is immutable and unchanged; the new signature is added all the same.
  const run = await runAction(releaseInputs(), RELEASE);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  for (const row of rowsOf(run)) {
    expect(row).toMatchObject({
      status: 'unchanged',
      referrers: { copied: 1, present: 1, failed: 0 },
    });
  }
  for (const [registry, host] of targets()) {
    const at = { ...registry, host } as TestRegistry;
    expect((await inspectRaw(at, `${REPO}:${sigTag}`)).equals(signature.manifest.bytes)).toBe(true);
    expect(await listTags(at, REPO)).toEqual(
      expect.arrayContaining(['1.2.3', referrersTag(subject), sigTag]),
    );
  }

  // Re-signing moves cosign's tag at the source; the copy follows it and says so.
  const resigned = cosignSignature(subject, `${source.host}/${REPO}`);
  await putReferrer(client, REPO, resigned, sigTag);
  const again = await runAction(releaseInputs(), RELEASE);
  expect(again.code).toBe(0);
  for (const row of rowsOf(again)) {
    expect(row.referrers?.items).toContainEqual(
      expect.objectContaining({
        tag: sigTag,
        action: 'copied',
        movedFrom: signature.manifest.digest,
      }),
    );
  }
  expect(again.summary).toContain(`:${sigTag}\` moved from \`${signature.manifest.digest}\``);
  for (const [registry, host] of targets()) {
    const at = { ...registry, host } as TestRegistry;
    expect((await inspectRaw(at, `${REPO}:${sigTag}`)).equals(resigned.manifest.bytes)).toBe(true);
  }
  signature = resigned;
});

test('a re-run copies nothing new and asks at most one request per referrer', async () => {
  // A third referrer on the same subject, so the fixed per-subject lookups are visible.
  const sbom = sbomReferrer({
    mediaType: image.manifest.mediaType,
    digest: subject,
    size: image.manifest.size,
  });
  const client = ownClient(source);
  await putReferrer(client, REPO, sbom);
  const index = await fallbackIndex(source, subject);
  await client.putManifest(
    REPO,
    referrersTag(subject),
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          ...index,
          { ...descriptorOf(sbom.manifest), artifactType: 'application/spdx+json' },
        ],
      }),
    ),
    'application/vnd.oci.image.index.v1+json',
  );
  const first = await runAction(releaseInputs(), RELEASE);
  expect(first.code).toBe(0);
  for (const row of rowsOf(first)) expect(row.referrers).toMatchObject({ copied: 1, present: 2 });

  oldProxy.reset();
  const rerun = await runAction(releaseInputs(), RELEASE);
  expect(rerun.code).toBe(0);
  for (const row of rowsOf(rerun)) {
    expect(row).toMatchObject({
      status: 'unchanged',
      referrers: { copied: 0, present: 3, failed: 0 },
    });
  }
  const seen = oldProxy.requests.map((r) => `${r.method} ${r.path}`);
  // Nothing written, no blob touched.
  expect(seen.filter((r) => !r.startsWith('GET ') && !r.startsWith('HEAD '))).toEqual([]);
  expect(seen.filter((r) => r.includes('/blobs/'))).toEqual([]);
  // What the referrers cost: the API probe and the fallback tag for the subject, and the
  // cosign tag: three referrers, three requests.
  const referrerRequests = seen.filter(
    (r) => r.includes('/referrers/') || r.includes('/manifests/sha256-'),
  );
  expect(referrerRequests.length).toBeLessThanOrEqual(3);
  expect(referrerRequests).toEqual(
    expect.arrayContaining([`HEAD /v2/${REPO}/manifests/${referrersTag(subject)}.sig`]),
  );
});

test('an OCI layout holding an image and an SBOM referrer: a dev build carries the SBOM to the dev registry only', async () => {
  const app = await makeOciLayout(join(work, 'layout-sbom'), { refName: 'app' });
  const appDigest = app.manifest.digest as Digest;
  const sbom = sbomReferrer({
    mediaType: app.manifest.mediaType,
    digest: appDigest,
    size: app.manifest.size,
  });
  // The layout as oras writes one: the SBOM is another entry of index.json.
  await writeLayout(
    app.dir,
    [app.manifest, app.config, ...app.layers, sbom.manifest, ...sbom.blobs],
    [
      {
        ...descriptorOf(app.manifest),
        annotations: { 'org.opencontainers.image.ref.name': 'app' },
      },
      { ...descriptorOf(sbom.manifest), artifactType: 'application/spdx+json' },
    ],
  );
  const run = await runAction(
    {
      image: `oci:${app.dir}:app`,
      repository: 'giantswarm/layout-sbom',
      registries: `${gsoci.host} dev\n${oldProxy.host}`,
      mirrors: mirror.host,
      credentials: `${gsoci.host}=${gsoci.username}:${gsoci.password}`,
      visibility: 'public',
    },
    { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'c'.repeat(40) },
  );
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  const gsociRow = rowsOf(run).find((r) => r.registry === gsoci.host);
  expect(gsociRow).toMatchObject({ status: 'pushed', referrers: { copied: 1, failed: 0 } });
  const raw = await inspectRaw(gsoci, `giantswarm/layout-sbom:${referrersTag(appDigest)}`);
  expect(JSON.parse(raw.toString())).toMatchObject({
    manifests: [{ digest: sbom.manifest.digest, artifactType: 'application/spdx+json' }],
  });
  expect(
    (await inspectRaw(gsoci, `giantswarm/layout-sbom@${sbom.manifest.digest}`)).equals(
      sbom.manifest.bytes,
    ),
  ).toBe(true);
  // Not a dev registry: neither the image nor its SBOM went there.
  expect(await ownClient(old).headManifest('giantswarm/layout-sbom', sbom.manifest.digest)).toBe(
    undefined,
  );
});

test('referrers: a list of artifactTypes copies only those; false copies none', async () => {
  const only = await runAction(
    releaseInputs({ repository: 'giantswarm/only-bundles', referrers: BUNDLE_TYPE }),
    RELEASE,
  );
  expect(only.code).toBe(0);
  expect(rowsOf(only)).toHaveLength(targets().length);
  for (const row of rowsOf(only)) {
    expect(row.referrers).toMatchObject({ copied: 1, failed: 0 });
    expect(row.referrers?.items.map((i) => i.digest)).toEqual([bundleDigest]);
  }
  // Every referrer the source has, by its fallback index and cosign's tag: the others must
  // be absent at each target, the bundle alone present and listed.
  const atSource = (
    JSON.parse((await inspectRaw(source, `${REPO}:${referrersTag(subject)}`)).toString('utf8')) as {
      manifests: { digest: string }[];
    }
  ).manifests.map((m) => m.digest);
  const others = [...atSource, signature.manifest.digest].filter((d) => d !== bundleDigest);
  expect(others.length).toBeGreaterThanOrEqual(2);
  for (const [registry] of targets()) {
    const listed = JSON.parse(
      (await inspectRaw(registry, `giantswarm/only-bundles:${referrersTag(subject)}`)).toString(
        'utf8',
      ),
    ) as { manifests: { digest: string }[] };
    expect(listed.manifests.map((m) => m.digest)).toEqual([bundleDigest]);
    expect(await holds(registry, `giantswarm/only-bundles@${bundleDigest}`)).toBe(true);
    for (const digest of others) {
      expect(await holds(registry, `giantswarm/only-bundles@${digest}`)).toBe(false);
    }
    expect(await holds(registry, `giantswarm/only-bundles:${referrersTag(subject)}.sig`)).toBe(
      false,
    );
  }
  const none = await runAction(
    releaseInputs({ repository: 'giantswarm/no-referrers', referrers: 'false' }),
    RELEASE,
  );
  expect(none.code).toBe(0);
  expect(rowsOf(none)).toHaveLength(targets().length);
  for (const row of rowsOf(none)) expect(row.referrers).toBeUndefined();
  for (const [registry] of targets()) {
    expect(await listTags(registry, 'giantswarm/no-referrers')).toEqual(['1.2.3']);
    for (const digest of [bundleDigest, ...others]) {
      expect(await holds(registry, `giantswarm/no-referrers@${digest}`)).toBe(false);
    }
  }
});

test('a dry run says which referrers it would copy and writes nothing', async () => {
  const run = await runAction(
    releaseInputs({ repository: 'giantswarm/dry-referrers', 'dry-run': 'true' }),
    RELEASE,
  );
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  for (const row of rowsOf(run)) {
    expect(row.status).toBe('would-push');
    expect(row.referrers?.items.map((i) => i.action)).toEqual([
      'would-copy',
      'would-copy',
      'would-copy',
    ]);
  }
  expect(run.summary).toContain('3 to copy / 0 / 0');
  for (const [registry] of targets()) {
    expect(await listTags(registry, 'giantswarm/dry-referrers')).toEqual([]);
    expect(await ownClient(registry).headManifest('giantswarm/dry-referrers', bundleDigest)).toBe(
      undefined,
    );
  }
});

test("a referrer that cannot be written fails a main registry's row and the job, while the other registries finish", async () => {
  const tagWrite = `/manifests/${referrersTag(subject)}`;
  oldProxy.setPlan(
    faults.on((r) => r.method === 'PUT' && r.path.endsWith(tagWrite), {
      status: 429,
      retryAfter: 0,
    }),
  );
  try {
    const run = await runAction(
      releaseInputs({ repository: 'giantswarm/failing-referrers' }),
      RELEASE,
    );
    expect(run.code).not.toBe(0);
    const rows = rowsOf(run);
    // The image is there; two of its referrers (those the fallback tag lists) are not.
    expect(rows.find((r) => r.registry === oldProxy.host)).toMatchObject({
      status: 'pushed',
      referrers: { copied: 1, failed: 2 },
    });
    for (const host of [gsoci.host, mirror.host]) {
      expect(rows.find((r) => r.registry === host)).toMatchObject({
        status: 'pushed',
        referrers: { copied: 3, failed: 0 },
      });
    }
    expect(run.stdout).toMatch(/::error[^\n]*did not arrive/);
    expect(run.summary).toContain('1 / 0 / 2 ❌');
  } finally {
    oldProxy.setPlan(faults.none());
  }
});

test('the fallback-tag race: two writers adding different referrers to one subject at once leave both in the index', async () => {
  const raceDir = join(work, 'race');
  const base = await makeOciLayout(join(raceDir, 'image'));
  const raced = base.manifest.digest as Digest;
  const subjectDescriptor = {
    mediaType: base.manifest.mediaType,
    digest: raced,
    size: base.manifest.size,
  };
  const layoutWith = async (name: string, referrer: ReferrerFixture): Promise<OciLayoutSource> => {
    const dir = join(raceDir, name);
    await writeLayout(
      dir,
      [base.manifest, base.config, ...base.layers, referrer.manifest, ...referrer.blobs],
      [
        {
          ...descriptorOf(base.manifest),
          annotations: { 'org.opencontainers.image.ref.name': 'app' },
        },
        descriptorOf(referrer.manifest),
      ],
    );
    return new OciLayoutSource(dir, 'app');
  };
  const sbomA = sbomReferrer(subjectDescriptor);
  const sbomB = sbomReferrer(subjectDescriptor, 'application/vnd.cyclonedx+json');
  const sources = [await layoutWith('a', sbomA), await layoutWith('b', sbomB)];
  const graph = await loadGraph(sources[0] as OciLayoutSource);
  const repository = 'giantswarm/race';
  const results = await copyGraph(sources[0] as OciLayoutSource, graph, [
    { client: ownClient(mirror), repository },
  ]);
  expect(results[0]?.error).toBeUndefined();

  // Both writers read the (absent) tag before either writes; B writes after A, replacing
  // A's index; A's read-back then comes after B's write. Gates on the transport force this
  // interleaving, which is the lost update the read-back exists to repair.
  const tagPath = `/manifests/${referrersTag(raced)}`;
  const gate = (): { wait: Promise<void>; open: () => void } => {
    let open: () => void = () => undefined;
    return { wait: new Promise<void>((resolve) => (open = resolve)), open };
  };
  const bothRead = [gate(), gate()];
  const aWrote = gate();
  const bWrote = gate();
  const writes = { a: 0, b: 0 };
  const transport = (who: 'a' | 'b'): Send => {
    // Retries below the gates, as a job's transport has them: Distribution 2.8 can answer a
    // read of the tag with HTTP 500 while the other writer replaces it (seen under load), which
    // the job retries; the gates count each request once, however often it was sent.
    const send = withRetry(createTransport({ userAgent: 'oci-push-test' }), {
      ...DEFAULT_RETRY_POLICY,
      baseDelayMs: 20,
    });
    let reads = 0;
    return async (request) => {
      const onTag = request.url.pathname.endsWith(tagPath);
      if (onTag && request.method === 'PUT') {
        await Promise.all(bothRead.map((g) => g.wait));
        if (who === 'b' && writes.b === 0) await aWrote.wait;
      }
      if (onTag && request.method === 'GET' && who === 'a' && reads === 2) await bWrote.wait;
      const res = await send(request);
      if (onTag && request.method === 'GET') {
        reads++;
        if (reads === 2) bothRead[who === 'a' ? 0 : 1]?.open();
      }
      if (onTag && request.method === 'PUT') {
        writes[who]++;
        (who === 'a' ? aWrote : bWrote).open();
      }
      return res;
    };
  };
  const client = (who: 'a' | 'b'): RegistryClient =>
    new RegistryClient({ endpoint: { host: mirror.host }, send: transport(who) });
  const [a, b] = await Promise.all(
    (['a', 'b'] as const).map(async (who, i) => {
      const from = sources[i] as OciLayoutSource;
      const found = await discoverReferrers(from, await loadGraph(from), true);
      return copyReferrers(from, found, { client: client(who), repository });
    }),
  );
  // Each writer's errors are part of what is compared, so a failure says why.
  const errors = (r: { outcomes: { error?: string }[] } | undefined): string[] =>
    (r?.outcomes ?? []).flatMap((o) => (o.error ? [o.error] : []));
  expect({ ...a, errors: errors(a) }).toMatchObject({
    copied: 1,
    failed: 0,
    api: false,
    errors: [],
  });
  expect({ ...b, errors: errors(b) }).toMatchObject({
    copied: 1,
    failed: 0,
    api: false,
    errors: [],
  });
  // A wrote twice: its first index was replaced by B's, and the read-back merged it again.
  expect(writes).toEqual({ a: 2, b: 1 });
  const listed = (await fallbackIndexAt(mirror, repository, raced)).map((d) => d.digest).sort();
  expect(listed).toEqual([sbomA.manifest.digest, sbomB.manifest.digest].sort());
});

async function fallbackIndexAt(
  registry: TestRegistry,
  repository: string,
  of: Digest,
): Promise<{ digest: string }[]> {
  const raw = await inspectRaw(registry, `${repository}:${referrersTag(of)}`);
  return (JSON.parse(raw.toString('utf8')) as { manifests: { digest: string }[] }).manifests;
}
