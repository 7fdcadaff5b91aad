export const id = 171;
export const ids = [171];
export const modules = {

/***/ 39017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Um: () => (/* binding */ entraCredential),
/* harmony export */   fr: () => (/* binding */ acrRefreshToken),
/* harmony export */   n0: () => (/* binding */ isAcrHost),
/* harmony export */   v7: () => (/* binding */ DEFAULT_AZURE_AUDIENCE)
/* harmony export */ });
/* unused harmony exports ACR_ENTRA_SCOPE, OidcUnavailableError, checkIsAcr, NotAcrError */
/* harmony import */ var _registry_auth_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14631);
/* harmony import */ var _registry_endpoints_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(72109);
/* harmony import */ var _registry_challenge_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(54394);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6764);
/* harmony import */ var _registry_http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(58851);





/** The Entra scope of every ACR data plane (Azure/acr `docs/AAD-OAuth.md`). */
const ACR_ENTRA_SCOPE = 'https://containerregistry.azure.net/.default';
/** The audience a GitHub OIDC token needs for an Entra federated credential. */
const DEFAULT_AZURE_AUDIENCE = 'api://AzureADTokenExchange';
/** Host names of ACR registries in the public and sovereign clouds. */
const ACR_HOST = /\.azurecr\.(io|cn|us)(:\d+)?$/i;
function isAcrHost(host) {
    return ACR_HOST.test(host);
}
/** The GitHub OIDC token could not be had: the workflow lacks the permission, usually. */
class OidcUnavailableError extends Error {
    name = 'OidcUnavailableError';
}
/**
 * Entra credentials from GitHub's OIDC token, with no stored secret: the token is the client
 * assertion of a federated credential on the app registration `clientId`.
 */
async function entraCredential(login, deps) {
    // Loaded only when needed: the Azure SDKs are most of the bundle, and most pushes skip them.
    const { ClientAssertionCredential } = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(830), __webpack_require__.e(13), __webpack_require__.e(738), __webpack_require__.e(16)]).then(__webpack_require__.bind(__webpack_require__, 73016));
    return new ClientAssertionCredential(login.tenantId, login.clientId, async () => {
        let token;
        try {
            token = await deps.getIdToken(login.audience);
        }
        catch (error) {
            throw new OidcUnavailableError(`Could not get GitHub's OIDC token for keyless Azure login (${error.message}). ` +
                'Give the job `permissions: id-token: write` (and keep `contents: read`), or pass ' +
                'credentials for the registry instead.');
        }
        deps.onSecret(token);
        return token;
    }, 
    // With an authority of its own, MSAL would still ask login.microsoftonline.com to
    // discover it first; a sovereign or private authority answers for itself.
    {
        ...(login.authorityHost && {
            authorityHost: login.authorityHost,
            disableInstanceDiscovery: true,
        }),
    });
}
/**
 * Keyless login to one ACR: an Entra access token for the ACR scope, exchanged at the
 * registry's `/oauth2/exchange` for an ACR refresh token, which the registry client then
 * uses through the refresh-token grant for each scope it needs (FACTS.md, "Azure Container
 * Registry"; Azure/acr `docs/AAD-OAuth.md`).
 */
async function acrRefreshToken(endpoint, credential, login, deps) {
    const host = endpoint.host;
    // Before any token is asked for: a registry that is not an ACR can't take one.
    await checkIsAcr(endpoint, deps.send);
    let accessToken;
    try {
        const token = await credential.getToken(ACR_ENTRA_SCOPE);
        if (!token)
            throw new Error('Entra returned no token');
        accessToken = token.token;
    }
    catch (error) {
        const cause = error;
        // @azure/identity may wrap what getAssertion threw; its message is the one to show.
        if (error instanceof OidcUnavailableError || cause.message.includes('id-token: write')) {
            throw new OidcUnavailableError(cause.message);
        }
        // Entra answered, and said no (AuthenticationError carries its HTTP status); anything
        // else (MSAL's endpoints_resolution_error, a reset) means Entra was never asked.
        if (cause.name !== 'AuthenticationError') {
            throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AuthError */ .lR(`Keyless login to ${host}: Entra ID could not be reached to exchange the OIDC token ` +
                `(${cause.message.split('\n')[0]}). Check the network to ` +
                `${login.authorityHost ?? 'https://login.microsoftonline.com'} (and \`azure-authority-host\` ` +
                'for sovereign clouds), then run again.', host, 0, 'protocol');
        }
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AuthError */ .lR(`Keyless login to ${host}: Entra refused the GitHub OIDC token for client ` +
            `${login.clientId} in tenant ${login.tenantId} (${cause.message.split('\n')[0]}). Check ` +
            "that the app registration has a federated credential whose subject matches this job's " +
            `(repo, ref or environment) and audience ${login.audience}.`, host, 401, 'refused');
    }
    deps.onSecret(accessToken);
    const form = new URLSearchParams({
        grant_type: 'access_token',
        service: host,
        tenant: login.tenantId,
        access_token: accessToken,
    });
    const res = await deps.send({
        method: 'POST',
        url: new URL('/oauth2/exchange', (0,_registry_endpoints_js__WEBPACK_IMPORTED_MODULE_3__/* .registryBaseUrl */ .mO)(endpoint)),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(form.toString()),
    });
    if (res.status === 401 || res.status === 403) {
        const refusal = await (0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .registryErrorFrom */ .eg)(res, { operation: 'exchange', registry: host });
        const said = refusal.errors.map((e) => e.message ?? e.code).join('; ');
        // ACR's firewall answers 403 DENIED "client with IP … is not allowed access" (FACTS.md).
        if (/client with IP/i.test(said)) {
            throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AuthError */ .lR(`Keyless login to ${host}: the registry's firewall refused this runner (HTTP ` +
                `${res.status}: ${said}). Allow the runner's network on the registry (az acr ` +
                'network-rule add), or push from a runner inside an allowed network.', host, res.status, 'refused');
        }
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AuthError */ .lR(`Keyless login to ${host}: the registry refused the Entra token of client ` +
            `${login.clientId} (HTTP ${res.status}). Give that identity a role on the registry ` +
            '(AcrPush, or Container Registry Repository Writer for ABAC registries).', host, res.status, 'refused');
    }
    if (res.status !== 200) {
        throw await (0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .registryErrorFrom */ .eg)(res, {
            operation: 'Exchanging the Entra token (/oauth2/exchange)',
            registry: host,
        });
    }
    const body = (0,_registry_auth_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTokenAnswer */ .x$)(await res.text(), host, `${host}'s /oauth2/exchange`);
    if (typeof body.refresh_token !== 'string' || body.refresh_token === '') {
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AuthError */ .lR(`${host}'s /oauth2/exchange answered without a refresh token`, host, 200);
    }
    deps.onSecret(body.refresh_token);
    return { kind: 'identity-token', token: body.refresh_token, username: _registry_auth_js__WEBPACK_IMPORTED_MODULE_0__/* .ACR_TOKEN_USERNAME */ .WY };
}
/**
 * Asks the registry's `/v2/` whether it is an ACR: one answers 401 with a Bearer challenge
 * whose realm is its own `/oauth2/token` (Azure/acr `docs/AAD-OAuth.md`). Anything else (no
 * challenge, Basic, a realm elsewhere, no HTTPS at all) is not an ACR, and is said so: a
 * keyless login there would only fail later as if Entra had refused it.
 */
async function checkIsAcr(endpoint, send) {
    const host = endpoint.host;
    const url = (0,_registry_endpoints_js__WEBPACK_IMPORTED_MODULE_3__/* .registryBaseUrl */ .mO)(endpoint);
    let res;
    try {
        res = await send({ method: 'GET', url });
    }
    catch (error) {
        if (!(error instanceof _registry_http_js__WEBPACK_IMPORTED_MODULE_2__/* .NetworkError */ .Dr))
            throw error;
        throw new NotAcrError(`${host} does not answer as an Azure Container Registry: ${url.href} could not be ` +
            `reached (${error.message}), and an ACR always answers there over HTTPS. Check the ` +
            "registry's name, and that it is reachable from here", host);
    }
    await res.drain();
    const challenge = (0,_registry_challenge_js__WEBPACK_IMPORTED_MODULE_4__/* .parseChallenge */ .x)(firstHeader(res.headers['www-authenticate']));
    let realm;
    try {
        realm = challenge?.params.realm ? new URL(challenge.params.realm) : undefined;
    }
    catch {
        realm = undefined;
    }
    const acr = res.status === 401 &&
        challenge?.scheme === 'bearer' &&
        realm?.host.toLowerCase() === url.host.toLowerCase() &&
        realm.pathname === '/oauth2/token';
    if (acr)
        return;
    // The registry's own words are not repeated: a remote's headers are data, not log lines.
    const answered = res.status === 401 && challenge
        ? `asks for ${challenge.scheme === 'other' ? 'another kind of' : challenge.scheme} ` +
            'credentials, not for an ACR token from its own /oauth2/token'
        : `answered HTTP ${res.status} without asking for an ACR token`;
    throw new NotAcrError(`${host} is not an Azure Container Registry: its /v2/ ${answered}. Keyless Azure login ` +
        "works only with an ACR; check the registry's name, or give this registry a credential" +
        // A `*.azurecr.io` name is an ACR by itself: it has no flag to drop.
        (isAcrHost(host) ? '' : ' (and drop its `acr` flag)'), host);
}
/** A registry keyless login was asked for is not an ACR (or does not answer like one). */
class NotAcrError extends _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AuthError */ .lR {
    name = 'NotAcrError';
    constructor(message, host) {
        super(message, host, 0, 'protocol');
    }
}
function firstHeader(value) {
    return Array.isArray(value) ? value[0] : value;
}


/***/ }),

/***/ 34758:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RF: () => (/* binding */ abandonOnStop),
/* harmony export */   YW: () => (/* binding */ interruption),
/* harmony export */   iQ: () => (/* binding */ OciPushError),
/* harmony export */   p4: () => (/* binding */ InterruptedError),
/* harmony export */   sK: () => (/* binding */ throwIfInterrupted)
/* harmony export */ });
class OciPushError extends Error {
}
/**
 * The run was stopped by a signal. Thrown by whatever was waiting when it came (a request, a
 * retry's pause, the next phase), so every layer unwinds through its usual `finally`: sources
 * close and remove their temporary files, upload sessions are cancelled.
 */
class InterruptedError extends OciPushError {
    signal;
    name = 'InterruptedError';
    code = 'interrupted';
    constructor(signal) {
        super(`interrupted by ${signal}: oci-push stopped before this finished; upload sessions were ` +
            'cancelled and no tag was written on incomplete content. Run the job again to finish it');
        this.signal = signal;
    }
}
/** The signal's reason when `signal` was aborted for an interrupt, else undefined. */
function interruption(signal) {
    return signal?.aborted && signal.reason instanceof InterruptedError ? signal.reason : undefined;
}
/** Throws the interrupt, if there was one: called between phases of a job. */
function throwIfInterrupted(signal) {
    const stopped = interruption(signal);
    if (stopped)
        throw stopped;
}
/**
 * Resolves or rejects as `work` does, or rejects with the stop as soon as `signal` aborts:
 * for work that takes no signal of its own (sigstore-js's clients, `@actions/core`'s OIDC
 * request), so a stopped job never waits on it. The work itself runs on unwatched.
 */
function abandonOnStop(work, signal) {
    if (!signal)
        return work;
    return new Promise((resolve, reject) => {
        const stop = () => reject(signal.reason);
        if (signal.aborted) {
            work.catch(() => undefined);
            stop();
            return;
        }
        signal.addEventListener('abort', stop, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
    });
}


/***/ }),

/***/ 1274:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ forEachLimited)
/* harmony export */ });
/**
 * Runs `work` over `items` with at most `limit` in flight. After the first failure nothing
 * new starts; the in-flight ones finish, then the first error is thrown.
 */
async function forEachLimited(items, limit, work) {
    let next = 0;
    let failure;
    const worker = async () => {
        while (!failure && next < items.length) {
            const item = items[next++];
            try {
                await work(item);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (failure)
        throw failure.error;
}


/***/ }),

/***/ 96215:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ commandFreeLines)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/**
 * The runner reads workflow commands out of every line a step prints: `::name …::` at the
 * start of a line (after any whitespace), and the older `##[name …]` anywhere in a line
 * (actions/runner `ActionCommand.cs`, TryParseV2 and TryParse). Registries say things we print
 * (error bodies, names), and one of them printing `##[error]…` or a line starting `::` would
 * be a command: an annotation, an output, a mask. Both faces print plain lines through here:
 * the action always, the CLI when it runs in a GitHub Actions step.
 */
const COMMAND_SHAPED = /^\s*::|##\[/;
/**
 * `message` as the lines to print: as it is when no line of it could be read as a command,
 * else between `::stop-commands::TOKEN` and `::TOKEN::` (GitHub's way to print text that
 * must not run, "Stopping and starting workflow commands"), the text itself unchanged. The
 * token is fresh and random each time, so the text can't guess it and end the pause early.
 */
function commandFreeLines(message) {
    if (!message.split(/\r\n|\r|\n/).some((line) => COMMAND_SHAPED.test(line)))
        return [message];
    const token = `oci-push-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(16).toString('hex')}`;
    return [`::stop-commands::${token}`, message, `::${token}::`];
}


/***/ }),

/***/ 66887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ parseAzureLogin)
/* harmony export */ });
/* harmony import */ var _azure_keyless_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39017);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(91115);


const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
/**
 * The keyless Azure login inputs, as every face and action spells them: `azure-client-id`
 * and `azure-tenant-id` together or not at all, `azure-authority-host` for sovereign clouds,
 * `azure-audience` for the GitHub OIDC token. Undefined when no login is asked for.
 */
function parseAzureLogin(get) {
    const value = (name) => get(name).trim();
    const clientId = value('azure-client-id');
    const tenantId = value('azure-tenant-id');
    const authorityHost = value('azure-authority-host');
    if (authorityHost)
        checkAuthorityHost(authorityHost);
    if (!clientId && !tenantId)
        return undefined;
    if (!clientId || !tenantId) {
        const missing = clientId ? 'azure-tenant-id' : 'azure-client-id';
        const given = clientId ? 'azure-client-id' : 'azure-tenant-id';
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${missing}: required with \`${given}\`; keyless Azure login needs both (the app ` +
            'registration and its tenant)');
    }
    if (!GUID.test(clientId)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`azure-client-id: "${clientId}" is not a GUID (the app's client id)`);
    }
    if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`azure-tenant-id: "${tenantId}" is not a tenant GUID or domain`);
    }
    return {
        clientId,
        tenantId,
        ...(authorityHost && { authorityHost: authorityHost.replace(/\/$/, '') }),
        audience: value('azure-audience') || _azure_keyless_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_AZURE_AUDIENCE */ .v7,
    };
}
function checkAuthorityHost(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        url = undefined;
    }
    if (url?.protocol !== 'https:' || (url.pathname !== '/' && url.pathname !== '')) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`azure-authority-host: "${text}" is not an https URL of a host, e.g. https://login.chinacloudapi.cn`);
    }
}


/***/ }),

/***/ 13783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ withStop),
/* harmony export */   e: () => (/* binding */ transportsOf)
/* harmony export */ });
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34758);
/* harmony import */ var _registry_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41521);
/* harmony import */ var _registry_user_agent_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(69808);
/* harmony import */ var _exit_codes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86033);




/**
 * The context's transport, or the retrying one every job uses by default; `below` wraps each
 * attempt under the retries (the sync paces each registry there).
 */
function transportsOf(context, options = {}) {
    return (context.transport ??
        (0,_registry_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .registryTransports */ .Sc)({
            userAgent: _registry_user_agent_js__WEBPACK_IMPORTED_MODULE_3__/* .USER_AGENT */ ._,
            log: context.log.info,
            signal: context.signal,
            ...options,
        }));
}
/**
 * A job's outcome as a stop leaves it: when the run was interrupted, the summary says so
 * first, the job fails with that, and the exit code is the signal's (130, 143). What the job
 * did until then stays in the report and `result`.
 */
function withStop(outcome, signal) {
    const stopped = (0,_base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .interruption */ .YW)(signal);
    if (!stopped)
        return outcome;
    return {
        ...outcome,
        report: {
            ...outcome.report,
            summary: `> **Interrupted by ${stopped.signal}.** oci-push stopped: requests in flight ended, ` +
                'upload sessions were cancelled and temporary files removed. What is below is what was ' +
                'done until then; no tag was written on incomplete content. Run the job again to ' +
                `finish.\n\n${outcome.report.summary}`,
            failure: `oci-push was interrupted by ${stopped.signal}; the summary and \`result\` say what ` +
                'was done. Run the job again to finish it',
        },
        exitCode: _exit_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .SIGNAL_EXIT */ .Kx[stopped.signal],
    };
}


/***/ }),

/***/ 86033:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kx: () => (/* binding */ SIGNAL_EXIT),
/* harmony export */   Lo: () => (/* binding */ exitCodeForError),
/* harmony export */   dc: () => (/* binding */ EXIT)
/* harmony export */ });
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34758);

/**
 * The exit codes of every job, from every face (docs/exit-codes.md). The only place that
 * decides one: jobs return theirs with their report, and an error that ends a run early is
 * mapped here by its code.
 */
const EXIT = {
    /** Done; a mirror may have warned. */
    ok: 0,
    /** A required registry or target failed (or the source could not be read). */
    failed: 1,
    /** A usage or input error: a flag, an input, the config, or no plan can be made. */
    input: 2,
    /** A release was refused (its tag holds another digest, or is locked), or the sync found
     * drift, and nothing else failed. */
    refused: 3,
};
/** 128 + the signal's number, as shells report a process a signal stopped. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 };
const BY_CODE = {
    input: EXIT.input,
    plan: EXIT.input,
    source: EXIT.failed,
    // Never read: an interrupt exits with its signal's code.
    interrupted: EXIT.failed,
};
/** The exit code of a run that ended with `error` before its report was complete. */
function exitCodeForError(error) {
    if (error instanceof _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InterruptedError */ .p4)
        return SIGNAL_EXIT[error.signal];
    return error instanceof _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OciPushError */ .iQ ? BY_CODE[error.code] : EXIT.failed;
}


/***/ }),

/***/ 91115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LV: () => (/* binding */ wrap),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   yG: () => (/* binding */ parseBoolean),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34758);

