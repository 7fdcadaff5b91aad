/**
 * `npm run bench`: oci-push against skopeo and a curl floor, side by side, in one run.
 *
 * One image (BENCH_MIB of random data in BENCH_LAYERS layers, default 256 MiB in 5) is pushed,
 * in every run, into brand-new empty registries (real docker-registry instances on loopback):
 * - dual push over loopback: oci-push to both registries in one step; skopeo copying to one,
 *   then the other, as a CI job would; and curl uploading every blob to both at once;
 * - dual push over a simulated WAN: each registry behind a throttling TCP proxy (20 ms each
 *   way, 25 MiB/s per connection per direction), for oci-push and skopeo;
 * - a re-push of what is there already, through counting proxies: time and requests;
 * - peak RSS: oci-push's in the dual push, and pushing one layer of BENCH_BIG_MIB (default
 *   4 × BENCH_MIB: 1 GiB) to one registry.
 * The cases alternate within each run; medians over BENCH_RUNS (default 3) are compared with
 * the project's targets and printed as a table, and written to build/bench.json.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { blobDigestOf, faults, startFaultProxy } from '../__tests__/harness/fault-proxy.js';
import { runCommand } from '../__tests__/harness/processes.js';
import { startRegistry, type TestRegistry } from '../__tests__/harness/registry.js';
import { ROOT } from '../__tests__/harness/tools.js';
import {
  type OciPushRun,
  REPOSITORY,
  runCurlFloor,
  runOciPush,
  runSkopeo,
  servedDigest,
  type SkopeoRun,
} from './contenders.js';
import { benchCleanup } from './cleanup.js';
import { type BenchImage, splitSizes, writeBenchImage } from './image.js';
import { mebibytes, median, ratio, seconds, table, target, type TargetResult } from './report.js';
import { printSyncBench, syncBench } from './sync.js';
import { syncProfile } from './sync-profile.js';
import { syncScaleBench } from './sync-scale.js';
import { startThrottleProxy, type ThrottleOptions } from './throttle-proxy.js';

const MIB = 1024 * 1024;
const WAN: ThrottleOptions = { delayMs: 20, bytesPerSecond: 25 * MIB };
const TARGET_MIB = 256;
const TARGET_BIG_MIB = 1024;

interface Config {
  mib: number;
  layers: number;
  bigMib: number;
  runs: number;
}

function readConfig(env: NodeJS.ProcessEnv): Config {
  const number = (name: string, fallback: number, integer = false): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!(value > 0) || (integer && !Number.isInteger(value))) {
      throw new Error(`${name}="${text}" is not a positive ${integer ? 'integer' : 'number'}`);
    }
    return value;
  };
  const mib = number('BENCH_MIB', TARGET_MIB);
  return {
    mib,
    layers: number('BENCH_LAYERS', 5, true),
    bigMib: number('BENCH_BIG_MIB', 4 * mib),
    runs: number('BENCH_RUNS', 3, true),
  };
}

/** Everything started is stopped and removed, on success, failure or Ctrl-C. */
class Resources {
  private readonly closers = new Set<() => Promise<void>>();
  add(close: () => Promise<void>): () => Promise<void> {
    const once = async (): Promise<void> => {
      if (!this.closers.delete(once)) return;
      await close();
    };
    this.closers.add(once);
    return once;
  }
  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.closers].map((close) => close()));
  }
}

const resources = new Resources();

async function withRegistries<T>(
  count: number,
  use: (registries: TestRegistry[]) => Promise<T>,
): Promise<T> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startRegistry('anonymous')),
  );
  const registries = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stops = registries.map((r) => resources.add(() => r.stop()));
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    return await use(registries);
  } finally {
    await Promise.all(stops.map((stop) => stop()));
  }
}

/**
 * Each registry behind its own throttling proxy; `use` gets the proxies' hosts. Every blob
 * byte must have passed a proxy, else the push went around it.
 */
async function withWan<T>(
  registries: TestRegistry[],
  image: BenchImage,
  use: (hosts: string[], connections: () => number) => Promise<T>,
): Promise<T> {
  const proxies = await Promise.all(registries.map((r) => startThrottleProxy(r.host, WAN)));
  const closes = proxies.map((p) => resources.add(() => p.close()));
  try {
    const result = await use(
      proxies.map((p) => p.host),
      () => proxies.reduce((sum, p) => sum + p.connections, 0),
    );
    const short = proxies.find((p) => p.bytesUp < image.blobBytes);
    if (short) {
      throw new Error(
        `only ${short.bytesUp} bytes passed the WAN proxy ${short.host}, less than the image's ` +
          `${image.blobBytes}: the push went around it`,
      );
    }
    return result;
  } finally {
    await Promise.all(closes.map((close) => close()));
  }
}

