export const id = 77;
export const ids = [77,875];
export const modules = {

/***/ 99579:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $P: () => (/* binding */ targetTagOf),
/* harmony export */   A7: () => (/* binding */ findWriteConflicts),
/* harmony export */   Fc: () => (/* binding */ shardImages),
/* harmony export */   J1: () => (/* binding */ DEFAULT_IMMUTABLE_SOURCE),
/* harmony export */   K5: () => (/* binding */ DEFAULT_SYNC_PARALLEL),
/* harmony export */   MK: () => (/* binding */ needsListing),
/* harmony export */   N_: () => (/* binding */ expandDiscovery),
/* harmony export */   O: () => (/* binding */ selectTags),
/* harmony export */   RJ: () => (/* binding */ DEFAULT_SEMVER_RULES),
/* harmony export */   Zt: () => (/* binding */ sourceKey),
/* harmony export */   _I: () => (/* binding */ matchesAny),
/* harmony export */   uK: () => (/* binding */ parseShard)
/* harmony export */ });
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62148);
/* harmony import */ var _oci_semver_rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(91875);



const DEFAULT_SYNC_PARALLEL = 4;
const DEFAULT_SEMVER_RULES = 'masterminds';
/** Release versions: `1.2.3`, `v1.2.3`; no pre-release, no build. */
const DEFAULT_IMMUTABLE_SOURCE = '^v?[0-9]+\\.[0-9]+\\.[0-9]+$';
/** Whether the source's tags must be listed: a filter is given, or no tag is named. */
function needsListing(filter) {
    const named = (filter.exact?.length ?? 0) + (filter.pin?.size ?? 0) > 0;
    const filtered = filter.allow.length + filter.deny.length > 0 ||
        filter.semver !== undefined ||
        filter.version !== undefined ||
        filter.newest !== undefined;
    return filtered || !named;
}
/**
 * Applies an image's filters in the order the config reads: allow, deny, the version pattern,
 * the range, then newest N (per major or minor line); then adds the tags named by `exact`
 * and `pin`. Regexes are searched in the whole tag, as skopeo sync's and retagger's are:
 * anchor them (`^…$`) to match the tag exactly.
 */
function selectTags(tags, filter, rules = DEFAULT_SEMVER_RULES) {
    const unique = [...new Set(tags)];
    const listed = needsListing(filter) ? unique : [];
    let passing = listed.filter((tag) => (filter.allow.length === 0 || filter.allow.some((re) => re.test(tag))) &&
        !filter.deny.some((re) => re.test(tag)));
    const versioned = filter.version !== undefined || filter.semver !== undefined;
    const versions = new Map();
    const versionOf = (tag) => {
        if (!versions.has(tag)) {
            const text = filter.version ? filter.version.firstGroup(tag) : tag;
            versions.set(tag, text === undefined ? null : (0,_oci_semver_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .parseTagVersion */ .An)(text, rules));
        }
        return versions.get(tag) ?? null;
    };
    if (versioned) {
        const range = filter.semver;
        passing = passing.filter((tag) => {
            const version = versionOf(tag);
            return version !== null && (range === undefined || range.test(version));
        });
    }
    if (filter.newest !== undefined)
        passing = newest(passing, versionOf, filter.newest, filter.per);
    const named = [...(filter.exact ?? []), ...(filter.pin?.keys() ?? [])];
    const selected = [...new Set([...passing, ...named])];
    const kept = new Set(selected);
    return { selected, filteredOut: unique.filter((tag) => !kept.has(tag)) };
}
/** The newest `count` versions, overall or per major/minor line; tags that aren't versions drop. */
function newest(tags, versionOf, count, per) {
    const versions = tags
        .map((tag) => ({ tag, version: versionOf(tag) }))
        .filter((v) => v.version !== null)
        .sort((a, b) => semver__WEBPACK_IMPORTED_MODULE_0___default().rcompare(a.version, b.version) || a.tag.localeCompare(b.tag));
    const taken = new Map();
    const result = [];
    for (const { tag, version } of versions) {
        const line = per === 'major'
            ? `${version.major}`
            : per === 'minor'
                ? `${version.major}.${version.minor}`
                : '';
        const n = taken.get(line) ?? 0;
        if (n >= count)
            continue;
        taken.set(line, n + 1);
        result.push(tag);
    }
    return result;
}
/** The tag a source tag is written as at the targets; undefined when that is not a valid tag. */
function targetTagOf(tag, rule) {
    if (!rule)
        return tag;
    const base = rule.stripV ? tag.replace(/^v/, '') : tag;
    const written = `${base}${rule.suffix}`;
    return (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .isTag */ .dz)(written) ? written : undefined;
}
/** Whether any of the patterns is found in the tag. */
function matchesAny(patterns, tag) {
    return (patterns ?? []).some((p) => p.test(tag));
}
// --- Discovery -------------------------------------------------------------------------------
/**
 * The repositories a discovery entry takes from a catalog, each as an image of its own with
 * its target path mapped: sorted, so every shard expands the same config the same way.
 */
function expandDiscovery(entry, catalog, globMatches) {
    const discover = entry.discover;
    if (!discover)
        return [entry];
    const { strip, prefix } = discover.path;
    const found = [...new Set(catalog)]
        .filter((path) => globMatches(path) &&
        (discover.allow.length === 0 || discover.allow.some((re) => re.test(path))) &&
        !discover.deny.some((re) => re.test(path)))
        .sort();
    return found.map((path) => {
        const rest = strip && path.startsWith(strip) ? path.slice(strip.length) : path;
        const { discover: _discover, ...image } = entry;
        return {
            ...image,
            source: { host: entry.source.host, repository: path },
            repository: `${prefix}${rest}`.replace(/^\/+/, ''),
        };
    });
}
// --- Shards ----------------------------------------------------------------------------------
/** The key a shard splits by: one source repository's tags stay together and share mounts. */
function sourceKey(image) {
    return `${image.source.host}/${image.source.repository}`;
}
/**
 * The images one shard takes. Images that share a source repository, or write the same
 * target repository, form one group (so one shard sees every writer of a target tag, and a
 * source's tags share mounts); groups, sorted by their first key, are dealt round-robin to
 * the N shards. Every shard computes the same split from the same config, each image is
 * taken by exactly one shard, and the shares differ by at most one group.
 */
function shardImages(images, shard) {
    if (!shard || shard.count === 1)
        return [...images];
    const parent = new Map();
    const find = (key) => {
        let root = key;
        while (parent.get(root) !== undefined && parent.get(root) !== root) {
            root = parent.get(root);
        }
        parent.set(key, root);
        return root;
    };
    const union = (a, b) => {
        const [ra, rb] = [find(a), find(b)].sort();
        parent.set(rb, ra);
    };
    for (const image of images) {
        const source = `s:${sourceKey(image)}`;
        const target = `t:${image.repository}`;
        if (!parent.has(source))
            parent.set(source, source);
        if (!parent.has(target))
            parent.set(target, target);
        union(source, target);
    }
    const groups = [...new Set(images.map((image) => find(`s:${sourceKey(image)}`)))].sort();
    const mine = new Set(groups.filter((_, i) => (i % shard.count) + 1 === shard.index));
    return images.filter((image) => mine.has(find(`s:${sourceKey(image)}`)));
}
/** Parses `I/N` (1 ≤ I ≤ N); the message names `what` (the input or flag). */
function parseShard(text, what) {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    const index = Number(match?.[1]);
    const count = Number(match?.[2]);
    if (!match || count < 1 || index < 1 || index > count) {
        throw new Error(`${what}: "${text}" is not a shard; write I/N with 1 ≤ I ≤ N, e.g. 2/3 for the second ` +
            'of three runners');
    }
    return { index, count };
}
/**
 * Target tags written from two different origins. Between entries it is a config error found
 * at plan time (issue #25: one of them used to lose a race at copy time); within one image
 * (`v1.0` and `1.0` with `strip-v`) it fails that image only, as the upstream's tags caused it.
 * The same source tag written by two entries is one origin, not a conflict.
 */
function findWriteConflicts(writes) {
    const first = new Map();
    const betweenEntries = [];
    const withinImage = new Map();
    for (const write of writes) {
        const key = `${write.target}\u0000${write.repository}\u0000${write.tag}`;
        const earlier = first.get(key);
        if (!earlier) {
            first.set(key, write);
            continue;
        }
        if (earlier.source === write.source && earlier.from === write.from)
            continue;
        const where = `${write.repository}:${write.tag} at target ${write.target}`;
        if (earlier.index === write.index && earlier.source === write.source) {
            const imageKey = `${write.index}\u0000${write.source}`;
            const list = withinImage.get(imageKey) ?? [];
            list.push(`the source tags ${earlier.from} and ${write.from} of ${write.source} both become ` +
                `${where}; deny one of them in images[${write.index}].tags`);
            withinImage.set(imageKey, list);
        }
        else {
            betweenEntries.push(`${where} would be written by images[${earlier.index}] (${earlier.source}` +
                `${sourceRef(earlier.from)}) and by images[${write.index}] (${write.source}` +
                `${sourceRef(write.from)})`);
        }
    }
    return { betweenEntries, withinImage };
}
const sourceRef = (from) => (from.startsWith('@') ? from : `:${from}`);


/***/ }),

/***/ 85004:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iq: () => (/* binding */ parseSyncConfigText),
/* harmony export */   RG: () => (/* binding */ readConfigFile),
/* harmony export */   cA: () => (/* binding */ SYNC_CONFIG_VERSION)
/* harmony export */ });
/* unused harmony exports SyncConfigError, parseSyncConfig */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _azure_keyless_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39017);
/* harmony import */ var _engine_sync_plan_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99579);
/* harmony import */ var _engine_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(30955);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(68825);
/* harmony import */ var _oci_pattern_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(13683);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(62148);
/* harmony import */ var _oci_repository_glob_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(77436);
/* harmony import */ var _oci_semver_rules_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(91875);
/* harmony import */ var _registry_pace_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(99740);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(91115);











/**
 * The sync's config, parsed and checked in full before anything is copied. This code mirrors
 * `sync/schema.json` (which editors use), and adds what a schema can't say: patterns that
 * compile (RE2), ranges, target names that exist. Every error names its path in the config,
 * e.g. `images[2].tags.semver`, says what is wrong and what to write instead.
 */
class SyncConfigError extends _inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz {
    name = 'SyncConfigError';
}
/** The newest config version this oci-push reads. */
const SYNC_CONFIG_VERSION = 1;
/**
 * A config is at most this big. The largest real one (retagger's 860 entries, converted) is
 * about 100 KiB; a 10 MB config once took 983 MiB to parse (issue #25).
 */
const MAX_CONFIG_BYTES = 1024 * 1024;
/** `[`/`{` nesting, and nesting of the parsed value: the schema needs 5 levels. */
const MAX_FLOW_DEPTH = 64;
const MAX_VALUE_DEPTH = 16;
/** YAML aliases expanded at most this often (the yaml library's default): a bomb stops here. */
const MAX_ALIAS_COUNT = 100;
const TOP_KEYS = [
    'version',
    'targets',
    'images',
    'parallel',
    'semver-rules',
    'immutable',
    'floating',
    'limits',
    'helm-index',
];
const TARGET_KEYS = ['registry', 'mirror'];
const IMAGE_KEYS = [
    'source',
    'target',
    'to',
    'tags',
    'target-tag',
    'overwrite',
    'may-be-empty',
    'repositories',
    'visibility',
];
const TAG_KEYS = ['allow', 'deny', 'semver', 'version', 'newest', 'per', 'exact', 'pin'];
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const TARGET_LINE = 'HOST [insecure] [acr] [public|private|public/private]';
const MAX_PARALLEL = 64;
/** ACR's service tiers, as the pacer knows their budgets. */
const ACR_SKUS = Object.keys(_registry_pace_js__WEBPACK_IMPORTED_MODULE_7__/* .SKU_OPS */ .$j);
/** Parses YAML text (`where` names it in messages: a file path, or "config"). */
async function parseSyncConfigText(text, where) {
    checkSize(Buffer.byteLength(text), where);
    checkFlowDepth(text, where);
    const { parseDocument } = await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 38815, 19));
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    const first = doc.errors[0];
    if (first) {
        throw new SyncConfigError(`${where}: not valid YAML: ${first.message.split('\n')[0] ?? first.message}`);
    }
    let value;
    try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (error) {
        // The yaml library refuses an alias bomb ("Excessive alias count…"): an input error.
        throw new SyncConfigError(`${where}: refused: ${error.message}. A sync config may expand YAML aliases ` +
            `at most ${MAX_ALIAS_COUNT} times; write the entries out instead`);
    }
    if (depthOf(value, 0) > MAX_VALUE_DEPTH) {
        throw new SyncConfigError(`${where}: nested more than ${MAX_VALUE_DEPTH} levels deep; a sync config needs 5`);
    }
    return parseSyncConfig(value);
}
/**
 * A config file, read up to one byte past the cap: `config: /dev/zero` or a huge file is
 * refused there, instead of being read until memory runs out (issue #25). A file that can't
 * be read throws the file system's error for the caller to describe.
 */
