export const id = 685;
export const ids = [685];
export const modules = {

/***/ 43431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DA: () => (/* binding */ ChartError),
/* harmony export */   hR: () => (/* binding */ readChartArchive),
/* harmony export */   zO: () => (/* binding */ parseChartYaml)
/* harmony export */ });
/* harmony import */ var tar__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98697);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38815);


/** A chart archive can't be published; the message names the file and the problem. */
class ChartError extends Error {
    name = 'ChartError';
}
const GZIP_MAGIC = [0x1f, 0x8b];
/** Reads `<chart>/Chart.yaml` (and `requirements.yaml`) out of a chart `.tgz`. */
async function readChartArchive(bytes, where) {
    if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
        throw new ChartError(`${where} is not a gzip file, so not a packaged chart; build it with \`helm package\``);
    }
    const wanted = new Map();
    const tops = new Set();
    await new Promise((resolve, reject) => {
        const parser = new tar__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .iX({
            strict: true,
            onReadEntry: (entry) => {
                const [top, ...rest] = entry.path.split('/');
                if (top)
                    tops.add(top);
                const inner = rest.join('/');
                if (entry.type !== 'File' || (inner !== 'Chart.yaml' && inner !== 'requirements.yaml')) {
                    entry.resume();
                    return;
                }
                const chunks = [];
                entry.on('data', (chunk) => chunks.push(chunk));
                entry.on('end', () => {
                    wanted.set(`${top}/${inner}`, {
                        data: Buffer.concat(chunks),
                        ...(entry.mtime && { mtime: entry.mtime }),
                    });
                });
            },
        });
        parser.on('error', (error) => reject(new ChartError(`${where} is not a readable chart archive: ${error.message}`)));
        parser.on('warn', (_code, message) => reject(new ChartError(`${where} is not a readable chart archive: ${String(message)}`)));
        parser.on('end', () => resolve());
        parser.end(bytes);
    });
    const charts = [...wanted.keys()].filter((path) => path.endsWith('/Chart.yaml'));
    const [chartPath] = charts;
    if (!chartPath) {
        throw new ChartError(`${where} has no Chart.yaml in its top directory (${[...tops].join(', ') || 'empty archive'}); it is not a chart`);
    }
    if (charts.length > 1) {
        throw new ChartError(`${where} holds ${charts.length} charts (${charts.join(', ')}); package one chart per archive`);
    }
    const directory = chartPath.slice(0, -'/Chart.yaml'.length);
    const chart = wanted.get(chartPath);
    const requirements = wanted.get(`${directory}/requirements.yaml`);
    return {
        chartYaml: parseChartYaml(chart?.data ?? Buffer.alloc(0), `${where}: ${chartPath}`),
        directory,
        ...(chart?.mtime && { chartYamlModified: chart.mtime }),
        ...(requirements && {
            requirementsYaml: parseChartYaml(requirements.data, `${where}: ${directory}/requirements.yaml`),
        }),
    };
}
/**
 * Parses Chart.yaml with every scalar kept as the text it was written as (YAML's failsafe
 * schema): `version: 1.10` stays "1.10", never the number 1.1.
 */
function parseChartYaml(bytes, where) {
    let parsed;
    try {
        parsed = (0,yaml__WEBPACK_IMPORTED_MODULE_1__.parse)(bytes.toString('utf8'), { schema: 'failsafe', uniqueKeys: true });
    }
    catch (error) {
        const detail = error instanceof yaml__WEBPACK_IMPORTED_MODULE_1__/* .YAMLParseError */ .XT ? error.message : String(error);
        throw new ChartError(`${where} is not valid YAML: ${detail}`, { cause: error });
    }
    if (parsed === null || parsed === undefined)
        return {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ChartError(`${where} is not a YAML mapping`);
    }
    return parsed;
}


/***/ }),

