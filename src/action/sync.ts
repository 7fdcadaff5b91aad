import * as core from '@actions/core';
import { parseSyncInputs, runSync } from '../jobs/sync.js';
import { syncFailureOutcome } from '../jobs/sync-report.js';
import { actionInput, runActionJob } from './context.js';

/**
 * `uses: giantswarm/oci-push/sync@v1`: config → sign-in → plan and copy → report, exiting
 * with the job's code (docs/exit-codes.md), as the CLI's `oci-push sync` does.
 */
export async function runSyncAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await runActionJob(
    env,
    async (context) => {
      const inputs = await core.group('Inputs', () =>
        parseSyncInputs(actionInput, env.GITHUB_WORKSPACE || process.cwd(), core.setSecret),
      );
      return runSync(inputs, context);
    },
    syncFailureOutcome,
  );
}
