export const id = 676;
export const ids = [676];
export const modules = {

/***/ 51833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gq: () => (/* binding */ passingTag),
/* harmony export */   Xs: () => (/* binding */ AcrApi),
/* harmony export */   c2: () => (/* binding */ statusOf)
/* harmony export */ });
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68825);

/**
 * What oci-push does through ACR's own API (`/acr/v1/...`), with the real
 * `@azure/container-registry` client: read and set locks, and delete tags. Pushing never
 * goes through it (FACTS.md: its content client never checks for or mounts blobs).
 */
class AcrApi {
    credential;
    clients = new Map();
    constructor(credential) {
        this.credential = credential;
    }
    /** Of `tags`, those that exist and are locked against writes. */
    async lockedTags(host, repository, tags) {
        const locked = [];
        for (const tag of tags) {
            try {
                const properties = await (await this.client(host))
                    .getArtifact(repository, tag)
                    .getTagProperties(tag);
                if (properties.canWrite === false)
                    locked.push(tag);
            }
            catch (error) {
                if (statusOf(error) !== 404)
                    throw describe(error, `Reading the lock on ${repository}:${tag}`, host, 'read');
            }
        }
        return locked;
    }
    /**
     * Locks a release: every manifest of its graph (an index and its children alike, so no
     * platform image can be deleted from under it) and its tags, against writes and deletes.
     */
    async lock(host, repository, manifests, tags) {
        const client = await this.client(host);
        const locked = { canWrite: false, canDelete: false };
        for (const digest of manifests) {
            try {
                await client.getArtifact(repository, digest).updateManifestProperties(locked);
            }
            catch (error) {
                throw describe(error, `Locking ${repository}@${digest}`, host, 'lock');
            }
        }
        for (const tag of tags) {
            try {
                await client.getArtifact(repository, tag).updateTagProperties(tag, locked);
            }
            catch (error) {
                throw describe(error, `Locking ${repository}:${tag}`, host, 'lock');
            }
        }
    }
    async deleteTag(host, repository, tag) {
        try {
            await (await this.client(host)).getArtifact(repository, tag).deleteTag(tag);
        }
        catch (error) {
            throw describe(error, `Deleting the tag ${repository}:${tag}`, host, 'delete');
        }
    }
    async client(host) {
        let client = this.clients.get(host);
        if (!client) {
            // Loaded only when needed: the Azure SDKs are most of the bundle.
            const { ContainerRegistryClient } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(738), __webpack_require__.e(659)]).then(__webpack_require__.bind(__webpack_require__, 61659));
            client = new ContainerRegistryClient(`https://${host}`, this.credential);
            this.clients.set(host, client);
        }
        return client;
    }
}
/**
 * The passing tag a dev build gets on ACR with `dev-untag`, deleted right after: named for
 * the digest, so a re-run reuses it and a leftover says what it points at.
 */
function passingTag(digest) {
    return `oci-push-untag-${(0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestHex */ .sU)(digest).slice(0, 32)}`;
}
/** The HTTP status an Azure SDK error (a `RestError`) carries, if any. */
function statusOf(error) {
    const status = error.statusCode;
    return typeof status === 'number' ? status : undefined;
}
/**
 * The right each ACR call needs, and the role that gives it (learn.microsoft.com, ACR roles;
 * ABAC-enabled registries honour only the Repository roles).
 */
const NEEDED = {
    read: { right: 'read metadata', role: 'AcrPull', abac: 'Container Registry Repository Reader' },
    lock: {
        right: 'change metadata (lock)',
        role: 'AcrPush',
        abac: 'Container Registry Repository Writer',
    },
    delete: {
        right: 'delete tags',
        role: 'AcrDelete',
        abac: 'Container Registry Repository Contributor',
    },
};
function describe(error, operation, host, need) {
    const status = statusOf(error);
    const message = error.message?.split('\n')[0] ?? String(error);
    const { right, role, abac } = NEEDED[need];
    // A valid identity whose roles lack the right gets 401 insufficient_scope (or 403).
    const hint = status === 401 || status === 403
        ? ` The identity signed in, but may not ${right} on ${host}: give it the ${role} role ` +
            `(or ${abac} if the registry has ABAC repository permissions enabled, where ` +
            `AcrPull/AcrPush/AcrDelete are not honoured).`
        : '';
    return new Error(`${operation} on ${host} failed${status ? ` (HTTP ${status})` : ''}: ${message}.${hint}`, { cause: error });
}


/***/ }),

/***/ 74600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZY: () => (/* binding */ parseCleanupInputs),
/* harmony export */   ck: () => (/* binding */ cleanupRules)
/* harmony export */ });
/* unused harmony exports parseOlderThan, RELEASE_TAG_PROBES, parseTagPattern */
/* harmony import */ var _oci_repository_glob_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(77436);
/* harmony import */ var _oci_pattern_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(13683);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62148);
/* harmony import */ var _azure_login_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66887);
/* harmony import */ var _registry_pace_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99740);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(91115);






