import { OciPushError } from '../base/errors.js';
import { isRepository, isTag, type SourceReference } from '../oci/reference.js';
import { devVersion } from '../oci/dev-version.js';
import { isStrictSemver, versionTag } from '../oci/version.js';
import type { ReferrersPolicy } from './referrers.js';

/**
 * What will be pushed where, decided before any byte moves. Pure: the same inputs and git
 * facts always give the same plan, and the plan holds no secret.
 */
export type BuildKind = 'dev' | 'release';
/** A source repository's visibility; one that can't be known counts as private. */
export type Visibility = 'public' | 'private';
/**
 * Which repositories a registry line takes, by its marker, as the orb's registries data marks
 * them. A line with no marker takes public repositories only, so a private repository never
 * reaches a registry that nobody marked as fit for it (fail closed).
 */
export type LineVisibility = 'public' | 'private' | 'public/private';

/** A marker word: `public`, `private`, `public/private` (or `private/public`, as the orb takes). */
export function lineVisibility(word: string): LineVisibility | undefined {
  if (word === 'public' || word === 'private') return word;
  if (word === 'public/private' || word === 'private/public') return 'public/private';
  return undefined;
}

/** Whether a registry line (or sync target) with this marker takes a repository of `repo`. */
export function takesVisibility(marker: LineVisibility | undefined, repo: Visibility): boolean {
  return marker === 'public/private' || (marker ?? 'public') === repo;
}
export type TargetRole = 'registry' | 'mirror';
export type ArtifactKind = 'image' | 'chart';

/**
 * One line of `registries` or `mirrors`:
 * `HOST [dev] [public|private|public/private] [insecure] [acr] [timeout=S]`.
 */
export interface RegistryLine {
  host: string;
  /** Dev builds go only to registries marked `dev`. */
  dev: boolean;
  /** The line's marker; none takes public repositories only. */
  visibility?: LineVisibility;
  /** Plain HTTP to a non-loopback host. */
  insecure: boolean;
  /** An Azure Container Registry: `*.azurecr.io` (and sovereign clouds), or marked `acr`. */
  acr: boolean;
  /** `timeout=SECONDS`: how long this registry may take to answer, instead of the default. */
  timeoutSeconds?: number;
}

export interface PolicyInputs {
  image?: SourceReference;
  /** A chart directory or packaged `.tgz`. */
  chart?: string;
  /** The namespace charts go under in each registry; the chart's name is appended. */
  chartRepository: string;
  /** Charts go to mirrors too (by default they go to `registries` only). */
  mirrorCharts: boolean;
  repository: string;
  registries: RegistryLine[];
  /** `registries` was blank, so these are the defaults (Giant Swarm's registries). */
  registriesDefaulted?: boolean;
  mirrors: RegistryLine[];
  build: 'auto' | BuildKind;
  /** Overrides the version derived from git. */
  version?: string;
  tagPrefix: string;
  /** Extra release tags, e.g. `latest`. */
  tags: string[];
  overwrite: boolean;
  dryRun: boolean;
  /** Which referrers (signatures, SBOMs, attestations) go with the image; all by default. */
  referrers?: ReferrersPolicy;
  /**
   * Appended verbatim to every image tag, as the orb's `tag-suffix`: flavours of one image
   * (`-python`: `3.20.1-python`, `latest-python`) never collide on one immutable tag.
   */
  tagSuffix?: string;
  /** Tag a dev build with its version (image and chart), for Flux semver filters. */
  devTags?: boolean;
  /** A floating tag for dev builds of named branches, branch → tag (the orb's `tag-latest-branch`). */
  branchTags?: ReadonlyMap<string, string>;
  /**
   * `forward` (the default): an extra release tag moves only when the release is the highest
   * version in that repository. `always`: it follows every release.
   */
  floatingTags?: 'forward' | 'always';
  /** Whether to sign (the `sign` input), and whether the Sigstore in use logs publicly. */
  signing?: SigningPolicy;
}

/** What git and the event say about this build. */
export interface GitFacts {
  /** `GITHUB_REF`, e.g. `refs/tags/v1.2.3` or `refs/pull/7/merge`. */
  ref: string;
  /** The commit the build is of: for a pull request its head, not the merge commit. */
  sha: string;
  /** The nearest release version below this commit (from `git describe`), without prefix or `v`. */
  nearestRelease?: string;
  /** When the commit was made (its committer date): what orders dev versions. */
  commitTime?: Date;
  /** Where `commitTime` came from, when it is not the commit itself (the clock, say). */
  commitTimeSource?: string;
}

