export const id = 548;
export const ids = [548];
export const modules = {

/***/ 90900:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FF: () => (/* binding */ tagsAtHead),
/* harmony export */   K3: () => (/* binding */ nearestRelease),
/* harmony export */   bX: () => (/* binding */ commitTime),
/* harmony export */   eR: () => (/* binding */ currentBranch),
/* harmony export */   e_: () => (/* binding */ originRepositoryName),
/* harmony export */   ey: () => (/* binding */ sourceDate),
/* harmony export */   xF: () => (/* binding */ headSha)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _oci_version_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12829);


/** Runs git in `cwd`; undefined when git is missing or the command fails (no repository, no tag). */
async function git(args, cwd) {
    return new Promise((resolve) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)('git', args, { cwd, encoding: 'utf8' }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
    });
}
/**
 * The nearest release below HEAD, from `git describe`: the version of the closest tag
 * `<prefix>vX.Y.Z`. Undefined when there is no history or no such tag (a shallow checkout:
 * `actions/checkout` with `fetch-depth: 0` brings the tags).
 */
async function nearestRelease(prefix, cwd) {
    const tag = await git(['describe', '--tags', '--abbrev=0', '--match', `${prefix}v[0-9]*`], cwd);
    if (tag === undefined)
        return undefined;
    const version = tag.slice(prefix.length + 1);
    return (0,_oci_version_js__WEBPACK_IMPORTED_MODULE_1__/* .isStrictSemver */ .i)(version) ? version : undefined;
}
/** HEAD's full sha, when `cwd` is a git checkout. */
async function headSha(cwd) {
    return git(['rev-parse', 'HEAD'], cwd);
}
/**
 * When a commit was made (its committer date), if the checkout in `cwd` has it. Committer,
 * not author, date: a rebase or cherry-pick makes a new commit, later than those before it.
 */
async function commitTime(commit, cwd) {
    if (!/^([0-9a-f]{40}|HEAD)$/.test(commit))
        return undefined;
    const seconds = Number(await git(['show', '-s', '--format=%ct', `${commit}^{commit}`], cwd));
    return Number.isSafeInteger(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}
/** The tags pointing at HEAD, newest version first as git sorts them. */
async function tagsAtHead(cwd) {
    const out = await git(['tag', '--points-at', 'HEAD', '--sort=-version:refname'], cwd);
    return out ? out.split('\n').filter(Boolean) : [];
}
/** The branch checked out, when there is one (not on a detached HEAD). */
async function currentBranch(cwd) {
    const out = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], cwd);
    return out || undefined;
}
/** The repository name in the `origin` remote's URL (`…/oci-push.git` → `oci-push`). */
async function originRepositoryName(cwd) {
    const url = await git(['remote', 'get-url', 'origin'], cwd);
    const name = url
        ?.replace(/\/+$/, '')
        .split(/[/:]/)
        .pop()
        ?.replace(/\.git$/, '');
    return name || undefined;
}
/**
 * The time a chart oci-push packages is stamped with: `SOURCE_DATE_EPOCH` when set (the
 * reproducible-builds convention), else the commit's time, else the Unix epoch. Never the
 * clock, so packaging the same commit twice gives the same bytes.
 */
async function sourceDate(env, cwd) {
    const epoch = Number(env.SOURCE_DATE_EPOCH);
    if (env.SOURCE_DATE_EPOCH && Number.isSafeInteger(epoch))
        return new Date(epoch * 1000);
    const seconds = Number(await git(['log', '-1', '--format=%ct'], cwd));
    if (Number.isSafeInteger(seconds) && seconds > 0)
        return new Date(seconds * 1000);
    return new Date(0);
}


/***/ }),

/***/ 78857:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ ProgressThrottle)
/* harmony export */ });
/**
 * One progress line per registry at most every `intervalMs`, so a long upload shows it is
 * alive without flooding the log. The first line waits half an interval: short pushes stay
 * quiet.
 */
class ProgressThrottle {
    intervalMs;
    emit;
    now;
    last = new Map();
    constructor(intervalMs, emit, now = Date.now) {
        this.intervalMs = intervalMs;
        this.emit = emit;
        this.now = now;
    }
    update(key, line) {
        const now = this.now();
        const last = this.last.get(key) ?? now - this.intervalMs / 2;
        if (now - last < this.intervalMs) {
            if (!this.last.has(key))
                this.last.set(key, last);
            return;
        }
        this.last.set(key, now);
        this.emit(line());
    }
}


/***/ }),

/***/ 38252:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e: () => (/* binding */ runPush)
});

// UNUSED EXPORTS: signInHosts

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/base/errors.ts
var errors = __webpack_require__(34758);
// EXTERNAL MODULE: ./src/azure/keyless.ts
var keyless = __webpack_require__(39017);
// EXTERNAL MODULE: ./src/engine/plan.ts
var engine_plan = __webpack_require__(30955);
// EXTERNAL MODULE: ./src/engine/push.ts + 10 modules
var push = __webpack_require__(84550);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
// EXTERNAL MODULE: ./src/registry/user-agent.ts
var user_agent = __webpack_require__(69808);
// EXTERNAL MODULE: ./src/azure/acr.ts
var acr = __webpack_require__(51833);
// EXTERNAL MODULE: ./src/jobs/inputs.ts
var inputs = __webpack_require__(91115);
;// CONCATENATED MODULE: ./src/jobs/acr-push.ts


