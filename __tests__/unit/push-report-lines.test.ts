import { targetLine } from '../../src/jobs/push-report.js';
import type { TargetResult } from '../../src/engine/copy.js';

const result = (status: TargetResult['status']): TargetResult => ({
  host: 'r.example',
  repository: 'app',
  status,
  digest: `sha256:${'a'.repeat(64)}`,
  tags: [],
  blobs: { uploaded: 4, mounted: 1, skipped: 2 },
  bytesUploaded: 0,
  seconds: 0.5,
});

test('a dry run says what it would upload and mount, not what it uploaded', () => {
  expect(targetLine(result('would-push'))).toBe(
    'r.example/app: would-push (would upload 4, would mount 1, 2 there already, 0 B, 0.5 s)',
  );
  expect(targetLine(result('pushed'))).toBe(
    'r.example/app: pushed (4 uploaded, 1 mounted, 2 skipped, 0 B, 0.5 s)',
  );
});