export interface VisibilityFacts {
  visibility: Visibility;
  /** Where it came from, for the summary: "from the event payload", or why it's assumed. */
  source: string;
  /** Not known, only assumed (private): the plan's errors then suggest setting it. */
  assumed?: boolean;
}

export interface BuildDecision {
  build: BuildKind;
  version: string;
  /** The branch built, for a push to `refs/heads/<branch>`: its floating tag, if it has one. */
  branch?: string;
  /** One sentence for the summary: why dev or release, and where the version came from. */
  reason: string;
  /** Something about the decision worth a warning annotation (a tag that looks like a release). */
  warning?: string;
}

export interface PlannedTarget {
  artifact: ArtifactKind;
  host: string;
  repository: string;
  insecure: boolean;
  /** An Azure Container Registry: keyless login, locks and untagging apply. */
  acr: boolean;
  /** The line's `timeout=`, when it has one. */
  timeoutSeconds?: number;
  role: TargetRole;
}

export interface SkippedTarget {
  artifact: ArtifactKind;
  host: string;
  role: TargetRole;
  reason: string;
}

export interface PlannedChart {
  path: string;
  name: string;
  /** `<chart-repository>/<name>` */
  repository: string;
  /** The version's tag only: helm resolves charts by version, and it is immutable. */
  tags: string[];
}

export interface PushPlan extends BuildDecision {
  /** The image, when there is one. */
  source?: SourceReference;
  repository: string;
  chart?: PlannedChart;
  /**
   * The image's tags, each with the `tag-suffix`: a release's version tag first, then the
   * extra tags; a dev build's version tag (`dev-tags`) and its branch's floating tag, if any.
   */
  tags: string[];
  /** Tags that may never move to another digest: a release's version tag. Extra tags float. */
  immutableTags: string[];
  /**
   * Extra release tags that move only when this release is the highest version in the
   * target repository (read from its tags); none when `floating-tags: always` or `overwrite`.
   */
  forwardOnlyTags?: string[];
  /** Appended to every image tag; the version's tag is `versionTag(version) + tagSuffix`. */
  tagSuffix?: string;
  visibility: VisibilityFacts;
  targets: PlannedTarget[];
  skipped: SkippedTarget[];
  /** `registries` was blank: the plan says the defaults were used. */
  registriesDefaulted?: boolean;
  overwrite: boolean;
  dryRun: boolean;
  /**
   * The image's referrers go to every target the image goes to (dev registries for a dev
   * build, every registry and mirror for a release). Immutability covers the image only: a
   * new signature on an old release is added.
   */
  referrers: ReferrersPolicy;
  /** Whether this build's artifacts are signed, and why. */
  signing: SigningPlan;
}

/** A plan can't be made from these inputs; the message names the input and the fix. */
export class PlanError extends OciPushError {
  override name = 'PlanError';
  readonly code = 'plan';
}

const FULL_SHA = /^[0-9a-f]{40}$/;

export function decideBuild(
  inputs: Pick<PolicyInputs, 'build' | 'version' | 'tagPrefix'>,
  git: GitFacts,
): BuildDecision {
  const override =
    inputs.version === undefined ? undefined : strictSemver(inputs.version, 'version');
  const tag = git.ref.startsWith('refs/tags/') ? git.ref.slice('refs/tags/'.length) : undefined;
  const releaseFromTag = tag === undefined ? undefined : releaseVersionOfTag(tag, inputs.tagPrefix);

  if (inputs.build === 'release' || (inputs.build === 'auto' && releaseFromTag)) {
    const version = override ?? releaseFromTag;
    if (version === undefined) {
      throw new PlanError(
        `build: release needs a version, and ${git.ref || 'this ref'} is not a release tag ` +
          `${inputs.tagPrefix}vX.Y.Z; push such a tag, or set \`version\``,
      );
    }
    const why =
      inputs.build === 'release' ? 'build: release was set' : `the tag ${tag} is a release tag`;
    const from = override === undefined ? `from the tag ${tag}` : 'from the `version` input';
    return { build: 'release', version, reason: `Release: ${why}; version ${version} ${from}.` };
  }

  const why =
    inputs.build === 'dev'
      ? 'build: dev was set'
      : `${git.ref || 'this ref'} is not a release tag ${inputs.tagPrefix}vX.Y.Z`;
  const warning = tag === undefined ? undefined : almostReleaseTag(tag, inputs.tagPrefix);
  const branch = git.ref.startsWith('refs/heads/') ? git.ref.slice('refs/heads/'.length) : '';
  return {
    ...devDecision(inputs, git, why, override),
    ...(branch && { branch }),
    ...(warning && { warning }),
  };
}

