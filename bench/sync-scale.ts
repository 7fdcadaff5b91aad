/**
 * The sync at Giant Swarm's scale (issue #21), two cases:
 *
 * - `sync-rerun`: a no-change re-run of 50 repositories × 40 release tags into 2 targets,
 *   oci-push (`node dist/sync/index.js`, start-up included) against `skopeo sync` (once per
 *   target, as retagger runs it), with the requests each registry saw. Target: requests ≤
 *   repositories × (1 + targets) + floating tags (no floating tag here), ≤ 0.05× skopeo's time.
 * - `sync-plan`: planning a discovered registry of 500 repositories and 20,000 tags (catalog,
 *   every listing, the selection, the write check; nothing copied), in a child process for its
 *   peak RSS. Target: < 5 s, < 150 MiB.
 *
 * Registries are real docker-registry instances on loopback, anonymous. The 20,000 tags of the
 * plan case are written into the registry's storage as Distribution lays tags out (a link per
 * tag), so seeding takes seconds; the registry itself serves the catalog and the listings.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { faults, startFaultProxy } from '../__tests__/harness/fault-proxy.js';
import { makeOciLayout } from '../__tests__/harness/fixtures.js';
import { runCommand } from '../__tests__/harness/processes.js';
import type { TestRegistry } from '../__tests__/harness/registry.js';
import { ROOT } from '../__tests__/harness/tools.js';
import { copyGraph, loadGraph } from '../src/engine/copy.js';
import { OciLayoutSource } from '../src/source/oci-layout.js';
import { ratio, seconds, table, target, type TargetResult } from './report.js';
import { runSkopeoSync, runSyncAction, seedClient } from './sync.js';

const RERUN_REPOSITORIES = 50;
const RERUN_TAGS = 40;
const PLAN_REPOSITORIES = 500;
const PLAN_TAGS = 40;

type WithRegistries = <T>(count: number, use: (r: TestRegistry[]) => Promise<T>) => Promise<T>;

export interface SyncScaleResult {
  rerun?: {
    ociPush: number;
    skopeo: number;
    skopeoPerTarget: number[];
    requests: { source: number; targets: number[]; byKind: Record<string, number> };
    bound: number;
  };
  plan?: { ms: number; peakRssMiB: number; images: number; tags: number };
  targets: TargetResult[];
}

const releaseTags = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${Math.floor(i / 10) + 1}.${i % 10}.0`);

/** The re-run case's repositories, `scale/app-0` on. */
const rerunRepositories = (): string[] =>
  Array.from({ length: RERUN_REPOSITORIES }, (_, r) => `scale/app-${r}`);

function rerunConfig(sourceHost: string, targetHosts: string[]): string {
  return (
    `version: 1\ntargets:\n${targetHosts.map((h, i) => `  t${i}:\n    registry: ${h}\n`).join('')}` +
    `images:\n${rerunRepositories()
      .map((repository) => `  - source: ${sourceHost}/${repository}\n`)
      .join('')}`
  );
}

