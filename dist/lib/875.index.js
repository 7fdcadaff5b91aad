export const id = 875;
export const ids = [875];
export const modules = {

/***/ 91875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   An: () => (/* binding */ parseTagVersion),
/* harmony export */   RC: () => (/* binding */ parseRange),
/* harmony export */   Z8: () => (/* binding */ SEMVER_RULES)
/* harmony export */ });
/* unused harmony export VersionRangeError */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_0__);

const SEMVER_RULES = ['masterminds', 'npm'];
/** A range that can't be read; the message says why, without the caller's path. */
class VersionRangeError extends Error {
    name = 'VersionRangeError';
}
/** The version a tag (or a captured part of one) is read as, or null when it is none. */
function parseTagVersion(text, rules) {
    if (rules === 'npm')
        return semver__WEBPACK_IMPORTED_MODULE_0___default().parse(text);
    return mastermindsVersion(text);
}
/** Compiles a range; throws `VersionRangeError`. */
function parseRange(text, rules) {
    if (rules === 'npm') {
        if (semver__WEBPACK_IMPORTED_MODULE_0___default().validRange(text) === null) {
            throw new VersionRangeError(`is not a semver range (npm's rules); write e.g. '>=3.18.0' or '^1.2'`);
        }
        return { text, test: (version) => semver__WEBPACK_IMPORTED_MODULE_0___default().satisfies(version, text) };
    }
    const groups = parseMastermindsRange(text);
    return {
        text,
        test: (version) => groups.some((all) => all.every((c) => satisfies(version, c))),
    };
}
// --- Masterminds versions -------------------------------------------------------------------
/** `v?MAJOR[.MINOR][.PATCH][-PRE][+META]`, anchored (Masterminds v3.2's NewVersion). */
const LOOSE_VERSION = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const UINT64_MAX = 2n ** 64n - 1n;
function mastermindsVersion(text) {
    if (text.length > 256)
        return null;
    const match = LOOSE_VERSION.exec(text);
    if (!match)
        return null;
    const [, major = '', minor = '0', patch = '0', pre, meta] = match;
    const numbers = [major, minor, patch].map((n) => BigInt(n));
    // Masterminds reads segments as uint64; npm's semver holds safe integers only, so the few
    // versions between 2^53 and 2^64 are not versions here (none is a real tag).
    if (numbers.some((n) => n > UINT64_MAX))
        return null;
    let normal = numbers.join('.');
    if (pre !== undefined)
        normal += `-${pre}`;
    if (meta !== undefined)
        normal += `+${meta}`;
    // npm checks what Masterminds checks of a pre-release: no numeric part with a leading 0.
    return semver__WEBPACK_IMPORTED_MODULE_0___default().parse(normal);
}
/** Operators, longest first; `=>`, `=<` and `~>` are spelled-out synonyms. */
const OPERATOR = /(!=|>=|=>|<=|=<|~>|=|>|<|~|\^)?/y;
const SYNONYMS = { '=>': '>=', '=<': '<=', '~>': '~' };
const PART = '[0-9xX*|]+';
const IDENTS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
/** A constraint's version: parts may be `x`, `X` or `*`. */
const CONSTRAINT_VERSION = new RegExp(`v?(${PART})(\\.${PART})?(\\.${PART})?(-${IDENTS})?(\\+${IDENTS})?`, 'y');
/** `A - B` is `>= A, <= B`. */
const HYPHEN_RANGE = new RegExp(`\\s*(v?${PART}(?:\\.${PART}){0,2}(?:-${IDENTS})?(?:\\+${IDENTS})?)\\s+-\\s+` +
    `(v?${PART}(?:\\.${PART}){0,2}(?:-${IDENTS})?(?:\\+${IDENTS})?)\\s*`, 'g');