async function readConfigFile(path, where) {
    const chunks = [];
    let size = 0;
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(path, { start: 0, end: MAX_CONFIG_BYTES })) {
        chunks.push(chunk);
        size += chunk.length;
    }
    checkSize(size, where);
    return Buffer.concat(chunks).toString('utf8');
}
function checkSize(bytes, where) {
    if (bytes > MAX_CONFIG_BYTES) {
        throw new SyncConfigError(`${where}: ${bytes > MAX_CONFIG_BYTES + 1 ? `${bytes} bytes` : 'more than 1 MiB'}: a sync ` +
            `config is at most ${MAX_CONFIG_BYTES} bytes (1 MiB). Split it into several configs ` +
            '(one per job or shard), or name whole namespaces with `source: HOST/NAMESPACE/*`');
    }
}
/**
 * Flow collections (`[[[[…`) nest one level per character, and parsing a deep one took
 * 397 MiB (issue #25): their depth is counted before the parser sees them, outside quotes
 * and comments.
 */
function checkFlowDepth(text, where) {
    let depth = 0;
    let quote;
    let comment = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (comment) {
            if (c === '\n')
                comment = false;
            continue;
        }
        if (quote) {
            if (c === '\\' && quote === '"')
                i++;
            else if (c === quote)
                quote = undefined;
            continue;
        }
        if (c === '"' || c === "'")
            quote = c;
        else if (c === '#' && (i === 0 || /\s/.test(text[i - 1])))
            comment = true;
        else if (c === '[' || c === '{') {
            if (++depth > MAX_FLOW_DEPTH) {
                throw new SyncConfigError(`${where}: flow collections ([…] or {…}) nested more than ${MAX_FLOW_DEPTH} deep; ` +
                    'a sync config needs a few');
            }
        }
        else if (c === ']' || c === '}')
            depth = Math.max(0, depth - 1);
    }
}
function depthOf(value, depth) {
    if (depth > MAX_VALUE_DEPTH)
        return depth;
    if (typeof value !== 'object' || value === null)
        return depth;
    let deepest = depth + 1;
    for (const inner of Object.values(value))
        deepest = Math.max(deepest, depthOf(inner, depth + 1));
    return deepest;
}
/** Checks a config already read into plain values, and types it. */
function parseSyncConfig(value) {
    const errors = [];
    const fail = Object.assign((path, message) => {
        errors.push(`${path}: ${message}`);
        return undefined;
    }, { count: () => errors.length });
    const top = objectAt(value, '(config)', TOP_KEYS, fail);
    if (!top)
        throw configError(errors);
    if (top.version !== undefined) {
        const v = top.version;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
            fail('version', `must be a whole number; this oci-push reads version ${SYNC_CONFIG_VERSION}`);
        }
        else if (v > SYNC_CONFIG_VERSION) {
            // Checked first and alone: a newer config's other keys would only add noise.
            throw new SyncConfigError(`sync config: version: ${v} is newer than this oci-push reads (up to ` +
                `${SYNC_CONFIG_VERSION}); update oci-push (the action's @ref, or the CLI) to one that ` +
                `reads version ${v}`);
        }
    }
    const targets = [];
    const targetsValue = top.targets;
    if (targetsValue === undefined)
        fail('targets', 'required: the registries to copy into');
    else {
        const entries = isPlainObject(targetsValue)
            ? Object.entries(targetsValue)
            : (fail('targets', 'must be a map of target names to `registry: HOST`'), []);
        if (isPlainObject(targetsValue) && entries.length === 0)
            fail('targets', 'names no target; add one, e.g. `gsoci: { registry: gsoci.azurecr.io }`');
        for (const [name, entry] of entries) {
            const path = `targets.${name}`;
            if (!TARGET_NAME.test(name)) {
                fail(path, 'a target name is letters, digits, `.`, `_` and `-`');
                continue;
            }
            const target = parseTarget(name, entry, path, fail);
            if (target)
                targets.push(target);
        }
    }
    const names = new Set(targets.map((t) => t.name));
    let semverRules = _engine_sync_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_SEMVER_RULES */ .RJ;
    if (top['semver-rules'] !== undefined) {
        const rules = top['semver-rules'];
        if (typeof rules !== 'string' || !_oci_semver_rules_js__WEBPACK_IMPORTED_MODULE_6__/* .SEMVER_RULES */ .Z8.includes(rules)) {
            fail('semver-rules', `must be one of ${_oci_semver_rules_js__WEBPACK_IMPORTED_MODULE_6__/* .SEMVER_RULES */ .Z8.join(', ')}`);
        }
        else
            semverRules = rules;
    }
    const immutable = top.immutable === undefined
        ? [(0,_oci_pattern_js__WEBPACK_IMPORTED_MODULE_9__/* .compilePattern */ .Eb)(_engine_sync_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_IMMUTABLE_SOURCE */ .J1)]
        : patternList(top.immutable, 'immutable', fail);
    const floating = top.floating === undefined ? [] : patternList(top.floating, 'floating', fail);
    const limits = parseLimits(top.limits, fail);
    const images = [];
    const imagesValue = top.images;
    if (imagesValue === undefined)
        fail('images', 'required: the images to copy');
    else if (!Array.isArray(imagesValue))
        fail('images', 'must be a list of `- source: …` entries');
    else if (imagesValue.length === 0)
        fail('images', 'lists no image; add `- source: REPOSITORY`');
    else {
        const context = { targetNames: names, targetsGiven: targetsValue !== undefined, semverRules };
        imagesValue.forEach((entry, i) => {
            const image = parseImage(entry, i, context, fail);
            if (image)
                images.push(image);
        });
    }
    let parallel = _engine_sync_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_SYNC_PARALLEL */ .K5;
    if (top.parallel !== undefined) {
        const n = top.parallel;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_PARALLEL)
            fail('parallel', `must be a whole number from 1 to ${MAX_PARALLEL} (images at once)`);
        else
            parallel = n;
    }
    const helmIndex = [];
    const helmIndexValue = top['helm-index'];
    if (helmIndexValue !== undefined) {
        if (!Array.isArray(helmIndexValue)) {
            fail('helm-index', 'must be a list of chart namespaces, e.g. [charts/giantswarm]');
        }
        else {
            helmIndexValue.forEach((namespace, i) => {
                if (typeof namespace !== 'string' || !(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .isRepository */ .Z6)(namespace)) {
                    fail(`helm-index[${i}]`, `"${String(namespace)}" is not a chart namespace (a repository path, e.g. charts/giantswarm)`);
                }
                else
                    helmIndex.push(namespace);
            });
        }
    }
    if (errors.length > 0)
        throw configError(errors);
    return {
        targets,
        images,
        parallel,
        semverRules,
        ...(immutable && { immutable }),
        ...(floating && { floating }),
        ...(limits && { limits }),
        ...(helmIndex.length > 0 && { helmIndex }),
    };
}
function parseTarget(name, value, path, fail) {
    const entry = objectAt(value, path, TARGET_KEYS, fail);
    if (!entry)
        return undefined;
    if (entry.registry === undefined)
        return fail(`${path}.registry`, `required: ${TARGET_LINE}`);
    if (typeof entry.registry !== 'string')
        return fail(`${path}.registry`, `must be a string: ${TARGET_LINE}`);
    const [host, ...flags] = entry.registry.trim().split(/\s+/);
    if (!host || !(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .isHost */ .jU)(host)) {
        return fail(`${path}.registry`, `"${entry.registry}" does not start with a registry host, e.g. gsoci.azurecr.io or 127.0.0.1:5000`);
    }
    const target = { name, host, insecure: false, acr: (0,_azure_keyless_js__WEBPACK_IMPORTED_MODULE_1__/* .isAcrHost */ .n0)(host), mirror: false };
    for (const flag of flags) {
        const visibility = (0,_engine_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .lineVisibility */ .DY)(flag);
        if (flag === 'insecure')
            target.insecure = true;
        else if (flag === 'acr')
            target.acr = true;
        else if (visibility && (!target.visibility || target.visibility === visibility)) {
            target.visibility = visibility;
        }
        else if (visibility) {
            return fail(`${path}.registry`, 'is marked both public and private; a target that takes both is marked public/private');
        }
        else
            return fail(`${path}.registry`, `unknown flag "${flag}"; a line is ${TARGET_LINE}`);
    }
    if (entry.mirror !== undefined) {
        if (typeof entry.mirror !== 'boolean')
            return fail(`${path}.mirror`, 'must be true or false');
        target.mirror = entry.mirror;
    }
    return target;
}
function parseLimits(value, fail) {
    if (value === undefined)
        return undefined;
    if (!isPlainObject(value)) {
        return fail('limits', `must be a map of registry hosts to ACR tiers (${ACR_SKUS.join(', ')})`);
    }
    const limits = new Map();
    for (const [host, sku] of Object.entries(value)) {
        if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .isHost */ .jU)(host))
            fail(`limits.${host}`, 'is not a registry host');
        else if (typeof sku !== 'string' || !ACR_SKUS.includes(sku)) {
            fail(`limits.${host}`, `must be one of ${ACR_SKUS.join(', ')} (the ACR's service tier)`);
        }
        else
            limits.set(host.toLowerCase(), sku);
    }
    return limits;
}
function parseImage(value, index, context, fail) {
    const path = `images[${index}]`;
    const entry = objectAt(value, path, IMAGE_KEYS, fail);
    if (!entry)
        return undefined;
    const before = fail.count();
    let source;
    let discover;
    if (entry.source === undefined) {
        fail(`${path}.source`, 'required: the repository to copy from, e.g. docker.io/library/alpine');
    }
    else if (typeof entry.source !== 'string') {
        fail(`${path}.source`, 'must be a string, e.g. docker.io/library/alpine');
    }
    else if (/[*?]/.test(entry.source)) {
        const found = parseDiscoverySource(entry.source, `${path}.source`, fail);
        if (found) {
            source = { host: found.host, repository: found.glob };
            discover = { glob: found.glob, allow: [], deny: [], path: { strip: '', prefix: '' } };
        }
    }
    else {
        try {
            const name = (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .parseImageName */ ["if"])(entry.source, `${path}.source "${entry.source}"`, false);
            if (/:[^/]*$/.test(entry.source.replace(/^[^/]*\//, '')) || entry.source.includes('@')) {
                fail(`${path}.source`, `"${entry.source}" names a tag; name the repository only, and choose tags with ` +
                    '`tags:` (e.g. `tags: { allow: [...] }`, or `tags: { pin: { TAG: DIGEST } }`)');
            }
            else
                source = { host: name.host, repository: name.repository };
        }
        catch (error) {
            const message = error.message;
            fail(`${path}.source`, message.replace(`${path}.source `, ''));
        }
    }
    if (entry.repositories !== undefined) {
        if (!discover) {
            fail(`${path}.repositories`, 'chooses among discovered repositories; it needs a source such as HOST/NAMESPACE/*');
        }
        else {
            const filters = objectAt(entry.repositories, `${path}.repositories`, ['allow', 'deny'], fail);
            if (filters) {
                discover.allow = patternList(filters.allow, `${path}.repositories.allow`, fail) ?? [];
                discover.deny = patternList(filters.deny, `${path}.repositories.deny`, fail) ?? [];
            }
        }
    }
    let repository = discover ? '' : source?.repository;
    if (entry.target !== undefined) {
        if (discover) {
            const mapping = objectAt(entry.target, `${path}.target`, ['strip', 'prefix'], fail);
            if (mapping)
                discover.path = parsePathMapping(mapping, `${path}.target`, fail) ?? discover.path;
        }
        else if (typeof entry.target !== 'string' || !(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .isRepository */ .Z6)(entry.target)) {
            fail(`${path}.target`, `"${String(entry.target)}" is not a repository path: lowercase letters, digits and ` +
                'separators (. _ __ -) in components joined by "/", e.g. giantswarm/alpine');
        }
        else
            repository = entry.target;
    }
    let to = [...context.targetNames];
    if (entry.to !== undefined) {
        if (!Array.isArray(entry.to) || entry.to.length === 0) {
            fail(`${path}.to`, 'must be a list of target names, e.g. [gsoci, aliyun]');
        }
        else {
            const seen = new Set();
            entry.to.forEach((name, i) => {
                if (typeof name !== 'string')
                    return fail(`${path}.to[${i}]`, 'must be a target name');
                if (seen.has(name))
                    return fail(`${path}.to[${i}]`, `"${name}" is listed twice`);
                seen.add(name);
                if (context.targetsGiven && !context.targetNames.has(name)) {
                    return fail(`${path}.to[${i}]`, `"${name}" is not a target; the targets are ${[...context.targetNames].join(', ') || '(none)'}`);
                }
                return undefined;
            });
            to = entry.to;
        }
    }
    const tags = parseTagFilter(entry.tags, `${path}.tags`, context.semverRules, fail);
    if (discover && tags && (tags.exact || tags.pin)) {
        fail(`${path}.tags`, '`exact` and `pin` name tags of one repository; not with discovery');
    }
    const targetTag = parseTargetTag(entry['target-tag'], `${path}.target-tag`, fail);
    const overwrite = booleanAt(entry.overwrite, `${path}.overwrite`, fail);
    const mayBeEmpty = booleanAt(entry['may-be-empty'], `${path}.may-be-empty`, fail);
    let visibility;
    if (entry.visibility !== undefined) {
        if (entry.visibility !== 'public' && entry.visibility !== 'private') {
            fail(`${path}.visibility`, `"${String(entry.visibility)}" is not public or private (the source's visibility, when ` +
                "it can't be read without a credential and is public all the same)");
        }
        else
            visibility = entry.visibility;
    }
    if (fail.count() !== before || !source || repository === undefined || !tags)
        return undefined;
    return {
        index,
        source,
        repository,
        to,
        tags,
        overwrite,
        ...(targetTag && { targetTag }),
        ...(mayBeEmpty && { mayBeEmpty }),
        ...(discover && { discover }),
        ...(visibility && { visibility }),
    };
}
/** `HOST/NAMESPACE/*`, `HOST/NAMESPACE/**`, `HOST/**`: the host, and a repository glob. */
function parseDiscoverySource(text, path, fail) {
    const slash = text.indexOf('/');
    const host = slash < 0 ? '' : text.slice(0, slash);
    const glob = slash < 0 ? '' : text.slice(slash + 1);
    if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .isHost */ .jU)(host) || !/[.:]|^localhost$/.test(host)) {
        return fail(path, `"${text}" names repositories by a pattern, and needs the registry's host first: ` +
            'HOST/NAMESPACE/* (one level), HOST/NAMESPACE/** (every level) or HOST/** (all)');
    }
    try {
        (0,_oci_repository_glob_js__WEBPACK_IMPORTED_MODULE_10__/* .globToRegExp */ .tL)(glob);
    }
    catch (error) {
        return fail(path, error.message);
    }
    return { host, glob };
}
function parsePathMapping(mapping, path, fail) {
    const part = (key) => {
        const value = mapping[key];
        if (value === undefined)
            return '';
        const text = typeof value === 'string' ? value.replace(/^\/+|\/+$/g, '') : undefined;
        if (text === undefined || (text !== '' && !(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .isRepository */ .Z6)(text))) {
            return fail(`${path}.${key}`, 'must be a repository path, e.g. giantswarm');
        }
        return text === '' ? '' : `${text}/`;
    };
    const strip = part('strip');
    const prefix = part('prefix');
    return strip === undefined || prefix === undefined ? undefined : { strip, prefix };
}
function parseTagFilter(value, path, rules, fail) {
    if (value === undefined)
        return { allow: [], deny: [] };
    const entry = objectAt(value, path, TAG_KEYS, fail);
    if (!entry)
        return undefined;
    const before = fail.count();
    const filter = {
        allow: patternList(entry.allow, `${path}.allow`, fail) ?? [],
        deny: patternList(entry.deny, `${path}.deny`, fail) ?? [],
    };
    if (entry.version !== undefined) {
        const pattern = patternAt(entry.version, `${path}.version`, fail);
        if (pattern && pattern.groups < 1) {
            fail(`${path}.version`, `"${pattern.source}" has no capture group; put the version in one, e.g. '^stable-(.+)$'`);
        }
        else if (pattern)
            filter.version = pattern;
    }
    if (entry.semver !== undefined) {
        if (typeof entry.semver !== 'string') {
            fail(`${path}.semver`, `must be a string, e.g. '>= 3.18'`);
        }
        else {
            try {
                filter.semver = (0,_oci_semver_rules_js__WEBPACK_IMPORTED_MODULE_6__/* .parseRange */ .RC)(entry.semver, rules);
            }
            catch (error) {
                fail(`${path}.semver`, `"${entry.semver}" ${error.message}`);
            }
        }
    }
    if (entry.newest !== undefined) {
        const n = entry.newest;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
            fail(`${path}.newest`, 'must be a whole number of at least 1');
        }
        else
            filter.newest = n;
    }
    if (entry.per !== undefined) {
        if (entry.per !== 'major' && entry.per !== 'minor') {
            fail(`${path}.per`, `"${String(entry.per)}" is not major or minor`);
        }
        else if (entry.newest === undefined) {
            fail(`${path}.per`, 'needs `newest`: per says which line the newest N are counted in');
        }
        else
            filter.per = entry.per;
    }
    if (entry.exact !== undefined) {
        if (!Array.isArray(entry.exact) || entry.exact.length === 0) {
            fail(`${path}.exact`, "must be a list of tags, e.g. ['1.0', '2.0']");
        }
        else {
            entry.exact.forEach((tag, i) => {
                if (typeof tag !== 'string' || !(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .isTag */ .dz)(tag))
                    fail(`${path}.exact[${i}]`, notATag(tag));
            });
            filter.exact = entry.exact;
        }
    }
    if (entry.pin !== undefined) {
        if (!isPlainObject(entry.pin) || Object.keys(entry.pin).length === 0) {
            fail(`${path}.pin`, "must be a map of tags to digests, e.g. { '2.7.35': 'sha256:…' }");
        }
        else {
            const pin = new Map();
            for (const [tag, digest] of Object.entries(entry.pin)) {
                if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .isTag */ .dz)(tag))
                    fail(`${path}.pin.${tag}`, notATag(tag));
                else if (typeof digest !== 'string' || !(0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_4__/* .isDigest */ .Bc)(digest)) {
                    fail(`${path}.pin.${tag}`, 'must be a digest, sha256: and 64 lowercase hex digits');
                }
                else
                    pin.set(tag, digest);
            }
            filter.pin = pin;
        }
    }
    return fail.count() === before ? filter : undefined;
}
function notATag(tag) {
    return `"${String(tag)}" is not a tag: letters, digits, _ . and -, at most 128, not starting with . or -`;
}
function parseTargetTag(value, path, fail) {
    if (value === undefined)
        return undefined;
    const entry = objectAt(value, path, ['suffix', 'strip-v'], fail);
    if (!entry)
        return undefined;
    const rule = { suffix: '', stripV: false };
    if (entry.suffix !== undefined) {
        if (typeof entry.suffix !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(entry.suffix)) {
            fail(`${path}.suffix`, "must be tag characters (letters, digits, _ . -), e.g. '-k8s'");
        }
        else
            rule.suffix = entry.suffix;
    }
    rule.stripV = booleanAt(entry['strip-v'], `${path}.strip-v`, fail);
    return rule;
}
function patternAt(value, path, fail) {
    if (typeof value !== 'string')
        return fail(path, 'must be a regular expression, as a string');
    try {
        return (0,_oci_pattern_js__WEBPACK_IMPORTED_MODULE_9__/* .compilePattern */ .Eb)(value);
    }
    catch (error) {
        return fail(path, `"${value}" ${error.message}`);
    }
}
function patternList(value, path, fail) {
    if (value === undefined)
        return undefined;
    if (!Array.isArray(value)) {
        return fail(path, `must be a list of regular expressions, e.g. ['^v?\\d+\\.\\d+\\.\\d+$']`);
    }
    const patterns = [];
    value.forEach((source, i) => {
        const pattern = patternAt(source, `${path}[${i}]`, fail);
        if (pattern)
            patterns.push(pattern);
    });
    return patterns;
}
function booleanAt(value, path, fail) {
    if (value === undefined)
        return false;
    if (typeof value !== 'boolean') {
        fail(path, 'must be true or false');
        return false;
    }
    return value;
}
/** A map with only `keys`; an unknown key is named with the ones that are known. */
function objectAt(value, path, keys, fail) {
    if (!isPlainObject(value))
        return fail(path, `must be a map with the keys ${keys.join(', ')}`);
    let ok = true;
    for (const key of Object.keys(value)) {
        if (!keys.includes(key)) {
            ok = false;
            const inner = path === '(config)' ? key : `${path}.${key}`;
            fail(inner, `unknown key; the keys here are ${keys.join(', ')}`);
        }
    }
    return ok ? value : undefined;
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function configError(errors) {
    return new SyncConfigError(errors.length === 1
        ? `sync config: ${errors[0]}`
        : `sync config: ${errors.length} problems:\n- ${errors.join('\n- ')}`);
}


/***/ }),

