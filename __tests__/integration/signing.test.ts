import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import type { Digest } from '../../src/oci/digest.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';
import { type AcrHarness, startAcrHarness } from '../harness/acr/index.js';
import { type ActionRun, runAction } from '../harness/action.js';
import { HELMS, makeChartDir, pathWithHelm } from '../harness/charts.js';
import { runCli } from '../harness/cli.js';
import { makeMultiPlatformLayout, makeOciLayout } from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { GITHUB_ACTIONS_ISSUER, type SigstoreHarness, startSigstore } from '../harness/sigstore.js';
import { inspectRaw, listTags } from '../harness/skopeo.js';

/**
 * Keyless signing end to end: the built action signs with `@sigstore/mock`'s Fulcio, Rekor
 * and timestamp authority over real HTTPS, with the fake GitHub OIDC issuer's token, and
 * pushes one bundle to a local ACR (referrers API) and two CNCF Distribution registries (the
 * fallback tag). Each target is then read the way cosign reads it, by plain registry
 * requests, and every bundle found is verified with `@sigstore/verify` itself against the
 * mock's trust root, the expected identity and the digest.
 */
const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const WORKFLOW_REF = 'giantswarm/x/.github/workflows/release.yaml@refs/tags/v1.2.3';
const IDENTITY = `https://github.com/${WORKFLOW_REF}`;

let acr: AcrHarness;
let sigstore: SigstoreHarness;
let registry: TestRegistry;
let mirror: TestRegistry;
let work: string;
let trustedRoot: TrustedRoot;

beforeAll(async () => {
  acr = await startAcrHarness();
  sigstore = await startSigstore({ ca: acr.ca, oidcIssuer: acr.github.issuer });
  registry = await startRegistry('anonymous');
  mirror = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-signing-'));
  trustedRoot = TrustedRoot.fromJSON(JSON.parse(await readFile(sigstore.trustedRootPath, 'utf8')));
});
afterAll(async () => {
  await Promise.all([acr?.stop(), sigstore?.close(), registry?.stop(), mirror?.stop()]);
  await rm(work, { recursive: true, force: true });
});

/** What every signing run gets: the runner's OIDC endpoint, the test CA, the release ref. */
function runnerEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = acr.childEnv();
  return {
    NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS ?? '',
    ACTIONS_ID_TOKEN_REQUEST_URL: env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '',
    GITHUB_REF: 'refs/tags/v1.2.3',
    GITHUB_WORKFLOW_REF: WORKFLOW_REF,
    ...extra,
  };
}

function sigstoreInputs(): Record<string, string> {
  return {
    sign: 'auto',
    'fulcio-url': sigstore.url,
    'rekor-url': sigstore.url,
    'tsa-url': sigstore.url,
    'trusted-root': sigstore.trustedRootPath,
  };
}

interface FoundBundle {
  manifestDigest: string;
  manifest: Buffer;
  bundle: Buffer;
}

/**
 * The Sigstore bundles that refer to `subject` at a Distribution registry, found as cosign
 * finds them where there is no referrers API (BUNDLE_SPEC.md "Retrieval"): plain GETs of the
 * fallback tag, the manifest, and its first layer.
 */
