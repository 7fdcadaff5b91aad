export const id = 352;
export const ids = [352];
export const modules = {

/***/ 87352:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ scanNamespace)
/* harmony export */ });
/* unused harmony export chartsIn */
/* harmony import */ var _helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34685);
/* harmony import */ var _oci_descriptor_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(47592);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(68825);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(62148);
/* harmony import */ var _oci_version_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12829);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6764);
/* harmony import */ var _source_helm_chart_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(77260);
/* harmony import */ var _chart_index_store_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(84627);
/* harmony import */ var _base_limit_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(1274);









/** Manifests read at once (each is a manifest and a config GET). */
const READ_CONCURRENCY = 8;
const LIST_CONCURRENCY = 4;
/** A chart's config is its Chart.yaml as JSON: a few KiB. */
const CONFIG_LIMIT = 1024 * 1024;
async function scanNamespace(client, namespace, options = {}) {
    const now = options.now ?? (() => new Date());
    const pageSize = options.pageSize ?? 100;
    const names = options.charts
        ? [...options.charts]
        : chartsIn(await client.listRepositories({ pageSize }), namespace);
    const scan = {
        index: (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.emptyIndex)(),
        charts: [],
        leftOut: [],
        otherTags: 0,
        reads: 0,
    };
    const work = [];
    await (0,_base_limit_js__WEBPACK_IMPORTED_MODULE_8__/* .forEachLimited */ .v)(names, LIST_CONCURRENCY, async (name) => {
        const repository = `${namespace}/${name}`;
        let tags;
        try {
            tags = await client.listTags(repository, { pageSize });
        }
        catch (error) {
            const kept = keepKnown(scan, options.known, name);
            scan.leftOut.push({
                chart: name,
                reason: `its tags can't be listed: ${messageOf(error)}`,
                ...(kept && { kept }),
            });
            return;
        }
        scan.charts.push(name);
        for (const tag of tags) {
            // helm tags a chart by its version, `+` written `_` (FACTS.md, Helm charts in OCI).
            const version = tag.replace(/_/g, '+');
            if (!(0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.isChartVersion)(version)) {
                scan.otherTags++;
                continue;
            }
            const known = options.trustKnown ? options.known?.get(name)?.get(version) : undefined;
            if (known)
                (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.addEntry)(scan.index, known);
            else
                work.push({ name, tag, version });
        }
    });
    await (0,_base_limit_js__WEBPACK_IMPORTED_MODULE_8__/* .forEachLimited */ .v)(work, READ_CONCURRENCY, async ({ name, tag, version }) => {
        const repository = `${namespace}/${name}`;
        try {
            const entry = await readChartVersion(client, repository, name, tag, options.known, now);
            scan.reads += 2;
            (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.addEntry)(scan.index, entry);
        }
        catch (error) {
            const known = options.known?.get(name)?.get(version);
            const keep = known !== undefined && !(0,_chart_index_store_js__WEBPACK_IMPORTED_MODULE_7__/* .isContentError */ .q6)(error) && !isMissing(error);
            if (keep)
                (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.addEntry)(scan.index, known);
            scan.leftOut.push({
                chart: name,
                tag,
                reason: messageOf(error),
                ...(keep && { kept: true }),
            });
        }
    });
    scan.charts.sort();
    scan.leftOut.sort((a, b) => `${a.chart}:${a.tag}`.localeCompare(`${b.chart}:${b.tag}`));
    for (const name of scan.charts) {
        const versions = scan.index.get(name)?.size ?? 0;
        options.log?.(`${client.host}/${namespace}/${name}: ${versions} version(s) listed`);
    }
    return scan;
}
/** `<namespace>/<name>` repositories: a chart is one level below its namespace, never deeper. */
function chartsIn(repositories, namespace) {
    const prefix = `${namespace}/`;
    return repositories
        .filter((r) => r.startsWith(prefix) && (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .isRepository */ .Z6)(r))
        .map((r) => r.slice(prefix.length))
        .filter((name) => name !== '' && !name.includes('/'))
        .sort();
}
function keepKnown(scan, known, name) {
    const versions = known?.get(name);
    if (!versions || versions.size === 0)
        return false;
    for (const entry of versions.values())
        (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.addEntry)(scan.index, entry);
    return true;
}
/** Not a chart version at all, or a broken one: left out, and said why. */
class NotAChartError extends Error {
    name = 'NotAChartError';
}
/**
 * One chart version's entry: the manifest by tag, which must be a helm chart (helm's config
 * type and exactly one chart layer, as `helm pull` requires), then its config. The entry's
 * name must be the repository's and its version the tag's: the URL is built from those, and
 * helm pulls what the URL names.
 */
