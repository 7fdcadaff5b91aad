/**
 * The sync case of `npm run bench`: 20 repositories × 5 tags of small multi-platform images
 * that share their base layers (as real images do), from one source registry into two
 * targets. oci-push syncs both targets in one run; skopeo sync runs once per target, as
 * retagger does. Fresh, then a re-run with everything present (through counting proxies,
 * for the requests), and planning 1,000 tags. Registries are real docker-registry instances
 * on loopback, anonymous.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { faults, startFaultProxy } from '../__tests__/harness/fault-proxy.js';
import {
  blobOf,
  descriptorOf,
  type FixtureBlob,
  imageManifestOf,
  writeLayout,
} from '../__tests__/harness/fixtures.js';
import { runCommand } from '../__tests__/harness/processes.js';
import type { TestRegistry } from '../__tests__/harness/registry.js';
import { ROOT } from '../__tests__/harness/tools.js';
import { copyGraph, loadGraph } from '../src/engine/copy.js';
import { selectTags } from '../src/engine/sync-plan.js';
import { digestOf } from '../src/oci/digest.js';
import { parseRange } from '../src/oci/semver-rules.js';
import { RegistryClient } from '../src/registry/client.js';
import { createTransport } from '../src/registry/http.js';
import { OciLayoutSource } from '../src/source/oci-layout.js';
import { skopeoBlobCache } from './contenders.js';
import { ratio, seconds, table, target, type TargetResult } from './report.js';

export const SYNC_REPOSITORIES = 20;
export const SYNC_TAGS = 5;
const TAGS = ['1.0.0', '1.0.1', '1.1.0', '1.1.1', '2.0.0'];
const ARCHES = ['amd64', 'arm64'];
const BASE_BYTES = 2 * 1024 * 1024;
const APP_BYTES = 128 * 1024;

/** The workload's repositories, `bench/app-0` on. */
const benchRepositories = (): string[] =>
  Array.from({ length: SYNC_REPOSITORIES }, (_, r) => `bench/app-${r}`);

export interface SyncBenchResult {
  fresh: { ociPush: number; skopeo: number; skopeoPerTarget: number[] };
  rerun: {
    ociPush: number;
    skopeo: number;
    /** Requests each target saw in oci-push's re-run, and how many were tag listings. */
    targetRequests: number[];
    sourceRequests: number;
    sourceListings: number;
  };
  planning1000TagsMs: number;
  targets: TargetResult[];
  rows: string[][];
}

/** Writes and pushes the workload into `source`: each image an index of two platforms. */
export async function seedSource(source: TestRegistry, work: string): Promise<void> {
  const bases = ARCHES.map((arch) =>
    blobOf(
      'application/vnd.oci.image.layer.v1.tar+gzip',
      gzipSync(Buffer.concat([Buffer.from(arch), randomBytes(BASE_BYTES)]), { level: 0 }),
    ),
  );
  const client = seedClient(source.host);
  const jobs: { repository: string; tag: string }[] = [];
  for (const repository of benchRepositories()) {
    for (const tag of TAGS) jobs.push({ repository, tag });
  }
  let n = 0;
  for (const { repository, tag } of jobs) {
    const blobs: FixtureBlob[] = [];
    const entries: object[] = [];
    ARCHES.forEach((architecture, i) => {
      const app = blobOf(
        'application/vnd.oci.image.layer.v1.tar+gzip',
        gzipSync(randomBytes(APP_BYTES), { level: 0 }),
      );
      const base = bases[i] as FixtureBlob;
      const config = blobOf(
        'application/vnd.oci.image.config.v1+json',
        Buffer.from(
          JSON.stringify({
            architecture,
            os: 'linux',
            rootfs: { type: 'layers', diff_ids: [digestOf(base.bytes), digestOf(app.bytes)] },
          }),
        ),
      );
      const manifest = imageManifestOf(config, [base, app]);
      blobs.push(manifest, config, base, app);
      entries.push({ ...descriptorOf(manifest), platform: { architecture, os: 'linux' } });
    });
    const index = blobOf(
      'application/vnd.oci.image.index.v1+json',
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: entries,
        }),
      ),
    );
    const dir = join(work, `sync-seed-${n++}`);
    await writeLayout(dir, [index, ...blobs], [descriptorOf(index)]);
    const layout = new OciLayoutSource(dir);
    const [result] = await copyGraph(layout, await loadGraph(layout), [{ client, repository }], {
      tags: [tag],
      // Nothing races the seeding: no second look a second after each tag.
      raceSettleMs: 0,
    });
    if (result?.error) throw result.error;
    await rm(dir, { recursive: true, force: true });
  }
}

/** The workload's sync config: every repository of `sourceHost` into every target. */
export function syncConfigText(sourceHost: string, targetHosts: string[]): string {
  return (
    `targets:\n${targetHosts.map((h, i) => `  t${i}:\n    registry: ${h}\n`).join('')}` +
    `images:\n${benchRepositories()
      .map((repository) => `  - source: ${sourceHost}/${repository}\n`)
      .join('')}`
  );
}

