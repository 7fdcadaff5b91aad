import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './https.js';
import type { RegistryStorage, StoredManifest, StoredTag } from './storage.js';

/**
 * ACR's metadata API, `/acr/v1/...`, with the response shapes of azure-rest-api-specs
 * `containerregistry.json` (2021-07-01: RepositoryAttributes, TagList, TagAttributes,
 * AcrManifests, ManifestAttributes) and the `Link` paging ACR sends (seen in the recorded
 * responses of Azure/azure-sdk-for-js `sdk/containerregistry/container-registry/recordings`).
 * What exists comes from the registry's storage; what only ACR keeps (changeable
 * attributes, overridden times) lives here, in memory.
 */
export interface ChangeableAttributes {
  deleteEnabled: boolean;
  writeEnabled: boolean;
  readEnabled: boolean;
  listEnabled: boolean;
}

export interface Times {
  createdTime?: Date;
  lastUpdateTime?: Date;
}

/** ACR's answer to a write or delete that a lock forbids (code and message: see README). */
export const DISALLOWED = {
  status: 405,
  code: 'REGISTRY_DISALLOWED_OPERATION',
  message:
    'The operation is disallowed on this registry, repository or image. View troubleshooting ' +
    'steps at https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail-with-disallowed-operation',
};

const DEFAULT_ATTRIBUTES: ChangeableAttributes = {
  deleteEnabled: true,
  writeEnabled: true,
  readEnabled: true,
  listEnabled: true,
};
const DEFAULT_PAGE = 100;

interface Override extends Times {
  /** The stored time when the override was set: a later real update wins over it. */
  storedUpdatedMs: number;
}

export type Order = 'timedesc' | 'timeasc' | undefined;

export class AcrMetadata {
  private readonly repositories = new Map<string, ChangeableAttributes>();
  private readonly manifests = new Map<string, ChangeableAttributes>();
  private readonly tagAttributes = new Map<string, ChangeableAttributes>();
  private readonly overrides = new Map<string, Override>();
  /** Deleted manifests' and tags' last positions, so a `last=` naming one still pages on. */
  private readonly tombstones = new Map<string, number>();
  /**
   * A hostile ACR: a tag name its manifest listing shows for a repository beside the real
   * ones (a name no registry would accept on a push, such as a workflow command).
   */
  listedTagInjection: { repository: string; tag: string } | undefined;

  constructor(
    private readonly storage: RegistryStorage,
    private readonly loginServer: string,
  ) {}

  repositoryAttributes(repository: string): ChangeableAttributes {
    return { ...(this.repositories.get(repository) ?? DEFAULT_ATTRIBUTES) };
  }

  manifestAttributes(repository: string, digest: string): ChangeableAttributes {
    return { ...(this.manifests.get(`${repository}@${digest}`) ?? DEFAULT_ATTRIBUTES) };
  }

  tagAttributesOf(repository: string, tag: string): ChangeableAttributes {
    return { ...(this.tagAttributes.get(`${repository}:${tag}`) ?? DEFAULT_ATTRIBUTES) };
  }

  async setManifestTimes(repository: string, digest: string, times: Times): Promise<void> {
    const stored = await this.storage.manifest(repository, digest);
    if (!stored) throw new Error(`no manifest ${repository}@${digest} in the registry`);
    this.overrides.set(`${repository}@${digest}`, { ...times, storedUpdatedMs: stored.updatedMs });
  }

  async setTagTimes(repository: string, tag: string, times: Times): Promise<void> {
    const stored = await this.storage.tag(repository, tag);
    if (!stored) throw new Error(`no tag ${repository}:${tag} in the registry`);
    this.overrides.set(`${repository}:${tag}`, { ...times, storedUpdatedMs: stored.updatedMs });
  }

  /** After a manifest is deleted (with every tag on it), ACR forgets their attributes. */
  forgetManifest(repository: string, manifest: StoredManifest, tags: StoredTag[]): void {
    const key = `${repository}@${manifest.digest}`;
    this.tombstones.set(key, this.timesOf(key, manifest).updated);
    this.manifests.delete(key);
    this.overrides.delete(key);
    for (const tag of tags) this.forgetTag(repository, tag);
  }

  forgetTag(repository: string, tag: StoredTag): void {
    const key = `${repository}:${tag.name}`;
    this.tombstones.set(key, this.timesOf(key, tag).updated);
    this.tagAttributes.delete(key);
    this.overrides.delete(key);
  }

