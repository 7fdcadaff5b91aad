export const id = 454;
export const ids = [454];
export const modules = {

/***/ 4454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  O$: () => (/* binding */ DEFAULT_CHART_REPOSITORY),
  vl: () => (/* binding */ parsePushInputs)
});

// UNUSED EXPORTS: DEFAULT_REGISTRIES, defaultRepository, parseBranchTags, parseReferrersPolicy, parseRegistryLines

// EXTERNAL MODULE: ./src/azure/keyless.ts
var keyless = __webpack_require__(39017);
// EXTERNAL MODULE: ./src/engine/plan.ts
var plan = __webpack_require__(30955);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
// EXTERNAL MODULE: ./src/jobs/azure-login.ts
var azure_login = __webpack_require__(66887);
// EXTERNAL MODULE: ./src/jobs/credentials-input.ts
var credentials_input = __webpack_require__(12043);
// EXTERNAL MODULE: ./src/jobs/inputs.ts
var inputs = __webpack_require__(91115);
;// CONCATENATED MODULE: ./src/jobs/registries-data.ts




/** `*.cr.aliyuncs.com`: Aliyun Container Registry, a mirror as the orb's China push is. */
function isAliyunHost(host) {
    return /\.cr\.aliyuncs\.com(:\d+)?$/i.test(host);
}
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * The data as written, or base64 of it (as `REGISTRIES_DATA_BASE64` holds it; `base64` may
 * have wrapped it into lines). Text with a space in it is the lines themselves.
 */
function decodeRegistriesData(text, input) {
    if (/[ \t]/.test(text.trim()))
        return text;
    const packed = text.replace(/\s+/g, '');
    const decoded = Buffer.from(packed, 'base64').toString('utf8');
    // Not shown: a value that is neither form may be a secret pasted in the wrong place.
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(packed) || !/^[\x20-\x7e\t\r\n]*$/.test(decoded)) {
        throw new inputs/* InputError */.dz(`${input}: the value (not shown) is neither registry lines ` +
            '("VISIBILITY HOST USER_ENV PASS_ENV PUSH_DEV") nor base64 of them; give the orb\'s ' +
            'registries data as it is, or as REGISTRIES_DATA_BASE64 holds it');
    }
    return decoded;
}
/**
 * Parses the data (see `RegistriesData`); each credential's username and password go to
 * `onSecret` before anything could print them. No message shows a field that failed its
 * check: a line with a literal password in place of a variable name must not echo it.
 */
