export const id = 62;
export const ids = [62];
export const modules = {

/***/ 71062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: ./src/registry/user-agent.ts
var user_agent = __webpack_require__(69808);
// EXTERNAL MODULE: ./src/jobs/catalog-report.ts
var catalog_report = __webpack_require__(9522);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/jobs/exit-codes.ts
var exit_codes = __webpack_require__(86033);
// EXTERNAL MODULE: ./src/jobs/interrupt.ts
var interrupt = __webpack_require__(75179);
// EXTERNAL MODULE: ./src/base/workflow-commands.ts
var workflow_commands = __webpack_require__(96215);
// EXTERNAL MODULE: ./src/jobs/progress.ts
var progress = __webpack_require__(78857);
;// CONCATENATED MODULE: ./src/cli/console.ts


/** Without a terminal, at most one progress line per registry this often, as in the action. */
const PROGRESS_INTERVAL_MS = 5_000;
/** On a terminal, the progress line is redrawn at most this often. */
const REDRAW_MS = 100;
/**
 * Everything the CLI prints goes through here, so every secret handed to `secret` (passwords,
 * tokens) is replaced by `***` in every line, on stderr and stdout alike: the CLI's own
 * `::add-mask::`. In a GitHub Actions step (`GITHUB_ACTIONS=true`), a human line that a
 * runner could read as a workflow command (a registry's words, a name it listed) is printed
 * between `::stop-commands::` markers, as the action prints it. Machine output (`--json -`)
 * is data for a pipe or a file and is left byte for byte as it is.
 */
class CliConsole {
    io;
    verbose;
    secrets = new Set();
    progressLines = new Map();
    progressShown = false;
    lastDraw = 0;
    throttle;
    inWorkflowStep;
    constructor(io, verbose = false) {
        this.io = io;
        this.verbose = verbose;
        this.inWorkflowStep = io.env.GITHUB_ACTIONS === 'true';
        this.throttle = new progress/* ProgressThrottle */.w(PROGRESS_INTERVAL_MS, (line) => this.line(line));
    }
    /** The secret sink: from now on this value is never printed. */
    secret = (value) => {
        if (value)
            this.secrets.add(value);
    };
    redact(text) {
        // Longest first, so a secret that contains another is hidden whole.
        const secrets = [...this.secrets].sort((a, b) => b.length - a.length);
        return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
    }
    /** One line of human output, on stderr. */
    line = (text) => {
        this.clearProgress();
        const redacted = this.redact(text);
        const lines = this.inWorkflowStep ? (0,workflow_commands/* commandFreeLines */.F)(redacted) : [redacted];
        for (const line of lines)
            this.io.stderr.write(`${line}\n`);
        this.drawProgress();
    };
    logger = {
        debug: (message) => {
            if (this.verbose)
                this.line(`debug: ${message}`);
        },
        info: (message) => this.line(message),
        warning: (message) => this.line(`warning: ${message}`),
    };
    /** Machine output (`--json -`), on stdout. */
    stdout(text) {
        this.io.stdout.write(this.redact(text));
    }
    /** One registry's progress: in place on a terminal, else a line now and then. */
    progress(key, text) {
        if (!this.io.isTTY) {
            this.throttle.update(key, text);
            return;
        }
        this.progressLines.set(key, text());
        const now = Date.now();
        if (now - this.lastDraw < REDRAW_MS)
            return;
        this.lastDraw = now;
        this.clearProgress();
        this.drawProgress();
    }
    /** The uploads are over: the progress line goes away. */
    endProgress() {
        this.clearProgress();
        this.progressLines.clear();
    }
    drawProgress() {
        if (!this.io.isTTY || this.progressLines.size === 0)
            return;
        const width = (this.io.stderr.columns ?? 100) - 1;
        const text = this.redact([...this.progressLines.values()].join(' · '));
        this.io.stderr.write(text.length > width ? `${text.slice(0, width - 1)}…` : text);
        this.progressShown = true;
    }
    clearProgress() {
        if (!this.progressShown)
            return;
        // Back to the start of the line, and erase it.
        this.io.stderr.write('\r\x1b[2K');
        this.progressShown = false;
    }
}
/** Plain-text columns, the last one unpadded; a cell with several lines takes several rows. */
function formatTable(header, rows) {
    const expanded = [];
    for (const row of [header, ...rows]) {
        const height = Math.max(...row.map((cell) => cell.split('\n').length));
        for (let i = 0; i < height; i++)
            expanded.push(row.map((cell) => cell.split('\n')[i] ?? ''));
    }
    const widths = header.map((_, c) => Math.max(...expanded.map((r) => (r[c] ?? '').length)));
    return expanded
        .map((r) => r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd())
        .join('\n');
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/jobs/inputs.ts
var jobs_inputs = __webpack_require__(91115);
;// CONCATENATED MODULE: ./src/cli/flags.ts


/** Inputs that hold a list, one item per line: on the command line a comma separates items too. */
const LIST_INPUTS = new Set(['registries', 'mirrors', 'tags', 'repositories', 'branch-tags']);
/** Inputs that are never flags, because their values are secrets: `ps` would show them. */
const ENV_ONLY_INPUTS = { credentials: 'OCI_PUSH_CREDENTIALS' };
/** A wrong command line: unknown flag, bad value, missing argument. Exit code 2. */
class UsageError extends jobs_inputs/* InputError */.dz {
    name = 'UsageError';
}
/**
 * Says where an argument that is not a flag is, never what it is: `--password-stdin PW`
 * puts a password there, and parseArgs's own message quotes it.
 */
function unexpectedArgument(args, options) {
    const { tokens = [] } = (0,external_node_util_.parseArgs)({
        args,
        options,
        strict: false,
        allowPositionals: true,
        allowNegative: true,
        tokens: true,
    });
    const token = tokens.find((t) => t.kind === 'positional');
    const after = token && tokens[tokens.indexOf(token) - 1];
    const where = token ? `argument ${token.index + 1}` : 'an argument';
    const previous = after?.kind === 'option' ? `, after --${after.name},` : '';
    return (`${where}${previous} is not a flag (it is not shown, as it may be a secret). Flags take ` +
        'their values as --flag VALUE; a boolean flag such as --password-stdin takes none: the ' +
        'password is read from stdin (echo "$TOKEN" | oci-push push --username U --password-stdin)');
}
/** `dry-run` → `OCI_PUSH_DRY_RUN`. */
function envName(flag) {
    return `OCI_PUSH_${flag.toUpperCase().replace(/-/g, '_')}`;
}
function parseFlags(specs, args, env) {
    const options = Object.fromEntries(specs.map((s) => [
        s.name,
        {
            type: s.type,
            ...(s.multiple && { multiple: true }),
            ...(s.short && { short: s.short }),
        },
    ]));
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({
            args,
            options,
            strict: true,
            allowPositionals: false,
            allowNegative: true,
            tokens: true,
        });
    }
    catch (error) {
        if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
            throw new UsageError(unexpectedArgument(args, options));
        }
        // The other messages name only the flag, never a value.
        throw new UsageError(error.message);
    }
    // parseArgs keeps the last of a repeated single-value flag; two values is a mistake to name.
    const seen = new Set();
    for (const token of parsed.tokens ?? []) {
        if (token.kind !== 'option')
            continue;
        const spec = specs.find((s) => s.name === token.name);
        if (spec && !spec.multiple && seen.has(spec.name)) {
            throw new UsageError(`--${spec.name} is given twice; give it once`);
        }
        seen.add(token.name);
    }
    const values = parsed.values;
    const fromCommandLine = (spec) => {
        const value = values[spec.name];
        if (value === undefined)
            return [];
        if (typeof value === 'boolean')
            return [String(value)];
        return Array.isArray(value) ? value : [value];
    };
    const fromEnv = (spec) => {
        const value = env[envName(spec.name)];
        return value === undefined || value === '' ? [] : [value];
    };
    const inputOf = (spec) => spec.input ?? spec.name;
    const specOf = (name) => {
        const spec = specs.find((s) => s.name === name);
        if (!spec)
            throw new Error(`no flag --${name}`);
        return spec;
    };
    const input = (name) => {
        const feeding = specs.filter((s) => inputOf(s) === name);
        if (feeding.length === 0) {
            const variable = ENV_ONLY_INPUTS[name];
            return variable ? (env[variable] ?? '') : '';
        }
        // The command line wins over the environment for the whole input, in every spelling.
        let found = feeding.flatMap(fromCommandLine);
        if (found.length === 0)
            found = feeding.flatMap(fromEnv);
        if (LIST_INPUTS.has(name))
            found = found.flatMap((v) => v.split(/[\n,]/));
        return found.join('\n');
    };
    // Given at all: on the command line (even as `--registries ''`), or its variable set (even
    // to nothing, as an unset CI variable expands).
    input.given = (name) => specs
        .filter((s) => inputOf(s) === name)
        .some((s) => fromCommandLine(s).length > 0 || env[envName(s.name)] !== undefined);
    return {
        string: (name) => {
            const spec = specOf(name);
            return [...fromCommandLine(spec), ...fromEnv(spec)][0];
        },
        boolean: (name) => {
            const spec = specOf(name);
            const given = fromCommandLine(spec)[0];
            if (given !== undefined)
                return given === 'true';
            const variable = fromEnv(spec)[0];
            if (variable === undefined)
                return false;
            if (/^true$/i.test(variable))
                return true;
            if (/^false$/i.test(variable))
                return false;
            throw new UsageError(`${envName(name)}: "${variable}" is not true or false`);
        },
        input,
        hint: (name) => {
            const variable = ENV_ONLY_INPUTS[name];
            if (variable)
                return variable;
            const feeding = specs.filter((s) => inputOf(s) === name);
            if (feeding.length === 0)
                return undefined;
            const flags = feeding.map((s) => `--${s.name}`);
            const last = envName(feeding[0]?.name ?? name);
            return `${flags.join(', ')} or ${last}`;
        },
    };
}
/**
 * An input parser's message starts with the input's name (`registries line 2: …`); the CLI
 * adds where that input is set on the command line.
 */
