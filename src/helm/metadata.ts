import { isStrictSemver } from '../oci/version.js';
import { ChartError } from './chart-archive.js';

/**
 * Helm's chart metadata, and the bytes helm pushes for it (helm `pkg/chart/v2` Metadata,
 * `pkg/registry` Push). The config blob is Go's `json.Marshal` of that struct: its field
 * order, `omitempty`, sorted map keys and HTML escaping. Matching it byte for byte means a
 * chart pushed by oci-push has the same config digest as the same chart pushed by helm.
 */
export interface ChartMetadata {
  name: string;
  version: string;
  appVersion?: string;
  apiVersion: string;
  /** Every other field, already in helm's order and shape, for the config JSON. */
  fields: [string, unknown][];
  description?: string;
  home?: string;
  sources: string[];
  maintainers: { name?: string; email?: string; url?: string }[];
  annotations: Record<string, string>;
}

/** Chart.yaml's fields in helm's Metadata struct order; all `omitempty`. */
const METADATA_FIELDS = [
  'name',
  'home',
  'sources',
  'version',
  'description',
  'keywords',
  'maintainers',
  'icon',
  'apiVersion',
  'condition',
  'tags',
  'appVersion',
  'deprecated',
  'annotations',
  'kubeVersion',
  'dependencies',
  'type',
] as const;
const SANITIZED = new Set([
  'name',
  'description',
  'home',
  'icon',
  'condition',
  'tags',
  'appVersion',
  'kubeVersion',
]);

/**
 * Turns Chart.yaml (and a v1 chart's requirements.yaml) into helm's metadata, sanitized and
 * validated as helm's loader does it, so bad charts fail here with the problem named.
 */
export function chartMetadata(
  chartYaml: Record<string, unknown>,
  where: string,
  requirementsYaml?: Record<string, unknown>,
): ChartMetadata {
  const merged = { ...chartYaml, ...(requirementsYaml ?? {}) };
  const text = (key: string): string => {
    const value = merged[key];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') throw new ChartError(`${where}: "${key}" must be a string`);
    return SANITIZED.has(key) ? sanitize(value) : value;
  };
  const list = (key: string): string[] => {
    const value = merged[key];
    if (value === undefined || value === null || value === '') return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw new ChartError(`${where}: "${key}" must be a list of strings`);
    }
    return (value as string[]).map(sanitize);
  };

  const name = text('name');
  const version = text('version');
  // Helm 2 charts may omit apiVersion; helm's loader then assumes v1.
  const apiVersion = text('apiVersion') || 'v1';
  if (name === '') throw new ChartError(`${where}: Chart.yaml has no name`);
  if (name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
    throw new ChartError(`${where}: the chart name "${name}" is not allowed`);
  }
  if (version === '') throw new ChartError(`${where}: Chart.yaml has no version`);
  if (!isStrictSemver(version)) {
    throw new ChartError(
      `${where}: the chart version "${version}" is not semver (X.Y.Z, optionally -prerelease and +build)`,
    );
  }
  const type = text('type');
  if (type !== '' && type !== 'application' && type !== 'library') {
    throw new ChartError(`${where}: type must be application or library, not "${type}"`);
  }

  const maintainers = objects(merged.maintainers, 'maintainers', where).map((m) => ({
    ...nonEmpty('name', sanitize(stringField(m, 'name', where))),
    ...nonEmpty('email', sanitize(stringField(m, 'email', where))),
    ...nonEmpty('url', sanitize(stringField(m, 'url', where))),
  }));
  const annotations = stringMap(merged.annotations, 'annotations', where);
  const dependencies = objects(merged.dependencies, 'dependencies', where).map((d) =>
    dependencyJson(d, where),
  );
  const deprecated = text('deprecated') === 'true';

  const values: Record<(typeof METADATA_FIELDS)[number], unknown> = {
    name,
    home: text('home'),
    sources: list('sources'),
    version,
    description: text('description'),
    keywords: list('keywords'),
    maintainers,
    icon: text('icon'),
    apiVersion,
    condition: text('condition'),
    tags: text('tags'),
    appVersion: text('appVersion'),
    deprecated,
    annotations,
    kubeVersion: text('kubeVersion'),
    dependencies,
    type,
  };
  const fields = METADATA_FIELDS.map((key) => [key, values[key]] as [string, unknown]).filter(
    ([, v]) => !isEmpty(v),
  );
  const appVersion = text('appVersion');
  const description = text('description');
  const home = text('home');
  return {
    name,
    version,
    apiVersion,
    fields,
    sources: list('sources'),
    maintainers,
    annotations,
    ...(appVersion && { appVersion }),
    ...(description && { description }),
    ...(home && { home }),
  };
}