/**
 * `lock` and `dev-untag` work through ACR's own API, which takes an Entra identity: asking
 * for them on an ACR without keyless login set up is an input error, found before sign-in
 * (the push calls this first).
 */
function checkAcrSettings(plan, settings) {
    const wanted = [settings.lock && 'lock', settings.devUntag && 'dev-untag'].filter(Boolean);
    const acrHosts = plan.targets.filter((t) => t.acr).map((t) => t.host);
    if (wanted.length > 0 && acrHosts.length > 0 && !settings.azure) {
        throw new inputs/* InputError */.dz(`${wanted.join(', ')}: ACR's lock and tag API needs an Entra identity; set ` +
            'azure-client-id and azure-tenant-id (keyless login) for ' +
            [...new Set(acrHosts)].join(', '));
    }
}
/**
 * Everything ACR-specific around a push, wired from the Azure adapter: the lock check that
 * keeps a locked release from being overwritten, and after the push the lock or the
 * untagging. Sign-in (src/jobs/sign-in.ts) did the keyless login; a registry it failed is
 * that registry's failed row. The engine sees only the tags this hands it.
 */
class AcrPush {
    plan;
    settings;
    signedIn;
    deps;
    api;
    /** What locking did, by target, as each release was verified. */
    locks = new Map();
    /** Targets whose lock check failed: their rows. */
    targetFailures = new Map();
    constructor(plan, settings, signedIn, deps) {
        this.plan = plan;
        this.settings = settings;
        this.signedIn = signedIn;
        this.deps = deps;
        if (signedIn.entra) {
            this.api = signedIn.entra.then((credential) => new acr/* AcrApi */.Xs(credential));
            // Awaited later, per registry; a failure must not surface as an unhandled rejection.
            this.api.catch(() => undefined);
        }
    }
    /**
     * What the push needs to know per target: a registry sign-in failed for fails its row; on
     * ACR, locked tags and a dev build's passing tag.
     */
    async targetTags() {
        const api = await this.api?.catch(() => undefined);
        const hostFailure = (host) => this.signedIn.failureFor(host);
        if (!api && !this.plan.targets.some((t) => hostFailure(t.host)))
            return undefined;
        const untag = this.plan.build === 'dev' && this.settings.devUntag;
        const locked = new Map();
        if (this.plan.build === 'release' && api) {
            for (const target of this.acrTargets()) {
                if (hostFailure(target.host))
                    continue;
                const tags = target.artifact === 'chart' ? (this.plan.chart?.tags ?? []) : this.plan.tags;
                try {
                    const found = await api.lockedTags(target.host, target.repository, tags);
                    if (found.length > 0)
                        locked.set(target, found);
                }
                catch (error) {
                    // Without knowing the locks, pushing could move a locked release's tags: skip it.
                    this.targetFailures.set(target, error);
                }
            }
        }
        const lock = this.plan.build === 'release' && this.settings.lock && !this.plan.dryRun;
        return (target, digest) => {
            const failure = hostFailure(target.host) ?? this.targetFailures.get(target);
            if (failure)
                return { failure };
            if (!target.acr)
                return undefined;
            const lockedTags = locked.get(target);
            return {
                ...(untag && { tags: [(0,acr/* passingTag */.Gq)(digest)] }),
                ...(lockedTags && { lockedTags }),
                ...(lock &&
                    api && {
                    afterTagsVerified: ({ result, manifests }) => this.lock(api, target, result, manifests),
                }),
            };
        };
    }
    /**
     * Locks a release (its manifests and version tag) as soon as its tags are verified, so a
     * run racing for the same version can't move it from then on. A failure is reported, not
     * thrown: the release is in place, just not locked.
     */
    async lock(api, target, result, manifests) {
        const versionTags = result.tags.slice(0, 1).map((tag) => tag.tag);
        try {
            await api.lock(result.host, result.repository, manifests, versionTags);
            this.locks.set(target, { locked: { manifests: manifests.length, tags: versionTags } });
            this.deps.log(`${result.host}/${result.repository}: locked ${manifests.length} manifest(s) and ${versionTags.join(', ')}`);
        }
        catch (error) {
            this.locks.set(target, { lockError: error });
        }
    }
    /**
     * After the push: the locks taken as each release was verified, and each dev build's
     * passing tag deleted. Returns what was done, by target.
     */
    async finish(result) {
        const outcomes = new Map();
        const api = await this.api?.catch(() => undefined);
        if (!api || this.plan.dryRun)
            return outcomes;
        for (const t of result.targets) {
            if (!t.target.acr || (t.status !== 'pushed' && t.status !== 'unchanged'))
                continue;
            const locked = this.locks.get(t.target);
            if (locked)
                outcomes.set(t.target, locked);
            if (this.plan.build === 'dev' && this.settings.devUntag) {
                const passing = t.tags.find((tag) => tag.tag === (0,acr/* passingTag */.Gq)(t.digest));
                if (!passing)
                    continue;
                try {
                    await api.deleteTag(t.host, t.repository, passing.tag);
                    outcomes.set(t.target, { untagged: passing.tag });
                    this.deps.log(`${t.host}/${t.repository}: passing tag ${passing.tag} deleted`);
                }
                catch (error) {
                    outcomes.set(t.target, { untagError: error });
                }
            }
        }
        return outcomes;
    }
    acrTargets() {
        return this.plan.targets.filter((t) => t.acr);
    }
}