function withFlagHint(message, flags) {
    const match = /^([a-z][a-z-]*)/.exec(message);
    const hint = match?.[1] ? flags.hint(match[1]) : undefined;
    return hint ? `${message} (set with ${hint})` : message;
}
/** `--help` for one command: its flags, two columns, wrapped to 100. */
function formatFlags(specs) {
    const left = specs.map((s) => {
        const short = s.short ? `-${s.short}, ` : '    ';
        const value = s.type === 'string' ? ` ${s.value ?? 'VALUE'}` : '';
        return `  ${short}--${s.name}${value}`;
    });
    const width = Math.max(...left.map((l) => l.length)) + 2;
    return specs
        .map((s, i) => {
        const words = s.help.split(' ');
        const lines = [];
        let line = '';
        for (const word of words) {
            if (line && width + line.length + word.length + 1 > 100) {
                lines.push(line);
                line = word;
            }
            else
                line = line ? `${line} ${word}` : word;
        }
        lines.push(line);
        return [
            (left[i] ?? '').padEnd(width) + (lines[0] ?? ''),
            ...lines.slice(1).map((l) => ' '.repeat(width) + l),
        ].join('\n');
    })
        .join('\n');
}

// EXTERNAL MODULE: ./src/registry/http.ts
var http = __webpack_require__(58851);
;// CONCATENATED MODULE: ./src/cli/id-token.ts


/**
 * The OIDC token keyless Azure login exchanges, wherever the CLI runs:
 * - GitHub Actions (`permissions: id-token: write`): asked for with the audience, as
 *   `core.getIDToken` does, from `ACTIONS_ID_TOKEN_REQUEST_URL`;
 * - `OCI_PUSH_ID_TOKEN`: a token minted by the caller;
 * - CircleCI: `CIRCLE_OIDC_TOKEN_V2`, whose audience is the CircleCI organization's id (the
 *   federated credential must expect that audience; set `--azure-audience` to match).
 */
async function cliIdToken(env, audience, 
/** The job's stop: the request to GitHub's token service ends with it. */
signal) {
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (url && bearer) {
        // The registries' transport: the same proxy variables (HTTPS_PROXY, NO_PROXY) apply.
        const send = (0,http/* createTransport */.oO)({ userAgent: user_agent/* USER_AGENT */._, proxyEnv: env, signal });
        const response = await send({
            method: 'GET',
            url: new URL(`${url}&audience=${encodeURIComponent(audience)}`),
            headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
        });
        const body = await response.text();
        if (response.status !== 200) {
            throw new Error(`GitHub's OIDC token service answered ${response.status}; the job needs ` +
                '`permissions: id-token: write`');
        }
        const { value } = parseJson(body);
        if (typeof value !== 'string' || !value) {
            throw new Error("GitHub's OIDC token service answered without a token");
        }
        return value;
    }
    const given = env.OCI_PUSH_ID_TOKEN || env.CIRCLE_OIDC_TOKEN_V2;
    if (given)
        return given;
    throw new Error('there is no OIDC token here: run in GitHub Actions with `permissions: id-token: write`, ' +
        'in a CircleCI job (CIRCLE_OIDC_TOKEN_V2), or set OCI_PUSH_ID_TOKEN; on a laptop, ' +
        '`az acr login --name REGISTRY` stores a credential in the docker config instead');
}
function parseJson(body) {
    try {
        return JSON.parse(body);
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./src/cli/run.ts








/** Keyless Azure login, as every action spells it (src/jobs/azure-login.ts parses them). */
const AZURE_FLAGS = [
    {
        name: 'azure-client-id',
        type: 'string',
        value: 'GUID',
        help: "Keyless ACR login: the Entra app's client id (with --azure-tenant-id and an OIDC token).",
    },
    { name: 'azure-tenant-id', type: 'string', value: 'ID', help: 'The Entra tenant id.' },
    {
        name: 'azure-authority-host',
        type: 'string',
        value: 'URL',
        help: 'The Entra authority for sovereign clouds.',
    },
    {
        name: 'azure-audience',
        type: 'string',
        value: 'AUD',
        help: "The OIDC token's audience. Default api://AzureADTokenExchange.",
    },
];
/** Flags every command takes. */
const COMMON_FLAGS = [
    {
        name: 'json',
        type: 'string',
        value: 'FILE',
        help: "Write the action's `result` JSON to FILE, or to stdout with -.",
    },
    { name: 'verbose', type: 'boolean', help: 'Debug lines too (HTTP requests, retries).' },
    { name: 'help', type: 'boolean', short: 'h', help: 'This help.' },
];
const EXIT_CODES = `Exit codes (the same from every command and action; docs/exit-codes.md):
  0    success (a mirror may have warned)
  1    a required registry failed (or a credential helper, or the source could not be read)
  2    a usage or input error (unknown flag, bad value, config, no plan can be made)
  3    a release was refused (an immutable tag holds another digest, or it is locked), or
       the sync found drift, and nothing else failed
  130  stopped by SIGINT (Ctrl-C); 143 stopped by SIGTERM: uploads cancelled, temporary
       files removed, the summary and --json written`;
const ENVIRONMENT = `Every flag may also be set as OCI_PUSH_<NAME> (upper case, - as _): --dry-run is
OCI_PUSH_DRY_RUN=true, --registries is OCI_PUSH_REGISTRIES. A flag on the command line wins.
Boolean flags: --dry-run sets it, --no-dry-run clears it (over the variable).`;
function commandHelp(usage, specs) {
    return `${usage}\n\nFlags:\n${formatFlags(specs)}\n\n${ENVIRONMENT}\n\n${EXIT_CODES}\n`;
}
/**
 * Runs one command as every command runs: parses its flags, prints `--help`, lends the job
 * its context (the console as logger and secret sink, the CLI's OIDC token, TMPDIR, a stop
 * on SIGINT/SIGTERM), prints the outcome, writes `--json`, and returns the job's exit code
 * (docs/exit-codes.md). What is thrown becomes the command's failed outcome: a message on
 * stderr, `--json` all the same, and the code its error maps to (2 for usage and input).
 * Every line goes through the console, so no secret it was told of is printed.
 */
async function runJobCommand(io, { name: command, usage, flags: specs }, args, job) {
    let out = new CliConsole(io);
    let flags;
    try {
        flags = parseFlags(specs, args, io.env);
    }
    catch (error) {
        sayFailed(out, command, error.message, true);
        return (0,exit_codes/* exitCodeForError */.Lo)(error);
    }
    if (flags.boolean('help')) {
        io.stdout.write(commandHelp(usage, specs));
        return 0;
    }
    out = new CliConsole(io, flags.boolean('verbose'));
    const shown = out;
    const stops = (0,interrupt/* listenForStops */.w)({
        // Ctrl-C once tidies up; twice leaves at once.
        secondSignalExits: true,
        onStop: (signal) => shown.line(`${signal}: stopping; cancelling uploads and tidying up (again to quit now)`),
    });
    let outcome;
    try {
        const finished = await job.run(flags, {
            env: io.env,
            log: out.logger,
            onSecret: out.secret,
            phase: (_name, work) => work(),
            getIdToken: (audience) => cliIdToken(io.env, audience, stops.signal),
            tempDir: io.env.TMPDIR || (0,external_node_os_.tmpdir)(),
            signal: stops.signal,
        }, out);
        out.endProgress();
        job.render(finished, out);
        outcome = finished;
        if (outcome.report.failure)
            out.line(`error: ${outcome.report.failure}`);
    }
    catch (error) {
        out.endProgress();
        outcome = job.failed(error);
        const message = error instanceof Error ? error.message : String(error);
        sayFailed(out, command, message, outcome.exitCode === exit_codes/* EXIT */.dc.input, flags);
    }
    finally {
        stops.dispose();
    }
    const json = flags.string('json');
    if (json) {
        try {
            await writeJson(json, outcome.report.outputs.result ?? '', io, out);
        }
        catch (error) {
            out.line(`oci-push ${command}: ${error.message}`);
            return outcome.exitCode === exit_codes/* EXIT */.dc.ok ? exit_codes/* EXIT */.dc.failed : outcome.exitCode;
        }
    }
    return outcome.exitCode;
}
/**
 * Runs a command that is not a job (`sync convert`): its flags, `--help`, and what is thrown
 * turned into a message on stderr and the exit code its error maps to (docs/exit-codes.md).
 */
async function runGuarded(io, { name: command, usage, flags: specs }, args, work) {
    let out = new CliConsole(io);
    let flags;
    try {
        flags = parseFlags(specs, args, io.env);
        if (flags.boolean('help')) {
            io.stdout.write(commandHelp(usage, specs));
            return 0;
        }
        out = new CliConsole(io, flags.boolean('verbose'));
        return await work(flags, out);
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const code = (0,exit_codes/* exitCodeForError */.Lo)(error);
        sayFailed(out, command, message, code === exit_codes/* EXIT */.dc.input, flags);
        return code;
    }
}
/**
 * How a command that failed says so: its message, and for a usage or input error the flag
 * it is about (once the flags are parsed) and where to read about its flags.
 */
function sayFailed(out, command, message, inputError, flags) {
    out.line(`oci-push ${command}: ${inputError && flags ? withFlagHint(message, flags) : message}`);
    if (inputError)
        out.line(`Run \`oci-push ${command} --help\` for its flags.`);
}
/** Reads stdin whole, up to `limit` bytes: more is refused, never held (a password is short). */
async function readStdin(stdin, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of stdin) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += buffer.length;
        if (size > limit) {
            // Stop reading: the rest is never buffered.
            stdin.destroy?.();
            throw new StdinTooLargeError(limit);
        }
        chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
}
class StdinTooLargeError extends Error {
    limit;
    constructor(limit) {
        super(`stdin holds more than ${limit} bytes`);
        this.limit = limit;
    }
}
/** `--json FILE` or `--json -`: the `result` JSON, exactly as the action's output holds it. */
async function writeJson(target, json, io, out) {
    if (target === '-') {
        out.stdout(`${json}\n`);
        return;
    }
    const path = (0,external_node_path_.resolve)(io.cwd, target);
    try {
        await (0,promises_.writeFile)(path, `${out.redact(json)}\n`);
    }
    catch (error) {
        throw new Error(`--json: ${path} can't be written: ${error.message}`, {
            cause: error,
        });
    }
}

;// CONCATENATED MODULE: ./src/cli/catalog.ts


const CATALOG_FLAGS = [
    {
        name: 'registry',
        type: 'string',
        value: 'HOST',
        help: 'The registry whose charts to index: HOST [insecure] [acr], e.g. gsoci.azurecr.io.',
    },
    {
        name: 'namespace',
        type: 'string',
        value: 'PATH',
        help: "The chart namespace (the push's chart-repository); its charts are PATH/NAME. Default charts/giantswarm.",
    },
    {
        name: 'charts',
        type: 'string',
        value: 'NAMES',
        help: "Read these charts (comma-separated) instead of the registry's catalog, for registries that don't list their repositories.",
    },
    {
        name: 'out',
        type: 'string',
        value: 'FILE',
        help: 'Write index.yaml to FILE, e.g. for GitHub Pages.',
    },
    {
        name: 'write',
        type: 'boolean',
        help: 'Store the index in the registry, at NAMESPACE:latest, replacing the one there.',
    },
    ...AZURE_FLAGS,
    ...COMMON_FLAGS,
];
const USAGE = `Usage: oci-push catalog --registry HOST [--namespace PATH] [--out FILE] [--write]

Builds the Helm repository index (index.yaml) of every chart version in a registry's chart
namespace, from scratch: the registry's catalog, each chart's tags, each version's config.
Its URLs are oci://HOST/PATH/NAME:VERSION, which helm 3.17+ pulls. A version that can't be
read is reported and left out. See docs/helm-index.md. Credentials as for push:
OCI_PUSH_CREDENTIALS, then the docker config, then keyless ACR login.`;
const CATALOG = { name: 'catalog', usage: USAGE, flags: CATALOG_FLAGS };
/** `oci-push catalog`: the catalog job, on the job context every command runs with. */
function catalogCommand(args, io) {
    return runJobCommand(io, CATALOG, args, {
        run: async (flags, context, out) => {
            // Charts bring yaml and tar: a run of another command never loads them.
            const { parseCatalogInputs, runCatalog } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(697), __webpack_require__.e(685), __webpack_require__.e(352), __webpack_require__.e(403)]).then(__webpack_require__.bind(__webpack_require__, 56403));
            const inputs = parseCatalogInputs(flags.input, io.cwd, out.secret);
            return runCatalog(inputs, {
                ...context,
                phase: async (name, work) => {
                    out.line(`== ${name}`);
                    return work();
                },
            });
        },
        failed: catalog_report/* catalogFailureOutcome */.u,
        render: ({ report }, out) => {
            out.line('');
            out.line(report.summary);
        },
    });
}

