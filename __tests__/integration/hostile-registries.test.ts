import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyGraph, loadGraph } from '../../src/engine/copy.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import type { Descriptor } from '../../src/oci/descriptor.js';
import type { Digest } from '../../src/oci/digest.js';
import { referrersTag } from '../../src/oci/referrers.js';
import { type ActionRun, runAction } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import {
  blobOf,
  descriptorOf,
  makeOciLayout,
  type OciLayoutFixture,
  writeLayout,
} from '../harness/fixtures.js';
import {
  type HostileAnswer,
  type HostileRegistry,
  startHostileRegistry,
  tagListAnswer,
} from '../harness/hostile-registry.js';
import { ownClient } from '../harness/own-client.js';
import { putReferrer, type ReferrerFixture, sbomReferrer } from '../harness/referrers.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, listTags } from '../harness/skopeo.js';

/**
 * Registries that lie in their listings, played by a proxy in front of a real registry, and
 * the sync run through the built CLI. Names from a registry are data: a tag that is not a tag
 * never reaches a URL; a listing that loops, or never ends, stops at a bound and fails that
 * image's row, naming the source; a very large listing still works. Every result is read
 * back with skopeo.
 */
let source: TestRegistry;
let target: TestRegistry;
let hostile: HostileRegistry;
let work: string;

beforeAll(async () => {
  [source, target] = await Promise.all([startRegistry('anonymous'), startRegistry('anonymous')]);
  hostile = await startHostileRegistry(source.host);
  work = await mkdtemp(join(tmpdir(), 'oci-push-hostile-registries-'));
});
afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop(), hostile?.close()]);
  await rm(work, { recursive: true, force: true });
});
afterEach(() => {
  hostile.setHook(undefined);
  hostile.reset();
});

let seeded = 0;
async function push(
  into: TestRegistry,
  repository: string,
  tags: string[],
  image?: OciLayoutFixture,
): Promise<OciLayoutFixture> {
  const layout = image ?? (await makeOciLayout(join(work, `seed-${seeded++}`)));
  const from = new OciLayoutSource(layout.dir);
  const [result] = await copyGraph(
    from,
    await loadGraph(from),
    [{ client: ownClient(into), repository }],
    {
      tags,
    },
  );
  if (result?.error) throw result.error;
  return layout;
}

interface SyncRun {
  code: number;
  stdout: string;
  stderr: string;
  images: { source: string; error?: string; tags: { tag: string }[] }[];
}

/** `oci-push sync` (the built CLI) with this config; the `--json` result parsed. */
async function sync(config: string, env: Record<string, string> = {}): Promise<SyncRun> {
  const dir = await mkdtemp(join(work, 'run-'));
  await writeFile(join(dir, 'sync.yaml'), config);
  const run = await runCli(['sync', '--config', 'sync.yaml', '--json', 'result.json'], {
    cwd: dir,
    env,
  });
  const json = await readFile(join(dir, 'result.json'), 'utf8').catch(() => '{}');
  const { images = [] } = JSON.parse(json) as Partial<Pick<SyncRun, 'images'>>;
  return { ...run, images };
}

const config = (...repositories: string[]): string =>
  `targets:\n  gsoci:\n    registry: ${target.host}\nimages:\n` +
  repositories.map((r) => `  - source: ${hostile.host}/${r}\n`).join('');

test('a tag with path parts in a source listing never writes into another repository of the target', async () => {
  // The target's own victim/app, and at the source an image that shares its blobs (so the
  // target would take its manifest there) behind the tag a hostile listing names.
  const victim = await push(target, 'victim/app', ['1.0.0']);
  const forged = blobOf(
    victim.manifest.mediaType,
    Buffer.from(
      JSON.stringify({
        ...(JSON.parse(victim.manifest.bytes.toString('utf8')) as object),
        annotations: { 'org.opencontainers.image.title': 'not the victim' },
      }),
    ),
  );
  const forgedDir = join(work, 'forged');
  await writeLayout(forgedDir, [forged, victim.config, ...victim.layers], [descriptorOf(forged)]);
  const forgedImage = { ...victim, dir: forgedDir, manifest: forged };
  await push(source, 'victim/app', ['6.6.6'], forgedImage);
  // The source serves it by digest from its own repository too, as a hostile one would.
  await push(source, 'hostile/app', [], forgedImage);
  await push(source, 'hostile/app', ['1.0.0']);
  const escape = '../../../victim/app/manifests/6.6.6';
  hostile.setHook(({ url }) =>
    url.pathname === '/v2/hostile/app/tags/list'
      ? tagListAnswer('hostile/app', ['1.0.0', escape])
      : undefined,
  );

  const run = await sync(config('hostile/app'));

  // Nothing of the listing was used: the victim keeps its one tag, the forged manifest is
  // nowhere, and not even the good tag was copied from a source that lies.
  expect(await listTags(target, 'victim/app')).toEqual(['1.0.0']);
  await expect(inspectRaw(target, `victim/app@${forged.digest}`)).rejects.toThrow(
    /manifest unknown/i,
  );
  expect(await listTags(target, 'hostile/app')).toEqual([]);
  expect(run.code).toBe(1);
  const [row] = run.images;
  expect(row?.error).toContain(`${hostile.host}/hostile/app`);
  expect(row?.error).toContain(`"${escape}" is not a tag`);
  // The source was never asked for the escaping path either.
  expect(hostile.requests.filter((r) => r.includes('victim'))).toEqual([]);
}, 200_000);

