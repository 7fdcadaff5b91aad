import * as core from '@actions/core';
import { type CleanupInputs, parseCleanupInputs } from '../jobs/cleanup-inputs.js';
import { parsePushInputs, type PushInputs } from '../jobs/push-inputs.js';

/** The runner's inputs, by their action.yml names. The face's only reader of `INPUT_*`. */
const actionInput = (name: string): string => core.getInput(name);

export function getPushInputs(env: NodeJS.ProcessEnv = process.env): PushInputs {
  return parsePushInputs(actionInput, env, core.setSecret);
}

export function getCleanupInputs(): CleanupInputs {
  return parseCleanupInputs(actionInput);
}