/***/ 92384:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ buildSyncReport),
/* harmony export */   M: () => (/* binding */ syncFailureOutcome)
/* harmony export */ });
/* harmony import */ var _exit_codes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86033);

const EMPTY = {
    copied: 0,
    unchanged: 0,
    trusted: 0,
    drift: 0,
    moved: 0,
    'would-copy': 0,
    'would-move': 0,
    failed: 0,
};
function syncCounts(result) {
    const counts = { copied: 0, unchanged: 0, drifted: 0, failed: 0 };
    for (const row of rowsOf(result)) {
        counts.copied += row.counts.copied + row.counts.moved;
        // Trusted from the listing (an immutable tag the target lists) counts as unchanged.
        counts.unchanged += row.counts.unchanged + row.counts.trusted;
        counts.drifted += row.counts.drift;
        counts.failed += row.counts.failed + (row.listingFailed ? 1 : 0);
    }
    return counts;
}
/**
 * The outputs (`result` holds every image × tag × target), the job summary with one row per
 * image and target, an annotation for each failure and each drift with its fix, and the exit
 * code: 0 everything is there (mirrors may have warned), 1 a required target failed, 3 drift
 * was refused and nothing else failed.
 */
function buildSyncReport(result) {
    const rows = rowsOf(result);
    const annotations = [];
    let requiredFailed = false;
    let requiredDrift = false;
    const problems = [];
    for (const image of result.images) {
        for (const name of image.image.to) {
            const target = result.targets.find((t) => t.name === name);
            const level = target.mirror ? 'warning' : 'error';
            if (image.error) {
                if (!target.mirror)
                    requiredFailed = true;
                problems.push(`- **failed** ${image.source} → \`${name}\`: ${escape(image.error)}`);
                // An empty selection is a warning (nothing broke) on a row that still fails.
                annotations.push({
                    level: image.empty ? 'warning' : level,
                    title: `oci-push sync: ${image.source}${image.empty ? ' selects no tag' : ''}`,
                    message: image.error,
                });
                continue;
            }
            for (const tag of image.tags) {
                const o = tag.targets.find((t) => t.target === name);
                if (!o || (o.status !== 'failed' && o.status !== 'drift'))
                    continue;
                if (!target.mirror) {
                    if (o.status === 'failed')
                        requiredFailed = true;
                    else
                        requiredDrift = true;
                }
                const where = `${o.host}/${o.repository}:${tag.targetTag ?? tag.tag}`;
                const message = `${o.error ?? o.status}${target.mirror ? ' (a mirror: this only warns)' : ''}`;
                problems.push(`- **${o.status}** \`${where}\` (${name}): ${escape(message)}`);
                annotations.push({
                    level,
                    title: `oci-push sync: ${o.status} at ${where}`,
                    message,
                });
            }
        }
    }
    // A job summary can't take thousands of lines; the annotations and `result` hold them all.
    const MAX_ANNOTATIONS = 50;
    const shownAnnotations = annotations.slice(0, MAX_ANNOTATIONS);
    if (annotations.length > MAX_ANNOTATIONS) {
        shownAnnotations.push({
            level: 'warning',
            title: 'oci-push sync: more problems',
            message: `${annotations.length - MAX_ANNOTATIONS} more; see the job summary and the \`result\` output`,
        });
    }
    const exitCode = requiredFailed ? _exit_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.failed : requiredDrift ? _exit_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.refused : _exit_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.ok;
    const counts = syncCounts(result);
    const report = {
        outputs: {
            result: JSON.stringify(resultJson(result, counts)),
            copied: String(counts.copied),
            unchanged: String(counts.unchanged),
            drifted: String(counts.drifted),
            failed: String(counts.failed),
        },
        summary: summaryMarkdown(result, rows, counts, problems),
        annotations: shownAnnotations,
        ...(exitCode === _exit_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.failed && {
            failure: 'oci-push sync: a required target failed (see the errors above and the job summary); ' +
                'the other images and targets were still synced. Fix the cause and run again: what is ' +
                'already there is left unchanged.',
        }),
        ...(exitCode === _exit_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.refused && {
            failure: 'oci-push sync: drift refused, nothing else failed: a target tag holds another digest ' +
                'than the source. The summary names both digests; set `overwrite: true` on the image to ' +
                'move such tags, or find out who pushed them.',
        }),
    };
    return { report, exitCode };
}
function rowsOf(result) {
    const rows = [];
    for (const image of result.images) {
        for (const name of image.image.to) {
            const target = result.targets.find((t) => t.name === name);
            const counts = { ...EMPTY };
            for (const tag of image.tags) {
                const o = tag.targets.find((t) => t.target === name);
                if (o)
                    counts[o.status]++;
            }
            rows.push({ image, target, counts, listingFailed: image.error !== undefined });
        }
    }
    return rows;
}
function summaryMarkdown(result, rows, counts, problems) {
    const lines = [
        `## oci-push sync${result.dryRun ? ' (dry run: nothing written)' : ''}`,
        '',
        `${result.images.length} image(s)` +
            (result.shard
                ? `, shard ${result.shard.index}/${result.shard.count} (${result.otherShards} image(s) left to the other shards)`
                : '') +
            `: ${counts.copied} copied, ${counts.unchanged} unchanged, ${counts.drifted} drift, ` +
            `${counts.failed} failed.`,
        '',
        `| Image | Target | ${result.dryRun ? 'Would copy | ' : ''}Copied | Unchanged (trusted) | Drift | Failed | Filtered out |`,
        `|---|---|${result.dryRun ? '--:|' : ''}--:|--:|--:|--:|--:|`,
    ];
    for (const row of rows) {
        const c = row.counts;
        const target = `${row.target.name} (${row.target.host}${row.target.mirror ? ', mirror' : ''})`;
        const image = `${row.image.source} → ${row.image.image.repository}`;
        const failed = row.listingFailed
            ? row.image.empty
                ? 'selects no tag'
                : 'listing failed'
            : String(c.failed);
        const unchanged = `${c.unchanged + c.trusted}${c.trusted > 0 ? ` (${c.trusted})` : ''}`;
        lines.push(`| ${escape(image)} | ${escape(target)} | ` +
            (result.dryRun ? `${c['would-copy'] + c['would-move']} | ` : '') +
            `${c.copied + c.moved} | ${unchanged} | ${c.drift} | ${failed} | ${row.image.filteredOut.length} |`);
    }
    if (problems.length > 0) {
        const MAX = 200;
        lines.push('', '### Failures and drift', '', ...problems.slice(0, MAX));
        if (problems.length > MAX)
            lines.push(`- … and ${problems.length - MAX} more in \`result\``);
    }
    return `${lines.join('\n')}\n`;
}
function resultJson(result, counts) {
    return {
        dryRun: result.dryRun,
        ...(result.shard && { shard: `${result.shard.index}/${result.shard.count}` }),
        counts,
        images: result.images.map((image) => ({
            index: image.image.index,
            source: image.source,
            repository: image.image.repository,
            listed: image.listed,
            filteredOut: image.filteredOut,
            ...(image.error && { error: image.error }),
            ...(image.empty && { empty: true }),
            tags: image.tags.map((tag) => ({
                tag: tag.tag,
                ...(tag.targetTag && { targetTag: tag.targetTag }),
                ...(tag.sourceDigest && { digest: tag.sourceDigest }),
                targets: tag.targets,
            })),
            ...(image.repairs && { repairs: image.repairs }),
        })),
    };
}
/** Table cells and list items: no pipes or newlines from an error message break the table. */
function escape(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
/**
 * The outcome of a sync that stopped before it listed anything (a bad config or input, a
 * stop): a summary and a `result` saying so and that nothing was copied, and the exit code
 * its error maps to (2 for a config or input error).
 */
function syncFailureOutcome(error) {
    const message = error instanceof Error ? error.message : String(error);
    const counts = { copied: 0, unchanged: 0, drifted: 0, failed: 0 };
    return {
        report: {
            outputs: {
                result: JSON.stringify({ dryRun: false, error: message, counts, images: [] }),
                copied: '0',
                unchanged: '0',
                drifted: '0',
                failed: '0',
            },
            summary: '## oci-push sync: failed before syncing\n\n' +
                `- **What failed:** ${escape(message)}\n` +
                '- **What was copied:** nothing; no registry was written to.\n',
            annotations: [],
            failure: message,
        },
        exitCode: (0,_exit_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .exitCodeForError */ .Lo)(error),
    };
}


/***/ }),

