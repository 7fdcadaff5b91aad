import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CopyHooks } from '../engine/copy.js';
import { type BuildDecision, decideBuild, planPush, type PushPlan } from '../engine/plan.js';
import type { VisibilityFacts } from '../engine/plan.js';
import { executePlan, type PushResult } from '../engine/push.js';
import type { HelmRun, PackagedChart } from '../helm/prepare.js';
import type { Logger, SecretSink } from '../registry/log.js';
import { createRegistryTransport } from '../registry/retry.js';
import { USER_AGENT } from '../registry/user-agent.js';
import { AcrPush, type AcrOutcomes } from './acr-push.js';
import { keepReleaseIndex, withChartIndex } from './chart-index.js';
import { credentialHosts, resolveCredentials } from './credentials.js';
import { nearestRelease, sourceDate } from './git.js';
import type { PushInputs } from './push-inputs.js';
import { buildReport, planLines, type Report, targetLine } from './push-report.js';
import { PushSigning } from './signing.js';

/** What the face knows about the build: from the GitHub event, or from git and the CI's variables. */
export interface BuildFacts {
  /** `refs/tags/v1.2.3`, `refs/heads/main`, `refs/pull/7/merge`. */
  ref: string;
  /** The commit a dev version names. */
  sha: string;
  /** A pull request from a fork: it has no secrets, so a registry that needs one is skipped. */
  fromFork: boolean;
  /** The git checkout, for the nearest release and a chart's source date. */
  workspace?: string;
}

/** What a face lends the push job: how it logs, masks, groups and asks for tokens. */
export interface PushJobDependencies {
  env: NodeJS.ProcessEnv;
  log: Logger;
  onSecret: SecretSink;
  /** Runs one phase of the job; the action puts each in a log group. */
  phase: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  /** The repository's visibility, when `visibility: auto`. */
  visibility: (requested: PushInputs['visibility']) => Promise<VisibilityFacts>;
  /** GitHub's OIDC token, for keyless Azure login. */
  getIdToken: (audience: string) => Promise<string>;
  /** Runs the helm CLI, to package a chart directory. */
  runHelm: (args: string[]) => Promise<HelmRun>;
  /** Where archives are unpacked and charts packaged. */
  tempDir: string;
  hooks?: CopyHooks;
}

export interface PushJobOutcome {
  plan: PushPlan;
  result: PushResult;
  acr: AcrOutcomes;
  report: Report;
}

/**
 * The push every face runs: inputs → decision → chart → plan → credentials → copy → ACR →
 * report. The face renders the report; this never prints a secret or touches the runner.
 */
export async function runPush(
  inputs: PushInputs,
  facts: BuildFacts,
  deps: PushJobDependencies,
): Promise<PushJobOutcome> {
  // Dev or release, and the version, come first: packaging a chart needs the version.
  const release = await nearestRelease(inputs.tagPrefix, facts.workspace);
  const decision = decideBuild(inputs, {
    ref: facts.ref,
    sha: facts.sha,
    ...(release && { nearestRelease: release }),
  });
  const chart = inputs.chart
    ? await deps.phase('Chart', () => prepareChart(inputs.chart as string, decision, facts, deps))
    : undefined;

  const plan = await deps.phase('Plan', async () => {
    const visibility = await deps.visibility(inputs.visibility);
    const plan = planPush(inputs, decision, visibility, chart?.metadata.name);
    for (const line of planLines(plan)) deps.log.info(line);
    return plan;
  });

  const acr = new AcrPush(plan, inputs, {
    getIdToken: deps.getIdToken,
    send: createRegistryTransport({ userAgent: USER_AGENT, log: deps.log.info }),
    onSecret: deps.onSecret,
    log: deps.log.info,
  });
  const credentials = await deps.phase('Credentials', async () => {
    const found = await resolveCredentials(
      credentialHosts(plan),
      inputs.credentials,
      deps.env,
      deps.onSecret,
      deps.log.info,
    );
    for (const [host, credential] of await acr.login((host) => found.get(host))) {
      found.set(host, credential);
    }
    return found;
  });
  const targetTags = await acr.targetTags();
  const signing = new PushSigning(plan, inputs.sigstore, {
    env: deps.env,
    getIdToken: deps.getIdToken,
    onSecret: deps.onSecret,
    log: deps.log.info,
  });
  const attach = signing.attacher();

  const result = await deps.phase(plan.dryRun ? 'Dry run (reads only)' : 'Push', async () => {
    const result = await executePlan(
      plan,
      {
        userAgent: USER_AGENT,
        log: deps.log,
        onSecret: deps.onSecret,
        credentialFor: (host) => credentials.get(host),
        tempDir: deps.tempDir,
        ...(deps.hooks && { hooks: deps.hooks }),
        ...(attach && { attach }),
      },
      chart,
      targetTags,
    );
    for (const t of result.targets) deps.log.info(targetLine(t));
    return result;
  });
  const acrOutcomes = await acr.finish(result);
  let report = buildReport(result, {
    fromFork: facts.fromFork,
    acr: acrOutcomes,
    signatures: signing.made,
  });
  // A chart release keeps the namespace's Helm index; dev builds are never listed.
  if (chart && plan.build === 'release' && inputs.chartIndex) {
    const index = await deps.phase('Helm index', () =>
      keepReleaseIndex(inputs, plan, result, chart, {
        log: deps.log,
        onSecret: deps.onSecret,
        credentialFor: (host) => credentials.get(host),
        workspace: facts.workspace ?? process.cwd(),
      }),
    );
    report = withChartIndex(report, index);
  }
  return { plan, result, acr: acrOutcomes, report };
}

async function prepareChart(
  path: string,
  decision: BuildDecision,
  facts: BuildFacts,
  deps: PushJobDependencies,
): Promise<PackagedChart> {
  const workDir = await mkdtemp(join(deps.tempDir, 'oci-push-chart-'));
  try {
    // Charts bring tar and yaml; a run without one doesn't load them.
    const { prepareChart } = await import('../helm/prepare.js');
    const packaged = await prepareChart(path, decision.version, {
      workDir,
      sourceDate: await sourceDate(deps.env, facts.workspace),
      runHelm: deps.runHelm,
    });
    deps.log.info(`${packaged.metadata.name} ${packaged.metadata.version} from ${packaged.origin}`);
    return packaged;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
