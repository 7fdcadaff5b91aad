import {
  decideBuild,
  type GitFacts,
  planPush as planWithDecision,
  PlanError,
  type RegistryLine,
  type PolicyInputs,
  type Visibility,
  type VisibilityFacts,
} from '../../src/engine/plan.js';
import { DEFAULT_REGISTRIES, parseRegistryLines } from '../../src/jobs/push-inputs.js';

/** The decision, then the plan, as main.ts makes them. */
function planPush(
  policy: PolicyInputs,
  facts: GitFacts,
  visibility: VisibilityFacts,
  chartName?: string,
) {
  return planWithDecision(policy, decideBuild(policy, facts), visibility, chartName);
}

const SHA = '0123456789abcdef0123456789abcdef01234567';

function line(host: string, flags: Partial<RegistryLine> = {}): RegistryLine {
  return { host, dev: false, insecure: false, acr: host.endsWith('.azurecr.io'), ...flags };
}

const GSOCI = line('gsoci.azurecr.io', { dev: true });
const OLD = line('giantswarm.azurecr.io');
const ALIYUN = line('giantswarm-registry.cn-shanghai.cr.aliyuncs.com');

function inputs(overrides: Partial<PolicyInputs> = {}): PolicyInputs {
  return {
    image: { transport: 'oci', path: 'build/image' },
    repository: 'giantswarm/app',
    registries: [GSOCI, OLD],
    mirrors: [ALIYUN],
    chartRepository: 'charts/giantswarm',
    mirrorCharts: false,
    build: 'auto',
    tagPrefix: '',
    tags: [],
    overwrite: false,
    dryRun: false,
    ...overrides,
  };
}

/** 2025-03-14 09:30:15 UTC: the dev version's time is 20250314093015. */
const COMMIT_TIME = new Date('2025-03-14T09:30:15Z');
const dev = (base: string, sha = SHA): string => `${base}-dev.20250314093015.g${sha.slice(0, 12)}`;
const git = (ref: string, nearestRelease?: string): GitFacts => ({
  ref,
  sha: SHA,
  commitTime: COMMIT_TIME,
  ...(nearestRelease && { nearestRelease }),
});
const publicRepo = { visibility: 'public' as Visibility, source: 'test' };