/** The config blob helm pushes: Go's json.Marshal of the metadata. */
export function helmConfigBytes(metadata: ChartMetadata): Buffer {
  return Buffer.from(goJson(Object.fromEntries(metadata.fields)));
}

/**
 * The manifest annotations helm sets (helm `pkg/registry` generateOCIAnnotations): the OCI
 * description, title, version, url, created, source and authors, then the chart's own
 * annotations, which may not replace title or version.
 */
export function helmAnnotations(
  metadata: ChartMetadata,
  created: string | undefined,
): Record<string, string> {
  const annotations: Record<string, string> = {};
  const add = (key: string, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') annotations[key] = value;
  };
  add('org.opencontainers.image.description', metadata.description);
  add('org.opencontainers.image.title', metadata.name);
  add('org.opencontainers.image.version', metadata.version);
  add('org.opencontainers.image.url', metadata.home);
  add('org.opencontainers.image.created', created);
  add('org.opencontainers.image.source', metadata.sources[0]);
  if (metadata.maintainers.length > 0) {
    add(
      'org.opencontainers.image.authors',
      metadata.maintainers
        .map((m) => `${m.name ?? ''}${m.email ? ` (${m.email})` : ''}`)
        .join(', '),
    );
  }
  for (const [key, value] of Object.entries(metadata.annotations)) {
    if (key === 'org.opencontainers.image.version' || key === 'org.opencontainers.image.title')
      continue;
    annotations[key] = value;
  }
  // A Go map: json.Marshal writes its keys sorted.
  return sortedObject(annotations) as Record<string, string>;
}

/**
 * JSON as Go's encoding/json writes it: object keys in the given order (struct fields) or
 * sorted (maps), and `<`, `>`, `&`, U+2028 and U+2029 escaped.
 */
export function goJson(value: unknown, sortKeys = false): string {
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (!sortKeys || v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** helm's sanitizeString: whitespace becomes a space, unprintable characters are dropped. */
export function sanitize(text: string): string {
  let out = '';
  for (const char of text) {
    if (GO_SPACE.test(char)) out += ' ';
    else if (PRINTABLE.test(char)) out += char;
  }
  return out;
}
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** A dependency in helm's Dependency struct order: name and repository are always there. */
function dependencyJson(d: Record<string, unknown>, where: string): Record<string, unknown> {
  const tags = d.tags === undefined ? [] : (d.tags as unknown[]).map((t) => sanitize(String(t)));
  const importValues = Array.isArray(d['import-values']) ? (d['import-values'] as unknown[]) : [];
  return {
    name: sanitize(stringField(d, 'name', where)),
    ...nonEmpty('version', sanitize(stringField(d, 'version', where))),
    repository: sanitize(stringField(d, 'repository', where)),
    ...nonEmpty('condition', sanitize(stringField(d, 'condition', where))),
    ...(tags.length > 0 && { tags }),
    ...(stringField(d, 'enabled', where) === 'true' && { enabled: true }),
    ...(importValues.length > 0 && {
      'import-values': importValues.map((v) =>
        typeof v === 'object' && v !== null ? sortedObject(v as Record<string, unknown>) : v,
      ),
    }),
    ...nonEmpty('alias', stringField(d, 'alias', where)),
  };
}

function sortedObject(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function stringField(object: Record<string, unknown>, key: string, where: string): string {
  const value = object[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ChartError(`${where}: "${key}" must be a string`);
  return value;
}

function objects(value: unknown, key: string, where: string): Record<string, unknown>[] {
  if (value === undefined || value === null || value === '') return [];
  if (
    !Array.isArray(value) ||
    value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))
  ) {
    throw new ChartError(`${where}: "${key}" must be a list of mappings`);
  }
  return value as Record<string, unknown>[];
}

function stringMap(value: unknown, key: string, where: string): Record<string, string> {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ChartError(`${where}: "${key}" must be a mapping`);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.some(([, v]) => typeof v !== 'string'))
    throw new ChartError(`${where}: "${key}" values must be strings`);
  return sortedObject(Object.fromEntries(entries)) as Record<string, string>;
}

function nonEmpty(key: string, value: string): Record<string, string> {
  return value === '' ? {} : { [key]: value };
}

function isEmpty(value: unknown): boolean {
  if (value === '' || value === false || value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