// EXTERNAL MODULE: ./src/jobs/cleanup.ts + 4 modules
var cleanup = __webpack_require__(26676);
// EXTERNAL MODULE: ./src/jobs/cleanup-inputs.ts
var cleanup_inputs = __webpack_require__(74600);
;// CONCATENATED MODULE: ./src/cli/cleanup.ts



/** One flag per input of cleanup/action.yml, under the same name. */
const CLEANUP_FLAGS = [
    {
        name: 'registry',
        type: 'string',
        value: 'HOST',
        help: 'The ACR to clean, e.g. gsoci.azurecr.io.',
    },
    {
        name: 'repositories',
        type: 'string',
        value: 'GLOBS',
        help: 'Repositories to clean, one glob per line or comma: giantswarm/* (one segment), giantswarm/** (all below); ** for every one.',
    },
    {
        name: 'older-than',
        type: 'string',
        value: 'AGE',
        help: 'Only what was last updated longer ago: 30m, 36h, 7d, 2w.',
    },
    {
        name: 'untagged',
        type: 'boolean',
        help: 'Delete untagged manifests older than the cut-off (the default; --no-untagged turns it off).',
    },
    {
        name: 'tag-pattern',
        type: 'string',
        value: 'REGEX',
        help: 'Also delete tags this matches as a whole (never release tags), then their manifests.',
    },
    {
        name: 'keep',
        type: 'string',
        value: 'N',
        help: 'Keep the N most recent builds of those to delete, per repository.',
    },
    { name: 'dry-run', type: 'boolean', help: 'List and plan everything; delete nothing.' },
    {
        name: 'registry-sku',
        type: 'string',
        value: 'basic|standard|premium',
        help: "The registry's tier, whose per-minute ReadOps and WriteOps the cleanup keeps under (default basic).",
    },
    ...AZURE_FLAGS,
    ...COMMON_FLAGS,
];
const cleanup_USAGE = `Usage: oci-push cleanup --registry HOST --repositories GLOBS --older-than AGE [flags]

Deletes old dev builds from an Azure Container Registry, as the cleanup action does: never a
locked manifest or tag, a manifest of a kept index, a referrer of a kept manifest, anything
newer than the cut-off, or anything in a repository it could not list completely. Logs in
keyless with an OIDC token (GitHub Actions, CIRCLE_OIDC_TOKEN_V2 or OCI_PUSH_ID_TOKEN).`;
const CLEANUP = { name: 'cleanup', usage: cleanup_USAGE, flags: CLEANUP_FLAGS };
/** `oci-push cleanup`: the cleanup action's job, its summary on stderr. */
function cleanupCommand(args, io) {
    return runJobCommand(io, CLEANUP, args, {
        run: (flags, context) => (0,cleanup/* runCleanup */.K)((0,cleanup_inputs/* parseCleanupInputs */.ZY)(flags.input), { ...context, now: () => new Date() }),
        failed: cleanup/* cleanupFailureOutcome */.t,
        render: ({ report }, out) => {
            for (const a of report.annotations)
                out.line(`${a.level}: ${a.message}`);
            out.line('');
            out.line(report.summary);
        },
    });
}

// EXTERNAL MODULE: ./src/jobs/push.ts + 4 modules
var push = __webpack_require__(38252);
// EXTERNAL MODULE: ./src/jobs/push-inputs.ts + 2 modules
var push_inputs = __webpack_require__(4454);
// EXTERNAL MODULE: ./src/jobs/push-report.ts
var push_report = __webpack_require__(19617);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
// EXTERNAL MODULE: ./src/oci/version.ts
var version = __webpack_require__(12829);
// EXTERNAL MODULE: ./src/jobs/git.ts
var git = __webpack_require__(90900);
;// CONCATENATED MODULE: ./src/cli/facts.ts


