import type { AzureLogin } from '../azure/keyless.js';
import { globToRegExp } from '../oci/repository-glob.js';
import type { CleanupRules } from '../cleanup/policy.js';
import { compilePattern, type TagPattern, wholeMatcher } from '../oci/pattern.js';
import { parseHost } from '../oci/reference.js';
import { parseAzureLogin } from './azure-login.js';
import { type RegistrySku, SKU_OPS } from '../registry/pace.js';
import { type InputGetter, InputError, oneOf, parseBoolean, wrap } from './inputs.js';

/** The cleanup action's inputs as one typed object. Nothing else in the cleanup reads inputs. */
export interface CleanupInputs {
  registry: string;
  /** Globs, one per line in the input; see `glob.ts`. */
  repositories: string[];
  olderThan: { text: string; ms: number };
  untagged: boolean;
  /** As written; the planner matches it against whole tags. */
  tagPattern?: TagPattern;
  keep: number;
  dryRun: boolean;
  /** The registry's tier: the cleanup paces itself to its ReadOps and WriteOps per minute. */
  sku: RegistrySku;
  /** Keyless login; the cleanup works through ACR's own API, which needs it. */
  azure?: AzureLogin;
  /** Accepted, but worth a warning annotation. */
  warnings: string[];
}

export function parseCleanupInputs(get: InputGetter): CleanupInputs {
  const warnings: string[] = [];
  const value = (name: string): string => get(name).trim();

  const registryText = value('registry');
  if (!registryText) throw new InputError('registry: required, e.g. gsoci.azurecr.io');
  const registry = wrap('registry', () => parseHost(registryText, 'registry'));

  const repositories = parseRepositoryGlobs(get('repositories'));
  const olderThan = parseOlderThan(value('older-than'));
  if (olderThan.ms < HOUR) {
    warnings.push(
      `older-than: ${olderThan.text} is under an hour. A push in progress uploads an index's ` +
        'manifests untagged before the index itself, so a cleanup this eager can delete them ' +
        'mid-push; 1h or more is safer',
    );
  }
  const untagged = parseBoolean('untagged', value('untagged'), true);
  const tagPatternText = get('tag-pattern').trim();
  const tagPattern = tagPatternText ? parseTagPattern(tagPatternText) : undefined;
  if (!untagged && !tagPattern) {
    throw new InputError(
      'untagged, tag-pattern: with `untagged: false` and no `tag-pattern` nothing can be deleted; ' +
        'set `untagged: true`, a `tag-pattern`, or both',
    );
  }
  const keep = parseKeep(value('keep'));
  const dryRun = parseBoolean('dry-run', value('dry-run'), false);
  const sku = oneOf(
    'registry-sku',
    value('registry-sku').toLowerCase() || 'basic',
    Object.keys(SKU_OPS) as RegistrySku[],
  );
  const azure = parseAzureLogin(get);
  return {
    registry,
    repositories,
    olderThan,
    untagged,
    ...(tagPattern && { tagPattern }),
    keep,
    dryRun,
    sku,
    ...(azure && { azure }),
    warnings,
  };
}

/** The planner's rules from the inputs, at `now`. */
export function cleanupRules(inputs: CleanupInputs, now: Date): CleanupRules {
  return {
    now,
    olderThanMs: inputs.olderThan.ms,
    untagged: inputs.untagged,
    ...(inputs.tagPattern && { tagPattern: inputs.tagPattern }),
    keep: inputs.keep,
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const UNITS: Record<string, number> = { m: MINUTE, h: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR };

/** `30m`, `36h`, `7d`, `2w`: a whole positive number and one unit. */
export function parseOlderThan(text: string): { text: string; ms: number } {
  const hint = 'a whole number and a unit: 30m, 36h, 7d or 2w';
  if (text === '') throw new InputError(`older-than: required; ${hint}`);
  if (text.startsWith('-')) throw new InputError(`older-than: "${text}" is negative; ${hint}`);
  if (/^\d+$/.test(text)) {
    throw new InputError(`older-than: "${text}" has no unit; write ${text}d for days (${hint})`);
  }
  const match = /^(\d+)(m|h|d|w)$/.exec(text);
  if (!match) throw new InputError(`older-than: "${text}" is not ${hint}`);
  const amount = Number(match[1]);
  if (amount === 0) {
    throw new InputError(
      `older-than: "${text}" is zero, which would make everything old enough; ${hint}`,
    );
  }
  const ms = amount * (UNITS[match[2] as string] as number);
  if (!Number.isSafeInteger(ms)) {
    throw new InputError(`older-than: "${text}" is too large to count in milliseconds; ${hint}`);
  }
  return { text, ms };
}

/**
 * Release tags look like these. They are immutable (FACTS.md: a branch build once overwrote a
 * released chart), so a scheduled job never gets to delete them: a pattern that matches one as
 * a whole tag is refused, not merely warned about.
 */
export const RELEASE_TAG_PROBES = [
  '1.2.3',
  '0.1.0',
  '10.20.30',
  'v1.2.3',
  '1.2.3-rc.1',
  '1.2.3-alpha.1',
  '1.2.3_build.5',
  // A flavour's release, with the push's `tag-suffix`: a suffix alone never marks a dev build.
  '1.2.3-python',
  'latest',
];

export function parseTagPattern(text: string): TagPattern {
  let pattern: TagPattern;
  try {
    pattern = compilePattern(text);
  } catch (error) {
    throw new InputError(`tag-pattern: "${text}" ${(error as Error).message}`);
  }
  const matches = wholeMatcher(pattern);
  const release = RELEASE_TAG_PROBES.find((tag) => matches(tag));
  if (release !== undefined) {
    throw new InputError(
      `tag-pattern: "${text}" matches the release tag "${release}", and release tags are never ` +
        'deleted by this action. The pattern is matched against whole tags; narrow it to dev ' +
        'tags, e.g. ^dev-.+$ or ^\\d+\\.\\d+\\.\\d+-[0-9a-f]{40}$',
    );
  }
  return pattern;
}

function parseKeep(text: string): number {
  if (text === '') return 0;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InputError(`keep: "${text}" is not a whole number of 0 or more`);
  }
  return Number(text);
}

/** One glob per line; blank lines and `# comments` are ignored. At least one is required. */
function parseRepositoryGlobs(text: string): string[] {
  const globs: string[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const glob = raw.replace(/#.*/, '').trim();
    if (!glob) continue;
    wrap(`repositories line ${i + 1}`, () => globToRegExp(glob));
    if (!globs.includes(glob)) globs.push(glob);
  }
  if (globs.length === 0) {
    throw new InputError(
      'repositories: required, one glob per line (e.g. giantswarm/*); to clean every ' +
        'repository say so with **',
    );
  }
  return globs;
}
