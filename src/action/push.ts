import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { tmpdir } from 'node:os';
import { runPush } from '../jobs/push.js';
import { failureReport, formatBytes } from '../jobs/push-report.js';
import { ProgressThrottle } from '../jobs/progress.js';
import { eventFacts, loadEventPayload } from './event.js';
import { getPushInputs } from './inputs.js';
import { actionLogger, info } from './log.js';
import { renderReport } from './render.js';
import { resolveVisibility } from './visibility.js';

/** At most one progress line per registry this often, on long uploads. */
const PROGRESS_INTERVAL_MS = 5_000;

/** `uses: giantswarm/oci-push@v1`: the push job, with GitHub's inputs, event, logs and summary. */
export async function runPushAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = await core.group('Inputs', async () => getPushInputs(env));
    const facts = eventFacts(env, await loadEventPayload(env));
    const progress = new ProgressThrottle(PROGRESS_INTERVAL_MS, info);
    const { report } = await runPush(
      inputs,
      {
        ref: facts.ref,
        sha: facts.sha,
        fromFork: facts.fromFork,
        ...(env.GITHUB_WORKSPACE && { workspace: env.GITHUB_WORKSPACE }),
      },
      {
        env,
        log: actionLogger,
        onSecret: core.setSecret,
        phase: (name, work) => core.group(name, work),
        visibility: (requested) => resolveVisibility(requested, facts, inputs.githubToken),
        getIdToken: (audience) => core.getIDToken(audience),
        runHelm: (args) => getExecOutput('helm', args, { silent: true, ignoreReturnCode: true }),
        tempDir: env.RUNNER_TEMP || tmpdir(),
        hooks: {
          onProgress: ({ target, bytes, totalBytes }) =>
            progress.update(
              `${target.client.host}/${target.repository}`,
              () =>
                `${target.client.host}/${target.repository}: ${formatBytes(bytes)} of ` +
                `${formatBytes(totalBytes)} uploaded`,
            ),
        },
      },
    );
    await renderReport(report);
  } catch (error) {
    // Even a push that never started leaves a summary, an annotation and a `result`; and if
    // even that can't be written (no GITHUB_STEP_SUMMARY), the step still fails, with the cause.
    await renderReport(failureReport(error)).catch(() =>
      core.setFailed(error instanceof Error ? error.message : String(error)),
    );
  }
}
