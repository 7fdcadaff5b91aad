import {
  type CleanupRules,
  type ManifestInfo,
  planCleanup,
  planRepository,
  type RepositoryListing,
  type RepositoryPlan,
  type TagInfo,
} from '../../src/cleanup/policy.js';
import { summarize } from '../../src/cleanup/report.js';
import { type Digest, digestOf } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';

// Fixtures are built here: manifests are named, their digests are the sha256 of the name, and
// plans are read back as names so each expectation says plainly what goes and what stays.

const NOW = new Date('2025-06-30T00:00:00Z');
const DAY = 24 * 3600 * 1000;
const OLDER_THAN = 7 * DAY;
const CUTOFF = new Date(NOW.getTime() - OLDER_THAN);
const OLD = new Date(NOW.getTime() - 30 * DAY);
const RECENT = new Date(NOW.getTime() - DAY);

const SHA = '0123456789abcdef0123456789abcdef01234567';
/** Dev tags as architect-orb wrote them: `<nearest release>-<40 hex commit sha>`. */
const dev = (n: number): string => `1.0.${n}-${SHA}`;
const DEV_PATTERN = /\d+\.\d+\.\d+-[0-9a-f]{40}/;

const names = new Map<Digest, string>();
function D(name: string): Digest {
  const digest = digestOf(Buffer.from(name));
  names.set(digest, name);
  return digest;
}
const nameOf = (digest: Digest): string => names.get(digest) ?? digest;
/** cosign's tag for a signature (or `.att`, `.sbom`) of the named manifest. */
const cosign = (subject: string, kind = 'sig'): string => `${D(subject).replace(':', '-')}.${kind}`;
/** The OCI referrers tag (distribution-spec "Referrers Tag Schema") of the named manifest. */
const fallback = (subject: string): string => D(subject).replace(':', '-');

interface TagSpec {
  name: string;
  on?: Date;
  locked?: boolean;
}
interface ManifestSpec {
  name: string;
  on?: Date;
  tags?: (string | TagSpec)[];
  locked?: boolean;
  writeLocked?: boolean;
  children?: string[];
  subject?: string;
  mediaType?: string;
}

function listing(manifests: ManifestSpec[], repository = 'giantswarm/app'): RepositoryListing {
  const tags: TagInfo[] = [];
  const infos: ManifestInfo[] = manifests.map((spec) => {
    const on = spec.on ?? OLD;
    const tagSpecs = (spec.tags ?? []).map((t) => (typeof t === 'string' ? { name: t } : t));
    for (const t of tagSpecs) {
      const tagOn = t.on ?? on;
      tags.push({
        name: t.name,
        digest: D(spec.name),
        createdOn: tagOn,
        lastUpdatedOn: tagOn,
        deleteEnabled: !t.locked,
      });
    }
    return {
      digest: D(spec.name),
      createdOn: on,
      lastUpdatedOn: on,
      tags: tagSpecs.map((t) => t.name),
      deleteEnabled: !spec.locked,
      ...(spec.writeLocked && { writeEnabled: false }),
      ...(spec.mediaType && { mediaType: spec.mediaType }),
      children: (spec.children ?? []).map(D),
      ...(spec.subject && { subject: D(spec.subject) }),
    };
  });
  return { repository, manifests: infos, tags, complete: true };
}

const RULES: CleanupRules = {
  now: NOW,
  olderThanMs: OLDER_THAN,
  untagged: true,
  tagPattern: DEV_PATTERN,
  keep: 0,
};

interface View {
  deleteTags: string[];
  deleteManifests: string[];
  kept: string[];
}
function view(plan: RepositoryPlan): View {
  return {
    deleteTags: plan.deleteTags.map((t) => `${t.name} @${nameOf(t.digest)}`),
    deleteManifests: plan.deleteManifests.map(nameOf),
    kept: plan.kept.map(
      (k) => `${nameOf(k.digest)}: ${k.reason}${k.via ? ` via ${nameOf(k.via)}` : ''}`,
    ),
  };
}

