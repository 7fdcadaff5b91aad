import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { interruption, throwIfInterrupted } from '../base/errors.js';
import { isAcrHost } from '../azure/keyless.js';
import { type BuildDecision, decideBuild, planPush, type PushPlan } from '../engine/plan.js';
import type { VisibilityFacts } from '../engine/plan.js';
import { executePlan, type PushResult } from '../engine/push.js';
import type { HelmRun, PackagedChart } from '../helm/prepare.js';
import { apiHost } from '../oci/reference.js';
import { USER_AGENT } from '../registry/user-agent.js';
import type { RunDocker } from '../source/docker-daemon.js';
import { AcrPush, type AcrOutcomes, checkAcrSettings } from './acr-push.js';
import { keepReleaseIndex, withChartIndex } from './chart-index.js';
import { type JobContext, type JobOutcome, transportsOf, withStop } from './context.js';
import { commitTime, nearestRelease, sourceDate } from './git.js';
import type { PushInputs } from './push-inputs.js';
import { buildReport, planLines, type PushReport, targetLine } from './push-report.js';
import { type SignInHost, signIn } from './sign-in.js';
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

/** What the push adds to the job context: the build's visibility and the tools it runs. */
export interface PushJobContext extends JobContext {
  /** The repository's visibility, when `visibility: auto`. */
  visibility: (requested: PushInputs['visibility']) => Promise<VisibilityFacts>;
  /** Runs the helm CLI, to package a chart directory. */
  runHelm: (args: string[]) => Promise<HelmRun>;
  /** Runs the docker CLI, for a `docker-daemon:` image. */
  runDocker: RunDocker;
}

export interface PushJobOutcome extends JobOutcome<PushReport> {
  plan: PushPlan;
  result: PushResult;
  acr: AcrOutcomes;
}

/**
 * The push every face runs: inputs → decision → chart → plan → sign-in → copy → ACR →
 * report. The face renders the report and exits with the code; this never prints a secret
 * or touches the runner.
 */
export async function runPush(
  inputs: PushInputs,
  facts: BuildFacts,
  context: PushJobContext,
): Promise<PushJobOutcome> {
  const { signal } = context;
  // Dev or release, and the version, come first: packaging a chart needs the version.
  for (const warning of inputs.inputWarnings ?? []) context.log.warning(warning);
  const release = await nearestRelease(inputs.tagPrefix, facts.workspace);
  const decision = decideBuild(inputs, {
    ref: facts.ref,
    sha: facts.sha,
    ...(release && { nearestRelease: release }),
    ...(await devCommitTime(facts)),
  });
  const chart = inputs.chart
    ? await context.phase('Chart', () =>
        prepareChart(inputs.chart as string, decision, facts, context),
      )
    : undefined;
  throwIfInterrupted(signal);

  const plan = await context.phase('Plan', async () => {
    const visibility = await context.visibility(inputs.visibility);
    const plan = planPush(inputs, decision, visibility, chart?.metadata.name);
    for (const line of planLines(plan)) context.log.info(line);
    return plan;
  });
  throwIfInterrupted(signal);

  checkAcrSettings(plan, inputs);
  const transports = transportsOf(context);
  const signedIn = await context.phase('Credentials', () =>
    signIn(
      signInHosts(plan),
      { credentials: inputs.credentials, ...(inputs.azure && { azure: inputs.azure }) },
      { ...context, send: transports() },
    ),
  );
  const acr = new AcrPush(plan, inputs, signedIn, { log: context.log.info });
  const targetTags = await acr.targetTags();
  const signing = new PushSigning(plan, inputs.sigstore, {
    env: context.env,
    getIdToken: context.getIdToken,
    onSecret: context.onSecret,
    log: context.log.info,
    signal,
  });
  const attach = signing.attacher();
  throwIfInterrupted(signal);

  const result = await context.phase(plan.dryRun ? 'Dry run (reads only)' : 'Push', async () => {
    const sourceFailure =
      plan.source?.transport === 'docker'
        ? signedIn.failureFor(apiHost(plan.source.host))
        : undefined;
    // The image's own registry refused us: nothing can be read, so nothing is written.
    if (sourceFailure) throw sourceFailure;
    const result = await executePlan(
      plan,
      {
        userAgent: USER_AGENT,
        log: context.log,
        onSecret: context.onSecret,
        credentialFor: signedIn.credentialFor,
        transport: transports,
        tempDir: context.tempDir,
        runDocker: context.runDocker,
        ...(context.hooks && { hooks: context.hooks }),
        ...(attach && { attach }),
      },
      chart,
      targetTags,
    );
    for (const t of result.targets) context.log.info(targetLine(t));
    return result;
  });
  // After a stop, ACR is left as the push left it: no lock, no untagging, no index.
  const stopped = interruption(signal);
  const acrOutcomes = stopped ? new Map() : await acr.finish(result);
  const outcome = buildReport(result, {
    fromFork: facts.fromFork,
    acr: acrOutcomes,
    signatures: signing.made,
  });
  // A chart release keeps the namespace's Helm index; dev builds are never listed.
  if (chart && plan.build === 'release' && inputs.chartIndex && !stopped) {
    const index = await context.phase('Helm index', () =>
      keepReleaseIndex(inputs, plan, result, chart, {
        log: context.log,
        onSecret: context.onSecret,
        credentialFor: signedIn.credentialFor,
        transport: transports,
        workspace: facts.workspace ?? process.cwd(),
      }),
    );
    // The index adds a section and warnings; the push's rows and exit code stay as they are.
    outcome.report = { ...outcome.report, ...withChartIndex(outcome.report, index) };
  }
  return {
    plan,
    result,
    acr: acrOutcomes,
    ...withStop(outcome, signal),
  };
}

