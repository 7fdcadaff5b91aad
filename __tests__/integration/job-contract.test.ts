import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// ajv 6 (draft-07) is here only as ESLint's dependency, as in sync-config.test.ts.
import Ajv from 'ajv';
import type { Digest } from '../../src/oci/digest.js';
import { type AcrHarness, startAcrHarness } from '../harness/acr/index.js';
import type { AcrEmulator } from '../harness/acr/emulator.js';
import { DIST_CLEANUP, DIST_SYNC, runAction } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { ownClient } from '../harness/own-client.js';
import { freePort } from '../harness/ports.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw, listTags } from '../harness/skopeo.js';
import { seedImage } from '../harness/sync-testbed.js';
import { ROOT } from '../harness/tools.js';

/**
 * The one job contract, through the built actions and the built CLI, against real
 * registries and the local ACR harness (two ACRs, one behind a firewall that refuses the
 * keyless exchange):
 * - a keyless failure on one of two ACRs is that registry's row in push, sync and cleanup
 *   alike, from both faces, and the other registry gets its content;
 * - every documented exit code (docs/exit-codes.md) comes from each face for the same cause;
 * - every `result` these runs wrote is valid to its published schema (schema/result.*.json).
 */
type Job = 'push' | 'sync' | 'cleanup';
type Face = 'action' | 'cli';

let harness: AcrHarness;
let refusing: AcrEmulator;
let source: TestRegistry;
let work: string;
let down: string;
/** The digest of an existing release, `codes/release:1.0.0`, at the source. */
let releaseDigest: string;

const compile = (job: Job) =>
  new Ajv({ allErrors: true }).compile(
    JSON.parse(readFileSync(join(ROOT, 'schema', `result.${job}.json`), 'utf8')) as object,
  );
const validators: Record<Job, ReturnType<typeof compile>> = {
  push: compile('push'),
  sync: compile('sync'),
  cleanup: compile('cleanup'),
};
/** How many results each job's schema validated, to prove the last test is not empty. */
const validated: Record<Job, number> = { push: 0, sync: 0, cleanup: 0 };

beforeAll(async () => {
  harness = await startAcrHarness();
  refusing = (await harness.addAcr()).acr;
  refusing.behaviours.exchangeDenied = true;
  source = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-contract-'));
  down = `127.0.0.1:${await freePort()}`;
  await seed(source, 'library/app', ['1.0']);
  releaseDigest = await seed(source, 'codes/release', ['1.0.0']);
  // A target repository whose 1.0 holds another image: the sync's drift.
  await seed(source, 'drift/app', ['1.0']);
});
afterAll(async () => {
  await source?.stop();
  await harness?.stop();
  await rm(work, { recursive: true, force: true });
});

let seeded = 0;
const seed = (into: TestRegistry, repository: string, tags: string[]): Promise<Digest> =>
  seedImage(ownClient(into), repository, tags, join(work, `seed-${seeded++}`), [randomBytes(1024)]);

function azure(): Record<string, string> {
  return {
    'azure-client-id': harness.clientId,
    'azure-tenant-id': harness.tenantId,
    'azure-authority-host': harness.entra.authorityHost,
  };
}

interface FaceRun {
  code: number;
  /** The summary: the action's job summary, the CLI's stderr (where it prints it). */
  summary: string;
  result: unknown;
}

/**
 * Runs one job from one face with the same inputs: the action with `INPUT_*`, the CLI with
 * each input as the flag of the same name. The `result` (output, or `--json -`) is
 * validated against its schema here, every time.
 */
async function runFace(job: Job, face: Face, inputs: Record<string, string>): Promise<FaceRun> {
  let run: FaceRun;
  if (face === 'action') {
    const entry = { push: undefined, sync: DIST_SYNC, cleanup: DIST_CLEANUP }[job];
    const action = await runAction(inputs, harness.runnerEnv(), entry ? { entry } : {});
    run = {
      code: action.code,
      summary: action.summary,
      result: JSON.parse(action.outputs.result ?? 'null'),
    };
  } else {
    const flags = Object.entries(inputs).flatMap(([name, value]) =>
      value === 'true' ? [`--${name}`] : [`--${name}`, value],
    );
    const cli = await runCli([job, ...flags, '--json', '-'], {
      env: harness.runnerEnv(),
      cwd: work,
    });
    run = { code: cli.code, summary: cli.stderr, result: JSON.parse(cli.stdout || 'null') };
  }
  const validate = validators[job];
  if (!validate(run.result)) {
    throw new Error(
      `the ${job} ${face}'s result is not valid to schema/result.${job}.json: ` +
        `${JSON.stringify(validate.errors)}\n${JSON.stringify(run.result)}`,
    );
  }
  validated[job]++;
  return run;
}