function parseCleanupInputs(get) {
    const warnings = [];
    const value = (name) => get(name).trim();
    const registryText = value('registry');
    if (!registryText)
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('registry: required, e.g. gsoci.azurecr.io');
    const registry = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .wrap */ .LV)('registry', () => (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .parseHost */ .o6)(registryText, 'registry'));
    const repositories = parseRepositoryGlobs(get('repositories'));
    const olderThan = parseOlderThan(value('older-than'));
    if (olderThan.ms < HOUR) {
        warnings.push(`older-than: ${olderThan.text} is under an hour. A push in progress uploads an index's ` +
            'manifests untagged before the index itself, so a cleanup this eager can delete them ' +
            'mid-push; 1h or more is safer');
    }
    const untagged = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBoolean */ .yG)('untagged', value('untagged'), true);
    const tagPatternText = get('tag-pattern').trim();
    const tagPattern = tagPatternText ? parseTagPattern(tagPatternText) : undefined;
    if (!untagged && !tagPattern) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('untagged, tag-pattern: with `untagged: false` and no `tag-pattern` nothing can be deleted; ' +
            'set `untagged: true`, a `tag-pattern`, or both');
    }
    const keep = parseKeep(value('keep'));
    const dryRun = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBoolean */ .yG)('dry-run', value('dry-run'), false);
    const sku = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .oneOf */ .yL)('registry-sku', value('registry-sku').toLowerCase() || 'basic', Object.keys(_registry_pace_js__WEBPACK_IMPORTED_MODULE_2__/* .SKU_OPS */ .$j));
    const azure = (0,_azure_login_js__WEBPACK_IMPORTED_MODULE_1__/* .parseAzureLogin */ .c)(get);
    return {
        registry,
        repositories,
        olderThan,
        untagged,
        ...(tagPattern && { tagPattern }),
        keep,
        dryRun,
        sku,
        ...(azure && { azure }),
        warnings,
    };
}
/** The planner's rules from the inputs, at `now`. */
function cleanupRules(inputs, now) {
    return {
        now,
        olderThanMs: inputs.olderThan.ms,
        untagged: inputs.untagged,
        ...(inputs.tagPattern && { tagPattern: inputs.tagPattern }),
        keep: inputs.keep,
    };
}
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const UNITS = { m: MINUTE, h: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR };
/** `30m`, `36h`, `7d`, `2w`: a whole positive number and one unit. */
function parseOlderThan(text) {
    const hint = 'a whole number and a unit: 30m, 36h, 7d or 2w';
    if (text === '')
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`older-than: required; ${hint}`);
    if (text.startsWith('-'))
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`older-than: "${text}" is negative; ${hint}`);
    if (/^\d+$/.test(text)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`older-than: "${text}" has no unit; write ${text}d for days (${hint})`);
    }
    const match = /^(\d+)(m|h|d|w)$/.exec(text);
    if (!match)
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`older-than: "${text}" is not ${hint}`);
    const amount = Number(match[1]);
    if (amount === 0) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`older-than: "${text}" is zero, which would make everything old enough; ${hint}`);
    }
    const ms = amount * UNITS[match[2]];
    if (!Number.isSafeInteger(ms)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`older-than: "${text}" is too large to count in milliseconds; ${hint}`);
    }
    return { text, ms };
}
/**
 * Release tags look like these. They are immutable (FACTS.md: a branch build once overwrote a
 * released chart), so a scheduled job never gets to delete them: a pattern that matches one as
 * a whole tag is refused, not merely warned about.
 */
const RELEASE_TAG_PROBES = [
    '1.2.3',
    '0.1.0',
    '10.20.30',
    'v1.2.3',
    '1.2.3-rc.1',
    '1.2.3-alpha.1',
    '1.2.3_build.5',
    // A flavour's release, with the push's `tag-suffix`: a suffix alone never marks a dev build.
    '1.2.3-python',
    'latest',
];
function parseTagPattern(text) {
    let pattern;
    try {
        pattern = (0,_oci_pattern_js__WEBPACK_IMPORTED_MODULE_4__/* .compilePattern */ .Eb)(text);
    }
    catch (error) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`tag-pattern: "${text}" ${error.message}`);
    }
    const matches = (0,_oci_pattern_js__WEBPACK_IMPORTED_MODULE_4__/* .wholeMatcher */ .Gp)(pattern);
    const release = RELEASE_TAG_PROBES.find((tag) => matches(tag));
    if (release !== undefined) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`tag-pattern: "${text}" matches the release tag "${release}", and release tags are never ` +
            'deleted by this action. The pattern is matched against whole tags; narrow it to dev ' +
            'tags, e.g. ^dev-.+$ or ^\\d+\\.\\d+\\.\\d+-[0-9a-f]{40}$');
    }
    return pattern;
}
function parseKeep(text) {
    if (text === '')
        return 0;
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`keep: "${text}" is not a whole number of 0 or more`);
    }
    return Number(text);
}
/** One glob per line; blank lines and `# comments` are ignored. At least one is required. */
function parseRepositoryGlobs(text) {
    const globs = [];
    for (const [i, raw] of text.split('\n').entries()) {
        const glob = raw.replace(/#.*/, '').trim();
        if (!glob)
            continue;
        (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .wrap */ .LV)(`repositories line ${i + 1}`, () => (0,_oci_repository_glob_js__WEBPACK_IMPORTED_MODULE_5__/* .globToRegExp */ .tL)(glob));
        if (!globs.includes(glob))
            globs.push(glob);
    }
    if (globs.length === 0) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('repositories: required, one glob per line (e.g. giantswarm/*); to clean every ' +
            'repository say so with **');
    }
    return globs;
}


/***/ }),

/***/ 26676:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  t: () => (/* binding */ cleanupFailureOutcome),
  K: () => (/* binding */ runCleanup)
});

// EXTERNAL MODULE: ./src/base/errors.ts
var errors = __webpack_require__(34758);
// EXTERNAL MODULE: ./src/base/limit.ts
var limit = __webpack_require__(1274);
// EXTERNAL MODULE: ./src/oci/repository-glob.ts
var repository_glob = __webpack_require__(77436);
// EXTERNAL MODULE: ./src/oci/untrusted.ts
var untrusted = __webpack_require__(86911);
// EXTERNAL MODULE: ./src/oci/mediatypes.ts
var mediatypes = __webpack_require__(79572);
// EXTERNAL MODULE: ./src/oci/pattern.ts
var pattern = __webpack_require__(13683);
// EXTERNAL MODULE: ./src/oci/referrers.ts
var referrers = __webpack_require__(50961);
;// CONCATENATED MODULE: ./src/cleanup/policy.ts



/**
 * Why a manifest stays, in the order reasons are decided; a manifest gets the first that
 * applies. The rounds (see `planRepository`) are: its own state; then, for whatever is still
 * undecided, `untagged-off`, `subject-missing` and `keep`, each followed by what it holds.
 */
