import type { PackagedChart } from '../helm/prepare.js';
import type { Digest } from '../oci/digest.js';
import { apiHost } from '../oci/reference.js';
import type { Credential } from '../registry/auth.js';
import type { RegistryClient } from '../registry/client.js';
import type { Logger, SecretSink } from '../registry/log.js';
import { MIRROR_ATTEMPTS, MIRROR_TIMEOUT_MS, type TransportFactory } from '../registry/retry.js';
import type { RunDocker } from '../source/docker-daemon.js';
import { openSource } from '../source/open.js';
import { RegistrySource } from '../source/registry.js';
import type { ContentSource } from '../source/source.js';
import {
  type Attacher,
  type Attachment,
  type AttachmentOutcome,
  attachToTarget,
} from './attach.js';
import { type ClientSettings, registryClients } from './clients.js';
import {
  BlobHolders,
  copyGraph,
  type CopyHooks,
  type CopyTarget,
  type ImageGraph,
  loadGraph,
  type TargetResult,
} from './copy.js';
import { type HeldTag, higherRelease } from './floating-tags.js';
import type { ArtifactKind, PlannedTarget, PushPlan } from './plan.js';
import {
  copyReferrers,
  discoverReferrers,
  type ReferrersResult,
  type SubjectReferrers,
} from './referrers.js';

/** What the engine needs from the face that runs it (the action, the CLI, the demo, the bench). */
export interface PushDependencies {
  userAgent: string;
  log: Logger;
  onSecret: SecretSink;
  credentialFor: (host: string) => Credential | undefined;
  /** Makes each registry's transport (a main registry's and a mirror's deadlines differ). */
  transport?: TransportFactory;
  hooks?: CopyHooks;
  /** Where sources unpack archives; the runner's temp dir in the action. */
  tempDir?: string;
  /** Runs the docker CLI, for a `docker-daemon:` source. */
  runDocker?: RunDocker;
  /** Makes this run's signatures of each artifact; they go in before its tags. */
  attach?: Attacher;
}

