import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PlanError } from '../engine/plan.js';
import { InputError } from '../jobs/inputs.js';
import { CliConsole, type CliIO } from './console.js';
import {
  type FlagSpec,
  formatFlags,
  type ParsedFlags,
  parseFlags,
  UsageError,
  withFlagHint,
} from './flags.js';

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

export const EXIT_CODES = `Exit codes:
  0  success (a mirror may have warned)
  1  a required registry failed
  2  a usage or input error (unknown flag, bad value, no plan can be made)
  3  a release was refused (an immutable tag holds another digest, or it is locked), and
     nothing else failed`;

export const ENVIRONMENT = `Every flag may also be set as OCI_PUSH_<NAME> (upper case, - as _): --dry-run is
OCI_PUSH_DRY_RUN=true, --registries is OCI_PUSH_REGISTRIES. A flag on the command line wins.
Boolean flags: --dry-run sets it, --no-dry-run clears it (over the variable).`;

export function commandHelp(usage: string, specs: readonly FlagSpec[]): string {
  return `${usage}\n\nFlags:\n${formatFlags(specs)}\n\n${ENVIRONMENT}\n\n${EXIT_CODES}\n`;
}

/**
 * Runs one command: parses its flags, prints `--help`, and turns what is thrown into an exit
 * code and a message on stderr: a usage or input error 2, anything else 1. Every line goes
 * through the command's console, so no secret it was told of is printed.
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
    out.endProgress();
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError || error instanceof InputError || error instanceof PlanError) {
      const hinted = flags ? withFlagHint(message, flags) : message;
      out.line(`oci-push ${command}: ${hinted}`);
      out.line(`Run \`oci-push ${command} --help\` for its flags.`);
      return 2;
    }
    out.line(`oci-push ${command}: ${message}`);
    return 1;
  }
}

export async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
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