async function readChartVersion(client, repository, name, tag, known, now) {
    const where = `${client.host}/${repository}:${tag}`;
    const { bytes, mediaType } = await client.getManifest(repository, tag);
    const manifest = (0,_oci_descriptor_js__WEBPACK_IMPORTED_MODULE_1__/* .parseManifest */ .Ng)(bytes, mediaType.split(';')[0] ?? '', where);
    const [config, ...layers] = manifest.blobs;
    if (!config || config.mediaType !== _source_helm_chart_js__WEBPACK_IMPORTED_MODULE_6__/* .HelmMediaType */ .J.Config) {
        throw new NotAChartError(`${where} is not a Helm chart (${manifest.manifests.length > 0 ? 'an index' : `config ${config?.mediaType ?? 'none'}`})`);
    }
    const charts = layers.filter((l) => l.mediaType === _source_helm_chart_js__WEBPACK_IMPORTED_MODULE_6__/* .HelmMediaType */ .J.Chart);
    if (charts.length !== 1 || !charts[0]) {
        throw new NotAChartError(`${where} has ${charts.length} chart layers; helm pulls exactly one`);
    }
    let metadata;
    const configBytes = await (0,_chart_index_store_js__WEBPACK_IMPORTED_MODULE_7__/* .readBlobBytes */ .RO)(client, repository, config, CONFIG_LIMIT, `${where} config`);
    try {
        metadata = JSON.parse(configBytes.toString('utf8'));
    }
    catch {
        throw new NotAChartError(`${where}: the chart's config is not JSON`);
    }
    const digest = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .digestHex */ .sU)(charts[0].digest);
    const earlier = known?.get(name);
    const annotated = manifestCreated(bytes);
    const entry = (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.indexEntry)(metadata, {
        digest,
        created: annotated ??
            [...(earlier?.values() ?? [])].find((e) => e.digest === digest)?.created ??
            now().toISOString(),
    }, where);
    if (entry.name !== name) {
        throw new NotAChartError(`${where}: the chart is named "${entry.name}", not "${name}"`);
    }
    if ((0,_oci_version_js__WEBPACK_IMPORTED_MODULE_4__/* .versionTag */ .V)(entry.version) !== tag) {
        throw new NotAChartError(`${where}: the chart's version is ${entry.version}, not the tag's`);
    }
    return entry;
}
/** helm push stamps `org.opencontainers.image.created`; the index's `created` is that time. */
function manifestCreated(bytes) {
    try {
        const json = JSON.parse(bytes.toString('utf8'));
        const created = json.annotations?.['org.opencontainers.image.created'];
        return typeof created === 'string' && (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.isTimestamp)(created) ? created : undefined;
    }
    catch {
        return undefined;
    }
}
function isMissing(error) {
    return (error instanceof NotAChartError ||
        error instanceof _helm_chart_index_js__WEBPACK_IMPORTED_MODULE_0__.IndexEntryError ||
        (error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .RegistryError */ .gl && error.status === 404));
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 84627:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RO: () => (/* binding */ readBlobBytes),
/* harmony export */   dM: () => (/* binding */ ForeignIndexError),
/* harmony export */   el: () => (/* binding */ readStoredIndex),
/* harmony export */   k7: () => (/* binding */ keepIndex),
/* harmony export */   q6: () => (/* binding */ isContentError),
/* harmony export */   qA: () => (/* binding */ INDEX_TAG)
/* harmony export */ });
/* unused harmony exports HelmIndexMediaType, UPDATE_WINDOW_MS, updateTag, parseUpdateTag, BlobTooLargeError */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(34685);
/* harmony import */ var _oci_descriptor_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(47592);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(68825);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(79572);
/* harmony import */ var _oci_untrusted_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(86911);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6764);








