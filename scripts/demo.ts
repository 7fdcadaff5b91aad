/**
 * The quickest way to see oci-push's whole job: three real registries on loopback on Giant
 * Swarm's registry lines (the new and the old ACR, and a mirror), a local Sigstore (Fulcio,
 * Rekor, a timestamp authority) with a fake GitHub OIDC issuer, a multi-platform image with
 * its SBOM and a chart; the built action run exactly as a GitHub runner runs it: a dev build,
 * a release of v1.2.3 (signed), and that release again. Then what it left is read back
 * without oci-push: tags with skopeo, signatures as cosign finds them and verified with
 * `@sigstore/verify`, the Helm index with real helm. `npm run demo`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { type ActionRun, runAction } from '../__tests__/harness/action.js';
import { startGitHubOidc } from '../__tests__/harness/acr/github-oidc.js';
import { testCa } from '../__tests__/harness/certs.js';
import { pathWithHelm } from '../__tests__/harness/charts.js';
import { makeMultiPlatformLayout } from '../__tests__/harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../__tests__/harness/registry.js';
import { GITHUB_ACTIONS_ISSUER, startSigstore } from '../__tests__/harness/sigstore.js';
import { listTags } from '../__tests__/harness/skopeo.js';
import { HELM4 } from '../__tests__/harness/tools.js';
import { makeCheckout } from './demo/checkout.js';
import { helmSearch, storedHelmIndex } from './demo/helm-index.js';
import { bold, dim, heading, shortDigests, showRun } from './demo/render.js';
import { type ExpectedSigner, findSignatures } from './demo/signatures.js';

const REPOSITORY = 'giantswarm/demo-app';
const CHART_NAMESPACE = 'charts/giantswarm';
const RELEASE_REF = 'refs/tags/v1.2.3';
/** The workflow a GitHub runner names in GITHUB_WORKFLOW_REF, and Fulcio certifies. */
const WORKFLOW = `${REPOSITORY}/.github/workflows/release.yaml`;

/** Each registry must hold these, and each must verify. */
const EXPECTED_SIGNATURES = [
  [REPOSITORY, 'signature'],
  [REPOSITORY, 'SBOM attestation'],
  [`${CHART_NAMESPACE}/demo-app`, 'signature'],
] as const;

/** A registry of the demo, under the name of the Giant Swarm registry it stands in for. */
interface DemoRegistry {
  registry: TestRegistry;
  name: string;
  line: string;
}

/** One signature a run says it put on a registry (the `result` output's rows). */
interface ReportedSignature {
  run: number;
  registry: string;
  repository: string;
  subject: string;
  digest: string;
  kind: string;
}

