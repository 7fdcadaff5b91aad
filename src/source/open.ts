import { tmpdir } from 'node:os';
import type { DockerReference, SourceReference } from '../oci/reference.js';
import { DockerArchiveSource } from './docker-archive.js';
import { DockerDaemonSource, type RunDocker } from './docker-daemon.js';
import { OciArchiveSource } from './oci-archive.js';
import { OciLayoutSource } from './oci-layout.js';
import { type ContentSource, SourceError } from './source.js';

/** What opening a source may need from its host. */
export interface SourceContext {
  /** Where archives are unpacked and daemon images saved; RUNNER_TEMP or the OS's by default. */
  tempDir?: string;
  /** Runs the docker CLI, for `docker-daemon:`; the face lends it, as it lends `runHelm`. */
  runDocker?: RunDocker;
  /** Opens a `docker://` source; the host builds it, as it holds the registry clients. */
  registrySource?: (ref: DockerReference) => ContentSource;
}

/** The source a reference names. Nothing is read until the source's first `resolve()`. */
export function openSource(ref: SourceReference, context: SourceContext): ContentSource {
  const tempRoot = context.tempDir ?? process.env.RUNNER_TEMP ?? tmpdir();
  switch (ref.transport) {
    case 'oci':
      return new OciLayoutSource(ref.path, ref.ref);
    case 'oci-archive':
      return new OciArchiveSource(ref.path, ref.ref, tempRoot);
    case 'docker-archive':
      return new DockerArchiveSource(
        ref.path,
        {
          ...(ref.name !== undefined && { name: ref.name }),
          ...(ref.index !== undefined && { index: ref.index }),
        },
        tempRoot,
      );
    case 'docker-daemon':
      return new DockerDaemonSource(ref.name, tempRoot, context.runDocker);
    case 'docker':
      if (!context.registrySource) {
        throw new SourceError(
          `docker://${ref.host}/${ref.repository}: this host of oci-push can't read from a ` +
            'registry (no registry source was given to openSource)',
        );
      }
      return context.registrySource(ref);
  }
}