/**
 * What the CLI knows about the build, from the CI's variables where there are some, else
 * from the git checkout in `cwd`:
 * - GitHub Actions: `GITHUB_REF`, `GITHUB_SHA`;
 * - CircleCI: `CIRCLE_TAG` (a tag build), else `CIRCLE_BRANCH`; `CIRCLE_SHA1`; and
 *   `CIRCLE_PR_NUMBER`, which CircleCI sets only for pull requests from forks;
 * - otherwise git: a release tag `<tag-prefix>vX.Y.Z` at HEAD, else the branch.
 * The commit comes from git when the CI doesn't say.
 */
async function detectFacts(env, cwd, tagPrefix) {
    const sha = async (fromCi) => fromCi || (await (0,git/* headSha */.xF)(cwd)) || '';
    if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_REF) {
        return {
            ref: env.GITHUB_REF,
            sha: await sha(env.GITHUB_SHA),
            fromFork: false,
            workspace: cwd,
            origin: `GitHub Actions: ${env.GITHUB_REF} (GITHUB_REF)`,
        };
    }
    if (env.CIRCLECI === 'true' || env.CIRCLE_SHA1) {
        const ref = env.CIRCLE_TAG
            ? `refs/tags/${env.CIRCLE_TAG}`
            : env.CIRCLE_BRANCH
                ? `refs/heads/${env.CIRCLE_BRANCH}`
                : '';
        const fromFork = Boolean(env.CIRCLE_PR_NUMBER);
        return {
            ref,
            sha: await sha(env.CIRCLE_SHA1),
            fromFork,
            workspace: cwd,
            origin: `CircleCI: ${ref || 'no tag or branch'} (${env.CIRCLE_TAG ? 'CIRCLE_TAG' : 'CIRCLE_BRANCH'})` +
                (fromFork ? `, pull request #${env.CIRCLE_PR_NUMBER ?? ''} from a fork` : ''),
        };
    }
    const tag = releaseTagAtHead(await (0,git/* tagsAtHead */.FF)(cwd), tagPrefix);
    const branch = tag === undefined ? await (0,git/* currentBranch */.eR)(cwd) : undefined;
    const ref = tag ? `refs/tags/${tag}` : branch ? `refs/heads/${branch}` : '';
    return {
        ref,
        sha: await sha(undefined),
        fromFork: false,
        workspace: cwd,
        origin: tag
            ? `git: the tag ${tag} is at HEAD`
            : branch
                ? `git: the branch ${branch}, with no release tag at HEAD`
                : `git: no branch or release tag at HEAD in ${cwd}`,
    };
}
/**
 * Of the tags at HEAD, the release: a `<prefix>vX.Y.Z` tag, the highest first. A tag that only
 * looks like one (`v1.2`) is returned when there is no real one, so the planner can say why
 * it isn't a release rather than quietly making a dev build.
 */
function releaseTagAtHead(tags, prefix) {
    const looksLike = tags.filter((t) => t.startsWith(`${prefix}v`) && /^\d/.test(t.slice(prefix.length + 1)));
    return looksLike.find((t) => (0,version/* isStrictSemver */.i)(t.slice(prefix.length + 1))) ?? looksLike[0];
}
/**
 * The default `repository` where the action's (`giantswarm/<GitHub repository name>`) can't
 * be had: CircleCI's project name, else the name in the git checkout's `origin` URL.
 * Undefined on GitHub (the shared parser reads `GITHUB_REPOSITORY`) or when nothing says.
 */
async function defaultRepositoryName(env, cwd) {
    if (env.GITHUB_REPOSITORY)
        return undefined;
    const name = env.CIRCLE_PROJECT_REPONAME || (await (0,git/* originRepositoryName */.e_)(cwd));
    return name ? `giantswarm/${name.toLowerCase()}` : undefined;
}

;// CONCATENATED MODULE: ./src/cli/visibility.ts


/**
 * The repository's visibility for the CLI: `--visibility` when given; else, with a token
 * (`GITHUB_TOKEN`, as the orb's `generate-github-token` step sets it) and the repository's
 * name (`GITHUB_REPOSITORY`, or CircleCI's `CIRCLE_PROJECT_USERNAME`/`_REPONAME`), GitHub's
 * API says, as the orb asked it; else private, so a private repository never reaches a
 * public registry, and the plan says how to change it.
 */
