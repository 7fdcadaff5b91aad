import semver from 'semver';
import { isAcrHost } from '../azure/keyless.js';
import {
  DEFAULT_SYNC_PARALLEL,
  type SyncConfig,
  type SyncImage,
  type SyncTarget,
  type TagFilter,
} from '../engine/sync-plan.js';
import { isHost, isRepository, parseImageName } from '../oci/reference.js';
import { InputError } from './inputs.js';

/**
 * The sync's config, parsed and checked in full before anything is copied. This code mirrors
 * `sync/schema.json` (which editors use), and adds what a schema can't say: regexes that
 * compile, semver ranges, target names that exist. Every error names its path in the config,
 * e.g. `images[2].tags.semver`, says what is wrong and what to write instead.
 */
export class SyncConfigError extends InputError {
  override name = 'SyncConfigError';
}

const TOP_KEYS = ['targets', 'images', 'parallel', 'helmIndex'] as const;
const TARGET_KEYS = ['registry', 'mirror'] as const;
const IMAGE_KEYS = ['source', 'target', 'to', 'tags', 'overwrite'] as const;
const TAG_KEYS = ['allow', 'deny', 'semver', 'newest', 'per'] as const;
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const MAX_PARALLEL = 64;

/** Parses YAML text (`where` names it in messages: a file path, or "config"). */
export async function parseSyncConfigText(text: string, where: string): Promise<SyncConfig> {
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    throw new SyncConfigError(
      `${where}: not valid YAML: ${first.message.split('\n')[0] ?? first.message}`,
    );
  }
  return parseSyncConfig(doc.toJS() as unknown);
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

  const images: SyncImage[] = [];
  const imagesValue = top.images;
  if (imagesValue === undefined) fail('images', 'required: the images to copy');
  else if (!Array.isArray(imagesValue)) fail('images', 'must be a list of `- source: …` entries');
  else if (imagesValue.length === 0) fail('images', 'lists no image; add `- source: REPOSITORY`');
  else {
    imagesValue.forEach((entry: unknown, i) => {
      const image = parseImage(entry, i, names, targetsValue !== undefined, fail);
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
  if (top.helmIndex !== undefined) {
    if (!Array.isArray(top.helmIndex)) {
      fail('helmIndex', 'must be a list of chart namespaces, e.g. [charts/giantswarm]');
    } else {
      top.helmIndex.forEach((namespace: unknown, i) => {
        if (typeof namespace !== 'string' || !isRepository(namespace)) {
          fail(
            `helmIndex[${i}]`,
            `"${String(namespace)}" is not a chart namespace (a repository path, e.g. charts/giantswarm)`,
          );
        } else helmIndex.push(namespace);
      });
    }
  }
  if (errors.length > 0) throw configError(errors);
  return { targets, images, parallel, ...(helmIndex.length > 0 && { helmIndex }) };
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
  if (entry.registry === undefined)
    return fail(`${path}.registry`, 'required: HOST [insecure] [acr]');
  if (typeof entry.registry !== 'string')
    return fail(`${path}.registry`, 'must be a string: HOST [insecure] [acr]');
  const [host, ...flags] = entry.registry.trim().split(/\s+/);
  if (!host || !isHost(host)) {
    return fail(
      `${path}.registry`,
      `"${entry.registry}" does not start with a registry host, e.g. gsoci.azurecr.io or 127.0.0.1:5000`,
    );
  }
  const target: SyncTarget = { name, host, insecure: false, acr: isAcrHost(host), mirror: false };
  for (const flag of flags) {
    if (flag === 'insecure') target.insecure = true;
    else if (flag === 'acr') target.acr = true;
    else return fail(`${path}.registry`, `unknown flag "${flag}"; a line is HOST [insecure] [acr]`);
  }
  if (entry.mirror !== undefined) {
    if (typeof entry.mirror !== 'boolean') return fail(`${path}.mirror`, 'must be true or false');
    target.mirror = entry.mirror;
  }
  return target;
}

function parseImage(
  value: unknown,
  index: number,
  targetNames: ReadonlySet<string>,
  targetsGiven: boolean,
  fail: Fail,
): SyncImage | undefined {
  const path = `images[${index}]`;
  const entry = objectAt(value, path, IMAGE_KEYS, fail);
  if (!entry) return undefined;
  const before = fail.count();
  let source: SyncImage['source'] | undefined;
  if (entry.source === undefined) {
    fail(`${path}.source`, 'required: the repository to copy from, e.g. docker.io/library/alpine');
  } else if (typeof entry.source !== 'string') {
    fail(`${path}.source`, 'must be a string, e.g. docker.io/library/alpine');
  } else {
    try {
      const name = parseImageName(entry.source, `${path}.source "${entry.source}"`, false);
      if (/:[^/]*$/.test(entry.source.replace(/^[^/]*\//, '')) || entry.source.includes('@')) {
        fail(
          `${path}.source`,
          `"${entry.source}" names a tag; name the repository only, and choose tags with ` +
            '`tags:` (e.g. `tags: { allow: [...] }`)',
        );
      } else source = { host: name.host, repository: name.repository };
    } catch (error) {
      const message = (error as Error).message;
      fail(`${path}.source`, message.replace(`${path}.source `, ''));
    }
  }
  let repository = source?.repository;
  if (entry.target !== undefined) {
    if (typeof entry.target !== 'string' || !isRepository(entry.target)) {
      fail(
        `${path}.target`,
        `"${String(entry.target)}" is not a repository path: lowercase letters, digits and ` +
          'separators (. _ __ -) in components joined by "/", e.g. giantswarm/alpine',
      );
    } else repository = entry.target;
  }
  let to = [...targetNames];
  if (entry.to !== undefined) {
    if (!Array.isArray(entry.to) || entry.to.length === 0) {
      fail(`${path}.to`, 'must be a list of target names, e.g. [gsoci, aliyun]');
    } else {
      const seen = new Set<string>();
      entry.to.forEach((name: unknown, i) => {
        if (typeof name !== 'string') return fail(`${path}.to[${i}]`, 'must be a target name');
        if (seen.has(name)) return fail(`${path}.to[${i}]`, `"${name}" is listed twice`);
        seen.add(name);
        if (targetsGiven && !targetNames.has(name)) {
          return fail(
            `${path}.to[${i}]`,
            `"${name}" is not a target; the targets are ${[...targetNames].join(', ') || '(none)'}`,
          );
        }
        return undefined;
      });
      to = entry.to as string[];
    }
  }
  const tags = parseTagFilter(entry.tags, `${path}.tags`, fail);
  let overwrite = false;
  if (entry.overwrite !== undefined) {
    if (typeof entry.overwrite !== 'boolean') fail(`${path}.overwrite`, 'must be true or false');
    else overwrite = entry.overwrite;
  }
  if (fail.count() !== before || !source || !repository || !tags) return undefined;
  return { index, source, repository, to, tags, overwrite };
}

function parseTagFilter(value: unknown, path: string, fail: Fail): TagFilter | undefined {
  if (value === undefined) return { allow: [], deny: [] };
  const entry = objectAt(value, path, TAG_KEYS, fail);
  if (!entry) return undefined;
  let ok = true;
  const regexes = (key: 'allow' | 'deny'): RegExp[] => {
    const list = entry[key];
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      ok = false;
      fail(
        `${path}.${key}`,
        `must be a list of regular expressions, e.g. ['^v?\\d+\\.\\d+\\.\\d+$']`,
      );
      return [];
    }
    return list.flatMap((source: unknown, i) => {
      if (typeof source !== 'string') {
        ok = false;
        fail(`${path}.${key}[${i}]`, 'must be a regular expression, as a string');
        return [];
      }
      try {
        return [new RegExp(source)];
      } catch (error) {
        ok = false;
        fail(
          `${path}.${key}[${i}]`,
          `"${source}" is not a valid regular expression: ${(error as Error).message}`,
        );
        return [];
      }
    });
  };
  const filter: TagFilter = { allow: regexes('allow'), deny: regexes('deny') };
  if (entry.semver !== undefined) {
    if (typeof entry.semver !== 'string' || semver.validRange(entry.semver) === null) {
      ok = false;
      fail(
        `${path}.semver`,
        `"${String(entry.semver)}" is not a semver range; write e.g. '>=3.18.0', '^1.2' or '1.x'`,
      );
    } else filter.semver = entry.semver;
  }
  if (entry.newest !== undefined) {
    const n = entry.newest;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      ok = false;
      fail(`${path}.newest`, 'must be a whole number of at least 1');
    } else filter.newest = n;
  }
  if (entry.per !== undefined) {
    if (entry.per !== 'major' && entry.per !== 'minor') {
      ok = false;
      fail(`${path}.per`, `"${String(entry.per)}" is not major or minor`);
    } else if (entry.newest === undefined) {
      ok = false;
      fail(`${path}.per`, 'needs `newest`: per says which line the newest N are counted in');
    } else filter.per = entry.per;
  }
  return ok ? filter : undefined;
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
