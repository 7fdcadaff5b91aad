import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type CommandResult, runCommand, spawnTracked, stopProcess } from './processes.js';

/**
 * A real docker daemon (Debian's `docker.io`, dockerd 20.10) of the test's own: a private
 * socket, data root and exec root in a temporary directory, so it neither needs nor touches a
 * system daemon. vfs storage, no bridge and no iptables: it only loads and saves images, which
 * is all `docker-daemon:` needs, and that works in an unprivileged-network VM too.
 */
export interface TestDockerDaemon {
  /** `unix:///tmp/.../docker.sock`, for DOCKER_HOST. */
  host: string;
  /** The environment a docker CLI needs to reach this daemon. */
  env: NodeJS.ProcessEnv;
  docker(args: string[]): Promise<CommandResult>;
  stop(): Promise<void>;
}

export async function startDockerDaemon(): Promise<TestDockerDaemon> {
  // Short: a unix socket path must fit in 108 bytes.
  const dir = await mkdtemp('/tmp/oci-push-dockerd-');
  const host = `unix://${join(dir, 'docker.sock')}`;
  const child = spawnTracked('dockerd', [
    '--host',
    host,
    '--data-root',
    join(dir, 'data'),
    '--exec-root',
    join(dir, 'exec'),
    '--pidfile',
    join(dir, 'docker.pid'),
    '--storage-driver=vfs',
    '--iptables=false',
    '--ip6tables=false',
    '--ip-masq=false',
    '--bridge=none',
    '--log-level=warn',
  ]);
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const env = { ...process.env, DOCKER_HOST: host };
  const docker = (args: string[]): Promise<CommandResult> => runCommand('docker', args, { env });
  const stop = async (): Promise<void> => {
    await stopProcess(child, 15_000);
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`dockerd exited while starting:\n${log}`);
    }
    if ((await docker(['version', '--format', '{{.Server.Version}}'])).code === 0) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`dockerd did not answer on ${host} within 30 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // The pid file is dockerd's own word that it is the daemon on this socket.
  const pid = Number(await readFile(join(dir, 'docker.pid'), 'utf8'));
  if (pid !== child.pid) {
    await stop();
    throw new Error(`another dockerd (pid ${pid}) answers on ${host}`);
  }
  return { host, env, docker, stop };
}