async function cliVisibility(requested, token, env) {
    if (requested !== 'auto')
        return { visibility: requested, source: 'as set by --visibility' };
    const repository = env.GITHUB_REPOSITORY ||
        (env.CIRCLE_PROJECT_USERNAME && env.CIRCLE_PROJECT_REPONAME
            ? `${env.CIRCLE_PROJECT_USERNAME}/${env.CIRCLE_PROJECT_REPONAME}`
            : '');
    const assumed = (why) => ({
        visibility: 'private',
        source: `${why}, so treated as private (only lines marked private or public/private take it); ` +
            'set --visibility public (or OCI_PUSH_VISIBILITY=public) for a public repository',
        assumed: true,
    });
    if (!token || !/^[\w.-]+\/[\w.-]+$/.test(repository)) {
        return assumed('not given (and no GITHUB_TOKEN and repository name to ask GitHub with)');
    }
    const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    try {
        // The registries' transport: the same proxy variables (HTTPS_PROXY, NO_PROXY) apply.
        const send = (0,http/* createTransport */.oO)({ userAgent: user_agent/* USER_AGENT */._, proxyEnv: env });
        const response = await send({
            method: 'GET',
            url: new URL(`${api}/repos/${repository}`),
            headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' },
        });
        const body = await response.text();
        if (response.status !== 200) {
            return assumed(`unknown (the GitHub API answered ${response.status} for ${repository})`);
        }
        const data = JSON.parse(body);
        // `internal` repositories are not public: they count as private, as in the action.
        const visibility = data.visibility === 'public' || (data.visibility === undefined && data.private === false)
            ? 'public'
            : 'private';
        return { visibility, source: `from the GitHub API (${repository})` };
    }
    catch (error) {
        return assumed(`unknown (asking the GitHub API failed: ${error.message})`);
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/cli/tools.ts

/**
 * The CLI's own exec for the tools a job runs (helm, docker): the command from PATH with the
 * CLI's environment, its output collected, its exit code returned. Rejects only when the
 * command could not be started (not on PATH).
 */
function runTool(command, args, env) {
    return new Promise((resolve, reject) => {
        const options = { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 };
        (0,external_node_child_process_.execFile)(command, args, options, (error, stdout, stderr) => {
            if (error && typeof error.code !== 'number')
                reject(error);
            else
                resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
        });
    });
}

;// CONCATENATED MODULE: ./src/cli/push.ts












/** One flag per input of action.yml, under the same name, and the CLI's own. */
const PUSH_FLAGS = [
    {
        name: 'image',
        type: 'string',
        value: 'SOURCE',
        help: 'The image, as skopeo names it: oci:DIR, oci-archive:FILE, docker-archive:FILE, docker-daemon:NAME:TAG or docker://HOST/REPO:TAG.',
    },
    {
        name: 'chart',
        type: 'string',
        value: 'PATH',
        help: 'A Helm chart directory (packaged with helm) or packaged .tgz, pushed with the same version.',
    },
    {
        name: 'repository',
        type: 'string',
        value: 'PATH',
        help: 'Target repository, without host. Default giantswarm/<name>, the name from CIRCLE_PROJECT_REPONAME, GITHUB_REPOSITORY or the origin remote.',
    },
    {
        name: 'registries',
        type: 'string',
        value: 'LINES',
        help: 'Registries, one "HOST [dev] [public|private|public/private] [insecure] [acr]" per line or comma; no marker takes public repositories only. Default "gsoci.azurecr.io dev public, gsociprivate.azurecr.io dev private, giantswarm.azurecr.io public", or REGISTRIES_DATA_BASE64 when set.',
    },
    {
        name: 'registries-data',
        type: 'string',
        value: 'DATA',
        help: 'The orb\'s registries data instead of --registries: "VISIBILITY HOST USER_ENV PASS_ENV PUSH_DEV" lines, or base64 of them. Default: REGISTRIES_DATA_BASE64, when no --registries is given.',
    },
    {
        name: 'registry',
        type: 'string',
        input: 'registries',
        multiple: true,
        value: 'LINE',
        help: 'One registry line; repeatable. Adds to --registries.',
    },
    {
        name: 'mirrors',
        type: 'string',
        value: 'LINES',
        help: 'Mirrors, same format: releases only; a failure warns and exits 0.',
    },
    {
        name: 'mirror',
        type: 'string',
        input: 'mirrors',
        multiple: true,
        value: 'LINE',
        help: 'One mirror line; repeatable.',
    },
    {
        name: 'build',
        type: 'string',
        value: 'auto|dev|release',
        help: 'auto (default): a release when the ref is the tag <tag-prefix>vX.Y.Z, else a dev build.',
    },
    {
        name: 'version',
        type: 'string',
        value: 'SEMVER',
        help: "Overrides the version derived from git. (`oci-push --version`, before the command, prints the CLI's own.)",
    },
    {
        name: 'tag-prefix',
        type: 'string',
        value: 'PREFIX',
        help: 'Monorepo tag prefix: with foo/, the tag foo/v1.2.3 is release 1.2.3.',
    },
    {
        name: 'tags',
        type: 'string',
        value: 'LIST',
        help: 'Extra release tags, e.g. latest; per line or comma.',
    },
    {
        name: 'tag',
        type: 'string',
        input: 'tags',
        multiple: true,
        value: 'TAG',
        help: 'One extra release tag; repeatable.',
    },
    {
        name: 'tag-suffix',
        type: 'string',
        value: 'SUFFIX',
        help: 'Appended verbatim to every image tag, e.g. -python: 1.2.3-python, latest-python.',
    },
    {
        name: 'dev-tags',
        type: 'boolean',
        help: 'Tag a dev build (image and chart) with its version, for Flux semver filters.',
    },
    {
        name: 'branch-tags',
        type: 'string',
        value: 'LIST',
        help: "A floating tag for dev builds of named branches: BRANCH=TAG, per line or comma (the orb's tag-latest-branch: main is main=latest).",
    },
    {
        name: 'floating-tags',
        type: 'string',
        value: 'forward|always',
        help: 'forward (default): extra release tags move only when the release is the highest version in the repository; always: with every release.',
    },
    {
        name: 'overwrite',
        type: 'boolean',
        help: "Let the version's tag move to another digest (never a locked one), and floating tags move backwards.",
    },
    {
        name: 'referrers',
        type: 'string',
        value: 'true|false|TYPES',
        help: "Copy the image's referrers (signatures, SBOMs, provenance): true (default), false, or artifactTypes, comma-separated.",
    },
    {
        name: 'sign',
        type: 'string',
        value: 'auto|true|false',
        help: 'Keyless Sigstore signing (cosign bundle format): auto (default) signs releases of public repositories, true every build. Token: SIGSTORE_ID_TOKEN, or GitHub Actions OIDC.',
    },
    { name: 'fulcio-url', type: 'string', value: 'URL', help: 'Fulcio of a private Sigstore.' },
    {
        name: 'rekor-url',
        type: 'string',
        value: 'URL|none',
        help: 'Rekor of a private Sigstore, or none.',
    },
    {
        name: 'tsa-url',
        type: 'string',
        value: 'URL|none',
        help: 'Timestamp authority of a private Sigstore, or none.',
    },
    {
        name: 'certificate-identity',
        type: 'string',
        value: 'ID',
        help: 'The signer identity verifiers should expect (default: from GitHub or CircleCI).',
    },
    {
        name: 'certificate-oidc-issuer',
        type: 'string',
        value: 'URL',
        help: 'The OIDC issuer verifiers should expect (default: from GitHub or CircleCI).',
    },
    {
        name: 'trusted-root',
        type: 'string',
        value: 'FILE',
        help: "A private Sigstore's trusted_root.json (default: public-good's, through TUF).",
    },
    {
        name: 'visibility',
        type: 'string',
        value: 'public|private',
        help: "The source repository's visibility. Without it: from GitHub's API when GITHUB_TOKEN is set (the repository from GITHUB_REPOSITORY or CIRCLE_PROJECT_USERNAME/_REPONAME), else private (only lines marked private or public/private take it).",
    },
    {
        name: 'dry-run',
        type: 'boolean',
        help: 'Read the registries and show the plan; write nothing.',
    },
    {
        name: 'chart-repository',
        type: 'string',
        value: 'PATH',
        help: "The namespace for charts; the chart's name is appended. Default charts/giantswarm.",
    },
    { name: 'mirror-charts', type: 'boolean', help: 'Push chart releases to the mirrors too.' },
    {
        name: 'chart-index',
        type: 'boolean',
        help: "A chart release updates the namespace's Helm index in each registry (the default; --no-chart-index leaves it).",
    },
    {
        name: 'chart-index-file',
        type: 'string',
        value: 'FILE',
        help: "Also write that index (the first registry's) to FILE, e.g. for GitHub Pages.",
    },
    {
        name: 'lock',
        type: 'boolean',
        help: 'On ACR, lock each release once pushed (needs keyless login).',
    },
    {
        name: 'dev-untag',
        type: 'boolean',
        help: 'On ACR, leave dev builds untagged for retention (needs keyless login).',
    },
    ...AZURE_FLAGS,
    {
        name: 'username',
        type: 'string',
        value: 'USER',
        help: 'With --password-stdin: the username for --login-registry.',
    },
    {
        name: 'password-stdin',
        type: 'boolean',
        help: 'Read the password (or token) for --login-registry from stdin, as docker login does.',
    },
    {
        name: 'login-registry',
        type: 'string',
        value: 'HOST',
        help: 'The registry --password-stdin logs in to. Default: the only registry, when there is one.',
    },
    ...COMMON_FLAGS,
];
const push_USAGE = `Usage: oci-push push --image SOURCE [--chart PATH] [flags]

Pushes a dev build by digest, or a release (the git tag <tag-prefix>vX.Y.Z at HEAD, or
CIRCLE_TAG, or GITHUB_REF) tagged and immutable, to every registry at once.

Credentials, in this order: OCI_PUSH_CREDENTIALS ("HOST=USER:PASSWORD" per line), then
--username with --password-stdin, then the docker config ($DOCKER_CONFIG or ~/.docker:
credHelpers, credsStore, auths), then keyless ACR login. Never a password flag.`;
const PUSH = { name: 'push', usage: push_USAGE, flags: PUSH_FLAGS };
/** `oci-push push`: the action's push job, with flags for inputs and stderr for the summary. */
function pushCommand(args, io) {
    return runJobCommand(io, PUSH, args, {
        run: (flags, context, out) => push_push(flags, context, io, out),
        // A push that stopped early still leaves the action's `result`: what failed, nothing pushed.
        failed: push_report/* failureOutcome */.vi,
        render: renderPush,
    });
}
async function push_push(flags, context, io, out) {
    const defaultRepository = await defaultRepositoryName(io.env, io.cwd);
    // As the orb: a CircleCI context's REGISTRIES_DATA_BASE64 names the registries, unless the
    // command line (or OCI_PUSH_REGISTRIES) does, even blank (an input error, as #25 has it).
    const registriesGiven = flags.input('registries') !== '' || flags.input.given?.('registries');
    const orbData = !registriesGiven && !flags.input('registries-data')
        ? io.env.REGISTRIES_DATA_BASE64?.trim()
        : undefined;
    if (orbData)
        out.line('Registries from REGISTRIES_DATA_BASE64 (no --registries given).');
    const get = (name) => flags.input(name) ||
        (name === 'repository' && defaultRepository) ||
        (name === 'registries-data' && orbData) ||
        '';
    if (flags.input.given)
        get.given = flags.input.given;
    const inputs = (0,push_inputs/* parsePushInputs */.vl)(get, io.env, out.secret);
    if (inputs.githubToken)
        out.secret(inputs.githubToken);
    await addStdinLogin(inputs, flags, io, out);
    const facts = await detectFacts(io.env, io.cwd, inputs.tagPrefix);
    out.line(`Build facts from ${facts.origin}.`);
    return (0,push/* runPush */.e)(inputs, facts, {
        ...context,
        visibility: (requested) => cliVisibility(requested, inputs.githubToken, io.env),
        runHelm: (args) => runTool('helm', args, io.env),
        runDocker: (args) => runTool('docker', args, io.env),
        hooks: (0,push_report/* uploadProgress */.f)((key, line) => out.progress(key, line)),
    });
}
/** The annotations, one line saying what was pushed, and a table of the registries. */
function renderPush({ plan, report, exitCode }, out) {
    for (const a of report.annotations)
        out.line(`${a.level}: ${a.title}: ${a.message}`);
    const { build, version, digest, 'chart-digest': chartDigest } = report.outputs;
    out.line('');
    out.line(`oci-push: ${build === 'release' ? 'release' : 'dev build'} ${version ?? ''}` +
        (digest ? `, image ${digest}` : '') +
        (chartDigest ? `, chart ${chartDigest}` : '') +
        (plan.dryRun ? ' (dry run: nothing was written)' : ''));
    out.line(resultsTable(report.rows));
    if (exitCode === exit_codes/* EXIT */.dc.refused) {
        out.line('the release was refused: a release tag is immutable, and it already holds another ' +
            'digest (or is locked). Push a new version, or --overwrite on purpose (exit 3).');
    }
}
const STATUS_TEXT = {
    pushed: 'pushed',
    unchanged: 'already there',
    'would-push': 'would push',
    refused: 'REFUSED',
    failed: 'FAILED',
    skipped: 'skipped',
};
function resultsTable(rows) {
    return formatTable(['registry', 'status', 'blobs up/mount/skip', 'uploaded', 'time', 'references'], rows.flatMap((r) => {
        if (!('registry' in r))
            return [];
        const where = `${r.registry}${'repository' in r ? `/${r.repository}` : ''}`;
        const role = r.role === 'mirror' ? ' (mirror)' : '';
        let status = STATUS_TEXT[r.status] ?? r.status;
        if (r.role === 'mirror' && (r.status === 'failed' || r.status === 'refused')) {
            status += ', not blocking';
        }
        if (!('blobs' in r))
            return [[where + role, status, '-', '-', '-', r.reason]];
        return [
            [
                where + role,
                status,
                `${r.blobs.uploaded}/${r.blobs.mounted}/${r.blobs.skipped}`,
                (0,push_report/* formatBytes */.z3)(r.bytes),
                `${r.seconds.toFixed(1)} s`,
                r.refs.length ? r.refs.join('\n') : '-',
            ],
        ];
    }));
}
/** `--username U --password-stdin [--login-registry HOST]`, as `docker login` takes them. */
async function addStdinLogin(inputs, flags, io, out) {
    const username = flags.string('username');
    const loginRegistry = flags.string('login-registry');
    if (!flags.boolean('password-stdin')) {
        if (username || loginRegistry) {
            throw new UsageError(`--${username ? 'username' : 'login-registry'} needs --password-stdin: passwords are ` +
                'read from stdin, never from a flag (ps would show it)');
        }
        return;
    }
    if (!username)
        throw new UsageError('--password-stdin needs --username');
    const hosts = [...inputs.registries, ...inputs.mirrors].map((l) => l.host);
    const sourceHost = inputs.image?.transport === 'docker' ? inputs.image.host : undefined;
    let host;
    if (loginRegistry) {
        host = (0,reference/* parseHost */.o6)(loginRegistry, '--login-registry');
        if (!hosts.some((h) => (0,reference/* hostKey */._9)(h) === (0,reference/* hostKey */._9)(host)) &&
            (0,reference/* hostKey */._9)(host) !== (0,reference/* hostKey */._9)(sourceHost ?? '')) {
            throw new UsageError(`--login-registry ${host} is not one of the registries or mirrors (${hosts.join(', ')}) ` +
                "nor the image's registry");
        }
    }
    else if (hosts.length === 1 && !sourceHost) {
        host = hosts[0];
    }
    else {
        throw new UsageError(`--password-stdin: say which registry it is for with --login-registry (one of ${hosts.join(', ')})`);
    }
    if (sourceHost && (0,reference/* hostKey */._9)(host) === (0,reference/* hostKey */._9)(sourceHost))
        host = (0,reference/* apiHost */.nz)(sourceHost);
    if (inputs.credentials.has((0,reference/* hostKey */._9)(host))) {
        throw new UsageError(`--password-stdin: ${host} already has a credential in OCI_PUSH_CREDENTIALS; give one`);
    }
    let text;
    try {
        text = await readStdin(io.stdin, MAX_STDIN_PASSWORD_BYTES);
    }
    catch (error) {
        if (!(error instanceof StdinTooLargeError))
            throw error;
        throw new jobs_inputs/* InputError */.dz(`--password-stdin: stdin holds more than ${MAX_STDIN_PASSWORD_BYTES / 1024} KiB, far more ` +
            'than a password or token; pipe in the password alone');
    }
    // As docker login: the trailing newline of `echo $TOKEN |` is not part of the password.
    const password = text.replace(/[\r\n]+$/, '');
    if (!password)
        throw new jobs_inputs/* InputError */.dz('--password-stdin: stdin was empty; pipe the password in');
    out.secret(password);
    inputs.credentials.set((0,reference/* hostKey */._9)(host), { username, password });
}
/** A password or token read from stdin: registry tokens are a few KiB; a JWT rarely 16. */
const MAX_STDIN_PASSWORD_BYTES = 64 * 1024;

// EXTERNAL MODULE: ./src/jobs/sync.ts + 8 modules
var sync = __webpack_require__(13077);
// EXTERNAL MODULE: ./src/jobs/sync-report.ts
var sync_report = __webpack_require__(92384);
// EXTERNAL MODULE: ./src/jobs/sync-config.ts
var sync_config = __webpack_require__(85004);
// EXTERNAL MODULE: ./src/registry/endpoints.ts
var endpoints = __webpack_require__(72109);
// EXTERNAL MODULE: ./src/oci/pattern.ts
var oci_pattern = __webpack_require__(13683);
// EXTERNAL MODULE: ./src/oci/semver-rules.ts
var semver_rules = __webpack_require__(91875);
;// CONCATENATED MODULE: ./src/jobs/sync-convert.ts





/** retagger's targets (`main.go`: `azureURL`, `aliyunURL`). */
const RETAGGER_TARGETS = [
    { name: 'gsoci', host: 'gsoci.azurecr.io', namespace: 'giantswarm' },
    {
        name: 'aliyun',
        host: 'giantswarm-registry.cn-shanghai.cr.aliyuncs.com',
        namespace: 'giantswarm',
    },
];
/** Tags retagger copied again on every run (`FindMissingTags`). */
const RETAGGER_FLOATING = '^(latest|develop|debug)$';
const RETAGGER_KEYS = [
    'image',
    'tag_or_pattern',
    'sha',
    'semver',
    'filter',
    'add_tag_suffix',
    'override_repo_name',
    'strip_semver_prefix',
];
const SKOPEO_KEYS = ['images', 'images-by-tag-regex', 'images-by-semver'];
const SKOPEO_UNSAYABLE = {
    credentials: 'credentials are never written into a sync config: give them in the `credentials` input ' +
        '(OCI_PUSH_CREDENTIALS for the CLI) or with docker login',
    'tls-verify': 'TLS verification can only be turned off for a target (`registry: HOST insecure`); a ' +
        'source on loopback is read over plain HTTP by itself',
    'cert-dir': 'a private CA is trusted through NODE_EXTRA_CA_CERTS, not per registry',
};
function convertConfigs(inputs, options) {
    const namespaces = new Set(options.targets.map((t) => t.namespace));
    if (namespaces.size !== 1) {
        throw new Error(`every --target must use one namespace (a sync config gives an image one path on all ` +
            `targets); got ${[...namespaces].join(', ')}`);
    }
    const namespace = [...namespaces][0];
    const images = [];
    const leftOut = [];
    for (const input of inputs) {
        if (Array.isArray(input.value)) {
            input.value.forEach((entry, i) => {
                const where = `${input.name}: [${i}]`;
                const converted = convertRetaggerEntry(entry, where, namespace, leftOut);
                if (converted)
                    images.push(converted);
            });
        }
        else if (typeof input.value === 'object' && input.value !== null) {
            for (const [registry, section] of Object.entries(input.value)) {
                images.push(...convertSkopeoRegistry(registry, section, `${input.name}: ${registry}`, {
                    namespace,
                    scoped: options.scoped ?? false,
                    suffix: options.appendSuffix ?? '',
                    leftOut,
                }));
            }
        }
        else {
            leftOut.push(`${input.name}: neither retagger's format (a list) nor skopeo sync's (a map of registries)`);
        }
    }
    const config = {
        version: sync_config/* SYNC_CONFIG_VERSION */.cA,
        'semver-rules': 'masterminds',
        floating: [RETAGGER_FLOATING],
        targets: Object.fromEntries(options.targets.map((t) => [t.name, { registry: t.host }])),
        images,
    };
    return { config, leftOut };
}
/** The last path element, as retagger's `imageBaseName` and skopeo's `path.Base` take it. */
function lastElement(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
function convertRetaggerEntry(value, where, namespace, leftOut) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        leftOut.push(`${where}: not a map of retagger's keys`);
        return undefined;
    }
    const entry = value;
    const unknown = Object.keys(entry).filter((k) => !RETAGGER_KEYS.includes(k));
    const text = (key) => typeof entry[key] === 'string' || typeof entry[key] === 'number' ? String(entry[key]) : '';
    const image = text('image');
    const label = `${where} (${image || 'no image'})`;
    const refuse = (why) => {
        leftOut.push(`${label}: ${why}`);
        return undefined;
    };
    if (unknown.length > 0)
        return refuse(`unknown key(s) ${unknown.join(', ')}; retagger ignores them too`);
    const pattern = text('tag_or_pattern');
    const sha = text('sha');
    const range = text('semver');
    const filter = text('filter');
    const suffix = text('add_tag_suffix');
    // Files are read with YAML's failsafe schema (every scalar a string, as Go's yaml.v3 fills
    // string fields: an unquoted 1.10 stays "1.10"), so booleans arrive as text.
    const strip = ['true', 'True', 'TRUE'].includes(text('strip_semver_prefix'));
    // retagger's own Validate(): an entry it refused was never copied.
    if (!image)
        return refuse('no `image`; retagger refused this entry');
    if (!pattern && !sha && !range) {
        return refuse('neither tag_or_pattern, semver nor sha; retagger refused this entry');
    }
    if (sha && !pattern)
        return refuse('`sha` without `tag_or_pattern`; retagger refused this entry');
    if (range && (sha || pattern)) {
        return refuse('`semver` with `tag_or_pattern` or `sha`; retagger refused this entry');
    }
    if (filter && !range)
        return refuse('`filter` without `semver`; retagger refused this entry');
    if (strip && !range) {
        return refuse('`strip_semver_prefix` without `semver`; retagger refused this entry');
    }
    let source;
    try {
        const name = (0,reference/* parseImageName */["if"])(image, `image "${image}"`, false);
        if (/:[^/]*$/.test(image))
            return refuse('`image` names a tag; retagger appends its own');
        source = `${name.host}/${name.repository}`;
    }
    catch (error) {
        return refuse(error.message);
    }
    const base = text('override_repo_name') || lastElement(image);
    const target = `${namespace}/${base}`;
    if (!(0,reference/* isRepository */.Z6)(target))
        return refuse(`the target path "${target}" is not a repository path`);
    const tags = {};
    if (sha) {
        if (!/^[a-f0-9]{64}$/.test(sha))
            return refuse(`sha "${sha}" is not 64 lowercase hex digits`);
        if (!(0,reference/* isTag */.dz)(pattern))
            return refuse(`tag_or_pattern "${pattern}" (with sha) is not a tag`);
        tags.pin = { [pattern]: `sha256:${sha}` };
    }
    else if (pattern) {
        if (!compiles(pattern))
            return refuse(`tag_or_pattern "${pattern}" is not a Go/RE2 pattern`);
        tags.allow = [pattern];
    }
    else {
        try {
            (0,semver_rules/* parseRange */.RC)(range, 'masterminds');
        }
        catch (error) {
            return refuse(`semver "${range}" ${error.message}`);
        }
        tags.semver = range;
        if (filter) {
            let groups;
            try {
                groups = (0,oci_pattern/* compilePattern */.Eb)(filter).groups;
            }
            catch (error) {
                return refuse(`filter "${filter}" ${error.message}`);
            }
            // retagger skipped every tag (with a warning) when the filter had no group.
            if (groups < 1)
                return refuse(`filter "${filter}" has no capture group; retagger selected no tag`);
            tags.version = filter;
        }
    }
    const converted = { source, target, tags };
    const targetTag = {};
    if (suffix)
        targetTag.suffix = `-${suffix}`;
    if (strip)
        targetTag['strip-v'] = true;
    if (Object.keys(targetTag).length > 0)
        converted['target-tag'] = targetTag;
    return converted;
}
function compiles(pattern) {
    try {
        (0,oci_pattern/* compilePattern */.Eb)(pattern);
        return true;
    }
    catch {
        return false;
    }
}
function convertSkopeoRegistry(registry, value, where, context) {
    const { leftOut } = context;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        leftOut.push(`${where}: not a map (images, images-by-tag-regex, images-by-semver)`);
        return [];
    }
    const section = value;
    for (const key of Object.keys(section)) {
        if (SKOPEO_KEYS.includes(key))
            continue;
        if (key === 'tls-verify' && (section[key] === 'true' || (0,endpoints/* isLoopbackHost */.cW)(registry)))
            continue;
        leftOut.push(`${where}: ${key}: ${SKOPEO_UNSAYABLE[key] ?? 'not a key skopeo sync reads'}`);
    }
    const out = [];
    const entry = (name, path, tags) => {
        let parsed;
        try {
            parsed = (0,reference/* parseImageName */["if"])(`${registry}/${name}`, `${path} "${registry}/${name}"`, false);
        }
        catch (error) {
            leftOut.push(`${path}: ${error.message}`);
            return;
        }
        const rest = context.scoped
            ? `${parsed.host}/${parsed.repository}`
            : lastElement(parsed.repository);
        const target = `${context.namespace}/${rest}`;
        if (!(0,reference/* isRepository */.Z6)(target)) {
            leftOut.push(`${path}: the target path "${target}" is not a repository path`);
            return;
        }
        const converted = {
            source: `${parsed.host}/${parsed.repository}`,
            target,
        };
        if (Object.keys(tags).length > 0)
            converted.tags = tags;
        if (context.suffix)
            converted['target-tag'] = { suffix: context.suffix };
        out.push(converted);
    };
    const map = (key) => {
        const v = section[key];
        if (v === undefined || v === null)
            return [];
        if (typeof v !== 'object' || Array.isArray(v)) {
            leftOut.push(`${where}: ${key}: not a map of repositories`);
            return [];
        }
        return Object.entries(v);
    };
    for (const [name, refs] of map('images')) {
        const path = `${where}: images.${name}`;
        if (refs !== null && !Array.isArray(refs)) {
            leftOut.push(`${path}: not a list of tags or digests`);
            continue;
        }
        const list = (refs ?? []).map(String);
        const digests = list.filter((r) => r.startsWith('sha256:'));
        for (const digest of digests) {
            leftOut.push(`${path}: ${digest}: skopeo copies a digest without a tag; a sync config writes tags ` +
                '(pin the digest to one with `tags.pin`)');
        }
        const named = list.filter((r) => !r.startsWith('sha256:'));
        const bad = named.filter((t) => !(0,reference/* isTag */.dz)(t));
        for (const tag of bad)
            leftOut.push(`${path}: "${tag}" is not a tag`);
        const exact = named.filter((t) => (0,reference/* isTag */.dz)(t));
        if (list.length === 0)
            entry(name, path, {});
        else if (exact.length > 0)
            entry(name, path, { exact });
    }
    for (const [name, pattern] of map('images-by-tag-regex')) {
        const path = `${where}: images-by-tag-regex.${name}`;
        if (typeof pattern !== 'string' || !compiles(pattern)) {
            leftOut.push(`${path}: "${String(pattern)}" is not a Go/RE2 pattern`);
            continue;
        }
        entry(name, path, { allow: [pattern] });
    }
    for (const [name, range] of map('images-by-semver')) {
        const path = `${where}: images-by-semver.${name}`;
        try {
            (0,semver_rules/* parseRange */.RC)(String(range), 'masterminds');
        }
        catch (error) {
            leftOut.push(`${path}: "${String(range)}" ${error.message}`);
            continue;
        }
        entry(name, path, { semver: String(range) });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/cli/sync-convert.ts







const sync_convert_USAGE = `Usage: oci-push sync convert [--target NAME=HOST/NAMESPACE]... [--scoped] [--append-suffix S] FILE...

Reads retagger's config files (its own format, and the skopeo-sync format it also uses) or a
plain \`skopeo sync\` YAML, and writes one sync config to stdout. Everything it could not
express goes to stderr, one line each; the exit code is 0 only when nothing was left out.
Targets: retagger's (gsoci.azurecr.io/giantswarm and
giantswarm-registry.cn-shanghai.cr.aliyuncs.com/giantswarm) unless --target is given.

Flags:
  --target NAME=HOST/NAMESPACE  a target and the path images go under (repeatable)
  --scoped                      as skopeo sync --scoped: the whole source path under NAMESPACE
  --append-suffix S             as skopeo sync --append-suffix (skopeo-format files)
  --help                        this text`;
/** `oci-push sync convert FILE...`; see USAGE. */
function syncConvertCommand(args, io) {
    // The files and flags are parsed here (positionals); runGuarded only reports what fails.
    const spec = {
        name: 'sync convert',
        usage: sync_convert_USAGE,
        flags: [
            { name: 'help', type: 'boolean', help: 'this text' },
            { name: 'verbose', type: 'boolean', help: 'debug lines' },
        ],
    };
    let parsed;
    try {
        parsed = parseConvertArgs(args);
    }
    catch (error) {
        io.stderr.write(`oci-push sync convert: ${error.message}\n${sync_convert_USAGE}\n`);
        return Promise.resolve(2);
    }
    if (parsed.help) {
        io.stdout.write(`${sync_convert_USAGE}\n`);
        return Promise.resolve(0);
    }
    return runGuarded(io, spec, [], async (_flags, out) => {
        const { parse, stringify } = await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 38815, 19));
        const inputs = [];
        for (const file of parsed.files) {
            const path = (0,external_node_path_.resolve)(io.cwd, file);
            const text = await readBounded(path, file);
            let value;
            try {
                // failsafe: every scalar a string, as retagger's and skopeo's Go structs read them.
                value = parse(text, { schema: 'failsafe', maxAliasCount: 100, uniqueKeys: true });
            }
            catch (error) {
                throw new jobs_inputs/* InputError */.dz(`${file}: not valid YAML: ${error.message.split('\n')[0]}`);
            }
            inputs.push({ name: file, value });
        }
        let conversion;
        try {
            conversion = convertConfigs(inputs, {
                targets: parsed.targets,
                scoped: parsed.scoped,
                ...(parsed.appendSuffix !== undefined && { appendSuffix: parsed.appendSuffix }),
            });
        }
        catch (error) {
            throw new UsageError(error.message);
        }
        out.stdout(`# oci-push sync config, converted by \`oci-push sync convert\` from ${parsed.files.join(', ')}\n` +
            stringify(conversion.config, { lineWidth: 0 }));
        for (const line of conversion.leftOut)
            out.line(`left out: ${line}`);
        if (conversion.leftOut.length > 0) {
            out.line(`oci-push sync convert: ${conversion.leftOut.length} thing(s) could not be expressed ` +
                '(above); the config on stdout does without them');
            return 1;
        }
        return 0;
    });
}
function parseConvertArgs(args) {
    const { values, positionals } = (0,external_node_util_.parseArgs)({
        args,
        options: {
            target: { type: 'string', multiple: true },
            scoped: { type: 'boolean' },
            'append-suffix': { type: 'string' },
            help: { type: 'boolean' },
        },
        strict: true,
        allowPositionals: true,
    });
    const help = values.help === true;
    if (!help && positionals.length === 0)
        throw new Error('give at least one FILE to convert');
    const targets = (values.target ?? []).map((text) => {
        const match = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=([^/\s]+)\/(\S+)$/.exec(text);
        if (!match)
            throw new Error(`--target "${text}" is not NAME=HOST/NAMESPACE`);
        return {
            name: match[1],
            host: match[2],
            namespace: match[3].replace(/\/+$/, ''),
        };
    });
    return {
        files: positionals,
        targets: targets.length > 0 ? targets : [...RETAGGER_TARGETS],
        scoped: values.scoped === true,
        ...(values['append-suffix'] !== undefined && { appendSuffix: values['append-suffix'] }),
        help,
    };
}
/** A file to convert, read as a sync config is: at most 1 MiB. */
async function readBounded(path, name) {
    try {
        return await (0,sync_config/* readConfigFile */.RG)(path, name);
    }
    catch (error) {
        if (error instanceof jobs_inputs/* InputError */.dz)
            throw error;
        throw new jobs_inputs/* InputError */.dz(`${name} can't be read (${error.code ?? error.message})`);
    }
}

