export const id = 403;
export const ids = [403];
export const modules = {

/***/ 56403:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   catalogSummary: () => (/* binding */ catalogSummary),
/* harmony export */   parseCatalogInputs: () => (/* binding */ parseCatalogInputs),
/* harmony export */   runCatalog: () => (/* binding */ runCatalog),
/* harmony export */   writeIndexFile: () => (/* binding */ writeIndexFile)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _azure_keyless_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39017);
/* harmony import */ var _engine_chart_catalog_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(87352);
/* harmony import */ var _engine_chart_index_store_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(84627);
/* harmony import */ var _engine_clients_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7230);
/* harmony import */ var _helm_chart_index_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(34685);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(62148);
/* harmony import */ var _registry_retry_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(41521);
/* harmony import */ var _registry_user_agent_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(69808);
/* harmony import */ var _azure_login_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(66887);
/* harmony import */ var _credentials_input_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(12043);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(91115);
/* harmony import */ var _push_inputs_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(4454);
/* harmony import */ var _sign_in_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(62000);















function parseCatalogInputs(get, cwd, onSecret) {
    const credentials = (0,_credentials_input_js__WEBPACK_IMPORTED_MODULE_10__/* .readCredentialsInput */ .Z)(get('credentials'), onSecret);
    const line = get('registry').trim();
    const [host, ...flags] = line.split(/\s+/).filter(Boolean);
    if (!host)
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_11__/* .InputError */ .dz('registry: required; the registry to index, e.g. gsoci.azurecr.io');
    if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_7__/* .isHost */ .jU)(host)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_11__/* .InputError */ .dz(`registry: "${host}" is not a registry host, e.g. gsoci.azurecr.io or 127.0.0.1:5000`);
    }
    const registry = { host, insecure: false, acr: (0,_azure_keyless_js__WEBPACK_IMPORTED_MODULE_2__/* .isAcrHost */ .n0)(host) };
    for (const flag of flags) {
        if (flag === 'insecure')
            registry.insecure = true;
        else if (flag === 'acr')
            registry.acr = true;
        else
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_11__/* .InputError */ .dz(`registry: unknown flag "${flag}"; write HOST [insecure] [acr]`);
    }
    const namespace = (get('namespace').trim() || _push_inputs_js__WEBPACK_IMPORTED_MODULE_12__/* .DEFAULT_CHART_REPOSITORY */ .O$).replace(/\/+$/, '');
    if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_7__/* .isRepository */ .Z6)(namespace)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_11__/* .InputError */ .dz(`namespace: "${namespace}" is not a repository path (lowercase letters, digits and ` +
            'separators, e.g. charts/giantswarm)');
    }
    const charts = get('charts')
        .split(/[\n,]/)
        .map((c) => c.trim())
        .filter(Boolean);
    for (const chart of charts) {
        if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_7__/* .isRepository */ .Z6)(`${namespace}/${chart}`) || chart.includes('/')) {
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_11__/* .InputError */ .dz(`charts: "${chart}" is not a chart name (one path segment, lowercase)`);
        }
    }
    const out = get('out').trim();
    const write = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_11__/* .parseBoolean */ .yG)('write', get('write').trim(), false);
    if (!out && !write) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_11__/* .InputError */ .dz('out, write: nowhere to put the index; give --out FILE, --write (store it in the registry), or both');
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
/** Builds the namespace's index, and writes it where the inputs ask. */
async function runCatalog(inputs, deps) {
    const { host } = inputs.registry;
    const send = deps.send ?? (0,_registry_retry_js__WEBPACK_IMPORTED_MODULE_8__/* .createRegistryTransport */ .FV)({ userAgent: _registry_user_agent_js__WEBPACK_IMPORTED_MODULE_14__/* .USER_AGENT */ ._, log: deps.log.info });
    // One registry: if signing in to it fails, there is nothing to index.
    const signedIn = await deps.phase('Credentials', () => (0,_sign_in_js__WEBPACK_IMPORTED_MODULE_13__/* .signIn */ .J)([{ host, acr: inputs.registry.acr, insecure: inputs.registry.insecure }], { credentials: inputs.credentials, ...(inputs.azure && { azure: inputs.azure }) }, { ...deps, send }));
    const failure = signedIn.failureFor(host);
    if (failure)
        throw failure;
    const client = (0,_engine_clients_js__WEBPACK_IMPORTED_MODULE_5__/* .registryClients */ .K)({
        userAgent: _registry_user_agent_js__WEBPACK_IMPORTED_MODULE_14__/* .USER_AGENT */ ._,
        log: deps.log,
        onSecret: deps.onSecret,
        credentialFor: signedIn.credentialFor,
    })(host, { insecure: inputs.registry.insecure, https: inputs.registry.acr, send });
    const warnings = [];
    const reference = `${host}/${inputs.namespace}:${_engine_chart_index_store_js__WEBPACK_IMPORTED_MODULE_4__/* .INDEX_TAG */ .qA}`;
    const scan = await deps.phase(`Charts in ${host}/${inputs.namespace}`, async () => {
        // The index stored before, if it can be read, keeps each version's `created` time.
        let before;
        try {
            before = await (0,_engine_chart_index_store_js__WEBPACK_IMPORTED_MODULE_4__/* .readStoredIndex */ .el)(client, inputs.namespace);
        }
        catch (error) {
            if (error instanceof _engine_chart_index_store_js__WEBPACK_IMPORTED_MODULE_4__/* .ForeignIndexError */ .dM && inputs.write)
                throw error;
            warnings.push(error.message);
        }
        return (0,_engine_chart_catalog_js__WEBPACK_IMPORTED_MODULE_3__/* .scanNamespace */ .bE)(client, inputs.namespace, {
            ...(inputs.charts && { charts: inputs.charts }),
            ...(before && { known: before.index }),
            ...(deps.pageSize && { pageSize: deps.pageSize }),
            ...(deps.now && { now: deps.now }),
            log: deps.log.info,
        });
    });
    for (const left of scan.leftOut) {
        deps.log.warning(`${host}/${inputs.namespace}/${left.chart}${left.tag ? `:${left.tag}` : ''}: ` +
            `${left.kept ? 'kept from the stored index, as it' : 'left out:'} ${left.reason}`);
    }
    let index = scan.index;
    let stored;
    if (inputs.write) {
        const kept = await deps.phase(`Store ${reference}`, () => (0,_engine_chart_index_store_js__WEBPACK_IMPORTED_MODULE_4__/* .keepIndex */ .k7)(client, inputs.namespace, { kind: 'base', index: scan.index }, { ...(deps.now && { now: deps.now }) }));
        warnings.push(...kept.warnings);
        index = kept.stored.index;
        stored = { reference, digest: kept.stored.digest, status: kept.status };
        deps.log.info(`${reference}: ${(0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_6__.entryCount)(index)} version(s), ${kept.stored.digest}`);
    }
    if (inputs.out) {
        const path = inputs.out;
        const generated = (deps.now?.() ?? new Date()).toISOString();
        await writeIndexFile(path, (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_6__.renderIndexYaml)(index, { host, namespace: inputs.namespace, generated }));
        deps.log.info(`${path}: index.yaml of ${(0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_6__.entryCount)(index)} version(s) written`);
    }
    for (const warning of warnings)
        deps.log.warning(warning);
    const charts = new Map();
    for (const entry of (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_6__.indexEntries)(index)) {
        charts.set(entry.name, [...(charts.get(entry.name) ?? []), entry.version]);
    }
    return {
        registry: host,
        namespace: inputs.namespace,
        charts: [...charts].map(([name, versions]) => ({ name, versions })),
        leftOut: scan.leftOut,
        otherTags: scan.otherTags,
        ...(stored && { stored }),
        ...(inputs.out && { out: inputs.out }),
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


/***/ })

};

//# sourceMappingURL=403.index.js.map