const KEEP_REASONS = (/* unused pure expression or super */ null && ([
    /** The manifest is locked: `deleteEnabled` or `writeEnabled` is false. */
    'locked',
    /** It keeps a tag this run doesn't delete: not matching `tag-pattern`, too new, or unknown. */
    'tagged',
    /** Its only remaining tags would be deleted but are locked. */
    'tag-locked',
    /** Last updated after the cut-off. */
    'too-new',
    /** A manifest of an index that stays (`via`). Deleting it would break that index. */
    'child-of-kept-index',
    /** A referrer whose subject (`via`) stays. */
    'referrer-of-kept',
    /** The subject of a referrer (`via`) that stays: an artifact and its referrers go together. */
    'has-kept-referrer',
    /** Untagged before this run and `untagged: false`. */
    'untagged-off',
    /** A referrer whose subject is not in this repository's listing; see `planRepository`. */
    'subject-missing',
    /** One of the `keep` most recently updated roots this run would otherwise delete. */
    'keep',
]));
function planCleanup(listings, rules) {
    return listings.map((listing) => planRepository(listing, rules));
}
/**
 * Plans one repository. The rules, in the order they are applied:
 *
 * 1. A listing that is incomplete (a failed page), or that shows an index without its
 *    manifests (so they can't be protected), deletes nothing.
 * 2. Tags: a tag is deleted when it matches `tag-pattern` as a whole, was last updated before
 *    the cut-off, and neither it nor its manifest is locked. Referrer tags (`sha256-<hex>.sig`,
 *    `.att`, `.sbom`, `sha256-<hex>`) never match: they follow their manifest.
 * 3. Round 1, a manifest's own state keeps it: locked, tagged after step 2, only locked tags
 *    left, or last updated after the cut-off (the later of `createdOn` and `lastUpdatedOn`;
 *    an unreadable date counts as new).
 * 4. Whatever stays holds what hangs on it, recursively: an index its manifests, a subject
 *    its referrers, and a referrer its subject (ACR may delete referrers with their subject,
 *    so an artifact and its referrers stay or go together).
 * 5. Round 2, with `untagged: false`: roots (no listed index holds them, no subject) that had
 *    no tag before this run stay. What an index or subject holds goes with it: deleting a
 *    dev-tagged index deletes its untagged platform manifests even with `untagged: false`.
 * 6. Round 3: a referrer whose subject is not listed stays. Its subject may be hidden
 *    (`listEnabled: false`) or in another repository (`COSIGN_REPOSITORY`); nothing proves it
 *    is gone, and a stray signature costs little.
 * 7. Round 4, `keep`: of the roots still to be deleted, the `keep` most recently updated stay
 *    (ties: lower digest first), with their tags. Only roots count: an index with its
 *    platform manifests and referrers is one build. New, tagged and locked roots don't count,
 *    as `acr purge --keep` counts only to-be-deleted tags: `keep: N` always spares N builds.
 * 8. Everything else is deleted, with all its tags.
 */
function planRepository(listing, rules) {
    const plan = {
        repository: listing.repository,
        deleteTags: [],
        deleteManifests: [],
        kept: [],
        warnings: [],
    };
    const manifests = mergeByDigest(listing.manifests);
    const incomplete = incompleteListing(listing, manifests);
    if (incomplete)
        return { ...plan, incomplete };
    const cutoff = rules.now.getTime() - rules.olderThanMs;
    const isOld = (ms) => Number.isFinite(ms) && ms < cutoff;
    const graph = buildGraph(manifests, listing.tags, rules, isOld, plan.warnings);
    const kept = new Keeping(graph);
    kept.add(ownStateKeeps(graph, isOld));
    if (!rules.untagged)
        kept.add(untaggedRootKeeps(graph, kept));
    kept.add(subjectMissingKeeps(graph, kept));
    kept.add(newestRootKeeps(graph, kept, rules.keep));
    return { ...plan, ...deletions(graph, kept) };
}
/**
 * Rule 1: nothing is deleted from a listing that is incomplete (a failed page) or that shows
 * an index without its manifests (so they can't be protected). Says why, or undefined.
 */
function incompleteListing(listing, manifests) {
    if (!listing.complete) {
        return (`the listing was incomplete (${listing.problem ?? 'a page could not be read'}), ` +
            'so nothing was deleted here; the next run tries again');
    }
    const emptyIndex = manifests.find((m) => m.mediaType !== undefined && (0,mediatypes/* isIndexMediaType */.$$)(m.mediaType) && m.children.length === 0);
    if (!emptyIndex)
        return undefined;
    return (`the index ${emptyIndex.digest} was listed without its manifests, so they could not be ` +
        'protected; nothing was deleted here');
}
/**
 * Rule 2, and the graph: each manifest's tags with their fate (a tag is deleted when it
 * matches `tag-pattern` as a whole, is old enough, and neither it nor its manifest is
 * locked; referrer tags follow their manifest; a tag the listings disagree about stays),
 * then indexes and their manifests, referrers and their subjects. Inconsistencies in the
 * listings become `warnings`.
 */
function buildGraph(manifests, tags, rules, isOld, warnings) {
    const matches = rules.tagPattern ? (0,pattern/* wholeMatcher */.Gp)(rules.tagPattern) : () => false;
    const { tagInfo, disputed } = mergeTags(tags, warnings);
    const nodes = new Map();
    for (const manifest of manifests) {
        nodes.set(manifest.digest, {
            manifest,
            tags: new Map(),
            parents: [],
            children: [],
            subjects: [],
            referrers: [],
            activity: lastChange(manifest),
        });
    }
    const order = [...nodes.keys()];
    // A tag the two listings place differently (it moved between them) is left alone everywhere.
    for (const manifest of manifests) {
        for (const name of manifest.tags) {
            const info = tagInfo.get(name);
            if (info?.digest === manifest.digest || disputed.has(name))
                continue;
            disputed.add(name);
            warnings.push(`${name}: the manifest listing puts it on ${manifest.digest}, the tag listing ` +
                `${info ? `on ${info.digest}` : 'nowhere'}; left alone`);
        }
    }
    // Tags: the manifest listing's, and the tag listing's that point here.
    for (const node of nodes.values()) {
        const { manifest } = node;
        const names = [...manifest.tags];
        for (const tag of tags) {
            if (tag.digest === manifest.digest && !names.includes(tag.name))
                names.push(tag.name);
        }
        const manifestLocked = isLocked(manifest);
        for (const name of names) {
            const subject = (0,referrers/* referrerTagSubject */.Y6)(name);
            if (subject !== undefined && subject !== manifest.digest && !node.subjects.includes(subject))
                node.subjects.push(subject);
            const info = tagInfo.get(name);
            if (!info || disputed.has(name)) {
                node.tags.set(name, 'stays');
                continue;
            }
            const wanted = subject !== undefined || (matches(name) && isOld(lastChange(info)));
            if (!wanted)
                node.tags.set(name, 'stays');
            else if (manifestLocked || isLocked(info))
                node.tags.set(name, 'locked');
            else
                node.tags.set(name, subject !== undefined ? 'follows-manifest' : 'delete');
        }
    }
    for (const tag of tags) {
        if (!nodes.has(tag.digest)) {
            warnings.push(`${tag.name}: points at ${tag.digest}, which the manifest listing doesn't show; left alone`);
        }
    }
    // The edges: indexes and their manifests, referrers and their subjects.
    for (const digest of order) {
        const node = nodes.get(digest);
        for (const child of node.manifest.children) {
            const childNode = nodes.get(child);
            if (!childNode || child === digest || node.children.includes(child))
                continue;
            node.children.push(child);
            childNode.parents.push(digest);
        }
        const subject = node.manifest.subject;
        if (subject !== undefined && subject !== digest && !node.subjects.includes(subject)) {
            node.subjects.unshift(subject);
        }
        for (const s of node.subjects)
            nodes.get(s)?.referrers.push(digest);
    }
    return { nodes, order };
}
/**
 * The tag listing by name. A tag listed on two digests is disputed (left alone, with a
 * warning); listed twice on one (pages shifted), the later date and either lock count.
 */
