import type { Credential } from '../registry/auth.js';
import type { RegistryClient } from '../registry/client.js';
import type { Send } from '../registry/http.js';
import type { Logger, SecretSink } from '../registry/log.js';
import { registryClients } from './clients.js';
import { BlobHolders, type CopyHooks } from './copy.js';
import type { SyncTargetOutcome } from './sync-outcomes.js';
import type { SyncConfig, SyncImage, SyncTarget } from './sync-plan.js';

/**
 * One sync run's shared state, which every phase takes: what the job lends it, one client
 * per registry, the targets by name, and which of them can't be written (found once, by
 * signing in and a ping, so their rows fail at once instead of each tag retrying).
 */

/** What the engine needs from the job that runs it. */
export interface SyncDependencies {
  userAgent: string;
  log: Logger;
  onSecret: SecretSink;
  credentialFor: (host: string) => Credential | undefined;
  /** Why signing in to a host failed, if it did: its targets and sources fail with that. */
  signInFailure?: (host: string) => Error | undefined;
  /** The transport; by default the retrying one every job uses (it honours Retry-After). */
  send?: Send;
  /** Tags asked for per listing page (`?n=`); the registry's own default when unset. */
  pageSize?: number;
  /** Tags a source repository may list at most (`DEFAULT_MAX_TAGS` when unset). */
  maxTags?: number;
  /** How long a listed tag's manifest may answer 404 before the tag counts as failed. */
  consistencyWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  hooks?: CopyHooks;
}

/** What every phase of one sync run shares: its clients, its targets and what it learnt. */
export interface SyncRun {
  deps: SyncDependencies;
  config: SyncConfig;
  dryRun: boolean;
  targets: ReadonlyMap<string, SyncTarget>;
  /** Targets that can't be written, by name, with the reason each of their rows fails with. */
  unreachable: Map<string, string>;
  holders: BlobHolders;
  clientFor: (host: string) => RegistryClient;
}

/** A run's shared state; each target's client is made with its own endpoint settings. */
export function openSyncRun(config: SyncConfig, dryRun: boolean, deps: SyncDependencies): SyncRun {
  const client = registryClients(deps);
  const clientFor = (host: string, endpoint: { insecure?: boolean; https?: boolean } = {}) =>
    client(host, { ...endpoint, ...(deps.send && { send: deps.send }) });
  for (const t of config.targets) clientFor(t.host, { insecure: t.insecure, https: t.acr });
  return {
    deps,
    config,
    dryRun,
    targets: new Map(config.targets.map((t) => [t.name, t])),
    unreachable: new Map(),
    holders: new BlobHolders(),
    clientFor,
  };
}

/**
 * Each target is pinged once: one that can't be reached (or signed in to) fails its items at
 * once, instead of every tag waiting out the retries again.
 */
export async function pingTargets(run: SyncRun, names: readonly string[]): Promise<void> {
  const { deps, targets } = run;
  await Promise.all(
    names.map(async (name) => {
      const target = targets.get(name) as SyncTarget;
      const signInFailure = deps.signInFailure?.(target.host);
      if (signInFailure) {
        run.unreachable.set(
          name,
          `${target.host} (target ${name}): signing in failed, so nothing was written there: ` +
            signInFailure.message,
        );
        return;
      }
      try {
        await run.clientFor(target.host).ping();
      } catch (error) {
        const message =
          `${target.host} (target ${name}) could not be reached: ${(error as Error).message}. ` +
          `Check targets.${name}.registry, and that the registry is up and reachable from here`;
        run.unreachable.set(name, message);
        deps.log.warning(message);
      }
    }),
  );
}

/** A target's row for one tag of `image`, failed until a phase says otherwise. */
export function outcomeAt(run: SyncRun, name: string, image: SyncImage): SyncTargetOutcome {
  const target = run.targets.get(name) as SyncTarget;
  return { target: name, host: target.host, repository: image.repository, status: 'failed' };
}
