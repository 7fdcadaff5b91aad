import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// Jest loads this file outside its module mapper, so it imports nothing of ours.
const ROOT = resolve(import.meta.dirname, '..', '..');

/** Fails the run at once, with the fix, when the machine lacks what the tests need. */
export default function globalSetup(): void {
  const missing: string[] = [];
  for (const command of ['docker-registry', 'skopeo', 'htpasswd', 'openssl']) {
    try {
      execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    } catch {
      missing.push(command);
    }
  }
  for (const path of ['.tools/helm3/helm', '.tools/helm4/helm']) {
    if (!existsSync(resolve(ROOT, path))) missing.push(path);
  }
  if (!existsSync(resolve(ROOT, 'dist/index.js')))
    missing.push('dist/index.js (run npm run build)');
  if (missing.length > 0) {
    throw new Error(
      `Missing for the tests: ${missing.join(', ')}. Run \`npm run setup\` (as root) first.`,
    );
  }
  trustTestCa();
}

/**
 * The HTTPS fakes of ACR, Entra ID and GitHub OIDC (`harness/acr`) serve certificates of a
 * test CA. Node reads NODE_EXTRA_CA_CERTS only when a process starts: scripts/test.sh makes
 * the CA and exports it before jest. When jest is started alone, this does it; jest's
 * workers and every child they start inherit the variable. A run in band (one test file)
 * happens in this very process, which started without it: the harness then adds the CA in
 * process (`trustTestCaInProcess`), and children still get the variable.
 */
function trustTestCa(): void {
  const dir = resolve(ROOT, '.tools', 'test-ca');
  const bundle = resolve(dir, 'bundle.crt');
  if (process.env.NODE_EXTRA_CA_CERTS === bundle) return;
  // The bundle keeps whatever NODE_EXTRA_CA_CERTS named before (e.g. a system bundle).
  execFileSync('bash', [resolve(ROOT, '__tests__/harness/acr/test-ca.sh'), dir], {
    stdio: 'inherit',
  });
  process.env.NODE_EXTRA_CA_CERTS = bundle;
}
