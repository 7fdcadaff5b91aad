import type { TokenCredential } from '@azure/identity';
import { AcrApi, passingTag } from '../azure/acr.js';
import {
  acrRefreshToken,
  type AzureLogin,
  entraCredential,
  type KeylessDependencies,
} from '../azure/keyless.js';
import type { PlannedTarget, PushPlan } from '../engine/plan.js';
import type { TargetResult } from '../engine/copy.js';
import type { PushResult, TargetTagsFor } from '../engine/push.js';
import type { Digest } from '../oci/digest.js';
import type { Credential } from '../registry/auth.js';

/** What ACR did for one registry after the push; shown in the summary. */
export interface AcrOutcome {
  /** The release's manifests (an index's children included) and tags, now locked. */
  locked?: { manifests: number; tags: string[] };
  /** The dev build's passing tag, deleted: the manifest is now an untagged manifest. */
  untagged?: string;
  /** Locking failed: the release is pushed but not locked. */
  lockError?: Error;
  /** Untagging failed: the passing tag is still there. */
  untagError?: Error;
}

export interface AcrSettings {
  azure?: AzureLogin;
  lock: boolean;
  devUntag: boolean;
}

export interface AcrSessionDependencies extends KeylessDependencies {
  log: (message: string) => void;
}

/** What ACR did for each target, beside the push's own results (which it never edits). */
export type AcrOutcomes = ReadonlyMap<PlannedTarget, AcrOutcome>;

/**
 * Everything ACR-specific around a push, wired from the Azure adapter: keyless login before
 * it, the lock check that keeps a locked release from being overwritten, and after it the
 * lock or the untagging. The engine sees only the tags this hands it.
 */
export class AcrPush {
  private readonly credential: Promise<TokenCredential> | undefined;
  private readonly api: Promise<AcrApi> | undefined;
  /** What locking did, by target, as each release was verified. */
  private readonly locks = new Map<PlannedTarget, AcrOutcome>();
  /** Registries whose keyless login failed, and targets whose lock check failed: their rows. */
  private readonly hostFailures = new Map<string, Error>();
  private readonly targetFailures = new Map<PlannedTarget, Error>();

  constructor(
    private readonly plan: PushPlan,
    private readonly settings: AcrSettings,
    private readonly deps: AcrSessionDependencies,
  ) {
    const wanted = [settings.lock && 'lock', settings.devUntag && 'dev-untag'].filter(Boolean);
    const acrHosts = this.acrTargets().map((t) => t.host);
    if (wanted.length > 0 && acrHosts.length > 0 && !settings.azure) {
      throw new Error(
        `${wanted.join(', ')}: ACR's lock and tag API needs an Entra identity; set ` +
          'azure-client-id and azure-tenant-id (keyless login) for ' +
          [...new Set(acrHosts)].join(', '),
      );
    }
    if (settings.azure) {
      this.credential = entraCredential(settings.azure, deps);
      this.api = this.credential.then((credential) => new AcrApi(credential));
      // Awaited later, per registry; a failure must not surface as an unhandled rejection.
      this.api.catch(() => undefined);
    }
  }

  /**
   * Keyless credentials for every ACR registry of the plan that has none. A registry whose
   * login fails becomes that registry's failed row; the others, and the mirrors, go on.
   */
  async login(
    existing: (host: string) => Credential | undefined,
  ): Promise<Map<string, Credential>> {
    const added = new Map<string, Credential>();
    const { azure } = this.settings;
    if (!azure || !this.credential) return added;
    for (const target of this.acrTargets()) {
      const { host } = target;
      if (existing(host) || added.has(host) || this.hostFailures.has(host)) continue;
      this.deps.log(
        `${host}: keyless login as client ${azure.clientId} (GitHub OIDC → Entra → ACR refresh token)`,
      );
      try {
        const endpoint = { host, insecure: target.insecure, https: true };
        added.set(host, await acrRefreshToken(endpoint, await this.credential, azure, this.deps));
      } catch (error) {
        this.hostFailures.set(host, error as Error);
        this.deps.log(`${host}: keyless login failed; this registry is skipped`);
      }
    }
    return added;
  }