function parseRegistriesData(text, env, onSecret, input = 'registries-data') {
    const data = {
        registries: [],
        mirrors: [],
        credentials: new Map(),
        warnings: [],
    };
    const seen = new Set();
    for (const [i, raw] of decodeRegistriesData(text, input).split(/\r?\n/).entries()) {
        const fields = raw.trim().split(/\s+/).filter(Boolean);
        if (fields.length === 0 || fields[0]?.startsWith('#'))
            continue;
        const where = `${input} line ${i + 1}`;
        const [marker = '', host = '', userVariable = '', passwordVariable = '', pushDev = ''] = fields;
        if (fields.length !== 5) {
            throw new inputs/* InputError */.dz(`${where} has ${fields.length} fields; a line is VISIBILITY HOST USER_ENV PASS_ENV ` +
                'PUSH_DEV (e.g. "public gsoci.azurecr.io ACR_GSOCI_USERNAME ACR_GSOCI_PASSWORD true")');
        }
        const visibility = (0,plan/* lineVisibility */.DY)(marker);
        if (!visibility) {
            throw new inputs/* InputError */.dz(`${where}: the first field is not public, private or public/private (which ` +
                'repositories the registry takes)');
        }
        if (!(0,reference/* isHost */.jU)(host)) {
            throw new inputs/* InputError */.dz(`${where}: the second field is not a registry host (a name or address with an ` +
                'optional port, no scheme and no path)');
        }
        for (const [field, name] of [
            ['third', userVariable],
            ['fourth', passwordVariable],
        ]) {
            if (!VARIABLE.test(name)) {
                throw new inputs/* InputError */.dz(`${where} (${host}): the ${field} field is not the name of an environment variable ` +
                    '(letters, digits and _); it names the variable that holds the credential, ' +
                    'never the credential itself');
            }
        }
        const dev = (0,inputs/* parseBoolean */.yG)(`${where} (${host}) PUSH_DEV`, pushDev, false);
        if (seen.has(host))
            throw new inputs/* InputError */.dz(`${where}: ${host} is listed twice`);
        seen.add(host);
        const line = { host, dev, visibility, insecure: false, acr: (0,keyless/* isAcrHost */.n0)(host) };
        (isAliyunHost(host) ? data.mirrors : data.registries).push(line);
        const username = env[userVariable] ?? '';
        const password = env[passwordVariable] ?? '';
        if (username)
            onSecret(username);
        if (password)
            onSecret(password);
        if (username && password)
            data.credentials.set(host, { username, password });
        else {
            const unset = [!username && userVariable, !password && passwordVariable].filter(Boolean);
            data.warnings.push(`${where}: ${unset.join(' and ')} ${unset.length > 1 ? 'are' : 'is'} not set, so ` +
                `${host} gets no credential from the registries data (the docker config or keyless ` +
                'login may still provide one)');
        }
    }
    if (data.registries.length === 0) {
        throw new inputs/* InputError */.dz(`${input}: no registry lines (only Aliyun mirrors, or none at all); at least one line ` +
            'must name a registry that is not a mirror');
    }
    return data;
}

// EXTERNAL MODULE: ./src/registry/endpoints.ts
var endpoints = __webpack_require__(72109);
// EXTERNAL MODULE: ./src/sigstore/sign.ts
var sign = __webpack_require__(35601);
;// CONCATENATED MODULE: ./src/jobs/signing-inputs.ts



/**
 * `sign`, `fulcio-url`, `rekor-url`, `tsa-url`, `certificate-identity`,
 * `certificate-oidc-issuer` and `trusted-root`. The URLs default to the public-good
 * instance; `none` drops Rekor or the timestamp authority (not both: a signature needs a
 * trusted time). Any other instance needs its trust root, or nothing could verify it.
 */
