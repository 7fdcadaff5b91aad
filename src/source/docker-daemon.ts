import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { exec } from '@actions/exec';
import type { Descriptor } from '../oci/descriptor.js';
import { DockerArchiveSource } from './docker-archive.js';
import { type ContentSource, SourceError } from './source.js';
import { SOURCE_TEMP_PREFIX } from './unpacked-archive.js';

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
    /** The docker CLI to run; `docker` from PATH unless told otherwise. */
    private readonly dockerCommand = 'docker',
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
    this.saveDir = await mkdtemp(join(this.tempRoot, SOURCE_TEMP_PREFIX));
    const file = join(this.saveDir, 'image.tar');
    const stderr: Buffer[] = [];
    let code: number;
    try {
      code = await exec(this.dockerCommand, ['save', '-o', file, this.image], {
        silent: true,
        ignoreReturnCode: true,
        listeners: { stderr: (data) => stderr.push(data) },
      });
    } catch (error) {
      throw new SourceError(
        `${this.name}: could not run \`${this.dockerCommand} save\` (${(error as Error).message}); ` +
          'the docker CLI must be on PATH, or push the image from a file with docker-archive:FILE',
      );
    }
    if (code !== 0) {
      const said = Buffer.concat(stderr).toString('utf8').trim();
      const failed = `${this.name}: \`docker save ${this.image}\` failed with exit code ${code}`;
      const quoted = said ? ` ("${said.replace(/\s+/g, ' ')}")` : '';
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
