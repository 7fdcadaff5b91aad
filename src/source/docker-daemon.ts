import { mkdtemp, rm } from 'node:fs/promises';
import { toolSaid } from '../base/tool-output.js';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Descriptor } from '../oci/descriptor.js';
import { DockerArchiveSource } from './docker-archive.js';
import { type ContentSource, SourceError } from './source.js';
import { SOURCE_TEMP_PREFIX } from './unpacked-archive.js';

/** What running the docker CLI gave; it is passed in by the face, as `runHelm` is. */
export interface DockerRun {
  exitCode: number;
  stderr: string;
}

/** Runs `docker ARGS`; rejects only when docker could not be started at all. */
export type RunDocker = (args: string[]) => Promise<DockerRun>;

/**
 * `docker-daemon:NAME:TAG`: an image in the local docker daemon. `docker save` writes it to a
 * temporary file (streamed to disk by docker, never held in memory here), which is then read
 * as a docker-archive. The CLI finds its daemon the usual way (DOCKER_HOST, docker context).
 */
export class DockerDaemonSource implements ContentSource {
  readonly name: string;
  private saving: Promise<DockerArchiveSource> | undefined;
  private saveDir: string | undefined;
  private closed = false;

  constructor(
    private readonly image: string,
    private readonly tempRoot: string,
    /** The docker CLI, as the face runs it; undefined where no face lent one. */
    private readonly runDocker: RunDocker | undefined,
  ) {
    this.name = `docker-daemon:${image}`;
  }

  async resolve(): Promise<Descriptor> {
    return (await this.saved()).resolve();
  }

  async fetchManifest(descriptor: Descriptor): Promise<Buffer> {
    return (await this.saved()).fetchManifest(descriptor);
  }

  async openBlob(descriptor: Descriptor): Promise<Readable> {
    return (await this.saved()).openBlob(descriptor);
  }

  async close(): Promise<void> {
    this.closed = true;
    const archive = await this.saving?.catch(() => undefined);
    await archive?.close();
    if (this.saveDir) await rm(this.saveDir, { recursive: true, force: true });
  }

  private saved(): Promise<DockerArchiveSource> {
    if (this.closed) throw new SourceError(`${this.name}: used after it was closed`);
    this.saving ??= this.save();
    return this.saving;
  }

  private async save(): Promise<DockerArchiveSource> {
    if (!this.runDocker) {
      throw new SourceError(
        `${this.name}: this face of oci-push can't run docker; push the image from a file ` +
          'with docker-archive:FILE',
      );
    }
    this.saveDir = await mkdtemp(join(this.tempRoot, SOURCE_TEMP_PREFIX));
    const file = join(this.saveDir, 'image.tar');
    let run: DockerRun;
    try {
      run = await this.runDocker(['save', '-o', file, this.image]);
    } catch (error) {
      throw new SourceError(
        `${this.name}: could not run \`docker save\` (${(error as Error).message}); ` +
          'the docker CLI must be on PATH, or push the image from a file with docker-archive:FILE',
      );
    }
    const code = run.exitCode;
    if (code !== 0) {
      const said = toolSaid(run.stderr);
      const failed = `${this.name}: \`docker save ${this.image}\` failed with exit code ${code}`;
      const quoted = said ? ` ("${said}")` : '';
      // The CLI's own words tell a daemon that can't be reached from an image it doesn't have.
      if (/cannot connect to the docker daemon|is the docker daemon running/i.test(said)) {
        throw new SourceError(
          `${failed}: the docker daemon can't be reached${quoted}. Start it, or point DOCKER_HOST ` +
            'at the daemon that holds the image; or push the image from a file with ' +
            'docker-archive:FILE',
        );
      }
      throw new SourceError(
        `${failed}${quoted}. Check that the image is in the daemon ` +
          `(\`docker image ls ${this.image}\`) and that DOCKER_HOST points at that daemon`,
      );
    }
    // The file holds exactly the image asked for, so it needs no name to pick it.
    return new DockerArchiveSource(file, {}, this.tempRoot, this.name);
  }
}
