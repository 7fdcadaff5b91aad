import { type BuildKind, planSigning, PlanError, type SignMode } from '../../src/engine/plan.js';
import { InputError } from '../../src/jobs/inputs.js';
import { parseSigningInputs } from '../../src/jobs/signing-inputs.js';
import { expectedSigner } from '../../src/jobs/signing.js';
import { SigningError } from '../../src/sigstore/sign.js';

const PUBLIC = { visibility: 'public' as const, source: 'from the event payload' };
const PRIVATE = { visibility: 'private' as const, source: 'from the event payload' };

describe('whether a build is signed', () => {
  test.each<[SignMode, BuildKind, 'public' | 'private', boolean, string]>([
    ['auto', 'release', 'public', true, 'a release of a public repository'],
    ['auto', 'dev', 'public', false, 'a dev build'],
    ['auto', 'release', 'private', false, 'the repository is private'],
    ['auto', 'dev', 'private', false, 'the repository is private'],
    ['true', 'dev', 'public', true, '`sign` is true'],
    ['true', 'release', 'public', true, '`sign` is true'],
    ['false', 'release', 'public', false, '`sign` is false'],
  ])('sign: %s, a %s build, a %s repository: %s', (mode, build, visibility, sign, reason) => {
    const plan = planSigning(
      { mode, publicLogs: true },
      build,
      visibility === 'public' ? PUBLIC : PRIVATE,
    );
    expect(plan.sign).toBe(sign);
    expect(plan.reason).toContain(reason);
  });

  test('sign: true never signs a private repository in the public logs', () => {
    expect(() => planSigning({ mode: 'true', publicLogs: true }, 'release', PRIVATE)).toThrow(
      PlanError,
    );
    expect(planSigning({ mode: 'true', publicLogs: false }, 'release', PRIVATE).sign).toBe(true);
  });
});

describe('the signing inputs', () => {
  const get =
    (inputs: Record<string, string>) =>
    (name: string): string =>
      inputs[name] ?? '';

  test('default to the public-good instance, signing public releases', () => {
    expect(parseSigningInputs(get({}))).toEqual({
      policy: { mode: 'auto', publicLogs: true },
      services: {
        fulcioUrl: 'https://fulcio.sigstore.dev',
        rekorUrl: 'https://rekor.sigstore.dev',
        tsaUrl: 'https://timestamp.sigstore.dev',
      },
    });
  });

  test('a private deployment needs its trust root, and is then not public', () => {
    const inputs = {
      'fulcio-url': 'https://fulcio.example.com/',
      'rekor-url': 'https://rekor.example.com',
      'tsa-url': 'none',
    };
    expect(() => parseSigningInputs(get(inputs))).toThrow(/trusted-root: fulcio-url, rekor-url/);
    const parsed = parseSigningInputs(get({ ...inputs, 'trusted-root': '/etc/root.json' }));
    expect(parsed.services).toEqual({
      fulcioUrl: 'https://fulcio.example.com',
      rekorUrl: 'https://rekor.example.com',
    });
    expect(parsed.policy.publicLogs).toBe(false);
  });

  test.each([
    ['sign', 'yes', /sign: "yes" is not one of auto, true, false/],
    ['fulcio-url', 'http://fulcio.example.com', /not an https URL/],
    ['rekor-url', 'https://user:secret@rekor.example.com', /hidden: it has a credential/],
  ])('%s: %s is refused', (name, value, message) => {
    expect(() => parseSigningInputs(get({ [name]: value }))).toThrow(InputError);
    expect(() => parseSigningInputs(get({ [name]: value }))).toThrow(message);
    expect(() => parseSigningInputs(get({ [name]: value }))).not.toThrow(/secret/);
  });

  test('a signature needs a trusted time: Rekor and the TSA are not both none', () => {
    expect(() => parseSigningInputs(get({ 'rekor-url': 'none', 'tsa-url': 'none' }))).toThrow(
      /both are none/,
    );
  });
});

describe('the identity a verifier should expect', () => {
  const circleToken = `x.${Buffer.from(
    JSON.stringify({
      iss: 'https://oidc.circleci.com/org/o1',
      'oidc.circleci.com/project-id': 'p1',
      'oidc.circleci.com/pipeline-definition-id': 'd1',
    }),
  ).toString('base64url')}.y`;

  test('on GitHub, the workflow file at its ref, from GitHub Actions', () => {
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKFLOW_REF: 'giantswarm/app/.github/workflows/release.yaml@refs/tags/v1.2.3',
    };
    expect(expectedSigner(env, 'token', {})).toEqual({
      identity: 'https://github.com/giantswarm/app/.github/workflows/release.yaml@refs/tags/v1.2.3',
      issuer: 'https://token.actions.githubusercontent.com',
    });
  });

  test("on CircleCI, the project's pipeline definition and the token's issuer", () => {
    expect(expectedSigner({ CIRCLECI: 'true' }, circleToken, {})).toEqual({
      identity: 'https://circleci.com/api/v2/projects/p1/pipeline-definitions/d1',
      issuer: 'https://oidc.circleci.com/org/o1',
    });
  });

  test('the inputs win, and elsewhere they are needed', () => {
    const inputs = { certificateIdentity: 'me', certificateOidcIssuer: 'https://issuer' };
    expect(expectedSigner({ CIRCLECI: 'true' }, circleToken, inputs)).toEqual({
      identity: 'me',
      issuer: 'https://issuer',
    });
    expect(() => expectedSigner({}, 'token', {})).toThrow(SigningError);
  });
});
