import { createReadStream } from 'node:fs';
import { isAcrHost } from '../azure/keyless.js';
import {
  DEFAULT_IMMUTABLE_SOURCE,
  DEFAULT_SEMVER_RULES,
  DEFAULT_SYNC_PARALLEL,
  type SyncConfig,
  type SyncImage,
  type SyncTarget,
  type TagFilter,
  type TargetTagRule,
} from '../engine/sync-plan.js';
import { lineVisibility } from '../engine/plan.js';
import { type Digest, isDigest } from '../oci/digest.js';
import { compilePattern, type Re2Pattern } from '../oci/pattern.js';
import { isHost, isRepository, isTag, parseImageName } from '../oci/reference.js';
import { globToRegExp } from '../oci/repository-glob.js';
import { parseRange, SEMVER_RULES, type SemverRules } from '../oci/semver-rules.js';
import { type RegistrySku, SKU_OPS } from '../registry/pace.js';
import { InputError } from './inputs.js';

/**
 * The sync's config, parsed and checked in full before anything is copied. This code mirrors
 * `sync/schema.json` (which editors use), and adds what a schema can't say: patterns that
 * compile (RE2), ranges, target names that exist. Every error names its path in the config,
 * e.g. `images[2].tags.semver`, says what is wrong and what to write instead.
 */
export class SyncConfigError extends InputError {
  override name = 'SyncConfigError';
}

/** The newest config version this oci-push reads. */
export const SYNC_CONFIG_VERSION = 1;
/**
 * A config is at most this big. The largest real one (retagger's 860 entries, converted) is
 * about 100 KiB; a 10 MB config once took 983 MiB to parse (issue #25).
 */
const MAX_CONFIG_BYTES = 1024 * 1024;
/** `[`/`{` nesting, and nesting of the parsed value: the schema needs 5 levels. */
const MAX_FLOW_DEPTH = 64;
const MAX_VALUE_DEPTH = 16;
/** YAML aliases expanded at most this often (the yaml library's default): a bomb stops here. */
const MAX_ALIAS_COUNT = 100;

const TOP_KEYS = [
  'version',
  'targets',
  'images',
  'parallel',
  'semver-rules',
  'immutable',
  'floating',
  'limits',
  'helm-index',
] as const;
const TARGET_KEYS = ['registry', 'mirror'] as const;
const IMAGE_KEYS = [
  'source',
  'target',
  'to',
  'tags',
  'target-tag',
  'overwrite',
  'may-be-empty',
  'repositories',
  'visibility',
] as const;
const TAG_KEYS = ['allow', 'deny', 'semver', 'version', 'newest', 'per', 'exact', 'pin'] as const;
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const TARGET_LINE = 'HOST [insecure] [acr] [public|private|public/private]';
const MAX_PARALLEL = 64;
/** ACR's service tiers, as the pacer knows their budgets. */
const ACR_SKUS = Object.keys(SKU_OPS) as RegistrySku[];

/** Parses YAML text (`where` names it in messages: a file path, or "config"). */
export async function parseSyncConfigText(text: string, where: string): Promise<SyncConfig> {
  checkSize(Buffer.byteLength(text), where);
  checkFlowDepth(text, where);
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    throw new SyncConfigError(
      `${where}: not valid YAML: ${first.message.split('\n')[0] ?? first.message}`,
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library refuses an alias bomb ("Excessive alias count…"): an input error.
    throw new SyncConfigError(
      `${where}: refused: ${(error as Error).message}. A sync config may expand YAML aliases ` +
        `at most ${MAX_ALIAS_COUNT} times; write the entries out instead`,
    );
  }
  if (depthOf(value, 0) > MAX_VALUE_DEPTH) {
    throw new SyncConfigError(
      `${where}: nested more than ${MAX_VALUE_DEPTH} levels deep; a sync config needs 5`,
    );
  }
  return parseSyncConfig(value);
}

/**
 * A config file, read up to one byte past the cap: `config: /dev/zero` or a huge file is
 * refused there, instead of being read until memory runs out (issue #25). A file that can't
 * be read throws the file system's error for the caller to describe.
 */
