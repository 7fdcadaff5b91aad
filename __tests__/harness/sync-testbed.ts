import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyGraph, loadGraph } from '../../src/engine/copy.js';
import type { Digest } from '../../src/oci/digest.js';
import type { RegistryClient } from '../../src/registry/client.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { type ActionRun, DIST_SYNC, runAction } from './action.js';
import { type CliRun, runCli } from './cli.js';
import { makeOciLayout } from './fixtures.js';
import { ownClient } from './own-client.js';
import { type AuthMode, startRegistry, type TestRegistry } from './registry.js';

/**
 * Pushes a fresh image (gzip layers of `layers`, one of 256 random bytes unless given) with
 * `client` under `tags` by oci-push's own copy, its layout written to `dir`; its digest.
 * Nothing races a seed, so the copy's second look at each tag is skipped.
 */
export async function seedImage(
  client: RegistryClient,
  repository: string,
  tags: string[],
  dir: string,
  layers: Buffer[] = [randomBytes(256)],
): Promise<Digest> {
  const layout = await makeOciLayout(dir, { layerContents: layers });
  const source = new OciLayoutSource(layout.dir);
  const [result] = await copyGraph(source, await loadGraph(source), [{ client, repository }], {
    tags,
    raceSettleMs: 0,
  });
  if (result?.error) throw result.error;
  return layout.manifest.digest as Digest;
}

/** `oci-push sync --json`, as schema/result.sync.json publishes it. */
export interface SyncJson {
  dryRun: boolean;
  shard?: string;
  error?: string;
  counts: { copied: number; unchanged: number; drifted: number; failed: number };
  images: {
    index: number;
    source: string;
    repository: string;
    listed: number;
    filteredOut: string[];
    error?: string;
    empty?: true;
    tags: {
      tag: string;
      targetTag?: string;
      digest?: string;
      targets: {
        target: string;
        host: string;
        repository: string;
        status: string;
        targetDigest?: string;
        referrers?: { copied: number; present: number; failed: number };
        error?: string;
      }[];
    }[];
    repairs?: { target: string; subject: string; status: string; copied: number; error?: string }[];
  }[];
}

/** A sync run through the built CLI: its exit code and output, and its `--json` result. */
export interface CliSyncRun extends CliRun {
  /** The `--json` file as written; undefined when the run wrote none. */
  json?: string;
  /** The `--json` file parsed (`{}` when none was written). */
  result: SyncJson;
}

/**
 * What the sync's tests through the built faces share: a scratch directory and the
 * registries a test starts (`open` before the file's tests, `close` after: every registry
 * stopped, the directory removed), fresh images seeded into them, and the sync run from a
 * config text by the built CLI or the built sync action, each in a directory of its own.
 */
export interface SyncTestbed {
  /** The scratch directory (after `open`). */
  readonly work: string;
  open(): Promise<void>;
  close(): Promise<void>;
  /** A real registry, stopped by `close`. */
  registry(mode?: AuthMode): Promise<TestRegistry>;
  /** `seedImage` with oci-push's own client of `into`, its layout in the scratch directory. */
  seed(into: TestRegistry, repository: string, tags: string[], layers?: Buffer[]): Promise<Digest>;
  /**
   * `node dist/cli.js sync --config FILE --json result.json ARGS`, in a fresh directory that
   * holds `config` as sync.yaml (`file` names another config, e.g. /dev/zero) and an empty
   * docker config.
   */
  cliSync(config: string, args?: string[], file?: string): Promise<CliSyncRun>;
  /** The built sync action (`dist/sync/index.js`) with `config` as its config file. */
  actionSync(config: string): Promise<ActionRun>;
}

export function syncTestbed(prefix: string): SyncTestbed {
  let work: string | undefined;
  let seeded = 0;
  const registries: TestRegistry[] = [];
  const scratch = (): string => {
    if (work === undefined) throw new Error('syncTestbed: call open() first (in beforeAll)');
    return work;
  };
  return {
    get work() {
      return scratch();
    },
    open: async () => {
      work = await mkdtemp(join(tmpdir(), prefix));
    },
    close: async () => {
      await Promise.all(registries.splice(0).map((r) => r.stop()));
      if (work !== undefined) await rm(work, { recursive: true, force: true });
    },
    registry: async (mode = 'anonymous') => {
      const started = await startRegistry(mode);
      registries.push(started);
      return started;
    },
    seed: (into, repository, tags, layers) =>
      seedImage(ownClient(into), repository, tags, join(scratch(), `seed-${seeded++}`), layers),
    cliSync: async (config, args = [], file = 'sync.yaml') => {
      const dir = await mkdtemp(join(scratch(), 'run-'));
      await mkdir(join(dir, 'docker'));
      await writeFile(join(dir, 'sync.yaml'), config);
      const run = await runCli(['sync', '--config', file, '--json', 'result.json', ...args], {
        cwd: dir,
        env: { DOCKER_CONFIG: join(dir, 'docker') },
      });
      const json = await readFile(join(dir, 'result.json'), 'utf8').catch(() => undefined);
      const result = JSON.parse(json ?? '{}') as SyncJson;
      return { ...run, ...(json !== undefined && { json }), result };
    },
    actionSync: async (config) => {
      const dir = await mkdtemp(join(scratch(), 'action-'));
      await writeFile(join(dir, 'sync.yaml'), config);
      return runAction({ config: join(dir, 'sync.yaml') }, {}, { entry: DIST_SYNC });
    },
  };
}