test("a registry's error body reaches the log and the result as one line: no forged lines, no bidi overrides, its own language kept", async () => {
  const forged = '::warning title=Forged::the sync passed';
  hostile.setHook(({ url }) =>
    url.pathname === '/v2/liar/app/tags/list'
      ? {
          status: 403,
          body: JSON.stringify({
            errors: [
              {
                code: `DENIED\n${forged}`,
                message: `拒绝访问\r\n${forged}\u202etxt.exe\u2028end`,
              },
            ],
          }),
        }
      : undefined,
  );

  const run = await sync(config('liar/app'));

  expect(run.code).toBe(1);
  const error = run.images.find((i) => i.source.endsWith('liar/app'))?.error ?? '';
  // The registry's words are there, readable, their own language kept…
  expect(error).toContain('拒绝访问');
  expect(error).toContain('title=Forged');
  // …on one line, with the breaks and the bidi override shown as escapes, not obeyed.
  expect(error).toContain('DENIED\\u000a');
  expect(error).toContain('\\u000d\\u000a');
  expect(error).toContain('\\u202etxt.exe\\u2028end');
  expect(error).not.toMatch(/[\n\r\u202e\u2028]/);
  // No line of the CLI's output starts with what the registry sent.
  expect(run.stderr.split('\n').filter((l) => l.trimStart().startsWith('::'))).toEqual([]);
  expect(run.stderr).toContain('\\u202etxt.exe');
}, 120_000);

