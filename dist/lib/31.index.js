export const id = 31;
export const ids = [31];
export const modules = {

/***/ 37031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   keepSyncedIndexes: () => (/* binding */ keepSyncedIndexes)
/* harmony export */ });
/* unused harmony export chartsSyncedTo */
/* harmony import */ var _helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34685);
/* harmony import */ var _chart_catalog_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87352);
/* harmony import */ var _chart_index_store_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84627);



/**
 * After a sync, the Helm index of each namespace the config names (`helmIndex`) is brought
 * up to date at every target that received charts of it: those charts' tags are listed at
 * the target, the versions its stored index lacks are read there, and merged in as a
 * release's are (docs/helm-index.md). What the index already lists is trusted, so a sync
 * that copied nothing new reads only tag lists. The URLs are the target's own.
 */
async function keepSyncedIndexes(config, result, deps) {
    const runs = [];
    for (const namespace of config.helmIndex ?? []) {
        for (const target of config.targets) {
            const charts = chartsSyncedTo(result, namespace, target.name);
            if (charts.length === 0)
                continue;
            runs.push(keepAt(namespace, target, charts, result.dryRun, deps));
        }
    }
    return Promise.all(runs);
}
/** The charts of `namespace` (`<namespace>/<name>` target repositories) this run sent to `target`. */
function chartsSyncedTo(result, namespace, target) {
    const prefix = `${namespace}/`;
    const names = result.images
        .filter((r) => r.image.to.includes(target) && r.image.repository.startsWith(prefix))
        .map((r) => r.image.repository.slice(prefix.length))
        .filter((name) => name !== '' && !name.includes('/'));
    return [...new Set(names)].sort();
}
async function keepAt(namespace, target, charts, dryRun, deps) {
    const reference = `${target.host}/${namespace}:${_chart_index_store_js__WEBPACK_IMPORTED_MODULE_2__/* .INDEX_TAG */ .qA}`;
    const base = {
        target: {
            host: target.host,
            role: target.mirror ? 'mirror' : 'registry',
        },
        namespace,
        reference,
        warnings: [],
    };
    if (dryRun)
        return { ...base, status: 'would-update' };
    try {
        const client = deps.clientFor(target);
        const stored = await (0,_chart_index_store_js__WEBPACK_IMPORTED_MODULE_2__/* .readStoredIndex */ .el)(client, namespace);
        const scan = await (0,_chart_catalog_js__WEBPACK_IMPORTED_MODULE_1__/* .scanNamespace */ .bE)(client, namespace, {
            charts,
            ...(stored && { known: stored.index }),
            trustKnown: true,
            ...(deps.pageSize && { pageSize: deps.pageSize }),
        });
        const warnings = scan.leftOut
            .filter((l) => !l.kept)
            .map((l) => `${l.chart}${l.tag ? `:${l.tag}` : ''} is not listed: ${l.reason}`);
        const additions = (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.indexEntries)(scan.index).filter((e) => !stored || !(0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.hasEntry)(stored.index, e));
        if (stored && additions.length === 0) {
            return { ...base, status: 'present', index: stored.index, digest: stored.digest, warnings };
        }
        const kept = await (0,_chart_index_store_js__WEBPACK_IMPORTED_MODULE_2__/* .keepIndex */ .k7)(client, namespace, { kind: 'add', entries: additions });
        return {
            ...base,
            status: kept.status,
            index: kept.stored.index,
            digest: kept.stored.digest,
            warnings: [...warnings, ...kept.warnings],
        };
    }
    catch (error) {
        return {
            ...base,
            status: 'failed',
            error: `${reference}: ${error instanceof Error ? error.message : String(error)}`,
        };
    }
}


/***/ })

};

//# sourceMappingURL=31.index.js.map