async function main(): Promise<number> {
  const work = await mkdtemp(join(tmpdir(), 'oci-push-demo-'));
  const stops: (() => Promise<void>)[] = [];
  const keep = <T>(thing: T, stop: (t: T) => Promise<void>): T => {
    stops.push(() => stop(thing));
    return thing;
  };
  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      await rm(work, { recursive: true, force: true });
    })());
  // Ctrl-C: the registries and services stop and their storage goes, as at a normal end.
  process.once('SIGINT', () => {
    console.error('\nInterrupted: stopping the registries and removing the demo’s files.');
    void cleanUp().finally(() => process.exit(130));
  });
  try {
    // The HTTPS fakes (Sigstore, GitHub's OIDC issuer) serve certificates of the tests' CA
    // (made here by acr/test-ca.sh); each run of the action trusts it through
    // NODE_EXTRA_CA_CERTS, which Node reads only at start, as scripts/test.sh exports it.
    // This process makes no HTTPS request: it reads the registries over plain HTTP.
    const ca = await testCa();
    const github = keep(
      await startGitHubOidc({ ca, repository: REPOSITORY, ref: RELEASE_REF }),
      (g) => g.close(),
    );
    const [gsoci, old, mirror, sigstore] = await Promise.all([
      startRegistry('token').then((r) => keep(r, (x) => x.stop())),
      startRegistry('basic').then((r) => keep(r, (x) => x.stop())),
      startRegistry('anonymous').then((r) => keep(r, (x) => x.stop())),
      startSigstore({ ca, oidcIssuer: github.issuer }).then((s) => keep(s, (x) => x.close())),
    ]);
    // Giant Swarm's lines (action.yml's default, docs/visibility.md): gsoci takes dev builds
    // and releases of public repositories; the old ACR and Aliyun, a mirror, releases.
    const registries: DemoRegistry[] = [
      { registry: gsoci, name: 'gsoci', line: `${gsoci.host} dev public` },
      { registry: old, name: 'giantswarm', line: `${old.host} public` },
      { registry: mirror, name: 'aliyun', line: `${mirror.host} public` },
    ];
    const signer: ExpectedSigner = {
      identity: `https://github.com/${WORKFLOW}@${RELEASE_REF}`,
      issuer: GITHUB_ACTIONS_ISSUER,
    };
    const checkout = await makeCheckout(join(work, 'checkout'), 'v1.2.2');
    const image = await makeMultiPlatformLayout(join(work, 'image'), {
      layerSize: 2 * 1024 * 1024,
      sbom: true,
    });

    console.log(bold('The stage, all on this machine:'));
    const stage: [string, string][] = [
      [gsoci.host, '"gsoci", the new ACR: Bearer tokens; line `dev public`'],
      [old.host, '"giantswarm", the old ACR: Basic auth; line `public`'],
      [mirror.host, '"aliyun", a mirror: anonymous; line `public`; its failures never block'],
      [
        '',
        '(real CNCF Distribution registries; `public`: the line takes public repositories only,',
      ],
      ['', ' as Giant Swarm marks these three; `dev`: dev builds too; mirrors take releases only)'],
      [
        sigstore.url,
        'Sigstore: Fulcio, Rekor and a timestamp authority (@sigstore/mock), over HTTPS',
      ],
      [github.issuer, "GitHub's OIDC issuer (a fake): the runner's token, which Fulcio checks"],
      [
        checkout.workspace ? 'git checkout' : 'no git',
        checkout.workspace
          ? 'the repository: the release v1.2.2, then one commit; the chart demo-app in it'
          : 'git is missing: the dev build will find no earlier release',
      ],
      [
        'oci layout',
        'the image as buildx writes it: linux/amd64, linux/arm64, provenance and an SBOM',
      ],
    ];
    for (const [what, why] of stage) console.log(`  ${what.padEnd(24)} ${why}`);

    const inputs: Record<string, string> = {
      image: `oci:${image.dir}`,
      chart: checkout.chartDir,
      repository: REPOSITORY,
      registries: `${registries[0]?.line}\n${registries[1]?.line}`,
      mirrors: registries[2]?.line ?? '',
      'mirror-charts': 'true',
      credentials: `${gsoci.host}=${gsoci.username}:${gsoci.password}\n${old.host}=${old.username}:${old.password}`,
      tags: 'latest',
      // The default, said out loud: the harness's runAction turns signing off otherwise.
      sign: 'auto',
      'fulcio-url': sigstore.url,
      'rekor-url': sigstore.url,
      'tsa-url': sigstore.url,
      'trusted-root': sigstore.trustedRootPath,
    };
    console.log(
      `\n${bold('The workflow step each run below gets')} (paths are the demo's temp dirs):`,
    );
    console.log(dim(workflowStep(inputs)));

    // What a runner provides: the event payload (the repository is public), the checkout, the
    // workflow's ref, the OIDC token endpoint (`permissions: id-token: write`), helm on PATH.
    const event = join(work, 'event.json');
    await writeFile(
      event,
      JSON.stringify({ repository: { full_name: REPOSITORY, visibility: 'public' } }),
    );
    const runner = (ref: string): Record<string, string> => ({
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: event,
      GITHUB_REF: ref,
      GITHUB_SHA: checkout.sha,
      ...(checkout.workspace && { GITHUB_WORKSPACE: checkout.workspace }),
      GITHUB_WORKFLOW_REF: `${WORKFLOW}@${ref}`,
      ...github.env,
      NODE_EXTRA_CA_CERTS: ca.bundlePath,
      PATH: pathWithHelm(HELM4),
    });

    const runs: ActionRun[] = [];
    const run = async (title: string, ref: string): Promise<void> => {
      const done = await runAction(inputs, runner(ref));
      runs.push(done);
      showRun(title, done);
    };
    await run('1. A dev build (a push to main, one commit after v1.2.2)', 'refs/heads/main');
    await checkout.tag('v1.2.3');
    await run('2. A release (the tag v1.2.3): signed, indexed, to every line', RELEASE_REF);
    await run('3. The same release again: nothing to upload, nothing signed again', RELEASE_REF);

    const devVersion = runs[0]?.outputs.version ?? '';
    console.log(
      `\n${bold('The versions in semver order')} (helm's and Flux's too): ` +
        `${semver.sort(['1.2.3', devVersion, '1.2.2']).join(' < ')}`,
    );

    heading('Read back without oci-push: the tags each registry holds (skopeo list-tags)');
    for (const { registry, name } of registries) {
      const image = await listTags(registry, REPOSITORY);
      const chartTags = await listTags(registry, `${CHART_NAMESPACE}/demo-app`);
      const index = await listTags(registry, CHART_NAMESPACE);
      console.log(
        `  ${registry.host.padEnd(16)} ${`"${name}"`.padEnd(13)} image: ${tagList(image)}`,
      );
      console.log(`  ${''.padEnd(30)} chart: ${tagList(chartTags)}`);
      console.log(`  ${''.padEnd(30)} ${CHART_NAMESPACE}: ${tagList(index)}`);
    }

    const signaturesOk = await showSignatures(
      registries,
      reportedSignatures(runs),
      sigstore.trustedRootPath,
      signer,
    );
    const indexOk = await showHelmIndex(registries);

    const ok = runs.every((r) => r.code === 0) && signaturesOk && indexOk;
    console.log(
      `\n${bold(ok ? 'Demo done: every run green, every check passed.' : 'Demo FAILED: see above.')}`,
    );
    return ok ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

/** The step's `with:` block; credentials come from secrets in a real workflow. */
function workflowStep(inputs: Record<string, string>): string {
  const lines = ['  - uses: giantswarm/oci-push@v1', '    with:'];
  for (const [name, value] of Object.entries(inputs)) {
    if (name === 'credentials') {
      lines.push(`      credentials: \${{ secrets.REGISTRY_CREDENTIALS }}  # the two logins`);
    } else if (value.includes('\n')) {
      lines.push(`      ${name}: |`, ...value.split('\n').map((l) => `        ${l}`));
    } else {
      lines.push(`      ${name}: ${value}`);
    }
  }
  return lines.join('\n');
}

/** Tags as a reader wants them: versions first, then the referrers' fallback tags counted. */
function tagList(tags: string[]): string {
  const referrers = tags.filter((t) => /^sha256-[0-9a-f]{64}$/.test(t));
  const updates = tags.filter((t) => t.startsWith('update-'));
  const rest = tags.filter((t) => !referrers.includes(t) && !updates.includes(t)).sort();
  const parts = [rest.join(', ') || 'none'];
  if (referrers.length > 0) parts.push(`${referrers.length} referrers tag(s) sha256-…`);
  if (updates.length > 0) parts.push(`${updates.length} announced update(s) update-…`);
  return parts.join(' + ');
}

/** Every signature the runs say they put on a registry, from their `result` output. */
function reportedSignatures(runs: ActionRun[]): ReportedSignature[] {
  return runs.flatMap((run, i) => {
    const rows = JSON.parse(run.outputs.result ?? '[]') as {
      registry: string;
      repository: string;
      signatures?: { digest: string; subject: string; kind: string; action: string }[];
    }[];
    return rows.flatMap((row) =>
      (row.signatures ?? [])
        .filter((s) => s.action !== 'failed')
        .map((s) => ({
          run: i + 1,
          registry: row.registry,
          repository: row.repository,
          subject: s.subject,
          digest: s.digest,
          kind: s.kind,
        })),
    );
  });
}

/**
 * Each registry's signatures, found as `cosign verify` finds them and verified by
 * `@sigstore/verify`: every signature a run reported must be there and verify.
 */
async function showSignatures(
  registries: DemoRegistry[],
  reported: ReportedSignature[],
  trustedRootPath: string,
  signer: ExpectedSigner,
): Promise<boolean> {
  heading('Read back without oci-push: each registry’s signatures, as cosign finds them');
  console.log(
    `skopeo copies each signed digest's referrers tag (sha256-<hex>: Distribution has no ` +
      `referrers API);\n@sigstore/verify checks each bundle against the local Sigstore's trust ` +
      `root, for the signer\n  ${signer.identity}\n  issuer ${signer.issuer}\n`,
  );
  let ok = true;
  let verified = 0;
  for (const { registry, name } of registries) {
    console.log(`  ${bold(`${registry.host} "${name}"`)}`);
    const here = reported.filter((s) => s.registry === registry.host);
    // What a signed release leaves on every line: the image's and the chart's signatures and
    // the SBOM's attestation (docs/signing.md "What is signed").
    for (const [repository, kind] of EXPECTED_SIGNATURES) {
      if (here.some((s) => s.repository === repository && s.kind === kind)) continue;
      ok = false;
      console.log(`    ✗ no run reported a ${kind} for ${repository} here`);
    }
    const groups = new Map<string, ReportedSignature[]>();
    for (const s of here) {
      const key = `${s.repository}@${s.subject}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const [key, expected] of groups) {
      const [repository = '', subject = ''] = key.split('@');
      const found = await findSignatures(registry, repository, subject, trustedRootPath, signer);
      console.log(
        `    ${repository}@${shortDigests(subject)} (${expected[0]?.kind}): ` +
          `${found.length} bundle(s) listed`,
      );
      for (const f of found) {
        const by = expected.find((e) => e.digest === f.digest);
        const origin = by ? `run ${by.run}'s` : 'not reported by any run';
        if (f.verdict.verified) {
          verified++;
          console.log(
            `      ✓ ${shortDigests(f.digest)} ${origin}: verified, Rekor log index ${f.verdict.logIndex}` +
              dim(` (${f.predicateType})`),
          );
        } else {
          ok = false;
          console.log(
            `      ✗ ${shortDigests(f.digest)} ${origin}: does NOT verify: ${f.verdict.why}`,
          );
        }
      }
      for (const missing of expected.filter((e) => !found.some((f) => f.digest === e.digest))) {
        ok = false;
        console.log(
          `      ✗ ${shortDigests(missing.digest)} (run ${missing.run}'s) is NOT listed there`,
        );
      }
    }
  }
  console.log(
    ok
      ? `\n  ${verified} signatures verified, on every registry.`
      : `\n  ${bold('Signatures missing or not verifying: see above.')}`,
  );
  return ok;
}