const MAX_RANGE_LENGTH = 256;
function parseMastermindsRange(text) {
    if (text.length > MAX_RANGE_LENGTH) {
        throw new VersionRangeError(`is over ${MAX_RANGE_LENGTH} characters`);
    }
    const rewritten = text.replace(HYPHEN_RANGE, (_all, a, b) => `>= ${a}, <= ${b} `);
    return rewritten.split('||').map((part) => {
        const constraints = parseAll(part);
        if (!constraints) {
            throw new VersionRangeError(`is not a semver constraint (Masterminds' rules, as retagger and skopeo read them); ` +
                `write e.g. '>= 3.10', '~1.2', '1.x' or '>= 1.2, < 2'`);
        }
        return constraints;
    });
}
/** One `||` branch: constraints separated by spaces or commas, all of which must hold. */
function parseAll(part) {
    const constraints = [];
    let at = skipSpace(part, 0);
    for (;;) {
        const parsed = parseOne(part, at);
        if (!parsed)
            return undefined;
        constraints.push(parsed.constraint);
        const afterSpace = skipSpace(part, parsed.end);
        if (afterSpace === part.length)
            return constraints;
        if (part[afterSpace] === ',')
            at = skipSpace(part, afterSpace + 1);
        else if (afterSpace > parsed.end)
            at = afterSpace;
        else
            return undefined;
    }
}
function skipSpace(text, at) {
    let i = at;
    while (i < text.length && /\s/.test(text[i]))
        i++;
    return i;
}
function parseOne(text, at) {
    OPERATOR.lastIndex = at;
    const written = OPERATOR.exec(text)?.[1] ?? '';
    const operator = SYNONYMS[written] ?? written;
    const start = skipSpace(text, at + written.length);
    CONSTRAINT_VERSION.lastIndex = start;
    const match = CONSTRAINT_VERSION.exec(text);
    if (!match)
        return undefined;
    const [whole, major = '', minorPart, patchPart, pre = ''] = match;
    const minor = minorPart?.slice(1);
    const patch = patchPart?.slice(1);
    let dirty = false;
    let minorDirty = false;
    let patchDirty = false;
    let versionText = whole.replace(/^v/, '').replace(/\+.*$/, '');
    if (isWildcard(major)) {
        dirty = true;
        versionText = `0.0.0${pre}`;
    }
    else if (minor === undefined || isWildcard(minor)) {
        dirty = minorDirty = true;
        versionText = `${major}.0.0${pre}`;
    }
    else if (patch === undefined || isWildcard(patch)) {
        dirty = patchDirty = true;
        versionText = `${major}.${minor}.0${pre}`;
    }
    const version = mastermindsVersion(versionText);
    if (!version)
        return undefined;
    return {
        constraint: { operator, version, dirty, minorDirty, patchDirty },
        end: start + whole.length,
    };
}
function isWildcard(part) {
    return part === 'x' || part === 'X' || part === '*';
}
const hasPre = (v) => v.prerelease.length > 0;
/** Masterminds v3.2's `constraint.check`, operator by operator. */
function satisfies(v, c) {
    const con = c.version;
    // Except for a plain `!=`, a pre-release passes only a constraint that names one.
    const preBlocked = hasPre(v) && !hasPre(con);
    const cmp = semver__WEBPACK_IMPORTED_MODULE_0___default().compare(v, con);
    switch (c.operator) {
        case '!=':
            return notEqual(v, c, cmp);
        case '>':
            if (preBlocked)
                return false;
            if (!c.dirty)
                return cmp > 0;
            if (v.major !== con.major)
                return v.major > con.major;
            if (c.minorDirty)
                return false;
            if (c.patchDirty)
                return v.minor > con.minor;
            return cmp > 0;
        case '<':
            return !preBlocked && cmp < 0;
        case '>=':
            return !preBlocked && cmp >= 0;
        case '<=':
            if (preBlocked)
                return false;
            if (!c.dirty)
                return cmp <= 0;
            if (v.major > con.major)
                return false;
            return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
        case '~':
            return !preBlocked && tilde(v, c, cmp);
        case '':
        case '=':
            if (preBlocked)
                return false;
            return c.dirty ? tilde(v, c, cmp) : cmp === 0;
        case '^':
            return !preBlocked && caret(v, c, cmp);
    }
}
function notEqual(v, c, cmp) {
    const con = c.version;
    if (c.dirty) {
        if (hasPre(v) && !hasPre(con))
            return false;
        if (con.major !== v.major)
            return true;
        if (con.minor !== v.minor && !c.minorDirty)
            return true;
        if (c.minorDirty)
            return false;
        if (con.patch !== v.patch && !c.patchDirty)
            return true;
        if (c.patchDirty) {
            if (!hasPre(v) && !hasPre(con))
                return false;
            return prereleaseText(v) !== prereleaseText(con);
        }
    }
    return cmp !== 0;
}
const prereleaseText = (v) => v.prerelease.join('.');
function tilde(v, c, cmp) {
    const con = c.version;
    if (cmp < 0)
        return false;
    if (con.major === 0 && con.minor === 0 && con.patch === 0 && !c.minorDirty && !c.patchDirty) {
        return true;
    }
    if (v.major !== con.major)
        return false;
    return v.minor === con.minor || c.minorDirty;
}
function caret(v, c, cmp) {
    const con = c.version;
    if (cmp < 0)
        return false;
    if (con.major > 0 || c.minorDirty)
        return v.major === con.major;
    if (v.major > 0)
        return false;
    if (con.minor > 0 || c.patchDirty)
        return v.minor === con.minor;
    if (v.minor > 0)
        return false;
    return v.patch === con.patch;
}


/***/ })

};

//# sourceMappingURL=875.index.js.map