import {
  BlobHolders,
  copyGraph,
  type CopyHooks,
  type ImageGraph,
  loadGraph,
  type TargetResult,
} from './copy.js';
import type { Digest } from './oci/digest.js';
import type { AcrOutcome } from './azure/session.js';
import type { ArtifactKind, PlannedTarget, PushPlan } from './plan.js';
import type { Credential } from './registry/auth.js';
import { RegistryClient } from './registry/client.js';
import { createTransport } from './registry/http.js';
import { DEFAULT_RETRY_POLICY, withRetry } from './registry/retry.js';
import type { PackagedChart } from './source/helm-chart.js';
import { apiHost } from './oci/reference.js';
import { openSource } from './source/open.js';
import { RegistrySource } from './source/registry.js';
import type { ContentSource } from './source/source.js';

/** What the core needs from its host (the action, the demo, the bench). */
export interface PushDependencies {
  userAgent: string;
  log: Logger;
  /** Called with each secret (token, encoded credential) before it could be used. */
  onSecret: (secret: string) => void;
  credentialFor: (host: string) => Credential | undefined;
  hooks?: CopyHooks;
  /** Where sources unpack archives; the runner's temp dir in the action. */
  tempDir?: string;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

export interface PlannedResult extends TargetResult {
  target: PlannedTarget;
  /** What ACR did after the push (locks, untagging), when asked to. */
  acr?: AcrOutcome;
}

export interface PushResult {
  plan: PushPlan;
  /** The image's and the chart's manifest digests, for those the plan has. */
  digests: Partial<Record<ArtifactKind, Digest>>;
  /** Every manifest of each artifact's graph, children first, the root last. */
  manifests: Partial<Record<ArtifactKind, Digest[]>>;
  targets: PlannedResult[];
}

/**
 * Runs a plan: reads each artifact's graph once (the image from its source, the chart as
 * helm builds it), then copies both to all their targets at once. A registry that takes both
 * is reached through one client, so one token cache serves both.
 */
/** What ACR adds to a push (see `src/azure/`). */
export interface AcrPushOptions {
  /** A dev build's passing tag on ACR targets, given its digest; untagged after the push. */
  passingTag?: (digest: Digest) => string;
  /** Tags locked on each ACR target, by `host/repository`. */
  lockedTags?: ReadonlyMap<string, readonly string[]>;
}

export async function executePlan(
  plan: PushPlan,
  deps: PushDependencies,
  chart?: PackagedChart,
  acr: AcrPushOptions = {},
): Promise<PushResult> {
  const send = withRetry(createTransport({ userAgent: deps.userAgent }), {
    ...DEFAULT_RETRY_POLICY,
    onRetry: ({ request, attempt, reason, delayMs }) =>
      deps.log.info(
        `${request.url.host}: ${reason} on ${request.method}, retry ${attempt} in ${delayMs} ms`,
      ),
  });
  const clients = new Map<string, RegistryClient>();
  const clientFor = (host: string, insecure = false, https = false): RegistryClient => {
    let client = clients.get(host);
    if (!client) {
      const credential = deps.credentialFor(host);
      client = new RegistryClient({
        endpoint: { host, insecure, https },
        ...(credential && { credential }),
        send,
        onSecret: deps.onSecret,
        onToken: ({ realm, scopes }) =>
          deps.log.debug(`${host}: token from ${realm} for ${scopes.join(' ')}`),
      });
      clients.set(host, client);
    }
    return client;
  };

  const sources: Partial<Record<ArtifactKind, ContentSource>> = {};
  try {
    if (plan.source) {
      sources.image = openSource(plan.source, {
        ...(deps.tempDir && { tempDir: deps.tempDir }),
        registrySource: (ref) =>
          new RegistrySource(
            clientFor(apiHost(ref.host)),
            ref.repository,
            ref.digest ?? ref.tag ?? 'latest',
          ),
      });
    }
    if (plan.chart) {
      if (!chart)
        throw new Error(`The plan has the chart ${plan.chart.name}, but it was not prepared`);
      const { HelmChartSource } = await import('./source/helm-chart.js');
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

    // One run shares what each registry holds: a blob already in one repository of a
    // registry (the source's, or another target's) is mounted, not uploaded again.
    const holders = new BlobHolders();
    const image = sources.image;
    if (image instanceof RegistrySource && graphs.image) {
      for (const blob of graphs.image.blobs)
        holders.holds(image.host, blob.digest, image.repository);
    }

    const runs = (Object.keys(sources) as ArtifactKind[]).map(async (kind) => {
      const source = sources[kind] as ContentSource;
      const graph = graphs[kind] as ImageGraph;
      const planned = plan.targets.filter((t) => t.artifact === kind);
      const tags = kind === 'image' ? plan.tags : (plan.chart?.tags ?? []);
      const results = await copyGraph(
        source,
        graph,
        planned.map((t) => {
          const passing =
            plan.build === 'dev' && t.acr && acr.passingTag
              ? acr.passingTag(graph.root.digest)
              : undefined;
          const locked = acr.lockedTags?.get(`${t.host}/${t.repository}`);
          return {
            client: clientFor(t.host, t.insecure, t.acr),
            repository: t.repository,
            ...(passing && { tags: [passing] }),
            ...(locked && { lockedTags: locked }),
          };
        }),
        {
          tags,
          immutableTags: tags.slice(0, 1),
          overwrite: plan.overwrite,
          dryRun: plan.dryRun,
          holders,
          ...(deps.hooks && { hooks: deps.hooks }),
        },
      );
      return results.map((result, i) => ({ ...result, target: planned[i] as PlannedTarget }));
    });
    const targets = (await Promise.all(runs)).flat();
    const digests: Partial<Record<ArtifactKind, Digest>> = {};
    const manifests: Partial<Record<ArtifactKind, Digest[]>> = {};
    for (const [kind, graph] of Object.entries(graphs) as [ArtifactKind, ImageGraph][]) {
      digests[kind] = graph.root.digest;
      manifests[kind] = graph.manifests.map((m) => m.descriptor.digest);
    }
    return { plan, digests, manifests, targets };
  } finally {
    await Promise.all(Object.values(sources).map((source) => source.close?.()));
  }
}
