import * as core from '@actions/core';
import { InputError } from '../jobs/inputs.js';
import { parseSyncInputs, runSync } from '../jobs/sync.js';
import { SYNC_EXIT_BAD_CONFIG } from '../jobs/sync-report.js';
import { actionLogger } from './log.js';
import { renderReport } from './render.js';

/** The runner's inputs, by their `sync/action.yml` names. */
const actionInput = (name: string): string => core.getInput(name);

/**
 * `uses: giantswarm/oci-push/sync@v1`: config → credentials → plan and copy → report. The
 * verdict goes through `core.setFailed`; the exit code then says which (1 a required target
 * failed, 2 a bad config, 3 drift refused), as the CLI's does.
 */
export async function runSyncAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let inputsRead = false;
  try {
    const inputs = await core.group('Inputs', () =>
      parseSyncInputs(actionInput, env.GITHUB_WORKSPACE || process.cwd(), core.setSecret),
    );
    inputsRead = true;
    const { report, verdict } = await runSync(inputs, {
      env,
      log: actionLogger,
      onSecret: core.setSecret,
      phase: (name, work) => core.group(name, work),
      getIdToken: (audience) => core.getIDToken(audience),
    });
    await renderReport(report);
    if (verdict !== 0) process.exitCode = verdict;
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
    // Input errors found once the plan is made (two entries, one target tag) are still 2.
    if (!inputsRead || error instanceof InputError) process.exitCode = SYNC_EXIT_BAD_CONFIG;
  }
}
