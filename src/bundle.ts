/**
 * The one bundle every entry point runs (dist/lib/index.js). Each entry is an explicit file
 * that imports this and calls its own function, so the actions and the CLI share one copy
 * of every chunk (the Azure SDKs among them). Importing this runs nothing.
 */
export { runCleanupAction } from './action/cleanup.js';
export { runPushAction } from './action/push.js';
export { runSyncAction } from './action/sync.js';
export { runCli } from './cli/index.js';
