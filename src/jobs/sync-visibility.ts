import { registryClients } from '../engine/clients.js';
import { takesVisibility, type Visibility } from '../engine/plan.js';
import type { SyncImageResult } from '../engine/sync-outcomes.js';
import {
  type Shard,
  shardImages,
  sourceKey,
  type SyncConfig,
  type SyncImage,
  type SyncTarget,
} from '../engine/sync-plan.js';
import { apiHost } from '../oci/reference.js';
import type { Credential } from '../registry/auth.js';
import type { RegistryClient } from '../registry/client.js';
import { AuthError, RegistryError } from '../registry/errors.js';
import type { Send } from '../registry/http.js';
import type { Logger, SecretSink } from '../registry/log.js';

/**
 * The push's rule for the sync: a target with no marker (or marked `public`) takes public
 * sources only. A registry repository has no visibility flag a client can read, so the sync
 * counts a source as public only when the config vouches for it (`visibility: public` on the
 * image) or when anyone may read it. A source the sync reads without a credential is proven
 * by the sync's own reads (nothing is copied unless they succeed); one it holds a credential
 * for is asked once without it (its tag list: 200 means anyone may read it; 401, 403 or a
 * 404 that hides it, that strangers may not). Anything else counts as private, so a private
 * source never reaches a public target by mistake, while the usual sync of public upstream
 * images (Docker Hub, quay.io, with or without a login against rate limits) goes on as
 * before. `visibility: private` keeps a source that is only readable inside a private
 * network, say, off public targets.
 */
export interface VisibilityCheck {
  /** The config with each image's refused targets taken out of its `to`. */
  config: SyncConfig;
  /** One failed result per image with refused targets: `to` names them, `error` says why. */
  refused: SyncImageResult[];
}

export interface VisibilityDependencies {
  userAgent: string;
  log: Logger;
  onSecret: SecretSink;
  send?: Send;
}

export async function checkSyncVisibility(
  config: SyncConfig,
  shard: Shard | undefined,
  credentialFor: (host: string) => Credential | undefined,
  deps: VisibilityDependencies,
): Promise<VisibilityCheck> {
  const targets = new Map(config.targets.map((t) => [t.name, t]));
  const publicOnly = (name: string): boolean =>
    !takesVisibility(targets.get(name)?.visibility, 'private');
  // Every image is checked, whichever shard copies it, so none can slip through a shard that
  // split the work otherwise; each refusal is reported by one shard only.
  const reportsHere = new Set(shardImages(config.images, shard));
  const anonymous = registryClients({ ...deps, credentialFor: () => undefined });
  const verdicts = new Map<string, Promise<SourceVisibility>>();
  const visibilityOf = (image: SyncImage): Promise<SourceVisibility> => {
    if (image.visibility) {
      return Promise.resolve({
        visibility: image.visibility,
        why: `the config says \`visibility: ${image.visibility}\``,
      });
    }
    const host = apiHost(image.source.host);
    if (!credentialFor(host)) {
      return Promise.resolve({ visibility: 'public', why: 'read without a credential' });
    }
    if (image.discover) {
      return Promise.resolve({
        visibility: 'private',
        why:
          `the sync holds a credential for ${host}, and the repositories a discovery entry ` +
          'finds are known only while it syncs, too late to ask about each without it',
      });
    }
    const key = sourceKey(image);
    let verdict = verdicts.get(key);
    if (!verdict) {
      // Reached as the sync reaches it: a source that is also a target, as that target.
      const asTarget = config.targets.find((t) => t.host === host);
      const endpoint = asTarget ? { insecure: asTarget.insecure, https: asTarget.acr } : {};
      verdict = probe(
        anonymous(host, { ...endpoint, ...(deps.send && { send: deps.send }) }),
        image,
      );
      verdicts.set(key, verdict);
    }
    return verdict;
  };

  // In config order, whichever answer comes first.
  const refusedAt: (SyncImageResult | undefined)[] = [];
  const images = await Promise.all(
    config.images.map(async (image, i) => {
      const barred = image.to.filter(publicOnly);
      if (barred.length === 0) return image;
      const source = await visibilityOf(image);
      if (source.visibility === 'public') return image;
      if (reportsHere.has(image)) {
        const error = refusal(
          image,
          barred.map((name) => targets.get(name) as SyncTarget),
          source,
        );
        deps.log.warning(error);
        refusedAt[i] = {
          image: { ...image, to: barred },
          source: sourceKey(image),
          listed: 0,
          filteredOut: [],
          tags: [],
          error,
        };
      }
      // An image left with no target stays in the config: dropping it would change how the
      // shards split the others.
      return { ...image, to: image.to.filter((name) => !publicOnly(name)) };
    }),
  );
  const refused = refusedAt.filter((r): r is SyncImageResult => r !== undefined);
  return { config: { ...config, images }, refused };
}

interface SourceVisibility {
  visibility: Visibility;
  /** How it was found, for the message. */
  why: string;
}

async function probe(client: RegistryClient, image: SyncImage): Promise<SourceVisibility> {
  try {
    // Its tag list, not one tag: a public repository need not have `latest`, and a registry
    // that hides a repository from strangers (404) has said it is not theirs to read.
    const status = await client.tagListAccess(image.source.repository);
    if (status === 200) return { visibility: 'public', why: 'readable without a credential' };
    return {
      visibility: 'private',
      why:
        status === 404
          ? 'without a credential the registry says it does not exist (HTTP 404)'
          : `it can't be read without a credential (HTTP ${status})`,
    };
  } catch (error) {
    const status =
      error instanceof AuthError || error instanceof RegistryError ? error.status : undefined;
    return {
      visibility: 'private',
      why:
        status === 401 || status === 403
          ? `it can't be read without a credential (HTTP ${status})`
          : `whether it can be read without a credential could not be found out (${(error as Error).message})`,
    };
  }
}

function refusal(image: SyncImage, barred: SyncTarget[], source: SourceVisibility): string {
  const names = barred.map((t) => `${t.name} (${t.host})`).join(', ');
  return (
    `${sourceKey(image)}: not synced to ${names}: ${source.why}, so images[${image.index}] ` +
    `counts as private, and ${barred.length > 1 ? 'those targets take' : 'that target takes'} ` +
    'public sources only (no marker, or `public`). If the source is public, say so with ' +
    `\`visibility: public\` on images[${image.index}]; if private images may go to the ` +
    'target, mark it `private` or `public/private`'
  );
}