/** Dirty pages from the last case are written back before the next is timed. */
async function settle(): Promise<void> {
  await runCommand('sync', []);
}

async function expectServed(
  registries: TestRegistry[],
  image: BenchImage,
  who: string,
): Promise<boolean> {
  const served = await Promise.all(registries.map((r) => servedDigest(r.url)));
  if (served.some((d) => d === undefined)) {
    throw new Error(`${who}: a registry does not serve ${REPOSITORY}:1.0.0 after the push`);
  }
  return served.every((d) => d === image.manifest.digest);
}

interface RepushRegistry {
  requests: number;
  byKind: Record<string, number>;
  /** Requests that name one of the image's blobs, per blob. */
  perBlob: Record<string, number>;
  maxPerBlob: number;
}

interface RunRecord {
  loopback: {
    ociPush: OciPushRun;
    skopeo: SkopeoRun & { keptManifest: boolean };
    curl: number;
  };
  wan: {
    ociPush: OciPushRun & { connections: number };
    skopeo: SkopeoRun & { connections: number; keptManifest: boolean };
  };
  repush: { seconds: number; peakRss: number; registries: RepushRegistry[] };
  bigLayer: OciPushRun;
}

async function benchRun(
  index: number,
  config: Config,
  image: BenchImage,
  big: BenchImage,
  work: string,
): Promise<RunRecord> {
  const say = (what: string): void => console.log(`  run ${index}: ${what}`);

  // 1. oci-push, both registries in one step; then the same again through counting proxies.
  const { ociPush, repush } = await withRegistries(2, async (registries) => {
    await settle();
    const ociPush = await runOciPush(
      image,
      registries.map((r) => r.host),
      work,
    );
    if (!(await expectServed(registries, image, 'oci-push'))) {
      throw new Error('oci-push: a registry serves another digest than the image manifest');
    }
    say(`oci-push loopback  ${seconds(ociPush.seconds)}, peak RSS ${mebibytes(ociPush.peakRss)}`);
    const proxies = await Promise.all(
      registries.map((r) => startFaultProxy(r.host, { plan: faults.none() })),
    );
    const closes = proxies.map((p) => resources.add(() => p.close()));
    try {
      const again = await runOciPush(
        image,
        proxies.map((p) => p.host),
        work,
        'unchanged',
      );
      const blobs = new Set(image.blobs.map((b) => b.digest));
      const counted = proxies.map((proxy): RepushRegistry => {
        const byKind: Record<string, number> = {};
        const perBlob: Record<string, number> = {};
        for (const r of proxy.requests) {
          const kind = `${r.method} ${r.kind}`;
          byKind[kind] = (byKind[kind] ?? 0) + 1;
          const digest = blobDigestOf(r);
          if (digest && blobs.has(digest)) perBlob[digest] = (perBlob[digest] ?? 0) + 1;
        }
        return {
          requests: proxy.requests.length,
          byKind,
          perBlob,
          maxPerBlob: Math.max(0, ...Object.values(perBlob)),
        };
      });
      say(
        `oci-push re-push   ${seconds(again.seconds)}, ` +
          `${counted.map((c) => c.requests).join(' + ')} requests`,
      );
      return {
        ociPush,
        repush: { seconds: again.seconds, peakRss: again.peakRss, registries: counted },
      };
    } finally {
      await Promise.all(closes.map((close) => close()));
    }
  });

  // 2. skopeo, one copy per registry, one after the other.
  const skopeo = await withRegistries(2, async (registries) => {
    await settle();
    const run = await runSkopeo(
      image,
      registries.map((r) => r.host),
      work,
    );
    const keptManifest = await expectServed(registries, image, 'skopeo');
    say(`skopeo loopback    ${seconds(run.seconds)} (${run.perCopy.map(seconds).join(' + ')})`);
    return { ...run, keptManifest };
  });

  // 3. The curl floor: every blob to both registries at once.
  const curl = await withRegistries(2, async (registries) => {
    await settle();
    const s = await runCurlFloor(
      image.blobs,
      registries.map((r) => r.host),
    );
    say(`curl floor         ${seconds(s)}`);
    return s;
  });

  // 4. and 5. The same over the simulated WAN.
  const wanOciPush = await withRegistries(2, (registries) =>
    withWan(registries, image, async (hosts, connections) => {
      await settle();
      const run = await runOciPush(image, hosts, work);
      if (!(await expectServed(registries, image, 'oci-push (WAN)'))) {
        throw new Error('oci-push (WAN): a registry serves another digest than the image');
      }
      say(`oci-push WAN       ${seconds(run.seconds)}, ${connections()} connections`);
      return { ...run, connections: connections() };
    }),
  );
  const wanSkopeo = await withRegistries(2, (registries) =>
    withWan(registries, image, async (hosts, connections) => {
      await settle();
      const run = await runSkopeo(image, hosts, work);
      const keptManifest = await expectServed(registries, image, 'skopeo (WAN)');
      say(
        `skopeo WAN         ${seconds(run.seconds)} (${run.perCopy.map(seconds).join(' + ')}), ` +
          `${connections()} connections`,
      );
      return { ...run, connections: connections(), keptManifest };
    }),
  );

  // 6. Memory: one big layer to one registry.
  const bigLayer = await withRegistries(1, async (registries) => {
    await settle();
    const run = await runOciPush(
      big,
      registries.map((r) => r.host),
      work,
    );
    say(
      `oci-push ${config.bigMib} MiB layer ${seconds(run.seconds)}, peak RSS ${mebibytes(run.peakRss)}`,
    );
    return run;
  });

  return {
    loopback: { ociPush, skopeo, curl },
    wan: { ociPush: wanOciPush, skopeo: wanSkopeo },
    repush,
    bigLayer,
  };
}

