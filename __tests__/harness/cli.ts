import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCommand } from './processes.js';
import { assertNoSecretFragments, knownSecrets } from './secrets.js';
import { ROOT } from './tools.js';

/** The built CLI, as the package's `bin` runs it. */
export const DIST_CLI = resolve(ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli.js ARGS` (or `options.command`, e.g. an installed `oci-push`) under the
 * Node that runs the tests, with a clean environment: PATH, a fresh HOME (so no docker login
 * of the machine's own is read) and what the test gives; no `GITHUB_*` or `CIRCLE_*` unless
 * given. Every run is checked: no secret the harness knows, nor any six characters of one, may appear
 * on stdout or stderr.
 */
export async function runCli(
  args: string[],
  options: {
    env?: Record<string, string>;
    cwd?: string;
    input?: string;
    secrets?: string[];
    command?: string;
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<CliRun> {
  const home = await mkdtemp(join(tmpdir(), 'oci-push-cli-home-'));
  try {
    const [file, fileArgs] = options.command
      ? [options.command, args]
      : [process.execPath, [DIST_CLI, ...args]];
    const run = await runCommand(file, fileArgs, {
      env: { PATH: process.env.PATH ?? '', HOME: home, ...options.env },
      cwd: options.cwd ?? home,
      // Always an stdin that ends, as in CI: a push never waits on a terminal.
      input: options.input ?? '',
      ...(options.onSpawn && { onSpawn: options.onSpawn }),
    });
    assertNoSecretFragments(
      { stdout: run.stdout, stderr: run.stderr },
      [...knownSecrets, ...(options.secrets ?? [])],
      'the CLI',
    );
    return run;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
