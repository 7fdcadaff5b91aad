import * as core from '@actions/core';
import type { InputGetter } from '../jobs/inputs.js';
import { parsePushInputs, type PushInputs } from '../jobs/push-inputs.js';
import { actionInput } from './context.js';

/**
 * The runner sets `INPUT_<NAME>` for every input action.yml gives a default, from the workflow
 * or else that default (actions/runner `ActionRunner`: defaults fill only inputs the step
 * left out). So an input whose variable is there but blank was given blank by the workflow.
 */
function withGiven(env: NodeJS.ProcessEnv): InputGetter {
  const get: InputGetter = (name) => actionInput(name);
  get.given = (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] !== undefined;
  return get;
}

export function getPushInputs(env: NodeJS.ProcessEnv = process.env): PushInputs {
  return parsePushInputs(withGiven(env), env, core.setSecret);
}