/** Every host the plan talks to, for sign-in: its targets, and a `docker://` source's registry. */
export function signInHosts(plan: Pick<PushPlan, 'targets' | 'source'>): SignInHost[] {
  const hosts: SignInHost[] = plan.targets.map((t) => ({
    host: t.host,
    acr: t.acr,
    insecure: t.insecure,
  }));
  if (plan.source?.transport === 'docker') {
    const host = apiHost(plan.source.host);
    hosts.push({ host, acr: isAcrHost(host) });
  }
  return hosts;
}

/**
 * What orders dev versions: the commit's time from the checkout; else HEAD's (a shallow
 * pull request checkout holds only the merge commit GitHub made of the head); else, with no
 * checkout at all, the time of this build, which orders successive builds as well.
 */
async function devCommitTime(
  facts: BuildFacts,
): Promise<{ commitTime: Date; commitTimeSource?: string }> {
  const time = await commitTime(facts.sha, facts.workspace);
  if (time) return { commitTime: time };
  const head = await commitTime('HEAD', facts.workspace);
  if (head) {
    return {
      commitTime: head,
      commitTimeSource: "HEAD's commit time: the checkout lacks the commit",
    };
  }
  return { commitTime: new Date(), commitTimeSource: 'the time of this build: no git checkout' };
}

async function prepareChart(
  path: string,
  decision: BuildDecision,
  facts: BuildFacts,
  context: PushJobContext,
): Promise<PackagedChart> {
  const workDir = await mkdtemp(join(context.tempDir, 'oci-push-chart-'));
  try {
    // Charts bring tar and yaml; a run without one doesn't load them.
    const { prepareChart } = await import('../helm/prepare.js');
    const packaged = await prepareChart(path, decision.version, {
      workDir,
      sourceDate: await sourceDate(context.env, facts.workspace),
      runHelm: context.runHelm,
    });
    context.log.info(
      `${packaged.metadata.name} ${packaged.metadata.version} from ${packaged.origin}`,
    );
    return packaged;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