function parseSigningInputs(get) {
    const value = (name) => get(name).trim();
    const mode = (0,inputs/* oneOf */.yL)('sign', value('sign') || 'auto', ['auto', 'true', 'false']);
    const fulcioUrl = serviceUrl('fulcio-url', value('fulcio-url') || sign/* PUBLIC_GOOD */.wN.fulcioUrl);
    const rekorUrl = optionalServiceUrl('rekor-url', value('rekor-url'), sign/* PUBLIC_GOOD */.wN.rekorUrl);
    const tsaUrl = optionalServiceUrl('tsa-url', value('tsa-url'), sign/* PUBLIC_GOOD */.wN.tsaUrl);
    const identity = value('certificate-identity');
    const issuer = value('certificate-oidc-issuer');
    const trustedRoot = value('trusted-root');
    const services = {
        fulcioUrl,
        ...(rekorUrl && { rekorUrl }),
        ...(tsaUrl && { tsaUrl }),
    };
    if (mode !== 'false') {
        if (!rekorUrl && !tsaUrl) {
            throw new inputs/* InputError */.dz('rekor-url, tsa-url: both are none, so a signature would have no trusted time and ' +
                'could not be verified once its certificate expires (10 minutes); keep one of them');
        }
        const custom = [
            fulcioUrl !== sign/* PUBLIC_GOOD */.wN.fulcioUrl && 'fulcio-url',
            rekorUrl && rekorUrl !== sign/* PUBLIC_GOOD */.wN.rekorUrl && 'rekor-url',
            tsaUrl && tsaUrl !== sign/* PUBLIC_GOOD */.wN.tsaUrl && 'tsa-url',
        ].filter(Boolean);
        if (custom.length > 0 && !trustedRoot) {
            throw new inputs/* InputError */.dz(`trusted-root: ${custom.join(', ')} name a Sigstore other than the public-good one, so ` +
                'its trust root is needed to verify the signature: set trusted-root to that ' +
                "deployment's trusted_root.json (as cosign's --trusted-root)");
        }
    }
    return {
        policy: {
            mode,
            publicLogs: fulcioUrl === sign/* PUBLIC_GOOD */.wN.fulcioUrl || rekorUrl === sign/* PUBLIC_GOOD */.wN.rekorUrl,
        },
        services,
        ...(identity && { certificateIdentity: identity }),
        ...(issuer && { certificateOidcIssuer: issuer }),
        ...(trustedRoot && { trustedRoot }),
    };
}
/** `none` turns the service off; empty is the public-good default. */
function optionalServiceUrl(input, text, fallback) {
    if (text.toLowerCase() === 'none')
        return undefined;
    return serviceUrl(input, text || fallback);
}
/** HTTPS, or plain HTTP on loopback (a local test deployment); no path, query or credential. */
function serviceUrl(input, text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        url = undefined;
    }
    const plainOk = url?.protocol === 'http:' && (0,endpoints/* isLoopbackHost */.cW)(url.host);
    if (!url ||
        (url.protocol !== 'https:' && !plainOk) ||
        url.username ||
        url.password ||
        url.search ||
        url.hash) {
        throw new inputs/* InputError */.dz(`${input}: "${url?.username || url?.password ? '(hidden: it has a credential in it)' : text}" ` +
            'is not an https URL of a Sigstore service, e.g. https://fulcio.sigstore.dev');
    }
    return url.href.replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./src/jobs/push-inputs.ts








/**
 * Giant Swarm's registries: dev builds and releases of public repositories to gsoci, of
 * private ones to gsociprivate, and releases of public ones to the old giantswarm ACR too.
 */
const DEFAULT_REGISTRIES = 'gsoci.azurecr.io dev public\ngsociprivate.azurecr.io dev private\ngiantswarm.azurecr.io public';
const DEFAULT_CHART_REPOSITORY = 'charts/giantswarm';
/**
 * Every push input, from `get` (the runner's inputs, or the CLI's flags and environment).
 * Each password goes to `onSecret` before anything could print it.
 */
