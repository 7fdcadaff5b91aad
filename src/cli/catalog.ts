import { catalogFailureOutcome } from '../jobs/catalog-report.js';
import type { CliIO } from './console.js';
import type { FlagSpec } from './flags.js';
import { AZURE_FLAGS, COMMON_FLAGS, type CommandSpec, runJobCommand } from './run.js';

export const CATALOG_FLAGS: readonly FlagSpec[] = [
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

export const CATALOG: CommandSpec = { name: 'catalog', usage: USAGE, flags: CATALOG_FLAGS };

/** `oci-push catalog`: the catalog job, on the job context every command runs with. */
export function catalogCommand(args: string[], io: CliIO): Promise<number> {
  return runJobCommand(io, CATALOG, args, {
    run: async (flags, context, out) => {
      // Charts bring yaml and tar: a run of another command never loads them.
      const { parseCatalogInputs, runCatalog } = await import('../jobs/catalog.js');
      const inputs = parseCatalogInputs(flags.input, io.cwd, out.secret);
      return runCatalog(inputs, {
        ...context,
        phase: async (name, work) => {
          out.line(`== ${name}`);
          return work();
        },
      });
    },
    failed: catalogFailureOutcome,
    render: ({ report }, out) => {
      out.line('');
      out.line(report.summary);
    },
  });
}