export async function syncRerunCase(
  withRegistries: WithRegistries,
  work: string,
  say: (line: string) => void,
): Promise<NonNullable<SyncScaleResult['rerun']>> {
  return withRegistries(3, async ([source, a, b]) => {
    const registries = [source, a, b] as TestRegistry[];
    const started = performance.now();
    const tags = releaseTags(RERUN_TAGS);
    for (const [r, repository] of rerunRepositories().entries()) {
      const layout = await makeOciLayout(join(work, `scale-${r}`), {
        layerContents: [randomBytes(1024)],
      });
      const src = new OciLayoutSource(layout.dir);
      const results = await copyGraph(
        src,
        await loadGraph(src),
        registries.map((reg) => ({ client: seedClient(reg.host), repository })),
        { tags, raceSettleMs: 0 },
      );
      for (const result of results) if (result.error) throw result.error;
      await rm(layout.dir, { recursive: true, force: true });
    }
    say(
      `sync-rerun: ${RERUN_REPOSITORIES} × ${RERUN_TAGS} tags in the source and both targets, ` +
        `seeded in ${seconds((performance.now() - started) / 1000)}`,
    );
    const targetHosts = [a, b].map((r) => (r as TestRegistry).host);
    const config = rerunConfig((source as TestRegistry).host, targetHosts);
    await runCommand('sync', []);
    const ours = await runSyncAction(config, work);
    if (!/: 0 copied, 4000 unchanged, 0 drift, 0 failed/.test(ours.summary)) {
      throw new Error(`the re-run did not find everything unchanged:\n${ours.summary}`);
    }
    say(`sync-rerun: oci-push ${seconds(ours.seconds)}`);

    const proxies = await Promise.all(
      registries.map((r) => startFaultProxy(r.host, { plan: faults.none() })),
    );
    let requests: NonNullable<SyncScaleResult['rerun']>['requests'];
    try {
      const [sp, ...tps] = proxies as [(typeof proxies)[0], ...typeof proxies];
      await runSyncAction(
        rerunConfig(
          sp.host,
          tps.map((p) => p.host),
        ),
        work,
      );
      const byKind: Record<string, number> = {};
      for (const p of proxies) {
        for (const r of p.requests)
          byKind[`${r.method} ${r.kind}`] = (byKind[`${r.method} ${r.kind}`] ?? 0) + 1;
      }
      requests = {
        source: sp.requests.length,
        targets: tps.map((p) => p.requests.length),
        byKind,
      };
    } finally {
      await Promise.all(proxies.map((p) => p.close()));
    }
    say(
      `sync-rerun: requests: source ${requests.source}, targets ${requests.targets.join(' + ')} ` +
        `(${Object.entries(requests.byKind)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')})`,
    );

    // skopeo sync, once per target, into the same targets (identical content: nothing to
    // copy): `HOST/scale` + `app-N` is where oci-push put each repository.
    const { seconds: skopeo, perTarget } = await runSkopeoSync(
      (source as TestRegistry).host,
      rerunRepositories(),
      targetHosts.map((host) => `${host}/scale`),
      work,
    );
    say(`sync-rerun: skopeo ${seconds(skopeo)} (${perTarget.map(seconds).join(' + ')})`);
    return {
      ociPush: ours.seconds,
      skopeo,
      skopeoPerTarget: perTarget,
      requests,
      bound: RERUN_REPOSITORIES * (1 + targetHosts.length),
    };
  });
}

/**
 * Lays out `PLAN_REPOSITORIES` repositories of `PLAN_TAGS` tags each in the registry's storage,
 * all naming one image pushed through the API (Distribution's layout: a revision link and a
 * layer link per repository, a `current` and an `index` link per tag).
 */
async function seedPlanRegistry(registry: TestRegistry, work: string): Promise<void> {
  const layout = await makeOciLayout(join(work, 'plan-seed'), {
    layerContents: [randomBytes(512)],
  });
  const src = new OciLayoutSource(layout.dir);
  const [result] = await copyGraph(
    src,
    await loadGraph(src),
    [{ client: seedClient(registry.host), repository: 'seed/one' }],
    {
      tags: ['0.0.1'],
      raceSettleMs: 0,
    },
  );
  if (result?.error) throw result.error;
  const root = join(registry.dir, 'data', 'docker', 'registry', 'v2', 'repositories');
  const manifestHex = layout.manifest.digest.slice('sha256:'.length);
  const layers = await readdir(join(root, 'seed', 'one', '_layers', 'sha256'));
  const link = async (path: string, digestHex: string): Promise<void> => {
    await mkdir(path, { recursive: true });
    await writeFile(join(path, 'link'), `sha256:${digestHex}`);
  };
  const tags = releaseTags(PLAN_TAGS);
  for (let r = 0; r < PLAN_REPOSITORIES; r++) {
    const repo = join(root, 'plan', `app-${String(r).padStart(3, '0')}`);
    for (const hex of layers) await link(join(repo, '_layers', 'sha256', hex), hex);
    await link(join(repo, '_manifests', 'revisions', 'sha256', manifestHex), manifestHex);
    await Promise.all(
      tags.map(async (tag) => {
        await link(join(repo, '_manifests', 'tags', tag, 'current'), manifestHex);
        await link(
          join(repo, '_manifests', 'tags', tag, 'index', 'sha256', manifestHex),
          manifestHex,
        );
      }),
    );
  }
}

