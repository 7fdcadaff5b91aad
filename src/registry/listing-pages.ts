import { MediaType } from '../oci/mediatypes.js';
import { quoted } from '../oci/untrusted.js';
import type { RegistryAuth } from './auth.js';
import { ListingError, type RegistryError } from './errors.js';
import type { HttpResponse } from './http.js';
import { readWhole } from './retry.js';
import { pullScopes } from './scope.js';

/**
 * A registry's listings (tags, the catalog, referrers) read page after page, as the
 * distribution-spec links them, and bounded against a registry that never stops paging,
 * loops, or links elsewhere. What each page holds is the caller's to parse.
 */

/** One listing: what it is called in messages, and its bounds. */
export interface PagedListing {
  operation: string;
  repository: string;
  /** What is listed, for messages: `tags`. */
  entries: string;
  maxEntries: number;
  maxPages: number;
  /** How to raise the bounds, when a user can. */
  raise?: string;
  bodyLimit?: number;
  /** The token scopes to ask for; the repository's pull scope unless given. */
  scopes?: string[];
  /** A first page answering 404: no listing (`empty`, the default) or the registry's error. */
  missing?: 'empty' | 'error';
}

/** What reading pages needs from the client. */
export interface PageReader {
  auth: RegistryAuth;
  host: string;
  readOptions: { attempts: number; sleep: (ms: number) => Promise<void> };
  error: (res: HttpResponse, operation: string, repository: string) => Promise<RegistryError>;
}

/**
 * Reads a listing page after page (distribution-spec "Listing Tags", "Listing Referrers"):
 * `read` takes each page's body and says how many new entries it held (their sum is the
 * count so far). Only a `Link` to the same path on the same registry is followed, never one
 * to another origin (it would get our credentials). A link back to a page already read (a
 * loop), a page that brings nothing new yet links on, more entries than `maxEntries` or more
 * pages than `maxPages` fails the listing, naming the registry. False when the first page
 * answered 404.
 */
export async function readPages(
  reader: PageReader,
  first: URL,
  listing: PagedListing,
  read: (text: string, page: number) => number,
): Promise<boolean> {
  const { operation, repository, entries } = listing;
  const where = `${reader.host}/${repository}: the ${entries} listing`;
  const seen = new Set<string>();
  let count = 0;
  let url: URL | undefined = first;
  for (let page = 1; url; page++) {
    const current: URL = url;
    seen.add(current.href);
    const answer = await readWhole(
      () =>
        reader.auth.send(
          { method: 'GET', url: current, headers: { accept: MediaType.OciIndex } },
          listing.scopes ?? pullScopes(repository),
        ),
      async (res) => {
        if (res.status === 404 && page === 1 && listing.missing !== 'error') {
          await res.drain();
          return undefined;
        }
        if (res.status !== 200) {
          throw await reader.error(
            res,
            `${operation} (page ${page}, after ${count} ${entries})`,
            repository,
          );
        }
        return { res, text: await res.text(listing.bodyLimit) };
      },
      reader.readOptions,
    );
    if (!answer) return false;
    const added = read(answer.text, page);
    count += added;
    if (count > listing.maxEntries) {
      throw new ListingError(
        `${where} holds more than ${listing.maxEntries} ${entries}, oci-push's bound against ` +
          `a registry that never stops listing; ${listing.raise ?? 'no real listing is that long'}`,
      );
    }
    url = nextPage(answer.res, first, where);
    if (!url) break;
    if (seen.has(url.href)) {
      throw new ListingError(
        `${where}: page ${page} links to ${quoted(url.href)}, which leads back to a page it ` +
          'already gave (a loop); the registry is broken or hostile, so the listing is refused',
      );
    }
    if (added === 0) {
      throw new ListingError(
        `${where}: page ${page} brought no new ${entries.replace(/s$/, '')} but links to ` +
          'another; the registry is broken or hostile, so the listing is refused',
      );
    }
    if (page >= listing.maxPages) {
      throw new ListingError(
        `${where} runs to more than ${listing.maxPages} pages (${count} ${entries} so far), ` +
          `oci-push's bound against a registry that never stops listing; ${listing.raise ?? 'no real listing is that long'}`,
      );
    }
  }
  return true;
}

/**
 * RFC 5988 `Link: <url>; rel="next"` pagination (distribution-spec, "Listing Tags"): the
 * next page, which must be the same path on the same registry as the first (only its query
 * moves on). Anything else is refused, never followed.
 */
function nextPage(res: HttpResponse, first: URL, where: string): URL | undefined {
  const link = res.headers.link;
  const match = typeof link === 'string' ? /<([^>]*)>\s*;\s*rel="?next"?/.exec(link) : null;
  if (match?.[1] === undefined) return undefined;
  let next: URL;
  try {
    next = new URL(match[1], res.url);
  } catch {
    throw new ListingError(`${where}: the next page's Link ${quoted(match[1])} is not a URL`);
  }
  if (next.origin !== first.origin || next.pathname !== first.pathname) {
    throw new ListingError(
      `${where}: the registry links the next page to ${quoted(next.href)}, outside ` +
        `${first.host}${first.pathname}; refusing to follow it`,
    );
  }
  return next;
}

/** A JSON object from a listing's page, or an error naming the page. */
export function parseJsonObject(
  text: string,
  where: string,
  what: string,
): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ListingError(`${where}: the registry answered with something that is not JSON`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ListingError(`${where}: the registry answered with JSON that is not ${what}`);
  }
  return body as Record<string, unknown>;
}
