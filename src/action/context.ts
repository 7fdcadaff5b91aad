import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { tmpdir } from 'node:os';
import type { JobContext, JobOutcome, Report } from '../jobs/context.js';
import { listenForStops } from '../jobs/interrupt.js';
import type { RunDocker } from '../source/docker-daemon.js';
import { actionLogger } from './log.js';

/**
 * The runner's inputs, by their action.yml names: the faces' only reader of `INPUT_*`. Each
 * action parses its own (the push's in action/inputs.ts, the cleanup's in action/cleanup.ts,
 * the sync's in action/sync.ts), so none loads another's parsers.
 */
export const actionInput = (name: string): string => core.getInput(name);

/**
 * Runs one job as an action: the job context from `@actions/core` (log groups, masking,
 * GitHub's OIDC token, the runner's temp dir, a stop on SIGINT/SIGTERM), then the report
 * rendered and the process's exit code set from the outcome. `failed` makes the outcome of
 * a job that threw before it had a report of its own, so even that leaves a summary.
 */
export async function runActionJob(
  env: NodeJS.ProcessEnv,
  job: (context: JobContext) => Promise<JobOutcome>,
  failed: (error: unknown) => JobOutcome,
): Promise<void> {
  const stops = listenForStops({
    secondSignalExits: false,
    onStop: (signal) => core.info(`${signal}: stopping; cancelling uploads and tidying up`),
  });
  let outcome: JobOutcome;
  try {
    outcome = await job({
      env,
      // Every plain line through one logger that can't start a workflow command (log.ts).
      log: actionLogger,
      onSecret: core.setSecret,
      phase: (name, work) => core.group(name, work),
      getIdToken: (audience) => core.getIDToken(audience),
      tempDir: env.RUNNER_TEMP || tmpdir(),
      signal: stops.signal,
    });
  } catch (error) {
    outcome = failed(error);
  } finally {
    stops.dispose();
  }
  try {
    await renderReport(outcome.report);
  } catch (error) {
    // No GITHUB_STEP_SUMMARY, say: the step still fails, with the cause.
    core.setFailed(outcome.report.failure ?? (error as Error).message);
  }
  // `setFailed` sets 1; every face exits with the job's own code (docs/exit-codes.md).
  process.exitCode = outcome.exitCode;
}

/** What a job shows on GitHub: outputs, the job summary, annotations, and the failure. */
async function renderReport(report: Report): Promise<void> {
  for (const [name, value] of Object.entries(report.outputs)) core.setOutput(name, value);
  await core.summary.addRaw(report.summary).write();
  for (const a of report.annotations) core[a.level](a.message, { title: a.title });
  if (report.failure) core.setFailed(report.failure);
}

/** `docker ARGS` through `@actions/exec`, quiet, its exit code returned, as `runHelm` is. */
export const runDocker: RunDocker = async (args) => {
  const run = await getExecOutput('docker', args, { silent: true, ignoreReturnCode: true });
  return { exitCode: run.exitCode, stderr: run.stderr };
};

/** `helm ARGS`, the same way. */
export function runHelm(args: string[]): ReturnType<typeof getExecOutput> {
  return getExecOutput('helm', args, { silent: true, ignoreReturnCode: true });
}