describe('dev or release, version and tags', () => {
  test.each([
    // ref, tag prefix, nearest release, build, version, tags
    ['refs/heads/main', '', '1.4.0', 'dev', dev('1.4.1'), []],
    ['refs/heads/main', '', undefined, 'dev', dev('0.0.1'), []],
    ['refs/pull/7/merge', '', '1.4.0', 'dev', dev('1.4.1'), []],
    ['refs/tags/v1.2.3', '', undefined, 'release', '1.2.3', ['1.2.3']],
    ['refs/tags/v1.2.3-rc.1', '', undefined, 'release', '1.2.3-rc.1', ['1.2.3-rc.1']],
    ['refs/tags/v1.2.3+build.5', '', undefined, 'release', '1.2.3+build.5', ['1.2.3_build.5']],
    ['refs/tags/foo/v1.2.3', 'foo/', undefined, 'release', '1.2.3', ['1.2.3']],
    // Another component's tag in a monorepo, or a prefixed tag without the prefix set: dev.
    ['refs/tags/foo/v1.2.3', 'bar/', '0.9.0', 'dev', dev('0.9.1'), []],
    ['refs/tags/foo/v1.2.3', '', undefined, 'dev', dev('0.0.1'), []],
    // A tag with the prefix missing is not this component's release either.
    ['refs/tags/v1.2.3', 'foo/', undefined, 'dev', dev('0.0.1'), []],
    ['refs/tags/vnext', '', undefined, 'dev', dev('0.0.1'), []],
  ])(
    '%s with prefix "%s" (nearest %s) → %s %s',
    (ref, tagPrefix, nearest, build, version, tags) => {
      const plan = planPush(inputs({ tagPrefix }), git(ref, nearest), publicRepo);
      expect({ build: plan.build, version: plan.version, tags: plan.tags }).toEqual({
        build,
        version,
        tags,
      });
    },
  );

  test.each([
    ['refs/tags/v1.2', ''],
    ['refs/tags/v1', ''],
    ['refs/tags/v01.2.3', ''],
    ['refs/tags/foo/v1.2', 'foo/'],
  ])(
    '%s (prefix "%s") looks like a release but is not semver: an error, never a dev build',
    (ref, tagPrefix) => {
      expect(() => decideBuild({ build: 'auto', tagPrefix }, git(ref))).toThrow(PlanError);
      expect(() => decideBuild({ build: 'auto', tagPrefix }, git(ref))).toThrow(
        /looks like a release, but .* is not semver/,
      );
    },
  );

  test('a pull request build names its head commit, which the caller passes as the sha', () => {
    const head = 'f'.repeat(40);
    expect(
      decideBuild(
        { build: 'auto', tagPrefix: '' },
        { ref: 'refs/pull/9/merge', sha: head, commitTime: COMMIT_TIME },
      ).version,
    ).toBe(dev('0.0.1', head));
  });

  test('`version` overrides git, for dev and release alike, and must be semver', () => {
    expect(
      decideBuild({ build: 'auto', tagPrefix: '', version: '2.0.0' }, git('refs/tags/v1.2.3'))
        .version,
    ).toBe('2.0.0');
    expect(
      decideBuild({ build: 'dev', tagPrefix: '', version: 'v3.1.0-dev.1' }, git('refs/heads/x'))
        .version,
    ).toBe('3.1.0-dev.1');
    expect(() =>
      decideBuild({ build: 'auto', tagPrefix: '', version: 'latest' }, git('refs/heads/x')),
    ).toThrow(/^version: "latest" is not a semver version/);
  });

  test('build: release without a release tag or version is an error; with a version it is a release', () => {
    expect(() => decideBuild({ build: 'release', tagPrefix: '' }, git('refs/heads/main'))).toThrow(
      /build: release needs a version/,
    );
    expect(
      decideBuild({ build: 'release', tagPrefix: '', version: '1.0.0' }, git('refs/heads/main')),
    ).toMatchObject({ build: 'release', version: '1.0.0' });
  });

  test('build: dev on a release tag stays dev', () => {
    expect(
      decideBuild({ build: 'dev', tagPrefix: '' }, git('refs/tags/v1.2.3', '1.2.3')).build,
    ).toBe('dev');
  });

  test('extra tags follow the version tag; only the version tag is immutable', () => {
    const plan = planPush(
      inputs({ tags: ['latest', '1.2.3'] }),
      git('refs/tags/v1.2.3'),
      publicRepo,
    );
    expect(plan.tags).toEqual(['1.2.3', 'latest']);
    expect(plan.immutableTags).toEqual(['1.2.3']);
    expect(() =>
      planPush(inputs({ tags: ['not ok'] }), git('refs/tags/v1.2.3'), publicRepo),
    ).toThrow(/tags: "not ok" is not a valid tag/);
  });

  test('a dev build without a full commit sha needs `version`', () => {
    expect(() =>
      decideBuild({ build: 'auto', tagPrefix: '' }, { ref: 'refs/heads/x', sha: 'abc' }),
    ).toThrow(/set `version`/);
  });
});

