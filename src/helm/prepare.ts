import { readdir, readFile, stat } from 'node:fs/promises';
import { toolSaid } from '../base/tool-output.js';
import { join } from 'node:path';
import { ChartError, parseChartYaml, readChartArchive } from './chart-archive.js';
import { normalizeChartArchive } from './archive-normalize.js';
import { type ChartMetadata, chartMetadata } from './metadata.js';

/** A packaged chart, ready to push. */
export interface PackagedChart {
  metadata: ChartMetadata;
  archive: Buffer;
  provenance?: Buffer;
  /** RFC 3339, from the archive itself (Chart.yaml's mtime), so the digest is reproducible. */
  created?: string;
  /** Where it came from, for messages: the .tgz path, or the directory that was packaged. */
  origin: string;
}

export interface HelmRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ChartPreparation {
  /** Runs the helm CLI (through @actions/exec in the action); rejects when helm is missing. */
  runHelm: (args: string[]) => Promise<HelmRun>;
  /** An empty directory for helm's output. */
  workDir: string;
  /** The time stamped into a chart oci-push packages: the commit's, so re-runs are identical. */
  sourceDate: Date;
}

/**
 * The `chart` input as a packaged chart of the build's version. A directory is packaged
 * with `helm package --version --app-version`; a `.tgz` must already carry the build's
 * version, since publishing it under another version would lie about what it is.
 */
export async function prepareChart(
  path: string,
  version: string,
  deps: ChartPreparation,
): Promise<PackagedChart> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    throw new ChartError(
      `chart: ${path} does not exist; give a chart directory or a packaged .tgz`,
    );
  }
  return isDirectory ? packageDirectory(path, version, deps) : readPackaged(path, version);
}

async function readPackaged(path: string, version: string): Promise<PackagedChart> {
  const archive = await readFile(path);
  const contents = await readChartArchive(archive, `chart ${path}`);
  const metadata = chartMetadata(contents.chartYaml, `chart ${path}`, contents.requirementsYaml);
  if (metadata.version !== version) {
    throw new ChartError(
      `chart ${path} is version ${metadata.version}, but this build's version is ${version}. ` +
        'oci-push never publishes a chart under a version it does not carry: package it with ' +
        `\`helm package --version ${version}\`, or give the chart directory and oci-push packages it.`,
    );
  }
  const provenance = await readFile(`${path}.prov`).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new ChartError(`chart: ${path}.prov can't be read: ${error.message}`, { cause: error });
  });
  return {
    metadata,
    archive,
    ...(provenance && { provenance }),
    ...(contents.chartYamlModified && { created: rfc3339(contents.chartYamlModified) }),
    origin: path,
  };
}

async function packageDirectory(
  dir: string,
  version: string,
  deps: ChartPreparation,
): Promise<PackagedChart> {
  const chartYamlPath = join(dir, 'Chart.yaml');
  const chartYaml = parseChartYaml(
    await readFile(chartYamlPath).catch(() => {
      throw new ChartError(`chart: ${dir} has no Chart.yaml; it is not a chart directory`);
    }),
    `chart ${chartYamlPath}`,
  );
  // appVersion follows the build, unless the chart sets another one on purpose (one that
  // differs from its own version, like an upstream application's version).
  const appVersion = typeof chartYaml.appVersion === 'string' ? chartYaml.appVersion.trim() : '';
  const stampAppVersion = appVersion === '' || appVersion === chartYaml.version;
  const args = ['package', dir, '--version', version, '--destination', deps.workDir];
  if (stampAppVersion) args.push('--app-version', version);

  let run: HelmRun;
  try {
    run = await deps.runHelm(args);
  } catch (error) {
    throw new ChartError(
      `chart: ${dir} is a directory, and packaging it needs helm, which could not be run ` +
        `(${(error as Error).message}). Install helm (azure/setup-helm), or give a packaged .tgz.`,
      { cause: error },
    );
  }
  if (run.exitCode !== 0) {
    throw new ChartError(
      `chart: \`helm ${args.join(' ')}\` failed: ${toolSaid(run.stderr || run.stdout)}`,
    );
  }
  const [packaged] = (await readdir(deps.workDir)).filter((name) => name.endsWith('.tgz'));
  if (!packaged) throw new ChartError(`chart: \`helm package ${dir}\` wrote no .tgz`);
  const archive = await normalizeChartArchive(
    await readFile(join(deps.workDir, packaged)),
    deps.sourceDate,
  );
  const contents = await readChartArchive(archive, `chart ${dir} (packaged)`);
  const metadata = chartMetadata(contents.chartYaml, `chart ${dir}`, contents.requirementsYaml);
  if (metadata.version !== version) {
    throw new ChartError(`chart: helm packaged ${dir} as ${metadata.version}, not ${version}`);
  }
  return {
    metadata,
    archive,
    created: rfc3339(deps.sourceDate),
    origin: `${dir} (packaged by oci-push)`,
  };
}

/** Go's time.Format(time.RFC3339) of a UTC time: seconds, `Z`. */
export function rfc3339(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
