import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../registry/log.js';

/**
 * The runner reads workflow commands out of every line a step prints: `::name …::` at the
 * start of a line (after any whitespace), and the older `##[name …]` anywhere in a line
 * (actions/runner `ActionCommand.cs`, TryParseV2 and TryParse). Registries say things we print
 * (error bodies, names), and one of them printing `##[error]…` or a line starting `::` would
 * be a command: an annotation, an output, a mask. `core.warning` and `core.error` escape their
 * text into one command already; plain lines do not. So every plain line goes through here.
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

/** `core.info`, for any text: what it prints can't start a workflow command. */
export function info(message: string): void {
  for (const line of commandFreeLines(message)) core.info(line);
}

/** The logger the action lends every job. */
export const actionLogger: Logger = { debug: core.debug, info, warning: core.warning };
