import { isAbsolute, resolve } from 'node:path';
import type { ChartIndexOutcome } from '../engine/chart-index-release.js';
import { registryClients } from '../engine/clients.js';
import type { PushPlan } from '../engine/plan.js';
import type { SyncConfig } from '../engine/sync-plan.js';
import type { SyncResult } from '../engine/sync.js';
import { type PushResult, targetClientSettings } from '../engine/push.js';
import type { PackagedChart } from '../helm/prepare.js';
import type { Credential } from '../registry/auth.js';
import type { Send } from '../registry/http.js';
import type { Logger, SecretSink } from '../registry/log.js';
import type { TransportFactory } from '../registry/retry.js';
import { USER_AGENT } from '../registry/user-agent.js';
import type { Annotation, Report } from './context.js';
import type { PushInputs } from './push-inputs.js';
import { escapeCell } from './push-report.js';

/**
 * The push job's last step for a chart release: the Helm index of `chart-repository` at each
 * registry the chart went to (docs/helm-index.md), and `chart-index-file`. A failure here is
 * a warning, never a failed release: the chart itself is pushed and its tag is immutable, and
 * running the release again (the chart is then `unchanged`) or `oci-push catalog --write`
 * repairs the index.
 */
export interface ChartIndexStep {
  outcomes: ChartIndexOutcome[];
  file?: { path: string; written: boolean; from?: string; reason?: string };
}

export interface ChartIndexStepDependencies {
  log: Logger;
  onSecret: SecretSink;
  credentialFor: (host: string) => Credential | undefined;
  /** Where a relative `chart-index-file` is resolved. */
  workspace?: string;
}

export async function keepReleaseIndex(
  inputs: PushInputs,
  plan: PushPlan,
  result: PushResult,
  chart: PackagedChart,
  /** `transport`: the job's, which carries its stop, so a stopped job's index requests end. */
  deps: ChartIndexStepDependencies & { transport: TransportFactory },
): Promise<ChartIndexStep> {
  // Loaded only for a chart release, like the chart's own code (yaml, tar).
  const { keepChartIndexes } = await import('../engine/chart-index-release.js');
  const clients = indexClients(deps);
  const lines = [...inputs.registries, ...inputs.mirrors];
  const outcomes = await keepChartIndexes(plan, result.targets, chart, inputs.chartRepository, {
    clientFor: (target) => clients(target.host, targetClientSettings(target)),
    lineVisibility: (target) => lines.find((l) => l.host === target.host)?.visibility,
  });
  logOutcomes(outcomes, deps.log);
  if (!inputs.chartIndexFile) return { outcomes };

  const path = isAbsolute(inputs.chartIndexFile)
    ? inputs.chartIndexFile
    : resolve(deps.workspace ?? process.cwd(), inputs.chartIndexFile);
  // The first main registry's index: the one a published catalog points its users at.
  const source = outcomes.find(
    (o) =>
      o.target.role === 'registry' && o.index && (o.status === 'updated' || o.status === 'present'),
  );
  if (!source?.index) {
    const reason = plan.dryRun
      ? 'a dry run writes nothing'
      : 'no main registry has an index with this release in it (see the rows above)';
    return { outcomes, file: { path, written: false, reason } };
  }
  const [{ renderIndexYaml }, { writeIndexFile }] = await Promise.all([
    import('../helm/chart-index.js'),
    import('./catalog.js'),
  ]);
  await writeIndexFile(
    path,
    renderIndexYaml(source.index, {
      host: source.target.host,
      namespace: inputs.chartRepository,
      generated: new Date().toISOString(),
    }),
  );
  deps.log.info(`${path}: the index of ${source.reference} written`);
  return { outcomes, file: { path, written: true, from: source.reference } };
}

/**
 * The sync job's last step when its config names `helmIndex`: each namespace's index at every
 * target that received its charts (a failure warns, as for a release).
 */