/**
 * The Helm index of a chart namespace, kept in the registry itself as an OCI artifact at one
 * well-known reference: the namespace's own repository, tag `latest`
 * (`gsoci.azurecr.io/charts/giantswarm:latest`). What `oras pull` and Flux's OCIRepository
 * fetch by default, no chart can ever be pushed there (a chart lives one level below), and
 * Aliyun's immutable repositories still let `latest` move. See docs/helm-index.md.
 *
 * Every change is announced before it is merged: the writer pushes its change as its own
 * artifact under a tag no one else uses (`update-<time>-<kind>-<random>`), then reads the
 * index, merges every recent update the index lacks, writes, and reads back until the index
 * it reads holds every update it listed. Read, merge, write and read-back alone (as the
 * referrers' fallback tag is kept) lose an update when the second of two writers read
 * before the first wrote and writes after the first read back; with the announcement, the
 * last writer always sees the other's update and merges it.
 */
const INDEX_TAG = 'latest';
const HelmIndexMediaType = {
    /** The artifact's config: which namespace and registry, and which updates it holds. */
    Config: 'application/vnd.giantswarm.helm-index.config.v1+json',
    /** The index itself, `index.yaml`: helm's format, its URLs on this registry. */
    Index: 'application/vnd.giantswarm.helm-index.v1+yaml',
};
/** Updates older than this are no longer looked at (they were merged long ago, or never will be). */
const UPDATE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Writes before giving up on writers that keep replacing the index. */
const WRITE_ATTEMPTS = 8;
/** The config is small; the index of a large namespace may be several MiB. */
const CONFIG_LIMIT = 1024 * 1024;
const INDEX_LIMIT = 64 * 1024 * 1024;
/** The reference holds something oci-push did not write, so it is left alone. */
class ForeignIndexError extends Error {
    name = 'ForeignIndexError';
}
/** `update-20250101T120000123Z-add-1a2b3c4d`: sortable by time, unique per writer. */
function updateTag(time, kind, random = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4)) {
    const stamp = time.toISOString().replace(/[-:.]/g, '');
    return `update-${stamp}-${kind}-${random.toString('hex')}`;
}
const UPDATE_TAG = /^update-(\d{8}T\d{9}Z)-(add|base)-[0-9a-f]{8}$/;
function parseUpdateTag(tag) {
    const match = UPDATE_TAG.exec(tag);
    if (!match?.[1])
        return undefined;
    const s = match[1];
    const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
    const time = Date.parse(iso);
    return Number.isNaN(time) ? undefined : { time, kind: match[2] };
}
/**
 * Puts `change` into the namespace's stored index at this registry, so that it is there
 * when this returns, whatever other writers do at the same time (see the file's comment).
 * `add` entries already listed, same archive, need no write at all.
 */