/**
 * A tag that a person meant as a release but that is not `<prefix>vX.Y.Z` (`1.2.3`,
 * `V1.2.3`, or the version without the prefix): pushed as a dev build, with a warning that
 * says why and what the tag should have been.
 */
function almostReleaseTag(tag: string, prefix: string): string | undefined {
  const rest = tag.startsWith(prefix) ? tag.slice(prefix.length) : tag;
  if (!/^[vV]?\d+\.\d+\.\d+/.test(rest) || rest.startsWith('v')) return undefined;
  const version = rest.replace(/^[vV]/, '');
  return (
    `The tag ${tag} looks like a release, but release tags are ${prefix}vX.Y.Z (a lower-case v` +
    `${prefix ? ` after the \`tag-prefix\` ${prefix}` : ''}), so this is a dev build. To ` +
    `release ${version}, tag ${prefix}v${version}` +
    (prefix ? '' : ', or set `tag-prefix` if this repository prefixes its tags')
  );
}

function devDecision(
  inputs: Pick<PolicyInputs, 'build' | 'version' | 'tagPrefix'>,
  git: GitFacts,
  why: string,
  override: string | undefined,
): BuildDecision {
  if (override !== undefined) {
    return {
      build: 'dev',
      version: override,
      reason: `Dev: ${why}; version ${override} from the \`version\` input.`,
    };
  }
  if (!FULL_SHA.test(git.sha)) {
    throw new PlanError(
      `The commit sha "${git.sha}" is not a full 40-hex sha, so a dev version can't be made; ` +
        'run in GitHub Actions (GITHUB_SHA) or set `version`',
    );
  }
  if (!git.commitTime || Number.isNaN(git.commitTime.getTime())) {
    throw new PlanError(
      `The time of commit ${git.sha.slice(0, 12)} is unknown, so a dev version can't be made; ` +
        'run in the git checkout of the commit, or set `version`',
    );
  }
  const version = devVersion(git.nearestRelease, git.commitTime, git.sha);
  const release = git.nearestRelease
    ? `the nearest release ${git.nearestRelease}`
    : 'no earlier release in the history (fetch tags for one)';
  const time = `${git.commitTime.toISOString()} (${git.commitTimeSource ?? 'its commit time'})`;
  return {
    build: 'dev',
    version,
    reason: `Dev: ${why}; version from ${release}, commit ${git.sha.slice(0, 12)} at ${time}.`,
  };
}

/**
 * `<prefix>v<semver>` → the version. A tag that starts like a release (`<prefix>v` and a
 * digit) but isn't semver is an error, never silently a dev build.
 */
export function releaseVersionOfTag(tag: string, prefix: string): string | undefined {
  if (!tag.startsWith(`${prefix}v`)) return undefined;
  const rest = tag.slice(prefix.length + 1);
  if (!/^\d/.test(rest)) return undefined;
  if (!isStrictSemver(rest)) {
    throw new PlanError(
      `The tag ${tag} looks like a release, but "${rest}" is not semver (X.Y.Z, optionally ` +
        `-prerelease and +build). Tag the release ${prefix}vX.Y.Z, or set \`build: dev\` to ` +
        'push this ref as a dev build',
    );
  }
  return rest;
}

function strictSemver(value: string, input: string): string {
  const version = value.startsWith('v') ? value.slice(1) : value;
  if (!isStrictSemver(version)) {
    throw new PlanError(
      `${input}: "${value}" is not a semver version (X.Y.Z, optionally -prerelease and +build)`,
    );
  }
  return version;
}

/**
 * Where each artifact goes, given the build decision (`decideBuild`, made first because
 * packaging a chart needs its version) and the chart's name when there is a chart.
 */
