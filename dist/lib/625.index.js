export const id = 625;
export const ids = [625,875,403];
export const modules = {

/***/ 9522:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ catalogFailureOutcome),
/* harmony export */   w: () => (/* binding */ catalogSummary)
/* harmony export */ });
/* harmony import */ var _exit_codes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86033);

/** The outcome of a catalog that failed before it had an index to show. */
function catalogFailureOutcome(error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
        report: {
            outputs: { result: JSON.stringify({ error: message }) },
            summary: `oci-push catalog failed: ${message}`,
            annotations: [],
            failure: message,
        },
        exitCode: (0,_exit_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .exitCodeForError */ .Lo)(error),
    };
}
/** The human summary of a catalog run. */
function catalogSummary(result) {
    const versions = result.charts.reduce((n, c) => n + c.versions.length, 0);
    const lines = [
        `oci-push catalog: ${result.registry}/${result.namespace}: ${result.charts.length} chart(s), ${versions} version(s) listed`,
        ...result.charts.map((c) => `  ${c.name}: ${c.versions.join(', ')}`),
    ];
    const leftOut = result.leftOut.filter((l) => !l.kept);
    if (leftOut.length > 0) {
        lines.push(`${leftOut.length} left out:`);
        for (const l of leftOut)
            lines.push(`  ${l.chart}${l.tag ? `:${l.tag}` : ''}: ${l.reason}`);
    }
    const kept = result.leftOut.filter((l) => l.kept);
    if (kept.length > 0) {
        lines.push(`${kept.length} unreadable now, kept from the stored index:`);
        for (const l of kept)
            lines.push(`  ${l.chart}${l.tag ? `:${l.tag}` : ''}: ${l.reason}`);
    }
    if (result.stored) {
        lines.push(`Stored at ${result.stored.reference} (${result.stored.digest}${result.stored.status === 'present' ? ', unchanged' : ''})`);
    }
    if (result.out)
        lines.push(`Written to ${result.out}`);
    return lines.join('\n');
}


/***/ }),

/***/ 56403:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseCatalogInputs: () => (/* binding */ parseCatalogInputs),
/* harmony export */   runCatalog: () => (/* binding */ runCatalog),
/* harmony export */   writeIndexFile: () => (/* binding */ writeIndexFile)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _azure_keyless_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39017);
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(34758);
/* harmony import */ var _engine_chart_catalog_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(87352);
/* harmony import */ var _engine_chart_index_store_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(84627);
/* harmony import */ var _engine_clients_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7230);
/* harmony import */ var _helm_chart_index_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(34685);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(62148);
/* harmony import */ var _registry_user_agent_js__WEBPACK_IMPORTED_MODULE_17__ = __webpack_require__(69808);
/* harmony import */ var _azure_login_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(66887);
/* harmony import */ var _catalog_report_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(9522);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(13783);
/* harmony import */ var _credentials_input_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(12043);
/* harmony import */ var _exit_codes_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(86033);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(91115);
/* harmony import */ var _push_inputs_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(4454);
/* harmony import */ var _sign_in_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(62000);


















