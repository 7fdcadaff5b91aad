export const id = 509;
export const ids = [509];
export const modules = {

/***/ 80229:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ toolSaid)
/* harmony export */ });
/** How much of a tool's own output a message quotes: enough for its error, never a flood. */
const QUOTED_CHARACTERS = 1_500;
/**
 * What a tool we ran (docker, helm) said, as a message may quote it: trimmed, white space
 * folded to single spaces, and only its last 1,500 characters, where its error is, so a tool
 * that prints pages of progress can't turn one annotation into pages.
 */
function toolSaid(output) {
    const folded = output.trim().replace(/\s+/g, ' ');
    return folded.length > QUOTED_CHARACTERS ? `…${folded.slice(-QUOTED_CHARACTERS)}` : folded;
}


/***/ }),

/***/ 15637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ findAttachmentCandidates),
/* harmony export */   M: () => (/* binding */ attachToTarget)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _oci_descriptor_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(47592);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(68825);
/* harmony import */ var _oci_referrers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(50961);
/* harmony import */ var _copy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(33237);
/* harmony import */ var _referrers_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(53974);






/**
 * A registry is believed about this many referrers of one subject, per target: a hostile
 * listing of thousands is not read one by one.
 */
const MAX_CANDIDATES_PER_TARGET = 8;
/**
 * The referrers of `subject` at each target that `wanted` keeps, listed as a verifier lists
 * them (referrers API or fallback tag), the one most targets hold first. Only listed here;
 * each is read when the job asks, so the first that holds is the last one read.
 */
async function findAttachmentCandidates(targets, subject, options) {
    const listings = await Promise.all(targets.map(async (target) => {
        const { client, repository } = target;
        try {
            const { listed, api } = await (0,_referrers_js__WEBPACK_IMPORTED_MODULE_5__/* .listReferrers */ .xt)(client, repository, subject);
            const via = (0,_referrers_js__WEBPACK_IMPORTED_MODULE_5__/* .listedVia */ .K2)(api, subject);
            return { target, via, listed: listed.filter(options.wanted) };
        }
        catch (error) {
            options.onUnreadable(`${client.host}/${repository}: the referrers of ${subject} could not be listed ` +
                `(${(0,_copy_js__WEBPACK_IMPORTED_MODULE_4__/* .describeFailure */ .Ic)(error, target).message}); nothing there is reused`);
            return undefined;
        }
    }));
    const held = new Map();
    for (const listing of listings) {
        if (!listing)
            continue;
        for (const listed of listing.listed.slice(0, MAX_CANDIDATES_PER_TARGET)) {
            const holders = held.get(listed.digest) ?? [];
            holders.push({ target: listing.target, via: listing.via, listed });
            held.set(listed.digest, holders);
        }
    }
    // Stable: among those held as widely, the first target's listing order decides.
    return [...held]
        .sort(([, a], [, b]) => b.length - a.length)
        .map(([digest, holders]) => ({
        digest,
        foundAt: holders.map((h) => ({
            where: `${h.target.client.host}/${h.target.repository}`,
            via: h.via,
        })),
        read: async () => {
            let failure;
            for (const { target, listed } of holders) {
                try {
                    return await readCandidate(target, listed, options.maxBytes);
                }
                catch (error) {
                    failure = error;
                }
            }
            throw failure;
        },
    }));
}
/** A listed referrer, read whole as it is stored; refused beyond `maxBytes`. */
async function readCandidate(target, listed, maxBytes) {
    const { client, repository } = target;
    const where = `${client.host}/${repository}@${listed.digest}`;
    const { bytes } = await client.getManifest(repository, listed.digest);
    const blobs = (0,_oci_descriptor_js__WEBPACK_IMPORTED_MODULE_1__/* .parseManifest */ .Ng)(bytes, '', where).blobs;
    const size = blobs.reduce((n, b) => n + b.size, 0);
    if (size > maxBytes) {
        throw new Error(`${where}: its blobs are ${size} bytes, more than oci-push reads to reuse`);
    }
    const bodies = await readBlobs(target, blobs);
    return {
        manifest: { descriptor: (0,_oci_referrers_js__WEBPACK_IMPORTED_MODULE_3__/* .referrerDescriptor */ .xh)(listed, bytes), bytes },
        blobs: blobs.map((descriptor, i) => ({ descriptor, bytes: bodies[i] })),
    };
}
/**
 * Pushes the attachments to one target, then reads each back the way a verifier looks for
 * it: listed as a referrer of its subject (API or fallback tag), its manifest and blobs
 * fetched, and checked by the job. Never throws: a failure is in its outcome.
 */
async function attachToTarget(attachments, target, holders) {
    const bySubject = new Map();
    for (const a of attachments) {
        const entry = bySubject.get(a.subject.digest) ?? {
            subject: a.subject.digest,
            referrers: [],
            tagged: [],
        };
        entry.referrers.push({
            subject: a.subject.digest,
            descriptor: a.manifest.descriptor,
            graph: {
                root: a.manifest.descriptor,
                manifests: [{ descriptor: a.manifest.descriptor, bytes: a.manifest.bytes, children: [] }],
                blobs: a.blobs.map((b) => b.descriptor),
            },
        });
        bySubject.set(a.subject.digest, entry);
    }
    const copied = await (0,_referrers_js__WEBPACK_IMPORTED_MODULE_5__/* .copyReferrers */ .kV)(heldSource(attachments), [...bySubject.values()], target, {
        ...(holders && { holders }),
    });
    return Promise.all(attachments.map(async (a) => {
        const digest = a.manifest.descriptor.digest;
        const copiedOutcome = copied.outcomes.find((o) => o.digest === digest && o.subject === a.subject.digest);
        const outcome = {
            subject: a.subject.digest,
            digest,
            label: a.label,
            action: copiedOutcome?.action === 'present' ? 'present' : 'pushed',
            via: (0,_referrers_js__WEBPACK_IMPORTED_MODULE_5__/* .listedVia */ .K2)(copied.api, a.subject.digest),
        };
        if (!copiedOutcome || copiedOutcome.action === 'failed') {
            return {
                ...outcome,
                action: 'failed',
                error: copiedOutcome?.error ?? 'it was not pushed',
            };
        }
        try {
            await a.checkFound(await readBack(target, digest));
            return outcome;
        }
        catch (error) {
            const { client, repository } = target;
            return {
                ...outcome,
                action: 'failed',
                error: `${client.host}/${repository}: the ${a.label} ${digest} of ${a.subject.digest}, read ` +
                    `back as a verifier reads it, does not hold: ${(0,_copy_js__WEBPACK_IMPORTED_MODULE_4__/* .describeFailure */ .Ic)(error, target).message}`,
            };
        }
    }));
}
/** A manifest and its blobs as the target serves them, each checked against its digest. */
async function readBack(target, digest) {
    const { client, repository } = target;
    const where = `${client.host}/${repository}@${digest}`;
    const { bytes } = await client.getManifest(repository, digest);
    return { manifest: bytes, blobs: await readBlobs(target, (0,_oci_descriptor_js__WEBPACK_IMPORTED_MODULE_1__/* .parseManifest */ .Ng)(bytes, '', where).blobs) };
}
async function readBlobs(target, blobs) {
    const { client, repository } = target;
    const bodies = [];
    for (const blob of blobs) {
        const chunks = [];
        for await (const chunk of await client.getBlob(repository, blob.digest, blob.size))
            chunks.push(chunk);
        const body = Buffer.concat(chunks);
        (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .verifyBytes */ .RV)(body, blob.digest, blob.size, `${client.host}/${repository}: blob ${blob.digest}`);
        bodies.push(body);
    }
    return bodies;
}
/** The attachments as a source the referrer path reads from: everything is in memory. */
function heldSource(attachments) {
    const held = new Map();
    for (const a of attachments) {
        held.set(a.manifest.descriptor.digest, a.manifest);
        for (const blob of a.blobs)
            held.set(blob.descriptor.digest, blob);
    }
    const get = (descriptor) => {
        const found = held.get(descriptor.digest);
        if (!found)
            throw new Error(`oci-push made no ${descriptor.digest} to push`);
        return found.bytes;
    };
    return {
        name: 'signatures made by oci-push',
        resolve: () => Promise.reject(new Error('signatures have no root of their own')),
        fetchManifest: (descriptor) => Promise.resolve(get(descriptor)),
        openBlob: (descriptor) => Promise.resolve(node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from([get(descriptor)])),
    };
}


/***/ }),

/***/ 7230:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ registryClients)
/* harmony export */ });
/* harmony import */ var _registry_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58045);
/* harmony import */ var _registry_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41521);


/**
 * One client per registry host for a whole run, so one token cache serves every repository
 * of it: made with the settings of the first caller (a host has one role in a run).
 */
function registryClients(deps) {
    const clients = new Map();
    const transport = deps.transport ?? (0,_registry_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .registryTransports */ .Sc)({ userAgent: deps.userAgent, log: deps.log.info });
    return (host, settings = {}) => {
        let client = clients.get(host);
        if (!client) {
            const { insecure = false, https = false, timeoutMs, attempts, send } = settings;
            const credential = deps.credentialFor(host);
            client = new _registry_client_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryClient */ .b({
                endpoint: { host, insecure, https },
                ...(credential && { credential }),
                send: send ?? transport({ timeoutMs, attempts }),
                onSecret: deps.onSecret,
                onToken: ({ realm, scopes }) => deps.log.debug(`${host}: token from ${realm} for ${scopes.join(' ')}`),
            });
            clients.set(host, client);
        }
        return client;
    };
}


/***/ }),

/***/ 33237:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A4: () => (/* binding */ putChildManifests),
/* harmony export */   Ic: () => (/* binding */ describeFailure),
/* harmony export */   a0: () => (/* binding */ copyGraph),
/* harmony export */   f6: () => (/* binding */ loadGraph),
/* harmony export */   fj: () => (/* binding */ BlobHolders),
/* harmony export */   wT: () => (/* binding */ copyBlobs)
/* harmony export */ });
/* unused harmony exports DEFAULT_BLOB_CONCURRENCY, TagConflictError, LostRaceError */
/* harmony import */ var _oci_descriptor_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(47592);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6764);
/* harmony import */ var _registry_http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(58851);
/* harmony import */ var _base_limit_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1274);




/** Docker pushes 5 layers at once; one more lets the config blob ride along. */
const DEFAULT_BLOB_CONCURRENCY = 6;
/** An immutable tag already holds another digest. */
class TagConflictError extends Error {
    name = 'TagConflictError';
}
/**
 * A tag this run wrote (or found in place) holds another digest when read back: another run
 * wrote it in between. Registries have no conditional tag write, so this is detected, not
 * prevented.
 */
class LostRaceError extends Error {
    name = 'LostRaceError';
}
const DEFAULT_RACE_SETTLE_MS = 1000;
/** The graph of what the source names, or of `from` (a referrer) when given. */
async function loadGraph(source, from) {
    const root = from ?? (await source.resolve());
    const manifests = [];
    const blobs = new Map();
    const seen = new Set();
    const visit = async (descriptor) => {
        if (seen.has(descriptor.digest))
            return;
        seen.add(descriptor.digest);
        const bytes = await source.fetchManifest(descriptor);
        const where = `${source.name}: manifest ${descriptor.digest}`;
        const parsed = (0,_oci_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseManifest */ .Ng)(bytes, descriptor.mediaType, where);
        for (const child of parsed.manifests)
            await visit(child);
        for (const blob of parsed.blobs) {
            // A foreign layer stays where its URLs say: neither read from the source nor uploaded.
            if (!blobs.has(blob.digest) && !(0,_oci_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .isForeignLayer */ .sJ)(blob))
                blobs.set(blob.digest, blob);
        }
        manifests.push({
            descriptor: { ...descriptor, mediaType: parsed.mediaType },
            bytes,
            children: parsed.manifests.map((m) => m.digest),
        });
    };
    await visit(root);
    return { root, manifests, blobs: [...blobs.values()] };
}
/**
 * Copies the graph into every target at once. Per target: read the tags first (a refused or
 * unchanged release writes nothing), then blobs, then manifests children-first with the root
 * last and by digest, then a check that the root is really there, and only then the tags, so
 * a tag never points at something incomplete; then the tags are read back (see `writeTags`).
 * One target's failure never stops the others.
 */
async function copyGraph(source, graph, targets, options = {}) {
    return Promise.all(targets.map((target) => copyToTarget(source, graph, target, options)));
}
async function copyToTarget(source, graph, target, options) {
    const now = options.now ?? Date.now;
    const started = now();
    const digest = graph.root.digest;
    const result = {
        host: target.client.host,
        repository: target.repository,
        status: options.dryRun ? 'would-push' : 'pushed',
        digest,
        tags: [],
        blobs: { skipped: 0, uploaded: 0, mounted: 0 },
        bytesUploaded: 0,
        seconds: 0,
    };
    try {
        if (target.failure)
            throw target.failure;
        const { client, repository } = target;
        await client.ping();
        const tags = target.tags ?? options.tags ?? [];
        const locked = new Set();
        for (const tag of tags) {
            const previous = target.knownTags?.has(tag)
                ? target.knownTags.get(tag)
                : (await client.headManifest(repository, tag))?.digest;
            const immutable = options.immutableTags?.includes(tag) ?? false;
            const isLocked = target.lockedTags?.includes(tag) ?? false;
            const moving = previous !== undefined && previous !== digest;
            if (moving && isLocked)
                locked.add(tag);
            const action = previous === undefined
                ? 'created'
                : !moving
                    ? 'unchanged'
                    : isLocked || (immutable && !options.overwrite)
                        ? 'refused'
                        : 'moved';
            result.tags.push({ tag, ...(previous && { previous }), action });
        }
        const refused = result.tags.filter((t) => t.action === 'refused');
        if (refused.length > 0) {
            result.status = 'refused';
            result.error = new TagConflictError(refused
                .map((t) => locked.has(t.tag)
                ? `${client.host}/${repository}:${t.tag} holds ${t.previous} and is locked ` +
                    '(writeEnabled: false), so not even `overwrite: true` moves it. Release a new ' +
                    `version; or, if this release really must be replaced, unlock it first (az acr ` +
                    `repository update --image ${repository}:${t.tag} --write-enabled true ` +
                    '--delete-enabled true)'
                : `${client.host}/${repository}:${t.tag} already holds ${t.previous}, a different ` +
                    `image than ${digest}. Release tags are immutable: release a new version, or set ` +
                    '`overwrite: true` to move the tag on purpose')
                .join('; '));
            return result;
        }
        const root = graph.manifests.at(-1);
        const rootPresent = (await client.headManifest(repository, digest))?.digest === digest;
        // A root that gets a tag is written by that tag alone: the registry checks its children
        // and blobs on that PUT just as on one by digest, and the tag is read back after it.
        const rootByTag = !rootPresent &&
            !options.dryRun &&
            !target.beforeTags &&
            result.tags.some((t) => t.action !== 'unchanged');
        if (rootPresent) {
            // A registry only accepts a manifest whose blobs and children it holds, so the whole
            // graph is there already.
            result.blobs.skipped = graph.blobs.length;
        }
        else {
            await copyBlobs(source, graph, target, result, options);
            if (!options.dryRun) {
                await putChildManifests(graph, target);
                if (!rootByTag && root) {
                    await client.putManifest(repository, digest, root.bytes, root.descriptor.mediaType);
                }
                const present = rootByTag || (await client.headManifest(repository, digest))?.digest === digest;
                if (!present) {
                    throw new Error(`${client.host}/${repository}: the registry accepted ${digest} but does not serve it ` +
                        'back; not tagging it or reporting it as pushed');
                }
            }
        }
        if (!options.dryRun && root) {
            await target.beforeTags?.();
            await writeTags(target, result, root, options, !rootByTag);
            if (rootPresent && result.tags.every((t) => t.action === 'unchanged')) {
                result.status = 'unchanged';
            }
            await target.afterTagsVerified?.({
                result,
                manifests: graph.manifests.map((m) => m.descriptor.digest),
            });
        }
    }
    catch (error) {
        // A registry that keeps its tags (Aliyun's immutable repositories) refused, as we would.
        result.status = error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryError */ .gl && error.refusesOverwrite ? 'refused' : 'failed';
        result.error = describeFailure(error, target);
    }
    finally {
        result.seconds = (now() - started) / 1000;
    }
    return result;
}
/**
 * Puts every manifest of the graph but the root, each once the manifests it lists are in:
 * siblings (the platforms of an index) go in together, not one round trip after another.
 */
async function putChildManifests(graph, target) {
    const { client, repository } = target;
    const isHeld = async (digest) => (await client.headManifest(repository, digest))?.digest === digest;
    const put = async ({ descriptor, bytes }) => {
        // Never PUT what a registry that may refuse it holds: ACR may refuse a child shared with
        // a locked release (writeEnabled: false), even unchanged (FACTS.md: unconfirmed).
        if (target.asksBeforeManifests && (await isHeld(descriptor.digest)))
            return;
        try {
            await client.putManifest(repository, descriptor.digest, bytes, descriptor.mediaType);
        }
        catch (error) {
            // A registry with locks of its own that we were not told of: what it holds is fine.
            const refused = error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryError */ .gl && [403, 405, 409].includes(error.status);
            if (!refused || !(await isHeld(descriptor.digest)))
                throw error;
        }
    };
    const done = new Map();
    for (const manifest of graph.manifests.slice(0, -1)) {
        const after = (manifest.children ?? []).flatMap((c) => done.get(c) ?? []);
        done.set(manifest.descriptor.digest, Promise.all(after).then(() => put(manifest)));
    }
    // Every PUT settles before the copy goes on (or fails), so none runs on behind a failure.
    const failure = (await Promise.allSettled(done.values())).find((r) => r.status === 'rejected');
    if (failure)
        throw failure.reason;
}
/**
 * Points the tags at the root, and checks that they stay there. Each immutable tag is read
 * again right before its PUT (another run may have released it since the first read), every
 * tag is read back after it is written, and all of them once more after a pause, so of two
 * runs racing for a tag, the one whose PUT landed first notices the other's. This narrows the
 * window; only a registry-side conditional write could close it, and there is none.
 */