  forgetRepository(repository: string): void {
    this.repositories.delete(repository);
    for (const map of [this.manifests, this.tagAttributes, this.overrides, this.tombstones]) {
      for (const key of map.keys()) {
        if (key.startsWith(`${repository}@`) || key.startsWith(`${repository}:`)) map.delete(key);
      }
    }
  }

  /** Writes forbidden by a lock: the repository's, the tag's, or the pushed manifest's. */
  writeRefused(repository: string, tag: string | undefined, digest: string): boolean {
    return (
      !this.repositoryAttributes(repository).writeEnabled ||
      (tag !== undefined && !this.tagAttributesOf(repository, tag).writeEnabled) ||
      !this.manifestAttributes(repository, digest).writeEnabled
    );
  }

  /**
   * A lock with `writeEnabled: false` also stops deletes (MicrosoftDocs
   * container-registry-image-lock.md: "can't be deleted or updated"). Deleting a manifest
   * deletes its tags, so a locked tag keeps its manifest too (a guess, see README).
   */
  deleteRefused(repository: string, digests: string[], tags: string[]): boolean {
    const locked = (a: ChangeableAttributes): boolean => !a.deleteEnabled || !a.writeEnabled;
    return (
      locked(this.repositoryAttributes(repository)) ||
      digests.some((d) => locked(this.manifestAttributes(repository, d))) ||
      tags.some((t) => locked(this.tagAttributesOf(repository, t)))
    );
  }