describe('a crafted repository, planned whole', () => {
  const crafted = listing([
    // A tagged multi-platform release, its buildx attestation, a cosign signature and an SBOM.
    { name: 'release-amd64' },
    { name: 'release-arm64' },
    { name: 'release-attestation' },
    {
      name: 'release-index',
      tags: ['1.2.3'],
      mediaType: MediaType.OciIndex,
      children: ['release-amd64', 'release-arm64', 'release-attestation'],
    },
    { name: 'release-sig', tags: [cosign('release-index')] },
    { name: 'release-sbom', subject: 'release-index' },
    { name: 'locked-old', locked: true },
    { name: 'old-untagged' },
    { name: 'new-untagged', on: RECENT },
    // An old dev build: a dev-tagged index, listed after its manifests, and its signature.
    { name: 'dev-amd64' },
    { name: 'dev-arm64' },
    {
      name: 'dev-index',
      tags: [dev(1)],
      mediaType: MediaType.OciIndex,
      children: ['dev-amd64', 'dev-arm64'],
    },
    { name: 'dev-sig', tags: [cosign('dev-index')] },
    { name: 'dev-tag-new', on: RECENT, tags: [{ name: dev(2), on: RECENT }] },
    { name: 'release-and-dev', tags: ['1.0.0', dev(3)] },
  ]);

  test('deletes exactly the old dev build and the old untagged image, in a safe order', () => {
    expect(view(planRepository(crafted, RULES))).toEqual({
      deleteTags: [
        `${dev(1)} @dev-index`,
        `${cosign('dev-index')} @dev-sig`,
        `${dev(3)} @release-and-dev`,
      ],
      deleteManifests: ['old-untagged', 'dev-sig', 'dev-index', 'dev-amd64', 'dev-arm64'],
      kept: [
        'release-amd64: child-of-kept-index via release-index',
        'release-arm64: child-of-kept-index via release-index',
        'release-attestation: child-of-kept-index via release-index',
        'release-index: tagged',
        'release-sig: referrer-of-kept via release-index',
        'release-sbom: referrer-of-kept via release-index',
        'locked-old: locked',
        'new-untagged: too-new',
        'dev-tag-new: tagged',
        'release-and-dev: tagged',
      ],
    });
  });

  test('every deleted manifest loses all its tags first; kept ones show what they keep', () => {
    const plan = planRepository(crafted, RULES);
    const untagged = new Set(plan.deleteTags.map((t) => `${t.name}@${t.digest}`));
    for (const digest of plan.deleteManifests) {
      const manifest = crafted.manifests.find((m) => m.digest === digest) as ManifestInfo;
      for (const tag of manifest.tags) expect(untagged).toContain(`${tag}@${digest}`);
    }
    expect(plan.kept.find((k) => k.digest === D('release-and-dev'))?.tags).toEqual(['1.0.0']);
    expect(plan.kept.find((k) => k.digest === D('release-sig'))?.tags).toEqual([
      cosign('release-index'),
    ]);
    expect(plan.warnings).toEqual([]);
  });

  test('an incomplete repository beside it deletes nothing, and the other is still planned', () => {
    const broken = { ...listing([{ name: 'x-old' }], 'giantswarm/broken'), complete: false };
    const [app, other] = planCleanup([crafted, broken], RULES);
    expect(app?.deleteManifests).toHaveLength(5);
    expect(other).toEqual({
      repository: 'giantswarm/broken',
      deleteTags: [],
      deleteManifests: [],
      kept: [],
      warnings: [],
      incomplete: expect.stringMatching(/listing was incomplete .* nothing was deleted here/),
    });
  });
});