export async function readConfigFile(path: string, where: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: MAX_CONFIG_BYTES })) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  checkSize(size, where);
  return Buffer.concat(chunks).toString('utf8');
}

function checkSize(bytes: number, where: string): void {
  if (bytes > MAX_CONFIG_BYTES) {
    throw new SyncConfigError(
      `${where}: ${bytes > MAX_CONFIG_BYTES + 1 ? `${bytes} bytes` : 'more than 1 MiB'}: a sync ` +
        `config is at most ${MAX_CONFIG_BYTES} bytes (1 MiB). Split it into several configs ` +
        '(one per job or shard), or name whole namespaces with `source: HOST/NAMESPACE/*`',
    );
  }
}

/**
 * Flow collections (`[[[[…`) nest one level per character, and parsing a deep one took
 * 397 MiB (issue #25): their depth is counted before the parser sees them, outside quotes
 * and comments.
 */
function checkFlowDepth(text: string, where: string): void {
  let depth = 0;
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (comment) {
      if (c === '\n') comment = false;
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) comment = true;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) {
        throw new SyncConfigError(
          `${where}: flow collections ([…] or {…}) nested more than ${MAX_FLOW_DEPTH} deep; ` +
            'a sync config needs a few',
        );
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
}

function depthOf(value: unknown, depth: number): number {
  if (depth > MAX_VALUE_DEPTH) return depth;
  if (typeof value !== 'object' || value === null) return depth;
  let deepest = depth + 1;
  for (const inner of Object.values(value)) deepest = Math.max(deepest, depthOf(inner, depth + 1));
  return deepest;
}

/** Checks a config already read into plain values, and types it. */
export function parseSyncConfig(value: unknown): SyncConfig {
  const errors: string[] = [];
  const fail: Fail = Object.assign(
    (path: string, message: string): undefined => {
      errors.push(`${path}: ${message}`);
      return undefined;
    },
    { count: () => errors.length },
  );
  const top = objectAt(value, '(config)', TOP_KEYS, fail);
  if (!top) throw configError(errors);

  if (top.version !== undefined) {
    const v = top.version;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      fail('version', `must be a whole number; this oci-push reads version ${SYNC_CONFIG_VERSION}`);
    } else if (v > SYNC_CONFIG_VERSION) {
      // Checked first and alone: a newer config's other keys would only add noise.
      throw new SyncConfigError(
        `sync config: version: ${v} is newer than this oci-push reads (up to ` +
          `${SYNC_CONFIG_VERSION}); update oci-push (the action's @ref, or the CLI) to one that ` +
          `reads version ${v}`,
      );
    }
  }

  const targets: SyncTarget[] = [];
  const targetsValue = top.targets;
  if (targetsValue === undefined) fail('targets', 'required: the registries to copy into');
  else {
    const entries = isPlainObject(targetsValue)
      ? Object.entries(targetsValue)
      : (fail('targets', 'must be a map of target names to `registry: HOST`'), []);
    if (isPlainObject(targetsValue) && entries.length === 0)
      fail('targets', 'names no target; add one, e.g. `gsoci: { registry: gsoci.azurecr.io }`');
    for (const [name, entry] of entries) {
      const path = `targets.${name}`;
      if (!TARGET_NAME.test(name)) {
        fail(path, 'a target name is letters, digits, `.`, `_` and `-`');
        continue;
      }
      const target = parseTarget(name, entry, path, fail);
      if (target) targets.push(target);
    }
  }
  const names = new Set(targets.map((t) => t.name));

  let semverRules: SemverRules = DEFAULT_SEMVER_RULES;
  if (top['semver-rules'] !== undefined) {
    const rules = top['semver-rules'];
    if (typeof rules !== 'string' || !(SEMVER_RULES as readonly string[]).includes(rules)) {
      fail('semver-rules', `must be one of ${SEMVER_RULES.join(', ')}`);
    } else semverRules = rules as SemverRules;
  }
  const immutable =
    top.immutable === undefined
      ? [compilePattern(DEFAULT_IMMUTABLE_SOURCE)]
      : patternList(top.immutable, 'immutable', fail);
  const floating = top.floating === undefined ? [] : patternList(top.floating, 'floating', fail);
  const limits = parseLimits(top.limits, fail);

  const images: SyncImage[] = [];
  const imagesValue = top.images;
  if (imagesValue === undefined) fail('images', 'required: the images to copy');
  else if (!Array.isArray(imagesValue)) fail('images', 'must be a list of `- source: …` entries');
  else if (imagesValue.length === 0) fail('images', 'lists no image; add `- source: REPOSITORY`');
  else {
    const context = { targetNames: names, targetsGiven: targetsValue !== undefined, semverRules };
    imagesValue.forEach((entry: unknown, i) => {
      const image = parseImage(entry, i, context, fail);
      if (image) images.push(image);
    });
  }

  let parallel = DEFAULT_SYNC_PARALLEL;
  if (top.parallel !== undefined) {
    const n = top.parallel;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_PARALLEL)
      fail('parallel', `must be a whole number from 1 to ${MAX_PARALLEL} (images at once)`);
    else parallel = n;
  }
  const helmIndex: string[] = [];
  const helmIndexValue = top['helm-index'];
  if (helmIndexValue !== undefined) {
    if (!Array.isArray(helmIndexValue)) {
      fail('helm-index', 'must be a list of chart namespaces, e.g. [charts/giantswarm]');
    } else {
      helmIndexValue.forEach((namespace: unknown, i) => {
        if (typeof namespace !== 'string' || !isRepository(namespace)) {
          fail(
            `helm-index[${i}]`,
            `"${String(namespace)}" is not a chart namespace (a repository path, e.g. charts/giantswarm)`,
          );
        } else helmIndex.push(namespace);
      });
    }
  }
  if (errors.length > 0) throw configError(errors);
  return {
    targets,
    images,
    parallel,
    semverRules,
    ...(immutable && { immutable }),
    ...(floating && { floating }),
    ...(limits && { limits }),
    ...(helmIndex.length > 0 && { helmIndex }),
  };
}