/** An input's value is wrong; the message starts with the input's name. Exit code 2. */
class InputError extends _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OciPushError */ .iQ {
    name = 'InputError';
    code = 'input';
}
/** `true`/`false` as YAML 1.2 core schema spells them (what `core.getBooleanInput` accepts). */
function parseBoolean(name, value, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(`${name}: "${value}" is not true or false`);
}
function oneOf(name, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new InputError(`${name}: "${value}" is not one of ${allowed.join(', ')}`);
}
/** Runs a parser, turning its error into an InputError that starts with the input's name. */
function wrap(input, parse) {
    try {
        return parse();
    }
    catch (error) {
        if (error instanceof InputError)
            throw error;
        const message = error.message;
        throw new InputError(message.startsWith(input) ? message : `${input}: ${message}`);
    }
}


/***/ }),

/***/ 75179:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ listenForStops)
/* harmony export */ });
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34758);
/* harmony import */ var _exit_codes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86033);


/** The tidy-up after a stop: upload sessions cancelled (5 s each, at once), files removed. */
const DEFAULT_GRACE_MS = 15_000;
/**
 * Listens for SIGINT and SIGTERM for the length of one job, as the faces do: the first
 * aborts the job's signal, so the job stops, tidies up and reports; the process then exits
 * with 130 or 143 when the face returns, or after `graceMs` at the latest.
 */
function listenForStops(options) {
    const controller = new AbortController();
    let first;
    const handle = (signal) => {
        if (first) {
            if (options.secondSignalExits)
                process.exit(_exit_codes_js__WEBPACK_IMPORTED_MODULE_1__/* .SIGNAL_EXIT */ .Kx[first]);
            return;
        }
        first = signal;
        options.onStop?.(signal);
        controller.abort(new _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InterruptedError */ .p4(signal));
        // Unref'd: it never keeps the process alive, it only ends one that is stuck.
        setTimeout(() => process.exit(_exit_codes_js__WEBPACK_IMPORTED_MODULE_1__/* .SIGNAL_EXIT */ .Kx[signal]), options.graceMs ?? DEFAULT_GRACE_MS).unref();
    };
    const onInt = () => handle('SIGINT');
    const onTerm = () => handle('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    return {
        signal: controller.signal,
        dispose: () => {
            process.off('SIGINT', onInt);
            process.off('SIGTERM', onTerm);
        },
    };
}


/***/ }),

/***/ 62000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J: () => (/* binding */ signIn)
});

// EXTERNAL MODULE: ./src/base/errors.ts
var errors = __webpack_require__(34758);
// EXTERNAL MODULE: ./src/azure/keyless.ts
var azure_keyless = __webpack_require__(39017);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/jobs/inputs.ts
var inputs = __webpack_require__(91115);
;// CONCATENATED MODULE: ./src/jobs/credentials.ts







/** The docker config's path: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
function dockerConfigPath(env) {
    return env.DOCKER_CONFIG
        ? (0,external_node_path_.join)(env.DOCKER_CONFIG, 'config.json')
        : (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker', 'config.json');
}
/** Reads the docker config; a missing file is no credentials, a broken one is an error. */
async function readDockerConfig(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT') {
            return { auths: new Map(), credHelpers: new Map() };
        }
        throw new inputs/* InputError */.dz(`The docker config ${path} can't be read (${error.code ?? 'error'}); ` +
            'fix its permissions, or point DOCKER_CONFIG at another directory');
    }
    let config;
    try {
        config = JSON.parse(text);
    }
    catch (error) {
        // The parser's message quotes the text around the fault, and in a docker config that is
        // a password or an `auth` (a secret's first characters leaked this way): never show it.
        throw new inputs/* InputError */.dz(`The docker config ${path} is not valid JSON${jsonErrorPlace(text, error)}; its content ` +
            'is not shown, as it may hold a secret. Fix it (`docker login` rewrites it), or point ' +
            'DOCKER_CONFIG at another directory');
    }
    try {
        return { ...parseCredentialHelpers(config), auths: parseDockerAuths(config) };
    }
    catch (error) {
        // These messages name keys and hosts only, never a value.
        throw new inputs/* InputError */.dz(`The docker config ${path} is not valid: ${error.message}`);
    }
}
/** Where JSON.parse stopped, as ` (line L, column C)` when its message says; never the text. */
function jsonErrorPlace(text, error) {
    const position = /at position (\d+)/.exec(error.message)?.[1];
    if (position === undefined)
        return '';
    const before = text.slice(0, Number(position)).split('\n');
    return ` (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}
/** `credsStore` and `credHelpers`, with helper names checked: they become part of a command name. */
function parseCredentialHelpers(config) {
    const { credsStore, credHelpers } = (config ?? {});
    const helperName = (where, value) => {
        if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
            throw new Error(`${where} is not the name of a docker-credential-<name> helper`);
        }
        return value;
    };
    const helpers = new Map();
    if (credHelpers !== undefined) {
        if (typeof credHelpers !== 'object' || credHelpers === null) {
            throw new Error('"credHelpers" is not an object');
        }
        for (const [key, value] of Object.entries(credHelpers)) {
            helpers.set(hostOfAuthKey(key), helperName(`"credHelpers" of ${key}`, value));
        }
    }
    // Docker writes `"credsStore": ""` to mean none.
    const store = credsStore === undefined || credsStore === ''
        ? undefined
        : helperName('"credsStore"', credsStore);
    return { credHelpers: helpers, ...(store && { credsStore: store }) };
}
/**
 * `auths` entries hold `auth` (base64 of `user:password`), or `username` and `password`,
 * and for token logins (ACR) an `identitytoken`. Keys may be URLs
 * (`https://index.docker.io/v1/`); they are reduced to the host.
 */
function parseDockerAuths(config) {
    const auths = new Map();
    const entries = config?.auths;
    if (entries === undefined)
        return auths;
    if (typeof entries !== 'object' || entries === null)
        throw new Error('"auths" is not an object');
    for (const [key, value] of Object.entries(entries)) {
        const entry = (value ?? {});
        let username = typeof entry.username === 'string' ? entry.username : undefined;
        let password = typeof entry.password === 'string' ? entry.password : undefined;
        if (typeof entry.auth === 'string' && entry.auth !== '') {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon < 0)
                throw new Error(`the "auth" of ${hostOfAuthKey(key)} is not base64 of user:password`);
            username = decoded.slice(0, colon);
            password = decoded.slice(colon + 1);
        }
        const host = hostOfAuthKey(key);
        if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
            auths.set(host, {
                kind: 'identity-token',
                token: entry.identitytoken,
                ...(username && { username }),
            });
        }
        else if (username && password) {
            auths.set(host, { kind: 'basic', username, password });
        }
    }
    return auths;
}
/** A key of `auths` or `credHelpers` as the host it names: lower case, as hosts compare. */
function hostOfAuthKey(key) {
    const host = (0,reference/* hostKey */._9)(key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, ''));
    return host === 'index.docker.io' ? 'docker.io' : host;
}
/** The name the docker config knows a registry by: Docker Hub's API hosts are `docker.io`. */
function dockerHostOf(host) {
    const key = (0,reference/* hostKey */._9)(host);
    return key === 'registry-1.docker.io' || key === 'index.docker.io' ? 'docker.io' : key;
}
/** A host's credential from the `credentials` input, else from the docker config's `auths`. */
function resolveCredential(host, fromInput, docker, dockerPath) {
    return fromCredentialsInput(host, fromInput) ?? fromDockerAuths(host, docker, dockerPath);
}
function fromCredentialsInput(host, fromInput) {
    const given = fromInput.get((0,reference/* hostKey */._9)(host));
    if (given)
        return { credential: { kind: 'basic', ...given }, source: 'the `credentials` input' };
    return undefined;
}
function fromDockerAuths(host, docker, dockerPath) {
    const stored = docker.get(dockerHostOf(host));
    if (stored)
        return { credential: stored, source: dockerPath };
    return undefined;
}
/** Every secret a credential holds, for masking. */
function secretsOf(credential) {
    return credential.kind === 'basic' ? [credential.password] : [credential.token];
}
/** A credential helper may ask the user to unlock a keychain; past this it is stuck. */
const CREDENTIAL_HELPER_TIMEOUT_MS = 30_000;
/** The server name docker stores a host's credential under: Docker Hub's is its old v1 URL. */
function helperServer(dockerHost) {
    return dockerHost === 'docker.io' ? 'https://index.docker.io/v1/' : dockerHost;
}
/**
 * Asks `docker-credential-<helper> get` for a host's credential, as the docker CLI does: the
 * server on stdin, `{"ServerURL","Username","Secret"}` on stdout, where the username
 * `<token>` means the secret is an identity token. Undefined when the helper holds none for
 * the host. Errors name the helper and the host, never the helper's output (it may hold the
 * secret).
 */
async function credentialFromHelper(helper, dockerHost, env, timeoutMs = CREDENTIAL_HELPER_TIMEOUT_MS, signal) {
    const command = `docker-credential-${helper}`;
    const failed = (what) => new Error(`${command} (the docker config's credential helper) ${what} for ${dockerHost}; check it ` +
        `with \`echo ${helperServer(dockerHost)} | ${command} get\`, log in again with docker ` +
        'login, or give this registry a credential another way');
    const run = await runHelper(command, helperServer(dockerHost), env, timeoutMs, signal);
    if (run.outcome === 'not-found') {
        throw new Error(`${command} is not on PATH, and the docker config names it as the credential helper for ` +
            `${dockerHost}: install it, remove it from the docker config, or give this registry a ` +
            'credential another way');
    }
    (0,errors/* throwIfInterrupted */.sK)(signal);
    if (run.outcome === 'timed-out') {
        throw failed(`timed out: it gave no answer within ${timeoutMs / 1000} s, and it (with anything it started) was stopped`);
    }
    if (run.outcome === 'too-much')
        throw failed('answered with more than 1 MiB');
    // docker-credential-helpers' ErrCredentialsNotFound: the helper has nothing for this host.
    if (/credentials not found/i.test(`${run.stdout}\n${run.stderr}`))
        return undefined;
    if (run.exitCode !== 0)
        throw failed(`failed (exit code ${String(run.exitCode)})`);
    let answer;
    try {
        answer = JSON.parse(run.stdout);
    }
    catch {
        throw failed('answered with something that is not JSON');
    }
    const username = typeof answer.Username === 'string' ? answer.Username : '';
    const secret = typeof answer.Secret === 'string' ? answer.Secret : '';
    if (!secret)
        return undefined;
    if (username === '<token>')
        return { kind: 'identity-token', token: secret };
    if (!username)
        throw failed('answered with a secret but no username');
    return { kind: 'basic', username, password: secret };
}
/** A helper's answer is a few hundred bytes; more is not an answer. */
const HELPER_OUTPUT_LIMIT = 1024 * 1024;
/** After SIGTERM, how long a helper has to go before its process group is killed. */
const HELPER_KILL_GRACE_MS = 2_000;
/**
 * Runs a helper in a process group of its own, so that when it times out (or the run is
 * interrupted) SIGTERM and then SIGKILL reach it and whatever it started (a helper that
 * ignored SIGTERM held runs for minutes). Resolves once it is gone.
 */
function runHelper(command, input, env, timeoutMs, signal) {
    return new Promise((resolve) => {
        const child = (0,external_node_child_process_.spawn)(command, ['get'], { env, detached: true, stdio: 'pipe' });
        const out = [];
        const err = [];
        let size = 0;
        let stopped;
        let killTimer;
        const stop = (why) => {
            if (stopped || child.pid === undefined)
                return;
            stopped = why;
            killGroup(child.pid, 'SIGTERM');
            killTimer = setTimeout(() => {
                killGroup(child.pid, 'SIGKILL');
                // Whatever still holds its pipes open is gone now; stop waiting for them.
                setTimeout(() => finish(null), 500).unref();
            }, HELPER_KILL_GRACE_MS);
        };
        const collect = (into) => (chunk) => {
            size += chunk.length;
            if (size > HELPER_OUTPUT_LIMIT)
                stop('too-much');
            else
                into.push(chunk);
        };
        child.stdout.on('data', collect(out));
        child.stderr.on('data', collect(err));
        const timer = setTimeout(() => stop('timed-out'), timeoutMs);
        const onAbort = () => stop('timed-out');
        signal?.addEventListener('abort', onAbort, { once: true });
        let done = false;
        const finish = (exitCode, notFound = false) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            clearTimeout(killTimer);
            signal?.removeEventListener('abort', onAbort);
            child.stdout.destroy();
            child.stderr.destroy();
            resolve({
                outcome: notFound ? 'not-found' : (stopped ?? 'exited'),
                exitCode,
                stdout: Buffer.concat(out).toString('utf8'),
                stderr: Buffer.concat(err).toString('utf8'),
            });
        };
        child.once('error', (error) => finish(null, error.code === 'ENOENT'));
        child.once('close', (code) => finish(code));
        // A helper that exits without reading stdin is answered above, not by an EPIPE crash.
        child.stdin.on('error', () => undefined);
        child.stdin.end(input);
    });
}
function killGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    }
    catch {
        // Already gone.
    }
}
/**
 * A host's stored credential, in docker's order after the `credentials` input: the docker
 * config's helper for the host, then its `auths`. Undefined: none is stored. A helper that
 * fails throws, naming itself and the host.
 */
async function storedCredential(host, stores) {
    const given = fromCredentialsInput(host, stores.fromInput);
    if (given || !stores.docker)
        return given;
    const dockerHost = dockerHostOf(host);
    const helper = stores.docker.credHelpers.get(dockerHost) ?? stores.docker.credsStore;
    if (helper) {
        const credential = await credentialFromHelper(helper, dockerHost, stores.env, CREDENTIAL_HELPER_TIMEOUT_MS, stores.signal);
        if (credential) {
            return {
                credential,
                source: `docker-credential-${helper} (named in ${stores.dockerPath})`,
            };
        }
    }
    return fromDockerAuths(host, stores.docker.auths, stores.dockerPath);
}

;// CONCATENATED MODULE: ./src/jobs/sign-in.ts




/**
 * The one sign-in every job runs, per host and in this order: the `credentials` input, the
 * docker config (the host's credential helper, then `auths`), then for an ACR keyless login
 * (OIDC → Entra → the registry's refresh token), else anonymous. Every secret reaches
 * `onSecret` before anything else sees it, and the log says where each credential came
 * from, never what it is. A host that can't be signed in to (a helper that fails, an ACR
 * that refuses the Entra token) is a failure of that host alone.
 */
async function signIn(hosts, settings, deps) {
    const dockerPath = dockerConfigPath(deps.env);
    const stores = {
        fromInput: settings.credentials,
        dockerPath,
        env: deps.env,
        ...(settings.dockerConfig !== false && { docker: await readDockerConfig(dockerPath) }),
        ...(deps.signal && { signal: deps.signal }),
    };
    const { azure } = settings;
    const keyless = { getIdToken: deps.getIdToken, send: deps.send, onSecret: deps.onSecret };
    const entra = azure ? (0,azure_keyless/* entraCredential */.Um)(azure, keyless) : undefined;
    // Awaited per host below; a failure must not surface as an unhandled rejection.
    entra?.catch(() => undefined);
    const credentials = new Map();
    const failures = new Map();
    const seen = new Set();
    for (const { host, acr, insecure } of hosts) {
        const key = (0,reference/* hostKey */._9)(host);
        if (seen.has(key))
            continue;
        seen.add(key);
        (0,errors/* throwIfInterrupted */.sK)(deps.signal);
        try {
            const stored = await storedCredential(host, stores);
            if (stored) {
                for (const secret of secretsOf(stored.credential))
                    deps.onSecret(secret);
                deps.log.info(`${host}: credential from ${stored.source}`);
                credentials.set(key, stored.credential);
                continue;
            }
            if (acr && azure && entra) {
                deps.log.info(`${host}: keyless login as client ${azure.clientId} (OIDC → Entra → ACR refresh token)`);
                const endpoint = { host, insecure: insecure ?? false, https: true };
                credentials.set(key, await (0,azure_keyless/* acrRefreshToken */.fr)(endpoint, await entra, azure, keyless));
                continue;
            }
            deps.log.info(`${host}: no credential; anonymous unless it asks for one`);
        }
        catch (error) {
            (0,errors/* throwIfInterrupted */.sK)(deps.signal);
            failures.set(key, error);
            // The registry's row carries the message; the log says only what happens next.
            deps.log.info(`${host}: signing in failed; this registry is skipped`);
        }
    }
    return {
        credentialFor: (host) => credentials.get((0,reference/* hostKey */._9)(host)),
        failureFor: (host) => failures.get((0,reference/* hostKey */._9)(host)),
        ...(entra && { entra }),
    };
}


/***/ }),

/***/ 47592:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   RU: () => (/* binding */ toDescriptor),
/* harmony export */   sJ: () => (/* binding */ isForeignLayer)
/* harmony export */ });
/* unused harmony export ManifestFormatError */
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68825);
/* harmony import */ var _mediatypes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79572);
/* harmony import */ var _untrusted_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86911);



/**
 * A layer the registry is not given: a non-distributable (foreign) one, or one that names
 * `urls` to fetch it from. Such a blob may be missing at the source, and is never uploaded
 * (image-spec `layer.md`); skopeo skips every layer with `urls` the same way (containers/image
 * `copy/single.go`), and Distribution checks neither kind's presence.
 */
function isForeignLayer(descriptor) {
    return (_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .NON_DISTRIBUTABLE_MEDIA_TYPES */ ._n.includes(descriptor.mediaType) ||
        (descriptor.urls?.length ?? 0) > 0);
}
/** A manifest's JSON is not what it claims to be. */
class ManifestFormatError extends Error {
    name = 'ManifestFormatError';
}
/**
 * Parses a manifest's bytes to find its children. The bytes themselves are never
 * re-serialized: they are pushed as they are, so the digest holds end to end.
 * `declaredType` is the media type the manifest was referenced with (a descriptor's, or a
 * registry's Content-Type); the manifest's own `mediaType` field wins when present.
 */