describe('listings are bounded: the image fails, naming its source; the next one syncs', () => {
  beforeAll(async () => {
    await push(source, 'fine/app', ['1.0.0']);
  });

  test.each([
    ['a Link to itself', (url: URL) => `${url.pathname}${url.search}`],
    [
      'a Link cycle of two pages',
      (url: URL) => `${url.pathname}?page=${url.searchParams.get('page') === 'a' ? 'b' : 'a'}`,
    ],
  ])(
    '%s',
    async (_name, next) => {
      const repository = `loop/${randomBytes(3).toString('hex')}`;
      const path = `/v2/${repository}/tags/list`;
      // Each page lists a tag of its own, so only the loop, not a page without news, stops it.
      hostile.setHook(({ url }) =>
        url.pathname === path
          ? tagListAnswer(repository, [`tag-${url.searchParams.get('page') ?? 'first'}`], next(url))
          : undefined,
      );
      const run = await sync(config(repository, 'fine/app'));
      expect(run.code).toBe(1);
      const [looping, fine] = run.images;
      expect(looping?.error).toContain(`${hostile.host}/${repository}`);
      expect(looping?.error).toMatch(/leads back to a page it already gave \(a loop\)/);
      expect(hostile.count(path)).toBeLessThanOrEqual(3);
      expect(fine?.error).toBeUndefined();
      expect(await listTags(target, 'fine/app')).toEqual(['1.0.0']);
      expect(await listTags(target, repository)).toEqual([]);
    },
    60_000,
  );

  test('pages without end, each with a new tag, stop at the tag bound (OCI_PUSH_MAX_TAGS)', async () => {
    const repository = 'endless/app';
    const path = `/v2/${repository}/tags/list`;
    hostile.setHook(({ url }) => {
      if (url.pathname !== path) return undefined;
      const page = Number(url.searchParams.get('page') ?? '0');
      return tagListAnswer(repository, [`t-${page}`], `${path}?page=${page + 1}`);
    });
    const run = await sync(config(repository, 'fine/app'), { OCI_PUSH_MAX_TAGS: '40' });
    expect(run.code).toBe(1);
    expect(run.images[0]?.error).toContain(`${hostile.host}/${repository}`);
    expect(run.images[0]?.error).toContain('more than 40 tags');
    expect(run.images[0]?.error).toContain('OCI_PUSH_MAX_TAGS');
    expect(hostile.count(path)).toBeLessThanOrEqual(41);
    expect(run.images[1]?.error).toBeUndefined();
  }, 60_000);

  test('pages without end and without tags stop at the first that brings nothing new', async () => {
    const repository = 'empty-pages/app';
    const path = `/v2/${repository}/tags/list`;
    hostile.setHook(({ url }) => {
      if (url.pathname !== path) return undefined;
      const page = Number(url.searchParams.get('page') ?? '0');
      return tagListAnswer(repository, page === 0 ? ['1.0.0'] : [], `${path}?page=${page + 1}`);
    });
    const run = await sync(config(repository, 'fine/app'));
    expect(run.code).toBe(1);
    expect(run.images[0]?.error).toMatch(/page 2 brought no new tag but links to another/);
    expect(hostile.count(path)).toBe(2);
  }, 60_000);

  test('a Link to another host is refused, and nothing is sent there', async () => {
    const repository = 'elsewhere/app';
    const path = `/v2/${repository}/tags/list`;
    const elsewhere = await startHostileRegistry(source.host);
    try {
      hostile.setHook(({ url }) =>
        url.pathname === path
          ? tagListAnswer(repository, ['1.0.0'], `http://${elsewhere.host}${path}?last=1.0.0`)
          : undefined,
      );
      const run = await sync(config(repository));
      expect(run.code).toBe(1);
      expect(run.images[0]?.error).toContain(
        `links the next page to "http://${elsewhere.host}${path}?last=1.0.0", outside ${hostile.host}`,
      );
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  }, 60_000);
});

test('200,000 tags in one unpaged answer are listed, filtered and synced', async () => {
  const repository = 'huge/app';
  await push(source, repository, ['1.0.0']);
  const tags = ['1.0.0', ...Array.from({ length: 199_999 }, (_, i) => `build-${i}`)];
  hostile.setHook(({ url }) =>
    url.pathname === `/v2/${repository}/tags/list` ? tagListAnswer(repository, tags) : undefined,
  );
  const run = await sync(
    `targets:\n  gsoci:\n    registry: ${target.host}\nimages:\n` +
      `  - source: ${hostile.host}/${repository}\n    tags:\n      allow: ['^1\\.0\\.0$']\n`,
  );
  expect({ code: run.code, error: run.images[0]?.error }).toEqual({ code: 0, error: undefined });
  expect(run.stderr).toContain('200000 tag(s) listed, 1 selected, 199999 filtered out');
  expect(await listTags(target, repository)).toEqual(['1.0.0']);
}, 120_000);

describe('referrers are checked before they are trusted (the push action, from a docker:// source)', () => {
  let image: OciLayoutFixture;
  let other: OciLayoutFixture;
  let good: ReferrerFixture;
  let elsewhere: ReferrerFixture;
  let orphan: ReferrerFixture;
  let gone: ReferrerFixture;
  const repository = 'signed/app';

  beforeAll(async () => {
    image = await push(source, repository, ['1.0.0']);
    other = await push(source, 'signed/other', ['1.0.0']);
    const client = ownClient(source);
    good = sbomReferrer(image.manifest as Descriptor);
    // Listed as referrers of the image: one whose subject is another image, one with none.
    elsewhere = sbomReferrer(other.manifest as Descriptor);
    const withSubject = sbomReferrer(image.manifest as Descriptor);
    const { subject: _dropped, ...rest } = JSON.parse(
      withSubject.manifest.bytes.toString('utf8'),
    ) as Record<string, unknown>;
    orphan = {
      ...withSubject,
      manifest: blobOf(withSubject.manifest.mediaType, Buffer.from(JSON.stringify(rest))),
    };
    for (const fixture of [good, elsewhere, orphan]) {
      await putReferrer(client, repository, fixture);
    }
    // Listed, but not at the source at all.
    gone = sbomReferrer(image.manifest as Descriptor);
  });

  const listing = (manifests: ReferrerFixture[], link?: string): HostileAnswer => ({
    status: 200,
    headers: {
      'content-type': 'application/vnd.oci.image.index.v1+json',
      ...(link && { link: `<${link}>; rel="next"` }),
    },
    body: JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: manifests.map((m) => ({
        ...descriptorOf(m.manifest),
        artifactType: 'application/spdx+json',
      })),
    }),
  });

  const release = (into: string): Promise<ActionRun> =>
    runAction(
      {
        image: `docker://${hostile.host}/${repository}:1.0.0`,
        repository: into,
        registries: target.host,
        visibility: 'public',
      },
      { GITHUB_REF: 'refs/tags/v1.0.0' },
    );

  test('a listed referrer of another image, or of none, is refused and reported; one that is missing fails at once', async () => {
    const path = `/v2/${repository}/referrers/${image.manifest.digest}`;
    hostile.setHook(({ url }) =>
      url.pathname === path ? listing([good, elsewhere, orphan, gone]) : undefined,
    );
    const into = 'checked/app';
    const run = await release(into);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    // At the target: the fallback index lists the good referrer alone; the others are absent.
    const index = JSON.parse(
      (
        await inspectRaw(target, `${into}:${referrersTag(image.manifest.digest as Digest)}`)
      ).toString('utf8'),
    ) as { manifests: { digest: string }[] };
    expect(index.manifests.map((m) => m.digest)).toEqual([good.manifest.digest]);
    const client = ownClient(target);
    for (const refused of [elsewhere, orphan, gone]) {
      expect(await client.headManifest(into, refused.manifest.digest)).toBeUndefined();
    }
    // Reported, each by digest and why.
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning'));
    expect(warnings.join('\n')).toContain(
      `${elsewhere.manifest.digest} is listed as a referrer of ${image.manifest.digest}, but its subject is ${other.manifest.digest}`,
    );
    expect(warnings.join('\n')).toContain(
      `${orphan.manifest.digest} is listed as a referrer of ${image.manifest.digest}, but it has no subject`,
    );
    expect(warnings.join('\n')).toContain(`the referrer ${gone.manifest.digest}`);
    // The missing one was asked for once, not waited for as a lagging replica.
    expect(hostile.count(`/v2/${repository}/manifests/${gone.manifest.digest}`)).toBe(1);
    expect(run.stdout).not.toContain('a replica may not have it yet');
  }, 120_000);

  test('a referrers listing whose Link leads to itself fails the push, naming the source', async () => {
    const path = `/v2/${repository}/referrers/${image.manifest.digest}`;
    hostile.setHook(({ url }) =>
      url.pathname === path ? listing([good], `${url.pathname}${url.search}`) : undefined,
    );
    const into = 'looping/app';
    const run = await release(into);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toContain(`${hostile.host}/${repository}: the referrers listing`);
    expect(run.outputs.result).toContain('(a loop)');
    expect(hostile.count(path)).toBe(1);
    expect(await listTags(target, into)).toEqual([]);
  }, 120_000);
});

