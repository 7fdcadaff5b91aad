import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type CommandResult, runCommand } from './processes.js';
import { HELM3, HELM4 } from './tools.js';

export const HELMS = [
  ['helm v3.17', HELM3],
  ['helm v4.1', HELM4],
] as const;

/** PATH with one of the real helms first, for the action's `helm package`. */
export function pathWithHelm(helm: string): string {
  return `${dirname(helm)}:${process.env.PATH ?? ''}`;
}

export interface ChartFixture {
  dir: string;
  name: string;
}

/** A small but real chart directory: Chart.yaml, values.yaml and one template. */
export async function makeChartDir(
  parent: string,
  options: {
    name: string;
    version?: string;
    appVersion?: string;
    apiVersion?: string;
    values?: string;
    extra?: string;
  },
): Promise<ChartFixture> {
  const dir = join(parent, options.name);
  await mkdir(join(dir, 'templates'), { recursive: true });
  const lines = [
    `apiVersion: ${options.apiVersion ?? 'v2'}`,
    `name: ${options.name}`,
    'description: A test chart for oci-push <&> friends',
    `version: ${options.version ?? '0.1.0'}`,
    ...(options.appVersion === undefined ? [] : [`appVersion: "${options.appVersion}"`]),
    'home: https://github.com/giantswarm/oci-push',
    'sources:',
    '  - https://github.com/giantswarm/oci-push',
    'maintainers:',
    '  - name: Giant Swarm',
    '    email: dev@giantswarm.io',
    'annotations:',
    '  application.giantswarm.io/team: honeybadger',
    ...(options.extra ? [options.extra] : []),
  ];
  await writeFile(join(dir, 'Chart.yaml'), `${lines.join('\n')}\n`);
  await writeFile(join(dir, 'values.yaml'), options.values ?? 'replicas: 1\n');
  await writeFile(
    join(dir, 'templates', 'configmap.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  replicas: "{{ .Values.replicas }}"\n',
  );
  return { dir, name: options.name };
}

/**
 * Runs a real helm (pass `cwd` for commands that write files) with its own empty home, config, cache and registry login, so nothing of
 * the machine's (or another test's) leaks in.
 */
export async function helm(binary: string, args: string[], cwd?: string): Promise<CommandResult> {
  const session = await helmSession(binary);
  try {
    return await session.run(args, cwd);
  } finally {
    await session.close();
  }
}

/**
 * One real helm with one home for several commands, as a user's machine keeps its
 * repositories (`helm repo add`) and registry logins between them.
 */
export interface HelmSession {
  home: string;
  run(args: string[], cwd?: string, input?: string): Promise<CommandResult>;
  close(): Promise<void>;
}

export async function helmSession(binary: string): Promise<HelmSession> {
  const home = await mkdtemp(join(tmpdir(), 'oci-push-helm-home-'));
  return {
    home,
    run: (args, cwd, input) =>
      runCommand(binary, args, {
        cwd: cwd ?? home,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          HELM_CONFIG_HOME: join(home, 'config'),
          HELM_CACHE_HOME: join(home, 'cache'),
          HELM_DATA_HOME: join(home, 'data'),
          HELM_REGISTRY_CONFIG: join(home, 'registry.json'),
        },
        ...(input !== undefined && { input }),
      }),
    close: () => rm(home, { recursive: true, force: true }),
  };
}