function parseManifest(bytes, declaredType, where) {
    let json;
    try {
        json = JSON.parse(Buffer.from(bytes).toString('utf8'));
    }
    catch (error) {
        // JSON.parse's message repeats the bytes around the fault: the registry's, so printable.
        throw new ManifestFormatError(`${where}: manifest is not valid JSON (${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$)(String(error), 200)})`);
    }
    if (!isObject(json))
        throw new ManifestFormatError(`${where}: manifest is not a JSON object`);
    const mediaType = typeof json.mediaType === 'string' ? json.mediaType : inferMediaType(json, declaredType);
    if (!(0,_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isManifestMediaType */ .CM)(mediaType)) {
        throw new ManifestFormatError(`${where}: unsupported manifest media type ${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .TL)(mediaType)}`);
    }
    const subject = json.subject === undefined ? undefined : toDescriptor(json.subject, `${where} subject`);
    if ((0,_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndexMediaType */ .$$)(mediaType)) {
        const manifests = arrayOf(json.manifests, `${where} manifests`).map((entry, i) => toDescriptor(entry, `${where} manifests[${i}]`));
        return { mediaType, blobs: [], manifests, ...(subject && { subject }) };
    }
    const config = toDescriptor(json.config, `${where} config`);
    const layers = arrayOf(json.layers, `${where} layers`).map((entry, i) => toDescriptor(entry, `${where} layers[${i}]`));
    return { mediaType, blobs: [config, ...layers], manifests: [], ...(subject && { subject }) };
}
/** An OCI manifest may omit `mediaType`; then its shape tells (image-spec `manifest.md`). */
function inferMediaType(json, declaredType) {
    if ((0,_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isManifestMediaType */ .CM)(declaredType))
        return declaredType;
    if (Array.isArray(json.manifests))
        return _mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .zu.OciIndex;
    if (json.config !== undefined)
        return _mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .zu.OciManifest;
    return declaredType;
}
function toDescriptor(value, where) {
    if (!isObject(value))
        throw new ManifestFormatError(`${where}: not a descriptor object`);
    const { mediaType, digest, size } = value;
    if (typeof mediaType !== 'string' || mediaType === '') {
        throw new ManifestFormatError(`${where}: descriptor has no mediaType`);
    }
    // Media types end up in Content-Type headers and log lines: only their grammar's shape.
    if (!(0,_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isMediaType */ .LA)(mediaType)) {
        throw new ManifestFormatError(`${where}: descriptor mediaType ${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .TL)(mediaType)} is not a media type (RFC 6838: type/subtype)`);
    }
    if (typeof digest !== 'string' || !(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(digest)) {
        throw new ManifestFormatError(`${where}: descriptor digest ${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .TL)(digest)} ${(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestProblem */ .WQ)(digest)}`);
    }
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
        throw new ManifestFormatError(`${where}: descriptor size ${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .TL)(String(size))} is not a byte count`);
    }
    const descriptor = { mediaType, digest, size };
    if (isObject(value.annotations))
        descriptor.annotations = value.annotations;
    if (isObject(value.platform))
        descriptor.platform = value.platform;
    if (Array.isArray(value.urls) && value.urls.every((u) => typeof u === 'string')) {
        descriptor.urls = value.urls;
    }
    if (value.artifactType !== undefined) {
        if (typeof value.artifactType !== 'string' || !(0,_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isMediaType */ .LA)(value.artifactType)) {
            throw new ManifestFormatError(`${where}: descriptor artifactType ${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .TL)(value.artifactType)} is not a media type (RFC 6838: type/subtype)`);
        }
        descriptor.artifactType = value.artifactType;
    }
    return descriptor;
}
function arrayOf(value, where) {
    if (!Array.isArray(value))
        throw new ManifestFormatError(`${where}: not a list`);
    return value;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ }),

/***/ 68825:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ SizeMismatchError),
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   RV: () => (/* binding */ verifyBytes),
/* harmony export */   SC: () => (/* binding */ VerifyingStream),
/* harmony export */   WQ: () => (/* binding */ digestProblem),
/* harmony export */   h: () => (/* binding */ DigestMismatchError),
/* harmony export */   ol: () => (/* binding */ digestOf),
/* harmony export */   sU: () => (/* binding */ digestHex)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);


const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
function isDigest(value) {
    return SHA256_DIGEST.test(value);
}
/** Why a value is not a digest oci-push can use, in words a user can act on. */
function digestProblem(value) {
    if (typeof value !== 'string')
        return 'is not a string';
    if (/^sha256:[0-9a-fA-F]{64}$/.test(value)) {
        return 'has upper-case hex; OCI digests are lower case (sha256: and 64 of 0-9a-f)';
    }
    if (!value.startsWith('sha256:'))
        return 'is not sha256 (only sha256 digests are supported)';
    return 'is not sha256: and 64 lower-case hex digits';
}
function digestOf(bytes) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
}
/** The hex part of a digest, which is also its file name under `blobs/sha256/`. */
function digestHex(digest) {
    return digest.slice('sha256:'.length);
}
/** Content whose bytes don't hash to the digest that names it. */
class DigestMismatchError extends Error {
    expected;
    actual;
    where;
    constructor(expected, actual, where) {
        super(`${where}: content does not match its digest: expected ${expected}, got ${actual}`);
        this.expected = expected;
        this.actual = actual;
        this.where = where;
        this.name = 'DigestMismatchError';
    }
}
/** Content longer or shorter than its descriptor says. */
class SizeMismatchError extends Error {
    expected;
    actual;
    where;
    constructor(expected, actual, where) {
        super(`${where}: content is ${actual} bytes, but its descriptor says ${expected}`);
        this.expected = expected;
        this.actual = actual;
        this.where = where;
        this.name = 'SizeMismatchError';
    }
}
function verifyBytes(bytes, digest, size, where) {
    if (bytes.length !== size)
        throw new SizeMismatchError(size, bytes.length, where);
    const actual = digestOf(bytes);
    if (actual !== digest)
        throw new DigestMismatchError(digest, actual, where);
}
/**
 * A pass-through stream that hashes what flows through it and fails, before it ends, if the
 * bytes don't match the expected digest and size. It holds back the last chunk until the
 * digest is checked, so an upload fed from it never receives the complete corrupt content.
 */
class VerifyingStream extends node_stream__WEBPACK_IMPORTED_MODULE_1__.Transform {
    digest;
    size;
    where;
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    seen = 0;
    held;
    constructor(digest, size, where) {
        super();
        this.digest = digest;
        this.size = size;
        this.where = where;
    }
    _transform(chunk, _encoding, done) {
        this.seen += chunk.length;
        if (this.seen > this.size) {
            done(new SizeMismatchError(this.size, this.seen, this.where));
            return;
        }
        this.hash.update(chunk);
        const previous = this.held;
        this.held = chunk;
        done(null, previous);
    }
    _flush(done) {
        if (this.seen !== this.size) {
            done(new SizeMismatchError(this.size, this.seen, this.where));
            return;
        }
        const actual = `sha256:${this.hash.digest('hex')}`;
        if (actual !== this.digest) {
            done(new DigestMismatchError(this.digest, actual, this.where));
            return;
        }
        done(null, this.held);
    }
}


/***/ }),

/***/ 79572:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $$: () => (/* binding */ isIndexMediaType),
/* harmony export */   CM: () => (/* binding */ isManifestMediaType),
/* harmony export */   LA: () => (/* binding */ isMediaType),
/* harmony export */   _n: () => (/* binding */ NON_DISTRIBUTABLE_MEDIA_TYPES),
/* harmony export */   dY: () => (/* binding */ MANIFEST_ACCEPT),
/* harmony export */   zu: () => (/* binding */ MediaType)
/* harmony export */ });
/* unused harmony exports INDEX_MEDIA_TYPES, IMAGE_MANIFEST_MEDIA_TYPES, MANIFEST_MEDIA_TYPES */
/** Media types oci-push reads and writes (image-spec `media-types.md`, docker `manifest-v2-2`). */
const MediaType = {
    OciManifest: 'application/vnd.oci.image.manifest.v1+json',
    OciIndex: 'application/vnd.oci.image.index.v1+json',
    OciConfig: 'application/vnd.oci.image.config.v1+json',
    OciLayerTarGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    OciLayerTar: 'application/vnd.oci.image.layer.v1.tar',
    DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    DockerConfig: 'application/vnd.docker.container.image.v1+json',
    DockerLayerTarGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
};
const INDEX_MEDIA_TYPES = [
    MediaType.OciIndex,
    MediaType.DockerManifestList,
];
const IMAGE_MANIFEST_MEDIA_TYPES = [
    MediaType.OciManifest,
    MediaType.DockerManifest,
];
const MANIFEST_MEDIA_TYPES = [
    ...IMAGE_MANIFEST_MEDIA_TYPES,
    ...INDEX_MEDIA_TYPES,
];
/**
 * Sent on every manifest GET/HEAD: ACR answers MANIFEST_UNKNOWN for an OCI index unless
 * the Accept header lists the OCI types (FACTS.md, "Accept headers").
 */
const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');
/**
 * RFC 6838 section 4.2: `type/subtype`, each a restricted-name of at most 127 characters;
 * image-spec `descriptor.md` requires descriptors' media types to comply. Unknown types are
 * fine (image-spec: they must not be an error); malformed ones never reach a header or a log.
 */
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
function isMediaType(value) {
    return MEDIA_TYPE.test(value);
}
function isManifestMediaType(mediaType) {
    return MANIFEST_MEDIA_TYPES.includes(mediaType);
}
/**
 * Layers that are "non-distributable" (image-spec `layer.md`, deprecated in 1.1 but still
 * written, e.g. Windows base layers): fetched from their `urls`, never uploaded to a registry.
 */
const NON_DISTRIBUTABLE_MEDIA_TYPES = [
    'application/vnd.oci.image.layer.nondistributable.v1.tar',
    'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
    'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
    'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
];
function isIndexMediaType(mediaType) {
    return INDEX_MEDIA_TYPES.includes(mediaType);
}


/***/ }),

/***/ 62148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EP: () => (/* binding */ formatSourceReference),
/* harmony export */   O$: () => (/* binding */ parseSourceReference),
/* harmony export */   SU: () => (/* binding */ parseRepository),
/* harmony export */   Z6: () => (/* binding */ isRepository),
/* harmony export */   _9: () => (/* binding */ hostKey),
/* harmony export */   dW: () => (/* binding */ canonicalImageName),
/* harmony export */   dz: () => (/* binding */ isTag),
/* harmony export */   "if": () => (/* binding */ parseImageName),
/* harmony export */   jU: () => (/* binding */ isHost),
/* harmony export */   nz: () => (/* binding */ apiHost),
/* harmony export */   o6: () => (/* binding */ parseHost)
/* harmony export */ });
/* unused harmony exports InvalidReferenceError, SOURCE_TRANSPORTS, DOCKER_HUB */
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68825);

/**
 * Repository path grammar (distribution-spec `spec.md`, "Pulling manifests"):
 * lowercase components separated by `/`, each made of alphanumerics joined by `.`, `_`,
 * `__` or dashes.
 */
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
/** A DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;
/** A reference's input was malformed; `message` says which part and why. */
class InvalidReferenceError extends Error {
    name = 'InvalidReferenceError';
}
function isRepository(value) {
    return value.length <= 255 && REPOSITORY.test(value);
}
function isTag(value) {
    return TAG.test(value);
}
function isHost(value) {
    return HOST.test(value);
}
function parseRepository(value, what) {
    if (!isRepository(value)) {
        throw new InvalidReferenceError(`${what} "${value}" is not a valid repository path: use lowercase letters, digits and ` +
            `separators (. _ __ -) in components joined by "/", e.g. giantswarm/my-app`);
    }
    return value;
}
function parseHost(value, what) {
    if (value.includes('@')) {
        throw new InvalidReferenceError(`${what} has a user name or password before the host ("user:password@"); it is not ` +
            'shown, as it may hold a secret. Give the host alone, and the credential in `credentials`');
    }
    if (!isHost(value)) {
        throw new InvalidReferenceError(`${what} "${value}" is not a registry host: use a host name with an optional port, ` +
            `e.g. gsoci.azurecr.io or 127.0.0.1:5000`);
    }
    const port = /:(\d+)$/.exec(value)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
        throw new InvalidReferenceError(`${what} "${value}" has the port ${port}, and a port is a number from 1 to 65535`);
    }
    return value;
}
const SOURCE_TRANSPORTS = [
    'oci',
    'oci-archive',
    'docker-archive',
    'docker-daemon',
    'docker',
];
const EXAMPLES = 'oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:NAME:TAG], ' +
    'docker-daemon:NAME:TAG, docker://HOST/REPO[:TAG|@DIGEST]';
/** Docker Hub's name in references; the registry API itself answers elsewhere. */
const DOCKER_HUB = 'docker.io';
/**
 * A host as it is compared and looked up (credentials, `--login-registry`): host names are
 * case-insensitive (RFC 4343), so `LOCALHOST:5000` finds what was given for `localhost:5000`.
 */
function hostKey(host) {
    return host.toLowerCase();
}
/**
 * The host to send registry API requests to for a reference's host. Docker Hub images are
 * named `docker.io/...`, but docker.io does not serve `/v2/`: registry-1.docker.io does.
 */
function apiHost(host) {
    return host === DOCKER_HUB ? 'registry-1.docker.io' : host;
}
/**
 * Parses the `image` input. As in containers/image, a file or directory path ends at the
 * first `:` after the transport, so `oci:./build/layout:app` is the layout `./build/layout`,
 * entry `app`, and `docker-archive:img.tar:localhost:5000/app:1.0` names the image
 * `localhost:5000/app:1.0` in `img.tar`.
 */
function parseSourceReference(value, what = 'image') {
    if (hasUserinfo(value)) {
        throw new InvalidReferenceError(`${what} has a user name or password before the registry host (docker://USER:PASSWORD@HOST/...); ` +
            'it is not shown, as it may hold a secret. Write docker://HOST/REPO:TAG and put the ' +
            'credential in `credentials` (HOST=USERNAME:PASSWORD), or log in with docker/login-action');
    }
    const colon = value.indexOf(':');
    const transport = colon < 0 ? '' : value.slice(0, colon);
    const rest = value.slice(colon + 1);
    const fail = (problem) => {
        throw new InvalidReferenceError(`${what} "${value}" ${problem}`);
    };
    switch (transport) {
        case 'oci':
        case 'oci-archive': {
            const [path, ref] = splitPath(rest);
            if (path === '')
                fail(`has no ${transport === 'oci' ? 'directory' : 'file'} after "${transport}:"`);
            if (ref === '')
                fail('ends in ":" with no entry name');
            return { transport, path, ...(ref !== undefined && { ref }) };
        }
        case 'docker-archive': {
            const [path, name] = splitPath(rest);
            if (path === '')
                fail('has no file after "docker-archive:"');
            if (name === undefined)
                return { transport, path };
            if (name.startsWith('@')) {
                if (!/^@(?:0|[1-9][0-9]{0,5})$/.test(name)) {
                    fail(`ends in "${name}": an index into the archive is @ and a number, e.g. @0`);
                }
                return { transport, path, index: Number(name.slice(1)) };
            }
            return { transport, path, name: taggedName(name, value, what) };
        }
        case 'docker-daemon':
            if (rest === '')
                fail('has no image after "docker-daemon:"; write docker-daemon:NAME:TAG');
            // An image ID (`sha256:<hex>`) is what `docker save` also accepts.
            return { transport, name: (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(rest) ? rest : taggedName(rest, value, what, true) };
        case 'docker': {
            if (!rest.startsWith('//'))
                fail('is missing "//" after "docker:"; write docker://HOST/REPO:TAG');
            return { transport, ...parseImageName(rest.slice(2), `${what} "${value}"`, true) };
        }
        default:
            return fail(`does not start with a known transport (${SOURCE_TRANSPORTS.map((t) => `${t}:`).join(', ')}); ` +
                (looksLikeImageName(value)
                    ? `for an image in a registry write docker://${value}`
                    : `write one of ${EXAMPLES}`));
    }
}
/**
 * `docker://alice:pw@host/app`, or the same without `docker://`: an `@` before the first `/`
 * of a registry name is userinfo, never part of an image name (a digest's `@` comes after
 * the repository, or right before `sha256:` in `docker-daemon:NAME@sha256:...`). Paths of the
 * file transports may hold `@`, so they are left alone.
 */
function hasUserinfo(value) {
    const fileTransport = /^(?:oci|oci-archive|docker-archive):/.test(value);
    const name = value.replace(/^docker:\/\//, '').replace(/^docker-daemon:/, '');
    return !fileTransport && /^[^/]*@(?!sha256:)/.test(name);
}
/** `ghcr.io/org/app:1.0` without a transport: the user most likely meant docker://. */
function looksLikeImageName(value) {
    if (!/^[a-z0-9]/.test(value))
        return false;
    try {
        parseImageName(value, '');
        return value.includes('/');
    }
    catch {
        return false;
    }
}
/** `PATH` or `PATH:REST`: containers/image ends a path at its first colon. */
function splitPath(rest) {
    const colon = rest.indexOf(':');
    return colon < 0 ? [rest, undefined] : [rest.slice(0, colon), rest.slice(colon + 1)];
}
/** A `NAME[:TAG]` (or, where `digestAllowed`, `NAME@DIGEST`), as written; `:latest` if untagged. */
function taggedName(text, value, what, digestAllowed = false) {
    const name = parseImageName(text, `${what} "${value}"`, digestAllowed);
    // parseImageName fills in `latest`; write it out, so `docker save` picks one image, not all.
    return name.digest !== undefined || text.endsWith(`:${name.tag}`) ? text : `${text}:latest`;
}
/**
 * An image name as docker reads it (distribution `reference/normalize.go`): the first
 * component is a registry host when it has a `.` or `:` or is `localhost`; otherwise the image
 * is on Docker Hub, where a one-component name is an official image under `library/`. No tag
 * and no digest means `latest`. `where` starts every error message.
 */
function parseImageName(text, where, digestAllowed = true) {
    const at = text.indexOf('@');
    const beforeDigest = at < 0 ? text : text.slice(0, at);
    const digest = at < 0 ? undefined : text.slice(at + 1);
    const slash = beforeDigest.lastIndexOf('/');
    const tagColon = beforeDigest.indexOf(':', slash + 1);
    const name = tagColon < 0 ? beforeDigest : beforeDigest.slice(0, tagColon);
    const tag = tagColon < 0 ? undefined : beforeDigest.slice(tagColon + 1);
    if (name === '')
        throw new InvalidReferenceError(`${where} has no image name`);
    if (digest !== undefined) {
        if (!digestAllowed) {
            throw new InvalidReferenceError(`${where}: name the image by NAME:TAG here, not by digest`);
        }
        if (!(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(digest)) {
            throw new InvalidReferenceError(`${where}: "${digest}" ${(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestProblem */ .WQ)(digest)}`);
        }
        if (tag !== undefined) {
            throw new InvalidReferenceError(`${where} has both a tag and a digest; keep one (the digest pins the image)`);
        }
    }
    if (tag !== undefined && !isTag(tag)) {
        throw new InvalidReferenceError(`${where}: "${tag}" is not a valid tag (letters, digits, _ . -; at most 128, not starting with . or -)`);
    }
    const firstSlash = name.indexOf('/');
    const first = firstSlash < 0 ? '' : name.slice(0, firstSlash);
    const hasHost = first.includes('.') || first.includes(':') || first === 'localhost';
    let host = hasHost ? first : DOCKER_HUB;
    let repository = hasHost ? name.slice(firstSlash + 1) : name;
    if (host === 'index.docker.io')
        host = DOCKER_HUB;
    if (hasHost && !isHost(host)) {
        throw new InvalidReferenceError(`${where}: "${host}" is not a registry host name`);
    }
    if (!isRepository(repository)) {
        throw new InvalidReferenceError(`${where}: "${repository}" is not a valid repository path (lowercase letters, digits and ` +
            `separators . _ __ - in components joined by "/")`);
    }
    // Docker Hub's official images live under library/.
    if (host === DOCKER_HUB && !repository.includes('/'))
        repository = `library/${repository}`;
    return {
        host,
        repository,
        ...(digest !== undefined ? { digest: digest } : { tag: tag ?? 'latest' }),
    };
}
/** `host/repository:tag` or `host/repository@digest`, fully qualified, for comparing names. */
function canonicalImageName(name) {
    const reference = name.digest !== undefined ? `@${name.digest}` : `:${name.tag ?? 'latest'}`;
    return `${name.host}/${name.repository}${reference}`;
}
/** The reference as the user could write it again. */
function formatSourceReference(ref) {
    switch (ref.transport) {
        case 'oci':
        case 'oci-archive':
            return `${ref.transport}:${ref.path}${ref.ref === undefined ? '' : `:${ref.ref}`}`;
        case 'docker-archive': {
            const pick = ref.name ?? (ref.index === undefined ? undefined : `@${ref.index}`);
            return `docker-archive:${ref.path}${pick === undefined ? '' : `:${pick}`}`;
        }
        case 'docker-daemon':
            return `docker-daemon:${ref.name}`;
        case 'docker':
            return `docker://${canonicalImageName(ref)}`;
    }
}


/***/ }),

/***/ 50961:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FJ: () => (/* binding */ cosignTags),
/* harmony export */   LN: () => (/* binding */ referrersTag),
/* harmony export */   X9: () => (/* binding */ referrersIndex),
/* harmony export */   Y6: () => (/* binding */ referrerTagSubject),
/* harmony export */   kC: () => (/* binding */ isReferrerTag),
/* harmony export */   vB: () => (/* binding */ mergeReferrers),
/* harmony export */   xh: () => (/* binding */ referrerDescriptor)
/* harmony export */ });
/* unused harmony export COSIGN_SUFFIXES */
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68825);
/* harmony import */ var _mediatypes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79572);