/** Records one error at a path; `count` says how many so far. */
type Fail = ((path: string, message: string) => undefined) & { count: () => number };

function parseTarget(
  name: string,
  value: unknown,
  path: string,
  fail: Fail,
): SyncTarget | undefined {
  const entry = objectAt(value, path, TARGET_KEYS, fail);
  if (!entry) return undefined;
  if (entry.registry === undefined) return fail(`${path}.registry`, `required: ${TARGET_LINE}`);
  if (typeof entry.registry !== 'string')
    return fail(`${path}.registry`, `must be a string: ${TARGET_LINE}`);
  const [host, ...flags] = entry.registry.trim().split(/\s+/);
  if (!host || !isHost(host)) {
    return fail(
      `${path}.registry`,
      `"${entry.registry}" does not start with a registry host, e.g. gsoci.azurecr.io or 127.0.0.1:5000`,
    );
  }
  const target: SyncTarget = { name, host, insecure: false, acr: isAcrHost(host), mirror: false };
  for (const flag of flags) {
    const visibility = lineVisibility(flag);
    if (flag === 'insecure') target.insecure = true;
    else if (flag === 'acr') target.acr = true;
    else if (visibility && (!target.visibility || target.visibility === visibility)) {
      target.visibility = visibility;
    } else if (visibility) {
      return fail(
        `${path}.registry`,
        'is marked both public and private; a target that takes both is marked public/private',
      );
    } else return fail(`${path}.registry`, `unknown flag "${flag}"; a line is ${TARGET_LINE}`);
  }
  if (entry.mirror !== undefined) {
    if (typeof entry.mirror !== 'boolean') return fail(`${path}.mirror`, 'must be true or false');
    target.mirror = entry.mirror;
  }
  return target;
}

function parseLimits(value: unknown, fail: Fail): Map<string, RegistrySku> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    return fail('limits', `must be a map of registry hosts to ACR tiers (${ACR_SKUS.join(', ')})`);
  }
  const limits = new Map<string, RegistrySku>();
  for (const [host, sku] of Object.entries(value)) {
    if (!isHost(host)) fail(`limits.${host}`, 'is not a registry host');
    else if (typeof sku !== 'string' || !(ACR_SKUS as string[]).includes(sku)) {
      fail(`limits.${host}`, `must be one of ${ACR_SKUS.join(', ')} (the ACR's service tier)`);
    } else limits.set(host.toLowerCase(), sku as RegistrySku);
  }
  return limits;
}