describe('where it goes: dev flags, mirrors, visibility', () => {
  const hosts = (plan: ReturnType<typeof planPush>): string[] =>
    plan.targets.map((t) => `${t.host} ${t.role}`);

  test('a dev build goes only to dev registries, never to mirrors, and says why for each skip', () => {
    const plan = planPush(inputs(), git('refs/heads/main'), publicRepo);
    expect(hosts(plan)).toEqual(['gsoci.azurecr.io registry']);
    expect(plan.skipped).toEqual([
      {
        artifact: 'image',
        host: 'giantswarm.azurecr.io',
        role: 'registry',
        reason: expect.stringContaining('not marked `dev`'),
      },
      {
        artifact: 'image',
        host: ALIYUN.host,
        role: 'mirror',
        reason: 'mirrors receive releases only',
      },
    ]);
  });

  test('a mirror marked dev still gets no dev build (the leak to China)', () => {
    const plan = planPush(
      inputs({ mirrors: [{ ...ALIYUN, dev: true }] }),
      git('refs/heads/main'),
      publicRepo,
    );
    expect(hosts(plan)).toEqual(['gsoci.azurecr.io registry']);
  });

  test('a release goes to every registry and mirror', () => {
    const plan = planPush(inputs(), git('refs/tags/v1.2.3'), publicRepo);
    expect(hosts(plan)).toEqual([
      'gsoci.azurecr.io registry',
      'giantswarm.azurecr.io registry',
      `${ALIYUN.host} mirror`,
    ]);
  });

  const lines = {
    registries: [
      line('gsociprivate.azurecr.io', { dev: true, visibility: 'private' }),
      line('gsoci.azurecr.io', { dev: true, visibility: 'public' }),
      line('both.azurecr.io', { dev: true, visibility: 'public/private' }),
      line('unmarked.azurecr.io', { dev: true }),
    ],
    mirrors: [line('aliyun.example', { visibility: 'public' })],
  };
  test.each([
    [
      'private',
      'refs/tags/v1.0.0',
      ['gsociprivate.azurecr.io registry', 'both.azurecr.io registry'],
    ],
    [
      'public',
      'refs/tags/v1.0.0',
      [
        'gsoci.azurecr.io registry',
        'both.azurecr.io registry',
        'unmarked.azurecr.io registry',
        'aliyun.example mirror',
      ],
    ],
    [
      'private',
      'refs/heads/main',
      ['gsociprivate.azurecr.io registry', 'both.azurecr.io registry'],
    ],
    [
      'public',
      'refs/heads/main',
      ['gsoci.azurecr.io registry', 'both.azurecr.io registry', 'unmarked.azurecr.io registry'],
    ],
  ] as const)('a %s repository, %s', (visibility, ref, expected) => {
    const plan = planPush(inputs(lines), git(ref), { visibility, source: 'test' });
    expect(hosts(plan)).toEqual(expected);
    const reasons = Object.fromEntries(
      plan.skipped.filter((s) => s.role === 'registry').map((s) => [s.host, s.reason]),
    );
    expect(reasons).toEqual(
      visibility === 'private'
        ? {
            'gsoci.azurecr.io': 'a public registry; a private repository is never pushed to it',
            'unmarked.azurecr.io': expect.stringMatching(
              /^no `public`, `private` or `public\/private` marker, so it takes public repositories only/,
            ),
          }
        : {
            'gsociprivate.azurecr.io':
              'a private registry; a public repository is not pushed to it',
          },
    );
  });

  // Each marker against each visibility (an unknown one counts as private), for the image and
  // the chart, on a registry line and on a mirror line.
  const markers = [undefined, 'public', 'private', 'public/private'] as const;
  const visibilities: [string, VisibilityFacts][] = [
    ['public', { visibility: 'public', source: 'from the event payload' }],
    ['private', { visibility: 'private', source: 'from the event payload' }],
    ['unknown', { visibility: 'private', source: 'unknown, so treated as private', assumed: true }],
  ];
  const takes = (marker: (typeof markers)[number], seen: string): boolean =>
    marker === 'public/private' ||
    (marker ?? 'public') === (seen === 'public' ? 'public' : 'private');
  const cases = markers.flatMap((marker) =>
    visibilities.flatMap(([seen, facts]) =>
      (['image', 'chart'] as const).flatMap((artifact) =>
        (['registry', 'mirror'] as const).map(
          (role) =>
            [marker ?? 'no marker', seen, artifact, role, facts, takes(marker, seen)] as const,
        ),
      ),
    ),
  );
  test.each(cases)(
    'a line with %s, a %s repository, its %s on a %s line',
    (markerName, seen, artifact, role, facts, taken) => {
      const marker = markers.find((m) => (m ?? 'no marker') === markerName);
      const marked = line(`${role}.example`, { dev: true, ...(marker && { visibility: marker }) });
      // A mirror needs a registry that takes the build: one marked public/private.
      const policy = inputs({
        ...(artifact === 'chart' && { image: undefined, chart: 'helm/app', mirrorCharts: true }),
        registries:
          role === 'registry'
            ? [marked]
            : [line('both.example', { dev: true, visibility: 'public/private' })],
        mirrors: role === 'mirror' ? [marked] : [],
      });
      const make = () => planPush(policy, git('refs/tags/v1.0.0'), facts, 'app');
      if (!taken && role === 'registry') {
        // A repository no line takes fails with the fix, before anything is pushed.
        expect(make).toThrow(PlanError);
        expect(make).toThrow(
          seen === 'public'
            ? /registry\.example: a private registry; a public repository is not pushed to it/
            : seen === 'unknown'
              ? /Set `visibility: public` if the repository is public, or add a line marked `private` or `public\/private`/
              : /visibility is private: from the event payload\. Add a line marked `private` or `public\/private`/,
        );
        return;
      }
      const plan = make();
      const found = plan.targets.some(
        (t) => t.host === marked.host && t.artifact === artifact && t.role === role,
      );
      expect(found).toBe(taken);
      if (!taken) {
        expect(plan.skipped).toContainEqual(
          expect.objectContaining({ host: marked.host, artifact, role }),
        );
      }
    },
  );

  test.each([
    ['public', 'refs/heads/main', ['gsoci.azurecr.io']],
    ['public', 'refs/tags/v1.0.0', ['gsoci.azurecr.io', 'giantswarm.azurecr.io']],
    ['private', 'refs/heads/main', ['gsociprivate.azurecr.io']],
    ['private', 'refs/tags/v1.0.0', ['gsociprivate.azurecr.io']],
  ] as const)('the default lines: a %s repository, %s, goes to %j', (visibility, ref, expected) => {
    const registries = parseRegistryLines(DEFAULT_REGISTRIES, 'registries');
    const plan = planPush(inputs({ registries, mirrors: [] }), git(ref), {
      visibility,
      source: 'test',
      assumed: visibility === 'private',
    });
    expect(plan.targets.map((t) => t.host)).toEqual(expected);
  });

  test('when nothing would be pushed, the plan fails and says why', () => {
    const only = {
      registries: [line('gsoci.azurecr.io', { dev: true, visibility: 'public' })],
      mirrors: [],
    };
    expect(() =>
      planPush(inputs(only), git('refs/tags/v1.0.0'), { visibility: 'private', source: 'unknown' }),
    ).toThrow(
      /No registry in `registries` takes this release build.*gsoci\.azurecr\.io: a public registry; a private repository is never pushed to it/,
    );
  });

  test('a host in both registries and mirrors is refused', () => {
    expect(() => planPush(inputs({ mirrors: [OLD] }), git('refs/tags/v1.0.0'), publicRepo)).toThrow(
      /in both `registries` and `mirrors`/,
    );
  });
});

