import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/index.js';
import { runSyncPlan, type SyncResult } from '../../src/engine/sync.js';
import type { SyncDependencies } from '../../src/engine/sync-run.js';
import type { SyncConfig } from '../../src/engine/sync-plan.js';
import type { Digest } from '../../src/oci/digest.js';
import { referrersTag } from '../../src/oci/referrers.js';
import { createTransport, type Send } from '../../src/registry/http.js';
import { ownClient } from '../harness/own-client.js';
import { cosignSignature, putReferrer } from '../harness/referrers.js';
import { startPagingProxy } from '../harness/paging-proxy.js';
import { freePort } from '../harness/ports.js';
import type { TestRegistry } from '../harness/registry.js';
import { assertNoSecretFragments, knownSecrets } from '../harness/secrets.js';
import { inspectRaw, listTags, skopeoDigest } from '../harness/skopeo.js';
import { type SyncJson, syncTestbed } from '../harness/sync-testbed.js';

/**
 * The sync against real Distribution registries, run through the CLI command (and once
 * through the built action), and every result read back with skopeo.
 */
const bed = syncTestbed('oci-push-sync-');
beforeAll(bed.open);
afterAll(bed.close);
const { registry } = bed;

/** A shared base layer, as real images share their distro layer. */
const BASE = randomBytes(48 * 1024);

/** Pushes a fresh image (the shared base plus a layer of its own) under `tags`; its digest. */
const seed = (into: TestRegistry, repository: string, tags: string[]): Promise<Digest> =>
  bed.seed(into, repository, tags, [BASE, randomBytes(512)]);

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  result: SyncJson;
}

/** Runs `oci-push sync --config FILE --json FILE ARGS` in-process, with no docker login; as every CLI command, it writes its summary to stderr. */
async function sync(config: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const dir = await mkdtemp(join(bed.work, 'run-'));
  await mkdir(join(dir, 'docker'));
  await writeFile(join(dir, 'sync.yaml'), config);
  let stdout = '';
  let stderr = '';
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        write(chunk.toString('utf8'));
        done();
      },
    });
  const code = await runCli(['sync', '--config', 'sync.yaml', '--json', 'result.json', ...args], {
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
    stdin: Readable.from([]),
    env: { DOCKER_CONFIG: join(dir, 'docker'), ...env },
    cwd: dir,
    isTTY: false,
  });
  assertNoSecretFragments({ stdout, stderr }, knownSecrets, 'oci-push sync');
  const json = await readFile(join(dir, 'result.json'), 'utf8').catch(() => '{}');
  return { code, stdout, stderr, result: JSON.parse(json) as CliRun['result'] };
}

const sorted = (tags: string[]): string[] => [...tags].sort();

/** Each repository of `sourceHost` into every target, all tags, nothing renamed. */
function plainConfig(
  sourceHost: string,
  repositories: string[],
  targets: Record<string, string>,
): SyncConfig {
  return {
    targets: Object.entries(targets).map(([name, host]) => ({
      name,
      host,
      insecure: false,
      acr: false,
      mirror: false,
    })),
    images: repositories.map((repository, index) => ({
      index,
      source: { host: sourceHost, repository },
      repository,
      to: Object.keys(targets),
      tags: { allow: [], deny: [] },
      overwrite: false,
    })),
    parallel: 1,
  };
}

/** The sync engine in process, anonymous, over `send`. */
function syncInProcess(
  config: SyncConfig,
  send: Send,
  extra: Partial<SyncDependencies> = {},
): Promise<SyncResult> {
  return runSyncPlan(
    config,
    {},
    {
      userAgent: 'oci-push-test',
      log: { debug: () => undefined, info: () => undefined, warning: () => undefined },
      onSecret: () => undefined,
      credentialFor: () => undefined,
      send,
      ...extra,
    },
  );
}