async function bundlesAtRegistry(
  target: TestRegistry,
  repository: string,
  subject: string,
): Promise<FoundBundle[]> {
  const base = `http://${target.host}/v2/${repository}`;
  const get = async (path: string, accept?: string): Promise<Buffer> => {
    const res = await fetch(`${base}/${path}`, { headers: accept ? { accept } : {} });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  // The referrers API is absent here (distribution#4828): cosign then reads the tag.
  expect((await fetch(`${base}/referrers/${subject}`)).status).toBe(404);
  const index = JSON.parse(
    (
      await get(
        `manifests/sha256-${subject.slice('sha256:'.length)}`,
        'application/vnd.oci.image.index.v1+json',
      )
    ).toString(),
  ) as { manifests: { digest: string; artifactType?: string }[] };
  const found: FoundBundle[] = [];
  for (const entry of index.manifests.filter((m) => m.artifactType === BUNDLE_TYPE)) {
    const manifest = await get(
      `manifests/${entry.digest}`,
      'application/vnd.oci.image.manifest.v1+json',
    );
    const layer = (JSON.parse(manifest.toString()) as { layers: { digest: string }[] }).layers[0];
    found.push({
      manifestDigest: entry.digest,
      manifest,
      bundle: await get(`blobs/${layer?.digest}`),
    });
  }
  return found;
}

/** The same, through ACR's referrers API (a client with the admin credential). */
async function bundlesAtAcr(repository: string, subject: Digest): Promise<FoundBundle[]> {
  const client = new RegistryClient({
    endpoint: { host: acr.acr.host, https: true },
    credential: { kind: 'basic', ...acr.acr.admin },
    send: createTransport({ userAgent: 'oci-push-test' }),
  });
  const listed = (await client.getReferrers(repository, subject)) ?? [];
  const found: FoundBundle[] = [];
  for (const entry of listed.filter((m) => m.artifactType === BUNDLE_TYPE)) {
    const { bytes } = await client.getManifest(repository, entry.digest);
    const layer = (JSON.parse(bytes.toString()) as { layers: { digest: Digest }[] }).layers[0];
    const chunks: Buffer[] = [];
    for await (const chunk of await client.getBlob(repository, layer?.digest as Digest))
      chunks.push(chunk as Buffer);
    found.push({ manifestDigest: entry.digest, manifest: bytes, bundle: Buffer.concat(chunks) });
  }
  return found;
}

/**
 * `@sigstore/verify` on its own: the chain to the mock's trust root, SCT, Rekor entry and
 * timestamp, the signature, the identity and issuer; then the in-toto statement it signs.
 */
function verifyBundle(bundle: Buffer): { subjects: string[]; predicateType: string } {
  const verifier = new Verifier(toTrustMaterial(trustedRoot));
  const parsed = bundleFromJSON(JSON.parse(bundle.toString()));
  const signer = verifier.verify(toSignedEntity(parsed), {
    subjectAlternativeName: IDENTITY,
    extensions: { issuer: GITHUB_ACTIONS_ISSUER },
  });
  expect(signer.identity?.subjectAlternativeName).toBe(IDENTITY);
  if (parsed.content.$case !== 'dsseEnvelope') throw new Error('not a DSSE bundle');
  const statement = JSON.parse(parsed.content.dsseEnvelope.payload.toString()) as {
    subject: { digest: { sha256: string } }[];
    predicateType: string;
    predicate: unknown;
  };
  return {
    subjects: statement.subject.map((s) => `sha256:${s.digest.sha256}`),
    predicateType: statement.predicateType,
  };
}

interface SignatureRow {
  artifact: string;
  registry: string;
  role: string;
  status: string;
  error?: string;
  signatures?: {
    digest: string;
    subject: string;
    kind: string;
    action: string;
    via: string;
    reusedFrom?: string;
  }[];
}

function rows(run: ActionRun): SignatureRow[] {
  return JSON.parse(run.outputs.result ?? '[]') as SignatureRow[];
}

describe('a release to two registries and a mirror', () => {
  const repository = 'giantswarm/signed';
  let run: ActionRun;
  let image: Awaited<ReturnType<typeof makeMultiPlatformLayout>>;

  beforeAll(async () => {
    image = await makeMultiPlatformLayout(join(work, 'signed'), { sbom: true });
    const chart = await makeChartDir(work, { name: 'signed-chart', version: '1.2.3' });
    run = await runAction(
      {
        image: `oci:${image.dir}`,
        chart: chart.dir,
        repository,
        registries: `${acr.acr.host} acr\n${registry.host}`,
        mirrors: mirror.host,
        'azure-client-id': acr.clientId,
        'azure-tenant-id': acr.tenantId,
        'azure-authority-host': acr.entra.authorityHost,
        visibility: 'public',
        ...sigstoreInputs(),
      },
      runnerEnv({ PATH: pathWithHelm(HELMS[0][1]) }),
    );
  }, 240_000);

  test('is green, and each target reports the signature and where a verifier finds it', () => {
    const errors = rows(run).flatMap((r) => (r.error ? [r.error] : []));
    expect({ code: run.code, stderr: run.stderr, errors }).toEqual({
      code: 0,
      stderr: '',
      errors: [],
    });
    const imageRows = rows(run).filter((r) => r.artifact === 'image');
    expect(imageRows.map((r) => [r.registry, r.status])).toEqual([
      [acr.acr.host, 'pushed'],
      [registry.host, 'pushed'],
      [mirror.host, 'pushed'],
    ]);
    const root = image.index.digest;
    const amd64 = image.manifests[0]?.digest;
    for (const row of imageRows) {
      const via = row.registry === acr.acr.host ? 'referrers API' : `tag sha256-${root.slice(7)}`;
      expect(row.signatures?.map((s) => [s.kind, s.subject, s.action])).toEqual([
        ['signature', root, 'pushed'],
        ['SBOM attestation', amd64, 'pushed'],
      ]);
      expect(row.signatures?.[0]?.via).toBe(via);
    }
    const chartRows = rows(run).filter((r) => r.artifact === 'chart' && r.status !== 'skipped');
    expect(chartRows.map((r) => [r.registry, r.signatures?.map((s) => s.action)])).toEqual([
      [acr.acr.host, ['pushed']],
      [registry.host, ['pushed']],
    ]);
    expect(run.summary).toContain('### Signatures');
    expect(run.summary).toContain(`signed by \`${IDENTITY}\``);
    // One signature per digest: Fulcio certified once for the image, its SBOM and the chart.
    expect(sigstore.identities.filter((i) => i === IDENTITY)).toHaveLength(3);
  });

  test('every target carries the same bundle, byte for byte, and @sigstore/verify verifies it', async () => {
    const root = image.index.digest as Digest;
    const found = [
      ...(await bundlesAtAcr(repository, root)),
      ...(await bundlesAtRegistry(registry, repository, root)),
      ...(await bundlesAtRegistry(mirror, repository, root)),
    ];
    expect(found).toHaveLength(3);
    const [first] = found;
    for (const f of found) {
      expect(f.manifestDigest).toBe(first?.manifestDigest);
      expect(f.manifest.equals(first?.manifest as Buffer)).toBe(true);
      expect(f.bundle.equals(first?.bundle as Buffer)).toBe(true);
    }
    expect(verifyBundle(first?.bundle as Buffer)).toEqual({
      subjects: [root],
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
    });
    // The image is tagged, and skopeo reads the signature's manifest like any other.
    expect(await listTags(registry, repository)).toContain('1.2.3');
    expect(await listTags(mirror, repository)).toContain('1.2.3');
    expect(
      (await inspectRaw(registry, `${repository}@${first?.manifestDigest}`)).equals(
        first?.manifest as Buffer,
      ),
    ).toBe(true);
  });

  test("buildx's inline SPDX SBOM is signed as an attestation on its platform's manifest", async () => {
    const amd64 = image.manifests[0]?.digest as Digest;
    const found = [
      ...(await bundlesAtAcr(repository, amd64)),
      ...(await bundlesAtRegistry(registry, repository, amd64)),
      ...(await bundlesAtRegistry(mirror, repository, amd64)),
    ];
    expect(found).toHaveLength(3);
    for (const f of found) expect(f.bundle.equals(found[0]?.bundle as Buffer)).toBe(true);
    const bundle = found[0]?.bundle as Buffer;
    expect(verifyBundle(bundle)).toEqual({
      subjects: [amd64],
      predicateType: 'https://spdx.dev/Document',
    });
    const envelope = (JSON.parse(bundle.toString()) as { dsseEnvelope: { payload: string } })
      .dsseEnvelope;
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString()) as {
      predicate: unknown;
    };
    expect(statement.predicate).toEqual(image.sbom);
    const manifest = JSON.parse(found[0]?.manifest.toString() ?? '{}') as {
      annotations: Record<string, string>;
    };
    expect(manifest.annotations['dev.sigstore.bundle.predicateType']).toBe(
      'https://spdx.dev/Document',
    );
  });

  test('the chart is signed too, on each registry it went to', async () => {
    const chartDigest = run.outputs['chart-digest'] as Digest;
    const found = [
      ...(await bundlesAtAcr('charts/giantswarm/signed-chart', chartDigest)),
      ...(await bundlesAtRegistry(registry, 'charts/giantswarm/signed-chart', chartDigest)),
    ];
    expect(found).toHaveLength(2);
    expect(found[0]?.bundle.equals(found[1]?.bundle as Buffer)).toBe(true);
    expect(verifyBundle(found[0]?.bundle as Buffer).subjects).toEqual([chartDigest]);
  });
});

