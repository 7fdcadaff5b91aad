import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { JobContext, JobOutcome } from '../jobs/context.js';
import { EXIT, exitCodeForError } from '../jobs/exit-codes.js';
import { listenForStops } from '../jobs/interrupt.js';
import { CliConsole, type CliIO } from './console.js';
import { type FlagSpec, formatFlags, type ParsedFlags, parseFlags, withFlagHint } from './flags.js';
import { cliIdToken } from './id-token.js';

/** What `--help` says of a command, and its flags. */
export interface CommandSpec {
  name: string;
  usage: string;
  flags: readonly FlagSpec[];
}

/** Keyless Azure login, as every action spells it (src/jobs/azure-login.ts parses them). */
export const AZURE_FLAGS: readonly FlagSpec[] = [
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
export const COMMON_FLAGS: readonly FlagSpec[] = [
  {
    name: 'json',
    type: 'string',
    value: 'FILE',
    help: "Write the action's `result` JSON to FILE, or to stdout with -.",
  },
  { name: 'verbose', type: 'boolean', help: 'Debug lines too (HTTP requests, retries).' },
  { name: 'help', type: 'boolean', short: 'h', help: 'This help.' },
];

export const EXIT_CODES = `Exit codes (the same from every command and action; docs/exit-codes.md):
  0    success (a mirror may have warned)
  1    a required registry failed (or a credential helper, or the source could not be read)
  2    a usage or input error (unknown flag, bad value, config, no plan can be made)
  3    a release was refused (an immutable tag holds another digest, or it is locked), or
       the sync found drift, and nothing else failed
  130  stopped by SIGINT (Ctrl-C); 143 stopped by SIGTERM: uploads cancelled, temporary
       files removed, the summary and --json written`;

export const ENVIRONMENT = `Every flag may also be set as OCI_PUSH_<NAME> (upper case, - as _): --dry-run is
OCI_PUSH_DRY_RUN=true, --registries is OCI_PUSH_REGISTRIES. A flag on the command line wins.
Boolean flags: --dry-run sets it, --no-dry-run clears it (over the variable).`;

export function commandHelp(usage: string, specs: readonly FlagSpec[]): string {
  return `${usage}\n\nFlags:\n${formatFlags(specs)}\n\n${ENVIRONMENT}\n\n${EXIT_CODES}\n`;
}

/** What one command does with the CLI's flags and context, and how it shows the outcome. */
export interface JobCommand<O extends JobOutcome> {
  /** Reads the inputs from the flags and runs the job. */
  run(flags: ParsedFlags, context: JobContext, out: CliConsole): Promise<O>;
  /** The outcome of a run that threw before the job had a report (bad inputs, say). */
  failed(error: unknown): JobOutcome;
  /** Prints a finished job's outcome for a person, on stderr. */
  render(outcome: O, out: CliConsole): void;
}

/**
 * Runs one command as every command runs: parses its flags, prints `--help`, lends the job
 * its context (the console as logger and secret sink, the CLI's OIDC token, TMPDIR, a stop
 * on SIGINT/SIGTERM), prints the outcome, writes `--json`, and returns the job's exit code
 * (docs/exit-codes.md). What is thrown becomes the command's failed outcome: a message on
 * stderr, `--json` all the same, and the code its error maps to (2 for usage and input).
 * Every line goes through the console, so no secret it was told of is printed.
 */
export async function runJobCommand<O extends JobOutcome>(
  io: CliIO,
  { name: command, usage, flags: specs }: CommandSpec,
  args: string[],
  job: JobCommand<O>,
): Promise<number> {
  let out = new CliConsole(io);
  let flags: ParsedFlags;
  try {
    flags = parseFlags(specs, args, io.env);
  } catch (error) {
    sayFailed(out, command, (error as Error).message, true);
    return exitCodeForError(error);
  }
  if (flags.boolean('help')) {
    io.stdout.write(commandHelp(usage, specs));
    return 0;
  }
  out = new CliConsole(io, flags.boolean('verbose'));
  const shown = out;
  const stops = listenForStops({
    // Ctrl-C once tidies up; twice leaves at once.
    secondSignalExits: true,
    onStop: (signal) =>
      shown.line(`${signal}: stopping; cancelling uploads and tidying up (again to quit now)`),
  });
  let outcome: JobOutcome;
  try {
    const finished = await job.run(
      flags,
      {
        env: io.env,
        log: out.logger,
        onSecret: out.secret,
        phase: (_name, work) => work(),
        getIdToken: (audience) => cliIdToken(io.env, audience, stops.signal),
        tempDir: io.env.TMPDIR || tmpdir(),
        signal: stops.signal,
      },
      out,
    );
    out.endProgress();
    job.render(finished, out);
    outcome = finished;
    if (outcome.report.failure) out.line(`error: ${outcome.report.failure}`);
  } catch (error) {
    out.endProgress();
    outcome = job.failed(error);
    const message = error instanceof Error ? error.message : String(error);
    sayFailed(out, command, message, outcome.exitCode === EXIT.input, flags);
  } finally {
    stops.dispose();
  }
  const json = flags.string('json');
  if (json) {
    try {
      await writeJson(json, outcome.report.outputs.result ?? '', io, out);
    } catch (error) {
      out.line(`oci-push ${command}: ${(error as Error).message}`);
      return outcome.exitCode === EXIT.ok ? EXIT.failed : outcome.exitCode;
    }
  }
  return outcome.exitCode;
}

/**
 * Runs a command that is not a job (`sync convert`): its flags, `--help`, and what is thrown
 * turned into a message on stderr and the exit code its error maps to (docs/exit-codes.md).
 */
export async function runGuarded(
  io: CliIO,
  { name: command, usage, flags: specs }: CommandSpec,
  args: string[],
  work: (flags: ParsedFlags, out: CliConsole) => Promise<number>,
): Promise<number> {
  let out = new CliConsole(io);
  let flags: ParsedFlags | undefined;
  try {
    flags = parseFlags(specs, args, io.env);
    if (flags.boolean('help')) {
      io.stdout.write(commandHelp(usage, specs));
      return 0;
    }
    out = new CliConsole(io, flags.boolean('verbose'));
    return await work(flags, out);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = exitCodeForError(error);
    sayFailed(out, command, message, code === EXIT.input, flags);
    return code;
  }
}

/**
 * How a command that failed says so: its message, and for a usage or input error the flag
 * it is about (once the flags are parsed) and where to read about its flags.
 */
function sayFailed(
  out: CliConsole,
  command: string,
  message: string,
  inputError: boolean,
  flags?: ParsedFlags,
): void {
  out.line(`oci-push ${command}: ${inputError && flags ? withFlagHint(message, flags) : message}`);
  if (inputError) out.line(`Run \`oci-push ${command} --help\` for its flags.`);
}

/** Reads stdin whole, up to `limit` bytes: more is refused, never held (a password is short). */
export async function readStdin(stdin: NodeJS.ReadableStream, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) {
      // Stop reading: the rest is never buffered.
      (stdin as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new StdinTooLargeError(limit);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class StdinTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`stdin holds more than ${limit} bytes`);
  }
}

/** `--json FILE` or `--json -`: the `result` JSON, exactly as the action's output holds it. */
export async function writeJson(
  target: string,
  json: string,
  io: CliIO,
  out: CliConsole,
): Promise<void> {
  if (target === '-') {
    out.stdout(`${json}\n`);
    return;
  }
  const path = resolve(io.cwd, target);
  try {
    await writeFile(path, `${out.redact(json)}\n`);
  } catch (error) {
    throw new Error(`--json: ${path} can't be written: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
