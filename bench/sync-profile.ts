/**
 * `BENCH_ONLY=sync-profile npm run bench`: where the sync case's time goes. It seeds the
 * sync workload (`bench/sync.ts`) into one source, syncs it in process into two empty
 * targets with a transport that times every request by kind, and prints the requests per
 * kind, the CPU each registry process and oci-push used, and how busy the machine was; then
 * three re-runs of `node dist/sync/index.js`, as the bench times them. A diagnosis aid for
 * the sync targets in bench/README.md, not a benchmark: nothing is compared.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { TestRegistry } from '../__tests__/harness/registry.js';
import { runSyncPlan } from '../src/engine/sync.js';
import { parseSyncConfigText } from '../src/jobs/sync-config.js';
import type { Send } from '../src/registry/http.js';
import { createRegistryTransport } from '../src/registry/retry.js';
import { runSyncAction, seedSource, syncConfigText } from './sync.js';

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds the whole machine has been busy. */
function machineBusySeconds(): number {
  return cpus().reduce((sum, c) => sum + c.times.user + c.times.sys, 0) / 1000;
}

/** `src GET blob`, `tgt HEAD manifest:tag` and the like. */
function kindOf(url: URL, method: string, sourceHost: string): string {
  const path = url.pathname;
  const reference = path.split('/').pop() ?? '';
  const what = /\/manifests\//.test(path)
    ? `manifest:${reference.startsWith('sha256:') ? 'digest' : reference.startsWith('sha256-') ? 'fallback tag' : 'tag'}`
    : (/\/(blobs\/uploads|blobs|tags|referrers)\//.exec(path)?.[1] ?? path);
  return `${url.host === sourceHost ? 'source' : 'target'} ${method} ${what}`;
}

export async function syncProfile(
  withRegistries: <T>(count: number, use: (r: TestRegistry[]) => Promise<T>) => Promise<T>,
  work: string,
  say: (line: string) => void,
): Promise<void> {
  await withRegistries(3, async ([source, a, b]) => {
    const registries = [source, a, b] as TestRegistry[];
    const src = source as TestRegistry;
    await seedSource(src, work);
    const inner = createRegistryTransport({ userAgent: 'oci-push-bench-profile' });
    const kinds = new Map<string, { count: number; ms: number }>();
    const send: Send = async (request) => {
      const started = performance.now();
      try {
        return await inner(request);
      } finally {
        const kind = kindOf(request.url, request.method, src.host);
        const entry = kinds.get(kind) ?? { count: 0, ms: 0 };
        entry.count++;
        entry.ms += performance.now() - started;
        kinds.set(kind, entry);
      }
    };
    const hosts = [a, b].map((r) => (r as TestRegistry).host);
    const config = await parseSyncConfigText(syncConfigText(src.host, hosts), 'the profile');
    const registryCpu = registries.map((r) => cpuSeconds(r.pid));
    const ownCpu = process.cpuUsage();
    const busy = machineBusySeconds();
    const started = performance.now();
    await runSyncPlan(
      config,
      {},
      {
        userAgent: 'oci-push-bench-profile',
        log: { debug: () => undefined, info: () => undefined, warning: say },
        onSecret: () => undefined,
        credentialFor: () => undefined,
        send,
      },
    );
    const wall = (performance.now() - started) / 1000;
    const own = process.cpuUsage(ownCpu);
    say(`fresh sync in process: ${wall.toFixed(2)} s`);
    say(
      `CPU: oci-push ${((own.user + own.system) / 1e6).toFixed(1)} s; registries (source, a, b) ` +
        registries
          .map((r, i) => (cpuSeconds(r.pid) - (registryCpu[i] ?? 0)).toFixed(1))
          .join(', ') +
        ` s; the machine busy ${(machineBusySeconds() - busy).toFixed(1)} s of ` +
        `${(wall * cpus().length).toFixed(1)} s`,
    );
    for (const [kind, { count, ms }] of [...kinds].sort((x, y) => y[1].ms - x[1].ms)) {
      say(
        `  ${kind.padEnd(36)} ${String(count).padStart(5)} requests, ${(ms / count).toFixed(1)} ms each`,
      );
    }

    for (let run = 1; run <= 3; run++) {
      const before = machineBusySeconds();
      const { seconds } = await runSyncAction(syncConfigText(src.host, hosts), work);
      say(
        `re-run ${run}: ${seconds.toFixed(2)} s, ` +
          `the machine busy ${(machineBusySeconds() - before).toFixed(2)} s`,
      );
    }
  });
}