/***/ 34685:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IndexEntryError: () => (/* binding */ IndexEntryError),
/* harmony export */   IndexFormatError: () => (/* binding */ IndexFormatError),
/* harmony export */   addEntry: () => (/* binding */ addEntry),
/* harmony export */   chartUrl: () => (/* binding */ chartUrl),
/* harmony export */   compareChartVersions: () => (/* binding */ compareChartVersions),
/* harmony export */   emptyIndex: () => (/* binding */ emptyIndex),
/* harmony export */   entryCount: () => (/* binding */ entryCount),
/* harmony export */   hasEntry: () => (/* binding */ hasEntry),
/* harmony export */   indexEntries: () => (/* binding */ indexEntries),
/* harmony export */   indexEntry: () => (/* binding */ indexEntry),
/* harmony export */   isChartVersion: () => (/* binding */ isChartVersion),
/* harmony export */   isTimestamp: () => (/* binding */ isTimestamp),
/* harmony export */   parseIndexYaml: () => (/* binding */ parseIndexYaml),
/* harmony export */   renderIndexYaml: () => (/* binding */ renderIndexYaml),
/* harmony export */   sortedVersions: () => (/* binding */ sortedVersions)
/* harmony export */ });
/* harmony import */ var semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78469);
/* harmony import */ var semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38815);
/* harmony import */ var _oci_semver_rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(91875);
/* harmony import */ var _oci_untrusted_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86911);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(14071);





/** A chart's metadata can't be listed; the message says which field and why. */
class IndexEntryError extends Error {
    name = 'IndexEntryError';
}
/** The index file is not one oci-push can read back. */
class IndexFormatError extends Error {
    name = 'IndexFormatError';
}
/** Metadata fields whose value is a string; helm sanitizes all but `apiVersion`. */
const STRING_FIELDS = [
    'name',
    'home',
    'version',
    'description',
    'icon',
    'apiVersion',
    'condition',
    'tags',
    'appVersion',
    'kubeVersion',
    'type',
];
const LIST_FIELDS = ['sources', 'keywords'];
const DEPENDENCY_STRINGS = ['name', 'version', 'repository', 'condition', 'alias'];
const MAINTAINER_STRINGS = ['name', 'email', 'url'];
/** helm pkg/chart/v2 dependency.go `aliasNameFormat`: an entry with another alias is skipped. */
const ALIAS = /^[a-zA-Z0-9_-]+$/;
const SHA256_HEX = /^[a-f0-9]{64}$/;
/**
 * Whether helm can read `version` as a chart version: Masterminds/semver's `NewVersion`, with
 * which helm validates versions (and skips index entries it can't read).
 */
function isChartVersion(version) {
    return (0,_oci_semver_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .parseTagVersion */ .An)(version, 'masterminds') !== null;
}
/**
 * A chart's index entry from its metadata: the config JSON helm pushes (its Chart.yaml as
 * helm's Metadata struct). Known fields are checked for their type and sanitized as helm's
 * loader would; unknown fields are dropped, since helm's strict decoder refuses them.
 */