/** The throttle proxy's own check: one round trip ≈ 40 ms, 50 MiB on one connection ≈ 2 s. */
async function calibrateWan(): Promise<{ roundTripMs: number; blob50MiBSeconds: number }> {
  return withRegistries(1, async ([registry]) => {
    const proxy = await startThrottleProxy((registry as TestRegistry).host, WAN);
    const close = resources.add(() => proxy.close());
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const base = `http://${proxy.host}/v2/`;
      await httpRequest(agent, 'GET', base); // opens the connection
      let started = performance.now();
      await httpRequest(agent, 'GET', base);
      const roundTripMs = performance.now() - started;
      const body = randomBytes(50 * MIB);
      started = performance.now();
      const post = await httpRequest(agent, 'POST', `${base}${REPOSITORY}/blobs/uploads/`);
      // Distribution builds absolute Locations from Host, which is the proxy's: uploads must
      // come back through the proxy, or the WAN cases would measure loopback.
      const url = new URL(String(post.headers.location), base);
      if (url.host !== proxy.host) {
        throw new Error(`the registry's Location ${url.href} bypasses the WAN proxy`);
      }
      url.searchParams.set('digest', `sha256:${createHash('sha256').update(body).digest('hex')}`);
      const put = await httpRequest(agent, 'PUT', url.href, body);
      if (put.status !== 201) throw new Error(`calibration upload answered ${put.status}`);
      return { roundTripMs, blob50MiBSeconds: (performance.now() - started) / 1000 };
    } finally {
      agent.destroy();
      await close();
    }
  });
}

