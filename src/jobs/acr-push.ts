import { AcrApi, passingTag } from '../azure/acr.js';
import type { AzureLogin } from '../azure/keyless.js';
import type { PlannedTarget, PushPlan } from '../engine/plan.js';
import type { TargetResult } from '../engine/copy.js';
import type { PushResult, TargetTagsFor } from '../engine/push.js';
import type { Digest } from '../oci/digest.js';
import { InputError } from './inputs.js';
import type { SignedIn } from './sign-in.js';

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

export interface AcrSessionDependencies {
  log: (message: string) => void;
}

/** What ACR did for each target, beside the push's own results (which it never edits). */
export type AcrOutcomes = ReadonlyMap<PlannedTarget, AcrOutcome>;

/**
 * `lock` and `dev-untag` work through ACR's own API, which takes an Entra identity: asking
 * for them on an ACR without keyless login set up is an input error, found before sign-in
 * (the push calls this first).
 */
export function checkAcrSettings(plan: PushPlan, settings: AcrSettings): void {
  const wanted = [settings.lock && 'lock', settings.devUntag && 'dev-untag'].filter(Boolean);
  const acrHosts = plan.targets.filter((t) => t.acr).map((t) => t.host);
  if (wanted.length > 0 && acrHosts.length > 0 && !settings.azure) {
    throw new InputError(
      `${wanted.join(', ')}: ACR's lock and tag API needs an Entra identity; set ` +
        'azure-client-id and azure-tenant-id (keyless login) for ' +
        [...new Set(acrHosts)].join(', '),
    );
  }
}

/**
 * Everything ACR-specific around a push, wired from the Azure adapter: the lock check that
 * keeps a locked release from being overwritten, and after the push the lock or the
 * untagging. Sign-in (src/jobs/sign-in.ts) did the keyless login; a registry it failed is
 * that registry's failed row. The engine sees only the tags this hands it.
 */
export class AcrPush {
  private readonly api: Promise<AcrApi> | undefined;
  /** What locking did, by target, as each release was verified. */
  private readonly locks = new Map<PlannedTarget, AcrOutcome>();
  /** Targets whose lock check failed: their rows. */
  private readonly targetFailures = new Map<PlannedTarget, Error>();

  constructor(
    private readonly plan: PushPlan,
    private readonly settings: AcrSettings,
    private readonly signedIn: Pick<SignedIn, 'failureFor' | 'entra'>,
    private readonly deps: AcrSessionDependencies,
  ) {
    if (signedIn.entra) {
      this.api = signedIn.entra.then((credential) => new AcrApi(credential));
      // Awaited later, per registry; a failure must not surface as an unhandled rejection.
      this.api.catch(() => undefined);
    }
  }

  /**
   * What the push needs to know per target: a registry sign-in failed for fails its row; on
   * ACR, locked tags and a dev build's passing tag.
   */
  async targetTags(): Promise<TargetTagsFor | undefined> {
    const api = await this.api?.catch(() => undefined);
    const hostFailure = (host: string): Error | undefined => this.signedIn.failureFor(host);
    if (!api && !this.plan.targets.some((t) => hostFailure(t.host))) return undefined;
    const untag = this.plan.build === 'dev' && this.settings.devUntag;
    const locked = new Map<PlannedTarget, string[]>();
    if (this.plan.build === 'release' && api) {
      for (const target of this.acrTargets()) {
        if (hostFailure(target.host)) continue;
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
      const failure = hostFailure(target.host) ?? this.targetFailures.get(target);
      if (failure) return { failure };
      if (!target.acr) return undefined;
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
