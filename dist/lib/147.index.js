export const id = 147;
export const ids = [147];
export const modules = {

/***/ 16546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   getCleanupInputs: () => (/* binding */ getCleanupInputs),
/* harmony export */   runCleanupAction: () => (/* binding */ runCleanupAction)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57264);
/* harmony import */ var _jobs_cleanup_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26676);
/* harmony import */ var _jobs_cleanup_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74600);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(40645);




/** `uses: giantswarm/oci-push/cleanup@v1`: inputs → sign in → read → plan → delete → report. */
async function runCleanupAction(env = process.env) {
    await (0,_context_js__WEBPACK_IMPORTED_MODULE_3__/* .runActionJob */ .vc)(env, async (context) => {
        const inputs = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group('Inputs', async () => getCleanupInputs());
        return (0,_jobs_cleanup_js__WEBPACK_IMPORTED_MODULE_1__/* .runCleanup */ .K)(inputs, { ...context, now: () => new Date() });
    }, _jobs_cleanup_js__WEBPACK_IMPORTED_MODULE_1__/* .cleanupFailureOutcome */ .t);
}
/** The cleanup action's inputs, as the runner sets them (`INPUT_*`). */
function getCleanupInputs() {
    return (0,_jobs_cleanup_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCleanupInputs */ .ZY)(_context_js__WEBPACK_IMPORTED_MODULE_3__/* .actionInput */ .jD);
}


/***/ }),

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

//# sourceMappingURL=147.index.js.map