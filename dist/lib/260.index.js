export const id = 260;
export const ids = [260];
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


/***/ }),

/***/ 77260:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HelmChartSource: () => (/* binding */ HelmChartSource),
/* harmony export */   J: () => (/* binding */ HelmMediaType)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(68825);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(79572);
/* harmony import */ var _helm_metadata_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(14071);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(44396);





/** helm `pkg/registry` constants.go. */
const HelmMediaType = {
    Config: 'application/vnd.cncf.helm.config.v1+json',
    Chart: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
    Provenance: 'application/vnd.cncf.helm.chart.provenance.v1.prov',
};
/**
 * A chart as an OCI artifact, built in memory exactly as helm builds it: config (the
 * metadata), the chart layer, an optional provenance layer, layers sorted by digest, helm's
 * annotations, no `mediaType` field, Go's JSON encoding.
 */
class HelmChartSource {
    name;
    blobs = new Map();
    manifest;
    root;
    constructor(chart) {
        this.name = `chart ${chart.metadata.name} ${chart.metadata.version} (${chart.origin})`;
        const config = this.add(HelmMediaType.Config, (0,_helm_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .helmConfigBytes */ .Es)(chart.metadata));
        const layers = [this.add(HelmMediaType.Chart, chart.archive)];
        if (chart.provenance)
            layers.push(this.add(HelmMediaType.Provenance, chart.provenance));
        layers.sort((a, b) => (a.digest < b.digest ? -1 : 1));
        this.manifest = Buffer.from((0,_helm_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .goJson */ .Pl)({
            schemaVersion: 2,
            config,
            layers,
            annotations: (0,_helm_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .helmAnnotations */ .nt)(chart.metadata, chart.created),
        }));
        this.root = {
            mediaType: _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.OciManifest,
            digest: (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .digestOf */ .ol)(this.manifest),
            size: this.manifest.length,
        };
        this.blobs.set(this.root.digest, this.manifest);
    }
    async resolve() {
        return this.root;
    }
    async fetchManifest(descriptor) {
        return this.bytes(descriptor);
    }
    async openBlob(descriptor) {
        return node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from([this.bytes(descriptor)]);
    }
    bytes(descriptor) {
        const bytes = this.blobs.get(descriptor.digest);
        if (!bytes)
            throw new _source_js__WEBPACK_IMPORTED_MODULE_4__/* .SourceError */ .c(`${this.name}: no blob ${descriptor.digest}`);
        return bytes;
    }
    add(mediaType, bytes) {
        const digest = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .digestOf */ .ol)(bytes);
        this.blobs.set(digest, bytes);
        return { mediaType, digest, size: bytes.length };
    }
}


/***/ })

};

//# sourceMappingURL=260.index.js.map