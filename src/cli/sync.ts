import { parseSyncInputs, runSync } from '../jobs/sync.js';
import { syncFailureOutcome } from '../jobs/sync-report.js';
import { syncConvertCommand } from './sync-convert.js';
import type { CliIO } from './console.js';
import type { FlagSpec } from './flags.js';
import { AZURE_FLAGS, COMMON_FLAGS, type CommandSpec, runJobCommand } from './run.js';

/** One flag per input of sync/action.yml, under the same name. */
const SYNC_FLAGS: readonly FlagSpec[] = [
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

const USAGE = `Usage: oci-push sync --config FILE [--shard I/N] [--dry-run] [--json FILE|-]
       oci-push sync convert FILE...   (retagger or skopeo sync YAML → a sync config)

Copies the images the config names into its targets (see sync/README.md). Credentials as
for push: OCI_PUSH_CREDENTIALS, then the docker config (credential helpers, auths).
Exit code 3 here means drift was refused (a target tag holds another digest) and nothing
else failed.`;

export const SYNC: CommandSpec = { name: 'sync', usage: USAGE, flags: SYNC_FLAGS };

/** `oci-push sync`: the sync action's job, with the CLI's flags, console and exit codes. */
export function syncCommand(args: string[], io: CliIO): Promise<number> {
  if (args[0] === 'convert') return syncConvertCommand(args.slice(1), io);
  return runJobCommand(io, SYNC, args, {
    run: async (flags, context, out) => {
      const inputs = await parseSyncInputs(flags.input, io.cwd, out.secret);
      return runSync(inputs, {
        ...context,
        phase: async (name, work) => {
          out.line(`== ${name}`);
          return work();
        },
      });
    },
    failed: syncFailureOutcome,
    render: ({ report }, out) => {
      out.line('');
      out.line(report.summary);
    },
  });
}