/**
 * Referrers (image-spec `manifest.md` "subject", distribution-spec "Listing Referrers"):
 * manifests that name another manifest as their `subject`, and the two tag schemes that
 * find them on registries without the referrers API.
 */
/** distribution-spec "Referrers Tag Schema": `sha256:<hex>` → `sha256-<hex>`. */
function referrersTag(digest) {
    return `sha256-${(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestHex */ .sU)(digest)}`;
}
/** cosign's tags beside an image: signature, attestation, SBOM (sigstore/cosign `pkg/oci`). */
const COSIGN_SUFFIXES = ['sig', 'att', 'sbom'];
function cosignTags(digest) {
    return COSIGN_SUFFIXES.map((suffix) => `${referrersTag(digest)}.${suffix}`);
}
/**
 * A tag that names a referrer's subject rather than an image: the fallback tag
 * `sha256-<64 hex>` (distribution-spec "Referrers Tag Schema"), and cosign's `.sig`, `.att`
 * and `.sbom` beside it. Nothing else: `sha256-<hex>.foo` is an ordinary tag (no tool this
 * project knows writes it), and only sha256 digests are pushed here.
 */
const REFERRER_TAG = /^sha256-([a-f0-9]{64})(?:\.(?:sig|att|sbom))?$/;
function isReferrerTag(tag) {
    return REFERRER_TAG.test(tag);
}
/** The subject a referrer tag names (`sha256-<hex>.sig` → `sha256:<hex>`); else undefined. */
function referrerTagSubject(tag) {
    const hex = REFERRER_TAG.exec(tag)?.[1];
    return hex === undefined ? undefined : `sha256:${hex}`;
}
/**
 * The descriptor the referrers API lists for a manifest: its `artifactType`, or when it has
 * none its config's media type, and its annotations (distribution-spec "Listing Referrers").
 */
function referrerDescriptor(descriptor, bytes) {
    const json = JSON.parse(bytes.toString('utf8'));
    // A value that is not a media type is left out: it would go into an index we write.
    const mediaTypeOrNone = (value) => typeof value === 'string' && (0,_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isMediaType */ .LA)(value) ? value : undefined;
    const artifactType = mediaTypeOrNone(json.artifactType) ?? mediaTypeOrNone(json.config?.mediaType);
    const annotations = typeof json.annotations === 'object' && json.annotations !== null
        ? json.annotations
        : undefined;
    return {
        mediaType: mediaTypeOrNone(json.mediaType) ?? descriptor.mediaType,
        digest: descriptor.digest,
        size: descriptor.size,
        ...(artifactType && { artifactType }),
        ...(annotations && { annotations }),
    };
}
/**
 * `existing` plus those of `added` it lacks, by digest, in that order: the fallback tag is
 * merged, never replaced, as other tools write to it too.
 */
function mergeReferrers(existing, added) {
    const seen = new Set(existing.map((d) => d.digest));
    return [...existing, ...added.filter((d) => !seen.has(d.digest))];
}
/** The fallback tag's content: an OCI index of the referrers' descriptors. */
function referrersIndex(referrers) {
    return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: _mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .zu.OciIndex, manifests: referrers }));
}


/***/ }),

/***/ 86911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TL: () => (/* binding */ quoted),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   aR: () => (/* binding */ checkedRepository),
/* harmony export */   g$: () => (/* binding */ printable),
/* harmony export */   oM: () => (/* binding */ checkedDigest),
/* harmony export */   y3: () => (/* binding */ checkedTag)
/* harmony export */ });
/* unused harmony export UntrustedValueError */
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68825);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62148);


/**
 * Names a registry or an archive hands us (tags from a tag list, repository names from a
 * catalog, digests, media types) are data. Each is checked against its grammar before it
 * reaches a URL, a file path or a log line, and one that breaks it is refused by name: a tag
 * `../../victim/app/manifests/6.6.6` once put a manifest into another repository of a
 * target, and one like `::error::…` started a workflow command (issue #25). The grammars
 * have one owner each (reference.ts, digest.ts, mediatypes.ts); this module only refuses.
 */
/** A value from a registry or an archive that breaks its grammar; never used, only named. */
class UntrustedValueError extends Error {
    name = 'UntrustedValueError';
}
/** How many characters of a refused value a message shows. */
const SHOWN_CHARACTERS = 80;
/**
 * A value as a message may show it: in double quotes, cut to 80 characters, with every
 * character outside printable ASCII escaped (`\n`, `\u202e`), so it can't start a line,
 * hide itself or reorder what is printed around it.
 */
function quoted(value) {
    if (typeof value !== 'string')
        return `a ${value === null ? 'null' : typeof value}`;
    const cut = value.length > SHOWN_CHARACTERS ? `${value.slice(0, SHOWN_CHARACTERS)}…` : value;
    return escapedToAscii(JSON.stringify(cut));
}
/**
 * A message that carries what a registry served (a reason a signature found there does not
 * verify, say), as one log line may show it: every character outside printable ASCII
 * escaped as `quoted` escapes it, and cut to `max` characters.
 */
function printable(message, max = 400) {
    const escaped = escapedToAscii(message);
    return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
/**
 * A registry's own words (an error body's `code` or `message`) as one line of our log: line
 * breaks, other control characters and Unicode format characters (bidi overrides, zero-width
 * marks) escaped as `quoted` escapes them, so a body can't forge a line or reorder one; any
 * other text kept as sent (Aliyun answers in Chinese); cut to `max` characters.
 */
function oneLine(text, max = 400) {
    const escaped = text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, 
    // Each UTF-16 unit of the match (a format character may lie beyond the BMP).
    (c) => c.replace(/[^]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`));
    return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
/** Every character outside printable ASCII as its `\uXXXX` escape. */
function escapedToAscii(text) {
    return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** `value` when it is a tag (distribution-spec: `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`). */
function checkedTag(value, where) {
    if (typeof value === 'string' && (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .isTag */ .dz)(value))
        return value;
    throw new UntrustedValueError(`${where}: ${quoted(value)} is not a tag (letters, digits, _ . -, at most 128, not ` +
        'starting with . or -); refusing it');
}
/** `value` when it is a repository path (distribution-spec's `<name>` grammar). */
function checkedRepository(value, where) {
    if (typeof value === 'string' && (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .isRepository */ .Z6)(value))
        return value;
    throw new UntrustedValueError(`${where}: ${quoted(value)} is not a repository name (lowercase components joined by ` +
        '"/"); refusing it');
}
function checkedDigest(value, where) {
    if (typeof value === 'string' && (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(value))
        return value;
    throw new UntrustedValueError(`${where}: ${quoted(value)} ${(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestProblem */ .WQ)(value)}`);
}


/***/ }),

/***/ 14631:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  WY: () => (/* binding */ ACR_TOKEN_USERNAME),
  gr: () => (/* binding */ RegistryAuth),
  x$: () => (/* binding */ parseTokenAnswer)
});

// EXTERNAL MODULE: ./src/registry/challenge.ts
var registry_challenge = __webpack_require__(54394);
// EXTERNAL MODULE: ./src/registry/endpoints.ts
var endpoints = __webpack_require__(72109);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/registry/retry.ts
var retry = __webpack_require__(41521);
;// CONCATENATED MODULE: ./src/registry/token-cache.ts
/** A token expiring within this margin counts as expired, so it can't lapse mid-request. */
const EXPIRY_MARGIN_MS = 15_000;
class TokenCache {
    now;
    byService = new Map();
    constructor(now = Date.now) {
        this.now = now;
    }
    get(service, scopes) {
        const wanted = parseScopes(scopes);
        const live = this.live(service);
        return live.find((entry) => covers(entry.scopes, wanted))?.token;
    }
    set(service, scopes, token, expiresInSeconds) {
        const entry = {
            token,
            scopes: parseScopes(scopes),
            expiresAt: this.now() + expiresInSeconds * 1000,
        };
        this.byService.set(service, [entry, ...this.live(service)]);
    }
    /** Forgets tokens that served these scopes: the registry refused one of them. */
    invalidate(service, scopes) {
        const wanted = parseScopes(scopes);
        this.byService.set(service, this.live(service).filter((entry) => !covers(entry.scopes, wanted)));
    }
    live(service) {
        const now = this.now();
        return (this.byService.get(service) ?? []).filter((e) => e.expiresAt - EXPIRY_MARGIN_MS > now);
    }
}
/** `repository:giantswarm/app:pull,push` → resource `repository:giantswarm/app`, actions. */
function parseScopes(scopes) {
    const parsed = new Map();
    for (const scope of scopes) {
        const colon = scope.lastIndexOf(':');
        const resource = colon < 0 ? scope : scope.slice(0, colon);
        const actions = colon < 0 ? [] : scope.slice(colon + 1).split(',');
        const set = parsed.get(resource) ?? new Set();
        for (const action of actions)
            if (action)
                set.add(action);
        parsed.set(resource, set);
    }
    return parsed;
}
function covers(have, want) {
    for (const [resource, actions] of want) {
        const granted = have.get(resource);
        if (!granted)
            return false;
        if (granted.has('*'))
            continue;
        for (const action of actions)
            if (!granted.has(action))
                return false;
    }
    return true;
}

;// CONCATENATED MODULE: ./src/registry/auth.ts





/** The username ACR pairs with a refresh token (Azure/acr `docs/AAD-OAuth.md`). */
const ACR_TOKEN_USERNAME = '00000000-0000-0000-0000-000000000000';
/** A token lives 60 s unless the token service says otherwise (distribution token spec). */
const DEFAULT_TOKEN_SECONDS = 60;
const MAX_REDIRECTS = 5;
/** Reads of a token answer, when one is cut partway. */
const TOKEN_READ_ATTEMPTS = 3;
/**
 * Sends requests to one registry with the right Authorization: none, Basic, or a Bearer
 * token for the request's scopes. It learns the scheme from a `/v2/` ping, caches tokens per
 * scope set, and after a 401 fetches a fresh token and retries once.
 *
 * Credentials and tokens go only to the registry's own origin (scheme, host and port) and to
 * the token realm its challenge names. Any other URL the registry hands out (an upload
 * `Location` on a storage host, a redirect) is used without them, and if it then asks for
 * credentials the request fails naming both origins. An `http://` URL handed out by an
 * `https://` registry is refused outright, except on loopback: the blob would travel in clear.
 */
class RegistryAuth {
    options;
    challenge;
    tokens;
    masked = new Set();
    pending = new Map();
    /** The only origin Authorization is ever sent to (besides the token realm). */
    origin;
    constructor(options) {
        this.options = options;
        this.tokens = options.tokens ?? new TokenCache();
        this.origin = (0,endpoints/* registryBaseUrl */.mO)(options.endpoint);
    }
    get host() {
        return this.options.endpoint.host;
    }
    /** Pings `/v2/` once, learning whether and how the registry wants auth. */
    ping() {
        this.challenge ??= this.doPing().catch((error) => {
            this.challenge = undefined;
            throw error;
        });
        return this.challenge;
    }
    async send(request, scopes) {
        this.checkHandedOut(request.url);
        await this.ping();
        if (!this.isOwn(request.url))
            return this.sendElsewhere(request);
        const first = await this.sendAuthorized(request, scopes, false);
        if (first.status !== 401)
            return first;
        // A 401 after we sent a token: it expired, or the registry wants more scope. Once more.
        const challenge = (0,registry_challenge/* parseChallenge */.x)(header(first, 'www-authenticate'));
        await first.drain();
        if (challenge)
            this.challenge = Promise.resolve(challenge);
        const extra = challenge?.params.scope?.split(' ').filter((s) => s !== '') ?? [];
        const second = await this.sendAuthorized(request, [...scopes, ...extra], true);
        if (second.status !== 401)
            return second;
        await second.drain();
        const again = (0,registry_challenge/* parseChallenge */.x)(header(second, 'www-authenticate'));
        if (this.options.credential && again?.params.error === 'insufficient_scope') {
            throw insufficientScope(this.host, request, again.params.scope ?? extra.join(' '));
        }
        throw this.options.credential
            ? new errors/* AuthError */.lR(`${this.host} refused the credentials for ${request.method} ${request.url.pathname} ` +
                `(HTTP 401); check the credential for ${this.host}`, this.host, 401, 'refused')
            : this.missingCredential();
    }
    missingCredential() {
        return new errors/* AuthError */.lR(`${this.host} requires authentication and no credential was found for it; add ` +
            `\`${this.host}=USERNAME:PASSWORD\` to the \`credentials\` input, or log in to ${this.host} ` +
            'with docker/login-action before this step', this.host, 401, 'missing');
    }
    async sendAuthorized(request, scopes, fresh) {
        return this.follow(request, await this.authorization(scopes, fresh));
    }
    /**
     * A URL the registry handed out on another origin (a storage host, say): sent without
     * credentials. If it asks for some, it gets none: the registry should have handed out a
     * URL that needs none (a signed one), or its own.
     */
    async sendElsewhere(request) {
        const res = await this.follow(request, undefined);
        if (res.status !== 401)
            return res;
        await res.drain();
        throw new errors/* AuthError */.lR(`${this.host} handed out a URL on ${request.url.origin} for ${request.method} ` +
            `${request.url.pathname}, and that origin asks for credentials (HTTP 401). oci-push ` +
            `sends credentials only to the registry's own origin, ${this.origin.origin}, and its ` +
            `token realm. Configure the registry to hand out its own URLs (e.g. the external URL ` +
            `behind a proxy), or signed ones that need no credentials`, this.host, 401);
    }
    /** Sends, following redirects of GET and HEAD; Authorization only to the registry's origin. */
    async follow(request, authorization) {
        let current = withAuthorization(request, this.isOwn(request.url) ? authorization : undefined);
        for (let hop = 0;; hop++) {
            const res = await this.options.send(current);
            const location = header(res, 'location');
            const isRedirect = [301, 302, 303, 307, 308].includes(res.status) && location;
            if (!isRedirect || !['GET', 'HEAD'].includes(current.method))
                return res;
            await res.drain();
            const next = new URL(location, current.url);
            if (hop >= MAX_REDIRECTS) {
                throw new errors/* RegistryError */.gl(`${request.method} ${request.url.pathname}`, this.host, undefined, res.status, [], `The registry redirected it ${hop + 1} times in a row, the last time to ` +
                    `${next.origin}${next.pathname}: a redirect loop. Check the registry's, or its ` +
                    "proxy's, external URL and storage redirect settings.");
            }
            this.checkHandedOut(next);
            current = withAuthorization({ ...request, url: next }, this.isOwn(next) ? authorization : undefined);
        }
    }
    isOwn(url) {
        return url.origin === this.origin.origin;
    }
    /** An https registry handing out plain http (off loopback) would put the bytes in clear. */
    checkHandedOut(url) {
        const downgrade = this.origin.protocol === 'https:' && url.protocol !== 'https:';
        if (downgrade && !(url.protocol === 'http:' && (0,endpoints/* isLoopbackHost */.cW)(url.host))) {
            throw new errors/* AuthError */.lR(`${this.host} (${this.origin.origin}) handed out the URL ${url.origin}${url.pathname}, ` +
                'which is not HTTPS; oci-push refuses to send anything there in clear text. Check the ' +
                "registry's (or its proxy's) external URL setting", this.host, 0);
        }
    }
    async authorization(scopes, fresh) {
        const challenge = await this.challenge;
        const credential = this.options.credential;
        if (!challenge)
            return undefined;
        if (challenge.scheme === 'basic') {
            if (!credential)
                return undefined;
            return this.secret(`Basic ${basicToken(credential)}`);
        }
        if (challenge.scheme !== 'bearer')
            return undefined;
        const service = `${challenge.params.realm}|${challenge.params.service}`;
        if (fresh)
            this.tokens.invalidate(service, scopes);
        const cached = this.tokens.get(service, scopes);
        if (cached)
            return `Bearer ${cached}`;
        // Concurrent requests for the same scopes share one token request.
        const key = `${service}|${[...new Set(scopes)].sort().join(' ')}`;
        let pending = this.pending.get(key);
        if (!pending) {
            pending = this.fetchToken(challenge, [...new Set(scopes)])
                .then(({ token, expiresIn }) => {
                this.tokens.set(service, scopes, token, expiresIn);
                return token;
            })
                .finally(() => this.pending.delete(key));
            this.pending.set(key, pending);
        }
        return `Bearer ${await pending}`;
    }
    async doPing() {
        const res = await this.options.send({ method: 'GET', url: (0,endpoints/* pingUrl */.oy)(this.options.endpoint) });
        if (res.status === 200) {
            await res.drain();
            return undefined;
        }
        if (res.status === 401) {
            const challenge = (0,registry_challenge/* parseChallenge */.x)(header(res, 'www-authenticate'));
            await res.drain();
            if (!challenge) {
                throw new errors/* AuthError */.lR(`${this.host} answered 401 without a WWW-Authenticate challenge; it is not a ` +
                    `registry oci-push can authenticate to`, this.host, 401);
            }
            return challenge;
        }
        throw await (0,errors/* registryErrorFrom */.eg)(res, {
            operation: 'Checking the registry API (/v2/)',
            registry: this.host,
        });
    }
    async fetchToken(challenge, scopes) {
        const { realm, service } = challenge.params;
        if (!realm) {
            throw new errors/* AuthError */.lR(`${this.host} sent a Bearer challenge with no realm`, this.host, 401);
        }
        const realmUrl = this.checkRealm(realm);
        const credential = this.options.credential;
        // A token answer cut partway is asked for again.
        const text = await (0,retry/* readWhole */.oD)(() => this.sendTokenRequest(realmUrl, service, scopes), async (res) => {
            if (res.status === 401 || res.status === 403) {
                await res.drain();
                if (!credential)
                    throw this.missingCredential();
                const user = credential.username ? ` for user "${credential.username}"` : '';
                throw new errors/* AuthError */.lR(`${this.host} refused the credentials${user} (its token service answered ` +
                    `${res.status}); check the credential for ${this.host} in the \`credentials\` input ` +
                    'or the docker login', this.host, res.status, 'refused');
            }
            if (res.status !== 200) {
                throw await (0,errors/* registryErrorFrom */.eg)(res, {
                    operation: `Fetching a token from ${realmUrl.host}`,
                    registry: this.host,
                });
            }
            return res.text();
        }, { attempts: TOKEN_READ_ATTEMPTS });
        const body = parseTokenAnswer(text, this.host, `${this.host}'s token service`);
        const token = typeof body.token === 'string' ? body.token : body.access_token;
        if (typeof token !== 'string' || token === '') {
            throw new errors/* AuthError */.lR(`${this.host}'s token service answered without a token`, this.host, 200);
        }
        this.secret(token);
        this.options.onToken?.({ realm: realmUrl.toString(), scopes });
        const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0
            ? body.expires_in
            : DEFAULT_TOKEN_SECONDS;
        return { token, expiresIn };
    }
    /** The token request: a refresh token POSTed as a form, else a GET, with Basic if known. */
    sendTokenRequest(realmUrl, service, scopes) {
        const credential = this.options.credential;
        if (credential?.kind === 'identity-token') {
            // distribution token spec, OAuth2: a refresh token is POSTed as a form.
            const form = new URLSearchParams({
                grant_type: 'refresh_token',
                refresh_token: credential.token,
                client_id: 'oci-push',
            });
            if (service)
                form.set('service', service);
            if (scopes.length)
                form.set('scope', scopes.join(' '));
            return this.options.send({
                method: 'POST',
                url: realmUrl,
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: Buffer.from(form.toString()),
            });
        }
        const url = new URL(realmUrl);
        if (service)
            url.searchParams.set('service', service);
        for (const scope of scopes)
            url.searchParams.append('scope', scope);
        if (credential)
            url.searchParams.set('account', credential.username);
        const headers = {};
        if (credential)
            headers.authorization = this.secret(`Basic ${basicToken(credential)}`);
        return this.options.send({ method: 'GET', url, headers });
    }
    /** A realm must be HTTPS unless it is on loopback or the registry itself is marked insecure. */
    checkRealm(realm) {
        let url;
        try {
            url = new URL(realm);
        }
        catch {
            throw new errors/* AuthError */.lR(`${this.host} named an invalid token realm "${realm}"`, this.host, 401);
        }
        const plainAllowed = this.options.endpoint.insecure || (0,endpoints/* isLoopbackHost */.cW)(url.host);
        if (url.protocol !== 'https:' && !(url.protocol === 'http:' && plainAllowed)) {
            throw new errors/* AuthError */.lR(`${this.host} named the token realm ${url.origin}, which is not HTTPS; oci-push will not ` +
                `send credentials there. Mark the registry \`insecure\` only if you trust that network.`, this.host, 401);
        }
        return url;
    }
    secret(value) {
        if (!this.masked.has(value)) {
            this.masked.add(value);
            this.options.onSecret?.(value);
        }
        return value;
    }
}
/**
 * The credential is good, but its token came back with fewer rights than the request needs
 * (ACR grants only what the identity's roles allow): name the right, and the role giving it.
 */
function insufficientScope(host, request, scope) {
    const actions = scope.split(':').at(-1)?.split(',') ?? [];
    const right = actions.includes('delete')
        ? { what: 'delete', acr: 'AcrDelete', abac: 'Container Registry Repository Contributor' }
        : actions.includes('push') || !['GET', 'HEAD'].includes(request.method)
            ? { what: 'push', acr: 'AcrPush', abac: 'Container Registry Repository Writer' }
            : { what: 'pull', acr: 'AcrPull', abac: 'Container Registry Repository Reader' };
    return new errors/* AuthError */.lR(`${host} accepted the credential but it may not ${right.what} here (${request.method} ` +
        `${request.url.pathname}: insufficient_scope${scope ? ` for ${scope}` : ''}). The ` +
        `credential is fine; its rights are not: grant the identity ${right.what} rights on ` +
        `the repository. On ACR that is the ${right.acr} role, or ${right.abac} on ` +
        'registries with ABAC (repository permissions) enabled, where AcrPull/AcrPush/AcrDelete ' +
        'are not honoured.' +
        (right.what === 'pull'
            ? ' If the repository does not exist yet, a registry that does not create ' +
                'repositories on push answers this way too: create it first.'
            : ''), host, 401, 'insufficient-scope');
}
function basicToken(credential) {
    const [user, pass] = credential.kind === 'basic'
        ? [credential.username, credential.password]
        : [credential.username ?? ACR_TOKEN_USERNAME, credential.token];
    return Buffer.from(`${user}:${pass}`).toString('base64');
}
function withAuthorization(request, authorization) {
    const headers = { ...request.headers };
    delete headers.authorization;
    if (authorization)
        headers.authorization = authorization;
    return { ...request, headers };
}
function header(res, name) {
    const value = res.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/**
 * A token answer's JSON. It carries a secret, and JSON.parse's message quotes the text it
 * failed on (a bare token in full: `Unexpected token 'e', "eyJ…" is not valid JSON`), so a
 * failure says only what answered and how long the answer was, never any of it.
 */
function parseTokenAnswer(text, host, who) {
    try {
        return JSON.parse(text);
    }
    catch {
        throw new errors/* AuthError */.lR(`${who} answered ${text.length} characters that are not JSON (not shown: a token ` +
            'answer holds a secret); check that the realm is a token service', host, 200);
    }
}


/***/ }),

/***/ 54394:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ parseChallenge)
/* harmony export */ });
const PARAM = /\s*([a-zA-Z0-9_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/y;
function parseChallenge(header) {
    if (!header)
        return undefined;
    const trimmed = header.trim();
    const space = trimmed.search(/\s/);
    const schemeText = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
    const scheme = schemeText === 'basic' || schemeText === 'bearer' ? schemeText : 'other';
    const params = {};
    if (space >= 0) {
        const rest = trimmed.slice(space + 1);
        PARAM.lastIndex = 0;
        let match;
        while (PARAM.lastIndex < rest.length && (match = PARAM.exec(rest)) !== null) {
            const [, key, quoted, bare] = match;
            if (key)
                params[key.toLowerCase()] =
                    quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
        }
    }
    return { scheme, params };
}


/***/ }),

/***/ 58045:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  V: () => (/* binding */ DEFAULT_MAX_TAGS),
  b: () => (/* binding */ RegistryClient)
});

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./src/oci/descriptor.ts
var oci_descriptor = __webpack_require__(47592);
// EXTERNAL MODULE: ./src/oci/digest.ts
var oci_digest = __webpack_require__(68825);
// EXTERNAL MODULE: ./src/oci/mediatypes.ts
var mediatypes = __webpack_require__(79572);
// EXTERNAL MODULE: ./src/oci/untrusted.ts
var untrusted = __webpack_require__(86911);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/registry/http.ts
var http = __webpack_require__(58851);
// EXTERNAL MODULE: ./src/registry/retry.ts
var retry = __webpack_require__(41521);
;// CONCATENATED MODULE: ./src/registry/attempts.ts