export function planPush(
  inputs: PolicyInputs,
  decision: BuildDecision,
  visibility: VisibilityFacts,
  chartName?: string,
): PushPlan {
  const mirrorHosts = new Set(inputs.mirrors.map((m) => m.host));
  for (const registry of inputs.registries) {
    if (mirrorHosts.has(registry.host)) {
      throw new PlanError(
        `${registry.host} is in both \`registries\` and \`mirrors\`; list it in one of them`,
      );
    }
  }
  if (!inputs.image && !inputs.chart) {
    throw new PlanError('Nothing to push: set `image`, `chart`, or both');
  }
  if (inputs.chart && chartName === undefined) {
    throw new PlanError('The chart must be read before planning (no chart name given)');
  }

  // A chart's tag is its version, as helm resolves it; a suffix or floating tag would hide it.
  const chartTagged = decision.build === 'release' || inputs.devTags === true;
  const chart =
    inputs.chart && chartName !== undefined
      ? {
          path: inputs.chart,
          name: chartName,
          repository: chartRepository(inputs.chartRepository, chartName),
          tags: chartTagged ? [versionTag(decision.version)] : [],
        }
      : undefined;

  const targets: PlannedTarget[] = [];
  const skipped: SkippedTarget[] = [];
  const consider = (
    artifact: ArtifactKind,
    repository: string,
    line: RegistryLine,
    role: TargetRole,
  ): void => {
    let reason = skipReason(line, role, decision.build, visibility.visibility);
    if (!reason && artifact === 'chart' && role === 'mirror' && !inputs.mirrorCharts) {
      reason = 'charts go to mirrors only with `mirror-charts: true`';
    }
    if (reason) skipped.push({ artifact, host: line.host, role, reason });
    else
      targets.push({
        artifact,
        host: line.host,
        repository,
        insecure: line.insecure,
        acr: line.acr,
        ...(line.timeoutSeconds !== undefined && { timeoutSeconds: line.timeoutSeconds }),
        role,
      });
  };
  const artifacts: [ArtifactKind, string][] = [];
  if (inputs.image) artifacts.push(['image', inputs.repository]);
  if (chart) artifacts.push(['chart', chart.repository]);
  for (const [artifact, repository] of artifacts) {
    for (const line of inputs.registries) consider(artifact, repository, line, 'registry');
    for (const line of inputs.mirrors) consider(artifact, repository, line, 'mirror');
    if (!targets.some((t) => t.artifact === artifact && t.role === 'registry')) {
      const why = skipped
        .filter((s) => s.artifact === artifact && s.role === 'registry')
        .map((s) => `${s.host}: ${s.reason}`);
      const devLines = inputs.registries.filter((l) => l.dev);
      throw new PlanError(
        `No registry in \`registries\` takes this ${decision.build} build, so nothing would be pushed` +
          (why.length ? ` (${why.join('; ')})` : '') +
          '.' +
          (decision.build === 'dev' && devLines.length === 0
            ? ' Mark at least one registry `dev`.'
            : visibilityFix(visibility)),
      );
    }
  }

  const suffix = inputs.tagSuffix ?? '';
  const tags = inputs.image ? imageTags(inputs, decision) : [];
  const release = decision.build === 'release';
  const forced = inputs.floatingTags === 'always' || inputs.overwrite;
  return {
    ...decision,
    ...(inputs.image && { source: inputs.image }),
    repository: inputs.repository,
    ...(chart && { chart }),
    tags,
    immutableTags: release ? tags.slice(0, 1) : [],
    forwardOnlyTags: release && !forced ? tags.slice(1) : [],
    tagSuffix: suffix,
    visibility,
    targets,
    skipped,
    overwrite: inputs.overwrite,
    dryRun: inputs.dryRun,
    referrers: inputs.referrers ?? true,
    signing: planSigning(inputs.signing, decision.build, visibility),
    ...(inputs.registriesDefaulted && { registriesDefaulted: true }),
  };
}

/** `charts/giantswarm` + `my-chart`; a chart name that can't be a repository path is an error. */
function chartRepository(namespace: string, name: string): string {
  const repository = namespace ? `${namespace}/${name}` : name;
  if (!isRepository(repository)) {
    throw new PlanError(
      `The chart repository "${repository}" is not a valid repository path: the chart name and ` +
        '`chart-repository` must be lowercase letters, digits and separators (. _ -)',
    );
  }
  return repository;
}

function skipReason(
  line: RegistryLine,
  role: TargetRole,
  build: BuildKind,
  repo: Visibility,
): string | undefined {
  if (build === 'dev' && role === 'mirror') return 'mirrors receive releases only';
  if (build === 'dev' && !line.dev)
    return 'not marked `dev`; dev builds go only to registries marked `dev`';
  if (takesVisibility(line.visibility, repo)) return undefined;
  if (line.visibility === 'public') {
    return 'a public registry; a private repository is never pushed to it';
  }
  if (line.visibility === 'private') {
    return 'a private registry; a public repository is not pushed to it';
  }
  return (
    'no `public`, `private` or `public/private` marker, so it takes public repositories ' +
    'only; a private repository is never pushed to it'
  );
}

