import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSyncInputs, runSync } from '../jobs/sync.js';
import { SYNC_EXIT_BAD_CONFIG } from '../jobs/sync-report.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const USAGE = `Usage: oci-push sync --config FILE [--shard I/N] [--dry-run] [--json FILE|-]

Copies the images the config names into its targets (see the README, "Sync").
  --config FILE   the sync config (YAML; schema: sync/schema.json)
  --shard I/N     copy only this runner's share (split by source repository)
  --dry-run       list, filter and compare; write nothing
  --json FILE|-   write the result (every image × tag × target) as JSON; - for stdout

Credentials: OCI_PUSH_CREDENTIALS (HOST=USERNAME:PASSWORD per line), then the docker config
($DOCKER_CONFIG/config.json or ~/.docker/config.json), then anonymous.

Exit codes: 0 everything is there (mirrors may have warned), 1 a required target failed,
2 a bad config or flag, 3 drift refused and nothing else failed.`;

/** `oci-push sync`: returns the exit code; never calls process.exit. */
export async function runSyncCommand(args: string[], io: CliIo): Promise<number> {
  const secrets = new Set<string>();
  // Nothing the sync logs holds a secret; this is the second line of defence.
  const redact = (text: string): string => {
    let out = text;
    for (const secret of secrets) if (secret) out = out.split(secret).join('***');
    return out;
  };
  const say = (stream: NodeJS.WritableStream, text: string): void => {
    stream.write(`${redact(text)}\n`);
  };
  let flags;
  try {
    flags = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        shard: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    say(io.stderr, `oci-push sync: ${(error as Error).message}\n\n${USAGE}`);
    return SYNC_EXIT_BAD_CONFIG;
  }
  if (flags.help) {
    say(io.stdout, USAGE);
    return 0;
  }
  if (!flags.config) {
    say(io.stderr, `oci-push sync: --config FILE is required\n\n${USAGE}`);
    return SYNC_EXIT_BAD_CONFIG;
  }
  const fromFlags: Record<string, string> = {
    config: flags.config,
    shard: flags.shard ?? '',
    'dry-run': flags['dry-run'] ? 'true' : 'false',
  };
  // The rest as the action's inputs, from OCI_PUSH_* (OCI_PUSH_CREDENTIALS, OCI_PUSH_AZURE_CLIENT_ID…).
  const get = (name: string): string =>
    fromFlags[name] ?? io.env[`OCI_PUSH_${name.toUpperCase().replace(/-/g, '_')}`] ?? '';
  const onSecret = (secret: string): void => void secrets.add(secret);
  const jsonToStdout = flags.json === '-';
  const log = (line: string): void => say(io.stderr, line);

  let inputs;
  try {
    inputs = await parseSyncInputs(get, io.cwd, onSecret);
  } catch (error) {
    say(io.stderr, `oci-push sync: ${(error as Error).message}`);
    return SYNC_EXIT_BAD_CONFIG;
  }
  try {
    const { report, verdict } = await runSync(inputs, {
      env: io.env,
      log: { debug: () => undefined, info: log, warning: (m) => log(`warning: ${m}`) },
      onSecret,
      phase: async (name, work) => {
        log(`== ${name}`);
        return work();
      },
      getIdToken: () =>
        Promise.reject(
          new Error(
            'no GitHub OIDC token outside GitHub Actions; give the registry a credential ' +
              '(OCI_PUSH_CREDENTIALS or docker login) instead of keyless login',
          ),
        ),
    });
    say(jsonToStdout ? io.stderr : io.stdout, report.summary);
    if (flags.json !== undefined) {
      const json = report.outputs.result ?? '{}';
      if (jsonToStdout) say(io.stdout, json);
      else await writeFile(resolve(io.cwd, flags.json), `${redact(json)}\n`);
    }
    if (report.failure) say(io.stderr, report.failure);
    return verdict;
  } catch (error) {
    say(io.stderr, `oci-push sync: ${(error as Error).message}`);
    return 1;
  }
}