  /** Reading forbidden by `readEnabled: false` on the repository, tag or manifest. */
  readRefused(repository: string, tag: string | undefined, digest: string | undefined): boolean {
    return (
      !this.repositoryAttributes(repository).readEnabled ||
      (tag !== undefined && !this.tagAttributesOf(repository, tag).readEnabled) ||
      (digest !== undefined && !this.manifestAttributes(repository, digest).readEnabled)
    );
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    route: AcrRoute,
    url: URL,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    if (route.kind === 'catalog') return this.catalog(res, url);
    const name = route.repository;
    const repositories = await this.storage.repositories();
    if (!repositories.includes(name)) {
      return acrError(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry', { name });
    }
    switch (route.kind) {
      case 'repository':
        if (method === 'PATCH') await this.patch(this.repositories, name, req);
        if (method === 'DELETE') return this.deleteRepository(res, name);
        return sendJson(res, 200, await this.repositoryView(name));
      case 'manifests':
        return this.listManifests(res, name, url);
      case 'manifest': {
        const stored = await this.storage.manifest(name, route.reference);
        if (!stored) {
          return acrError(res, 404, 'MANIFEST_UNKNOWN', `manifest ${route.reference} is not found`);
        }
        if (method === 'PATCH') {
          await this.patch(this.manifests, `${name}@${stored.digest}`, req);
        }
        const tags = (await this.storage.tags(name)).filter((t) => t.digest === stored.digest);
        return sendJson(res, 200, {
          registry: this.loginServer,
          imageName: name,
          manifest: this.manifestView(name, stored, tags),
        });
      }
      case 'tags':
        return this.listTags(res, name, url);
      case 'tag': {
        const stored = await this.storage.tag(name, route.reference);
        if (!stored) return acrError(res, 404, 'TAG_UNKNOWN', 'the specified tag does not exist');
        if (method === 'DELETE') {
          if (this.deleteRefused(name, [], [stored.name])) return disallowed(res);
          await this.storage.deleteTag(name, stored.name);
          this.forgetTag(name, stored);
          res.writeHead(202, { 'content-length': '0' });
          res.end();
          return;
        }
        if (method === 'PATCH') {
          await this.patch(this.tagAttributes, `${name}:${stored.name}`, req);
        }
        return sendJson(res, 200, {
          registry: this.loginServer,
          imageName: name,
          tag: this.tagView(name, stored),
        });
      }
    }
  }

  private async patch(
    map: Map<string, ChangeableAttributes>,
    key: string,
    req: IncomingMessage,
  ): Promise<void> {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<
      string,
      unknown
    >;
    const next = { ...(map.get(key) ?? DEFAULT_ATTRIBUTES) };
    for (const field of Object.keys(DEFAULT_ATTRIBUTES) as (keyof ChangeableAttributes)[]) {
      if (typeof body[field] === 'boolean') next[field] = body[field];
    }
    map.set(key, next);
  }

  private async catalog(res: ServerResponse, url: URL): Promise<void> {
    const names = await this.storage.repositories();
    const { items, next, n } = pageOf(
      names,
      (name) => name,
      undefined,
      url,
      () => undefined,
    );
    const headers: Record<string, string> = {};
    if (next !== undefined) {
      headers.link = `</acr/v1/_catalog?last=${encodeURIComponent(next)}&n=${n}>; rel="next"`;
    }
    sendJson(res, 200, { repositories: items }, headers);
  }

  private async repositoryView(name: string): Promise<object> {
    const [manifests, tags] = await Promise.all([
      this.storage.manifests(name),
      this.storage.tags(name),
    ]);
    const times = manifests.map((m) => this.timesOf(`${name}@${m.digest}`, m));
    return {
      registry: this.loginServer,
      imageName: name,
      createdTime: new Date(Math.min(...times.map((t) => t.created))).toISOString(),
      lastUpdateTime: new Date(Math.max(...times.map((t) => t.updated))).toISOString(),
      manifestCount: manifests.length,
      tagCount: tags.length,
      changeableAttributes: this.repositoryAttributes(name),
    };
  }

  private async deleteRepository(res: ServerResponse, name: string): Promise<void> {
    const [manifests, tags] = await Promise.all([
      this.storage.manifests(name),
      this.storage.tags(name),
    ]);
    const digests = manifests.map((m) => m.digest);
    if (
      this.deleteRefused(
        name,
        digests,
        tags.map((t) => t.name),
      )
    )
      return disallowed(res);
    await this.storage.deleteRepository(name);
    this.forgetRepository(name);
    sendJson(res, 202, { manifestsDeleted: digests, tagsDeleted: tags.map((t) => t.name) });
  }

  private async listManifests(res: ServerResponse, name: string, url: URL): Promise<void> {
    const [manifests, tags] = await Promise.all([
      this.storage.manifests(name),
      this.storage.tags(name),
    ]);
    const listed = manifests.filter((m) => this.manifestAttributes(name, m.digest).listEnabled);
    const order = orderOf(url);
    const { items, next, n } = pageOf(
      listed,
      (m) => m.digest,
      (m) => this.timesOf(`${name}@${m.digest}`, m).updated,
      url,
      (digest) => this.tombstones.get(`${name}@${digest}`),
    );
    const headers: Record<string, string> = {};
    if (next !== undefined) {
      headers.link =
        `</acr/v1/${encodeURIComponent(name)}/_manifests?last=${encodeURIComponent(next)}` +
        `&n=${n}&orderby=${order ?? ''}>; rel="next"`;
    }
    sendJson(
      res,
      200,
      {
        registry: this.loginServer,
        imageName: name,
        manifests: items.map((m) =>
          this.manifestView(
            name,
            m,
            tags.filter((t) => t.digest === m.digest),
          ),
        ),
      },
      headers,
    );
  }

  private async listTags(res: ServerResponse, name: string, url: URL): Promise<void> {
    const digest = url.searchParams.get('digest');
    const tags = (await this.storage.tags(name)).filter(
      (t) => (!digest || t.digest === digest) && this.tagAttributesOf(name, t.name).listEnabled,
    );
    const order = orderOf(url);
    const { items, next, n } = pageOf(
      tags,
      (t) => t.name,
      (t) => this.timesOf(`${name}:${t.name}`, t).updated,
      url,
      (tag) => this.tombstones.get(`${name}:${tag}`),
    );
    const headers: Record<string, string> = {};
    if (next !== undefined) {
      headers.link =
        `</acr/v1/${encodeURIComponent(name)}/_tags?last=${encodeURIComponent(next)}&n=${n}` +
        `&orderby=${order ?? ''}${digest ? `&digest=${encodeURIComponent(digest)}` : ''}>; rel="next"`;
    }
    sendJson(
      res,
      200,
      {
        registry: this.loginServer,
        imageName: name,
        tags: items.map((t) => this.tagView(name, t)),
      },
      headers,
    );
  }

  private manifestView(name: string, m: StoredManifest, tags: StoredTag[]): object {
    const times = this.timesOf(`${name}@${m.digest}`, m);
    return {
      digest: m.digest,
      imageSize: m.imageSize,
      createdTime: new Date(times.created).toISOString(),
      lastUpdateTime: new Date(times.updated).toISOString(),
      ...(m.architecture && { architecture: m.architecture }),
      ...(m.os && { os: m.os }),
      mediaType: m.mediaType,
      ...(m.configMediaType && { configMediaType: m.configMediaType }),
      ...(m.references && { references: m.references }),
      ...((tags.length > 0 || this.listedTagInjection?.repository === name) && {
        tags: [
          ...tags.map((t) => t.name),
          ...(this.listedTagInjection?.repository === name ? [this.listedTagInjection.tag] : []),
        ],
      }),
      changeableAttributes: this.manifestAttributes(name, m.digest),
    };
  }

  private tagView(name: string, t: StoredTag): object {
    const times = this.timesOf(`${name}:${t.name}`, t);
    return {
      name: t.name,
      digest: t.digest,
      createdTime: new Date(times.created).toISOString(),
      lastUpdateTime: new Date(times.updated).toISOString(),
      signed: false,
      changeableAttributes: this.tagAttributesOf(name, t.name),
    };
  }

  private timesOf(
    key: string,
    stored: { createdMs: number; updatedMs: number },
  ): { created: number; updated: number } {
    const override = this.overrides.get(key);
    const current = override && stored.updatedMs <= override.storedUpdatedMs;
    return {
      created: override?.createdTime?.getTime() ?? stored.createdMs,
      updated: (current && override.lastUpdateTime?.getTime()) || stored.updatedMs,
    };
  }
}

export type AcrRoute =
  | { kind: 'catalog' }
  | { kind: 'repository' | 'manifests' | 'tags'; repository: string }
  | { kind: 'manifest' | 'tag'; repository: string; reference: string };

/**
 * `/acr/v1/_catalog`, `/acr/v1/{name}[/_manifests|/_tags[/{reference}]]`. The SDK encodes
 * the `/` in a repository name (`library%2Fhello-world`); curl users send it raw.
 */
export function parseAcrRoute(pathname: string): AcrRoute | undefined {
  if (pathname === '/acr/v1/_catalog') return { kind: 'catalog' };
  const match = /^\/acr\/v1\/(.+?)(?:\/(_manifests|_tags)(?:\/([^/]+))?)?$/.exec(pathname);
  if (!match?.[1]) return undefined;
  const repository = decodeURIComponent(match[1]);
  const reference = match[3] === undefined ? undefined : decodeURIComponent(match[3]);
  if (!match[2]) return { kind: 'repository', repository };
  const list = match[2] === '_manifests' ? 'manifests' : 'tags';
  if (reference === undefined) return { kind: list, repository };
  return { kind: list === 'manifests' ? 'manifest' : 'tag', repository, reference };
}

function orderOf(url: URL): Order {
  const orderby = url.searchParams.get('orderby');
  return orderby === 'timedesc' || orderby === 'timeasc' ? orderby : undefined;
}

/**
 * One page: `n` items after `last`. Unordered lists are lexical by key (as the recordings
 * show for digests); ordered ones by (time, key), and a `last` that was deleted meanwhile is
 * placed by its tombstone, so a cleanup that deletes while it pages still sees everything.
 */
function pageOf<T>(
  all: T[],
  keyOf: (item: T) => string,
  timeOf: ((item: T) => number) | undefined,
  url: URL,
  tombstone: (key: string) => number | undefined,
): { items: T[]; next?: string; n: number } {
  const n = Math.max(1, Number(url.searchParams.get('n') ?? DEFAULT_PAGE) || DEFAULT_PAGE);
  const last = url.searchParams.get('last') ?? undefined;
  const order = timeOf ? orderOf(url) : undefined;
  const rank = (item: T): [number, string] => [order && timeOf ? timeOf(item) : 0, keyOf(item)];
  const compare = (a: [number, string], b: [number, string]): number => {
    const byTime = order === 'timedesc' ? b[0] - a[0] : a[0] - b[0];
    if (byTime !== 0) return byTime;
    return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  };
  const sorted = [...all].sort((a, b) => compare(rank(a), rank(b)));
  let rest = sorted;
  if (last !== undefined) {
    const found = sorted.find((item) => keyOf(item) === last);
    const lastRank: [number, string] | undefined = found
      ? rank(found)
      : order
        ? ((): [number, string] | undefined => {
            const time = tombstone(last);
            return time === undefined ? undefined : [time, last];
          })()
        : [0, last];
    rest = lastRank ? sorted.filter((item) => compare(rank(item), lastRank) > 0) : [];
  }
  const items = rest.slice(0, n);
  const lastItem = items[items.length - 1];
  return {
    items,
    ...(rest.length > n && lastItem !== undefined && { next: keyOf(lastItem) }),
    n,
  };
}

export function acrError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  detail?: unknown,
): void {
  sendJson(res, status, { errors: [{ code, message, ...(detail !== undefined && { detail }) }] });
}

export function disallowed(res: ServerResponse): void {
  acrError(res, DISALLOWED.status, DISALLOWED.code, DISALLOWED.message);
}