async function keepIndex(client, namespace, change, options = {}) {
    const now = options.now ?? (() => new Date());
    const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const warnings = [];
    const where = `${client.host}/${namespace}:${INDEX_TAG}`;
    let stored;
    try {
        stored = await readStoredIndex(client, namespace);
    }
    catch (error) {
        // A rebuild replaces an index it can't read; a release never writes over one.
        if (change.kind === 'add' || error instanceof ForeignIndexError)
            throw error;
        warnings.push(`${error.message}; the rebuild replaces it`);
    }
    if (change.kind === 'add' && stored && change.entries.every((e) => (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.hasEntry)(stored.index, e))) {
        return { status: 'present', stored, warnings };
    }
    const started = now();
    const own = updateTag(started, change.kind);
    const ownIndex = change.kind === 'base' ? change.index : indexOf(change.entries);
    const write = (tag, index, updates) => writeArtifact(client, namespace, tag, index, updates, now().toISOString());
    await write(own, ownIndex, []);
    const contents = new Map([[own, ownIndex]]);
    const fetchUpdate = async (tag) => {
        if (!contents.has(tag)) {
            try {
                contents.set(tag, (await readArtifact(client, namespace, tag)).index);
            }
            catch (error) {
                if (!isContentError(error))
                    throw error;
                warnings.push(`the update ${tag} can't be read, so it is not merged: ${messageOf(error)}`);
                contents.set(tag, undefined);
            }
        }
        return contents.get(tag);
    };
    let current = stored;
    let written;
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
        if (attempt > 1)
            current = await readStoredIndex(client, namespace);
        for (const problem of current?.dropped ?? []) {
            const warning = `${problem}; it is left out`;
            if (!warnings.includes(warning))
                warnings.push(warning);
        }
        if (written && current?.digest !== written) {
            // Another writer replaced ours: give it a moment to finish before merging again.
            await sleep(100 * attempt + Math.floor(Math.random() * 200));
        }
        const since = started.getTime() - UPDATE_WINDOW_MS;
        const listed = await recentUpdates(client, namespace, since);
        // A registry whose listing lags its writes still counts this writer's own update.
        if (!listed.includes(own))
            listed.push(own);
        listed.sort(byTime);
        const merged = new Set(current?.updates ?? []);
        const missing = listed.filter((tag) => !merged.has(tag));
        if (missing.length === 0 && current) {
            return { status: 'updated', stored: current, updateTag: own, warnings };
        }
        // The newest unmerged rebuild replaces the index; every recent release is merged on top.
        const base = [...missing].reverse().find((tag) => parseUpdateTag(tag)?.kind === 'base');
        const next = base
            ? copyIndex((await fetchUpdate(base)) ?? (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.emptyIndex)())
            : copyIndex(current?.index);
        const additions = (base ? listed : missing).filter((tag) => parseUpdateTag(tag)?.kind === 'add');
        for (const tag of additions) {
            const update = await fetchUpdate(tag);
            for (const entry of update ? (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.indexEntries)(update) : [])
                (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.addEntry)(next, entry);
        }
        const recent = (current?.updates ?? []).filter((tag) => (parseUpdateTag(tag)?.time ?? 0) >= since);
        const updates = [...new Set([...recent, ...listed])].sort(byTime);
        written = await write(INDEX_TAG, next, updates);
    }
    throw new Error(`${where}: the index kept changing under us (${WRITE_ATTEMPTS} writes, each replaced by ` +
        'another writer before it could be read back). Run again when the other releases are done');
}
/** The update tags of the namespace's repository newer than `since`. */
async function recentUpdates(client, namespace, since) {
    const tags = await client.listTags(namespace, { pageSize: 100 });
    return tags.filter((tag) => (parseUpdateTag(tag)?.time ?? -1) >= since);
}
function byTime(a, b) {
    return (parseUpdateTag(a)?.time ?? 0) - (parseUpdateTag(b)?.time ?? 0) || (a < b ? -1 : 1);
}
function indexOf(entries) {
    const index = (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.emptyIndex)();
    for (const entry of entries)
        (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.addEntry)(index, entry);
    return index;
}
function copyIndex(index) {
    const copy = (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.emptyIndex)();
    for (const entry of index ? (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.indexEntries)(index) : [])
        (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.addEntry)(copy, entry);
    return copy;
}
/**
 * The namespace's stored index; undefined when there is none yet. A reference that holds
 * something else is a ForeignIndexError; an index of ours that can't be read is an error
 * that says how to rebuild it.
 */