// One test per safety rule. Each has a control that is deleted, so a planner that deletes
// nothing fails too, and each fails when its rule is removed.
const SAFETY_RULES: [string, ManifestSpec[], Partial<CleanupRules>, View][] = [
  [
    'never deletes a locked manifest (deleteEnabled: false)',
    [{ name: 'locked', locked: true }, { name: 'control' }],
    {},
    { deleteTags: [], deleteManifests: ['control'], kept: ['locked: locked'] },
  ],
  [
    'never deletes a write-locked manifest (writeEnabled: false), which ACR refuses to delete',
    [{ name: 'write-locked', writeLocked: true }, { name: 'control' }],
    {},
    { deleteTags: [], deleteManifests: ['control'], kept: ['write-locked: locked'] },
  ],
  [
    'never deletes a locked tag, so its manifest stays tagged',
    [
      { name: 'tag-locked', tags: [{ name: dev(1), locked: true }] },
      { name: 'control', tags: [dev(2)] },
    ],
    {},
    {
      deleteTags: [`${dev(2)} @control`],
      deleteManifests: ['control'],
      kept: ['tag-locked: tag-locked'],
    },
  ],
  [
    'a manifest with a tag that stays anyway is "tagged", not "tag-locked"',
    [
      { name: 'both', tags: ['1.0.0', { name: dev(1), locked: true }] },
      { name: 'control', tags: [dev(2)] },
    ],
    {},
    {
      deleteTags: [`${dev(2)} @control`],
      deleteManifests: ['control'],
      kept: ['both: tagged'],
    },
  ],
  [
    "never deletes a locked manifest's tags",
    [
      { name: 'locked', locked: true, tags: [dev(1)] },
      { name: 'control', tags: [dev(2)] },
    ],
    {},
    {
      deleteTags: [`${dev(2)} @control`],
      deleteManifests: ['control'],
      kept: ['locked: locked'],
    },
  ],
  [
    'never deletes a locked referrer tag, so the signature stays',
    [
      { name: 'image' },
      { name: 'sig', tags: [{ name: cosign('image'), locked: true }] },
      { name: 'control' },
    ],
    {},
    {
      deleteTags: [],
      deleteManifests: ['control'],
      kept: ['image: has-kept-referrer via sig', 'sig: tag-locked'],
    },
  ],
  [
    'never deletes an untagged child of a tagged index',
    [
      { name: 'amd64' },
      { name: 'arm64' },
      { name: 'index', tags: ['1.2.3'], children: ['amd64', 'arm64'] },
      { name: 'control' },
    ],
    {},
    {
      deleteTags: [],
      deleteManifests: ['control'],
      kept: [
        'amd64: child-of-kept-index via index',
        'arm64: child-of-kept-index via index',
        'index: tagged',
      ],
    },
  ],
  [
    'a kept index keeps its descendants recursively, and their referrers',
    [
      { name: 'outer', tags: ['2.0.0'], children: ['inner'] },
      { name: 'inner', children: ['leaf'] },
      { name: 'leaf' },
      { name: 'leaf-sbom', subject: 'leaf' },
      { name: 'control' },
    ],
    {},
    {
      deleteTags: [],
      deleteManifests: ['control'],
      kept: [
        'outer: tagged',
        'inner: child-of-kept-index via outer',
        'leaf: child-of-kept-index via inner',
        'leaf-sbom: referrer-of-kept via leaf',
      ],
    },
  ],
  [
    'an index kept for any reason (here: too new) keeps its old untagged manifests',
    [{ name: 'index', on: RECENT, children: ['amd64'] }, { name: 'amd64' }, { name: 'control' }],
    {},
    {
      deleteTags: [],
      deleteManifests: ['control'],
      kept: ['index: too-new', 'amd64: child-of-kept-index via index'],
    },
  ],
  [
    'a manifest shared by a kept and a deleted index stays; the rest of the deleted one goes',
    [
      { name: 'kept-index', tags: ['1.0.0'], children: ['shared'] },
      { name: 'gone-index', tags: [dev(1)], children: ['shared', 'own'] },
      { name: 'shared' },
      { name: 'own' },
    ],
    {},
    {
      deleteTags: [`${dev(1)} @gone-index`],
      deleteManifests: ['gone-index', 'own'],
      kept: ['kept-index: tagged', 'shared: child-of-kept-index via kept-index'],
    },
  ],
  [
    'never deletes a referrer (subject field or cosign tag) whose subject is kept',
    [
      { name: 'image', tags: ['1.2.3'] },
      { name: 'sbom', subject: 'image' },
      { name: 'sig', tags: [cosign('image')] },
      { name: 'att', tags: [cosign('image', 'att')] },
      { name: 'control' },
    ],
    {},
    {
      deleteTags: [],
      deleteManifests: ['control'],
      kept: [
        'image: tagged',
        'sbom: referrer-of-kept via image',
        'sig: referrer-of-kept via image',
        'att: referrer-of-kept via image',
      ],
    },
  ],
  [
    'a referrer whose subject is deleted is deleted too, before its subject, with its tag',
    [
      { name: 'image' },
      { name: 'sbom', subject: 'image' },
      { name: 'sig', tags: [cosign('image')] },
    ],
    {},
    {
      deleteTags: [`${cosign('image')} @sig`],
      deleteManifests: ['sbom', 'sig', 'image'],
      kept: [],
    },
  ],
  [
    'a referrer that stays (here: locked) keeps its subject: they stay or go together',
    [{ name: 'image' }, { name: 'sig', subject: 'image', locked: true }, { name: 'control' }],
    {},
    {
      deleteTags: [],
      deleteManifests: ['control'],
      kept: ['image: has-kept-referrer via sig', 'sig: locked'],
    },
  ],
  [
    'a referrer whose subject is not listed (dangling) stays',
    [
      { name: 'orphan-sig', subject: 'gone' },
      { name: 'orphan-cosign', tags: [cosign('gone')] },
      { name: 'control' },
    ],
    {},
    {
      deleteTags: [],
      deleteManifests: ['control'],
      kept: ['orphan-sig: subject-missing', 'orphan-cosign: subject-missing'],
    },
  ],
  [
    'the referrers oci-push copies stay with a kept image: its fallback-tag index, what it lists, and the cosign tag',
    [
      { name: 'image', tags: ['1.2.3'] },
      {
        name: 'fallback-index',
        tags: [fallback('image')],
        mediaType: MediaType.OciIndex,
        children: ['bundle', 'sbom'],
      },
      { name: 'bundle', subject: 'image' },
      { name: 'sbom', subject: 'image' },
      { name: 'sig', tags: [cosign('image')] },
      { name: 'control' },
    ],
    {},
    {
      deleteTags: [],
      deleteManifests: ['control'],
      kept: [
        'image: tagged',
        'fallback-index: referrer-of-kept via image',
        'bundle: referrer-of-kept via image',
        'sbom: referrer-of-kept via image',
        'sig: referrer-of-kept via image',
      ],
    },
  ],
  [
    'an image that goes takes its fallback-tag index, what it lists and its cosign tag along, tags and all',
    [
      { name: 'image' },
      {
        name: 'fallback-index',
        tags: [fallback('image')],
        mediaType: MediaType.OciIndex,
        children: ['bundle', 'sbom'],
      },
      { name: 'bundle', subject: 'image' },
      { name: 'sbom', subject: 'image' },
      { name: 'sig', tags: [cosign('image')] },
    ],
    {},
    {
      deleteTags: [`${fallback('image')} @fallback-index`, `${cosign('image')} @sig`],
      deleteManifests: ['fallback-index', 'bundle', 'sbom', 'sig', 'image'],
      kept: [],
    },
  ],
  [
    'never deletes anything newer than the cut-off (the cut-off itself included)',
    [
      { name: 'new', on: RECENT },
      { name: 'at-cutoff', on: CUTOFF },
      { name: 'control', on: new Date(CUTOFF.getTime() - 1) },
    ],
    {},
    { deleteTags: [], deleteManifests: ['control'], kept: ['new: too-new', 'at-cutoff: too-new'] },
  ],
  [
    'a tag matching tag-pattern but newer than the cut-off stays, and so does its manifest',
    [
      { name: 'fresh-tag', tags: [{ name: dev(1), on: RECENT }] },
      { name: 'control', tags: [dev(2)] },
    ],
    {},
    {
      deleteTags: [`${dev(2)} @control`],
      deleteManifests: ['control'],
      kept: ['fresh-tag: tagged'],
    },
  ],
  [
    'a manifest is untagged only when all its tags are deleted',
    [
      { name: 'two-tags', tags: ['1.0.0', dev(1)] },
      { name: 'control', tags: [dev(2)] },
    ],
    {},
    {
      deleteTags: [`${dev(1)} @two-tags`, `${dev(2)} @control`],
      deleteManifests: ['control'],
      kept: ['two-tags: tagged'],
    },
  ],
  [
    'tag-pattern matches whole tags only: it must match the tag from start to end',
    [
      { name: 'substring', tags: ['my-dev-build'] },
      { name: 'control', tags: ['dev'] },
    ],
    { tagPattern: /dev/ },
    { deleteTags: ['dev @control'], deleteManifests: ['control'], kept: ['substring: tagged'] },
  ],
  [
    'release tags are never deleted unless they match tag-pattern; without one, no tag is',
    [
      { name: 'release', tags: ['1.2.3'] },
      { name: 'dev-tagged', tags: [dev(1)] },
      { name: 'control' },
    ],
    { tagPattern: undefined },
    {
      deleteTags: [],
      deleteManifests: ['control'],
      kept: ['release: tagged', 'dev-tagged: tagged'],
    },
  ],
  [
    'a stateful (g) tag-pattern matches every tag, not every other one',
    [
      { name: 'a', tags: [dev(1)] },
      { name: 'b', tags: [dev(2)] },
    ],
    { tagPattern: new RegExp(DEV_PATTERN.source, 'g') },
    {
      deleteTags: [`${dev(1)} @a`, `${dev(2)} @b`],
      deleteManifests: ['a', 'b'],
      kept: [],
    },
  ],
  [
    'untagged: false keeps what was untagged already, but deletes what this run untags, whole',
    [
      { name: 'already-untagged' },
      { name: 'dev-index', tags: [dev(1)], children: ['dev-amd64'] },
      { name: 'dev-amd64' },
      { name: 'dev-sig', subject: 'dev-index' },
    ],
    { untagged: false },
    {
      deleteTags: [`${dev(1)} @dev-index`],
      deleteManifests: ['dev-sig', 'dev-index', 'dev-amd64'],
      kept: ['already-untagged: untagged-off'],
    },
  ],
  [
    'keep spares the most recently updated roots still to be deleted, an index as one, with tags',
    [
      { name: 'newest', on: new Date(OLD.getTime() + 3 * DAY), tags: [dev(1)] },
      { name: 'middle', on: new Date(OLD.getTime() + 2 * DAY), children: ['middle-amd64'] },
      { name: 'middle-amd64', on: new Date(OLD.getTime() + 9 * DAY) },
      { name: 'oldest', on: OLD },
      // New and tagged manifests stay anyway; they don't use up `keep`.
      { name: 'new', on: RECENT },
      { name: 'release', on: new Date(OLD.getTime() + 5 * DAY), tags: ['1.0.0'] },
    ],
    { keep: 2 },
    {
      deleteTags: [],
      deleteManifests: ['oldest'],
      kept: [
        'newest: keep',
        'middle: keep',
        'middle-amd64: child-of-kept-index via middle',
        'new: too-new',
        'release: tagged',
      ],
    },
  ],
  [
    'keep breaks ties between equally old roots by digest, so every run picks the same',
    [{ name: 'tie-a' }, { name: 'tie-b' }],
    { keep: 1 },
    // sha256("tie-b") sorts before sha256("tie-a").
    D('tie-b') < D('tie-a')
      ? { deleteTags: [], deleteManifests: ['tie-a'], kept: ['tie-b: keep'] }
      : { deleteTags: [], deleteManifests: ['tie-b'], kept: ['tie-a: keep'] },
  ],
  [
    'an unreadable date counts as new',
    [{ name: 'no-date', on: new Date(Number.NaN) }, { name: 'control' }],
    {},
    { deleteTags: [], deleteManifests: ['control'], kept: ['no-date: too-new'] },
  ],
];