/** Each registry's stored Helm index, and what real helm lists from the first one. */
async function showHelmIndex(registries: DemoRegistry[]): Promise<boolean> {
  heading(`Read back without oci-push: the Helm index at ${CHART_NAMESPACE}:latest`);
  let ok = true;
  const indexes = [];
  for (const { registry, name } of registries) {
    const index = await storedHelmIndex(registry, CHART_NAMESPACE);
    indexes.push(index);
    console.log(`  ${registry.host} "${name}" (skopeo copy …/${CHART_NAMESPACE}:latest dir:):`);
    for (const e of index.entries) console.log(`    ${e.name} ${e.version} → ${e.urls.join(', ')}`);
    // The release, with this registry's own URL; never the dev build (docs/helm-index.md).
    const url = `oci://${registry.host}/${CHART_NAMESPACE}/demo-app:1.2.3`;
    const listed = index.entries.map((e) => `${e.name} ${e.version} ${e.urls.join(' ')}`);
    if (listed.join('\n') !== `demo-app 1.2.3 ${url}`) {
      ok = false;
      console.log(`    ✗ expected only demo-app 1.2.3 → ${url}`);
    }
  }
  const first = registries[0];
  if (first && indexes[0]) {
    const repoName = 'giantswarm';
    console.log(
      `\n  helm v4.1, with ${first.name}'s index.yaml served over HTTP (as GitHub Pages would serve it):\n` +
        `  $ helm repo add ${repoName} http://…; helm search repo ${repoName} --versions`,
    );
    const listed = await helmSearch(HELM4, repoName, indexes[0].yaml);
    console.log(listed.replace(/[ \t]+$/gm, '').replace(/^/gm, '    '));
    if (!/^giantswarm\/demo-app\s+1\.2\.3\s/m.test(listed)) {
      ok = false;
      console.log(`    ✗ expected ${repoName}/demo-app 1.2.3`);
    }
  }
  return ok;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`\nDemo FAILED: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