async function writeTags(target, result, root, options, 
/** False when the root goes in by its first tag (see `rootByTag`). */
rootWritten) {
    const { client, repository } = target;
    const digest = result.digest;
    for (const outcome of result.tags) {
        const immutable = options.immutableTags?.includes(outcome.tag) ?? false;
        if (outcome.action !== 'unchanged') {
            const now = (await client.headManifest(repository, outcome.tag))?.digest;
            if (immutable && !options.overwrite && now !== undefined && now !== digest) {
                // The image is kept by digest, as the message says, so the run that lost can be
                // inspected or tagged by hand.
                if (!rootWritten)
                    await client.putManifest(repository, digest, root.bytes, root.descriptor.mediaType);
                throw lostRace(target, outcome.tag, now, digest, 'before this run wrote it');
            }
            if (now !== digest) {
                await client.putManifest(repository, outcome.tag, root.bytes, root.descriptor.mediaType);
            }
            rootWritten = true;
        }
        await checkTag(target, outcome.tag, digest, 'right after this run wrote it');
    }
    if (!result.tags.some((t) => t.action !== 'unchanged') || options.raceSettleMs === 0)
        return;
    await (options.sleep ?? sleep)(options.raceSettleMs ?? DEFAULT_RACE_SETTLE_MS);
    for (const outcome of result.tags) {
        await checkTag(target, outcome.tag, digest, 'a moment after this run wrote it');
    }
}
async function checkTag(target, tag, digest, when) {
    const held = (await target.client.headManifest(target.repository, tag))?.digest;
    if (held !== digest)
        throw lostRace(target, tag, held, digest, when);
}
function lostRace(target, tag, held, digest, when) {
    const where = `${target.client.host}/${target.repository}:${tag}`;
    return new LostRaceError(`${where} lost a race: it ${held ? `holds ${held}` : 'is gone'}, not this run's ${digest}, ` +
        `${when}. Another run (or someone) wrote the tag at the same time; this run's image is ` +
        'in the registry by digest only. Run one release of a ref at a time with a ' +
        '`concurrency:` group in the workflow (see the README), then re-run the release that ' +
        'should hold the tag (with `overwrite: true` if it must move)');
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Blobs this small are uploaded without asking whether the target has them. */
const UNASKED_BLOB_MAX = 16 * 1024;
/**
 * Puts the graph's blobs at the target: skipped when there, else mounted or uploaded. For a
 * graph whose root the target lacks.
 */
async function copyBlobs(source, graph, target, result, options) {
    const { client, repository } = target;
    const holders = options.holders ?? new BlobHolders();
    const totalBytes = graph.blobs.reduce((sum, b) => sum + b.size, 0);
    let sentBytes = 0;
    const onBytes = options.hooks?.onProgress
        ? (bytes) => {
            sentBytes += bytes;
            options.hooks?.onProgress?.({ target, bytes: sentBytes, totalBytes });
        }
        : undefined;
    await (0,_base_limit_js__WEBPACK_IMPORTED_MODULE_3__/* .forEachLimited */ .v)(graph.blobs, options.blobConcurrency ?? DEFAULT_BLOB_CONCURRENCY, async (blob) => {
        let outcome = 'skipped';
        // Asked only when this run knows nothing better: a blob it saw or put in this repository
        // is there, and one another repository of the registry holds is mounted straight away
        // (a mount of a blob the repository has already is accepted as well). A tiny blob (a
        // config) of a manifest the target lacks is nearly always missing too: sending it
        // costs less than asking first.
        const known = holders.heldIn(client.host, blob.digest, repository);
        const mountable = !options.dryRun && holders.holderOf(client.host, blob.digest, repository);
        const ask = options.dryRun || (!mountable && blob.size > UNASKED_BLOB_MAX);
        if (known || (ask && (await client.blobExists(repository, blob.digest)))) {
            holders.holds(client.host, blob.digest, repository);
        }
        else if (options.dryRun) {
            outcome = holders.holderOf(client.host, blob.digest, repository) ? 'mounted' : 'uploaded';
        }
        else {
            const claim = holders.claim(client.host, blob.digest, repository);
            try {
                const mountFrom = await claim.mountFrom;
                outcome = await client.pushBlob(repository, blob, {
                    open: () => source.openBlob(blob),
                    ...(mountFrom !== undefined && { mountFrom }),
                    ...(onBytes && { onBytes }),
                });
                claim.settle(true);
            }
            catch (error) {
                claim.settle(false);
                throw error;
            }
        }
        if (outcome === 'uploaded')
            result.bytesUploaded += blob.size;
        result.blobs[outcome]++;
        options.hooks?.onBlob?.({ target, blob, outcome });
    });
}
/**
 * Which repositories of each registry hold (or are about to hold) which blobs in this run,
 * so that a second repository on the same registry mounts a blob instead of uploading it
 * again. The first target to need a blob uploads it; the others wait for that upload and
 * then mount from it, or upload themselves if it failed.
 */
class BlobHolders {
    byHost = new Map();
    /** `repository` on `host` is known to hold the blob (it was there, or it is the source). */
    holds(host, digest, repository) {
        const blobs = this.blobsOf(host);
        const holder = blobs.get(digest);
        if (holder)
            holder.known.add(repository);
        else
            blobs.set(digest, { repository, ready: Promise.resolve(true), known: new Set([repository]) });
    }
    /** Whether this run saw the blob in `repository`, or put it there. */
    heldIn(host, digest, repository) {
        return this.byHost.get(host)?.get(digest)?.known.has(repository) ?? false;
    }
    holderOf(host, digest, repository) {
        const holder = this.byHost.get(host)?.get(digest);
        return holder && holder.repository !== repository ? holder.repository : undefined;
    }
    /**
     * Called by a target about to put a blob. `mountFrom` resolves to a repository to mount
     * from, or undefined when the caller is the first (or the earlier upload failed).
     */
    claim(host, digest, repository) {
        const blobs = this.blobsOf(host);
        const holder = blobs.get(digest);
        if (holder && holder.repository !== repository) {
            return {
                mountFrom: holder.ready.then((ok) => (ok ? holder.repository : undefined)),
                settle: (ok) => {
                    if (ok)
                        holder.known.add(repository);
                },
            };
        }
        let settle = () => undefined;
        const ready = new Promise((resolve) => (settle = resolve));
        const claimed = { repository, ready, known: new Set() };
        blobs.set(digest, claimed);
        return {
            mountFrom: Promise.resolve(undefined),
            settle: (ok) => {
                if (ok)
                    claimed.known.add(repository);
                else if (blobs.get(digest) === claimed)
                    blobs.delete(digest);
                settle(ok);
            },
        };
    }
    blobsOf(host) {
        let blobs = this.byHost.get(host);
        if (!blobs)
            this.byHost.set(host, (blobs = new Map()));
        return blobs;
    }
}
/** Network errors carry no host of their own; say which registry and what to check. */
function describeFailure(error, target) {
    if (error instanceof _registry_http_js__WEBPACK_IMPORTED_MODULE_2__/* .NetworkError */ .Dr && error.proxy) {
        return new Error(`${target.client.host}/${target.repository}: could not be reached through the proxy ` +
            `${error.proxy} (${error.code ?? 'network error'}: ${error.message}), after retries.`, { cause: error });
    }
    if (error instanceof _registry_http_js__WEBPACK_IMPORTED_MODULE_2__/* .NetworkError */ .Dr) {
        return new Error(`${target.client.host}/${target.repository}: the registry could not be reached or dropped ` +
            `the connection (${error.code ?? 'network error'}: ${error.message}), after retries. ` +
            `Check the host in \`${target.input ?? 'registries'}\`, and that the registry is up and ` +
            'reachable from the runner.', { cause: error });
    }
    return error instanceof Error ? error : new Error(String(error));
}


/***/ }),

/***/ 30955:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DY: () => (/* binding */ lineVisibility),
/* harmony export */   MG: () => (/* binding */ planPush),
/* harmony export */   P_: () => (/* binding */ decideBuild),
/* harmony export */   zu: () => (/* binding */ takesVisibility)
/* harmony export */ });
/* unused harmony exports PlanError, releaseVersionOfTag, planSigning */
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34758);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62148);
/* harmony import */ var _oci_dev_version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77803);
/* harmony import */ var _oci_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12829);




/** A marker word: `public`, `private`, `public/private` (or `private/public`, as the orb takes). */
function lineVisibility(word) {
    if (word === 'public' || word === 'private')
        return word;
    if (word === 'public/private' || word === 'private/public')
        return 'public/private';
    return undefined;
}
/** Whether a registry line (or sync target) with this marker takes a repository of `repo`. */
function takesVisibility(marker, repo) {
    return marker === 'public/private' || (marker ?? 'public') === repo;
}
/** A plan can't be made from these inputs; the message names the input and the fix. */
class PlanError extends _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OciPushError */ .iQ {
    name = 'PlanError';
    code = 'plan';
}
const FULL_SHA = /^[0-9a-f]{40}$/;
function decideBuild(inputs, git) {
    const override = inputs.version === undefined ? undefined : strictSemver(inputs.version, 'version');
    const tag = git.ref.startsWith('refs/tags/') ? git.ref.slice('refs/tags/'.length) : undefined;
    const releaseFromTag = tag === undefined ? undefined : releaseVersionOfTag(tag, inputs.tagPrefix);
    if (inputs.build === 'release' || (inputs.build === 'auto' && releaseFromTag)) {
        const version = override ?? releaseFromTag;
        if (version === undefined) {
            throw new PlanError(`build: release needs a version, and ${git.ref || 'this ref'} is not a release tag ` +
                `${inputs.tagPrefix}vX.Y.Z; push such a tag, or set \`version\``);
        }
        const why = inputs.build === 'release' ? 'build: release was set' : `the tag ${tag} is a release tag`;
        const from = override === undefined ? `from the tag ${tag}` : 'from the `version` input';
        return { build: 'release', version, reason: `Release: ${why}; version ${version} ${from}.` };
    }
    const why = inputs.build === 'dev'
        ? 'build: dev was set'
        : `${git.ref || 'this ref'} is not a release tag ${inputs.tagPrefix}vX.Y.Z`;
    const warning = tag === undefined ? undefined : almostReleaseTag(tag, inputs.tagPrefix);
    const branch = git.ref.startsWith('refs/heads/') ? git.ref.slice('refs/heads/'.length) : '';
    return {
        ...devDecision(inputs, git, why, override),
        ...(branch && { branch }),
        ...(warning && { warning }),
    };
}
/**
 * A tag that a person meant as a release but that is not `<prefix>vX.Y.Z` (`1.2.3`,
 * `V1.2.3`, or the version without the prefix): pushed as a dev build, with a warning that
 * says why and what the tag should have been.
 */
function almostReleaseTag(tag, prefix) {
    const rest = tag.startsWith(prefix) ? tag.slice(prefix.length) : tag;
    if (!/^[vV]?\d+\.\d+\.\d+/.test(rest) || rest.startsWith('v'))
        return undefined;
    const version = rest.replace(/^[vV]/, '');
    return (`The tag ${tag} looks like a release, but release tags are ${prefix}vX.Y.Z (a lower-case v` +
        `${prefix ? ` after the \`tag-prefix\` ${prefix}` : ''}), so this is a dev build. To ` +
        `release ${version}, tag ${prefix}v${version}` +
        (prefix ? '' : ', or set `tag-prefix` if this repository prefixes its tags'));
}
function devDecision(inputs, git, why, override) {
    if (override !== undefined) {
        return {
            build: 'dev',
            version: override,
            reason: `Dev: ${why}; version ${override} from the \`version\` input.`,
        };
    }
    if (!FULL_SHA.test(git.sha)) {
        throw new PlanError(`The commit sha "${git.sha}" is not a full 40-hex sha, so a dev version can't be made; ` +
            'run in GitHub Actions (GITHUB_SHA) or set `version`');
    }
    if (!git.commitTime || Number.isNaN(git.commitTime.getTime())) {
        throw new PlanError(`The time of commit ${git.sha.slice(0, 12)} is unknown, so a dev version can't be made; ` +
            'run in the git checkout of the commit, or set `version`');
    }
    const version = (0,_oci_dev_version_js__WEBPACK_IMPORTED_MODULE_2__/* .devVersion */ .c)(git.nearestRelease, git.commitTime, git.sha);
    const release = git.nearestRelease
        ? `the nearest release ${git.nearestRelease}`
        : 'no earlier release in the history (fetch tags for one)';
    const time = `${git.commitTime.toISOString()} (${git.commitTimeSource ?? 'its commit time'})`;
    return {
        build: 'dev',
        version,
        reason: `Dev: ${why}; version from ${release}, commit ${git.sha.slice(0, 12)} at ${time}.`,
    };
}
/**
 * `<prefix>v<semver>` → the version. A tag that starts like a release (`<prefix>v` and a
 * digit) but isn't semver is an error, never silently a dev build.
 */
function releaseVersionOfTag(tag, prefix) {
    if (!tag.startsWith(`${prefix}v`))
        return undefined;
    const rest = tag.slice(prefix.length + 1);
    if (!/^\d/.test(rest))
        return undefined;
    if (!(0,_oci_version_js__WEBPACK_IMPORTED_MODULE_3__/* .isStrictSemver */ .i)(rest)) {
        throw new PlanError(`The tag ${tag} looks like a release, but "${rest}" is not semver (X.Y.Z, optionally ` +
            `-prerelease and +build). Tag the release ${prefix}vX.Y.Z, or set \`build: dev\` to ` +
            'push this ref as a dev build');
    }
    return rest;
}
function strictSemver(value, input) {
    const version = value.startsWith('v') ? value.slice(1) : value;
    if (!(0,_oci_version_js__WEBPACK_IMPORTED_MODULE_3__/* .isStrictSemver */ .i)(version)) {
        throw new PlanError(`${input}: "${value}" is not a semver version (X.Y.Z, optionally -prerelease and +build)`);
    }
    return version;
}
/**
 * Where each artifact goes, given the build decision (`decideBuild`, made first because
 * packaging a chart needs its version) and the chart's name when there is a chart.
 */
function planPush(inputs, decision, visibility, chartName) {
    const mirrorHosts = new Set(inputs.mirrors.map((m) => m.host));
    for (const registry of inputs.registries) {
        if (mirrorHosts.has(registry.host)) {
            throw new PlanError(`${registry.host} is in both \`registries\` and \`mirrors\`; list it in one of them`);
        }
    }
    if (!inputs.image && !inputs.chart) {
        throw new PlanError('Nothing to push: set `image`, `chart`, or both');
    }
    if (inputs.chart && chartName === undefined) {
        throw new PlanError('The chart must be read before planning (no chart name given)');
    }
    // A chart's tag is its version, as helm resolves it; a suffix or floating tag would hide it.
    const chartTagged = decision.build === 'release' || inputs.devTags === true;
    const chart = inputs.chart && chartName !== undefined
        ? {
            path: inputs.chart,
            name: chartName,
            repository: chartRepository(inputs.chartRepository, chartName),
            tags: chartTagged ? [(0,_oci_version_js__WEBPACK_IMPORTED_MODULE_3__/* .versionTag */ .V)(decision.version)] : [],
        }
        : undefined;
    const targets = [];
    const skipped = [];
    const consider = (artifact, repository, line, role) => {
        let reason = skipReason(line, role, decision.build, visibility.visibility);
        if (!reason && artifact === 'chart' && role === 'mirror' && !inputs.mirrorCharts) {
            reason = 'charts go to mirrors only with `mirror-charts: true`';
        }
        if (reason)
            skipped.push({ artifact, host: line.host, role, reason });
        else
            targets.push({
                artifact,
                host: line.host,
                repository,
                insecure: line.insecure,
                acr: line.acr,
                ...(line.timeoutSeconds !== undefined && { timeoutSeconds: line.timeoutSeconds }),
                role,
            });
    };
    const artifacts = [];
    if (inputs.image)
        artifacts.push(['image', inputs.repository]);
    if (chart)
        artifacts.push(['chart', chart.repository]);
    for (const [artifact, repository] of artifacts) {
        for (const line of inputs.registries)
            consider(artifact, repository, line, 'registry');
        for (const line of inputs.mirrors)
            consider(artifact, repository, line, 'mirror');
        if (!targets.some((t) => t.artifact === artifact && t.role === 'registry')) {
            const why = skipped
                .filter((s) => s.artifact === artifact && s.role === 'registry')
                .map((s) => `${s.host}: ${s.reason}`);
            const devLines = inputs.registries.filter((l) => l.dev);
            throw new PlanError(`No registry in \`registries\` takes this ${decision.build} build, so nothing would be pushed` +
                (why.length ? ` (${why.join('; ')})` : '') +
                '.' +
                (decision.build === 'dev' && devLines.length === 0
                    ? ' Mark at least one registry `dev`.'
                    : visibilityFix(visibility)));
        }
    }
    const suffix = inputs.tagSuffix ?? '';
    const tags = inputs.image ? imageTags(inputs, decision) : [];
    const release = decision.build === 'release';
    const forced = inputs.floatingTags === 'always' || inputs.overwrite;
    return {
        ...decision,
        ...(inputs.image && { source: inputs.image }),
        repository: inputs.repository,
        ...(chart && { chart }),
        tags,
        immutableTags: release ? tags.slice(0, 1) : [],
        forwardOnlyTags: release && !forced ? tags.slice(1) : [],
        tagSuffix: suffix,
        visibility,
        targets,
        skipped,
        overwrite: inputs.overwrite,
        dryRun: inputs.dryRun,
        referrers: inputs.referrers ?? true,
        signing: planSigning(inputs.signing, decision.build, visibility),
        ...(inputs.registriesDefaulted && { registriesDefaulted: true }),
    };
}
/** `charts/giantswarm` + `my-chart`; a chart name that can't be a repository path is an error. */
function chartRepository(namespace, name) {
    const repository = namespace ? `${namespace}/${name}` : name;
    if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .isRepository */ .Z6)(repository)) {
        throw new PlanError(`The chart repository "${repository}" is not a valid repository path: the chart name and ` +
            '`chart-repository` must be lowercase letters, digits and separators (. _ -)');
    }
    return repository;
}
function skipReason(line, role, build, repo) {
    if (build === 'dev' && role === 'mirror')
        return 'mirrors receive releases only';
    if (build === 'dev' && !line.dev)
        return 'not marked `dev`; dev builds go only to registries marked `dev`';
    if (takesVisibility(line.visibility, repo))
        return undefined;
    if (line.visibility === 'public') {
        return 'a public registry; a private repository is never pushed to it';
    }
    if (line.visibility === 'private') {
        return 'a private registry; a public repository is not pushed to it';
    }
    return ('no `public`, `private` or `public/private` marker, so it takes public repositories ' +
        'only; a private repository is never pushed to it');
}
/** What to do when no line takes a private repository: say whether that is known or assumed. */
function visibilityFix(visibility) {
    if (visibility.visibility !== 'private')
        return '';
    return (` The repository's visibility is private: ${visibility.source}. ` +
        (visibility.assumed ? 'Set `visibility: public` if the repository is public, or add' : 'Add') +
        " a line marked `private` or `public/private` (Giant Swarm's: `gsociprivate.azurecr.io dev " +
        'private`); a line with no marker takes public repositories only.');
}
/**
 * The image's tags, each with the suffix: a release's version tag and extra tags; a dev
 * build's version tag (`dev-tags`) and its branch's floating tag. Each must be a valid tag.
 */
function imageTags(inputs, decision) {
    const suffix = inputs.tagSuffix ?? '';
    const version = (0,_oci_version_js__WEBPACK_IMPORTED_MODULE_3__/* .versionTag */ .V)(decision.version);
    if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .isTag */ .dz)(version)) {
        throw new PlanError(`The version ${decision.version} can't be a tag: a tag is at most 128 of [A-Za-z0-9_.-] ` +
            `(${version.length} here). Shorten its pre-release or build part, in the git ` +
            'tag or the `version` input');
    }
    const branchTag = decision.branch === undefined ? undefined : inputs.branchTags?.get(decision.branch);
    const bare = decision.build === 'release'
        ? [version, ...inputs.tags]
        : [...(inputs.devTags ? [version] : []), ...(branchTag === undefined ? [] : [branchTag])];
    for (const tag of bare) {
        if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .isTag */ .dz)(tag)) {
            throw new PlanError(`tags: "${tag}" is not a valid tag: up to 128 of [A-Za-z0-9_.-], not starting with . or -`);
        }
        if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .isTag */ .dz)(tag + suffix)) {
            throw new PlanError(`tag-suffix: "${tag}${suffix}" is not a valid tag: the suffix must be [A-Za-z0-9_.-] ` +
                'and the tag at most 128 characters; shorten the suffix');
        }
    }
    return [...new Set(bare.map((tag) => tag + suffix))];
}
function planSigning(policy, build, visibility) {
    if (!policy || policy.mode === 'false') {
        return { sign: false, reason: 'not signed: `sign` is false' };
    }
    const privateRepo = visibility.visibility === 'private';
    if (policy.mode === 'true') {
        if (privateRepo && policy.publicLogs) {
            throw new PlanError(`sign: true, but the repository is private (${visibility.source}) and \`fulcio-url\` or ` +
                "`rekor-url` is the public-good Sigstore, whose logs are public: the image's digest " +
                "and the repository's name would be published. Point fulcio-url, rekor-url and " +
                'trusted-root at a private Sigstore, or set `sign: auto` (no signature for private ' +
                'repositories)');
        }
        return { sign: true, reason: `signed: \`sign\` is true (every build, dev ones too)` };
    }
    if (privateRepo) {
        return {
            sign: false,
            reason: `not signed: the repository is private (${visibility.source}), and signing would ` +
                "publish the digest and the repository's name in Sigstore's public logs",
        };
    }
    if (build === 'dev') {
        return { sign: false, reason: 'not signed: a dev build (`sign: true` signs those too)' };
    }
    return { sign: true, reason: 'signed: a release of a public repository (`sign: auto`)' };
}


/***/ }),

/***/ 84550:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  v: () => (/* binding */ executePlan),
  k: () => (/* binding */ targetClientSettings)
});

// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
// EXTERNAL MODULE: ./src/registry/retry.ts
var retry = __webpack_require__(41521);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/oci/descriptor.ts
var oci_descriptor = __webpack_require__(47592);
// EXTERNAL MODULE: ./src/oci/digest.ts
var digest = __webpack_require__(68825);
// EXTERNAL MODULE: ./src/oci/mediatypes.ts
var mediatypes = __webpack_require__(79572);
// EXTERNAL MODULE: ./src/oci/untrusted.ts
var untrusted = __webpack_require__(86911);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/source/source.ts
var source = __webpack_require__(44396);
;// CONCATENATED MODULE: ./src/source/bounded-file.ts



/**
 * Manifests, and the index.json and manifest.json that list them, above this size are
 * refused: registries need only accept 4 MiB (distribution-spec), so nothing bigger can be
 * pushed anyway, and reading a hostile file whole would exhaust the runner's memory.
 */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/**
 * An image config is a blob, with no cap in the spec; real ones are kilobytes (a long history
 * makes a few hundred). This only keeps a hostile one from exhausting memory.
 */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
/**
 * Reads a small file of a source (index.json, manifest.json, a manifest, a config) whole, but
 * only a regular file and only up to `limit` bytes: a symlink to /dev/zero, a FIFO or a huge
 * file is refused with an error naming `what` and the cap, instead of being read until memory
 * runs out (or, for a FIFO, waited on forever). A missing or unreadable file throws the
 * file system's own error (with its `code`) for the caller to describe.
 */