/***/ 13077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  O: () => (/* binding */ parseSyncInputs),
  H: () => (/* binding */ runSync)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/base/errors.ts
var errors = __webpack_require__(34758);
// EXTERNAL MODULE: ./src/azure/keyless.ts
var keyless = __webpack_require__(39017);
// EXTERNAL MODULE: ./src/engine/sync-plan.ts
var sync_plan = __webpack_require__(99579);
// EXTERNAL MODULE: ./src/base/limit.ts
var limit = __webpack_require__(1274);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
// EXTERNAL MODULE: ./src/oci/referrers.ts
var referrers = __webpack_require__(50961);
// EXTERNAL MODULE: ./src/engine/clients.ts
var clients = __webpack_require__(7230);
// EXTERNAL MODULE: ./src/engine/copy.ts
var copy = __webpack_require__(33237);
;// CONCATENATED MODULE: ./src/engine/sync-run.ts


/** A run's shared state; each target's client is made with its own endpoint settings. */
function openSyncRun(config, dryRun, deps) {
    const client = (0,clients/* registryClients */.K)(deps);
    const clientFor = (host, endpoint = {}) => client(host, { ...endpoint, ...(deps.send && { send: deps.send }) });
    for (const t of config.targets)
        clientFor(t.host, { insecure: t.insecure, https: t.acr });
    return {
        deps,
        config,
        dryRun,
        targets: new Map(config.targets.map((t) => [t.name, t])),
        unreachable: new Map(),
        holders: new copy/* BlobHolders */.fj(),
        clientFor,
    };
}
/**
 * Each target is pinged once: one that can't be reached (or signed in to) fails its items at
 * once, instead of every tag waiting out the retries again.
 */
async function pingTargets(run, names) {
    const { deps, targets } = run;
    await Promise.all(names.map(async (name) => {
        const target = targets.get(name);
        const signInFailure = deps.signInFailure?.(target.host);
        if (signInFailure) {
            run.unreachable.set(name, `${target.host} (target ${name}): signing in failed, so nothing was written there: ` +
                signInFailure.message);
            return;
        }
        try {
            await run.clientFor(target.host).ping();
        }
        catch (error) {
            const message = `${target.host} (target ${name}) could not be reached: ${error.message}. ` +
                `Check targets.${name}.registry, and that the registry is up and reachable from here`;
            run.unreachable.set(name, message);
            deps.log.warning(message);
        }
    }));
}
/** A target's row for one tag of `image`, failed until a phase says otherwise. */
function outcomeAt(run, name, image) {
    const target = run.targets.get(name);
    return { target: name, host: target.host, repository: image.repository, status: 'failed' };
}

;// CONCATENATED MODULE: ./src/engine/sync-listings.ts





/**
 * The plan's reads: every image's source and target listings (one listing per repository
 * and registry), its tags selected and named as the targets will have them, and the check
 * that no two entries write one target tag. What each tag then needs is decided per target
 * in sync-compare.ts.
 */
/**
 * The plan can't be carried out as written: two entries would write one target tag. Found
 * before anything is copied; an input error (exit 2).
 */
class SyncPlanError extends Error {
    name = 'SyncPlanError';
}
/** Listings read at once while planning: reads only, one request each for most repositories. */
const LISTING_CONCURRENCY = 8;
/** Conflicts named in the message; the rest are counted. */
const CONFLICTS_SHOWN = 20;
/**
 * Every image's plan, `LISTING_CONCURRENCY` at a time; an image whose listing fails is its
 * own failed row. Throws `SyncPlanError` when two entries would write one target tag.
 */
async function planImages(run, images) {
    const plans = new Array(images.length);
    await (0,limit/* forEachLimited */.v)(images.map((image, i) => ({ image, i })), LISTING_CONCURRENCY, async ({ image, i }) => {
        plans[i] = await planImage(run, image).catch((error) => failedPlan(image, error));
    });
    checkWrites(run, plans);
    return plans;
}
function failedPlan(image, error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
        image,
        result: {
            image,
            source: (0,sync_plan/* sourceKey */.Zt)(image),
            listed: 0,
            filteredOut: [],
            tags: [],
            error: `${(0,sync_plan/* sourceKey */.Zt)(image)}: images[${image.index}] failed: ${message}`,
        },
        tags: [],
        targetTags: new Map(),
        sourceTags: new Set(),
    };
}
/** The source's and every target's tags, the selection, and each tag's target name. */
async function planImage(run, image) {
    const source = (0,sync_plan/* sourceKey */.Zt)(image);
    const result = { image, source, listed: 0, filteredOut: [], tags: [] };
    const plan = {
        image,
        result,
        tags: [],
        targetTags: new Map(),
        sourceTags: new Set(),
    };
    const sourceHost = (0,reference/* apiHost */.nz)(image.source.host);
    const signInFailure = run.deps.signInFailure?.(sourceHost);
    if (signInFailure) {
        result.error =
            `${source}: signing in to ${sourceHost} failed (${signInFailure.message}), so nothing ` +
                `of images[${image.index}] was synced.`;
        run.deps.log.warning(result.error);
        return plan;
    }
    const listing = (0,sync_plan/* needsListing */.MK)(image.tags);
    const client = run.clientFor(sourceHost);
    const [sourceListing, ...targetListings] = await Promise.allSettled([
        listing ? client.listTags(image.source.repository, listingOptions(run)) : Promise.resolve([]),
        ...image.to.map((name) => listTarget(run, name, image.repository)),
    ]);
    image.to.forEach((name, i) => {
        const answer = targetListings[i];
        plan.targetTags.set(name, answer.status === 'fulfilled' ? new Set(answer.value) : undefined);
        if (answer.status === 'rejected' && !run.unreachable.has(name)) {
            run.deps.log.warning(`${run.targets.get(name).host}/${image.repository} (target ${name}): ` +
                `listing its tags failed (${answer.reason.message}); each tag is asked ` +
                'about on its own instead');
        }
    });
    if (sourceListing.status === 'rejected') {
        result.error =
            `${source}: listing its tags failed (${sourceListing.reason.message}), so ` +
                `nothing of images[${image.index}] was synced. Check the source's name and its ` +
                'credential, then run again.';
        run.deps.log.warning(result.error);
        return plan;
    }
    // Every listed name is a tag: the client refuses a whole listing that names anything else.
    const tags = sourceListing.value;
    plan.sourceTags = new Set(tags);
    if (listing && sourceListing.value.length === 0) {
        result.error =
            `${source}: the registry lists no tags (the repository does not exist, is empty, or ` +
                `the credential may not read it), so nothing of images[${image.index}] was synced. Check ` +
                'the source name and its credential.';
        run.deps.log.warning(result.error);
        return plan;
    }
    // The fallback tag `sha256-<hex>` and cosign's tags name referrers: they travel with the
    // image they belong to, never as images of their own.
    const selection = (0,sync_plan/* selectTags */.O)(tags.filter((t) => !(0,referrers/* isReferrerTag */.kC)(t)), image.tags, run.config.semverRules ?? sync_plan/* DEFAULT_SEMVER_RULES */.RJ);
    result.listed = sourceListing.value.length;
    result.filteredOut = selection.filteredOut;
    run.deps.log.info(`${source}: ${result.listed} tag(s) listed, ${selection.selected.length} selected, ` +
        `${selection.filteredOut.length} filtered out`);
    if (selection.selected.length === 0 && !image.mayBeEmpty) {
        result.error =
            `${source}: images[${image.index}] selects none of the ${result.listed} tag(s) the ` +
                'source lists, so nothing was synced. A filter that matches nothing is usually a typo: ' +
                'check `tags` (a dry run prints the selection); set `may-be-empty: true` if that is expected';
        result.empty = true;
        run.deps.log.warning(result.error);
        return plan;
    }
    const badNames = [];
    for (const tag of selection.selected) {
        const targetTag = (0,sync_plan/* targetTagOf */.$P)(tag, image.targetTag);
        if (targetTag === undefined) {
            badNames.push(tag);
            continue;
        }
        const pinned = image.tags.pin?.get(tag);
        plan.tags.push({
            tag,
            targetTag,
            ...(pinned && { pinned }),
            floating: (0,sync_plan/* matchesAny */._I)(run.config.floating, tag),
            immutable: (0,sync_plan/* matchesAny */._I)(run.config.immutable, tag),
        });
    }
    for (const tag of badNames) {
        result.tags.push({
            tag,
            targets: image.to.map((name) => ({
                ...outcomeAt(run, name, image),
                error: `${tag}: with images[${image.index}].target-tag it becomes no valid tag (letters, ` +
                    'digits, _ . -, at most 128 characters); deny it, or change the suffix',
            })),
        });
    }
    return plan;
}
async function listTarget(run, name, repository) {
    const down = run.unreachable.get(name);
    if (down)
        throw new Error(down);
    const target = run.targets.get(name);
    return run.clientFor(target.host).listTags(repository, listingOptions(run));
}
/**
 * Two entries writing one target tag from different origins stop the run before anything
 * is copied (exit 2); two tags of one image becoming one target tag fail that image.
 */