function mergeTags(tags, warnings) {
    const tagInfo = new Map();
    const disputed = new Set();
    for (const tag of tags) {
        const seen = tagInfo.get(tag.name);
        if (seen && seen.digest !== tag.digest && !disputed.has(tag.name)) {
            disputed.add(tag.name);
            warnings.push(`${tag.name}: the tag listing shows it on ${seen.digest} and ${tag.digest}; left alone`);
        }
        tagInfo.set(tag.name, seen?.digest === tag.digest
            ? {
                ...tag,
                lastUpdatedOn: new Date(Math.max(lastChange(seen), lastChange(tag))),
                deleteEnabled: seen.deleteEnabled && tag.deleteEnabled,
                writeEnabled: seen.writeEnabled !== false && tag.writeEnabled !== false,
            }
            : tag);
    }
    return { tagInfo, disputed };
}
/** A root: no listed index holds it, and it refers to no subject. */
function isRoot(node) {
    return node.parents.length === 0 && node.subjects.length === 0;
}
/**
 * What stays, and why (rule 4): each round's seeds, and with each, level by level, what it
 * holds: an index its manifests, a subject its referrers, and a referrer its subject (ACR
 * may delete referrers with their subject, so an artifact and its referrers stay or go
 * together). A manifest keeps the first reason it gets.
 */
class Keeping {
    graph;
    kept = new Map();
    constructor(graph) {
        this.graph = graph;
    }
    has(digest) {
        return this.kept.has(digest);
    }
    get(digest) {
        return this.kept.get(digest);
    }
    /** Keeps the seeds, then everything they hold. */
    add(seeds) {
        let frontier = [];
        for (const [digest, reason] of seeds) {
            if (this.kept.has(digest))
                continue;
            this.kept.set(digest, { reason });
            frontier.push(digest);
        }
        while (frontier.length > 0) {
            const held = new Set(frontier);
            const next = [];
            for (const digest of this.graph.order) {
                if (this.kept.has(digest))
                    continue;
                const node = this.graph.nodes.get(digest);
                const parent = node.parents.find((d) => held.has(d));
                const subject = node.subjects.find((d) => held.has(d));
                const referrer = node.referrers.find((d) => held.has(d));
                const hold = parent
                    ? ['child-of-kept-index', parent]
                    : subject
                        ? ['referrer-of-kept', subject]
                        : ['has-kept-referrer', referrer];
                if (hold[1] === undefined)
                    continue;
                this.kept.set(digest, { reason: hold[0], via: hold[1] });
                next.push(digest);
            }
            frontier = next;
        }
    }
}
/**
 * Rule 3 (round 1): a manifest's own state keeps it: locked, tagged after rule 2, only
 * locked tags left, or last updated after the cut-off (the later of `createdOn` and
 * `lastUpdatedOn`; an unreadable date counts as new).
 */
function ownStateKeeps(graph, isOld) {
    const seeds = [];
    for (const digest of graph.order) {
        const node = graph.nodes.get(digest);
        const fates = [...node.tags.values()];
        if (isLocked(node.manifest))
            seeds.push([digest, 'locked']);
        else if (fates.includes('stays'))
            seeds.push([digest, 'tagged']);
        else if (fates.includes('locked'))
            seeds.push([digest, 'tag-locked']);
        else if (!isOld(node.activity))
            seeds.push([digest, 'too-new']);
    }
    return seeds;
}
/**
 * Rule 5 (round 2, `untagged: false`): roots that had no tag before this run stay. What an
 * index or subject holds goes with it: deleting a dev-tagged index deletes its untagged
 * platform manifests even with `untagged: false`.
 */
function untaggedRootKeeps(graph, kept) {
    return graph.order
        .filter((d) => !kept.has(d))
        .filter((d) => isRoot(graph.nodes.get(d)) && graph.nodes.get(d).tags.size === 0)
        .map((d) => [d, 'untagged-off']);
}
/**
 * Rule 6 (round 3): a referrer whose subject is not listed stays. Its subject may be hidden
 * (`listEnabled: false`) or in another repository (`COSIGN_REPOSITORY`); nothing proves it
 * is gone, and a stray signature costs little.
 */
function subjectMissingKeeps(graph, kept) {
    return graph.order
        .filter((d) => !kept.has(d))
        .filter((d) => graph.nodes.get(d).subjects.some((s) => !graph.nodes.has(s)))
        .map((d) => [d, 'subject-missing']);
}
/**
 * Rule 7 (round 4, `keep`): of the roots still to be deleted, the `keep` most recently
 * updated stay (ties: lower digest first), with their tags. Only roots count: an index with
 * its platform manifests and referrers is one build. New, tagged and locked roots don't
 * count, as `acr purge --keep` counts only to-be-deleted tags: `keep: N` always spares N.
 */
function newestRootKeeps(graph, kept, keep) {
    const activity = (d) => graph.nodes.get(d).activity;
    return graph.order
        .filter((d) => !kept.has(d) && isRoot(graph.nodes.get(d)))
        .sort((a, b) => {
        const byTime = activity(b) - activity(a);
        return byTime !== 0 ? byTime : a < b ? -1 : 1;
    })
        .slice(0, Math.max(0, keep))
        .map((d) => [d, 'keep']);
}
/**
 * Rule 8: everything not kept is deleted, with all its tags, in the deleter's order; what
 * stays is listed with its tags after this run (a root spared by `keep` keeps its tags: a
 * dev build nobody can name is no use).
 */