async function readBoundedFile(path, limit, what) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const file = await (0,promises_.open)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    try {
        const stats = await file.stat();
        if (!stats.isFile()) {
            throw new source/* SourceError */.c(`${what} is not a regular file (it is ${kindOf(stats)}); refusing to read it`);
        }
        if (stats.size > limit)
            throw tooLarge(what, limit, `is ${stats.size} bytes, over`);
        // One byte more than the file should hold: if it is read, the file grew under us.
        const buffer = Buffer.alloc(stats.size + 1);
        let length = 0;
        for (;;) {
            const { bytesRead } = await file.read(buffer, length, buffer.length - length, length);
            if (bytesRead === 0)
                return buffer.subarray(0, length);
            length += bytesRead;
            if (length === buffer.length) {
                throw new source/* SourceError */.c(`${what} grew while it was being read; refusing it`);
            }
        }
    }
    finally {
        await file.close();
    }
}
function tooLarge(what, limit, size) {
    return new source/* SourceError */.c(`${what} ${size} the ${limit / 1024 / 1024} MiB cap (${limit} bytes) oci-push reads it up ` +
        'to; refusing it. A real image never comes close (registries need only accept 4 MiB ' +
        'manifests): check how the source was made');
}
function kindOf(stats) {
    if (stats.isDirectory())
        return 'a directory';
    if (stats.isCharacterDevice() || stats.isBlockDevice())
        return 'a device';
    if (stats.isFIFO())
        return 'a FIFO';
    if (stats.isSocket())
        return 'a socket';
    return 'not a file';
}

;// CONCATENATED MODULE: ./src/source/legacy-docker-image.ts











/**
 * Builds the image manifest a pre-25 `docker save` archive lacks (docker
 * `manifest-v2-2.md`): the config is `<id>.json` exactly as saved, and each `layer.tar` is
 * gzipped once into `workDir`, as `docker push` would compress it. While a layer streams, its
 * uncompressed bytes are hashed and must equal the config's `rootfs.diff_ids` entry, so a
 * damaged layer is caught before anything is pushed. A layer already gzipped is kept as is.
 *
 * node's zlib writes no file name and a zero mtime in the gzip header, so the same archive
 * gives the same layer digests, and the same manifest digest, on every run.
 */
async function buildDockerImage(image, pathOf, workDir, where) {
    const configPath = await pathOf(image.Config, 'config');
    const configBytes = await readBoundedFile(configPath, MAX_CONFIG_BYTES, `${where}: config "${image.Config}"`);
    const diffIds = diffIdsOf(configBytes, `${where}: config ${image.Config}`);
    if (diffIds.length !== image.Layers.length) {
        throw new source/* SourceError */.c(`${where}: manifest.json lists ${image.Layers.length} layer(s), but the config's ` +
            `rootfs.diff_ids has ${diffIds.length}; the archive is inconsistent, so save it again`);
    }
    const config = {
        mediaType: mediatypes/* MediaType */.zu.DockerConfig,
        digest: (0,digest/* digestOf */.ol)(configBytes),
        size: configBytes.length,
    };
    const blobs = new Map([
        [config.digest, { path: configPath, size: config.size }],
    ]);
    await (0,promises_.mkdir)(workDir, { recursive: true });
    const layers = [];
    const done = new Map();
    for (const [i, name] of image.Layers.entries()) {
        const diffId = diffIds[i];
        let layer = done.get(diffId) ?? image.LayerSources?.[diffId];
        if (!layer) {
            const path = await pathOf(name, `layer ${i}`);
            const built = await compressLayer(path, (0,external_node_path_.join)(workDir, `layer-${i}.tar.gz`), diffId, {
                where: `${where}: layer ${i} (${name})`,
            });
            layer = { mediaType: mediatypes/* MediaType */.zu.DockerLayerTarGzip, digest: built.digest, size: built.size };
            blobs.set(layer.digest, { path: built.path, size: built.size });
            done.set(diffId, layer);
        }
        layers.push(layer);
    }
    // Written field by field, in docker's order, so the bytes never depend on an object's history.
    const manifestBytes = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: mediatypes/* MediaType */.zu.DockerManifest,
        config: plainDescriptor(config),
        layers: layers.map(plainDescriptor),
    }));
    const manifest = {
        mediaType: mediatypes/* MediaType */.zu.DockerManifest,
        digest: (0,digest/* digestOf */.ol)(manifestBytes),
        size: manifestBytes.length,
    };
    return { manifest, manifestBytes, blobs };
}
/** A layer descriptor as docker writes one: mediaType, size, digest, then urls if any. */
function plainDescriptor(d) {
    return {
        mediaType: d.mediaType,
        size: d.size,
        digest: d.digest,
        ...(d.urls && { urls: d.urls }),
    };
}
function diffIdsOf(configBytes, where) {
    let config;
    try {
        config = JSON.parse(configBytes.toString('utf8'));
    }
    catch (error) {
        throw new source/* SourceError */.c(`${where} is not JSON: ${error.message}`);
    }
    const diffIds = config.rootfs?.diff_ids;
    if (!Array.isArray(diffIds) || !diffIds.every((d) => typeof d === 'string' && (0,digest/* isDigest */.Bc)(d))) {
        throw new source/* SourceError */.c(`${where} has no rootfs.diff_ids list of sha256 digests`);
    }
    return diffIds;
}
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
/**
 * The layer as a gzip blob on disk: `out`, freshly compressed, or the file itself when it is
 * gzipped already. Either way its uncompressed sha256 must be `diffId`.
 */
async function compressLayer(path, out, diffId, { where }) {
    const uncompressed = new HashTap();
    const compressed = new HashTap();
    let blobPath;
    try {
        if (await startsWith(path, GZIP_MAGIC)) {
            blobPath = path;
            await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(path), compressed, (0,external_node_zlib_.createGunzip)(), uncompressed, discard());
        }
        else {
            blobPath = out;
            await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(path), uncompressed, (0,external_node_zlib_.createGzip)(), compressed, (0,external_node_fs_.createWriteStream)(out));
        }
    }
    catch (error) {
        throw new source/* SourceError */.c(`${where} can't be read or compressed: ${error.message}`);
    }
    const actual = uncompressed.digest();
    if (actual !== diffId) {
        throw new source/* SourceError */.c(`${where}: its content hashes to ${actual}, but the image config says ${diffId} ` +
            '(rootfs.diff_ids); the archive is damaged, so save it again');
    }
    return { path: blobPath, digest: compressed.digest(), size: compressed.bytes };
}
async function startsWith(path, magic) {
    const file = await (0,promises_.open)(path, 'r');
    try {
        const head = Buffer.alloc(magic.length);
        const { bytesRead } = await file.read(head, 0, magic.length, 0);
        return bytesRead === magic.length && head.equals(magic);
    }
    finally {
        await file.close();
    }
}
/** Passes bytes through unchanged, hashing and counting them. */
class HashTap extends external_node_stream_.Transform {
    hash = (0,external_node_crypto_.createHash)('sha256');
    bytes = 0;
    _transform(chunk, _encoding, done) {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        done(null, chunk);
    }
    digest() {
        return `sha256:${this.hash.digest('hex')}`;
    }
}
function discard() {
    return new external_node_stream_.Writable({ write: (_chunk, _encoding, done) => done() });
}

// EXTERNAL MODULE: ./src/oci/referrers.ts
var referrers = __webpack_require__(50961);
;// CONCATENATED MODULE: ./src/source/shared-read.ts





/** Bytes read from a file at a time. */
const CHUNK = 64 * 1024;
/** A consumer that falls this far behind the others goes on with a read of its own. */
const MAX_LAG = 4 * 1024 * 1024;
/** A second consumer can join a read until it has got this far (the start is kept for it). */
const JOIN_WINDOW = 4 * 1024 * 1024;
/**
 * Blobs that are files (a layout, an unpacked archive), read once and hashed once however
 * many registries they go to at the same time: the registries' uploads of one blob share one
 * read, and each upload holds back its last chunk until that read has checked the digest.
 * An upload that falls behind by more than a few MiB (a slow registry) is not waited for: it
 * goes on with its own read of the file from where it is, and still gets the shared verdict
 * at its end, so a slow registry never holds back a fast one.
 */
class SharedBlobReads {
    reads = new Map();
    open(path, descriptor, where) {
        const current = this.reads.get(descriptor.digest);
        if (current?.joinable)
            return current.consumer();
        const read = new SharedRead(path, descriptor, where);
        this.reads.set(descriptor.digest, read);
        return read.consumer();
    }
}
class SharedRead {
    path;
    descriptor;
    where;
    /** Chunks read and still needed, `first` being the index of `chunks[0]`. */
    chunks = [];
    first = 0;
    /** Bytes read so far. */
    head = 0;
    hash = (0,external_node_crypto_.createHash)('sha256');
    consumers = new Set();
    /** Consumers that went on alone and still wait for the verdict. */
    alone = 0;
    file;
    reading = false;
    ended = false;
    failure;
    verdict;
    settle;
    constructor(path, descriptor, where) {
        this.path = path;
        this.descriptor = descriptor;
        this.where = where;
        this.verdict = new Promise((resolve, reject) => {
            this.settle = (error) => (error ? reject(error) : resolve());
        });
        this.verdict.catch(() => undefined);
    }
    get joinable() {
        return this.first === 0 && this.head < JOIN_WINDOW && !this.failure;
    }
    get size() {
        return this.descriptor.size;
    }
    /** Resolves once the whole file is read and matches the descriptor; rejects otherwise. */
    whenVerified() {
        return this.verdict;
    }
    consumer() {
        const consumer = new Consumer(this);
        this.consumers.add(consumer);
        return consumer;
    }
    /**
     * Hands `consumer` the chunks it hasn't had yet. Its last chunk goes out only with the
     * verdict; until then it waits, as the read goes on to confirm the end of the file.
     */
    feed(consumer) {
        if (this.failure) {
            consumer.destroy(this.failure);
            return;
        }
        while (!consumer.finishing) {
            if (consumer.offset === this.size) {
                consumer.finish(undefined, this.verdict);
                break;
            }
            const chunk = this.chunks[consumer.index - this.first];
            if (!chunk)
                break;
            consumer.index++;
            consumer.offset += chunk.length;
            if (consumer.offset === this.size) {
                consumer.finish(chunk, this.verdict);
                break;
            }
            if (!consumer.push(chunk)) {
                consumer.waiting = false;
                break;
            }
        }
        this.trim();
        void this.pump();
    }
    /** A consumer is gone (its upload ended or failed): nothing is kept for it any more. */
    drop(consumer) {
        this.consumers.delete(consumer);
        if (this.ended && this.consumers.size === 0) {
            // Done and no one reading: let the chunks go (a small blob would otherwise stay whole
            // in memory for the rest of the run). A later upload of it starts a read of its own.
            this.first += this.chunks.length;
            this.chunks = [];
        }
        this.trim();
        void this.pump();
    }
    /** A consumer that went on alone got its verdict, or gave up. */
    release() {
        this.alone--;
    }
    async pump() {
        if (this.reading || this.ended || this.failure)
            return;
        this.reading = true;
        try {
            while (!this.ended && !this.failure && this.wantsMore()) {
                await this.readChunk();
                for (const consumer of [...this.consumers])
                    if (consumer.waiting)
                        this.feed(consumer);
            }
        }
        catch (error) {
            this.fail(error);
        }
        finally {
            this.reading = false;
        }
    }
    /**
     * Reads on while an attached consumer has had everything, and, once every byte is in, to
     * the end of the file for the verdict. A consumer lagging too far behind is detached onto
     * its own read. With none attached it reads on only for those waiting on the verdict.
     */
    wantsMore() {
        if (this.head >= this.size)
            return true;
        for (const consumer of [...this.consumers]) {
            if (!consumer.finishing && this.head - consumer.offset > MAX_LAG) {
                this.consumers.delete(consumer);
                this.alone++;
                consumer.goAlone();
            }
        }
        this.trim();
        if (this.consumers.size === 0)
            return this.alone > 0;
        const total = this.first + this.chunks.length;
        return [...this.consumers].some((c) => c.waiting && c.index === total);
    }
    async readChunk() {
        this.file ??= (0,promises_.open)(this.path, 'r');
        const handle = await this.file;
        const buffer = Buffer.allocUnsafe(CHUNK);
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, this.head);
        if (bytesRead === 0) {
            this.ended = true;
            await handle.close();
            const actual = `sha256:${this.hash.digest('hex')}`;
            if (this.head !== this.size) {
                this.fail(new digest/* SizeMismatchError */.Au(this.size, this.head, this.where));
            }
            else if (actual !== this.descriptor.digest) {
                this.fail(new digest/* DigestMismatchError */.h(this.descriptor.digest, actual, this.where));
            }
            else {
                this.settle();
            }
            return;
        }
        const chunk = buffer.subarray(0, bytesRead);
        this.head += bytesRead;
        if (this.head > this.size)
            throw new digest/* SizeMismatchError */.Au(this.size, this.head, this.where);
        this.hash.update(chunk);
        this.chunks.push(chunk);
    }
    /** Forgets chunks every attached consumer has had, once no new consumer can join. */
    trim() {
        if (this.joinable)
            return;
        let keepFrom = this.first + this.chunks.length;
        for (const consumer of this.consumers)
            keepFrom = Math.min(keepFrom, consumer.index);
        if (keepFrom > this.first) {
            this.chunks = this.chunks.slice(keepFrom - this.first);
            this.first = keepFrom;
        }
    }
    fail(error) {
        this.failure = error;
        this.settle(error);
        if (!this.ended)
            void this.file?.then((handle) => handle.close()).catch(() => undefined);
        this.ended = true;
        this.chunks = [];
        for (const consumer of [...this.consumers])
            consumer.destroy(error);
        this.consumers.clear();
    }
}
/** One upload's view of a shared read: a stream of the blob's bytes. */
class Consumer extends external_node_stream_.Readable {
    shared;
    /** The index of the next chunk it gets. */
    index = 0;
    /** Bytes it has had. */
    offset = 0;
    /** It asked for more and hasn't had any since. */
    waiting = false;
    /** Its last chunk waits for the verdict. */
    finishing = false;
    own;
    constructor(shared) {
        super();
        this.shared = shared;
    }
    _read() {
        if (this.own) {
            this.own.resume();
            return;
        }
        this.waiting = true;
        this.shared.feed(this);
    }
    _destroy(error, done) {
        this.own?.destroy();
        if (!this.own)
            this.shared.drop(this);
        done(error);
    }
    /** The last chunk goes out only with a good verdict; a bad one fails the stream instead. */
    finish(last, verdict) {
        this.finishing = true;
        this.waiting = false;
        verdict.then(() => {
            if (last)
                this.push(last);
            this.push(null);
        }, (error) => this.destroy(error));
    }
    /** Too far behind: reads the rest itself, and waits for the shared verdict at its end. */
    goAlone() {
        this.waiting = false;
        const own = (0,external_node_fs_.createReadStream)(this.shared.path, { start: this.offset });
        this.own = own;
        let held;
        let seen = this.offset;
        own.on('data', (data) => {
            const chunk = data;
            seen += chunk.length;
            const previous = held;
            held = chunk;
            if (previous && !this.push(previous))
                own.pause();
        });
        own.once('error', (error) => {
            this.shared.release();
            this.destroy(error);
        });
        own.once('end', () => {
            if (seen !== this.shared.size) {
                this.shared.release();
                this.destroy(new digest/* SizeMismatchError */.Au(this.shared.size, seen, this.shared.where));
                return;
            }
            const verdict = this.shared.whenVerified();
            void verdict.finally(() => this.shared.release()).catch(() => undefined);
            this.finish(held, verdict);
        });
    }
}

;// CONCATENATED MODULE: ./src/source/oci-layout.ts