;// CONCATENATED MODULE: ./src/cli/sync.ts




/** One flag per input of sync/action.yml, under the same name. */
const SYNC_FLAGS = [
    {
        name: 'config',
        type: 'string',
        value: 'FILE|YAML',
        help: 'The sync config: a file (relative to the current directory) or the YAML itself; schema: sync/schema.json.',
    },
    {
        name: 'shard',
        type: 'string',
        value: 'I/N',
        help: "Copy only this runner's share of the plan, split by source repository.",
    },
    { name: 'dry-run', type: 'boolean', help: 'List, filter and compare; write nothing.' },
    ...AZURE_FLAGS,
    ...COMMON_FLAGS,
];
const sync_USAGE = `Usage: oci-push sync --config FILE [--shard I/N] [--dry-run] [--json FILE|-]
       oci-push sync convert FILE...   (retagger or skopeo sync YAML → a sync config)

Copies the images the config names into its targets (see sync/README.md). Credentials as
for push: OCI_PUSH_CREDENTIALS, then the docker config (credential helpers, auths).
Exit code 3 here means drift was refused (a target tag holds another digest) and nothing
else failed.`;
const SYNC = { name: 'sync', usage: sync_USAGE, flags: SYNC_FLAGS };
/** `oci-push sync`: the sync action's job, with the CLI's flags, console and exit codes. */
function syncCommand(args, io) {
    if (args[0] === 'convert')
        return syncConvertCommand(args.slice(1), io);
    return runJobCommand(io, SYNC, args, {
        run: async (flags, context, out) => {
            const inputs = await (0,sync/* parseSyncInputs */.O)(flags.input, io.cwd, out.secret);
            return (0,sync/* runSync */.H)(inputs, {
                ...context,
                phase: async (name, work) => {
                    out.line(`== ${name}`);
                    return work();
                },
            });
        },
        failed: sync_report/* syncFailureOutcome */.M,
        render: ({ report }, out) => {
            out.line('');
            out.line(report.summary);
        },
    });
}