async function readStoredIndex(client, namespace) {
    try {
        return await readArtifact(client, namespace, INDEX_TAG);
    }
    catch (error) {
        if (error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .RegistryError */ .gl && error.status === 404)
            return undefined;
        if (error instanceof ForeignIndexError)
            throw error;
        if (isContentError(error)) {
            throw new _helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.IndexFormatError(`${client.host}/${namespace}:${INDEX_TAG} is an oci-push Helm index that can't be read ` +
                `(${messageOf(error)}); rebuild it with \`oci-push catalog --registry ${client.host} ` +
                `--namespace ${namespace} --write\``, { cause: error });
        }
        throw error;
    }
}
async function readArtifact(client, namespace, tag) {
    const where = `${client.host}/${namespace}:${tag}`;
    const { bytes, digest, mediaType } = await client.getManifest(namespace, tag);
    const manifest = (0,_oci_descriptor_js__WEBPACK_IMPORTED_MODULE_3__/* .parseManifest */ .Ng)(bytes, mediaType.split(';')[0] ?? '', where);
    const [config, ...layers] = manifest.blobs;
    const layer = layers.find((l) => l.mediaType === HelmIndexMediaType.Index);
    if (config?.mediaType !== HelmIndexMediaType.Config || !layer || layers.length !== 1) {
        throw new ForeignIndexError(`${where} holds something that is not an oci-push Helm index (config ` +
            `${config?.mediaType ?? 'none'}), so it is left as it is. Move it elsewhere, or delete ` +
            'it, for oci-push to keep the index there');
    }
    const configBytes = await readBlobBytes(client, namespace, config, CONFIG_LIMIT, `${where} config`);
    let configJson;
    try {
        configJson = JSON.parse(configBytes.toString());
    }
    catch (error) {
        // JSON.parse quotes the text it stopped at: the registry's bytes, escaped for the log.
        throw new SyntaxError((0,_oci_untrusted_js__WEBPACK_IMPORTED_MODULE_6__/* .printable */ .g$)(messageOf(error)), { cause: error });
    }
    const updates = Array.isArray(configJson.updates)
        ? configJson.updates.filter((t) => typeof t === 'string' && !!parseUpdateTag(t))
        : [];
    const text = (await readBlobBytes(client, namespace, layer, INDEX_LIMIT, where)).toString('utf8');
    const { index, dropped } = (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.parseIndexYaml)(text, where);
    return { index, updates, digest, dropped };
}
/**
 * Writes `index` as the artifact at `tag`: config, then `index.yaml` (its URLs on this
 * registry), then the manifest. Returns the manifest's digest.
 */
async function writeArtifact(client, namespace, tag, index, updates, generated) {
    const config = Buffer.from(JSON.stringify({ namespace, registry: client.host, updates }));
    const yaml = Buffer.from((0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.renderIndexYaml)(index, { host: client.host, namespace, generated }));
    const configDescriptor = await putBlob(client, namespace, HelmIndexMediaType.Config, config);
    const layer = await putBlob(client, namespace, HelmIndexMediaType.Index, yaml);
    const manifest = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_5__/* .MediaType */ .zu.OciManifest,
        config: configDescriptor,
        layers: [{ ...layer, annotations: { 'org.opencontainers.image.title': 'index.yaml' } }],
        annotations: {
            'org.opencontainers.image.created': generated,
            'org.opencontainers.image.description': `Helm repository index of oci://${client.host}/${namespace}`,
        },
    }));
    return client.putManifest(namespace, tag, manifest, _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_5__/* .MediaType */ .zu.OciManifest);
}
async function putBlob(client, repository, mediaType, bytes) {
    const descriptor = { mediaType, digest: (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_4__/* .digestOf */ .ol)(bytes), size: bytes.length };
    if (!(await client.blobExists(repository, descriptor.digest))) {
        await client.pushBlob(repository, descriptor, { open: async () => node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.from([bytes]) });
    }
    return descriptor;
}
/** A small blob whole, checked against its descriptor; a larger one than `limit` is refused. */
async function readBlobBytes(client, repository, descriptor, limit, where) {
    if (descriptor.size > limit) {
        throw new BlobTooLargeError(`${where}: the blob is ${descriptor.size} bytes, more than the ${limit} oci-push reads`);
    }
    const chunks = [];
    let total = 0;
    for await (const chunk of await client.getBlob(repository, descriptor.digest, descriptor.size)) {
        total += chunk.length;
        if (total > descriptor.size)
            break;
        chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_4__/* .verifyBytes */ .RV)(bytes, descriptor.digest, descriptor.size, where);
    return bytes;
}
class BlobTooLargeError extends Error {
    name = 'BlobTooLargeError';
}
/** A problem with what the registry holds (not with reaching it): worth a warning, not a retry. */
function isContentError(error) {
    return (error instanceof _helm_chart_index_js__WEBPACK_IMPORTED_MODULE_2__.IndexFormatError ||
        error instanceof ForeignIndexError ||
        error instanceof BlobTooLargeError ||
        error instanceof SyntaxError ||
        (error instanceof Error &&
            ['ManifestFormatError', 'DigestMismatchError', 'SizeMismatchError'].includes(error.name)));
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
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

//# sourceMappingURL=352.index.js.map