/** image-spec `annotations.md`: the name of an entry in a layout's index.json. */
const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';
/** An OCI image layout directory (image-spec `image-layout.md`). */
class OciLayoutSource {
    dir;
    ref;
    name;
    /** Registries pushed to at once share one read and one check of each blob. */
    reads = new SharedBlobReads();
    /** Every manifest the layout holds that has a `subject`, by that subject; read once. */
    bySubject;
    constructor(dir, ref) {
        this.dir = dir;
        this.ref = ref;
        this.name = `oci:${dir}${ref === undefined ? '' : `:${ref}`}`;
    }
    async resolve() {
        await this.checkLayoutMarker();
        const all = await this.readIndexEntries();
        if (this.ref !== undefined) {
            const matches = all.filter((e) => e.annotations?.[REF_NAME_ANNOTATION] === this.ref);
            const [match] = matches;
            if (!match) {
                throw new source/* SourceError */.c(`${this.name}: index.json has no entry named "${this.ref}"; it has ${describeEntries(all)}`);
            }
            if (matches.length > 1) {
                throw new source/* SourceError */.c(`${this.name}: index.json has ${matches.length} entries named "${this.ref}"`);
            }
            if (!(0,mediatypes/* isManifestMediaType */.CM)(match.mediaType)) {
                throw new source/* SourceError */.c(`${this.name}: index.json's entry "${this.ref}" has media type ${match.mediaType}, ` +
                    'not an image manifest or index; oci-push copies only those');
            }
            return match;
        }
        // Entries of types we don't know are passed over, not an error (image-spec
        // `image-index.md`: unknown media types must be ignored), unless one is asked for by name.
        const entries = all.filter((e) => (0,mediatypes/* isManifestMediaType */.CM)(e.mediaType));
        if (entries.length === 0 && all.length > 0) {
            throw new source/* SourceError */.c(`${this.name}: index.json lists no image manifest or index, only ` +
                [...new Set(all.map((e) => e.mediaType))].join(', '));
        }
        const [first] = entries;
        if (!first)
            throw new source/* SourceError */.c(`${this.name}: index.json lists no manifests`);
        // oras and regctl write an image's referrers into index.json beside it: they are not
        // candidates for "the image" (they travel with it).
        const images = entries.length > 1 ? await this.withoutReferrers(entries) : entries;
        const [only] = images;
        if (only && images.length === 1)
            return only;
        if (entries.length > 1) {
            throw new source/* SourceError */.c(`${this.name}: index.json lists ${entries.length} manifests; name one with ` +
                `oci:${this.dir}:NAME. It has ${describeEntries(entries)}`);
        }
        return first;
    }
    async withoutReferrers(entries) {
        const kept = [];
        for (const entry of entries) {
            // The fallback tag and cosign's tags name referrers, not images to push.
            if ((0,referrers/* isReferrerTag */.kC)(entry.annotations?.[REF_NAME_ANNOTATION] ?? ''))
                continue;
            const bytes = await this.fetchManifest(entry);
            const where = `${this.name}: manifest ${entry.digest}`;
            if ((0,oci_descriptor/* parseManifest */.Ng)(bytes, entry.mediaType, where).subject)
                continue;
            kept.push(entry);
        }
        return kept;
    }
    async fetchManifest(descriptor) {
        if (descriptor.size > MAX_MANIFEST_BYTES) {
            throw new source/* SourceError */.c(`${this.name}: manifest ${descriptor.digest} is ${descriptor.size} bytes; registries ` +
                `only guarantee ${MAX_MANIFEST_BYTES}`);
        }
        const bytes = await this.readBlobFile(descriptor);
        (0,digest/* verifyBytes */.RV)(bytes, descriptor.digest, descriptor.size, `${this.name}: manifest ${descriptor.digest}`);
        return bytes;
    }
    /**
     * Manifests in the layout whose `subject` is `digest`: index.json's entries and what their
     * indexes list (a fallback-tag index `sha256-<hex>` among them), as oras and regctl
     * write referrers into a layout.
     */
    async referrers(digest) {
        this.bySubject ??= this.readSubjects();
        return (await this.bySubject).get(digest) ?? [];
    }
    async resolveTag(tag) {
        const entries = await this.readIndexEntries();
        return entries.find((e) => e.annotations?.[REF_NAME_ANNOTATION] === tag && (0,mediatypes/* isManifestMediaType */.CM)(e.mediaType));
    }
    /** Whether the layout holds this blob (a manifest, config or layer), without reading it. */
    async holds(descriptor) {
        return (0,promises_.stat)(this.blobPath(descriptor)).then((found) => found.isFile(), () => false);
    }
    async readSubjects() {
        const bySubject = new Map();
        const seen = new Set();
        const visit = async (descriptor) => {
            if (seen.has(descriptor.digest))
                return;
            seen.add(descriptor.digest);
            const bytes = await this.fetchManifest(descriptor);
            const where = `${this.name}: manifest ${descriptor.digest}`;
            const parsed = (0,oci_descriptor/* parseManifest */.Ng)(bytes, descriptor.mediaType, where);
            if (parsed.subject) {
                const list = bySubject.get(parsed.subject.digest) ?? [];
                list.push((0,referrers/* referrerDescriptor */.xh)(descriptor, bytes));
                bySubject.set(parsed.subject.digest, list);
            }
            for (const child of parsed.manifests)
                await visit(child);
        };
        for (const entry of await this.readIndexEntries()) {
            if ((0,mediatypes/* isManifestMediaType */.CM)(entry.mediaType))
                await visit(entry);
        }
        return bySubject;
    }
    async openBlob(descriptor) {
        const path = this.blobPath(descriptor);
        await (0,promises_.stat)(path).catch((error) => {
            throw this.missingBlob(descriptor, error);
        });
        return this.reads.open(path, descriptor, `${this.name}: blob ${descriptor.digest}`);
    }
    blobPath(descriptor) {
        return (0,external_node_path_.join)(this.dir, 'blobs', 'sha256', (0,digest/* digestHex */.sU)(descriptor.digest));
    }
    async readBlobFile(descriptor) {
        const where = `${this.name}: manifest ${descriptor.digest} (blobs/sha256/${(0,digest/* digestHex */.sU)(descriptor.digest)})`;
        try {
            return await readBoundedFile(this.blobPath(descriptor), MAX_MANIFEST_BYTES, where);
        }
        catch (error) {
            if (error instanceof source/* SourceError */.c)
                throw error;
            throw this.missingBlob(descriptor, error);
        }
    }
    missingBlob(descriptor, error) {
        const reason = error.code === 'ENOENT' ? 'is missing' : `can't be read (${error.message})`;
        return new source/* SourceError */.c(`${this.name}: ${descriptor.mediaType} ${descriptor.digest} ${reason} ` +
            `(blobs/sha256/${(0,digest/* digestHex */.sU)(descriptor.digest)}); the layout is incomplete, so re-export the image`);
    }
    async checkLayoutMarker() {
        let marker;
        try {
            const where = `${this.name}: oci-layout`;
            const bytes = await readBoundedFile((0,external_node_path_.join)(this.dir, 'oci-layout'), MAX_MANIFEST_BYTES, where);
            marker = JSON.parse(bytes.toString('utf8'));
        }
        catch (error) {
            if (error instanceof source/* SourceError */.c)
                throw error;
            const code = error.code;
            throw new source/* SourceError */.c(code === 'ENOENT'
                ? `${this.name}: not an OCI image layout (no oci-layout file in ${this.dir})`
                : `${this.name}: oci-layout file is unreadable: ${error.message}`);
        }
        const version = marker.imageLayoutVersion;
        if (version !== '1.0.0') {
            throw new source/* SourceError */.c(`${this.name}: unsupported imageLayoutVersion ${JSON.stringify(version)}`);
        }
    }
    async readIndexEntries() {
        let index;
        try {
            index = JSON.parse(await readIndexJson(this.dir, this.name));
        }
        catch (error) {
            if (error instanceof source/* SourceError */.c)
                throw error;
            throw new source/* SourceError */.c(`${this.name}: index.json is missing or not JSON: ${error.message}`);
        }
        if (!Array.isArray(index.manifests)) {
            throw new source/* SourceError */.c(`${this.name}: index.json has no "manifests" list`);
        }
        return index.manifests.map((entry, i) => (0,oci_descriptor/* toDescriptor */.RU)(entry, `${this.name}: index.json manifests[${i}]`));
    }
}
/** A layout's index.json, bounded like a manifest: it is one, in all but name. */
async function readIndexJson(dir, name) {
    const bytes = await readBoundedFile((0,external_node_path_.join)(dir, 'index.json'), MAX_MANIFEST_BYTES, `${name}: index.json`);
    return bytes.toString('utf8');
}
function describeEntries(entries) {
    const names = entries.map((e) => e.annotations?.[REF_NAME_ANNOTATION] ?? `(unnamed ${e.digest})`);
    return names.length === 0 ? 'no entries' : names.join(', ');
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/source/unpacked-archive.ts







/** Temporary directories of sources start with this, so a leftover one is easy to place. */
const SOURCE_TEMP_PREFIX = 'oci-push-source-';
/**
 * A tar archive unpacked, once, into a private temporary directory, as skopeo does with
 * oci-archive and docker-archive. Unpacking is safe against hostile archives: node-tar in
 * strict mode refuses absolute paths, `..`, links that leave the directory and writes through
 * symlinks, and any such entry fails the whole source rather than being skipped quietly.
 */
class UnpackedArchive {
    file;
    sourceName;
    tempRoot;
    unpacking;
    removed = false;
    constructor(
    /** The tar file, as the user named it. */
    file, 
    /** The source's name, which starts every error message. */
    sourceName, 
    /** The directory temporary directories are made in. */
    tempRoot) {
        this.file = file;
        this.sourceName = sourceName;
        this.tempRoot = tempRoot;
    }
    /** The directory holding the archive's contents. The first call unpacks; later ones wait. */
    directory() {
        if (this.removed)
            throw new source/* SourceError */.c(`${this.sourceName}: used after it was closed`);
        this.unpacking ??= this.unpack();
        return this.unpacking;
    }
    /**
     * A file the archive names (in manifest.json, say), as a path on disk. Refused if it would
     * lead out of the archive, through `..`, an absolute path or a symlink.
     */
    async pathOf(name, what) {
        const dir = await this.directory();
        const where = `${this.sourceName}: ${what} "${name}"`;
        if ((0,external_node_path_.isAbsolute)(name) || name.split('/').includes('..')) {
            throw new source/* SourceError */.c(`${where} points outside the archive; the archive is malformed`);
        }
        let real;
        try {
            real = await (0,promises_.realpath)((0,external_node_path_.join)(dir, name));
        }
        catch (error) {
            const code = error.code;
            throw new source/* SourceError */.c(code === 'ENOENT'
                ? `${where} is not in the archive; it is incomplete, so save or export the image again`
                : `${where} can't be read: ${error.message}`);
        }
        const inside = (0,external_node_path_.relative)(await (0,promises_.realpath)(dir), real);
        if (inside === '' || inside.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(inside)) {
            throw new source/* SourceError */.c(`${where} leads outside the archive through a link; refusing it`);
        }
        return real;
    }
    /** Deletes the unpacked files. Safe to call twice, and while unpacking is under way. */
    async remove() {
        this.removed = true;
        const dir = await this.unpacking?.catch(() => undefined);
        if (dir)
            await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
    async unpack() {
        await this.checkFile();
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(this.tempRoot, SOURCE_TEMP_PREFIX));
        let failure;
        try {
            // Not `strict`: in strict mode node-tar rejects at the first bad entry while writes of
            // earlier entries are still under way, and removing the directory then races them
            // (ENOTEMPTY, a leftover directory, and that error instead of the real one). Without
            // it, each bad entry is skipped with a warning and the promise settles only once every
            // write has ended; then any warning refuses the whole archive.
            const warnings = [];
            const { extract } = await __webpack_require__.e(/* import() */ 697).then(__webpack_require__.bind(__webpack_require__, 98697));
            const options = {
                cwd: dir,
                preserveOwner: false,
                noMtime: true,
                onwarn: (code, message) => warnings.push({ code, message: String(message) }),
            };
            // node-tar unpacks plain, gzip and zstd archives itself; xz and bzip2 come unpacked here.
            const compression = await compressionOf(this.file);
            if (compression) {
                await unpackStream(await decompressed(this.file, compression, this.sourceName), extract(options));
            }
            else {
                await extract({ ...options, file: this.file });
            }
            const [first] = warnings;
            if (first)
                failure = this.unpackError(first.code, first.message);
        }
        catch (error) {
            const { tarCode, code, message } = error;
            failure = error instanceof source/* SourceError */.c ? error : this.unpackError(tarCode ?? code, message);
        }
        if (!failure && this.removed)
            failure = new source/* SourceError */.c(`${this.sourceName}: closed while unpacking`);
        if (failure) {
            // The refusal is what the user must see; a failed removal must not replace it.
            await (0,promises_.rm)(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
            throw failure;
        }
        return dir;
    }
    async checkFile() {
        let isFile;
        try {
            isFile = (await (0,promises_.stat)(this.file)).isFile();
        }
        catch (error) {
            const code = error.code;
            throw new source/* SourceError */.c(code === 'ENOENT'
                ? `${this.sourceName}: the file ${this.file} does not exist; check the path (it is ` +
                    'relative to the working directory) and that the step writing it ran'
                : `${this.sourceName}: can't read ${this.file}: ${error.message}`);
        }
        if (!isFile) {
            throw new source/* SourceError */.c(`${this.sourceName}: ${this.file} is not a file; for an OCI layout directory write oci:${this.file}`);
        }
    }
    unpackError(code, message) {
        if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ENTRY_INVALID' || code === 'TAR_ABORT') {
            return new source/* SourceError */.c(`${this.sourceName}: ${this.file} is not a tar archive, or is damaged (${message}); ` +
                'give the file `docker save` or `docker buildx build --output type=oci,dest=FILE` wrote');
        }
        if (code?.startsWith('TAR_')) {
            // Absolute paths, `..`, links out of the directory; also a full disk, said in `message`.
            return new source/* SourceError */.c(`${this.sourceName}: ${this.file} could not be unpacked safely (${message}); ` +
                'refusing the whole archive');
        }
        return new source/* SourceError */.c(`${this.sourceName}: ${this.file} could not be unpacked: ${message}`);
    }
}
const MAGIC = [
    ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])],
    ['bzip2', Buffer.from('BZh')],
];
async function compressionOf(file) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const head = Buffer.alloc(6);
        const { bytesRead } = await handle.read(head, 0, head.length, 0);
        const start = head.subarray(0, bytesRead);
        return MAGIC.find(([, magic]) => start.subarray(0, magic.length).equals(magic))?.[0];
    }
    finally {
        await handle.close();
    }
}
/** XZ Embedded's `enum xz_ret` (xz.h), for the codes xz-decompress reports. */
const XZ_ERRORS = {
    '2': 'an integrity check it does not know',
    '3': 'out of memory',
    '4': 'a dictionary over the memory limit',
    '5': 'not in xz format',
    '6': 'options it does not support',
    '7': 'corrupt data',
    '8': 'cut short',
};
/**
 * The archive's tar stream. xz: in this process, by xz-decompress (XZ Embedded, the Linux
 * kernel's decoder, built to WebAssembly: 26 KB, no native code, nothing run from the host).
 * bzip2: by the host's `bzip2 -dc`, present on every GitHub runner image and Debian; no
 * maintained streaming bzip2 decoder exists in JavaScript (the one in wide use has had no
 * release since 2020, and decodes at a quarter of bzip2's speed).
 */
async function decompressed(file, compression, sourceName) {
    const damaged = (why) => new source/* SourceError */.c(`${sourceName}: ${file} could not be decompressed (${why}); the archive is damaged or ` +
        'cut short, so save it again');
    if (compression === 'xz') {
        // A CommonJS module: Node's ESM loader puts its exports under `default`, the bundle not.
        const loaded = (await __webpack_require__.e(/* import() */ 642).then(__webpack_require__.t.bind(__webpack_require__, 36642, 23)));
        const { XzReadableStream } = loaded.default ?? loaded;
        const web = external_node_stream_.Readable.toWeb((0,external_node_fs_.createReadStream)(file));
        const stream = external_node_stream_.Readable.fromWeb(new XzReadableStream(web));
        const verdict = new Promise((resolve) => {
            stream.once('end', () => resolve(undefined));
            stream.once('error', (error) => {
                const code = /error code (\d+)/.exec(error.message)?.[1] ?? '';
                resolve(damaged(`xz: ${XZ_ERRORS[code] ?? error.message}`));
            });
        });
        return { stream, verdict };
    }
    const child = (0,external_node_child_process_.spawn)('bzip2', ['-dc', '--', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
        if (stderr.length < 2000)
            stderr += chunk.toString('utf8');
    });
    const verdict = new Promise((resolve) => {
        child.once('error', (error) => resolve(new source/* SourceError */.c(error.code === 'ENOENT'
            ? `${sourceName}: ${file} is compressed with bzip2, and the bzip2 command is not ` +
                'installed here: install it (apt-get install bzip2), or give the archive ' +
                `decompressed (bunzip2 ${file})`
            : `${sourceName}: bzip2 could not be started: ${error.message}`)));
        child.once('close', (code) => resolve(code === 0
            ? undefined
            : damaged(`bzip2 -dc: ${stderr.trim().split('\n')[0] || `exit code ${code}`}`)));
    });
    const stream = child.stdout;
    // Whoever stops reading early (a refused archive) must not leave bzip2 running.
    stream.once('close', () => {
        if (child.exitCode === null)
            child.kill();
    });
    return { stream, verdict };
}
/**
 * Feeds a decompressed tar stream to node-tar's unpacker; settles once every file is
 * written. When it fails, the decompressor's own verdict is the cause if it has one: tar's
 * view of a stream that stopped short is only the symptom.
 */
async function unpackStream({ stream, verdict }, unpack) {
    try {
        await new Promise((resolve, reject) => {
            stream.once('error', (error) => {
                reject(error);
                unpack.abort?.(error);
            });
            unpack.once('error', reject);
            unpack.once('close', () => resolve());
            stream.pipe(unpack);
        });
    }
    catch (error) {
        stream.destroy();
        throw (await verdict) ?? error;
    }
    const failure = await verdict;
    if (failure)
        throw failure;
}
/**
 * An OCI layout unpacked from an archive, named after the archive: errors and digest
 * mismatches then point at the file the user gave, not at a temporary directory.
 */
class LayoutInArchive extends OciLayoutSource {
    layoutDir;
    pickHint;
    name;
    constructor(layoutDir, ref, name, 
    /** How the user names one entry, e.g. `oci-archive:FILE:NAME`. */
    pickHint) {
        super(layoutDir, ref);
        this.layoutDir = layoutDir;
        this.pickHint = pickHint;
        this.name = name;
    }
    async resolve() {
        try {
            return await super.resolve();
        }
        catch (error) {
            if (!(error instanceof source/* SourceError */.c))
                throw error;
            throw new source/* SourceError */.c(error.message.replace(`oci:${this.layoutDir}:NAME`, this.pickHint));
        }
    }
}

;// CONCATENATED MODULE: ./src/source/docker-archive.ts













/** containerd's annotation for an image's full name; moby writes it into index.json. */
const IMAGE_NAME_ANNOTATION = 'io.containerd.image.name';
/**
 * `docker-archive:FILE[:NAME:TAG|:@N]`: what `docker save` writes. Two formats:
 *
 * - Docker 25 and later write an OCI layout (`oci-layout`, `index.json`, `blobs/`) next to
 *   manifest.json. The image's OCI manifest is served from the layout as it is, so its digest
 *   is the one docker knows.
 * - Before 25, there is no manifest at all: `<id>.json` configs and `<id>/layer.tar` layers.
 *   A Docker v2 manifest is built (see `buildDockerImage`), as `docker push` would.
 */