/**
 * Another attempt at a whole operation, above the transport's own retries of one request:
 * a new upload session, a blob read again, a chunk resumed. What is worth it, and how long
 * to wait first.
 */
/** Worth another attempt: the connection failed, or the registry answered 408, 429 or 5xx. */
function isTransient(error) {
    return (error instanceof http/* NetworkError */.Dr ||
        (error instanceof errors/* RegistryError */.gl && (0,retry/* isRetryableStatus */.PS)(error.status)));
}
/** The registry's Retry-After when it gave one, else exponential backoff with jitter. */
function pauseFor(error, attempt) {
    const retryAfter = error instanceof errors/* RegistryError */.gl ? error.retryAfterMs : undefined;
    return retryAfter ?? (0,retry/* backoffMs */.jo)(retry/* DEFAULT_RETRY_POLICY */.cO, attempt);
}
/**
 * Runs `task` again (a new upload session, a new GET) while it fails in a way worth another
 * try, up to `attempts` times in all, pausing as the registry asks or with backoff.
 */
async function again(attempts, retryable, task, sleep) {
    for (let attempt = 1;; attempt++) {
        try {
            return await task(attempt);
        }
        catch (error) {
            if (!retryable(error) || attempt >= attempts)
                throw error;
            await sleep(pauseFor(error, attempt));
        }
    }
}

// EXTERNAL MODULE: ./src/registry/auth.ts + 1 modules
var auth = __webpack_require__(14631);
// EXTERNAL MODULE: ./src/base/errors.ts
var base_errors = __webpack_require__(34758);
;// CONCATENATED MODULE: ./src/registry/chunks.ts


/**
 * Cuts one blob stream into consecutive request bodies of exact lengths, so a chunked upload
 * needs one source stream and one pass over the bytes. The stream verifies the blob itself.
 */
class ChunkReader {
    stream;
    size;
    where;
    chunks;
    leftover;
    offset;
    constructor(stream, size, where) {
        this.stream = stream;
        this.size = size;
        this.where = where;
        this.chunks = stream[Symbol.asyncIterator]();
        this.offset = 0;
    }
    /** The blob offset of the next byte this reader hands out. */
    get position() {
        return this.offset;
    }
    /** Reads past `length` bytes without sending them (catching up after a resume). */
    async skip(length) {
        for await (const piece of this.take(length))
            void piece;
    }
    /** The next `length` bytes as a stream, for one request body. */
    body(length) {
        return external_node_stream_.Readable.from(this.take(length), { objectMode: false });
    }
    /**
     * Checks that the stream ends where the blob does. A verifying source fails here, or
     * earlier, when the bytes don't match the digest.
     */
    async finish() {
        const extra = this.leftover?.length ?? 0;
        const next = extra > 0 ? undefined : await this.chunks.next();
        if (extra > 0 || (next && !next.done)) {
            throw new oci_digest/* SizeMismatchError */.Au(this.size, this.size + (extra || 1), this.where);
        }
    }
    close() {
        this.stream.destroy();
    }
    async *take(length) {
        let remaining = length;
        while (remaining > 0) {
            let piece = this.leftover;
            this.leftover = undefined;
            if (!piece) {
                const next = await this.chunks.next();
                if (next.done)
                    throw new oci_digest/* SizeMismatchError */.Au(this.size, this.offset, this.where);
                piece = next.value;
            }
            if (piece.length > remaining) {
                this.leftover = piece.subarray(remaining);
                piece = piece.subarray(0, remaining);
            }
            remaining -= piece.length;
            this.offset += piece.length;
            yield piece;
        }
    }
}
/**
 * The bytes a registry holds of an upload, from the `Range: 0-<last>` header of an upload
 * status or PATCH response (distribution-spec: an inclusive range). Distribution answers
 * `0-0` for an empty upload as well as for one byte, so `0-0` counts as nothing received:
 * resending one byte is harmless, skipping one is not.
 */
function receivedBytes(range) {
    const value = Array.isArray(range) ? range[0] : range;
    const match = value ? /^(?:bytes=)?0-(\d+)$/.exec(value.trim()) : null;
    if (!match)
        return undefined;
    const last = Number(match[1]);
    return last === 0 ? 0 : last + 1;
}

// EXTERNAL MODULE: ./src/registry/endpoints.ts
var endpoints = __webpack_require__(72109);
;// CONCATENATED MODULE: ./src/registry/scope.ts
function repositoryScope(repository, actions) {
    return `repository:${repository}:${[...actions].sort().join(',')}`;
}
/** Push needs `pull,push` (distribution token spec). */
function pushScopes(repository) {
    return [repositoryScope(repository, ['pull', 'push'])];
}
function pullScopes(repository) {
    return [repositoryScope(repository, ['pull'])];
}
/** The catalog's scope (distribution `docs/spec/auth/scope.md`); ACR's token service needs it. */
function catalogScopes() {
    return ['registry:catalog:*'];
}

;// CONCATENATED MODULE: ./src/registry/blob-upload.ts








/**
 * Pushing a blob (distribution-spec, "Pushing blobs"): a session opened, or the blob mounted
 * from another repository of the registry; then the bytes in one monolithic PUT, or in PATCH
 * chunks that resume where the registry says it stands after a cut. The client decides how
 * often to try again (`RegistryClient.pushBlob`); this is one attempt.
 */
/** Resumes per upload session after a dropped connection or a server error mid-chunk. */
const MAX_RESUMES = 8;
/**
 * Blobs up to this size go in one PUT; larger ones in PATCH chunks of this size, so a
 * dropped connection costs at most one chunk when the registry can resume.
 */
const DEFAULT_CHUNK_SIZE = 64 * 1024 * 1024;
class BlobUploader {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    /**
     * One attempt at putting a blob in `repository`: a session (or a mount, when the registry
     * agrees), then the bytes whole in one PUT when the blob is small, else in PATCH chunks.
     * A stopped run cancels its session, leaving nothing to hold the registry's space.
     */
    async upload(repository, descriptor, options) {
        const session = await this.startUpload(repository, descriptor, options.mountFrom);
        if (session === 'mounted')
            return 'mounted';
        try {
            if (descriptor.size <= this.deps.chunkSize) {
                await this.putWhole(repository, session, descriptor, options);
            }
            else {
                await this.putChunked(repository, session, descriptor, options);
            }
        }
        catch (error) {
            // A stopped run leaves no session behind to hold the registry's space until it expires.
            if (error instanceof base_errors/* InterruptedError */.p4)
                await this.cancelUpload(repository, session);
            throw error;
        }
        return 'uploaded';
    }
    /**
     * Opens an upload session, or mounts (distribution-spec, "Mounting a blob from another
     * repository"): 201 means mounted; 202 is a session to upload into instead. A mount that
     * fails in any other way falls back to a plain session.
     */
    async startUpload(repository, descriptor, mountFrom) {
        const url = (0,endpoints/* uploadStartUrl */.HJ)(this.deps.endpoint, repository);
        if (mountFrom !== undefined && mountFrom !== repository) {
            const mountUrl = new URL(url);
            mountUrl.searchParams.set('mount', descriptor.digest);
            mountUrl.searchParams.set('from', mountFrom);
            try {
                const res = await this.deps.auth.send({ method: 'POST', url: mountUrl }, [
                    ...pushScopes(repository),
                    ...pullScopes(mountFrom),
                ]);
                if (res.status === 201) {
                    await res.drain();
                    return 'mounted';
                }
                if (res.status === 202)
                    return this.session(res, repository, descriptor);
                await res.drain();
            }
            catch (error) {
                if (isTransient(error))
                    throw error;
                // Not allowed to read the other repository, or no mount support: upload instead.
            }
        }
        const res = await this.deps.auth.send({ method: 'POST', url }, pushScopes(repository));
        if (res.status !== 202) {
            throw await this.deps.error(res, `Starting the upload of ${descriptor.digest}`, repository);
        }
        return this.session(res, repository, descriptor);
    }
    async session(res, repository, descriptor) {
        const location = res.headers.location;
        await res.drain();
        if (!location) {
            throw new errors/* RegistryError */.gl(`Starting the upload of ${descriptor.digest}`, this.deps.endpoint.host, repository, res.status, [], 'The registry gave no upload Location.');
        }
        return { location: (0,endpoints/* resolveLocation */.KC)(location, res.url) };
    }
    /**
     * `DELETE <location>` (distribution-spec, "Canceling an upload"), as a tidy-up request: it
     * goes out even once the run is stopping. Whatever it answers, the upload is given up.
     */
    async cancelUpload(repository, session) {
        try {
            const res = await this.deps.auth.send({ method: 'DELETE', url: session.location, tidy: true }, pushScopes(repository));
            await res.drain();
        }
        catch {
            // The registry expires an upload session it isn't told about.
        }
    }
    /** Monolithic: the whole blob in the PUT that completes the session. */
    async putWhole(repository, session, descriptor, options) {
        const res = await this.deps.auth.send({
            method: 'PUT',
            url: (0,endpoints/* uploadCompleteUrl */.S4)(session.location, descriptor.digest),
            headers: { 'content-type': 'application/octet-stream' },
            body: async () => counted(await options.open(), options.onBytes),
            contentLength: descriptor.size,
        }, pushScopes(repository));
        if (res.status !== 201)
            throw await this.deps.error(res, `Uploading blob ${descriptor.digest}`, repository);
        await res.drain();
    }
    /**
     * Chunked: PATCH `Content-Range: start-end` (inclusive) chunk after chunk, each answer
     * naming the next Location, then an empty PUT with the digest. After a resume the blob is
     * read again from its start, verified as always, and the bytes the registry already holds
     * are skipped, so what completes the upload is checked end to end.
     */
    async putChunked(repository, session, descriptor, options) {
        const scopes = pushScopes(repository);
        const where = `blob ${descriptor.digest}`;
        let reader = new ChunkReader(await options.open(), descriptor.size, where);
        let resumes = 0;
        try {
            while (reader.position < descriptor.size) {
                const start = reader.position;
                const end = Math.min(start + this.deps.chunkSize, descriptor.size);
                let failure;
                try {
                    const res = await this.deps.auth.send({
                        method: 'PATCH',
                        url: session.location,
                        headers: {
                            'content-type': 'application/octet-stream',
                            'content-range': `${start}-${end - 1}`,
                        },
                        body: () => counted(reader.body(end - start), options.onBytes),
                        contentLength: end - start,
                    }, scopes);
                    if (res.status === 202 && res.headers.location) {
                        session.location = (0,endpoints/* resolveLocation */.KC)(res.headers.location, res.url);
                        await res.drain();
                        continue;
                    }
                    failure = await this.deps.error(res, `Uploading a chunk of ${descriptor.digest}`, repository);
                }
                catch (error) {
                    failure = error;
                }
                if (!isTransient(failure) || ++resumes > MAX_RESUMES)
                    throw failure;
                await this.deps.sleep(pauseFor(failure, resumes));
                // Ask where the upload stands, and continue from there. A registry that lost track
                // (Distribution 2.8 does, once a cut PATCH left part of a chunk behind) answers with
                // an error: then the whole upload starts again in a new session.
                const status = await this.uploadStatus(repository, session.location).catch(() => undefined);
                if (!status || status.received < start || status.received > end)
                    throw failure;
                session.location = status.location;
                reader.close();
                reader = new ChunkReader(await options.open(), descriptor.size, where);
                await reader.skip(status.received);
            }
            // The source stream ends only once it has checked the digest: wait for that verdict.
            await reader.finish();
        }
        finally {
            reader.close();
        }
        const res = await this.deps.auth.send({ method: 'PUT', url: (0,endpoints/* uploadCompleteUrl */.S4)(session.location, descriptor.digest) }, scopes);
        if (res.status !== 201)
            throw await this.deps.error(res, `Completing the upload of ${descriptor.digest}`, repository);
        await res.drain();
    }
    /** `GET <location>`: 204 with how many bytes the registry holds and the session's Location. */
    async uploadStatus(repository, location) {
        const res = await this.deps.auth.send({ method: 'GET', url: location }, pushScopes(repository));
        if (res.status !== 204)
            throw await this.deps.error(res, 'Checking an interrupted upload', repository);
        await res.drain();
        const received = receivedBytes(res.headers.range);
        if (received === undefined) {
            throw new errors/* RegistryError */.gl('Checking an interrupted upload', this.deps.endpoint.host, repository, res.status, [], `The registry answered without a usable Range header (${(0,untrusted/* printable */.g$)(String(res.headers.range), 100)}).`);
        }
        const next = res.headers.location;
        return { received, location: next ? (0,endpoints/* resolveLocation */.KC)(next, res.url) : location };
    }
}
/**
 * The registry no longer knows the upload session (it expired, or a cut request left it
 * inconsistent): a new session can succeed where this one can't.
 */