function checkWrites(run, plans) {
    const writes = plans.flatMap((plan) => plan.result.error
        ? []
        : plan.tags.flatMap((t) => plan.image.to.map((target) => ({
            target,
            repository: plan.image.repository,
            tag: t.targetTag,
            index: plan.image.index,
            source: (0,sync_plan/* sourceKey */.Zt)(plan.image),
            from: t.pinned ? `@${t.pinned}` : t.tag,
        }))));
    const { betweenEntries, withinImage } = (0,sync_plan/* findWriteConflicts */.A7)(writes);
    if (betweenEntries.length > 0) {
        const shown = betweenEntries.slice(0, CONFLICTS_SHOWN);
        const more = betweenEntries.length - shown.length;
        throw new SyncPlanError(`sync config: ${betweenEntries.length} target tag(s) would be written by two entries ` +
            `from different sources, and one would overwrite the other; nothing was copied:\n- ` +
            `${shown.join('\n- ')}${more > 0 ? `\n- … and ${more} more` : ''}\n` +
            'Give the entries different `target` paths, or filter their tags apart');
    }
    for (const plan of plans) {
        const problems = withinImage.get(`${plan.image.index}\u0000${(0,sync_plan/* sourceKey */.Zt)(plan.image)}`);
        if (!problems)
            continue;
        plan.result.error = `${plan.result.source}: ${problems.join('; ')}; nothing of it was synced`;
        run.deps.log.warning(plan.result.error);
    }
}
/** The page size and the bound on tags the job asked for. */
function listingOptions(run) {
    return {
        ...(run.deps.pageSize && { pageSize: run.deps.pageSize }),
        ...(run.deps.maxTags && { maxTags: run.deps.maxTags }),
    };
}

;// CONCATENATED MODULE: ./src/engine/sync-compare.ts



/**
 * Each selected tag decided per target before anything is written: missing from the
 * target's listing, trusted (listed and immutable: no request), or one HEAD per side
 * (unchanged, drift, moved). What is left to copy goes to sync-copy.ts.
 */
/**
 * A tag just pushed to a geo-replicated registry may be listed by one replica and 404 at
 * another for a while (FACTS.md, ACR geo-replication; giantswarm/kubectl-gs#1967).
 */
const DEFAULT_CONSISTENCY_WAIT_MS = 30_000;
const CONSISTENCY_POLL_MS = 2_000;
/** Tags of one image compared at once (HEADs only). */
const TAG_COMPARE_CONCURRENCY = 8;
/**
 * Per target: missing from its listing, trusted (listed and immutable), or asked by HEAD.
 * The source is asked only when some target is not trusted, and never for a pinned digest.
 */
async function compareTag(run, plan, sourceClient, planned) {
    const { image } = plan;
    const outcomes = image.to.map((name) => outcomeAt(run, name, image));
    const tag = {
        tag: planned.tag,
        ...(planned.targetTag !== planned.tag && { targetTag: planned.targetTag }),
        targets: outcomes,
    };
    const sourceName = `${(0,sync_plan/* sourceKey */.Zt)(image)}:${planned.tag}`;
    const ask = [];
    const missing = [];
    for (const o of outcomes) {
        const down = run.unreachable.get(o.target);
        if (down) {
            o.error = down;
            continue;
        }
        const listed = plan.targetTags.get(o.target);
        if (listed && !listed.has(planned.targetTag))
            missing.push(o);
        else if (listed && planned.immutable && !planned.floating)
            o.status = 'trusted';
        else
            ask.push(o);
    }
    if (ask.length + missing.length === 0)
        return { tag, planned, toCopy: [] };
    const [source, ...held] = await Promise.allSettled([
        planned.pinned
            ? Promise.resolve(planned.pinned)
            : sourceDigestOf(run, sourceClient, image.source.repository, planned.tag),
        ...ask.map((o) => targetDigestOf(run, o, planned.targetTag)),
    ]);
    if (source.status === 'rejected') {
        const message = `${sourceName}: ${source.reason.message}`;
        for (const o of [...ask, ...missing])
            o.error = message;
        return { tag, planned, toCopy: [] };
    }
    const sourceDigest = source.value;
    tag.sourceDigest = sourceDigest;
    const digests = new Map(missing.map((o) => [o, undefined]));
    ask.forEach((o, i) => {
        const answer = held[i];
        if (answer.status === 'rejected')
            o.error = answer.reason.message;
        else
            digests.set(o, answer.value);
    });
    const toCopy = [];
    const overwrite = image.overwrite || planned.floating;
    for (const [o, digest] of digests) {
        if (digest === sourceDigest) {
            o.status = 'unchanged';
            continue;
        }
        if (digest !== undefined)
            o.targetDigest = digest;
        if (digest !== undefined && !overwrite) {
            o.status = 'drift';
            o.error = driftMessage(o, planned.targetTag, sourceName, sourceDigest, image.index);
            continue;
        }
        o.status = run.dryRun ? (digest ? 'would-move' : 'would-copy') : digest ? 'moved' : 'copied';
        if (!run.dryRun)
            toCopy.push(o);
    }
    return { tag, planned, toCopy };
}
/** What a target's tag holds (undefined: absent); a target that can't be reached fails. */
async function targetDigestOf(run, o, tag) {
    const client = run.clientFor(o.host);
    try {
        return (await client.headManifest(o.repository, tag))?.digest;
    }
    catch (error) {
        throw (0,copy/* describeFailure */.Ic)(error, {
            client,
            repository: o.repository,
            input: `targets.${o.target}.registry`,
        });
    }
}
/** The source tag's digest; a 404 just after listing is retried for a bounded time. */
async function sourceDigestOf(run, client, repository, tag) {
    const waitMs = run.deps.consistencyWaitMs ?? DEFAULT_CONSISTENCY_WAIT_MS;
    const sleep = run.deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    for (let waited = 0;; waited += CONSISTENCY_POLL_MS) {
        const info = await client.headManifest(repository, tag);
        if (info)
            return info.digest;
        if (waited >= waitMs) {
            throw new Error(`the tag is listed but its manifest answered 404 for ${Math.round(waitMs / 1000)} s ` +
                '(a registry replica lagging, or the tag deleted meanwhile); run again later');
        }
        await sleep(CONSISTENCY_POLL_MS);
    }
}
function driftMessage(o, tag, sourceName, sourceDigest, index) {
    return (`${o.host}/${o.repository}:${tag} holds ${o.targetDigest}, but ${sourceName} is ` +
        `${sourceDigest}; left as it is. If the source moved the tag on purpose, set ` +
        `\`overwrite: true\` on images[${index}] (or list the tag under \`floating\`) to move it; ` +
        `otherwise find out who pushed ${o.targetDigest}`);
}

// EXTERNAL MODULE: ./src/source/registry.ts
var registry = __webpack_require__(76430);
// EXTERNAL MODULE: ./src/engine/referrers.ts
var engine_referrers = __webpack_require__(53974);
;// CONCATENATED MODULE: ./src/engine/sync-copy.ts



/**
 * The sync's one way to write an image: by digest, read from the source once, fanned out to
 * the targets that need it, its referrers with it. The referrer repair reuses the pieces.
 */
/**
 * Copies one image (by digest, so a tag moving meanwhile can't mix two images) to the
 * targets that lack it or must move: the graph is read from the source once and fanned out,
 * blobs mounted within a registry, the tag written last and only after the root verifies.
 * This is the one place the sync copies an image: referrers (signatures, SBOMs) join here.
 * Returns the graph copied, when it could be read.
 */
async function copyImage(run, plan, sourceClient, planned, digest, outcomes) {
    const { image } = plan;
    const tag = planned.targetTag;
    const source = registrySource(plan, sourceClient, digest);
    let graph;
    try {
        graph = await (0,copy/* loadGraph */.f6)(source);
    }
    catch (error) {
        for (const o of outcomes) {
            o.status = 'failed';
            o.error = `reading ${source.name} failed: ${error.message}`;
        }
        return undefined;
    }
    for (const blob of graph.blobs) {
        run.holders.holds(sourceClient.host, blob.digest, image.source.repository);
    }
    // Where the image and its referrers go, per target.
    const destinations = outcomes.map((o) => destination(run, o));
    const results = await (0,copy/* copyGraph */.a0)(source, graph, outcomes.map((o, i) => ({
        ...destinations[i],
        input: `targets.${o.target}.registry`,
        // The comparison read the tag a moment ago (it is read again right before the write).
        knownTags: new Map([[tag, o.targetDigest]]),
    })), {
        tags: [tag],
        // A floating tag is meant to move; every other tag is written only where it is absent.
        ...(!planned.floating && { immutableTags: [tag] }),
        overwrite: image.overwrite || planned.floating,
        holders: run.holders,
        // Each tag is still read back right after its write; the push's second look a moment
        // later is for two releases racing, and would cost the sync a second per tag copied.
        raceSettleMs: 0,
        ...(run.deps.hooks && { hooks: run.deps.hooks }),
    });
    // Signatures, SBOMs and provenance go with the image, as in a push (src/engine/referrers.ts).
    // A source that answers its referrers listing badly fails those targets' referrers, never
    // the run (issue #25).
    let referrers = [];
    let referrersError;
    try {
        referrers = await findReferrers(run, source, graph);
    }
    catch (error) {
        referrersError = `finding the referrers at ${source.name} failed: ${error.message}`;
    }
    await Promise.all(results.map(async (result, i) => {
        const o = outcomes[i];
        if (result.status === 'failed' || result.status === 'refused') {
            // `refused`: the tag appeared, holding another digest, between our HEAD and the copy.
            o.status = result.status === 'refused' ? 'drift' : 'failed';
            o.error = result.error?.message ?? result.status;
            return;
        }
        if (result.status === 'unchanged')
            o.status = 'unchanged';
        if (referrersError) {
            o.status = 'failed';
            o.error =
                `${o.host}/${o.repository}:${tag}: the image is there, but its referrers were not ` +
                    `copied: ${referrersError}. Run again: a re-run copies what is missing`;
            return;
        }
        if (referrers.length === 0)
            return;
        await copyFoundReferrers(run, source, referrers, destinations[i], o, tag);
    }));
    return graph;
}
function registrySource(plan, sourceClient, digest) {
    return new registry/* RegistrySource */.n(sourceClient, plan.image.source.repository, digest, {
        input: `images[${plan.image.index}].source`,
        listedTags: plan.sourceTags,
    });
}
function destination(run, o) {
    return {
        client: run.clientFor(o.host),
        repository: o.repository,
        asksBeforeManifests: run.targets.get(o.target)?.acr ?? false,
    };
}
/** Every referrer of `graph` at the source; one that stays behind is a warning. */
function findReferrers(run, source, graph) {
    return (0,engine_referrers/* discoverReferrers */.C3)(source, graph, true, (m) => run.deps.log.warning(m));
}
/** The referrers of the image `digest` at the source, and the source read them from. */
async function referrersAtSource(run, plan, sourceClient, digest) {
    const source = registrySource(plan, sourceClient, digest);
    const graph = await (0,copy/* loadGraph */.f6)(source);
    return { source, referrers: await findReferrers(run, source, graph) };
}
/** Referrers copied to one target as the run copies: its blob holders, dry run and hooks. */
function copyRunReferrers(run, source, referrers, target) {
    return (0,engine_referrers/* copyReferrers */.kV)(source, referrers, target, {
        holders: run.holders,
        dryRun: run.dryRun,
        ...(run.deps.hooks && { hooks: run.deps.hooks }),
    });
}
async function copyFoundReferrers(run, source, referrers, target, o, tag) {
    const copied = await copyRunReferrers(run, source, referrers, target);
    o.referrers = { copied: copied.copied, present: copied.present, failed: copied.failed };
    if (copied.failed > 0) {
        o.status = 'failed';
        o.error =
            `${o.host}/${o.repository}:${tag}: the image is there, but ${copied.failed} of its ` +
                'referrers (signatures, SBOMs, attestations) could not be copied: ' +
                copied.outcomes
                    .filter((r) => r.action === 'failed')
                    .map((r) => `${r.digest}: ${r.error ?? 'failed'}`)
                    .join('; ');
    }
}

// EXTERNAL MODULE: ./src/oci/repository-glob.ts
var repository_glob = __webpack_require__(77436);
;// CONCATENATED MODULE: ./src/engine/sync-discovery.ts



