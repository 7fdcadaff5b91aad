import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './https.js';
import { acrError } from './metadata.js';
import type { RegistryStorage } from './storage.js';
import type { Access } from './tokens.js';

/**
 * How a real ACR behaves beyond auth and locks, each switchable per test (all off by
 * default). Sources: FACTS.md "Azure Container Registry"; README.md beside this file lists
 * each behaviour with its source and the guesses made.
 */

/** ACR's built-in data-plane roles, and a custom role by its data actions. */
export type AcrRole =
  | 'AcrPull'
  | 'AcrPush'
  | 'AcrDelete'
  | 'Container Registry Repository Reader'
  | 'Container Registry Repository Writer'
  | 'Container Registry Repository Contributor'
  | 'Container Registry Repository Catalog Lister'
  | { name: string; actions: string[]; catalog?: boolean };

/** The repository actions of Distribution's token scopes each role grants. */
const ROLE_ACTIONS: Record<Exclude<AcrRole, object>, { abac: boolean; actions: string[] }> = {
  AcrPull: { abac: false, actions: ['pull', 'metadata_read'] },
  AcrPush: { abac: false, actions: ['pull', 'push', 'metadata_read', 'metadata_write'] },
  AcrDelete: { abac: false, actions: ['delete'] },
  'Container Registry Repository Reader': { abac: true, actions: ['pull', 'metadata_read'] },
  'Container Registry Repository Writer': {
    abac: true,
    actions: ['pull', 'push', 'metadata_read', 'metadata_write'],
  },
  'Container Registry Repository Contributor': {
    abac: true,
    actions: ['pull', 'push', 'delete', 'metadata_read', 'metadata_write'],
  },
  'Container Registry Repository Catalog Lister': { abac: true, actions: [] },
};

export type AcrSku = 'Basic' | 'Standard' | 'Premium';

/** Operations per minute (MicrosoftDocs `includes/container-registry-limits.md`). */
export const SKU_LIMITS: Record<AcrSku, { readOps: number; writeOps: number }> = {
  Basic: { readOps: 1000, writeOps: 100 },
  Standard: { readOps: 3000, writeOps: 500 },
  Premium: { readOps: 10000, writeOps: 2000 },
};

export interface Throttling {
  sku: AcrSku;
  /** The length of ACR's "minute", shortened so a test of 2,000 manifests runs in seconds. */
  windowMs?: number;
}

/** What the firewall says when it refuses a client (FACTS.md: 403 `DENIED client with IP`). */
export const FIREWALL_MESSAGE =
  "client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.";

/** Soft delete's refusal (`container-registry-soft-delete-policy.md`, its wording). */
export const SOFT_DELETE_MESSAGE =
  'Pushing an image that shares a same manifest digest with the soft deleted image is not allowed.';

export class AcrBehaviours {
  /** Roles per principal (the app's object id, or the admin user). Absent: may do anything. */
  readonly roles = new Map<string, AcrRole[]>();
  /** ABAC mode: AcrPull/AcrPush/AcrDelete grant nothing; the Repository roles do. */
  abac = false;
  /** `/oauth2/exchange` answers 403 DENIED, as behind a firewall that doesn't know the runner. */
  exchangeDenied = false;
  /** Deleted manifests are remembered, and a PUT of one of their digests is refused. */
  softDelete = false;
  /** A manifest just pushed answers 404 on reads for this long (another replica). */
  replicaLagMs = 0;
  throttling: Throttling | undefined;
  /** The first upload into a repository that doesn't exist yet waits this long, then 500s. */
  firstPushFailureMs: number | undefined;
  /** Deleting a manifest deletes the manifests whose `subject` it is. */
  referrerCascade = false;
  /**
   * Manifest reads in this repository answer this error, in the registry's own words: a
   * registry (or something posing as one) whose error bodies say whatever it likes.
   */
  manifestReadError:
    { repository: string; status: number; code: string; message: string } | undefined;

  readonly softDeleted = new Map<string, Set<string>>();
  /** Throttled answers so far, for assertions. */
  throttled = 0;
  private readonly pushedAt = new Map<string, number>();
  private readonly firstPushDone = new Set<string>();
  private window = { start: 0, reads: 0, writes: 0 };

  /** The actions of `wanted` this principal's roles allow; the token carries only those. */
  grant(principal: string, wanted: Access): Access {
    const roles = this.roles.get(principal);
    if (!roles) return wanted;
    const honoured = roles.map((role) => {
      if (typeof role === 'object') return { actions: role.actions, catalog: !!role.catalog };
      const known = ROLE_ACTIONS[role];
      // ABAC registries honour only the Repository roles, and the others only the classic ones.
      if (known.abac !== this.abac) return { actions: [], catalog: false };
      return {
        actions: known.actions,
        catalog: role === 'Container Registry Repository Catalog Lister' || !this.abac,
      };
    });
    if (wanted.type === 'registry') {
      return { ...wanted, actions: honoured.some((r) => r.catalog) ? wanted.actions : [] };
    }
    const allowed = new Set(honoured.flatMap((r) => r.actions));
    return { ...wanted, actions: wanted.actions.filter((a) => allowed.has(a)) };
  }