test('backfill: semver + newest 2 per minor copies exactly the 6 expected tags; a re-run uploads nothing', async () => {
  const old = await registry();
  const gsoci = await registry();
  const releases = ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '1.1.0', '1.1.1', '1.1.2', '1.1.3'];
  releases.push('1.2.0', '1.2.1', '1.2.2', '1.2.10');
  const dev = [`1.2.10-${'c'.repeat(40)}`, `1.1.3-${'d'.repeat(40)}`, 'main', 'latest'];
  for (const tag of [...releases, ...dev, '1.3.0-rc.1']) await seed(old, 'giantswarm/app', [tag]);
  // Pages of 5: the 17 tags come in four pages, through a proxy that pages as ACR does.
  const paging = await startPagingProxy(old.host, { pageSize: 5 });
  try {
    const config =
      `targets:\n  gsoci:\n    registry: ${gsoci.host}\n` +
      `images:\n  - source: ${paging.host}/giantswarm/app\n` +
      `    tags:\n      semver: '>=1.0.0'\n      newest: 2\n      per: minor\n`;
    const first = await sync(config);
    expect(first.stderr).not.toMatch(/warning/);
    expect(first.code).toBe(0);
    expect(paging.pages).toEqual([1, 2, 3, 4]);
    const expected = ['1.0.2', '1.0.3', '1.1.2', '1.1.3', '1.2.2', '1.2.10'];
    expect(sorted(await listTags(gsoci, 'giantswarm/app'))).toEqual(sorted(expected));
    for (const tag of expected) {
      const raw = await inspectRaw(gsoci, `giantswarm/app:${tag}`);
      expect(raw.equals(await inspectRaw(old, `giantswarm/app:${tag}`))).toBe(true);
    }
    expect(first.result.counts).toEqual({ copied: 6, unchanged: 0, drifted: 0, failed: 0 });
    expect(first.stderr).toMatch(
      /giantswarm\/app → giantswarm\/app \| gsoci .*\| 6 \| 0 \| 0 \| 0 \| 11 \|/,
    );

    const marker = gsoci.logs().split('\n').length;
    const again = await sync(config);
    expect(again.code).toBe(0);
    expect(again.result.counts).toEqual({ copied: 0, unchanged: 6, drifted: 0, failed: 0 });
    const lines = gsoci.logs().split('\n').slice(marker);
    const requests = lines.filter((l) => l.includes('msg="response completed"'));
    // The registry's own log: the re-run cost the listing (and the ping), nothing per tag:
    // the six release tags it lists are trusted (issue #21, "re-runs that cost the listings").
    expect(requests).toHaveLength(2);
    expect(
      requests.filter((l) => /http\.request\.uri="\/v2\/giantswarm\/app\/tags\/list/.test(l)),
    ).toHaveLength(1);
    // The other is the ping, a GET as well.
    expect(requests.filter((l) => !/http\.request\.method=GET/.test(l))).toEqual([]);
    expect(again.result.images[0]?.tags.map((t) => t.targets[0]?.status)).toEqual(
      Array(6).fill('trusted'),
    );
  } finally {
    await paging.close();
  }
});

test('third-party: a Basic-auth source, renamed, into a target and a mirror; a dead mirror warns, a dead target fails', async () => {
  const upstream = await registry('basic');
  const gsoci = await registry();
  const aliyun = await registry();
  const digest = await seed(upstream, 'library/tool', ['2.0.0', '2.1.0']);
  const env = {
    OCI_PUSH_CREDENTIALS: `${upstream.host}=${upstream.username}:${upstream.password}`,
  };
  const config = (target: string, mirror: string): string =>
    `targets:\n  gsoci:\n    registry: ${target}\n  aliyun:\n    registry: ${mirror}\n    mirror: true\n` +
    `images:\n  - source: ${upstream.host}/library/tool\n    target: giantswarm/tool\n` +
    // Public, though it needs a login (as registry.redhat.io does): the config vouches.
    `    to: [gsoci, aliyun]\n    visibility: public\n`;
  const dead = `127.0.0.1:${await freePort()}`;

  // A dead mirror: exit 0, a warning naming it, and the required target complete.
  const deadMirror = await sync(config(gsoci.host, dead), [], env);
  expect(deadMirror.code).toBe(0);
  expect(deadMirror.stderr).toMatch(new RegExp(`warning: ${dead}.*could not be reached`));
  expect(deadMirror.stderr).toContain('a mirror: this only warns');
  expect(sorted(await listTags(gsoci, 'giantswarm/tool'))).toEqual(['2.0.0', '2.1.0']);
  expect(await skopeoDigest(gsoci, 'giantswarm/tool:2.1.0')).toBe(digest);
  expect(deadMirror.result.counts).toMatchObject({ copied: 2, failed: 2 });

  // A dead required target: exit 1, and the mirror still gets everything.
  const deadTarget = await sync(config(dead, aliyun.host), [], env);
  expect(deadTarget.code).toBe(1);
  expect(deadTarget.stderr).toMatch(/a required target failed/);
  expect(sorted(await listTags(aliyun, 'giantswarm/tool'))).toEqual(['2.0.0', '2.1.0']);
  expect(await skopeoDigest(aliyun, 'giantswarm/tool:2.0.0')).toBe(digest);

  // Without the credential, the source's refusal is the image's loud failure.
  const noCredential = await sync(config(gsoci.host, aliyun.host));
  expect(noCredential.code).toBe(1);
  expect(noCredential.result.images[0]?.error).toMatch(
    /listing its tags failed.*requires authentication/,
  );
});

