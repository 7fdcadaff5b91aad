import type { SyncResult } from '../../src/engine/sync.js';
import type { SyncStatus } from '../../src/engine/sync-outcomes.js';
import type { SyncTarget } from '../../src/engine/sync-plan.js';
import { buildSyncReport } from '../../src/jobs/sync-report.js';

const TARGETS: SyncTarget[] = [
  { name: 'gsoci', host: 'gsoci.azurecr.io', insecure: false, acr: true, mirror: false },
  { name: 'aliyun', host: 'aliyun.example', insecure: false, acr: false, mirror: true },
];
const A = `sha256:${'a'.repeat(64)}` as const;
const B = `sha256:${'b'.repeat(64)}` as const;

/** One image, tag 1.0.0, with the given status at each target. */
function resultWith(gsoci: SyncStatus, aliyun: SyncStatus, listingError?: string): SyncResult {
  const outcome = (target: SyncTarget, status: SyncStatus) => ({
    target: target.name,
    host: target.host,
    repository: 'giantswarm/app',
    status,
    ...(status === 'drift' && { targetDigest: B, error: `holds ${B}, source is ${A}` }),
    ...(status === 'failed' && { error: 'HTTP 500' }),
  });
  return {
    dryRun: false,
    targets: TARGETS,
    otherShards: 0,
    images: [
      {
        image: {
          index: 0,
          source: { host: 'old.example', repository: 'giantswarm/app' },
          repository: 'giantswarm/app',
          to: ['gsoci', 'aliyun'],
          tags: { allow: [], deny: [] },
          overwrite: false,
        },
        source: 'old.example/giantswarm/app',
        listed: 3,
        filteredOut: ['main', 'latest'],
        tags: listingError
          ? []
          : [
              {
                tag: '1.0.0',
                sourceDigest: A,
                targets: [
                  outcome(TARGETS[0] as SyncTarget, gsoci),
                  outcome(TARGETS[1] as SyncTarget, aliyun),
                ],
              },
            ],
        ...(listingError && { error: listingError }),
      },
    ],
  };
}

test.each<[string, SyncStatus, SyncStatus, number]>([
  ['all copied', 'copied', 'copied', 0],
  ['a failed mirror only warns', 'unchanged', 'failed', 0],
  ['drift on a mirror only warns', 'copied', 'drift', 0],
  ['drift on a required target', 'drift', 'copied', 3],
  ['drift and a failed mirror', 'drift', 'failed', 3],
  ['a failed required target', 'failed', 'copied', 1],
  ['a failure beats drift', 'failed', 'drift', 1],
])('%s (gsoci %s, aliyun %s): exit %i', (_name, gsoci, aliyun, code) => {
  const { exitCode: verdict, report } = buildSyncReport(resultWith(gsoci, aliyun));
  expect(verdict).toBe(code);
  expect(report.failure === undefined).toBe(code === 0);
  if (aliyun === 'failed' || aliyun === 'drift') {
    expect(report.annotations.find((a) => a.title.includes('aliyun.example'))?.level).toBe(
      'warning',
    );
  }
});

test('the summary has a row per image and target, names both digests of a drift, and says how to fix it', () => {
  const { report } = buildSyncReport(resultWith('drift', 'copied'));
  const rows = report.summary.split('\n').filter((l) => l.startsWith('| old.example'));
  expect(rows).toEqual([
    '| old.example/giantswarm/app → giantswarm/app | gsoci (gsoci.azurecr.io) | 0 | 0 | 1 | 0 | 2 |',
    '| old.example/giantswarm/app → giantswarm/app | aliyun (aliyun.example, mirror) | 1 | 0 | 0 | 0 | 2 |',
  ]);
  expect(report.summary).toContain(A);
  expect(report.summary).toContain(B);
  expect(report.failure).toMatch(/overwrite: true/);
  expect(report.outputs).toMatchObject({ copied: '1', unchanged: '0', drifted: '1', failed: '0' });
  const json = JSON.parse(report.outputs.result ?? '') as { images: { tags: unknown[] }[] };
  expect(json.images[0]?.tags).toHaveLength(1);
});

test('a listing failure fails the image at every target: exit 1, counted once per target', () => {
  const { exitCode: verdict, report } = buildSyncReport(
    resultWith('copied', 'copied', 'listing failed (HTTP 503)'),
  );
  expect(verdict).toBe(1);
  expect(report.outputs.failed).toBe('2');
  expect(report.summary).toMatch(/\| listing failed \|/);
});
