export const id = 935;
export const ids = [935];
export const modules = {

/***/ 40645:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ST: () => (/* binding */ runDocker),
/* harmony export */   jD: () => (/* binding */ actionInput),
/* harmony export */   oU: () => (/* binding */ runHelm),
/* harmony export */   vc: () => (/* binding */ runActionJob)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57264);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(81260);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _jobs_interrupt_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(75179);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(58592);





/**
 * The runner's inputs, by their action.yml names: the faces' only reader of `INPUT_*`. Each
 * action parses its own (the push's in action/inputs.ts, the cleanup's in action/cleanup.ts,
 * the sync's in action/sync.ts), so none loads another's parsers.
 */
const actionInput = (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.getInput(name);
/**
 * Runs one job as an action: the job context from `@actions/core` (log groups, masking,
 * GitHub's OIDC token, the runner's temp dir, a stop on SIGINT/SIGTERM), then the report
 * rendered and the process's exit code set from the outcome. `failed` makes the outcome of
 * a job that threw before it had a report of its own, so even that leaves a summary.
 */
async function runActionJob(env, job, failed) {
    const stops = (0,_jobs_interrupt_js__WEBPACK_IMPORTED_MODULE_3__/* .listenForStops */ .w)({
        secondSignalExits: false,
        onStop: (signal) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(`${signal}: stopping; cancelling uploads and tidying up`),
    });
    let outcome;
    try {
        outcome = await job({
            env,
            // Every plain line through one logger that can't start a workflow command (log.ts).
            log: _log_js__WEBPACK_IMPORTED_MODULE_4__/* .actionLogger */ .v,
            onSecret: _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret,
            phase: (name, work) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(name, work),
            getIdToken: (audience) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.getIDToken(audience),
            tempDir: env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(),
            signal: stops.signal,
        });
    }
    catch (error) {
        outcome = failed(error);
    }
    finally {
        stops.dispose();
    }
    try {
        await renderReport(outcome.report);
    }
    catch (error) {
        // No GITHUB_STEP_SUMMARY, say: the step still fails, with the cause.
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.setFailed(outcome.report.failure ?? error.message);
    }
    // `setFailed` sets 1; every face exits with the job's own code (docs/exit-codes.md).
    process.exitCode = outcome.exitCode;
}
/** What a job shows on GitHub: outputs, the job summary, annotations, and the failure. */
async function renderReport(report) {
    for (const [name, value] of Object.entries(report.outputs))
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.setOutput(name, value);
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.summary.addRaw(report.summary).write();
    for (const a of report.annotations)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__[a.level](a.message, { title: a.title });
    if (report.failure)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.setFailed(report.failure);
}
/** `docker ARGS` through `@actions/exec`, quiet, its exit code returned, as `runHelm` is. */
const runDocker = async (args) => {
    const run = await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_1__/* .getExecOutput */ .H)('docker', args, { silent: true, ignoreReturnCode: true });
    return { exitCode: run.exitCode, stderr: run.stderr };
};
/** `helm ARGS`, the same way. */
function runHelm(args) {
    return (0,_actions_exec__WEBPACK_IMPORTED_MODULE_1__/* .getExecOutput */ .H)('helm', args, { silent: true, ignoreReturnCode: true });
}


/***/ }),

/***/ 58592:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ info),
/* harmony export */   v: () => (/* binding */ actionLogger)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57264);
/* harmony import */ var _base_workflow_commands_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(96215);


/**
 * `core.info`, for any text: what it prints can't start a workflow command. `core.warning`
 * and `core.error` escape their text into one command already; plain lines do not.
 */
function info(message) {
    for (const line of (0,_base_workflow_commands_js__WEBPACK_IMPORTED_MODULE_1__/* .commandFreeLines */ .F)(message))
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(line);
}
/** The logger the action lends every job. */
const actionLogger = { debug: _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug, info, warning: _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning };


/***/ }),

/***/ 26604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPushAction: () => (/* binding */ runPushAction)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(57264);
// EXTERNAL MODULE: ./src/jobs/progress.ts
var jobs_progress = __webpack_require__(78857);
// EXTERNAL MODULE: ./src/jobs/push.ts + 4 modules
var push = __webpack_require__(38252);
// EXTERNAL MODULE: ./src/jobs/push-report.ts
var push_report = __webpack_require__(19617);
// EXTERNAL MODULE: ./src/action/context.ts
var action_context = __webpack_require__(40645);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/action/event.ts

