import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../jobs/inputs.js';
import { readConfigFile } from '../jobs/sync-config.js';
import {
  type ConvertInput,
  type ConvertTarget,
  convertConfigs,
  RETAGGER_TARGETS,
} from '../jobs/sync-convert.js';
import type { CliIO } from './console.js';
import { UsageError } from './flags.js';
import { runGuarded } from './run.js';

const USAGE = `Usage: oci-push sync convert [--target NAME=HOST/NAMESPACE]... [--scoped] [--append-suffix S] FILE...

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
export function syncConvertCommand(args: string[], io: CliIO): Promise<number> {
  // The files and flags are parsed here (positionals); runGuarded only reports what fails.
  const spec = {
    name: 'sync convert',
    usage: USAGE,
    flags: [
      { name: 'help', type: 'boolean' as const, help: 'this text' },
      { name: 'verbose', type: 'boolean' as const, help: 'debug lines' },
    ],
  };
  let parsed: ReturnType<typeof parseConvertArgs>;
  try {
    parsed = parseConvertArgs(args);
  } catch (error) {
    io.stderr.write(`oci-push sync convert: ${(error as Error).message}\n${USAGE}\n`);
    return Promise.resolve(2);
  }
  if (parsed.help) {
    io.stdout.write(`${USAGE}\n`);
    return Promise.resolve(0);
  }
  return runGuarded(io, spec, [], async (_flags, out) => {
    const { parse, stringify } = await import('yaml');
    const inputs: ConvertInput[] = [];
    for (const file of parsed.files) {
      const path = resolve(io.cwd, file);
      const text = await readBounded(path, file);
      let value: unknown;
      try {
        // failsafe: every scalar a string, as retagger's and skopeo's Go structs read them.
        value = parse(text, { schema: 'failsafe', maxAliasCount: 100, uniqueKeys: true });
      } catch (error) {
        throw new InputError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
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
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    out.stdout(
      `# oci-push sync config, converted by \`oci-push sync convert\` from ${parsed.files.join(', ')}\n` +
        stringify(conversion.config, { lineWidth: 0 }),
    );
    for (const line of conversion.leftOut) out.line(`left out: ${line}`);
    if (conversion.leftOut.length > 0) {
      out.line(
        `oci-push sync convert: ${conversion.leftOut.length} thing(s) could not be expressed ` +
          '(above); the config on stdout does without them',
      );
      return 1;
    }
    return 0;
  });
}

function parseConvertArgs(args: string[]): {
  files: string[];
  targets: ConvertTarget[];
  scoped: boolean;
  appendSuffix?: string;
  help: boolean;
} {
  const { values, positionals } = parseArgs({
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
  if (!help && positionals.length === 0) throw new Error('give at least one FILE to convert');
  const targets = (values.target ?? []).map((text) => {
    const match = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=([^/\s]+)\/(\S+)$/.exec(text);
    if (!match) throw new Error(`--target "${text}" is not NAME=HOST/NAMESPACE`);
    return {
      name: match[1] as string,
      host: match[2] as string,
      namespace: (match[3] as string).replace(/\/+$/, ''),
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
async function readBounded(path: string, name: string): Promise<string> {
  try {
    return await readConfigFile(path, name);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `${name} can't be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}