function isLostSession(error) {
    return (error instanceof errors/* RegistryError */.gl &&
        (error.code === 'BLOB_UPLOAD_UNKNOWN' || error.code === 'BLOB_UPLOAD_INVALID'));
}
/** Reports the bytes flowing through a body to `onBytes`; the source's errors pass through. */
function counted(stream, onBytes) {
    if (!onBytes)
        return stream;
    const counter = new external_node_stream_.Transform({
        transform(chunk, _encoding, done) {
            onBytes(chunk.length);
            done(null, chunk);
        },
    });
    stream.once('error', (error) => counter.destroy(error));
    counter.once('close', () => stream.destroy());
    return stream.pipe(counter);
}

;// CONCATENATED MODULE: ./src/registry/listing-pages.ts





/**
 * Reads a listing page after page (distribution-spec "Listing Tags", "Listing Referrers"):
 * `read` takes each page's body and says how many new entries it held (their sum is the
 * count so far). Only a `Link` to the same path on the same registry is followed, never one
 * to another origin (it would get our credentials). A link back to a page already read (a
 * loop), a page that brings nothing new yet links on, more entries than `maxEntries` or more
 * pages than `maxPages` fails the listing, naming the registry. False when the first page
 * answered 404.
 */
async function readPages(reader, first, listing, read) {
    const { operation, repository, entries } = listing;
    const where = `${reader.host}/${repository}: the ${entries} listing`;
    const seen = new Set();
    let count = 0;
    let url = first;
    for (let page = 1; url; page++) {
        const current = url;
        seen.add(current.href);
        const answer = await (0,retry/* readWhole */.oD)(() => reader.auth.send({ method: 'GET', url: current, headers: { accept: mediatypes/* MediaType */.zu.OciIndex } }, listing.scopes ?? pullScopes(repository)), async (res) => {
            if (res.status === 404 && page === 1 && listing.missing !== 'error') {
                await res.drain();
                return undefined;
            }
            if (res.status !== 200) {
                throw await reader.error(res, `${operation} (page ${page}, after ${count} ${entries})`, repository);
            }
            return { res, text: await res.text(listing.bodyLimit) };
        }, reader.readOptions);
        if (!answer)
            return false;
        const added = read(answer.text, page);
        count += added;
        if (count > listing.maxEntries) {
            throw new errors/* ListingError */.Pg(`${where} holds more than ${listing.maxEntries} ${entries}, oci-push's bound against ` +
                `a registry that never stops listing; ${listing.raise ?? 'no real listing is that long'}`);
        }
        url = nextPage(answer.res, first, where);
        if (!url)
            break;
        if (seen.has(url.href)) {
            throw new errors/* ListingError */.Pg(`${where}: page ${page} links to ${(0,untrusted/* quoted */.TL)(url.href)}, which leads back to a page it ` +
                'already gave (a loop); the registry is broken or hostile, so the listing is refused');
        }
        if (added === 0) {
            throw new errors/* ListingError */.Pg(`${where}: page ${page} brought no new ${entries.replace(/s$/, '')} but links to ` +
                'another; the registry is broken or hostile, so the listing is refused');
        }
        if (page >= listing.maxPages) {
            throw new errors/* ListingError */.Pg(`${where} runs to more than ${listing.maxPages} pages (${count} ${entries} so far), ` +
                `oci-push's bound against a registry that never stops listing; ${listing.raise ?? 'no real listing is that long'}`);
        }
    }
    return true;
}
/**
 * RFC 5988 `Link: <url>; rel="next"` pagination (distribution-spec, "Listing Tags"): the
 * next page, which must be the same path on the same registry as the first (only its query
 * moves on). Anything else is refused, never followed.
 */
function nextPage(res, first, where) {
    const link = res.headers.link;
    const match = typeof link === 'string' ? /<([^>]*)>\s*;\s*rel="?next"?/.exec(link) : null;
    if (match?.[1] === undefined)
        return undefined;
    let next;
    try {
        next = new URL(match[1], res.url);
    }
    catch {
        throw new errors/* ListingError */.Pg(`${where}: the next page's Link ${(0,untrusted/* quoted */.TL)(match[1])} is not a URL`);
    }
    if (next.origin !== first.origin || next.pathname !== first.pathname) {
        throw new errors/* ListingError */.Pg(`${where}: the registry links the next page to ${(0,untrusted/* quoted */.TL)(next.href)}, outside ` +
            `${first.host}${first.pathname}; refusing to follow it`);
    }
    return next;
}
/** A JSON object from a listing's page, or an error naming the page. */
function parseJsonObject(text, where, what) {
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        throw new errors/* ListingError */.Pg(`${where}: the registry answered with something that is not JSON`);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new errors/* ListingError */.Pg(`${where}: the registry answered with JSON that is not ${what}`);
    }
    return body;
}

;// CONCATENATED MODULE: ./src/registry/client.ts














/** Catalog pages read at most: 10,000 pages of 100 is a million repositories. */
const MAX_CATALOG_PAGES = 10_000;
/** Repositories a catalog may list: ACR's and Harbor's largest hold tens of thousands. */
const MAX_CATALOG_REPOSITORIES = 1_000_000;
/** Upload attempts per blob: each starts a new session (a resume doesn't count as one). */
const BLOB_UPLOAD_ATTEMPTS = 5;
/**
 * Reads of an answer cut partway through: a manifest or a page read whole is asked for again,
 * a blob is continued from where it was cut. The transport's own retries end once the headers
 * are in, so a body cut later is retried here, as often as a request is.
 */
const BODY_READ_ATTEMPTS = retry/* DEFAULT_RETRY_POLICY */.cO.attempts;
/**
 * Tags per repository a listing may hold: five times the 200,000 of the largest listing
 * seen in the wild so far, far above any repository Giant Swarm syncs, and a bound (about
 * 100 MB held) on a registry that never stops paging. `OCI_PUSH_MAX_TAGS` moves it.
 */
const DEFAULT_MAX_TAGS = 1_000_000;
/** A page of a tag list may be this large: 200,000 tags unpaged is about 3 MB. */
const TAG_PAGE_BODY_LIMIT = 64 * 1024 * 1024;
/** Referrers of one manifest: cosign and attestations add a few per build, not thousands. */
const MAX_REFERRERS = 10_000;
const MAX_REFERRER_PAGES = 1_000;
class RegistryClient {
    options;
    auth;
    uploader;
    pages;
    /** Whether the registry serves the referrers API: unknown until first asked. */
    referrersApi;
    constructor(options) {
        this.options = options;
        this.auth = new auth/* RegistryAuth */.gr(options);
        const error = this.error.bind(this);
        this.uploader = new BlobUploader({
            auth: this.auth,
            endpoint: options.endpoint,
            chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
            sleep: (ms) => this.sleep(ms),
            error,
        });
        this.pages = { auth: this.auth, host: this.host, readOptions: this.readOptions, error };
    }
    get host() {
        return this.options.endpoint.host;
    }
    /** Whether the registry serves the referrers API; undefined until it was asked once. */
    get servesReferrersApi() {
        return this.referrersApi;
    }
    /** Checks that the registry answers the API, and learns its auth scheme. */
    async ping() {
        await this.auth.ping();
    }
    async blobExists(repository, digest) {
        const res = await this.auth.send({ method: 'HEAD', url: (0,endpoints/* blobUrl */.b0)(this.options.endpoint, repository, digest) }, pushScopes(repository));
        await res.drain();
        if (res.status === 200)
            return true;
        if (res.status === 404)
            return false;
        throw await this.error(res, `Checking blob ${digest}`, repository);
    }
    /**
     * Puts a blob in `repository`: mounted from `mountFrom` when the registry agrees, else
     * uploaded, whole in one PUT when it is small and in PATCH chunks when it is large. A
     * chunked upload that loses its connection or gets a server error asks the registry how
     * far it got and continues from there. The registry checks the digest on the final PUT.
     */
    async pushBlob(repository, descriptor, options) {
        return again(BLOB_UPLOAD_ATTEMPTS, (error) => isTransient(error) || isLostSession(error), async (attempt) => {
            // An answer lost on the way back may hide an upload that did complete.
            if (attempt > 1 &&
                (await this.blobExists(repository, descriptor.digest).catch(() => false))) {
                return 'uploaded';
            }
            return this.uploader.upload(repository, descriptor, options);
        }, (ms) => this.sleep(ms));
    }
    /** A cut answer read whole is asked for again as often as a request is retried. */
    get readOptions() {
        return { attempts: BODY_READ_ATTEMPTS, sleep: (ms) => this.sleep(ms) };
    }
    sleep(ms) {
        return (this.options.sleep ?? retry/* DEFAULT_RETRY_POLICY */.cO.sleep)(ms);
    }
    /**
     * A blob's bytes as one stream, following redirects (credentials never go along to another
     * host). When the connection is cut partway, the rest is asked for with `Range: bytes=N-`
     * (distribution-spec, "Pulling blobs"); a registry that ignores the range answers 200, and
     * the bytes already passed on are skipped. `size` tells a cut that looked like an end from
     * the real end. The caller verifies the bytes.
     */
    async getBlob(repository, digest, size) {
        const url = (0,endpoints/* blobUrl */.b0)(this.options.endpoint, repository, digest);
        const request = async (offset) => {
            const res = await this.auth.send({ method: 'GET', url, ...(offset > 0 && { headers: { range: `bytes=${offset}-` } }) }, pullScopes(repository));
            if (offset > 0 && res.status === 206) {
                const start = /^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1];
                if (Number(start) === offset)
                    return { body: res.stream(), skip: 0 };
                await res.drain();
                throw new errors/* RegistryError */.gl(`Fetching blob ${digest} from byte ${offset}`, this.host, repository, 206, [], `The registry answered a different range (${(0,untrusted/* printable */.g$)(String(res.headers['content-range']), 100)}).`);
            }
            if (res.status !== 200)
                throw await this.error(res, `Fetching blob ${digest}`, repository);
            return { body: res.stream(), skip: offset };
        };
        // A GET that still fails after the transport's retries is tried again, as an upload
        // starts a new session: a source read gets the budget a target write has.
        const open = (offset) => again(BODY_READ_ATTEMPTS, isTransient, () => request(offset), (ms) => this.sleep(ms));
        const first = await open(0);
        const where = `${this.host}/${repository}: blob ${digest}`;
        return external_node_stream_.Readable.from(resumable(first.body, open, size, where, (ms) => this.sleep(ms)), {
            objectMode: false,
        });
    }
    /**
     * Whether this client may list the repository's tags: one `GET …/tags/list?n=1`, its first
     * page only, answered 200, or refused (401, 403), or hidden (404). The sync asks it without
     * a credential, to learn whether anyone may read a source. Any other answer throws.
     */
    async tagListAccess(repository) {
        const url = (0,endpoints/* tagListUrl */.oz)(this.options.endpoint, repository);
        url.searchParams.set('n', '1');
        const res = await this.auth.send({ method: 'GET', url, headers: { accept: 'application/json' } }, pullScopes(repository));
        await res.drain();
        const status = res.status;
        if (status === 200 || status === 401 || status === 403 || status === 404)
            return status;
        throw await this.error(res, 'Listing tags', repository);
    }
    /** HEAD a manifest by tag or digest; undefined when it isn't there. */
    async headManifest(repository, reference) {
        const res = await this.auth.send({
            method: 'HEAD',
            url: (0,endpoints/* manifestUrl */.hO)(this.options.endpoint, repository, reference),
            headers: { accept: mediatypes/* MANIFEST_ACCEPT */.dY },
        }, pullScopes(repository));
        await res.drain();
        if (res.status === 404)
            return undefined;
        if (res.status !== 200)
            throw await this.error(res, `Checking manifest ${reference}`, repository);
        const digest = String(res.headers['docker-content-digest'] ?? '');
        const info = {
            mediaType: String(res.headers['content-type'] ?? ''),
            size: Number(res.headers['content-length'] ?? 0),
        };
        if ((0,oci_digest/* isDigest */.Bc)(digest))
            return { digest, ...info };
        if ((0,oci_digest/* isDigest */.Bc)(reference))
            return { digest: reference, ...info };
        // A registry that doesn't name the digest on HEAD: fetch the manifest and hash it, since
        // what a tag points at decides whether a release is refused.
        const { bytes: _bytes, ...fetched } = await this.getManifest(repository, reference);
        return fetched;
    }
    async getManifest(repository, reference) {
        const { res, bytes } = await (0,retry/* readWhole */.oD)(() => this.auth.send({
            method: 'GET',
            url: (0,endpoints/* manifestUrl */.hO)(this.options.endpoint, repository, reference),
            headers: { accept: mediatypes/* MANIFEST_ACCEPT */.dY },
        }, pullScopes(repository)), async (res) => {
            if (res.status !== 200)
                throw await this.error(res, `Fetching manifest ${reference}`, repository);
            return { res, bytes: await res.buffer() };
        }, this.readOptions);
        const digest = (0,oci_digest/* digestOf */.ol)(bytes);
        if ((0,oci_digest/* isDigest */.Bc)(reference) && digest !== reference) {
            throw new errors/* RegistryError */.gl(`Fetching manifest ${reference}`, this.host, repository, 200, [], `The registry returned content with digest ${digest}.`);
        }
        return {
            bytes,
            digest,
            mediaType: String(res.headers['content-type'] ?? ''),
            size: bytes.length,
        };
    }
    /**
     * PUT a manifest's exact bytes by digest or tag, and check that the registry computed the
     * same digest (`Docker-Content-Digest`), so what we report is what it stored.
     */
    async putManifest(repository, reference, bytes, mediaType) {
        return (await this.pushManifest(repository, reference, bytes, mediaType)).digest;
    }
    /**
     * `putManifest`, also telling whether the registry indexed the manifest's `subject`: it
     * then answers with `OCI-Subject` (distribution-spec "Pushing Manifests with Subject");
     * without it, the client keeps the fallback tag itself.
     */
    async pushManifest(repository, reference, bytes, mediaType) {
        const digest = (0,oci_digest/* digestOf */.ol)(bytes);
        const res = await this.auth.send({
            method: 'PUT',
            url: (0,endpoints/* manifestUrl */.hO)(this.options.endpoint, repository, reference),
            headers: { 'content-type': mediaType },
            body: bytes,
        }, pushScopes(repository));
        if (res.status !== 201)
            throw await this.error(res, `Pushing manifest ${reference}`, repository);
        await res.drain();
        const reported = res.headers['docker-content-digest'];
        if (reported !== undefined && reported !== digest) {
            throw new errors/* RegistryError */.gl(`Pushing manifest ${reference}`, this.host, repository, res.status, [], `The registry reports digest ${(0,untrusted/* printable */.g$)(String(reported), 100)} for a manifest whose digest is ${digest}; it may have rewritten it.`);
        }
        return { digest, subjectIndexed: res.headers['oci-subject'] !== undefined };
    }
    /**
     * The referrers of `digest` through the referrers API, every page of them; undefined when
     * the registry answers 404, which the spec reserves for registries without the API (they
     * are read through the fallback tag `sha256-<hex>` instead). A registry without the API is
     * not asked again in this run. Each listed descriptor is checked (digest, media types) and
     * the listing is bounded like a tag list.
     */
    async getReferrers(repository, digest) {
        if (this.referrersApi === false)
            return undefined;
        const referrers = new Map();
        const where = `${this.host}/${repository}: the referrers of ${digest}`;
        const listed = await readPages(this.pages, (0,endpoints/* referrersUrl */.UV)(this.options.endpoint, repository, digest), {
            operation: `Listing the referrers of ${digest}`,
            repository,
            entries: 'referrers',
            maxEntries: MAX_REFERRERS,
            maxPages: MAX_REFERRER_PAGES,
        }, (text, page) => {
            const index = parseJsonObject(text, `${where} (page ${page})`, 'an OCI index');
            const entries = Array.isArray(index.manifests) ? index.manifests : [];
            const before = referrers.size;
            entries.forEach((entry, i) => {
                const descriptor = (0,oci_descriptor/* toDescriptor */.RU)(entry, `${where} (page ${page}) [${i}]`);
                referrers.set(descriptor.digest, descriptor);
            });
            return referrers.size - before;
        });
        this.referrersApi = listed;
        return listed ? [...referrers.values()] : undefined;
    }
    /**
     * Every tag, following `Link` pages. `pageSize` asks for pages of that many (`?n=`). A
     * missing repository is no tags; a page that fails or vanishes after the first is an
     * error, never a shorter list. Every entry must be a tag (distribution-spec grammar), or
     * the listing is refused whole: a registry that lists a path as a tag is not believed
     * about the rest either. At most `maxTags` distinct tags (default `DEFAULT_MAX_TAGS`).
     */
    async listTags(repository, options = {}) {
        const tags = new Set();
        const maxTags = options.maxTags ?? DEFAULT_MAX_TAGS;
        const first = (0,endpoints/* tagListUrl */.oz)(this.options.endpoint, repository);
        if (options.pageSize)
            first.searchParams.set('n', String(options.pageSize));
        const where = `${this.host}/${repository}: the tag list`;
        await readPages(this.pages, first, {
            operation: 'Listing tags',
            repository,
            entries: 'tags',
            maxEntries: maxTags,
            // A registry that honours `n` needs maxTags/100 pages; one that serves a handful per
            // page past that is broken or hostile.
            maxPages: Math.ceil(maxTags / 100) + 100,
            raise: `set OCI_PUSH_MAX_TAGS above ${maxTags} if the repository really has more`,
            bodyLimit: TAG_PAGE_BODY_LIMIT,
        }, (text, page) => {
            const body = parseJsonObject(text, `${where} (page ${page})`, 'a tag list');
            const listed = body.tags ?? [];
            if (!Array.isArray(listed)) {
                throw new errors/* ListingError */.Pg(`${where} (page ${page}): "tags" is not a list`);
            }
            const before = tags.size;
            // One at a time: spreading 200,000 names into push() overflows the call stack.
            for (const entry of listed)
                tags.add((0,untrusted/* checkedTag */.y3)(entry, `${where} (page ${page})`));
            return tags.size - before;
        });
        return [...tags];
    }
    /**
     * Every repository the registry's catalog lists (`GET /v2/_catalog`, following `Link`
     * pages), with the scope `registry:catalog:*` that ACR's token service asks for. A page
     * seen twice (a `Link` in a loop) or more than `maxPages` of them is an error, never an
     * endless walk. A refusal (401, 403, 404: Docker Hub, GHCR and Quay serve no catalog)
     * throws the registry's error for the caller to explain.
     */
    async listRepositories(options = {}) {
        const repositories = new Set();
        const first = (0,endpoints/* catalogUrl */.n1)(this.options.endpoint);
        if (options.pageSize)
            first.searchParams.set('n', String(options.pageSize));
        const where = `${this.host}: the catalog`;
        await readPages(this.pages, first, {
            operation: 'Listing repositories',
            repository: '',
            scopes: catalogScopes(),
            missing: 'error',
            entries: 'repositories',
            maxEntries: MAX_CATALOG_REPOSITORIES,
            maxPages: options.maxPages ?? MAX_CATALOG_PAGES,
        }, (text, page) => {
            const body = parseJsonObject(text, `${where} (page ${page})`, 'a catalog');
            const listed = body.repositories ?? [];
            if (!Array.isArray(listed)) {
                throw new errors/* ListingError */.Pg(`${where} (page ${page}): "repositories" is not a list`);
            }
            const before = repositories.size;
            // A name that is not a repository path would reach URLs and the plan: refused.
            for (const name of listed) {
                repositories.add((0,untrusted/* checkedRepository */.aR)(name, `${where} (page ${page})`));
            }
            return repositories.size - before;
        });
        return [...repositories];
    }
    error(res, operation, repository) {
        return (0,errors/* registryErrorFrom */.eg)(res, { operation, registry: this.host, repository });
    }
}
/**
 * A blob body that goes on across cuts: whatever ends it early (an error, or an end before
 * `size` bytes) opens the rest with `open(offset)`, skipping what a registry without range
 * support sends again. Gives up after `BODY_READ_ATTEMPTS` cuts, saying where.
 */