describe('a chart beside the image', () => {
  test('one version, the chart under chart-repository/name, tagged with the version only', () => {
    const plan = planPush(
      inputs({ chart: 'helm/app', tags: ['latest'] }),
      git('refs/tags/v1.2.3+b.1'),
      publicRepo,
      'my-app',
    );
    expect(plan.chart).toEqual({
      path: 'helm/app',
      name: 'my-app',
      repository: 'charts/giantswarm/my-app',
      tags: ['1.2.3_b.1'],
    });
    expect(plan.tags).toEqual(['1.2.3_b.1', 'latest']);
    const charts = plan.targets
      .filter((t) => t.artifact === 'chart')
      .map((t) => `${t.host} ${t.repository}`);
    expect(charts).toEqual([
      'gsoci.azurecr.io charts/giantswarm/my-app',
      'giantswarm.azurecr.io charts/giantswarm/my-app',
    ]);
    expect(plan.skipped).toContainEqual({
      artifact: 'chart',
      host: ALIYUN.host,
      role: 'mirror',
      reason: 'charts go to mirrors only with `mirror-charts: true`',
    });
  });

  test('mirror-charts sends releases of the chart to mirrors too, never dev builds', () => {
    const release = planPush(
      inputs({ chart: 'c', mirrorCharts: true }),
      git('refs/tags/v1.0.0'),
      publicRepo,
      'c',
    );
    expect(release.targets.filter((t) => t.artifact === 'chart').map((t) => t.role)).toEqual([
      'registry',
      'registry',
      'mirror',
    ]);
    const dev = planPush(
      inputs({ chart: 'c', mirrorCharts: true }),
      git('refs/heads/main'),
      publicRepo,
      'c',
    );
    expect(dev.targets.filter((t) => t.artifact === 'chart').map((t) => t.host)).toEqual([
      'gsoci.azurecr.io',
    ]);
  });

  test('a chart alone needs no image', () => {
    const { image: _image, ...rest } = inputs();
    const plan = planPush({ ...rest, chart: 'c' }, git('refs/heads/main'), publicRepo, 'c');
    expect(plan.source).toBeUndefined();
    expect(plan.targets.map((t) => t.artifact)).toEqual(['chart']);
  });

  test('a chart name that is no repository path is refused', () => {
    expect(() =>
      planPush(inputs({ chart: 'c' }), git('refs/heads/main'), publicRepo, 'My_Chart'),
    ).toThrow(/charts\/giantswarm\/My_Chart" is not a valid repository path/);
  });
});

describe('messages that used to mislead', () => {
  const unknown: VisibilityFacts = {
    visibility: 'private',
    source: 'unknown (no event payload or token), so treated as private',
    assumed: true,
  };

  test.each([['refs/tags/1.2.3'], ['refs/tags/V1.2.3']])(
    '%s is a dev build with a warning naming the release tag it should have been',
    (ref) => {
      const decision = decideBuild(inputs(), git(ref));
      expect(decision.build).toBe('dev');
      expect(decision.warning).toMatch(/looks like a release, but release tags are vX\.Y\.Z/);
      expect(decision.warning).toContain('tag v1.2.3');
    },
  );

  test.each([['refs/tags/v1.2.3'], ['refs/heads/main'], ['refs/tags/nightly']])(
    '%s gets no such warning',
    (ref) => {
      expect(decideBuild(inputs(), git(ref)).warning).toBeUndefined();
    },
  );

  test('a dev public registry skipped for unknown visibility says so, not "mark one dev"', () => {
    const policy = inputs({ registries: [line('r.example', { dev: true, visibility: 'public' })] });
    const plan = (): unknown => planPush(policy, git('refs/heads/main'), unknown);
    expect(plan).toThrow(PlanError);
    expect(plan).toThrow(/visibility is private: unknown .* Set `visibility: public`/);
    expect(plan).not.toThrow(/Mark at least one registry `dev`/);
  });

  test('a version too long for a tag blames the version, not the tags input', () => {
    const version = `1.2.3-${'a'.repeat(130)}`;
    const plan = (): unknown =>
      planPush(inputs({ version }), { ref: 'refs/tags/v1.2.3', sha: SHA }, publicRepo);
    expect(plan).toThrow(/^The version 1\.2\.3-a+ can't be a tag: .*136 here/);
  });
});

describe("the orb's tag options", () => {
  const withChart = (overrides: Partial<PolicyInputs>) =>
    inputs({ chart: 'helm/app', mirrors: [], ...overrides });

  test('tag-suffix is appended verbatim to every image tag, never to the chart', () => {
    const plan = planPush(
      withChart({ tagSuffix: '-python', tags: ['latest'] }),
      git('refs/tags/v3.20.1'),
      publicRepo,
      'app',
    );
    expect(plan.tags).toEqual(['3.20.1-python', 'latest-python']);
    expect(plan.immutableTags).toEqual(['3.20.1-python']);
    expect(plan.forwardOnlyTags).toEqual(['latest-python']);
    expect(plan.chart?.tags).toEqual(['3.20.1']);
    expect(() =>
      planPush(inputs({ tagSuffix: `-${'x'.repeat(125)}` }), git('refs/tags/v1.2.3'), publicRepo),
    ).toThrow(/^tag-suffix: "1\.2\.3-x+" is not a valid tag/);
  });

  test('dev builds go untagged by default; dev-tags tags image and chart with the version', () => {
    const untagged = planPush(withChart({}), git('refs/heads/main', '1.4.8'), publicRepo, 'app');
    expect([untagged.tags, untagged.chart?.tags]).toEqual([[], []]);
    const tagged = planPush(
      withChart({ devTags: true, tagSuffix: '-python' }),
      git('refs/heads/main', '1.4.8'),
      publicRepo,
      'app',
    );
    expect(tagged.tags).toEqual([`${dev('1.4.9')}-python`]);
    expect(tagged.chart?.tags).toEqual([dev('1.4.9')]);
    // A dev tag names one commit; it is neither immutable nor forward-only.
    expect([tagged.immutableTags, tagged.forwardOnlyTags]).toEqual([[], []]);
  });

  test('branch-tags tags the dev builds of that branch only, with the suffix', () => {
    const branchTags = new Map([['main', 'latest']]);
    const plan = (ref: string) =>
      planPush(
        inputs({ branchTags, tagSuffix: '-python', tags: ['stable'] }),
        git(ref),
        publicRepo,
      );
    expect(plan('refs/heads/main').tags).toEqual(['latest-python']);
    expect(plan('refs/heads/feature').tags).toEqual([]);
    expect(plan('refs/pull/7/merge').tags).toEqual([]);
    // A release is not a branch build: its extra tags are `tags`.
    expect(plan('refs/tags/v1.0.0').tags).toEqual(['1.0.0-python', 'stable-python']);
  });

  test('extra release tags move forward only, unless floating-tags: always or overwrite', () => {
    const release = (overrides: Partial<PolicyInputs>) =>
      planPush(
        inputs({ tags: ['latest', 'stable'], ...overrides }),
        git('refs/tags/v1.4.8'),
        publicRepo,
      );
    expect(release({}).forwardOnlyTags).toEqual(['latest', 'stable']);
    expect(release({ floatingTags: 'always' }).forwardOnlyTags).toEqual([]);
    expect(release({ overwrite: true }).forwardOnlyTags).toEqual([]);
  });
});
