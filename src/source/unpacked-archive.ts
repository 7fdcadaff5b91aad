import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, realpath, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
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
      const options = {
        cwd: dir,
        preserveOwner: false,
        noMtime: true,
        onwarn: (code: string, message: unknown) =>
          warnings.push({ code, message: String(message) }),
      };
      // node-tar unpacks plain, gzip and zstd archives itself; xz and bzip2 come unpacked here.
      const compression = await compressionOf(this.file);
      if (compression) {
        await unpackStream(
          await decompressed(this.file, compression, this.sourceName),
          extract(options),
        );
      } else {
        await extract({ ...options, file: this.file });
      }
      const [first] = warnings;
      if (first) failure = this.unpackError(first.code, first.message);
    } catch (error) {
      const { tarCode, code, message } = error as Error & { code?: string; tarCode?: string };
      failure = error instanceof SourceError ? error : this.unpackError(tarCode ?? code, message);
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

/** `docker save | xz` and `| bzip2`, known by their magic bytes (xz format 2.2; bzip2's "BZh"). */
type Compression = 'xz' | 'bzip2';

const MAGIC: [Compression, Buffer][] = [
  ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])],
  ['bzip2', Buffer.from('BZh')],
];

async function compressionOf(file: string): Promise<Compression | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(6);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const start = head.subarray(0, bytesRead);
    return MAGIC.find(([, magic]) => start.subarray(0, magic.length).equals(magic))?.[0];
  } finally {
    await handle.close();
  }
}

/** A decompressed tar stream, and what its decompressor said once it ended (a failure). */
interface Decompressed {
  stream: Readable;
  verdict: Promise<SourceError | undefined>;
}

/** XZ Embedded's `enum xz_ret` (xz.h), for the codes xz-decompress reports. */
const XZ_ERRORS: Record<string, string> = {
  '2': 'an integrity check it does not know',
  '3': 'out of memory',
  '4': 'a dictionary over the memory limit',
  '5': 'not in xz format',
  '6': 'options it does not support',
  '7': 'corrupt data',
  '8': 'cut short',
};

/**
 * The archive's tar stream. xz: in this process, by xz-decompress (XZ Embedded, the Linux
 * kernel's decoder, built to WebAssembly: 26 KB, no native code, nothing run from the host).
 * bzip2: by the host's `bzip2 -dc`, present on every GitHub runner image and Debian; no
 * maintained streaming bzip2 decoder exists in JavaScript (the one in wide use has had no
 * release since 2020, and decodes at a quarter of bzip2's speed).
 */
async function decompressed(
  file: string,
  compression: Compression,
  sourceName: string,
): Promise<Decompressed> {
  const damaged = (why: string): SourceError =>
    new SourceError(
      `${sourceName}: ${file} could not be decompressed (${why}); the archive is damaged or ` +
        'cut short, so save it again',
    );
  if (compression === 'xz') {
    // A CommonJS module: Node's ESM loader puts its exports under `default`, the bundle not.
    const loaded = (await import('xz-decompress')) as typeof import('xz-decompress') & {
      default?: typeof import('xz-decompress');
    };
    const { XzReadableStream } = loaded.default ?? loaded;
    const web = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    const stream = Readable.fromWeb(new XzReadableStream(web) as NodeReadableStream<Uint8Array>);
    const verdict = new Promise<SourceError | undefined>((resolve) => {
      stream.once('end', () => resolve(undefined));
      stream.once('error', (error) => {
        const code = /error code (\d+)/.exec(error.message)?.[1] ?? '';
        resolve(damaged(`xz: ${XZ_ERRORS[code] ?? error.message}`));
      });
    });
    return { stream, verdict };
  }
  const child = spawn('bzip2', ['-dc', '--', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 2000) stderr += chunk.toString('utf8');
  });
  const verdict = new Promise<SourceError | undefined>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        new SourceError(
          error.code === 'ENOENT'
            ? `${sourceName}: ${file} is compressed with bzip2, and the bzip2 command is not ` +
                'installed here: install it (apt-get install bzip2), or give the archive ' +
                `decompressed (bunzip2 ${file})`
            : `${sourceName}: bzip2 could not be started: ${error.message}`,
        ),
      ),
    );
    child.once('close', (code) =>
      resolve(
        code === 0
          ? undefined
          : damaged(`bzip2 -dc: ${stderr.trim().split('\n')[0] || `exit code ${code}`}`),
      ),
    );
  });
  const stream = child.stdout;
  // Whoever stops reading early (a refused archive) must not leave bzip2 running.
  stream.once('close', () => {
    if (child.exitCode === null) child.kill();
  });
  return { stream, verdict };
}

/**
 * Feeds a decompressed tar stream to node-tar's unpacker; settles once every file is
 * written. When it fails, the decompressor's own verdict is the cause if it has one: tar's
 * view of a stream that stopped short is only the symptom.
 */
async function unpackStream(
  { stream, verdict }: Decompressed,
  unpack: NodeJS.WritableStream,
): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('error', (error) => {
        reject(error);
        (unpack as unknown as { abort?: (e: Error) => void }).abort?.(error);
      });
      unpack.once('error', reject);
      unpack.once('close', () => resolve());
      stream.pipe(unpack);
    });
  } catch (error) {
    stream.destroy();
    throw (await verdict) ?? error;
  }
  const failure = await verdict;
  if (failure) throw failure;
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