function deletions(graph, kept) {
    const deleteTags = [];
    const keptManifests = [];
    for (const digest of graph.order) {
        const node = graph.nodes.get(digest);
        const decision = kept.get(digest);
        if (!decision) {
            for (const name of node.tags.keys())
                deleteTags.push({ name, digest });
            continue;
        }
        const remaining = [];
        for (const [name, fate] of node.tags) {
            if (fate === 'delete' && decision.reason !== 'keep')
                deleteTags.push({ name, digest });
            else
                remaining.push(name);
        }
        keptManifests.push({
            digest,
            tags: remaining,
            reason: decision.reason,
            ...(decision.via && { via: decision.via }),
        });
    }
    const doomed = new Set(graph.order.filter((d) => !kept.has(d)));
    return {
        deleteTags,
        deleteManifests: deletionOrder(graph.order, doomed, graph.nodes),
        kept: keptManifests,
    };
}
/** The later of the two dates, as ms; NaN when either is unreadable. */
function lastChange(item) {
    return Math.max(item.createdOn.getTime(), item.lastUpdatedOn.getTime());
}
function isLocked(attributes) {
    return attributes.deleteEnabled === false || attributes.writeEnabled === false;
}
/**
 * A listing read page by page can show a manifest twice; merge conservatively: all tags,
 * all children, locked if either says so, the later dates.
 */
function mergeByDigest(manifests) {
    const merged = new Map();
    for (const m of manifests) {
        const seen = merged.get(m.digest);
        if (!seen) {
            merged.set(m.digest, { ...m, tags: [...m.tags], children: [...m.children] });
            continue;
        }
        const later = (a, b) => (a.getTime() >= b.getTime() ? a : b);
        merged.set(m.digest, {
            ...seen,
            createdOn: later(seen.createdOn, m.createdOn),
            lastUpdatedOn: later(seen.lastUpdatedOn, m.lastUpdatedOn),
            tags: [...new Set([...seen.tags, ...m.tags])],
            children: [...new Set([...seen.children, ...m.children])],
            deleteEnabled: seen.deleteEnabled && m.deleteEnabled,
            writeEnabled: seen.writeEnabled !== false && m.writeEnabled !== false,
            ...((seen.subject ?? m.subject) && { subject: seen.subject ?? m.subject }),
            ...((seen.mediaType ?? m.mediaType) && { mediaType: seen.mediaType ?? m.mediaType }),
        });
    }
    return [...merged.values()];
}
/**
 * Every index before its manifests and every referrer before its subject, otherwise in
 * listing order: a depth-first walk that emits what must go first before each manifest.
 */
function deletionOrder(order, doomed, nodes) {
    const out = [];
    const state = new Map();
    const visit = (digest) => {
        if (state.has(digest))
            return; // 'visiting' would be a cycle, impossible for digests
        state.set(digest, 'visiting');
        const node = nodes.get(digest);
        for (const before of [...node.parents, ...node.referrers]) {
            if (doomed.has(before))
                visit(before);
        }
        state.set(digest, 'done');
        out.push(digest);
    };
    for (const digest of order)
        if (doomed.has(digest))
            visit(digest);
    return out;
}

;// CONCATENATED MODULE: ./src/cleanup/pace.ts
/**
 * The cleanup's pacing of `@azure/container-registry`: a policy run before each try of each
 * request, sharing the budget of the pacer our own client's requests take (registry/pace.ts).
 */
function pacingPolicy(pacer) {
    return {
        name: 'oci-push-ops-pacing',
        async sendRequest(request, next) {
            await pacer.admit(request.method, new URL(request.url).pathname);
            const response = await next(request);
            pacer.answered(response.status, response.headers.get('retry-after') ?? undefined);
            return response;
        },
    };
}

// EXTERNAL MODULE: ./src/registry/pace.ts
var pace = __webpack_require__(99740);
// EXTERNAL MODULE: ./src/azure/acr.ts
var azure_acr = __webpack_require__(51833);
// EXTERNAL MODULE: ./src/oci/descriptor.ts
var descriptor = __webpack_require__(47592);
// EXTERNAL MODULE: ./src/oci/digest.ts
var digest = __webpack_require__(68825);
// EXTERNAL MODULE: ./src/registry/retry.ts
var retry = __webpack_require__(41521);
;// CONCATENATED MODULE: ./src/cleanup/registry.ts







/**
 * The most manifests one repository's listing may hold: far beyond any real repository, a
 * bound against a listing that never ends (the registry's answers are data, issue #25).
 */
const MAX_MANIFESTS = 1_000_000;
/** Manifests read at once per repository, to learn each one's subject and children. */
const READ_CONCURRENCY = 8;
/** Attempts per delete; the SDK retries 5xx itself underneath. */
const DELETE_ATTEMPTS = 3;
/** 429s waited out per delete before giving up: at a minute each, a quarter of an hour. */
const THROTTLED_ATTEMPTS = 15;
/**
 * Everything the planner needs about one repository, read in full or marked incomplete:
 * ACR's manifest listing (times, tags, locks), the properties of every tag the pattern could
 * delete, and each manifest itself, for its media type, its children and its `subject`,
 * which no listing carries. Any failure leaves `complete: false`, so nothing is deleted.
 */