/** oci-push's own client, anonymous, for seeding a bench registry. */
export function seedClient(host: string): RegistryClient {
  return new RegistryClient({
    endpoint: { host },
    send: createTransport({ userAgent: 'oci-push-bench-seed' }),
  });
}

/**
 * The sync action's `node dist/sync/index.js` with `config`, as a runner starts it (start-up
 * included, as skopeo's is): its seconds and its job summary. A failing run throws.
 */
export async function runSyncAction(
  config: string,
  work: string,
): Promise<{ seconds: number; summary: string }> {
  const file = join(work, 'sync.yaml');
  await writeFile(file, config);
  const summary = join(work, 'sync-summary.md');
  await writeFile(summary, '');
  await writeFile(join(work, 'sync-outputs'), '');
  const started = performance.now();
  const run = await runCommand(process.execPath, [join(ROOT, 'dist', 'sync', 'index.js')], {
    env: {
      PATH: process.env.PATH,
      HOME: work,
      RUNNER_TEMP: work,
      DOCKER_CONFIG: work,
      INPUT_CONFIG: file,
      GITHUB_OUTPUT: join(work, 'sync-outputs'),
      GITHUB_STEP_SUMMARY: summary,
    },
  });
  const elapsed = (performance.now() - started) / 1000;
  if (run.code !== 0) throw new Error(`oci-push sync exited ${run.code}:\n${run.stdout}`);
  return { seconds: elapsed, summary: await readFile(summary, 'utf8') };
}

/**
 * `skopeo sync` of every tag of `repositories` at `sourceHost`, once per destination, as
 * retagger runs it: without `--scoped` skopeo writes each repository's last path component
 * under the destination (`HOST/PREFIX/app-0`). The disks are settled and skopeo's blob-info
 * cache removed before each run, so no run profits from the one before; the seconds of each.
 */
export async function runSkopeoSync(
  sourceHost: string,
  repositories: string[],
  destinations: string[],
  work: string,
): Promise<{ seconds: number; perTarget: number[] }> {
  const yaml =
    `${sourceHost}:\n  tls-verify: false\n  images-by-tag-regex:\n` +
    repositories.map((repository) => `    ${repository}: '.*'\n`).join('');
  const file = join(work, 'skopeo-sync.yaml');
  await writeFile(file, yaml);
  const authFile = join(work, 'skopeo-auth.json');
  await writeFile(authFile, '{"auths":{}}');
  const perTarget: number[] = [];
  for (const destination of destinations) {
    await rm(skopeoBlobCache(), { force: true });
    await runCommand('sync', []);
    const started = performance.now();
    const run = await runCommand(
      'skopeo',
      [
        'sync',
        '--all',
        '--src',
        'yaml',
        '--dest',
        'docker',
        '--dest-tls-verify=false',
        file,
        destination,
      ],
      { env: { ...process.env, REGISTRY_AUTH_FILE: authFile } },
    );
    perTarget.push((performance.now() - started) / 1000);
    if (run.code !== 0) throw new Error(`skopeo sync to ${destination} failed:\n${run.stderr}`);
  }
  return { seconds: perTarget.reduce((a, b) => a + b, 0), perTarget };
}

/** Planning 1,000 tags: the filters and newest-N of one image, in process. */
function planThousandTags(): number {
  const tags = Array.from({ length: 1000 }, (_, i) =>
    i % 5 === 0 ? `${i}-${'a'.repeat(40)}` : `${i % 4}.${i % 17}.${i}`,
  );
  const filter = {
    allow: [/^\d+\.\d+\.\d+/],
    deny: [/-rc/],
    semver: parseRange('>=1.0.0', 'masterminds'),
    newest: 3,
    per: 'minor' as const,
  };
  selectTags(tags, filter); // warm-up: semver's first use compiles its regexes
  const started = performance.now();
  selectTags(tags, filter);
  return performance.now() - started;
}