function parseCatalogInputs(get, cwd, onSecret) {
    const credentials = (0,_credentials_input_js__WEBPACK_IMPORTED_MODULE_12__/* .readCredentialsInput */ .Z)(get('credentials'), onSecret);
    const line = get('registry').trim();
    const [host, ...flags] = line.split(/\s+/).filter(Boolean);
    if (!host)
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_14__/* .InputError */ .dz('registry: required; the registry to index, e.g. gsoci.azurecr.io');
    if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_8__/* .isHost */ .jU)(host)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_14__/* .InputError */ .dz(`registry: "${host}" is not a registry host, e.g. gsoci.azurecr.io or 127.0.0.1:5000`);
    }
    const registry = { host, insecure: false, acr: (0,_azure_keyless_js__WEBPACK_IMPORTED_MODULE_2__/* .isAcrHost */ .n0)(host) };
    for (const flag of flags) {
        if (flag === 'insecure')
            registry.insecure = true;
        else if (flag === 'acr')
            registry.acr = true;
        else
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_14__/* .InputError */ .dz(`registry: unknown flag "${flag}"; write HOST [insecure] [acr]`);
    }
    const namespace = (get('namespace').trim() || _push_inputs_js__WEBPACK_IMPORTED_MODULE_15__/* .DEFAULT_CHART_REPOSITORY */ .O$).replace(/\/+$/, '');
    if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_8__/* .isRepository */ .Z6)(namespace)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_14__/* .InputError */ .dz(`namespace: "${namespace}" is not a repository path (lowercase letters, digits and ` +
            'separators, e.g. charts/giantswarm)');
    }
    const charts = get('charts')
        .split(/[\n,]/)
        .map((c) => c.trim())
        .filter(Boolean);
    for (const chart of charts) {
        if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_8__/* .isRepository */ .Z6)(`${namespace}/${chart}`) || chart.includes('/')) {
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_14__/* .InputError */ .dz(`charts: "${chart}" is not a chart name (one path segment, lowercase)`);
        }
    }
    const out = get('out').trim();
    const write = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_14__/* .parseBoolean */ .yG)('write', get('write').trim(), false);
    if (!out && !write) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_14__/* .InputError */ .dz('out, write: nowhere to put the index; give --out FILE, --write (store it in the registry), or both');
    }
    const azure = (0,_azure_login_js__WEBPACK_IMPORTED_MODULE_9__/* .parseAzureLogin */ .c)(get);
    return {
        registry,
        namespace,
        ...(charts.length > 0 && { charts }),
        ...(out && { out: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(out) ? out : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, out) }),
        write,
        credentials,
        ...(azure && { azure }),
    };
}
/**
 * The catalog every face runs, under the job contract: sign-in → scan → store and write →
 * report. A stop ends its requests; an index is never stored after one, so a stopped
 * catalog leaves the stored index as it was (and writes no file).
 */