async function readRepository(clients, repository, tagPattern) {
    const manifests = [];
    const tags = [];
    try {
        const where = `${repository}: ACR's manifest listing`;
        for await (const m of clients.acr.getRepository(repository).listManifestProperties()) {
            if (manifests.length >= MAX_MANIFESTS) {
                throw new Error(`${where} runs past ${MAX_MANIFESTS} manifests, oci-push's bound against a listing ` +
                    'that never ends; nothing is deleted there');
            }
            manifests.push({
                digest: (0,untrusted/* checkedDigest */.oM)(m.digest, where),
                createdOn: m.createdOn,
                lastUpdatedOn: m.lastUpdatedOn,
                tags: m.tags.map((tag) => (0,untrusted/* checkedTag */.y3)(tag, where)),
                deleteEnabled: m.canDelete !== false,
                writeEnabled: m.canWrite !== false,
                children: m.relatedArtifacts
                    .map((r) => r.digest)
                    .filter((d) => (0,digest/* isDigest */.Bc)(d ?? '')),
            });
        }
        const matches = tagPattern ? (0,pattern/* wholeMatcher */.Gp)(tagPattern) : undefined;
        const candidates = manifests.flatMap((m) => m.tags).filter((t) => matches?.(t));
        await (0,limit/* forEachLimited */.v)(candidates, READ_CONCURRENCY, async (name) => {
            const t = await clients.acr.getArtifact(repository, name).getTagProperties(name);
            tags.push({
                name,
                digest: (0,untrusted/* checkedDigest */.oM)(t.digest, `${repository}: the properties of tag ${name}`),
                createdOn: t.createdOn,
                lastUpdatedOn: t.lastUpdatedOn,
                deleteEnabled: t.canDelete !== false,
                writeEnabled: t.canWrite !== false,
            });
        });
        await (0,limit/* forEachLimited */.v)(manifests, READ_CONCURRENCY, async (m) => {
            const { bytes, mediaType } = await clients.registry.getManifest(repository, m.digest);
            const parsed = (0,descriptor/* parseManifest */.Ng)(bytes, mediaType, `${repository}@${m.digest}`);
            m.mediaType = parsed.mediaType;
            const children = new Set([...m.children, ...parsed.manifests.map((c) => c.digest)]);
            m.children = [...children];
            if (parsed.subject)
                m.subject = parsed.subject.digest;
        });
    }
    catch (error) {
        return {
            repository,
            manifests,
            tags,
            complete: false,
            problem: `reading ${repository} failed: ${error.message.split('\n')[0]}`,
        };
    }
    return { repository, manifests, tags, complete: true };
}
/**
 * Carries out one repository's plan as its contract says: tags first (untagging, which
 * leaves the manifest), then manifests in the plan's order, stopping at the first failure
 * so an index never loses a manifest it still lists.
 */
async function deletePlanned(acr, plan, sleep) {
    const done = { tags: [], manifests: [] };
    try {
        for (const tag of plan.deleteTags) {
            await retried(sleep, async () => {
                try {
                    await acr.getArtifact(plan.repository, tag.name).deleteTag(tag.name);
                }
                catch (error) {
                    if ((0,azure_acr/* statusOf */.c2)(error) !== 404)
                        throw error;
                }
            });
            done.tags.push(tag);
        }
        for (const digest of plan.deleteManifests) {
            await retried(sleep, async () => {
                try {
                    await acr.getArtifact(plan.repository, digest).delete();
                }
                catch (error) {
                    // Gone already: ACR removes a subject's referrers with it.
                    if ((0,azure_acr/* statusOf */.c2)(error) !== 404)
                        throw error;
                }
            });
            done.manifests.push(digest);
        }
    }
    catch (error) {
        done.error = error.message.split('\n')[0];
    }
    return done;
}
async function retried(sleep, work) {
    for (let attempt = 1, throttled = 0;; attempt++) {
        try {
            await work();
            return;
        }
        catch (error) {
            const status = (0,azure_acr/* statusOf */.c2)(error);
            // Throttling is the registry asking for patience, not a failure: wait it out (bounded).
            if (status === 429 && ++throttled <= THROTTLED_ATTEMPTS) {
                attempt--;
                await sleep(retryAfterOf(error) ?? 5_000);
                continue;
            }
            const transient = status === undefined || (0,retry/* isRetryableStatus */.PS)(status);
            if (!transient || attempt >= DELETE_ATTEMPTS)
                throw error;
            await sleep(500 * 2 ** (attempt - 1));
        }
    }
}
/** The `Retry-After` of an Azure SDK error's response, if it had one. */
function retryAfterOf(error) {
    const headers = error
        .response?.headers;
    const value = headers?.get?.('retry-after');
    return (0,retry/* retryAfterMs */.Vs)(typeof value === 'string' ? value : undefined);
}