class DockerArchiveSource {
    file;
    pick;
    reads = new SharedBlobReads();
    name;
    archive;
    opening;
    constructor(file, pick, tempRoot, 
    /** Names the source in messages; `docker-daemon:` passes its own. */
    name) {
        this.file = file;
        this.pick = pick;
        const picked = pick.name ?? (pick.index === undefined ? undefined : `@${pick.index}`);
        this.name = name ?? `docker-archive:${file}${picked === undefined ? '' : `:${picked}`}`;
        this.archive = new UnpackedArchive(file, this.name, tempRoot);
    }
    async resolve() {
        const image = await this.open();
        return image.kind === 'layout' ? image.root : image.image.manifest;
    }
    async fetchManifest(descriptor) {
        const image = await this.open();
        if (image.kind === 'layout')
            return image.layout.fetchManifest(descriptor);
        if (descriptor.digest !== image.image.manifest.digest)
            throw this.notInImage(descriptor);
        return image.image.manifestBytes;
    }
    async openBlob(descriptor) {
        const image = await this.open();
        if (image.kind === 'layout')
            return image.layout.openBlob(descriptor);
        const blob = image.image.blobs.get(descriptor.digest);
        if (!blob)
            throw this.notInImage(descriptor);
        return this.reads.open(blob.path, descriptor, `${this.name}: blob ${descriptor.digest}`);
    }
    async close() {
        await this.archive.remove();
    }
    notInImage(descriptor) {
        return new source/* SourceError */.c(`${this.name}: ${descriptor.digest} is not part of this image`);
    }
    open() {
        this.opening ??= this.openImage();
        return this.opening;
    }
    async openImage() {
        const dir = await this.archive.directory();
        const images = await this.readManifestJson(dir);
        const image = this.pickImage(images);
        if (await isOciLayout(dir)) {
            const layout = new LayoutInArchive(dir, undefined, this.name, `docker-archive:${this.file}:NAME:TAG`);
            const found = await this.findInLayout(dir, layout, image);
            const root = found && (await this.wholeOrPlatform(layout, found, image));
            if (root)
                return { kind: 'layout', root, layout };
            // A layout that doesn't list this image: read it as the old format, which still works.
        }
        const built = await buildDockerImage(image, (name, what) => this.archive.pathOf(name, what), (0,external_node_path_.join)(dir, '.oci-push-layers'), this.name);
        return { kind: 'built', image: built };
    }
    async readManifestJson(dir) {
        let text;
        try {
            const where = `${this.name}: manifest.json`;
            text = (await readBoundedFile((0,external_node_path_.join)(dir, 'manifest.json'), MAX_MANIFEST_BYTES, where)).toString('utf8');
        }
        catch (error) {
            if (error instanceof source/* SourceError */.c)
                throw error;
            const layout = await isOciLayout(dir);
            throw new source/* SourceError */.c(`${this.name}: ${this.file} is not a \`docker save\` archive (no manifest.json at its top)` +
                (layout
                    ? `; it is an OCI layout archive, so write oci-archive:${this.file}`
                    : '; write it with `docker save -o FILE NAME:TAG`'));
        }
        let json;
        try {
            json = JSON.parse(text);
        }
        catch (error) {
            throw new source/* SourceError */.c(`${this.name}: manifest.json is not JSON: ${error.message}`);
        }
        if (!Array.isArray(json))
            throw new source/* SourceError */.c(`${this.name}: manifest.json is not a list`);
        return json.map((entry, i) => {
            const item = entry;
            if (typeof item?.Config !== 'string' ||
                !Array.isArray(item.Layers) ||
                !item.Layers.every((l) => typeof l === 'string')) {
                throw new source/* SourceError */.c(`${this.name}: manifest.json entry ${i} has no Config and Layers`);
            }
            const tags = Array.isArray(item.RepoTags)
                ? item.RepoTags.filter((t) => typeof t === 'string')
                : [];
            const sources = this.layerSources(item.LayerSources, `manifest.json entry ${i}`);
            return {
                Config: item.Config,
                RepoTags: tags,
                Layers: item.Layers,
                ...(sources && { LayerSources: sources }),
            };
        });
    }
    /** moby's `LayerSources`: foreign layers' descriptors by diff_id, each checked. */
    layerSources(value, where) {
        if (value === undefined || value === null)
            return undefined;
        if (typeof value !== 'object' || Array.isArray(value)) {
            throw new source/* SourceError */.c(`${this.name}: ${where}: LayerSources is not an object`);
        }
        const sources = {};
        for (const [diffId, entry] of Object.entries(value)) {
            const at = `${this.name}: ${where}: LayerSources ${(0,untrusted/* quoted */.TL)(diffId)}`;
            (0,untrusted/* checkedDigest */.oM)(diffId, at);
            sources[diffId] = (0,oci_descriptor/* toDescriptor */.RU)(entry, at);
        }
        return sources;
    }
    pickImage(images) {
        const { name, index } = this.pick;
        if (images.length === 0)
            throw new source/* SourceError */.c(`${this.name}: manifest.json lists no images`);
        if (index !== undefined) {
            const image = images[index];
            if (!image) {
                throw new source/* SourceError */.c(`${this.name}: the archive holds ${images.length} image(s), so @${index} is out of ` +
                    `range; use @0 to @${images.length - 1}`);
            }
            return image;
        }
        if (name !== undefined) {
            const wanted = comparableName(name);
            const matches = images.filter((image) => (image.RepoTags ?? []).some((tag) => comparableName(tag) === wanted));
            const [match] = matches;
            if (!match) {
                throw new source/* SourceError */.c(`${this.name}: no image in ${this.file} is tagged ${name}; it holds ` +
                    `${describeImages(images)}`);
            }
            if (matches.length > 1) {
                throw new source/* SourceError */.c(`${this.name}: ${matches.length} images in ${this.file} are tagged ${name}; pick one ` +
                    `with docker-archive:${this.file}:@N`);
            }
            return match;
        }
        const [only] = images;
        if (images.length > 1 || !only) {
            throw new source/* SourceError */.c(`${this.name} holds ${images.length} images (${describeImages(images)}); name one with ` +
                `docker-archive:${this.file}:NAME:TAG (or docker-archive:${this.file}:@N, counting from 0)`);
        }
        return only;
    }
    /**
     * The index.json entry that is this image (moby `image/tarexport/save.go`): by the full
     * name docker annotates each entry with, else by the config digest its manifest points at.
     */
    async findInLayout(dir, layout, image) {
        const entries = await this.readIndexEntries(dir);
        const names = new Set((image.RepoTags ?? []).map(comparableName));
        let found = entries.filter((entry) => {
            const annotated = entry.annotations?.[IMAGE_NAME_ANNOTATION];
            return annotated !== undefined && names.has(comparableName(annotated));
        });
        if (found.length === 0)
            found = await this.withConfigOf(image, layout, entries);
        const digests = new Set(found.map((entry) => entry.digest));
        if (digests.size > 1) {
            throw new source/* SourceError */.c(`${this.name}: index.json lists ${digests.size} different manifests for this image ` +
                `(${[...digests].join(', ')}); the archive is inconsistent`);
        }
        return found[0];
    }
    /**
     * `entry` when the layout holds all of it. An index exported for one platform (`ctr export
     * --platform`: the index names every platform, the blobs are those of one) is not whole:
     * then the platform manifest.json names (by its config) is the image, as skopeo takes it,
     * and pushed as the layout has it, so its digest is the one containerd knows. Undefined
     * when not even that is whole: the old format is read instead.
     */
    async wholeOrPlatform(layout, entry, image) {
        if (!(0,mediatypes/* isIndexMediaType */.$$)(entry.mediaType))
            return entry;
        const index = (0,oci_descriptor/* parseManifest */.Ng)(await layout.fetchManifest(entry), entry.mediaType, `${this.name}: ${entry.digest}`);
        const children = await Promise.all(index.manifests.map(async (child) => ({ child, whole: await this.isWhole(layout, child) })));
        if (children.every((c) => c.whole))
            return entry;
        const whole = children.filter((c) => c.whole).map((c) => c.child);
        const [platform] = await this.withConfigOf(image, layout, whole);
        return platform;
    }
    /** The image manifests among `entries` whose config is the one manifest.json names. */
    async withConfigOf(image, layout, entries) {
        const configPath = await this.archive.pathOf(image.Config, 'config');
        const where = `${this.name}: config "${image.Config}"`;
        const config = (0,digest/* digestOf */.ol)(await readBoundedFile(configPath, MAX_CONFIG_BYTES, where));
        const found = [];
        for (const entry of entries) {
            if ((0,mediatypes/* isIndexMediaType */.$$)(entry.mediaType))
                continue;
            const bytes = await layout.fetchManifest(entry);
            const parsed = (0,oci_descriptor/* parseManifest */.Ng)(bytes, entry.mediaType, `${this.name}: ${entry.digest}`);
            if (parsed.blobs[0]?.digest === config)
                found.push(entry);
        }
        return found;
    }
    /** Whether the layout holds a manifest and everything it needs (foreign layers aside). */
    async isWhole(layout, descriptor) {
        if (!(0,mediatypes/* isManifestMediaType */.CM)(descriptor.mediaType) || !(await layout.holds(descriptor))) {
            return false;
        }
        const parsed = (0,oci_descriptor/* parseManifest */.Ng)(await layout.fetchManifest(descriptor), descriptor.mediaType, `${this.name}: ${descriptor.digest}`);
        for (const child of parsed.manifests)
            if (!(await this.isWhole(layout, child)))
                return false;
        for (const blob of parsed.blobs) {
            if (!(0,oci_descriptor/* isForeignLayer */.sJ)(blob) && !(await layout.holds(blob)))
                return false;
        }
        return true;
    }
    async readIndexEntries(dir) {
        let index;
        try {
            index = JSON.parse(await readIndexJson(dir, this.name));
        }
        catch (error) {
            if (error instanceof source/* SourceError */.c)
                throw error;
            throw new source/* SourceError */.c(`${this.name}: index.json is not JSON: ${error.message}`);
        }
        // Docker 25.0.0 wrote `"manifests": null` when saving by digest (moby#47210): no entry to
        // go by, so manifest.json, which it wrote as always, is read instead.
        if (index.manifests === null || index.manifests === undefined)
            return [];
        if (!Array.isArray(index.manifests)) {
            throw new source/* SourceError */.c(`${this.name}: index.json's "manifests" is not a list`);
        }
        return index.manifests
            .map((entry, i) => (0,oci_descriptor/* toDescriptor */.RU)(entry, `${this.name}: index.json manifests[${i}]`))
            .filter((entry) => (0,mediatypes/* isManifestMediaType */.CM)(entry.mediaType));
    }
}
async function isOciLayout(dir) {
    try {
        await Promise.all([(0,promises_.access)((0,external_node_path_.join)(dir, 'oci-layout')), (0,promises_.access)((0,external_node_path_.join)(dir, 'index.json'))]);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Names compared as docker compares them: `app:1`, `docker.io/library/app:1` and
 * `index.docker.io/library/app:1` are one image. A name that doesn't parse is kept as written.
 */
function comparableName(name) {
    try {
        return (0,reference/* canonicalImageName */.dW)((0,reference/* parseImageName */["if"])(name, name));
    }
    catch {
        return name;
    }
}
function describeImages(images) {
    return images
        .map((image, i) => {
        const tags = image.RepoTags ?? [];
        return tags.length > 0 ? tags.join(', ') : `@${i} (untagged)`;
    })
        .join(', ');
}

// EXTERNAL MODULE: ./src/base/tool-output.ts
var tool_output = __webpack_require__(80229);
;// CONCATENATED MODULE: ./src/source/docker-daemon.ts






/**
 * `docker-daemon:NAME:TAG`: an image in the local docker daemon. `docker save` writes it to a
 * temporary file (streamed to disk by docker, never held in memory here), which is then read
 * as a docker-archive. The CLI finds its daemon the usual way (DOCKER_HOST, docker context).
 */
class DockerDaemonSource {
    image;
    tempRoot;
    runDocker;
    name;
    saving;
    saveDir;
    closed = false;
    constructor(image, tempRoot, 
    /** The docker CLI, as the face runs it; undefined where no face lent one. */
    runDocker) {
        this.image = image;
        this.tempRoot = tempRoot;
        this.runDocker = runDocker;
        this.name = `docker-daemon:${image}`;
    }
    async resolve() {
        return (await this.saved()).resolve();
    }
    async fetchManifest(descriptor) {
        return (await this.saved()).fetchManifest(descriptor);
    }
    async openBlob(descriptor) {
        return (await this.saved()).openBlob(descriptor);
    }
    async close() {
        this.closed = true;
        const archive = await this.saving?.catch(() => undefined);
        await archive?.close();
        if (this.saveDir)
            await (0,promises_.rm)(this.saveDir, { recursive: true, force: true });
    }
    saved() {
        if (this.closed)
            throw new source/* SourceError */.c(`${this.name}: used after it was closed`);
        this.saving ??= this.save();
        return this.saving;
    }
    async save() {
        if (!this.runDocker) {
            throw new source/* SourceError */.c(`${this.name}: this face of oci-push can't run docker; push the image from a file ` +
                'with docker-archive:FILE');
        }
        this.saveDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(this.tempRoot, SOURCE_TEMP_PREFIX));
        const file = (0,external_node_path_.join)(this.saveDir, 'image.tar');
        let run;
        try {
            run = await this.runDocker(['save', '-o', file, this.image]);
        }
        catch (error) {
            throw new source/* SourceError */.c(`${this.name}: could not run \`docker save\` (${error.message}); ` +
                'the docker CLI must be on PATH, or push the image from a file with docker-archive:FILE');
        }
        const code = run.exitCode;
        if (code !== 0) {
            const said = (0,tool_output/* toolSaid */.Y)(run.stderr);
            const failed = `${this.name}: \`docker save ${this.image}\` failed with exit code ${code}`;
            const quoted = said ? ` ("${said}")` : '';
            // The CLI's own words tell a daemon that can't be reached from an image it doesn't have.
            if (/cannot connect to the docker daemon|is the docker daemon running/i.test(said)) {
                throw new source/* SourceError */.c(`${failed}: the docker daemon can't be reached${quoted}. Start it, or point DOCKER_HOST ` +
                    'at the daemon that holds the image; or push the image from a file with ' +
                    'docker-archive:FILE');
            }
            throw new source/* SourceError */.c(`${failed}${quoted}. Check that the image is in the daemon ` +
                `(\`docker image ls ${this.image}\`) and that DOCKER_HOST points at that daemon`);
        }
        // The file holds exactly the image asked for, so it needs no name to pick it.
        return new DockerArchiveSource(file, {}, this.tempRoot, this.name);
    }
}

;// CONCATENATED MODULE: ./src/source/oci-archive.ts




/**
 * `oci-archive:FILE[:REF]`: a tar of an OCI image layout, which is what
 * `docker buildx build --output type=oci,dest=FILE` writes (an index of every platform plus
 * its attestation manifests). It is unpacked on first use and then read as a layout.
 */
class OciArchiveSource {
    file;
    ref;
    name;
    archive;
    layout;
    constructor(file, ref, tempRoot) {
        this.file = file;
        this.ref = ref;
        this.name = `oci-archive:${file}${ref === undefined ? '' : `:${ref}`}`;
        this.archive = new UnpackedArchive(file, this.name, tempRoot);
    }
    async resolve() {
        return (await this.open()).resolve();
    }
    async fetchManifest(descriptor) {
        return (await this.open()).fetchManifest(descriptor);
    }
    async openBlob(descriptor) {
        return (await this.open()).openBlob(descriptor);
    }
    async referrers(digest) {
        return (await this.open()).referrers(digest);
    }
    async resolveTag(tag) {
        return (await this.open()).resolveTag(tag);
    }
    async close() {
        await this.archive.remove();
    }
    open() {
        this.layout ??= (async () => {
            const dir = await this.archive.directory();
            try {
                await (0,promises_.access)((0,external_node_path_.join)(dir, 'oci-layout'));
            }
            catch {
                const dockerSave = await (0,promises_.access)((0,external_node_path_.join)(dir, 'manifest.json')).then(() => true, () => false);
                throw new source/* SourceError */.c(`${this.name}: ${this.file} is not an OCI layout archive (no oci-layout file at its ` +
                    (dockerSave
                        ? 'top, but a manifest.json): it looks like `docker save` output, so write ' +
                            `docker-archive:${this.file}`
                        : 'top); write it with `docker buildx build --output type=oci,dest=FILE`'));
            }
            return new LayoutInArchive(dir, this.ref, this.name, `oci-archive:${this.file}:NAME`);
        })();
        return this.layout;
    }
}

;// CONCATENATED MODULE: ./src/source/open.ts






/** The source a reference names. Nothing is read until the source's first `resolve()`. */
function openSource(ref, context) {
    const tempRoot = context.tempDir ?? process.env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)();
    switch (ref.transport) {
        case 'oci':
            return new OciLayoutSource(ref.path, ref.ref);
        case 'oci-archive':
            return new OciArchiveSource(ref.path, ref.ref, tempRoot);
        case 'docker-archive':
            return new DockerArchiveSource(ref.path, {
                ...(ref.name !== undefined && { name: ref.name }),
                ...(ref.index !== undefined && { index: ref.index }),
            }, tempRoot);
        case 'docker-daemon':
            return new DockerDaemonSource(ref.name, tempRoot, context.runDocker);
        case 'docker':
            if (!context.registrySource) {
                throw new source/* SourceError */.c(`docker://${ref.host}/${ref.repository}: this host of oci-push can't read from a ` +
                    'registry (no registry source was given to openSource)');
            }
            return context.registrySource(ref);
    }
}

// EXTERNAL MODULE: ./src/source/registry.ts
var registry = __webpack_require__(76430);
// EXTERNAL MODULE: ./src/engine/attach.ts
var attach = __webpack_require__(15637);
// EXTERNAL MODULE: ./src/engine/clients.ts
var clients = __webpack_require__(7230);
// EXTERNAL MODULE: ./src/engine/copy.ts
var copy = __webpack_require__(33237);
// EXTERNAL MODULE: ./node_modules/semver/functions/compare.js
var compare = __webpack_require__(78469);
var compare_default = /*#__PURE__*/__webpack_require__.n(compare);
// EXTERNAL MODULE: ./src/oci/dev-version.ts
var dev_version = __webpack_require__(77803);
// EXTERNAL MODULE: ./src/oci/version.ts
var oci_version = __webpack_require__(12829);
;// CONCATENATED MODULE: ./src/engine/floating-tags.ts



/**
 * The version a tag names, when it is one of this flavour's releases: the tag ends with the
 * `tag-suffix` and the rest is a strict semver version (`_` back to `+`, as tags spell build
 * metadata). Dev builds' versions (ours and the orb's) are not releases and never count.
 */
function releaseOfTag(tag, suffix) {
    if (!tag.endsWith(suffix))
        return undefined;
    const version = tag.slice(0, tag.length - suffix.length).replace(/_/g, '+');
    return (0,oci_version/* isStrictSemver */.i)(version) && !(0,dev_version/* isDevVersion */.g)(version) ? version : undefined;
}
/**
 * The highest release among the repository's tags above `version`, by semver precedence
 * (build metadata ignored; pre-releases count, as they are versions too); undefined when
 * `version` is the highest (or equal to it).
 */
function higherRelease(version, tags, suffix) {
    let highest;
    for (const tag of tags) {
        const release = releaseOfTag(tag, suffix);
        if (release === undefined || compare_default()(release, version) <= 0)
            continue;
        if (highest === undefined || compare_default()(release, highest) > 0)
            highest = release;
    }
    return highest;
}

// EXTERNAL MODULE: ./src/engine/referrers.ts
var engine_referrers = __webpack_require__(53974);
;// CONCATENATED MODULE: ./src/engine/push.ts









/**
 * How to reach a planned target: its line's `insecure`, `acr` and `timeout=`; a mirror's
 * deadline and retry budget are short, as it is best-effort.
 */
function targetClientSettings(target) {
    const mirror = target?.role === 'mirror';
    const timeoutMs = target?.timeoutSeconds !== undefined
        ? target.timeoutSeconds * 1000
        : mirror
            ? retry/* MIRROR_TIMEOUT_MS */.dh
            : undefined;
    return {
        insecure: target?.insecure ?? false,
        https: target?.acr ?? false,
        ...(timeoutMs !== undefined && { timeoutMs }),
        ...(mirror && { attempts: retry/* MIRROR_ATTEMPTS */.BU }),
    };
}
/**
 * Runs a plan: reads each artifact's graph once (the image from its source, the chart as
 * helm builds it), then copies both to all their targets at once. A registry that takes both
 * is reached through one client, so one token cache serves both.
 */
async function executePlan(plan, deps, chart, targetTags) {
    // A host is in `registries` or `mirrors`, never both (the plan checks), so each client
    // has one deadline and one retry budget: a mirror's are short, it is best-effort.
    const client = (0,clients/* registryClients */.K)(deps);
    const clientFor = (host, target) => client(host, targetClientSettings(target));
    const sources = {};
    try {
        if (plan.source) {
            sources.image = openSource(plan.source, {
                ...(deps.tempDir && { tempDir: deps.tempDir }),
                ...(deps.runDocker && { runDocker: deps.runDocker }),
                registrySource: (ref) => new registry/* RegistrySource */.n(clientFor((0,reference/* apiHost */.nz)(ref.host)), ref.repository, ref.digest ?? ref.tag ?? 'latest', { onWait: deps.log.info, input: 'the `image` input' }),
            });
        }
        if (plan.chart) {
            if (!chart)
                throw new Error(`The plan has the chart ${plan.chart.name}, but it was not prepared`);
            const { HelmChartSource } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(697), __webpack_require__.e(260)]).then(__webpack_require__.bind(__webpack_require__, 77260));
            sources.chart = new HelmChartSource(chart);
        }
        const graphs = {};
        for (const [kind, source] of Object.entries(sources)) {
            const graph = await (0,copy/* loadGraph */.f6)(source);
            graphs[kind] = graph;
            deps.log.info(`${source.name}: ${graph.root.mediaType} ${graph.root.digest}, ${graph.manifests.length} ` +
                `manifest(s), ${graph.blobs.length} blob(s)`);
        }
        // Referrers are read from the source once, like the graph, before any target is touched.
        let referrers = [];
        if (sources.image && graphs.image && plan.referrers !== false) {
            referrers = await (0,engine_referrers/* discoverReferrers */.C3)(sources.image, graphs.image, plan.referrers, (m) => deps.log.warning(m));
            const count = referrers.reduce((n, s) => n + s.referrers.length + s.tagged.length, 0);
            if (count > 0)
                deps.log.info(`${sources.image.name}: ${count} referrer(s) go with it`);
        }
        // One run shares what each registry holds: a blob already in one repository of a
        // registry (the source's, or another target's) is mounted, not uploaded again.
        const holders = new copy/* BlobHolders */.fj();
        const image = sources.image;
        if (image instanceof registry/* RegistrySource */.n && graphs.image) {
            const referrerBlobs = referrers.flatMap((s) => [...s.referrers, ...s.tagged].flatMap((r) => r.graph.blobs));
            for (const blob of [...graphs.image.blobs, ...referrerBlobs])
                holders.holds(image.host, blob.digest, image.repository);
        }
        const runs = Object.keys(sources).map(async (kind) => {
            const source = sources[kind];
            const graph = graphs[kind];
            const planned = plan.targets.filter((t) => t.artifact === kind);
            const tags = kind === 'image' ? plan.tags : (plan.chart?.tags ?? []);
            // Where the artifact and its referrers go, per target.
            const destinations = planned.map((t) => ({
                client: clientFor(t.host, t),
                repository: t.repository,
                asksBeforeManifests: t.acr,
            }));
            const held = kind === 'image'
                ? await Promise.all(destinations.map((d) => heldFloatingTags(plan, d)))
                : planned.map(() => []);
            // Signing runs while the blobs go in; each target waits for it before its tags. What
            // an earlier run attached is looked for at the main registries (a mirror's answer,
            // slow or never, would hold the release back), or the mirrors when there are none.
            const mains = destinations.filter((_, i) => planned[i]?.role !== 'mirror');
            const lookIn = mains.length > 0 ? mains : destinations;
            const attaching = deps.attach && !plan.dryRun ? deps.attach(kind, graph, source, lookIn) : undefined;
            attaching?.catch(() => undefined);
            const attached = [];
            const beforeTags = (i) => async () => {
                const untagged = `No tag was written to ${planned[i]?.host}/${planned[i]?.repository}: it holds the ` +
                    `${kind} by digest only, so no tag points at it unsigned`;
                let made;
                try {
                    made = await attaching;
                }
                catch (error) {
                    const message = error instanceof Error ? error.message : String(error);
                    throw new Error(`${message.replace(/\.$/, '')}. ${untagged}`, { cause: error });
                }
                const outcomes = await (0,attach/* attachToTarget */.M)(made, destinations[i], holders);
                attached[i] = outcomes;
                const failed = outcomes.filter((o) => o.action === 'failed');
                if (failed.length > 0) {
                    throw new Error(`${failed.map((o) => o.error).join('; ')}. ${untagged}. Run again to finish`);
                }
            };
            const results = await (0,copy/* copyGraph */.a0)(source, graph, planned.map((t, i) => {
                const own = targetTags?.(t, graph.root.digest);
                const left = new Set((held[i] ?? []).map((h) => h.tag));
                return {
                    ...destinations[i],
                    input: t.role === 'mirror' ? 'mirrors' : 'registries',
                    ...(attaching && { beforeTags: beforeTags(i) }),
                    ...own,
                    ...(left.size > 0 && { tags: (own?.tags ?? tags).filter((tag) => !left.has(tag)) }),
                };
            }), {
                tags,
                // A release's version tag; a dev build's tags name one commit or branch, and move.
                immutableTags: plan.build === 'release' ? tags.slice(0, 1) : [],
                overwrite: plan.overwrite,
                dryRun: plan.dryRun,
                holders,
                ...(deps.hooks && { hooks: deps.hooks }),
            });
            return Promise.all(results.map(async (copy, i) => {
                const target = planned[i];
                const heldTags = held[i] ?? [];
                const own = attached[i];
                const withHeld = {
                    ...copy,
                    target,
                    ...(own && { attachments: own }),
                    ...(heldTags.length > 0 && { heldTags }),
                };
                // A refused or failed image has no place for its referrers; an unchanged one still
                // gets new ones (a signature added to an old release).
                const carries = kind === 'image' && referrers.length > 0 && copy.status !== 'failed';
                if (!carries || copy.status === 'refused')
                    return withHeld;
                const copied = await (0,engine_referrers/* copyReferrers */.kV)(source, referrers, destinations[i], {
                    dryRun: plan.dryRun,
                    holders,
                    ...(deps.hooks && { hooks: deps.hooks }),
                });
                return { ...withHeld, referrers: copied };
            }));
        });
        const targets = (await Promise.all(runs)).flat();
        const digests = {};
        const manifests = {};
        for (const [kind, graph] of Object.entries(graphs)) {
            digests[kind] = graph.root.digest;
            manifests[kind] = graph.manifests.map((m) => m.descriptor.digest);
        }
        return { plan, digests, manifests, targets };
    }
    finally {
        await Promise.all(Object.values(sources).map((source) => source.close?.()));
    }
}
/**
 * The forward-only floating tags that stay where they are at this target: all of them when
 * the repository holds a higher release than this one (or its tags can't be read, as moving
 * `latest` backwards is worse than leaving it), none otherwise.
 */
