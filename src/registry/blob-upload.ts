import { Transform, type Readable } from 'node:stream';
import { InterruptedError } from '../base/errors.js';
import type { Descriptor } from '../oci/descriptor.js';
import { printable } from '../oci/untrusted.js';
import { isTransient, pauseFor } from './attempts.js';
import type { RegistryAuth } from './auth.js';
import { ChunkReader, receivedBytes } from './chunks.js';
import {
  type RegistryEndpoint,
  resolveLocation,
  uploadCompleteUrl,
  uploadStartUrl,
} from './endpoints.js';
import { RegistryError } from './errors.js';
import type { HttpResponse } from './http.js';
import { pullScopes, pushScopes } from './scope.js';

/**
 * Pushing a blob (distribution-spec, "Pushing blobs"): a session opened, or the blob mounted
 * from another repository of the registry; then the bytes in one monolithic PUT, or in PATCH
 * chunks that resume where the registry says it stands after a cut. The client decides how
 * often to try again (`RegistryClient.pushBlob`); this is one attempt.
 */

/** Resumes per upload session after a dropped connection or a server error mid-chunk. */
const MAX_RESUMES = 8;
/**
 * Blobs up to this size go in one PUT; larger ones in PATCH chunks of this size, so a
 * dropped connection costs at most one chunk when the registry can resume.
 */
export const DEFAULT_CHUNK_SIZE = 64 * 1024 * 1024;

export interface BlobUploadOptions {
  /** Reads the blob from its start, verified by the source as it streams. */
  open: () => Promise<Readable>;
  /** Another repository on this registry that holds the blob: mount it from there. */
  mountFrom?: string;
  /** Called as bytes go out, with how many. */
  onBytes?: (bytes: number) => void;
}

/** One upload session's URL, as the registry's last `Location` gave it. */
interface UploadSession {
  location: URL;
}

/** What an upload needs from its client. */
export interface BlobUploaderDependencies {
  auth: RegistryAuth;
  endpoint: RegistryEndpoint;
  /** Blobs larger than this go in chunks of this size. */
  chunkSize: number;
  sleep: (ms: number) => Promise<void>;
  error: (res: HttpResponse, operation: string, repository: string) => Promise<RegistryError>;
}

export class BlobUploader {
  constructor(private readonly deps: BlobUploaderDependencies) {}

  /**
   * One attempt at putting a blob in `repository`: a session (or a mount, when the registry
   * agrees), then the bytes whole in one PUT when the blob is small, else in PATCH chunks.
   * A stopped run cancels its session, leaving nothing to hold the registry's space.
   */
  async upload(
    repository: string,
    descriptor: Descriptor,
    options: BlobUploadOptions,
  ): Promise<'uploaded' | 'mounted'> {
    const session = await this.startUpload(repository, descriptor, options.mountFrom);
    if (session === 'mounted') return 'mounted';
    try {
      if (descriptor.size <= this.deps.chunkSize) {
        await this.putWhole(repository, session, descriptor, options);
      } else {
        await this.putChunked(repository, session, descriptor, options);
      }
    } catch (error) {
      // A stopped run leaves no session behind to hold the registry's space until it expires.
      if (error instanceof InterruptedError) await this.cancelUpload(repository, session);
      throw error;
    }
    return 'uploaded';
  }

  /**
   * Opens an upload session, or mounts (distribution-spec, "Mounting a blob from another
   * repository"): 201 means mounted; 202 is a session to upload into instead. A mount that
   * fails in any other way falls back to a plain session.
   */
  private async startUpload(
    repository: string,
    descriptor: Descriptor,
    mountFrom: string | undefined,
  ): Promise<UploadSession | 'mounted'> {
    const url = uploadStartUrl(this.deps.endpoint, repository);
    if (mountFrom !== undefined && mountFrom !== repository) {
      const mountUrl = new URL(url);
      mountUrl.searchParams.set('mount', descriptor.digest);
      mountUrl.searchParams.set('from', mountFrom);
      try {
        const res = await this.deps.auth.send({ method: 'POST', url: mountUrl }, [
          ...pushScopes(repository),
          ...pullScopes(mountFrom),
        ]);
        if (res.status === 201) {
          await res.drain();
          return 'mounted';
        }
        if (res.status === 202) return this.session(res, repository, descriptor);
        await res.drain();
      } catch (error) {
        if (isTransient(error)) throw error;
        // Not allowed to read the other repository, or no mount support: upload instead.
      }
    }
    const res = await this.deps.auth.send({ method: 'POST', url }, pushScopes(repository));
    if (res.status !== 202) {
      throw await this.deps.error(res, `Starting the upload of ${descriptor.digest}`, repository);
    }
    return this.session(res, repository, descriptor);
  }

  private async session(
    res: HttpResponse,
    repository: string,
    descriptor: Descriptor,
  ): Promise<UploadSession> {
    const location = res.headers.location;
    await res.drain();
    if (!location) {
      throw new RegistryError(
        `Starting the upload of ${descriptor.digest}`,
        this.deps.endpoint.host,
        repository,
        res.status,
        [],
        'The registry gave no upload Location.',
      );
    }
    return { location: resolveLocation(location, res.url) };
  }