function indexEntry(config, facts, where) {
    if (!isPlainObject(config))
        throw new IndexEntryError(`${where}: the metadata is not an object`);
    const fail = (field, what) => {
        throw new IndexEntryError(`${where}: "${field}" ${what}`);
    };
    const metadata = {};
    for (const field of STRING_FIELDS) {
        const value = config[field];
        if (value === undefined || value === null || value === '')
            continue;
        if (typeof value !== 'string')
            fail(field, 'is not a string');
        metadata[field] = field === 'apiVersion' ? value : (0,_metadata_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitize */ .aj)(value);
    }
    for (const field of LIST_FIELDS) {
        const value = config[field];
        if (value === undefined || value === null)
            continue;
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
            fail(field, 'is not a list of strings');
        if (value.length > 0)
            metadata[field] = value.map(_metadata_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitize */ .aj);
    }
    if (config.deprecated !== undefined && config.deprecated !== null) {
        if (typeof config.deprecated !== 'boolean')
            fail('deprecated', 'is not true or false');
        if (config.deprecated)
            metadata.deprecated = true;
    }
    if (config.annotations !== undefined && config.annotations !== null) {
        const annotations = config.annotations;
        if (!isPlainObject(annotations) ||
            Object.values(annotations).some((v) => typeof v !== 'string'))
            fail('annotations', 'is not a map of strings');
        if (Object.keys(annotations).length > 0)
            metadata.annotations = sortedObject(annotations);
    }
    const maintainers = objectList(config.maintainers, 'maintainers', where).map((m, i) => sortedObject(pickStrings(m, MAINTAINER_STRINGS, `maintainers[${i}]`, where)));
    if (maintainers.length > 0)
        metadata.maintainers = maintainers;
    const dependencies = objectList(config.dependencies, 'dependencies', where).map((d, i) => dependency(d, `dependencies[${i}]`, where));
    if (dependencies.length > 0)
        metadata.dependencies = dependencies;
    const name = metadata.name;
    const version = metadata.version;
    if (typeof name !== 'string')
        return fail('name', 'is missing');
    if (name === '.' || name === '..' || /[/\\]/.test(name))
        fail('name', `"${name}" is not allowed`);
    if (typeof version !== 'string')
        return fail('version', 'is missing');
    if (!isChartVersion(version))
        fail('version', `"${version}" is not a version helm can read`);
    const type = metadata.type;
    if (type !== undefined && type !== 'application' && type !== 'library')
        fail('type', `"${String(type)}" is not application or library`);
    // helm's loader assumes v1 for a chart without apiVersion, and so does its index loader.
    metadata.apiVersion ??= 'v1';
    if (!SHA256_HEX.test(facts.digest)) {
        throw new IndexEntryError(`${where}: the chart digest ${(0,_oci_untrusted_js__WEBPACK_IMPORTED_MODULE_3__/* .quoted */ .TL)(facts.digest)} is not sha256 hex`);
    }
    if (!isTimestamp(facts.created)) {
        throw new IndexEntryError(`${where}: the creation time ${(0,_oci_untrusted_js__WEBPACK_IMPORTED_MODULE_3__/* .quoted */ .TL)(facts.created)} is not RFC 3339`);
    }
    return { name, version, metadata, digest: facts.digest, created: facts.created };
}
function dependency(value, field, where) {
    const picked = pickStrings(value, DEPENDENCY_STRINGS, field, where);
    const tags = value.tags;
    if (tags !== undefined && tags !== null) {
        if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))
            throw new IndexEntryError(`${where}: "${field}.tags" is not a list of strings`);
        if (tags.length > 0)
            picked.tags = tags.map(_metadata_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitize */ .aj);
    }
    if (value.enabled !== undefined && value.enabled !== null) {
        if (typeof value.enabled !== 'boolean')
            throw new IndexEntryError(`${where}: "${field}.enabled" is not true or false`);
        if (value.enabled)
            picked.enabled = true;
    }
    const importValues = value['import-values'];
    if (importValues !== undefined && importValues !== null) {
        if (!Array.isArray(importValues))
            throw new IndexEntryError(`${where}: "${field}.import-values" is not a list`);
        if (importValues.length > 0)
            picked['import-values'] = importValues;
    }
    if (typeof picked.alias === 'string' && !ALIAS.test(picked.alias))
        throw new IndexEntryError(`${where}: "${field}.alias" has characters helm does not allow`);
    // Go marshals a dependency's name and repository even when empty; helm's decoder takes both.
    return sortedObject({ name: '', repository: '', ...picked });
}
/** The string fields of a maintainer or dependency, sanitized as helm does (all but `alias`). */
function pickStrings(value, fields, path, where) {
    const picked = {};
    for (const field of fields) {
        const v = value[field];
        if (v === undefined || v === null || v === '')
            continue;
        if (typeof v !== 'string')
            throw new IndexEntryError(`${where}: "${path}.${field}" is not a string`);
        picked[field] = field === 'alias' ? v : (0,_metadata_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitize */ .aj)(v);
    }
    return picked;
}
function objectList(value, field, where) {
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value) || value.some((v) => !isPlainObject(v)))
        throw new IndexEntryError(`${where}: "${field}" is not a list of maps`);
    return value;
}
/** A new, empty index. */
function emptyIndex() {
    return new Map();
}
/** Puts `entry` in `index`, replacing the same chart version. */
function addEntry(index, entry) {
    let versions = index.get(entry.name);
    if (!versions)
        index.set(entry.name, (versions = new Map()));
    versions.set(entry.version, entry);
}
/** Every entry of `index`, charts by name, each chart's versions newest first. */
function indexEntries(index) {
    return [...index.keys()]
        .sort(compareText)
        .flatMap((name) => sortedVersions([...(index.get(name)?.values() ?? [])]));
}
/** Whether `index` holds `entry` as it is: same chart version, same archive. */
function hasEntry(index, entry) {
    return index.get(entry.name)?.get(entry.version)?.digest === entry.digest;
}
function entryCount(index) {
    let count = 0;
    for (const versions of index.values())
        count += versions.size;
    return count;
}
/** Where a chart version lives, as the index's `urls` name it and helm pulls it. */
function chartUrl(host, namespace, name, version) {
    return `oci://${host}/${namespace ? `${namespace}/` : ''}${name}:${version}`;
}
/**
 * The index as helm writes it: keys in alphabetical order (helm marshals through JSON maps),
 * each chart's versions newest first (`SortEntries`), every string double-quoted and every
 * key quoted where YAML 1.1 would read it as something else (helm's decoder is YAML 1.1:
 * a plain `yes` is a boolean there, and a boolean where helm wants a string fails the load).
 */
