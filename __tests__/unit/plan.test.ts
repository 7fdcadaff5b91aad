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

const git = (ref: string, nearestRelease?: string): GitFacts => ({
  ref,
  sha: SHA,
  ...(nearestRelease && { nearestRelease }),
});
const publicRepo = { visibility: 'public' as Visibility, source: 'test' };

describe('dev or release, version and tags', () => {
  test.each([
    // ref, tag prefix, nearest release, build, version, tags
    ['refs/heads/main', '', '1.4.0', 'dev', `1.4.0-${SHA}`, []],
    ['refs/heads/main', '', undefined, 'dev', `0.0.0-${SHA}`, []],
    ['refs/pull/7/merge', '', '1.4.0', 'dev', `1.4.0-${SHA}`, []],
    ['refs/tags/v1.2.3', '', undefined, 'release', '1.2.3', ['1.2.3']],
    ['refs/tags/v1.2.3-rc.1', '', undefined, 'release', '1.2.3-rc.1', ['1.2.3-rc.1']],
    ['refs/tags/v1.2.3+build.5', '', undefined, 'release', '1.2.3+build.5', ['1.2.3_build.5']],
    ['refs/tags/foo/v1.2.3', 'foo/', undefined, 'release', '1.2.3', ['1.2.3']],
    // Another component's tag in a monorepo, or a prefixed tag without the prefix set: dev.
    ['refs/tags/foo/v1.2.3', 'bar/', '0.9.0', 'dev', `0.9.0-${SHA}`, []],
    ['refs/tags/foo/v1.2.3', '', undefined, 'dev', `0.0.0-${SHA}`, []],
    // A tag with the prefix missing is not this component's release either.
    ['refs/tags/v1.2.3', 'foo/', undefined, 'dev', `0.0.0-${SHA}`, []],
    ['refs/tags/vnext', '', undefined, 'dev', `0.0.0-${SHA}`, []],
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
      decideBuild({ build: 'auto', tagPrefix: '' }, { ref: 'refs/pull/9/merge', sha: head })
        .version,
    ).toBe(`0.0.0-${head}`);
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
      line('both.azurecr.io', { dev: true }),
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
      ['gsoci.azurecr.io registry', 'both.azurecr.io registry', 'aliyun.example mirror'],
    ],
    [
      'private',
      'refs/heads/main',
      ['gsociprivate.azurecr.io registry', 'both.azurecr.io registry'],
    ],
    ['public', 'refs/heads/main', ['gsoci.azurecr.io registry', 'both.azurecr.io registry']],
  ] as const)('a %s repository, %s', (visibility, ref, expected) => {
    const plan = planPush(inputs(lines), git(ref), { visibility, source: 'test' });
    expect(hosts(plan)).toEqual(expected);
    for (const skip of plan.skipped.filter((s) => s.role === 'registry')) {
      expect(skip.reason).toMatch(
        visibility === 'private'
          ? /a public registry; a private repository is never pushed to it/
          : /a private registry/,
      );
    }
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
  };

  test.each([['refs/tags/1.2.3'], ['refs/tags/V1.2.3']])(
    '%s is a dev build with a warning naming the release tag it should have been',
    (ref) => {
      const decision = decideBuild(inputs(), { ref, sha: SHA });
      expect(decision.build).toBe('dev');
      expect(decision.warning).toMatch(/looks like a release, but release tags are vX\.Y\.Z/);
      expect(decision.warning).toContain('tag v1.2.3');
    },
  );

  test.each([['refs/tags/v1.2.3'], ['refs/heads/main'], ['refs/tags/nightly']])(
    '%s gets no such warning',
    (ref) => {
      expect(decideBuild(inputs(), { ref, sha: SHA }).warning).toBeUndefined();
    },
  );

  test('a dev public registry skipped for unknown visibility says so, not "mark one dev"', () => {
    const policy = inputs({ registries: [line('r.example', { dev: true, visibility: 'public' })] });
    const plan = (): unknown => planPush(policy, { ref: 'refs/heads/main', sha: SHA }, unknown);
    expect(plan).toThrow(PlanError);
    expect(plan).toThrow(/visibility is private: unknown .* Set `visibility: public`/);
    expect(plan).not.toThrow(/Mark at least one registry `dev`/);
  });

  test('a version too long for a tag blames the version, not the tags input', () => {
    const version = `1.2.3-${'a'.repeat(130)}`;
    const plan = (): unknown =>
      planPush(inputs({ version }), { ref: 'refs/tags/v1.2.3', sha: SHA }, unknown);
    expect(plan).toThrow(/^The version 1\.2\.3-a+ can't be a tag: .*136 here/);
  });
});
