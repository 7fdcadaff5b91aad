import { RE2JS } from 're2js';

/**
 * Patterns from a config (tag filters, repository filters, the cleanup's tag pattern) with
 * RE2 semantics: matching takes time linear in the tag, whatever the pattern, and the syntax
 * is Go's `regexp`, which skopeo sync and retagger used, so a converted pattern means what it
 * meant there. A JavaScript RegExp backtracks: `(a+)+$` against a 40-character tag from an
 * upstream registry held a sync for a minute (issue #25). RE2 has no lookaround and no
 * backreferences; a pattern using them is refused when the config is read.
 */

/** What a filter needs of a pattern; a plain RegExp fits too (tests of the pure planner). */
export interface TagPattern {
  readonly source: string;
  /** Found anywhere in `text` (anchor with `^…$` to match the whole of it). */
  test(text: string): boolean;
}

/** A config pattern that can't be compiled; the message says why, without the caller's path. */
export class PatternError extends Error {
  override name = 'PatternError';
}

/** Longer patterns are refused: a tag is at most 128 characters, a repository path 255. */
export const MAX_PATTERN_LENGTH = 1024;

export class Re2Pattern implements TagPattern {
  private readonly re: RE2JS;

  constructor(readonly source: string) {
    if (source.length > MAX_PATTERN_LENGTH) {
      throw new PatternError(`is ${source.length} characters long; at most ${MAX_PATTERN_LENGTH}`);
    }
    try {
      this.re = RE2JS.compile(source);
    } catch (error) {
      const detail = (error as Error).message.replace(/^error parsing regexp: /, '');
      throw new PatternError(
        `is not a valid regular expression (RE2 syntax, as Go's regexp: no lookaround or ` +
          `backreferences): ${detail}`,
      );
    }
  }

  test(text: string): boolean {
    return this.re.test(text);
  }

  /** Capture groups in the pattern. */
  get groups(): number {
    return this.re.groupCount();
  }

  /**
   * The first capture group of the leftmost match, as Go's `FindStringSubmatch(s)[1]`
   * (retagger's `filter`); undefined when the pattern is not found or the group took no part.
   */
  firstGroup(text: string): string | undefined {
    const match = this.re.exec(text);
    const group: unknown = match?.[1];
    return typeof group === 'string' ? group : undefined;
  }
}

/** Compiles a config pattern; throws `PatternError`. */
export function compilePattern(source: string): Re2Pattern {
  return new Re2Pattern(source);
}

/** The pattern matched against whole strings: `^(?:…)$`, so alternations can't leak out. */
export function wholeMatcher(pattern: TagPattern): (text: string) => boolean {
  const whole = compilePattern(`^(?:${pattern.source})$`);
  return (text) => whole.test(text);
}
