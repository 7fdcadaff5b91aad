import {
  copyGraph,
  type CopyHooks,
  type ImageGraph,
  loadGraph,
  type TargetResult,
} from './copy.js';
import type { Digest } from './oci/digest.js';
import type { ArtifactKind, PlannedTarget, PushPlan } from './plan.js';
import type { Credential } from './registry/auth.js';
import { RegistryClient } from './registry/client.js';
import { createTransport } from './registry/http.js';
import { DEFAULT_RETRY_POLICY, withRetry } from './registry/retry.js';
import { HelmChartSource, type PackagedChart } from './source/helm-chart.js';
import { openSource } from './source/open.js';
import type { ContentSource } from './source/source.js';

/** What the core needs from its host (the action, the demo, the bench). */
export interface PushDependencies {
  userAgent: string;
  log: Logger;
  /** Called with each secret (token, encoded credential) before it could be used. */
  onSecret: (secret: string) => void;
  credentialFor: (host: string) => Credential | undefined;
  hooks?: CopyHooks;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

export interface PlannedResult extends TargetResult {
  target: PlannedTarget;
}

export interface PushResult {
  plan: PushPlan;
  /** The image's and the chart's manifest digests, for those the plan has. */
  digests: Partial<Record<ArtifactKind, Digest>>;
  targets: PlannedResult[];
}

/**
 * Runs a plan: reads each artifact's graph once (the image from its source, the chart as
 * helm builds it), then copies both to all their targets at once. A registry that takes both
 * is reached through one client, so one token cache serves both.
 */
export async function executePlan(
  plan: PushPlan,
  deps: PushDependencies,
  chart?: PackagedChart,
): Promise<PushResult> {
  const sources: Partial<Record<ArtifactKind, ContentSource>> = {};
  if (plan.source) sources.image = openSource(plan.source);
  if (plan.chart) {
    if (!chart)
      throw new Error(`The plan has the chart ${plan.chart.name}, but it was not prepared`);
    sources.chart = new HelmChartSource(chart);
  }
  const graphs: Partial<Record<ArtifactKind, ImageGraph>> = {};
  for (const [kind, source] of Object.entries(sources) as [ArtifactKind, ContentSource][]) {
    const graph = await loadGraph(source);
    graphs[kind] = graph;
    deps.log.info(
      `${source.name}: ${graph.root.mediaType} ${graph.root.digest}, ${graph.manifests.length} ` +
        `manifest(s), ${graph.blobs.length} blob(s)`,
    );
  }

  const send = withRetry(createTransport({ userAgent: deps.userAgent }), {
    ...DEFAULT_RETRY_POLICY,
    onRetry: ({ request, attempt, reason, delayMs }) =>
      deps.log.info(
        `${request.url.host}: ${reason} on ${request.method}, retry ${attempt} in ${delayMs} ms`,
      ),
  });
  const clients = new Map<string, RegistryClient>();
  const clientFor = (target: PlannedTarget): RegistryClient => {
    let client = clients.get(target.host);
    if (!client) {
      const credential = deps.credentialFor(target.host);
      client = new RegistryClient({
        endpoint: { host: target.host, insecure: target.insecure },
        ...(credential && { credential }),
        send,
        onSecret: deps.onSecret,
        onToken: ({ realm, scopes }) =>
          deps.log.debug(`${target.host}: token from ${realm} for ${scopes.join(' ')}`),
      });
      clients.set(target.host, client);
    }
    return client;
  };

  const runs = (Object.keys(sources) as ArtifactKind[]).map(async (kind) => {
    const source = sources[kind] as ContentSource;
    const graph = graphs[kind] as ImageGraph;
    const planned = plan.targets.filter((t) => t.artifact === kind);
    const tags = kind === 'image' ? plan.tags : (plan.chart?.tags ?? []);
    const results = await copyGraph(
      source,
      graph,
      planned.map((t) => ({ client: clientFor(t), repository: t.repository })),
      {
        tags,
        immutableTags: tags.slice(0, 1),
        overwrite: plan.overwrite,
        dryRun: plan.dryRun,
        ...(deps.hooks && { hooks: deps.hooks }),
      },
    );
    return results.map((result, i) => ({ ...result, target: planned[i] as PlannedTarget }));
  });
  const targets = (await Promise.all(runs)).flat();
  const digests: Partial<Record<ArtifactKind, Digest>> = {};
  for (const [kind, graph] of Object.entries(graphs) as [ArtifactKind, ImageGraph][]) {
    digests[kind] = graph.root.digest;
  }
  return { plan, digests, targets };
}
