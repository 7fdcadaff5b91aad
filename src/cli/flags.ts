import { parseArgs } from 'node:util';
import { type InputGetter, InputError } from '../jobs/inputs.js';

/**
 * The flags every CLI command shares the machinery of: each flag is an action input under the
 * same name (or a CLI-only switch), parsed by `util.parseArgs` (strict), and may also come
 * from `OCI_PUSH_<NAME>` in the environment. A flag on the command line wins over the
 * variable. The commands hand `inputGetter` to the same input parsers the actions use.
 */
export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  /** The action input this flag feeds; several flags may feed one (`--registry`, `--registries`). */
  input?: string;
  /** A repeatable flag: each value is one line of its input. */
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in `--help`. */
  value?: string;
  help: string;
}

/** Inputs that hold a list, one item per line: on the command line a comma separates items too. */
const LIST_INPUTS = new Set(['registries', 'mirrors', 'tags', 'repositories', 'branch-tags']);

/** Inputs that are never flags, because their values are secrets: `ps` would show them. */
const ENV_ONLY_INPUTS: Record<string, string> = { credentials: 'OCI_PUSH_CREDENTIALS' };

/** A wrong command line: unknown flag, bad value, missing argument. Exit code 2. */
export class UsageError extends InputError {
  override name = 'UsageError';
}

/**
 * Says where an argument that is not a flag is, never what it is: `--password-stdin PW`
 * puts a password there, and parseArgs's own message quotes it.
 */
function unexpectedArgument(
  args: string[],
  options: NonNullable<Parameters<typeof parseArgs>[0]>['options'],
): string {
  const { tokens = [] } = parseArgs({
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
  return (
    `${where}${previous} is not a flag (it is not shown, as it may be a secret). Flags take ` +
    'their values as --flag VALUE; a boolean flag such as --password-stdin takes none: the ' +
    'password is read from stdin (echo "$TOKEN" | oci-push push --username U --password-stdin)'
  );
}

/** `dry-run` → `OCI_PUSH_DRY_RUN`. */
export function envName(flag: string): string {
  return `OCI_PUSH_${flag.toUpperCase().replace(/-/g, '_')}`;
}

export interface ParsedFlags {
  /** A flag's value from the command line, else its variable; undefined when neither is set. */
  string(name: string): string | undefined;
  /** A boolean flag: `--x` true, `--no-x` false, else its variable (`true`/`false`), else false. */
  boolean(name: string): boolean;
  /** The inputs, by their action.yml names, for the actions' own parsers. */
  input: InputGetter;
  /** Where an input's value came from, for error hints: `--registries, --registry or OCI_PUSH_REGISTRIES`. */
  hint(input: string): string | undefined;
}

export function parseFlags(
  specs: readonly FlagSpec[],
  args: string[],
  env: NodeJS.ProcessEnv,
): ParsedFlags {
  const options = Object.fromEntries(
    specs.map((s) => [
      s.name,
      {
        type: s.type,
        ...(s.multiple && { multiple: true }),
        ...(s.short && { short: s.short }),
      },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: false,
      allowNegative: true,
      tokens: true,
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(unexpectedArgument(args, options));
    }
    // The other messages name only the flag, never a value.
    throw new UsageError((error as Error).message);
  }
  // parseArgs keeps the last of a repeated single-value flag; two values is a mistake to name.
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    const spec = specs.find((s) => s.name === token.name);
    if (spec && !spec.multiple && seen.has(spec.name)) {
      throw new UsageError(`--${spec.name} is given twice; give it once`);
    }
    seen.add(token.name);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const fromCommandLine = (spec: FlagSpec): string[] => {
    const value = values[spec.name];
    if (value === undefined) return [];
    if (typeof value === 'boolean') return [String(value)];
    return Array.isArray(value) ? value : [value];
  };
  const fromEnv = (spec: FlagSpec): string[] => {
    const value = env[envName(spec.name)];
    return value === undefined || value === '' ? [] : [value];
  };
  const inputOf = (spec: FlagSpec): string => spec.input ?? spec.name;
  const specOf = (name: string): FlagSpec => {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new Error(`no flag --${name}`);
    return spec;
  };

  const input: InputGetter = (name) => {
    const feeding = specs.filter((s) => inputOf(s) === name);
    if (feeding.length === 0) {
      const variable = ENV_ONLY_INPUTS[name];
      return variable ? (env[variable] ?? '') : '';
    }
    // The command line wins over the environment for the whole input, in every spelling.
    let found = feeding.flatMap(fromCommandLine);
    if (found.length === 0) found = feeding.flatMap(fromEnv);
    if (LIST_INPUTS.has(name)) found = found.flatMap((v) => v.split(/[\n,]/));
    return found.join('\n');
  };
  // Given at all: on the command line (even as `--registries ''`), or its variable set (even
  // to nothing, as an unset CI variable expands).
  input.given = (name) =>
    specs
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
      if (given !== undefined) return given === 'true';
      const variable = fromEnv(spec)[0];
      if (variable === undefined) return false;
      if (/^true$/i.test(variable)) return true;
      if (/^false$/i.test(variable)) return false;
      throw new UsageError(`${envName(name)}: "${variable}" is not true or false`);
    },
    input,
    hint: (name) => {
      const variable = ENV_ONLY_INPUTS[name];
      if (variable) return variable;
      const feeding = specs.filter((s) => inputOf(s) === name);
      if (feeding.length === 0) return undefined;
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
export function withFlagHint(message: string, flags: ParsedFlags): string {
  const match = /^([a-z][a-z-]*)/.exec(message);
  const hint = match?.[1] ? flags.hint(match[1]) : undefined;
  return hint ? `${message} (set with ${hint})` : message;
}

/** `--help` for one command: its flags, two columns, wrapped to 100. */
export function formatFlags(specs: readonly FlagSpec[]): string {
  const left = specs.map((s) => {
    const short = s.short ? `-${s.short}, ` : '    ';
    const value = s.type === 'string' ? ` ${s.value ?? 'VALUE'}` : '';
    return `  ${short}--${s.name}${value}`;
  });
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return specs
    .map((s, i) => {
      const words = s.help.split(' ');
      const lines: string[] = [];
      let line = '';
      for (const word of words) {
        if (line && width + line.length + word.length + 1 > 100) {
          lines.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      lines.push(line);
      return [
        (left[i] ?? '').padEnd(width) + (lines[0] ?? ''),
        ...lines.slice(1).map((l) => ' '.repeat(width) + l),
      ].join('\n');
    })
    .join('\n');
}
