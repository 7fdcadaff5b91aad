export const id = 160;
export const ids = [160];
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

/***/ 95627:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSyncAction: () => (/* binding */ runSyncAction)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57264);
/* harmony import */ var _jobs_sync_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(13077);
/* harmony import */ var _jobs_sync_report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(92384);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(40645);




/**
 * `uses: giantswarm/oci-push/sync@v1`: config → sign-in → plan and copy → report, exiting
 * with the job's code (docs/exit-codes.md), as the CLI's `oci-push sync` does.
 */
async function runSyncAction(env = process.env) {
    await (0,_context_js__WEBPACK_IMPORTED_MODULE_3__/* .runActionJob */ .vc)(env, async (context) => {
        const inputs = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group('Inputs', () => (0,_jobs_sync_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSyncInputs */ .O)(_context_js__WEBPACK_IMPORTED_MODULE_3__/* .actionInput */ .jD, env.GITHUB_WORKSPACE || process.cwd(), _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret));
        return (0,_jobs_sync_js__WEBPACK_IMPORTED_MODULE_1__/* .runSync */ .H)(inputs, context);
    }, _jobs_sync_report_js__WEBPACK_IMPORTED_MODULE_2__/* .syncFailureOutcome */ .M);
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

//# sourceMappingURL=160.index.js.map