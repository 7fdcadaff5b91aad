import { Pack, Parser, type ReadEntry } from 'tar';

/**
 * Re-packs a chart archive so the same chart gives the same bytes: every entry keeps its
 * path, order, type, mode and content, but gets `mtime`, no owner, and a gzip header without
 * a timestamp. `helm package` (v3) stamps the packaging time into every entry, so without
 * this a re-run of a release would produce a new digest and be refused as a different chart.
 */
export function normalizeChartArchive(bytes: Buffer, mtime: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pack = new Pack({ gzip: true, portable: true, mtime });
    const chunks: Buffer[] = [];
    pack.on('data', (chunk: Buffer) => chunks.push(chunk));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => void pack.add(entry),
    });
    parser.on('error', reject);
    parser.on('end', () => pack.end());
    parser.end(bytes);
  });
}
