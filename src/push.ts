import { copyGraph, type CopyHooks, loadGraph, type TargetResult } from './copy.js';
import type { Digest } from './oci/digest.js';
import type { PlannedTarget, PushPlan } from './plan.js';
import type { Credential } from './registry/auth.js';
import { RegistryClient } from './registry/client.js';
import { createTransport } from './registry/http.js';
import { DEFAULT_RETRY_POLICY, withRetry } from './registry/retry.js';
import { openSource } from './source/open.js';

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
  digest: Digest;
  targets: PlannedResult[];
}

/** Runs a plan: reads the source's graph once, then copies it to every target at once. */
export async function executePlan(plan: PushPlan, deps: PushDependencies): Promise<PushResult> {
  const source = openSource(plan.source);
  const graph = await loadGraph(source);
  deps.log.info(
    `${source.name}: ${graph.root.mediaType} ${graph.root.digest}, ${graph.manifests.length} ` +
      `manifest(s), ${graph.blobs.length} blob(s)`,
  );
  const send = withRetry(createTransport({ userAgent: deps.userAgent }), {
    ...DEFAULT_RETRY_POLICY,
    onRetry: ({ request, attempt, reason, delayMs }) =>
      deps.log.info(
        `${request.url.host}: ${reason} on ${request.method}, retry ${attempt} in ${delayMs} ms`,
      ),
  });
  const targets = plan.targets.map((target) => {
    const credential = deps.credentialFor(target.host);
    return {
      repository: target.repository,
      client: new RegistryClient({
        endpoint: { host: target.host, insecure: target.insecure },
        ...(credential && { credential }),
        send,
        onSecret: deps.onSecret,
        onToken: ({ realm, scopes }) =>
          deps.log.debug(`${target.host}: token from ${realm} for ${scopes.join(' ')}`),
      }),
    };
  });
  const results = await copyGraph(source, graph, targets, {
    tags: plan.tags,
    immutableTags: plan.immutableTags,
    overwrite: plan.overwrite,
    dryRun: plan.dryRun,
    ...(deps.hooks && { hooks: deps.hooks }),
  });
  return {
    plan,
    digest: graph.root.digest,
    targets: results.map((result, i) => ({ ...result, target: plan.targets[i] as PlannedTarget })),
  };
}
