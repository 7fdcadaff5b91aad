import { randomBytes } from 'node:crypto';

/**
 * The runner reads workflow commands out of every line a step prints: `::name …::` at the
 * start of a line (after any whitespace), and the older `##[name …]` anywhere in a line
 * (actions/runner `ActionCommand.cs`, TryParseV2 and TryParse). Registries say things we print
 * (error bodies, names), and one of them printing `##[error]…` or a line starting `::` would
 * be a command: an annotation, an output, a mask. Both faces print plain lines through here:
 * the action always, the CLI when it runs in a GitHub Actions step.
 */
const COMMAND_SHAPED = /^\s*::|##\[/;

/**
 * `message` as the lines to print: as it is when no line of it could be read as a command,
 * else between `::stop-commands::TOKEN` and `::TOKEN::` (GitHub's way to print text that
 * must not run, "Stopping and starting workflow commands"), the text itself unchanged. The
 * token is fresh and random each time, so the text can't guess it and end the pause early.
 */
export function commandFreeLines(message: string): string[] {
  if (!message.split(/\r\n|\r|\n/).some((line) => COMMAND_SHAPED.test(line))) return [message];
  const token = `oci-push-${randomBytes(16).toString('hex')}`;
  return [`::stop-commands::${token}`, message, `::${token}::`];
}
