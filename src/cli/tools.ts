import { execFile } from 'node:child_process';
import type { HelmRun } from '../helm/prepare.js';

/**
 * The CLI's own exec for the tools a job runs (helm, docker): the command from PATH with the
 * CLI's environment, its output collected, its exit code returned. Rejects only when the
 * command could not be started (not on PATH).
 */
export function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<HelmRun> {
  return new Promise((resolve, reject) => {
    const options = { env, encoding: 'utf8' as const, maxBuffer: 16 * 1024 * 1024 };
    execFile(command, args, options, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}
