/**
 * The one bundle every entry point runs (dist/lib/index.js). Each entry is an explicit file
 * that imports this and calls its own function, so the actions and the CLI share one copy
 * of every chunk (the Azure SDKs among them). Importing this runs nothing.
 *
 * Each face is loaded when its entry calls it: the push action starts without the sync's,
 * the cleanup's or the CLI's code (yaml, re2js and the rest load with the face that needs
 * them), which keeps its start small; docs/architecture.md has the figures.
 */
import type { CliIO } from './cli/console.js';

export async function runPushAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return (await import('./action/push.js')).runPushAction(env);
}

export async function runCleanupAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return (await import('./action/cleanup.js')).runCleanupAction(env);
}

export async function runSyncAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return (await import('./action/sync.js')).runSyncAction(env);
}

export async function runCli(args: string[], io: CliIO): Promise<number> {
  return (await import('./cli/index.js')).runCli(args, io);
}
