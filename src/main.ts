import * as core from '@actions/core';
import { getInputs } from './inputs.js';
import { planPush } from './plan.js';
import { executePlan } from './push.js';
import { outputsOf, summaryMarkdown } from './report.js';
import { USER_AGENT } from './version.js';

/** inputs → plan → copy → report; each phase in its own log group. */
export async function run(): Promise<void> {
  try {
    const inputs = await core.group('Inputs', async () => getInputs());
    const plan = await core.group('Plan', async () => {
      const plan = planPush(inputs);
      for (const t of plan.targets)
        core.info(`${plan.build} build → ${t.host}/${t.repository} (by digest, no tag)`);
      return plan;
    });
    const result = await core.group('Push', () =>
      executePlan(plan, {
        userAgent: USER_AGENT,
        log: { debug: core.debug, info: core.info, warning: core.warning },
        onSecret: core.setSecret,
        hooks: {
          onBlob: ({ target, blob, outcome }) =>
            core.info(
              `${target.client.host}/${target.repository}: ${outcome} ${blob.digest} (${blob.size} bytes)`,
            ),
        },
      }),
    );
    for (const [name, value] of Object.entries(outputsOf(result))) core.setOutput(name, value);
    await core.summary.addRaw(summaryMarkdown(result)).write();
    const failed = result.targets.filter((t) => t.status === 'failed');
    for (const t of failed)
      core.error(t.error?.message ?? 'failed', { title: `oci-push: ${t.host}` });
    if (failed.length > 0) {
      core.setFailed(
        `Push failed on ${failed.map((t) => t.host).join(', ')}; see the errors above.`,
      );
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