  /**
   * `DELETE <location>` (distribution-spec, "Canceling an upload"), as a tidy-up request: it
   * goes out even once the run is stopping. Whatever it answers, the upload is given up.
   */
  private async cancelUpload(repository: string, session: UploadSession): Promise<void> {
    try {
      const res = await this.deps.auth.send(
        { method: 'DELETE', url: session.location, tidy: true },
        pushScopes(repository),
      );
      await res.drain();
    } catch {
      // The registry expires an upload session it isn't told about.
    }
  }

  /** Monolithic: the whole blob in the PUT that completes the session. */
  private async putWhole(
    repository: string,
    session: UploadSession,
    descriptor: Descriptor,
    options: BlobUploadOptions,
  ): Promise<void> {
    const res = await this.deps.auth.send(
      {
        method: 'PUT',
        url: uploadCompleteUrl(session.location, descriptor.digest),
        headers: { 'content-type': 'application/octet-stream' },
        body: async () => counted(await options.open(), options.onBytes),
        contentLength: descriptor.size,
      },
      pushScopes(repository),
    );
    if (res.status !== 201)
      throw await this.deps.error(res, `Uploading blob ${descriptor.digest}`, repository);
    await res.drain();
  }

  /**
   * Chunked: PATCH `Content-Range: start-end` (inclusive) chunk after chunk, each answer
   * naming the next Location, then an empty PUT with the digest. After a resume the blob is
   * read again from its start, verified as always, and the bytes the registry already holds
   * are skipped, so what completes the upload is checked end to end.
   */
  private async putChunked(
    repository: string,
    session: UploadSession,
    descriptor: Descriptor,
    options: BlobUploadOptions,
  ): Promise<void> {
    const scopes = pushScopes(repository);
    const where = `blob ${descriptor.digest}`;
    let reader = new ChunkReader(await options.open(), descriptor.size, where);
    let resumes = 0;
    try {
      while (reader.position < descriptor.size) {
        const start = reader.position;
        const end = Math.min(start + this.deps.chunkSize, descriptor.size);
        let failure: unknown;
        try {
          const res = await this.deps.auth.send(
            {
              method: 'PATCH',
              url: session.location,
              headers: {
                'content-type': 'application/octet-stream',
                'content-range': `${start}-${end - 1}`,
              },
              body: () => counted(reader.body(end - start), options.onBytes),
              contentLength: end - start,
            },
            scopes,
          );
          if (res.status === 202 && res.headers.location) {
            session.location = resolveLocation(res.headers.location, res.url);
            await res.drain();
            continue;
          }
          failure = await this.deps.error(
            res,
            `Uploading a chunk of ${descriptor.digest}`,
            repository,
          );
        } catch (error) {
          failure = error;
        }
        if (!isTransient(failure) || ++resumes > MAX_RESUMES) throw failure;
        await this.deps.sleep(pauseFor(failure, resumes));

        // Ask where the upload stands, and continue from there. A registry that lost track
        // (Distribution 2.8 does, once a cut PATCH left part of a chunk behind) answers with
        // an error: then the whole upload starts again in a new session.
        const status = await this.uploadStatus(repository, session.location).catch(() => undefined);
        if (!status || status.received < start || status.received > end) throw failure;
        session.location = status.location;
        reader.close();
        reader = new ChunkReader(await options.open(), descriptor.size, where);
        await reader.skip(status.received);
      }
      // The source stream ends only once it has checked the digest: wait for that verdict.
      await reader.finish();
    } finally {
      reader.close();
    }
    const res = await this.deps.auth.send(
      { method: 'PUT', url: uploadCompleteUrl(session.location, descriptor.digest) },
      scopes,
    );
    if (res.status !== 201)
      throw await this.deps.error(res, `Completing the upload of ${descriptor.digest}`, repository);
    await res.drain();
  }

  /** `GET <location>`: 204 with how many bytes the registry holds and the session's Location. */
  private async uploadStatus(
    repository: string,
    location: URL,
  ): Promise<{ received: number; location: URL }> {
    const res = await this.deps.auth.send({ method: 'GET', url: location }, pushScopes(repository));
    if (res.status !== 204)
      throw await this.deps.error(res, 'Checking an interrupted upload', repository);
    await res.drain();
    const received = receivedBytes(res.headers.range);
    if (received === undefined) {
      throw new RegistryError(
        'Checking an interrupted upload',
        this.deps.endpoint.host,
        repository,
        res.status,
        [],
        `The registry answered without a usable Range header (${printable(String(res.headers.range), 100)}).`,
      );
    }
    const next = res.headers.location;
    return { received, location: next ? resolveLocation(next, res.url) : location };
  }
}

/**
 * The registry no longer knows the upload session (it expired, or a cut request left it
 * inconsistent): a new session can succeed where this one can't.
 */
export function isLostSession(error: unknown): boolean {
  return (
    error instanceof RegistryError &&
    (error.code === 'BLOB_UPLOAD_UNKNOWN' || error.code === 'BLOB_UPLOAD_INVALID')
  );
}

/** Reports the bytes flowing through a body to `onBytes`; the source's errors pass through. */
function counted(stream: Readable, onBytes: ((bytes: number) => void) | undefined): Readable {
  if (!onBytes) return stream;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  stream.once('error', (error) => counter.destroy(error));
  counter.once('close', () => stream.destroy());
  return stream.pipe(counter);
}