async function* resumable(first, open, size, where, sleep) {
    let body = first;
    let skip = 0;
    let position = 0;
    try {
        for (let cuts = 0;;) {
            let cause;
            try {
                for await (const chunk of body) {
                    let piece = chunk;
                    if (skip > 0) {
                        const dropped = Math.min(skip, piece.length);
                        piece = piece.subarray(dropped);
                        skip -= dropped;
                    }
                    if (piece.length === 0)
                        continue;
                    position += piece.length;
                    yield piece;
                }
                if (size === undefined || position >= size)
                    return;
                cause = new Error(`the answer ended after ${position} of ${size} bytes`);
            }
            catch (error) {
                if (error instanceof http/* DeadlineError */.j3)
                    throw error;
                cause = error;
            }
            const message = cause instanceof Error ? cause.message : String(cause);
            if (++cuts > BODY_READ_ATTEMPTS) {
                throw new http/* NetworkError */.Dr(`${where}: the download was cut ${cuts} times, the last at byte ${position}` +
                    `${size === undefined ? '' : ` of ${size}`} (${message})`, cause.code ?? 'ECONNRESET');
            }
            body.destroy();
            await sleep((0,retry/* backoffMs */.jo)(retry/* DEFAULT_RETRY_POLICY */.cO, cuts));
            ({ body, skip } = await open(position));
        }
    }
    finally {
        // A consumer that stops early must not leave the connection half-read.
        if (!body.readableEnded)
            body.destroy();
    }
}


/***/ }),

/***/ 72109:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HJ: () => (/* binding */ uploadStartUrl),
/* harmony export */   KC: () => (/* binding */ resolveLocation),
/* harmony export */   S4: () => (/* binding */ uploadCompleteUrl),
/* harmony export */   UV: () => (/* binding */ referrersUrl),
/* harmony export */   b0: () => (/* binding */ blobUrl),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   hO: () => (/* binding */ manifestUrl),
/* harmony export */   mO: () => (/* binding */ registryBaseUrl),
/* harmony export */   n1: () => (/* binding */ catalogUrl),
/* harmony export */   oy: () => (/* binding */ pingUrl),
/* harmony export */   oz: () => (/* binding */ tagListUrl)
/* harmony export */ });
/* unused harmony export hostName */
/**
 * As docker does: plain HTTP only for loopback hosts or a registry the user marks
 * `insecure`. Everything else is HTTPS, and so is an ACR wherever it is.
 */
function isLoopbackHost(host) {
    // Host names are case-insensitive (RFC 4343): `LOCALHOST:5000` is loopback too.
    const name = hostName(host).toLowerCase();
    return name === 'localhost' || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}
/** The host part of `host[:port]`, without IPv6 brackets. */
function hostName(host) {
    if (host.startsWith('['))
        return host.slice(1, host.indexOf(']'));
    const colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.slice(0, colon);
}
function registryBaseUrl(endpoint) {
    const plain = !endpoint.https && (endpoint.insecure || isLoopbackHost(endpoint.host));
    const scheme = plain ? 'http' : 'https';
    return new URL(`${scheme}://${endpoint.host}/v2/`);
}
function pingUrl(endpoint) {
    return registryBaseUrl(endpoint);
}
function blobUrl(endpoint, repository, digest) {
    return new URL(`${repository}/blobs/${digest}`, registryBaseUrl(endpoint));
}
function uploadStartUrl(endpoint, repository) {
    return new URL(`${repository}/blobs/uploads/`, registryBaseUrl(endpoint));
}
function manifestUrl(endpoint, repository, reference) {
    return new URL(`${repository}/manifests/${reference}`, registryBaseUrl(endpoint));
}
/** distribution-spec "Listing Referrers": `GET /v2/<name>/referrers/<digest>`. */
function referrersUrl(endpoint, repository, digest) {
    return new URL(`${repository}/referrers/${digest}`, registryBaseUrl(endpoint));
}
/** distribution-spec "Listing Repositories" (an extension most registries serve): `_catalog`. */
function catalogUrl(endpoint) {
    return new URL('_catalog', registryBaseUrl(endpoint));
}
function tagListUrl(endpoint, repository) {
    return new URL(`${repository}/tags/list`, registryBaseUrl(endpoint));
}
/**
 * An upload `Location` may be relative or absolute and may carry query parameters (a
 * session state, a signature) that must be kept. Resolve it against the request's URL.
 */
function resolveLocation(location, requestUrl) {
    return new URL(location, requestUrl);
}
/** The URL that completes an upload: the session's Location plus `digest=`. */
function uploadCompleteUrl(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url;
}


/***/ }),

/***/ 6764:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pg: () => (/* binding */ ListingError),
/* harmony export */   eg: () => (/* binding */ registryErrorFrom),
/* harmony export */   gl: () => (/* binding */ RegistryError),
/* harmony export */   lR: () => (/* binding */ AuthError)
/* harmony export */ });
/* harmony import */ var _oci_untrusted_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86911);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41521);


/**
 * A registry refused a request. The message names the operation, the registry, the
 * repository, the registry's own error code, and what to do about it.
 */
class RegistryError extends Error {
    operation;
    registry;
    repository;
    status;
    errors;
    hint;
    retryAfterMs;
    name = 'RegistryError';
    constructor(operation, registry, repository, status, errors, hint, 
    /** The registry's `Retry-After`, when it sent one. */
    retryAfterMs) {
        const where = repository ? `${registry}/${repository}` : registry;
        const codes = errors.map((e) => (e.message ? `${e.code}: ${e.message}` : e.code)).join('; ');
        super(`${operation} on ${where} failed: HTTP ${status}${codes ? ` (${codes})` : ''}. ${hint}`);
        this.operation = operation;
        this.registry = registry;
        this.repository = repository;
        this.status = status;
        this.errors = errors;
        this.hint = hint;
        this.retryAfterMs = retryAfterMs;
    }
    get code() {
        return this.errors[0]?.code;
    }
    /** The registry keeps existing tags as they are (Aliyun's immutable repositories). */
    get refusesOverwrite() {
        return this.errors.some((e) => OVERWRITE_REFUSED.test(e.message ?? ''));
    }
}
/** Aliyun's words for a tag an immutable repository won't move. */
const OVERWRITE_REFUSED = /already exists and cannot be overwritten/i;
/**
 * A listing (tags, referrers) that can't be taken whole: it names something that breaks its
 * grammar, loops, or never ends. The message names the registry and repository.
 */
class ListingError extends Error {
    name = 'ListingError';
}
/** Credentials were missing or refused, at the registry or at its token service. */
class AuthError extends Error {
    registry;
    status;
    reason;
    name = 'AuthError';
    constructor(message, registry, status, 
    /** `missing`: the registry wants a credential and none was given. */
    /** `insufficient-scope`: the credential is good, but lacks a right the request needs. */
    reason = 'protocol') {
        super(message);
        this.registry = registry;
        this.status = status;
        this.reason = reason;
    }
}
async function registryErrorFrom(res, context) {
    const errors = await readErrorBody(res);
    return new RegistryError(context.operation, context.registry, context.repository, res.status, errors, hintFor(res.status, errors[0]?.code, context, errors), (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retryAfterMs */ .Vs)(res.headers['retry-after']));
}
async function readErrorBody(res) {
    let text;
    try {
        text = await res.text(64 * 1024);
    }
    catch {
        return [];
    }
    try {
        const body = JSON.parse(text);
        if (Array.isArray(body.errors)) {
            return (body.errors
                .filter((e) => typeof e?.code === 'string')
                // The registry's words reach our errors, the log and the summary: one line each.
                .map((e) => ({
                code: (0,_oci_untrusted_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(e.code, 100),
                ...(typeof e.message === 'string' && { message: (0,_oci_untrusted_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(e.message) }),
            })));
        }
    }
    catch {
        // Not JSON: some proxies answer with HTML. Keep a short excerpt as the message.
    }
    const excerpt = (0,_oci_untrusted_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(text.replace(/\s+/g, ' ').trim().slice(0, 200), Infinity);
    return excerpt ? [{ code: 'UNKNOWN', message: excerpt }] : [];
}
function hintFor(status, code, context, errors = []) {
    const repo = context.repository ?? '(registry)';
    // ACR with soft delete on refuses a digest that was deleted (container-registry-soft-delete-policy.md).
    if (errors.some((e) => /soft.?deleted/i.test(e.message ?? ''))) {
        return (`${context.registry} keeps this exact manifest digest in its soft-delete bin (it was ` +
            `deleted from ${repo}), and refuses to take it again until the bin lets go of it. Restore ` +
            'the deleted image (az acr manifest restore, or the portal), or push something with a ' +
            'different digest (a new build), or wait for the retention period of soft delete to end.');
    }
    const said = errors.map((e) => e.message ?? '').join(' ');
    if (OVERWRITE_REFUSED.test(said)) {
        return (`${repo} on ${context.registry} is an immutable repository: a tag that exists, other ` +
            'than `latest`, can never be overwritten (Aliyun "immutable tags"). Release a new ' +
            "version, or turn off the repository's tag immutability if this tag really must move.");
    }
    if (/unknown manifest class/i.test(said)) {
        return (`${context.registry} does not accept this kind of manifest: Aliyun Personal Edition ` +
            'refuses configs of type application/vnd.oci.empty.v1+json (OCI artifacts such as ' +
            'signatures). Push it to an Enterprise Edition instance, or leave this artifact out.');
    }
    const depth = repo.split('/').length;
    if ((code === 'NAME_INVALID' || (status === 400 && !code)) && depth > 2) {
        return (`${context.registry} refuses the repository name ${repo}, which has ${depth} path ` +
            'levels; some registries allow fewer (Aliyun Personal Edition: namespace/repository ' +
            'only). Use a shallower `repository`, or check the registry edition.');
    }
    // A credential that may not even read a repository: most often it doesn't exist, on a
    // registry that creates repositories only where allowed (FACTS.md: Aliyun, image-syncer#149).
    const reading = /^(Checking|Fetching)/.test(context.operation);
    if ((code === 'DENIED' || (status === 403 && !code)) && reading) {
        return (`${context.registry} denied even reading ${repo}. Usually the repository, or its ` +
            'namespace, does not exist and the registry does not create it on push: create it ' +
            '(Aliyun: in the console, or turn on automatic repository creation for the namespace). ' +
            'Otherwise the credential lacks access to it.');
    }
    switch (code) {
        case 'DENIED':
            return `The credential for ${context.registry} is not allowed to do this on ${repo}; grant it push access, or create the repository if the registry does not create repositories on push.`;
        case 'NAME_UNKNOWN':
            return `The repository ${repo} does not exist on ${context.registry}, and the registry does not create repositories on push; create it first.`;
        case 'NAME_INVALID':
            return `The registry refuses the repository name ${repo}; check the \`repository\` input.`;
        case 'MANIFEST_INVALID':
        case 'MANIFEST_BLOB_UNKNOWN':
            return `The registry refused the manifest; its blobs may be missing or its format unsupported by ${context.registry}.`;
        case 'DIGEST_INVALID':
        case 'BLOB_UPLOAD_INVALID':
            return 'The registry received content that does not match its digest; the source may be corrupt or the upload was cut. Re-run the job.';
        case 'TOOMANYREQUESTS':
            return `${context.registry} is rate-limiting this runner; retry later or authenticate for a higher limit.`;
        case 'UNSUPPORTED':
            return `${context.registry} does not support this operation.`;
    }
    if (status === 401)
        return `Check the credentials for ${context.registry} (the \`credentials\` input, or docker/login-action).`;
    if (status === 403)
        return `The credential for ${context.registry} may not push to ${repo}.`;
    if (status === 404)
        return `${context.registry} does not know ${repo}, or does not speak the OCI distribution API at /v2/.`;
    if (status === 413)
        return `${context.registry} refused the size of the request.`;
    if (status >= 500)
        return `${context.registry} had a server error; retry later.`;
    if (status >= 300 && status < 400) {
        return (`${context.registry} redirected a request that oci-push does not follow there (uploads ` +
            "and manifest writes are not redirected by registries); check the registry's, or its " +
            "proxy's, external URL setting.");
    }
    return errors.length > 0
        ? "The registry's own words are in the parentheses."
        : `${context.registry} gave no reason; its logs may say more.`;
}


/***/ }),

/***/ 58851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   j3: () => (/* binding */ DeadlineError),
/* harmony export */   oO: () => (/* binding */ createTransport)
/* harmony export */ });
/* unused harmony exports ProxyRefusedError, BodyTooLargeError, TIDY_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, MIN_BYTES_PER_SECOND */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(34758);
/* harmony import */ var _endpoints_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(72109);




/** The connection failed, stalled or was cut: worth retrying. */
class NetworkError extends Error {
    code;
    proxy;
    name = 'NetworkError';
    constructor(message, code, 
    /** The proxy that failed it (`HTTPS_PROXY=http://host:port`), when the proxy did. */
    proxy) {
        super(message);
        this.code = code;
        this.proxy = proxy;
    }
}
/**
 * A registry took too long: no answer within the deadline, or an answer trickling in slower
 * than the floor. Retried at most once: a registry that stalled twice will stall again.
 */
class DeadlineError extends NetworkError {
    name = 'DeadlineError';
    constructor(message, proxy) {
        super(message, 'ETIMEDOUT', proxy);
    }
}
/**
 * The proxy itself refused the request (407 Proxy Authentication Required, 403): its answer,
 * never the registry's, and not worth retrying as it is.
 */
class ProxyRefusedError extends Error {
    status;
    proxy;
    name = 'ProxyRefusedError';
    constructor(message, status, proxy) {
        super(message);
        this.status = status;
        this.proxy = proxy;
    }
}
/** A body larger than the caller allowed for. */
class BodyTooLargeError extends Error {
    name = 'BodyTooLargeError';
}
/** A tidy-up request after a stop gets this long: the runner kills a cancelled step soon. */
const TIDY_TIMEOUT_MS = 5_000;
const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;
/**
 * A minute to answer: a registry that is up answers in well under a second, and the slow
 * cases FACTS.md knows (ACR's first push into a new repository, TLS from outside China to
 * Aliyun) take tens of seconds, not minutes.
 */
const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * 32 KiB/s: far below any link a release can work over (a 64 MiB chunk still gets half an
 * hour), far above a registry that sends a byte every few seconds.
 */