test('a private repository pushes no signature and calls no Sigstore service', async () => {
  const app = await makeOciLayout(join(work, 'private'));
  const repository = 'giantswarm/private-app';
  const before = sigstore.requests.length;
  const tokensBefore = acr.github.requests.length;
  const run = await runAction(
    {
      image: `oci:${app.dir}`,
      repository,
      registries: `${registry.host} private`,
      visibility: 'private',
      ...sigstoreInputs(),
    },
    runnerEnv(),
  );
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(sigstore.requests.length).toBe(before);
  expect(acr.github.requests.slice(tokensBefore).map((r) => r.audience)).toEqual([]);
  expect(rows(run)[0]?.signatures).toBeUndefined();
  expect(await listTags(registry, repository)).toEqual(['1.2.3']);
  const fallback = await fetch(
    `http://${registry.host}/v2/${repository}/manifests/sha256-${app.manifest.digest.slice(7)}`,
  );
  expect(fallback.status).toBe(404);
  expect(run.summary).toContain('not signed: the repository is private');
});

describe('a signing service that fails', () => {
  afterEach(() => {
    delete sigstore.failures.rekor;
    delete sigstore.failures.fulcio;
  });

  test.each([
    ['Rekor', 'rekor', 503],
    ['Fulcio', 'fulcio', 401],
  ] as const)(
    '%s failing fails the release loudly, and no target gets a tag',
    async (name, service, status) => {
      sigstore.failures[service] = status;
      const app = await makeOciLayout(join(work, `fails-${service}`));
      const repository = `giantswarm/fails-${service}`;
      const run = await runAction(
        {
          image: `oci:${app.dir}`,
          repository,
          registries: registry.host,
          mirrors: mirror.host,
          visibility: 'public',
          ...sigstoreInputs(),
        },
        runnerEnv(),
      );
      expect(run.code).not.toBe(0);
      const [main, mirrored] = rows(run);
      expect([main?.status, mirrored?.status]).toEqual(['failed', 'failed']);
      expect(main?.error).toContain(`${name} (`);
      expect(main?.error).toContain(`HTTP ${status}`);
      expect(main?.error).toContain('no tag points at it unsigned');
      // The main registry fails the job; the mirror warns.
      const escaped = (host: string): string => host.replace(/:/g, '%3A');
      expect(run.stdout).toContain(`::error title=oci-push%3A ${escaped(registry.host)}::`);
      expect(run.stdout).toContain(`::warning title=oci-push%3A mirror ${escaped(mirror.host)}`);
      expect(run.summary).toContain('was not signed');
      for (const target of [registry, mirror]) {
        expect(await listTags(target, repository)).toEqual([]);
      }
    },
    120_000,
  );

  test('a stop while Rekor is asked: no Sigstore request after it, no tag, the summary and result written, exit 143', async () => {
    const app = await makeOciLayout(join(work, 'stopped-signing'));
    const repository = 'giantswarm/stopped-signing';
    const before = sigstore.requests.length;
    try {
      const run = await runAction(
        {
          image: `oci:${app.dir}`,
          repository,
          registries: registry.host,
          visibility: 'public',
          ...sigstoreInputs(),
        },
        runnerEnv(),
        { onSpawn: (child) => (sigstore.holds.rekor = () => child.kill('SIGTERM')) },
      );
      expect(run.code).toBe(143);
      expect(run.summary).toContain('**Interrupted by SIGTERM.**');
      expect(rows(run)[0]).toEqual(
        expect.objectContaining({ status: 'failed', error: expect.stringContaining('SIGTERM') }),
      );
      // One statement, so one Fulcio and one (held) Rekor request; none retried after the stop.
      const made = sigstore.requests.slice(before).map((r) => r.service);
      expect(made.filter((s) => s !== 'tsa')).toEqual(['fulcio', 'rekor']);
      expect(await listTags(registry, repository)).toEqual([]);
      const fallback = await fetch(
        `http://${registry.host}/v2/${repository}/manifests/sha256-${app.manifest.digest.slice(7)}`,
      );
      expect(fallback.status).toBe(404);
    } finally {
      delete sigstore.holds.rekor;
    }
  });

  test('a tag that was already there unsigned is named in the summary, with how to finish', async () => {
    const app = await makeOciLayout(join(work, 'unsigned-before'));
    const repository = 'giantswarm/unsigned-before';
    const inputs = {
      image: `oci:${app.dir}`,
      repository,
      registries: registry.host,
      visibility: 'public',
      ...sigstoreInputs(),
    };
    const first = await runAction({ ...inputs, sign: 'false' }, runnerEnv());
    expect(first.code).toBe(0);
    sigstore.failures.rekor = 503;
    const run = await runAction(inputs, runnerEnv());
    expect(run.code).not.toBe(0);
    expect(run.summary).toContain(
      `**Tags without their signature:** \`${registry.host}/${repository}:1.2.3\``,
    );
    expect(run.summary).toContain('run the same release again');
  }, 120_000);
});

