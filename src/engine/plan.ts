import { OciPushError } from '../base/errors.js';
import { isRepository, isTag, type SourceReference } from '../oci/reference.js';
import { isStrictSemver, versionTag } from '../oci/version.js';
import type { ReferrersPolicy } from './referrers.js';

/**
 * What will be pushed where, decided before any byte moves. Pure: the same inputs and git
 * facts always give the same plan, and the plan holds no secret.
 */
export type BuildKind = 'dev' | 'release';
export type Visibility = 'public' | 'private';
export type TargetRole = 'registry' | 'mirror';
export type ArtifactKind = 'image' | 'chart';

/** One line of `registries` or `mirrors`: `HOST [dev] [public|private] [insecure] [acr] [timeout=S]`. */
export interface RegistryLine {
  host: string;
  /** Dev builds go only to registries marked `dev`. */
  dev: boolean;
  visibility?: Visibility;
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
}

export interface VisibilityFacts {
  visibility: Visibility;
  /** Where it came from, for the summary: "from the event payload", or why it's assumed. */
  source: string;
}

export interface BuildDecision {
  build: BuildKind;
  version: string;
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
  /** The image's release tags, the version's first; empty for a dev build. */
  tags: string[];
  /** Tags that may never move to another digest: the version's. Extra tags float. */
  immutableTags: string[];
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
  return { ...devDecision(inputs, git, why, override), ...(warning && { warning }) };
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
  const base = git.nearestRelease ?? '0.0.0';
  const version = `${base}-${git.sha}`;
  const from = git.nearestRelease
    ? `the nearest release ${git.nearestRelease} and commit ${git.sha.slice(0, 12)}`
    : `no earlier release in the history (fetch tags for one) and commit ${git.sha.slice(0, 12)}`;
  return { build: 'dev', version, reason: `Dev: ${why}; version from ${from}.` };
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

  const chart =
    inputs.chart && chartName !== undefined
      ? {
          path: inputs.chart,
          name: chartName,
          repository: chartRepository(inputs.chartRepository, chartName),
          tags: decision.build === 'release' ? [versionTag(decision.version)] : [],
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
      const fix =
        decision.build === 'dev' && devLines.length === 0
          ? ' Mark at least one registry `dev`.'
          : visibility.source.startsWith('unknown') &&
              inputs.registries.some((l) => l.visibility === 'public')
            ? ` The repository's visibility is ${visibility.visibility}: ${visibility.source}, ` +
              'so `public` lines are skipped. Set `visibility: public` if the repository is ' +
              'public, or add a line without `public`.'
            : '';
      throw new PlanError(
        `No registry in \`registries\` takes this ${decision.build} build, so nothing would be pushed` +
          (why.length ? ` (${why.join('; ')})` : '') +
          `.${fix}`,
      );
    }
  }

  const tags =
    decision.build === 'release' && inputs.image ? releaseTags(decision.version, inputs.tags) : [];
  return {
    ...decision,
    ...(inputs.image && { source: inputs.image }),
    repository: inputs.repository,
    ...(chart && { chart }),
    tags,
    immutableTags: tags.slice(0, 1),
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
  if (line.visibility === 'public' && repo === 'private') {
    return 'a public registry; a private repository is never pushed to it';
  }
  if (line.visibility === 'private' && repo === 'public') {
    return 'a private registry; a public repository is not pushed to it';
  }
  return undefined;
}

function releaseTags(version: string, extra: string[]): string[] {
  const tags = [versionTag(version), ...extra];
  if (!isTag(versionTag(version))) {
    throw new PlanError(
      `The version ${version} can't be a tag: a tag is at most 128 of [A-Za-z0-9_.-] ` +
        `(${versionTag(version).length} here). Shorten its pre-release or build part, in the git ` +
        'tag or the `version` input',
    );
  }
  for (const tag of tags) {
    if (!isTag(tag)) {
      throw new PlanError(
        `tags: "${tag}" is not a valid tag: up to 128 of [A-Za-z0-9_.-], not starting with . or -`,
      );
    }
  }
  return [...new Set(tags)];
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
