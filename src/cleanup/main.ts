import * as core from '@actions/core';
import { createTransport } from '../registry/http.js';
import { DEFAULT_RETRY_POLICY, withRetry } from '../registry/retry.js';
import { USER_AGENT } from '../version.js';
import { getCleanupInputs } from './inputs.js';
import { summarize } from './report.js';
import { runCleanup } from './run.js';

/** inputs → read → plan → delete → report, for `uses: giantswarm/oci-push/cleanup@v1`. */
export async function run(): Promise<void> {
  try {
    const inputs = await core.group('Inputs', async () => getCleanupInputs());
    for (const warning of inputs.warnings) core.warning(warning, { title: 'oci-push cleanup' });
    const report = await core.group(inputs.dryRun ? 'Plan (dry run)' : 'Clean', () =>
      runCleanup(inputs, {
        getIdToken: (audience) => core.getIDToken(audience),
        send: withRetry(createTransport({ userAgent: USER_AGENT }), DEFAULT_RETRY_POLICY),
        onSecret: core.setSecret,
        log: core.info,
        now: () => new Date(),
        sleep: DEFAULT_RETRY_POLICY.sleep,
      }),
    );
    const summary = summarize(report);
    for (const [name, value] of Object.entries(summary.outputs)) core.setOutput(name, value);
    await core.summary.addRaw(summary.summary).write();
    if (summary.failure) core.setFailed(summary.failure);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
