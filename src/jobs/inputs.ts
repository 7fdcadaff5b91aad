import { OciPushError } from '../base/errors.js';

/**
 * The input helpers every face shares: the action reads inputs by name from the runner, the
 * CLI from flags and `OCI_PUSH_*`; both hand the same parsers a getter, so a value means
 * the same thing wherever it is written.
 */

/**
 * Reads one input by its action.yml name; `''` when it is not set. `given`, where a face can
 * tell, says whether the input was set at all: to tell `registries: ''` (an unset variable,
 * say) from an input left out.
 */
export interface InputGetter {
  (name: string): string;
  given?: (name: string) => boolean;
}

/** An input's value is wrong; the message starts with the input's name. Exit code 2. */
export class InputError extends OciPushError {
  override name = 'InputError';
  readonly code = 'input';
}

/** `true`/`false` as YAML 1.2 core schema spells them (what `core.getBooleanInput` accepts). */
export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`${name}: "${value}" is not true or false`);
}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`${name}: "${value}" is not one of ${allowed.join(', ')}`);
}

/** Runs a parser, turning its error into an InputError that starts with the input's name. */
export function wrap<T>(input: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = (error as Error).message;
    throw new InputError(message.startsWith(input) ? message : `${input}: ${message}`);
  }
}
