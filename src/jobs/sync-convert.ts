import { isLoopbackHost } from '../registry/endpoints.js';
import { compilePattern } from '../oci/pattern.js';
import { isRepository, isTag, parseImageName } from '../oci/reference.js';
import { parseRange } from '../oci/semver-rules.js';
import { SYNC_CONFIG_VERSION } from './sync-config.js';

/**
 * `oci-push sync convert`: retagger's two config formats, and plain `skopeo sync` YAML, as
 * one sync config, each entry meaning what it meant there (giantswarm/retagger `main.go` and
 * `.circleci/config.yml`; containers/skopeo `cmd/skopeo/sync.go`):
 *
 * - retagger's own format (a list of `image`, `tag_or_pattern`, `sha`, `semver`, `filter`,
 *   `add_tag_suffix`, `override_repo_name`, `strip_semver_prefix`): the target is
 *   `NAMESPACE/<override_repo_name, else the last path element of image>`; `sha` pins
 *   `tag_or_pattern` (the tag, then) to that digest; a pattern is searched in each tag (Go's
 *   `MatchString`); `filter`'s first group is the version `semver` reads (Masterminds); a
 *   suffix makes `<tag>-<suffix>`; `strip_semver_prefix` drops the `v`.
 * - skopeo sync's format (`REGISTRY: {images, images-by-tag-regex, images-by-semver}`),
 *   which `skopeo sync --src yaml FILE DEST` copies to `DEST/<last path element>` (with
 *   `--scoped`, `DEST/<registry>/<path>`); an empty tag list is every tag.
 * - retagger re-copied `latest`, `develop` and `debug` every run: they become `floating`.
 *
 * Whatever can't be said in a sync config (credentials, TLS settings, untagged digests, an
 * entry retagger itself refused) is listed in `leftOut`, one line each.
 */
export interface ConvertTarget {
  name: string;
  host: string;
  /** The path every image goes under, e.g. `giantswarm`. */
  namespace: string;
}

export interface ConvertOptions {
  targets: readonly ConvertTarget[];
  /** skopeo's `--scoped`: the whole source path under the namespace. */
  scoped?: boolean;
  /** skopeo's `--append-suffix`, for the skopeo-format files. */
  appendSuffix?: string;
}

export interface ConvertInput {
  /** The file's name, for messages. */
  name: string;
  /** Its content, read into plain values. */
  value: unknown;
}

export interface Conversion {
  config: Record<string, unknown>;
  leftOut: string[];
}

/** retagger's targets (`main.go`: `azureURL`, `aliyunURL`). */
export const RETAGGER_TARGETS: readonly ConvertTarget[] = [
  { name: 'gsoci', host: 'gsoci.azurecr.io', namespace: 'giantswarm' },
  {
    name: 'aliyun',
    host: 'giantswarm-registry.cn-shanghai.cr.aliyuncs.com',
    namespace: 'giantswarm',
  },
];

/** Tags retagger copied again on every run (`FindMissingTags`). */
const RETAGGER_FLOATING = '^(latest|develop|debug)$';

const RETAGGER_KEYS = [
  'image',
  'tag_or_pattern',
  'sha',
  'semver',
  'filter',
  'add_tag_suffix',
  'override_repo_name',
  'strip_semver_prefix',
];
const SKOPEO_KEYS = ['images', 'images-by-tag-regex', 'images-by-semver'];
const SKOPEO_UNSAYABLE: Record<string, string> = {
  credentials:
    'credentials are never written into a sync config: give them in the `credentials` input ' +
    '(OCI_PUSH_CREDENTIALS for the CLI) or with docker login',
  'tls-verify':
    'TLS verification can only be turned off for a target (`registry: HOST insecure`); a ' +
    'source on loopback is read over plain HTTP by itself',
  'cert-dir': 'a private CA is trusted through NODE_EXTRA_CA_CERTS, not per registry',
};

