import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraph } from '../../src/engine/copy.js';
import type { PlannedTarget, PushPlan } from '../../src/engine/plan.js';
import type { PlannedResult, PushResult } from '../../src/engine/push.js';
import { discoverReferrers, type ReferrersResult } from '../../src/engine/referrers.js';
import { InputError } from '../../src/jobs/inputs.js';
import { parseReferrersPolicy } from '../../src/jobs/push-inputs.js';
import { buildReport } from '../../src/jobs/push-report.js';
import { type Digest, digestOf } from '../../src/oci/digest.js';
import {
  cosignTags,
  isReferrerTag,
  mergeReferrers,
  referrerDescriptor,
  referrersTag,
  referrerTagSubject,
} from '../../src/oci/referrers.js';
import { OciLayoutSource, REF_NAME_ANNOTATION } from '../../src/source/oci-layout.js';
import { descriptorOf, makeOciLayout, writeLayout } from '../harness/fixtures.js';
import { cosignSignature, sbomReferrer } from '../harness/referrers.js';

const D = (name: string): Digest => digestOf(Buffer.from(name));

describe('an OCI layout with referrers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oci-push-layout-referrers-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('lists the manifests whose subject is the image, and resolves to the image without a name', async () => {
    const app = await makeOciLayout(join(dir, 'app'));
    const subject = { ...descriptorOf(app.manifest), digest: app.manifest.digest as Digest };
    const sbom = sbomReferrer(subject);
    const sig = cosignSignature(subject.digest, 'example.org/app');
    await writeLayout(
      app.dir,
      [
        app.manifest,
        app.config,
        ...app.layers,
        sbom.manifest,
        ...sbom.blobs,
        sig.manifest,
        ...sig.blobs,
      ],
      [
        descriptorOf(sbom.manifest),
        descriptorOf(app.manifest),
        {
          ...descriptorOf(sig.manifest),
          annotations: { [REF_NAME_ANNOTATION]: `${referrersTag(subject.digest)}.sig` },
        },
      ],
    );
    const source = new OciLayoutSource(app.dir);
    expect(await source.resolve()).toEqual(descriptorOf(app.manifest));
    expect(await source.referrers(subject.digest)).toEqual([
      expect.objectContaining({
        digest: sbom.manifest.digest,
        artifactType: 'application/spdx+json',
      }),
    ]);
    expect((await source.resolveTag(`${referrersTag(subject.digest)}.sig`))?.digest).toBe(
      sig.manifest.digest,
    );
    const found = await discoverReferrers(source, await loadGraph(source), true);
    expect(found).toEqual([
      expect.objectContaining({
        subject: subject.digest,
        referrers: [
          expect.objectContaining({
            descriptor: expect.objectContaining({ digest: sbom.manifest.digest }),
          }),
        ],
        tagged: [expect.objectContaining({ tag: `${referrersTag(subject.digest)}.sig` })],
      }),
    ]);
    const onlySignatures = await discoverReferrers(source, await loadGraph(source), [
      'application/vnd.dev.cosign.simplesigning.v1+json',
    ]);
    expect(onlySignatures).toEqual([
      expect.objectContaining({ referrers: [], tagged: [expect.anything()] }),
    ]);
  });
});

describe('the referrers input', () => {
  test.each([
    ['', true],
    ['true', true],
    ['False', false],
    [
      'application/vnd.dev.sigstore.bundle.v0.3+json',
      ['application/vnd.dev.sigstore.bundle.v0.3+json'],
    ],
    [
      'application/spdx+json\n application/vnd.cyclonedx+json \n',
      ['application/spdx+json', 'application/vnd.cyclonedx+json'],
    ],
    [
      'text/spdx, application/vnd.dev.cosign.simplesigning.v1+json',
      ['text/spdx', 'application/vnd.dev.cosign.simplesigning.v1+json'],
    ],
  ])('%j', (text, policy) => {
    expect(parseReferrersPolicy(text)).toEqual(policy);
  });

  test.each(['yes', 'signatures', 'application/'])('%j is refused, naming the input', (text) => {
    expect(() => parseReferrersPolicy(text)).toThrow(InputError);
    expect(() => parseReferrersPolicy(text)).toThrow(/^referrers: /);
  });
});

describe('the tag schemes', () => {
  test('the fallback tag and cosign tags name the subject', () => {
    const digest = D('image');
    const hex = digest.slice('sha256:'.length);
    expect(referrersTag(digest)).toBe(`sha256-${hex}`);
    expect(cosignTags(digest)).toEqual([
      `sha256-${hex}.sig`,
      `sha256-${hex}.att`,
      `sha256-${hex}.sbom`,
    ]);
  });

  test('a referrer is listed with its artifactType, else its config media type, and its annotations', () => {
    const withType = Buffer.from(
      JSON.stringify({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/spdx+json',
        config: { mediaType: 'application/vnd.oci.empty.v1+json' },
        annotations: { a: 'b' },
      }),
    );
    const descriptor = { mediaType: 'x', digest: digestOf(withType), size: withType.length };
    expect(referrerDescriptor(descriptor, withType)).toEqual({
      ...descriptor,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/spdx+json',
      annotations: { a: 'b' },
    });
    const noType = Buffer.from(
      JSON.stringify({ config: { mediaType: 'application/vnd.oci.image.config.v1+json' } }),
    );
    expect(
      referrerDescriptor(
        { ...descriptor, mediaType: 'application/vnd.oci.image.manifest.v1+json' },
        noType,
      ).artifactType,
    ).toBe('application/vnd.oci.image.config.v1+json');
  });

  test('merging keeps what is there, in order, and adds only what is missing', () => {
    const d = (n: string): { mediaType: string; digest: Digest; size: number } => ({
      mediaType: 'm',
      digest: D(n),
      size: 1,
    });
    expect(mergeReferrers([d('a'), d('b')], [d('b'), d('c')])).toEqual([d('a'), d('b'), d('c')]);
  });
});