const MIN_BYTES_PER_SECOND = 32 * 1024;
function createTransport(options) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 12 };
    const direct = { 'http:': new (node_http__WEBPACK_IMPORTED_MODULE_0___default().Agent)(agentOptions), 'https:': new (node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent)(agentOptions) };
    const proxies = proxiesIn(options.proxyEnv ?? process.env);
    // Node's own proxy support (CONNECT for HTTPS), which also applies NO_PROXY.
    const proxied = {
        'http:': proxies['http:'] && proxyAgent((node_http__WEBPACK_IMPORTED_MODULE_0___default().Agent), agentOptions, proxies, 'http:'),
        'https:': proxies['https:'] && proxyAgent((node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent), agentOptions, proxies, 'https:'),
    };
    const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    const normal = {
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        floor: options.minBytesPerSecond ?? MIN_BYTES_PER_SECOND,
    };
    const { signal } = options;
    // Requests in flight, so a stop can end them at once (a blob upload may run for minutes).
    const inFlight = new Set();
    signal?.addEventListener('abort', () => {
        for (const req of inFlight)
            req.destroy(signal.reason);
    }, { once: true });
    return async (request) => {
        if (signal?.aborted && !request.tidy)
            throw signal.reason;
        const deadline = request.tidy
            ? { ...normal, timeoutMs: Math.min(normal.timeoutMs, TIDY_TIMEOUT_MS) }
            : normal;
        const body = typeof request.body === 'function' ? await request.body() : request.body;
        const headers = { 'user-agent': options.userAgent, ...request.headers };
        if (Buffer.isBuffer(body))
            headers['content-length'] = String(body.length);
        else if (body)
            headers['content-length'] = String(request.contentLength ?? missingLength(request));
        else if (['POST', 'PUT', 'PATCH'].includes(request.method))
            headers['content-length'] = '0';
        const isHttps = request.url.protocol === 'https:';
        const lib = isHttps ? (node_https__WEBPACK_IMPORTED_MODULE_1___default()) : (node_http__WEBPACK_IMPORTED_MODULE_0___default());
        const protocol = isHttps ? 'https:' : 'http:';
        const viaProxy = (0,_endpoints_js__WEBPACK_IMPORTED_MODULE_3__/* .isLoopbackHost */ .cW)(request.url.host) ? undefined : proxies[protocol];
        const agent = (viaProxy && proxied[protocol]) || direct[protocol];
        const what = `${request.url.host}: ${request.method} ${request.url.pathname}`;
        // The answer may take `timeoutMs` after the request body went out at the floor rate.
        const answerMs = Math.round(deadline.timeoutMs + (Number(headers['content-length'] ?? 0) / deadline.floor) * 1000);
        // Set when a proxy is configured for this request; Node's agent still honours NO_PROXY.
        const proxy = viaProxy && proxied[protocol] ? viaProxy : undefined;
        return new Promise((resolve, reject) => {
            let bodyError;
            let settled = false;
            const fail = (error) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(answerTimer);
                stream?.destroy();
                reject(error);
            };
            const stream = body && !Buffer.isBuffer(body) ? body : undefined;
            // Settles by itself: while Node still waits for a proxy to open its tunnel, destroying
            // the request emits nothing, and a run behind a dead proxy waited for ever.
            const answerTimer = setTimeout(() => {
                // No socket yet through a proxy: the proxy has not opened the tunnel.
                const error = proxy && !req.socket
                    ? tunnelTimeout(request.url, what, proxy, deadline.timeoutMs)
                    : new DeadlineError(`${what}: no answer within ${Math.round(answerMs / 1000)} s ` +
                        (proxy
                            ? `(the connection goes through the proxy ${proxy} unless NO_PROXY lists ` +
                                'this host, and the proxy may be what holds it: check it, or list the ' +
                                'registry in NO_PROXY)'
                            : '(the registry accepted the connection but did not answer)'));
                fail(error);
                req.destroy(error);
            }, answerMs);
            let answered = false;
            const req = lib.request(request.url, {
                method: request.method,
                headers,
                agent,
                // Through a proxy, Node gives up on a tunnel the proxy never opens after this long
                // (its proxy agent reads the request's `timeout`); else it would wait for ever.
                ...(proxy && { timeout: deadline.timeoutMs }),
            }, (res) => {
                answered = true;
                if (!request.tidy)
                    res.once('close', () => inFlight.delete(req));
                clearTimeout(answerTimer);
                // A registry may answer before the body is sent (an early 4xx): stop reading it.
                if (stream && !stream.readableEnded)
                    stream.destroy();
                if (proxy && res.statusCode === 407) {
                    res.resume();
                    fail(proxyRefused(request.url, 407, proxy));
                    return;
                }
                if (settled) {
                    res.destroy();
                    return;
                }
                settled = true;
                resolve(wrapResponse(res, request.url, deadline, signal));
            });
            if (!request.tidy) {
                inFlight.add(req);
                req.once('close', () => {
                    if (!answered)
                        inFlight.delete(req);
                });
                // The stop came while the body was being opened: this request must not go out.
                if (signal?.aborted)
                    req.destroy(signal.reason);
            }
            req.setTimeout(idleTimeoutMs, () => {
                req.destroy(new NetworkError(`no answer for ${idleTimeoutMs / 1000} s`, 'ETIMEDOUT'));
            });
            req.on('error', (error) => {
                // A stop is the cause whatever else broke as it came (the body stream, say).
                if (signal?.aborted && !request.tidy)
                    fail(signal.reason);
                // A source stream that failed verification is the real cause; report it, not EPIPE.
                else if (bodyError)
                    fail(bodyError);
                else if (error instanceof NetworkError || error instanceof _base_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InterruptedError */ .p4)
                    fail(error);
                else if (proxy && error.code === 'ERR_PROXY_TUNNEL')
                    fail(tunnelError(error, request.url, what, proxy, deadline.timeoutMs));
                else
                    fail(new NetworkError(error.message + throughProxy(viaProxy), error.code));
            });
            if (stream) {
                stream.once('error', (error) => {
                    bodyError ??= error;
                    req.destroy(error);
                });
                stream.pipe(req);
            }
            else {
                req.end(body);
            }
        });
    };
}
/** Node refuses some proxy URLs only when the agent is made: say which variable, and the fix. */
function proxyAgent(Agent, agentOptions, proxies, scheme) {
    try {
        return new Agent({ ...agentOptions, proxyEnv: proxies.env });
    }
    catch {
        throw badProxy(proxies[scheme]?.split('=')[0] ?? 'the proxy variable');
    }
}
/** Never with the value or its parse error, which may hold the proxy's password. */
function badProxy(variable) {
    return new Error(`${variable} does not hold a proxy URL that Node can use: set it to http://HOST:PORT ` +
        '(with USER:PASSWORD@ if the proxy wants them), or unset it');
}
/**
 * The proxy variables of `env`, the lower-case form first, as curl and Node read them. A
 * value without a scheme (`proxy:3128`) means `http://`, as curl and docker take it; Node
 * alone would ignore it.
 */
function proxiesIn(env) {
    const pick = (name) => {
        for (const key of [name.toLowerCase(), name]) {
            const value = env[key];
            if (value)
                return [key, value];
        }
        return undefined;
    };
    const proxies = { env: {} };
    for (const [name, scheme] of [
        ['HTTP_PROXY', 'http:'],
        ['HTTPS_PROXY', 'https:'],
        ['NO_PROXY', undefined],
    ]) {
        const found = pick(name);
        if (!found)
            continue;
        if (!scheme) {
            proxies.env[name] = found[1];
            continue;
        }
        const value = found[1].includes('://') ? found[1] : `http://${found[1]}`;
        let url;
        try {
            url = new URL(value);
        }
        catch {
            throw badProxy(found[0]);
        }
        proxies.env[name] = value;
        proxies[scheme] = `${found[0]}=${url.protocol}//${url.host}`;
    }
    return proxies;
}
/**
 * Node could not open a tunnel through the proxy (`ERR_PROXY_TUNNEL`): the proxy answered
 * the CONNECT with an error status (its own: a registry never saw the request), or never
 * answered it within the deadline, or dropped it.
 */
function tunnelError(error, url, what, proxy, timeoutMs) {
    const status = error.statusCode;
    if (status !== undefined && status < 500)
        return proxyRefused(url, status, proxy);
    if (status !== undefined) {
        return new NetworkError(`${what}: the proxy ${proxy} answered ${status} when asked for a tunnel to ${url.host} ` +
            '(the proxy could not reach it, or is failing)', 'ERR_PROXY_TUNNEL', proxy);
    }
    if (error.proxyTunnelTimeout !== undefined)
        return tunnelTimeout(url, what, proxy, timeoutMs);
    return new NetworkError(`${what}: the tunnel through the proxy ${proxy} failed (${error.message}); check the ` +
        'proxy, or list the registry in NO_PROXY', 'ERR_PROXY_TUNNEL', proxy);
}
function tunnelTimeout(url, what, proxy, timeoutMs) {
    return new DeadlineError(`${what}: the proxy ${proxy} took the connection but did not open the tunnel to ` +
        `${url.host} within ${Math.round(timeoutMs / 1000)} s; check the proxy, or list the ` +
        'registry in NO_PROXY', proxy);
}
/** The proxy's own refusal, said to be the proxy's, with what to do about it. */
function proxyRefused(url, status, proxy) {
    const reason = status === 407
        ? 'answered 407 Proxy Authentication Required: the proxy wants credentials it did not ' +
            'get or did not accept. Put them in the proxy variable (http://USER:PASSWORD@HOST:PORT)'
        : `refused the connection with HTTP ${status}. Ask its operator to allow ${url.host}`;
    return new ProxyRefusedError(`${url.host}: the proxy ${proxy} ${reason}, or list ${url.hostname} in NO_PROXY. This is ` +
        "the proxy's answer; the registry never saw the request", status, proxy);
}
/** Names the proxy a failed connection went through, where one is set for its scheme. */
function throughProxy(proxy) {
    return proxy
        ? ` (the connection goes through the proxy ${proxy}, unless NO_PROXY lists this host: ` +
            'check the proxy, or list the registry in NO_PROXY)'
        : '';
}
function missingLength(request) {
    throw new Error(`${request.method} ${request.url.pathname}: a stream body needs contentLength`);
}
/**
 * An answer read whole (a token, a manifest, an error) must arrive at the floor rate once
 * `timeoutMs` has passed: a registry that sends its headers and then a byte every few seconds
 * fails in about `timeoutMs`, naming the host, instead of holding the job for hours. Streamed
 * bodies (blobs) are read as fast as their consumer takes them, so only the idle timer
 * applies to them.
 */
function watchTrickle(res, url, deadline, received) {
    const started = Date.now();
    const timer = setInterval(() => {
        const late = Date.now() - started - deadline.timeoutMs;
        if (late <= 0 || received() >= (deadline.floor * late) / 1000)
            return;
        clearInterval(timer);
        res.destroy(new DeadlineError(`${url.host}: the answer to ${url.pathname} trickled in (${received()} bytes in ` +
            `${Math.round((Date.now() - started) / 1000)} s, under ${deadline.floor / 1024} ` +
            'KiB/s after the first minute); the registry is overloaded or something between ' +
            "is throttling it. Raise this line's `timeout=` if the link is really that slow"));
    }, Math.min(1000, deadline.timeoutMs));
    timer.unref();
    return () => clearInterval(timer);
}
function wrapResponse(res, url, deadline, signal) {
    let consumed = false;
    const take = () => {
        if (consumed)
            throw new Error('response body already consumed');
        consumed = true;
        return res;
    };
    const buffer = async (limit = DEFAULT_BODY_LIMIT) => {
        const chunks = [];
        let total = 0;
        const stop = watchTrickle(res, url, deadline, () => total);
        try {
            for await (const chunk of take()) {
                total += chunk.length;
                if (total > limit) {
                    res.destroy();
                    throw new BodyTooLargeError(`${url.host}: the answer to ${url.pathname} is over ${limit} bytes, more than any ` +
                        'registry answer this request expects; is this host a registry?');
                }
                chunks.push(chunk);
            }
        }
        catch (error) {
            if (error instanceof DeadlineError || error instanceof BodyTooLargeError)
                throw error;
            // Cut by a stop, not by the registry: say so, and don't read it again.
            if (signal?.aborted)
                throw signal.reason;
            const cause = error;
            throw new NetworkError(`${url.host}: the answer to ${url.pathname} was cut: ${cause.message}`, cause.code);
        }
        finally {
            stop();
        }
        return Buffer.concat(chunks);
    };
    return {
        status: res.statusCode ?? 0,
        headers: res.headers,
        url,
        buffer,
        text: async (limit) => (await buffer(limit)).toString('utf8'),
        stream: take,
        drain: async () => {
            if (consumed)
                return;
            consumed = true;
            // A body thrown away must still end: one that trickles forever is cut like any other.
            let drained = 0;
            res.on('data', (chunk) => (drained += chunk.length));
            const stop = watchTrickle(res, url, deadline, () => drained);
            res.resume();
            await new Promise((resolve) => {
                if (res.complete)
                    resolve();
                else
                    res
                        .once('end', resolve)
                        .once('close', resolve)
                        .once('error', () => resolve());
            });
            stop();
        },
    };
}


/***/ }),

/***/ 41521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ MIRROR_ATTEMPTS),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   Sc: () => (/* binding */ registryTransports),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   dh: () => (/* binding */ MIRROR_TIMEOUT_MS),
/* harmony export */   jo: () => (/* binding */ backoffMs),
/* harmony export */   oD: () => (/* binding */ readWhole)
/* harmony export */ });
/* unused harmony exports withRetry, createRegistryTransport */
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58851);

const DEFAULT_RETRY_POLICY = {
    attempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 20_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
};
function isRetryableStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status <= 599);
}
function withRetry(send, policy = DEFAULT_RETRY_POLICY) {
    return async (request) => {
        const replayable = request.body === undefined || Buffer.isBuffer(request.body);
        let deadlines = 0;
        for (let attempt = 1;; attempt++) {
            const last = !replayable || attempt >= policy.attempts;
            let response;
            try {
                response = await send(request);
            }
            catch (error) {
                if (last || !(error instanceof _http_js__WEBPACK_IMPORTED_MODULE_0__/* .NetworkError */ .Dr) || policy.signal?.aborted)
                    throw error;
                // A registry that let a whole deadline pass twice will not answer a third time.
                if (error instanceof _http_js__WEBPACK_IMPORTED_MODULE_0__/* .DeadlineError */ .j3 && ++deadlines > 1)
                    throw error;
                await pause(policy, request, attempt, error.message, undefined);
                continue;
            }
            if (last || !isRetryableStatus(response.status) || policy.signal?.aborted)
                return response;
            const retryAfter = retryAfterMs(response.headers['retry-after']);
            await response.drain();
            await pause(policy, request, attempt, `HTTP ${response.status}`, retryAfter);
        }
    };
}
async function pause(policy, request, attempt, reason, retryAfter) {
    const delayMs = retryAfter ?? backoffMs(policy, attempt);
    policy.onRetry?.({ request, attempt, reason, delayMs });
    await policy.sleep(delayMs);
}
/**
 * Sends a request whose answer is read whole, and sends it again when the answer is cut
 * partway: `withRetry` is done once the headers are in. Errors of `send` (retried there), of
 * the answer itself, and deadlines (that registry would trickle again) are not retried here.
 */
async function readWhole(send, read, options) {
    for (let attempt = 1;; attempt++) {
        const res = await send();
        try {
            return await read(res);
        }
        catch (error) {
            const cut = error instanceof _http_js__WEBPACK_IMPORTED_MODULE_0__/* .NetworkError */ .Dr && !(error instanceof _http_js__WEBPACK_IMPORTED_MODULE_0__/* .DeadlineError */ .j3);
            if (!cut || attempt >= options.attempts)
                throw error;
            await (options.sleep ?? DEFAULT_RETRY_POLICY.sleep)(backoffMs(DEFAULT_RETRY_POLICY, attempt));
        }
    }
}
/** Full jitter: a random delay up to base·2^(attempt-1), capped. */
function backoffMs(policy, attempt) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}
/** `Retry-After` is seconds or an HTTP date; capped at a minute so a job can't hang on it. */
function retryAfterMs(header, now = Date.now()) {
    const value = Array.isArray(header) ? header[0] : header;
    if (!value)
        return undefined;
    const seconds = Number(value);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
    if (!Number.isFinite(ms))
        return undefined;
    return Math.min(Math.max(ms, 0), 60_000);
}
/**
 * A mirror is best-effort (FACTS.md: Aliyun from outside China stalls): 20 s to answer and two
 * attempts, so a mirror that never answers costs a release well under a minute and a half.
 */
const MIRROR_TIMEOUT_MS = 20_000;
const MIRROR_ATTEMPTS = 2;
/**
 * The transport every job uses: keep-alive sockets, oci-push's User-Agent, and the default
 * retry policy, with each retry logged so a slow registry is visible.
 */
function createRegistryTransport(options) {
    const { log, signal } = options;
    const plain = (0,_http_js__WEBPACK_IMPORTED_MODULE_0__/* .createTransport */ .oO)({
        userAgent: options.userAgent,
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
        ...(signal && { signal }),
    });
    const transport = options.below ? options.below(plain) : plain;
    return withRetry(transport, {
        ...DEFAULT_RETRY_POLICY,
        ...(options.attempts !== undefined && { attempts: options.attempts }),
        ...(signal && { sleep: (ms) => abortableSleep(ms, signal), signal }),
        ...(log && {
            onRetry: ({ request, attempt, reason, delayMs }) => log(`${request.url.host}: ${reason} on ${request.method}, retry ${attempt} in ${delayMs} ms`),
        }),
    });
}
/** One `createRegistryTransport` per registry, all sharing the job's User-Agent, log and signal. */
function registryTransports(options) {
    return (settings = {}) => createRegistryTransport({ ...options, ...settings });
}
/** A pause that ends early, with the interrupt, when the run is stopped. */
function abortableSleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal.aborted) {
            reject(signal.reason);
            return;
        }
        const done = () => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        const timer = setTimeout(() => {
            signal.removeEventListener('abort', done);
            resolve();
        }, ms);
        signal.addEventListener('abort', done, { once: true });
    });
}


/***/ }),

/***/ 69808:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ USER_AGENT),
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** Sent as User-Agent, so registry operators can tell oci-push's traffic apart. */
const VERSION = '0.1.0';
const USER_AGENT = `oci-push/${VERSION} (+https://github.com/giantswarm/oci-push)`;


/***/ })

};

//# sourceMappingURL=171.index.js.map