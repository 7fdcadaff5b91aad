import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DIST_INDEX, parseOutputFile } from '../__tests__/harness/action.js';
import { runCommand } from '../__tests__/harness/processes.js';
import { ROOT } from '../__tests__/harness/tools.js';
import type { BenchBlob, BenchImage } from './image.js';

/** The three ways the bench pushes the same image, each as its users run it. */

export const REPOSITORY = 'bench/image';
export const VERSION = '1.0.0';

const RSS_PROBE = pathToFileURL(join(ROOT, 'bench', 'rss-probe.mjs')).href;
/** Long enough for a 1 GiB layer through a throttled link. */
const TIMEOUT_MS = 30 * 60_000;

export interface OciPushRun {
  seconds: number;
  /** Peak RSS of the action's node process (getrusage), in bytes. */
  peakRss: number;
  /** The action's `result` output, per registry. */
  results: { registry: string; status: string; blobs: Record<string, number>; bytes: number }[];
}

/**
 * `node dist/index.js` as a runner starts it: `INPUT_*` variables, an event payload,
 * `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY`, a release `version` to every host in
 * `registries`. Peak RSS comes from a preload that reports it when the process exits.
 */
export async function runOciPush(
  image: BenchImage,
  hosts: string[],
  workDir: string,
  expected: 'pushed' | 'unchanged' = 'pushed',
): Promise<OciPushRun> {
  const dir = await mkdtemp(join(workDir, 'action-'));
  try {
    const files = {
      output: join(dir, 'output'),
      summary: join(dir, 'summary'),
      event: join(dir, 'event.json'),
      rss: join(dir, 'rss'),
    };
    await writeFile(files.output, '');
    await writeFile(files.summary, '');
    await writeFile(
      files.event,
      JSON.stringify({ repository: { full_name: 'giantswarm/bench', visibility: 'public' } }),
    );
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      RUNNER_TEMP: dir,
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'giantswarm/bench',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_REF: `refs/tags/v${VERSION}`,
      GITHUB_SHA: 'b'.repeat(40),
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      INPUT_IMAGE: `oci:${image.dir}`,
      INPUT_REPOSITORY: REPOSITORY,
      INPUT_REGISTRIES: hosts.join('\n'),
      INPUT_BUILD: 'release',
      INPUT_VERSION: VERSION,
      // The push alone is measured: no Sigstore here.
      INPUT_SIGN: 'false',
      BENCH_RSS_FILE: files.rss,
    };
    const started = performance.now();
    const run = await runCommand(process.execPath, ['--import', RSS_PROBE, DIST_INDEX], {
      env,
      cwd: dir,
      timeoutMs: TIMEOUT_MS,
    });
    const seconds = (performance.now() - started) / 1000;
    const outputs = parseOutputFile(await readFile(files.output, 'utf8'));
    const results = JSON.parse(outputs.result ?? '[]') as OciPushRun['results'];
    const wrong = results.filter((r) => r.status !== expected);
    if (run.code !== 0 || results.length !== hosts.length || wrong.length > 0) {
      throw new Error(
        `oci-push did not end ${expected} on every registry (exit code ${run.code}):\n` +
          `${run.stdout}\n${run.stderr}`,
      );
    }
    const peakRss = Number(await readFile(files.rss, 'utf8')) * 1024;
    return { seconds, peakRss, results };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface SkopeoRun {
  /** The copies together, one after the other. */
  seconds: number;
  perCopy: number[];
  /** Peak RSS of the larger copy, from GNU time, when it is installed. */
  peakRss?: number;
}

/**
 * skopeo remembers where it has seen each blob (the blob-info cache) and mounts or skips by
 * it, which would turn a fresh push into a cache lookup: the cache is deleted before each
 * copy, as on a fresh CI machine. An empty auth file keeps the machine's logins out.
 */
export function skopeoBlobCache(): string {
  const uid = process.getuid?.() ?? 0;
  const base =
    uid === 0
      ? '/var/lib/containers'
      : join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'containers');
  return join(base, 'cache', 'blob-info-cache-v1.boltdb');
}