// EXTERNAL MODULE: ./src/jobs/chart-index.ts
var chart_index = __webpack_require__(43217);
// EXTERNAL MODULE: ./src/jobs/context.ts
var jobs_context = __webpack_require__(13783);
// EXTERNAL MODULE: ./src/jobs/git.ts
var git = __webpack_require__(90900);
// EXTERNAL MODULE: ./src/jobs/push-report.ts
var push_report = __webpack_require__(19617);
// EXTERNAL MODULE: ./src/jobs/sign-in.ts + 1 modules
var sign_in = __webpack_require__(62000);
// EXTERNAL MODULE: ./src/engine/attach.ts
var attach = __webpack_require__(15637);
// EXTERNAL MODULE: ./src/oci/descriptor.ts
var descriptor = __webpack_require__(47592);
// EXTERNAL MODULE: ./src/oci/digest.ts
var digest = __webpack_require__(68825);
// EXTERNAL MODULE: ./src/oci/untrusted.ts
var untrusted = __webpack_require__(86911);
// EXTERNAL MODULE: ./src/oci/mediatypes.ts
var mediatypes = __webpack_require__(79572);
;// CONCATENATED MODULE: ./src/oci/sigstore-bundle.ts




/**
 * A Sigstore bundle stored as an OCI 1.1 artifact, as cosign v3 stores it (sigstore/cosign
 * `specs/BUNDLE_SPEC.md`, `pkg/oci/remote/write.go` WriteAttestationNewBundleFormat): an
 * image manifest whose `artifactType` is the bundle's media type, the empty config, one layer
 * (the bundle's JSON), `subject` naming the signed manifest, and the annotations that tell
 * several bundles apart in a referrers list. `cosign verify`, Kyverno and Flux find it through
 * the referrers API or the `sha256-<hex>` fallback tag.
 */
const SIGSTORE_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** image-spec `manifest.md` "Guidance for an Empty Descriptor": `{}`, sha256:44136fa3…. */
const EMPTY_JSON_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
const EMPTY_JSON = Buffer.from('{}');
/** BUNDLE_SPEC.md "Annotations". */
const BundleAnnotation = {
    /** `message-signature` or `dsse-envelope`. */
    content: 'dev.sigstore.bundle.content',
    /** The in-toto statement's predicate type, for a DSSE envelope. */
    predicateType: 'dev.sigstore.bundle.predicateType',
    created: 'org.opencontainers.image.created',
};
/**
 * The OCI artifact for one DSSE bundle that signs `subject`. The bytes are made once and
 * pushed as they are to every registry, so every target holds the same digest.
 */