interface ImageContext {
  targetNames: ReadonlySet<string>;
  targetsGiven: boolean;
  semverRules: SemverRules;
}

function parseImage(
  value: unknown,
  index: number,
  context: ImageContext,
  fail: Fail,
): SyncImage | undefined {
  const path = `images[${index}]`;
  const entry = objectAt(value, path, IMAGE_KEYS, fail);
  if (!entry) return undefined;
  const before = fail.count();
  let source: SyncImage['source'] | undefined;
  let discover: SyncImage['discover'];
  if (entry.source === undefined) {
    fail(`${path}.source`, 'required: the repository to copy from, e.g. docker.io/library/alpine');
  } else if (typeof entry.source !== 'string') {
    fail(`${path}.source`, 'must be a string, e.g. docker.io/library/alpine');
  } else if (/[*?]/.test(entry.source)) {
    const found = parseDiscoverySource(entry.source, `${path}.source`, fail);
    if (found) {
      source = { host: found.host, repository: found.glob };
      discover = { glob: found.glob, allow: [], deny: [], path: { strip: '', prefix: '' } };
    }
  } else {
    try {
      const name = parseImageName(entry.source, `${path}.source "${entry.source}"`, false);
      if (/:[^/]*$/.test(entry.source.replace(/^[^/]*\//, '')) || entry.source.includes('@')) {
        fail(
          `${path}.source`,
          `"${entry.source}" names a tag; name the repository only, and choose tags with ` +
            '`tags:` (e.g. `tags: { allow: [...] }`, or `tags: { pin: { TAG: DIGEST } }`)',
        );
      } else source = { host: name.host, repository: name.repository };
    } catch (error) {
      const message = (error as Error).message;
      fail(`${path}.source`, message.replace(`${path}.source `, ''));
    }
  }
  if (entry.repositories !== undefined) {
    if (!discover) {
      fail(
        `${path}.repositories`,
        'chooses among discovered repositories; it needs a source such as HOST/NAMESPACE/*',
      );
    } else {
      const filters = objectAt(entry.repositories, `${path}.repositories`, ['allow', 'deny'], fail);
      if (filters) {
        discover.allow = patternList(filters.allow, `${path}.repositories.allow`, fail) ?? [];
        discover.deny = patternList(filters.deny, `${path}.repositories.deny`, fail) ?? [];
      }
    }
  }
  let repository = discover ? '' : source?.repository;
  if (entry.target !== undefined) {
    if (discover) {
      const mapping = objectAt(entry.target, `${path}.target`, ['strip', 'prefix'], fail);
      if (mapping)
        discover.path = parsePathMapping(mapping, `${path}.target`, fail) ?? discover.path;
    } else if (typeof entry.target !== 'string' || !isRepository(entry.target)) {
      fail(
        `${path}.target`,
        `"${String(entry.target)}" is not a repository path: lowercase letters, digits and ` +
          'separators (. _ __ -) in components joined by "/", e.g. giantswarm/alpine',
      );
    } else repository = entry.target;
  }
  let to = [...context.targetNames];
  if (entry.to !== undefined) {
    if (!Array.isArray(entry.to) || entry.to.length === 0) {
      fail(`${path}.to`, 'must be a list of target names, e.g. [gsoci, aliyun]');
    } else {
      const seen = new Set<string>();
      entry.to.forEach((name: unknown, i) => {
        if (typeof name !== 'string') return fail(`${path}.to[${i}]`, 'must be a target name');
        if (seen.has(name)) return fail(`${path}.to[${i}]`, `"${name}" is listed twice`);
        seen.add(name);
        if (context.targetsGiven && !context.targetNames.has(name)) {
          return fail(
            `${path}.to[${i}]`,
            `"${name}" is not a target; the targets are ${[...context.targetNames].join(', ') || '(none)'}`,
          );
        }
        return undefined;
      });
      to = entry.to as string[];
    }
  }
  const tags = parseTagFilter(entry.tags, `${path}.tags`, context.semverRules, fail);
  if (discover && tags && (tags.exact || tags.pin)) {
    fail(`${path}.tags`, '`exact` and `pin` name tags of one repository; not with discovery');
  }
  const targetTag = parseTargetTag(entry['target-tag'], `${path}.target-tag`, fail);
  const overwrite = booleanAt(entry.overwrite, `${path}.overwrite`, fail);
  const mayBeEmpty = booleanAt(entry['may-be-empty'], `${path}.may-be-empty`, fail);
  let visibility: SyncImage['visibility'];
  if (entry.visibility !== undefined) {
    if (entry.visibility !== 'public' && entry.visibility !== 'private') {
      fail(
        `${path}.visibility`,
        `"${String(entry.visibility)}" is not public or private (the source's visibility, when ` +
          "it can't be read without a credential and is public all the same)",
      );
    } else visibility = entry.visibility;
  }
  if (fail.count() !== before || !source || repository === undefined || !tags) return undefined;
  return {
    index,
    source,
    repository,
    to,
    tags,
    overwrite,
    ...(targetTag && { targetTag }),
    ...(mayBeEmpty && { mayBeEmpty }),
    ...(discover && { discover }),
    ...(visibility && { visibility }),
  };
}

/** `HOST/NAMESPACE/*`, `HOST/NAMESPACE/**`, `HOST/**`: the host, and a repository glob. */
function parseDiscoverySource(
  text: string,
  path: string,
  fail: Fail,
): { host: string; glob: string } | undefined {
  const slash = text.indexOf('/');
  const host = slash < 0 ? '' : text.slice(0, slash);
  const glob = slash < 0 ? '' : text.slice(slash + 1);
  if (!isHost(host) || !/[.:]|^localhost$/.test(host)) {
    return fail(
      path,
      `"${text}" names repositories by a pattern, and needs the registry's host first: ` +
        'HOST/NAMESPACE/* (one level), HOST/NAMESPACE/** (every level) or HOST/** (all)',
    );
  }
  try {
    globToRegExp(glob);
  } catch (error) {
    return fail(path, (error as Error).message);
  }
  return { host, glob };
}

function parsePathMapping(
  mapping: Record<string, unknown>,
  path: string,
  fail: Fail,
): { strip: string; prefix: string } | undefined {
  const part = (key: 'strip' | 'prefix'): string | undefined => {
    const value = mapping[key];
    if (value === undefined) return '';
    const text = typeof value === 'string' ? value.replace(/^\/+|\/+$/g, '') : undefined;
    if (text === undefined || (text !== '' && !isRepository(text))) {
      return fail(`${path}.${key}`, 'must be a repository path, e.g. giantswarm');
    }
    return text === '' ? '' : `${text}/`;
  };
  const strip = part('strip');
  const prefix = part('prefix');
  return strip === undefined || prefix === undefined ? undefined : { strip, prefix };
}

function parseTagFilter(
  value: unknown,
  path: string,
  rules: SemverRules,
  fail: Fail,
): TagFilter | undefined {
  if (value === undefined) return { allow: [], deny: [] };
  const entry = objectAt(value, path, TAG_KEYS, fail);
  if (!entry) return undefined;
  const before = fail.count();
  const filter: TagFilter = {
    allow: patternList(entry.allow, `${path}.allow`, fail) ?? [],
    deny: patternList(entry.deny, `${path}.deny`, fail) ?? [],
  };
  if (entry.version !== undefined) {
    const pattern = patternAt(entry.version, `${path}.version`, fail);
    if (pattern && pattern.groups < 1) {
      fail(
        `${path}.version`,
        `"${pattern.source}" has no capture group; put the version in one, e.g. '^stable-(.+)$'`,
      );
    } else if (pattern) filter.version = pattern;
  }
  if (entry.semver !== undefined) {
    if (typeof entry.semver !== 'string') {
      fail(`${path}.semver`, `must be a string, e.g. '>= 3.18'`);
    } else {
      try {
        filter.semver = parseRange(entry.semver, rules);
      } catch (error) {
        fail(`${path}.semver`, `"${entry.semver}" ${(error as Error).message}`);
      }
    }
  }
  if (entry.newest !== undefined) {
    const n = entry.newest;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      fail(`${path}.newest`, 'must be a whole number of at least 1');
    } else filter.newest = n;
  }
  if (entry.per !== undefined) {
    if (entry.per !== 'major' && entry.per !== 'minor') {
      fail(`${path}.per`, `"${String(entry.per)}" is not major or minor`);
    } else if (entry.newest === undefined) {
      fail(`${path}.per`, 'needs `newest`: per says which line the newest N are counted in');
    } else filter.per = entry.per;
  }
  if (entry.exact !== undefined) {
    if (!Array.isArray(entry.exact) || entry.exact.length === 0) {
      fail(`${path}.exact`, "must be a list of tags, e.g. ['1.0', '2.0']");
    } else {
      entry.exact.forEach((tag: unknown, i) => {
        if (typeof tag !== 'string' || !isTag(tag)) fail(`${path}.exact[${i}]`, notATag(tag));
      });
      filter.exact = entry.exact as string[];
    }
  }
  if (entry.pin !== undefined) {
    if (!isPlainObject(entry.pin) || Object.keys(entry.pin).length === 0) {
      fail(`${path}.pin`, "must be a map of tags to digests, e.g. { '2.7.35': 'sha256:…' }");
    } else {
      const pin = new Map<string, Digest>();
      for (const [tag, digest] of Object.entries(entry.pin)) {
        if (!isTag(tag)) fail(`${path}.pin.${tag}`, notATag(tag));
        else if (typeof digest !== 'string' || !isDigest(digest)) {
          fail(`${path}.pin.${tag}`, 'must be a digest, sha256: and 64 lowercase hex digits');
        } else pin.set(tag, digest);
      }
      filter.pin = pin;
    }
  }
  return fail.count() === before ? filter : undefined;
}

function notATag(tag: unknown): string {
  return `"${String(tag)}" is not a tag: letters, digits, _ . and -, at most 128, not starting with . or -`;
}

function parseTargetTag(value: unknown, path: string, fail: Fail): TargetTagRule | undefined {
  if (value === undefined) return undefined;
  const entry = objectAt(value, path, ['suffix', 'strip-v'], fail);
  if (!entry) return undefined;
  const rule: TargetTagRule = { suffix: '', stripV: false };
  if (entry.suffix !== undefined) {
    if (typeof entry.suffix !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(entry.suffix)) {
      fail(`${path}.suffix`, "must be tag characters (letters, digits, _ . -), e.g. '-k8s'");
    } else rule.suffix = entry.suffix;
  }
  rule.stripV = booleanAt(entry['strip-v'], `${path}.strip-v`, fail);
  return rule;
}

function patternAt(value: unknown, path: string, fail: Fail): Re2Pattern | undefined {
  if (typeof value !== 'string') return fail(path, 'must be a regular expression, as a string');
  try {
    return compilePattern(value);
  } catch (error) {
    return fail(path, `"${value}" ${(error as Error).message}`);
  }
}

function patternList(value: unknown, path: string, fail: Fail): Re2Pattern[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    return fail(path, `must be a list of regular expressions, e.g. ['^v?\\d+\\.\\d+\\.\\d+$']`);
  }
  const patterns: Re2Pattern[] = [];
  value.forEach((source: unknown, i) => {
    const pattern = patternAt(source, `${path}[${i}]`, fail);
    if (pattern) patterns.push(pattern);
  });
  return patterns;
}

function booleanAt(value: unknown, path: string, fail: Fail): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    fail(path, 'must be true or false');
    return false;
  }
  return value;
}

/** A map with only `keys`; an unknown key is named with the ones that are known. */
function objectAt(
  value: unknown,
  path: string,
  keys: readonly string[],
  fail: Fail,
): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) return fail(path, `must be a map with the keys ${keys.join(', ')}`);
  let ok = true;
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      ok = false;
      const inner = path === '(config)' ? key : `${path}.${key}`;
      fail(inner, `unknown key; the keys here are ${keys.join(', ')}`);
    }
  }
  return ok ? value : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function configError(errors: string[]): SyncConfigError {
  return new SyncConfigError(
    errors.length === 1
      ? `sync config: ${errors[0]}`
      : `sync config: ${errors.length} problems:\n- ${errors.join('\n- ')}`,
  );
}