test('drift: refused by default (exit 3, target unchanged, both digests named); moved with overwrite', async () => {
  const source = await registry();
  const target = await registry();
  const upstreamDigest = await seed(source, 'org/moved', ['1.0.0']);
  const ours = await seed(target, 'org/moved', ['1.0.0']);
  // `immutable: []`: every tag is compared by HEAD, none trusted from the listing.
  const config = (overwrite: boolean): string =>
    `immutable: []\ntargets:\n  gsoci:\n    registry: ${target.host}\n` +
    `images:\n  - source: ${source.host}/org/moved\n    overwrite: ${overwrite}\n`;

  const refused = await sync(config(false));
  expect(refused.code).toBe(3);
  expect(await skopeoDigest(target, 'org/moved:1.0.0')).toBe(ours);
  expect(refused.stderr).toContain(upstreamDigest);
  expect(refused.stderr).toContain(ours);
  expect(refused.stderr).toMatch(/overwrite: true/);
  expect(refused.result.counts).toEqual({ copied: 0, unchanged: 0, drifted: 1, failed: 0 });

  // The built action says the same: outputs, summary, and a failing exit (3).
  const action = await bed.actionSync(config(false));
  expect(action.code).toBe(3);
  expect(action.outputs).toMatchObject({ drifted: '1', copied: '0', failed: '0' });
  expect(action.summary).toContain(upstreamDigest);
  expect(action.stdout).toMatch(/::error::oci-push sync: drift refused/);

  const moved = await sync(config(true));
  expect(moved.code).toBe(0);
  expect(await skopeoDigest(target, 'org/moved:1.0.0')).toBe(upstreamDigest);
  expect(moved.result.images[0]?.tags[0]?.targets[0]?.status).toBe('moved');
});

test('shards: 1/3, 2/3 and 3/3 together sync exactly the unsharded plan, no item twice', async () => {
  const source = await registry();
  const target = await registry();
  const repositories = ['a', 'b', 'c', 'd', 'e'].map((n) => `shard/${n}`);
  for (const repository of repositories) {
    await seed(source, repository, ['1.0.0']);
    await seed(source, repository, ['1.1.0']);
  }
  const config =
    `targets:\n  t:\n    registry: ${target.host}\n` +
    `images:\n${repositories.map((r) => `  - source: ${source.host}/${r}\n`).join('')}`;
  const items = (run: CliRun): string[] =>
    run.result.images.flatMap((image) =>
      image.tags.flatMap((tag) => tag.targets.map((t) => `${image.source}:${tag.tag}>${t.target}`)),
    );
  const whole = items(await sync(config, ['--dry-run']));
  expect(whole).toHaveLength(10);
  const shards: string[] = [];
  for (const shard of ['1/3', '2/3', '3/3']) {
    const run = await sync(config, ['--shard', shard]);
    expect(run.code).toBe(0);
    shards.push(...items(run));
  }
  expect(shards).toHaveLength(whole.length);
  expect(sorted(shards)).toEqual(sorted(whole));
  for (const repository of repositories) {
    expect(sorted(await listTags(target, repository))).toEqual(['1.0.0', '1.1.0']);
  }
});