describe('the OIDC token', () => {
  const project = randomUUID();
  const definition = randomUUID();
  const circleIdentity = `https://circleci.com/api/v2/projects/${project}/pipeline-definitions/${definition}`;
  const circleIssuer = `https://oidc.circleci.com/org/${randomUUID()}`;
  const circleToken = (): string =>
    acr.github.mint('sigstore', {
      iss: circleIssuer,
      sub: `org/x/project/${project}/user/y`,
      'oidc.circleci.com/project-id': project,
      'oidc.circleci.com/pipeline-definition-id': definition,
    });

  test("SIGSTORE_ID_TOKEN wins over the runner's, and certificate-identity/-oidc-issuer set the expectation", async () => {
    const app = await makeOciLayout(join(work, 'given-token'));
    const tokensBefore = acr.github.requests.length;
    const run = await runAction(
      {
        image: `oci:${app.dir}`,
        repository: 'giantswarm/given-token',
        registries: registry.host,
        visibility: 'public',
        'certificate-identity': circleIdentity,
        'certificate-oidc-issuer': circleIssuer,
        ...sigstoreInputs(),
      },
      runnerEnv({ SIGSTORE_ID_TOKEN: circleToken() }),
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(acr.github.requests.slice(tokensBefore)).toEqual([]);
    expect(sigstore.identities.at(-1)).toBe(circleIdentity);
    expect(run.summary).toContain(`signed by \`${circleIdentity}\` (${circleIssuer})`);
  });

  test('on CircleCI the CLI expects the identity and issuer Fulcio gives its token', async () => {
    const app = await makeOciLayout(join(work, 'circleci'));
    const repository = 'giantswarm/circleci';
    const run = await runCli(
      [
        'push',
        '--image',
        `oci:${app.dir}`,
        '--repository',
        repository,
        '--registries',
        registry.host,
        '--visibility',
        'public',
        '--version',
        '2.0.0',
        '--build',
        'release',
        '--fulcio-url',
        sigstore.url,
        '--rekor-url',
        sigstore.url,
        '--tsa-url',
        sigstore.url,
        '--trusted-root',
        sigstore.trustedRootPath,
        '--sign',
        'auto',
      ],
      {
        env: {
          CIRCLECI: 'true',
          SIGSTORE_ID_TOKEN: circleToken(),
          NODE_EXTRA_CA_CERTS: runnerEnv().NODE_EXTRA_CA_CERTS ?? '',
        },
      },
    );
    expect({
      code: run.code,
      stderr: run.stderr.split('\n').filter((l) => /error/i.test(l)),
    }).toEqual({ code: 0, stderr: [] });
    const [found] = await bundlesAtRegistry(registry, repository, app.manifest.digest);
    const parsed = bundleFromJSON(JSON.parse(found?.bundle.toString() ?? '{}'));
    const signer = new Verifier(toTrustMaterial(trustedRoot)).verify(toSignedEntity(parsed), {
      subjectAlternativeName: circleIdentity,
      extensions: { issuer: circleIssuer },
    });
    expect(signer.identity?.subjectAlternativeName).toBe(circleIdentity);
  });

  test('a signature that does not verify as expected fails before any tag, naming what the certificate holds', async () => {
    const app = await makeOciLayout(join(work, 'wrong-identity'));
    const repository = 'giantswarm/wrong-identity';
    const run = await runAction(
      {
        image: `oci:${app.dir}`,
        repository,
        registries: registry.host,
        visibility: 'public',
        'certificate-identity':
          'https://github.com/giantswarm/other/.github/workflows/x.yaml@refs/heads/main',
        ...sigstoreInputs(),
      },
      runnerEnv(),
    );
    expect(run.code).not.toBe(0);
    expect(rows(run)[0]?.error).toContain('the signature does not verify');
    expect(rows(run)[0]?.error).toContain(IDENTITY);
    expect(await listTags(registry, repository)).toEqual([]);
    const fallback = await fetch(
      `http://${registry.host}/v2/${repository}/manifests/sha256-${app.manifest.digest.slice(7)}`,
    );
    expect(fallback.status).toBe(404);
  });

  test('without id-token permission the release fails before any tag, saying what to grant', async () => {
    const app = await makeOciLayout(join(work, 'no-token'));
    const repository = 'giantswarm/no-token';
    const run = await runAction(
      {
        image: `oci:${app.dir}`,
        repository,
        registries: registry.host,
        visibility: 'public',
        ...sigstoreInputs(),
      },
      runnerEnv({ ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' }),
    );
    expect(run.code).not.toBe(0);
    expect(rows(run)[0]?.error).toContain('permissions: id-token: write');
    expect(await listTags(registry, repository)).toEqual([]);
  });
});

describe('a re-run signs nothing again', () => {
  const repository = 'giantswarm/signed-once';
  const chartRepository = 'charts/giantswarm/signed-once-chart';
  let image: Awaited<ReturnType<typeof makeMultiPlatformLayout>>;
  let inputs: Record<string, string>;
  let first: ActionRun;
  /** Each digest's bundles after the first run, by target: what a re-run must leave as it is. */
  let before: Map<string, FoundBundle[]>;

  /** Every bundle of the image, its SBOM and the chart, at each main registry. */
  async function bundlesEverywhere(): Promise<Map<string, FoundBundle[]>> {
    const root = image.index.digest as Digest;
    const amd64 = image.manifests[0]?.digest as Digest;
    const chart = first.outputs['chart-digest'] as Digest;
    return new Map([
      ['acr root', await bundlesAtAcr(repository, root)],
      ['acr sbom', await bundlesAtAcr(repository, amd64)],
      ['acr chart', await bundlesAtAcr(chartRepository, chart)],
      ['registry root', await bundlesAtRegistry(registry, repository, root)],
      ['registry sbom', await bundlesAtRegistry(registry, repository, amd64)],
      ['registry chart', await bundlesAtRegistry(registry, chartRepository, chart)],
    ]);
  }

  /** The Sigstore requests a run makes, and the OIDC tokens it asks for Fulcio. */
  async function counted(run: () => Promise<ActionRun>): Promise<{
    run: ActionRun;
    sigstoreRequests: number;
    sigstoreTokens: number;
  }> {
    const requests = sigstore.requests.length;
    const tokens = acr.github.requests.length;
    const done = await run();
    return {
      run: done,
      sigstoreRequests: sigstore.requests.length - requests,
      sigstoreTokens: acr.github.requests.slice(tokens).filter((r) => r.audience === 'sigstore')
        .length,
    };
  }

  beforeAll(async () => {
    image = await makeMultiPlatformLayout(join(work, 'signed-once'), { sbom: true });
    const chart = await makeChartDir(work, { name: 'signed-once-chart', version: '1.2.3' });
    inputs = {
      image: `oci:${image.dir}`,
      chart: chart.dir,
      repository,
      registries: `${acr.acr.host} acr\n${registry.host}`,
      'azure-client-id': acr.clientId,
      'azure-tenant-id': acr.tenantId,
      'azure-authority-host': acr.entra.authorityHost,
      visibility: 'public',
      ...sigstoreInputs(),
    };
    first = await runAction(inputs, runnerEnv({ PATH: pathWithHelm(HELMS[0][1]) }));
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    before = await bundlesEverywhere();
    for (const [where, found] of before) expect([where, found.length]).toEqual([where, 1]);
  }, 240_000);

  test('the same release again makes no Sigstore request, and each target keeps its one bundle', async () => {
    const { run, sigstoreRequests, sigstoreTokens } = await counted(() =>
      runAction(inputs, runnerEnv({ PATH: pathWithHelm(HELMS[0][1]) })),
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect({ sigstoreRequests, sigstoreTokens }).toEqual({
      sigstoreRequests: 0,
      sigstoreTokens: 0,
    });
    const after = await bundlesEverywhere();
    for (const [where, found] of after) {
      expect([where, found.map((f) => f.manifestDigest)]).toEqual([
        where,
        before.get(where)?.map((f) => f.manifestDigest),
      ]);
    }
    // Each row says the signature is there already, and that it was reused, and from where.
    const signed = rows(run).filter((r) => r.status !== 'skipped');
    expect(signed).toHaveLength(4);
    for (const row of signed) {
      expect(row.signatures?.length).toBeGreaterThan(0);
      for (const s of row.signatures ?? []) {
        expect([s.kind, s.action, s.reusedFrom]).toEqual([
          s.kind,
          'present',
          `${acr.acr.host}/${row.artifact === 'chart' ? chartRepository : repository}`,
        ]);
      }
    }
    expect(run.summary).toContain(
      `reused, not signed again (found at \`${acr.acr.host}/${repository}\`, referrers API)`,
    );
  }, 240_000);

  test('a target that lacks the bundle (a new mirror) gets the same bytes, and Sigstore is not asked', async () => {
    const { run, sigstoreRequests } = await counted(() =>
      runAction(
        { ...inputs, chart: '', mirrors: mirror.host },
        runnerEnv({ PATH: pathWithHelm(HELMS[0][1]) }),
      ),
    );
    expect({ code: run.code, stderr: run.stderr, sigstoreRequests }).toEqual({
      code: 0,
      stderr: '',
      sigstoreRequests: 0,
    });
    const mirrorRow = rows(run).find((r) => r.registry === mirror.host);
    expect(mirrorRow?.signatures?.map((s) => [s.kind, s.action, s.reusedFrom])).toEqual([
      ['signature', 'pushed', `${acr.acr.host}/${repository}`],
      ['SBOM attestation', 'pushed', `${acr.acr.host}/${repository}`],
    ]);
    const root = image.index.digest as Digest;
    const amd64 = image.manifests[0]?.digest as Digest;
    for (const [subject, key] of [
      [root, 'registry root'],
      [amd64, 'registry sbom'],
    ] as const) {
      const [mirrored, ...more] = await bundlesAtRegistry(mirror, repository, subject);
      const [original] = before.get(key) ?? [];
      expect(more).toEqual([]);
      expect(mirrored?.manifestDigest).toBe(original?.manifestDigest);
      expect(mirrored?.manifest.equals(original?.manifest as Buffer)).toBe(true);
      expect(mirrored?.bundle.equals(original?.bundle as Buffer)).toBe(true);
    }
  }, 240_000);

  test('a bundle another identity signed is not reused: a new one is made', async () => {
    const otherRef = 'giantswarm/x/.github/workflows/other.yaml@refs/tags/v1.2.3';
    const token = acr.github.mint('sigstore', { job_workflow_ref: otherRef });
    const { run, sigstoreRequests } = await counted(() =>
      runAction(
        { ...inputs, chart: '', registries: registry.host },
        runnerEnv({ GITHUB_WORKFLOW_REF: otherRef, SIGSTORE_ID_TOKEN: token }),
      ),
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(sigstoreRequests).toBeGreaterThan(0);
    expect(sigstore.identities.at(-1)).toBe(`https://github.com/${otherRef}`);
    expect(run.stdout).toMatch(/found there is not reused: the signature does not verify/);
    const signatures = rows(run)[0]?.signatures ?? [];
    expect(signatures.map((s) => [s.kind, s.action, s.reusedFrom])).toEqual([
      ['signature', 'pushed', undefined],
      ['SBOM attestation', 'pushed', undefined],
    ]);
    // The earlier bundle stays; the new one, by the other workflow, joins it.
    const found = await bundlesAtRegistry(registry, repository, image.index.digest as Digest);
    const [original] = before.get('registry root') ?? [];
    expect(found.map((f) => f.manifestDigest)).toEqual([
      original?.manifestDigest,
      signatures[0]?.digest,
    ]);
  }, 240_000);
});
