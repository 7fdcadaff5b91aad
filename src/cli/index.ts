import { VERSION } from '../registry/user-agent.js';
import { CATALOG, catalogCommand } from './catalog.js';
import { cleanupCommand, CLEANUP } from './cleanup.js';
import { CliConsole, type CliIO } from './console.js';
import { envName } from './flags.js';
import { pushCommand, PUSH } from './push.js';
import { type CommandSpec, ENVIRONMENT, EXIT_CODES } from './run.js';
import { SYNC, syncCommand } from './sync.js';

export type { CliIO } from './console.js';

/** One CLI command: its own file, its flags, and what it runs. */
interface Command {
  spec: CommandSpec;
  summary: string;
  run: (args: string[], io: CliIO) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
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

function topHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  const commands = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`)
    .join('\n');
  return `oci-push ${VERSION}: publish container images and Helm charts to OCI registries

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
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(topHelp());
    return 0;
  }
  if (first === '--version' || first === '-V') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = first === undefined ? undefined : COMMANDS[first];
  if (!command) {
    const out = new CliConsole(io);
    out.line(
      first === undefined
        ? 'oci-push: no command given'
        : `oci-push: "${first}" is not a command (${Object.keys(COMMANDS).join(', ')})`,
    );
    out.line('Run `oci-push --help` for the commands.');
    return 2;
  }
  warnUnknownVariables(io);
  return command.run(rest, io);
}

/** A misspelt `OCI_PUSH_*` variable would be ignored in silence; say so instead. */
function warnUnknownVariables(io: CliIO): void {
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
