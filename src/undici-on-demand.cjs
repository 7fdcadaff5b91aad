'use strict';
/**
 * What the bundle gets for `import ... from 'undici'` (tsconfig.json `paths`, read by ncc).
 *
 * `@actions/http-client` imports undici eagerly for its proxy dispatcher, and `@actions/github`
 * for its fetch; undici is 0.9 MB, over half of the bundle. Parsing and running it on every
 * start cost about 50 ms of the 0.2 s each face takes to load, while only the GitHub API call
 * (visibility) and a proxy ever use it. So undici is built on its own into
 * dist/lib/undici.cjs (scripts/build.sh), and loaded the first time any of its exports is read.
 */
let undici;
// A CommonJS require on purpose: ncc leaves it (`-e ./undici.cjs`) for Node to resolve beside the bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = () => (undici ??= require('./undici.cjs'));

module.exports = new Proxy(
  {},
  {
    // webpack's interop asks for `__esModule`: answering that must not load undici.
    get: (_target, name) => (name === '__esModule' ? false : load()[name]),
  },
);
