import * as core from '@actions/core';
import { cleanupFailureOutcome, runCleanup } from '../jobs/cleanup.js';
import { type CleanupInputs, parseCleanupInputs } from '../jobs/cleanup-inputs.js';
import { actionInput, runActionJob } from './context.js';

/** `uses: giantswarm/oci-push/cleanup@v1`: inputs → sign in → read → plan → delete → report. */
export async function runCleanupAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await runActionJob(
    env,
    async (context) => {
      const inputs = await core.group('Inputs', async () => getCleanupInputs());
      return runCleanup(inputs, { ...context, now: () => new Date() });
    },
    cleanupFailureOutcome,
  );
}

/** The cleanup action's inputs, as the runner sets them (`INPUT_*`). */
export function getCleanupInputs(): CleanupInputs {
  return parseCleanupInputs(actionInput);
}
