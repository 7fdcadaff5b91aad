import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCommand } from './processes.js';
import { assertNoSecretFragments, knownSecrets } from './secrets.js';
import { ROOT } from './tools.js';

/** The built action, run exactly as a GitHub runner runs it. */
export const DIST_INDEX = resolve(ROOT, 'dist', 'index.js');
/** The cleanup action's bundle (`cleanup/action.yml`). */
export const DIST_CLEANUP = resolve(ROOT, 'dist', 'cleanup', 'index.js');
/** The sync action's bundle (`sync/action.yml`). */
export const DIST_SYNC = resolve(ROOT, 'dist', 'sync', 'index.js');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs `node dist/index.js` with `INPUT_*` variables and fresh `GITHUB_OUTPUT` and
 * `GITHUB_STEP_SUMMARY` files, under the Node that runs the tests (Node 24, as action.yml
 * declares), and parses what the action wrote to them. The event payload says the
 * repository is public unless `env.GITHUB_EVENT_PATH` names another (`''`: none).
 */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  options: {
    secrets?: string[];
    entry?: string;
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'oci-push-action-'));
  try {
    const outputFile = join(dir, 'output');
    const summaryFile = join(dir, 'summary');
    await writeFile(outputFile, '');
    await writeFile(summaryFile, '');
    // A runner always has an event payload, and a push event's says the repository's
    // visibility: public here, unless the test gives its own payload (or none: '').
    const eventFile = join(dir, 'event.json');
    await writeFile(
      eventFile,
      JSON.stringify({
        repository: { full_name: 'giantswarm/oci-push-test', private: false, visibility: 'public' },
      }),
    );
    // Signing is off unless a test asks for it (`sign: auto` or `true`): it needs the
    // Sigstore harness, and a public release would otherwise go looking for Fulcio.
    const inputEnv = Object.fromEntries(
      Object.entries({ sign: 'false', ...inputs }).map(([name, value]) => [
        `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
        value,
      ]),
    );
    const result = await runCommand(process.execPath, [options.entry ?? DIST_INDEX], {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        RUNNER_TEMP: dir,
        GITHUB_ACTIONS: 'true',
        GITHUB_REPOSITORY: 'giantswarm/oci-push-test',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: 'a'.repeat(40),
        GITHUB_EVENT_PATH: eventFile,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        ...inputEnv,
        ...env,
      },
      cwd: dir,
      ...(options.onSpawn && { onSpawn: options.onSpawn }),
    });
    const run = {
      ...result,
      outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8'),
    };
    assertNoSecrets(run, [...knownSecrets, ...(options.secrets ?? [])]);
    return run;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `GITHUB_OUTPUT` holds `name<<DELIMITER\nvalue\nDELIMITER` blocks (@actions/core's format). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    if (name) outputs[name] = value.join('\n');
  }
  return outputs;
}

/**
 * What a job log could show. The runner consumes `::add-mask::` commands (they carry the
 * secret by design) and never prints them, so they are left out. Debug lines stay unless
 * `hideDebug`: a user may turn step debug logging on, and secrets must not be there either.
 */
export function visibleLog(run: Pick<ActionRun, 'stdout' | 'stderr'>, hideDebug = false): string {
  return `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter(
      (line) => !line.startsWith('::add-mask::') && !(hideDebug && line.startsWith('::debug::')),
    )
    .join('\n');
}

/**
 * Every run of the action, in every test, is checked here: no secret the harness knows may
 * appear, whole or as any six characters of it, in what a job log could show (debug lines
 * included), in an output, or in the summary.
 */
export function assertNoSecrets(run: ActionRun, secrets: string[]): void {
  assertNoSecretFragments(
    { log: visibleLog(run), outputs: JSON.stringify(run.outputs), summary: run.summary },
    secrets,
    'the action',
  );
}