function parsePushInputs(get, env, onSecret) {
    const imageText = get('image').trim();
    const chart = get('chart').trim();
    if (!imageText && !chart) {
        throw new inputs/* InputError */.dz('image, chart: nothing to push; set `image`, `chart`, or both');
    }
    const credentials = (0,credentials_input/* readCredentialsInput */.Z)(get('credentials'), onSecret);
    const version = get('version').trim();
    const booleanInput = (name) => (0,inputs/* parseBoolean */.yG)(name, get(name).trim(), false);
    const azure = (0,azure_login/* parseAzureLogin */.c)(get);
    const where = whereTo(get, env, credentials, onSecret);
    const devTags = booleanInput('dev-tags');
    const branchTags = parseBranchTags(get('branch-tags'));
    const devUntag = booleanInput('dev-untag');
    if (devUntag && (devTags || branchTags.size > 0)) {
        throw new inputs/* InputError */.dz(`dev-untag, ${devTags ? 'dev-tags' : 'branch-tags'}: dev-untag leaves each dev build ` +
            'untagged so that ACR retention collects it, and tagged dev builds are never collected; ' +
            'choose one (the cleanup action deletes old tagged dev builds, see cleanup/README.md)');
    }
    const sigstore = parseSigningInputs(get);
    const chartIndexFile = get('chart-index-file').trim();
    const chartIndex = (0,inputs/* parseBoolean */.yG)('chart-index', get('chart-index').trim(), true);
    if (chartIndexFile && !chartIndex) {
        throw new inputs/* InputError */.dz('chart-index-file: set, but `chart-index` is false, so there is no index to write; ' +
            'drop one of them');
    }
    return {
        ...(imageText && { image: (0,inputs/* wrap */.LV)('image', () => (0,reference/* parseSourceReference */.O$)(imageText, 'image')) }),
        ...(chart && { chart }),
        chartRepository: get('chart-repository') || DEFAULT_CHART_REPOSITORY,
        mirrorCharts: booleanInput('mirror-charts'),
        repository: (0,inputs/* wrap */.LV)('repository', () => (0,reference/* parseRepository */.SU)(get('repository') || defaultRepository(env), 'repository')),
        ...where,
        credentials,
        build: (0,inputs/* oneOf */.yL)('build', get('build').trim() || 'auto', ['auto', 'dev', 'release']),
        ...(version !== '' && { version }),
        tagPrefix: get('tag-prefix'),
        tags: get('tags')
            .split('\n')
            .map((t) => t.trim())
            .filter(Boolean),
        tagSuffix: parseTagSuffix(get('tag-suffix')),
        devTags,
        branchTags,
        floatingTags: (0,inputs/* oneOf */.yL)('floating-tags', get('floating-tags').trim() || 'forward', [
            'forward',
            'always',
        ]),
        overwrite: booleanInput('overwrite'),
        visibility: (0,inputs/* oneOf */.yL)('visibility', get('visibility').trim() || 'auto', [
            'auto',
            'public',
            'private',
        ]),
        dryRun: booleanInput('dry-run'),
        githubToken: get('github-token') || env.GITHUB_TOKEN || '',
        ...(azure && { azure }),
        lock: booleanInput('lock'),
        devUntag,
        referrers: parseReferrersPolicy(get('referrers')),
        signing: sigstore.policy,
        sigstore,
        chartIndex,
        ...(chartIndexFile && { chartIndexFile }),
    };
}
/**
 * The registries and mirrors, from `registries` and `mirrors`, or from `registries-data` (the
 * orb's format) in place of `registries`: its credentials join `credentials` (a host in both
 * is an error), and its Aliyun lines join the mirrors.
 */