export interface PlannedResult extends TargetResult {
  target: PlannedTarget;
  /** The image's signatures, SBOMs and attestations at this target. */
  referrers?: ReferrersResult;
  /** Floating tags left where they were: a higher release is in this repository. */
  heldTags?: HeldTag[];
  /** This run's own signatures of the artifact at this target (see `PushDependencies.attach`). */
  attachments?: AttachmentOutcome[];
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
 * What a target adds to the plan, decided by the face (from ACR's locks and `dev-untag`, say),
 * given the artifact's root digest once it is known.
 */
export interface TargetTags {
  /** Tags pushed to this target instead of the plan's (a dev build's passing tag). */
  tags?: readonly string[];
  /** Tags the registry has locked: never moved, whatever `overwrite` says. */
  lockedTags?: readonly string[];
  /** Runs once the target's tags are verified (to lock the release at once, say). */
  afterTagsVerified?: CopyTarget['afterTagsVerified'];
  /** The target can't be pushed, for this reason (its login failed): reported as failed. */
  failure?: Error;
}
export type TargetTagsFor = (target: PlannedTarget, digest: Digest) => TargetTags | undefined;

/**
 * How to reach a planned target: its line's `insecure`, `acr` and `timeout=`; a mirror's
 * deadline and retry budget are short, as it is best-effort.
 */
export function targetClientSettings(target: PlannedTarget | undefined): ClientSettings {
  const mirror = target?.role === 'mirror';
  const timeoutMs =
    target?.timeoutSeconds !== undefined
      ? target.timeoutSeconds * 1000
      : mirror
        ? MIRROR_TIMEOUT_MS
        : undefined;
  return {
    insecure: target?.insecure ?? false,
    https: target?.acr ?? false,
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(mirror && { attempts: MIRROR_ATTEMPTS }),
  };
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
  targetTags?: TargetTagsFor,
): Promise<PushResult> {
  // A host is in `registries` or `mirrors`, never both (the plan checks), so each client
  // has one deadline and one retry budget: a mirror's are short, it is best-effort.
  const client = registryClients(deps);
  const clientFor = (host: string, target?: PlannedTarget): RegistryClient =>
    client(host, targetClientSettings(target));

  const sources: Partial<Record<ArtifactKind, ContentSource>> = {};
  try {
    if (plan.source) {
      sources.image = openSource(plan.source, {
        ...(deps.tempDir && { tempDir: deps.tempDir }),
        ...(deps.runDocker && { runDocker: deps.runDocker }),
        registrySource: (ref) =>
          new RegistrySource(
            clientFor(apiHost(ref.host)),
            ref.repository,
            ref.digest ?? ref.tag ?? 'latest',
            { onWait: deps.log.info, input: 'the `image` input' },
          ),
      });
    }
    if (plan.chart) {
      if (!chart)
        throw new Error(`The plan has the chart ${plan.chart.name}, but it was not prepared`);
      const { HelmChartSource } = await import('../source/helm-chart.js');
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

    // Referrers are read from the source once, like the graph, before any target is touched.
    let referrers: SubjectReferrers[] = [];
    if (sources.image && graphs.image && plan.referrers !== false) {
      referrers = await discoverReferrers(sources.image, graphs.image, plan.referrers, (m) =>
        deps.log.warning(m),
      );
      const count = referrers.reduce((n, s) => n + s.referrers.length + s.tagged.length, 0);
      if (count > 0) deps.log.info(`${sources.image.name}: ${count} referrer(s) go with it`);
    }

    // One run shares what each registry holds: a blob already in one repository of a
    // registry (the source's, or another target's) is mounted, not uploaded again.
    const holders = new BlobHolders();
    const image = sources.image;
    if (image instanceof RegistrySource && graphs.image) {
      const referrerBlobs = referrers.flatMap((s) =>
        [...s.referrers, ...s.tagged].flatMap((r) => r.graph.blobs),
      );
      for (const blob of [...graphs.image.blobs, ...referrerBlobs])
        holders.holds(image.host, blob.digest, image.repository);
    }

    const runs = (Object.keys(sources) as ArtifactKind[]).map(async (kind) => {
      const source = sources[kind] as ContentSource;
      const graph = graphs[kind] as ImageGraph;
      const planned = plan.targets.filter((t) => t.artifact === kind);
      const tags = kind === 'image' ? plan.tags : (plan.chart?.tags ?? []);
      // Where the artifact and its referrers go, per target.
      const destinations: CopyTarget[] = planned.map((t) => ({
        client: clientFor(t.host, t),
        repository: t.repository,
        asksBeforeManifests: t.acr,
      }));
      const held =
        kind === 'image'
          ? await Promise.all(destinations.map((d) => heldFloatingTags(plan, d)))
          : planned.map(() => []);
      // Signing runs while the blobs go in; each target waits for it before its tags. What
      // an earlier run attached is looked for at the main registries (a mirror's answer,
      // slow or never, would hold the release back), or the mirrors when there are none.
      const mains = destinations.filter((_, i) => planned[i]?.role !== 'mirror');
      const lookIn = mains.length > 0 ? mains : destinations;
      const attaching =
        deps.attach && !plan.dryRun ? deps.attach(kind, graph, source, lookIn) : undefined;
      attaching?.catch(() => undefined);
      const attached: (AttachmentOutcome[] | undefined)[] = [];
      const beforeTags = (i: number) => async (): Promise<void> => {
        const untagged =
          `No tag was written to ${planned[i]?.host}/${planned[i]?.repository}: it holds the ` +
          `${kind} by digest only, so no tag points at it unsigned`;
        let made: Attachment[];
        try {
          made = await (attaching as Promise<Attachment[]>);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(`${message.replace(/\.$/, '')}. ${untagged}`, { cause: error });
        }
        const outcomes = await attachToTarget(made, destinations[i] as CopyTarget, holders);
        attached[i] = outcomes;
        const failed = outcomes.filter((o) => o.action === 'failed');
        if (failed.length > 0) {
          throw new Error(
            `${failed.map((o) => o.error).join('; ')}. ${untagged}. Run again to finish`,
          );
        }
      };
      const results = await copyGraph(
        source,
        graph,
        planned.map((t, i) => {
          const own = targetTags?.(t, graph.root.digest);
          const left = new Set((held[i] ?? []).map((h) => h.tag));
          return {
            ...(destinations[i] as CopyTarget),
            input: t.role === 'mirror' ? 'mirrors' : 'registries',
            ...(attaching && { beforeTags: beforeTags(i) }),
            ...own,
            ...(left.size > 0 && { tags: (own?.tags ?? tags).filter((tag) => !left.has(tag)) }),
          };
        }),
        {
          tags,
          // A release's version tag; a dev build's tags name one commit or branch, and move.
          immutableTags: plan.build === 'release' ? tags.slice(0, 1) : [],
          overwrite: plan.overwrite,
          dryRun: plan.dryRun,
          holders,
          ...(deps.hooks && { hooks: deps.hooks }),
        },
      );
      return Promise.all(
        results.map(async (copy, i): Promise<PlannedResult> => {
          const target = planned[i] as PlannedTarget;
          const heldTags = held[i] ?? [];
          const own = attached[i];
          const withHeld = {
            ...copy,
            target,
            ...(own && { attachments: own }),
            ...(heldTags.length > 0 && { heldTags }),
          };
          // A refused or failed image has no place for its referrers; an unchanged one still
          // gets new ones (a signature added to an old release).
          const carries = kind === 'image' && referrers.length > 0 && copy.status !== 'failed';
          if (!carries || copy.status === 'refused') return withHeld;
          const copied = await copyReferrers(source, referrers, destinations[i] as CopyTarget, {
            dryRun: plan.dryRun,
            holders,
            ...(deps.hooks && { hooks: deps.hooks }),
          });
          return { ...withHeld, referrers: copied };
        }),
      );
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

/**
 * The forward-only floating tags that stay where they are at this target: all of them when
 * the repository holds a higher release than this one (or its tags can't be read, as moving
 * `latest` backwards is worse than leaving it), none otherwise.
 */
async function heldFloatingTags(plan: PushPlan, target: CopyTarget): Promise<HeldTag[]> {
  const floating = plan.forwardOnlyTags ?? [];
  if (floating.length === 0) return [];
  let reason: string | undefined;
  try {
    const tags = await target.client.listTags(target.repository);
    const higher = higherRelease(plan.version, tags, plan.tagSuffix ?? '');
    if (higher !== undefined) {
      reason =
        `${higher} is a higher release in this repository, and a floating tag moves only to ` +
        'the highest; `floating-tags: always` (or `overwrite: true`) moves it anyway';
    }
  } catch (error) {
    reason =
      `the repository's tags could not be read to find its highest release ` +
      `(${(error as Error).message}), so it was not moved`;
  }
  return reason === undefined ? [] : floating.map((tag) => ({ tag, reason }));
}