;// CONCATENATED MODULE: ./src/cleanup/report.ts
/** For the summary: what each reason means, said plainly. */
const REASON_TEXT = {
    locked: 'locked (delete or write disabled)',
    tagged: 'tagged',
    'tag-locked': 'its tag is locked',
    'too-new': 'newer than the cut-off',
    'child-of-kept-index': 'part of a kept index',
    'referrer-of-kept': 'referrer (signature, SBOM, attestation) of a kept manifest',
    'has-kept-referrer': 'has a kept referrer',
    'untagged-off': 'untagged, and `untagged` is off',
    'subject-missing': 'referrer whose subject is not in this repository',
    keep: 'kept by `keep`',
};
/** Reasons listed digest by digest in the summary; the others are counted only. */
const LISTED_REASONS = new Set([
    'locked',
    'tag-locked',
    'child-of-kept-index',
    'referrer-of-kept',
    'has-kept-referrer',
    'subject-missing',
    'keep',
]);
/** Job summaries are capped at 1 MiB; a registry's worth of digests must not reach it. */
const MAX_LISTED = 50;
function summarize(report) {
    const deletedCount = report.repositories.reduce((n, r) => n + (r.deleted?.manifests.length ?? 0), 0);
    const problems = report.repositories.flatMap((r) => {
        if (r.plan.incomplete)
            return [`${r.plan.repository}: ${r.plan.incomplete}`];
        if (r.error)
            return [`${r.plan.repository}: ${r.error}`];
        return [];
    });
    const result = {
        registry: report.registry,
        dryRun: report.dryRun,
        ...(report.error && { error: report.error }),
        deleted: deletedCount,
        repositories: report.repositories.map((r) => ({
            repository: r.plan.repository,
            status: statusOf(r, report.dryRun),
            planned: { tags: r.plan.deleteTags, manifests: r.plan.deleteManifests },
            deleted: r.deleted ?? { tags: [], manifests: [] },
            kept: r.plan.kept,
            ...(r.plan.incomplete && { incomplete: r.plan.incomplete }),
            ...(r.error && { error: r.error }),
            ...(r.plan.warnings.length > 0 && { warnings: r.plan.warnings }),
        })),
        unmatched: report.unmatched,
    };
    return {
        outputs: { deleted: String(deletedCount), result: JSON.stringify(result) },
        summary: summaryMarkdown(report, deletedCount),
        ...(report.error && {
            failure: `oci-push cleanup of ${report.registry} failed: ${report.error}`,
        }),
        ...(!report.error &&
            problems.length > 0 && {
            failure: `oci-push cleanup left ${problems.length} repositor${problems.length === 1 ? 'y' : 'ies'} ` +
                `not (fully) cleaned: ${problems.join('; ')}`,
        }),
    };
}
function statusOf(r, dryRun) {
    if (r.plan.incomplete)
        return 'incomplete';
    if (r.error)
        return 'failed';
    if (r.plan.deleteManifests.length === 0 && r.plan.deleteTags.length === 0) {
        return 'nothing-to-delete';
    }
    return dryRun ? 'would-clean' : 'cleaned';
}
const STATUS_TEXT = {
    cleaned: '✅ cleaned',
    'would-clean': '🔍 would clean',
    'nothing-to-delete': '✅ nothing to delete',
    incomplete: '❌ listing incomplete: nothing deleted',
    failed: '❌ stopped on an error',
};
function summaryMarkdown(report, deletedCount) {
    const planned = report.repositories.reduce((n, r) => n + r.plan.deleteManifests.length, 0);
    const manifests = `manifest${planned === 1 ? '' : 's'}`;
    const where = `in ${report.repositories.length} ${report.repositories.length === 1 ? 'repository' : 'repositories'}`;
    const lines = [
        `## oci-push cleanup: ${report.registry}${report.dryRun ? ' (dry run: nothing was deleted)' : ''}`,
        '',
        ...(report.error ? [`❌ ${report_escape(report.error)}`, ''] : []),
        report.dryRun
            ? `Would delete ${planned} ${manifests} ${where}.`
            : `Deleted ${deletedCount} of ${planned} planned ${manifests} ${where}.`,
        '',
        '| repository | status | tags deleted | manifests deleted | kept |',
        '| --- | --- | --- | --- | --- |',
    ];
    for (const r of report.repositories) {
        const tags = r.deleted?.tags.length ?? r.plan.deleteTags.length;
        const manifests = r.deleted?.manifests.length ?? r.plan.deleteManifests.length;
        const suffix = report.dryRun ? ' (would)' : '';
        lines.push(`| \`${r.plan.repository}\` | ${STATUS_TEXT[statusOf(r, report.dryRun)]} | ${tags}${suffix} | ` +
            `${manifests}${suffix} | ${keptCounts(r.plan.kept) || '—'} |`);
    }
    if (report.unmatched.length > 0) {
        lines.push('', `No repository matched ${report.unmatched.map((g) => `\`${g}\``).join(', ')}.`);
    }
    for (const r of report.repositories) {
        const body = repositoryDetails(r, report.dryRun);
        if (body.length > 0)
            lines.push('', `### \`${r.plan.repository}\``, '', ...body);
    }
    lines.push('');
    return lines.join('\n');
}
function keptCounts(kept) {
    const counts = new Map();
    for (const k of kept)
        counts.set(k.reason, (counts.get(k.reason) ?? 0) + 1);
    return [...counts].map(([reason, n]) => `${n} ${REASON_TEXT[reason]}`).join('<br>');
}
function repositoryDetails(r, dryRun) {
    const lines = [];
    if (r.plan.incomplete)
        lines.push(`- ❌ ${report_escape(r.plan.incomplete)}`);
    if (r.error)
        lines.push(`- ❌ ${report_escape(r.error)}; the rest of this repository was left alone`);
    for (const warning of r.plan.warnings)
        lines.push(`- ⚠️ ${report_escape(warning)}`);
    const tags = r.deleted?.tags ?? (dryRun ? r.plan.deleteTags : []);
    const manifests = r.deleted?.manifests ?? (dryRun ? r.plan.deleteManifests : []);
    const verb = dryRun ? 'Would delete' : 'Deleted';
    if (tags.length > 0) {
        lines.push(`- ${verb} tags: ${capped(tags.map((t) => `\`${t.name}\``))}`);
    }
    if (manifests.length > 0) {
        lines.push(`- ${verb} manifests: ${capped(manifests.map((d) => `\`${d}\``))}`);
    }
    for (const reason of LISTED_REASONS) {
        const kept = r.plan.kept.filter((k) => k.reason === reason);
        if (kept.length === 0)
            continue;
        const items = kept.map((k) => `\`${k.digest}\`${k.tags.length > 0 ? ` (${k.tags.join(', ')})` : ''}` +
            (k.via ? ` via \`${k.via}\`` : ''));
        lines.push(`- Kept, ${REASON_TEXT[reason]}: ${capped(items)}`);
    }
    return lines;
}
function capped(items) {
    if (items.length <= MAX_LISTED)
        return items.join(', ');
    return `${items.slice(0, MAX_LISTED).join(', ')} … and ${items.length - MAX_LISTED} more (see the \`result\` output)`;
}
function report_escape(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

// EXTERNAL MODULE: ./src/registry/client.ts + 5 modules
var client = __webpack_require__(58045);
// EXTERNAL MODULE: ./src/jobs/cleanup-inputs.ts
var cleanup_inputs = __webpack_require__(74600);
// EXTERNAL MODULE: ./src/jobs/context.ts
var jobs_context = __webpack_require__(13783);
// EXTERNAL MODULE: ./src/jobs/exit-codes.ts
var exit_codes = __webpack_require__(86033);
// EXTERNAL MODULE: ./src/jobs/inputs.ts
var jobs_inputs = __webpack_require__(91115);
// EXTERNAL MODULE: ./src/jobs/sign-in.ts + 1 modules
var sign_in = __webpack_require__(62000);
;// CONCATENATED MODULE: ./src/jobs/cleanup.ts
















/** Repositories read and cleaned at once; deletes within one repository go one by one. */
const REPOSITORY_CONCURRENCY = 4;
/** The most repositories the catalog may list: a bound against a listing that never ends. */
const MAX_REPOSITORIES = 100_000;
/**
 * One scheduled cleanup of one registry: sign in keyless, list the repositories the globs
 * select, read each in full, plan (pure), and carry out the plans unless it is a dry run.
 * A repository that can't be read in full is planned as incomplete: nothing is deleted there.
 * A registry that can't be signed in to or listed is the report's failure, with its summary.
 */
async function runCleanup(inputs, context) {
    const login = inputs.azure;
    if (!login) {
        throw new jobs_inputs/* InputError */.dz("azure-client-id, azure-tenant-id: the cleanup works through ACR's own API, which takes " +
            'an Entra identity; set both (keyless login with `permissions: id-token: write`)');
    }
    const send = (0,jobs_context/* transportsOf */.e)(context)();
    const sleep = context.sleep ?? retry/* DEFAULT_RETRY_POLICY */.cO.sleep;
    const report = {
        registry: inputs.registry,
        dryRun: inputs.dryRun,
        repositories: [],
        unmatched: [],
    };
    const signedIn = await context.phase('Sign in', () => (0,sign_in/* signIn */.J)([{ host: inputs.registry, acr: true }], { credentials: new Map(), azure: login, dockerConfig: false }, { ...context, send }));
    const credential = signedIn.credentialFor(inputs.registry);
    const failure = signedIn.failureFor(inputs.registry);
    if (failure || !credential || !signedIn.entra) {
        report.error = failure?.message ?? `${inputs.registry}: no credential`;
        return cleanupOutcome(inputs, report, context.signal);
    }
    const entra = await signedIn.entra;
    const endpoint = { host: inputs.registry, https: true };
    // Every registry call of the cleanup, ours and the SDK's, shares one budget (FACTS.md:
    // ACR's ReadOps/WriteOps per minute by tier, the excess answered 429).
    const pacer = new pace/* OpsPacer */.E0(inputs.sku, {
        sleep,
        ...(context.opsWindowMs && { windowMs: context.opsWindowMs }),
    });
    context.onPacer?.(pacer);
    const registry = new client/* RegistryClient */.b({
        endpoint,
        credential,
        send: (0,pace/* pacedSend */.Yr)(send, pacer),
        onSecret: context.onSecret,
    });
    const { ContainerRegistryClient } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(738), __webpack_require__.e(659)]).then(__webpack_require__.bind(__webpack_require__, 61659));
    const acr = new ContainerRegistryClient(`https://${inputs.registry}`, entra, {
        additionalPolicies: [
            { policy: stopPolicy(context.signal), position: 'perRetry' },
            { policy: pacingPolicy(pacer), position: 'perRetry' },
        ],
    });
    await context.phase(inputs.dryRun ? 'Plan (dry run)' : 'Clean', async () => {
        const names = [];
        try {
            for await (const name of acr.listRepositoryNames()) {
                if (names.length >= MAX_REPOSITORIES) {
                    throw new Error(`the catalog runs past ${MAX_REPOSITORIES} repositories, oci-push's bound against a ` +
                        'listing that never ends');
                }
                names.push((0,untrusted/* checkedRepository */.aR)(name, `${inputs.registry}: the catalog`));
            }
        }
        catch (error) {
            (0,errors/* throwIfInterrupted */.sK)(context.signal);
            report.error =
                `${inputs.registry}: listing its repositories failed (${firstLine(error)}), so nothing ` +
                    'was deleted. Check that the identity may read the catalog (AcrPull, or Catalog Lister ' +
                    'in ABAC registries), then run again';
            return;
        }
        const { selected, unmatched } = (0,repository_glob/* selectRepositories */.XZ)(names, inputs.repositories);
        report.unmatched = unmatched;
        context.log.info(`${inputs.registry}: ${names.length} repositories, ${selected.length} selected by ` +
            inputs.repositories.join(', '));
        const rules = (0,cleanup_inputs/* cleanupRules */.ck)(inputs, context.now());
        const outcomes = [];
        await (0,limit/* forEachLimited */.v)(selected.map((name, i) => ({ name, i })), REPOSITORY_CONCURRENCY, async ({ name, i }) => {
            (0,errors/* throwIfInterrupted */.sK)(context.signal);
            const listing = await readRepository({ acr, registry }, name, inputs.tagPattern);
            const plan = planRepository(listing, rules);
            context.log.info(`${name}: ${listing.manifests.length} manifests; ` +
                (plan.incomplete
                    ? `incomplete, nothing deleted (${plan.incomplete})`
                    : `${inputs.dryRun ? 'would delete' : 'deleting'} ${plan.deleteTags.length} tag(s) ` +
                        `and ${plan.deleteManifests.length} manifest(s), keeping ${plan.kept.length}`));
            const stopped = (0,errors/* interruption */.YW)(context.signal);
            if (stopped && !inputs.dryRun) {
                outcomes[i] = { plan, deleted: { tags: [], manifests: [] }, error: stopped.message };
                return;
            }
            if (inputs.dryRun || plan.incomplete) {
                outcomes[i] = { plan };
                return;
            }
            const deleted = await deletePlanned(acr, plan, sleep);
            outcomes[i] = {
                plan,
                deleted: { tags: deleted.tags, manifests: deleted.manifests },
                ...(deleted.error && { error: deleted.error }),
            };
        }).catch((error) => {
            // A stop ends the loop; what was planned and deleted until then is reported.
            if (!(0,errors/* interruption */.YW)(context.signal))
                throw error;
        });
        report.repositories = outcomes.filter(Boolean);
    });
    return cleanupOutcome(inputs, report, context.signal);
}
function firstLine(error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
/** The report, its input warnings as annotations, and the exit code: 1 when anything failed. */
function cleanupOutcome(inputs, report, signal) {
    const { outputs, summary, failure } = summarize(report);
    return {
        cleanup: report,
        ...(0,jobs_context/* withStop */.d)({
            report: {
                outputs,
                summary,
                annotations: inputs.warnings.map((message) => ({
                    level: 'warning',
                    title: 'oci-push cleanup',
                    message,
                })),
                ...(failure && { failure }),
            },
            exitCode: failure ? exit_codes/* EXIT */.dc.failed : exit_codes/* EXIT */.dc.ok,
        }, signal),
    };
}
/**
 * Stops the Azure SDK's requests with the run: none starts after a stop, and one in flight is
 * aborted (the SDK reads `abortSignal` on each request).
 */
function stopPolicy(signal) {
    return {
        name: 'oci-push-stop',
        sendRequest(request, next) {
            (0,errors/* throwIfInterrupted */.sK)(signal);
            request.abortSignal = signal;
            return next(request);
        },
    };
}
/**
 * The outcome of a cleanup that stopped before it had a report (a bad input, no Azure login,
 * a stop): a summary and a `result` saying so and that nothing was deleted, and the exit
 * code its error maps to (2 for an input error).
 */
function cleanupFailureOutcome(error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
        report: {
            outputs: {
                deleted: '0',
                result: JSON.stringify({ error: message, deleted: 0, repositories: [], unmatched: [] }),
            },
            summary: '## oci-push cleanup: failed before cleaning\n\n' +
                `- **What failed:** ${message.replace(/\n/g, ' ')}\n` +
                '- **What was deleted:** nothing.\n',
            annotations: [],
            failure: message,
        },
        exitCode: (0,exit_codes/* exitCodeForError */.Lo)(error),
    };
}


/***/ })

};

//# sourceMappingURL=676.index.js.map