async function heldFloatingTags(plan, target) {
    const floating = plan.forwardOnlyTags ?? [];
    if (floating.length === 0)
        return [];
    let reason;
    try {
        const tags = await target.client.listTags(target.repository);
        const higher = higherRelease(plan.version, tags, plan.tagSuffix ?? '');
        if (higher !== undefined) {
            reason =
                `${higher} is a higher release in this repository, and a floating tag moves only to ` +
                    'the highest; `floating-tags: always` (or `overwrite: true`) moves it anyway';
        }
    }
    catch (error) {
        reason =
            `the repository's tags could not be read to find its highest release ` +
                `(${error.message}), so it was not moved`;
    }
    return reason === undefined ? [] : floating.map((tag) => ({ tag, reason }));
}


/***/ }),

/***/ 53974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C3: () => (/* binding */ discoverReferrers),
/* harmony export */   K2: () => (/* binding */ listedVia),
/* harmony export */   kV: () => (/* binding */ copyReferrers),
/* harmony export */   xt: () => (/* binding */ listReferrers)
/* harmony export */ });
/* harmony import */ var _oci_descriptor_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(47592);
/* harmony import */ var _oci_referrers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(50961);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(79572);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6764);
/* harmony import */ var _copy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(33237);





/** Referrers of referrers are followed this deep: a signature on an SBOM on an image is 2. */
const MAX_DEPTH = 4;
/** Fallback-tag writes per subject before giving up on a writer that keeps racing us. */
const FALLBACK_ATTEMPTS = 5;
/**
 * Every referrer of every manifest of `graph` at the source, subjects before their
 * referrers, so they can be pushed in this order.
 */
async function discoverReferrers(source, graph, policy, 
/**
 * Told about a referrer that stays behind: one that can't be read (say, a type oci-push
 * doesn't copy), or one listed for this image whose `subject` is another image or absent.
 */
onUnreadable = () => undefined) {
    if (policy === false || (!source.referrers && !source.resolveTag))
        return [];
    const found = [];
    const seen = new Set(graph.manifests.map((m) => m.descriptor.digest));
    let level = graph.manifests.map((m) => m.descriptor.digest);
    for (let depth = 1; depth <= MAX_DEPTH && level.length > 0; depth++) {
        const next = [];
        for (const subject of level) {
            const entry = { subject, referrers: [], tagged: [] };
            const unreadable = (digest, error) => onUnreadable(`${source.name}: the referrer ${digest} of ${subject} can't be read, so it is not ` +
                `copied: ${error instanceof Error ? error.message : String(error)}`);
            for (const listed of (await source.referrers?.(subject)) ?? []) {
                if (seen.has(listed.digest))
                    continue;
                if (Array.isArray(policy) && listed.artifactType && !policy.includes(listed.artifactType))
                    continue;
                const referrer = await loadReferrer(source, subject, listed).catch((error) => {
                    unreadable(listed.digest, error);
                    return undefined;
                });
                if (!referrer)
                    continue;
                // A listing is the registry's word; the manifest's own `subject` is the referrer's.
                // One that names another image (or none) would be written into this image's
                // fallback index as if it signed it.
                const named = subjectOf(referrer);
                if (named !== subject) {
                    onUnreadable(`${source.name}: ${listed.digest} is listed as a referrer of ${subject}, but ` +
                        `${named === undefined ? 'it has no subject' : `its subject is ${named}`}; ` +
                        'refused: it is not copied, nor listed for this image anywhere');
                    continue;
                }
                if (!wanted(policy, referrer))
                    continue;
                seen.add(listed.digest);
                entry.referrers.push(referrer);
            }
            for (const tag of source.resolveTag ? (0,_oci_referrers_js__WEBPACK_IMPORTED_MODULE_1__/* .cosignTags */ .FJ)(subject) : []) {
                const tagged = await source.resolveTag?.(tag);
                // A manifest also listed by subject still gets its tag; its own referrers are
                // looked for once.
                if (!tagged)
                    continue;
                const loaded = await loadReferrer(source, subject, tagged).catch((error) => {
                    unreadable(tagged.digest, error);
                    return undefined;
                });
                if (!loaded)
                    continue;
                const referrer = { ...loaded, tag };
                if (!wanted(policy, referrer))
                    continue;
                entry.tagged.push(referrer);
                if (!seen.has(tagged.digest))
                    next.push(tagged.digest);
                seen.add(tagged.digest);
            }
            if (entry.referrers.length + entry.tagged.length > 0)
                found.push(entry);
            next.push(...entry.referrers.map((r) => r.descriptor.digest));
        }
        level = next;
    }
    return found;
}
async function loadReferrer(source, subject, listed) {
    const graph = await (0,_copy_js__WEBPACK_IMPORTED_MODULE_4__/* .loadGraph */ .f6)(source, {
        mediaType: listed.mediaType,
        digest: listed.digest,
        size: listed.size,
    });
    const root = graph.manifests.at(-1);
    const descriptor = root ? (0,_oci_referrers_js__WEBPACK_IMPORTED_MODULE_1__/* .referrerDescriptor */ .xh)(graph.root, root.bytes) : listed;
    return { subject, descriptor: { ...descriptor, ...pickArtifactType(listed) }, graph };
}
/** The digest a referrer's own manifest names as its `subject`, if any. */
function subjectOf(referrer) {
    const root = referrer.graph.manifests.at(-1);
    if (!root)
        return undefined;
    return (0,_oci_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseManifest */ .Ng)(root.bytes, root.descriptor.mediaType, referrer.descriptor.digest).subject
        ?.digest;
}
/** The listing's artifactType wins over the one derived from the manifest. */
function pickArtifactType(listed) {
    return listed.artifactType ? { artifactType: listed.artifactType } : {};
}
/**
 * A list keeps the referrers whose artifactType it names. cosign's tagged manifests carry
 * no artifactType (their config is a plain image config), so their layers' media types
 * count too: `application/vnd.dev.cosign.simplesigning.v1+json` selects signatures.
 */
function wanted(policy, referrer) {
    if (policy === true)
        return true;
    if (policy === false)
        return false;
    if (referrer.descriptor.artifactType && policy.includes(referrer.descriptor.artifactType))
        return true;
    if (!referrer.tag)
        return false;
    const root = referrer.graph.manifests.at(-1);
    if (!root)
        return false;
    const parsed = (0,_oci_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseManifest */ .Ng)(root.bytes, root.descriptor.mediaType, referrer.tag);
    return parsed.blobs.some((b) => policy.includes(b.mediaType));
}
/**
 * Pushes the referrers to one target, subjects first. Each referrer is its own small graph:
 * blobs (mounted or skipped as the image's are), then manifests by digest. Where the
 * registry does not index `subject` itself (no referrers API, or no `OCI-Subject` answer),
 * the fallback tag is merged. cosign's tags are pushed as tags and float: a moved one is
 * reported. A referrer that fails is counted and the others go on.
 */
async function copyReferrers(source, found, target, options = {}) {
    const result = {
        copied: 0,
        present: 0,
        failed: 0,
        outcomes: [],
        fallbackTags: [],
    };
    const state = { target, options, source, result };
    for (const entry of found) {
        if (entry.referrers.length > 0)
            await copyBySubject(state, entry);
        for (const referrer of entry.tagged)
            await copyTagged(state, referrer);
    }
    for (const outcome of result.outcomes) {
        if (outcome.action === 'copied')
            result.copied++;
        else if (outcome.action === 'present')
            result.present++;
        else if (outcome.action === 'failed')
            result.failed++;
    }
    return result;
}
async function copyBySubject(state, entry) {
    const { target, options, result } = state;
    const outcomes = entry.referrers.map((r) => ({
        subject: entry.subject,
        digest: r.descriptor.digest,
        ...(r.descriptor.artifactType && { artifactType: r.descriptor.artifactType }),
        action: 'present',
    }));
    result.outcomes.push(...outcomes);
    // What an error fails: all of them until the listing says which are there already.
    let pending = outcomes;
    try {
        const listed = new Set((await listAtTarget(state, entry.subject)).map((d) => d.digest));
        const missing = entry.referrers.filter((r) => !listed.has(r.descriptor.digest));
        pending = missing.map((r) => outcomeOf(outcomes, r));
        if (missing.length === 0)
            return;
        if (options.dryRun) {
            for (const r of missing)
                outcomeOf(outcomes, r).action = 'would-copy';
            return;
        }
        let indexed = true;
        for (const referrer of missing) {
            const outcome = outcomeOf(outcomes, referrer);
            try {
                const pushed = await pushGraph(state, referrer.graph);
                // There but not listed (a writer lost it from the fallback tag): listing it copies it.
                if (pushed !== 'present')
                    indexed &&= pushed.subjectIndexed;
                outcome.action = 'copied';
            }
            catch (error) {
                fail(outcome, error, target);
            }
        }
        const added = missing.filter((r) => outcomeOf(outcomes, r).action !== 'failed');
        if (added.length === 0)
            return;
        if (result.api === false || !indexed) {
            await mergeFallbackTag(state, entry.subject, added.map((r) => r.descriptor));
        }
        // Verify as a client would look: through the API, or the fallback tag.
        const after = new Set((await listAtTarget(state, entry.subject)).map((d) => d.digest));
        for (const referrer of added) {
            if (after.has(referrer.descriptor.digest))
                continue;
            fail(outcomeOf(outcomes, referrer), new Error(`${target.client.host}/${target.repository}: the referrer ${referrer.descriptor.digest} ` +
                `of ${entry.subject} was pushed, but a client listing the referrers there ` +
                `(${listedVia(result.api, entry.subject)}) does not ` +
                'find it. Run again; if it persists, check what else writes that tag'), target);
        }
    }
    catch (error) {
        for (const outcome of pending)
            if (outcome.action !== 'failed')
                fail(outcome, error, target);
    }
}
function outcomeOf(outcomes, referrer) {
    return outcomes.find((o) => o.digest === referrer.descriptor.digest);
}
function fail(outcome, error, target) {
    outcome.action = 'failed';
    outcome.error = (0,_copy_js__WEBPACK_IMPORTED_MODULE_4__/* .describeFailure */ .Ic)(error, target).message;
}
/** The referrers the target lists for `subject`: API when it has one, else the fallback tag. */
async function listAtTarget(state, subject) {
    const { client, repository } = state.target;
    if (state.result.api === false)
        return (await readFallbackTag(client, repository, subject)) ?? [];
    const { listed, api } = await listReferrers(client, repository, subject);
    state.result.api = api;
    return listed;
}
/**
 * The referrers of `subject` in a repository, listed as a verifier lists them: through the
 * referrers API where the registry serves it, else from the fallback tag `sha256-<hex>`.
 */
async function listReferrers(client, repository, subject) {
    const listed = await client.getReferrers(repository, subject);
    if (listed)
        return { listed, api: true };
    return { listed: (await readFallbackTag(client, repository, subject)) ?? [], api: false };
}
/** How a verifier finds the referrers of `subject` there, for messages. */
function listedVia(api, subject) {
    return api ? 'referrers API' : `tag ${(0,_oci_referrers_js__WEBPACK_IMPORTED_MODULE_1__/* .referrersTag */ .LN)(subject)}`;
}
/** The fallback tag's referrers, or undefined when there is no such tag. */
async function readFallbackTag(client, repository, subject) {
    const tag = (0,_oci_referrers_js__WEBPACK_IMPORTED_MODULE_1__/* .referrersTag */ .LN)(subject);
    let bytes;
    let mediaType;
    try {
        ({ bytes, mediaType } = await client.getManifest(repository, tag));
    }
    catch (error) {
        if (error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .gl && error.status === 404)
            return undefined;
        throw error;
    }
    const where = `${client.host}/${repository}: referrers tag ${tag}`;
    return (0,_oci_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseManifest */ .Ng)(bytes, mediaType.split(';')[0] ?? '', where).manifests;
}
/**
 * Read, merge, write; then read back, and merge again if another writer replaced it in
 * between (distribution-spec "Pushing Manifests with Subject": the client keeps the tag).
 * Nothing in the registry makes this atomic, so the read-back is what catches a race.
 */
async function mergeFallbackTag(state, subject, added) {
    const { client, repository } = state.target;
    const tag = (0,_oci_referrers_js__WEBPACK_IMPORTED_MODULE_1__/* .referrersTag */ .LN)(subject);
    for (let attempt = 1; attempt <= FALLBACK_ATTEMPTS; attempt++) {
        const current = (await readFallbackTag(client, repository, subject)) ?? [];
        const have = new Set(current.map((d) => d.digest));
        if (added.every((d) => have.has(d.digest)))
            return;
        const merged = (0,_oci_referrers_js__WEBPACK_IMPORTED_MODULE_1__/* .mergeReferrers */ .vB)(current, added);
        await client.putManifest(repository, tag, (0,_oci_referrers_js__WEBPACK_IMPORTED_MODULE_1__/* .referrersIndex */ .X9)(merged), _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.OciIndex);
        if (!state.result.fallbackTags.includes(tag))
            state.result.fallbackTags.push(tag);
    }
    throw new Error(`${client.host}/${repository}: the referrers tag ${tag} kept changing under us ` +
        `(${FALLBACK_ATTEMPTS} writes, each replaced by another writer). Run again when the ` +
        'other writer is done');
}
/**
 * A referrer's own graph at the target: blobs, then manifests children first by digest.
 * `present` when its root was there already (so was all of it).
 */
async function pushGraph(state, graph) {
    const { target, options, source } = state;
    const { client, repository } = target;
    if ((await client.headManifest(repository, graph.root.digest))?.digest === graph.root.digest)
        return 'present';
    const counts = { blobs: { skipped: 0, uploaded: 0, mounted: 0 }, bytesUploaded: 0 };
    await (0,_copy_js__WEBPACK_IMPORTED_MODULE_4__/* .copyBlobs */ .wT)(source, graph, target, counts, {
        holders: options.holders ?? new _copy_js__WEBPACK_IMPORTED_MODULE_4__/* .BlobHolders */ .fj(),
        ...(options.hooks && { hooks: options.hooks }),
        ...(options.blobConcurrency !== undefined && { blobConcurrency: options.blobConcurrency }),
    });
    await (0,_copy_js__WEBPACK_IMPORTED_MODULE_4__/* .putChildManifests */ .A4)(graph, target);
    const root = graph.manifests.at(-1);
    if (!root)
        return { subjectIndexed: false };
    const pushed = await client.pushManifest(repository, root.descriptor.digest, root.bytes, root.descriptor.mediaType);
    return { subjectIndexed: pushed.subjectIndexed };
}
/** cosign's tag: the manifest by digest, then the tag, which floats like `latest`. */
async function copyTagged(state, referrer) {
    const { target, options, result } = state;
    const { client, repository } = target;
    const tag = referrer.tag;
    const digest = referrer.descriptor.digest;
    const outcome = {
        subject: referrer.subject,
        digest,
        tag,
        ...(referrer.descriptor.artifactType && { artifactType: referrer.descriptor.artifactType }),
        action: 'present',
    };
    result.outcomes.push(outcome);
    try {
        const previous = (await client.headManifest(repository, tag))?.digest;
        if (previous === digest)
            return;
        if (previous !== undefined)
            outcome.movedFrom = previous;
        if (options.dryRun) {
            outcome.action = 'would-copy';
            return;
        }
        await pushGraph(state, referrer.graph);
        const root = referrer.graph.manifests.at(-1);
        if (root)
            await client.putManifest(repository, tag, root.bytes, root.descriptor.mediaType);
        const now = (await client.headManifest(repository, tag))?.digest;
        if (now !== digest) {
            throw new Error(`${client.host}/${repository}:${tag} was pushed as ${digest} but now names ` +
                `${now ?? 'nothing'}; another writer moved it. Run again`);
        }
        outcome.action = 'copied';
    }
    catch (error) {
        fail(outcome, error, target);
    }
}


/***/ }),

/***/ 43217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   To: () => (/* binding */ keepReleaseIndex),
/* harmony export */   dm: () => (/* binding */ keepSyncIndex),
/* harmony export */   tk: () => (/* binding */ withChartIndex)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _engine_clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7230);
/* harmony import */ var _engine_push_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84550);
/* harmony import */ var _registry_user_agent_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(69808);
/* harmony import */ var _push_report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19617);





async function keepReleaseIndex(inputs, plan, result, chart, 
/** `transport`: the job's, which carries its stop, so a stopped job's index requests end. */
deps) {
    // Loaded only for a chart release, like the chart's own code (yaml, tar).
    const { keepChartIndexes } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(697), __webpack_require__.e(88), __webpack_require__.e(685), __webpack_require__.e(537)]).then(__webpack_require__.bind(__webpack_require__, 48043));
    const clients = indexClients(deps);
    const lines = [...inputs.registries, ...inputs.mirrors];
    const outcomes = await keepChartIndexes(plan, result.targets, chart, inputs.chartRepository, {
        clientFor: (target) => clients(target.host, (0,_engine_push_js__WEBPACK_IMPORTED_MODULE_2__/* .targetClientSettings */ .k)(target)),
        lineVisibility: (target) => lines.find((l) => l.host === target.host)?.visibility,
    });
    logOutcomes(outcomes, deps.log);
    if (!inputs.chartIndexFile)
        return { outcomes };
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(inputs.chartIndexFile)
        ? inputs.chartIndexFile
        : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(deps.workspace ?? process.cwd(), inputs.chartIndexFile);
    // The first main registry's index: the one a published catalog points its users at.
    const source = outcomes.find((o) => o.target.role === 'registry' && o.index && (o.status === 'updated' || o.status === 'present'));
    if (!source?.index) {
        const reason = plan.dryRun
            ? 'a dry run writes nothing'
            : 'no main registry has an index with this release in it (see the rows above)';
        return { outcomes, file: { path, written: false, reason } };
    }
    const [{ renderIndexYaml }, { writeIndexFile }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(697), __webpack_require__.e(88), __webpack_require__.e(685), __webpack_require__.e(875)]).then(__webpack_require__.bind(__webpack_require__, 34685)),
        Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(697), __webpack_require__.e(88), __webpack_require__.e(685), __webpack_require__.e(454), __webpack_require__.e(352), __webpack_require__.e(625)]).then(__webpack_require__.bind(__webpack_require__, 56403)),
    ]);
    await writeIndexFile(path, renderIndexYaml(source.index, {
        host: source.target.host,
        namespace: inputs.chartRepository,
        generated: new Date().toISOString(),
    }));
    deps.log.info(`${path}: the index of ${source.reference} written`);
    return { outcomes, file: { path, written: true, from: source.reference } };
}
/**
 * The sync job's last step when its config names `helmIndex`: each namespace's index at every
 * target that received its charts (a failure warns, as for a release).
 */