/**
 * Discovery entries become one image per repository their registry's catalog lists and
 * their glob and filters take. Each host's catalog is read once. A refused catalog, or one
 * that yields nothing, is that entry's failed row.
 */
async function discover(run, entries) {
    const catalogs = new Map();
    const images = [];
    const failed = [];
    for (const entry of entries) {
        if (!entry.discover) {
            images.push(entry);
            continue;
        }
        const host = (0,reference/* apiHost */.nz)(entry.source.host);
        const name = `${entry.source.host}/${entry.discover.glob}`;
        let catalog = catalogs.get(host);
        if (!catalog) {
            catalog = run.clientFor(host).listRepositories({
                ...(run.deps.pageSize && { pageSize: run.deps.pageSize }),
            });
            catalogs.set(host, catalog);
        }
        const fail = (message, empty = false) => {
            const shown = { ...entry, repository: `${entry.discover?.path.prefix ?? ''}…` };
            const result = {
                image: shown,
                source: name,
                listed: 0,
                filteredOut: [],
                tags: [],
                error: message,
                ...(empty && { empty }),
            };
            run.deps.log.warning(message);
            failed.push({ image: entry, source: entry.source, repository: name, result });
        };
        let listed;
        try {
            listed = await catalog;
        }
        catch (error) {
            fail(catalogRefused(entry, name, error));
            continue;
        }
        // The client refuses a whole catalog that lists a name that is not a repository path, so
        // each name here is one; a mapped target path may still outgrow the grammar's 255.
        const matches = (0,repository_glob/* globToRegExp */.tL)(entry.discover.glob);
        const found = (0,sync_plan/* expandDiscovery */.N_)(entry, listed, (path) => matches.test(path)).filter((image) => (0,reference/* isRepository */.Z6)(image.repository));
        run.deps.log.info(`${name}: the catalog lists ${listed.length} repositories, ${found.length} taken ` +
            `by images[${entry.index}]`);
        if (found.length === 0 && !entry.mayBeEmpty) {
            fail(`${name}: the catalog lists no repository that images[${entry.index}] takes (its ` +
                'pattern and `repositories` filters), so nothing was synced. Check the source ' +
                'pattern and the filters; set `may-be-empty: true` if that is expected', true);
            continue;
        }
        images.push(...found);
    }
    return { images, failed };
}
function catalogRefused(entry, name, error) {
    const message = error instanceof Error ? error.message : String(error);
    // A RegistryError or an AuthError (a token without `registry:catalog:*`): both carry a status.
    const status = error.status;
    const refused = status === 401 || status === 403 || status === 404 || status === 405;
    return (`${name}: reading the registry's catalog failed (${message}), so nothing of ` +
        `images[${entry.index}] was synced. ` +
        (refused
            ? `${entry.source.host} refuses \`GET /v2/_catalog\`: some registries serve no catalog ` +
                '(Docker Hub, GHCR, Quay), and an ACR gives it only to an identity allowed ' +
                '`registry:catalog:*` (the AcrPull role; with ABAC, also the Catalog Lister role). ' +
                'Grant it, or list the repositories one by one under `images:`'
            : 'Check that the registry is up, then run again'));
}

// EXTERNAL MODULE: ./src/oci/digest.ts
var digest = __webpack_require__(68825);
// EXTERNAL MODULE: ./src/registry/errors.ts
var registry_errors = __webpack_require__(6764);
;// CONCATENATED MODULE: ./src/engine/sync-referrer-repair.ts






/**
 * Re-runs repair (issue #21): an image already at a target may lack referrers that an
 * earlier run failed to copy (a strict mirror refused one, a connection was cut). The
 * source's listing or its referrers API shows them; those missing are copied now.
 */
/**
 * A tag compared and found unchanged, on a source with the referrers API (one call): its
 * referrers may have failed to arrive on an earlier run, and the target's listing can't show
 * it. On a source without the API they are tags, which `repairReferrers` compares.
 */
async function checkReferrersOfUnchanged(run, plan, sourceClient, tag) {
    const unchanged = tag.targets.filter((o) => o.status === 'unchanged');
    const digest = tag.sourceDigest;
    // On a source without the API (learnt from the first call) the listing shows them instead.
    if (unchanged.length === 0 || !digest || sourceClient.servesReferrersApi === false)
        return;
    let listed;
    try {
        listed = await sourceClient.getReferrers(plan.image.source.repository, digest);
    }
    catch (error) {
        for (const o of unchanged) {
            o.status = 'failed';
            o.error = `the image is there, but its referrers could not be listed at the source: ${error.message}`;
        }
        return;
    }
    if (!listed || listed.length === 0)
        return;
    try {
        const { source, referrers } = await referrersAtSource(run, plan, sourceClient, digest);
        for (const o of unchanged) {
            await copyFoundReferrers(run, source, referrers, destination(run, o), o, tag.targetTag ?? tag.tag);
        }
    }
    catch (error) {
        for (const o of unchanged) {
            o.status = 'failed';
            o.error = `the image is there, but its referrers could not be checked: ${error.message}`;
        }
    }
}
/**
 * Re-runs repair: the source's listing names its referrer tags (the fallback `sha256-<hex>`
 * and cosign's `.sig`, `.att`, `.sbom`). For a selected image already at a target (trusted or
 * unchanged), a cosign tag the target's listing lacks, or a fallback index listing fewer
 * referrers than the source's (read through the referrers API where the target has it and
 * no fallback tag), means a referrer did not arrive on an earlier run (a strict mirror
 * refused it, a connection was cut): the image's referrers are copied there now. A source
 * listing without referrer tags costs nothing; with them, one HEAD per trusted tag at the
 * source (to know which subjects are selected) and one read per fallback index.
 */
async function repairReferrers(run, plan, sourceClient) {
    const subjects = new Map();
    for (const tag of plan.sourceTags) {
        const subject = (0,referrers/* referrerTagSubject */.Y6)(tag);
        if (!subject)
            continue;
        subjects.set(subject, [...(subjects.get(subject) ?? []), tag]);
    }
    if (subjects.size === 0)
        return [];
    const { image, result } = plan;
    await (0,limit/* forEachLimited */.v)(result.tags, TAG_COMPARE_CONCURRENCY, async (tag) => {
        if (tag.sourceDigest || !tag.targets.some((o) => o.status === 'trusted'))
            return;
        const pinned = image.tags.pin?.get(tag.tag);
        const head = pinned
            ? undefined
            : await sourceClient.headManifest(image.source.repository, tag.tag).catch(() => undefined);
        const digest = pinned ?? head?.digest;
        if (digest)
            tag.sourceDigest = digest;
    });
    const repairs = [];
    const fallbackAtSource = new Map();
    for (const tag of result.tags) {
        const subject = tag.sourceDigest;
        const tags = subject && subjects.get(subject);
        if (!subject || !tags)
            continue;
        for (const o of tag.targets) {
            if (o.status !== 'trusted' && o.status !== 'unchanged')
                continue;
            const listed = plan.targetTags.get(o.target);
            if (!listed)
                continue;
            try {
                if (!(await referrersMissing(run, plan, sourceClient, o, subject, tags, listed, fallbackAtSource)))
                    continue;
            }
            catch (error) {
                o.status = 'failed';
                o.error = `the image is there, but its referrers could not be compared: ${error.message}`;
                continue;
            }
            const repair = await repairSubject(run, plan, sourceClient, o, subject);
            repairs.push(repair);
            if (repair.status === 'failed') {
                o.status = 'failed';
                o.error = repair.error ?? 'its referrers could not be copied';
            }
            else {
                o.referrers = { copied: repair.copied, present: 0, failed: 0 };
            }
        }
    }
    return repairs;
}
/** Whether a target lacks a referrer of `subject` that the source's listing shows. */
async function referrersMissing(run, plan, sourceClient, o, subject, tags, listed, fallbackAtSource) {
    const fallback = (0,referrers/* referrersTag */.LN)(subject);
    if (tags.some((t) => t !== fallback && !listed.has(t)))
        return true;
    if (!tags.includes(fallback))
        return false;
    let atSource = fallbackAtSource.get(subject);
    if (!atSource) {
        atSource = fallbackDigests(sourceClient, plan.image.source.repository, fallback);
        fallbackAtSource.set(subject, atSource);
    }
    const want = await atSource;
    const client = run.clientFor(o.host);
    let have;
    if (listed.has(fallback))
        have = await fallbackDigests(client, o.repository, fallback);
    else {
        // No fallback tag: a target with the referrers API indexes them itself.
        const viaApi = await client.getReferrers(o.repository, subject);
        have = new Set((viaApi ?? []).map((d) => d.digest));
    }
    return [...want].some((d) => !have.has(d));
}
async function fallbackDigests(client, repository, tag) {
    let bytes;
    try {
        ({ bytes } = await client.getManifest(repository, tag));
    }
    catch (error) {
        if (error instanceof registry_errors/* RegistryError */.gl && error.status === 404)
            return new Set();
        throw error;
    }
    let index;
    try {
        index = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new Error(`${client.host}/${repository}:${tag} is not JSON (an OCI index of referrers)`);
    }
    const entries = Array.isArray(index.manifests) ? index.manifests : [];
    return new Set(entries
        .map((m) => (typeof m === 'object' && m !== null ? m.digest : ''))
        .filter((d) => typeof d === 'string' && (0,digest/* isDigest */.Bc)(d)));
}
async function repairSubject(run, plan, sourceClient, o, subject) {
    const repair = { target: o.target, subject, status: 'failed', copied: 0 };
    const where = `${o.host}/${o.repository}`;
    try {
        const { source, referrers } = await referrersAtSource(run, plan, sourceClient, subject);
        const copied = await copyRunReferrers(run, source, referrers, destination(run, o));
        repair.copied = copied.copied;
        if (copied.failed > 0) {
            repair.error =
                `${where}: ${copied.failed} referrer(s) of ${subject} did not arrive on an earlier run ` +
                    "and still can't be copied: " +
                    copied.outcomes
                        .filter((r) => r.action === 'failed')
                        .map((r) => `${r.digest}: ${r.error ?? 'failed'}`)
                        .join('; ');
        }
        else {
            repair.status = run.dryRun ? 'would-copy' : 'copied';
            const count = run.dryRun
                ? copied.outcomes.filter((r) => r.action === 'would-copy').length
                : copied.copied;
            run.deps.log.info(`${where}: ${count} referrer(s) of ${subject} had not arrived on an earlier run; ` +
                `${run.dryRun ? 'would copy them' : 'copied now'}`);
        }
    }
    catch (error) {
        repair.error = `${where}: the referrers of ${subject} could not be repaired: ${error.message}`;
    }
    if (repair.error)
        run.deps.log.warning(repair.error);
    return repair;
}

;// CONCATENATED MODULE: ./src/engine/sync.ts









/**
 * The sync, in two phases. The plan: discovery entries read their registry's catalog, this
 * shard takes its share, and every image's source and targets are listed (one listing per
 * repository and registry), its tags selected and named as the targets will have them; two
 * entries writing one target tag stop the run here. Then, `parallel` images at a time, each
 * tag is decided per target: missing from the target's listing (copied), listed and
 * immutable (trusted: no request), or compared by one HEAD per side (unchanged, drift, or
 * moved). Missing referrers the listings reveal are copied. Nothing here throws for a
 * registry's failure: every outcome, and every image that failed as a whole, is in the result.
 */
