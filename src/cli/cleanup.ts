import { cleanupFailureOutcome, runCleanup } from '../jobs/cleanup.js';
import { parseCleanupInputs } from '../jobs/cleanup-inputs.js';
import type { CliIO } from './console.js';
import type { FlagSpec } from './flags.js';
import { AZURE_FLAGS, COMMON_FLAGS, type CommandSpec, runJobCommand } from './run.js';

/** One flag per input of cleanup/action.yml, under the same name. */
export const CLEANUP_FLAGS: readonly FlagSpec[] = [
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

const USAGE = `Usage: oci-push cleanup --registry HOST --repositories GLOBS --older-than AGE [flags]

Deletes old dev builds from an Azure Container Registry, as the cleanup action does: never a
locked manifest or tag, a manifest of a kept index, a referrer of a kept manifest, anything
newer than the cut-off, or anything in a repository it could not list completely. Logs in
keyless with an OIDC token (GitHub Actions, CIRCLE_OIDC_TOKEN_V2 or OCI_PUSH_ID_TOKEN).`;

export const CLEANUP: CommandSpec = { name: 'cleanup', usage: USAGE, flags: CLEANUP_FLAGS };

/** `oci-push cleanup`: the cleanup action's job, its summary on stderr. */
export function cleanupCommand(args: string[], io: CliIO): Promise<number> {
  return runJobCommand(io, CLEANUP, args, {
    run: (flags, context) =>
      runCleanup(parseCleanupInputs(flags.input), { ...context, now: () => new Date() }),
    failed: cleanupFailureOutcome,
    render: ({ report }, out) => {
      for (const a of report.annotations) out.line(`${a.level}: ${a.message}`);
      out.line('');
      out.line(report.summary);
    },
  });
}
