import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AcrSession } from './azure/session.js';
import { credentialHosts, resolveCredentials } from './credentials.js';
import { eventFacts, loadEventPayload } from './github-context.js';
import { nearestRelease, sourceDate } from './git.js';
import { getInputs } from './inputs.js';
import { decideBuild, planPush } from './plan.js';
import { ProgressThrottle } from './progress.js';
import { executePlan } from './push.js';
import { createTransport } from './registry/http.js';
import { buildReport, formatBytes, planLines, targetLine } from './report.js';
import { USER_AGENT } from './version.js';
import { resolveVisibility } from './visibility.js';

/** At most one progress line per registry this often, on long uploads. */
const PROGRESS_INTERVAL_MS = 5_000;

/** inputs → plan → copy → report; each phase in its own log group. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = await core.group('Inputs', async () => getInputs(env));
    const facts = eventFacts(env, await loadEventPayload(env));

    // Dev or release, and the version, come first: packaging a chart needs the version.
    const release = await nearestRelease(inputs.tagPrefix, env.GITHUB_WORKSPACE);
    const decision = decideBuild(inputs, {
      ref: facts.ref,
      sha: facts.sha,
      ...(release && { nearestRelease: release }),
    });
    const chart = inputs.chart
      ? await core.group('Chart', async () => {
          const workDir = await mkdtemp(join(env.RUNNER_TEMP || tmpdir(), 'oci-push-chart-'));
          // Charts bring tar and yaml; a run without one doesn't load them.
          const { prepareChart } = await import('./helm/prepare.js');
          const packaged = await prepareChart(inputs.chart as string, decision.version, {
            workDir,
            sourceDate: await sourceDate(env, env.GITHUB_WORKSPACE),
            runHelm: (args) =>
              getExecOutput('helm', args, { silent: true, ignoreReturnCode: true }),
          }).finally(() => rm(workDir, { recursive: true, force: true }));
          core.info(
            `${packaged.metadata.name} ${packaged.metadata.version} from ${packaged.origin}`,
          );
          return packaged;
        })
      : undefined;

    const plan = await core.group('Plan', async () => {
      const visibility = await resolveVisibility(inputs.visibility, facts, inputs.githubToken);
      const plan = planPush(inputs, decision, visibility, chart?.metadata.name);
      for (const line of planLines(plan)) core.info(line);
      return plan;
    });

    const acr = new AcrSession(plan, inputs, {
      getIdToken: (audience) => core.getIDToken(audience),
      send: createTransport({ userAgent: USER_AGENT }),
      onSecret: core.setSecret,
      log: core.info,
    });
    const credentials = await core.group('Credentials', async () => {
      const found = await resolveCredentials(
        credentialHosts(plan),
        inputs.credentials,
        env,
        core.setSecret,
        core.info,
      );
      for (const [host, credential] of await acr.login((host) => found.get(host))) {
        found.set(host, credential);
      }
      return found;
    });
    const acrOptions = await acr.pushOptions();

    const progress = new ProgressThrottle(PROGRESS_INTERVAL_MS, core.info);
    const result = await core.group(plan.dryRun ? 'Dry run (reads only)' : 'Push', () =>
      executePlan(
        plan,
        {
          userAgent: USER_AGENT,
          log: { debug: core.debug, info: core.info, warning: core.warning },
          onSecret: core.setSecret,
          credentialFor: (host) => credentials.get(host),
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
        chart,
        acrOptions,
      ),
    );
    await acr.finish(result);
    for (const t of result.targets) core.info(targetLine(t));

    const report = buildReport(result, { fromFork: facts.fromFork });
    for (const [name, value] of Object.entries(report.outputs)) core.setOutput(name, value);
    await core.summary.addRaw(report.summary).write();
    for (const a of report.annotations) core[a.level](a.message, { title: a.title });
    if (report.failure) core.setFailed(report.failure);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