function whereTo(get, env, credentials, onSecret) {
    const registriesText = get('registries');
    const mirrors = parseRegistryLines(get('mirrors'), 'mirrors');
    const dataText = get('registries-data');
    if (dataText.trim() === '') {
        return {
            registries: parseRegistryLines(registriesInput(get), 'registries'),
            ...(registriesText.trim() === '' && { registriesDefaulted: true }),
            mirrors,
        };
    }
    // The action always has `registries` (action.yml's default): only the default may stand
    // beside `registries-data`, which then replaces it.
    if (registriesText.trim() !== '' && !isDefaultRegistries(registriesText)) {
        throw new inputs/* InputError */.dz('registries, registries-data: both are set; give the registries one way, as lines of ' +
            "`registries` or as the orb's `registries-data`");
    }
    const data = parseRegistriesData(dataText, env, onSecret);
    for (const [host, credential] of data.credentials) {
        if (credentials.has(host)) {
            throw new inputs/* InputError */.dz(`credentials, registries-data: ${host} has a credential in both; give it in one of them`);
        }
        credentials.set(host, credential);
    }
    for (const line of data.mirrors) {
        if (mirrors.some((m) => m.host === line.host)) {
            throw new inputs/* InputError */.dz(`mirrors, registries-data: ${line.host} is in both (an Aliyun host in the registries ` +
                'data is a mirror already); list it once');
        }
    }
    return {
        registries: data.registries,
        mirrors: [...mirrors, ...data.mirrors],
        ...(data.warnings.length > 0 && { inputWarnings: data.warnings }),
    };
}
function isDefaultRegistries(text) {
    const lines = (value) => value
        .split('\n')
        .map((l) => l.trim().split(/\s+/).join(' '))
        .filter(Boolean)
        .join('\n');
    return lines(text) === lines(DEFAULT_REGISTRIES);
}
/** `tag-suffix`: appended verbatim to every image tag, so it is what a tag may hold. */
function parseTagSuffix(text) {
    const suffix = text.trim();
    if (!/^[A-Za-z0-9_.-]{0,100}$/.test(suffix)) {
        throw new inputs/* InputError */.dz(`tag-suffix: "${suffix}" can't be part of a tag: use up to 100 of [A-Za-z0-9_.-], e.g. -python`);
    }
    return suffix;
}
/** `branch-tags`: one `BRANCH=TAG` per line (or comma on the CLI), e.g. `main=latest`. */
function parseBranchTags(text) {
    const tags = new Map();
    for (const [i, raw] of text.split('\n').entries()) {
        const entry = raw.replace(/#.*/, '').trim();
        if (!entry)
            continue;
        const where = `branch-tags line ${i + 1}`;
        const eq = entry.indexOf('=');
        const branch = entry.slice(0, Math.max(eq, 0)).trim();
        const tag = entry.slice(eq + 1).trim();
        if (eq <= 0 || !branch || /\s/.test(branch) || !(0,reference/* isTag */.dz)(tag)) {
            throw new inputs/* InputError */.dz(`${where}: "${entry}" is not BRANCH=TAG (a branch name, then a tag of up to 128 of ` +
                "[A-Za-z0-9_.-]), e.g. main=latest as the orb's tag-latest-branch: main tagged it");
        }
        if (tags.has(branch))
            throw new inputs/* InputError */.dz(`${where}: the branch ${branch} has a second tag`);
        tags.set(branch, tag);
    }
    return tags;
}
/**
 * `true` (or empty): every referrer; `false`: none; otherwise artifactTypes, one per line or
 * comma-separated, e.g. `application/vnd.dev.sigstore.bundle.v0.3+json`.
 */
function parseReferrersPolicy(text) {
    const value = text.trim();
    if (value === '' || /^(true|false)$/i.test(value))
        return (0,inputs/* parseBoolean */.yG)('referrers', value, true);
    const types = value
        .split(/[\n,]/)
        .map((t) => t.trim())
        .filter(Boolean);
    for (const type of types) {
        // A media type: type/subtype (RFC 6838), as artifactType must be (image-spec manifest.md).
        if (!/^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*$/.test(type)) {
            throw new inputs/* InputError */.dz(`referrers: "${type}" is not an artifactType (a media type such as ` +
                '`application/vnd.dev.sigstore.bundle.v0.3+json`); write true, false, or artifactTypes ' +
                'one per line');
        }
    }
    return types;
}
/**
 * `registries`, or the defaults when it was left out. Given but blank (`registries: ''`, an
 * unset variable, `--registries ''`) is an input error: falling back would push somewhere
 * the user never named (issue #25).
 */
function registriesInput(get) {
    const text = get('registries');
    if (text.trim() !== '')
        return text;
    if (get.given?.('registries')) {
        throw new inputs/* InputError */.dz('registries: given, but empty (an unset variable in `registries: ${{ … }}` gives this); ' +
            'name at least one registry line, e.g. `gsoci.azurecr.io dev`, or leave the input out ' +
            `for the defaults (${DEFAULT_REGISTRIES.replace(/\n/g, ', ')})`);
    }
    return DEFAULT_REGISTRIES;
}
/** `giantswarm/<GitHub repository name>`, lowercased as registries require. */
function defaultRepository(env) {
    const name = env.GITHUB_REPOSITORY?.split('/')[1];
    if (!name) {
        throw new inputs/* InputError */.dz('repository: no value given and GITHUB_REPOSITORY is not set; set `repository`');
    }
    return `giantswarm/${name.toLowerCase()}`;
}
function parseRegistryLines(text, input) {
    const lines = [];
    for (const [i, raw] of text.split('\n').entries()) {
        const words = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
        const [host, ...flags] = words;
        if (!host)
            continue;
        const where = `${input} line ${i + 1}`;
        if (words.some((word) => word.includes('@'))) {
            // `https://user:password@host`: never echo it, the password is in it.
            throw new inputs/* InputError */.dz(`${where} has a user name or password in it (a word with "@"); it is not shown, as ` +
                'it may hold a secret. Write the host alone (HOST[:PORT]) and put the credential in ' +
                '`credentials` (HOST=USERNAME:PASSWORD)');
        }
        const line = {
            host: (0,inputs/* wrap */.LV)(input, () => (0,reference/* parseHost */.o6)(host, where)),
            dev: false,
            insecure: false,
            acr: (0,keyless/* isAcrHost */.n0)(host),
        };
        for (const flag of flags) {
            if (flag === 'dev')
                line.dev = true;
            else if (flag === 'insecure')
                line.insecure = true;
            else if (flag === 'acr')
                line.acr = true;
            else if (flag.startsWith('timeout='))
                line.timeoutSeconds = timeoutSeconds(flag, where);
            else if ((0,plan/* lineVisibility */.DY)(flag)) {
                if (line.visibility && line.visibility !== (0,plan/* lineVisibility */.DY)(flag)) {
                    throw new inputs/* InputError */.dz(`${where}: "${raw.trim()}" is marked both public and private; a line that ` +
                        'takes public and private repositories is marked public/private');
                }
                line.visibility = (0,plan/* lineVisibility */.DY)(flag);
            }
            else {
                throw new inputs/* InputError */.dz(`${where}: unknown flag "${flag}" in "${raw.trim()}"; a line is HOST [dev] ` +
                    '[public|private|public/private] [insecure] [acr] [timeout=SECONDS]');
            }
        }
        if (lines.some((l) => l.host === line.host)) {
            throw new inputs/* InputError */.dz(`${where}: ${line.host} is listed twice`);
        }
        lines.push(line);
    }
    return lines;
}
/** `timeout=SECONDS` on a registries or mirrors line: a whole number from 5 to 3600. */
function timeoutSeconds(flag, where) {
    const text = flag.slice('timeout='.length);
    const seconds = Number(text);
    if (!/^\d+$/.test(text) || seconds < 5 || seconds > 3600) {
        throw new inputs/* InputError */.dz(`${where}: "${flag}" is not timeout=SECONDS with a whole number of seconds from 5 to ` +
            '3600 (how long the registry may take to answer)');
    }
    return seconds;
}


/***/ }),

