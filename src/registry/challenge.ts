/**
 * `WWW-Authenticate` parsing (RFC 7235; distribution `docs/spec/auth/token.md`).
 * Registries send one challenge; the scheme is Basic or Bearer.
 */
export interface Challenge {
  scheme: 'basic' | 'bearer' | 'other';
  params: Record<string, string>;
}

const PARAM = /\s*([a-zA-Z0-9_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/y;

export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const schemeText = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const scheme = schemeText === 'basic' || schemeText === 'bearer' ? schemeText : 'other';
  const params: Record<string, string> = {};
  if (space >= 0) {
    const rest = trimmed.slice(space + 1);
    PARAM.lastIndex = 0;
    let match: RegExpExecArray | null;
    while (PARAM.lastIndex < rest.length && (match = PARAM.exec(rest)) !== null) {
      const [, key, quoted, bare] = match;
      if (key)
        params[key.toLowerCase()] =
          quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
    }
  }
  return { scheme, params };
}