function bundleArtifact(bundle, subject, options) {
    const config = held(EMPTY_JSON_MEDIA_TYPE, EMPTY_JSON);
    const layer = held(SIGSTORE_BUNDLE_MEDIA_TYPE, bundle);
    const annotations = {
        [BundleAnnotation.content]: 'dsse-envelope',
        [BundleAnnotation.predicateType]: options.predicateType,
        [BundleAnnotation.created]: options.created.toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    const manifest = {
        schemaVersion: 2,
        mediaType: mediatypes/* MediaType */.zu.OciManifest,
        artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
        // cosign writes the artifactType on the config descriptor too (its descriptor type
        // carries the field); readers ignore it there, and it keeps our bytes like cosign's.
        config: { ...config.descriptor, artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE },
        layers: [layer.descriptor],
        annotations,
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    return {
        manifest: {
            descriptor: {
                mediaType: mediatypes/* MediaType */.zu.OciManifest,
                digest: (0,digest/* digestOf */.ol)(bytes),
                size: bytes.length,
                artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
                annotations,
            },
            bytes,
        },
        blobs: [config, layer],
    };
}
function held(mediaType, bytes) {
    return { descriptor: { mediaType, digest: (0,digest/* digestOf */.ol)(bytes), size: bytes.length }, bytes };
}
/**
 * The bundle layer of a manifest read back from a registry, found as cosign's verifier finds
 * it (BUNDLE_SPEC.md "Retrieval": the bundle artifactType, then the first layer), or why not.
 * `subject` is the manifest the bundle must name.
 */
function bundleLayerOf(bytes, subject, where) {
    const parsed = (0,descriptor/* parseManifest */.Ng)(bytes, mediatypes/* MediaType */.zu.OciManifest, where);
    const json = JSON.parse(bytes.toString('utf8'));
    if (json.artifactType !== SIGSTORE_BUNDLE_MEDIA_TYPE) {
        // Served by a registry: as a log line may show it.
        const served = (0,untrusted/* printable */.g$)(String(json.artifactType), 200);
        return { problem: `its artifactType is ${served}, not a Sigstore bundle` };
    }
    if (parsed.subject?.digest !== subject) {
        return { problem: `its subject is ${parsed.subject?.digest ?? 'missing'}, not ${subject}` };
    }
    const layer = parsed.blobs[1];
    if (!layer || layer.mediaType !== SIGSTORE_BUNDLE_MEDIA_TYPE) {
        return { problem: `its first layer is ${layer?.mediaType ?? 'missing'}, not the bundle` };
    }
    return { layer };
}

// EXTERNAL MODULE: ./src/sigstore/sign.ts
var sign = __webpack_require__(35601);
// EXTERNAL MODULE: ./src/sigstore/statement.ts
var sigstore_statement = __webpack_require__(53803);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
;// CONCATENATED MODULE: ./src/sigstore/verify.ts





/** A signature that does not verify; the message says why. */
class VerificationFailure extends Error {
    name = 'VerificationFailure';
}
/**
 * Loads the trust root once and returns a verifier. `@sigstore/verify` and friends are
 * loaded on first use, like the signer.
 */
async function createBundleVerifier(options) {
    const { Verifier, toSignedEntity, toTrustMaterial } = await Promise.all(/* import() */[__webpack_require__.e(654), __webpack_require__.e(463), __webpack_require__.e(187)]).then(__webpack_require__.bind(__webpack_require__, 54187));
    const { bundleFromJSON } = await Promise.all(/* import() */[__webpack_require__.e(654), __webpack_require__.e(40)]).then(__webpack_require__.bind(__webpack_require__, 61040));
    const { TrustedRoot } = await __webpack_require__.e(/* import() */ 654).then(__webpack_require__.t.bind(__webpack_require__, 19654, 23));
    let root;
    if (options.trustedRootPath) {
        const text = await (0,promises_.readFile)(options.trustedRootPath, 'utf8').catch((error) => {
            throw new VerificationFailure(`trusted-root: ${options.trustedRootPath} can't be read (${error.message}); ` +
                "give the path of the Sigstore deployment's trusted_root.json");
        });
        try {
            root = TrustedRoot.fromJSON(JSON.parse(text));
        }
        catch (error) {
            throw new VerificationFailure(`trusted-root: ${options.trustedRootPath} is not a Sigstore trusted_root.json ` +
                `(${error.message})`);
        }
    }
    else {
        const { getTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(654), __webpack_require__.e(830), __webpack_require__.e(694)]).then(__webpack_require__.bind(__webpack_require__, 84423));
        root = await getTrustedRoot().catch((error) => {
            throw new VerificationFailure(`The public-good trust root could not be fetched through TUF (${error.message}); ` +
                'the runner must reach https://tuf-repo-cdn.sigstore.dev, or set `trusted-root`');
        });
    }
    const verifier = new Verifier(toTrustMaterial(root), {
        tlogThreshold: options.transparencyLog ? 1 : 0,
        // A private Fulcio without a certificate transparency log issues no SCTs.
        ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
        timestampThreshold: 1,
    });
    const { identity, issuer } = options.signer;
    const policy = {
        // Exact, as cosign's --certificate-identity: the library matches a RegExp.
        subjectAlternativeName: new RegExp(`^${identity.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
        extensions: { issuer },
    };
    return {
        verify(bytes, subject, predicateType, predicate) {
            try {
                const json = JSON.parse(bytes.toString('utf8'));
                if (json.mediaType !== SIGSTORE_BUNDLE_MEDIA_TYPE) {
                    throw new Error(`the bundle is ${(0,untrusted/* quoted */.TL)(json.mediaType)}, not a v0.3 bundle`);
                }
                const bundle = bundleFromJSON(json);
                const signer = verifier.verify(toSignedEntity(bundle), policy);
                if (bundle.content.$case !== 'dsseEnvelope')
                    throw new Error('it holds no DSSE envelope');
                const envelope = bundle.content.dsseEnvelope;
                if (envelope.payloadType !== sigstore_statement/* IN_TOTO_PAYLOAD_TYPE */.T4) {
                    throw new Error(`its payload is ${(0,untrusted/* quoted */.TL)(envelope.payloadType)}, not an in-toto statement`);
                }
                const statement = (0,sigstore_statement/* readStatement */.cO)(envelope.payload);
                if (!statement.digests.includes(subject)) {
                    throw new Error(`its statement is about ${statement.digests.map(untrusted/* quoted */.TL).join(', ')}, not ${subject}`);
                }
                if (statement.predicateType !== predicateType) {
                    throw new Error(`its predicate is ${(0,untrusted/* quoted */.TL)(statement.predicateType)}, not ${predicateType}`);
                }
                if (predicate !== undefined && !(0,external_node_util_.isDeepStrictEqual)(statement.predicate, predicate)) {
                    throw new Error(`its ${predicateType} predicate is not the one this build has`);
                }
                const logIndex = bundle.verificationMaterial.tlogEntries[0]?.logIndex;
                return {
                    identity: signer.identity?.subjectAlternativeName ?? identity,
                    issuer: signer.identity?.extensions?.issuer ?? issuer,
                    ...(logIndex !== undefined && { logIndex }),
                };
            }
            catch (error) {
                throw new VerificationFailure(`the signature does not verify: ${error.message}` +
                    (/identity|extension/.test(error.message)
                        ? `. oci-push expected ${identity} from ${issuer}; if the signer is right (a ` +
                            'reusable workflow signs as itself), set `certificate-identity` and ' +
                            '`certificate-oidc-issuer` to what consumers should expect'
                        : ''), { cause: error });
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/jobs/signing.ts









/** Fulcio's audience for OIDC tokens (sigstore/fulcio `docs/oidc.md`). */
const SIGSTORE_AUDIENCE = 'sigstore';
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/** What buildx marks its inline attestation manifests with (FACTS.md "Formats"). */
const ATTESTATION_TYPE = 'vnd.docker.reference.type';
const ATTESTATION_SUBJECT = 'vnd.docker.reference.digest';
const IN_TOTO_LAYER = 'application/vnd.in-toto+json';
const PREDICATE_TYPE_ANNOTATION = 'in-toto.io/predicate-type';
/** An SBOM larger than this is not read into memory to be signed. */
const SBOM_MAX_BYTES = 64 * 1024 * 1024;
/** A bundle found at a registry is read up to this: an SBOM's, in base64, with its proofs. */
const FOUND_BUNDLE_MAX_BYTES = Math.ceil((SBOM_MAX_BYTES * 4) / 3) + 1024 * 1024;
/**
 * Keyless signing for a push, wired from the Sigstore part: once per digest, with the CI's
 * OIDC token, each bundle verified against the trust root and the expected identity before
 * it goes anywhere, then handed to the engine to push beside the artifact on every target,
 * where it is read back and verified again. A re-run signs nothing again: a bundle an
 * earlier run left at the targets that verifies as this run's would is reused, byte for
 * byte, and pushed to the targets that lack it (a new mirror).
 */
class PushSigning {
    plan;
    inputs;
    deps;
    /** Every signature made or reused, in order. */
    made = [];
    token;
    verifierLoaded;
    signerLoaded;
    constructor(plan, inputs, deps) {
        this.plan = plan;
        this.inputs = inputs;
        this.deps = deps;
    }
    /** The engine's attacher, or undefined when nothing is signed (then Sigstore is never called). */
    attacher() {
        if (!this.plan.signing.sign || this.plan.dryRun)
            return undefined;
        return (artifact, graph, source, lookIn) => this.attach(artifact, graph, source, lookIn);
    }
    async attach(artifact, graph, source, lookIn) {
        const repository = artifact === 'image' ? this.plan.repository : (this.plan.chart?.repository ?? '');
        const what = `the ${artifact} ${graph.root.digest}`;
        try {
            const subjects = [
                {
                    descriptor: graph.root,
                    statement: (0,sigstore_statement/* signatureStatement */.q$)(graph.root.digest),
                    predicateType: sigstore_statement/* PredicateType */.Ot.cosignSign,
                    label: 'signature',
                },
            ];
            if (artifact === 'image')
                subjects.push(...(await sbomSubjects(graph, source, repository)));
            const verifier = await this.verifier();
            const attachments = [];
            for (const subject of subjects) {
                const digest = subject.descriptor.digest;
                const ready = (await this.reusable(subject, lookIn, verifier)) ?? (await this.sign(subject, verifier));
                const { verified, reused } = ready;
                const { manifest, blobs } = ready.artifact;
                this.made.push({
                    artifact,
                    label: subject.label,
                    subject: digest,
                    ...(subject.platform && { platform: subject.platform }),
                    predicateType: subject.predicateType,
                    digest: manifest.descriptor.digest,
                    ...verified,
                    ...(reused && { reused }),
                });
                this.deps.log(`${reused ? 'Reused' : 'Signed'} ${subject.label} of ${digest}` +
                    `${subject.platform ? ` (${subject.platform})` : ''} as ${verified.identity}` +
                    `${verified.logIndex ? `, Rekor log index ${verified.logIndex}` : ''}` +
                    `${reused ? `: found at ${reused.from} (${reused.via}), not signed again` : ''}`);
                attachments.push({
                    subject: subject.descriptor,
                    manifest,
                    blobs,
                    label: subject.label,
                    checkFound: async (found) => {
                        verifyFound(verifier, found, subject, subject.label);
                    },
                });
            }
            return attachments;
        }
        catch (error) {
            (0,errors/* throwIfInterrupted */.sK)(this.deps.signal);
            const message = error instanceof Error ? error.message : String(error);
            throw new sign/* SigningError */.uJ(`Signing ${what} failed: ${message}`, { cause: error });
        }
    }
    /**
     * A bundle an earlier run attached to the subject at the targets, found as a verifier finds
     * it, that verifies as a new one would (trust root, identity and issuer, subject, predicate
     * type and predicate); the first of those most targets hold. Undefined when none does: a
     * bundle by another signer, or for another SBOM, is never reused.
     */
    async reusable(subject, lookIn, verifier) {
        const digest = subject.descriptor.digest;
        const candidates = await (0,attach/* findAttachmentCandidates */.$)(lookIn, digest, {
            wanted: (listed) => listed.artifactType === SIGSTORE_BUNDLE_MEDIA_TYPE &&
                [undefined, subject.predicateType].includes(listed.annotations?.[BundleAnnotation.predicateType]),
            maxBytes: FOUND_BUNDLE_MAX_BYTES,
            onUnreadable: (message) => this.deps.log(message),
        });
        if (candidates.length === 0)
            return undefined;
        // Read back from the statement this run would sign, only when there is a bundle to compare.
        const { predicate } = (0,sigstore_statement/* readStatement */.cO)(subject.statement);
        for (const candidate of candidates) {
            const [first] = candidate.foundAt;
            if (!first)
                continue;
            try {
                const found = await candidate.read();
                const verified = verifyFound(verifier, { manifest: found.manifest.bytes, blobs: found.blobs.map((b) => b.bytes) }, subject, first.where, predicate);
                return {
                    artifact: found,
                    verified,
                    reused: { from: first.where, via: first.via },
                };
            }
            catch (error) {
                (0,errors/* throwIfInterrupted */.sK)(this.deps.signal);
                this.deps.log(`${first.where}: the ${subject.label} ${candidate.digest} of ${digest} found there is ` +
                    `not reused: ${(0,untrusted/* printable */.g$)(error instanceof Error ? error.message : String(error))}`);
            }
        }
        return undefined;
    }
    /** A new bundle from Sigstore, verified before it goes anywhere. */
    async sign(subject, verifier) {
        const sign = await this.signer();
        const digest = subject.descriptor.digest;
        const bundle = await sign(subject.statement);
        // Verified before it goes anywhere, as a consumer will: a signature nobody can verify
        // (wrong identity, wrong trust root) fails here, before any tag.
        const verified = verifier.verify(bundle, digest, subject.predicateType);
        const artifact = bundleArtifact(bundle, subject.descriptor, {
            predicateType: subject.predicateType,
            created: new Date(),
        });
        return { artifact, verified };
    }
    /**
     * The verifier, for the expected signer. Only CircleCI's identity is read from the token's
     * claims, so elsewhere a run that reuses every signature asks for no token at all.
     */
    verifier() {
        this.verifierLoaded ??= (async () => {
            const token = this.deps.env.CIRCLECI === 'true' ? await this.sigstoreToken() : '';
            return (0,errors/* abandonOnStop */.RF)(createBundleVerifier({
                signer: expectedSigner(this.deps.env, token, this.inputs),
                ...(this.inputs.trustedRoot && { trustedRootPath: this.inputs.trustedRoot }),
                transparencyLog: this.inputs.services.rekorUrl !== undefined,
            }), this.deps.signal);
        })();
        return this.verifierLoaded;
    }
    signer() {
        this.signerLoaded ??= (async () => {
            // The token first: without one, nothing is sent to Fulcio.
            await this.sigstoreToken();
            return (0,sign/* createStatementSigner */.CI)(this.inputs.services, () => this.sigstoreToken(), this.deps.signal);
        })();
        return this.signerLoaded;
    }
    /**
     * `SIGSTORE_ID_TOKEN` wins (cosign reads it too; the orb mints it on CircleCI), then the
     * runner's token for the audience `sigstore`. Masked before anything could print it.
     */
    sigstoreToken() {
        this.token ??= (async () => {
            const given = this.deps.env.SIGSTORE_ID_TOKEN?.trim();
            const token = given
                ? given
                : this.deps.env.ACTIONS_ID_TOKEN_REQUEST_URL
                    ? await (0,errors/* abandonOnStop */.RF)(this.deps.getIdToken(SIGSTORE_AUDIENCE), this.deps.signal)
                    : undefined;
            if (!token) {
                throw new sign/* SigningError */.uJ('there is no OIDC token for Sigstore: on GitHub Actions give the job ' +
                    '`permissions: id-token: write`; on CircleCI export SIGSTORE_ID_TOKEN=$(circleci ' +
                    'run oidc get --claims \'{"aud":"sigstore"}\' --root-issuer); elsewhere set ' +
                    'SIGSTORE_ID_TOKEN, or set `sign: false`');
            }
            this.deps.onSecret(token);
            return token;
        })();
        return this.token;
    }
}
/**
 * A bundle artifact as a registry serves it (its manifest, then its config and layer), checked
 * as cosign's verifier finds and checks it: the bundle layer, then the bundle (with `predicate`,
 * when given, exactly). Throws why it does not hold.
 */
function verifyFound(verifier, found, subject, where, predicate) {
    const digest = subject.descriptor.digest;
    const layer = bundleLayerOf(found.manifest, digest, where);
    if ('problem' in layer)
        throw new Error(layer.problem);
    const bundle = found.blobs[1];
    if (!bundle)
        throw new Error('the bundle layer is missing');
    return verifier.verify(bundle, digest, subject.predicateType, predicate);
}
/**
 * Who a verifier should expect: the inputs, else the CI's identity (GitHub: the workflow
 * file at its ref; CircleCI: the project's pipeline definition, from the token's claims, as
 * Fulcio's `config/identity/config.yaml` maps them).
 */
function expectedSigner(env, token, inputs) {
    const ci = ciSigner(env, token);
    const identity = inputs.certificateIdentity ?? ci?.identity;
    const issuer = inputs.certificateOidcIssuer ?? ci?.issuer;
    if (!identity || !issuer) {
        throw new sign/* SigningError */.uJ('certificate-identity, certificate-oidc-issuer: oci-push knows the signing identity on ' +
            'GitHub Actions and CircleCI only; elsewhere set both to what verifiers should expect');
    }
    return { identity, issuer };
}
function ciSigner(env, token) {
    if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_WORKFLOW_REF) {
        return { identity: `https://github.com/${env.GITHUB_WORKFLOW_REF}`, issuer: GITHUB_ISSUER };
    }
    if (env.CIRCLECI === 'true') {
        const claims = jwtClaims(token);
        const project = claims['oidc.circleci.com/project-id'];
        const definition = claims['oidc.circleci.com/pipeline-definition-id'];
        if (typeof claims.iss !== 'string' || typeof project !== 'string')
            return undefined;
        if (typeof definition !== 'string')
            return undefined;
        return {
            identity: `https://circleci.com/api/v2/projects/${project}/pipeline-definitions/${definition}`,
            issuer: claims.iss,
        };
    }
    return undefined;
}
/** A JWT's claims, unchecked: the token is our own, read only for who it names. */
function jwtClaims(token) {
    try {
        const payload = token.split('.')[1] ?? '';
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    }
    catch {
        return {};
    }
}
/**
 * The SPDX SBOMs buildx stores inline in an index (its `unknown/unknown` attestation
 * manifests), each to be signed as `cosign attest --type spdxjson` signs one: a statement
 * about the platform manifest the attestation names, attached to that manifest, as the orb
 * attaches them (architect-orb `docs/cosign-signing.md`).
 */
async function sbomSubjects(graph, source, repository) {
    const root = graph.manifests.at(-1);
    if (!root)
        return [];
    const index = (0,descriptor/* parseManifest */.Ng)(root.bytes, root.descriptor.mediaType, source.name);
    const subjects = [];
    for (const entry of index.manifests) {
        if (entry.annotations?.[ATTESTATION_TYPE] !== 'attestation-manifest')
            continue;
        const platformDigest = entry.annotations[ATTESTATION_SUBJECT] ?? '';
        const platform = index.manifests.find((m) => m.digest === platformDigest);
        const attestation = graph.manifests.find((m) => m.descriptor.digest === entry.digest);
        if (!(0,digest/* isDigest */.Bc)(platformDigest) || !platform || !attestation)
            continue;
        const where = `${source.name}: attestation manifest ${entry.digest}`;
        const layers = (0,descriptor/* parseManifest */.Ng)(attestation.bytes, attestation.descriptor.mediaType, where).blobs;
        for (const layer of layers) {
            if (layer.mediaType !== IN_TOTO_LAYER)
                continue;
            if (layer.annotations?.[PREDICATE_TYPE_ANNOTATION] !== sigstore_statement/* PredicateType */.Ot.spdx)
                continue;
            // The source's words (a registry's index, say): shown in the log and the summary.
            const name = platform.platform
                ? (0,untrusted/* printable */.g$)(`${platform.platform.os}/${platform.platform.architecture}${platform.platform.variant ? `/${platform.platform.variant}` : ''}`)
                : platformDigest;
            const predicate = await readSbomPredicate(source, layer, `${where} (SBOM of ${name})`);
            subjects.push({
                descriptor: platform,
                statement: (0,sigstore_statement/* sbomStatement */.b5)(platformDigest, repository, predicate),
                predicateType: sigstore_statement/* PredicateType */.Ot.spdx,
                label: 'SBOM attestation',
                platform: name,
            });
        }
    }
    return subjects;
}
/** The SPDX document inside buildx's in-toto statement; its bytes are the source's. */
async function readSbomPredicate(source, layer, where) {
    if (layer.size > SBOM_MAX_BYTES) {
        throw new Error(`${where} is ${layer.size} bytes, more than oci-push reads to sign`);
    }
    const chunks = [];
    for await (const chunk of await source.openBlob(layer))
        chunks.push(chunk);
    let statement;
    try {
        statement = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    }
    catch (error) {
        // JSON.parse quotes the text it stopped at: the source's bytes, escaped for the log.
        throw new Error(`${where} is not an in-toto statement: ${(0,untrusted/* printable */.g$)(error.message)}`, {
            cause: error,
        });
    }
    if (typeof statement.predicate !== 'object' || statement.predicate === null) {
        throw new Error(`${where} has no SPDX document in its predicate`);
    }
    return statement.predicate;
}

;// CONCATENATED MODULE: ./src/jobs/push.ts















/**
 * The push every face runs: inputs → decision → chart → plan → sign-in → copy → ACR →
 * report. The face renders the report and exits with the code; this never prints a secret
 * or touches the runner.
 */
async function runPush(inputs, facts, context) {
    const { signal } = context;
    // Dev or release, and the version, come first: packaging a chart needs the version.
    for (const warning of inputs.inputWarnings ?? [])
        context.log.warning(warning);
    const release = await (0,git/* nearestRelease */.K3)(inputs.tagPrefix, facts.workspace);
    const decision = (0,engine_plan/* decideBuild */.P_)(inputs, {
        ref: facts.ref,
        sha: facts.sha,
        ...(release && { nearestRelease: release }),
        ...(await devCommitTime(facts)),
    });
    const chart = inputs.chart
        ? await context.phase('Chart', () => prepareChart(inputs.chart, decision, facts, context))
        : undefined;
    (0,errors/* throwIfInterrupted */.sK)(signal);
    const plan = await context.phase('Plan', async () => {
        const visibility = await context.visibility(inputs.visibility);
        const plan = (0,engine_plan/* planPush */.MG)(inputs, decision, visibility, chart?.metadata.name);
        for (const line of (0,push_report/* planLines */.HN)(plan))
            context.log.info(line);
        return plan;
    });
    (0,errors/* throwIfInterrupted */.sK)(signal);
    checkAcrSettings(plan, inputs);
    const transports = (0,jobs_context/* transportsOf */.e)(context);
    const signedIn = await context.phase('Credentials', () => (0,sign_in/* signIn */.J)(signInHosts(plan), { credentials: inputs.credentials, ...(inputs.azure && { azure: inputs.azure }) }, { ...context, send: transports() }));
    const acr = new AcrPush(plan, inputs, signedIn, { log: context.log.info });
    const targetTags = await acr.targetTags();
    const signing = new PushSigning(plan, inputs.sigstore, {
        env: context.env,
        getIdToken: context.getIdToken,
        onSecret: context.onSecret,
        log: context.log.info,
        signal,
    });
    const attach = signing.attacher();
    (0,errors/* throwIfInterrupted */.sK)(signal);
    const result = await context.phase(plan.dryRun ? 'Dry run (reads only)' : 'Push', async () => {
        const sourceFailure = plan.source?.transport === 'docker'
            ? signedIn.failureFor((0,reference/* apiHost */.nz)(plan.source.host))
            : undefined;
        // The image's own registry refused us: nothing can be read, so nothing is written.
        if (sourceFailure)
            throw sourceFailure;
        const result = await (0,push/* executePlan */.v)(plan, {
            userAgent: user_agent/* USER_AGENT */._,
            log: context.log,
            onSecret: context.onSecret,
            credentialFor: signedIn.credentialFor,
            transport: transports,
            tempDir: context.tempDir,
            runDocker: context.runDocker,
            ...(context.hooks && { hooks: context.hooks }),
            ...(attach && { attach }),
        }, chart, targetTags);
        for (const t of result.targets)
            context.log.info((0,push_report/* targetLine */.Ue)(t));
        return result;
    });
    // After a stop, ACR is left as the push left it: no lock, no untagging, no index.
    const stopped = (0,errors/* interruption */.YW)(signal);
    const acrOutcomes = stopped ? new Map() : await acr.finish(result);
    const outcome = (0,push_report/* buildReport */.FK)(result, {
        fromFork: facts.fromFork,
        acr: acrOutcomes,
        signatures: signing.made,
    });
    // A chart release keeps the namespace's Helm index; dev builds are never listed.
    if (chart && plan.build === 'release' && inputs.chartIndex && !stopped) {
        const index = await context.phase('Helm index', () => (0,chart_index/* keepReleaseIndex */.To)(inputs, plan, result, chart, {
            log: context.log,
            onSecret: context.onSecret,
            credentialFor: signedIn.credentialFor,
            transport: transports,
            workspace: facts.workspace ?? process.cwd(),
        }));
        // The index adds a section and warnings; the push's rows and exit code stay as they are.
        outcome.report = { ...outcome.report, ...(0,chart_index/* withChartIndex */.tk)(outcome.report, index) };
    }
    return {
        plan,
        result,
        acr: acrOutcomes,
        ...(0,jobs_context/* withStop */.d)(outcome, signal),
    };
}
/** Every host the plan talks to, for sign-in: its targets, and a `docker://` source's registry. */
function signInHosts(plan) {
    const hosts = plan.targets.map((t) => ({
        host: t.host,
        acr: t.acr,
        insecure: t.insecure,
    }));
    if (plan.source?.transport === 'docker') {
        const host = (0,reference/* apiHost */.nz)(plan.source.host);
        hosts.push({ host, acr: (0,keyless/* isAcrHost */.n0)(host) });
    }
    return hosts;
}
/**
 * What orders dev versions: the commit's time from the checkout; else HEAD's (a shallow
 * pull request checkout holds only the merge commit GitHub made of the head); else, with no
 * checkout at all, the time of this build, which orders successive builds as well.
 */
async function devCommitTime(facts) {
    const time = await (0,git/* commitTime */.bX)(facts.sha, facts.workspace);
    if (time)
        return { commitTime: time };
    const head = await (0,git/* commitTime */.bX)('HEAD', facts.workspace);
    if (head) {
        return {
            commitTime: head,
            commitTimeSource: "HEAD's commit time: the checkout lacks the commit",
        };
    }
    return { commitTime: new Date(), commitTimeSource: 'the time of this build: no git checkout' };
}
async function prepareChart(path, decision, facts, context) {
    const workDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(context.tempDir, 'oci-push-chart-'));
    try {
        // Charts bring tar and yaml; a run without one doesn't load them.
        const { prepareChart } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(697), __webpack_require__.e(806)]).then(__webpack_require__.bind(__webpack_require__, 25806));
        const packaged = await prepareChart(path, decision.version, {
            workDir,
            sourceDate: await (0,git/* sourceDate */.ey)(context.env, facts.workspace),
            runHelm: context.runHelm,
        });
        context.log.info(`${packaged.metadata.name} ${packaged.metadata.version} from ${packaged.origin}`);
        return packaged;
    }
    finally {
        await (0,promises_.rm)(workDir, { recursive: true, force: true });
    }
}


/***/ })

};

//# sourceMappingURL=548.index.js.map