/***/ 35601:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CI: () => (/* binding */ createStatementSigner),
/* harmony export */   uJ: () => (/* binding */ SigningError),
/* harmony export */   wN: () => (/* binding */ PUBLIC_GOOD)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(34758);
/* harmony import */ var _statement_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(53803);



/**
 * The public-good instance, as cosign v3's default signing configuration names it (Fulcio,
 * Rekor and the timestamp authority; sigstore/root-signing `signing_config.v0.2.json`).
 */
const PUBLIC_GOOD = {
    fulcioUrl: 'https://fulcio.sigstore.dev',
    rekorUrl: 'https://rekor.sigstore.dev',
    tsaUrl: 'https://timestamp.sigstore.dev',
};
/** Signing failed at one of Sigstore's services; the message names which and what to do. */
class SigningError extends Error {
    name = 'SigningError';
}
/**
 * Tries per call to a service, with 1 s, 2 s, 4 s between: public-good's services flake now
 * and then (the orb retries its cosign calls for the same reason), yet a service that is
 * down must fail the run within seconds, not minutes. These are oci-push's own retries, not
 * sigstore-js's, so that a stop ends them.
 */
const ATTEMPTS = 4;
const FIRST_PAUSE_MS = 1000;
const TIMEOUT_MS = 30_000;
/**
 * A keyless signer: each statement gets a fresh key, certified by Fulcio for `token`'s
 * identity, logged in Rekor and timestamped (as configured), in a DSSE bundle (v0.3).
 * `@sigstore/sign` is loaded on first use, so a run that signs nothing never loads it.
 *
 * sigstore-js's clients take no AbortSignal, so each call to a service (Fulcio, Rekor, the
 * TSA) and each retry starts only while `signal` is not aborted, and a stop stops waiting
 * for the call in flight: the job unwinds at once, and no Sigstore request starts after it.
 */