async function syncConfig(name: string, yaml: string): Promise<string> {
  const path = join(work, `${name}.yaml`);
  await writeFile(path, yaml);
  return path;
}

interface PushRow {
  registry: string;
  status: string;
  error?: string;
}
interface SyncResult {
  images: {
    error?: string;
    tags: { targets: { target: string; status: string; error?: string }[] }[];
  }[];
}

const FIREWALL = "the registry's firewall refused this runner";

describe.each<Face>(['action', 'cli'])(
  'a keyless failure on one of two ACRs is its row (%s)',
  (face) => {
    test('push: the refusing ACR fails its row; the other ACR has the release', async () => {
      const repository = `giantswarm/two-acrs-${face}`;
      const run = await runFace('push', face, {
        image: `docker://${source.host}/library/app:1.0`,
        repository,
        registries: `${harness.acr.host} acr\n${refusing.host} acr`,
        build: 'release',
        version: '1.0.0',
        ...azure(),
      });
      expect(run.code).toBe(1);
      const rows = run.result as PushRow[];
      expect(rows.find((r) => r.registry === harness.acr.host)?.status).toBe('pushed');
      const refused = rows.find((r) => r.registry === refusing.host);
      expect(refused?.status).toBe('failed');
      expect(refused?.error).toContain(FIREWALL);
      expect(await listTags(harness.backend, repository)).toEqual(['1.0.0']);
    });

    test('sync: the refusing ACR fails its rows; the other ACR gets the image', async () => {
      const repository = `giantswarm/synced-${face}`;
      const config = await syncConfig(
        `two-acrs-${face}`,
        `targets:\n  ok:\n    registry: ${harness.acr.host} acr\n  refused:\n    registry: ${refusing.host} acr\n` +
          `images:\n  - source: ${source.host}/library/app\n    target: ${repository}\n`,
      );
      const run = await runFace('sync', face, { config, ...azure() });
      expect(run.code).toBe(1);
      const [image] = (run.result as SyncResult).images;
      const targets = image?.tags[0]?.targets ?? [];
      expect(targets.find((t) => t.target === 'ok')?.status).toBe('copied');
      const refused = targets.find((t) => t.target === 'refused');
      expect(refused?.status).toBe('failed');
      expect(refused?.error).toContain(FIREWALL);
      expect((await inspectRaw(harness.backend, `${repository}:1.0`)).length).toBeGreaterThan(0);
    });

    test('cleanup: the refusing ACR is the report: its error, a summary, exit 1', async () => {
      const run = await runFace('cleanup', face, {
        registry: refusing.host,
        repositories: 'giantswarm/*',
        'older-than': '7d',
        ...azure(),
      });
      expect(run.code).toBe(1);
      expect((run.result as { error?: string }).error).toContain(FIREWALL);
      expect(run.summary).toContain(`## oci-push cleanup: ${refusing.host}`);
      expect(run.summary).toContain(`❌ Keyless login to ${refusing.host}: ${FIREWALL}`);
    });
  },
);

describe.each<Face>(['action', 'cli'])(
  'the cleanup of a registry that is not an ACR (%s)',
  (face) => {
    test.each([
      // Distribution, in plain HTTP: no ACR answers so.
      [
        'a plain-HTTP registry',
        () => source.host,
        'does not answer as an Azure Container Registry',
      ],
      // An HTTPS server that is no registry at all (the fake Entra).
      [
        'an HTTPS server that is no registry',
        () => new URL(harness.entra.authorityHost).host,
        'is not an Azure Container Registry: its /v2/ answered HTTP 404',
      ],
    ])('%s: says it is not an ACR, never that Entra refused', async (_name, host, message) => {
      const run = await runFace('cleanup', face, {
        registry: host(),
        repositories: 'giantswarm/*',
        'older-than': '7d',
        ...azure(),
      });
      expect(run.code).toBe(1);
      const error = (run.result as { error?: string }).error ?? '';
      expect(error).toContain(`${host()} ${message}`);
      expect(error).not.toContain('Entra refused');
    });
  },
);

