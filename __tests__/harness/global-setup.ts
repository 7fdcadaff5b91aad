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
}