async function createStatementSigner(services, token, signal) {
    const { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(654), __webpack_require__.e(830), __webpack_require__.e(463), __webpack_require__.e(179)]).then(__webpack_require__.bind(__webpack_require__, 15179));
    const { bundleToJSON } = await Promise.all(/* import() */[__webpack_require__.e(654), __webpack_require__.e(40)]).then(__webpack_require__.bind(__webpack_require__, 61040));
    const fetchOptions = { retry: false, timeout: TIMEOUT_MS };
    const builder = new DSSEBundleBuilder({
        signer: stoppableSigner(new FulcioSigner({
            fulcioBaseURL: services.fulcioUrl,
            identityProvider: { getToken: token },
            ...fetchOptions,
        }), signal),
        witnesses: [
            ...(services.rekorUrl
                ? [
                    new RekorWitness({
                        rekorBaseURL: services.rekorUrl,
                        entryType: 'dsse',
                        fetchOnConflict: false,
                        ...fetchOptions,
                    }),
                ]
                : []),
            ...(services.tsaUrl
                ? [new TSAWitness({ tsaBaseURL: services.tsaUrl, ...fetchOptions })]
                : []),
        ].map((witness) => stoppableWitness(witness, signal)),
    });
    return async (statement) => {
        try {
            const bundle = await builder.create({ data: statement, type: _statement_js__WEBPACK_IMPORTED_MODULE_2__/* .IN_TOTO_PAYLOAD_TYPE */ .T4 });
            return Buffer.from(JSON.stringify(bundleToJSON(bundle)));
        }
        catch (error) {
            if (signal?.aborted)
                throw signal.reason;
            throw describeSigningFailure(error, services);
        }
    };
}
function stoppableSigner(signer, signal) {
    return { sign: (data) => withRetries(() => signer.sign(data), signal) };
}
function stoppableWitness(witness, signal) {
    return { testify: (content, key) => withRetries(() => witness.testify(content, key), signal) };
}
/**
 * One call to a service, tried `ATTEMPTS` times while it fails in a way worth trying again
 * (5xx, 408, 429, or the network); each try and each pause only while not stopped.
 */
async function withRetries(call, signal) {
    for (let attempt = 1;; attempt++) {
        signal?.throwIfAborted();
        try {
            return await (0,_base_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .abandonOnStop */ .RF)(call(), signal);
        }
        catch (error) {
            if (attempt >= ATTEMPTS || signal?.aborted || !worthRetrying(error))
                throw error;
        }
        try {
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(FIRST_PAUSE_MS * 2 ** (attempt - 1), undefined, signal && { signal });
        }
        catch (error) {
            signal?.throwIfAborted();
            throw error;
        }
    }
}
/** As sigstore-js judges its own: 5xx, 408 and 429 answers, and requests that never got one. */
function worthRetrying(error) {
    const status = statusOf(error);
    if (status !== undefined)
        return status === 408 || status === 429 || status >= 500;
    let e = error;
    while (e?.cause)
        e = e.cause;
    return e?.name === 'FetchError';
}
/** Which service failed, with its answer, and what to do; never the token. */
function describeSigningFailure(error, services) {
    const code = error.code;
    const status = statusOf(error);
    const answer = innermost(error);
    const service = code === 'CA_CREATE_SIGNING_CERTIFICATE_ERROR'
        ? `Fulcio (${services.fulcioUrl}) did not certify the signing key`
        : code === 'TLOG_CREATE_ENTRY_ERROR'
            ? `Rekor (${services.rekorUrl}) did not log the signature`
            : code === 'TSA_CREATE_TIMESTAMP_ERROR'
                ? `the timestamp authority (${services.tsaUrl}) did not timestamp the signature`
                : code === 'IDENTITY_TOKEN_READ_ERROR' || code === 'IDENTITY_TOKEN_PARSE_ERROR'
                    ? 'no usable OIDC token for Sigstore'
                    : 'signing failed';
    const fix = code === 'CA_CREATE_SIGNING_CERTIFICATE_ERROR' && (status === 400 || status === 401)
        ? 'Fulcio refuses the OIDC token: it must have the audience `sigstore` and come from an ' +
            'issuer Fulcio trusts (on GitHub, `permissions: id-token: write`; on CircleCI, ' +
            '`circleci run oidc get --claims \'{"aud":"sigstore"}\' --root-issuer`)'
        : status !== undefined && status >= 500
            ? 'the service is failing; run again later, or check its status page'
            : 'check the URL inputs (`fulcio-url`, `rekor-url`, `tsa-url`) and that the runner ' +
                'can reach them';
    return new SigningError(`${service}${status !== undefined ? ` (HTTP ${status})` : ''}: ${answer}. ${fix}`, { cause: error });
}
function statusOf(error) {
    for (let e = error; e; e = e.cause) {
        const status = e.statusCode;
        if (typeof status === 'number')
            return status;
    }
    return undefined;
}
/** The deepest cause's message: the service's own words, or the network's. */
function innermost(error) {
    let e = error;
    while (e?.cause)
        e = e.cause;
    return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 300);
}