;// CONCATENATED MODULE: ./src/cli/index.ts








const COMMANDS = {
    push: {
        spec: PUSH,
        summary: 'Push an image and/or a Helm chart: dev builds by digest, releases tagged',
        run: pushCommand,
    },
    cleanup: {
        spec: CLEANUP,
        summary: 'Delete old dev builds from an Azure Container Registry',
        run: cleanupCommand,
    },
    sync: {
        spec: SYNC,
        summary: 'Copy the images a sync config names into its targets: filters, drift, shards',
        run: syncCommand,
    },
    catalog: {
        spec: CATALOG,
        summary: "Build the Helm index (index.yaml) of a registry's chart namespace",
        run: catalogCommand,
    },
};
/** Variables the CLI reads that are not a flag's. */
const OTHER_VARIABLES = ['OCI_PUSH_CREDENTIALS', 'OCI_PUSH_ID_TOKEN'];
function topHelp() {
    const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
    const commands = Object.entries(COMMANDS)
        .map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`)
        .join('\n');
    return `oci-push ${user_agent/* VERSION */.x}: publish container images and Helm charts to OCI registries

Usage: oci-push COMMAND [flags]
       oci-push --version | --help

Commands:
${commands}

Run \`oci-push COMMAND --help\` for a command's flags.

${ENVIRONMENT}

${EXIT_CODES}
`;
}
/**
 * The CLI: `oci-push push|cleanup|sync|catalog [flags]`, `--help`, `--version`. Returns the exit code and
 * never exits the process, so tests run it in place. `--version` before the command prints
 * the CLI's version; after `push` it is the push's `version` input.
 */
