import { type Digest, digestProblem, isDigest } from './digest.js';
import { isRepository, isTag } from './reference.js';

/**
 * Names a registry or an archive hands us (tags from a tag list, repository names from a
 * catalog, digests, media types) are data. Each is checked against its grammar before it
 * reaches a URL, a file path or a log line, and one that breaks it is refused by name: a tag
 * `../../victim/app/manifests/6.6.6` once put a manifest into another repository of a
 * target, and one like `::error::…` started a workflow command (issue #25). The grammars
 * have one owner each (reference.ts, digest.ts, mediatypes.ts); this module only refuses.
 */

/** A value from a registry or an archive that breaks its grammar; never used, only named. */
export class UntrustedValueError extends Error {
  override name = 'UntrustedValueError';
}

/** How many characters of a refused value a message shows. */
const SHOWN_CHARACTERS = 80;

/**
 * A value as a message may show it: in double quotes, cut to 80 characters, with every
 * character outside printable ASCII escaped (`\n`, `\u202e`), so it can't start a line,
 * hide itself or reorder what is printed around it.
 */
export function quoted(value: unknown): string {
  if (typeof value !== 'string') return `a ${value === null ? 'null' : typeof value}`;
  const cut = value.length > SHOWN_CHARACTERS ? `${value.slice(0, SHOWN_CHARACTERS)}…` : value;
  return escapedToAscii(JSON.stringify(cut));
}

/**
 * A message that carries what a registry served (a reason a signature found there does not
 * verify, say), as one log line may show it: every character outside printable ASCII
 * escaped as `quoted` escapes it, and cut to `max` characters.
 */
export function printable(message: string, max = 400): string {
  const escaped = escapedToAscii(message);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

/**
 * A registry's own words (an error body's `code` or `message`) as one line of our log: line
 * breaks, other control characters and Unicode format characters (bidi overrides, zero-width
 * marks) escaped as `quoted` escapes them, so a body can't forge a line or reorder one; any
 * other text kept as sent (Aliyun answers in Chinese); cut to `max` characters.
 */
export function oneLine(text: string, max = 400): string {
  const escaped = text.replace(
    /[\p{Cc}\p{Cf}\u2028\u2029]/gu,
    // Each UTF-16 unit of the match (a format character may lie beyond the BMP).
    (c) => c.replace(/[^]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

/** Every character outside printable ASCII as its `\uXXXX` escape. */
function escapedToAscii(text: string): string {
  return text.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `value` when it is a tag (distribution-spec: `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`). */
export function checkedTag(value: unknown, where: string): string {
  if (typeof value === 'string' && isTag(value)) return value;
  throw new UntrustedValueError(
    `${where}: ${quoted(value)} is not a tag (letters, digits, _ . -, at most 128, not ` +
      'starting with . or -); refusing it',
  );
}

/** `value` when it is a repository path (distribution-spec's `<name>` grammar). */
export function checkedRepository(value: unknown, where: string): string {
  if (typeof value === 'string' && isRepository(value)) return value;
  throw new UntrustedValueError(
    `${where}: ${quoted(value)} is not a repository name (lowercase components joined by ` +
      '"/"); refusing it',
  );
}

export function checkedDigest(value: unknown, where: string): Digest {
  if (typeof value === 'string' && isDigest(value)) return value;
  throw new UntrustedValueError(`${where}: ${quoted(value)} ${digestProblem(value)}`);
}
