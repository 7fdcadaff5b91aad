export const id = 468;
export const ids = [468];
export const modules = {

/***/ 4468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(7264);
// EXTERNAL MODULE: ./src/registry/http.ts
var http = __webpack_require__(8851);
// EXTERNAL MODULE: ./src/registry/retry.ts
var retry = __webpack_require__(1521);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(2148);
;// CONCATENATED MODULE: ./src/cleanup/glob.ts
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

// EXTERNAL MODULE: ./src/oci/mediatypes.ts
var mediatypes = __webpack_require__(9572);
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
/** cosign's tag scheme, and the OCI referrers tag scheme (`sha256-<hex>`): the tag names a subject. */
const REFERRER_TAG = /^sha256-([a-f0-9]{64})(?:\.(?:sig|att|sbom))?$/;
/**
 * `tag-pattern` must match a tag *as a whole*: `dev-.*` never matches `1.2.3-dev-x`. The
 * pattern is wrapped in `^(?:…)$`, so users need not anchor it, and an unanchored or
 * alternated pattern (`^a|b$`) can't match more than it says. Stateful flags are dropped.
 */
function wholeTagMatcher(pattern) {
    const whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
    return (tag) => whole.test(tag);
}
/** `sha256-<hex>.sig` and the like → the subject's digest. */
function referrerTagSubject(tag) {
    const match = REFERRER_TAG.exec(tag);
    return match ? `sha256:${match[1]}` : undefined;
}
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
    if (!listing.complete) {
        plan.incomplete =
            `the listing was incomplete (${listing.problem ?? 'a page could not be read'}), ` +
                'so nothing was deleted here; the next run tries again';
        return plan;
    }
    const cutoff = rules.now.getTime() - rules.olderThanMs;
    const isOld = (ms) => Number.isFinite(ms) && ms < cutoff;
    const matches = rules.tagPattern ? wholeTagMatcher(rules.tagPattern) : () => false;
    const manifests = mergeByDigest(listing.manifests);
    const emptyIndex = manifests.find((m) => m.mediaType !== undefined && (0,mediatypes/* isIndexMediaType */.$$)(m.mediaType) && m.children.length === 0);
    if (emptyIndex) {
        plan.incomplete =
            `the index ${emptyIndex.digest} was listed without its manifests, so they could not be ` +
                'protected; nothing was deleted here';
        return plan;
    }
    const tagInfo = new Map();
    const disputed = new Set();
    for (const tag of listing.tags) {
        const seen = tagInfo.get(tag.name);
        if (seen && seen.digest !== tag.digest && !disputed.has(tag.name)) {
            disputed.add(tag.name);
            plan.warnings.push(`${tag.name}: the tag listing shows it on ${seen.digest} and ${tag.digest}; left alone`);
        }
        // Twice on one manifest (pages shifted): the later date and either lock count.
        tagInfo.set(tag.name, seen?.digest === tag.digest
            ? {
                ...tag,
                lastUpdatedOn: new Date(Math.max(lastChange(seen), lastChange(tag))),
                deleteEnabled: seen.deleteEnabled && tag.deleteEnabled,
                writeEnabled: seen.writeEnabled !== false && tag.writeEnabled !== false,
            }
            : tag);
    }
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
            plan.warnings.push(`${name}: the manifest listing puts it on ${manifest.digest}, the tag listing ` +
                `${info ? `on ${info.digest}` : 'nowhere'}; left alone`);
        }
    }
    // Tags: the manifest listing's, and the tag listing's that point here.
    for (const node of nodes.values()) {
        const { manifest } = node;
        const names = [...manifest.tags];
        for (const tag of listing.tags) {
            if (tag.digest === manifest.digest && !names.includes(tag.name))
                names.push(tag.name);
        }
        const manifestLocked = isLocked(manifest);
        for (const name of names) {
            const subject = referrerTagSubject(name);
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
    for (const tag of listing.tags) {
        if (!nodes.has(tag.digest)) {
            plan.warnings.push(`${tag.name}: points at ${tag.digest}, which the manifest listing doesn't show; left alone`);
        }
    }
    // The graph: indexes and their manifests, referrers and their subjects.
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
    const isRoot = (node) => node.parents.length === 0 && node.subjects.length === 0;
    const kept = new Map();
    /** Keeps the seeds, then, level by level, everything they hold (step 4). */
    const keepWithClosure = (seeds) => {
        let frontier = [];
        for (const [digest, reason] of seeds) {
            if (kept.has(digest))
                continue;
            kept.set(digest, { reason });
            frontier.push(digest);
        }
        while (frontier.length > 0) {
            const held = new Set(frontier);
            const next = [];
            for (const digest of order) {
                if (kept.has(digest))
                    continue;
                const node = nodes.get(digest);
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
                kept.set(digest, { reason: hold[0], via: hold[1] });
                next.push(digest);
            }
            frontier = next;
        }
    };
    // Round 1: its own state.
    const own = [];
    for (const digest of order) {
        const node = nodes.get(digest);
        const staying = [...node.tags.values()];
        if (isLocked(node.manifest))
            own.push([digest, 'locked']);
        else if (staying.includes('stays'))
            own.push([digest, 'tagged']);
        else if (staying.includes('locked'))
            own.push([digest, 'tag-locked']);
        else if (!isOld(node.activity))
            own.push([digest, 'too-new']);
    }
    keepWithClosure(own);
    // Round 2: already untagged, and `untagged: false`.
    if (!rules.untagged) {
        keepWithClosure(order
            .filter((d) => !kept.has(d))
            .filter((d) => isRoot(nodes.get(d)) && nodes.get(d).tags.size === 0)
            .map((d) => [d, 'untagged-off']));
    }
    // Round 3: referrers of something this listing doesn't show.
    keepWithClosure(order
        .filter((d) => !kept.has(d))
        .filter((d) => nodes.get(d).subjects.some((s) => !nodes.has(s)))
        .map((d) => [d, 'subject-missing']));
    // Round 4: the `keep` most recently updated roots still to be deleted.
    const spared = order
        .filter((d) => !kept.has(d) && isRoot(nodes.get(d)))
        .sort((a, b) => {
        const byTime = nodes.get(b).activity - nodes.get(a).activity;
        return byTime !== 0 ? byTime : a < b ? -1 : 1;
    })
        .slice(0, Math.max(0, rules.keep));
    keepWithClosure(spared.map((d) => [d, 'keep']));
    // What stays, with its tags after this run.
    const doomed = new Set(order.filter((d) => !kept.has(d)));
    for (const digest of order) {
        const node = nodes.get(digest);
        const decision = kept.get(digest);
        if (!decision) {
            for (const name of node.tags.keys())
                plan.deleteTags.push({ name, digest });
            continue;
        }
        const remaining = [];
        for (const [name, fate] of node.tags) {
            // A root spared by `keep` keeps its tags: a dev build nobody can name is no use.
            if (fate === 'delete' && decision.reason !== 'keep')
                plan.deleteTags.push({ name, digest });
            else
                remaining.push(name);
        }
        plan.kept.push({
            digest,
            tags: remaining,
            reason: decision.reason,
            ...(decision.via && { via: decision.via }),
        });
    }
    plan.deleteManifests = deletionOrder(order, doomed, nodes);
    return plan;
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

;// CONCATENATED MODULE: ./src/cleanup/inputs.ts





const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const DEFAULT_AUDIENCE = 'api://AzureADTokenExchange';
/** The one place that touches `@actions/core`; everything below takes a getter. */
function getCleanupInputs() {
    return parseCleanupInputs((name) => core.getInput(name));
}
function parseCleanupInputs(get) {
    const warnings = [];
    const value = (name) => get(name).trim();
    const registryText = value('registry');
    if (!registryText)
        throw new inputs/* InputError */.dz('registry: required, e.g. gsoci.azurecr.io');
    const registry = (0,inputs/* wrap */.LV)('registry', () => (0,reference/* parseHost */.o6)(registryText, 'registry'));
    const repositories = parseRepositoryGlobs(get('repositories'));
    const olderThan = parseOlderThan(value('older-than'));
    if (olderThan.ms < HOUR) {
        warnings.push(`older-than: ${olderThan.text} is under an hour. A push in progress uploads an index's ` +
            'manifests untagged before the index itself, so a cleanup this eager can delete them ' +
            'mid-push; 1h or more is safer');
    }
    const untagged = (0,inputs/* parseBoolean */.yG)('untagged', value('untagged'), true);
    const tagPatternText = get('tag-pattern').trim();
    const tagPattern = tagPatternText ? parseTagPattern(tagPatternText) : undefined;
    if (!untagged && !tagPattern) {
        throw new inputs/* InputError */.dz('untagged, tag-pattern: with `untagged: false` and no `tag-pattern` nothing can be deleted; ' +
            'set `untagged: true`, a `tag-pattern`, or both');
    }
    const keep = parseKeep(value('keep'));
    const dryRun = (0,inputs/* parseBoolean */.yG)('dry-run', value('dry-run'), false);
    const azure = parseAzureLogin(value);
    return {
        registry,
        repositories,
        olderThan,
        untagged,
        ...(tagPattern && { tagPattern }),
        keep,
        dryRun,
        azure,
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
        throw new inputs/* InputError */.dz(`older-than: required; ${hint}`);
    if (text.startsWith('-'))
        throw new inputs/* InputError */.dz(`older-than: "${text}" is negative; ${hint}`);
    if (/^\d+$/.test(text)) {
        throw new inputs/* InputError */.dz(`older-than: "${text}" has no unit; write ${text}d for days (${hint})`);
    }
    const match = /^(\d+)(m|h|d|w)$/.exec(text);
    if (!match)
        throw new inputs/* InputError */.dz(`older-than: "${text}" is not ${hint}`);
    const amount = Number(match[1]);
    if (amount === 0) {
        throw new inputs/* InputError */.dz(`older-than: "${text}" is zero, which would make everything old enough; ${hint}`);
    }
    const ms = amount * UNITS[match[2]];
    if (!Number.isSafeInteger(ms))
        throw new inputs/* InputError */.dz(`older-than: "${text}" is too large`);
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
    'latest',
];
function parseTagPattern(text) {
    let pattern;
    try {
        pattern = new RegExp(text);
    }
    catch (error) {
        throw new inputs/* InputError */.dz(`tag-pattern: "${text}" is not a JavaScript regular expression (${error.message})`);
    }
    const matches = wholeTagMatcher(pattern);
    const release = RELEASE_TAG_PROBES.find((tag) => matches(tag));
    if (release !== undefined) {
        throw new inputs/* InputError */.dz(`tag-pattern: "${text}" matches the release tag "${release}", and release tags are never ` +
            'deleted by this action. The pattern is matched against whole tags; narrow it to dev ' +
            'tags, e.g. ^dev-.+$ or ^\\d+\\.\\d+\\.\\d+-[0-9a-f]{40}$');
    }
    return pattern;
}
function parseKeep(text) {
    if (text === '')
        return 0;
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
        throw new inputs/* InputError */.dz(`keep: "${text}" is not a whole number of 0 or more`);
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
        (0,inputs/* wrap */.LV)(`repositories line ${i + 1}`, () => globToRegExp(glob));
        if (!globs.includes(glob))
            globs.push(glob);
    }
    if (globs.length === 0) {
        throw new inputs/* InputError */.dz('repositories: required, one glob per line (e.g. giantswarm/*); to clean every ' +
            'repository say so with **');
    }
    return globs;
}
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
function parseAzureLogin(value) {
    const clientId = value('azure-client-id');
    const tenantId = value('azure-tenant-id');
    if (Boolean(clientId) !== Boolean(tenantId)) {
        throw new inputs/* InputError */.dz(`${clientId ? 'azure-tenant-id' : 'azure-client-id'}: required with ` +
            `\`${clientId ? 'azure-client-id' : 'azure-tenant-id'}\`; keyless login needs both`);
    }
    if (clientId && !GUID.test(clientId)) {
        throw new inputs/* InputError */.dz(`azure-client-id: "${clientId}" is not a GUID (the app's client id)`);
    }
    if (tenantId && !GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
        throw new inputs/* InputError */.dz(`azure-tenant-id: "${tenantId}" is not a tenant GUID or domain`);
    }
    const authorityHost = value('azure-authority-host') || DEFAULT_AUTHORITY_HOST;
    let url;
    try {
        url = new URL(authorityHost);
    }
    catch {
        url = undefined;
    }
    if (url?.protocol !== 'https:') {
        throw new inputs/* InputError */.dz(`azure-authority-host: "${authorityHost}" is not an https URL, e.g. ${DEFAULT_AUTHORITY_HOST}`);
    }
    return {
        ...(clientId && { clientId }),
        ...(tenantId && { tenantId }),
        authorityHost,
        audience: value('azure-audience') || DEFAULT_AUDIENCE,
    };
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
        ...(problems.length > 0 && {
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

// EXTERNAL MODULE: ./src/azure/keyless.ts
var azure_keyless = __webpack_require__(9017);
// EXTERNAL MODULE: ./src/limit.ts
var limit = __webpack_require__(7768);
// EXTERNAL MODULE: ./src/registry/client.ts + 2 modules
var client = __webpack_require__(2977);
// EXTERNAL MODULE: ./src/azure/acr.ts
var azure_acr = __webpack_require__(1833);
// EXTERNAL MODULE: ./src/oci/descriptor.ts
var descriptor = __webpack_require__(7592);
// EXTERNAL MODULE: ./src/oci/digest.ts
var digest = __webpack_require__(8825);
;// CONCATENATED MODULE: ./src/cleanup/registry.ts






/** Manifests read at once per repository, to learn each one's subject and children. */
const READ_CONCURRENCY = 8;
/** Attempts per delete; the SDK retries 5xx itself underneath. */
const DELETE_ATTEMPTS = 3;
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
        for await (const m of clients.acr.getRepository(repository).listManifestProperties()) {
            if (!(0,digest/* isDigest */.Bc)(m.digest))
                throw new Error(`the listing holds a malformed digest ${m.digest}`);
            manifests.push({
                digest: m.digest,
                createdOn: m.createdOn,
                lastUpdatedOn: m.lastUpdatedOn,
                tags: [...m.tags],
                deleteEnabled: m.canDelete !== false,
                writeEnabled: m.canWrite !== false,
                children: m.relatedArtifacts
                    .map((r) => r.digest)
                    .filter((d) => (0,digest/* isDigest */.Bc)(d ?? '')),
            });
        }
        const matches = tagPattern ? wholeTagMatcher(tagPattern) : undefined;
        const candidates = manifests.flatMap((m) => m.tags).filter((t) => matches?.(t));
        await (0,limit/* forEachLimited */.v)(candidates, READ_CONCURRENCY, async (name) => {
            const t = await clients.acr.getArtifact(repository, name).getTagProperties(name);
            if (!(0,digest/* isDigest */.Bc)(t.digest))
                throw new Error(`the tag ${name} names a malformed digest`);
            tags.push({
                name,
                digest: t.digest,
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
    for (let attempt = 1;; attempt++) {
        try {
            await work();
            return;
        }
        catch (error) {
            const status = (0,azure_acr/* statusOf */.c2)(error);
            const transient = status === undefined || (0,retry/* isRetryableStatus */.PS)(status);
            if (!transient || attempt >= DELETE_ATTEMPTS)
                throw error;
            await sleep(500 * 2 ** (attempt - 1));
        }
    }
}

;// CONCATENATED MODULE: ./src/cleanup/run.ts







/** Repositories read and cleaned at once; deletes within one repository go one by one. */
const REPOSITORY_CONCURRENCY = 4;
/**
 * One scheduled cleanup of one registry: log in keyless, list the repositories the globs
 * select, read each in full, plan (pure), and carry out the plans unless it is a dry run.
 * A repository that can't be read in full is planned as incomplete: nothing is deleted there.
 */
async function runCleanup(inputs, deps) {
    const { clientId, tenantId } = inputs.azure;
    if (!clientId || !tenantId) {
        throw new Error("azure-client-id, azure-tenant-id: the cleanup works through ACR's own API, which takes " +
            'an Entra identity; set both (keyless login with `permissions: id-token: write`)');
    }
    const login = {
        clientId,
        tenantId,
        audience: inputs.azure.audience,
        ...(inputs.azure.authorityHost !== DEFAULT_AUTHORITY_HOST && {
            authorityHost: inputs.azure.authorityHost,
        }),
    };
    const keyless = { getIdToken: deps.getIdToken, send: deps.send, onSecret: deps.onSecret };
    const credential = await (0,azure_keyless/* entraCredential */.Um)(login, keyless);
    const endpoint = { host: inputs.registry, https: true };
    const registry = new client/* RegistryClient */.b({
        endpoint,
        credential: await (0,azure_keyless/* acrRefreshToken */.fr)(endpoint, credential, login, keyless),
        send: deps.send,
        onSecret: deps.onSecret,
    });
    const { ContainerRegistryClient } = await Promise.all(/* import() */[__webpack_require__.e(738), __webpack_require__.e(659)]).then(__webpack_require__.bind(__webpack_require__, 1659));
    const acr = new ContainerRegistryClient(`https://${inputs.registry}`, credential);
    const names = [];
    for await (const name of acr.listRepositoryNames())
        names.push(name);
    const { selected, unmatched } = selectRepositories(names, inputs.repositories);
    deps.log(`${inputs.registry}: ${names.length} repositories, ${selected.length} selected by ` +
        inputs.repositories.join(', '));
    const rules = cleanupRules(inputs, deps.now());
    const outcomes = new Array(selected.length);
    await (0,limit/* forEachLimited */.v)(selected.map((name, i) => ({ name, i })), REPOSITORY_CONCURRENCY, async ({ name, i }) => {
        const listing = await readRepository({ acr, registry }, name, inputs.tagPattern);
        const plan = planRepository(listing, rules);
        deps.log(`${name}: ${listing.manifests.length} manifests; ` +
            (plan.incomplete
                ? `incomplete, nothing deleted (${plan.incomplete})`
                : `${inputs.dryRun ? 'would delete' : 'deleting'} ${plan.deleteTags.length} tag(s) ` +
                    `and ${plan.deleteManifests.length} manifest(s), keeping ${plan.kept.length}`));
        if (inputs.dryRun || plan.incomplete) {
            outcomes[i] = { plan };
            return;
        }
        const deleted = await deletePlanned(acr, plan, deps.sleep);
        outcomes[i] = {
            plan,
            deleted: { tags: deleted.tags, manifests: deleted.manifests },
            ...(deleted.error && { error: deleted.error }),
        };
    });
    return { registry: inputs.registry, dryRun: inputs.dryRun, repositories: outcomes, unmatched };
}

;// CONCATENATED MODULE: ./src/cleanup/main.ts







/** inputs → read → plan → delete → report, for `uses: giantswarm/oci-push/cleanup@v1`. */
async function run() {
    try {
        const inputs = await core.group('Inputs', async () => getCleanupInputs());
        for (const warning of inputs.warnings)
            core.warning(warning, { title: 'oci-push cleanup' });
        const report = await core.group(inputs.dryRun ? 'Plan (dry run)' : 'Clean', () => runCleanup(inputs, {
            getIdToken: (audience) => core.getIDToken(audience),
            send: (0,retry/* withRetry */.bD)((0,http/* createTransport */.oO)({ userAgent: version/* USER_AGENT */._ }), retry/* DEFAULT_RETRY_POLICY */.cO),
            onSecret: core.setSecret,
            log: core.info,
            now: () => new Date(),
            sleep: retry/* DEFAULT_RETRY_POLICY */.cO.sleep,
        }));
        const summary = summarize(report);
        for (const [name, value] of Object.entries(summary.outputs))
            core.setOutput(name, value);
        await core.summary.addRaw(summary.summary).write();
        if (summary.failure)
            core.setFailed(summary.failure);
    }
    catch (error) {
        core.setFailed(error instanceof Error ? error.message : String(error));
    }
}


/***/ })

};

//# sourceMappingURL=468.index.js.map