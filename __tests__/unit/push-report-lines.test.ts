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

test('the plan says in one line when the default registries are used', async () => {
  const { planLines } = await import('../../src/jobs/push-report.js');
  const { decideBuild, planPush } = await import('../../src/engine/plan.js');
  const { parsePushInputs } = await import('../../src/jobs/push-inputs.js');
  const get = (values: Record<string, string>) => (name: string) => values[name] ?? '';
  const facts = { ref: 'refs/heads/main', sha: 'a'.repeat(40), commitTime: new Date() };
  const visibility = { visibility: 'public' as const, source: 'as set' };
  const linesFor = (values: Record<string, string>): string[] => {
    const inputs = parsePushInputs(
      get({ image: 'oci:x', repository: 'a/b', ...values }),
      {},
      () => {
        /* no secrets */
      },
    );
    return planLines(planPush(inputs, decideBuild(inputs, facts), visibility));
  };
  expect(linesFor({}).filter((l) => l.startsWith('Registries:'))).toEqual([
    "Registries: `registries` is blank, so Giant Swarm's defaults are used: gsoci.azurecr.io, gsociprivate.azurecr.io, giantswarm.azurecr.io.",
  ]);
  expect(linesFor({ registries: 'r.example dev' }).some((l) => l.startsWith('Registries:'))).toBe(
    false,
  );
});