/** What to do when no line takes a private repository: say whether that is known or assumed. */
function visibilityFix(visibility: VisibilityFacts): string {
  if (visibility.visibility !== 'private') return '';
  return (
    ` The repository's visibility is private: ${visibility.source}. ` +
    (visibility.assumed ? 'Set `visibility: public` if the repository is public, or add' : 'Add') +
    " a line marked `private` or `public/private` (Giant Swarm's: `gsociprivate.azurecr.io dev " +
    'private`); a line with no marker takes public repositories only.'
  );
}

/**
 * The image's tags, each with the suffix: a release's version tag and extra tags; a dev
 * build's version tag (`dev-tags`) and its branch's floating tag. Each must be a valid tag.
 */
function imageTags(inputs: PolicyInputs, decision: BuildDecision): string[] {
  const suffix = inputs.tagSuffix ?? '';
  const version = versionTag(decision.version);
  if (!isTag(version)) {
    throw new PlanError(
      `The version ${decision.version} can't be a tag: a tag is at most 128 of [A-Za-z0-9_.-] ` +
        `(${version.length} here). Shorten its pre-release or build part, in the git ` +
        'tag or the `version` input',
    );
  }
  const branchTag =
    decision.branch === undefined ? undefined : inputs.branchTags?.get(decision.branch);
  const bare =
    decision.build === 'release'
      ? [version, ...inputs.tags]
      : [...(inputs.devTags ? [version] : []), ...(branchTag === undefined ? [] : [branchTag])];
  for (const tag of bare) {
    if (!isTag(tag)) {
      throw new PlanError(
        `tags: "${tag}" is not a valid tag: up to 128 of [A-Za-z0-9_.-], not starting with . or -`,
      );
    }
    if (!isTag(tag + suffix)) {
      throw new PlanError(
        `tag-suffix: "${tag}${suffix}" is not a valid tag: the suffix must be [A-Za-z0-9_.-] ` +
          'and the tag at most 128 characters; shorten the suffix',
      );
    }
  }
  return [...new Set(bare.map((tag) => tag + suffix))];
}

/**
 * Whether this build is signed, decided with the rest of the plan and said in it. Signing
 * with the public-good Sigstore writes the digest to Rekor's public log and the repository's
 * name into a certificate in a public CT log, so a private repository is never signed there.
 */
export type SignMode = 'auto' | 'true' | 'false';

export interface SigningPolicy {
  /** The `sign` input: `auto` signs releases of public repositories, `true` every build. */
  mode: SignMode;
  /** Fulcio or Rekor is the public-good instance, whose logs are public. */
  publicLogs: boolean;
}

export interface SigningPlan {
  sign: boolean;
  /** One sentence for the plan and the summary: why this build is signed or not. */
  reason: string;
}

export function planSigning(
  policy: SigningPolicy | undefined,
  build: BuildKind,
  visibility: VisibilityFacts,
): SigningPlan {
  if (!policy || policy.mode === 'false') {
    return { sign: false, reason: 'not signed: `sign` is false' };
  }
  const privateRepo = visibility.visibility === 'private';
  if (policy.mode === 'true') {
    if (privateRepo && policy.publicLogs) {
      throw new PlanError(
        `sign: true, but the repository is private (${visibility.source}) and \`fulcio-url\` or ` +
          "`rekor-url` is the public-good Sigstore, whose logs are public: the image's digest " +
          "and the repository's name would be published. Point fulcio-url, rekor-url and " +
          'trusted-root at a private Sigstore, or set `sign: auto` (no signature for private ' +
          'repositories)',
      );
    }
    return { sign: true, reason: `signed: \`sign\` is true (every build, dev ones too)` };
  }
  if (privateRepo) {
    return {
      sign: false,
      reason:
        `not signed: the repository is private (${visibility.source}), and signing would ` +
        "publish the digest and the repository's name in Sigstore's public logs",
    };
  }
  if (build === 'dev') {
    return { sign: false, reason: 'not signed: a dev build (`sign: true` signs those too)' };
  }
  return { sign: true, reason: 'signed: a release of a public repository (`sign: auto`)' };
}