  /** Answers a manifest read with `manifestReadError` when it is set for this repository. */
  failManifestRead(repository: string, res: ServerResponse): boolean {
    const failure = this.manifestReadError;
    if (failure?.repository !== repository) return false;
    acrError(res, failure.status, failure.code, failure.message);
    return true;
  }

  /** Answers 403 when the exchange is refused; true when it did. */
  refuseExchange(res: ServerResponse): boolean {
    if (!this.exchangeDenied) return false;
    acrError(res, 403, 'DENIED', FIREWALL_MESSAGE);
    return true;
  }

  /** Counts the request against the SKU's limits; answers 429 and returns true past them. */
  throttle(req: IncomingMessage, res: ServerResponse, now = Date.now()): boolean {
    if (!this.throttling) return false;
    const windowMs = this.throttling.windowMs ?? 60_000;
    if (now - this.window.start >= windowMs) this.window = { start: now, reads: 0, writes: 0 };
    const limits = SKU_LIMITS[this.throttling.sku];
    const read = req.method === 'GET' || req.method === 'HEAD';
    const used = read ? ++this.window.reads : ++this.window.writes;
    if (used <= (read ? limits.readOps : limits.writeOps)) return false;
    this.throttled++;
    const seconds = Math.max(1, Math.ceil((this.window.start + windowMs - now) / 1000));
    req.resume();
    const message =
      `too many requests: the ${this.throttling.sku} tier allows ` +
      (read ? `${limits.readOps} ReadOps` : `${limits.writeOps} WriteOps`) +
      ' per minute';
    sendJson(
      res,
      429,
      { errors: [{ code: 'TOOMANYREQUESTS', message }] },
      {
        'retry-after': String(seconds),
      },
    );
    return true;
  }

  /** A manifest read another replica can't answer yet: 404 MANIFEST_UNKNOWN. */
  lagging(repository: string, reference: string, res: ServerResponse, now = Date.now()): boolean {
    const at = this.pushedAt.get(`${repository}|${reference}`);
    if (at === undefined || now - at >= this.replicaLagMs) return false;
    acrError(res, 404, 'MANIFEST_UNKNOWN', `manifest tagged by "${reference}" is not found`);
    return true;
  }

  /** Called after a manifest PUT succeeded, by digest and by the reference it was put to. */
  pushed(repository: string, digest: string, reference: string, now = Date.now()): void {
    if (this.replicaLagMs <= 0) return;
    this.pushedAt.set(`${repository}|${digest}`, now);
    this.pushedAt.set(`${repository}|${reference}`, now);
  }

  /** Refuses the PUT of a soft-deleted digest; true when it did. */
  refuseSoftDeleted(repository: string, digest: string, res: ServerResponse): boolean {
    if (!this.softDeleted.get(repository)?.has(digest)) return false;
    // The status is a guess (README): the documented part is the message.
    acrError(res, 400, 'DENIED', SOFT_DELETE_MESSAGE);
    return true;
  }

  deleted(repository: string, digest: string): void {
    if (!this.softDelete) return;
    let set = this.softDeleted.get(repository);
    if (!set) this.softDeleted.set(repository, (set = new Set()));
    set.add(digest);
  }

  /**
   * The first upload into a new repository: wait, then 500 (docker/build-push-action#548).
   * True when it answered.
   */
  async failFirstPush(
    repository: string,
    storage: RegistryStorage,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> {
    if (this.firstPushFailureMs === undefined || this.firstPushDone.has(repository)) return false;
    this.firstPushDone.add(repository);
    if ((await storage.repositories()).includes(repository)) return false;
    req.resume();
    await new Promise((resolve) => setTimeout(resolve, this.firstPushFailureMs));
    acrError(res, 500, 'UNKNOWN', 'an internal error occurred while creating the repository');
    return true;
  }

  /**
   * The manifests of `repository` whose `subject` is `digest`: deleting the subject deletes
   * them too (acr-cli `cmd/repository/image_functions.go`).
   */
  async referrersOf(
    repository: string,
    digest: string,
    storage: RegistryStorage,
    readManifest: (repository: string, digest: string) => Promise<Buffer | undefined>,
  ): Promise<string[]> {
    if (!this.referrerCascade) return [];
    const found: string[] = [];
    for (const manifest of await storage.manifests(repository)) {
      const bytes = await readManifest(repository, manifest.digest);
      if (!bytes) continue;
      try {
        const parsed = JSON.parse(bytes.toString('utf8')) as { subject?: { digest?: unknown } };
        if (parsed.subject?.digest === digest) found.push(manifest.digest);
      } catch {
        // Not JSON: not a referrer.
      }
    }
    return found;
  }
}