export function convertConfigs(
  inputs: readonly ConvertInput[],
  options: ConvertOptions,
): Conversion {
  const namespaces = new Set(options.targets.map((t) => t.namespace));
  if (namespaces.size !== 1) {
    throw new Error(
      `every --target must use one namespace (a sync config gives an image one path on all ` +
        `targets); got ${[...namespaces].join(', ')}`,
    );
  }
  const namespace = [...namespaces][0] as string;
  const images: Record<string, unknown>[] = [];
  const leftOut: string[] = [];
  for (const input of inputs) {
    if (Array.isArray(input.value)) {
      input.value.forEach((entry: unknown, i) => {
        const where = `${input.name}: [${i}]`;
        const converted = convertRetaggerEntry(entry, where, namespace, leftOut);
        if (converted) images.push(converted);
      });
    } else if (typeof input.value === 'object' && input.value !== null) {
      for (const [registry, section] of Object.entries(input.value)) {
        images.push(
          ...convertSkopeoRegistry(registry, section, `${input.name}: ${registry}`, {
            namespace,
            scoped: options.scoped ?? false,
            suffix: options.appendSuffix ?? '',
            leftOut,
          }),
        );
      }
    } else {
      leftOut.push(
        `${input.name}: neither retagger's format (a list) nor skopeo sync's (a map of registries)`,
      );
    }
  }
  const config: Record<string, unknown> = {
    version: SYNC_CONFIG_VERSION,
    'semver-rules': 'masterminds',
    floating: [RETAGGER_FLOATING],
    targets: Object.fromEntries(options.targets.map((t) => [t.name, { registry: t.host }])),
    images,
  };
  return { config, leftOut };
}

/** The last path element, as retagger's `imageBaseName` and skopeo's `path.Base` take it. */
function lastElement(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function convertRetaggerEntry(
  value: unknown,
  where: string,
  namespace: string,
  leftOut: string[],
): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    leftOut.push(`${where}: not a map of retagger's keys`);
    return undefined;
  }
  const entry = value as Record<string, unknown>;
  const unknown = Object.keys(entry).filter((k) => !RETAGGER_KEYS.includes(k));
  const text = (key: string): string =>
    typeof entry[key] === 'string' || typeof entry[key] === 'number' ? String(entry[key]) : '';
  const image = text('image');
  const label = `${where} (${image || 'no image'})`;
  const refuse = (why: string): undefined => {
    leftOut.push(`${label}: ${why}`);
    return undefined;
  };
  if (unknown.length > 0)
    return refuse(`unknown key(s) ${unknown.join(', ')}; retagger ignores them too`);
  const pattern = text('tag_or_pattern');
  const sha = text('sha');
  const range = text('semver');
  const filter = text('filter');
  const suffix = text('add_tag_suffix');
  // Files are read with YAML's failsafe schema (every scalar a string, as Go's yaml.v3 fills
  // string fields: an unquoted 1.10 stays "1.10"), so booleans arrive as text.
  const strip = ['true', 'True', 'TRUE'].includes(text('strip_semver_prefix'));
  // retagger's own Validate(): an entry it refused was never copied.
  if (!image) return refuse('no `image`; retagger refused this entry');
  if (!pattern && !sha && !range) {
    return refuse('neither tag_or_pattern, semver nor sha; retagger refused this entry');
  }
  if (sha && !pattern) return refuse('`sha` without `tag_or_pattern`; retagger refused this entry');
  if (range && (sha || pattern)) {
    return refuse('`semver` with `tag_or_pattern` or `sha`; retagger refused this entry');
  }
  if (filter && !range) return refuse('`filter` without `semver`; retagger refused this entry');
  if (strip && !range) {
    return refuse('`strip_semver_prefix` without `semver`; retagger refused this entry');
  }
  let source: string;
  try {
    const name = parseImageName(image, `image "${image}"`, false);
    if (/:[^/]*$/.test(image)) return refuse('`image` names a tag; retagger appends its own');
    source = `${name.host}/${name.repository}`;
  } catch (error) {
    return refuse((error as Error).message);
  }
  const base = text('override_repo_name') || lastElement(image);
  const target = `${namespace}/${base}`;
  if (!isRepository(target)) return refuse(`the target path "${target}" is not a repository path`);
  const tags: Record<string, unknown> = {};
  if (sha) {
    if (!/^[a-f0-9]{64}$/.test(sha)) return refuse(`sha "${sha}" is not 64 lowercase hex digits`);
    if (!isTag(pattern)) return refuse(`tag_or_pattern "${pattern}" (with sha) is not a tag`);
    tags.pin = { [pattern]: `sha256:${sha}` };
  } else if (pattern) {
    if (!compiles(pattern)) return refuse(`tag_or_pattern "${pattern}" is not a Go/RE2 pattern`);
    tags.allow = [pattern];
  } else {
    try {
      parseRange(range, 'masterminds');
    } catch (error) {
      return refuse(`semver "${range}" ${(error as Error).message}`);
    }
    tags.semver = range;
    if (filter) {
      let groups: number;
      try {
        groups = compilePattern(filter).groups;
      } catch (error) {
        return refuse(`filter "${filter}" ${(error as Error).message}`);
      }
      // retagger skipped every tag (with a warning) when the filter had no group.
      if (groups < 1)
        return refuse(`filter "${filter}" has no capture group; retagger selected no tag`);
      tags.version = filter;
    }
  }
  const converted: Record<string, unknown> = { source, target, tags };
  const targetTag: Record<string, unknown> = {};
  if (suffix) targetTag.suffix = `-${suffix}`;
  if (strip) targetTag['strip-v'] = true;
  if (Object.keys(targetTag).length > 0) converted['target-tag'] = targetTag;
  return converted;
}

