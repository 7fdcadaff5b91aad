import { Parser, type ReadEntry } from 'tar';
import { parse as parseYaml, YAMLParseError } from 'yaml';

/** A chart archive can't be published; the message names the file and the problem. */
export class ChartError extends Error {
  override name = 'ChartError';
}

/** What oci-push reads out of a packaged chart. */
export interface ChartArchive {
  /** Chart.yaml as YAML text values (strings, lists and maps: see `parseChartYaml`). */
  chartYaml: Record<string, unknown>;
  /** The chart's top directory in the archive, which helm names after the chart. */
  directory: string;
  /** Chart.yaml's modification time in the archive: a property of the bytes, not of the clock. */
  chartYamlModified?: Date;
  /** An apiVersion v1 chart's requirements.yaml, which helm merges into the metadata. */
  requirementsYaml?: Record<string, unknown>;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Reads `<chart>/Chart.yaml` (and `requirements.yaml`) out of a chart `.tgz`. */
export async function readChartArchive(bytes: Buffer, where: string): Promise<ChartArchive> {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
    throw new ChartError(
      `${where} is not a gzip file, so not a packaged chart; build it with \`helm package\``,
    );
  }
  const wanted = new Map<string, { data: Buffer; mtime?: Date }>();
  const tops = new Set<string>();
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        const [top, ...rest] = entry.path.split('/');
        if (top) tops.add(top);
        const inner = rest.join('/');
        if (entry.type !== 'File' || (inner !== 'Chart.yaml' && inner !== 'requirements.yaml')) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          wanted.set(`${top}/${inner}`, {
            data: Buffer.concat(chunks),
            ...(entry.mtime && { mtime: entry.mtime }),
          });
        });
      },
    });
    parser.on('error', (error: Error) =>
      reject(new ChartError(`${where} is not a readable chart archive: ${error.message}`)),
    );
    parser.on('warn', (_code: string, message: string | Error) =>
      reject(new ChartError(`${where} is not a readable chart archive: ${String(message)}`)),
    );
    parser.on('end', () => resolve());
    parser.end(bytes);
  });

  const charts = [...wanted.keys()].filter((path) => path.endsWith('/Chart.yaml'));
  const [chartPath] = charts;
  if (!chartPath) {
    throw new ChartError(
      `${where} has no Chart.yaml in its top directory (${[...tops].join(', ') || 'empty archive'}); it is not a chart`,
    );
  }
  if (charts.length > 1) {
    throw new ChartError(
      `${where} holds ${charts.length} charts (${charts.join(', ')}); package one chart per archive`,
    );
  }
  const directory = chartPath.slice(0, -'/Chart.yaml'.length);
  const chart = wanted.get(chartPath);
  const requirements = wanted.get(`${directory}/requirements.yaml`);
  return {
    chartYaml: parseChartYaml(chart?.data ?? Buffer.alloc(0), `${where}: ${chartPath}`),
    directory,
    ...(chart?.mtime && { chartYamlModified: chart.mtime }),
    ...(requirements && {
      requirementsYaml: parseChartYaml(
        requirements.data,
        `${where}: ${directory}/requirements.yaml`,
      ),
    }),
  };
}

/**
 * Parses Chart.yaml with every scalar kept as the text it was written as (YAML's failsafe
 * schema): `version: 1.10` stays "1.10", never the number 1.1.
 */
export function parseChartYaml(bytes: Buffer, where: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(bytes.toString('utf8'), { schema: 'failsafe', uniqueKeys: true });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message : String(error);
    throw new ChartError(`${where} is not valid YAML: ${detail}`, { cause: error });
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ChartError(`${where} is not a YAML mapping`);
  }
  return parsed as Record<string, unknown>;
}