describe('safety rules', () => {
  test.each(SAFETY_RULES)('%s', (_rule, manifests, rules, expected) => {
    expect(view(planRepository(listing(manifests), { ...RULES, ...rules }))).toEqual(expected);
  });

  test('a repository whose listing failed a page deletes nothing, and says so', () => {
    const broken = {
      ...listing([{ name: 'old' }, { name: 'index', tags: [dev(1)], children: ['old'] }]),
      complete: false,
      problem: 'page 2 of _manifests: 503 Service Unavailable',
    };
    const plan = planRepository(broken, RULES);
    expect(view(plan)).toEqual({ deleteTags: [], deleteManifests: [], kept: [] });
    expect(plan.incomplete).toBe(
      'the listing was incomplete (page 2 of _manifests: 503 Service Unavailable), so nothing ' +
        'was deleted here; the next run tries again',
    );
    expect(planRepository({ ...broken, complete: true }, RULES).deleteManifests).toHaveLength(2);
  });

  test('an index listed without its manifests deletes nothing: they could not be protected', () => {
    const blind = listing([
      { name: 'index', tags: ['1.0.0'], mediaType: MediaType.DockerManifestList },
      { name: 'amd64' },
    ]);
    const plan = planRepository(blind, RULES);
    expect(plan.deleteManifests).toEqual([]);
    expect(plan.incomplete).toMatch(/the index sha256:\w+ was listed without its manifests/);
    const withChildren = listing([
      {
        name: 'index',
        tags: ['1.0.0'],
        mediaType: MediaType.DockerManifestList,
        children: ['amd64'],
      },
      { name: 'amd64' },
      { name: 'other' },
    ]);
    expect(view(planRepository(withChildren, RULES)).deleteManifests).toEqual(['other']);
  });

  test('indexes go before their manifests and referrers before their subjects, however listed', () => {
    const plan = planRepository(
      listing([
        { name: 'leaf' },
        { name: 'inner', children: ['leaf'] },
        { name: 'outer', children: ['inner'] },
        { name: 'outer-sig', subject: 'outer' },
        { name: 'leaf-sig', subject: 'leaf' },
      ]),
      RULES,
    );
    const at = (name: string): number => plan.deleteManifests.indexOf(D(name));
    expect(plan.deleteManifests).toHaveLength(5);
    expect(at('outer-sig')).toBeLessThan(at('outer'));
    expect(at('outer')).toBeLessThan(at('inner'));
    expect(at('inner')).toBeLessThan(at('leaf'));
    expect(at('leaf-sig')).toBeLessThan(at('leaf'));
  });
});