async function runCatalog(inputs, context) {
    try {
        const result = await buildCatalog(inputs, context);
        const outcome = {
            report: {
                outputs: { result: JSON.stringify(result) },
                summary: (0,_catalog_report_js__WEBPACK_IMPORTED_MODULE_10__/* .catalogSummary */ .w)(result),
                annotations: [],
            },
            exitCode: _exit_codes_js__WEBPACK_IMPORTED_MODULE_13__/* .EXIT */ .dc.ok,
        };
        return { result, ...(0,_context_js__WEBPACK_IMPORTED_MODULE_11__/* .withStop */ .d)(outcome, context.signal) };
    }
    catch (error) {
        // A request a stop cut fails with its own words; the run ends as interrupted.
        (0,_base_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .throwIfInterrupted */ .sK)(context.signal);
        throw error;
    }
}
/** Builds the namespace's index, and writes it where the inputs ask. */
async function buildCatalog(inputs, context) {
    const { host } = inputs.registry;
    const send = (0,_context_js__WEBPACK_IMPORTED_MODULE_11__/* .transportsOf */ .e)(context)();
    // One registry: if signing in to it fails, there is nothing to index.
    const signedIn = await context.phase('Credentials', () => (0,_sign_in_js__WEBPACK_IMPORTED_MODULE_16__/* .signIn */ .J)([{ host, acr: inputs.registry.acr, insecure: inputs.registry.insecure }], { credentials: inputs.credentials, ...(inputs.azure && { azure: inputs.azure }) }, { ...context, send }));
    (0,_base_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .throwIfInterrupted */ .sK)(context.signal);
    const failure = signedIn.failureFor(host);
    if (failure)
        throw failure;
    const client = (0,_engine_clients_js__WEBPACK_IMPORTED_MODULE_6__/* .registryClients */ .K)({
        userAgent: _registry_user_agent_js__WEBPACK_IMPORTED_MODULE_17__/* .USER_AGENT */ ._,
        log: context.log,
        onSecret: context.onSecret,
        credentialFor: signedIn.credentialFor,
    })(host, { insecure: inputs.registry.insecure, https: inputs.registry.acr, send });
    const warnings = [];
    const reference = `${host}/${inputs.namespace}:${_engine_chart_index_store_js__WEBPACK_IMPORTED_MODULE_5__/* .INDEX_TAG */ .qA}`;
    const scan = await context.phase(`Charts in ${host}/${inputs.namespace}`, async () => {
        // The index stored before, if it can be read, keeps each version's `created` time.
        let before;
        try {
            before = await (0,_engine_chart_index_store_js__WEBPACK_IMPORTED_MODULE_5__/* .readStoredIndex */ .el)(client, inputs.namespace);
        }
        catch (error) {
            if (error instanceof _engine_chart_index_store_js__WEBPACK_IMPORTED_MODULE_5__/* .ForeignIndexError */ .dM && inputs.write)
                throw error;
            warnings.push(error.message);
        }
        return (0,_engine_chart_catalog_js__WEBPACK_IMPORTED_MODULE_4__/* .scanNamespace */ .b)(client, inputs.namespace, {
            ...(inputs.charts && { charts: inputs.charts }),
            ...(before && { known: before.index }),
            ...(context.pageSize && { pageSize: context.pageSize }),
            ...(context.now && { now: context.now }),
            log: context.log.info,
        });
    });
    for (const left of scan.leftOut) {
        context.log.warning(`${host}/${inputs.namespace}/${left.chart}${left.tag ? `:${left.tag}` : ''}: ` +
            `${left.kept ? 'kept from the stored index, as it' : 'left out:'} ${left.reason}`);
    }
    let index = scan.index;
    let stored;
    // A scan a stop cut short is never stored, nor written.
    (0,_base_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .throwIfInterrupted */ .sK)(context.signal);
    if (inputs.write) {
        const kept = await context.phase(`Store ${reference}`, () => (0,_engine_chart_index_store_js__WEBPACK_IMPORTED_MODULE_5__/* .keepIndex */ .k7)(client, inputs.namespace, { kind: 'base', index: scan.index }, { ...(context.now && { now: context.now }) }));
        warnings.push(...kept.warnings);
        index = kept.stored.index;
        stored = { reference, digest: kept.stored.digest, status: kept.status };
        context.log.info(`${reference}: ${(0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_7__.entryCount)(index)} version(s), ${kept.stored.digest}`);
    }
    // Stopped once the index is stored: what is stored is whole; the file waits for a re-run.
    const out = (0,_base_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .interruption */ .YW)(context.signal) ? undefined : inputs.out;
    if (out) {
        const path = out;
        const generated = (context.now?.() ?? new Date()).toISOString();
        await writeIndexFile(path, (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_7__.renderIndexYaml)(index, { host, namespace: inputs.namespace, generated }));
        context.log.info(`${path}: index.yaml of ${(0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_7__.entryCount)(index)} version(s) written`);
    }
    for (const warning of warnings)
        context.log.warning(warning);
    const charts = new Map();
    for (const entry of (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_7__.indexEntries)(index)) {
        charts.set(entry.name, [...(charts.get(entry.name) ?? []), entry.version]);
    }
    return {
        registry: host,
        namespace: inputs.namespace,
        charts: [...charts].map(([name, versions]) => ({ name, versions })),
        leftOut: scan.leftOut,
        otherTags: scan.otherTags,
        ...(stored && { stored }),
        ...(out && { out }),
        warnings,
    };
}
/** Written whole and then renamed, so a web server never serves half an index. */
async function writeIndexFile(path, yaml) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), { recursive: true });
        const partial = `${path}.${process.pid}.partial`;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(partial, yaml);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(partial, path);
    }
    catch (error) {
        throw new Error(`${path}: the index can't be written there (${error.message})`, {
            cause: error,
        });
    }
}


/***/ }),

/***/ 91875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   An: () => (/* binding */ parseTagVersion),
/* harmony export */   RC: () => (/* binding */ parseRange),
/* harmony export */   Z8: () => (/* binding */ SEMVER_RULES)
/* harmony export */ });
/* unused harmony export VersionRangeError */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_0__);