describe('the report', () => {
  const plan = {
    build: 'release',
    version: '1.2.3',
    reason: 'Release.',
    repository: 'giantswarm/app',
    tags: ['1.2.3'],
    immutableTags: ['1.2.3'],
    visibility: { visibility: 'public', source: 'set' },
    targets: [],
    skipped: [],
    overwrite: false,
    dryRun: false,
    referrers: true,
    signing: { sign: false, reason: 'not signed: `sign` is false' },
  } as unknown as PushPlan;
  const referrers = (failed: boolean): ReferrersResult => ({
    copied: failed ? 0 : 1,
    present: 1,
    failed: failed ? 1 : 0,
    outcomes: [
      { subject: D('image'), digest: D('bundle'), action: 'present' },
      {
        subject: D('image'),
        digest: D('sig'),
        tag: `${referrersTag(D('image'))}.sig`,
        action: failed ? 'failed' : 'copied',
        ...(failed && { error: 'mirror.example: the referrer could not be pushed' }),
      },
    ],
    fallbackTags: [],
  });
  const target = (host: string, role: 'registry' | 'mirror', failed: boolean): PlannedResult => ({
    host,
    repository: 'giantswarm/app',
    status: 'pushed',
    digest: D('image'),
    tags: [{ tag: '1.2.3', action: 'created' }],
    blobs: { skipped: 0, uploaded: 2, mounted: 0 },
    bytesUploaded: 10,
    seconds: 1,
    target: { host, role, artifact: 'image' } as PlannedTarget,
    referrers: referrers(failed),
  });
  const result = (targets: PlannedResult[]): PushResult => ({
    plan,
    digests: { image: D('image') },
    manifests: { image: [D('image')] },
    targets,
  });

  test('counts referrers per registry in the result and the summary', () => {
    const { report, exitCode } = buildReport(result([target('gsoci.example', 'registry', false)]), {
      fromFork: false,
    });
    expect(report.failure).toBeUndefined();
    expect(exitCode).toBe(0);
    const [row] = JSON.parse(report.outputs.result ?? '[]') as { referrers: object }[];
    expect(row?.referrers).toMatchObject({ copied: 1, present: 1, failed: 0 });
    expect(report.summary).toContain('| 1 / 1 / 0 |');
  });

  test('a referrer that fails on a main registry fails that row and the job', () => {
    const { report, exitCode } = buildReport(result([target('gsoci.example', 'registry', true)]), {
      fromFork: false,
    });
    expect(report.failure).toContain('gsoci.example');
    // Every face exits 1 for it (the CLI once exited 0: it counted only the image's status).
    expect(exitCode).toBe(1);
    expect(report.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining('1 of its referrers'),
      }),
    );
    expect(report.summary).toContain('0 / 1 / 1 ❌');
  });

  test('a referrer that fails on a mirror warns, and the job passes', () => {
    const { report, exitCode } = buildReport(
      result([
        target('gsoci.example', 'registry', false),
        target('mirror.example', 'mirror', true),
      ]),
      { fromFork: false },
    );
    expect(report.failure).toBeUndefined();
    expect(exitCode).toBe(0);
    expect(report.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining('could not be pushed'),
      }),
    ]);
  });
});

test('referrer tags: the fallback tag and cosign .sig/.att/.sbom name their subject, nothing else', () => {
  const hex = 'a'.repeat(64);
  for (const tag of [
    `sha256-${hex}`,
    `sha256-${hex}.sig`,
    `sha256-${hex}.att`,
    `sha256-${hex}.sbom`,
  ]) {
    expect([tag, isReferrerTag(tag), referrerTagSubject(tag)]).toEqual([
      tag,
      true,
      `sha256:${hex}`,
    ]);
  }
  // Any other suffix, a short or upper-case hex, or another algorithm is an ordinary tag.
  for (const tag of [
    `sha256-${hex}.txt`,
    `sha256-${hex}.sig.bak`,
    `sha256-${'A'.repeat(64)}`,
    'sha256-abc.sig',
    `sha512-${hex}`,
    `x-sha256-${hex}`,
  ]) {
    expect([tag, isReferrerTag(tag), referrerTagSubject(tag)]).toEqual([tag, false, undefined]);
  }
  expect(cosignTags(D('x')).every(isReferrerTag)).toBe(true);
  expect(isReferrerTag(referrersTag(D('x')))).toBe(true);
});
