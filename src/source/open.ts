import type { SourceReference } from '../oci/reference.js';
import { OciLayoutSource } from './oci-layout.js';
import type { ContentSource } from './source.js';

export function openSource(ref: SourceReference): ContentSource {
  switch (ref.transport) {
    case 'oci':
      return new OciLayoutSource(ref.path, ref.ref);
  }
}