const SEMVER_RULES = ['masterminds', 'npm'];
/** A range that can't be read; the message says why, without the caller's path. */
class VersionRangeError extends Error {
    name = 'VersionRangeError';
}
/** The version a tag (or a captured part of one) is read as, or null when it is none. */
function parseTagVersion(text, rules) {
    if (rules === 'npm')
        return semver__WEBPACK_IMPORTED_MODULE_0___default().parse(text);
    return mastermindsVersion(text);
}
/** Compiles a range; throws `VersionRangeError`. */
function parseRange(text, rules) {
    if (rules === 'npm') {
        if (semver__WEBPACK_IMPORTED_MODULE_0___default().validRange(text) === null) {
            throw new VersionRangeError(`is not a semver range (npm's rules); write e.g. '>=3.18.0' or '^1.2'`);
        }
        return { text, test: (version) => semver__WEBPACK_IMPORTED_MODULE_0___default().satisfies(version, text) };
    }
    const groups = parseMastermindsRange(text);
    return {
        text,
        test: (version) => groups.some((all) => all.every((c) => satisfies(version, c))),
    };
}
// --- Masterminds versions -------------------------------------------------------------------
/** `v?MAJOR[.MINOR][.PATCH][-PRE][+META]`, anchored (Masterminds v3.2's NewVersion). */
const LOOSE_VERSION = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const UINT64_MAX = 2n ** 64n - 1n;
function mastermindsVersion(text) {
    if (text.length > 256)
        return null;
    const match = LOOSE_VERSION.exec(text);
    if (!match)
        return null;
    const [, major = '', minor = '0', patch = '0', pre, meta] = match;
    const numbers = [major, minor, patch].map((n) => BigInt(n));
    // Masterminds reads segments as uint64; npm's semver holds safe integers only, so the few
    // versions between 2^53 and 2^64 are not versions here (none is a real tag).
    if (numbers.some((n) => n > UINT64_MAX))
        return null;
    let normal = numbers.join('.');
    if (pre !== undefined)
        normal += `-${pre}`;
    if (meta !== undefined)
        normal += `+${meta}`;
    // npm checks what Masterminds checks of a pre-release: no numeric part with a leading 0.
    return semver__WEBPACK_IMPORTED_MODULE_0___default().parse(normal);
}
/** Operators, longest first; `=>`, `=<` and `~>` are spelled-out synonyms. */
const OPERATOR = /(!=|>=|=>|<=|=<|~>|=|>|<|~|\^)?/y;
const SYNONYMS = { '=>': '>=', '=<': '<=', '~>': '~' };
const PART = '[0-9xX*|]+';
const IDENTS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
/** A constraint's version: parts may be `x`, `X` or `*`. */
const CONSTRAINT_VERSION = new RegExp(`v?(${PART})(\\.${PART})?(\\.${PART})?(-${IDENTS})?(\\+${IDENTS})?`, 'y');
/** `A - B` is `>= A, <= B`. */
const HYPHEN_RANGE = new RegExp(`\\s*(v?${PART}(?:\\.${PART}){0,2}(?:-${IDENTS})?(?:\\+${IDENTS})?)\\s+-\\s+` +
    `(v?${PART}(?:\\.${PART}){0,2}(?:-${IDENTS})?(?:\\+${IDENTS})?)\\s*`, 'g');
