import * as core from '@actions/core';
import { summarize } from '../cleanup/report.js';
import { runCleanup } from '../jobs/cleanup.js';
import { createRegistryTransport, DEFAULT_RETRY_POLICY } from '../registry/retry.js';
import { USER_AGENT } from '../registry/user-agent.js';
import { getCleanupInputs } from './inputs.js';
import { info } from './log.js';
import { renderReport } from './render.js';

/** `uses: giantswarm/oci-push/cleanup@v1`: inputs → read → plan → delete → report. */
export async function runCleanupAction(): Promise<void> {
  try {
    const inputs = await core.group('Inputs', async () => getCleanupInputs());
    for (const warning of inputs.warnings) core.warning(warning, { title: 'oci-push cleanup' });
    const report = await core.group(inputs.dryRun ? 'Plan (dry run)' : 'Clean', () =>
      runCleanup(inputs, {
        getIdToken: (audience) => core.getIDToken(audience),
        send: createRegistryTransport({ userAgent: USER_AGENT, log: info }),
        onSecret: core.setSecret,
        log: info,
        now: () => new Date(),
        sleep: DEFAULT_RETRY_POLICY.sleep,
      }),
    );
    await renderReport(summarize(report));
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
