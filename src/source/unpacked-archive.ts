import { mkdtemp, realpath, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Descriptor } from '../oci/descriptor.js';
import { OciLayoutSource } from './oci-layout.js';
import { SourceError } from './source.js';

/** Temporary directories of sources start with this, so a leftover one is easy to place. */
export const SOURCE_TEMP_PREFIX = 'oci-push-source-';

/**
 * A tar archive unpacked, once, into a private temporary directory, as skopeo does with
 * oci-archive and docker-archive. Unpacking is safe against hostile archives: node-tar in
 * strict mode refuses absolute paths, `..`, links that leave the directory and writes through
 * symlinks, and any such entry fails the whole source rather than being skipped quietly.
 */
export class UnpackedArchive {
  private unpacking: Promise<string> | undefined;
  private removed = false;

  constructor(
    /** The tar file, as the user named it. */
    readonly file: string,
    /** The source's name, which starts every error message. */
    private readonly sourceName: string,
    /** The directory temporary directories are made in. */
    private readonly tempRoot: string,
  ) {}

  /** The directory holding the archive's contents. The first call unpacks; later ones wait. */
  directory(): Promise<string> {
    if (this.removed) throw new SourceError(`${this.sourceName}: used after it was closed`);
    this.unpacking ??= this.unpack();
    return this.unpacking;
  }

  /**
   * A file the archive names (in manifest.json, say), as a path on disk. Refused if it would
   * lead out of the archive, through `..`, an absolute path or a symlink.
   */
  async pathOf(name: string, what: string): Promise<string> {
    const dir = await this.directory();
    const where = `${this.sourceName}: ${what} "${name}"`;
    if (isAbsolute(name) || name.split('/').includes('..')) {
      throw new SourceError(`${where} points outside the archive; the archive is malformed`);
    }
    let real: string;
    try {
      real = await realpath(join(dir, name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SourceError(
        code === 'ENOENT'
          ? `${where} is not in the archive; it is incomplete, so save or export the image again`
          : `${where} can't be read: ${(error as Error).message}`,
      );
    }
    const inside = relative(await realpath(dir), real);
    if (inside === '' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      throw new SourceError(`${where} leads outside the archive through a link; refusing it`);
    }
    return real;
  }

  /** Deletes the unpacked files. Safe to call twice, and while unpacking is under way. */
  async remove(): Promise<void> {
    this.removed = true;
    const dir = await this.unpacking?.catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  }

  private async unpack(): Promise<string> {
    await this.checkFile();
    const dir = await mkdtemp(join(this.tempRoot, SOURCE_TEMP_PREFIX));
    let failure: SourceError | undefined;
    try {
      // Not `strict`: in strict mode node-tar rejects at the first bad entry while writes of
      // earlier entries are still under way, and removing the directory then races them
      // (ENOTEMPTY, a leftover directory, and that error instead of the real one). Without
      // it, each bad entry is skipped with a warning and the promise settles only once every
      // write has ended; then any warning refuses the whole archive.
      const warnings: { code: string; message: string }[] = [];
      const { extract } = await import('tar');
      await extract({
        file: this.file,
        cwd: dir,
        preserveOwner: false,
        noMtime: true,
        onwarn: (code, message) => warnings.push({ code, message: String(message) }),
      });
      const [first] = warnings;
      if (first) failure = this.unpackError(first.code, first.message);
    } catch (error) {
      const { tarCode, code, message } = error as Error & { code?: string; tarCode?: string };
      failure = this.unpackError(tarCode ?? code, message);
    }
    if (!failure && this.removed)
      failure = new SourceError(`${this.sourceName}: closed while unpacking`);
    if (failure) {
      // The refusal is what the user must see; a failed removal must not replace it.
      await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
      throw failure;
    }
    return dir;
  }

  private async checkFile(): Promise<void> {
    let isFile: boolean;
    try {
      isFile = (await stat(this.file)).isFile();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SourceError(
        code === 'ENOENT'
          ? `${this.sourceName}: the file ${this.file} does not exist; check the path (it is ` +
              'relative to the working directory) and that the step writing it ran'
          : `${this.sourceName}: can't read ${this.file}: ${(error as Error).message}`,
      );
    }
    if (!isFile) {
      throw new SourceError(
        `${this.sourceName}: ${this.file} is not a file; for an OCI layout directory write oci:${this.file}`,
      );
    }
  }

  private unpackError(code: string | undefined, message: string): SourceError {
    if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ENTRY_INVALID' || code === 'TAR_ABORT') {
      return new SourceError(
        `${this.sourceName}: ${this.file} is not a tar archive, or is damaged (${message}); ` +
          'give the file `docker save` or `docker buildx build --output type=oci,dest=FILE` wrote',
      );
    }
    if (code?.startsWith('TAR_')) {
      // Absolute paths, `..`, links out of the directory; also a full disk, said in `message`.
      return new SourceError(
        `${this.sourceName}: ${this.file} could not be unpacked safely (${message}); ` +
          'refusing the whole archive',
      );
    }
    return new SourceError(`${this.sourceName}: ${this.file} could not be unpacked: ${message}`);
  }
}

/**
 * An OCI layout unpacked from an archive, named after the archive: errors and digest
 * mismatches then point at the file the user gave, not at a temporary directory.
 */
export class LayoutInArchive extends OciLayoutSource {
  override readonly name: string;

  constructor(
    private readonly layoutDir: string,
    ref: string | undefined,
    name: string,
    /** How the user names one entry, e.g. `oci-archive:FILE:NAME`. */
    private readonly pickHint: string,
  ) {
    super(layoutDir, ref);
    this.name = name;
  }

  override async resolve(): Promise<Descriptor> {
    try {
      return await super.resolve();
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      throw new SourceError(error.message.replace(`oci:${this.layoutDir}:NAME`, this.pickHint));
    }
  }
}
