import * as core from '@actions/core';
import { commandFreeLines } from '../base/workflow-commands.js';
import type { Logger } from '../registry/log.js';

/**
 * `core.info`, for any text: what it prints can't start a workflow command. `core.warning`
 * and `core.error` escape their text into one command already; plain lines do not.
 */
export function info(message: string): void {
  for (const line of commandFreeLines(message)) core.info(line);
}

/** The logger the action lends every job. */
export const actionLogger: Logger = { debug: core.debug, info, warning: core.warning };