  /** What the push needs to know from ACR: locked tags, and a dev build's passing tag. */
  async targetTags(): Promise<TargetTagsFor | undefined> {
    const api = await this.api?.catch(() => undefined);
    if (!api && this.hostFailures.size === 0) return undefined;
    const untag = this.plan.build === 'dev' && this.settings.devUntag;
    const locked = new Map<PlannedTarget, string[]>();
    if (this.plan.build === 'release' && api) {
      for (const target of this.acrTargets()) {
        if (this.hostFailures.has(target.host)) continue;
        const tags = target.artifact === 'chart' ? (this.plan.chart?.tags ?? []) : this.plan.tags;
        try {
          const found = await api.lockedTags(target.host, target.repository, tags);
          if (found.length > 0) locked.set(target, found);
        } catch (error) {
          // Without knowing the locks, pushing could move a locked release's tags: skip it.
          this.targetFailures.set(target, error as Error);
        }
      }
    }
    const lock = this.plan.build === 'release' && this.settings.lock && !this.plan.dryRun;
    return (target, digest) => {
      if (!target.acr) return undefined;
      const failure = this.hostFailures.get(target.host) ?? this.targetFailures.get(target);
      if (failure) return { failure };
      const lockedTags = locked.get(target);
      return {
        ...(untag && { tags: [passingTag(digest)] }),
        ...(lockedTags && { lockedTags }),
        ...(lock &&
          api && {
            afterTagsVerified: ({ result, manifests }) => this.lock(api, target, result, manifests),
          }),
      };
    };
  }

  /**
   * Locks a release (its manifests and version tag) as soon as its tags are verified, so a
   * run racing for the same version can't move it from then on. A failure is reported, not
   * thrown: the release is in place, just not locked.
   */
  private async lock(
    api: AcrApi,
    target: PlannedTarget,
    result: TargetResult,
    manifests: Digest[],
  ): Promise<void> {
    const versionTags = result.tags.slice(0, 1).map((tag) => tag.tag);
    try {
      await api.lock(result.host, result.repository, manifests, versionTags);
      this.locks.set(target, { locked: { manifests: manifests.length, tags: versionTags } });
      this.deps.log(
        `${result.host}/${result.repository}: locked ${manifests.length} manifest(s) and ${versionTags.join(', ')}`,
      );
    } catch (error) {
      this.locks.set(target, { lockError: error as Error });
    }
  }

  /**
   * After the push: the locks taken as each release was verified, and each dev build's
   * passing tag deleted. Returns what was done, by target.
   */
  async finish(result: PushResult): Promise<AcrOutcomes> {
    const outcomes = new Map<PlannedTarget, AcrOutcome>();
    const api = await this.api?.catch(() => undefined);
    if (!api || this.plan.dryRun) return outcomes;
    for (const t of result.targets) {
      if (!t.target.acr || (t.status !== 'pushed' && t.status !== 'unchanged')) continue;
      const locked = this.locks.get(t.target);
      if (locked) outcomes.set(t.target, locked);
      if (this.plan.build === 'dev' && this.settings.devUntag) {
        const passing = t.tags.find((tag) => tag.tag === passingTag(t.digest));
        if (!passing) continue;
        try {
          await api.deleteTag(t.host, t.repository, passing.tag);
          outcomes.set(t.target, { untagged: passing.tag });
          this.deps.log(`${t.host}/${t.repository}: passing tag ${passing.tag} deleted`);
        } catch (error) {
          outcomes.set(t.target, { untagError: error as Error });
        }
      }
    }
    return outcomes;
  }

  private acrTargets(): PushPlan['targets'] {
    return this.plan.targets.filter((t) => t.acr);
  }
}
