export const id = 403;
export const ids = [403];
export const modules = {

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


/***/ })

};

//# sourceMappingURL=403.index.js.map