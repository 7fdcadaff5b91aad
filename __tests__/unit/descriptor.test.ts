import { ManifestFormatError, parseManifest } from '../../src/oci/descriptor.js';
import { MediaType } from '../../src/oci/mediatypes.js';

const d = (n: string, mediaType = 'application/octet-stream') => ({
  mediaType,
  digest: `sha256:${n.repeat(64)}`,
  size: 1,
});

test('an image manifest lists its config and layers as blobs', () => {
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: d('a'),
      layers: [d('b'), d('c')],
    }),
  );
  const parsed = parseManifest(bytes, MediaType.OciManifest, 'm');
  expect(parsed.blobs.map((b) => b.digest[7])).toEqual(['a', 'b', 'c']);
  expect(parsed.manifests).toEqual([]);
});

test('an index lists its manifests, platform and all; a subject is kept', () => {
  const child = {
    ...d('e', MediaType.OciManifest),
    platform: { architecture: 'arm64', os: 'linux' },
  };
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [child],
      subject: d('f', MediaType.OciManifest),
    }),
  );
  const parsed = parseManifest(bytes, 'application/octet-stream', 'i');
  expect(parsed.mediaType).toBe(MediaType.OciIndex);
  expect(parsed.manifests).toEqual([child]);
  expect(parsed.subject?.digest).toBe(d('f').digest);
});

test('an OCI manifest without mediaType takes the type it was referenced with', () => {
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, config: d('a'), layers: [] }));
  expect(parseManifest(bytes, MediaType.DockerManifest, 'm').mediaType).toBe(
    MediaType.DockerManifest,
  );
  expect(parseManifest(bytes, '', 'm').mediaType).toBe(MediaType.OciManifest);
});

test.each([
  ['{not json', /not valid JSON/],
  ['[]', /not a JSON object/],
  [JSON.stringify({ mediaType: 'text/plain' }), /unsupported manifest media type "text\/plain"/],
  [
    JSON.stringify({
      mediaType: MediaType.OciManifest,
      config: { ...d('a'), digest: 'md5:x' },
      layers: [],
    }),
    /config: descriptor digest "md5:x" is not sha256/,
  ],
  [
    JSON.stringify({
      mediaType: MediaType.OciManifest,
      config: d('a'),
      layers: [{ ...d('b'), size: -1 }],
    }),
    /layers\[0\]: descriptor size "-1"/,
  ],
  [JSON.stringify({ mediaType: MediaType.OciIndex }), /manifests: not a list/],
])('refuses %s', (json, message) => {
  expect(() => parseManifest(Buffer.from(json), '', 'where')).toThrow(ManifestFormatError);
  expect(() => parseManifest(Buffer.from(json), '', 'where')).toThrow(message);
});

test("a manifest that is not JSON is named without repeating the registry's bytes raw", () => {
  // JSON.parse quotes the text around the fault; a registry chooses that text.
  const bytes = Buffer.from('{"a":\n::error title=Forged::x \u202e 1}');
  let message = '';
  try {
    parseManifest(bytes, MediaType.OciManifest, 'registry/app@sha256:…');
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/^registry\/app@sha256:…: manifest is not valid JSON \(SyntaxError/);
  expect(message).not.toMatch(/[\n\u202e]/);
});
