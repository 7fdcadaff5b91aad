import * as core from '@actions/core';
import { ProgressThrottle } from '../jobs/progress.js';
import { runPush } from '../jobs/push.js';
import { failureOutcome, uploadProgress } from '../jobs/push-report.js';
import { runActionJob, runDocker, runHelm } from './context.js';
import { eventFacts, loadEventPayload } from './event.js';
import { getPushInputs } from './inputs.js';
import { info } from './log.js';
import { resolveVisibility } from './visibility.js';

/** At most one progress line per registry this often, on long uploads. */
const PROGRESS_INTERVAL_MS = 5_000;

/** `uses: giantswarm/oci-push@v1`: the push job, with GitHub's inputs, event, logs and summary. */
export async function runPushAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await runActionJob(
    env,
    async (context) => {
      const inputs = await core.group('Inputs', async () => getPushInputs(env));
      const facts = eventFacts(env, await loadEventPayload(env));
      const progress = new ProgressThrottle(PROGRESS_INTERVAL_MS, info);
      return runPush(
        inputs,
        {
          ref: facts.ref,
          sha: facts.sha,
          fromFork: facts.fromFork,
          ...(env.GITHUB_WORKSPACE && { workspace: env.GITHUB_WORKSPACE }),
        },
        {
          ...context,
          visibility: (requested) => resolveVisibility(requested, facts, inputs.githubToken),
          runHelm,
          runDocker,
          hooks: uploadProgress((key, line) => progress.update(key, line)),
        },
      );
    },
    // Even a push that never started leaves a summary, an annotation and a `result`.
    failureOutcome,
  );
}