export async function keepSyncIndex(
  config: SyncConfig,
  result: SyncResult,
  deps: ChartIndexStepDependencies & { send?: Send; pageSize?: number },
): Promise<ChartIndexStep> {
  const { keepSyncedIndexes } = await import('../engine/chart-index-sync.js');
  const clients = indexClients(deps);
  const outcomes = await keepSyncedIndexes(config, result, {
    clientFor: (t) =>
      clients(t.host, {
        insecure: t.insecure,
        https: t.acr,
        ...(deps.send && { send: deps.send }),
      }),
    ...(deps.pageSize && { pageSize: deps.pageSize }),
  });
  logOutcomes(outcomes, deps.log);
  return { outcomes };
}

/** The index step's clients: the job's sign-in, over the job's transport when it gives one. */
function indexClients(deps: ChartIndexStepDependencies & { transport?: TransportFactory }) {
  return registryClients({
    userAgent: USER_AGENT,
    log: deps.log,
    onSecret: deps.onSecret,
    credentialFor: deps.credentialFor,
    ...(deps.transport && { transport: deps.transport }),
  });
}

function logOutcomes(outcomes: readonly ChartIndexOutcome[], log: Logger): void {
  for (const o of outcomes) {
    log.info(`${o.reference}: ${describeOutcome(o)}`);
    for (const warning of o.warnings) log.warning(`${o.reference}: ${warning}`);
  }
}

function describeOutcome(o: ChartIndexOutcome): string {
  const versions = o.index ? ` (${countVersions(o)} versions)` : '';
  switch (o.status) {
    case 'updated':
      return `updated${versions}, ${o.digest ?? ''}`;
    case 'present':
      return `already up to date${versions}`;
    case 'would-update':
      return 'would be updated';
    case 'skipped':
      return `not updated: ${o.reason ?? ''}`;
    case 'failed':
      return `failed: ${o.error ?? ''}`;
  }
}

function countVersions(o: ChartIndexOutcome): number {
  let n = 0;
  for (const versions of o.index?.values() ?? []) n += versions.size;
  return n;
}

const STATUS_TEXT: Record<ChartIndexOutcome['status'], string> = {
  updated: '✅ updated',
  present: '✅ already listed',
  'would-update': '🔍 would update',
  skipped: '⏭️ not updated',
  failed: '🟡 failed, not blocking',
};

/** The push's report, with the index's rows, its warnings, and the file. */
export function withChartIndex(report: Report, step: ChartIndexStep): Report {
  if (step.outcomes.length === 0 && !step.file) return report;
  const rows = step.outcomes.map((o) => {
    const role = o.target.role === 'mirror' ? ' (mirror)' : '';
    const detail =
      o.status === 'failed'
        ? (o.error ?? '')
        : o.status === 'skipped'
          ? (o.reason ?? '')
          : o.index
            ? `${countVersions(o)} versions, \`${o.digest ?? ''}\``
            : '—';
    return `| \`${o.reference}\`${role} | ${STATUS_TEXT[o.status]} | ${escapeCell(detail)} |`;
  });
  const lines = ['', '### Helm index', '', '| index | status | |', '| --- | --- | --- |', ...rows];
  if (step.file) {
    lines.push(
      '',
      step.file.written
        ? `Written to \`${step.file.path}\` (the index of \`${step.file.from ?? ''}\`).`
        : `Not written to \`${step.file.path}\`: ${step.file.reason ?? ''}.`,
    );
  }
  const annotations: Annotation[] = step.outcomes
    .filter((o) => o.status === 'failed')
    .map((o) => ({
      level: 'warning' as const,
      title: `oci-push: Helm index at ${o.target.host} not updated`,
      message:
        `${o.error ?? ''}. The charts themselves are there; run again, or rebuild the index with ` +
        `\`oci-push catalog --registry ${o.target.host} --namespace ${o.namespace} --write\`.`,
    }));
  if (step.file && !step.file.written) {
    annotations.push({
      level: 'warning',
      title: 'oci-push: chart-index-file not written',
      message: `${step.file.path} was not written: ${step.file.reason ?? ''}.`,
    });
  }
  return {
    ...report,
    summary: `${report.summary.trimEnd()}\n${lines.join('\n')}\n`,
    annotations: [...report.annotations, ...annotations],
  };
}