async function keepSyncIndex(config, result, deps) {
    const { keepSyncedIndexes } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(697), __webpack_require__.e(88), __webpack_require__.e(685), __webpack_require__.e(352), __webpack_require__.e(757)]).then(__webpack_require__.bind(__webpack_require__, 37031));
    const clients = indexClients(deps);
    const outcomes = await keepSyncedIndexes(config, result, {
        clientFor: (t) => clients(t.host, {
            insecure: t.insecure,
            https: t.acr,
            ...(deps.send && { send: deps.send }),
        }),
        ...(deps.pageSize && { pageSize: deps.pageSize }),
    });
    logOutcomes(outcomes, deps.log);
    return { outcomes };
}
/** The index step's clients: the job's sign-in, over the job's transport when it gives one. */
function indexClients(deps) {
    return (0,_engine_clients_js__WEBPACK_IMPORTED_MODULE_1__/* .registryClients */ .K)({
        userAgent: _registry_user_agent_js__WEBPACK_IMPORTED_MODULE_4__/* .USER_AGENT */ ._,
        log: deps.log,
        onSecret: deps.onSecret,
        credentialFor: deps.credentialFor,
        ...(deps.transport && { transport: deps.transport }),
    });
}
function logOutcomes(outcomes, log) {
    for (const o of outcomes) {
        log.info(`${o.reference}: ${describeOutcome(o)}`);
        for (const warning of o.warnings)
            log.warning(`${o.reference}: ${warning}`);
    }
}
function describeOutcome(o) {
    const versions = o.index ? ` (${countVersions(o)} versions)` : '';
    switch (o.status) {
        case 'updated':
            return `updated${versions}, ${o.digest ?? ''}`;
        case 'present':
            return `already up to date${versions}`;
        case 'would-update':
            return 'would be updated';
        case 'skipped':
            return `not updated: ${o.reason ?? ''}`;
        case 'failed':
            return `failed: ${o.error ?? ''}`;
    }
}
function countVersions(o) {
    let n = 0;
    for (const versions of o.index?.values() ?? [])
        n += versions.size;
    return n;
}
const STATUS_TEXT = {
    updated: '✅ updated',
    present: '✅ already listed',
    'would-update': '🔍 would update',
    skipped: '⏭️ not updated',
    failed: '🟡 failed, not blocking',
};
/** The push's report, with the index's rows, its warnings, and the file. */
function withChartIndex(report, step) {
    if (step.outcomes.length === 0 && !step.file)
        return report;
    const rows = step.outcomes.map((o) => {
        const role = o.target.role === 'mirror' ? ' (mirror)' : '';
        const detail = o.status === 'failed'
            ? (o.error ?? '')
            : o.status === 'skipped'
                ? (o.reason ?? '')
                : o.index
                    ? `${countVersions(o)} versions, \`${o.digest ?? ''}\``
                    : '—';
        return `| \`${o.reference}\`${role} | ${STATUS_TEXT[o.status]} | ${(0,_push_report_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeCell */ .kq)(detail)} |`;
    });
    const lines = ['', '### Helm index', '', '| index | status | |', '| --- | --- | --- |', ...rows];
    if (step.file) {
        lines.push('', step.file.written
            ? `Written to \`${step.file.path}\` (the index of \`${step.file.from ?? ''}\`).`
            : `Not written to \`${step.file.path}\`: ${step.file.reason ?? ''}.`);
    }
    const annotations = step.outcomes
        .filter((o) => o.status === 'failed')
        .map((o) => ({
        level: 'warning',
        title: `oci-push: Helm index at ${o.target.host} not updated`,
        message: `${o.error ?? ''}. The charts themselves are there; run again, or rebuild the index with ` +
            `\`oci-push catalog --registry ${o.target.host} --namespace ${o.namespace} --write\`.`,
    }));
    if (step.file && !step.file.written) {
        annotations.push({
            level: 'warning',
            title: 'oci-push: chart-index-file not written',
            message: `${step.file.path} was not written: ${step.file.reason ?? ''}.`,
        });
    }
    return {
        ...report,
        summary: `${report.summary.trimEnd()}\n${lines.join('\n')}\n`,
        annotations: [...report.annotations, ...annotations],
    };
}


/***/ }),

/***/ 12043:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ readCredentialsInput)
/* harmony export */ });
/* unused harmony export parseCredentials */
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62148);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(91115);


/**
 * The `credentials` input (`HOST=USERNAME:PASSWORD` per line), read the one way every job
 * reads it: each raw line goes to `onSecret` before it is parsed (a line too broken to parse
 * may still hold a password, and must be hidden wherever it shows up), then each password.
 */
function readCredentialsInput(text, onSecret) {
    for (const line of text.split('\n'))
        if (line.trim())
            onSecret(line.trim());
    const credentials = parseCredentials(text);
    for (const { password } of credentials.values())
        onSecret(password);
    return credentials;
}
/**
 * One `HOST=USERNAME:PASSWORD` per line, split at the first `=` and the first `:` after
 * it, so a password may contain both. Whitespace around those two separators and at the
 * line's ends is ignored (`HOST = alice : pw` is `HOST=alice:pw`); whitespace inside the
 * password is kept, so a password can't start or end with a space. No message shows any part
 * of a line but a host that parsed as one: a malformed line may hold a password anywhere.
 */
function parseCredentials(text) {
    const credentials = new Map();
    for (const [i, raw] of text.split('\n').entries()) {
        const line = raw.trim();
        if (!line)
            continue;
        const where = `credentials line ${i + 1}`;
        const eq = line.indexOf('=');
        const colon = eq < 0 ? -1 : line.indexOf(':', eq + 1);
        if (eq <= 0 || colon < 0) {
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${where} is not HOST=USERNAME:PASSWORD (its value is hidden because it may hold a ` +
                'secret); write one registry per line, e.g. gsoci.azurecr.io=USERNAME:PASSWORD');
        }
        const given = line.slice(0, eq).trim();
        if (!(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .isHost */ .jU)(given))
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${where}: ${badCredentialHost(given)}`);
        const host = (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .hostKey */ ._9)(given);
        const username = line.slice(eq + 1, colon).trim();
        const password = line.slice(colon + 1).trimStart();
        if (!username || !password) {
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${where} (${host}) has an empty username or password`);
        }
        if (credentials.has(host))
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${where}: ${host} has a second credential`);
        credentials.set(host, { username, password });
    }
    return credentials;
}
/** Why the part before `=` is not a host, without showing it (it may hold the password). */
function badCredentialHost(text) {
    const problem = text.includes('://')
        ? 'it starts with a scheme; drop `https://`'
        : text.includes('@')
            ? 'it has a user name or password in it; only the host goes before `=`'
            : /\s/.test(text)
                ? 'it has a space in it, so `=` is probably missing after the host'
                : text.includes(':')
                    ? 'it has a `:` that is not a port, so `=` is probably missing after the host'
                    : 'a host is a name or address with an optional port';
    return (`the part before "=" is not a registry host (it is not shown, as it may hold a secret): ` +
        `${problem}. Write HOST=USERNAME:PASSWORD with the host as in \`registries\`, e.g. ` +
        'gsoci.azurecr.io=USER:PASS');
}


/***/ }),

/***/ 19617:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ buildReport),
/* harmony export */   HN: () => (/* binding */ planLines),
/* harmony export */   Ue: () => (/* binding */ targetLine),
/* harmony export */   f: () => (/* binding */ uploadProgress),
/* harmony export */   kq: () => (/* binding */ escapeCell),
/* harmony export */   vi: () => (/* binding */ failureOutcome),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34758);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62148);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6764);
/* harmony import */ var _registry_http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(58851);
/* harmony import */ var _exit_codes_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86033);





function verdictOf(t, context) {
    // A release that is pushed but could not be locked, as asked, fails like a push would.
    if (context.acr?.get(t.target)?.lockError)
        return t.target.role === 'mirror' ? 'warning' : 'error';
    // A signature or SBOM that didn't arrive fails the row like the image would.
    if (t.status !== 'failed' && t.status !== 'refused' && !t.referrers?.failed)
        return 'ok';
    if (t.target.role === 'mirror')
        return 'warning';
    if (context.fromFork && t.error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AuthError */ .lR && t.error.reason === 'missing')
        return 'fork-skip';
    return 'error';
}
/**
 * Turns a push's result into what the user sees, and its exit code: 0 when every main
 * registry is fine (a mirror may have warned, a fork's registries skipped), 3 when the only
 * failures are refused releases (a tag that holds another digest, or is locked), else 1.
 * Pure, so the demo and tests render exactly what the faces do.
 */
function buildReport(result, context) {
    const verdicts = result.targets.map((t) => verdictOf(t, context));
    const acrOf = (t) => context.acr?.get(t.target);
    const annotations = [];
    // A mirror's warning says where the build is published: only true when a main registry has it.
    const mainOk = result.targets.some((t, i) => t.target.role === 'registry' && verdicts[i] === 'ok');
    result.targets.forEach((t, i) => {
        const verdict = verdicts[i];
        const acr = acrOf(t);
        const where = `${t.host}${t.target.role === 'mirror' ? ' (mirror)' : ''}`;
        if (acr?.untagError) {
            annotations.push({
                level: 'warning',
                title: `oci-push: ${t.host} passing tag left behind`,
                message: `${acr.untagError.message} The dev build is pushed, but its passing tag still points ` +
                    'at it, so retention will not collect it; the cleanup action can delete the tag.',
            });
        }
        if (verdict === 'error') {
            annotations.push({
                level: 'error',
                title: `oci-push: ${where}`,
                message: acr?.lockError
                    ? `The release is pushed and tagged, but locking it failed: ${acr.lockError.message}`
                    : (t.error?.message ?? referrerFailure(t) ?? t.status),
            });
        }
        else if (verdict === 'warning') {
            annotations.push({
                level: 'warning',
                title: `oci-push: mirror ${t.host} failed`,
                message: `${sentence(t.error?.message ?? referrerFailure(t) ?? t.status)} ${mainOk
                    ? 'The release is published to the main registries'
                    : 'The main registries failed too (see their errors)'}; this mirror is not${t.error ? '' : ' complete'}.`,
            });
        }
    });
    if (result.plan.warning) {
        annotations.push({
            level: 'warning',
            title: 'oci-push: not a release tag',
            message: `${result.plan.warning}.`,
        });
    }
    const forkSkips = result.targets.filter((_, i) => verdicts[i] === 'fork-skip');
    if (forkSkips.length > 0) {
        annotations.push({
            level: 'notice',
            title: 'oci-push: pull request from a fork',
            message: `Not pushed to ${forkSkips.map((t) => t.host).join(', ')}: this pull request comes from a fork, ` +
                'and GitHub gives fork pull requests no secrets, so there is no credential for them. ' +
                'The `credentials` input (or a docker login) provides one on branches of this repository.',
        });
    }
    const failed = result.targets.filter((_, i) => verdicts[i] === 'error');
    const rows = rowsOf(result, verdicts, acrOf, context.signatures ?? []);
    const onlyRefused = failed.every((t) => t.status === 'refused' && !acrOf(t)?.lockError);
    return {
        report: {
            outputs: outputsOf(result, rows),
            summary: summaryMarkdown(result, verdicts, acrOf, context.signatures ?? []),
            annotations,
            rows,
            ...(failed.length > 0 && {
                failure: `oci-push failed on ${failed.map((t) => t.host).join(', ')}; the other registries finished. See the errors above and the job summary.`,
            }),
        },
        exitCode: failed.length === 0 ? _exit_codes_js__WEBPACK_IMPORTED_MODULE_4__/* .EXIT */ .dc.ok : onlyRefused ? _exit_codes_js__WEBPACK_IMPORTED_MODULE_4__/* .EXIT */ .dc.refused : _exit_codes_js__WEBPACK_IMPORTED_MODULE_4__/* .EXIT */ .dc.failed,
    };
}
/** Why referrers failed at a target whose image is fine, for the annotation. */
function referrerFailure(t) {
    const failed = t.referrers?.outcomes.filter((o) => o.action === 'failed') ?? [];
    if (failed.length === 0)
        return undefined;
    return (`The image is there, but ${failed.length} of its referrers (signatures, SBOMs, ` +
        `attestations) did not arrive: ${failed.map((o) => o.error ?? o.digest).join('; ')}`);
}
/** The references a registry now serves for this build: `oci://` ones for charts, as helm takes them. */
function refsOf(t, build, evenIfNotYet = false) {
    const served = t.status === 'pushed' ||
        t.status === 'unchanged' ||
        (evenIfNotYet && t.status === 'would-push');
    if (!served)
        return [];
    const base = `${t.target.artifact === 'chart' ? 'oci://' : ''}${t.host}/${t.repository}`;
    return build === 'dev' ? [`${base}@${t.digest}`] : t.tags.map((tag) => `${base}:${tag.tag}`);
}
/** A target's tags as it is left: a passing tag ACR deleted again is not one of them. */
function tagsLeft(t, acr) {
    return acr?.untagged ? t.tags.filter((tag) => tag.tag !== acr.untagged) : t.tags;
}
function rowsOf(result, verdicts, acrOf, signatures) {
    const { plan } = result;
    const reusedFrom = (digest) => signatures.find((s) => s.digest === digest)?.reused?.from;
    return [
        ...result.targets.map((t, i) => {
            const acr = acrOf(t);
            return {
                artifact: t.target.artifact,
                registry: t.host,
                role: t.target.role,
                repository: t.repository,
                status: verdicts[i] === 'fork-skip' ? 'skipped' : t.status,
                refs: refsOf(t, plan.build),
                tags: [
                    ...tagsLeft(t, acr).map((tag) => ({
                        tag: tag.tag,
                        action: tag.action,
                        ...(tag.previous && { previous: tag.previous }),
                    })),
                    ...(t.heldTags ?? []).map((held) => ({
                        tag: held.tag,
                        action: 'left',
                        reason: held.reason,
                    })),
                ],
                blobs: t.blobs,
                ...(t.referrers && {
                    referrers: {
                        copied: t.referrers.copied,
                        present: t.referrers.present,
                        failed: t.referrers.failed,
                        ...(plan.dryRun && {
                            wouldCopy: t.referrers.outcomes.filter((o) => o.action === 'would-copy').length,
                        }),
                        items: t.referrers.outcomes.map((o) => ({
                            digest: o.digest,
                            subject: o.subject,
                            ...(o.artifactType && { artifactType: o.artifactType }),
                            ...(o.tag && { tag: o.tag }),
                            action: o.action,
                            ...(o.movedFrom && { movedFrom: o.movedFrom }),
                            ...(o.error && { error: o.error }),
                        })),
                    },
                }),
                ...(t.attachments && {
                    signatures: t.attachments.map((o) => ({
                        digest: o.digest,
                        subject: o.subject,
                        kind: o.label,
                        action: o.action,
                        ...(o.via && { via: o.via }),
                        ...(reusedFrom(o.digest) && { reusedFrom: reusedFrom(o.digest) }),
                        ...(o.error && { error: o.error }),
                    })),
                }),
                bytes: t.bytesUploaded,
                seconds: Number(t.seconds.toFixed(2)),
                ...(t.error && { error: t.error.message }),
                ...(acr && {
                    acr: {
                        ...(acr.locked && { locked: acr.locked }),
                        ...(acr.untagged && { untagged: acr.untagged }),
                        ...(acr.lockError && { lockError: acr.lockError.message }),
                        ...(acr.untagError && { untagError: acr.untagError.message }),
                    },
                }),
            };
        }),
        ...plan.skipped.map((s) => ({
            artifact: s.artifact,
            registry: s.host,
            role: s.role,
            status: 'skipped',
            reason: s.reason,
        })),
    ];
}
function outputsOf(result, rows) {
    const { plan } = result;
    const ordered = [...result.targets].sort((a, b) => roleOrder(a) - roleOrder(b));
    const refs = (artifact) => ordered.filter((t) => t.target.artifact === artifact).flatMap((t) => refsOf(t, plan.build));
    const imageRefs = refs('image');
    const chartRefs = refs('chart');
    return {
        build: plan.build,
        version: plan.version,
        digest: result.digests.image ?? '',
        tags: plan.tags.join('\n'),
        refs: imageRefs.join('\n'),
        ref: imageRefs[0] ?? '',
        'chart-digest': result.digests.chart ?? '',
        'chart-refs': chartRefs.join('\n'),
        'chart-ref': chartRefs[0] ?? '',
        result: JSON.stringify(rows),
    };
}
function roleOrder(t) {
    return t.target.role === 'registry' ? 0 : 1;
}
const STATUS_TEXT = {
    pushed: '✅ pushed',
    unchanged: '✅ already there',
    refused: '⛔ refused',
    'would-push': '🔍 would push',
    failed: '❌ failed',
};
function summaryMarkdown(result, verdicts, acrOf, signatures) {
    const { plan } = result;
    const title = plan.build === 'release' ? `release ${plan.version}` : `dev build ${plan.version}`;
    const lines = [
        `## oci-push: ${title}${plan.dryRun ? ' (dry run: nothing was written)' : ''}`,
        '',
        `- **Why:** ${plan.reason}`,
    ];
    if (plan.source) {
        lines.push(`- **Image:** \`${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSourceReference */ .EP)(plan.source)}\` → \`${result.digests.image ?? ''}\``);
    }
    if (plan.chart) {
        lines.push(`- **Chart:** \`${plan.chart.name}\` ${plan.version} from \`${plan.chart.path}\` → \`${result.digests.chart ?? ''}\``);
    }
    lines.push(`- **Visibility:** ${plan.visibility.visibility}, ${plan.visibility.source}`);
    lines.push(`- **Signing:** ${plan.dryRun && plan.signing.sign ? 'would be ' : ''}${plan.signing.reason}`);
    const tagList = (tags) => tags.map((t) => `\`${t}\``).join(', ');
    const imageTags = plan.source && plan.tags.length > 0 ? `image ${tagList(plan.tags)}` : '';
    const chartTags = plan.chart?.tags.length ? `chart ${tagList(plan.chart.tags)}` : '';
    const tagged = [imageTags, chartTags].filter(Boolean).join('; ');
    if (plan.build === 'release') {
        const floating = plan.forwardOnlyTags?.length
            ? `; ${tagList(plan.forwardOnlyTags)} move only to the highest release`
            : '';
        lines.push(`- **Tags:** ${tagged}; the version's tag is immutable${plan.overwrite ? ' (overwrite is on)' : ''}${floating}`);
    }
    else {
        lines.push(tagged
            ? `- **Tags:** ${tagged}; a dev build's tags follow each build of its commit or branch`
            : '- **Tags:** none: a dev build is pushed by digest only');
    }
    lines.push('', '| repository | status | references | blobs uploaded / mounted / skipped | referrers copied / there / failed | uploaded | time |', '| --- | --- | --- | --- | --- | --- | --- |');
    result.targets.forEach((t, i) => {
        const role = t.target.role === 'mirror' ? ' (mirror)' : '';
        let status = STATUS_TEXT[t.status];
        if (verdicts[i] === 'fork-skip')
            status = '⏭️ skipped (fork)';
        else if (verdicts[i] === 'warning')
            status = `🟡 ${t.status}, not blocking`;
        const refs = refsOf(t, plan.build, plan.dryRun);
        lines.push(`| \`${t.host}/${t.repository}\`${role} | ${status} | ${refs.map((r) => `\`${r}\``).join('<br>') || '—'} | ` +
            `${t.blobs.uploaded} / ${t.blobs.mounted} / ${t.blobs.skipped} | ${referrerCell(t)} | ` +
            `${formatBytes(t.bytesUploaded)} | ${t.seconds.toFixed(1)} s |`);
    });
    for (const s of plan.skipped) {
        const role = s.role === 'mirror' ? ' (mirror)' : '';
        const repository = s.artifact === 'chart' ? plan.chart?.repository : plan.repository;
        lines.push(`| \`${s.host}/${repository ?? ''}\`${role} | ⏭️ skipped | ${escapeCell(s.reason)} | — | — | — | — |`);
    }
    const problems = result.targets.filter((t) => t.error || t.referrers?.failed);
    if (problems.length > 0) {
        lines.push('', '### What went wrong', '');
        for (const t of problems) {
            const message = t.error?.message ?? referrerFailure(t) ?? '';
            lines.push(`- **\`${t.host}/${t.repository}\`** (${t.target.role}): ${escapeCell(message)}`);
        }
    }
    const acrLines = result.targets.flatMap((t) => {
        const where = `\`${t.host}/${t.repository}\``;
        const a = acrOf(t);
        if (!a)
            return [];
        if (a.locked) {
            const tags = a.locked.tags.map((tag) => `\`${tag}\``).join(', ');
            return [
                `- 🔒 ${where}: locked ${a.locked.manifests} manifest(s)${tags ? ` and the tag ${tags}` : ''} (no write, no delete)`,
            ];
        }
        if (a.untagged) {
            return [
                `- 🏷️ ${where}: passing tag \`${a.untagged}\` deleted; the dev build is an untagged manifest that retention can collect`,
            ];
        }
        if (a.lockError)
            return [`- ❌ ${where}: not locked: ${escapeCell(a.lockError.message)}`];
        if (a.untagError)
            return [`- ⚠️ ${where}: passing tag left: ${escapeCell(a.untagError.message)}`];
        return [];
    });
    if (acrLines.length > 0)
        lines.push('', '### Azure Container Registry', '', ...acrLines);
    lines.push(...signatureSection(result, signatures));
    const moved = result.targets.flatMap((t) => t.tags
        .filter((tag) => tag.action === 'moved' && t.status === 'pushed')
        .map((tag) => `\`${t.host}/${t.repository}:${tag.tag}\` moved from \`${tag.previous}\``));
    // cosign's tags float: a re-signed image moves them, and the summary says so.
    const resigned = result.targets.flatMap((t) => (t.referrers?.outcomes ?? [])
        .filter((o) => o.movedFrom && o.action === 'copied')
        .map((o) => `\`${t.host}/${t.repository}:${o.tag}\` moved from \`${o.movedFrom}\` (re-signed)`));
    moved.push(...resigned);
    if (moved.length > 0)
        lines.push('', '### Tags moved', '', ...moved.map((m) => `- ${m}`));
    const left = result.targets.flatMap((t) => (t.heldTags ?? []).map((held) => `- \`${t.host}/${t.repository}:${held.tag}\` left where it was: ${escapeCell(held.reason)}`));
    if (left.length > 0)
        lines.push('', '### Floating tags not moved', '', ...left);
    lines.push('');
    return lines.join('\n');
}
/**
 * Each signature made, by whom, and where it landed; then any tag left pointing at a signed
 * artifact that lacks its signature there (a tag from an earlier run, when this run's
 * signature failed to arrive), with how to finish.
 */