describe('listings that disagree', () => {
  test('a tag the tag listing puts elsewhere, or on an unlisted manifest, is left alone', () => {
    const base = listing([{ name: 'a', tags: [dev(1)] }, { name: 'b' }, { name: 'control' }]);
    const moved: RepositoryListing = {
      ...base,
      tags: [
        { ...(base.tags[0] as TagInfo), digest: D('b') },
        { ...(base.tags[0] as TagInfo), name: dev(9), digest: D('unlisted') },
      ],
    };
    const plan = planRepository(moved, RULES);
    expect(view(plan)).toEqual({
      // Either listing may be the newer: dev(1) is left alone, on a and on b alike.
      deleteTags: [],
      deleteManifests: ['control'],
      kept: ['a: tagged', 'b: tagged'],
    });
    expect(plan.warnings).toEqual([
      `${dev(1)}: the manifest listing puts it on ${D('a')}, the tag listing on ${D('b')}; left alone`,
      `${dev(9)}: points at ${D('unlisted')}, which the manifest listing doesn't show; left alone`,
    ]);
  });

  test('a tag the tag listing lacks is left alone, and keeps its manifest', () => {
    const base = listing([{ name: 'a', tags: [dev(1)] }, { name: 'control' }]);
    const plan = planRepository({ ...base, tags: [] }, RULES);
    expect(view(plan)).toEqual({
      deleteTags: [],
      deleteManifests: ['control'],
      kept: ['a: tagged'],
    });
    expect(plan.warnings).toEqual([
      `${dev(1)}: the manifest listing puts it on ${D('a')}, the tag listing nowhere; left alone`,
    ]);
  });

  test('a tag listed twice: on two manifests it is left alone; on one, locked if either says so', () => {
    const base = listing([
      { name: 'a', tags: [dev(1)] },
      { name: 'b', tags: [dev(2)] },
      { name: 'control', tags: [dev(3)] },
    ]);
    const [one, two, three] = base.tags as [TagInfo, TagInfo, TagInfo];
    const plan = planRepository(
      {
        ...base,
        manifests: base.manifests.map((m) => ({ ...m, tags: [] })),
        tags: [one, { ...one, digest: D('control') }, { ...two, deleteEnabled: false }, two, three],
      },
      RULES,
    );
    expect(view(plan)).toEqual({
      deleteTags: [`${dev(3)} @control`],
      deleteManifests: [],
      kept: ['a: tagged', 'b: tag-locked', 'control: tagged'],
    });
    expect(plan.warnings).toEqual([
      `${dev(1)}: the tag listing shows it on ${D('a')} and ${D('control')}; left alone`,
    ]);
  });

  test('a manifest listed twice (pages shifted) is merged: locked if either copy says so', () => {
    const twice = listing([{ name: 'dup' }, { name: 'dup', locked: true }, { name: 'control' }]);
    expect(view(planRepository(twice, RULES))).toEqual({
      deleteTags: [],
      deleteManifests: ['control'],
      kept: ['dup: locked'],
    });
  });
});