test('bad configs: each error names its path, exit 2, nothing copied', async () => {
  const source = await registry();
  const target = await registry();
  await seed(source, 'bad/app', ['1.0.0']);
  const head = `targets:\n  gsoci:\n    registry: ${target.host}\nimages:\n`;
  const cases: [string, RegExp][] = [
    [`  - source: ${source.host}/bad/app\n    tagz: {}\n`, /images\[0\]\.tagz: unknown key/],
    [
      `  - source: ${source.host}/bad/app\n    tags:\n      deny: ['(']\n`,
      /images\[0\]\.tags\.deny\[0\]: "\(" is not a valid regular expression/,
    ],
    [
      `  - source: ${source.host}/bad/app\n    tags:\n      semver: '>>1'\n`,
      /images\[0\]\.tags\.semver: ">>1" is not a semver constraint/,
    ],
    [
      `  - source: ${source.host}/bad/app\n    to: [gsoci, aliyun]\n`,
      /images\[0\]\.to\[1\]: "aliyun" is not a target/,
    ],
    [`  - source: ${source.host}/bad/app\n  - target: bad/app\n`, /images\[1\]\.source: required/],
  ];
  for (const [images, message] of cases) {
    const run = await sync(head + images);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
  }
  expect(await listTags(target, 'bad/app')).toEqual([]);
  // The target's own log: oci-push never even reached it (skopeo's check above did).
  const ours = (): number =>
    target.served.filter((r) => r.userAgent.startsWith('oci-push/')).length;
  expect(ours()).toBe(0);
  expect(target.logs()).not.toContain('useragent="oci-push/');
  // The control: a good config's run is seen there, in the same words.
  const good = await sync(head + `  - source: ${source.host}/bad/app\n`);
  expect(good.code).toBe(0);
  expect(ours()).toBeGreaterThan(0);
  expect(target.logs()).toContain('useragent="oci-push/');
});

test('a source listing that fails on its second page is a loud failure of that image; the others still sync', async () => {
  const source = await registry();
  const target = await registry();
  for (const tag of ['1', '2', '3', '4', '5', '6', '7']) await seed(source, 'paged/broken', [tag]);
  await seed(source, 'paged/fine', ['1.0.0']);
  const paging = await startPagingProxy(source.host, { pageSize: 3, failPage: 2 });
  try {
    const run = await sync(
      `targets:\n  gsoci:\n    registry: ${target.host}\n` +
        `images:\n  - source: ${paging.host}/paged/broken\n  - source: ${paging.host}/paged/fine\n`,
    );
    expect(run.code).toBe(1);
    const broken = run.result.images[0];
    expect(broken?.error).toMatch(/listing its tags failed \(.*page 2, after 3 tags.*\)/);
    expect(broken?.tags).toEqual([]);
    expect(run.stderr).toMatch(/paged\/broken.*listing failed/);
    // Nothing of the broken image was copied, not even its first page.
    expect(await listTags(target, 'paged/broken')).toEqual([]);
    expect(await listTags(target, 'paged/fine')).toEqual(['1.0.0']);
  } finally {
    await paging.close();
  }
});

test('a tag listed but 404 for a while (a lagging replica) is retried, then copied; one that stays 404 fails after the bound', async () => {
  const source = await registry();
  const target = await registry();
  const digest = await seed(source, 'lag/app', ['1.0.0']);
  await seed(source, 'lag/gone', ['1.0.0']);
  // The source's manifest HEADs answer 404 twice for lag/app, and always for lag/gone, as a
  // replica that lists a tag before it serves it; everything else reaches the registry.
  const real = createTransport({ userAgent: 'oci-push-test' });
  let lagging = 2;
  const send: Send = async (request) => {
    const path = request.url.pathname;
    const stale =
      request.method === 'HEAD' &&
      request.url.host === source.host &&
      (path === '/v2/lag/gone/manifests/1.0.0' ||
        (path === '/v2/lag/app/manifests/1.0.0' && lagging-- > 0));
    if (!stale) return real(request);
    const answer = await real({
      ...request,
      url: new URL('/v2/lag/app/manifests/9.9.9', request.url),
    });
    return answer;
  };
  const slept: number[] = [];
  const result = await syncInProcess(
    plainConfig(source.host, ['lag/app', 'lag/gone'], { t: target.host }),
    send,
    { consistencyWaitMs: 6_000, sleep: async (ms) => void slept.push(ms) },
  );
  const [app, gone] = result.images;
  expect(app?.tags[0]?.targets[0]?.status).toBe('copied');
  expect(await skopeoDigest(target, 'lag/app:1.0.0')).toBe(digest);
  expect(gone?.tags[0]?.targets[0]?.status).toBe('failed');
  expect(gone?.tags[0]?.targets[0]?.error).toMatch(/listed but its manifest answered 404 for 6 s/);
  // Two waits for lag/app, then the bounded wait for lag/gone: 6 s in 2 s steps.
  expect(slept).toEqual([2000, 2000, 2000, 2000, 2000]);
});