export async function runSkopeo(
  image: BenchImage,
  hosts: string[],
  workDir: string,
): Promise<SkopeoRun> {
  const authFile = join(workDir, 'skopeo-auth.json');
  await writeFile(authFile, '{"auths":{}}');
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const rssFile = join(workDir, 'skopeo-rss');
  const perCopy: number[] = [];
  let peakRss: number | undefined;
  for (const host of hosts) {
    await rm(skopeoBlobCache(), { force: true });
    const args = [
      'copy',
      '--dest-tls-verify=false',
      `oci:${image.dir}`,
      `docker://${host}/${REPOSITORY}:${VERSION}`,
    ];
    const [file, fileArgs] = time
      ? [time, ['-f', '%M', '-o', rssFile, 'skopeo', ...args]]
      : ['skopeo', args];
    const started = performance.now();
    const run = await runCommand(file, fileArgs, {
      env: { ...process.env, REGISTRY_AUTH_FILE: authFile },
      timeoutMs: TIMEOUT_MS,
    });
    perCopy.push((performance.now() - started) / 1000);
    if (run.code !== 0) throw new Error(`skopeo copy to ${host} failed:\n${run.stderr}`);
    if (time) {
      const kib = Number((await readFile(rssFile, 'utf8')).trim().split('\n').at(-1));
      peakRss = Math.max(peakRss ?? 0, kib * 1024);
    }
  }
  return {
    seconds: perCopy.reduce((a, b) => a + b, 0),
    perCopy,
    ...(peakRss !== undefined && { peakRss }),
  };
}

/**
 * The floor: what moving the same bytes with curl costs, every blob to every registry at
 * once. Per registry, one curl opens an upload session per blob (POSTs in parallel), then one
 * curl PUTs every whole file into its session in parallel (`-T` streams it; `Expect:` off,
 * as Distribution needs no 100-continue round trip). Config included; no manifests.
 */
export async function runCurlFloor(blobs: BenchBlob[], hosts: string[]): Promise<number> {
  const started = performance.now();
  await Promise.all(hosts.map((host) => curlUploads(blobs, host)));
  return (performance.now() - started) / 1000;
}

const CURL_PARALLEL = ['-sS', '--no-progress-meter', '--parallel', '--parallel-immediate'];

async function curlUploads(blobs: BenchBlob[], host: string): Promise<void> {
  const start = `http://${host}/v2/${REPOSITORY}/blobs/uploads/`;
  const post = await runCommand('curl', [
    ...CURL_PARALLEL,
    '-X',
    'POST',
    '-w',
    '%{http_code} %header{location}\\n',
    ...blobs.flatMap(() => ['-o', '/dev/null', start]),
  ]);
  const sessions = post.stdout.trim().split('\n');
  const locations = sessions.flatMap((line) => {
    const [status, location] = line.split(' ');
    return status === '202' && location ? [location] : [];
  });
  if (post.code !== 0 || locations.length !== blobs.length) {
    throw new Error(`curl POSTs to ${host} failed (${post.stdout}): ${post.stderr}`);
  }
  const put = await runCommand(
    'curl',
    [
      ...CURL_PARALLEL,
      '-H',
      'Expect:',
      '-H',
      'Content-Type: application/octet-stream',
      '-w',
      '%{http_code}\\n',
      ...blobs.flatMap((blob, i) => {
        const url = new URL(locations[i] as string, start);
        url.searchParams.set('digest', blob.digest);
        return ['-o', '/dev/null', '-T', blob.path, url.href];
      }),
    ],
    { timeoutMs: TIMEOUT_MS },
  );
  const statuses = put.stdout.trim().split('\n');
  if (put.code !== 0 || statuses.length !== blobs.length || statuses.some((s) => s !== '201')) {
    throw new Error(`curl PUTs to ${host} failed (${put.stdout}): ${put.stderr}`);
  }
}

/** The digest a registry serves for the release tag (read directly, not through a proxy). */
export async function servedDigest(registryUrl: string): Promise<string | undefined> {
  const res = await fetch(`${registryUrl}/v2/${REPOSITORY}/manifests/${VERSION}`, {
    method: 'HEAD',
    headers: {
      accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json',
    },
  });
  return res.status === 200 ? (res.headers.get('docker-content-digest') ?? undefined) : undefined;
}