function renderIndexYaml(index, where) {
    const entries = {};
    for (const entry of indexEntries(index)) {
        (entries[entry.name] ??= []).push(sortedObject({
            ...entry.metadata,
            created: entry.created,
            digest: entry.digest,
            urls: [chartUrl(where.host, where.namespace, entry.name, entry.version)],
        }));
    }
    return (0,yaml__WEBPACK_IMPORTED_MODULE_1__.stringify)({ apiVersion: 'v1', entries, generated: where.generated }, { version: '1.1', defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
}
/**
 * Reads an index back (one oci-push stored, or any helm index). Every entry is checked again
 * as a chart's metadata is, and its `urls` are ignored: they are made anew for the registry
 * the index is written for, so a URL in a stored index never reaches a client. An entry that
 * fails is left out and named in `dropped`; a file that is not an index at all is an error.
 */
function parseIndexYaml(text, where) {
    let value;
    try {
        // YAML 1.1, as helm reads it; aliases are capped so a small file can't expand to a huge one.
        value = (0,yaml__WEBPACK_IMPORTED_MODULE_1__.parse)(text, { version: '1.1', maxAliasCount: 100, uniqueKeys: false });
    }
    catch (error) {
        throw new IndexFormatError(`${where}: not YAML (${error.message.split('\n')[0]})`);
    }
    if (!isPlainObject(value) || value.apiVersion !== 'v1' || !isPlainObject(value.entries)) {
        throw new IndexFormatError(`${where}: not a Helm repository index (it needs apiVersion: v1 and a map of entries)`);
    }
    const index = emptyIndex();
    const dropped = [];
    for (const [name, list] of Object.entries(value.entries)) {
        if (!Array.isArray(list)) {
            dropped.push(`${where}: entries.${(0,_oci_untrusted_js__WEBPACK_IMPORTED_MODULE_3__/* .quoted */ .TL)(name)} is not a list, so none of its versions is read`);
            continue;
        }
        list.forEach((item, i) => {
            const path = `${where}: entries.${(0,_oci_untrusted_js__WEBPACK_IMPORTED_MODULE_3__/* .quoted */ .TL)(name)}[${i}]`;
            try {
                if (!isPlainObject(item))
                    throw new IndexEntryError(`${path}: not a map`);
                const created = timestampText(item.created);
                const entry = indexEntry(item, { digest: typeof item.digest === 'string' ? item.digest : '', created }, path);
                if (entry.name !== name) {
                    throw new IndexEntryError(`${path}: the chart is named "${entry.name}", not ${(0,_oci_untrusted_js__WEBPACK_IMPORTED_MODULE_3__/* .quoted */ .TL)(name)}`);
                }
                addEntry(index, entry);
            }
            catch (error) {
                if (!(error instanceof IndexEntryError))
                    throw error;
                dropped.push(error.message);
            }
        });
    }
    const generated = timestampText(value.generated);
    return { index, dropped, ...(isTimestamp(generated) && { generated }) };
}
/** A YAML 1.1 timestamp may come back as a Date; the index keeps RFC 3339 text. */
function timestampText(value) {
    if (value instanceof Date)
        return value.toISOString();
    return typeof value === 'string' ? value : '';
}
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** RFC 3339, as Go's time.Time reads it from JSON. */
function isTimestamp(value) {
    return TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}
/**
 * Chart versions newest first, as helm sorts them (Masterminds/semver precedence: numbers,
 * then a release above its pre-releases, pre-release identifiers numerically or by ASCII;
 * build metadata is ignored). Equal versions are ordered by their text, so the order never
 * depends on the order they were found in.
 */
function sortedVersions(entries) {
    return [...entries].sort((a, b) => compareChartVersions(b.version, a.version) || compareText(a.version, b.version));
}
/** Negative when `a` comes before `b` (is older). Versions helm can't read sort first. */
function compareChartVersions(a, b) {
    const pa = (0,_oci_semver_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .parseTagVersion */ .An)(a, 'masterminds');
    const pb = (0,_oci_semver_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .parseTagVersion */ .An)(b, 'masterminds');
    if (!pa || !pb)
        return pa ? 1 : pb ? -1 : 0;
    return semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_0___default()(pa, pb);
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function sortedObject(value) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => compareText(a, b)));
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ }),

