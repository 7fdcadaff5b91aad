// Repository globs for `repositories`, one per line. `*` and `?` stay within a path segment;
// `**` is a whole segment and spans any number of them, as in .gitignore:
//
// - `giantswarm/*` matches `giantswarm/app`, not `giantswarm/charts/app`, not `giantswarm`;
// - `giantswarm/**` matches everything below `giantswarm/`, at any depth;
// - `**/app` matches `app` and `x/y/app`; `a/**/b` matches `a/b` and `a/x/b`; `**` matches all.
//
// Repository names are lowercase (distribution-spec), so a glob with anything else, or with
// syntax this doesn't support (`[abc]`, `{a,b}`), is an error rather than a silent no-match.

/** A `repositories` glob that can't be used; the message says why. */
export class GlobError extends Error {
  override name = 'GlobError';
}

const SEGMENT_CHARACTERS = /^[a-z0-9._\-*?]+$/;

export function globToRegExp(glob: string): RegExp {
  const segments = glob.split('/');
  if (segments.some((s) => s === '')) {
    throw new GlobError(`"${glob}" has an empty path segment (a leading, trailing or double /)`);
  }
  let source = '';
  let separator = false;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      // `a/**` needs something below `a/`; `**/b` and `a/**/b` may span no segment at all.
      if (last) source += separator ? '/.+' : '.+';
      else source += separator ? '/(?:[^/]+/)*' : '(?:[^/]+/)*';
      separator = false;
      return;
    }
    if (segment.includes('**')) {
      throw new GlobError(`"${glob}": ** must be a whole path segment, as in a/**/b`);
    }
    if (!SEGMENT_CHARACTERS.test(segment)) {
      throw new GlobError(
        `"${glob}": repository names are lowercase letters, digits and . _ - /; ` +
          'a glob may add * (within a segment), ? (one character) and ** (any segments)',
      );
    }
    const body = [...segment]
      .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/\./g, '\\.')))
      .join('');
    source += (separator ? '/' : '') + body;
    separator = true;
  });
  return new RegExp(`^${source}$`);
}

/** The repositories the globs select, sorted, and the globs that selected none. */
export function selectRepositories(
  names: string[],
  globs: string[],
): { selected: string[]; unmatched: string[] } {
  const compiled = globs.map((glob) => ({ glob, re: globToRegExp(glob), used: false }));
  const selected: string[] = [];
  for (const name of [...new Set(names)].sort()) {
    let hit = false;
    for (const g of compiled) {
      if (g.re.test(name)) {
        g.used = true;
        hit = true;
      }
    }
    if (hit) selected.push(name);
  }
  return { selected, unmatched: compiled.filter((g) => !g.used).map((g) => g.glob) };
}