function httpRequest(
  agent: http.Agent,
  method: string,
  url: string,
  body?: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method,
      agent,
      headers: { 'content-length': String(body?.length ?? 0) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function versions(): Promise<Record<string, string>> {
  const first = async (file: string, args: string[]): Promise<string> =>
    (await runCommand(file, args)).stdout.split('\n')[0]?.trim() ?? '';
  const [registry, skopeo, curl, commit, dirty] = await Promise.all([
    first('docker-registry', ['--version']),
    first('skopeo', ['--version']),
    first('curl', ['--version']),
    first('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    runCommand('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src']),
  ]);
  return {
    node: process.version,
    registry,
    skopeo,
    curl: curl.split(' ').slice(0, 2).join(' '),
    commit: `${commit}${dirty.stdout.trim() ? ' (src/ has uncommitted changes)' : ''}`,
  };
}

function summarize(
  config: Config,
  runs: RunRecord[],
): { rows: string[][]; targets: TargetResult[]; medians: Record<string, number> } {
  const m = (pick: (r: RunRecord) => number): number => median(runs.map(pick));
  const medians = {
    loopbackOciPush: m((r) => r.loopback.ociPush.seconds),
    loopbackSkopeo: m((r) => r.loopback.skopeo.seconds),
    loopbackCurl: m((r) => r.loopback.curl),
    wanOciPush: m((r) => r.wan.ociPush.seconds),
    wanSkopeo: m((r) => r.wan.skopeo.seconds),
    repush: m((r) => r.repush.seconds),
    dualPeakRss: m((r) => r.loopback.ociPush.peakRss),
    bigPeakRss: m((r) => r.bigLayer.peakRss),
    bigSeconds: m((r) => r.bigLayer.seconds),
    repushRequests: Math.max(...runs.flatMap((r) => r.repush.registries.map((g) => g.requests))),
    repushMaxPerBlob: Math.max(
      ...runs.flatMap((r) => r.repush.registries.map((g) => g.maxPerBlob)),
    ),
  };
  const skopeoRss = runs.flatMap((r) =>
    r.loopback.skopeo.peakRss === undefined ? [] : [r.loopback.skopeo.peakRss],
  );
  const small = config.mib !== TARGET_MIB;
  const per = (pick: (r: RunRecord) => number, format: (n: number) => string): string =>
    runs.map((r) => format(pick(r))).join(', ');
  const rows = [
    ['case (medians)', 'oci-push', 'skopeo, 2 copies', 'curl floor', 'oci-push per run'],
    [
      'dual push, fresh, loopback',
      seconds(medians.loopbackOciPush),
      seconds(medians.loopbackSkopeo),
      seconds(medians.loopbackCurl),
      per(
        (r) => r.loopback.ociPush.seconds,
        (n) => n.toFixed(2),
      ),
    ],
    [
      `dual push, fresh, WAN (${2 * WAN.delayMs} ms RTT, ${WAN.bytesPerSecond / MIB} MiB/s/conn)`,
      seconds(medians.wanOciPush),
      seconds(medians.wanSkopeo),
      '',
      per(
        (r) => r.wan.ociPush.seconds,
        (n) => n.toFixed(2),
      ),
    ],
    [
      're-push, nothing to upload',
      seconds(medians.repush),
      '',
      '',
      per(
        (r) => r.repush.seconds,
        (n) => n.toFixed(2),
      ),
    ],
    [
      'peak RSS, dual push (loopback)',
      mebibytes(medians.dualPeakRss),
      skopeoRss.length ? `${mebibytes(median(skopeoRss))} (per copy)` : '',
      '',
      per((r) => r.loopback.ociPush.peakRss, mebibytes),
    ],
    [
      'peak RSS, re-push (uploads nothing)',
      mebibytes(m((r) => r.repush.peakRss)),
      '',
      '',
      per((r) => r.repush.peakRss, mebibytes),
    ],
    [
      `peak RSS, one ${config.bigMib} MiB layer, one registry`,
      mebibytes(medians.bigPeakRss),
      '',
      '',
      per((r) => r.bigLayer.peakRss, mebibytes),
    ],
  ];
  const targets = [
    target(
      'dual push, fresh, loopback',
      'oci-push / skopeo',
      medians.loopbackOciPush / medians.loopbackSkopeo,
      ratio(medians.loopbackOciPush / medians.loopbackSkopeo),
      { max: 0.8, text: '≤ 0.80×' },
      small,
    ),
    target(
      'dual push, fresh, loopback',
      'oci-push / curl floor',
      medians.loopbackOciPush / medians.loopbackCurl,
      ratio(medians.loopbackOciPush / medians.loopbackCurl),
      { max: 1.15, text: '≤ 1.15×' },
      small,
    ),
    target(
      'dual push, fresh, WAN',
      'oci-push / skopeo',
      medians.wanOciPush / medians.wanSkopeo,
      ratio(medians.wanOciPush / medians.wanSkopeo),
      { max: 0.2, text: '≤ 0.20×' },
      small,
    ),
    target('re-push, nothing to upload', 'time', medians.repush, seconds(medians.repush), {
      max: 1,
      text: '< 1 s',
      strict: true,
    }),
    target(
      're-push, nothing to upload',
      'requests per blob per registry (max)',
      medians.repushMaxPerBlob,
      String(medians.repushMaxPerBlob),
      { max: 1, text: '≤ 1' },
    ),
    target(
      `peak RSS pushing a ${config.bigMib} MiB layer`,
      'peak RSS',
      medians.bigPeakRss,
      mebibytes(medians.bigPeakRss),
      { max: 150 * MIB, text: '≤ 150 MiB' },
      config.bigMib !== TARGET_BIG_MIB,
    ),
  ];
  return { rows, targets, medians };
}

/** The cleanup case: BENCH_CLEANUP_MANIFESTS (default 2,000) on a Basic-limit ACR. */
async function cleanupCase(): Promise<Awaited<ReturnType<typeof benchCleanup>>> {
  const count = Number(process.env.BENCH_CLEANUP_MANIFESTS || 2000);
  console.log(`cleanup: planning ${count} manifests on a Basic-limit ACR emulator (dry run)`);
  const result = await benchCleanup(count, 'Basic');
  console.log(
    table([
      ['case', 'manifests', 'time', 'planned per minute', 'requests per manifest', '429s'],
      [
        'cleanup plan, Basic',
        String(result.manifests),
        seconds(result.seconds),
        result.plannedPerMinute.toFixed(0),
        result.requestsPerManifest.toFixed(3),
        String(result.throttled),
      ],
    ]),
  );
  return result;
}

async function main(): Promise<void> {
  // BENCH_ONLY=cleanup runs the cleanup case alone; by default it runs after the pushes.
  if (process.env.BENCH_ONLY === 'cleanup') {
    const cleanup = await cleanupCase();
    await mkdir(join(ROOT, 'build'), { recursive: true });
    await writeFile(
      join(ROOT, 'build', 'bench-cleanup.json'),
      `${JSON.stringify({ when: new Date().toISOString(), cleanup }, null, 2)}\n`,
    );
    return;
  }
  const config = readConfig(process.env);
  const work = await mkdtemp(join(tmpdir(), 'oci-push-bench-'));
  resources.add(() => rm(work, { recursive: true, force: true }));
  const interrupt = (signal: NodeJS.Signals): void => {
    console.error(`\nbench: ${signal}, cleaning up`);
    void resources.closeAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  const tools = await versions();
  const loadBefore = loadavg()[0]?.toFixed(2);
  console.log(
    `oci-push bench: node ${tools.node}, ${tools.registry}, ${tools.skopeo}, ${tools.curl}, ` +
      `oci-push ${tools.commit}`,
  );
  // BENCH_ONLY=sync runs the sync case alone (it also runs after the push cases).
  if (process.env.BENCH_ONLY === 'sync') {
    await runSyncCase(work);
    return;
  }
  // BENCH_ONLY=sync-rerun, sync-plan: the sync at scale (bench/sync-scale.ts), alone.
  if (process.env.BENCH_ONLY === 'sync-rerun' || process.env.BENCH_ONLY === 'sync-plan') {
    await runSyncScaleCase(work, process.env.BENCH_ONLY);
    return;
  }
  // BENCH_ONLY=sync-profile: where the sync case's time goes (bench/sync-profile.ts).
  if (process.env.BENCH_ONLY === 'sync-profile') {
    await syncProfile(withRegistries, work, (line) => console.log(`  ${line}`));
    return;
  }
  let started = performance.now();
  const image = await writeBenchImage(
    join(work, 'image'),
    splitSizes(Math.round(config.mib * MIB), config.layers),
  );
  const big = await writeBenchImage(join(work, 'big'), [Math.round(config.bigMib * MIB)]);
  console.log(
    `images: ${config.layers} layers, ${mebibytes(image.blobBytes)} of blobs in all ` +
      `(${image.layers.map((l) => (l.size / MIB).toFixed(1)).join(' + ')} MiB + a config), ` +
      `and one ${config.bigMib} MiB layer; written in ${seconds((performance.now() - started) / 1000)}`,
  );

  const calibration = await calibrateWan();
  console.log(
    `WAN proxy check: one round trip ${calibration.roundTripMs.toFixed(0)} ms (target ` +
      `${2 * WAN.delayMs}), 50 MiB on one connection ${seconds(calibration.blob50MiBSeconds)} ` +
      `(target about 2-3 s)`,
  );

  const runs: RunRecord[] = [];
  started = performance.now();
  for (let i = 1; i <= config.runs; i++) {
    console.log(`run ${i} of ${config.runs}`);
    runs.push(await benchRun(i, config, image, big, work));
  }
  const { rows, targets, medians } = summarize(config, runs);

  console.log(
    `\nResults: ${config.runs} run(s) in ${seconds((performance.now() - started) / 1000)}, ` +
      `${mebibytes(image.blobBytes)} image (${config.layers} layers)\n`,
  );
  console.log(table(rows));
  console.log();
  console.log(
    table([
      ['target', 'measure', 'measured', 'target', 'verdict'],
      ...targets.map((t) => [
        t.case,
        t.measure,
        t.display,
        t.target,
        t.indicative ? `${t.verdict}*` : t.verdict,
      ]),
    ]),
  );
  if (targets.some((t) => t.indicative)) {
    console.log(
      `* measured at other sizes than the target's (${TARGET_MIB} MiB image, ` +
        `${TARGET_BIG_MIB} MiB layer): indicative only`,
    );
  }
  const last = runs.at(-1) as RunRecord;
  console.log(
    `\nre-push requests per registry (last run; no token server, the registries are anonymous):`,
  );
  for (const [i, r] of last.repush.registries.entries()) {
    const kinds = Object.entries(r.byKind)
      .map(([kind, n]) => `${kind} ×${n}`)
      .join(', ');
    console.log(`  registry ${i + 1}: ${r.requests} (${kinds}); max per blob ${r.maxPerBlob}`);
  }
  console.log(
    `WAN connections opened (last run): oci-push ${last.wan.ociPush.connections}, ` +
      `skopeo ${last.wan.skopeo.connections}`,
  );
  if (runs.some((r) => !r.loopback.skopeo.keptManifest || !r.wan.skopeo.keptManifest)) {
    console.log(
      'WARNING: skopeo stored another manifest digest than the source (it rewrote the image)',
    );
  }

  console.log(
    [
      '\nHow to read this:',
      '- skopeo copies to one registry, then the other, with its blob-info cache deleted before',
      '  each copy; the curl floor sends every blob to both registries at once and pushes no',
      '  manifests; oci-push is `node dist/index.js`, process start included.',
      '- Layers are gzip level 0 ("stored") streams of random bytes: incompressible, and valid',
      '  for their media type, so no tool recompresses them.',
      `- WAN: a TCP proxy per registry, ${WAN.delayMs} ms each way, ${WAN.bytesPerSecond / MIB} MiB/s`,
      '  per connection per direction, plain HTTP (no TLS handshakes). The cap is per connection,',
      '  not per link: parallel uploads each get the full rate, as a shared real link would not.',
      `- Load average ${loadBefore} before, ${loadavg()[0]?.toFixed(2)} after: other work on the`,
      '  machine shows in every figure.',
    ].join('\n'),
  );

  const report = {
    when: new Date().toISOString(),
    tools,
    config: {
      ...config,
      layerSizes: image.layers.map((l) => l.size),
      blobBytes: image.blobBytes,
      wan: WAN,
    },
    calibration,
    cleanup: await cleanupCase(),
    loadAverage: { before: Number(loadBefore), after: loadavg()[0] },
    medians,
    targets,
    runs,
  };
  await mkdir(join(ROOT, 'build'), { recursive: true });
  await writeFile(join(ROOT, 'build', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten to build/bench.json`);
  await runSyncCase(work);
}

async function runSyncCase(work: string): Promise<void> {
  console.log('\nsync: 20 repositories × 5 tags, one source into two targets');
  const result = await syncBench(withRegistries, work, (line) => console.log(`  ${line}`));
  console.log();
  printSyncBench(result);
  await mkdir(join(ROOT, 'build'), { recursive: true });
  await writeFile(
    join(ROOT, 'build', 'bench-sync.json'),
    `${JSON.stringify({ when: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
  console.log('written to build/bench-sync.json');
  await runSyncScaleCase(work);
}

async function runSyncScaleCase(work: string, only?: 'sync-rerun' | 'sync-plan'): Promise<void> {
  console.log('\nsync at scale: a no-change re-run of 50 × 40 × 2, planning 500 repositories');
  const result = await syncScaleBench(
    withRegistries,
    work,
    (line) => console.log(`  ${line}`),
    only,
  );
  await mkdir(join(ROOT, 'build'), { recursive: true });
  await writeFile(
    join(ROOT, 'build', 'bench-sync-scale.json'),
    `${JSON.stringify({ when: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
  console.log('written to build/bench-sync-scale.json');
}

try {
  await main();
} catch (error) {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  process.exitCode = 1;
} finally {
  await resources.closeAll();
}