test('a cosign signature travels with the image it signs, and is found at the target by its tag', async () => {
  const source = await registry();
  const target = await registry();
  const digest = await seed(source, 'org/signed', ['2.0.0']);
  const signature = cosignSignature(digest as Digest, `${source.host}/org/signed`);
  const sigTag = `${referrersTag(digest as Digest)}.sig`;
  await putReferrer(ownClient(source), 'org/signed', signature, sigTag);

  const run = await sync(
    `targets:\n  gsoci:\n    registry: ${target.host}\nimages:\n  - source: ${source.host}/org/signed\n`,
  );
  expect(run.code).toBe(0);
  // The signature's tag is not an image of its own: one tag is synced, and it carries it.
  expect(run.result.counts).toEqual({ copied: 1, unchanged: 0, drifted: 0, failed: 0 });
  expect(await skopeoDigest(target, 'org/signed:2.0.0')).toBe(digest);
  // skopeo reads the signature back from the target, byte for byte.
  expect(await skopeoDigest(target, `org/signed:${sigTag}`)).toBe(signature.manifest.digest);
  expect(await listTags(target, 'org/signed')).toEqual(expect.arrayContaining(['2.0.0', sigTag]));
});

test('a fresh copy asks each registry only what it must: no unlisted referrer tags, one source read per blob, no blob asked about twice', async () => {
  const source = await registry();
  const a = await registry();
  const b = await registry();
  const tags = ['1.0.0', '1.1.0', '2.0.0'];
  const digests = new Map<string, string>();
  for (const tag of tags) digests.set(tag, await seed(source, 'lean/app', [tag]));
  const real = createTransport({ userAgent: 'oci-push-test' });
  const requests: { host: string; method: string; path: string }[] = [];
  const send: Send = (request) => {
    requests.push({
      host: request.url.host,
      method: request.method,
      path: request.url.pathname,
    });
    return real(request);
  };
  const result = await syncInProcess(
    plainConfig(source.host, ['lean/app'], { a: a.host, b: b.host }),
    send,
  );
  const statuses = result.images[0]?.tags.flatMap((t) => t.targets.map((o) => o.status));
  expect(statuses).toEqual(Array(6).fill('copied'));
  for (const tag of tags) {
    for (const target of [a, b]) {
      expect(await skopeoDigest(target, `lean/app:${tag}`)).toBe(digests.get(tag));
    }
  }
  const at = (host: string) => requests.filter((r) => r.host === host);
  // The listing names no fallback (`sha256-…`) or cosign tag, so none is asked for; a
  // registry without the referrers API is asked once whether it has one.
  expect(at(source.host).filter((r) => r.path.includes('/manifests/sha256-'))).toEqual([]);
  expect(at(source.host).filter((r) => r.path.includes('/referrers/'))).toHaveLength(1);
  // Each blob is read from the source once, for both targets: 3 images × (config, own
  // layer), and the shared base once: the later tags find it at the targets already.
  const blobReads = at(source.host).filter((r) => r.method === 'GET' && r.path.includes('/blobs/'));
  expect(blobReads).toHaveLength(3 * 2 + 1);
  // At each target, no blob is asked about twice: the base put there by the first tag is known.
  for (const target of [a, b]) {
    const heads = at(target.host)
      .filter((r) => r.method === 'HEAD' && r.path.includes('/blobs/'))
      .map((r) => r.path);
    expect(new Set(heads).size).toBe(heads.length);
  }
});