async function runSyncPlan(config, options, deps) {
    const { run, plans, failedHere, others } = await makePlan(config, options, deps);
    const results = new Array(plans.length);
    await (0,limit/* forEachLimited */.v)(plans.map((plan, i) => ({ plan, i })), config.parallel, async ({ plan, i }) => {
        // One broken image never stops a sync (issue #25): whatever escapes is its own row.
        results[i] = await syncImage(run, plan).catch((error) => {
            const failed = failedPlan(plan.image, error).result;
            run.deps.log.warning(failed.error);
            return failed;
        });
    });
    const all = [...failedHere.map((f) => f.result), ...results].sort((a, b) => a.image.index - b.image.index);
    return {
        dryRun: run.dryRun,
        ...(options.shard && { shard: options.shard }),
        targets: config.targets,
        images: all,
        otherShards: others,
    };
}
/** The plan phase alone (discovery, listings, selection, the write check): nothing is copied. */
async function planSync(config, options, deps) {
    const { plans, failedHere } = await makePlan(config, options, deps);
    return {
        images: plans.length,
        tags: plans.reduce((n, plan) => n + plan.tags.length, 0),
        failed: failedHere.length + plans.filter((plan) => plan.result.error).length,
    };
}
async function makePlan(config, options, deps) {
    const run = openSyncRun(config, options.dryRun ?? false, deps);
    const { images: expanded, failed: discoveryFailures } = await discover(run, config.images);
    const images = (0,sync_plan/* shardImages */.Fc)(expanded, options.shard);
    const failedHere = (0,sync_plan/* shardImages */.Fc)(discoveryFailures, options.shard);
    await pingTargets(run, [...new Set(images.flatMap((image) => image.to))]);
    const plans = await planImages(run, images);
    const others = expanded.length + discoveryFailures.length - images.length - failedHere.length;
    return { run, plans, failedHere, others };
}
async function syncImage(run, plan) {
    const { image, result } = plan;
    if (result.error)
        return result;
    const client = run.clientFor((0,reference/* apiHost */.nz)(image.source.host));
    // Comparing is reads only, so tags are compared several at a time; copies go one tag after
    // another, so the next tag finds the blobs it shares with this one in place.
    const compared = new Array(plan.tags.length);
    await (0,limit/* forEachLimited */.v)(plan.tags.map((tag, i) => ({ tag, i })), TAG_COMPARE_CONCURRENCY, async ({ tag, i }) => {
        compared[i] = await compareTag(run, plan, client, tag);
    });
    for (const { tag, planned, toCopy } of compared) {
        if (tag.sourceDigest && toCopy.length > 0) {
            await copyImage(run, plan, client, planned, tag.sourceDigest, toCopy);
        }
        else if (tag.sourceDigest) {
            await checkReferrersOfUnchanged(run, plan, client, tag);
        }
        result.tags.push(tag);
    }
    const repairs = await repairReferrers(run, plan, client);
    if (repairs.length > 0)
        result.repairs = repairs;
    for (const tag of result.tags)
        logTag(run, tag);
    return result;
}
function logTag(run, { tag, targetTag, sourceDigest, targets }) {
    for (const o of targets) {
        const where = `${o.host}/${o.repository}:${targetTag ?? tag} (${o.target})`;
        if (o.status === 'failed' || o.status === 'drift') {
            run.deps.log.warning(`${where}: ${o.error ?? o.status}`);
        }
        else if ((o.status !== 'unchanged' && o.status !== 'trusted') || run.dryRun) {
            // A dry run prints the whole plan; a real run only what it changed.
            run.deps.log.info(`${where}: ${o.status} ${sourceDigest ?? ''}`);
        }
    }
}

// EXTERNAL MODULE: ./src/registry/client.ts + 5 modules
var client = __webpack_require__(58045);
// EXTERNAL MODULE: ./src/registry/pace.ts
var pace = __webpack_require__(99740);
// EXTERNAL MODULE: ./src/registry/user-agent.ts
var user_agent = __webpack_require__(69808);
// EXTERNAL MODULE: ./src/jobs/azure-login.ts
var azure_login = __webpack_require__(66887);
// EXTERNAL MODULE: ./src/jobs/chart-index.ts
var chart_index = __webpack_require__(43217);
// EXTERNAL MODULE: ./src/jobs/context.ts
var jobs_context = __webpack_require__(13783);
// EXTERNAL MODULE: ./src/jobs/credentials-input.ts
var credentials_input = __webpack_require__(12043);
// EXTERNAL MODULE: ./src/jobs/inputs.ts
var inputs = __webpack_require__(91115);
// EXTERNAL MODULE: ./src/jobs/sign-in.ts + 1 modules
var sign_in = __webpack_require__(62000);
// EXTERNAL MODULE: ./src/jobs/sync-config.ts
var sync_config = __webpack_require__(85004);
// EXTERNAL MODULE: ./src/jobs/sync-report.ts
var sync_report = __webpack_require__(92384);
// EXTERNAL MODULE: ./src/engine/plan.ts
var plan = __webpack_require__(30955);
;// CONCATENATED MODULE: ./src/jobs/sync-visibility.ts





async function checkSyncVisibility(config, shard, credentialFor, deps) {
    const targets = new Map(config.targets.map((t) => [t.name, t]));
    const publicOnly = (name) => !(0,plan/* takesVisibility */.zu)(targets.get(name)?.visibility, 'private');
    // Every image is checked, whichever shard copies it, so none can slip through a shard that
    // split the work otherwise; each refusal is reported by one shard only.
    const reportsHere = new Set((0,sync_plan/* shardImages */.Fc)(config.images, shard));
    const anonymous = (0,clients/* registryClients */.K)({ ...deps, credentialFor: () => undefined });
    const verdicts = new Map();
    const visibilityOf = (image) => {
        if (image.visibility) {
            return Promise.resolve({
                visibility: image.visibility,
                why: `the config says \`visibility: ${image.visibility}\``,
            });
        }
        const host = (0,reference/* apiHost */.nz)(image.source.host);
        if (!credentialFor(host)) {
            return Promise.resolve({ visibility: 'public', why: 'read without a credential' });
        }
        if (image.discover) {
            return Promise.resolve({
                visibility: 'private',
                why: `the sync holds a credential for ${host}, and the repositories a discovery entry ` +
                    'finds are known only while it syncs, too late to ask about each without it',
            });
        }
        const key = (0,sync_plan/* sourceKey */.Zt)(image);
        let verdict = verdicts.get(key);
        if (!verdict) {
            // Reached as the sync reaches it: a source that is also a target, as that target.
            const asTarget = config.targets.find((t) => t.host === host);
            const endpoint = asTarget ? { insecure: asTarget.insecure, https: asTarget.acr } : {};
            verdict = probe(anonymous(host, { ...endpoint, ...(deps.send && { send: deps.send }) }), image);
            verdicts.set(key, verdict);
        }
        return verdict;
    };
    // In config order, whichever answer comes first.
    const refusedAt = [];
    const images = await Promise.all(config.images.map(async (image, i) => {
        const barred = image.to.filter(publicOnly);
        if (barred.length === 0)
            return image;
        const source = await visibilityOf(image);
        if (source.visibility === 'public')
            return image;
        if (reportsHere.has(image)) {
            const error = refusal(image, barred.map((name) => targets.get(name)), source);
            deps.log.warning(error);
            refusedAt[i] = {
                image: { ...image, to: barred },
                source: (0,sync_plan/* sourceKey */.Zt)(image),
                listed: 0,
                filteredOut: [],
                tags: [],
                error,
            };
        }
        // An image left with no target stays in the config: dropping it would change how the
        // shards split the others.
        return { ...image, to: image.to.filter((name) => !publicOnly(name)) };
    }));
    const refused = refusedAt.filter((r) => r !== undefined);
    return { config: { ...config, images }, refused };
}
async function probe(client, image) {
    try {
        // Its tag list, not one tag: a public repository need not have `latest`, and a registry
        // that hides a repository from strangers (404) has said it is not theirs to read.
        const status = await client.tagListAccess(image.source.repository);
        if (status === 200)
            return { visibility: 'public', why: 'readable without a credential' };
        return {
            visibility: 'private',
            why: status === 404
                ? 'without a credential the registry says it does not exist (HTTP 404)'
                : `it can't be read without a credential (HTTP ${status})`,
        };
    }
    catch (error) {
        const status = error instanceof registry_errors/* AuthError */.lR || error instanceof registry_errors/* RegistryError */.gl ? error.status : undefined;
        return {
            visibility: 'private',
            why: status === 401 || status === 403
                ? `it can't be read without a credential (HTTP ${status})`
                : `whether it can be read without a credential could not be found out (${error.message})`,
        };
    }
}
function refusal(image, barred, source) {
    const names = barred.map((t) => `${t.name} (${t.host})`).join(', ');
    return (`${(0,sync_plan/* sourceKey */.Zt)(image)}: not synced to ${names}: ${source.why}, so images[${image.index}] ` +
        `counts as private, and ${barred.length > 1 ? 'those targets take' : 'that target takes'} ` +
        'public sources only (no marker, or `public`). If the source is public, say so with ' +
        `\`visibility: public\` on images[${image.index}]; if private images may go to the ` +
        'target, mark it `private` or `public/private`');
}

;// CONCATENATED MODULE: ./src/jobs/sync.ts



















/**
 * Reads the sync inputs: `config` is a file path, or inline YAML (any text with a line
 * break, or a `{…}` flow map). A relative path is read from `cwd`. Passwords go to
 * `onSecret` before anything could print them.
 */
async function parseSyncInputs(get, cwd, onSecret) {
    const credentials = (0,credentials_input/* readCredentialsInput */.Z)(get('credentials'), onSecret);
    const configText = get('config');
    if (configText.trim() === '') {
        throw new inputs/* InputError */.dz('config: required; give the path of a sync config file, or the YAML itself');
    }
    const inline = configText.includes('\n') || configText.trim().startsWith('{');
    let text = configText;
    let where = 'config';
    if (!inline) {
        const path = (0,external_node_path_.isAbsolute)(configText.trim())
            ? configText.trim()
            : (0,external_node_path_.resolve)(cwd, configText.trim());
        where = path;
        try {
            text = await (0,sync_config/* readConfigFile */.RG)(path, `config: the file ${path}`);
        }
        catch (error) {
            if (error instanceof inputs/* InputError */.dz)
                throw error;
            throw new inputs/* InputError */.dz(`config: the file ${path} can't be read (${error.code ?? error.message}); ` +
                'give the path of a sync config file (relative to the workspace), or the YAML itself', { cause: error });
        }
    }
    const config = await (0,sync_config/* parseSyncConfigText */.Iq)(text, where);
    const shardText = get('shard').trim();
    const azure = (0,azure_login/* parseAzureLogin */.c)(get);
    return {
        config,
        credentials,
        ...(shardText && { shard: (0,inputs/* wrap */.LV)('shard', () => (0,sync_plan/* parseShard */.uK)(shardText, 'shard')) }),
        dryRun: (0,inputs/* parseBoolean */.yG)('dry-run', get('dry-run').trim(), false),
        ...(azure && { azure }),
    };
}
/** Tags per listing page: Docker Hub's and ACR's page size, so they answer in few round trips. */
const DEFAULT_PAGE_SIZE = 100;
/**
 * The sync every face runs: sign-in → plan and copy → report with its exit code. A registry
 * sign-in failed for fails its rows (a target's every tag, a source's listing); the rest go on.
 */
async function runSync(inputs, context) {
    const { config } = inputs;
    const maxTags = maxTagsFrom(context.env);
    const pacers = registryPacers(config);
    // Each registry paced on its own, below the retries (its tier, its 429s and RateLimit).
    const send = (0,jobs_context/* transportsOf */.e)(context, { below: (plain) => (0,pace/* pacedByHost */.Tp)(plain, pacers) })();
    const hosts = [
        ...config.targets.map((t) => ({ host: t.host, acr: t.acr, insecure: t.insecure })),
        ...config.images.map((image) => {
            const host = (0,reference/* apiHost */.nz)(image.source.host);
            return { host, acr: (0,keyless/* isAcrHost */.n0)(host) };
        }),
    ];
    const signedIn = await context.phase('Credentials', () => (0,sign_in/* signIn */.J)(hosts, { credentials: inputs.credentials, ...(inputs.azure && { azure: inputs.azure }) }, { ...context, send }));
    (0,errors/* throwIfInterrupted */.sK)(context.signal);
    // A target that takes public sources only gets none that might be private.
    const checked = await context.phase('Visibility', () => checkSyncVisibility(config, inputs.shard, signedIn.credentialFor, {
        userAgent: user_agent/* USER_AGENT */._,
        log: context.log,
        onSecret: context.onSecret,
        send,
    }));
    (0,errors/* throwIfInterrupted */.sK)(context.signal);
    const result = await context.phase(inputs.dryRun ? 'Sync plan (dry run, reads only)' : 'Sync', () => syncOrInputError(checked.config, { ...(inputs.shard && { shard: inputs.shard }), dryRun: inputs.dryRun }, {
        userAgent: user_agent/* USER_AGENT */._,
        log: context.log,
        onSecret: context.onSecret,
        credentialFor: signedIn.credentialFor,
        signInFailure: signedIn.failureFor,
        send,
        pageSize: context.pageSize ?? DEFAULT_PAGE_SIZE,
        ...(maxTags !== undefined && { maxTags }),
        ...(context.hooks && { hooks: context.hooks }),
    }));
    result.images.push(...checked.refused);
    const outcome = (0,sync_report/* buildSyncReport */.C)(result);
    if (config.helmIndex && config.helmIndex.length > 0 && !context.signal.aborted) {
        const index = await context.phase('Helm index', () => (0,chart_index/* keepSyncIndex */.dm)(config, result, {
            log: context.log,
            onSecret: context.onSecret,
            credentialFor: signedIn.credentialFor,
            send,
            pageSize: context.pageSize ?? DEFAULT_PAGE_SIZE,
        }));
        outcome.report = (0,chart_index/* withChartIndex */.tk)(outcome.report, index);
    }
    return { result, ...(0,jobs_context/* withStop */.d)(outcome, context.signal) };
}
/**
 * `OCI_PUSH_MAX_TAGS`: how many tags one source repository may list (the listing bound,
 * `DEFAULT_MAX_TAGS` by default). An environment variable, so the action and the CLI read it
 * alike; docs/hostile-registries.md says when to raise it.
 */
