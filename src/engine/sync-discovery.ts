import { apiHost, isRepository } from '../oci/reference.js';
import { globToRegExp } from '../oci/repository-glob.js';
import type { SyncImageResult } from './sync-outcomes.js';
import { expandDiscovery, type SyncImage } from './sync-plan.js';
import type { SyncRun } from './sync-run.js';

/**
 * Discovery: an entry whose source is a glob (`HOST/team/*`) becomes one image per
 * repository the registry's catalog lists and the entry takes. The rules are pure
 * (sync-plan.ts `expandDiscovery`); reading the catalog and failing loudly are here.
 */

/** A discovery entry that failed as a whole: its row, and what a shard splits it by. */
export interface FailedEntry {
  image: SyncImage;
  source: { host: string; repository: string };
  repository: string;
  result: SyncImageResult;
}

/**
 * Discovery entries become one image per repository their registry's catalog lists and
 * their glob and filters take. Each host's catalog is read once. A refused catalog, or one
 * that yields nothing, is that entry's failed row.
 */
export async function discover(
  run: SyncRun,
  entries: readonly SyncImage[],
): Promise<{ images: SyncImage[]; failed: FailedEntry[] }> {
  const catalogs = new Map<string, Promise<string[]>>();
  const images: SyncImage[] = [];
  const failed: FailedEntry[] = [];
  for (const entry of entries) {
    if (!entry.discover) {
      images.push(entry);
      continue;
    }
    const host = apiHost(entry.source.host);
    const name = `${entry.source.host}/${entry.discover.glob}`;
    let catalog = catalogs.get(host);
    if (!catalog) {
      catalog = run.clientFor(host).listRepositories({
        ...(run.deps.pageSize && { pageSize: run.deps.pageSize }),
      });
      catalogs.set(host, catalog);
    }
    const fail = (message: string, empty = false): void => {
      const shown = { ...entry, repository: `${entry.discover?.path.prefix ?? ''}…` };
      const result: SyncImageResult = {
        image: shown,
        source: name,
        listed: 0,
        filteredOut: [],
        tags: [],
        error: message,
        ...(empty && { empty }),
      };
      run.deps.log.warning(message);
      failed.push({ image: entry, source: entry.source, repository: name, result });
    };
    let listed: string[];
    try {
      listed = await catalog;
    } catch (error) {
      fail(catalogRefused(entry, name, error));
      continue;
    }
    // The client refuses a whole catalog that lists a name that is not a repository path, so
    // each name here is one; a mapped target path may still outgrow the grammar's 255.
    const matches = globToRegExp(entry.discover.glob);
    const found = expandDiscovery(entry, listed, (path) => matches.test(path)).filter((image) =>
      isRepository(image.repository),
    );
    run.deps.log.info(
      `${name}: the catalog lists ${listed.length} repositories, ${found.length} taken ` +
        `by images[${entry.index}]`,
    );
    if (found.length === 0 && !entry.mayBeEmpty) {
      fail(
        `${name}: the catalog lists no repository that images[${entry.index}] takes (its ` +
          'pattern and `repositories` filters), so nothing was synced. Check the source ' +
          'pattern and the filters; set `may-be-empty: true` if that is expected',
        true,
      );
      continue;
    }
    images.push(...found);
  }
  return { images, failed };
}

function catalogRefused(entry: SyncImage, name: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // A RegistryError or an AuthError (a token without `registry:catalog:*`): both carry a status.
  const status = (error as { status?: unknown }).status;
  const refused = status === 401 || status === 403 || status === 404 || status === 405;
  return (
    `${name}: reading the registry's catalog failed (${message}), so nothing of ` +
    `images[${entry.index}] was synced. ` +
    (refused
      ? `${entry.source.host} refuses \`GET /v2/_catalog\`: some registries serve no catalog ` +
        '(Docker Hub, GHCR, Quay), and an ACR gives it only to an identity allowed ' +
        '`registry:catalog:*` (the AcrPull role; with ABAC, also the Catalog Lister role). ' +
        'Grant it, or list the repositories one by one under `images:`'
      : 'Check that the registry is up, then run again')
  );
}