async function runCli(argv, io) {
    const [first, ...rest] = argv;
    if (first === '--help' || first === '-h' || first === 'help') {
        io.stdout.write(topHelp());
        return 0;
    }
    if (first === '--version' || first === '-V') {
        io.stdout.write(`${user_agent/* VERSION */.x}\n`);
        return 0;
    }
    const command = first === undefined ? undefined : COMMANDS[first];
    if (!command) {
        const out = new CliConsole(io);
        out.line(first === undefined
            ? 'oci-push: no command given'
            : `oci-push: "${first}" is not a command (${Object.keys(COMMANDS).join(', ')})`);
        out.line('Run `oci-push --help` for the commands.');
        return 2;
    }
    warnUnknownVariables(io);
    return command.run(rest, io);
}
/** A misspelt `OCI_PUSH_*` variable would be ignored in silence; say so instead. */
function warnUnknownVariables(io) {
    const known = new Set([
        ...OTHER_VARIABLES,
        ...Object.values(COMMANDS).flatMap((c) => c.spec.flags.map((f) => envName(f.name))),
    ]);
    const out = new CliConsole(io);
    for (const name of Object.keys(io.env).sort()) {
        if (name.startsWith('OCI_PUSH_') && !known.has(name)) {
            out.logger.warning(`${name} is not a variable oci-push reads; it is ignored`);
        }
    }
}


/***/ }),

/***/ 9522:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ catalogFailureOutcome),
/* harmony export */   w: () => (/* binding */ catalogSummary)
/* harmony export */ });
/* harmony import */ var _exit_codes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86033);

/** The outcome of a catalog that failed before it had an index to show. */
function catalogFailureOutcome(error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
        report: {
            outputs: { result: JSON.stringify({ error: message }) },
            summary: `oci-push catalog failed: ${message}`,
            annotations: [],
            failure: message,
        },
        exitCode: (0,_exit_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .exitCodeForError */ .Lo)(error),
    };
}
/** The human summary of a catalog run. */
function catalogSummary(result) {
    const versions = result.charts.reduce((n, c) => n + c.versions.length, 0);
    const lines = [
        `oci-push catalog: ${result.registry}/${result.namespace}: ${result.charts.length} chart(s), ${versions} version(s) listed`,
        ...result.charts.map((c) => `  ${c.name}: ${c.versions.join(', ')}`),
    ];
    const leftOut = result.leftOut.filter((l) => !l.kept);
    if (leftOut.length > 0) {
        lines.push(`${leftOut.length} left out:`);
        for (const l of leftOut)
            lines.push(`  ${l.chart}${l.tag ? `:${l.tag}` : ''}: ${l.reason}`);
    }
    const kept = result.leftOut.filter((l) => l.kept);
    if (kept.length > 0) {
        lines.push(`${kept.length} unreadable now, kept from the stored index:`);
        for (const l of kept)
            lines.push(`  ${l.chart}${l.tag ? `:${l.tag}` : ''}: ${l.reason}`);
    }
    if (result.stored) {
        lines.push(`Stored at ${result.stored.reference} (${result.stored.digest}${result.stored.status === 'present' ? ', unchanged' : ''})`);
    }
    if (result.out)
        lines.push(`Written to ${result.out}`);
    return lines.join('\n');
}


/***/ })

};

//# sourceMappingURL=62.index.js.map