describe('summary and result', () => {
  const app = listing([
    { name: 'index', tags: ['1.2.3'], children: ['amd64'] },
    { name: 'amd64' },
    { name: 'old', tags: [dev(1)] },
    { name: 'locked', locked: true },
  ]);
  const plan = planRepository(app, RULES);
  const broken = planRepository(
    { ...listing([{ name: 'x' }], 'giantswarm/broken'), complete: false, problem: 'HTTP 503' },
    RULES,
  );

  test('a dry run says what it would delete, outputs deleted=0, and fails on an incomplete listing', () => {
    const { outputs, summary, failure } = summarize({
      registry: 'gsoci.azurecr.io',
      dryRun: true,
      repositories: [{ plan }, { plan: broken }],
      unmatched: ['giantswarm/typo-*'],
    });
    expect(outputs.deleted).toBe('0');
    const result = JSON.parse(outputs.result);
    expect(result).toMatchObject({ registry: 'gsoci.azurecr.io', dryRun: true, deleted: 0 });
    expect(result.unmatched).toEqual(['giantswarm/typo-*']);
    expect(result.repositories.map((r: { status: string }) => r.status)).toEqual([
      'would-clean',
      'incomplete',
    ]);
    expect(result.repositories[0].planned.manifests).toEqual([D('old')]);
    expect(result.repositories[0].kept).toContainEqual({
      digest: D('amd64'),
      tags: [],
      reason: 'child-of-kept-index',
      via: D('index'),
    });
    expect(summary).toContain('(dry run: nothing was deleted)');
    expect(summary).toContain(`Would delete manifests: \`${D('old')}\``);
    expect(summary).toContain(`Would delete tags: \`${dev(1)}\``);
    expect(summary).toContain(
      `Kept, part of a kept index: \`${D('amd64')}\` via \`${D('index')}\``,
    );
    expect(summary).toContain(`Kept, locked (delete or write disabled): \`${D('locked')}\``);
    expect(summary).toContain('1 tagged<br>1 part of a kept index<br>1 locked');
    expect(summary).toContain('No repository matched `giantswarm/typo-*`.');
    expect(summary).toMatch(/giantswarm\/broken.*listing incomplete: nothing deleted/);
    expect(failure).toMatch(
      /^oci-push cleanup left 1 repository not \(fully\) cleaned: giantswarm\/broken: .*HTTP 503/,
    );
  });

  test('a real run counts what was deleted, and a deletion error fails the job', () => {
    const done = summarize({
      registry: 'gsoci.azurecr.io',
      dryRun: false,
      repositories: [{ plan, deleted: { tags: plan.deleteTags, manifests: plan.deleteManifests } }],
      unmatched: [],
    });
    expect(done.outputs.deleted).toBe('1');
    expect(JSON.parse(done.outputs.result).repositories[0].status).toBe('cleaned');
    expect(done.summary).toContain('Deleted 1 of 1 planned manifest in 1 repository.');
    expect(done.failure).toBeUndefined();

    const stopped = summarize({
      registry: 'gsoci.azurecr.io',
      dryRun: false,
      repositories: [
        {
          plan,
          deleted: { tags: plan.deleteTags, manifests: [] },
          error: `deleting ${D('old')}: 409 locked`,
        },
      ],
      unmatched: [],
    });
    expect(stopped.outputs.deleted).toBe('0');
    expect(JSON.parse(stopped.outputs.result).repositories[0]).toMatchObject({
      status: 'failed',
      error: `deleting ${D('old')}: 409 locked`,
    });
    expect(stopped.failure).toContain('409 locked');
  });

  test('long lists are capped in the summary (job summaries are limited to 1 MiB)', () => {
    const many = listing(Array.from({ length: 60 }, (_, i) => ({ name: `old-${i}` })));
    const { summary } = summarize({
      registry: 'r.io',
      dryRun: true,
      repositories: [{ plan: planRepository(many, RULES) }],
      unmatched: [],
    });
    expect(summary).toContain('… and 10 more (see the `result` output)');
  });
});
