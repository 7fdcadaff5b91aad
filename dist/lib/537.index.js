export const id = 537;
export const ids = [537,875];
export const modules = {

/***/ 48043:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   keepChartIndexes: () => (/* binding */ keepChartIndexes)
/* harmony export */ });
/* unused harmony exports indexSkipReason, releaseEntry */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _helm_chart_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(34685);
/* harmony import */ var _helm_metadata_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14071);
/* harmony import */ var _chart_index_store_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(84627);




/**
 * Why the index at this target must not list the chart; undefined when it may. A private
 * repository's chart is listed only on lines marked `private`: an index is a public list of
 * names on any other line (a `public` or unmarked one never gets the chart at all, and a
 * `public/private` one takes public repositories too, so it is not known to be private).
 */
function indexSkipReason(repository, line) {
    if (repository === 'private' && line !== 'private') {
        return 'a private chart is listed only in the index of a registry line marked `private`';
    }
    return undefined;
}
/** The release's own entry: exactly what a catalog would read back from the pushed chart. */
function releaseEntry(chart, now) {
    const config = JSON.parse((0,_helm_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .helmConfigBytes */ .Es)(chart.metadata).toString('utf8'));
    return (0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_1__.indexEntry)(config, {
        digest: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(chart.archive).digest('hex'),
        created: chart.created ?? now.toISOString(),
    }, `chart ${chart.metadata.name} ${chart.metadata.version}`);
}
async function keepChartIndexes(plan, targets, chart, namespace, deps) {
    const entry = releaseEntry(chart, new Date());
    const chartTargets = targets.filter((t) => t.target.artifact === 'chart');
    return Promise.all(chartTargets.map(async (t) => {
        const reference = `${t.host}/${namespace}:${_chart_index_store_js__WEBPACK_IMPORTED_MODULE_3__/* .INDEX_TAG */ .qA}`;
        const outcome = (fields) => ({
            target: t.target,
            namespace,
            reference,
            status: 'skipped',
            warnings: [],
            ...fields,
        });
        if (!namespace) {
            return outcome({
                reason: '`chart-repository` is empty, and the index lives at the namespace itself',
            });
        }
        const hidden = indexSkipReason(plan.visibility.visibility, deps.lineVisibility(t.target));
        if (hidden)
            return outcome({ reason: hidden });
        if (plan.dryRun)
            return outcome({ status: 'would-update' });
        if (t.status !== 'pushed' && t.status !== 'unchanged') {
            return outcome({ reason: `the chart is ${t.status} there, so it is not listed` });
        }
        try {
            const kept = await (0,_chart_index_store_js__WEBPACK_IMPORTED_MODULE_3__/* .keepIndex */ .k7)(deps.clientFor(t.target), namespace, { kind: 'add', entries: [entry] }, deps.store);
            if (!(0,_helm_chart_index_js__WEBPACK_IMPORTED_MODULE_1__.hasEntry)(kept.stored.index, entry)) {
                // Only another release of this very version, with another archive, does this.
                const listed = kept.stored.index.get(entry.name)?.get(entry.version)?.digest;
                return outcome({
                    status: 'failed',
                    error: `${reference}: the index lists ${entry.name} ${entry.version} with archive ` +
                        `sha256:${listed ?? 'none'}, not this release's sha256:${entry.digest}; another ` +
                        'release of the same version wrote it. Check which one the tag holds',
                });
            }
            return outcome({
                status: kept.status,
                index: kept.stored.index,
                digest: kept.stored.digest,
                warnings: kept.warnings,
            });
        }
        catch (error) {
            return outcome({
                status: 'failed',
                error: `${reference}: ${error instanceof Error ? error.message : String(error)}`,
            });
        }
    }));
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

//# sourceMappingURL=537.index.js.map