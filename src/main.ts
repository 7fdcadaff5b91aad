/**
 * The push action for `npm run local-action`: GitHub's local-action imports an entry and
 * calls its `run` export, with `@actions/core` stubbed. The build does not use this file;
 * runners start dist/index.js (scripts/build.sh).
 */
export { runPushAction as run } from './action/push.js';
