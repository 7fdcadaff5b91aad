export const id = 806;
export const ids = [806];
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

/***/ 25806:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareChart: () => (/* binding */ prepareChart)
});

// UNUSED EXPORTS: rfc3339

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/base/tool-output.ts
var tool_output = __webpack_require__(80229);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/helm/chart-archive.ts
var chart_archive = __webpack_require__(43431);
// EXTERNAL MODULE: ./node_modules/tar/dist/esm/index.min.js
var index_min = __webpack_require__(98697);
;// CONCATENATED MODULE: ./src/helm/archive-normalize.ts

/**
 * Re-packs a chart archive so the same chart gives the same bytes: every entry keeps its
 * path, order, type, mode and content, but gets `mtime`, no owner, and a gzip header without
 * a timestamp. `helm package` (v3) stamps the packaging time into every entry, so without
 * this a re-run of a release would produce a new digest and be refused as a different chart.
 */
function normalizeChartArchive(bytes, mtime) {
    return new Promise((resolve, reject) => {
        const pack = new index_min/* Pack */.mM({ gzip: true, portable: true, mtime });
        const chunks = [];
        pack.on('data', (chunk) => chunks.push(chunk));
        pack.on('end', () => resolve(Buffer.concat(chunks)));
        pack.on('error', reject);
        const parser = new index_min/* Parser */.iX({
            strict: true,
            onReadEntry: (entry) => void pack.add(entry),
        });
        parser.on('error', reject);
        parser.on('end', () => pack.end());
        parser.end(bytes);
    });
}

// EXTERNAL MODULE: ./src/helm/metadata.ts
var helm_metadata = __webpack_require__(14071);
;// CONCATENATED MODULE: ./src/helm/prepare.ts






/**
 * The `chart` input as a packaged chart of the build's version. A directory is packaged
 * with `helm package --version --app-version`; a `.tgz` must already carry the build's
 * version, since publishing it under another version would lie about what it is.
 */
async function prepareChart(path, version, deps) {
    let isDirectory;
    try {
        isDirectory = (await (0,promises_.stat)(path)).isDirectory();
    }
    catch {
        throw new chart_archive/* ChartError */.DA(`chart: ${path} does not exist; give a chart directory or a packaged .tgz`);
    }
    return isDirectory ? packageDirectory(path, version, deps) : readPackaged(path, version);
}
async function readPackaged(path, version) {
    const archive = await (0,promises_.readFile)(path);
    const contents = await (0,chart_archive/* readChartArchive */.hR)(archive, `chart ${path}`);
    const metadata = (0,helm_metadata/* chartMetadata */._9)(contents.chartYaml, `chart ${path}`, contents.requirementsYaml);
    if (metadata.version !== version) {
        throw new chart_archive/* ChartError */.DA(`chart ${path} is version ${metadata.version}, but this build's version is ${version}. ` +
            'oci-push never publishes a chart under a version it does not carry: package it with ' +
            `\`helm package --version ${version}\`, or give the chart directory and oci-push packages it.`);
    }
    const provenance = await (0,promises_.readFile)(`${path}.prov`).catch((error) => {
        if (error.code === 'ENOENT')
            return undefined;
        throw new chart_archive/* ChartError */.DA(`chart: ${path}.prov can't be read: ${error.message}`, { cause: error });
    });
    return {
        metadata,
        archive,
        ...(provenance && { provenance }),
        ...(contents.chartYamlModified && { created: rfc3339(contents.chartYamlModified) }),
        origin: path,
    };
}
async function packageDirectory(dir, version, deps) {
    const chartYamlPath = (0,external_node_path_.join)(dir, 'Chart.yaml');
    const chartYaml = (0,chart_archive/* parseChartYaml */.zO)(await (0,promises_.readFile)(chartYamlPath).catch(() => {
        throw new chart_archive/* ChartError */.DA(`chart: ${dir} has no Chart.yaml; it is not a chart directory`);
    }), `chart ${chartYamlPath}`);
    // appVersion follows the build, unless the chart sets another one on purpose (one that
    // differs from its own version, like an upstream application's version).
    const appVersion = typeof chartYaml.appVersion === 'string' ? chartYaml.appVersion.trim() : '';
    const stampAppVersion = appVersion === '' || appVersion === chartYaml.version;
    const args = ['package', dir, '--version', version, '--destination', deps.workDir];
    if (stampAppVersion)
        args.push('--app-version', version);
    let run;
    try {
        run = await deps.runHelm(args);
    }
    catch (error) {
        throw new chart_archive/* ChartError */.DA(`chart: ${dir} is a directory, and packaging it needs helm, which could not be run ` +
            `(${error.message}). Install helm (azure/setup-helm), or give a packaged .tgz.`, { cause: error });
    }
    if (run.exitCode !== 0) {
        throw new chart_archive/* ChartError */.DA(`chart: \`helm ${args.join(' ')}\` failed: ${(0,tool_output/* toolSaid */.Y)(run.stderr || run.stdout)}`);
    }
    const [packaged] = (await (0,promises_.readdir)(deps.workDir)).filter((name) => name.endsWith('.tgz'));
    if (!packaged)
        throw new chart_archive/* ChartError */.DA(`chart: \`helm package ${dir}\` wrote no .tgz`);
    const archive = await normalizeChartArchive(await (0,promises_.readFile)((0,external_node_path_.join)(deps.workDir, packaged)), deps.sourceDate);
    const contents = await (0,chart_archive/* readChartArchive */.hR)(archive, `chart ${dir} (packaged)`);
    const metadata = (0,helm_metadata/* chartMetadata */._9)(contents.chartYaml, `chart ${dir}`, contents.requirementsYaml);
    if (metadata.version !== version) {
        throw new chart_archive/* ChartError */.DA(`chart: helm packaged ${dir} as ${metadata.version}, not ${version}`);
    }
    return {
        metadata,
        archive,
        created: rfc3339(deps.sourceDate),
        origin: `${dir} (packaged by oci-push)`,
    };
}
/** Go's time.Format(time.RFC3339) of a UTC time: seconds, `Z`. */
function rfc3339(date) {
    return `${date.toISOString().slice(0, 19)}Z`;
}


/***/ })

};

//# sourceMappingURL=806.index.js.map