/***/ 14071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Es: () => (/* binding */ helmConfigBytes),
/* harmony export */   Pl: () => (/* binding */ goJson),
/* harmony export */   _9: () => (/* binding */ chartMetadata),
/* harmony export */   aj: () => (/* binding */ sanitize),
/* harmony export */   nt: () => (/* binding */ helmAnnotations)
/* harmony export */ });
/* harmony import */ var _oci_version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12829);
/* harmony import */ var _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43431);


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
];
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
function chartMetadata(chartYaml, where, requirementsYaml) {
    const merged = { ...chartYaml, ...(requirementsYaml ?? {}) };
    const text = (key) => {
        const value = merged[key];
        if (value === undefined || value === null)
            return '';
        if (typeof value !== 'string')
            throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: "${key}" must be a string`);
        return SANITIZED.has(key) ? sanitize(value) : value;
    };
    const list = (key) => {
        const value = merged[key];
        if (value === undefined || value === null || value === '')
            return [];
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
            throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: "${key}" must be a list of strings`);
        }
        return value.map(sanitize);
    };
    const name = text('name');
    const version = text('version');
    // Helm 2 charts may omit apiVersion; helm's loader then assumes v1.
    const apiVersion = text('apiVersion') || 'v1';
    if (name === '')
        throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: Chart.yaml has no name`);
    if (name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
        throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: the chart name "${name}" is not allowed`);
    }
    if (version === '')
        throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: Chart.yaml has no version`);
    if (!(0,_oci_version_js__WEBPACK_IMPORTED_MODULE_0__/* .isStrictSemver */ .i)(version)) {
        throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: the chart version "${version}" is not semver (X.Y.Z, optionally -prerelease and +build)`);
    }
    const type = text('type');
    if (type !== '' && type !== 'application' && type !== 'library') {
        throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: type must be application or library, not "${type}"`);
    }
    const maintainers = objects(merged.maintainers, 'maintainers', where).map((m) => ({
        ...nonEmpty('name', sanitize(stringField(m, 'name', where))),
        ...nonEmpty('email', sanitize(stringField(m, 'email', where))),
        ...nonEmpty('url', sanitize(stringField(m, 'url', where))),
    }));
    const annotations = stringMap(merged.annotations, 'annotations', where);
    const dependencies = objects(merged.dependencies, 'dependencies', where).map((d) => dependencyJson(d, where));
    const deprecated = text('deprecated') === 'true';
    const values = {
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
    const fields = METADATA_FIELDS.map((key) => [key, values[key]]).filter(([, v]) => !isEmpty(v));
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
function helmConfigBytes(metadata) {
    return Buffer.from(goJson(Object.fromEntries(metadata.fields)));
}
/**
 * The manifest annotations helm sets (helm `pkg/registry` generateOCIAnnotations): the OCI
 * description, title, version, url, created, source and authors, then the chart's own
 * annotations, which may not replace title or version.
 */
function helmAnnotations(metadata, created) {
    const annotations = {};
    const add = (key, value) => {
        if (value !== undefined && value.trim() !== '')
            annotations[key] = value;
    };
    add('org.opencontainers.image.description', metadata.description);
    add('org.opencontainers.image.title', metadata.name);
    add('org.opencontainers.image.version', metadata.version);
    add('org.opencontainers.image.url', metadata.home);
    add('org.opencontainers.image.created', created);
    add('org.opencontainers.image.source', metadata.sources[0]);
    if (metadata.maintainers.length > 0) {
        add('org.opencontainers.image.authors', metadata.maintainers
            .map((m) => `${m.name ?? ''}${m.email ? ` (${m.email})` : ''}`)
            .join(', '));
    }
    for (const [key, value] of Object.entries(metadata.annotations)) {
        if (key === 'org.opencontainers.image.version' || key === 'org.opencontainers.image.title')
            continue;
        annotations[key] = value;
    }
    // A Go map: json.Marshal writes its keys sorted.
    return sortedObject(annotations);
}
/**
 * JSON as Go's encoding/json writes it: object keys in the given order (struct fields) or
 * sorted (maps), and `<`, `>`, `&`, U+2028 and U+2029 escaped.
 */
function goJson(value, sortKeys = false) {
    const json = JSON.stringify(value, (_key, v) => {
        if (!sortKeys || v === null || typeof v !== 'object' || Array.isArray(v))
            return v;
        return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    });
    return json
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
/** helm's sanitizeString: whitespace becomes a space, unprintable characters are dropped. */
function sanitize(text) {
    let out = '';
    for (const char of text) {
        if (GO_SPACE.test(char))
            out += ' ';
        else if (PRINTABLE.test(char))
            out += char;
    }
    return out;
}
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
/** A dependency in helm's Dependency struct order: name and repository are always there. */
function dependencyJson(d, where) {
    const tags = d.tags === undefined ? [] : d.tags.map((t) => sanitize(String(t)));
    const importValues = Array.isArray(d['import-values']) ? d['import-values'] : [];
    return {
        name: sanitize(stringField(d, 'name', where)),
        ...nonEmpty('version', sanitize(stringField(d, 'version', where))),
        repository: sanitize(stringField(d, 'repository', where)),
        ...nonEmpty('condition', sanitize(stringField(d, 'condition', where))),
        ...(tags.length > 0 && { tags }),
        ...(stringField(d, 'enabled', where) === 'true' && { enabled: true }),
        ...(importValues.length > 0 && {
            'import-values': importValues.map((v) => typeof v === 'object' && v !== null ? sortedObject(v) : v),
        }),
        ...nonEmpty('alias', stringField(d, 'alias', where)),
    };
}
function sortedObject(value) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
}
function stringField(object, key, where) {
    const value = object[key];
    if (value === undefined || value === null)
        return '';
    if (typeof value !== 'string')
        throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: "${key}" must be a string`);
    return value;
}
function objects(value, key, where) {
    if (value === undefined || value === null || value === '')
        return [];
    if (!Array.isArray(value) ||
        value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
        throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: "${key}" must be a list of mappings`);
    }
    return value;
}
function stringMap(value, key, where) {
    if (value === undefined || value === null || value === '')
        return {};
    if (typeof value !== 'object' || Array.isArray(value))
        throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: "${key}" must be a mapping`);
    const entries = Object.entries(value);
    if (entries.some(([, v]) => typeof v !== 'string'))
        throw new _chart_archive_js__WEBPACK_IMPORTED_MODULE_1__/* .ChartError */ .DA(`${where}: "${key}" values must be strings`);
    return sortedObject(Object.fromEntries(entries));
}
function nonEmpty(key, value) {
    return value === '' ? {} : { [key]: value };
}
function isEmpty(value) {
    if (value === '' || value === false || value === undefined || value === null)
        return true;
    if (Array.isArray(value))
        return value.length === 0;
    if (typeof value === 'object')
        return Object.keys(value).length === 0;
    return false;
}


/***/ })

};

//# sourceMappingURL=685.index.js.map