function signatureSection(result, signatures) {
    const { plan } = result;
    if (!plan.signing.sign || plan.dryRun)
        return [];
    const lines = ['', '### Signatures', ''];
    for (const s of signatures) {
        const landed = result.targets
            .filter((t) => t.target.artifact === s.artifact)
            .map((t) => {
            const o = t.attachments?.find((a) => a.digest === s.digest);
            const where = `\`${t.host}/${t.repository}\`${t.target.role === 'mirror' ? ' (mirror)' : ''}`;
            if (!o)
                return `${where} ❌ not pushed (${t.status})`;
            if (o.action === 'failed')
                return `${where} ❌ failed`;
            return `${where} (${o.via ?? 'pushed'}${o.action === 'present' ? ', already there' : ''})`;
        });
        lines.push(`- ✍️ ${s.artifact} ${s.label}${s.platform ? ` (${s.platform})` : ''} of \`${s.subject}\` → ` +
            `\`${s.digest}\`, signed by \`${s.identity}\` (${s.issuer})` +
            `${s.logIndex ? `, Rekor log index ${s.logIndex}` : ''}` +
            `${s.reused ? `, reused, not signed again (found at \`${s.reused.from}\`, ${s.reused.via})` : ''}` +
            `: ${landed.join(', ') || 'nowhere'}`);
    }
    const kinds = new Set(result.targets.map((t) => t.target.artifact));
    for (const kind of kinds) {
        if (!signatures.some((s) => s.artifact === kind && s.label === 'signature')) {
            lines.push(`- ❌ the ${kind} was not signed (see what went wrong); no new tag points at it`);
        }
    }
    const unsigned = result.targets.flatMap((t) => {
        const signed = t.attachments?.some((a) => a.label === 'signature' && a.action !== 'failed');
        if (signed)
            return [];
        return t.tags
            .filter((tag) => tag.previous === t.digest)
            .map((tag) => `\`${t.host}/${t.repository}:${tag.tag}\``);
    });
    if (unsigned.length > 0) {
        lines.push('', `**Tags without their signature:** ${unsigned.join(', ')} already pointed at this ` +
            "build's digest and still do, but its signature did not arrive there. To finish, run " +
            'the same release again: the content is unchanged, only the signature is pushed.');
    }
    return lines;
}
function referrerCell(t) {
    const r = t.referrers;
    if (!r)
        return '—';
    const wouldCopy = r.outcomes.filter((o) => o.action === 'would-copy').length;
    const copied = wouldCopy > 0 ? `${wouldCopy} to copy` : String(r.copied);
    return `${copied} / ${r.present} / ${r.failed}${r.failed > 0 ? ' ❌' : ''}`;
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}
/**
 * The push's upload progress as both faces show it: one line per target, keyed by it, built
 * only when `show` prints it (the action's throttle, the CLI's console).
 */
function uploadProgress(show) {
    return {
        onProgress: ({ target, bytes, totalBytes }) => {
            const where = `${target.client.host}/${target.repository}`;
            show(where, () => `${where}: ${formatBytes(bytes)} of ${formatBytes(totalBytes)} uploaded`);
        },
    };
}
/** A table cell's text: a `|` would end the cell, a line break the row. */
function escapeCell(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
/** The plan, one line per decision, for the Plan log group. */
function planLines(plan) {
    const what = (artifact) => {
        const tags = artifact === 'chart' ? (plan.chart?.tags ?? []) : plan.tags;
        if (plan.build !== 'release') {
            return tags.length > 0 ? `by digest, tags ${tags.join(', ')}` : 'by digest, no tag';
        }
        return `tags ${tags.join(', ')}`;
    };
    const defaults = [
        ...new Set([...plan.targets, ...plan.skipped].filter((t) => t.role === 'registry').map((t) => t.host)),
    ].join(', ');
    return [
        plan.reason,
        ...(plan.warning ? [`Warning: ${plan.warning}.`] : []),
        ...(plan.registriesDefaulted
            ? [`Registries: \`registries\` is blank, so Giant Swarm's defaults are used: ${defaults}.`]
            : []),
        `Repository visibility: ${plan.visibility.visibility}, ${plan.visibility.source}.`,
        `Signing: ${plan.dryRun && plan.signing.sign ? 'would be ' : ''}${plan.signing.reason}.`,
        ...plan.targets.map((t) => `${plan.dryRun ? 'would push' : 'push'} → ${t.host}/${t.repository} (${t.role}, ${what(t.artifact)})`),
        ...plan.skipped.map((s) => `skip ${s.artifact} on ${s.host} (${s.role}): ${s.reason}`),
    ];
}
/** One registry's outcome, for the end of the Push log group. */
function targetLine(t) {
    const blobs = t.status === 'would-push'
        ? `would upload ${t.blobs.uploaded}, would mount ${t.blobs.mounted}, ${t.blobs.skipped} there already`
        : `${t.blobs.uploaded} uploaded, ${t.blobs.mounted} mounted, ${t.blobs.skipped} skipped`;
    const r = t.referrers;
    const referrers = r
        ? `, referrers ${r.copied} copied, ${r.present} there, ${r.failed} failed`
        : '';
    const held = (t.heldTags ?? []).map((h) => `; ${h.tag} not moved: ${h.reason}`).join('');
    return `${t.host}/${t.repository}: ${t.status} (${blobs}${referrers}, ${formatBytes(t.bytesUploaded)}, ${t.seconds.toFixed(1)} s)${held}`;
}
/** A message as a sentence: one full stop at its end, never two. */
function sentence(text) {
    return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
/** Where a push stopped, said plainly for the summary, read from the error's code. */
function failedStage(error) {
    const code = error instanceof _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OciPushError */ .iQ ? error.code : undefined;
    if (code === 'input')
        return { stage: 'inputs', before: 'The inputs are wrong' };
    if (code === 'plan')
        return { stage: 'plan', before: 'No plan could be made' };
    if (code === 'interrupted')
        return { stage: 'interrupted', before: 'oci-push was stopped' };
    if (code === 'source' ||
        error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl ||
        error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AuthError */ .lR ||
        error instanceof _registry_http_js__WEBPACK_IMPORTED_MODULE_3__/* .NetworkError */ .Dr) {
        return { stage: 'source', before: 'The image source (`image`) could not be read' };
    }
    return { stage: 'setup', before: 'oci-push stopped before the push' };
}
/**
 * The outcome of a push that stopped before any registry was written (bad inputs, no plan,
 * an unreadable source, a signal): the job still gets its summary, an error annotation and
 * a `result` output saying what failed and that nothing was pushed, never an empty summary;
 * and the exit code its error's code maps to.
 */
function failureOutcome(error) {
    const message = error instanceof Error ? error.message : String(error);
    const { stage, before } = failedStage(error);
    const summary = [
        '## oci-push: failed before pushing',
        '',
        `- **What failed:** ${before}: ${escapeCell(message)}`,
        '- **What was pushed:** nothing; oci-push stops at the first such error, before it writes ' +
            'to any registry, so no registry holds part of this build.',
        '- **What to do:** the message says which input or host and the fix; correct it and run ' +
            'the job again.',
        '',
    ].join('\n');
    const rows = [{ status: 'failed', stage, error: message, pushed: [] }];
    return {
        report: {
            outputs: {
                build: '',
                version: '',
                digest: '',
                tags: '',
                refs: '',
                ref: '',
                'chart-digest': '',
                'chart-refs': '',
                'chart-ref': '',
                result: JSON.stringify(rows),
            },
            summary,
            // The job's failure is the one error annotation; a second would repeat it.
            annotations: [],
            rows,
            failure: message,
        },
        exitCode: (0,_exit_codes_js__WEBPACK_IMPORTED_MODULE_4__/* .exitCodeForError */ .Lo)(error),
    };
}


/***/ }),

/***/ 77803:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ devVersion),
/* harmony export */   g: () => (/* binding */ isDevVersion)
/* harmony export */ });
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(16353);
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0__);

/**
 * The version of a dev build: `X.Y.(Z+1)-dev.<commit time>.g<sha12>` above the nearest
 * release `X.Y.Z`, e.g. `1.4.9-dev.20250314093015.g0123456789ab`. The one owner of the
 * format: the planner makes it here, and what recognises a dev version asks `isDevVersion`.
 *
 * Why this shape (semver 2.0.0 §9–§11, which helm, Flux and npm's semver all follow):
 * - `X.Y.(Z+1)-…` is a pre-release of the next patch, so it sorts above the release it
 *   follows and below the next one; the old `<release>-<40 hex>` sorted *below* its release.
 * - the commit time is one numeric identifier, UTC `YYYYMMDDHHMMSS`: numeric identifiers
 *   compare as numbers, so successive commits sort by time, and a year never starts with 0
 *   (§9 forbids leading zeros in numeric identifiers, which a `HHMMSS` alone could have).
 * - `g<sha12>` (as `git describe` writes it) names the commit; the `g` keeps it alphanumeric,
 *   so a sha of digits with a leading 0 can't make the version invalid.
 * - no `+build` part: a tag can't hold `+`, and helm would turn it into `_`.
 * The result is a valid tag (`[A-Za-z0-9_.-]`, under 128) and a valid chart version.
 */
function devVersion(nearestRelease, commitTime, sha) {
    const stamp = commitTime.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const build = `dev.${stamp}.g${sha.slice(0, 12).toLowerCase()}`;
    const base = semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0___default()(nearestRelease ?? '0.0.0');
    if (!base)
        throw new Error(`"${nearestRelease}" is not a semver version`);
    // After a pre-release (1.2.0-rc.1) the next patch would jump over the release it leads to;
    // appending keeps it between 1.2.0-rc.1 and 1.2.0 (a longer pre-release sorts higher, §11).
    if (base.prerelease.length > 0) {
        return `${base.major}.${base.minor}.${base.patch}-${base.prerelease.join('.')}.${build}`;
    }
    return `${base.major}.${base.minor}.${base.patch + 1}-${build}`;
}
/**
 * A dev build's version: a semver pre-release with a `dev` identifier. This covers ours and
 * the orb's (gitsemver's `X.Y.(Z+1)-dev.<branch>.<date>.<time>.h<sha>`), both of which may be
 * tags in a repository; neither is a release.
 */
function isDevVersion(version) {
    return semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0___default()(version)?.prerelease.includes('dev') ?? false;
}


/***/ }),

/***/ 12829:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ versionTag),
/* harmony export */   i: () => (/* binding */ isStrictSemver)
/* harmony export */ });
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(16353);
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0__);

/** Semver exactly as written: no `v`, no spaces; build metadata is kept, not stripped. */
function isStrictSemver(value) {
    return /^\d/.test(value) && !/\s/.test(value) && semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0___default()(value) !== null;
}
/** A version as an OCI tag: `+` is not allowed in tags, so it becomes `_` (as helm does). */
function versionTag(version) {
    return version.replace(/\+/g, '_');
}


/***/ }),

/***/ 76430:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ RegistrySource)
/* harmony export */ });
/* unused harmony export DEFAULT_MANIFEST_WAIT_MS */
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _oci_descriptor_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(47592);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(68825);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79572);
/* harmony import */ var _oci_referrers_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(50961);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6764);
/* harmony import */ var _registry_http_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(58851);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(44396);








/**
 * Another registry as the source (`docker://HOST/REPO[:TAG|@DIGEST]`): how a runner in China
 * copies a release from gsoci to Aliyun. Manifests are fetched by digest and checked; blobs
 * stream through, verified as they pass, and are never held whole.
 */
/**
 * How long a manifest that a tag or digest promises may answer 404 before the copy gives up:
 * a geo-replicated registry (ACR) serves a manifest just pushed elsewhere only after a while
 * (FACTS.md, "Geo-replication"), and Giant Swarm's own copy job retried for this reason.
 */
const DEFAULT_MANIFEST_WAIT_MS = 60_000;
class RegistrySource {
    client;
    repository;
    reference;
    options;
    name;
    /** The root's bytes from `resolve()`, so the graph walk doesn't fetch them a second time. */
    root;
    /**
     * Manifests this registry itself just named (listed as referrers, or found behind a tag):
     * a 404 for one of them is an answer, not a replica lagging, so it is not waited out.
     */
    named = new Set();
    /** Small blobs read once and handed to every target that wants them (see `openBlob`). */
    shared = new Map();
    sharedBytes = 0;
    constructor(client, 
    /** The repository the blobs live in; the copy mounts from it on the same registry. */
    repository, reference, options = {}) {
        this.client = client;
        this.repository = repository;
        this.reference = reference;
        this.options = options;
        const separator = reference.startsWith('sha256:') ? '@' : ':';
        this.name = `docker://${client.host}/${repository}${separator}${reference}`;
    }
    get host() {
        return this.client.host;
    }
    async resolve() {
        const manifest = await this.getManifest(this.reference);
        const mediaType = manifest.mediaType.split(';')[0]?.trim() ?? '';
        if (!(0,_oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_3__/* .isManifestMediaType */ .CM)(mediaType)) {
            throw new _source_js__WEBPACK_IMPORTED_MODULE_7__/* .SourceError */ .c(`${this.name}: the registry serves a manifest of type "${manifest.mediaType}", which ` +
                'oci-push does not copy (OCI or Docker v2 manifests and indexes only)');
        }
        this.root = { digest: manifest.digest, bytes: manifest.bytes };
        return { mediaType, digest: manifest.digest, size: manifest.size };
    }
    async fetchManifest(descriptor) {
        const { bytes } = this.root?.digest === descriptor.digest
            ? this.root
            : await this.getManifest(descriptor.digest, !this.named.has(descriptor.digest));
        // The client hashed these bytes: the root's digest is their hash, and a manifest asked
        // for by digest is refused unless it hashes to it. Only the size is left to check.
        if (bytes.length !== descriptor.size) {
            throw new _oci_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .SizeMismatchError */ .Au(descriptor.size, bytes.length, `${this.name}: manifest ${descriptor.digest}`);
        }
        return bytes;
    }
    /**
     * A manifest, waiting out a replica that doesn't serve it yet (404) for a bounded time; a
     * failure is a source error.
     */
    async getManifest(reference, waitForReplica = true) {
        const { onWait } = this.options;
        const manifestWaitMs = waitForReplica
            ? (this.options.manifestWaitMs ?? DEFAULT_MANIFEST_WAIT_MS)
            : 0;
        const now = this.options.now ?? Date.now;
        const sleep = this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        const deadline = now() + manifestWaitMs;
        for (let attempt = 1;; attempt++) {
            try {
                return await this.client.getManifest(this.repository, reference);
            }
            catch (error) {
                const left = deadline - now();
                if (!(error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .RegistryError */ .gl && error.status === 404) || left <= 0) {
                    throw this.failure(`manifest ${reference}`, error);
                }
                const delay = Math.min(left, Math.min(10_000, 1_000 * 2 ** (attempt - 1)));
                onWait?.(`${this.name}: manifest ${reference} not found (HTTP 404); a replica may not have it ` +
                    `yet, trying again in ${Math.round(delay / 1000)} s (up to ${manifestWaitMs / 1000} s in all)`);
                await sleep(delay);
            }
        }
    }
    /**
     * The referrers API, or on a registry without it (404) the fallback tag `sha256-<hex>`
     * (distribution-spec "Referrers Tag Schema"), as a client reading them would look.
     */
    async referrers(digest) {
        // undefined: no referrers API, which the client remembers for the rest of the run.
        const listed = await this.client.getReferrers(this.repository, digest);
        if (listed)
            return this.naming(listed);
        const tag = (0,_oci_referrers_js__WEBPACK_IMPORTED_MODULE_4__/* .referrersTag */ .LN)(digest);
        if (this.options.listedTags && !this.options.listedTags.has(tag))
            return [];
        let index;
        try {
            index = (await this.client.getManifest(this.repository, tag)).bytes;
        }
        catch (error) {
            if (error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .RegistryError */ .gl && error.status === 404)
                return [];
            throw error;
        }
        const where = `${this.name}: the referrers tag ${tag}`;
        let json;
        try {
            json = JSON.parse(index.toString('utf8'));
        }
        catch {
            throw new _source_js__WEBPACK_IMPORTED_MODULE_7__/* .SourceError */ .c(`${where} is not JSON; it should hold an OCI index of referrers`);
        }
        const entries = Array.isArray(json.manifests) ? json.manifests : [];
        return this.naming(entries.map((entry, i) => (0,_oci_descriptor_js__WEBPACK_IMPORTED_MODULE_1__/* .toDescriptor */ .RU)(entry, `${where} manifests[${i}]`)));
    }
    /** Remembers descriptors the registry named, so they are not waited for (see `named`). */
    naming(descriptors) {
        for (const d of descriptors)
            this.named.add(d.digest);
        return descriptors;
    }
    async resolveTag(tag) {
        if (this.options.listedTags && !this.options.listedTags.has(tag))
            return undefined;
        const found = await this.client.headManifest(this.repository, tag);
        if (!found)
            return undefined;
        const mediaType = found.mediaType.split(';')[0]?.trim() ?? '';
        // A HEAD without Content-Length gives no size; the digest is what the GET checks.
        const size = found.size > 0
            ? found.size
            : (await this.client.getManifest(this.repository, found.digest)).size;
        const [named] = this.naming([{ mediaType, digest: found.digest, size }]);
        return named;
    }
    /**
     * A blob, verified as it streams. A read cut partway goes on from where it was cut (see
     * `RegistryClient.getBlob`). Small blobs (configs, small layers) are read once and shared
     * by every target that asks while they are kept, so a copy to several registries reads
     * them once; large ones stream to each target on their own and are never held whole.
     */
    async openBlob(descriptor) {
        if (descriptor.size > SHARED_BLOB_MAX)
            return this.streamBlob(descriptor);
        let read = this.shared.get(descriptor.digest);
        if (!read) {
            read = this.readBlob(descriptor);
            if (this.sharedBytes + descriptor.size <= SHARED_BYTES_MAX) {
                this.shared.set(descriptor.digest, read);
                this.sharedBytes += descriptor.size;
                read.catch(() => {
                    // A failed read is not kept: the next target asking reads again.
                    this.shared.delete(descriptor.digest);
                    this.sharedBytes -= descriptor.size;
                });
            }
        }
        return node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from([await read]);
    }
    async readBlob(descriptor) {
        const chunks = [];
        for await (const chunk of await this.streamBlob(descriptor))
            chunks.push(chunk);
        return Buffer.concat(chunks);
    }
    async streamBlob(descriptor) {
        const what = `blob ${descriptor.digest}`;
        let body;
        try {
            body = await this.client.getBlob(this.repository, descriptor.digest, descriptor.size);
        }
        catch (error) {
            throw this.failure(what, error);
        }
        const verifier = new _oci_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .VerifyingStream */ .SC(descriptor.digest, descriptor.size, `${this.name}: ${what}`);
        body.once('error', (error) => verifier.destroy(this.failure(what, error)));
        // A consumer that stops early must not leave the connection half-read.
        verifier.once('close', () => {
            if (!body.readableEnded)
                body.destroy();
        });
        return body.pipe(verifier);
    }
    /**
     * A read that failed even after its retries, as a source error: which source, which input
     * named it, and, when the registry could not be reached, what to check.
     */
    failure(what, error) {
        if (error instanceof _source_js__WEBPACK_IMPORTED_MODULE_7__/* .SourceError */ .c)
            return error;
        const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
        const input = this.options.input ? ` (${this.options.input})` : '';
        const hint = error instanceof _registry_http_js__WEBPACK_IMPORTED_MODULE_6__/* .NetworkError */ .Dr
            ? `. The image source ${this.client.host} could not be read, after retries; check ` +
                'that it is up and reachable from here, then run again'
            : '';
        return new _source_js__WEBPACK_IMPORTED_MODULE_7__/* .SourceError */ .c(`${this.name}${input}: reading ${what} failed: ${message}${hint}`, {
            cause: error,
        });
    }
}
/** Blobs up to this size are read once per source and shared by every target. */
const SHARED_BLOB_MAX = 4 * 1024 * 1024;
/** What the shared small blobs of one source may hold in memory at most. */
const SHARED_BYTES_MAX = 64 * 1024 * 1024;


/***/ }),

/***/ 44396:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ SourceError)
/* harmony export */ });
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34758);

/** The source is unusable as given: missing files, bad JSON, an unknown entry. */
class SourceError extends _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OciPushError */ .iQ {
    name = 'SourceError';
    code = 'source';
}


/***/ })

};

//# sourceMappingURL=509.index.js.map