/** One cause per documented exit code and job; each runs from both faces. */
const CAUSES: [Job, number, string, () => Promise<Record<string, string>>][] = [
  [
    'push',
    0,
    'a dev build pushed',
    async () => ({
      image: `docker://${source.host}/library/app:1.0`,
      repository: 'codes/dev',
      registries: `${source.host} dev`,
      build: 'dev',
      version: '0.1.0',
    }),
  ],
  [
    'push',
    1,
    'the only registry is down',
    async () => ({
      image: `docker://${source.host}/library/app:1.0`,
      repository: 'codes/down',
      registries: `${down} dev`,
      build: 'dev',
      version: '0.1.0',
    }),
  ],
  [
    'push',
    2,
    'a registries line with an unknown flag',
    async () => ({
      image: `docker://${source.host}/library/app:1.0`,
      repository: 'codes/bad',
      registries: `${source.host} dev shiny`,
    }),
  ],
  [
    'push',
    2,
    'lock on an ACR without an Azure login',
    async () => ({
      image: `docker://${source.host}/library/app:1.0`,
      repository: 'codes/lock',
      registries: `${harness.acr.host} acr`,
      build: 'release',
      version: '1.0.0',
      lock: 'true',
    }),
  ],
  [
    'push',
    3,
    'another image for an existing release tag',
    async () => ({
      image: `docker://${source.host}/library/app:1.0`,
      repository: 'codes/release',
      registries: source.host,
      build: 'release',
      version: '1.0.0',
    }),
  ],
  [
    'sync',
    0,
    'an image copied',
    async () => ({
      config: await syncConfig(
        'copy',
        `targets:\n  here:\n    registry: ${source.host}\nimages:\n  - source: ${source.host}/library/app\n    target: copies/app\n`,
      ),
    }),
  ],
  [
    'sync',
    1,
    'the only target is down',
    async () => ({
      config: await syncConfig(
        'down',
        `targets:\n  gone:\n    registry: ${down}\nimages:\n  - source: ${source.host}/library/app\n`,
      ),
    }),
  ],
  [
    'sync',
    2,
    'a config with an unknown key',
    async () => ({
      config: await syncConfig(
        'bad',
        `targets:\n  here:\n    registry: ${source.host}\n    colour: blue\nimages:\n  - source: ${source.host}/library/app\n`,
      ),
    }),
  ],
  [
    'sync',
    3,
    'a target tag that holds another digest',
    async () => ({
      config: await syncConfig(
        'drift',
        `targets:\n  here:\n    registry: ${source.host}\nimages:\n  - source: ${source.host}/library/app\n    target: drift/app\n`,
      ),
    }),
  ],
  [
    'cleanup',
    0,
    'a dry run',
    async () => ({
      registry: harness.acr.host,
      repositories: 'giantswarm/*',
      'older-than': '7d',
      'dry-run': 'true',
      ...azure(),
    }),
  ],
  [
    'cleanup',
    1,
    'the registry refuses the keyless exchange',
    async () => ({
      registry: refusing.host,
      repositories: 'giantswarm/*',
      'older-than': '7d',
      ...azure(),
    }),
  ],
  [
    'cleanup',
    2,
    'no Azure login',
    async () => ({
      registry: harness.acr.host,
      repositories: 'giantswarm/*',
      'older-than': '7d',
    }),
  ],
];

describe('every documented exit code, from each face, for the same cause', () => {
  test.each(
    CAUSES.flatMap(([job, code, cause, inputs]) =>
      (['action', 'cli'] as const).map((face) => [job, code, cause, face, inputs] as const),
    ),
  )('%s exits %i for %s (%s)', async (job, code, _cause, face, inputs) => {
    const run = await runFace(job, face, await inputs());
    expect(run.code).toBe(code);
  });

  test('the refused release tag did not move, from either face', async () => {
    expect((await ownClient(source).headManifest('codes/release', '1.0.0'))?.digest).toBe(
      releaseDigest,
    );
  });
});

describe('the result schemas', () => {
  test('validated every result above, and reject one that says what they do not', () => {
    // Every job's result from both faces, more than once: the checks above really ran.
    expect(validated.push).toBeGreaterThanOrEqual(12);
    expect(validated.sync).toBeGreaterThanOrEqual(10);
    expect(validated.cleanup).toBeGreaterThanOrEqual(12);
    // A status the schema doesn't know, a missing field, a stray one: each is refused.
    expect(validators.push([{ status: 'failed', stage: 'nowhere', error: 'x', pushed: [] }])).toBe(
      false,
    );
    expect(validators.sync({ dryRun: false, images: [] })).toBe(false);
    expect(
      validators.cleanup({
        registry: 'r',
        dryRun: true,
        deleted: 0,
        repositories: [],
        unmatched: [],
        extra: 1,
      }),
    ).toBe(false);
  });
});