describe("a registry's catalog (discovery entries) is checked and bounded the same way", () => {
  const discovery = (): string =>
    `targets:\n  gsoci:\n    registry: ${target.host}\nimages:\n  - source: ${hostile.host}/team/*\n`;

  test('a name that is not a repository path refuses the catalog, naming it; nothing is synced', async () => {
    await push(source, 'team/app', ['1.0.0']);
    hostile.setHook(({ url }) =>
      url.pathname === '/v2/_catalog'
        ? { status: 200, body: JSON.stringify({ repositories: ['team/app', 'team/../../victim'] }) }
        : undefined,
    );
    const run = await sync(discovery());
    expect(run.code).toBe(1);
    expect(run.images[0]?.error).toContain(
      `${hostile.host}: the catalog (page 1): "team/../../victim" is not a repository name`,
    );
    expect(await listTags(target, 'team/app')).toEqual([]);
    expect(hostile.requests.filter((r) => r.includes('victim'))).toEqual([]);
  }, 60_000);

  test('a catalog whose Link leads to itself is a loop, read once', async () => {
    hostile.setHook(({ url }) =>
      url.pathname === '/v2/_catalog'
        ? {
            status: 200,
            headers: { link: `<${url.pathname}${url.search}>; rel="next"` },
            body: JSON.stringify({ repositories: ['team/app'] }),
          }
        : undefined,
    );
    const run = await sync(discovery());
    expect(run.code).toBe(1);
    expect(run.images[0]?.error).toContain('(a loop)');
    expect(hostile.count('/v2/_catalog')).toBe(1);
  }, 60_000);
});