function maxTagsFrom(env) {
    const text = env.OCI_PUSH_MAX_TAGS?.trim();
    if (!text)
        return undefined;
    if (!/^[1-9][0-9]{0,9}$/.test(text)) {
        throw new inputs/* InputError */.dz(`OCI_PUSH_MAX_TAGS: "${text.slice(0, 20)}" is not a whole number of tags; set it to, ` +
            `say, 2000000, or unset it for the default of ${client/* DEFAULT_MAX_TAGS */.V}`);
    }
    return Number(text);
}
/** A plan the config makes impossible (two entries, one target tag) is an input error: exit 2. */
async function syncOrInputError(...args) {
    try {
        return await runSyncPlan(...args);
    }
    catch (error) {
        if (error instanceof SyncPlanError)
            throw new inputs/* InputError */.dz(error.message, { cause: error });
        throw error;
    }
}
/**
 * One pacer per registry host: an ACR keeps under its tier's ReadOps and WriteOps per minute
 * (`limits:` names the tier; an ACR not named is paced as Basic, the smallest), and every
 * registry's 429 `Retry-After` and `RateLimit-Remaining` pause or stop its own requests only.
 */
function registryPacers(config) {
    const pacers = new Map();
    const acrHosts = new Set(config.targets.filter((t) => t.acr).map((t) => t.host.toLowerCase()));
    return (host) => {
        let pacer = pacers.get(host);
        if (!pacer) {
            const sku = config.limits?.get(host) ?? (acrHosts.has(host) || (0,keyless/* isAcrHost */.n0)(host) ? 'basic' : undefined);
            pacer = new pace/* OpsPacer */.E0(sku);
            pacers.set(host, pacer);
        }
        return pacer;
    };
}


/***/ }),

/***/ 13683:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eb: () => (/* binding */ compilePattern),
/* harmony export */   Gp: () => (/* binding */ wholeMatcher)
/* harmony export */ });
/* unused harmony exports PatternError, MAX_PATTERN_LENGTH, Re2Pattern */
/* harmony import */ var re2js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2856);

/** A config pattern that can't be compiled; the message says why, without the caller's path. */
class PatternError extends Error {
    name = 'PatternError';
}
/** Longer patterns are refused: a tag is at most 128 characters, a repository path 255. */
const MAX_PATTERN_LENGTH = 1024;
class Re2Pattern {
    source;
    re;
    constructor(source) {
        this.source = source;
        if (source.length > MAX_PATTERN_LENGTH) {
            throw new PatternError(`is ${source.length} characters long; at most ${MAX_PATTERN_LENGTH}`);
        }
        try {
            this.re = re2js__WEBPACK_IMPORTED_MODULE_0__/* .RE2JS */ .L3.compile(source);
        }
        catch (error) {
            const detail = error.message.replace(/^error parsing regexp: /, '');
            throw new PatternError(`is not a valid regular expression (RE2 syntax, as Go's regexp: no lookaround or ` +
                `backreferences): ${detail}`);
        }
    }
    test(text) {
        return this.re.test(text);
    }
    /** Capture groups in the pattern. */
    get groups() {
        return this.re.groupCount();
    }
    /**
     * The first capture group of the leftmost match, as Go's `FindStringSubmatch(s)[1]`
     * (retagger's `filter`); undefined when the pattern is not found or the group took no part.
     */
    firstGroup(text) {
        const match = this.re.exec(text);
        const group = match?.[1];
        return typeof group === 'string' ? group : undefined;
    }
}
/** Compiles a config pattern; throws `PatternError`. */
function compilePattern(source) {
    return new Re2Pattern(source);
}
/** The pattern matched against whole strings: `^(?:…)$`, so alternations can't leak out. */
function wholeMatcher(pattern) {
    const whole = compilePattern(`^(?:${pattern.source})$`);
    return (text) => whole.test(text);
}


/***/ }),

/***/ 77436:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XZ: () => (/* binding */ selectRepositories),
/* harmony export */   tL: () => (/* binding */ globToRegExp)
/* harmony export */ });
/* unused harmony export GlobError */
// Repository globs for `repositories`, one per line. `*` and `?` stay within a path segment;
// `**` is a whole segment and spans any number of them, as in .gitignore:
//
// - `giantswarm/*` matches `giantswarm/app`, not `giantswarm/charts/app`, not `giantswarm`;
// - `giantswarm/**` matches everything below `giantswarm/`, at any depth;
// - `**/app` matches `app` and `x/y/app`; `a/**/b` matches `a/b` and `a/x/b`; `**` matches all.
//
// Repository names are lowercase (distribution-spec), so a glob with anything else, or with
// syntax this doesn't support (`[abc]`, `{a,b}`), is an error rather than a silent no-match.
/** A `repositories` glob that can't be used; the message says why. */
class GlobError extends Error {
    name = 'GlobError';
}
const SEGMENT_CHARACTERS = /^[a-z0-9._\-*?]+$/;
function globToRegExp(glob) {
    const segments = glob.split('/');
    if (segments.some((s) => s === '')) {
        throw new GlobError(`"${glob}" has an empty path segment (a leading, trailing or double /)`);
    }
    let source = '';
    let separator = false;
    segments.forEach((segment, i) => {
        const last = i === segments.length - 1;
        if (segment === '**') {
            // `a/**` needs something below `a/`; `**/b` and `a/**/b` may span no segment at all.
            if (last)
                source += separator ? '/.+' : '.+';
            else
                source += separator ? '/(?:[^/]+/)*' : '(?:[^/]+/)*';
            separator = false;
            return;
        }
        if (segment.includes('**')) {
            throw new GlobError(`"${glob}": ** must be a whole path segment, as in a/**/b`);
        }
        if (!SEGMENT_CHARACTERS.test(segment)) {
            throw new GlobError(`"${glob}": repository names are lowercase letters, digits and . _ - /; ` +
                'a glob may add * (within a segment), ? (one character) and ** (any segments)');
        }
        const body = [...segment]
            .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/\./g, '\\.')))
            .join('');
        source += (separator ? '/' : '') + body;
        separator = true;
    });
    return new RegExp(`^${source}$`);
}
/** The repositories the globs select, sorted, and the globs that selected none. */
function selectRepositories(names, globs) {
    const compiled = globs.map((glob) => ({ glob, re: globToRegExp(glob), used: false }));
    const selected = [];
    for (const name of [...new Set(names)].sort()) {
        let hit = false;
        for (const g of compiled) {
            if (g.re.test(name)) {
                g.used = true;
                hit = true;
            }
        }
        if (hit)
            selected.push(name);
    }
    return { selected, unmatched: compiled.filter((g) => !g.used).map((g) => g.glob) };
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


/***/ }),

/***/ 99740:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $j: () => (/* binding */ SKU_OPS),
/* harmony export */   E0: () => (/* binding */ OpsPacer),
/* harmony export */   Tp: () => (/* binding */ pacedByHost),
/* harmony export */   Yr: () => (/* binding */ pacedSend)
/* harmony export */ });
/* unused harmony export BudgetSpentError */
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62148);
/* harmony import */ var _oci_untrusted_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86911);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41521);



/** Per minute (MicrosoftDocs `includes/container-registry-limits.md`). */
const SKU_OPS = {
    basic: { readOps: 1000, writeOps: 100 },
    standard: { readOps: 3000, writeOps: 500 },
    premium: { readOps: 10000, writeOps: 2000 },
};
/** The share of each budget a job takes, leaving room for pushes and pulls meanwhile. */
const SHARE = 0.8;
/**
 * Keeps a job under a registry's per-minute ReadOps and WriteOps (an ACR's tier; none for
 * other registries): each request takes a slot in the current window, and waits for the next
 * window when 80 % of the budget is spent. A 429 pauses every request to the registry until
 * its `Retry-After`, so one answer slows them all instead of each finding out for itself.
 * A registry that says its pull budget is spent (Docker Hub's `RateLimit-Remaining: 0;w=…`)
 * gets no more manifest GETs until the window ends: each is refused at once with the reason,
 * instead of a storm of 429s.
 */
class OpsPacer {
    windowMs;
    now;
    sleep;
    limits;
    window = { start: -Infinity, read: 0, write: 0 };
    pausedUntil = 0;
    /** The registry's own pull budget is spent until then (`RateLimit-Remaining: 0`). */
    exhausted;
    /** Requests made, and waits taken, for the report and the bench. */
    counts = { read: 0, write: 0, waits: 0, throttled: 0 };
    /** `sku`: an ACR's tier, whose budgets it keeps under; undefined: no budget of its own. */
    constructor(sku, options = {}) {
        this.windowMs = options.windowMs ?? 60_000;
        this.now = options.now ?? Date.now;
        this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        const ops = sku ? SKU_OPS[sku] : { readOps: Infinity, writeOps: Infinity };
        this.limits = {
            read: Math.max(1, Math.floor(ops.readOps * SHARE)),
            write: Math.max(1, Math.floor(ops.writeOps * SHARE)),
        };
    }
    /** Waits until a request of this kind fits the budget, and counts it. */
    async take(kind) {
        for (;;) {
            const now = this.now();
            if (now < this.pausedUntil) {
                this.counts.waits++;
                await this.sleep(this.pausedUntil - now);
                continue;
            }
            if (now - this.window.start >= this.windowMs)
                this.window = { start: now, read: 0, write: 0 };
            if (this.window[kind] < this.limits[kind]) {
                this.window[kind]++;
                this.counts[kind]++;
                return;
            }
            this.counts.waits++;
            await this.sleep(this.window.start + this.windowMs - now);
        }
    }
    /**
     * Reads what a registry says of its own budget: `RateLimit-Remaining: N;w=SECONDS`
     * (Docker Hub). At 0, manifest GETs are refused until the window is over.
     */
    observe(headers) {
        const remaining = /^\s*(\d+)\s*(?:;\s*w=(\d+))?/.exec(String(headers['ratelimit-remaining'] ?? ''));
        if (!remaining || Number(remaining[1]) > 0)
            return;
        const windowSeconds = Number(remaining[2] ?? 60);
        const limit = (0,_oci_untrusted_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g$)(String(headers['ratelimit-limit'] ?? '').split(';')[0] ?? '', 40);
        this.exhausted = { until: this.now() + windowSeconds * 1000, limit };
    }
    /**
     * Why a request must not be sent now, or undefined. Only manifest GETs count against a
     * pull budget (Docker Hub: a HEAD does not), so listings and HEADs go on.
     */
    refusal(request) {
        const spent = this.exhausted;
        if (!spent || request.method !== 'GET' || !request.url.pathname.includes('/manifests/')) {
            return undefined;
        }
        const left = spent.until - this.now();
        if (left <= 0) {
            this.exhausted = undefined;
            return undefined;
        }
        return (`${request.url.host} says its pull budget is spent (RateLimit-Remaining: 0` +
            `${spent.limit ? ` of ${spent.limit}` : ''}) for ${Math.ceil(left / 60_000)} more ` +
            'minute(s); oci-push sends it no more pulls until then. Give a credential for it ' +
            '(an account has a larger budget), or run again later: what was copied stays');
    }
    /** The registry said 429: everyone waits this long (at least a second). */
    throttled(retryAfter) {
        this.counts.throttled++;
        this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(retryAfter ?? 0, 1000));
    }
    /** Before each attempt of a request: a slot, unless it asks for a token (not an operation). */
    async admit(method, pathname) {
        if (!pathname.startsWith('/oauth2/'))
            await this.take(kindOf(method));
    }
    /** After each attempt's answer: a 429 pauses every request, for its `Retry-After`. */
    answered(status, retryAfter) {
        if (status === 429)
            this.throttled((0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retryAfterMs */ .Vs)(retryAfter));
    }
}
const kindOf = (method) => method === 'GET' || method === 'HEAD' ? 'read' : 'write';
/** A request refused before it was sent, because the registry's pull budget is spent. */
class BudgetSpentError extends Error {
    name = 'BudgetSpentError';
}
/** Our registry client's transport, paced. Token requests are not registry operations. */
function pacedSend(send, pacer) {
    return pacedByHost(send, () => pacer);
}
/**
 * The transport, paced per registry host (each its own `OpsPacer`). Put it below the retries,
 * so every attempt takes a slot and a 429 pauses the attempts still to come.
 */
function pacedByHost(send, pacerFor) {
    return async (request) => {
        const pacer = pacerFor((0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .hostKey */ ._9)(request.url.host));
        const refused = pacer.refusal(request);
        if (refused)
            throw new BudgetSpentError(refused);
        await pacer.admit(request.method, request.url.pathname);
        const response = await send(request);
        pacer.observe(response.headers);
        pacer.answered(response.status, response.headers['retry-after']);
        return response;
    };
}


/***/ })

};

//# sourceMappingURL=77.index.js.map