/***/ }),

/***/ 53803:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ot: () => (/* binding */ PredicateType),
/* harmony export */   T4: () => (/* binding */ IN_TOTO_PAYLOAD_TYPE),
/* harmony export */   b5: () => (/* binding */ sbomStatement),
/* harmony export */   cO: () => (/* binding */ readStatement),
/* harmony export */   q$: () => (/* binding */ signatureStatement)
/* harmony export */ });
/**
 * The in-toto statements oci-push signs, wrapped in a DSSE envelope (the bundle's content),
 * shaped as cosign v3 shapes them so its verifiers read them as their own.
 */
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const PredicateType = {
    /** `cosign sign` in the bundle format (sigstore/cosign `pkg/types/predicate.go`). */
    cosignSign: 'https://sigstore.dev/cosign/sign/v1',
    /** `cosign attest --type spdxjson` (in-toto `PredicateSPDX`). */
    spdx: 'https://spdx.dev/Document',
};
/**
 * What `cosign sign` signs in the bundle format (`cmd/cosign/cli/sign/sign.go`
 * signDigestBundle): a v1 statement whose only subject is the digest, with no name, so
 * one signature holds on every registry the manifest is pushed to.
 */
function signatureStatement(digest) {
    return Buffer.from(JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ digest: digestMap(digest) }],
        predicateType: PredicateType.cosignSign,
        predicate: {},
    }));
}
/**
 * What `cosign attest --type spdxjson --predicate SBOM` signs (`pkg/cosign/attestation`
 * generateSPDXStatement): a v0.1 statement over the SPDX document. cosign names the subject
 * with the registry's repository; every target shares the repository path, so that is the
 * name here, and the signature holds on all of them.
 */
function sbomStatement(digest, repository, sbom) {
    return Buffer.from(JSON.stringify({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType: PredicateType.spdx,
        subject: [{ name: repository, digest: digestMap(digest) }],
        predicate: sbom,
    }));
}
/**
 * The digests a statement's subjects name, its predicate type and its predicate; throws on
 * anything else.
 */
function readStatement(payload) {
    const json = JSON.parse(payload.toString('utf8'));
    if (!Array.isArray(json.subject) || typeof json.predicateType !== 'string') {
        throw new Error('the signed payload is not an in-toto statement');
    }
    const digests = json.subject.flatMap((s) => typeof s?.digest?.sha256 === 'string' ? [`sha256:${s.digest.sha256}`] : []);
    return { digests, predicateType: json.predicateType, predicate: json.predicate };
}
function digestMap(digest) {
    return { sha256: digest.slice('sha256:'.length) };
}


/***/ })

};

//# sourceMappingURL=454.index.js.map