export async function syncPlanCase(
  withRegistries: WithRegistries,
  work: string,
  say: (line: string) => void,
): Promise<NonNullable<SyncScaleResult['plan']>> {
  return withRegistries(2, async ([source, target]) => {
    const started = performance.now();
    await seedPlanRegistry(source as TestRegistry, work);
    say(
      `sync-plan: ${PLAN_REPOSITORIES} repositories × ${PLAN_TAGS} tags laid out in ` +
        seconds((performance.now() - started) / 1000),
    );
    const config = join(work, 'plan.yaml');
    await writeFile(
      config,
      `version: 1\ntargets:\n  t:\n    registry: ${(target as TestRegistry).host}\n` +
        `images:\n  - source: ${(source as TestRegistry).host}/plan/*\n    tags: { semver: '>= 1.0', newest: 30 }\n`,
    );
    const rssFile = join(work, 'plan-rss');
    await runCommand('sync', []);
    const run = await runCommand(
      process.execPath,
      [
        '--import',
        join(ROOT, 'bench', 'rss-probe.mjs'),
        join(ROOT, 'build', 'bench', 'sync-plan-probe.js'),
        config,
      ],
      { env: { PATH: process.env.PATH, BENCH_RSS_FILE: rssFile } },
    );
    if (run.code !== 0) throw new Error(`the plan probe failed:\n${run.stderr}`);
    const probe = JSON.parse(run.stdout) as {
      ms: number;
      images: number;
      tags: number;
      failed: number;
    };
    if (probe.images !== PLAN_REPOSITORIES || probe.failed !== 0) {
      throw new Error(`the plan probe planned ${run.stdout}`);
    }
    const peakRssMiB = Number(await readFile(rssFile, 'utf8')) / 1024;
    say(
      `sync-plan: ${probe.images} repositories, ${probe.tags} tags selected, planned in ` +
        `${(probe.ms / 1000).toFixed(2)} s, peak RSS ${peakRssMiB.toFixed(0)} MiB`,
    );
    return { ms: probe.ms, peakRssMiB, images: probe.images, tags: probe.tags };
  });
}

export async function syncScaleBench(
  withRegistries: WithRegistries,
  work: string,
  say: (line: string) => void,
  only?: 'sync-rerun' | 'sync-plan',
): Promise<SyncScaleResult> {
  const result: SyncScaleResult = { targets: [] };
  if (only !== 'sync-plan') {
    const rerun = await syncRerunCase(withRegistries, work, say);
    result.rerun = rerun;
    const total = rerun.requests.source + rerun.requests.targets.reduce((x, y) => x + y, 0);
    const pings = rerun.requests.byKind['GET ping'] ?? 0;
    result.targets.push(
      target(
        'sync, no-change re-run (50 × 40 tags, 2 targets)',
        'oci-push / skopeo sync ×2',
        rerun.ociPush / rerun.skopeo,
        ratio(rerun.ociPush / rerun.skopeo),
        { max: 0.05, text: '≤ 0.05×' },
      ),
      target(
        'sync, no-change re-run (50 × 40 tags, 2 targets)',
        'requests, all registries (one GET /v2/ per registry apart)',
        total - pings,
        `${total - pings} + ${pings} pings`,
        { max: rerun.bound, text: `≤ ${rerun.bound} (50 × (1 + 2))` },
      ),
    );
  }
  if (only !== 'sync-rerun') {
    const plan = await syncPlanCase(withRegistries, work, say);
    result.plan = plan;
    result.targets.push(
      target(
        'sync, planning 500 repositories / 20,000 tags',
        'time',
        plan.ms / 1000,
        `${(plan.ms / 1000).toFixed(2)} s`,
        {
          max: 5,
          text: '< 5 s',
          strict: true,
        },
      ),
      target(
        'sync, planning 500 repositories / 20,000 tags',
        'peak RSS',
        plan.peakRssMiB,
        `${plan.peakRssMiB.toFixed(0)} MiB`,
        {
          max: 150,
          text: '< 150 MiB',
          strict: true,
        },
      ),
    );
  }
  console.log(
    table([
      ['target', 'measure', 'measured', 'target', 'verdict'],
      ...result.targets.map((t) => [t.case, t.measure, t.display, t.target, t.verdict]),
    ]),
  );
  return result;
}