function compiles(pattern: string): boolean {
  try {
    compilePattern(pattern);
    return true;
  } catch {
    return false;
  }
}

function convertSkopeoRegistry(
  registry: string,
  value: unknown,
  where: string,
  context: { namespace: string; scoped: boolean; suffix: string; leftOut: string[] },
): Record<string, unknown>[] {
  const { leftOut } = context;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    leftOut.push(`${where}: not a map (images, images-by-tag-regex, images-by-semver)`);
    return [];
  }
  const section = value as Record<string, unknown>;
  for (const key of Object.keys(section)) {
    if (SKOPEO_KEYS.includes(key)) continue;
    if (key === 'tls-verify' && (section[key] === 'true' || isLoopbackHost(registry))) continue;
    leftOut.push(`${where}: ${key}: ${SKOPEO_UNSAYABLE[key] ?? 'not a key skopeo sync reads'}`);
  }
  const out: Record<string, unknown>[] = [];
  const entry = (name: string, path: string, tags: Record<string, unknown>): void => {
    let parsed;
    try {
      parsed = parseImageName(`${registry}/${name}`, `${path} "${registry}/${name}"`, false);
    } catch (error) {
      leftOut.push(`${path}: ${(error as Error).message}`);
      return;
    }
    const rest = context.scoped
      ? `${parsed.host}/${parsed.repository}`
      : lastElement(parsed.repository);
    const target = `${context.namespace}/${rest}`;
    if (!isRepository(target)) {
      leftOut.push(`${path}: the target path "${target}" is not a repository path`);
      return;
    }
    const converted: Record<string, unknown> = {
      source: `${parsed.host}/${parsed.repository}`,
      target,
    };
    if (Object.keys(tags).length > 0) converted.tags = tags;
    if (context.suffix) converted['target-tag'] = { suffix: context.suffix };
    out.push(converted);
  };
  const map = (key: string): [string, unknown][] => {
    const v = section[key];
    if (v === undefined || v === null) return [];
    if (typeof v !== 'object' || Array.isArray(v)) {
      leftOut.push(`${where}: ${key}: not a map of repositories`);
      return [];
    }
    return Object.entries(v);
  };
  for (const [name, refs] of map('images')) {
    const path = `${where}: images.${name}`;
    if (refs !== null && !Array.isArray(refs)) {
      leftOut.push(`${path}: not a list of tags or digests`);
      continue;
    }
    const list = (refs ?? []).map(String);
    const digests = list.filter((r) => r.startsWith('sha256:'));
    for (const digest of digests) {
      leftOut.push(
        `${path}: ${digest}: skopeo copies a digest without a tag; a sync config writes tags ` +
          '(pin the digest to one with `tags.pin`)',
      );
    }
    const named = list.filter((r) => !r.startsWith('sha256:'));
    const bad = named.filter((t) => !isTag(t));
    for (const tag of bad) leftOut.push(`${path}: "${tag}" is not a tag`);
    const exact = named.filter((t) => isTag(t));
    if (list.length === 0) entry(name, path, {});
    else if (exact.length > 0) entry(name, path, { exact });
  }
  for (const [name, pattern] of map('images-by-tag-regex')) {
    const path = `${where}: images-by-tag-regex.${name}`;
    if (typeof pattern !== 'string' || !compiles(pattern)) {
      leftOut.push(`${path}: "${String(pattern)}" is not a Go/RE2 pattern`);
      continue;
    }
    entry(name, path, { allow: [pattern] });
  }
  for (const [name, range] of map('images-by-semver')) {
    const path = `${where}: images-by-semver.${name}`;
    try {
      parseRange(String(range), 'masterminds');
    } catch (error) {
      leftOut.push(`${path}: "${String(range)}" ${(error as Error).message}`);
      continue;
    }
    entry(name, path, { semver: String(range) });
  }
  return out;
}