async function loadEventPayload(env) {
    if (!env.GITHUB_EVENT_PATH)
        return {};
    try {
        return JSON.parse(await (0,promises_.readFile)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch (error) {
        throw new Error(`The event payload ${env.GITHUB_EVENT_PATH} can't be read: ${error.message}`, { cause: error });
    }
}
function eventFacts(env, payload) {
    const p = (payload ?? {});
    const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? p.repository?.full_name ?? '').split('/');
    const pr = p.pull_request;
    const headRepo = pr?.head?.repo;
    const baseName = p.repository?.full_name ?? env.GITHUB_REPOSITORY;
    // A deleted fork shows as a null head repo: it is a fork all the same.
    const fromFork = pr !== undefined &&
        (headRepo === null || headRepo?.fork === true || headRepo?.full_name !== baseName);
    const facts = {
        ref: env.GITHUB_REF ?? '',
        sha: pr?.head?.sha ?? env.GITHUB_SHA ?? '',
        eventName: env.GITHUB_EVENT_NAME ?? '',
        fromFork,
        owner,
        repo,
    };
    const visibility = payloadVisibility(p.repository);
    if (visibility)
        facts.payloadVisibility = visibility;
    return facts;
}
/** `internal` repositories are not public: they count as private. */
function payloadVisibility(repository) {
    if (repository?.visibility)
        return repository.visibility === 'public' ? 'public' : 'private';
    if (typeof repository?.private === 'boolean')
        return repository.private ? 'private' : 'public';
    return undefined;
}

// EXTERNAL MODULE: ./src/jobs/push-inputs.ts + 2 modules
var push_inputs = __webpack_require__(4454);
;// CONCATENATED MODULE: ./src/action/inputs.ts



/**
 * The runner sets `INPUT_<NAME>` for every input action.yml gives a default, from the workflow
 * or else that default (actions/runner `ActionRunner`: defaults fill only inputs the step
 * left out). So an input whose variable is there but blank was given blank by the workflow.
 */
function withGiven(env) {
    const get = (name) => (0,action_context/* actionInput */.jD)(name);
    get.given = (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] !== undefined;
    return get;
}
function getPushInputs(env = process.env) {
    return (0,push_inputs/* parsePushInputs */.vl)(withGiven(env), env, core.setSecret);
}

// EXTERNAL MODULE: ./src/action/log.ts
var log = __webpack_require__(58592);
;// CONCATENATED MODULE: ./src/action/visibility.ts
/**
 * The repository's visibility, which decides the `public`/`private` registries: as set, else
 * from the event payload, else from the GitHub API. When it can't be known, private: a
 * private repository must never leak to a public registry.
 */
async function resolveVisibility(requested, facts, token) {
    if (requested !== 'auto')
        return { visibility: requested, source: 'as set by the `visibility` input' };
    if (facts.payloadVisibility)
        return { visibility: facts.payloadVisibility, source: 'from the event payload' };
    if (!token || !facts.owner || !facts.repo) {
        return {
            visibility: 'private',
            source: 'unknown (no event payload or token), so treated as private',
            assumed: true,
        };
    }
    try {
        // Loaded only on this path: octokit is not needed when the event says.
        const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 92413));
        const { data } = await getOctokit(token).rest.repos.get({
            owner: facts.owner,
            repo: facts.repo,
        });
        const visibility = data.visibility === 'public' || data.private === false ? 'public' : 'private';
        return { visibility, source: 'from the GitHub API' };
    }
    catch (error) {
        return {
            visibility: 'private',
            source: `unknown (the GitHub API answered: ${error.message}), so treated as private`,
            assumed: true,
        };
    }
}

;// CONCATENATED MODULE: ./src/action/push.ts









/** At most one progress line per registry this often, on long uploads. */
const PROGRESS_INTERVAL_MS = 5_000;
/** `uses: giantswarm/oci-push@v1`: the push job, with GitHub's inputs, event, logs and summary. */
async function runPushAction(env = process.env) {
    await (0,action_context/* runActionJob */.vc)(env, async (context) => {
        const inputs = await core.group('Inputs', async () => getPushInputs(env));
        const facts = eventFacts(env, await loadEventPayload(env));
        const progress = new jobs_progress/* ProgressThrottle */.w(PROGRESS_INTERVAL_MS, log/* info */.p);
        return (0,push/* runPush */.e)(inputs, {
            ref: facts.ref,
            sha: facts.sha,
            fromFork: facts.fromFork,
            ...(env.GITHUB_WORKSPACE && { workspace: env.GITHUB_WORKSPACE }),
        }, {
            ...context,
            visibility: (requested) => resolveVisibility(requested, facts, inputs.githubToken),
            runHelm: action_context/* runHelm */.oU,
            runDocker: action_context/* runDocker */.ST,
            hooks: (0,push_report/* uploadProgress */.f)((key, line) => progress.update(key, line)),
        });
    }, 
    // Even a push that never started leaves a summary, an annotation and a `result`.
    push_report/* failureOutcome */.vi);
}


/***/ }),

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

/***/ 21086:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {


/**
 * What the bundle gets for `import ... from 'undici'` (tsconfig.json `paths`, read by ncc).
 *
 * `@actions/http-client` imports undici eagerly for its proxy dispatcher, and `@actions/github`
 * for its fetch; undici is 0.9 MB, over half of the bundle. Parsing and running it on every
 * start cost about 50 ms of the 0.2 s each face takes to load, while only the GitHub API call
 * (visibility) and a proxy ever use it. So undici is built on its own into
 * dist/lib/undici.cjs (scripts/build.sh), and loaded the first time any of its exports is read.
 */
let undici;
// A CommonJS require on purpose: ncc leaves it (`-e ./undici.cjs`) for Node to resolve beside the bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = () => (undici ??= __webpack_require__(12472));

module.exports = new Proxy(
  {},
  {
    // webpack's interop asks for `__esModule`: answering that must not load undici.
    get: (_target, name) => (name === '__esModule' ? false : load()[name]),
  },
);


/***/ })

};

//# sourceMappingURL=935.index.js.map