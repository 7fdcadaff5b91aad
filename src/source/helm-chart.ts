import { Readable } from 'node:stream';
import type { Descriptor } from '../oci/descriptor.js';
import { digestOf } from '../oci/digest.js';
import { MediaType } from '../oci/mediatypes.js';
import { goJson, helmAnnotations, helmConfigBytes } from '../helm/metadata.js';
import type { PackagedChart } from '../helm/prepare.js';
import { type ContentSource, SourceError } from './source.js';

/** helm `pkg/registry` constants.go. */
export const HelmMediaType = {
  Config: 'application/vnd.cncf.helm.config.v1+json',
  Chart: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
  Provenance: 'application/vnd.cncf.helm.chart.provenance.v1.prov',
} as const;

/**
 * A chart as an OCI artifact, built in memory exactly as helm builds it: config (the
 * metadata), the chart layer, an optional provenance layer, layers sorted by digest, helm's
 * annotations, no `mediaType` field, Go's JSON encoding.
 */
export class HelmChartSource implements ContentSource {
  readonly name: string;
  private readonly blobs = new Map<string, Buffer>();
  private readonly manifest: Buffer;
  private readonly root: Descriptor;

  constructor(chart: PackagedChart) {
    this.name = `chart ${chart.metadata.name} ${chart.metadata.version} (${chart.origin})`;
    const config = this.add(HelmMediaType.Config, helmConfigBytes(chart.metadata));
    const layers = [this.add(HelmMediaType.Chart, chart.archive)];
    if (chart.provenance) layers.push(this.add(HelmMediaType.Provenance, chart.provenance));
    layers.sort((a, b) => (a.digest < b.digest ? -1 : 1));
    this.manifest = Buffer.from(
      goJson({
        schemaVersion: 2,
        config,
        layers,
        annotations: helmAnnotations(chart.metadata, chart.created),
      }),
    );
    this.root = {
      mediaType: MediaType.OciManifest,
      digest: digestOf(this.manifest),
      size: this.manifest.length,
    };
    this.blobs.set(this.root.digest, this.manifest);
  }

  async resolve(): Promise<Descriptor> {
    return this.root;
  }

  async fetchManifest(descriptor: Descriptor): Promise<Buffer> {
    return this.bytes(descriptor);
  }

  async openBlob(descriptor: Descriptor): Promise<Readable> {
    return Readable.from([this.bytes(descriptor)]);
  }

  private bytes(descriptor: Descriptor): Buffer {
    const bytes = this.blobs.get(descriptor.digest);
    if (!bytes) throw new SourceError(`${this.name}: no blob ${descriptor.digest}`);
    return bytes;
  }

  private add(
    mediaType: string,
    bytes: Buffer,
  ): { mediaType: string; digest: `sha256:${string}`; size: number } {
    const digest = digestOf(bytes);
    this.blobs.set(digest, bytes);
    return { mediaType, digest, size: bytes.length };
  }
}