export async function syncBench(
  withRegistries: <T>(count: number, use: (r: TestRegistry[]) => Promise<T>) => Promise<T>,
  work: string,
  say: (line: string) => void,
): Promise<SyncBenchResult> {
  return withRegistries(5, async ([source, a, b, c, d]) => {
    const src = source as TestRegistry;
    const started = performance.now();
    await seedSource(src, work);
    say(
      `sync: source seeded with ${SYNC_REPOSITORIES} × ${SYNC_TAGS} two-platform images in ` +
        seconds((performance.now() - started) / 1000),
    );
    const ours = [a, b] as TestRegistry[];
    const theirs = [c, d] as TestRegistry[];
    // oci-push syncs both targets in one run; skopeo once per target.
    const ociPushSync = (sourceHost: string, targetHosts: string[]) =>
      runSyncAction(syncConfigText(sourceHost, targetHosts), work);
    const skopeoSync = () =>
      runSkopeoSync(
        src.host,
        benchRepositories(),
        theirs.map((r) => r.host),
        work,
      );
    await runCommand('sync', []);
    const fresh = await ociPushSync(
      src.host,
      ours.map((r) => r.host),
    );
    say(`sync: oci-push fresh  ${seconds(fresh.seconds)}`);
    const skopeoFresh = await skopeoSync();
    say(
      `sync: skopeo fresh    ${seconds(skopeoFresh.seconds)} (${skopeoFresh.perTarget.map(seconds).join(' + ')})`,
    );

    // Re-runs: oci-push timed straight to the registries (as skopeo is), then once more
    // through counting proxies in front of the source and both targets, for the requests.
    await runCommand('sync', []);
    const rerun = await ociPushSync(
      src.host,
      ours.map((r) => r.host),
    );
    if (!/: 0 copied, 200 unchanged, 0 drift, 0 failed/.test(rerun.summary)) {
      throw new Error(`oci-push sync re-run did not find everything unchanged:\n${rerun.summary}`);
    }
    say(`sync: oci-push re-run ${seconds(rerun.seconds)}`);
    const proxies = await Promise.all(
      [src, ...ours].map((r) => startFaultProxy(r.host, { plan: faults.none() })),
    );
    try {
      const [sourceProxy, ...targetProxies] = proxies;
      await ociPushSync(
        (sourceProxy as { host: string }).host,
        targetProxies.map((p) => p.host),
      );
      const targetRequests = targetProxies.map((p) => p.requests.length);
      const sourceRequests = sourceProxy?.requests.length ?? 0;
      const sourceListings = sourceProxy?.requests.filter((r) => r.kind === 'tags').length ?? 0;
      say(
        `sync: oci-push re-run requests: source ${sourceRequests} ` +
          `(${sourceListings} listings), targets ${targetRequests.join(' + ')}`,
      );
      const skopeoRerun = await skopeoSync();
      say(`sync: skopeo re-run   ${seconds(skopeoRerun.seconds)}`);
      const planning1000TagsMs = planThousandTags();
      say(`sync: planning 1,000 tags ${planning1000TagsMs.toFixed(1)} ms`);

      const tagCount = SYNC_REPOSITORIES * SYNC_TAGS;
      // The ping (`GET /v2/`) is once per target per run, not per tag: counted apart.
      const perTagPerTarget =
        Math.max(...targetProxies.map((p) => p.requests.filter((r) => r.kind !== 'ping').length)) /
        tagCount;
      const targets = [
        target(
          'sync, fresh (20 × 5 tags, 2 targets)',
          'oci-push / skopeo sync ×2',
          fresh.seconds / skopeoFresh.seconds,
          ratio(fresh.seconds / skopeoFresh.seconds),
          { max: 0.3, text: '≤ 0.30×' },
        ),
        target(
          'sync, re-run, all present',
          'oci-push / skopeo sync ×2',
          rerun.seconds / skopeoRerun.seconds,
          ratio(rerun.seconds / skopeoRerun.seconds),
          { max: 0.1, text: '≤ 0.10×' },
        ),
        target(
          'sync, re-run, all present',
          'target requests per tag per target (+ one ping per run)',
          perTagPerTarget,
          perTagPerTarget.toFixed(2),
          { max: 1, text: '≤ 1 (+ listings, at the source)' },
        ),
        target(
          'sync, planning 1,000 tags',
          'time',
          planning1000TagsMs / 1000,
          `${planning1000TagsMs.toFixed(1)} ms`,
          { max: 1, text: '< 1 s', strict: true },
        ),
      ];
      const rows = [
        ['sync case', 'oci-push', 'skopeo sync, once per target', 'ratio'],
        [
          'fresh',
          seconds(fresh.seconds),
          `${seconds(skopeoFresh.seconds)} (${skopeoFresh.perTarget.map(seconds).join(' + ')})`,
          ratio(fresh.seconds / skopeoFresh.seconds),
        ],
        [
          're-run, all present',
          seconds(rerun.seconds),
          `${seconds(skopeoRerun.seconds)} (${skopeoRerun.perTarget.map(seconds).join(' + ')})`,
          ratio(rerun.seconds / skopeoRerun.seconds),
        ],
      ];
      return {
        fresh: {
          ociPush: fresh.seconds,
          skopeo: skopeoFresh.seconds,
          skopeoPerTarget: skopeoFresh.perTarget,
        },
        rerun: {
          ociPush: rerun.seconds,
          skopeo: skopeoRerun.seconds,
          targetRequests,
          sourceRequests,
          sourceListings,
        },
        planning1000TagsMs,
        targets,
        rows,
      };
    } finally {
      await Promise.all(proxies.map((p) => p.close()));
    }
  });
}

/** Prints the sync case's tables. */
export function printSyncBench(result: SyncBenchResult): void {
  console.log(table(result.rows));
  console.log();
  console.log(
    table([
      ['target', 'measure', 'measured', 'target', 'verdict'],
      ...result.targets.map((t) => [t.case, t.measure, t.display, t.target, t.verdict]),
    ]),
  );
  const tags = SYNC_REPOSITORIES * SYNC_TAGS;
  console.log(
    `re-run requests: source ${result.rerun.sourceRequests} (${result.rerun.sourceListings} tag ` +
      `listings, one HEAD per tag, a ping), targets ${result.rerun.targetRequests.join(' + ')} ` +
      `for ${tags} tags each (one HEAD per tag, a ping)`,
  );
}