const MAX_RANGE_LENGTH = 256;
function parseMastermindsRange(text) {
    if (text.length > MAX_RANGE_LENGTH) {
        throw new VersionRangeError(`is over ${MAX_RANGE_LENGTH} characters`);
    }
    const rewritten = text.replace(HYPHEN_RANGE, (_all, a, b) => `>= ${a}, <= ${b} `);
    return rewritten.split('||').map((part) => {
        const constraints = parseAll(part);
        if (!constraints) {
            throw new VersionRangeError(`is not a semver constraint (Masterminds' rules, as retagger and skopeo read them); ` +
                `write e.g. '>= 3.10', '~1.2', '1.x' or '>= 1.2, < 2'`);
        }
        return constraints;
    });
}
/** One `||` branch: constraints separated by spaces or commas, all of which must hold. */
function parseAll(part) {
    const constraints = [];
    let at = skipSpace(part, 0);
    for (;;) {
        const parsed = parseOne(part, at);
        if (!parsed)
            return undefined;
        constraints.push(parsed.constraint);
        const afterSpace = skipSpace(part, parsed.end);
        if (afterSpace === part.length)
            return constraints;
        if (part[afterSpace] === ',')
            at = skipSpace(part, afterSpace + 1);
        else if (afterSpace > parsed.end)
            at = afterSpace;
        else
            return undefined;
    }
}
function skipSpace(text, at) {
    let i = at;
    while (i < text.length && /\s/.test(text[i]))
        i++;
    return i;
}
function parseOne(text, at) {
    OPERATOR.lastIndex = at;
    const written = OPERATOR.exec(text)?.[1] ?? '';
    const operator = SYNONYMS[written] ?? written;
    const start = skipSpace(text, at + written.length);
    CONSTRAINT_VERSION.lastIndex = start;
    const match = CONSTRAINT_VERSION.exec(text);
    if (!match)
        return undefined;
    const [whole, major = '', minorPart, patchPart, pre = ''] = match;
    const minor = minorPart?.slice(1);
    const patch = patchPart?.slice(1);
    let dirty = false;
    let minorDirty = false;
    let patchDirty = false;
    let versionText = whole.replace(/^v/, '').replace(/\+.*$/, '');
    if (isWildcard(major)) {
        dirty = true;
        versionText = `0.0.0${pre}`;
    }
    else if (minor === undefined || isWildcard(minor)) {
        dirty = minorDirty = true;
        versionText = `${major}.0.0${pre}`;
    }
    else if (patch === undefined || isWildcard(patch)) {
        dirty = patchDirty = true;
        versionText = `${major}.${minor}.0${pre}`;
    }
    const version = mastermindsVersion(versionText);
    if (!version)
        return undefined;
    return {
        constraint: { operator, version, dirty, minorDirty, patchDirty },
        end: start + whole.length,
    };
}
function isWildcard(part) {
    return part === 'x' || part === 'X' || part === '*';
}
const hasPre = (v) => v.prerelease.length > 0;
/** Masterminds v3.2's `constraint.check`, operator by operator. */
function satisfies(v, c) {
    const con = c.version;
    // Except for a plain `!=`, a pre-release passes only a constraint that names one.
    const preBlocked = hasPre(v) && !hasPre(con);
    const cmp = semver__WEBPACK_IMPORTED_MODULE_0___default().compare(v, con);
    switch (c.operator) {
        case '!=':
            return notEqual(v, c, cmp);
        case '>':
            if (preBlocked)
                return false;
            if (!c.dirty)
                return cmp > 0;
            if (v.major !== con.major)
                return v.major > con.major;
            if (c.minorDirty)
                return false;
            if (c.patchDirty)
                return v.minor > con.minor;
            return cmp > 0;
        case '<':
            return !preBlocked && cmp < 0;
        case '>=':
            return !preBlocked && cmp >= 0;
        case '<=':
            if (preBlocked)
                return false;
            if (!c.dirty)
                return cmp <= 0;
            if (v.major > con.major)
                return false;
            return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
        case '~':
            return !preBlocked && tilde(v, c, cmp);
        case '':
        case '=':
            if (preBlocked)
                return false;
            return c.dirty ? tilde(v, c, cmp) : cmp === 0;
        case '^':
            return !preBlocked && caret(v, c, cmp);
    }
}
function notEqual(v, c, cmp) {
    const con = c.version;
    if (c.dirty) {
        if (hasPre(v) && !hasPre(con))
            return false;
        if (con.major !== v.major)
            return true;
        if (con.minor !== v.minor && !c.minorDirty)
            return true;
        if (c.minorDirty)
            return false;
        if (con.patch !== v.patch && !c.patchDirty)
            return true;
        if (c.patchDirty) {
            if (!hasPre(v) && !hasPre(con))
                return false;
            return prereleaseText(v) !== prereleaseText(con);
        }
    }
    return cmp !== 0;
}
const prereleaseText = (v) => v.prerelease.join('.');
function tilde(v, c, cmp) {
    const con = c.version;
    if (cmp < 0)
        return false;
    if (con.major === 0 && con.minor === 0 && con.patch === 0 && !c.minorDirty && !c.patchDirty) {
        return true;
    }
    if (v.major !== con.major)
        return false;
    return v.minor === con.minor || c.minorDirty;
}
function caret(v, c, cmp) {
    const con = c.version;
    if (cmp < 0)
        return false;
    if (con.major > 0 || c.minorDirty)
        return v.major === con.major;
    if (v.major > 0)
        return false;
    if (con.minor > 0 || c.patchDirty)
        return v.minor === con.minor;
    if (v.minor > 0)
        return false;
    return v.patch === con.patch;
}


/***/ })

};

//# sourceMappingURL=625.index.js.map