import './sourcemap-register.cjs';import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9379:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const ANY = Symbol('SemVer ANY')
// hoisted class for cyclic dependency
class Comparator {
  static get ANY () {
    return ANY
  }

  constructor (comp, options) {
    options = parseOptions(options)

    if (comp instanceof Comparator) {
      if (comp.loose === !!options.loose) {
        return comp
      } else {
        comp = comp.value
      }
    }

    comp = comp.trim().split(/\s+/).join(' ')
    debug('comparator', comp, options)
    this.options = options
    this.loose = !!options.loose
    this.parse(comp)

    if (this.semver === ANY) {
      this.value = ''
    } else {
      this.value = this.operator + this.semver.version
    }

    debug('comp', this)
  }

  parse (comp) {
    const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR]
    const m = comp.match(r)

    if (!m) {
      throw new TypeError(`Invalid comparator: ${comp}`)
    }

    this.operator = m[1] !== undefined ? m[1] : ''
    if (this.operator === '=') {
      this.operator = ''
    }

    // if it literally is just '>' or '' then allow anything.
    if (!m[2]) {
      this.semver = ANY
    } else {
      this.semver = new SemVer(m[2], this.options.loose)
    }
  }

  toString () {
    return this.value
  }

  test (version) {
    debug('Comparator.test', version, this.options.loose)

    if (this.semver === ANY || version === ANY) {
      return true
    }

    if (typeof version === 'string') {
      try {
        version = new SemVer(version, this.options)
      } catch (er) {
        return false
      }
    }

    return cmp(version, this.operator, this.semver, this.options)
  }

  intersects (comp, options) {
    if (!(comp instanceof Comparator)) {
      throw new TypeError('a Comparator is required')
    }

    if (this.operator === '') {
      if (this.value === '') {
        return true
      }
      return new Range(comp.value, options).test(this.value)
    } else if (comp.operator === '') {
      if (comp.value === '') {
        return true
      }
      return new Range(this.value, options).test(comp.semver)
    }

    options = parseOptions(options)

    // Special cases where nothing can possibly be lower
    if (options.includePrerelease &&
      (this.value === '<0.0.0-0' || comp.value === '<0.0.0-0')) {
      return false
    }
    if (!options.includePrerelease &&
      (this.value.startsWith('<0.0.0') || comp.value.startsWith('<0.0.0'))) {
      return false
    }

    // Same direction increasing (> or >=)
    if (this.operator.startsWith('>') && comp.operator.startsWith('>')) {
      return true
    }
    // Same direction decreasing (< or <=)
    if (this.operator.startsWith('<') && comp.operator.startsWith('<')) {
      return true
    }
    // same SemVer and both sides are inclusive (<= or >=)
    if (
      (this.semver.version === comp.semver.version) &&
      this.operator.includes('=') && comp.operator.includes('=')) {
      return true
    }
    // opposite directions less than
    if (cmp(this.semver, '<', comp.semver, options) &&
      this.operator.startsWith('>') && comp.operator.startsWith('<')) {
      return true
    }
    // opposite directions greater than
    if (cmp(this.semver, '>', comp.semver, options) &&
      this.operator.startsWith('<') && comp.operator.startsWith('>')) {
      return true
    }
    return false
  }
}

module.exports = Comparator

const parseOptions = __nccwpck_require__(356)
const { safeRe: re, t } = __nccwpck_require__(5471)
const cmp = __nccwpck_require__(8646)
const debug = __nccwpck_require__(1159)
const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)


/***/ }),

/***/ 6782:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SPACE_CHARACTERS = /\s+/g

// hoisted class for cyclic dependency
class Range {
  constructor (range, options) {
    options = parseOptions(options)

    if (range instanceof Range) {
      if (
        range.loose === !!options.loose &&
        range.includePrerelease === !!options.includePrerelease
      ) {
        return range
      } else {
        return new Range(range.raw, options)
      }
    }

    if (range instanceof Comparator) {
      // just put it in the set and return
      this.raw = range.value
      this.set = [[range]]
      this.formatted = undefined
      return this
    }

    this.options = options
    this.loose = !!options.loose
    this.includePrerelease = !!options.includePrerelease

    // First reduce all whitespace as much as possible so we do not have to rely
    // on potentially slow regexes like \s*. This is then stored and used for
    // future error messages as well.
    this.raw = range.trim().replace(SPACE_CHARACTERS, ' ')

    // First, split on ||
    this.set = this.raw
      .split('||')
      // map the range to a 2d array of comparators
      .map(r => this.parseRange(r.trim()))
      // throw out any comparator lists that are empty
      // this generally means that it was not a valid range, which is allowed
      // in loose mode, but will still throw if the WHOLE range is invalid.
      .filter(c => c.length)

    if (!this.set.length) {
      throw new TypeError(`Invalid SemVer Range: ${this.raw}`)
    }

    // if we have any that are not the null set, throw out null sets.
    if (this.set.length > 1) {
      // keep the first one, in case they're all null sets
      const first = this.set[0]
      this.set = this.set.filter(c => !isNullSet(c[0]))
      if (this.set.length === 0) {
        this.set = [first]
      } else if (this.set.length > 1) {
        // if we have any that are *, then the range is just *
        for (const c of this.set) {
          if (c.length === 1 && isAny(c[0])) {
            this.set = [c]
            break
          }
        }
      }
    }

    this.formatted = undefined
  }

  get range () {
    if (this.formatted === undefined) {
      this.formatted = ''
      for (let i = 0; i < this.set.length; i++) {
        if (i > 0) {
          this.formatted += '||'
        }
        const comps = this.set[i]
        for (let k = 0; k < comps.length; k++) {
          if (k > 0) {
            this.formatted += ' '
          }
          this.formatted += comps[k].toString().trim()
        }
      }
    }
    return this.formatted
  }

  format () {
    return this.range
  }

  toString () {
    return this.range
  }

  parseRange (range) {
    // strip build metadata so it can't bleed into the version
    range = range.replace(BUILDSTRIPRE, '')

    // memoize range parsing for performance.
    // this is a very hot path, and fully deterministic.
    const memoOpts =
      (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) |
      (this.options.loose && FLAG_LOOSE)
    const memoKey = memoOpts + ':' + range
    const cached = cache.get(memoKey)
    if (cached) {
      return cached
    }

    const loose = this.options.loose
    // `1.2.3 - 1.2.4` => `>=1.2.3 <=1.2.4`
    const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE]
    range = range.replace(hr, hyphenReplace(this.options.includePrerelease))
    debug('hyphen replace', range)

    // `> 1.2.3 < 1.2.5` => `>1.2.3 <1.2.5`
    range = trimComparatorWhitespace(range)
    debug('comparator trim', range)

    // `~ 1.2.3` => `~1.2.3`
    range = range.replace(re[t.TILDETRIM], tildeTrimReplace)
    debug('tilde trim', range)

    // `^ 1.2.3` => `^1.2.3`
    range = range.replace(re[t.CARETTRIM], caretTrimReplace)
    debug('caret trim', range)

    // At this point, the range is completely trimmed and
    // ready to be split into comparators.

    let rangeList = range
      .split(' ')
      .map(comp => parseComparator(comp, this.options))
      .join(' ')
      .split(/\s+/)
      // >=0.0.0 is equivalent to *
      .map(comp => replaceGTE0(comp, this.options))

    if (loose) {
      // in loose mode, throw out any that are not valid comparators
      rangeList = rangeList.filter(comp => {
        debug('loose invalid filter', comp, this.options)
        return !!comp.match(re[t.COMPARATORLOOSE])
      })
    }
    debug('range list', rangeList)

    // if any comparators are the null set, then replace with JUST null set
    // if more than one comparator, remove any * comparators
    // also, don't include the same comparator more than once
    const rangeMap = new Map()
    const comparators = rangeList.map(comp => new Comparator(comp, this.options))
    for (const comp of comparators) {
      if (isNullSet(comp)) {
        return [comp]
      }
      rangeMap.set(comp.value, comp)
    }
    if (rangeMap.size > 1 && rangeMap.has('')) {
      rangeMap.delete('')
    }

    const result = [...rangeMap.values()]
    cache.set(memoKey, result)
    return result
  }

  intersects (range, options) {
    if (!(range instanceof Range)) {
      throw new TypeError('a Range is required')
    }

    return this.set.some((thisComparators) => {
      return (
        isSatisfiable(thisComparators, options) &&
        range.set.some((rangeComparators) => {
          return (
            isSatisfiable(rangeComparators, options) &&
            thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options)
              })
            })
          )
        })
      )
    })
  }

  // if ANY of the sets match ALL of its comparators, then pass
  test (version) {
    if (!version) {
      return false
    }

    if (typeof version === 'string') {
      try {
        version = new SemVer(version, this.options)
      } catch (er) {
        return false
      }
    }

    for (let i = 0; i < this.set.length; i++) {
      if (testSet(this.set[i], version, this.options)) {
        return true
      }
    }
    return false
  }
}

module.exports = Range

const LRU = __nccwpck_require__(1383)
const cache = new LRU()

const parseOptions = __nccwpck_require__(356)
const Comparator = __nccwpck_require__(9379)
const debug = __nccwpck_require__(1159)
const SemVer = __nccwpck_require__(7163)
const trimComparatorWhitespace = __nccwpck_require__(9737)
const {
  safeRe: re,
  src,
  t,
  tildeTrimReplace,
  caretTrimReplace,
} = __nccwpck_require__(5471)
const { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = __nccwpck_require__(5101)

// unbounded global build-metadata stripper used by parseRange
const BUILDSTRIPRE = new RegExp(src[t.BUILD], 'g')

const isNullSet = c => c.value === '<0.0.0-0'
const isAny = c => c.value === ''

// take a set of comparators and determine whether there
// exists a version which can satisfy it
const isSatisfiable = (comparators, options) => {
  let result = true
  const remainingComparators = comparators.slice()
  let testComparator = remainingComparators.pop()

  while (result && remainingComparators.length) {
    result = remainingComparators.every((otherComparator) => {
      return testComparator.intersects(otherComparator, options)
    })

    testComparator = remainingComparators.pop()
  }

  return result
}

// comprised of xranges, tildes, stars, and gtlt's at this point.
// already replaced the hyphen ranges
// turn into a set of JUST comparators.
const parseComparator = (comp, options) => {
  comp = comp.replace(re[t.BUILD], '')
  debug('comp', comp, options)
  comp = replaceCarets(comp, options)
  debug('caret', comp)
  comp = replaceTildes(comp, options)
  debug('tildes', comp)
  comp = replaceXRanges(comp, options)
  debug('xrange', comp)
  comp = replaceStars(comp, options)
  debug('stars', comp)
  return comp
}

const isX = id => !id || id.toLowerCase() === 'x' || id === '*'

const invalidXRangeOrder = (M, m, p) => (
  (isX(M) && !isX(m)) ||
  (isX(m) && p && !isX(p))
)

// ~, ~> --> * (any, kinda silly)
// ~2, ~2.x, ~2.x.x, ~>2, ~>2.x ~>2.x.x --> >=2.0.0 <3.0.0-0
// ~2.0, ~2.0.x, ~>2.0, ~>2.0.x --> >=2.0.0 <2.1.0-0
// ~1.2, ~1.2.x, ~>1.2, ~>1.2.x --> >=1.2.0 <1.3.0-0
// ~1.2.3, ~>1.2.3 --> >=1.2.3 <1.3.0-0
// ~1.2.0, ~>1.2.0 --> >=1.2.0 <1.3.0-0
// ~0.0.1 --> >=0.0.1 <0.1.0-0
const replaceTildes = (comp, options) => {
  return comp
    .trim()
    .split(/\s+/)
    .map((c) => replaceTilde(c, options))
    .join(' ')
}

const replaceTilde = (comp, options) => {
  const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE]
  // if we're including prereleases in the match, then the lower bound is
  // -0, the lowest possible prerelease value, just like x-ranges and carets.
  // this keeps `~1.2` equivalent to the `1.2.x` x-range it's documented as.
  const z = options.includePrerelease ? '-0' : ''
  return comp.replace(r, (_, M, m, p, pr) => {
    debug('tilde', comp, _, M, m, p, pr)
    let ret

    if (isX(M)) {
      ret = ''
    } else if (isX(m)) {
      ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`
    } else if (isX(p)) {
      // ~1.2 == >=1.2.0 <1.3.0-0
      ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
    } else if (pr) {
      debug('replaceTilde pr', pr)
      ret = `>=${M}.${m}.${p}-${pr
      } <${M}.${+m + 1}.0-0`
    } else {
      // ~1.2.3 == >=1.2.3 <1.3.0-0
      ret = `>=${M}.${m}.${p
      } <${M}.${+m + 1}.0-0`
    }

    debug('tilde return', ret)
    return ret
  })
}

// ^ --> * (any, kinda silly)
// ^2, ^2.x, ^2.x.x --> >=2.0.0 <3.0.0-0
// ^2.0, ^2.0.x --> >=2.0.0 <3.0.0-0
// ^1.2, ^1.2.x --> >=1.2.0 <2.0.0-0
// ^1.2.3 --> >=1.2.3 <2.0.0-0
// ^1.2.0 --> >=1.2.0 <2.0.0-0
// ^0.0.1 --> >=0.0.1 <0.0.2-0
// ^0.1.0 --> >=0.1.0 <0.2.0-0
const replaceCarets = (comp, options) => {
  return comp
    .trim()
    .split(/\s+/)
    .map((c) => replaceCaret(c, options))
    .join(' ')
}

const replaceCaret = (comp, options) => {
  debug('caret', comp, options)
  const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET]
  const z = options.includePrerelease ? '-0' : ''
  return comp.replace(r, (_, M, m, p, pr) => {
    debug('caret', comp, _, M, m, p, pr)
    let ret

    if (isX(M)) {
      ret = ''
    } else if (isX(m)) {
      ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`
    } else if (isX(p)) {
      if (M === '0') {
        ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
      } else {
        ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`
      }
    } else if (pr) {
      debug('replaceCaret pr', pr)
      if (M === '0') {
        if (m === '0') {
          ret = `>=${M}.${m}.${p}-${pr
          } <${M}.${m}.${+p + 1}-0`
        } else {
          ret = `>=${M}.${m}.${p}-${pr
          } <${M}.${+m + 1}.0-0`
        }
      } else {
        ret = `>=${M}.${m}.${p}-${pr
        } <${+M + 1}.0.0-0`
      }
    } else {
      debug('no pr')
      if (M === '0') {
        if (m === '0') {
          ret = `>=${M}.${m}.${p
          } <${M}.${m}.${+p + 1}-0`
        } else {
          ret = `>=${M}.${m}.${p
          } <${M}.${+m + 1}.0-0`
        }
      } else {
        ret = `>=${M}.${m}.${p
        } <${+M + 1}.0.0-0`
      }
    }

    debug('caret return', ret)
    return ret
  })
}

const replaceXRanges = (comp, options) => {
  debug('replaceXRanges', comp, options)
  return comp
    .split(/\s+/)
    .map((c) => replaceXRange(c, options))
    .join(' ')
}

const replaceXRange = (comp, options) => {
  comp = comp.trim()
  const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE]
  return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
    debug('xRange', comp, ret, gtlt, M, m, p, pr)
    if (invalidXRangeOrder(M, m, p)) {
      return comp
    }

    const xM = isX(M)
    const xm = xM || isX(m)
    const xp = xm || isX(p)
    const anyX = xp

    if (gtlt === '=' && anyX) {
      gtlt = ''
    }

    // if we're including prereleases in the match, then we need
    // to fix this to -0, the lowest possible prerelease value
    pr = options.includePrerelease ? '-0' : ''

    if (xM) {
      if (gtlt === '>' || gtlt === '<') {
        // nothing is allowed
        ret = '<0.0.0-0'
      } else {
        // nothing is forbidden
        ret = '*'
      }
    } else if (gtlt && anyX) {
      // we know patch is an x, because we have any x at all.
      // replace X with 0
      if (xm) {
        m = 0
      }
      p = 0

      if (gtlt === '>') {
        // >1 => >=2.0.0
        // >1.2 => >=1.3.0
        gtlt = '>='
        if (xm) {
          M = +M + 1
          m = 0
          p = 0
        } else {
          m = +m + 1
          p = 0
        }
      } else if (gtlt === '<=') {
        // <=0.7.x is actually <0.8.0, since any 0.7.x should
        // pass.  Similarly, <=7.x is actually <8.0.0, etc.
        gtlt = '<'
        if (xm) {
          M = +M + 1
        } else {
          m = +m + 1
        }
      }

      if (gtlt === '<') {
        pr = '-0'
      }

      ret = `${gtlt + M}.${m}.${p}${pr}`
    } else if (xm) {
      ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`
    } else if (xp) {
      ret = `>=${M}.${m}.0${pr
      } <${M}.${+m + 1}.0-0`
    }

    debug('xRange return', ret)

    return ret
  })
}

// Because * is AND-ed with everything else in the comparator,
// and '' means "any version", just remove the *s entirely.
const replaceStars = (comp, options) => {
  debug('replaceStars', comp, options)
  // Looseness is ignored here.  star is always as loose as it gets!
  return comp
    .trim()
    .replace(re[t.STAR], '')
}

const replaceGTE0 = (comp, options) => {
  debug('replaceGTE0', comp, options)
  return comp
    .trim()
    .replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], '')
}

// This function is passed to string.replace(re[t.HYPHENRANGE])
// M, m, patch, prerelease, build
// 1.2 - 3.4.5 => >=1.2.0 <=3.4.5
// 1.2.3 - 3.4 => >=1.2.0 <3.5.0-0 Any 3.4.x will do
// 1.2 - 3.4 => >=1.2.0 <3.5.0-0
// TODO build?
const hyphenReplace = incPr => ($0,
  from, fM, fm, fp, fpr, fb,
  to, tM, tm, tp, tpr) => {
  if (isX(fM)) {
    from = ''
  } else if (isX(fm)) {
    from = `>=${fM}.0.0${incPr ? '-0' : ''}`
  } else if (isX(fp)) {
    from = `>=${fM}.${fm}.0${incPr ? '-0' : ''}`
  } else if (fpr) {
    from = `>=${from}`
  } else {
    from = `>=${from}${incPr ? '-0' : ''}`
  }

  if (isX(tM)) {
    to = ''
  } else if (isX(tm)) {
    to = `<${+tM + 1}.0.0-0`
  } else if (isX(tp)) {
    to = `<${tM}.${+tm + 1}.0-0`
  } else if (tpr) {
    to = `<=${tM}.${tm}.${tp}-${tpr}`
  } else if (incPr) {
    to = `<${tM}.${tm}.${+tp + 1}-0`
  } else {
    to = `<=${to}`
  }

  return `${from} ${to}`.trim()
}

const testSet = (set, version, options) => {
  for (let i = 0; i < set.length; i++) {
    if (!set[i].test(version)) {
      return false
    }
  }

  if (version.prerelease.length && !options.includePrerelease) {
    // Find the set of versions that are allowed to have prereleases
    // For example, ^1.2.3-pr.1 desugars to >=1.2.3-pr.1 <2.0.0
    // That should allow `1.2.3-pr.2` to pass.
    // However, `1.2.4-alpha.notready` should NOT be allowed,
    // even though it's within the range set by the comparators.
    for (let i = 0; i < set.length; i++) {
      debug(set[i].semver)
      if (set[i].semver === Comparator.ANY) {
        continue
      }

      if (set[i].semver.prerelease.length > 0) {
        const allowed = set[i].semver
        if (allowed.major === version.major &&
            allowed.minor === version.minor &&
            allowed.patch === version.patch) {
          return true
        }
      }
    }

    // Version has a -pre, but it's not one of the ones we like.
    return false
  }

  return true
}


/***/ }),

/***/ 7163:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const debug = __nccwpck_require__(1159)
const { MAX_LENGTH, MAX_SAFE_INTEGER } = __nccwpck_require__(5101)
const { safeRe: re, t } = __nccwpck_require__(5471)

const parseOptions = __nccwpck_require__(356)
const { compareIdentifiers } = __nccwpck_require__(3348)

const isPrereleaseIdentifier = (prerelease, identifier) => {
  const identifiers = identifier.split('.')
  if (identifiers.length > prerelease.length) {
    return false
  }

  for (let i = 0; i < identifiers.length; i++) {
    if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
      return false
    }
  }

  return true
}

class SemVer {
  constructor (version, options) {
    options = parseOptions(options)

    if (version instanceof SemVer) {
      if (version.loose === !!options.loose &&
        version.includePrerelease === !!options.includePrerelease) {
        return version
      } else {
        version = version.version
      }
    } else if (typeof version !== 'string') {
      throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`)
    }

    if (version.length > MAX_LENGTH) {
      throw new TypeError(
        `version is longer than ${MAX_LENGTH} characters`
      )
    }

    debug('SemVer', version, options)
    this.options = options
    this.loose = !!options.loose
    // this isn't actually relevant for versions, but keep it so that we
    // don't run into trouble passing this.options around.
    this.includePrerelease = !!options.includePrerelease

    const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL])

    if (!m) {
      throw new TypeError(`Invalid Version: ${version}`)
    }

    this.raw = version

    // these are actually numbers
    this.major = +m[1]
    this.minor = +m[2]
    this.patch = +m[3]

    if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
      throw new TypeError('Invalid major version')
    }

    if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
      throw new TypeError('Invalid minor version')
    }

    if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
      throw new TypeError('Invalid patch version')
    }

    // numberify any prerelease numeric ids
    if (!m[4]) {
      this.prerelease = []
    } else {
      this.prerelease = m[4].split('.').map((id) => {
        if (/^[0-9]+$/.test(id)) {
          const num = +id
          if (num >= 0 && num < MAX_SAFE_INTEGER) {
            return num
          }
        }
        return id
      })
    }

    this.build = m[5] ? m[5].split('.') : []
    this.format()
  }

  format () {
    this.version = `${this.major}.${this.minor}.${this.patch}`
    if (this.prerelease.length) {
      this.version += `-${this.prerelease.join('.')}`
    }
    return this.version
  }

  toString () {
    return this.version
  }

  compare (other) {
    debug('SemVer.compare', this.version, this.options, other)
    if (!(other instanceof SemVer)) {
      if (typeof other === 'string' && other === this.version) {
        return 0
      }
      other = new SemVer(other, this.options)
    }

    if (other.version === this.version) {
      return 0
    }

    return this.compareMain(other) || this.comparePre(other)
  }

  compareMain (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    if (this.major < other.major) {
      return -1
    }
    if (this.major > other.major) {
      return 1
    }
    if (this.minor < other.minor) {
      return -1
    }
    if (this.minor > other.minor) {
      return 1
    }
    if (this.patch < other.patch) {
      return -1
    }
    if (this.patch > other.patch) {
      return 1
    }
    return 0
  }

  comparePre (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    // NOT having a prerelease is > having one
    if (this.prerelease.length && !other.prerelease.length) {
      return -1
    } else if (!this.prerelease.length && other.prerelease.length) {
      return 1
    } else if (!this.prerelease.length && !other.prerelease.length) {
      return 0
    }

    let i = 0
    do {
      const a = this.prerelease[i]
      const b = other.prerelease[i]
      debug('prerelease compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  compareBuild (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    let i = 0
    do {
      const a = this.build[i]
      const b = other.build[i]
      debug('build compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  // preminor will bump the version up to the next minor release, and immediately
  // down to pre-release. premajor and prepatch work the same way.
  inc (release, identifier, identifierBase) {
    if (release.startsWith('pre')) {
      if (!identifier && identifierBase === false) {
        throw new Error('invalid increment argument: identifier is empty')
      }
      // Avoid an invalid semver results
      if (identifier) {
        const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE])
        if (!match || match[1] !== identifier) {
          throw new Error(`invalid identifier: ${identifier}`)
        }
      }
    }

    switch (release) {
      case 'premajor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor = 0
        this.major++
        this.inc('pre', identifier, identifierBase)
        break
      case 'preminor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor++
        this.inc('pre', identifier, identifierBase)
        break
      case 'prepatch':
        // If this is already a prerelease, it will bump to the next version
        // drop any prereleases that might already exist, since they are not
        // relevant at this point.
        this.prerelease.length = 0
        this.inc('patch', identifier, identifierBase)
        this.inc('pre', identifier, identifierBase)
        break
      // If the input is a non-prerelease version, this acts the same as
      // prepatch.
      case 'prerelease':
        if (this.prerelease.length === 0) {
          this.inc('patch', identifier, identifierBase)
        }
        this.inc('pre', identifier, identifierBase)
        break
      case 'release':
        if (this.prerelease.length === 0) {
          throw new Error(`version ${this.raw} is not a prerelease`)
        }
        this.prerelease.length = 0
        break

      case 'major':
        // If this is a pre-major version, bump up to the same major version.
        // Otherwise increment major.
        // 1.0.0-5 bumps to 1.0.0
        // 1.1.0 bumps to 2.0.0
        if (
          this.minor !== 0 ||
          this.patch !== 0 ||
          this.prerelease.length === 0
        ) {
          this.major++
        }
        this.minor = 0
        this.patch = 0
        this.prerelease = []
        break
      case 'minor':
        // If this is a pre-minor version, bump up to the same minor version.
        // Otherwise increment minor.
        // 1.2.0-5 bumps to 1.2.0
        // 1.2.1 bumps to 1.3.0
        if (this.patch !== 0 || this.prerelease.length === 0) {
          this.minor++
        }
        this.patch = 0
        this.prerelease = []
        break
      case 'patch':
        // If this is not a pre-release version, it will increment the patch.
        // If it is a pre-release it will bump up to the same patch version.
        // 1.2.0-5 patches to 1.2.0
        // 1.2.0 patches to 1.2.1
        if (this.prerelease.length === 0) {
          this.patch++
        }
        this.prerelease = []
        break
      // This probably shouldn't be used publicly.
      // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
      case 'pre': {
        const base = Number(identifierBase) ? 1 : 0

        if (this.prerelease.length === 0) {
          this.prerelease = [base]
        } else {
          let i = this.prerelease.length
          while (--i >= 0) {
            if (typeof this.prerelease[i] === 'number') {
              this.prerelease[i]++
              i = -2
            }
          }
          if (i === -1) {
            // didn't increment anything
            if (identifier === this.prerelease.join('.') && identifierBase === false) {
              throw new Error('invalid increment argument: identifier already exists')
            }
            this.prerelease.push(base)
          }
        }
        if (identifier) {
          // 1.2.0-beta.1 bumps to 1.2.0-beta.2,
          // 1.2.0-beta.fooblz or 1.2.0-beta bumps to 1.2.0-beta.0
          let prerelease = [identifier, base]
          if (identifierBase === false) {
            prerelease = [identifier]
          }
          if (isPrereleaseIdentifier(this.prerelease, identifier)) {
            const prereleaseBase = this.prerelease[identifier.split('.').length]
            if (isNaN(prereleaseBase)) {
              this.prerelease = prerelease
            }
          } else {
            this.prerelease = prerelease
          }
        }
        break
      }
      default:
        throw new Error(`invalid increment argument: ${release}`)
    }
    this.raw = this.format()
    if (this.build.length) {
      this.raw += `+${this.build.join('.')}`
    }
    return this
  }
}

module.exports = SemVer


/***/ }),

/***/ 1799:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const clean = (version, options) => {
  const s = parse(version.trim().replace(/^[=v]+/, ''), options)
  return s ? s.version : null
}
module.exports = clean


/***/ }),

/***/ 8646:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const eq = __nccwpck_require__(5082)
const neq = __nccwpck_require__(4974)
const gt = __nccwpck_require__(6599)
const gte = __nccwpck_require__(1236)
const lt = __nccwpck_require__(3872)
const lte = __nccwpck_require__(6717)

const cmp = (a, op, b, loose) => {
  switch (op) {
    case '===':
      if (typeof a === 'object') {
        a = a.version
      }
      if (typeof b === 'object') {
        b = b.version
      }
      return a === b

    case '!==':
      if (typeof a === 'object') {
        a = a.version
      }
      if (typeof b === 'object') {
        b = b.version
      }
      return a !== b

    case '':
    case '=':
    case '==':
      return eq(a, b, loose)

    case '!=':
      return neq(a, b, loose)

    case '>':
      return gt(a, b, loose)

    case '>=':
      return gte(a, b, loose)

    case '<':
      return lt(a, b, loose)

    case '<=':
      return lte(a, b, loose)

    default:
      throw new TypeError(`Invalid operator: ${op}`)
  }
}
module.exports = cmp


/***/ }),

/***/ 5385:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const parse = __nccwpck_require__(6353)
const { safeRe: re, t } = __nccwpck_require__(5471)

const coerce = (version, options) => {
  if (version instanceof SemVer) {
    return version
  }

  if (typeof version === 'number') {
    version = String(version)
  }

  if (typeof version !== 'string') {
    return null
  }

  options = options || {}

  let match = null
  if (!options.rtl) {
    match = version.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE])
  } else {
    // Find the right-most coercible string that does not share
    // a terminus with a more left-ward coercible string.
    // Eg, '1.2.3.4' wants to coerce '2.3.4', not '3.4' or '4'
    // With includePrerelease option set, '1.2.3.4-rc' wants to coerce '2.3.4-rc', not '2.3.4'
    //
    // Walk through the string checking with a /g regexp
    // Manually set the index so as to pick up overlapping matches.
    // Stop when we get a match that ends at the string end, since no
    // coercible string can be more right-ward without the same terminus.
    const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL]
    let next
    while ((next = coerceRtlRegex.exec(version)) &&
        (!match || match.index + match[0].length !== version.length)
    ) {
      if (!match ||
            next.index + next[0].length !== match.index + match[0].length) {
        match = next
      }
      coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length
    }
    // leave it in a clean state
    coerceRtlRegex.lastIndex = -1
  }

  if (match === null) {
    return null
  }

  const major = match[2]
  const minor = match[3] || '0'
  const patch = match[4] || '0'
  const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : ''
  const build = options.includePrerelease && match[6] ? `+${match[6]}` : ''

  return parse(`${major}.${minor}.${patch}${prerelease}${build}`, options)
}
module.exports = coerce


/***/ }),

/***/ 7648:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compareBuild = (a, b, loose) => {
  const versionA = new SemVer(a, loose)
  const versionB = new SemVer(b, loose)
  return versionA.compare(versionB) || versionA.compareBuild(versionB)
}
module.exports = compareBuild


/***/ }),

/***/ 6874:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const compareLoose = (a, b) => compare(a, b, true)
module.exports = compareLoose


/***/ }),

/***/ 8469:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compare = (a, b, loose) =>
  new SemVer(a, loose).compare(new SemVer(b, loose))

module.exports = compare


/***/ }),

/***/ 711:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)

const diff = (version1, version2) => {
  const v1 = parse(version1, null, true)
  const v2 = parse(version2, null, true)
  const comparison = v1.compare(v2)

  if (comparison === 0) {
    return null
  }

  const v1Higher = comparison > 0
  const highVersion = v1Higher ? v1 : v2
  const lowVersion = v1Higher ? v2 : v1
  const highHasPre = !!highVersion.prerelease.length
  const lowHasPre = !!lowVersion.prerelease.length

  if (lowHasPre && !highHasPre) {
    // Going from prerelease -> no prerelease requires some special casing

    // If the low version has only a major, then it will always be a major
    // Some examples:
    // 1.0.0-1 -> 1.0.0
    // 1.0.0-1 -> 1.1.1
    // 1.0.0-1 -> 2.0.0
    if (!lowVersion.patch && !lowVersion.minor) {
      return 'major'
    }

    // If the main part has no difference
    if (lowVersion.compareMain(highVersion) === 0) {
      if (lowVersion.minor && !lowVersion.patch) {
        return 'minor'
      }
      return 'patch'
    }
  }

  // add the `pre` prefix if we are going to a prerelease version
  const prefix = highHasPre ? 'pre' : ''

  if (v1.major !== v2.major) {
    return prefix + 'major'
  }

  if (v1.minor !== v2.minor) {
    return prefix + 'minor'
  }

  if (v1.patch !== v2.patch) {
    return prefix + 'patch'
  }

  // high and low are prereleases
  return 'prerelease'
}

module.exports = diff


/***/ }),

/***/ 5082:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const eq = (a, b, loose) => compare(a, b, loose) === 0
module.exports = eq


/***/ }),

/***/ 6599:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gt = (a, b, loose) => compare(a, b, loose) > 0
module.exports = gt


/***/ }),

/***/ 1236:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gte = (a, b, loose) => compare(a, b, loose) >= 0
module.exports = gte


/***/ }),

/***/ 2338:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)

const inc = (version, release, options, identifier, identifierBase) => {
  if (typeof (options) === 'string') {
    identifierBase = identifier
    identifier = options
    options = undefined
  }

  try {
    return new SemVer(
      version instanceof SemVer ? version.version : version,
      options
    ).inc(release, identifier, identifierBase).version
  } catch (er) {
    return null
  }
}
module.exports = inc


/***/ }),

/***/ 3872:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lt = (a, b, loose) => compare(a, b, loose) < 0
module.exports = lt


/***/ }),

/***/ 6717:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lte = (a, b, loose) => compare(a, b, loose) <= 0
module.exports = lte


/***/ }),

/***/ 8511:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const major = (a, loose) => new SemVer(a, loose).major
module.exports = major


/***/ }),

/***/ 2603:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const minor = (a, loose) => new SemVer(a, loose).minor
module.exports = minor


/***/ }),

/***/ 4974:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const neq = (a, b, loose) => compare(a, b, loose) !== 0
module.exports = neq


/***/ }),

/***/ 6353:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const parse = (version, options, throwErrors = false) => {
  if (version instanceof SemVer) {
    return version
  }
  try {
    return new SemVer(version, options)
  } catch (er) {
    if (!throwErrors) {
      return null
    }
    throw er
  }
}

module.exports = parse


/***/ }),

/***/ 8756:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const patch = (a, loose) => new SemVer(a, loose).patch
module.exports = patch


/***/ }),

/***/ 5714:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const prerelease = (version, options) => {
  const parsed = parse(version, options)
  return (parsed && parsed.prerelease.length) ? parsed.prerelease : null
}
module.exports = prerelease


/***/ }),

/***/ 2173:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const rcompare = (a, b, loose) => compare(b, a, loose)
module.exports = rcompare


/***/ }),

/***/ 7192:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compareBuild = __nccwpck_require__(7648)
const rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose))
module.exports = rsort


/***/ }),

/***/ 8011:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const satisfies = (version, range, options) => {
  try {
    range = new Range(range, options)
  } catch (er) {
    return false
  }
  return range.test(version)
}
module.exports = satisfies


/***/ }),

/***/ 9872:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compareBuild = __nccwpck_require__(7648)
const sort = (list, loose) => list.sort((a, b) => compareBuild(a, b, loose))
module.exports = sort


/***/ }),

/***/ 6114:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const constants = __nccwpck_require__(5101)
const SemVer = __nccwpck_require__(7163)

const truncate = (version, truncation, options) => {
  if (!constants.RELEASE_TYPES.includes(truncation)) {
    return null
  }

  const clonedVersion = cloneInputVersion(version, options)
  return clonedVersion && doTruncation(clonedVersion, truncation)
}

const cloneInputVersion = (version, options) => {
  const versionStringToParse = (
    version instanceof SemVer ? version.version : version
  )

  return parse(versionStringToParse, options)
}

const doTruncation = (version, truncation) => {
  if (isPrerelease(truncation)) {
    return version.version
  }

  version.prerelease = []

  switch (truncation) {
    case 'major':
      version.minor = 0
      version.patch = 0
      break
    case 'minor':
      version.patch = 0
      break
  }

  return version.format()
}

const isPrerelease = (type) => {
  return type.startsWith('pre')
}

module.exports = truncate


/***/ }),

/***/ 8780:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const valid = (version, options) => {
  const v = parse(version, options)
  return v ? v.version : null
}
module.exports = valid


/***/ }),

/***/ 2088:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// just pre-load all the stuff that index.js lazily exports
const internalRe = __nccwpck_require__(5471)
const constants = __nccwpck_require__(5101)
const SemVer = __nccwpck_require__(7163)
const identifiers = __nccwpck_require__(3348)
const parse = __nccwpck_require__(6353)
const valid = __nccwpck_require__(8780)
const clean = __nccwpck_require__(1799)
const inc = __nccwpck_require__(2338)
const diff = __nccwpck_require__(711)
const major = __nccwpck_require__(8511)
const minor = __nccwpck_require__(2603)
const patch = __nccwpck_require__(8756)
const prerelease = __nccwpck_require__(5714)
const compare = __nccwpck_require__(8469)
const rcompare = __nccwpck_require__(2173)
const compareLoose = __nccwpck_require__(6874)
const compareBuild = __nccwpck_require__(7648)
const sort = __nccwpck_require__(9872)
const rsort = __nccwpck_require__(7192)
const gt = __nccwpck_require__(6599)
const lt = __nccwpck_require__(3872)
const eq = __nccwpck_require__(5082)
const neq = __nccwpck_require__(4974)
const gte = __nccwpck_require__(1236)
const lte = __nccwpck_require__(6717)
const cmp = __nccwpck_require__(8646)
const coerce = __nccwpck_require__(5385)
const truncate = __nccwpck_require__(6114)
const Comparator = __nccwpck_require__(9379)
const Range = __nccwpck_require__(6782)
const satisfies = __nccwpck_require__(8011)
const toComparators = __nccwpck_require__(4750)
const maxSatisfying = __nccwpck_require__(5574)
const minSatisfying = __nccwpck_require__(8595)
const minVersion = __nccwpck_require__(1866)
const validRange = __nccwpck_require__(4737)
const outside = __nccwpck_require__(280)
const gtr = __nccwpck_require__(2276)
const ltr = __nccwpck_require__(5213)
const intersects = __nccwpck_require__(3465)
const simplifyRange = __nccwpck_require__(2028)
const subset = __nccwpck_require__(1489)
module.exports = {
  parse,
  valid,
  clean,
  inc,
  diff,
  major,
  minor,
  patch,
  prerelease,
  compare,
  rcompare,
  compareLoose,
  compareBuild,
  sort,
  rsort,
  gt,
  lt,
  eq,
  neq,
  gte,
  lte,
  cmp,
  coerce,
  truncate,
  Comparator,
  Range,
  satisfies,
  toComparators,
  maxSatisfying,
  minSatisfying,
  minVersion,
  validRange,
  outside,
  gtr,
  ltr,
  intersects,
  simplifyRange,
  subset,
  SemVer,
  re: internalRe.re,
  src: internalRe.src,
  tokens: internalRe.t,
  SEMVER_SPEC_VERSION: constants.SEMVER_SPEC_VERSION,
  RELEASE_TYPES: constants.RELEASE_TYPES,
  compareIdentifiers: identifiers.compareIdentifiers,
  rcompareIdentifiers: identifiers.rcompareIdentifiers,
}


/***/ }),

/***/ 5101:
/***/ ((module) => {



// Note: this is the semver.org version of the spec that it implements
// Not necessarily the package version of this code.
const SEMVER_SPEC_VERSION = '2.0.0'

const MAX_LENGTH = 256
const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER ||
/* istanbul ignore next */ 9007199254740991

// Max safe segment length for coercion.
const MAX_SAFE_COMPONENT_LENGTH = 16

// Max safe length for a build identifier. The max length minus 6 characters for
// the shortest version with a build 0.0.0+BUILD.
const MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6

// ECMAScript whitespace and line terminators matched by \s.
const WHITESPACE_CHARACTERS = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
]

const RELEASE_TYPES = [
  'major',
  'premajor',
  'minor',
  'preminor',
  'patch',
  'prepatch',
  'prerelease',
]

module.exports = {
  MAX_LENGTH,
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_SAFE_INTEGER,
  WHITESPACE_CHARACTERS,
  RELEASE_TYPES,
  SEMVER_SPEC_VERSION,
  FLAG_INCLUDE_PRERELEASE: 0b001,
  FLAG_LOOSE: 0b010,
}


/***/ }),

/***/ 1159:
/***/ ((module) => {



const debug = (
  typeof process === 'object' &&
  process.env &&
  process.env.NODE_DEBUG &&
  /\bsemver\b/i.test(process.env.NODE_DEBUG)
) ? (...args) => console.error('SEMVER', ...args)
  : () => {}

module.exports = debug


/***/ }),

/***/ 3348:
/***/ ((module) => {



const numeric = /^[0-9]+$/
const compareIdentifiers = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b ? 0 : a < b ? -1 : 1
  }

  const anum = numeric.test(a)
  const bnum = numeric.test(b)

  if (anum && bnum) {
    a = +a
    b = +b
  }

  return a === b ? 0
    : (anum && !bnum) ? -1
    : (bnum && !anum) ? 1
    : a < b ? -1
    : 1
}

const rcompareIdentifiers = (a, b) => compareIdentifiers(b, a)

module.exports = {
  compareIdentifiers,
  rcompareIdentifiers,
}


/***/ }),

/***/ 1383:
/***/ ((module) => {



class LRUCache {
  constructor () {
    this.max = 1000
    this.map = new Map()
  }

  get (key) {
    const value = this.map.get(key)
    if (value === undefined) {
      return undefined
    } else {
      // Remove the key from the map and add it to the end
      this.map.delete(key)
      this.map.set(key, value)
      return value
    }
  }

  delete (key) {
    return this.map.delete(key)
  }

  set (key, value) {
    const deleted = this.delete(key)

    if (!deleted && value !== undefined) {
      // If cache is full, delete the least recently used item
      if (this.map.size >= this.max) {
        const firstKey = this.map.keys().next().value
        this.delete(firstKey)
      }

      this.map.set(key, value)
    }

    return this
  }
}

module.exports = LRUCache


/***/ }),

/***/ 356:
/***/ ((module) => {



// parse out just the options we care about
const looseOption = Object.freeze({ loose: true })
const emptyOpts = Object.freeze({ })
const parseOptions = options => {
  if (!options) {
    return emptyOpts
  }

  if (typeof options !== 'object') {
    return looseOption
  }

  return options
}
module.exports = parseOptions


/***/ }),

/***/ 5471:
/***/ ((module, exports, __nccwpck_require__) => {



const {
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_LENGTH,
} = __nccwpck_require__(5101)
const debug = __nccwpck_require__(1159)
exports = module.exports = {}

// The actual regexps go on exports.re
const re = exports.re = []
const safeRe = exports.safeRe = []
const src = exports.src = []
const safeSrc = exports.safeSrc = []
const t = exports.t = {}
let R = 0

const LETTERDASHNUMBER = '[a-zA-Z0-9-]'

// Replace some greedy regex tokens to prevent regex dos issues. These regex are
// used internally via the safeRe object since all inputs in this library get
// normalized first to trim and collapse all extra whitespace. The original
// regexes are exported for userland consumption and lower level usage. A
// future breaking change could export the safer regex only with a note that
// all input should have extra whitespace removed.
const safeRegexReplacements = [
  ['\\s', 1],
  ['\\d', MAX_LENGTH],
  [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH],
]

const makeSafeRegex = (value) => {
  for (const [token, max] of safeRegexReplacements) {
    value = value
      .split(`${token}*`).join(`${token}{0,${max}}`)
      .split(`${token}+`).join(`${token}{1,${max}}`)
  }
  return value
}

const createToken = (name, value, isGlobal) => {
  const safe = makeSafeRegex(value)
  const index = R++
  debug(name, index, value)
  t[name] = index
  src[index] = value
  safeSrc[index] = safe
  re[index] = new RegExp(value, isGlobal ? 'g' : undefined)
  safeRe[index] = new RegExp(safe, isGlobal ? 'g' : undefined)
}

// The following Regular Expressions can be used for tokenizing,
// validating, and parsing SemVer version strings.

// ## Numeric Identifier
// A single `0`, or a non-zero digit followed by zero or more digits.

createToken('NUMERICIDENTIFIER', '0|[1-9]\\d*')
createToken('NUMERICIDENTIFIERLOOSE', '\\d+')

// ## Non-numeric Identifier
// Zero or more digits, followed by a letter or hyphen, and then zero or
// more letters, digits, or hyphens.

createToken('NONNUMERICIDENTIFIER', `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`)

// ## Main Version
// Three dot-separated numeric identifiers.

createToken('MAINVERSION', `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})`)

createToken('MAINVERSIONLOOSE', `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version Identifier
// A numeric identifier, or a non-numeric identifier.
// Non-numeric identifiers include numeric identifiers but can be longer.
// Therefore non-numeric identifiers must go first.

createToken('PRERELEASEIDENTIFIER', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIER]})`)

createToken('PRERELEASEIDENTIFIERLOOSE', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version
// Hyphen, followed by one or more dot-separated pre-release version
// identifiers.

createToken('PRERELEASE', `(?:-(${src[t.PRERELEASEIDENTIFIER]
}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`)

createToken('PRERELEASELOOSE', `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]
}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`)

// ## Build Metadata Identifier
// Any combination of digits, letters, or hyphens.

createToken('BUILDIDENTIFIER', `${LETTERDASHNUMBER}+`)

// ## Build Metadata
// Plus sign, followed by one or more period-separated build metadata
// identifiers.

createToken('BUILD', `(?:\\+(${src[t.BUILDIDENTIFIER]
}(?:\\.${src[t.BUILDIDENTIFIER]})*))`)

// ## Full Version String
// A main version, followed optionally by a pre-release version and
// build metadata.

// Note that the only major, minor, patch, and pre-release sections of
// the version string are capturing groups.  The build metadata is not a
// capturing group, because it should not ever be used in version
// comparison.

createToken('FULLPLAIN', `v?${src[t.MAINVERSION]
}${src[t.PRERELEASE]}?${
  src[t.BUILD]}?`)

createToken('FULL', `^${src[t.FULLPLAIN]}$`)

// like full, but allows v1.2.3 and =1.2.3, which people do sometimes.
// also, 1.0.0alpha1 (prerelease without the hyphen) which is pretty
// common in the npm registry.
createToken('LOOSEPLAIN', `[v=\\s]*${src[t.MAINVERSIONLOOSE]
}${src[t.PRERELEASELOOSE]}?${
  src[t.BUILD]}?`)

createToken('LOOSE', `^${src[t.LOOSEPLAIN]}$`)

createToken('GTLT', '((?:<|>)?=?)')

// Something like "2.*" or "1.2.x".
// Note that "x.x" is a valid xRange identifier, meaning "any version"
// Only the first item is strictly required.
createToken('XRANGEIDENTIFIERLOOSE', `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`)
createToken('XRANGEIDENTIFIER', `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`)

createToken('XRANGEPLAIN', `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:${src[t.PRERELEASE]})?${
                     src[t.BUILD]}?` +
                   `)?)?`)

createToken('XRANGEPLAINLOOSE', `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:${src[t.PRERELEASELOOSE]})?${
                          src[t.BUILD]}?` +
                        `)?)?`)

createToken('XRANGE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`)
createToken('XRANGELOOSE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`)

// Coercion.
// Extract anything that could conceivably be a part of a valid semver
createToken('COERCEPLAIN', `${'(^|[^\\d])' +
              '(\\d{1,'}${MAX_SAFE_COMPONENT_LENGTH}})` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`)
createToken('COERCE', `${src[t.COERCEPLAIN]}(?:$|[^\\d])`)
createToken('COERCEFULL', src[t.COERCEPLAIN] +
              `(?:${src[t.PRERELEASE]})?` +
              `(?:${src[t.BUILD]})?` +
              `(?:$|[^\\d])`)
createToken('COERCERTL', src[t.COERCE], true)
createToken('COERCERTLFULL', src[t.COERCEFULL], true)

// Tilde ranges.
// Meaning is "reasonably at or greater than"
createToken('LONETILDE', '(?:~>?)')

createToken('TILDETRIM', `(\\s*)${src[t.LONETILDE]}\\s+`, true)
exports.tildeTrimReplace = '$1~'

createToken('TILDE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`)
createToken('TILDELOOSE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`)

// Caret ranges.
// Meaning is "at least and backwards compatible with"
createToken('LONECARET', '(?:\\^)')

createToken('CARETTRIM', `(\\s*)${src[t.LONECARET]}\\s+`, true)
exports.caretTrimReplace = '$1^'

createToken('CARET', `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`)
createToken('CARETLOOSE', `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`)

// A simple gt/lt/eq thing, or just "" to indicate "any version"
createToken('COMPARATORLOOSE', `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`)
createToken('COMPARATOR', `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`)

// An expression to strip any whitespace between the gtlt and the thing
// it modifies, so that `> 1.2.3` ==> `>1.2.3`
createToken('COMPARATORTRIM', `(\\s*)${src[t.GTLT]
}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true)
exports.comparatorTrimReplace = '$1$2$3'

// Something like `1.2.3 - 1.2.4`
// Note that these all use the loose form, because they'll be
// checked against either the strict or loose comparator form
// later.
createToken('HYPHENRANGE', `^\\s*(${src[t.XRANGEPLAIN]})` +
                   `\\s+-\\s+` +
                   `(${src[t.XRANGEPLAIN]})` +
                   `\\s*$`)

createToken('HYPHENRANGELOOSE', `^\\s*(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s+-\\s+` +
                        `(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s*$`)

// Star ranges basically just allow anything at all.
createToken('STAR', '(<|>)?=?\\s*\\*')
// >=0.0.0 is like a star
createToken('GTE0', '^\\s*>=\\s*0\\.0\\.0\\s*$')
createToken('GTE0PRE', '^\\s*>=\\s*0\\.0\\.0-0\\s*$')


/***/ }),

/***/ 9737:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// @ts-check


// Reproduce safeRe[COMPARATORTRIM] replacement boundaries, not version
// validation. Each end-index finder returns an exclusive end, or its start
// on no match.
// Positions count from zero. An end of 3 means characters 0, 1, and 2 were read;
// range.slice(start, end) gives the matched text, not a converted number.
const {
  MAX_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  WHITESPACE_CHARACTERS,
} = __nccwpck_require__(5101)

/**
 * Remembers the last two rows of digits so their characters need not be reread.
 * Positions start at -1 until a row has been found.
 *
 * @typedef {object} DigitRunCache
 * @property {number} start The first character of the most recently found row.
 * @property {number} end The position after that row's last character.
 * @property {number} previousStart The first character of the previous row.
 * @property {number} previousEnd The position after the previous row.
 */

// One entry per UTF-16 code unit keeps membership checks constant-time.
const whitespace = new Uint8Array(0x10000)
for (const char of WHITESPACE_CHARACTERS) {
  whitespace[char.charCodeAt(0)] = 1
}

/**
 * Checks whether a character is whitespace, like a space, tab, or newline.
 * Looking past the end of the string returns false.
 *
 * @param {string|undefined} char One character, or undefined past the string's end.
 * @returns {boolean} Whether the character is whitespace.
 * @example isWhitespace(' ') // true
 * @example isWhitespace('1') // false
 */
const isWhitespace = char =>
  char !== undefined && whitespace[char.charCodeAt(0)] === 1

/**
 * Checks for v, =, or whitespace before the version number.
 * These are historical version prefixes, not range operators:
 * < and > are handled separately, as are tilde and caret ranges.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character can belong to a version prefix.
 * @example isVersionPrefix('=') // true
 * @example isVersionPrefix('>') // false
 */
const isVersionPrefix = char =>
  char === 'v' ||
  char === '=' ||
  isWhitespace(char)

/**
 * Checks whether a character is one of the digits 0 through 9.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character is an ASCII digit.
 * @example isDigit('7') // true
 * @example isDigit('.') // false
 */
const isDigit = char => char !== undefined && char >= '0' && char <= '9'

/**
 * Checks whether a character is an English letter, uppercase or lowercase.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character is an ASCII letter.
 * @example isLetter('b') // true
 * @example isLetter('7') // false
 */
const isLetter = char =>
  char !== undefined && (
    (char >= 'a' && char <= 'z') ||
    (char >= 'A' && char <= 'Z')
  )

/**
 * Checks for a letter, digit, or hyphen: the characters allowed inside
 * prerelease and build names such as beta-1.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character can be part of an identifier.
 * @example isIdentifierCharacter('-') // true
 * @example isIdentifierCharacter('.') // false; dots separate identifiers
 */
const isIdentifierCharacter = char => isDigit(char) || isLetter(char) || char === '-'

/**
 * Checks whether a version component can begin here: with a digit or
 * a wildcard such as x, X, or *.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether a number or wildcard can start with this character.
 * @example isVersionStart('x') // true
 * @example isVersionStart('v') // false; v belongs to the prefix
 */
const isVersionStart = char =>
  isDigit(char) ||
  char === 'x' ||
  char === 'X' ||
  char === '*'

/**
 * Finds the end of a row of digits, but returns no more than limit digits.
 * Remembers the last two rows so looking at them again does not reread them.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of the first character to check.
 * @param {number} limit The most digit characters the returned match can include.
 * @param {DigitRunCache} digitRuns Shared cache of digit-run positions, updated in place.
 * @returns {number} The position after the matched digits, or start if none match.
 * @example findDigitsEndIndex('123abc', 0, 10, digitRuns) // 3, pointing at a
 * @example findDigitsEndIndex('123abc', 0, 2, digitRuns) // 2, pointing at the unread 3
 */
const findDigitsEndIndex = (range, start, limit, digitRuns) => {
  if (!isDigit(range[start])) {
    return start
  }
  if (start >= digitRuns.start && start < digitRuns.end) {
    return Math.min(start + limit, digitRuns.end)
  }
  if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
    return Math.min(start + limit, digitRuns.previousEnd)
  }
  let end = start + 1
  while (isDigit(range[end])) {
    end++
  }
  // A failed full version can rewind from its second run to its first.
  digitRuns.previousStart = digitRuns.start
  digitRuns.previousEnd = digitRuns.end
  digitRuns.start = start
  digitRuns.end = end
  return Math.min(start + limit, end)
}

/**
 * Reads a number using the old regex's length and leading-zero rules.
 * Strict mode reads just the first zero in 012; loose mode can read all three.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the number should begin.
 * @param {boolean} loose Whether to allow leading zeros.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched digits, not their numeric value.
 * @example findVersionNumberEndIndex('012', 0, false, digitRuns) // 1
 * @example findVersionNumberEndIndex('012', 0, true, digitRuns) // 3
 */
const findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
  if (!loose && range[start] === '0') {
    return start + 1
  }
  // Strict syntax allows an initial nonzero digit plus MAX_LENGTH digits.
  return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns)
}

/**
 * Reads one piece of a prerelease name, such as beta or 1 in beta.1.
 * Tries the letter-or-hyphen form first, then the number-only form.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the identifier should begin.
 * @param {boolean} loose Whether numeric identifiers may have leading zeros.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the identifier, or start if none matches.
 * @example findPrereleaseIdentifierEndIndex('beta.1', 0, false, digitRuns) // 4, at the dot
 * @example findPrereleaseIdentifierEndIndex('001beta', 0, false, digitRuns) // 7
 */
const findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
  const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns)
  // The legacy regex tries a nonnumeric identifier before a numeric one.
  if (isLetter(range[digitsEnd]) || range[digitsEnd] === '-') {
    let end = digitsEnd + 1
    const limit = end + MAX_SAFE_BUILD_LENGTH
    while (end < limit && isIdentifierCharacter(range[end])) {
      end++
    }
    return end
  }
  return findVersionNumberEndIndex(range, start, loose, digitRuns)
}

/**
 * Reads a prerelease suffix such as -beta.1, one dot-separated piece at a time.
 * Loose mode also allows the name without its opening hyphen.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the suffix should begin, including -.
 * @param {boolean} loose Whether the opening hyphen is optional and zeros allowed.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched suffix, or start if absent.
 * @example findPrereleaseEndIndex('-beta.1+sha', 0, false, digitRuns) // 7, at the plus
 * @example findPrereleaseEndIndex('beta', 0, false, digitRuns) // 0; no opening hyphen
 */
const findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
  const hyphen = range[start] === '-'
  if (!loose && !hyphen) {
    return start
  }
  const identifierStart = start + (hyphen ? 1 : 0)
  let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns)
  if (end === identifierStart) {
    if (!loose || !hyphen) {
      return start
    }
    // In loose syntax, a lone hyphen can itself be the identifier.
    end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns)
  }
  while (range[end] === '.') {
    const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns)
    if (next === end + 1) {
      break
    }
    end = next
  }
  return end
}

/**
 * Reads one build-name piece, such as sha or 123 in +sha.123.
 * Stops at a disallowed character or the old regex's length limit.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the identifier should begin.
 * @returns {number} The position after the identifier, or start if none matches.
 * @example findBuildIdentifierEndIndex('sha.123', 0) // 3, at the dot
 * @example findBuildIdentifierEndIndex('001', 0) // 3; leading zeros are allowed
 */
const findBuildIdentifierEndIndex = (range, start) => {
  let end = start
  while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
    end++
  }
  return end
}

/**
 * Reads optional build metadata such as +sha.123.
 * Leaves the position unchanged if there is no plus sign followed by a name.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the opening + should be.
 * @returns {number} The position after the matched metadata, or start if absent.
 * @example findBuildEndIndex('+sha.123 <2', 0) // 8, at the space
 * @example findBuildEndIndex('+', 0) // 0; a plus sign alone is not a match
 */
const findBuildEndIndex = (range, start) => {
  if (range[start] !== '+') {
    return start
  }
  let end = findBuildIdentifierEndIndex(range, start + 1)
  if (end === start + 1) {
    return start
  }
  while (range[end] === '.') {
    const next = findBuildIdentifierEndIndex(range, end + 1)
    if (next === end + 1) {
      break
    }
    end = next
  }
  return end
}

/**
 * Reads three numbers separated by dots, then any prerelease and build suffixes.
 * Uses loose rules, so forms such as 01.02.03beta can match here.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of the first number, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the version match, or start if none matches.
 * @example findLooseFullVersionEndIndex('1.2.3-beta+sha <2', 0, digitRuns) // 14
 * @example findLooseFullVersionEndIndex('1.2', 0, digitRuns) // 0; needs three numbers
 */
const findLooseFullVersionEndIndex = (range, start, digitRuns) => {
  let end = start
  for (let component = 0; component < 3; component++) {
    const next = findVersionNumberEndIndex(range, end, true, digitRuns)
    if (next === end) {
      return start
    }
    end = next
    if (component < 2) {
      if (range[end] !== '.') {
        return start
      }
      end++
    }
  }
  const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns)
  return findBuildEndIndex(range, prereleaseEnd)
}

/**
 * Reads one component of a partial or wildcard version, such as 2 or x in 2.x.
 * Numbers use strict leading-zero rules; wildcards take up one character.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the component should begin.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the component, or start if none matches.
 * @example findPartialVersionComponentEndIndex('2.x', 0, digitRuns) // 1, at the dot
 * @example findPartialVersionComponentEndIndex('2.x', 2, digitRuns) // 3, after x
 */
const findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
  if (isDigit(range[start])) {
    return findVersionNumberEndIndex(range, start, false, digitRuns)
  }
  return isVersionStart(range[start]) ? start + 1 : start
}

/**
 * Reads up to three components, allowing forms such as 1, 1.2, or 1.x.
 * After the third component, also reads any strict prerelease and build suffixes.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of a number or wildcard, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched version text.
 * @example findPartialVersionEndIndex('1.x <2', 0, digitRuns) // 3, at the space
 * @example findPartialVersionEndIndex('1.', 0, digitRuns) // 1; the trailing dot is unread
 */
const findPartialVersionEndIndex = (range, start, digitRuns) => {
  let end = findPartialVersionComponentEndIndex(range, start, digitRuns)
  for (let component = 0; component < 2; component++) {
    if (range[end] !== '.') {
      return end
    }
    const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns)
    if (next === end + 1) {
      return end
    }
    end = next
  }
  const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns)
  return findBuildEndIndex(range, prereleaseEnd)
}

/**
 * Finds where a version match ends, without deciding whether the range is valid.
 * Tries a loose full version first, then a partial or wildcard version, just
 * like the old regex's LOOSEPLAIN and XRANGEPLAIN alternatives.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of a number or wildcard, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position where scanning the next candidate can resume.
 * @example findVersionEndIndex('1.2.3 <2', 0, digitRuns) // 5, at the space
 * @example findVersionEndIndex('1.x <2', 0, digitRuns) // 3, at the space
 */
const findVersionEndIndex = (range, start, digitRuns) => {
  const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns)
  return fullVersionEnd !== start
    ? fullVersionEnd
    : findPartialVersionEndIndex(range, start, digitRuns)
}

/**
 * Finds the one whitespace character the old replacement would remove.
 * Keeps leading whitespace, skips an optional operator, and checks immediately
 * after it. Returns -1 if there is nothing to remove.
 *
 * @param {string} range The text containing a candidate already found by the caller.
 * @param {number} matchStart The candidate's position, including leading whitespace.
 * @returns {number} The position of the removable whitespace, or -1 if absent.
 * @example findRemovableWhitespaceIndex(' > 1', 0) // 2; keep the space at position 0
 * @example findRemovableWhitespaceIndex('>1', 0) // -1
 */
const findRemovableWhitespaceIndex = (range, matchStart) => {
  let position = matchStart
  if (isWhitespace(range[position])) {
    position++
  }
  if (range[position] === '<' || range[position] === '>') {
    position++
  }
  if (range[position] === '=') {
    position++
  }
  return isWhitespace(range[position]) ? position : -1
}

/**
 * Joins an operator to its version, turning > 1.2.3 into >1.2.3.
 * Copies everything else according to the old regex's matching rules.
 * Moves forward through prefixes and whole versions to avoid repeatedly
 * searching the same characters on long inputs.
 *
 * @param {string} range The range text to process; the original string is unchanged.
 * @returns {string} The range with matched operator whitespace removed.
 * @example trimComparatorWhitespace('> 1.2.3 < 2') // '>1.2.3 <2'
 * @example trimComparatorWhitespace('> invalid') // '> invalid'
 */
const trimComparatorWhitespace = range => {
  let result = ''
  let copyFrom = 0
  let cursor = 0
  const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 }

  while (cursor < range.length) {
    const matchStart = cursor
    if (range[cursor] === '<' || range[cursor] === '>') {
      cursor++
    } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
      cursor++
      continue
    }

    // Consume a v/=/whitespace run once, even when no version follows it.
    while (cursor < range.length && isVersionPrefix(range[cursor])) {
      cursor++
    }
    if (!isVersionStart(range[cursor])) {
      continue
    }

    const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart)
    if (whitespacePosition !== -1) {
      result += range.slice(copyFrom, whitespacePosition)
      copyFrom = whitespacePosition + 1
    }

    // Skip the entire match, so a prerelease's trailing v cannot be
    // reconsidered as the prefix of another version.
    cursor = findVersionEndIndex(range, cursor, digitRuns)
  }

  return result + range.slice(copyFrom)
}

module.exports = trimComparatorWhitespace


/***/ }),

/***/ 2276:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// Determine if version is greater than all the versions possible in the range.
const outside = __nccwpck_require__(280)
const gtr = (version, range, options) => outside(version, range, '>', options)
module.exports = gtr


/***/ }),

/***/ 3465:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const intersects = (r1, r2, options) => {
  r1 = new Range(r1, options)
  r2 = new Range(r2, options)
  return r1.intersects(r2, options)
}
module.exports = intersects


/***/ }),

/***/ 5213:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const outside = __nccwpck_require__(280)
// Determine if version is less than all the versions possible in the range
const ltr = (version, range, options) => outside(version, range, '<', options)
module.exports = ltr


/***/ }),

/***/ 5574:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)

const maxSatisfying = (versions, range, options) => {
  let max = null
  let maxSV = null
  let rangeObj = null
  try {
    rangeObj = new Range(range, options)
  } catch (er) {
    return null
  }
  versions.forEach((v) => {
    if (rangeObj.test(v)) {
      // satisfies(v, range, options)
      if (!max || maxSV.compare(v) === -1) {
        // compare(max, v, true)
        max = v
        maxSV = new SemVer(max, options)
      }
    }
  })
  return max
}
module.exports = maxSatisfying


/***/ }),

/***/ 8595:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)
const minSatisfying = (versions, range, options) => {
  let min = null
  let minSV = null
  let rangeObj = null
  try {
    rangeObj = new Range(range, options)
  } catch (er) {
    return null
  }
  versions.forEach((v) => {
    if (rangeObj.test(v)) {
      // satisfies(v, range, options)
      if (!min || minSV.compare(v) === 1) {
        // compare(min, v, true)
        min = v
        minSV = new SemVer(min, options)
      }
    }
  })
  return min
}
module.exports = minSatisfying


/***/ }),

/***/ 1866:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)
const gt = __nccwpck_require__(6599)

const minVersion = (range, loose) => {
  range = new Range(range, loose)

  let minver = new SemVer('0.0.0')
  if (range.test(minver)) {
    return minver
  }

  minver = new SemVer('0.0.0-0')
  if (range.test(minver)) {
    return minver
  }

  minver = null
  for (let i = 0; i < range.set.length; ++i) {
    const comparators = range.set[i]

    let setMin = null
    comparators.forEach((comparator) => {
      // Clone to avoid manipulating the comparator's semver object.
      const compver = new SemVer(comparator.semver.version)
      switch (comparator.operator) {
        case '>':
          if (compver.prerelease.length === 0) {
            compver.patch++
          } else {
            compver.prerelease.push(0)
          }
          compver.raw = compver.format()
          /* fallthrough */
        case '':
        case '>=':
          if (!setMin || gt(compver, setMin)) {
            setMin = compver
          }
          break
        case '<':
        case '<=':
          /* Ignore maximum versions */
          break
        /* istanbul ignore next */
        default:
          throw new Error(`Unexpected operation: ${comparator.operator}`)
      }
    })
    if (setMin && (!minver || gt(minver, setMin))) {
      minver = setMin
    }
  }

  if (minver && range.test(minver)) {
    return minver
  }

  return null
}
module.exports = minVersion


/***/ }),

/***/ 280:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Comparator = __nccwpck_require__(9379)
const { ANY } = Comparator
const Range = __nccwpck_require__(6782)
const satisfies = __nccwpck_require__(8011)
const gt = __nccwpck_require__(6599)
const lt = __nccwpck_require__(3872)
const lte = __nccwpck_require__(6717)
const gte = __nccwpck_require__(1236)

const outside = (version, range, hilo, options) => {
  version = new SemVer(version, options)
  range = new Range(range, options)

  let gtfn, ltefn, ltfn, comp, ecomp
  switch (hilo) {
    case '>':
      gtfn = gt
      ltefn = lte
      ltfn = lt
      comp = '>'
      ecomp = '>='
      break
    case '<':
      gtfn = lt
      ltefn = gte
      ltfn = gt
      comp = '<'
      ecomp = '<='
      break
    default:
      throw new TypeError('Must provide a hilo val of "<" or ">"')
  }

  // If it satisfies the range it is not outside
  if (satisfies(version, range, options)) {
    return false
  }

  // From now on, variable terms are as if we're in "gtr" mode.
  // but note that everything is flipped for the "ltr" function.

  for (let i = 0; i < range.set.length; ++i) {
    const comparators = range.set[i]

    let high = null
    let low = null

    comparators.forEach((comparator) => {
      if (comparator.semver === ANY) {
        comparator = new Comparator('>=0.0.0')
      }
      high = high || comparator
      low = low || comparator
      if (gtfn(comparator.semver, high.semver, options)) {
        high = comparator
      } else if (ltfn(comparator.semver, low.semver, options)) {
        low = comparator
      }
    })

    // If the edge version comparator has a operator then our version
    // isn't outside it
    if (high.operator === comp || high.operator === ecomp) {
      return false
    }

    // If the lowest version comparator has an operator and our version
    // is less than it then it isn't higher than the range
    if ((!low.operator || low.operator === comp) &&
        ltefn(version, low.semver)) {
      return false
    } else if (low.operator === ecomp && ltfn(version, low.semver)) {
      return false
    }
  }
  return true
}

module.exports = outside


/***/ }),

/***/ 2028:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// given a set of versions and a range, create a "simplified" range
// that includes the same versions that the original range does
// If the original range is shorter than the simplified one, return that.
const satisfies = __nccwpck_require__(8011)
const compare = __nccwpck_require__(8469)
module.exports = (versions, range, options) => {
  const set = []
  let first = null
  let prev = null
  const v = versions.sort((a, b) => compare(a, b, options))
  for (const version of v) {
    const included = satisfies(version, range, options)
    if (included) {
      prev = version
      if (!first) {
        first = version
      }
    } else {
      if (prev) {
        set.push([first, prev])
      }
      prev = null
      first = null
    }
  }
  if (first) {
    set.push([first, null])
  }

  const ranges = []
  for (const [min, max] of set) {
    if (min === max) {
      ranges.push(min)
    } else if (!max && min === v[0]) {
      ranges.push('*')
    } else if (!max) {
      ranges.push(`>=${min}`)
    } else if (min === v[0]) {
      ranges.push(`<=${max}`)
    } else {
      ranges.push(`${min} - ${max}`)
    }
  }
  const simplified = ranges.join(' || ')
  const original = typeof range.raw === 'string' ? range.raw : String(range)
  return simplified.length < original.length ? simplified : range
}


/***/ }),

/***/ 1489:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const Comparator = __nccwpck_require__(9379)
const { ANY } = Comparator
const satisfies = __nccwpck_require__(8011)
const compare = __nccwpck_require__(8469)

// Complex range `r1 || r2 || ...` is a subset of `R1 || R2 || ...` iff:
// - Every simple range `r1, r2, ...` is a null set, OR
// - Every simple range `r1, r2, ...` which is not a null set is a subset of
//   some `R1, R2, ...`
//
// Simple range `c1 c2 ...` is a subset of simple range `C1 C2 ...` iff:
// - If c is only the ANY comparator
//   - If C is only the ANY comparator, return true
//   - Else if in prerelease mode, return false
//   - else replace c with `[>=0.0.0]`
// - If C is only the ANY comparator
//   - if in prerelease mode, return true
//   - else replace C with `[>=0.0.0]`
// - Let EQ be the set of = comparators in c
// - If EQ is more than one, return true (null set)
// - Let GT be the highest > or >= comparator in c
// - Let LT be the lowest < or <= comparator in c
// - If GT and LT, and GT.semver > LT.semver, return true (null set)
// - If any C is a = range, and GT or LT are set, return false
// - If EQ
//   - If GT, and EQ does not satisfy GT, return true (null set)
//   - If LT, and EQ does not satisfy LT, return true (null set)
//   - If EQ satisfies every C, return true
//   - Else return false
// - If GT
//   - If GT.semver is lower than any > or >= comp in C, return false
//   - If GT is >=, and GT.semver does not satisfy every C, return false
//   - If GT.semver has a prerelease, and not in prerelease mode
//     - If no C has a prerelease and the GT.semver tuple, return false
// - If LT
//   - If LT.semver is greater than any < or <= comp in C, return false
//   - If LT is <=, and LT.semver does not satisfy every C, return false
//   - If LT.semver has a prerelease, and not in prerelease mode
//     - If no C has a prerelease and the LT.semver tuple, return false
// - Else return true

const subset = (sub, dom, options = {}) => {
  if (sub === dom) {
    return true
  }

  sub = new Range(sub, options)
  dom = new Range(dom, options)
  let sawNonNull = false

  OUTER: for (const simpleSub of sub.set) {
    for (const simpleDom of dom.set) {
      const isSub = simpleSubset(simpleSub, simpleDom, options)
      sawNonNull = sawNonNull || isSub !== null
      if (isSub) {
        continue OUTER
      }
    }
    // the null set is a subset of everything, but null simple ranges in
    // a complex range should be ignored.  so if we saw a non-null range,
    // then we know this isn't a subset, but if EVERY simple range was null,
    // then it is a subset.
    if (sawNonNull) {
      return false
    }
  }
  return true
}

const minimumVersionWithPreRelease = [new Comparator('>=0.0.0-0')]
const minimumVersion = [new Comparator('>=0.0.0')]

const simpleSubset = (sub, dom, options) => {
  if (sub === dom) {
    return true
  }

  if (sub.length === 1 && sub[0].semver === ANY) {
    if (dom.length === 1 && dom[0].semver === ANY) {
      return true
    } else if (options.includePrerelease) {
      sub = minimumVersionWithPreRelease
    } else {
      sub = minimumVersion
    }
  }

  if (dom.length === 1 && dom[0].semver === ANY) {
    if (options.includePrerelease) {
      return true
    } else {
      dom = minimumVersion
    }
  }

  const eqSet = new Set()
  let gt, lt
  for (const c of sub) {
    if (c.operator === '>' || c.operator === '>=') {
      gt = higherGT(gt, c, options)
    } else if (c.operator === '<' || c.operator === '<=') {
      lt = lowerLT(lt, c, options)
    } else {
      eqSet.add(c.semver)
    }
  }

  if (eqSet.size > 1) {
    return null
  }

  let gtltComp
  if (gt && lt) {
    gtltComp = compare(gt.semver, lt.semver, options)
    if (gtltComp > 0) {
      return null
    } else if (gtltComp === 0 && (gt.operator !== '>=' || lt.operator !== '<=')) {
      return null
    }
  }

  // will iterate one or zero times
  for (const eq of eqSet) {
    if (gt && !satisfies(eq, String(gt), options)) {
      return null
    }

    if (lt && !satisfies(eq, String(lt), options)) {
      return null
    }

    for (const c of dom) {
      if (!satisfies(eq, String(c), options)) {
        return false
      }
    }

    return true
  }

  let higher, lower
  let hasDomLT, hasDomGT
  // if the subset has a prerelease, we need a comparator in the superset
  // with the same tuple and a prerelease, or it's not a subset
  let needDomLTPre = lt &&
    !options.includePrerelease &&
    lt.semver.prerelease.length ? lt.semver : false
  let needDomGTPre = gt &&
    !options.includePrerelease &&
    gt.semver.prerelease.length ? gt.semver : false
  // exception: <1.2.3-0 is the same as <1.2.3
  if (needDomLTPre && needDomLTPre.prerelease.length === 1 &&
      lt.operator === '<' && needDomLTPre.prerelease[0] === 0) {
    needDomLTPre = false
  }

  for (const c of dom) {
    hasDomGT = hasDomGT || c.operator === '>' || c.operator === '>='
    hasDomLT = hasDomLT || c.operator === '<' || c.operator === '<='
    if (gt) {
      if (needDomGTPre) {
        if (c.semver.prerelease && c.semver.prerelease.length &&
            c.semver.major === needDomGTPre.major &&
            c.semver.minor === needDomGTPre.minor &&
            c.semver.patch === needDomGTPre.patch) {
          needDomGTPre = false
        }
      }
      if (c.operator === '>' || c.operator === '>=') {
        higher = higherGT(gt, c, options)
        if (higher === c && higher !== gt) {
          return false
        }
      } else if (gt.operator === '>=' && !c.test(gt.semver)) {
        return false
      }
    }
    if (lt) {
      if (needDomLTPre) {
        if (c.semver.prerelease && c.semver.prerelease.length &&
            c.semver.major === needDomLTPre.major &&
            c.semver.minor === needDomLTPre.minor &&
            c.semver.patch === needDomLTPre.patch) {
          needDomLTPre = false
        }
      }
      if (c.operator === '<' || c.operator === '<=') {
        lower = lowerLT(lt, c, options)
        if (lower === c && lower !== lt) {
          return false
        }
      } else if (lt.operator === '<=' && !c.test(lt.semver)) {
        return false
      }
    }
    if (!c.operator && (lt || gt) && gtltComp !== 0) {
      return false
    }
  }

  // if there was a < or >, and nothing in the dom, then must be false
  // UNLESS it was limited by another range in the other direction.
  // Eg, >1.0.0 <1.0.1 is still a subset of <2.0.0
  if (gt && hasDomLT && !lt && gtltComp !== 0) {
    return false
  }

  if (lt && hasDomGT && !gt && gtltComp !== 0) {
    return false
  }

  // we needed a prerelease range in a specific tuple, but didn't get one
  // then this isn't a subset.  eg >=1.2.3-pre is not a subset of >=1.0.0,
  // because it includes prereleases in the 1.2.3 tuple
  if (needDomGTPre || needDomLTPre) {
    return false
  }

  return true
}

// >=1.2.3 is lower than >1.2.3
const higherGT = (a, b, options) => {
  if (!a) {
    return b
  }
  const comp = compare(a.semver, b.semver, options)
  return comp > 0 ? a
    : comp < 0 ? b
    : b.operator === '>' && a.operator === '>=' ? b
    : a
}

// <=1.2.3 is higher than <1.2.3
const lowerLT = (a, b, options) => {
  if (!a) {
    return b
  }
  const comp = compare(a.semver, b.semver, options)
  return comp < 0 ? a
    : comp > 0 ? b
    : b.operator === '<' && a.operator === '<=' ? b
    : a
}

module.exports = subset


/***/ }),

/***/ 4750:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)

// Mostly just for testing and legacy API reasons
const toComparators = (range, options) =>
  new Range(range, options).set
    .map(comp => comp.map(c => c.value).join(' ').trim().split(' '))

module.exports = toComparators


/***/ }),

/***/ 4737:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const validRange = (range, options) => {
  try {
    // Return '*' instead of '' so that truthiness works.
    // This will throw if it's invalid anyway
    return new Range(range, options).range || '*'
  } catch (er) {
    return null
  }
}
module.exports = validRange


/***/ }),

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var net = __nccwpck_require__(9278);
var tls = __nccwpck_require__(4756);
var http = __nccwpck_require__(8611);
var https = __nccwpck_require__(5692);
var events = __nccwpck_require__(4434);
var assert = __nccwpck_require__(2613);
var util = __nccwpck_require__(9023);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
exports.debug = debug; // for test


/***/ }),

/***/ 8825:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ SizeMismatchError),
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   RV: () => (/* binding */ verifyBytes),
/* harmony export */   SC: () => (/* binding */ VerifyingStream),
/* harmony export */   WQ: () => (/* binding */ digestProblem),
/* harmony export */   h: () => (/* binding */ DigestMismatchError),
/* harmony export */   ol: () => (/* binding */ digestOf),
/* harmony export */   sU: () => (/* binding */ digestHex)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);


const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
function isDigest(value) {
    return SHA256_DIGEST.test(value);
}
/** Why a value is not a digest oci-push can use, in words a user can act on. */
function digestProblem(value) {
    if (typeof value !== 'string')
        return 'is not a string';
    if (/^sha256:[0-9a-fA-F]{64}$/.test(value)) {
        return 'has upper-case hex; OCI digests are lower case (sha256: and 64 of 0-9a-f)';
    }
    if (!value.startsWith('sha256:'))
        return 'is not sha256 (only sha256 digests are supported)';
    return 'is not sha256: and 64 lower-case hex digits';
}
function digestOf(bytes) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
}
/** The hex part of a digest, which is also its file name under `blobs/sha256/`. */
function digestHex(digest) {
    return digest.slice('sha256:'.length);
}
/** Content whose bytes don't hash to the digest that names it. */
class DigestMismatchError extends Error {
    expected;
    actual;
    where;
    constructor(expected, actual, where) {
        super(`${where}: content does not match its digest: expected ${expected}, got ${actual}`);
        this.expected = expected;
        this.actual = actual;
        this.where = where;
        this.name = 'DigestMismatchError';
    }
}
/** Content longer or shorter than its descriptor says. */
class SizeMismatchError extends Error {
    expected;
    actual;
    where;
    constructor(expected, actual, where) {
        super(`${where}: content is ${actual} bytes, but its descriptor says ${expected}`);
        this.expected = expected;
        this.actual = actual;
        this.where = where;
        this.name = 'SizeMismatchError';
    }
}
function verifyBytes(bytes, digest, size, where) {
    if (bytes.length !== size)
        throw new SizeMismatchError(size, bytes.length, where);
    const actual = digestOf(bytes);
    if (actual !== digest)
        throw new DigestMismatchError(digest, actual, where);
}
/**
 * A pass-through stream that hashes what flows through it and fails, before it ends, if the
 * bytes don't match the expected digest and size. It holds back the last chunk until the
 * digest is checked, so an upload fed from it never receives the complete corrupt content.
 */
class VerifyingStream extends node_stream__WEBPACK_IMPORTED_MODULE_1__.Transform {
    digest;
    size;
    where;
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    seen = 0;
    held;
    constructor(digest, size, where) {
        super();
        this.digest = digest;
        this.size = size;
        this.where = where;
    }
    _transform(chunk, _encoding, done) {
        this.seen += chunk.length;
        if (this.seen > this.size) {
            done(new SizeMismatchError(this.size, this.seen, this.where));
            return;
        }
        this.hash.update(chunk);
        const previous = this.held;
        this.held = chunk;
        done(null, previous);
    }
    _flush(done) {
        if (this.seen !== this.size) {
            done(new SizeMismatchError(this.size, this.seen, this.where));
            return;
        }
        const actual = `sha256:${this.hash.digest('hex')}`;
        if (actual !== this.digest) {
            done(new DigestMismatchError(this.digest, actual, this.where));
            return;
        }
        done(null, this.held);
    }
}


/***/ }),

/***/ 9572:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $$: () => (/* binding */ isIndexMediaType),
/* harmony export */   CM: () => (/* binding */ isManifestMediaType),
/* harmony export */   dY: () => (/* binding */ MANIFEST_ACCEPT),
/* harmony export */   zu: () => (/* binding */ MediaType)
/* harmony export */ });
/* unused harmony exports INDEX_MEDIA_TYPES, IMAGE_MANIFEST_MEDIA_TYPES, MANIFEST_MEDIA_TYPES */
/** Media types oci-push reads and writes (image-spec `media-types.md`, docker `manifest-v2-2`). */
const MediaType = {
    OciManifest: 'application/vnd.oci.image.manifest.v1+json',
    OciIndex: 'application/vnd.oci.image.index.v1+json',
    OciConfig: 'application/vnd.oci.image.config.v1+json',
    OciLayerTarGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    OciLayerTar: 'application/vnd.oci.image.layer.v1.tar',
    DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    DockerConfig: 'application/vnd.docker.container.image.v1+json',
    DockerLayerTarGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
};
const INDEX_MEDIA_TYPES = [
    MediaType.OciIndex,
    MediaType.DockerManifestList,
];
const IMAGE_MANIFEST_MEDIA_TYPES = [
    MediaType.OciManifest,
    MediaType.DockerManifest,
];
const MANIFEST_MEDIA_TYPES = [
    ...IMAGE_MANIFEST_MEDIA_TYPES,
    ...INDEX_MEDIA_TYPES,
];
/**
 * Sent on every manifest GET/HEAD: ACR answers MANIFEST_UNKNOWN for an OCI index unless
 * the Accept header lists the OCI types (FACTS.md, "Accept headers").
 */
const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');
function isManifestMediaType(mediaType) {
    return MANIFEST_MEDIA_TYPES.includes(mediaType);
}
function isIndexMediaType(mediaType) {
    return INDEX_MEDIA_TYPES.includes(mediaType);
}


/***/ }),

/***/ 2829:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ versionTag),
/* harmony export */   i: () => (/* binding */ isStrictSemver)
/* harmony export */ });
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6353);
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0__);

/** Semver exactly as written: no `v`, no spaces; build metadata is kept, not stripped. */
function isStrictSemver(value) {
    return /^\d/.test(value) && !/\s/.test(value) && semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0___default()(value) !== null;
}
/** A version as an OCI tag: `+` is not allowed in tags, so it becomes `_` (as helm does). */
function versionTag(version) {
    return version.replace(/\+/g, '_');
}


/***/ }),

/***/ 4396:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ SourceError)
/* harmony export */ });
/** The source is unusable as given: missing files, bad JSON, an unknown entry. */
class SourceError extends Error {
    name = 'SourceError';
}


/***/ }),

/***/ 2472:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("./undici.cjs");

/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 1943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5675:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http2");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 6460:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers/promises");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ }),

/***/ 1086:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


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
const load = () => (undici ??= __nccwpck_require__(2472));

module.exports = new Proxy(
  {},
  {
    // webpack's interop asks for `__esModule`: answering that must not load undici.
    get: (_target, name) => (name === '__esModule' ? false : load()[name]),
  },
);


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  wx: () => (/* reexport */ runCleanupAction),
  ak: () => (/* reexport */ runCli),
  Yz: () => (/* reexport */ runPushAction),
  Jb: () => (/* reexport */ runSyncAction)
});

// NAMESPACE OBJECT: ./node_modules/@actions/core/lib/platform.js
var platform_namespaceObject = {};
__nccwpck_require__.r(platform_namespaceObject);
__nccwpck_require__.d(platform_namespaceObject, {
  arch: () => (arch),
  getDetails: () => (getDetails),
  isLinux: () => (isLinux),
  isMacOS: () => (isMacOS),
  isWindows: () => (isWindows),
  platform: () => (platform)
});

// NAMESPACE OBJECT: ./node_modules/@actions/core/lib/core.js
var core_namespaceObject = {};
__nccwpck_require__.r(core_namespaceObject);
__nccwpck_require__.d(core_namespaceObject, {
  ExitCode: () => (ExitCode),
  addPath: () => (addPath),
  debug: () => (debug),
  endGroup: () => (endGroup),
  error: () => (error),
  exportVariable: () => (exportVariable),
  getBooleanInput: () => (getBooleanInput),
  getIDToken: () => (getIDToken),
  getInput: () => (getInput),
  getMultilineInput: () => (getMultilineInput),
  getState: () => (getState),
  group: () => (group),
  info: () => (info),
  isDebug: () => (isDebug),
  markdownSummary: () => (markdownSummary),
  notice: () => (notice),
  platform: () => (platform_namespaceObject),
  saveState: () => (saveState),
  setCommandEcho: () => (setCommandEcho),
  setFailed: () => (setFailed),
  setOutput: () => (setOutput),
  setSecret: () => (setSecret),
  startGroup: () => (startGroup),
  summary: () => (summary),
  toPlatformPath: () => (toPlatformPath),
  toPosixPath: () => (toPosixPath),
  toWin32Path: () => (toWin32Path),
  warning: () => (core_warning)
});

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
// EXTERNAL MODULE: external "crypto"
var external_crypto_ = __nccwpck_require__(6982);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(8611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(5692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
// EXTERNAL MODULE: ./src/undici-on-demand.cjs
var undici_on_demand = __nccwpck_require__(1086);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new undici_on_demand.ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = _summary;
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, external_path_.sep);
}
//# sourceMappingURL=path-utils.js.map
// EXTERNAL MODULE: external "string_decoder"
var external_string_decoder_ = __nccwpck_require__(3193);
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(4434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
// EXTERNAL MODULE: external "assert"
var external_assert_ = __nccwpck_require__(2613);
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var io_util_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_.constants.O_RDONLY;
function exists(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return io_util_awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_.dirname(filePath);
                        const upperName = external_path_.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (toolrunner_IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_.EOL.length);
                n = s.indexOf(external_os_.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new external_string_decoder_.StringDecoder('utf8');
        const stderrDecoder = new external_string_decoder_.StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${external_path_.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function core_warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
;// CONCATENATED MODULE: ./src/cleanup/report.ts
/** For the summary: what each reason means, said plainly. */
const REASON_TEXT = {
    locked: 'locked (delete or write disabled)',
    tagged: 'tagged',
    'tag-locked': 'its tag is locked',
    'too-new': 'newer than the cut-off',
    'child-of-kept-index': 'part of a kept index',
    'referrer-of-kept': 'referrer (signature, SBOM, attestation) of a kept manifest',
    'has-kept-referrer': 'has a kept referrer',
    'untagged-off': 'untagged, and `untagged` is off',
    'subject-missing': 'referrer whose subject is not in this repository',
    keep: 'kept by `keep`',
};
/** Reasons listed digest by digest in the summary; the others are counted only. */
const LISTED_REASONS = new Set([
    'locked',
    'tag-locked',
    'child-of-kept-index',
    'referrer-of-kept',
    'has-kept-referrer',
    'subject-missing',
    'keep',
]);
/** Job summaries are capped at 1 MiB; a registry's worth of digests must not reach it. */
const MAX_LISTED = 50;
function summarize(report) {
    const deletedCount = report.repositories.reduce((n, r) => n + (r.deleted?.manifests.length ?? 0), 0);
    const problems = report.repositories.flatMap((r) => {
        if (r.plan.incomplete)
            return [`${r.plan.repository}: ${r.plan.incomplete}`];
        if (r.error)
            return [`${r.plan.repository}: ${r.error}`];
        return [];
    });
    const result = {
        registry: report.registry,
        dryRun: report.dryRun,
        deleted: deletedCount,
        repositories: report.repositories.map((r) => ({
            repository: r.plan.repository,
            status: statusOf(r, report.dryRun),
            planned: { tags: r.plan.deleteTags, manifests: r.plan.deleteManifests },
            deleted: r.deleted ?? { tags: [], manifests: [] },
            kept: r.plan.kept,
            ...(r.plan.incomplete && { incomplete: r.plan.incomplete }),
            ...(r.error && { error: r.error }),
            ...(r.plan.warnings.length > 0 && { warnings: r.plan.warnings }),
        })),
        unmatched: report.unmatched,
    };
    return {
        outputs: { deleted: String(deletedCount), result: JSON.stringify(result) },
        summary: summaryMarkdown(report, deletedCount),
        ...(problems.length > 0 && {
            failure: `oci-push cleanup left ${problems.length} repositor${problems.length === 1 ? 'y' : 'ies'} ` +
                `not (fully) cleaned: ${problems.join('; ')}`,
        }),
    };
}
function statusOf(r, dryRun) {
    if (r.plan.incomplete)
        return 'incomplete';
    if (r.error)
        return 'failed';
    if (r.plan.deleteManifests.length === 0 && r.plan.deleteTags.length === 0) {
        return 'nothing-to-delete';
    }
    return dryRun ? 'would-clean' : 'cleaned';
}
const STATUS_TEXT = {
    cleaned: '✅ cleaned',
    'would-clean': '🔍 would clean',
    'nothing-to-delete': '✅ nothing to delete',
    incomplete: '❌ listing incomplete: nothing deleted',
    failed: '❌ stopped on an error',
};
function summaryMarkdown(report, deletedCount) {
    const planned = report.repositories.reduce((n, r) => n + r.plan.deleteManifests.length, 0);
    const manifests = `manifest${planned === 1 ? '' : 's'}`;
    const where = `in ${report.repositories.length} ${report.repositories.length === 1 ? 'repository' : 'repositories'}`;
    const lines = [
        `## oci-push cleanup: ${report.registry}${report.dryRun ? ' (dry run: nothing was deleted)' : ''}`,
        '',
        report.dryRun
            ? `Would delete ${planned} ${manifests} ${where}.`
            : `Deleted ${deletedCount} of ${planned} planned ${manifests} ${where}.`,
        '',
        '| repository | status | tags deleted | manifests deleted | kept |',
        '| --- | --- | --- | --- | --- |',
    ];
    for (const r of report.repositories) {
        const tags = r.deleted?.tags.length ?? r.plan.deleteTags.length;
        const manifests = r.deleted?.manifests.length ?? r.plan.deleteManifests.length;
        const suffix = report.dryRun ? ' (would)' : '';
        lines.push(`| \`${r.plan.repository}\` | ${STATUS_TEXT[statusOf(r, report.dryRun)]} | ${tags}${suffix} | ` +
            `${manifests}${suffix} | ${keptCounts(r.plan.kept) || '—'} |`);
    }
    if (report.unmatched.length > 0) {
        lines.push('', `No repository matched ${report.unmatched.map((g) => `\`${g}\``).join(', ')}.`);
    }
    for (const r of report.repositories) {
        const body = repositoryDetails(r, report.dryRun);
        if (body.length > 0)
            lines.push('', `### \`${r.plan.repository}\``, '', ...body);
    }
    lines.push('');
    return lines.join('\n');
}
function keptCounts(kept) {
    const counts = new Map();
    for (const k of kept)
        counts.set(k.reason, (counts.get(k.reason) ?? 0) + 1);
    return [...counts].map(([reason, n]) => `${n} ${REASON_TEXT[reason]}`).join('<br>');
}
function repositoryDetails(r, dryRun) {
    const lines = [];
    if (r.plan.incomplete)
        lines.push(`- ❌ ${report_escape(r.plan.incomplete)}`);
    if (r.error)
        lines.push(`- ❌ ${report_escape(r.error)}; the rest of this repository was left alone`);
    for (const warning of r.plan.warnings)
        lines.push(`- ⚠️ ${report_escape(warning)}`);
    const tags = r.deleted?.tags ?? (dryRun ? r.plan.deleteTags : []);
    const manifests = r.deleted?.manifests ?? (dryRun ? r.plan.deleteManifests : []);
    const verb = dryRun ? 'Would delete' : 'Deleted';
    if (tags.length > 0) {
        lines.push(`- ${verb} tags: ${capped(tags.map((t) => `\`${t.name}\``))}`);
    }
    if (manifests.length > 0) {
        lines.push(`- ${verb} manifests: ${capped(manifests.map((d) => `\`${d}\``))}`);
    }
    for (const reason of LISTED_REASONS) {
        const kept = r.plan.kept.filter((k) => k.reason === reason);
        if (kept.length === 0)
            continue;
        const items = kept.map((k) => `\`${k.digest}\`${k.tags.length > 0 ? ` (${k.tags.join(', ')})` : ''}` +
            (k.via ? ` via \`${k.via}\`` : ''));
        lines.push(`- Kept, ${REASON_TEXT[reason]}: ${capped(items)}`);
    }
    return lines;
}
function capped(items) {
    if (items.length <= MAX_LISTED)
        return items.join(', ');
    return `${items.slice(0, MAX_LISTED).join(', ')} … and ${items.length - MAX_LISTED} more (see the \`result\` output)`;
}
function report_escape(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

;// CONCATENATED MODULE: ./src/registry/challenge.ts
const PARAM = /\s*([a-zA-Z0-9_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/y;
function parseChallenge(header) {
    if (!header)
        return undefined;
    const trimmed = header.trim();
    const space = trimmed.search(/\s/);
    const schemeText = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
    const scheme = schemeText === 'basic' || schemeText === 'bearer' ? schemeText : 'other';
    const params = {};
    if (space >= 0) {
        const rest = trimmed.slice(space + 1);
        PARAM.lastIndex = 0;
        let match;
        while (PARAM.lastIndex < rest.length && (match = PARAM.exec(rest)) !== null) {
            const [, key, quoted, bare] = match;
            if (key)
                params[key.toLowerCase()] =
                    quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
        }
    }
    return { scheme, params };
}

;// CONCATENATED MODULE: ./src/registry/endpoints.ts
/**
 * As docker does: plain HTTP only for loopback hosts or a registry the user marks
 * `insecure`. Everything else is HTTPS, and so is an ACR wherever it is.
 */
function isLoopbackHost(host) {
    // Host names are case-insensitive (RFC 4343): `LOCALHOST:5000` is loopback too.
    const name = hostName(host).toLowerCase();
    return name === 'localhost' || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}
/** The host part of `host[:port]`, without IPv6 brackets. */
function hostName(host) {
    if (host.startsWith('['))
        return host.slice(1, host.indexOf(']'));
    const colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.slice(0, colon);
}
function registryBaseUrl(endpoint) {
    const plain = !endpoint.https && (endpoint.insecure || isLoopbackHost(endpoint.host));
    const scheme = plain ? 'http' : 'https';
    return new URL(`${scheme}://${endpoint.host}/v2/`);
}
function pingUrl(endpoint) {
    return registryBaseUrl(endpoint);
}
function blobUrl(endpoint, repository, digest) {
    return new URL(`${repository}/blobs/${digest}`, registryBaseUrl(endpoint));
}
function uploadStartUrl(endpoint, repository) {
    return new URL(`${repository}/blobs/uploads/`, registryBaseUrl(endpoint));
}
function manifestUrl(endpoint, repository, reference) {
    return new URL(`${repository}/manifests/${reference}`, registryBaseUrl(endpoint));
}
/** distribution-spec "Listing Referrers": `GET /v2/<name>/referrers/<digest>`. */
function referrersUrl(endpoint, repository, digest) {
    return new URL(`${repository}/referrers/${digest}`, registryBaseUrl(endpoint));
}
function tagListUrl(endpoint, repository) {
    return new URL(`${repository}/tags/list`, registryBaseUrl(endpoint));
}
/**
 * An upload `Location` may be relative or absolute and may carry query parameters (a
 * session state, a signature) that must be kept. Resolve it against the request's URL.
 */
function resolveLocation(location, requestUrl) {
    return new URL(location, requestUrl);
}
/** The URL that completes an upload: the session's Location plus `digest=`. */
function uploadCompleteUrl(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __nccwpck_require__(4708);
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./src/registry/http.ts



/** The connection failed, stalled or was cut: worth retrying. */
class NetworkError extends Error {
    code;
    name = 'NetworkError';
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
/**
 * A registry took too long: no answer within the deadline, or an answer trickling in slower
 * than the floor. Retried at most once: a registry that stalled twice will stall again.
 */
class DeadlineError extends NetworkError {
    name = 'DeadlineError';
    constructor(message) {
        super(message, 'ETIMEDOUT');
    }
}
/** A body larger than the caller allowed for. */
class BodyTooLargeError extends Error {
    name = 'BodyTooLargeError';
}
const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;
/**
 * A minute to answer: a registry that is up answers in well under a second, and the slow
 * cases FACTS.md knows (ACR's first push into a new repository, TLS from outside China to
 * Aliyun) take tens of seconds, not minutes.
 */
const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * 32 KiB/s: far below any link a release can work over (a 64 MiB chunk still gets half an
 * hour), far above a registry that sends a byte every few seconds.
 */
const MIN_BYTES_PER_SECOND = 32 * 1024;
function createTransport(options) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 12 };
    const direct = { 'http:': new (external_node_http_default()).Agent(agentOptions), 'https:': new (external_node_https_default()).Agent(agentOptions) };
    const proxies = proxiesIn(options.proxyEnv ?? process.env);
    // Node's own proxy support (CONNECT for HTTPS), which also applies NO_PROXY.
    const proxied = {
        'http:': proxies['http:'] && proxyAgent((external_node_http_default()).Agent, agentOptions, proxies, 'http:'),
        'https:': proxies['https:'] && proxyAgent((external_node_https_default()).Agent, agentOptions, proxies, 'https:'),
    };
    const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    const deadline = {
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        floor: options.minBytesPerSecond ?? MIN_BYTES_PER_SECOND,
    };
    return async (request) => {
        const body = typeof request.body === 'function' ? await request.body() : request.body;
        const headers = { 'user-agent': options.userAgent, ...request.headers };
        if (Buffer.isBuffer(body))
            headers['content-length'] = String(body.length);
        else if (body)
            headers['content-length'] = String(request.contentLength ?? missingLength(request));
        else if (['POST', 'PUT', 'PATCH'].includes(request.method))
            headers['content-length'] = '0';
        const isHttps = request.url.protocol === 'https:';
        const lib = isHttps ? (external_node_https_default()) : (external_node_http_default());
        const protocol = isHttps ? 'https:' : 'http:';
        const viaProxy = isLoopbackHost(request.url.host) ? undefined : proxies[protocol];
        const agent = (viaProxy && proxied[protocol]) || direct[protocol];
        const what = `${request.url.host}: ${request.method} ${request.url.pathname}`;
        // The answer may take `timeoutMs` after the request body went out at the floor rate.
        const answerMs = Math.round(deadline.timeoutMs + (Number(headers['content-length'] ?? 0) / deadline.floor) * 1000);
        return new Promise((resolve, reject) => {
            let bodyError;
            const stream = body && !Buffer.isBuffer(body) ? body : undefined;
            const answerTimer = setTimeout(() => {
                req.destroy(new DeadlineError(`${what}: no answer within ${Math.round(answerMs / 1000)} s (the registry accepted ` +
                    'the connection but did not answer)'));
            }, answerMs);
            const req = lib.request(request.url, { method: request.method, headers, agent }, (res) => {
                clearTimeout(answerTimer);
                // A registry may answer before the body is sent (an early 4xx): stop reading it.
                if (stream && !stream.readableEnded)
                    stream.destroy();
                resolve(wrapResponse(res, request.url, deadline));
            });
            req.setTimeout(idleTimeoutMs, () => {
                req.destroy(new NetworkError(`no answer for ${idleTimeoutMs / 1000} s`, 'ETIMEDOUT'));
            });
            req.on('error', (error) => {
                clearTimeout(answerTimer);
                stream?.destroy();
                // A source stream that failed verification is the real cause; report it, not EPIPE.
                if (bodyError)
                    reject(bodyError);
                else if (error instanceof NetworkError)
                    reject(error);
                else
                    reject(new NetworkError(error.message + throughProxy(viaProxy), error.code));
            });
            if (stream) {
                stream.once('error', (error) => {
                    bodyError ??= error;
                    req.destroy(error);
                });
                stream.pipe(req);
            }
            else {
                req.end(body);
            }
        });
    };
}
/** Node refuses some proxy URLs only when the agent is made: say which variable, and the fix. */
function proxyAgent(Agent, agentOptions, proxies, scheme) {
    try {
        return new Agent({ ...agentOptions, proxyEnv: proxies.env });
    }
    catch {
        throw badProxy(proxies[scheme]?.split('=')[0] ?? 'the proxy variable');
    }
}
/** Never with the value or its parse error, which may hold the proxy's password. */
function badProxy(variable) {
    return new Error(`${variable} does not hold a proxy URL that Node can use: set it to http://HOST:PORT ` +
        '(with USER:PASSWORD@ if the proxy wants them), or unset it');
}
/**
 * The proxy variables of `env`, the lower-case form first, as curl and Node read them. A
 * value without a scheme (`proxy:3128`) means `http://`, as curl and docker take it; Node
 * alone would ignore it.
 */
function proxiesIn(env) {
    const pick = (name) => {
        for (const key of [name.toLowerCase(), name]) {
            const value = env[key];
            if (value)
                return [key, value];
        }
        return undefined;
    };
    const proxies = { env: {} };
    for (const [name, scheme] of [
        ['HTTP_PROXY', 'http:'],
        ['HTTPS_PROXY', 'https:'],
        ['NO_PROXY', undefined],
    ]) {
        const found = pick(name);
        if (!found)
            continue;
        if (!scheme) {
            proxies.env[name] = found[1];
            continue;
        }
        const value = found[1].includes('://') ? found[1] : `http://${found[1]}`;
        let url;
        try {
            url = new URL(value);
        }
        catch {
            throw badProxy(found[0]);
        }
        proxies.env[name] = value;
        proxies[scheme] = `${found[0]}=${url.protocol}//${url.host}`;
    }
    return proxies;
}
/** Names the proxy a failed connection went through, where one is set for its scheme. */
function throughProxy(proxy) {
    return proxy
        ? ` (the connection goes through the proxy ${proxy}, unless NO_PROXY lists this host: ` +
            'check the proxy, or list the registry in NO_PROXY)'
        : '';
}
function missingLength(request) {
    throw new Error(`${request.method} ${request.url.pathname}: a stream body needs contentLength`);
}
/**
 * An answer read whole (a token, a manifest, an error) must arrive at the floor rate once
 * `timeoutMs` has passed: a registry that sends its headers and then a byte every few seconds
 * fails in about `timeoutMs`, naming the host, instead of holding the job for hours. Streamed
 * bodies (blobs) are read as fast as their consumer takes them, so only the idle timer
 * applies to them.
 */
function watchTrickle(res, url, deadline, received) {
    const started = Date.now();
    const timer = setInterval(() => {
        const late = Date.now() - started - deadline.timeoutMs;
        if (late <= 0 || received() >= (deadline.floor * late) / 1000)
            return;
        clearInterval(timer);
        res.destroy(new DeadlineError(`${url.host}: the answer to ${url.pathname} trickled in (${received()} bytes in ` +
            `${Math.round((Date.now() - started) / 1000)} s, under ${deadline.floor / 1024} ` +
            'KiB/s after the first minute); the registry is overloaded or something between ' +
            "is throttling it. Raise this line's `timeout=` if the link is really that slow"));
    }, Math.min(1000, deadline.timeoutMs));
    timer.unref();
    return () => clearInterval(timer);
}
function wrapResponse(res, url, deadline) {
    let consumed = false;
    const take = () => {
        if (consumed)
            throw new Error('response body already consumed');
        consumed = true;
        return res;
    };
    const buffer = async (limit = DEFAULT_BODY_LIMIT) => {
        const chunks = [];
        let total = 0;
        const stop = watchTrickle(res, url, deadline, () => total);
        try {
            for await (const chunk of take()) {
                total += chunk.length;
                if (total > limit) {
                    res.destroy();
                    throw new BodyTooLargeError(`${url.host}: the answer to ${url.pathname} is over ${limit} bytes, more than any ` +
                        'registry answer this request expects; is this host a registry?');
                }
                chunks.push(chunk);
            }
        }
        catch (error) {
            if (error instanceof DeadlineError || error instanceof BodyTooLargeError)
                throw error;
            const cause = error;
            throw new NetworkError(`${url.host}: the answer to ${url.pathname} was cut: ${cause.message}`, cause.code);
        }
        finally {
            stop();
        }
        return Buffer.concat(chunks);
    };
    return {
        status: res.statusCode ?? 0,
        headers: res.headers,
        url,
        buffer,
        text: async (limit) => (await buffer(limit)).toString('utf8'),
        stream: take,
        drain: async () => {
            if (consumed)
                return;
            consumed = true;
            // A body thrown away must still end: one that trickles forever is cut like any other.
            let drained = 0;
            res.on('data', (chunk) => (drained += chunk.length));
            const stop = watchTrickle(res, url, deadline, () => drained);
            res.resume();
            await new Promise((resolve) => {
                if (res.complete)
                    resolve();
                else
                    res
                        .once('end', resolve)
                        .once('close', resolve)
                        .once('error', () => resolve());
            });
            stop();
        },
    };
}

;// CONCATENATED MODULE: ./src/registry/retry.ts

const DEFAULT_RETRY_POLICY = {
    attempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 20_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
};
function isRetryableStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status <= 599);
}
function withRetry(send, policy = DEFAULT_RETRY_POLICY) {
    return async (request) => {
        const replayable = request.body === undefined || Buffer.isBuffer(request.body);
        let deadlines = 0;
        for (let attempt = 1;; attempt++) {
            const last = !replayable || attempt >= policy.attempts;
            let response;
            try {
                response = await send(request);
            }
            catch (error) {
                if (last || !(error instanceof NetworkError))
                    throw error;
                // A registry that let a whole deadline pass twice will not answer a third time.
                if (error instanceof DeadlineError && ++deadlines > 1)
                    throw error;
                await pause(policy, request, attempt, error.message, undefined);
                continue;
            }
            if (last || !isRetryableStatus(response.status))
                return response;
            const retryAfter = retryAfterMs(response.headers['retry-after']);
            await response.drain();
            await pause(policy, request, attempt, `HTTP ${response.status}`, retryAfter);
        }
    };
}
async function pause(policy, request, attempt, reason, retryAfter) {
    const delayMs = retryAfter ?? backoffMs(policy, attempt);
    policy.onRetry?.({ request, attempt, reason, delayMs });
    await policy.sleep(delayMs);
}
/**
 * Sends a request whose answer is read whole, and sends it again when the answer is cut
 * partway: `withRetry` is done once the headers are in. Errors of `send` (retried there), of
 * the answer itself, and deadlines (that registry would trickle again) are not retried here.
 */
async function readWhole(send, read, options) {
    for (let attempt = 1;; attempt++) {
        const res = await send();
        try {
            return await read(res);
        }
        catch (error) {
            const cut = error instanceof NetworkError && !(error instanceof DeadlineError);
            if (!cut || attempt >= options.attempts)
                throw error;
            await (options.sleep ?? DEFAULT_RETRY_POLICY.sleep)(backoffMs(DEFAULT_RETRY_POLICY, attempt));
        }
    }
}
/** Full jitter: a random delay up to base·2^(attempt-1), capped. */
function backoffMs(policy, attempt) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}
/** `Retry-After` is seconds or an HTTP date; capped at a minute so a job can't hang on it. */
function retryAfterMs(header, now = Date.now()) {
    const value = Array.isArray(header) ? header[0] : header;
    if (!value)
        return undefined;
    const seconds = Number(value);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
    if (!Number.isFinite(ms))
        return undefined;
    return Math.min(Math.max(ms, 0), 60_000);
}
/**
 * The transport every face and job uses: keep-alive sockets, oci-push's User-Agent, and the
 * default retry policy, with each retry logged so a slow registry is visible.
 */
/**
 * A mirror is best-effort (FACTS.md: Aliyun from outside China stalls): 20 s to answer and two
 * attempts, so a mirror that never answers costs a release well under a minute and a half.
 */
const MIRROR_TIMEOUT_MS = 20_000;
const MIRROR_ATTEMPTS = 2;
function createRegistryTransport(options) {
    const { log } = options;
    const transport = createTransport({
        userAgent: options.userAgent,
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    });
    return withRetry(transport, {
        ...DEFAULT_RETRY_POLICY,
        ...(options.attempts !== undefined && { attempts: options.attempts }),
        ...(log && {
            onRetry: ({ request, attempt, reason, delayMs }) => log(`${request.url.host}: ${reason} on ${request.method}, retry ${attempt} in ${delayMs} ms`),
        }),
    });
}

;// CONCATENATED MODULE: ./src/registry/errors.ts

/**
 * A registry refused a request. The message names the operation, the registry, the
 * repository, the registry's own error code, and what to do about it.
 */
class RegistryError extends Error {
    operation;
    registry;
    repository;
    status;
    errors;
    hint;
    retryAfterMs;
    name = 'RegistryError';
    constructor(operation, registry, repository, status, errors, hint, 
    /** The registry's `Retry-After`, when it sent one. */
    retryAfterMs) {
        const where = repository ? `${registry}/${repository}` : registry;
        const codes = errors.map((e) => (e.message ? `${e.code}: ${e.message}` : e.code)).join('; ');
        super(`${operation} on ${where} failed: HTTP ${status}${codes ? ` (${codes})` : ''}. ${hint}`);
        this.operation = operation;
        this.registry = registry;
        this.repository = repository;
        this.status = status;
        this.errors = errors;
        this.hint = hint;
        this.retryAfterMs = retryAfterMs;
    }
    get code() {
        return this.errors[0]?.code;
    }
    /** The registry keeps existing tags as they are (Aliyun's immutable repositories). */
    get refusesOverwrite() {
        return this.errors.some((e) => OVERWRITE_REFUSED.test(e.message ?? ''));
    }
}
/** Aliyun's words for a tag an immutable repository won't move. */
const OVERWRITE_REFUSED = /already exists and cannot be overwritten/i;
/** Credentials were missing or refused, at the registry or at its token service. */
class AuthError extends Error {
    registry;
    status;
    reason;
    name = 'AuthError';
    constructor(message, registry, status, 
    /** `missing`: the registry wants a credential and none was given. */
    /** `insufficient-scope`: the credential is good, but lacks a right the request needs. */
    reason = 'protocol') {
        super(message);
        this.registry = registry;
        this.status = status;
        this.reason = reason;
    }
}
async function registryErrorFrom(res, context) {
    const errors = await readErrorBody(res);
    return new RegistryError(context.operation, context.registry, context.repository, res.status, errors, hintFor(res.status, errors[0]?.code, context, errors), retryAfterMs(res.headers['retry-after']));
}
async function readErrorBody(res) {
    let text;
    try {
        text = await res.text(64 * 1024);
    }
    catch {
        return [];
    }
    try {
        const body = JSON.parse(text);
        if (Array.isArray(body.errors)) {
            return body.errors
                .filter((e) => typeof e?.code === 'string')
                .map((e) => ({
                code: e.code,
                ...(typeof e.message === 'string' && { message: e.message }),
            }));
        }
    }
    catch {
        // Not JSON: some proxies answer with HTML. Keep a short excerpt as the message.
    }
    const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    return excerpt ? [{ code: 'UNKNOWN', message: excerpt }] : [];
}
function hintFor(status, code, context, errors = []) {
    const repo = context.repository ?? '(registry)';
    // ACR with soft delete on refuses a digest that was deleted (container-registry-soft-delete-policy.md).
    if (errors.some((e) => /soft.?deleted/i.test(e.message ?? ''))) {
        return (`${context.registry} keeps this exact manifest digest in its soft-delete bin (it was ` +
            `deleted from ${repo}), and refuses to take it again until the bin lets go of it. Restore ` +
            'the deleted image (az acr manifest restore, or the portal), or push something with a ' +
            'different digest (a new build), or wait for the retention period of soft delete to end.');
    }
    const said = errors.map((e) => e.message ?? '').join(' ');
    if (OVERWRITE_REFUSED.test(said)) {
        return (`${repo} on ${context.registry} is an immutable repository: a tag that exists, other ` +
            'than `latest`, can never be overwritten (Aliyun "immutable tags"). Release a new ' +
            "version, or turn off the repository's tag immutability if this tag really must move.");
    }
    if (/unknown manifest class/i.test(said)) {
        return (`${context.registry} does not accept this kind of manifest: Aliyun Personal Edition ` +
            'refuses configs of type application/vnd.oci.empty.v1+json (OCI artifacts such as ' +
            'signatures). Push it to an Enterprise Edition instance, or leave this artifact out.');
    }
    const depth = repo.split('/').length;
    if ((code === 'NAME_INVALID' || (status === 400 && !code)) && depth > 2) {
        return (`${context.registry} refuses the repository name ${repo}, which has ${depth} path ` +
            'levels; some registries allow fewer (Aliyun Personal Edition: namespace/repository ' +
            'only). Use a shallower `repository`, or check the registry edition.');
    }
    // A credential that may not even read a repository: most often it doesn't exist, on a
    // registry that creates repositories only where allowed (FACTS.md: Aliyun, image-syncer#149).
    const reading = /^(Checking|Fetching)/.test(context.operation);
    if ((code === 'DENIED' || (status === 403 && !code)) && reading) {
        return (`${context.registry} denied even reading ${repo}. Usually the repository, or its ` +
            'namespace, does not exist and the registry does not create it on push: create it ' +
            '(Aliyun: in the console, or turn on automatic repository creation for the namespace). ' +
            'Otherwise the credential lacks access to it.');
    }
    switch (code) {
        case 'DENIED':
            return `The credential for ${context.registry} is not allowed to do this on ${repo}; grant it push access, or create the repository if the registry does not create repositories on push.`;
        case 'NAME_UNKNOWN':
            return `The repository ${repo} does not exist on ${context.registry}, and the registry does not create repositories on push; create it first.`;
        case 'NAME_INVALID':
            return `The registry refuses the repository name ${repo}; check the \`repository\` input.`;
        case 'MANIFEST_INVALID':
        case 'MANIFEST_BLOB_UNKNOWN':
            return `The registry refused the manifest; its blobs may be missing or its format unsupported by ${context.registry}.`;
        case 'DIGEST_INVALID':
        case 'BLOB_UPLOAD_INVALID':
            return 'The registry received content that does not match its digest; the source may be corrupt or the upload was cut. Re-run the job.';
        case 'TOOMANYREQUESTS':
            return `${context.registry} is rate-limiting this runner; retry later or authenticate for a higher limit.`;
        case 'UNSUPPORTED':
            return `${context.registry} does not support this operation.`;
    }
    if (status === 401)
        return `Check the credentials for ${context.registry} (the \`credentials\` input, or docker/login-action).`;
    if (status === 403)
        return `The credential for ${context.registry} may not push to ${repo}.`;
    if (status === 404)
        return `${context.registry} does not know ${repo}, or does not speak the OCI distribution API at /v2/.`;
    if (status === 413)
        return `${context.registry} refused the size of the request.`;
    if (status >= 500)
        return `${context.registry} had a server error; retry later.`;
    if (status >= 300 && status < 400) {
        return (`${context.registry} redirected a request that oci-push does not follow there (uploads ` +
            "and manifest writes are not redirected by registries); check the registry's, or its " +
            "proxy's, external URL setting.");
    }
    return errors.length > 0
        ? "The registry's own words are in the parentheses."
        : `${context.registry} gave no reason; its logs may say more.`;
}

;// CONCATENATED MODULE: ./src/registry/token-cache.ts
/** A token expiring within this margin counts as expired, so it can't lapse mid-request. */
const EXPIRY_MARGIN_MS = 15_000;
class TokenCache {
    now;
    byService = new Map();
    constructor(now = Date.now) {
        this.now = now;
    }
    get(service, scopes) {
        const wanted = parseScopes(scopes);
        const live = this.live(service);
        return live.find((entry) => covers(entry.scopes, wanted))?.token;
    }
    set(service, scopes, token, expiresInSeconds) {
        const entry = {
            token,
            scopes: parseScopes(scopes),
            expiresAt: this.now() + expiresInSeconds * 1000,
        };
        this.byService.set(service, [entry, ...this.live(service)]);
    }
    /** Forgets tokens that served these scopes: the registry refused one of them. */
    invalidate(service, scopes) {
        const wanted = parseScopes(scopes);
        this.byService.set(service, this.live(service).filter((entry) => !covers(entry.scopes, wanted)));
    }
    live(service) {
        const now = this.now();
        return (this.byService.get(service) ?? []).filter((e) => e.expiresAt - EXPIRY_MARGIN_MS > now);
    }
}
/** `repository:giantswarm/app:pull,push` → resource `repository:giantswarm/app`, actions. */
function parseScopes(scopes) {
    const parsed = new Map();
    for (const scope of scopes) {
        const colon = scope.lastIndexOf(':');
        const resource = colon < 0 ? scope : scope.slice(0, colon);
        const actions = colon < 0 ? [] : scope.slice(colon + 1).split(',');
        const set = parsed.get(resource) ?? new Set();
        for (const action of actions)
            if (action)
                set.add(action);
        parsed.set(resource, set);
    }
    return parsed;
}
function covers(have, want) {
    for (const [resource, actions] of want) {
        const granted = have.get(resource);
        if (!granted)
            return false;
        if (granted.has('*'))
            continue;
        for (const action of actions)
            if (!granted.has(action))
                return false;
    }
    return true;
}

;// CONCATENATED MODULE: ./src/registry/auth.ts





/** The username ACR pairs with a refresh token (Azure/acr `docs/AAD-OAuth.md`). */
const ACR_TOKEN_USERNAME = '00000000-0000-0000-0000-000000000000';
/** A token lives 60 s unless the token service says otherwise (distribution token spec). */
const DEFAULT_TOKEN_SECONDS = 60;
const MAX_REDIRECTS = 5;
/** Reads of a token answer, when one is cut partway. */
const TOKEN_READ_ATTEMPTS = 3;
/**
 * Sends requests to one registry with the right Authorization: none, Basic, or a Bearer
 * token for the request's scopes. It learns the scheme from a `/v2/` ping, caches tokens per
 * scope set, and after a 401 fetches a fresh token and retries once.
 *
 * Credentials and tokens go only to the registry's own origin (scheme, host and port) and to
 * the token realm its challenge names. Any other URL the registry hands out (an upload
 * `Location` on a storage host, a redirect) is used without them, and if it then asks for
 * credentials the request fails naming both origins. An `http://` URL handed out by an
 * `https://` registry is refused outright, except on loopback: the blob would travel in clear.
 */
class RegistryAuth {
    options;
    challenge;
    tokens;
    masked = new Set();
    pending = new Map();
    /** The only origin Authorization is ever sent to (besides the token realm). */
    origin;
    constructor(options) {
        this.options = options;
        this.tokens = options.tokens ?? new TokenCache();
        this.origin = registryBaseUrl(options.endpoint);
    }
    get host() {
        return this.options.endpoint.host;
    }
    /** Pings `/v2/` once, learning whether and how the registry wants auth. */
    ping() {
        this.challenge ??= this.doPing().catch((error) => {
            this.challenge = undefined;
            throw error;
        });
        return this.challenge;
    }
    async send(request, scopes) {
        this.checkHandedOut(request.url);
        await this.ping();
        if (!this.isOwn(request.url))
            return this.sendElsewhere(request);
        const first = await this.sendAuthorized(request, scopes, false);
        if (first.status !== 401)
            return first;
        // A 401 after we sent a token: it expired, or the registry wants more scope. Once more.
        const challenge = parseChallenge(header(first, 'www-authenticate'));
        await first.drain();
        if (challenge)
            this.challenge = Promise.resolve(challenge);
        const extra = challenge?.params.scope?.split(' ').filter((s) => s !== '') ?? [];
        const second = await this.sendAuthorized(request, [...scopes, ...extra], true);
        if (second.status !== 401)
            return second;
        await second.drain();
        const again = parseChallenge(header(second, 'www-authenticate'));
        if (this.options.credential && again?.params.error === 'insufficient_scope') {
            throw insufficientScope(this.host, request, again.params.scope ?? extra.join(' '));
        }
        throw this.options.credential
            ? new AuthError(`${this.host} refused the credentials for ${request.method} ${request.url.pathname} ` +
                `(HTTP 401); check the credential for ${this.host}`, this.host, 401, 'refused')
            : this.missingCredential();
    }
    missingCredential() {
        return new AuthError(`${this.host} requires authentication and no credential was found for it; add ` +
            `\`${this.host}=USERNAME:PASSWORD\` to the \`credentials\` input, or log in to ${this.host} ` +
            'with docker/login-action before this step', this.host, 401, 'missing');
    }
    async sendAuthorized(request, scopes, fresh) {
        return this.follow(request, await this.authorization(scopes, fresh));
    }
    /**
     * A URL the registry handed out on another origin (a storage host, say): sent without
     * credentials. If it asks for some, it gets none: the registry should have handed out a
     * URL that needs none (a signed one), or its own.
     */
    async sendElsewhere(request) {
        const res = await this.follow(request, undefined);
        if (res.status !== 401)
            return res;
        await res.drain();
        throw new AuthError(`${this.host} handed out a URL on ${request.url.origin} for ${request.method} ` +
            `${request.url.pathname}, and that origin asks for credentials (HTTP 401). oci-push ` +
            `sends credentials only to the registry's own origin, ${this.origin.origin}, and its ` +
            `token realm. Configure the registry to hand out its own URLs (e.g. the external URL ` +
            `behind a proxy), or signed ones that need no credentials`, this.host, 401);
    }
    /** Sends, following redirects of GET and HEAD; Authorization only to the registry's origin. */
    async follow(request, authorization) {
        let current = withAuthorization(request, this.isOwn(request.url) ? authorization : undefined);
        for (let hop = 0;; hop++) {
            const res = await this.options.send(current);
            const location = header(res, 'location');
            const isRedirect = [301, 302, 303, 307, 308].includes(res.status) && location;
            if (!isRedirect || !['GET', 'HEAD'].includes(current.method))
                return res;
            await res.drain();
            const next = new URL(location, current.url);
            if (hop >= MAX_REDIRECTS) {
                throw new RegistryError(`${request.method} ${request.url.pathname}`, this.host, undefined, res.status, [], `The registry redirected it ${hop + 1} times in a row, the last time to ` +
                    `${next.origin}${next.pathname}: a redirect loop. Check the registry's, or its ` +
                    "proxy's, external URL and storage redirect settings.");
            }
            this.checkHandedOut(next);
            current = withAuthorization({ ...request, url: next }, this.isOwn(next) ? authorization : undefined);
        }
    }
    isOwn(url) {
        return url.origin === this.origin.origin;
    }
    /** An https registry handing out plain http (off loopback) would put the bytes in clear. */
    checkHandedOut(url) {
        const downgrade = this.origin.protocol === 'https:' && url.protocol !== 'https:';
        if (downgrade && !(url.protocol === 'http:' && isLoopbackHost(url.host))) {
            throw new AuthError(`${this.host} (${this.origin.origin}) handed out the URL ${url.origin}${url.pathname}, ` +
                'which is not HTTPS; oci-push refuses to send anything there in clear text. Check the ' +
                "registry's (or its proxy's) external URL setting", this.host, 0);
        }
    }
    async authorization(scopes, fresh) {
        const challenge = await this.challenge;
        const credential = this.options.credential;
        if (!challenge)
            return undefined;
        if (challenge.scheme === 'basic') {
            if (!credential)
                return undefined;
            return this.secret(`Basic ${basicToken(credential)}`);
        }
        if (challenge.scheme !== 'bearer')
            return undefined;
        const service = `${challenge.params.realm}|${challenge.params.service}`;
        if (fresh)
            this.tokens.invalidate(service, scopes);
        const cached = this.tokens.get(service, scopes);
        if (cached)
            return `Bearer ${cached}`;
        // Concurrent requests for the same scopes share one token request.
        const key = `${service}|${[...new Set(scopes)].sort().join(' ')}`;
        let pending = this.pending.get(key);
        if (!pending) {
            pending = this.fetchToken(challenge, [...new Set(scopes)])
                .then(({ token, expiresIn }) => {
                this.tokens.set(service, scopes, token, expiresIn);
                return token;
            })
                .finally(() => this.pending.delete(key));
            this.pending.set(key, pending);
        }
        return `Bearer ${await pending}`;
    }
    async doPing() {
        const res = await this.options.send({ method: 'GET', url: pingUrl(this.options.endpoint) });
        if (res.status === 200) {
            await res.drain();
            return undefined;
        }
        if (res.status === 401) {
            const challenge = parseChallenge(header(res, 'www-authenticate'));
            await res.drain();
            if (!challenge) {
                throw new AuthError(`${this.host} answered 401 without a WWW-Authenticate challenge; it is not a ` +
                    `registry oci-push can authenticate to`, this.host, 401);
            }
            return challenge;
        }
        throw await registryErrorFrom(res, {
            operation: 'Checking the registry API (/v2/)',
            registry: this.host,
        });
    }
    async fetchToken(challenge, scopes) {
        const { realm, service } = challenge.params;
        if (!realm) {
            throw new AuthError(`${this.host} sent a Bearer challenge with no realm`, this.host, 401);
        }
        const realmUrl = this.checkRealm(realm);
        const credential = this.options.credential;
        // A token answer cut partway is asked for again.
        const text = await readWhole(() => this.sendTokenRequest(realmUrl, service, scopes), async (res) => {
            if (res.status === 401 || res.status === 403) {
                await res.drain();
                if (!credential)
                    throw this.missingCredential();
                const user = credential.username ? ` for user "${credential.username}"` : '';
                throw new AuthError(`${this.host} refused the credentials${user} (its token service answered ` +
                    `${res.status}); check the credential for ${this.host} in the \`credentials\` input ` +
                    'or the docker login', this.host, res.status, 'refused');
            }
            if (res.status !== 200) {
                throw await registryErrorFrom(res, {
                    operation: `Fetching a token from ${realmUrl.host}`,
                    registry: this.host,
                });
            }
            return res.text();
        }, { attempts: TOKEN_READ_ATTEMPTS });
        const body = JSON.parse(text);
        const token = typeof body.token === 'string' ? body.token : body.access_token;
        if (typeof token !== 'string' || token === '') {
            throw new AuthError(`${this.host}'s token service answered without a token`, this.host, 200);
        }
        this.secret(token);
        this.options.onToken?.({ realm: realmUrl.toString(), scopes });
        const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0
            ? body.expires_in
            : DEFAULT_TOKEN_SECONDS;
        return { token, expiresIn };
    }
    /** The token request: a refresh token POSTed as a form, else a GET, with Basic if known. */
    sendTokenRequest(realmUrl, service, scopes) {
        const credential = this.options.credential;
        if (credential?.kind === 'identity-token') {
            // distribution token spec, OAuth2: a refresh token is POSTed as a form.
            const form = new URLSearchParams({
                grant_type: 'refresh_token',
                refresh_token: credential.token,
                client_id: 'oci-push',
            });
            if (service)
                form.set('service', service);
            if (scopes.length)
                form.set('scope', scopes.join(' '));
            return this.options.send({
                method: 'POST',
                url: realmUrl,
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: Buffer.from(form.toString()),
            });
        }
        const url = new URL(realmUrl);
        if (service)
            url.searchParams.set('service', service);
        for (const scope of scopes)
            url.searchParams.append('scope', scope);
        if (credential)
            url.searchParams.set('account', credential.username);
        const headers = {};
        if (credential)
            headers.authorization = this.secret(`Basic ${basicToken(credential)}`);
        return this.options.send({ method: 'GET', url, headers });
    }
    /** A realm must be HTTPS unless it is on loopback or the registry itself is marked insecure. */
    checkRealm(realm) {
        let url;
        try {
            url = new URL(realm);
        }
        catch {
            throw new AuthError(`${this.host} named an invalid token realm "${realm}"`, this.host, 401);
        }
        const plainAllowed = this.options.endpoint.insecure || isLoopbackHost(url.host);
        if (url.protocol !== 'https:' && !(url.protocol === 'http:' && plainAllowed)) {
            throw new AuthError(`${this.host} named the token realm ${url.origin}, which is not HTTPS; oci-push will not ` +
                `send credentials there. Mark the registry \`insecure\` only if you trust that network.`, this.host, 401);
        }
        return url;
    }
    secret(value) {
        if (!this.masked.has(value)) {
            this.masked.add(value);
            this.options.onSecret?.(value);
        }
        return value;
    }
}
/**
 * The credential is good, but its token came back with fewer rights than the request needs
 * (ACR grants only what the identity's roles allow): name the right, and the role giving it.
 */
function insufficientScope(host, request, scope) {
    const actions = scope.split(':').at(-1)?.split(',') ?? [];
    const right = actions.includes('delete')
        ? { what: 'delete', acr: 'AcrDelete', abac: 'Container Registry Repository Contributor' }
        : actions.includes('push') || !['GET', 'HEAD'].includes(request.method)
            ? { what: 'push', acr: 'AcrPush', abac: 'Container Registry Repository Writer' }
            : { what: 'pull', acr: 'AcrPull', abac: 'Container Registry Repository Reader' };
    return new AuthError(`${host} accepted the credential but it may not ${right.what} here (${request.method} ` +
        `${request.url.pathname}: insufficient_scope${scope ? ` for ${scope}` : ''}). The ` +
        `credential is fine; its rights are not: grant the identity ${right.what} rights on ` +
        `the repository. On ACR that is the ${right.acr} role, or ${right.abac} on ` +
        'registries with ABAC (repository permissions) enabled, where AcrPull/AcrPush/AcrDelete ' +
        'are not honoured.' +
        (right.what === 'pull'
            ? ' If the repository does not exist yet, a registry that does not create ' +
                'repositories on push answers this way too: create it first.'
            : ''), host, 401, 'insufficient-scope');
}
function basicToken(credential) {
    const [user, pass] = credential.kind === 'basic'
        ? [credential.username, credential.password]
        : [credential.username ?? ACR_TOKEN_USERNAME, credential.token];
    return Buffer.from(`${user}:${pass}`).toString('base64');
}
function withAuthorization(request, authorization) {
    const headers = { ...request.headers };
    delete headers.authorization;
    if (authorization)
        headers.authorization = authorization;
    return { ...request, headers };
}
function header(res, name) {
    const value = res.headers[name];
    return Array.isArray(value) ? value[0] : value;
}

;// CONCATENATED MODULE: ./src/azure/keyless.ts



/** The Entra scope of every ACR data plane (Azure/acr `docs/AAD-OAuth.md`). */
const ACR_ENTRA_SCOPE = 'https://containerregistry.azure.net/.default';
/** The audience a GitHub OIDC token needs for an Entra federated credential. */
const DEFAULT_AZURE_AUDIENCE = 'api://AzureADTokenExchange';
/** Host names of ACR registries in the public and sovereign clouds. */
const ACR_HOST = /\.azurecr\.(io|cn|us)(:\d+)?$/i;
function isAcrHost(host) {
    return ACR_HOST.test(host);
}
/** The GitHub OIDC token could not be had: the workflow lacks the permission, usually. */
class OidcUnavailableError extends Error {
    name = 'OidcUnavailableError';
}
/**
 * Entra credentials from GitHub's OIDC token, with no stored secret: the token is the client
 * assertion of a federated credential on the app registration `clientId`.
 */
async function entraCredential(login, deps) {
    // Loaded only when needed: the Azure SDKs are most of the bundle, and most pushes skip them.
    const { ClientAssertionCredential } = await Promise.all(/* import() */[__nccwpck_require__.e(830), __nccwpck_require__.e(738), __nccwpck_require__.e(16)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3016));
    return new ClientAssertionCredential(login.tenantId, login.clientId, async () => {
        let token;
        try {
            token = await deps.getIdToken(login.audience);
        }
        catch (error) {
            throw new OidcUnavailableError(`Could not get GitHub's OIDC token for keyless Azure login (${error.message}). ` +
                'Give the job `permissions: id-token: write` (and keep `contents: read`), or pass ' +
                'credentials for the registry instead.');
        }
        deps.onSecret(token);
        return token;
    }, 
    // With an authority of its own, MSAL would still ask login.microsoftonline.com to
    // discover it first; a sovereign or private authority answers for itself.
    {
        ...(login.authorityHost && {
            authorityHost: login.authorityHost,
            disableInstanceDiscovery: true,
        }),
    });
}
/**
 * Keyless login to one ACR: an Entra access token for the ACR scope, exchanged at the
 * registry's `/oauth2/exchange` for an ACR refresh token, which the registry client then
 * uses through the refresh-token grant for each scope it needs (FACTS.md, "Azure Container
 * Registry"; Azure/acr `docs/AAD-OAuth.md`).
 */
async function acrRefreshToken(endpoint, credential, login, deps) {
    const host = endpoint.host;
    let accessToken;
    try {
        const token = await credential.getToken(ACR_ENTRA_SCOPE);
        if (!token)
            throw new Error('Entra returned no token');
        accessToken = token.token;
    }
    catch (error) {
        const cause = error;
        // @azure/identity may wrap what getAssertion threw; its message is the one to show.
        if (error instanceof OidcUnavailableError || cause.message.includes('id-token: write')) {
            throw new OidcUnavailableError(cause.message);
        }
        throw new AuthError(`Keyless login to ${host}: Entra refused the GitHub OIDC token for client ` +
            `${login.clientId} in tenant ${login.tenantId} (${cause.message.split('\n')[0]}). Check ` +
            "that the app registration has a federated credential whose subject matches this job's " +
            `(repo, ref or environment) and audience ${login.audience}.`, host, 401, 'refused');
    }
    deps.onSecret(accessToken);
    const form = new URLSearchParams({
        grant_type: 'access_token',
        service: host,
        tenant: login.tenantId,
        access_token: accessToken,
    });
    const res = await deps.send({
        method: 'POST',
        url: new URL('/oauth2/exchange', registryBaseUrl(endpoint)),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(form.toString()),
    });
    if (res.status === 401 || res.status === 403) {
        const refusal = await registryErrorFrom(res, { operation: 'exchange', registry: host });
        const said = refusal.errors.map((e) => e.message ?? e.code).join('; ');
        // ACR's firewall answers 403 DENIED "client with IP … is not allowed access" (FACTS.md).
        if (/client with IP/i.test(said)) {
            throw new AuthError(`Keyless login to ${host}: the registry's firewall refused this runner (HTTP ` +
                `${res.status}: ${said}). Allow the runner's network on the registry (az acr ` +
                'network-rule add), or push from a runner inside an allowed network.', host, res.status, 'refused');
        }
        throw new AuthError(`Keyless login to ${host}: the registry refused the Entra token of client ` +
            `${login.clientId} (HTTP ${res.status}). Give that identity a role on the registry ` +
            '(AcrPush, or Container Registry Repository Writer for ABAC registries).', host, res.status, 'refused');
    }
    if (res.status !== 200) {
        throw await registryErrorFrom(res, {
            operation: 'Exchanging the Entra token (/oauth2/exchange)',
            registry: host,
        });
    }
    const body = JSON.parse(await res.text());
    if (typeof body.refresh_token !== 'string' || body.refresh_token === '') {
        throw new AuthError(`${host}'s /oauth2/exchange answered without a refresh token`, host, 200);
    }
    deps.onSecret(body.refresh_token);
    return { kind: 'identity-token', token: body.refresh_token, username: ACR_TOKEN_USERNAME };
}

;// CONCATENATED MODULE: ./src/cleanup/glob.ts
// Repository globs for `repositories`, one per line. `*` and `?` stay within a path segment;
// `**` is a whole segment and spans any number of them, as in .gitignore:
//
// - `giantswarm/*` matches `giantswarm/app`, not `giantswarm/charts/app`, not `giantswarm`;
// - `giantswarm/**` matches everything below `giantswarm/`, at any depth;
// - `**/app` matches `app` and `x/y/app`; `a/**/b` matches `a/b` and `a/x/b`; `**` matches all.
//
// Repository names are lowercase (distribution-spec), so a glob with anything else, or with
// syntax this doesn't support (`[abc]`, `{a,b}`), is an error rather than a silent no-match.
/** A `repositories` glob that can't be used; the message says why. */
class GlobError extends Error {
    name = 'GlobError';
}
const SEGMENT_CHARACTERS = /^[a-z0-9._\-*?]+$/;
function globToRegExp(glob) {
    const segments = glob.split('/');
    if (segments.some((s) => s === '')) {
        throw new GlobError(`"${glob}" has an empty path segment (a leading, trailing or double /)`);
    }
    let source = '';
    let separator = false;
    segments.forEach((segment, i) => {
        const last = i === segments.length - 1;
        if (segment === '**') {
            // `a/**` needs something below `a/`; `**/b` and `a/**/b` may span no segment at all.
            if (last)
                source += separator ? '/.+' : '.+';
            else
                source += separator ? '/(?:[^/]+/)*' : '(?:[^/]+/)*';
            separator = false;
            return;
        }
        if (segment.includes('**')) {
            throw new GlobError(`"${glob}": ** must be a whole path segment, as in a/**/b`);
        }
        if (!SEGMENT_CHARACTERS.test(segment)) {
            throw new GlobError(`"${glob}": repository names are lowercase letters, digits and . _ - /; ` +
                'a glob may add * (within a segment), ? (one character) and ** (any segments)');
        }
        const body = [...segment]
            .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/\./g, '\\.')))
            .join('');
        source += (separator ? '/' : '') + body;
        separator = true;
    });
    return new RegExp(`^${source}$`);
}
/** The repositories the globs select, sorted, and the globs that selected none. */
function selectRepositories(names, globs) {
    const compiled = globs.map((glob) => ({ glob, re: globToRegExp(glob), used: false }));
    const selected = [];
    for (const name of [...new Set(names)].sort()) {
        let hit = false;
        for (const g of compiled) {
            if (g.re.test(name)) {
                g.used = true;
                hit = true;
            }
        }
        if (hit)
            selected.push(name);
    }
    return { selected, unmatched: compiled.filter((g) => !g.used).map((g) => g.glob) };
}

// EXTERNAL MODULE: ./src/oci/mediatypes.ts
var mediatypes = __nccwpck_require__(9572);
;// CONCATENATED MODULE: ./src/cleanup/policy.ts

/**
 * Why a manifest stays, in the order reasons are decided; a manifest gets the first that
 * applies. The rounds (see `planRepository`) are: its own state; then, for whatever is still
 * undecided, `untagged-off`, `subject-missing` and `keep`, each followed by what it holds.
 */
const KEEP_REASONS = (/* unused pure expression or super */ null && ([
    /** The manifest is locked: `deleteEnabled` or `writeEnabled` is false. */
    'locked',
    /** It keeps a tag this run doesn't delete: not matching `tag-pattern`, too new, or unknown. */
    'tagged',
    /** Its only remaining tags would be deleted but are locked. */
    'tag-locked',
    /** Last updated after the cut-off. */
    'too-new',
    /** A manifest of an index that stays (`via`). Deleting it would break that index. */
    'child-of-kept-index',
    /** A referrer whose subject (`via`) stays. */
    'referrer-of-kept',
    /** The subject of a referrer (`via`) that stays: an artifact and its referrers go together. */
    'has-kept-referrer',
    /** Untagged before this run and `untagged: false`. */
    'untagged-off',
    /** A referrer whose subject is not in this repository's listing; see `planRepository`. */
    'subject-missing',
    /** One of the `keep` most recently updated roots this run would otherwise delete. */
    'keep',
]));
/** cosign's tag scheme, and the OCI referrers tag scheme (`sha256-<hex>`): the tag names a subject. */
const REFERRER_TAG = /^sha256-([a-f0-9]{64})(?:\.(?:sig|att|sbom))?$/;
/**
 * `tag-pattern` must match a tag *as a whole*: `dev-.*` never matches `1.2.3-dev-x`. The
 * pattern is wrapped in `^(?:…)$`, so users need not anchor it, and an unanchored or
 * alternated pattern (`^a|b$`) can't match more than it says. Stateful flags are dropped.
 */
function wholeTagMatcher(pattern) {
    const whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
    return (tag) => whole.test(tag);
}
/** `sha256-<hex>.sig` and the like → the subject's digest. */
function referrerTagSubject(tag) {
    const match = REFERRER_TAG.exec(tag);
    return match ? `sha256:${match[1]}` : undefined;
}
function planCleanup(listings, rules) {
    return listings.map((listing) => planRepository(listing, rules));
}
/**
 * Plans one repository. The rules, in the order they are applied:
 *
 * 1. A listing that is incomplete (a failed page), or that shows an index without its
 *    manifests (so they can't be protected), deletes nothing.
 * 2. Tags: a tag is deleted when it matches `tag-pattern` as a whole, was last updated before
 *    the cut-off, and neither it nor its manifest is locked. Referrer tags (`sha256-<hex>.sig`,
 *    `.att`, `.sbom`, `sha256-<hex>`) never match: they follow their manifest.
 * 3. Round 1, a manifest's own state keeps it: locked, tagged after step 2, only locked tags
 *    left, or last updated after the cut-off (the later of `createdOn` and `lastUpdatedOn`;
 *    an unreadable date counts as new).
 * 4. Whatever stays holds what hangs on it, recursively: an index its manifests, a subject
 *    its referrers, and a referrer its subject (ACR may delete referrers with their subject,
 *    so an artifact and its referrers stay or go together).
 * 5. Round 2, with `untagged: false`: roots (no listed index holds them, no subject) that had
 *    no tag before this run stay. What an index or subject holds goes with it: deleting a
 *    dev-tagged index deletes its untagged platform manifests even with `untagged: false`.
 * 6. Round 3: a referrer whose subject is not listed stays. Its subject may be hidden
 *    (`listEnabled: false`) or in another repository (`COSIGN_REPOSITORY`); nothing proves it
 *    is gone, and a stray signature costs little.
 * 7. Round 4, `keep`: of the roots still to be deleted, the `keep` most recently updated stay
 *    (ties: lower digest first), with their tags. Only roots count: an index with its
 *    platform manifests and referrers is one build. New, tagged and locked roots don't count,
 *    as `acr purge --keep` counts only to-be-deleted tags: `keep: N` always spares N builds.
 * 8. Everything else is deleted, with all its tags.
 */
function planRepository(listing, rules) {
    const plan = {
        repository: listing.repository,
        deleteTags: [],
        deleteManifests: [],
        kept: [],
        warnings: [],
    };
    if (!listing.complete) {
        plan.incomplete =
            `the listing was incomplete (${listing.problem ?? 'a page could not be read'}), ` +
                'so nothing was deleted here; the next run tries again';
        return plan;
    }
    const cutoff = rules.now.getTime() - rules.olderThanMs;
    const isOld = (ms) => Number.isFinite(ms) && ms < cutoff;
    const matches = rules.tagPattern ? wholeTagMatcher(rules.tagPattern) : () => false;
    const manifests = mergeByDigest(listing.manifests);
    const emptyIndex = manifests.find((m) => m.mediaType !== undefined && (0,mediatypes/* isIndexMediaType */.$$)(m.mediaType) && m.children.length === 0);
    if (emptyIndex) {
        plan.incomplete =
            `the index ${emptyIndex.digest} was listed without its manifests, so they could not be ` +
                'protected; nothing was deleted here';
        return plan;
    }
    const tagInfo = new Map();
    const disputed = new Set();
    for (const tag of listing.tags) {
        const seen = tagInfo.get(tag.name);
        if (seen && seen.digest !== tag.digest && !disputed.has(tag.name)) {
            disputed.add(tag.name);
            plan.warnings.push(`${tag.name}: the tag listing shows it on ${seen.digest} and ${tag.digest}; left alone`);
        }
        // Twice on one manifest (pages shifted): the later date and either lock count.
        tagInfo.set(tag.name, seen?.digest === tag.digest
            ? {
                ...tag,
                lastUpdatedOn: new Date(Math.max(lastChange(seen), lastChange(tag))),
                deleteEnabled: seen.deleteEnabled && tag.deleteEnabled,
                writeEnabled: seen.writeEnabled !== false && tag.writeEnabled !== false,
            }
            : tag);
    }
    const nodes = new Map();
    for (const manifest of manifests) {
        nodes.set(manifest.digest, {
            manifest,
            tags: new Map(),
            parents: [],
            children: [],
            subjects: [],
            referrers: [],
            activity: lastChange(manifest),
        });
    }
    const order = [...nodes.keys()];
    // A tag the two listings place differently (it moved between them) is left alone everywhere.
    for (const manifest of manifests) {
        for (const name of manifest.tags) {
            const info = tagInfo.get(name);
            if (info?.digest === manifest.digest || disputed.has(name))
                continue;
            disputed.add(name);
            plan.warnings.push(`${name}: the manifest listing puts it on ${manifest.digest}, the tag listing ` +
                `${info ? `on ${info.digest}` : 'nowhere'}; left alone`);
        }
    }
    // Tags: the manifest listing's, and the tag listing's that point here.
    for (const node of nodes.values()) {
        const { manifest } = node;
        const names = [...manifest.tags];
        for (const tag of listing.tags) {
            if (tag.digest === manifest.digest && !names.includes(tag.name))
                names.push(tag.name);
        }
        const manifestLocked = isLocked(manifest);
        for (const name of names) {
            const subject = referrerTagSubject(name);
            if (subject !== undefined && subject !== manifest.digest && !node.subjects.includes(subject))
                node.subjects.push(subject);
            const info = tagInfo.get(name);
            if (!info || disputed.has(name)) {
                node.tags.set(name, 'stays');
                continue;
            }
            const wanted = subject !== undefined || (matches(name) && isOld(lastChange(info)));
            if (!wanted)
                node.tags.set(name, 'stays');
            else if (manifestLocked || isLocked(info))
                node.tags.set(name, 'locked');
            else
                node.tags.set(name, subject !== undefined ? 'follows-manifest' : 'delete');
        }
    }
    for (const tag of listing.tags) {
        if (!nodes.has(tag.digest)) {
            plan.warnings.push(`${tag.name}: points at ${tag.digest}, which the manifest listing doesn't show; left alone`);
        }
    }
    // The graph: indexes and their manifests, referrers and their subjects.
    for (const digest of order) {
        const node = nodes.get(digest);
        for (const child of node.manifest.children) {
            const childNode = nodes.get(child);
            if (!childNode || child === digest || node.children.includes(child))
                continue;
            node.children.push(child);
            childNode.parents.push(digest);
        }
        const subject = node.manifest.subject;
        if (subject !== undefined && subject !== digest && !node.subjects.includes(subject)) {
            node.subjects.unshift(subject);
        }
        for (const s of node.subjects)
            nodes.get(s)?.referrers.push(digest);
    }
    const isRoot = (node) => node.parents.length === 0 && node.subjects.length === 0;
    const kept = new Map();
    /** Keeps the seeds, then, level by level, everything they hold (step 4). */
    const keepWithClosure = (seeds) => {
        let frontier = [];
        for (const [digest, reason] of seeds) {
            if (kept.has(digest))
                continue;
            kept.set(digest, { reason });
            frontier.push(digest);
        }
        while (frontier.length > 0) {
            const held = new Set(frontier);
            const next = [];
            for (const digest of order) {
                if (kept.has(digest))
                    continue;
                const node = nodes.get(digest);
                const parent = node.parents.find((d) => held.has(d));
                const subject = node.subjects.find((d) => held.has(d));
                const referrer = node.referrers.find((d) => held.has(d));
                const hold = parent
                    ? ['child-of-kept-index', parent]
                    : subject
                        ? ['referrer-of-kept', subject]
                        : ['has-kept-referrer', referrer];
                if (hold[1] === undefined)
                    continue;
                kept.set(digest, { reason: hold[0], via: hold[1] });
                next.push(digest);
            }
            frontier = next;
        }
    };
    // Round 1: its own state.
    const own = [];
    for (const digest of order) {
        const node = nodes.get(digest);
        const staying = [...node.tags.values()];
        if (isLocked(node.manifest))
            own.push([digest, 'locked']);
        else if (staying.includes('stays'))
            own.push([digest, 'tagged']);
        else if (staying.includes('locked'))
            own.push([digest, 'tag-locked']);
        else if (!isOld(node.activity))
            own.push([digest, 'too-new']);
    }
    keepWithClosure(own);
    // Round 2: already untagged, and `untagged: false`.
    if (!rules.untagged) {
        keepWithClosure(order
            .filter((d) => !kept.has(d))
            .filter((d) => isRoot(nodes.get(d)) && nodes.get(d).tags.size === 0)
            .map((d) => [d, 'untagged-off']));
    }
    // Round 3: referrers of something this listing doesn't show.
    keepWithClosure(order
        .filter((d) => !kept.has(d))
        .filter((d) => nodes.get(d).subjects.some((s) => !nodes.has(s)))
        .map((d) => [d, 'subject-missing']));
    // Round 4: the `keep` most recently updated roots still to be deleted.
    const spared = order
        .filter((d) => !kept.has(d) && isRoot(nodes.get(d)))
        .sort((a, b) => {
        const byTime = nodes.get(b).activity - nodes.get(a).activity;
        return byTime !== 0 ? byTime : a < b ? -1 : 1;
    })
        .slice(0, Math.max(0, rules.keep));
    keepWithClosure(spared.map((d) => [d, 'keep']));
    // What stays, with its tags after this run.
    const doomed = new Set(order.filter((d) => !kept.has(d)));
    for (const digest of order) {
        const node = nodes.get(digest);
        const decision = kept.get(digest);
        if (!decision) {
            for (const name of node.tags.keys())
                plan.deleteTags.push({ name, digest });
            continue;
        }
        const remaining = [];
        for (const [name, fate] of node.tags) {
            // A root spared by `keep` keeps its tags: a dev build nobody can name is no use.
            if (fate === 'delete' && decision.reason !== 'keep')
                plan.deleteTags.push({ name, digest });
            else
                remaining.push(name);
        }
        plan.kept.push({
            digest,
            tags: remaining,
            reason: decision.reason,
            ...(decision.via && { via: decision.via }),
        });
    }
    plan.deleteManifests = deletionOrder(order, doomed, nodes);
    return plan;
}
/** The later of the two dates, as ms; NaN when either is unreadable. */
function lastChange(item) {
    return Math.max(item.createdOn.getTime(), item.lastUpdatedOn.getTime());
}
function isLocked(attributes) {
    return attributes.deleteEnabled === false || attributes.writeEnabled === false;
}
/**
 * A listing read page by page can show a manifest twice; merge conservatively: all tags,
 * all children, locked if either says so, the later dates.
 */
function mergeByDigest(manifests) {
    const merged = new Map();
    for (const m of manifests) {
        const seen = merged.get(m.digest);
        if (!seen) {
            merged.set(m.digest, { ...m, tags: [...m.tags], children: [...m.children] });
            continue;
        }
        const later = (a, b) => (a.getTime() >= b.getTime() ? a : b);
        merged.set(m.digest, {
            ...seen,
            createdOn: later(seen.createdOn, m.createdOn),
            lastUpdatedOn: later(seen.lastUpdatedOn, m.lastUpdatedOn),
            tags: [...new Set([...seen.tags, ...m.tags])],
            children: [...new Set([...seen.children, ...m.children])],
            deleteEnabled: seen.deleteEnabled && m.deleteEnabled,
            writeEnabled: seen.writeEnabled !== false && m.writeEnabled !== false,
            ...((seen.subject ?? m.subject) && { subject: seen.subject ?? m.subject }),
            ...((seen.mediaType ?? m.mediaType) && { mediaType: seen.mediaType ?? m.mediaType }),
        });
    }
    return [...merged.values()];
}
/**
 * Every index before its manifests and every referrer before its subject, otherwise in
 * listing order: a depth-first walk that emits what must go first before each manifest.
 */
function deletionOrder(order, doomed, nodes) {
    const out = [];
    const state = new Map();
    const visit = (digest) => {
        if (state.has(digest))
            return; // 'visiting' would be a cycle, impossible for digests
        state.set(digest, 'visiting');
        const node = nodes.get(digest);
        for (const before of [...node.parents, ...node.referrers]) {
            if (doomed.has(before))
                visit(before);
        }
        state.set(digest, 'done');
        out.push(digest);
    };
    for (const digest of order)
        if (doomed.has(digest))
            visit(digest);
    return out;
}

;// CONCATENATED MODULE: ./src/cleanup/pace.ts

/** Per minute (MicrosoftDocs `includes/container-registry-limits.md`). */
const SKU_OPS = {
    basic: { readOps: 1000, writeOps: 100 },
    standard: { readOps: 3000, writeOps: 500 },
    premium: { readOps: 10000, writeOps: 2000 },
};
/** The share of each budget a cleanup takes, leaving room for pushes and pulls meanwhile. */
const SHARE = 0.8;
/**
 * Keeps a cleanup under the registry's per-minute ReadOps and WriteOps: each request takes
 * a slot in the current window, and waits for the next window when 80 % of the budget is
 * spent. A 429 pauses every request until its `Retry-After`, so one answer slows them all
 * instead of each finding out for itself.
 */
class OpsPacer {
    windowMs;
    now;
    sleep;
    limits;
    window = { start: -Infinity, read: 0, write: 0 };
    pausedUntil = 0;
    /** Requests made, and waits taken, for the report and the bench. */
    counts = { read: 0, write: 0, waits: 0, throttled: 0 };
    constructor(sku, options = {}) {
        this.windowMs = options.windowMs ?? 60_000;
        this.now = options.now ?? Date.now;
        this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        const ops = SKU_OPS[sku];
        this.limits = {
            read: Math.max(1, Math.floor(ops.readOps * SHARE)),
            write: Math.max(1, Math.floor(ops.writeOps * SHARE)),
        };
    }
    /** Waits until a request of this kind fits the budget, and counts it. */
    async take(kind) {
        for (;;) {
            const now = this.now();
            if (now < this.pausedUntil) {
                this.counts.waits++;
                await this.sleep(this.pausedUntil - now);
                continue;
            }
            if (now - this.window.start >= this.windowMs)
                this.window = { start: now, read: 0, write: 0 };
            if (this.window[kind] < this.limits[kind]) {
                this.window[kind]++;
                this.counts[kind]++;
                return;
            }
            this.counts.waits++;
            await this.sleep(this.window.start + this.windowMs - now);
        }
    }
    /** The registry said 429: everyone waits this long (at least a second). */
    throttled(retryAfter) {
        this.counts.throttled++;
        this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(retryAfter ?? 0, 1000));
    }
}
const kindOf = (method) => method === 'GET' || method === 'HEAD' ? 'read' : 'write';
/** Our registry client's transport, paced. Token requests are not registry operations. */
function pacedSend(send, pacer) {
    return async (request) => {
        if (!request.url.pathname.startsWith('/oauth2/'))
            await pacer.take(kindOf(request.method));
        const response = await send(request);
        if (response.status === 429)
            pacer.throttled(retryAfterMs(response.headers['retry-after']));
        return response;
    };
}
/** The same for `@azure/container-registry`: a policy run before each try of each request. */
function pacingPolicy(pacer) {
    return {
        name: 'oci-push-ops-pacing',
        async sendRequest(request, next) {
            const path = new URL(request.url).pathname;
            if (!path.startsWith('/oauth2/'))
                await pacer.take(kindOf(request.method));
            const response = await next(request);
            if (response.status === 429) {
                pacer.throttled(retryAfterMs(response.headers.get('retry-after') ?? undefined));
            }
            return response;
        },
    };
}

// EXTERNAL MODULE: ./src/oci/digest.ts
var oci_digest = __nccwpck_require__(8825);
;// CONCATENATED MODULE: ./src/azure/acr.ts

/**
 * What oci-push does through ACR's own API (`/acr/v1/...`), with the real
 * `@azure/container-registry` client: read and set locks, and delete tags. Pushing never
 * goes through it (FACTS.md: its content client never checks for or mounts blobs).
 */
class AcrApi {
    credential;
    clients = new Map();
    constructor(credential) {
        this.credential = credential;
    }
    /** Of `tags`, those that exist and are locked against writes. */
    async lockedTags(host, repository, tags) {
        const locked = [];
        for (const tag of tags) {
            try {
                const properties = await (await this.client(host))
                    .getArtifact(repository, tag)
                    .getTagProperties(tag);
                if (properties.canWrite === false)
                    locked.push(tag);
            }
            catch (error) {
                if (acr_statusOf(error) !== 404)
                    throw describe(error, `Reading the lock on ${repository}:${tag}`, host, 'read');
            }
        }
        return locked;
    }
    /**
     * Locks a release: every manifest of its graph (an index and its children alike, so no
     * platform image can be deleted from under it) and its tags, against writes and deletes.
     */
    async lock(host, repository, manifests, tags) {
        const client = await this.client(host);
        const locked = { canWrite: false, canDelete: false };
        for (const digest of manifests) {
            try {
                await client.getArtifact(repository, digest).updateManifestProperties(locked);
            }
            catch (error) {
                throw describe(error, `Locking ${repository}@${digest}`, host, 'lock');
            }
        }
        for (const tag of tags) {
            try {
                await client.getArtifact(repository, tag).updateTagProperties(tag, locked);
            }
            catch (error) {
                throw describe(error, `Locking ${repository}:${tag}`, host, 'lock');
            }
        }
    }
    async deleteTag(host, repository, tag) {
        try {
            await (await this.client(host)).getArtifact(repository, tag).deleteTag(tag);
        }
        catch (error) {
            throw describe(error, `Deleting the tag ${repository}:${tag}`, host, 'delete');
        }
    }
    async client(host) {
        let client = this.clients.get(host);
        if (!client) {
            // Loaded only when needed: the Azure SDKs are most of the bundle.
            const { ContainerRegistryClient } = await Promise.all(/* import() */[__nccwpck_require__.e(830), __nccwpck_require__.e(738), __nccwpck_require__.e(659)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1659));
            client = new ContainerRegistryClient(`https://${host}`, this.credential);
            this.clients.set(host, client);
        }
        return client;
    }
}
/**
 * The passing tag a dev build gets on ACR with `dev-untag`, deleted right after: named for
 * the digest, so a re-run reuses it and a leftover says what it points at.
 */
function passingTag(digest) {
    return `oci-push-untag-${(0,oci_digest/* digestHex */.sU)(digest).slice(0, 32)}`;
}
/** The HTTP status an Azure SDK error (a `RestError`) carries, if any. */
function acr_statusOf(error) {
    const status = error.statusCode;
    return typeof status === 'number' ? status : undefined;
}
/**
 * The right each ACR call needs, and the role that gives it (learn.microsoft.com, ACR roles;
 * ABAC-enabled registries honour only the Repository roles).
 */
const NEEDED = {
    read: { right: 'read metadata', role: 'AcrPull', abac: 'Container Registry Repository Reader' },
    lock: {
        right: 'change metadata (lock)',
        role: 'AcrPush',
        abac: 'Container Registry Repository Writer',
    },
    delete: {
        right: 'delete tags',
        role: 'AcrDelete',
        abac: 'Container Registry Repository Contributor',
    },
};
function describe(error, operation, host, need) {
    const status = acr_statusOf(error);
    const message = error.message?.split('\n')[0] ?? String(error);
    const { right, role, abac } = NEEDED[need];
    // A valid identity whose roles lack the right gets 401 insufficient_scope (or 403).
    const hint = status === 401 || status === 403
        ? ` The identity signed in, but may not ${right} on ${host}: give it the ${role} role ` +
            `(or ${abac} if the registry has ABAC repository permissions enabled, where ` +
            `AcrPull/AcrPush/AcrDelete are not honoured).`
        : '';
    return new Error(`${operation} on ${host} failed${status ? ` (HTTP ${status})` : ''}: ${message}.${hint}`, { cause: error });
}

;// CONCATENATED MODULE: ./src/engine/limit.ts
/**
 * Runs `work` over `items` with at most `limit` in flight. After the first failure nothing
 * new starts; the in-flight ones finish, then the first error is thrown.
 */
async function forEachLimited(items, limit, work) {
    let next = 0;
    let failure;
    const worker = async () => {
        while (!failure && next < items.length) {
            const item = items[next++];
            try {
                await work(item);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (failure)
        throw failure.error;
}

;// CONCATENATED MODULE: ./src/oci/descriptor.ts


/** A manifest's JSON is not what it claims to be. */
class ManifestFormatError extends Error {
    name = 'ManifestFormatError';
}
/**
 * Parses a manifest's bytes to find its children. The bytes themselves are never
 * re-serialized: they are pushed as they are, so the digest holds end to end.
 * `declaredType` is the media type the manifest was referenced with (a descriptor's, or a
 * registry's Content-Type); the manifest's own `mediaType` field wins when present.
 */
function parseManifest(bytes, declaredType, where) {
    let json;
    try {
        json = JSON.parse(Buffer.from(bytes).toString('utf8'));
    }
    catch (error) {
        throw new ManifestFormatError(`${where}: manifest is not valid JSON (${String(error)})`);
    }
    if (!isObject(json))
        throw new ManifestFormatError(`${where}: manifest is not a JSON object`);
    const mediaType = typeof json.mediaType === 'string' ? json.mediaType : inferMediaType(json, declaredType);
    if (!(0,mediatypes/* isManifestMediaType */.CM)(mediaType)) {
        throw new ManifestFormatError(`${where}: unsupported manifest media type "${mediaType}"`);
    }
    const subject = json.subject === undefined ? undefined : toDescriptor(json.subject, `${where} subject`);
    if ((0,mediatypes/* isIndexMediaType */.$$)(mediaType)) {
        const manifests = arrayOf(json.manifests, `${where} manifests`).map((entry, i) => toDescriptor(entry, `${where} manifests[${i}]`));
        return { mediaType, blobs: [], manifests, ...(subject && { subject }) };
    }
    const config = toDescriptor(json.config, `${where} config`);
    const layers = arrayOf(json.layers, `${where} layers`).map((entry, i) => toDescriptor(entry, `${where} layers[${i}]`));
    return { mediaType, blobs: [config, ...layers], manifests: [], ...(subject && { subject }) };
}
/** An OCI manifest may omit `mediaType`; then its shape tells (image-spec `manifest.md`). */
function inferMediaType(json, declaredType) {
    if ((0,mediatypes/* isManifestMediaType */.CM)(declaredType))
        return declaredType;
    if (Array.isArray(json.manifests))
        return mediatypes/* MediaType */.zu.OciIndex;
    if (json.config !== undefined)
        return mediatypes/* MediaType */.zu.OciManifest;
    return declaredType;
}
function toDescriptor(value, where) {
    if (!isObject(value))
        throw new ManifestFormatError(`${where}: not a descriptor object`);
    const { mediaType, digest, size } = value;
    if (typeof mediaType !== 'string' || mediaType === '') {
        throw new ManifestFormatError(`${where}: descriptor has no mediaType`);
    }
    if (typeof digest !== 'string' || !(0,oci_digest/* isDigest */.Bc)(digest)) {
        throw new ManifestFormatError(`${where}: descriptor digest "${String(digest)}" ${(0,oci_digest/* digestProblem */.WQ)(digest)}`);
    }
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
        throw new ManifestFormatError(`${where}: descriptor size "${String(size)}" is not a byte count`);
    }
    const descriptor = { mediaType, digest, size };
    if (isObject(value.annotations))
        descriptor.annotations = value.annotations;
    if (isObject(value.platform))
        descriptor.platform = value.platform;
    if (typeof value.artifactType === 'string')
        descriptor.artifactType = value.artifactType;
    return descriptor;
}
function arrayOf(value, where) {
    if (!Array.isArray(value))
        throw new ManifestFormatError(`${where}: not a list`);
    return value;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/cleanup/registry.ts






/** Manifests read at once per repository, to learn each one's subject and children. */
const READ_CONCURRENCY = 8;
/** Attempts per delete; the SDK retries 5xx itself underneath. */
const DELETE_ATTEMPTS = 3;
/** 429s waited out per delete before giving up: at a minute each, a quarter of an hour. */
const THROTTLED_ATTEMPTS = 15;
/**
 * Everything the planner needs about one repository, read in full or marked incomplete:
 * ACR's manifest listing (times, tags, locks), the properties of every tag the pattern could
 * delete, and each manifest itself, for its media type, its children and its `subject`,
 * which no listing carries. Any failure leaves `complete: false`, so nothing is deleted.
 */
async function readRepository(clients, repository, tagPattern) {
    const manifests = [];
    const tags = [];
    try {
        for await (const m of clients.acr.getRepository(repository).listManifestProperties()) {
            if (!(0,oci_digest/* isDigest */.Bc)(m.digest))
                throw new Error(`the listing holds a malformed digest ${m.digest}`);
            manifests.push({
                digest: m.digest,
                createdOn: m.createdOn,
                lastUpdatedOn: m.lastUpdatedOn,
                tags: [...m.tags],
                deleteEnabled: m.canDelete !== false,
                writeEnabled: m.canWrite !== false,
                children: m.relatedArtifacts
                    .map((r) => r.digest)
                    .filter((d) => (0,oci_digest/* isDigest */.Bc)(d ?? '')),
            });
        }
        const matches = tagPattern ? wholeTagMatcher(tagPattern) : undefined;
        const candidates = manifests.flatMap((m) => m.tags).filter((t) => matches?.(t));
        await forEachLimited(candidates, READ_CONCURRENCY, async (name) => {
            const t = await clients.acr.getArtifact(repository, name).getTagProperties(name);
            if (!(0,oci_digest/* isDigest */.Bc)(t.digest))
                throw new Error(`the tag ${name} names a malformed digest`);
            tags.push({
                name,
                digest: t.digest,
                createdOn: t.createdOn,
                lastUpdatedOn: t.lastUpdatedOn,
                deleteEnabled: t.canDelete !== false,
                writeEnabled: t.canWrite !== false,
            });
        });
        await forEachLimited(manifests, READ_CONCURRENCY, async (m) => {
            const { bytes, mediaType } = await clients.registry.getManifest(repository, m.digest);
            const parsed = parseManifest(bytes, mediaType, `${repository}@${m.digest}`);
            m.mediaType = parsed.mediaType;
            const children = new Set([...m.children, ...parsed.manifests.map((c) => c.digest)]);
            m.children = [...children];
            if (parsed.subject)
                m.subject = parsed.subject.digest;
        });
    }
    catch (error) {
        return {
            repository,
            manifests,
            tags,
            complete: false,
            problem: `reading ${repository} failed: ${error.message.split('\n')[0]}`,
        };
    }
    return { repository, manifests, tags, complete: true };
}
/**
 * Carries out one repository's plan as its contract says: tags first (untagging, which
 * leaves the manifest), then manifests in the plan's order, stopping at the first failure
 * so an index never loses a manifest it still lists.
 */
async function deletePlanned(acr, plan, sleep) {
    const done = { tags: [], manifests: [] };
    try {
        for (const tag of plan.deleteTags) {
            await retried(sleep, async () => {
                try {
                    await acr.getArtifact(plan.repository, tag.name).deleteTag(tag.name);
                }
                catch (error) {
                    if (acr_statusOf(error) !== 404)
                        throw error;
                }
            });
            done.tags.push(tag);
        }
        for (const digest of plan.deleteManifests) {
            await retried(sleep, async () => {
                try {
                    await acr.getArtifact(plan.repository, digest).delete();
                }
                catch (error) {
                    // Gone already: ACR removes a subject's referrers with it.
                    if (acr_statusOf(error) !== 404)
                        throw error;
                }
            });
            done.manifests.push(digest);
        }
    }
    catch (error) {
        done.error = error.message.split('\n')[0];
    }
    return done;
}
async function retried(sleep, work) {
    for (let attempt = 1, throttled = 0;; attempt++) {
        try {
            await work();
            return;
        }
        catch (error) {
            const status = acr_statusOf(error);
            // Throttling is the registry asking for patience, not a failure: wait it out (bounded).
            if (status === 429 && ++throttled <= THROTTLED_ATTEMPTS) {
                attempt--;
                await sleep(retryAfterOf(error) ?? 5_000);
                continue;
            }
            const transient = status === undefined || isRetryableStatus(status);
            if (!transient || attempt >= DELETE_ATTEMPTS)
                throw error;
            await sleep(500 * 2 ** (attempt - 1));
        }
    }
}
/** The `Retry-After` of an Azure SDK error's response, if it had one. */
function retryAfterOf(error) {
    const headers = error
        .response?.headers;
    const value = headers?.get?.('retry-after');
    return retryAfterMs(typeof value === 'string' ? value : undefined);
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: ./src/registry/chunks.ts


/**
 * Cuts one blob stream into consecutive request bodies of exact lengths, so a chunked upload
 * needs one source stream and one pass over the bytes. The stream verifies the blob itself.
 */
class ChunkReader {
    stream;
    size;
    where;
    chunks;
    leftover;
    offset;
    constructor(stream, size, where) {
        this.stream = stream;
        this.size = size;
        this.where = where;
        this.chunks = stream[Symbol.asyncIterator]();
        this.offset = 0;
    }
    /** The blob offset of the next byte this reader hands out. */
    get position() {
        return this.offset;
    }
    /** Reads past `length` bytes without sending them (catching up after a resume). */
    async skip(length) {
        for await (const piece of this.take(length))
            void piece;
    }
    /** The next `length` bytes as a stream, for one request body. */
    body(length) {
        return external_node_stream_.Readable.from(this.take(length), { objectMode: false });
    }
    /**
     * Checks that the stream ends where the blob does. A verifying source fails here, or
     * earlier, when the bytes don't match the digest.
     */
    async finish() {
        const extra = this.leftover?.length ?? 0;
        const next = extra > 0 ? undefined : await this.chunks.next();
        if (extra > 0 || (next && !next.done)) {
            throw new oci_digest/* SizeMismatchError */.Au(this.size, this.size + (extra || 1), this.where);
        }
    }
    close() {
        this.stream.destroy();
    }
    async *take(length) {
        let remaining = length;
        while (remaining > 0) {
            let piece = this.leftover;
            this.leftover = undefined;
            if (!piece) {
                const next = await this.chunks.next();
                if (next.done)
                    throw new oci_digest/* SizeMismatchError */.Au(this.size, this.offset, this.where);
                piece = next.value;
            }
            if (piece.length > remaining) {
                this.leftover = piece.subarray(remaining);
                piece = piece.subarray(0, remaining);
            }
            remaining -= piece.length;
            this.offset += piece.length;
            yield piece;
        }
    }
}
/**
 * The bytes a registry holds of an upload, from the `Range: 0-<last>` header of an upload
 * status or PATCH response (distribution-spec: an inclusive range). Distribution answers
 * `0-0` for an empty upload as well as for one byte, so `0-0` counts as nothing received:
 * resending one byte is harmless, skipping one is not.
 */
function receivedBytes(range) {
    const value = Array.isArray(range) ? range[0] : range;
    const match = value ? /^(?:bytes=)?0-(\d+)$/.exec(value.trim()) : null;
    if (!match)
        return undefined;
    const last = Number(match[1]);
    return last === 0 ? 0 : last + 1;
}

;// CONCATENATED MODULE: ./src/registry/scope.ts
function repositoryScope(repository, actions) {
    return `repository:${repository}:${[...actions].sort().join(',')}`;
}
/** Push needs `pull,push` (distribution token spec). */
function pushScopes(repository) {
    return [repositoryScope(repository, ['pull', 'push'])];
}
function pullScopes(repository) {
    return [repositoryScope(repository, ['pull'])];
}

;// CONCATENATED MODULE: ./src/registry/client.ts











/** Upload attempts per blob: each starts a new session (a resume doesn't count as one). */
const BLOB_UPLOAD_ATTEMPTS = 5;
/** Resumes per upload session after a dropped connection or a server error mid-chunk. */
const MAX_RESUMES = 8;
/**
 * Blobs up to this size go in one PUT; larger ones in PATCH chunks of this size, so a
 * dropped connection costs at most one chunk when the registry can resume.
 */
const DEFAULT_CHUNK_SIZE = 64 * 1024 * 1024;
/**
 * Reads of an answer cut partway through: a manifest or a page read whole is asked for again,
 * a blob is continued from where it was cut. The transport's own retries end once the headers
 * are in, so a body cut later is retried here, as often as a request is.
 */
const BODY_READ_ATTEMPTS = DEFAULT_RETRY_POLICY.attempts;
class RegistryClient {
    options;
    auth;
    /** Whether the registry serves the referrers API: unknown until first asked. */
    referrersApi;
    constructor(options) {
        this.options = options;
        this.auth = new RegistryAuth(options);
    }
    get host() {
        return this.options.endpoint.host;
    }
    /** Checks that the registry answers the API, and learns its auth scheme. */
    async ping() {
        await this.auth.ping();
    }
    async blobExists(repository, digest) {
        const res = await this.auth.send({ method: 'HEAD', url: blobUrl(this.options.endpoint, repository, digest) }, pushScopes(repository));
        await res.drain();
        if (res.status === 200)
            return true;
        if (res.status === 404)
            return false;
        throw await this.error(res, `Checking blob ${digest}`, repository);
    }
    /**
     * Puts a blob in `repository`: mounted from `mountFrom` when the registry agrees, else
     * uploaded, whole in one PUT when it is small and in PATCH chunks when it is large. A
     * chunked upload that loses its connection or gets a server error asks the registry how
     * far it got and continues from there. The registry checks the digest on the final PUT.
     */
    async pushBlob(repository, descriptor, options) {
        return this.again(BLOB_UPLOAD_ATTEMPTS, (error) => isTransient(error) || isLostSession(error), async (attempt) => {
            // An answer lost on the way back may hide an upload that did complete.
            if (attempt > 1 &&
                (await this.blobExists(repository, descriptor.digest).catch(() => false))) {
                return 'uploaded';
            }
            const session = await this.startUpload(repository, descriptor, options.mountFrom);
            if (session === 'mounted')
                return 'mounted';
            if (descriptor.size <= this.chunkSize) {
                await this.putWhole(repository, session, descriptor, options);
            }
            else {
                await this.putChunked(repository, session, descriptor, options);
            }
            return 'uploaded';
        });
    }
    /**
     * Runs `task` again (a new upload session, a new GET) while it fails in a way worth another
     * try, up to `attempts` times in all, pausing as the registry asks or with backoff.
     */
    async again(attempts, retryable, task) {
        for (let attempt = 1;; attempt++) {
            try {
                return await task(attempt);
            }
            catch (error) {
                if (!retryable(error) || attempt >= attempts)
                    throw error;
                await this.sleep(pauseFor(error, attempt));
            }
        }
    }
    get chunkSize() {
        return this.options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    }
    /** A cut answer read whole is asked for again as often as a request is retried. */
    get readOptions() {
        return { attempts: BODY_READ_ATTEMPTS, sleep: (ms) => this.sleep(ms) };
    }
    sleep(ms) {
        return (this.options.sleep ?? DEFAULT_RETRY_POLICY.sleep)(ms);
    }
    /**
     * Opens an upload session, or mounts (distribution-spec, "Mounting a blob from another
     * repository"): 201 means mounted; 202 is a session to upload into instead. A mount that
     * fails in any other way falls back to a plain session.
     */
    async startUpload(repository, descriptor, mountFrom) {
        const url = uploadStartUrl(this.options.endpoint, repository);
        if (mountFrom !== undefined && mountFrom !== repository) {
            const mountUrl = new URL(url);
            mountUrl.searchParams.set('mount', descriptor.digest);
            mountUrl.searchParams.set('from', mountFrom);
            try {
                const res = await this.auth.send({ method: 'POST', url: mountUrl }, [
                    ...pushScopes(repository),
                    ...pullScopes(mountFrom),
                ]);
                if (res.status === 201) {
                    await res.drain();
                    return 'mounted';
                }
                if (res.status === 202)
                    return this.session(res, repository, descriptor);
                await res.drain();
            }
            catch (error) {
                if (isTransient(error))
                    throw error;
                // Not allowed to read the other repository, or no mount support: upload instead.
            }
        }
        const res = await this.auth.send({ method: 'POST', url }, pushScopes(repository));
        if (res.status !== 202) {
            throw await this.error(res, `Starting the upload of ${descriptor.digest}`, repository);
        }
        return this.session(res, repository, descriptor);
    }
    async session(res, repository, descriptor) {
        const location = res.headers.location;
        await res.drain();
        if (!location) {
            throw new RegistryError(`Starting the upload of ${descriptor.digest}`, this.host, repository, res.status, [], 'The registry gave no upload Location.');
        }
        return { location: resolveLocation(location, res.url) };
    }
    /** Monolithic: the whole blob in the PUT that completes the session. */
    async putWhole(repository, session, descriptor, options) {
        const res = await this.auth.send({
            method: 'PUT',
            url: uploadCompleteUrl(session.location, descriptor.digest),
            headers: { 'content-type': 'application/octet-stream' },
            body: async () => counted(await options.open(), options.onBytes),
            contentLength: descriptor.size,
        }, pushScopes(repository));
        if (res.status !== 201)
            throw await this.error(res, `Uploading blob ${descriptor.digest}`, repository);
        await res.drain();
    }
    /**
     * Chunked: PATCH `Content-Range: start-end` (inclusive) chunk after chunk, each answer
     * naming the next Location, then an empty PUT with the digest. After a resume the blob is
     * read again from its start, verified as always, and the bytes the registry already holds
     * are skipped, so what completes the upload is checked end to end.
     */
    async putChunked(repository, session, descriptor, options) {
        const scopes = pushScopes(repository);
        const where = `blob ${descriptor.digest}`;
        let reader = new ChunkReader(await options.open(), descriptor.size, where);
        let location = session.location;
        let resumes = 0;
        try {
            while (reader.position < descriptor.size) {
                const start = reader.position;
                const end = Math.min(start + this.chunkSize, descriptor.size);
                let failure;
                try {
                    const res = await this.auth.send({
                        method: 'PATCH',
                        url: location,
                        headers: {
                            'content-type': 'application/octet-stream',
                            'content-range': `${start}-${end - 1}`,
                        },
                        body: () => counted(reader.body(end - start), options.onBytes),
                        contentLength: end - start,
                    }, scopes);
                    if (res.status === 202 && res.headers.location) {
                        location = resolveLocation(res.headers.location, res.url);
                        await res.drain();
                        continue;
                    }
                    failure = await this.error(res, `Uploading a chunk of ${descriptor.digest}`, repository);
                }
                catch (error) {
                    failure = error;
                }
                if (!isTransient(failure) || ++resumes > MAX_RESUMES)
                    throw failure;
                await this.sleep(pauseFor(failure, resumes));
                // Ask where the upload stands, and continue from there. A registry that lost track
                // (Distribution 2.8 does, once a cut PATCH left part of a chunk behind) answers with
                // an error: then the whole upload starts again in a new session.
                const status = await this.uploadStatus(repository, location).catch(() => undefined);
                if (!status || status.received < start || status.received > end)
                    throw failure;
                location = status.location;
                reader.close();
                reader = new ChunkReader(await options.open(), descriptor.size, where);
                await reader.skip(status.received);
            }
            // The source stream ends only once it has checked the digest: wait for that verdict.
            await reader.finish();
        }
        finally {
            reader.close();
        }
        const res = await this.auth.send({ method: 'PUT', url: uploadCompleteUrl(location, descriptor.digest) }, scopes);
        if (res.status !== 201)
            throw await this.error(res, `Completing the upload of ${descriptor.digest}`, repository);
        await res.drain();
    }
    /** `GET <location>`: 204 with how many bytes the registry holds and the session's Location. */
    async uploadStatus(repository, location) {
        const res = await this.auth.send({ method: 'GET', url: location }, pushScopes(repository));
        if (res.status !== 204)
            throw await this.error(res, 'Checking an interrupted upload', repository);
        await res.drain();
        const received = receivedBytes(res.headers.range);
        if (received === undefined) {
            throw new RegistryError('Checking an interrupted upload', this.host, repository, res.status, [], `The registry answered without a usable Range header (${String(res.headers.range)}).`);
        }
        const next = res.headers.location;
        return { received, location: next ? resolveLocation(next, res.url) : location };
    }
    /**
     * A blob's bytes as one stream, following redirects (credentials never go along to another
     * host). When the connection is cut partway, the rest is asked for with `Range: bytes=N-`
     * (distribution-spec, "Pulling blobs"); a registry that ignores the range answers 200, and
     * the bytes already passed on are skipped. `size` tells a cut that looked like an end from
     * the real end. The caller verifies the bytes.
     */
    async getBlob(repository, digest, size) {
        const url = blobUrl(this.options.endpoint, repository, digest);
        const request = async (offset) => {
            const res = await this.auth.send({ method: 'GET', url, ...(offset > 0 && { headers: { range: `bytes=${offset}-` } }) }, pullScopes(repository));
            if (offset > 0 && res.status === 206) {
                const start = /^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1];
                if (Number(start) === offset)
                    return { body: res.stream(), skip: 0 };
                await res.drain();
                throw new RegistryError(`Fetching blob ${digest} from byte ${offset}`, this.host, repository, 206, [], `The registry answered a different range (${String(res.headers['content-range'])}).`);
            }
            if (res.status !== 200)
                throw await this.error(res, `Fetching blob ${digest}`, repository);
            return { body: res.stream(), skip: offset };
        };
        // A GET that still fails after the transport's retries is tried again, as an upload
        // starts a new session: a source read gets the budget a target write has.
        const open = (offset) => this.again(BODY_READ_ATTEMPTS, isTransient, () => request(offset));
        const first = await open(0);
        const where = `${this.host}/${repository}: blob ${digest}`;
        return external_node_stream_.Readable.from(resumable(first.body, open, size, where, (ms) => this.sleep(ms)), {
            objectMode: false,
        });
    }
    /** HEAD a manifest by tag or digest; undefined when it isn't there. */
    async headManifest(repository, reference) {
        const res = await this.auth.send({
            method: 'HEAD',
            url: manifestUrl(this.options.endpoint, repository, reference),
            headers: { accept: mediatypes/* MANIFEST_ACCEPT */.dY },
        }, pullScopes(repository));
        await res.drain();
        if (res.status === 404)
            return undefined;
        if (res.status !== 200)
            throw await this.error(res, `Checking manifest ${reference}`, repository);
        const digest = String(res.headers['docker-content-digest'] ?? '');
        const info = {
            mediaType: String(res.headers['content-type'] ?? ''),
            size: Number(res.headers['content-length'] ?? 0),
        };
        if ((0,oci_digest/* isDigest */.Bc)(digest))
            return { digest, ...info };
        if ((0,oci_digest/* isDigest */.Bc)(reference))
            return { digest: reference, ...info };
        // A registry that doesn't name the digest on HEAD: fetch the manifest and hash it, since
        // what a tag points at decides whether a release is refused.
        const { bytes: _bytes, ...fetched } = await this.getManifest(repository, reference);
        return fetched;
    }
    async getManifest(repository, reference) {
        const { res, bytes } = await readWhole(() => this.auth.send({
            method: 'GET',
            url: manifestUrl(this.options.endpoint, repository, reference),
            headers: { accept: mediatypes/* MANIFEST_ACCEPT */.dY },
        }, pullScopes(repository)), async (res) => {
            if (res.status !== 200)
                throw await this.error(res, `Fetching manifest ${reference}`, repository);
            return { res, bytes: await res.buffer() };
        }, this.readOptions);
        const digest = (0,oci_digest/* digestOf */.ol)(bytes);
        if ((0,oci_digest/* isDigest */.Bc)(reference) && digest !== reference) {
            throw new RegistryError(`Fetching manifest ${reference}`, this.host, repository, 200, [], `The registry returned content with digest ${digest}.`);
        }
        return {
            bytes,
            digest,
            mediaType: String(res.headers['content-type'] ?? ''),
            size: bytes.length,
        };
    }
    /**
     * PUT a manifest's exact bytes by digest or tag, and check that the registry computed the
     * same digest (`Docker-Content-Digest`), so what we report is what it stored.
     */
    async putManifest(repository, reference, bytes, mediaType) {
        return (await this.pushManifest(repository, reference, bytes, mediaType)).digest;
    }
    /**
     * `putManifest`, also telling whether the registry indexed the manifest's `subject`: it
     * then answers with `OCI-Subject` (distribution-spec "Pushing Manifests with Subject");
     * without it, the client keeps the fallback tag itself.
     */
    async pushManifest(repository, reference, bytes, mediaType) {
        const digest = (0,oci_digest/* digestOf */.ol)(bytes);
        const res = await this.auth.send({
            method: 'PUT',
            url: manifestUrl(this.options.endpoint, repository, reference),
            headers: { 'content-type': mediaType },
            body: bytes,
        }, pushScopes(repository));
        if (res.status !== 201)
            throw await this.error(res, `Pushing manifest ${reference}`, repository);
        await res.drain();
        const reported = res.headers['docker-content-digest'];
        if (reported !== undefined && reported !== digest) {
            throw new RegistryError(`Pushing manifest ${reference}`, this.host, repository, res.status, [], `The registry reports digest ${String(reported)} for a manifest whose digest is ${digest}; it may have rewritten it.`);
        }
        return { digest, subjectIndexed: res.headers['oci-subject'] !== undefined };
    }
    /**
     * The referrers of `digest` through the referrers API, every page of them; undefined when
     * the registry answers 404, which the spec reserves for registries without the API (they
     * are read through the fallback tag `sha256-<hex>` instead). A registry without the API is
     * not asked again in this run.
     */
    async getReferrers(repository, digest) {
        if (this.referrersApi === false)
            return undefined;
        const referrers = [];
        let url = referrersUrl(this.options.endpoint, repository, digest);
        while (url) {
            const page = url;
            const answer = await readWhole(() => this.auth.send({ method: 'GET', url: page, headers: { accept: mediatypes/* MediaType */.zu.OciIndex } }, pullScopes(repository)), async (res) => {
                if (res.status === 404) {
                    await res.drain();
                    return undefined;
                }
                if (res.status !== 200)
                    throw await this.error(res, `Listing the referrers of ${digest}`, repository);
                return { res, text: await res.text() };
            }, this.readOptions);
            if (!answer) {
                this.referrersApi = false;
                return undefined;
            }
            this.referrersApi = true;
            const where = `${this.host}/${repository}: referrers of ${digest}`;
            let index;
            try {
                index = JSON.parse(answer.text);
            }
            catch {
                throw new RegistryError(`Listing the referrers of ${digest}`, this.host, repository, 200, [], 'The registry answered with something that is not JSON.');
            }
            const entries = Array.isArray(index.manifests) ? index.manifests : [];
            referrers.push(...entries.map((e, i) => toDescriptor(e, `${where} [${i}]`)));
            url = nextPage(answer.res);
        }
        return referrers;
    }
    /**
     * Every tag, following `Link` pages. `pageSize` asks for pages of that many (`?n=`). A
     * missing repository is no tags; a page that fails or vanishes after the first is an
     * error, never a shorter list.
     */
    async listTags(repository, options = {}) {
        const tags = [];
        let url = tagListUrl(this.options.endpoint, repository);
        if (options.pageSize)
            url.searchParams.set('n', String(options.pageSize));
        for (let page = 1; url; page++) {
            const current = url;
            const answer = await readWhole(() => this.auth.send({ method: 'GET', url: current }, pullScopes(repository)), async (res) => {
                if (res.status === 404 && page === 1) {
                    await res.drain();
                    return undefined;
                }
                if (res.status !== 200) {
                    throw await this.error(res, `Listing tags (page ${page}, after ${tags.length} tags)`, repository);
                }
                return { res, text: await res.text() };
            }, this.readOptions);
            if (!answer)
                return tags;
            const body = JSON.parse(answer.text);
            tags.push(...(body.tags ?? []));
            url = nextPage(answer.res);
        }
        return tags;
    }
    error(res, operation, repository) {
        return registryErrorFrom(res, { operation, registry: this.host, repository });
    }
}
/** RFC 5988 `Link: <url>; rel="next"` pagination (distribution-spec, "Listing Tags"). */
function nextPage(res) {
    const link = res.headers.link;
    const match = typeof link === 'string' ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
    return match?.[1] ? new URL(match[1], res.url) : undefined;
}
/** Worth another attempt: the connection failed, or the registry answered 408, 429 or 5xx. */
function isTransient(error) {
    return (error instanceof NetworkError ||
        (error instanceof RegistryError && isRetryableStatus(error.status)));
}
/**
 * The registry no longer knows the upload session (it expired, or a cut request left it
 * inconsistent): a new session can succeed where this one can't.
 */
function isLostSession(error) {
    return (error instanceof RegistryError &&
        (error.code === 'BLOB_UPLOAD_UNKNOWN' || error.code === 'BLOB_UPLOAD_INVALID'));
}
/** The registry's Retry-After when it gave one, else exponential backoff with jitter. */
function pauseFor(error, attempt) {
    const retryAfter = error instanceof RegistryError ? error.retryAfterMs : undefined;
    return retryAfter ?? backoffMs(DEFAULT_RETRY_POLICY, attempt);
}
/** Reports the bytes flowing through a body to `onBytes`; the source's errors pass through. */
function counted(stream, onBytes) {
    if (!onBytes)
        return stream;
    const counter = new external_node_stream_.Transform({
        transform(chunk, _encoding, done) {
            onBytes(chunk.length);
            done(null, chunk);
        },
    });
    stream.once('error', (error) => counter.destroy(error));
    counter.once('close', () => stream.destroy());
    return stream.pipe(counter);
}
/**
 * A blob body that goes on across cuts: whatever ends it early (an error, or an end before
 * `size` bytes) opens the rest with `open(offset)`, skipping what a registry without range
 * support sends again. Gives up after `BODY_READ_ATTEMPTS` cuts, saying where.
 */
async function* resumable(first, open, size, where, sleep) {
    let body = first;
    let skip = 0;
    let position = 0;
    try {
        for (let cuts = 0;;) {
            let cause;
            try {
                for await (const chunk of body) {
                    let piece = chunk;
                    if (skip > 0) {
                        const dropped = Math.min(skip, piece.length);
                        piece = piece.subarray(dropped);
                        skip -= dropped;
                    }
                    if (piece.length === 0)
                        continue;
                    position += piece.length;
                    yield piece;
                }
                if (size === undefined || position >= size)
                    return;
                cause = new Error(`the answer ended after ${position} of ${size} bytes`);
            }
            catch (error) {
                if (error instanceof DeadlineError)
                    throw error;
                cause = error;
            }
            const message = cause instanceof Error ? cause.message : String(cause);
            if (++cuts > BODY_READ_ATTEMPTS) {
                throw new NetworkError(`${where}: the download was cut ${cuts} times, the last at byte ${position}` +
                    `${size === undefined ? '' : ` of ${size}`} (${message})`, cause.code ?? 'ECONNRESET');
            }
            body.destroy();
            await sleep(backoffMs(DEFAULT_RETRY_POLICY, cuts));
            ({ body, skip } = await open(position));
        }
    }
    finally {
        // A consumer that stops early must not leave the connection half-read.
        if (!body.readableEnded)
            body.destroy();
    }
}

;// CONCATENATED MODULE: ./src/oci/reference.ts

/**
 * Repository path grammar (distribution-spec `spec.md`, "Pulling manifests"):
 * lowercase components separated by `/`, each made of alphanumerics joined by `.`, `_`,
 * `__` or dashes.
 */
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
/** A DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;
/** A reference's input was malformed; `message` says which part and why. */
class InvalidReferenceError extends Error {
    name = 'InvalidReferenceError';
}
function isRepository(value) {
    return value.length <= 255 && REPOSITORY.test(value);
}
function isTag(value) {
    return TAG.test(value);
}
function isHost(value) {
    return HOST.test(value);
}
function parseRepository(value, what) {
    if (!isRepository(value)) {
        throw new InvalidReferenceError(`${what} "${value}" is not a valid repository path: use lowercase letters, digits and ` +
            `separators (. _ __ -) in components joined by "/", e.g. giantswarm/my-app`);
    }
    return value;
}
function parseHost(value, what) {
    if (value.includes('@')) {
        throw new InvalidReferenceError(`${what} has a user name or password before the host ("user:password@"); it is not ` +
            'shown, as it may hold a secret. Give the host alone, and the credential in `credentials`');
    }
    if (!isHost(value)) {
        throw new InvalidReferenceError(`${what} "${value}" is not a registry host: use a host name with an optional port, ` +
            `e.g. gsoci.azurecr.io or 127.0.0.1:5000`);
    }
    const port = /:(\d+)$/.exec(value)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
        throw new InvalidReferenceError(`${what} "${value}" has the port ${port}, and a port is a number from 1 to 65535`);
    }
    return value;
}
const SOURCE_TRANSPORTS = [
    'oci',
    'oci-archive',
    'docker-archive',
    'docker-daemon',
    'docker',
];
const EXAMPLES = 'oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:NAME:TAG], ' +
    'docker-daemon:NAME:TAG, docker://HOST/REPO[:TAG|@DIGEST]';
/** Docker Hub's name in references; the registry API itself answers elsewhere. */
const DOCKER_HUB = 'docker.io';
/**
 * The host to send registry API requests to for a reference's host. Docker Hub images are
 * named `docker.io/...`, but docker.io does not serve `/v2/`: registry-1.docker.io does.
 */
function apiHost(host) {
    return host === DOCKER_HUB ? 'registry-1.docker.io' : host;
}
/**
 * Parses the `image` input. As in containers/image, a file or directory path ends at the
 * first `:` after the transport, so `oci:./build/layout:app` is the layout `./build/layout`,
 * entry `app`, and `docker-archive:img.tar:localhost:5000/app:1.0` names the image
 * `localhost:5000/app:1.0` in `img.tar`.
 */
function parseSourceReference(value, what = 'image') {
    if (hasUserinfo(value)) {
        throw new InvalidReferenceError(`${what} has a user name or password before the registry host (docker://USER:PASSWORD@HOST/...); ` +
            'it is not shown, as it may hold a secret. Write docker://HOST/REPO:TAG and put the ' +
            'credential in `credentials` (HOST=USERNAME:PASSWORD), or log in with docker/login-action');
    }
    const colon = value.indexOf(':');
    const transport = colon < 0 ? '' : value.slice(0, colon);
    const rest = value.slice(colon + 1);
    const fail = (problem) => {
        throw new InvalidReferenceError(`${what} "${value}" ${problem}`);
    };
    switch (transport) {
        case 'oci':
        case 'oci-archive': {
            const [path, ref] = splitPath(rest);
            if (path === '')
                fail(`has no ${transport === 'oci' ? 'directory' : 'file'} after "${transport}:"`);
            if (ref === '')
                fail('ends in ":" with no entry name');
            return { transport, path, ...(ref !== undefined && { ref }) };
        }
        case 'docker-archive': {
            const [path, name] = splitPath(rest);
            if (path === '')
                fail('has no file after "docker-archive:"');
            if (name === undefined)
                return { transport, path };
            if (name.startsWith('@')) {
                if (!/^@(?:0|[1-9][0-9]{0,5})$/.test(name)) {
                    fail(`ends in "${name}": an index into the archive is @ and a number, e.g. @0`);
                }
                return { transport, path, index: Number(name.slice(1)) };
            }
            return { transport, path, name: taggedName(name, value, what) };
        }
        case 'docker-daemon':
            if (rest === '')
                fail('has no image after "docker-daemon:"; write docker-daemon:NAME:TAG');
            // An image ID (`sha256:<hex>`) is what `docker save` also accepts.
            return { transport, name: (0,oci_digest/* isDigest */.Bc)(rest) ? rest : taggedName(rest, value, what, true) };
        case 'docker': {
            if (!rest.startsWith('//'))
                fail('is missing "//" after "docker:"; write docker://HOST/REPO:TAG');
            return { transport, ...parseImageName(rest.slice(2), `${what} "${value}"`, true) };
        }
        default:
            return fail(`does not start with a known transport (${SOURCE_TRANSPORTS.map((t) => `${t}:`).join(', ')}); ` +
                (looksLikeImageName(value)
                    ? `for an image in a registry write docker://${value}`
                    : `write one of ${EXAMPLES}`));
    }
}
/**
 * `docker://alice:pw@host/app`, or the same without `docker://`: an `@` before the first `/`
 * of a registry name is userinfo, never part of an image name (a digest's `@` comes after
 * the repository, or right before `sha256:` in `docker-daemon:NAME@sha256:...`). Paths of the
 * file transports may hold `@`, so they are left alone.
 */
function hasUserinfo(value) {
    const fileTransport = /^(?:oci|oci-archive|docker-archive):/.test(value);
    const name = value.replace(/^docker:\/\//, '').replace(/^docker-daemon:/, '');
    return !fileTransport && /^[^/]*@(?!sha256:)/.test(name);
}
/** `ghcr.io/org/app:1.0` without a transport: the user most likely meant docker://. */
function looksLikeImageName(value) {
    if (!/^[a-z0-9]/.test(value))
        return false;
    try {
        parseImageName(value, '');
        return value.includes('/');
    }
    catch {
        return false;
    }
}
/** `PATH` or `PATH:REST`: containers/image ends a path at its first colon. */
function splitPath(rest) {
    const colon = rest.indexOf(':');
    return colon < 0 ? [rest, undefined] : [rest.slice(0, colon), rest.slice(colon + 1)];
}
/** A `NAME[:TAG]` (or, where `digestAllowed`, `NAME@DIGEST`), as written; `:latest` if untagged. */
function taggedName(text, value, what, digestAllowed = false) {
    const name = parseImageName(text, `${what} "${value}"`, digestAllowed);
    // parseImageName fills in `latest`; write it out, so `docker save` picks one image, not all.
    return name.digest !== undefined || text.endsWith(`:${name.tag}`) ? text : `${text}:latest`;
}
/**
 * An image name as docker reads it (distribution `reference/normalize.go`): the first
 * component is a registry host when it has a `.` or `:` or is `localhost`; otherwise the image
 * is on Docker Hub, where a one-component name is an official image under `library/`. No tag
 * and no digest means `latest`. `where` starts every error message.
 */
function parseImageName(text, where, digestAllowed = true) {
    const at = text.indexOf('@');
    const beforeDigest = at < 0 ? text : text.slice(0, at);
    const digest = at < 0 ? undefined : text.slice(at + 1);
    const slash = beforeDigest.lastIndexOf('/');
    const tagColon = beforeDigest.indexOf(':', slash + 1);
    const name = tagColon < 0 ? beforeDigest : beforeDigest.slice(0, tagColon);
    const tag = tagColon < 0 ? undefined : beforeDigest.slice(tagColon + 1);
    if (name === '')
        throw new InvalidReferenceError(`${where} has no image name`);
    if (digest !== undefined) {
        if (!digestAllowed) {
            throw new InvalidReferenceError(`${where}: name the image by NAME:TAG here, not by digest`);
        }
        if (!(0,oci_digest/* isDigest */.Bc)(digest)) {
            throw new InvalidReferenceError(`${where}: "${digest}" ${(0,oci_digest/* digestProblem */.WQ)(digest)}`);
        }
        if (tag !== undefined) {
            throw new InvalidReferenceError(`${where} has both a tag and a digest; keep one (the digest pins the image)`);
        }
    }
    if (tag !== undefined && !isTag(tag)) {
        throw new InvalidReferenceError(`${where}: "${tag}" is not a valid tag (letters, digits, _ . -; at most 128, not starting with . or -)`);
    }
    const firstSlash = name.indexOf('/');
    const first = firstSlash < 0 ? '' : name.slice(0, firstSlash);
    const hasHost = first.includes('.') || first.includes(':') || first === 'localhost';
    let host = hasHost ? first : DOCKER_HUB;
    let repository = hasHost ? name.slice(firstSlash + 1) : name;
    if (host === 'index.docker.io')
        host = DOCKER_HUB;
    if (hasHost && !isHost(host)) {
        throw new InvalidReferenceError(`${where}: "${host}" is not a registry host name`);
    }
    if (!isRepository(repository)) {
        throw new InvalidReferenceError(`${where}: "${repository}" is not a valid repository path (lowercase letters, digits and ` +
            `separators . _ __ - in components joined by "/")`);
    }
    // Docker Hub's official images live under library/.
    if (host === DOCKER_HUB && !repository.includes('/'))
        repository = `library/${repository}`;
    return {
        host,
        repository,
        ...(digest !== undefined ? { digest: digest } : { tag: tag ?? 'latest' }),
    };
}
/** `host/repository:tag` or `host/repository@digest`, fully qualified, for comparing names. */
function canonicalImageName(name) {
    const reference = name.digest !== undefined ? `@${name.digest}` : `:${name.tag ?? 'latest'}`;
    return `${name.host}/${name.repository}${reference}`;
}
/** The reference as the user could write it again. */
function formatSourceReference(ref) {
    switch (ref.transport) {
        case 'oci':
        case 'oci-archive':
            return `${ref.transport}:${ref.path}${ref.ref === undefined ? '' : `:${ref.ref}`}`;
        case 'docker-archive': {
            const pick = ref.name ?? (ref.index === undefined ? undefined : `@${ref.index}`);
            return `docker-archive:${ref.path}${pick === undefined ? '' : `:${pick}`}`;
        }
        case 'docker-daemon':
            return `docker-daemon:${ref.name}`;
        case 'docker':
            return `docker://${canonicalImageName(ref)}`;
    }
}

;// CONCATENATED MODULE: ./src/jobs/inputs.ts
/**
 * The input helpers every face shares: the action reads inputs by name from the runner, the
 * CLI from flags and `OCI_PUSH_*`; both hand the same parsers a getter, so a value means
 * the same thing wherever it is written.
 */
/** An input's value is wrong; the message starts with the input's name. */
class InputError extends Error {
    name = 'InputError';
}
/** `true`/`false` as YAML 1.2 core schema spells them (what `core.getBooleanInput` accepts). */
function parseBoolean(name, value, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(`${name}: "${value}" is not true or false`);
}
function oneOf(name, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new InputError(`${name}: "${value}" is not one of ${allowed.join(', ')}`);
}
/** Runs a parser, turning its error into an InputError that starts with the input's name. */
function wrap(input, parse) {
    try {
        return parse();
    }
    catch (error) {
        if (error instanceof InputError)
            throw error;
        const message = error.message;
        throw new InputError(message.startsWith(input) ? message : `${input}: ${message}`);
    }
}

;// CONCATENATED MODULE: ./src/jobs/azure-login.ts


const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
/**
 * The keyless Azure login inputs, as every face and action spells them: `azure-client-id`
 * and `azure-tenant-id` together or not at all, `azure-authority-host` for sovereign clouds,
 * `azure-audience` for the GitHub OIDC token. Undefined when no login is asked for.
 */
function parseAzureLogin(get) {
    const value = (name) => get(name).trim();
    const clientId = value('azure-client-id');
    const tenantId = value('azure-tenant-id');
    const authorityHost = value('azure-authority-host');
    if (authorityHost)
        checkAuthorityHost(authorityHost);
    if (!clientId && !tenantId)
        return undefined;
    if (!clientId || !tenantId) {
        const missing = clientId ? 'azure-tenant-id' : 'azure-client-id';
        const given = clientId ? 'azure-client-id' : 'azure-tenant-id';
        throw new InputError(`${missing}: required with \`${given}\`; keyless Azure login needs both (the app ` +
            'registration and its tenant)');
    }
    if (!GUID.test(clientId)) {
        throw new InputError(`azure-client-id: "${clientId}" is not a GUID (the app's client id)`);
    }
    if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
        throw new InputError(`azure-tenant-id: "${tenantId}" is not a tenant GUID or domain`);
    }
    return {
        clientId,
        tenantId,
        ...(authorityHost && { authorityHost: authorityHost.replace(/\/$/, '') }),
        audience: value('azure-audience') || DEFAULT_AZURE_AUDIENCE,
    };
}
function checkAuthorityHost(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        url = undefined;
    }
    if (url?.protocol !== 'https:' || (url.pathname !== '/' && url.pathname !== '')) {
        throw new InputError(`azure-authority-host: "${text}" is not an https URL of a host, e.g. https://login.chinacloudapi.cn`);
    }
}

;// CONCATENATED MODULE: ./src/jobs/cleanup-inputs.ts





function parseCleanupInputs(get) {
    const warnings = [];
    const value = (name) => get(name).trim();
    const registryText = value('registry');
    if (!registryText)
        throw new InputError('registry: required, e.g. gsoci.azurecr.io');
    const registry = wrap('registry', () => parseHost(registryText, 'registry'));
    const repositories = parseRepositoryGlobs(get('repositories'));
    const olderThan = parseOlderThan(value('older-than'));
    if (olderThan.ms < HOUR) {
        warnings.push(`older-than: ${olderThan.text} is under an hour. A push in progress uploads an index's ` +
            'manifests untagged before the index itself, so a cleanup this eager can delete them ' +
            'mid-push; 1h or more is safer');
    }
    const untagged = parseBoolean('untagged', value('untagged'), true);
    const tagPatternText = get('tag-pattern').trim();
    const tagPattern = tagPatternText ? parseTagPattern(tagPatternText) : undefined;
    if (!untagged && !tagPattern) {
        throw new InputError('untagged, tag-pattern: with `untagged: false` and no `tag-pattern` nothing can be deleted; ' +
            'set `untagged: true`, a `tag-pattern`, or both');
    }
    const keep = parseKeep(value('keep'));
    const dryRun = parseBoolean('dry-run', value('dry-run'), false);
    const sku = oneOf('registry-sku', value('registry-sku').toLowerCase() || 'basic', [
        'basic',
        'standard',
        'premium',
    ]);
    const azure = parseAzureLogin(get);
    return {
        registry,
        repositories,
        olderThan,
        untagged,
        ...(tagPattern && { tagPattern }),
        keep,
        dryRun,
        sku,
        ...(azure && { azure }),
        warnings,
    };
}
/** The planner's rules from the inputs, at `now`. */
function cleanupRules(inputs, now) {
    return {
        now,
        olderThanMs: inputs.olderThan.ms,
        untagged: inputs.untagged,
        ...(inputs.tagPattern && { tagPattern: inputs.tagPattern }),
        keep: inputs.keep,
    };
}
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const UNITS = { m: MINUTE, h: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR };
/** `30m`, `36h`, `7d`, `2w`: a whole positive number and one unit. */
function parseOlderThan(text) {
    const hint = 'a whole number and a unit: 30m, 36h, 7d or 2w';
    if (text === '')
        throw new InputError(`older-than: required; ${hint}`);
    if (text.startsWith('-'))
        throw new InputError(`older-than: "${text}" is negative; ${hint}`);
    if (/^\d+$/.test(text)) {
        throw new InputError(`older-than: "${text}" has no unit; write ${text}d for days (${hint})`);
    }
    const match = /^(\d+)(m|h|d|w)$/.exec(text);
    if (!match)
        throw new InputError(`older-than: "${text}" is not ${hint}`);
    const amount = Number(match[1]);
    if (amount === 0) {
        throw new InputError(`older-than: "${text}" is zero, which would make everything old enough; ${hint}`);
    }
    const ms = amount * UNITS[match[2]];
    if (!Number.isSafeInteger(ms))
        throw new InputError(`older-than: "${text}" is too large`);
    return { text, ms };
}
/**
 * Release tags look like these. They are immutable (FACTS.md: a branch build once overwrote a
 * released chart), so a scheduled job never gets to delete them: a pattern that matches one as
 * a whole tag is refused, not merely warned about.
 */
const RELEASE_TAG_PROBES = [
    '1.2.3',
    '0.1.0',
    '10.20.30',
    'v1.2.3',
    '1.2.3-rc.1',
    '1.2.3-alpha.1',
    '1.2.3_build.5',
    'latest',
];
function parseTagPattern(text) {
    let pattern;
    try {
        pattern = new RegExp(text);
    }
    catch (error) {
        throw new InputError(`tag-pattern: "${text}" is not a JavaScript regular expression (${error.message})`);
    }
    const matches = wholeTagMatcher(pattern);
    const release = RELEASE_TAG_PROBES.find((tag) => matches(tag));
    if (release !== undefined) {
        throw new InputError(`tag-pattern: "${text}" matches the release tag "${release}", and release tags are never ` +
            'deleted by this action. The pattern is matched against whole tags; narrow it to dev ' +
            'tags, e.g. ^dev-.+$ or ^\\d+\\.\\d+\\.\\d+-[0-9a-f]{40}$');
    }
    return pattern;
}
function parseKeep(text) {
    if (text === '')
        return 0;
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
        throw new InputError(`keep: "${text}" is not a whole number of 0 or more`);
    }
    return Number(text);
}
/** One glob per line; blank lines and `# comments` are ignored. At least one is required. */
function parseRepositoryGlobs(text) {
    const globs = [];
    for (const [i, raw] of text.split('\n').entries()) {
        const glob = raw.replace(/#.*/, '').trim();
        if (!glob)
            continue;
        wrap(`repositories line ${i + 1}`, () => globToRegExp(glob));
        if (!globs.includes(glob))
            globs.push(glob);
    }
    if (globs.length === 0) {
        throw new InputError('repositories: required, one glob per line (e.g. giantswarm/*); to clean every ' +
            'repository say so with **');
    }
    return globs;
}

;// CONCATENATED MODULE: ./src/jobs/cleanup.ts








/** Repositories read and cleaned at once; deletes within one repository go one by one. */
const REPOSITORY_CONCURRENCY = 4;
/**
 * One scheduled cleanup of one registry: log in keyless, list the repositories the globs
 * select, read each in full, plan (pure), and carry out the plans unless it is a dry run.
 * A repository that can't be read in full is planned as incomplete: nothing is deleted there.
 */
async function runCleanup(inputs, deps) {
    const login = inputs.azure;
    if (!login) {
        throw new Error("azure-client-id, azure-tenant-id: the cleanup works through ACR's own API, which takes " +
            'an Entra identity; set both (keyless login with `permissions: id-token: write`)');
    }
    const keyless = { getIdToken: deps.getIdToken, send: deps.send, onSecret: deps.onSecret };
    const credential = await entraCredential(login, keyless);
    const endpoint = { host: inputs.registry, https: true };
    // Every registry call of the cleanup, ours and the SDK's, shares one budget (FACTS.md:
    // ACR's ReadOps/WriteOps per minute by tier, the excess answered 429).
    const pacer = new OpsPacer(inputs.sku, {
        sleep: deps.sleep,
        ...(deps.opsWindowMs && { windowMs: deps.opsWindowMs }),
    });
    deps.onPacer?.(pacer);
    const registry = new RegistryClient({
        endpoint,
        credential: await acrRefreshToken(endpoint, credential, login, keyless),
        send: pacedSend(deps.send, pacer),
        onSecret: deps.onSecret,
    });
    const { ContainerRegistryClient } = await Promise.all(/* import() */[__nccwpck_require__.e(830), __nccwpck_require__.e(738), __nccwpck_require__.e(659)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1659));
    const acr = new ContainerRegistryClient(`https://${inputs.registry}`, credential, {
        additionalPolicies: [{ policy: pacingPolicy(pacer), position: 'perRetry' }],
    });
    const names = [];
    for await (const name of acr.listRepositoryNames())
        names.push(name);
    const { selected, unmatched } = selectRepositories(names, inputs.repositories);
    deps.log(`${inputs.registry}: ${names.length} repositories, ${selected.length} selected by ` +
        inputs.repositories.join(', '));
    const rules = cleanupRules(inputs, deps.now());
    const outcomes = new Array(selected.length);
    await forEachLimited(selected.map((name, i) => ({ name, i })), REPOSITORY_CONCURRENCY, async ({ name, i }) => {
        const listing = await readRepository({ acr, registry }, name, inputs.tagPattern);
        const plan = planRepository(listing, rules);
        deps.log(`${name}: ${listing.manifests.length} manifests; ` +
            (plan.incomplete
                ? `incomplete, nothing deleted (${plan.incomplete})`
                : `${inputs.dryRun ? 'would delete' : 'deleting'} ${plan.deleteTags.length} tag(s) ` +
                    `and ${plan.deleteManifests.length} manifest(s), keeping ${plan.kept.length}`));
        if (inputs.dryRun || plan.incomplete) {
            outcomes[i] = { plan };
            return;
        }
        const deleted = await deletePlanned(acr, plan, deps.sleep);
        outcomes[i] = {
            plan,
            deleted: { tags: deleted.tags, manifests: deleted.manifests },
            ...(deleted.error && { error: deleted.error }),
        };
    });
    return { registry: inputs.registry, dryRun: inputs.dryRun, repositories: outcomes, unmatched };
}

;// CONCATENATED MODULE: ./src/registry/user-agent.ts
/** Sent as User-Agent, so registry operators can tell oci-push's traffic apart. */
const VERSION = '0.1.0';
const USER_AGENT = `oci-push/${VERSION} (+https://github.com/giantswarm/oci-push)`;

;// CONCATENATED MODULE: ./src/sigstore/statement.ts
/**
 * The in-toto statements oci-push signs, wrapped in a DSSE envelope (the bundle's content),
 * shaped as cosign v3 shapes them so its verifiers read them as their own.
 */
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const PredicateType = {
    /** `cosign sign` in the bundle format (sigstore/cosign `pkg/types/predicate.go`). */
    cosignSign: 'https://sigstore.dev/cosign/sign/v1',
    /** `cosign attest --type spdxjson` (in-toto `PredicateSPDX`). */
    spdx: 'https://spdx.dev/Document',
};
/**
 * What `cosign sign` signs in the bundle format (`cmd/cosign/cli/sign/sign.go`
 * signDigestBundle): a v1 statement whose only subject is the digest, with no name, so
 * one signature holds on every registry the manifest is pushed to.
 */
function signatureStatement(digest) {
    return Buffer.from(JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ digest: digestMap(digest) }],
        predicateType: PredicateType.cosignSign,
        predicate: {},
    }));
}
/**
 * What `cosign attest --type spdxjson --predicate SBOM` signs (`pkg/cosign/attestation`
 * generateSPDXStatement): a v0.1 statement over the SPDX document. cosign names the subject
 * with the registry's repository; every target shares the repository path, so that is the
 * name here, and the signature holds on all of them.
 */
function sbomStatement(digest, repository, sbom) {
    return Buffer.from(JSON.stringify({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType: PredicateType.spdx,
        subject: [{ name: repository, digest: digestMap(digest) }],
        predicate: sbom,
    }));
}
/** The digests a statement's subjects name, and its predicate type; throws on anything else. */
function readStatement(payload) {
    const json = JSON.parse(payload.toString('utf8'));
    if (!Array.isArray(json.subject) || typeof json.predicateType !== 'string') {
        throw new Error('the signed payload is not an in-toto statement');
    }
    const digests = json.subject.flatMap((s) => typeof s?.digest?.sha256 === 'string' ? [`sha256:${s.digest.sha256}`] : []);
    return { digests, predicateType: json.predicateType };
}
function digestMap(digest) {
    return { sha256: digest.slice('sha256:'.length) };
}

;// CONCATENATED MODULE: ./src/sigstore/sign.ts

/**
 * The public-good instance, as cosign v3's default signing configuration names it (Fulcio,
 * Rekor and the timestamp authority; sigstore/root-signing `signing_config.v0.2.json`).
 */
const PUBLIC_GOOD = {
    fulcioUrl: 'https://fulcio.sigstore.dev',
    rekorUrl: 'https://rekor.sigstore.dev',
    tsaUrl: 'https://timestamp.sigstore.dev',
};
/** Signing failed at one of Sigstore's services; the message names which and what to do. */
class SigningError extends Error {
    name = 'SigningError';
}
/**
 * Tries per request beyond the first, with 1 s, 2 s, 4 s between: public-good's services
 * flake now and then (the orb retries its cosign calls for the same reason), yet a service
 * that is down must fail the run within seconds, not minutes.
 */
const RETRY = { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 4000 };
const TIMEOUT_MS = 30_000;
/**
 * A keyless signer: each statement gets a fresh key, certified by Fulcio for `token`'s
 * identity, logged in Rekor and timestamped (as configured), in a DSSE bundle (v0.3).
 * `@sigstore/sign` is loaded on first use, so a run that signs nothing never loads it.
 */
async function createStatementSigner(services, token) {
    const { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } = await Promise.all(/* import() */[__nccwpck_require__.e(654), __nccwpck_require__.e(830), __nccwpck_require__.e(463), __nccwpck_require__.e(179)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5179));
    const { bundleToJSON } = await Promise.all(/* import() */[__nccwpck_require__.e(654), __nccwpck_require__.e(40)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1040));
    const fetchOptions = { retry: RETRY, timeout: TIMEOUT_MS };
    const builder = new DSSEBundleBuilder({
        signer: new FulcioSigner({
            fulcioBaseURL: services.fulcioUrl,
            identityProvider: { getToken: token },
            ...fetchOptions,
        }),
        witnesses: [
            ...(services.rekorUrl
                ? [
                    new RekorWitness({
                        rekorBaseURL: services.rekorUrl,
                        entryType: 'dsse',
                        fetchOnConflict: false,
                        ...fetchOptions,
                    }),
                ]
                : []),
            ...(services.tsaUrl
                ? [new TSAWitness({ tsaBaseURL: services.tsaUrl, ...fetchOptions })]
                : []),
        ],
    });
    return async (statement) => {
        try {
            const bundle = await builder.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
            return Buffer.from(JSON.stringify(bundleToJSON(bundle)));
        }
        catch (error) {
            throw describeSigningFailure(error, services);
        }
    };
}
/** Which service failed, with its answer, and what to do; never the token. */
function describeSigningFailure(error, services) {
    const code = error.code;
    const status = sign_statusOf(error);
    const answer = innermost(error);
    const service = code === 'CA_CREATE_SIGNING_CERTIFICATE_ERROR'
        ? `Fulcio (${services.fulcioUrl}) did not certify the signing key`
        : code === 'TLOG_CREATE_ENTRY_ERROR'
            ? `Rekor (${services.rekorUrl}) did not log the signature`
            : code === 'TSA_CREATE_TIMESTAMP_ERROR'
                ? `the timestamp authority (${services.tsaUrl}) did not timestamp the signature`
                : code === 'IDENTITY_TOKEN_READ_ERROR' || code === 'IDENTITY_TOKEN_PARSE_ERROR'
                    ? 'no usable OIDC token for Sigstore'
                    : 'signing failed';
    const fix = code === 'CA_CREATE_SIGNING_CERTIFICATE_ERROR' && (status === 400 || status === 401)
        ? 'Fulcio refuses the OIDC token: it must have the audience `sigstore` and come from an ' +
            'issuer Fulcio trusts (on GitHub, `permissions: id-token: write`; on CircleCI, ' +
            '`circleci run oidc get --claims \'{"aud":"sigstore"}\' --root-issuer`)'
        : status !== undefined && status >= 500
            ? 'the service is failing; run again later, or check its status page'
            : 'check the URL inputs (`fulcio-url`, `rekor-url`, `tsa-url`) and that the runner ' +
                'can reach them';
    return new SigningError(`${service}${status !== undefined ? ` (HTTP ${status})` : ''}: ${answer}. ${fix}`, { cause: error });
}
function sign_statusOf(error) {
    for (let e = error; e; e = e.cause) {
        const status = e.statusCode;
        if (typeof status === 'number')
            return status;
    }
    return undefined;
}
/** The deepest cause's message: the service's own words, or the network's. */
function innermost(error) {
    let e = error;
    while (e?.cause)
        e = e.cause;
    return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 300);
}

;// CONCATENATED MODULE: ./src/jobs/signing-inputs.ts



/**
 * `sign`, `fulcio-url`, `rekor-url`, `tsa-url`, `certificate-identity`,
 * `certificate-oidc-issuer` and `trusted-root`. The URLs default to the public-good
 * instance; `none` drops Rekor or the timestamp authority (not both: a signature needs a
 * trusted time). Any other instance needs its trust root, or nothing could verify it.
 */
function parseSigningInputs(get) {
    const value = (name) => get(name).trim();
    const mode = oneOf('sign', value('sign') || 'auto', ['auto', 'true', 'false']);
    const fulcioUrl = serviceUrl('fulcio-url', value('fulcio-url') || PUBLIC_GOOD.fulcioUrl);
    const rekorUrl = optionalServiceUrl('rekor-url', value('rekor-url'), PUBLIC_GOOD.rekorUrl);
    const tsaUrl = optionalServiceUrl('tsa-url', value('tsa-url'), PUBLIC_GOOD.tsaUrl);
    const identity = value('certificate-identity');
    const issuer = value('certificate-oidc-issuer');
    const trustedRoot = value('trusted-root');
    const services = {
        fulcioUrl,
        ...(rekorUrl && { rekorUrl }),
        ...(tsaUrl && { tsaUrl }),
    };
    if (mode !== 'false') {
        if (!rekorUrl && !tsaUrl) {
            throw new InputError('rekor-url, tsa-url: both are none, so a signature would have no trusted time and ' +
                'could not be verified once its certificate expires (10 minutes); keep one of them');
        }
        const custom = [
            fulcioUrl !== PUBLIC_GOOD.fulcioUrl && 'fulcio-url',
            rekorUrl && rekorUrl !== PUBLIC_GOOD.rekorUrl && 'rekor-url',
            tsaUrl && tsaUrl !== PUBLIC_GOOD.tsaUrl && 'tsa-url',
        ].filter(Boolean);
        if (custom.length > 0 && !trustedRoot) {
            throw new InputError(`trusted-root: ${custom.join(', ')} name a Sigstore other than the public-good one, so ` +
                'its trust root is needed to verify the signature: set trusted-root to that ' +
                "deployment's trusted_root.json (as cosign's --trusted-root)");
        }
    }
    return {
        policy: {
            mode,
            publicLogs: fulcioUrl === PUBLIC_GOOD.fulcioUrl || rekorUrl === PUBLIC_GOOD.rekorUrl,
        },
        services,
        ...(identity && { certificateIdentity: identity }),
        ...(issuer && { certificateOidcIssuer: issuer }),
        ...(trustedRoot && { trustedRoot }),
    };
}
/** `none` turns the service off; empty is the public-good default. */
function optionalServiceUrl(input, text, fallback) {
    if (text.toLowerCase() === 'none')
        return undefined;
    return serviceUrl(input, text || fallback);
}
/** HTTPS, or plain HTTP on loopback (a local test deployment); no path, query or credential. */
function serviceUrl(input, text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        url = undefined;
    }
    const plainOk = url?.protocol === 'http:' && isLoopbackHost(url.host);
    if (!url ||
        (url.protocol !== 'https:' && !plainOk) ||
        url.username ||
        url.password ||
        url.search ||
        url.hash) {
        throw new InputError(`${input}: "${url?.username || url?.password ? '(hidden: it has a credential in it)' : text}" ` +
            'is not an https URL of a Sigstore service, e.g. https://fulcio.sigstore.dev');
    }
    return url.href.replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./src/jobs/push-inputs.ts





const DEFAULT_REGISTRIES = 'gsoci.azurecr.io dev\ngiantswarm.azurecr.io';
const DEFAULT_CHART_REPOSITORY = 'charts/giantswarm';
/**
 * Every push input, from `get` (the runner's inputs, or the CLI's flags and environment).
 * Each password goes to `onSecret` before anything could print it.
 */
function parsePushInputs(get, env, onSecret) {
    const imageText = get('image').trim();
    const chart = get('chart').trim();
    if (!imageText && !chart) {
        throw new InputError('image, chart: nothing to push; set `image`, `chart`, or both');
    }
    // Each line is masked whole before it is parsed: a line too broken to parse may still
    // hold a password, and the runner must hide it wherever it shows up.
    const credentialsText = get('credentials');
    for (const line of credentialsText.split('\n'))
        if (line.trim())
            onSecret(line.trim());
    const credentials = parseCredentials(credentialsText);
    for (const { password } of credentials.values())
        onSecret(password);
    const version = get('version').trim();
    const booleanInput = (name) => parseBoolean(name, get(name).trim(), false);
    const azure = parseAzureLogin(get);
    const sigstore = parseSigningInputs(get);
    return {
        ...(imageText && { image: wrap('image', () => parseSourceReference(imageText, 'image')) }),
        ...(chart && { chart }),
        chartRepository: get('chart-repository') || DEFAULT_CHART_REPOSITORY,
        mirrorCharts: booleanInput('mirror-charts'),
        repository: wrap('repository', () => parseRepository(get('repository') || defaultRepository(env), 'repository')),
        registries: parseRegistryLines(get('registries') || DEFAULT_REGISTRIES, 'registries'),
        ...(get('registries').trim() === '' && { registriesDefaulted: true }),
        mirrors: parseRegistryLines(get('mirrors'), 'mirrors'),
        credentials,
        build: oneOf('build', get('build').trim() || 'auto', ['auto', 'dev', 'release']),
        ...(version !== '' && { version }),
        tagPrefix: get('tag-prefix'),
        tags: get('tags')
            .split('\n')
            .map((t) => t.trim())
            .filter(Boolean),
        overwrite: booleanInput('overwrite'),
        visibility: oneOf('visibility', get('visibility').trim() || 'auto', [
            'auto',
            'public',
            'private',
        ]),
        dryRun: booleanInput('dry-run'),
        githubToken: get('github-token') || env.GITHUB_TOKEN || '',
        ...(azure && { azure }),
        lock: booleanInput('lock'),
        devUntag: booleanInput('dev-untag'),
        referrers: parseReferrersPolicy(get('referrers')),
        signing: sigstore.policy,
        sigstore,
    };
}
/**
 * `true` (or empty): every referrer; `false`: none; otherwise artifactTypes, one per line or
 * comma-separated, e.g. `application/vnd.dev.sigstore.bundle.v0.3+json`.
 */
function parseReferrersPolicy(text) {
    const value = text.trim();
    if (value === '' || /^(true|false)$/i.test(value))
        return parseBoolean('referrers', value, true);
    const types = value
        .split(/[\n,]/)
        .map((t) => t.trim())
        .filter(Boolean);
    for (const type of types) {
        // A media type: type/subtype (RFC 6838), as artifactType must be (image-spec manifest.md).
        if (!/^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*$/.test(type)) {
            throw new InputError(`referrers: "${type}" is not an artifactType (a media type such as ` +
                '`application/vnd.dev.sigstore.bundle.v0.3+json`); write true, false, or artifactTypes ' +
                'one per line');
        }
    }
    return types;
}
/** `giantswarm/<GitHub repository name>`, lowercased as registries require. */
function defaultRepository(env) {
    const name = env.GITHUB_REPOSITORY?.split('/')[1];
    if (!name) {
        throw new InputError('repository: no value given and GITHUB_REPOSITORY is not set; set `repository`');
    }
    return `giantswarm/${name.toLowerCase()}`;
}
function parseRegistryLines(text, input) {
    const lines = [];
    for (const [i, raw] of text.split('\n').entries()) {
        const words = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
        const [host, ...flags] = words;
        if (!host)
            continue;
        const where = `${input} line ${i + 1}`;
        if (words.some((word) => word.includes('@'))) {
            // `https://user:password@host`: never echo it, the password is in it.
            throw new InputError(`${where} has a user name or password in it (a word with "@"); it is not shown, as ` +
                'it may hold a secret. Write the host alone (HOST[:PORT]) and put the credential in ' +
                '`credentials` (HOST=USERNAME:PASSWORD)');
        }
        const line = {
            host: wrap(input, () => parseHost(host, where)),
            dev: false,
            insecure: false,
            acr: isAcrHost(host),
        };
        for (const flag of flags) {
            if (flag === 'dev')
                line.dev = true;
            else if (flag === 'insecure')
                line.insecure = true;
            else if (flag === 'acr')
                line.acr = true;
            else if (flag.startsWith('timeout='))
                line.timeoutSeconds = timeoutSeconds(flag, where);
            else if (flag === 'public' || flag === 'private') {
                if (line.visibility && line.visibility !== flag) {
                    throw new InputError(`${where}: "${raw.trim()}" is marked both public and private`);
                }
                line.visibility = flag;
            }
            else {
                throw new InputError(`${where}: unknown flag "${flag}" in "${raw.trim()}"; a line is HOST [dev] [public|private] [insecure] [acr] [timeout=SECONDS]`);
            }
        }
        if (lines.some((l) => l.host === line.host)) {
            throw new InputError(`${where}: ${line.host} is listed twice`);
        }
        lines.push(line);
    }
    return lines;
}
/**
 * One `HOST=USERNAME:PASSWORD` per line, split at the first `=` and the first `:` after
 * it, so a password may contain both. Whitespace around those two separators and at the
 * line's ends is ignored (`HOST = alice : pw` is `HOST=alice:pw`); whitespace inside the
 * password is kept, so a password can't start or end with a space. No message shows any part
 * of a line but a host that parsed as one: a malformed line may hold a password anywhere.
 */
function parseCredentials(text) {
    const credentials = new Map();
    for (const [i, raw] of text.split('\n').entries()) {
        const line = raw.trim();
        if (!line)
            continue;
        const where = `credentials line ${i + 1}`;
        const eq = line.indexOf('=');
        const colon = eq < 0 ? -1 : line.indexOf(':', eq + 1);
        if (eq <= 0 || colon < 0) {
            throw new InputError(`${where} is not HOST=USERNAME:PASSWORD (its value is hidden because it may hold a ` +
                'secret); write one registry per line, e.g. gsoci.azurecr.io=USERNAME:PASSWORD');
        }
        const host = line.slice(0, eq).trim();
        if (!isHost(host))
            throw new InputError(`${where}: ${badCredentialHost(host)}`);
        const username = line.slice(eq + 1, colon).trim();
        const password = line.slice(colon + 1).trimStart();
        if (!username || !password) {
            throw new InputError(`${where} (${host}) has an empty username or password`);
        }
        if (credentials.has(host))
            throw new InputError(`${where}: ${host} has a second credential`);
        credentials.set(host, { username, password });
    }
    return credentials;
}
/** Why the part before `=` is not a host, without showing it (it may hold the password). */
function badCredentialHost(text) {
    const problem = text.includes('://')
        ? 'it starts with a scheme; drop `https://`'
        : text.includes('@')
            ? 'it has a user name or password in it; only the host goes before `=`'
            : /\s/.test(text)
                ? 'it has a space in it, so `=` is probably missing after the host'
                : text.includes(':')
                    ? 'it has a `:` that is not a port, so `=` is probably missing after the host'
                    : 'a host is a name or address with an optional port';
    return (`the part before "=" is not a registry host (it is not shown, as it may hold a secret): ` +
        `${problem}. Write HOST=USERNAME:PASSWORD with the host as in \`registries\`, e.g. ` +
        'gsoci.azurecr.io=USER:PASS');
}
/** `timeout=SECONDS` on a registries or mirrors line: a whole number from 5 to 3600. */
function timeoutSeconds(flag, where) {
    const text = flag.slice('timeout='.length);
    const seconds = Number(text);
    if (!/^\d+$/.test(text) || seconds < 5 || seconds > 3600) {
        throw new InputError(`${where}: "${flag}" is not timeout=SECONDS with a whole number of seconds from 5 to ` +
            '3600 (how long the registry may take to answer)');
    }
    return seconds;
}

;// CONCATENATED MODULE: ./src/action/inputs.ts



/** The runner's inputs, by their action.yml names. The face's only reader of `INPUT_*`. */
const actionInput = (name) => getInput(name);
function getPushInputs(env = process.env) {
    return parsePushInputs(actionInput, env, setSecret);
}
function getCleanupInputs() {
    return parseCleanupInputs(actionInput);
}

;// CONCATENATED MODULE: ./src/action/render.ts

async function renderReport(report) {
    for (const [name, value] of Object.entries(report.outputs))
        setOutput(name, value);
    await summary.addRaw(report.summary).write();
    for (const a of report.annotations ?? [])
        core_namespaceObject[a.level](a.message, { title: a.title });
    if (report.failure)
        setFailed(report.failure);
}

;// CONCATENATED MODULE: ./src/action/cleanup.ts







/** `uses: giantswarm/oci-push/cleanup@v1`: inputs → read → plan → delete → report. */
async function runCleanupAction() {
    try {
        const inputs = await group('Inputs', async () => getCleanupInputs());
        for (const warning of inputs.warnings)
            core_warning(warning, { title: 'oci-push cleanup' });
        const report = await group(inputs.dryRun ? 'Plan (dry run)' : 'Clean', () => runCleanup(inputs, {
            getIdToken: (audience) => getIDToken(audience),
            send: createRegistryTransport({ userAgent: USER_AGENT, log: info }),
            onSecret: setSecret,
            log: info,
            now: () => new Date(),
            sleep: DEFAULT_RETRY_POLICY.sleep,
        }));
        await renderReport(summarize(report));
    }
    catch (error) {
        setFailed(error instanceof Error ? error.message : String(error));
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/oci/version.ts
var oci_version = __nccwpck_require__(2829);
;// CONCATENATED MODULE: ./src/engine/plan.ts


/** A plan can't be made from these inputs; the message names the input and the fix. */
class PlanError extends Error {
    name = 'PlanError';
}
const FULL_SHA = /^[0-9a-f]{40}$/;
function decideBuild(inputs, git) {
    const override = inputs.version === undefined ? undefined : strictSemver(inputs.version, 'version');
    const tag = git.ref.startsWith('refs/tags/') ? git.ref.slice('refs/tags/'.length) : undefined;
    const releaseFromTag = tag === undefined ? undefined : releaseVersionOfTag(tag, inputs.tagPrefix);
    if (inputs.build === 'release' || (inputs.build === 'auto' && releaseFromTag)) {
        const version = override ?? releaseFromTag;
        if (version === undefined) {
            throw new PlanError(`build: release needs a version, and ${git.ref || 'this ref'} is not a release tag ` +
                `${inputs.tagPrefix}vX.Y.Z; push such a tag, or set \`version\``);
        }
        const why = inputs.build === 'release' ? 'build: release was set' : `the tag ${tag} is a release tag`;
        const from = override === undefined ? `from the tag ${tag}` : 'from the `version` input';
        return { build: 'release', version, reason: `Release: ${why}; version ${version} ${from}.` };
    }
    const why = inputs.build === 'dev'
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
function almostReleaseTag(tag, prefix) {
    const rest = tag.startsWith(prefix) ? tag.slice(prefix.length) : tag;
    if (!/^[vV]?\d+\.\d+\.\d+/.test(rest) || rest.startsWith('v'))
        return undefined;
    const version = rest.replace(/^[vV]/, '');
    return (`The tag ${tag} looks like a release, but release tags are ${prefix}vX.Y.Z (a lower-case v` +
        `${prefix ? ` after the \`tag-prefix\` ${prefix}` : ''}), so this is a dev build. To ` +
        `release ${version}, tag ${prefix}v${version}` +
        (prefix ? '' : ', or set `tag-prefix` if this repository prefixes its tags'));
}
function devDecision(inputs, git, why, override) {
    if (override !== undefined) {
        return {
            build: 'dev',
            version: override,
            reason: `Dev: ${why}; version ${override} from the \`version\` input.`,
        };
    }
    if (!FULL_SHA.test(git.sha)) {
        throw new PlanError(`The commit sha "${git.sha}" is not a full 40-hex sha, so a dev version can't be made; ` +
            'run in GitHub Actions (GITHUB_SHA) or set `version`');
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
function releaseVersionOfTag(tag, prefix) {
    if (!tag.startsWith(`${prefix}v`))
        return undefined;
    const rest = tag.slice(prefix.length + 1);
    if (!/^\d/.test(rest))
        return undefined;
    if (!(0,oci_version/* isStrictSemver */.i)(rest)) {
        throw new PlanError(`The tag ${tag} looks like a release, but "${rest}" is not semver (X.Y.Z, optionally ` +
            `-prerelease and +build). Tag the release ${prefix}vX.Y.Z, or set \`build: dev\` to ` +
            'push this ref as a dev build');
    }
    return rest;
}
function strictSemver(value, input) {
    const version = value.startsWith('v') ? value.slice(1) : value;
    if (!(0,oci_version/* isStrictSemver */.i)(version)) {
        throw new PlanError(`${input}: "${value}" is not a semver version (X.Y.Z, optionally -prerelease and +build)`);
    }
    return version;
}
/**
 * Where each artifact goes, given the build decision (`decideBuild`, made first because
 * packaging a chart needs its version) and the chart's name when there is a chart.
 */
function planPush(inputs, decision, visibility, chartName) {
    const mirrorHosts = new Set(inputs.mirrors.map((m) => m.host));
    for (const registry of inputs.registries) {
        if (mirrorHosts.has(registry.host)) {
            throw new PlanError(`${registry.host} is in both \`registries\` and \`mirrors\`; list it in one of them`);
        }
    }
    if (!inputs.image && !inputs.chart) {
        throw new PlanError('Nothing to push: set `image`, `chart`, or both');
    }
    if (inputs.chart && chartName === undefined) {
        throw new PlanError('The chart must be read before planning (no chart name given)');
    }
    const chart = inputs.chart && chartName !== undefined
        ? {
            path: inputs.chart,
            name: chartName,
            repository: chartRepository(inputs.chartRepository, chartName),
            tags: decision.build === 'release' ? [(0,oci_version/* versionTag */.V)(decision.version)] : [],
        }
        : undefined;
    const targets = [];
    const skipped = [];
    const consider = (artifact, repository, line, role) => {
        let reason = skipReason(line, role, decision.build, visibility.visibility);
        if (!reason && artifact === 'chart' && role === 'mirror' && !inputs.mirrorCharts) {
            reason = 'charts go to mirrors only with `mirror-charts: true`';
        }
        if (reason)
            skipped.push({ artifact, host: line.host, role, reason });
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
    const artifacts = [];
    if (inputs.image)
        artifacts.push(['image', inputs.repository]);
    if (chart)
        artifacts.push(['chart', chart.repository]);
    for (const [artifact, repository] of artifacts) {
        for (const line of inputs.registries)
            consider(artifact, repository, line, 'registry');
        for (const line of inputs.mirrors)
            consider(artifact, repository, line, 'mirror');
        if (!targets.some((t) => t.artifact === artifact && t.role === 'registry')) {
            const why = skipped
                .filter((s) => s.artifact === artifact && s.role === 'registry')
                .map((s) => `${s.host}: ${s.reason}`);
            const devLines = inputs.registries.filter((l) => l.dev);
            const fix = decision.build === 'dev' && devLines.length === 0
                ? ' Mark at least one registry `dev`.'
                : visibility.source.startsWith('unknown') &&
                    inputs.registries.some((l) => l.visibility === 'public')
                    ? ` The repository's visibility is ${visibility.visibility}: ${visibility.source}, ` +
                        'so `public` lines are skipped. Set `visibility: public` if the repository is ' +
                        'public, or add a line without `public`.'
                    : '';
            throw new PlanError(`No registry in \`registries\` takes this ${decision.build} build, so nothing would be pushed` +
                (why.length ? ` (${why.join('; ')})` : '') +
                `.${fix}`);
        }
    }
    const tags = decision.build === 'release' && inputs.image ? releaseTags(decision.version, inputs.tags) : [];
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
function chartRepository(namespace, name) {
    const repository = namespace ? `${namespace}/${name}` : name;
    if (!isRepository(repository)) {
        throw new PlanError(`The chart repository "${repository}" is not a valid repository path: the chart name and ` +
            '`chart-repository` must be lowercase letters, digits and separators (. _ -)');
    }
    return repository;
}
function skipReason(line, role, build, repo) {
    if (build === 'dev' && role === 'mirror')
        return 'mirrors receive releases only';
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
function releaseTags(version, extra) {
    const tags = [(0,oci_version/* versionTag */.V)(version), ...extra];
    if (!isTag((0,oci_version/* versionTag */.V)(version))) {
        throw new PlanError(`The version ${version} can't be a tag: a tag is at most 128 of [A-Za-z0-9_.-] ` +
            `(${(0,oci_version/* versionTag */.V)(version).length} here). Shorten its pre-release or build part, in the git ` +
            'tag or the `version` input');
    }
    for (const tag of tags) {
        if (!isTag(tag)) {
            throw new PlanError(`tags: "${tag}" is not a valid tag: up to 128 of [A-Za-z0-9_.-], not starting with . or -`);
        }
    }
    return [...new Set(tags)];
}
function planSigning(policy, build, visibility) {
    if (!policy || policy.mode === 'false') {
        return { sign: false, reason: 'not signed: `sign` is false' };
    }
    const privateRepo = visibility.visibility === 'private';
    if (policy.mode === 'true') {
        if (privateRepo && policy.publicLogs) {
            throw new PlanError(`sign: true, but the repository is private (${visibility.source}) and \`fulcio-url\` or ` +
                "`rekor-url` is the public-good Sigstore, whose logs are public: the image's digest " +
                "and the repository's name would be published. Point fulcio-url, rekor-url and " +
                'trusted-root at a private Sigstore, or set `sign: auto` (no signature for private ' +
                'repositories)');
        }
        return { sign: true, reason: `signed: \`sign\` is true (every build, dev ones too)` };
    }
    if (privateRepo) {
        return {
            sign: false,
            reason: `not signed: the repository is private (${visibility.source}), and signing would ` +
                "publish the digest and the repository's name in Sigstore's public logs",
        };
    }
    if (build === 'dev') {
        return { sign: false, reason: 'not signed: a dev build (`sign: true` signs those too)' };
    }
    return { sign: true, reason: 'signed: a release of a public repository (`sign: auto`)' };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
// EXTERNAL MODULE: ./src/source/source.ts
var source = __nccwpck_require__(4396);
;// CONCATENATED MODULE: ./src/source/bounded-file.ts



/**
 * Manifests, and the index.json and manifest.json that list them, above this size are
 * refused: registries need only accept 4 MiB (distribution-spec), so nothing bigger can be
 * pushed anyway, and reading a hostile file whole would exhaust the runner's memory.
 */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/**
 * An image config is a blob, with no cap in the spec; real ones are kilobytes (a long history
 * makes a few hundred). This only keeps a hostile one from exhausting memory.
 */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
/**
 * Reads a small file of a source (index.json, manifest.json, a manifest, a config) whole, but
 * only a regular file and only up to `limit` bytes: a symlink to /dev/zero, a FIFO or a huge
 * file is refused with an error naming `what` and the cap, instead of being read until memory
 * runs out (or, for a FIFO, waited on forever). A missing or unreadable file throws the
 * file system's own error (with its `code`) for the caller to describe.
 */
async function readBoundedFile(path, limit, what) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const file = await (0,promises_.open)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    try {
        const stats = await file.stat();
        if (!stats.isFile()) {
            throw new source/* SourceError */.c(`${what} is not a regular file (it is ${bounded_file_kindOf(stats)}); refusing to read it`);
        }
        if (stats.size > limit)
            throw tooLarge(what, limit, `is ${stats.size} bytes, over`);
        // One byte more than the file should hold: if it is read, the file grew under us.
        const buffer = Buffer.alloc(stats.size + 1);
        let length = 0;
        for (;;) {
            const { bytesRead } = await file.read(buffer, length, buffer.length - length, length);
            if (bytesRead === 0)
                return buffer.subarray(0, length);
            length += bytesRead;
            if (length === buffer.length) {
                throw new source/* SourceError */.c(`${what} grew while it was being read; refusing it`);
            }
        }
    }
    finally {
        await file.close();
    }
}
function tooLarge(what, limit, size) {
    return new source/* SourceError */.c(`${what} ${size} the ${limit / 1024 / 1024} MiB cap (${limit} bytes) oci-push reads it up ` +
        'to; refusing it. A real image never comes close (registries need only accept 4 MiB ' +
        'manifests): check how the source was made');
}
function bounded_file_kindOf(stats) {
    if (stats.isDirectory())
        return 'a directory';
    if (stats.isCharacterDevice() || stats.isBlockDevice())
        return 'a device';
    if (stats.isFIFO())
        return 'a FIFO';
    if (stats.isSocket())
        return 'a socket';
    return 'not a file';
}

;// CONCATENATED MODULE: ./src/source/legacy-docker-image.ts











/**
 * Builds the image manifest a pre-25 `docker save` archive lacks (docker
 * `manifest-v2-2.md`): the config is `<id>.json` exactly as saved, and each `layer.tar` is
 * gzipped once into `workDir`, as `docker push` would compress it. While a layer streams, its
 * uncompressed bytes are hashed and must equal the config's `rootfs.diff_ids` entry, so a
 * damaged layer is caught before anything is pushed. A layer already gzipped is kept as is.
 *
 * node's zlib writes no file name and a zero mtime in the gzip header, so the same archive
 * gives the same layer digests, and the same manifest digest, on every run.
 */
async function buildDockerImage(image, pathOf, workDir, where) {
    const configPath = await pathOf(image.Config, 'config');
    const configBytes = await readBoundedFile(configPath, MAX_CONFIG_BYTES, `${where}: config "${image.Config}"`);
    const diffIds = diffIdsOf(configBytes, `${where}: config ${image.Config}`);
    if (diffIds.length !== image.Layers.length) {
        throw new source/* SourceError */.c(`${where}: manifest.json lists ${image.Layers.length} layer(s), but the config's ` +
            `rootfs.diff_ids has ${diffIds.length}; the archive is inconsistent, so save it again`);
    }
    const config = {
        mediaType: mediatypes/* MediaType */.zu.DockerConfig,
        digest: (0,oci_digest/* digestOf */.ol)(configBytes),
        size: configBytes.length,
    };
    const blobs = new Map([
        [config.digest, { path: configPath, size: config.size }],
    ]);
    await (0,promises_.mkdir)(workDir, { recursive: true });
    const layers = [];
    const done = new Map();
    for (const [i, name] of image.Layers.entries()) {
        const diffId = diffIds[i];
        let layer = done.get(diffId);
        if (!layer) {
            const path = await pathOf(name, `layer ${i}`);
            const built = await compressLayer(path, (0,external_node_path_.join)(workDir, `layer-${i}.tar.gz`), diffId, {
                where: `${where}: layer ${i} (${name})`,
            });
            layer = { mediaType: mediatypes/* MediaType */.zu.DockerLayerTarGzip, digest: built.digest, size: built.size };
            blobs.set(layer.digest, { path: built.path, size: built.size });
            done.set(diffId, layer);
        }
        layers.push(layer);
    }
    // Written field by field, in docker's order, so the bytes never depend on an object's history.
    const manifestBytes = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: mediatypes/* MediaType */.zu.DockerManifest,
        config: plainDescriptor(config),
        layers: layers.map(plainDescriptor),
    }));
    const manifest = {
        mediaType: mediatypes/* MediaType */.zu.DockerManifest,
        digest: (0,oci_digest/* digestOf */.ol)(manifestBytes),
        size: manifestBytes.length,
    };
    return { manifest, manifestBytes, blobs };
}
function plainDescriptor(d) {
    return { mediaType: d.mediaType, size: d.size, digest: d.digest };
}
function diffIdsOf(configBytes, where) {
    let config;
    try {
        config = JSON.parse(configBytes.toString('utf8'));
    }
    catch (error) {
        throw new source/* SourceError */.c(`${where} is not JSON: ${error.message}`);
    }
    const diffIds = config.rootfs?.diff_ids;
    if (!Array.isArray(diffIds) || !diffIds.every((d) => typeof d === 'string' && (0,oci_digest/* isDigest */.Bc)(d))) {
        throw new source/* SourceError */.c(`${where} has no rootfs.diff_ids list of sha256 digests`);
    }
    return diffIds;
}
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
/**
 * The layer as a gzip blob on disk: `out`, freshly compressed, or the file itself when it is
 * gzipped already. Either way its uncompressed sha256 must be `diffId`.
 */
async function compressLayer(path, out, diffId, { where }) {
    const uncompressed = new HashTap();
    const compressed = new HashTap();
    let blobPath;
    try {
        if (await startsWith(path, GZIP_MAGIC)) {
            blobPath = path;
            await (0,external_node_stream_promises_namespaceObject.pipeline)((0,external_node_fs_.createReadStream)(path), compressed, (0,external_node_zlib_.createGunzip)(), uncompressed, discard());
        }
        else {
            blobPath = out;
            await (0,external_node_stream_promises_namespaceObject.pipeline)((0,external_node_fs_.createReadStream)(path), uncompressed, (0,external_node_zlib_.createGzip)(), compressed, (0,external_node_fs_.createWriteStream)(out));
        }
    }
    catch (error) {
        throw new source/* SourceError */.c(`${where} can't be read or compressed: ${error.message}`);
    }
    const actual = uncompressed.digest();
    if (actual !== diffId) {
        throw new source/* SourceError */.c(`${where}: its content hashes to ${actual}, but the image config says ${diffId} ` +
            '(rootfs.diff_ids); the archive is damaged, so save it again');
    }
    return { path: blobPath, digest: compressed.digest(), size: compressed.bytes };
}
async function startsWith(path, magic) {
    const file = await (0,promises_.open)(path, 'r');
    try {
        const head = Buffer.alloc(magic.length);
        const { bytesRead } = await file.read(head, 0, magic.length, 0);
        return bytesRead === magic.length && head.equals(magic);
    }
    finally {
        await file.close();
    }
}
/** Passes bytes through unchanged, hashing and counting them. */
class HashTap extends external_node_stream_.Transform {
    hash = (0,external_node_crypto_.createHash)('sha256');
    bytes = 0;
    _transform(chunk, _encoding, done) {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        done(null, chunk);
    }
    digest() {
        return `sha256:${this.hash.digest('hex')}`;
    }
}
function discard() {
    return new external_node_stream_.Writable({ write: (_chunk, _encoding, done) => done() });
}

;// CONCATENATED MODULE: ./src/oci/referrers.ts


/**
 * Referrers (image-spec `manifest.md` "subject", distribution-spec "Listing Referrers"):
 * manifests that name another manifest as their `subject`, and the two tag schemes that
 * find them on registries without the referrers API.
 */
/** distribution-spec "Referrers Tag Schema": `sha256:<hex>` → `sha256-<hex>`. */
function referrersTag(digest) {
    return `sha256-${(0,oci_digest/* digestHex */.sU)(digest)}`;
}
/** cosign's tags beside an image: signature, attestation, SBOM (sigstore/cosign `pkg/oci`). */
const COSIGN_SUFFIXES = ['sig', 'att', 'sbom'];
function cosignTags(digest) {
    return COSIGN_SUFFIXES.map((suffix) => `${referrersTag(digest)}.${suffix}`);
}
/**
 * The descriptor the referrers API lists for a manifest: its `artifactType`, or when it has
 * none its config's media type, and its annotations (distribution-spec "Listing Referrers").
 */
function referrerDescriptor(descriptor, bytes) {
    const json = JSON.parse(bytes.toString('utf8'));
    const artifactType = typeof json.artifactType === 'string'
        ? json.artifactType
        : typeof json.config?.mediaType === 'string'
            ? json.config.mediaType
            : undefined;
    const annotations = typeof json.annotations === 'object' && json.annotations !== null
        ? json.annotations
        : undefined;
    return {
        mediaType: typeof json.mediaType === 'string' ? json.mediaType : descriptor.mediaType,
        digest: descriptor.digest,
        size: descriptor.size,
        ...(artifactType && { artifactType }),
        ...(annotations && { annotations }),
    };
}
/**
 * `existing` plus those of `added` it lacks, by digest, in that order: the fallback tag is
 * merged, never replaced, as other tools write to it too.
 */
function mergeReferrers(existing, added) {
    const seen = new Set(existing.map((d) => d.digest));
    return [...existing, ...added.filter((d) => !seen.has(d.digest))];
}
/** The fallback tag's content: an OCI index of the referrers' descriptors. */
function referrersIndex(referrers) {
    return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: mediatypes/* MediaType */.zu.OciIndex, manifests: referrers }));
}

;// CONCATENATED MODULE: ./src/source/shared-read.ts





/** Bytes read from a file at a time. */
const CHUNK = 64 * 1024;
/** A consumer that falls this far behind the others goes on with a read of its own. */
const MAX_LAG = 4 * 1024 * 1024;
/** A second consumer can join a read until it has got this far (the start is kept for it). */
const JOIN_WINDOW = 4 * 1024 * 1024;
/**
 * Blobs that are files (a layout, an unpacked archive), read once and hashed once however
 * many registries they go to at the same time: the registries' uploads of one blob share one
 * read, and each upload holds back its last chunk until that read has checked the digest.
 * An upload that falls behind by more than a few MiB (a slow registry) is not waited for: it
 * goes on with its own read of the file from where it is, and still gets the shared verdict
 * at its end, so a slow registry never holds back a fast one.
 */
class SharedBlobReads {
    reads = new Map();
    open(path, descriptor, where) {
        const current = this.reads.get(descriptor.digest);
        if (current?.joinable)
            return current.consumer();
        const read = new SharedRead(path, descriptor, where);
        this.reads.set(descriptor.digest, read);
        return read.consumer();
    }
}
class SharedRead {
    path;
    descriptor;
    where;
    /** Chunks read and still needed, `first` being the index of `chunks[0]`. */
    chunks = [];
    first = 0;
    /** Bytes read so far. */
    head = 0;
    hash = (0,external_node_crypto_.createHash)('sha256');
    consumers = new Set();
    /** Consumers that went on alone and still wait for the verdict. */
    alone = 0;
    file;
    reading = false;
    ended = false;
    failure;
    verdict;
    settle;
    constructor(path, descriptor, where) {
        this.path = path;
        this.descriptor = descriptor;
        this.where = where;
        this.verdict = new Promise((resolve, reject) => {
            this.settle = (error) => (error ? reject(error) : resolve());
        });
        this.verdict.catch(() => undefined);
    }
    get joinable() {
        return this.first === 0 && this.head < JOIN_WINDOW && !this.failure;
    }
    get size() {
        return this.descriptor.size;
    }
    /** Resolves once the whole file is read and matches the descriptor; rejects otherwise. */
    whenVerified() {
        return this.verdict;
    }
    consumer() {
        const consumer = new Consumer(this);
        this.consumers.add(consumer);
        return consumer;
    }
    /**
     * Hands `consumer` the chunks it hasn't had yet. Its last chunk goes out only with the
     * verdict; until then it waits, as the read goes on to confirm the end of the file.
     */
    feed(consumer) {
        if (this.failure) {
            consumer.destroy(this.failure);
            return;
        }
        while (!consumer.finishing) {
            if (consumer.offset === this.size) {
                consumer.finish(undefined, this.verdict);
                break;
            }
            const chunk = this.chunks[consumer.index - this.first];
            if (!chunk)
                break;
            consumer.index++;
            consumer.offset += chunk.length;
            if (consumer.offset === this.size) {
                consumer.finish(chunk, this.verdict);
                break;
            }
            if (!consumer.push(chunk)) {
                consumer.waiting = false;
                break;
            }
        }
        this.trim();
        void this.pump();
    }
    /** A consumer is gone (its upload ended or failed): nothing is kept for it any more. */
    drop(consumer) {
        this.consumers.delete(consumer);
        if (this.ended && this.consumers.size === 0) {
            // Done and no one reading: let the chunks go (a small blob would otherwise stay whole
            // in memory for the rest of the run). A later upload of it starts a read of its own.
            this.first += this.chunks.length;
            this.chunks = [];
        }
        this.trim();
        void this.pump();
    }
    /** A consumer that went on alone got its verdict, or gave up. */
    release() {
        this.alone--;
    }
    async pump() {
        if (this.reading || this.ended || this.failure)
            return;
        this.reading = true;
        try {
            while (!this.ended && !this.failure && this.wantsMore()) {
                await this.readChunk();
                for (const consumer of [...this.consumers])
                    if (consumer.waiting)
                        this.feed(consumer);
            }
        }
        catch (error) {
            this.fail(error);
        }
        finally {
            this.reading = false;
        }
    }
    /**
     * Reads on while an attached consumer has had everything, and, once every byte is in, to
     * the end of the file for the verdict. A consumer lagging too far behind is detached onto
     * its own read. With none attached it reads on only for those waiting on the verdict.
     */
    wantsMore() {
        if (this.head >= this.size)
            return true;
        for (const consumer of [...this.consumers]) {
            if (!consumer.finishing && this.head - consumer.offset > MAX_LAG) {
                this.consumers.delete(consumer);
                this.alone++;
                consumer.goAlone();
            }
        }
        this.trim();
        if (this.consumers.size === 0)
            return this.alone > 0;
        const total = this.first + this.chunks.length;
        return [...this.consumers].some((c) => c.waiting && c.index === total);
    }
    async readChunk() {
        this.file ??= (0,promises_.open)(this.path, 'r');
        const handle = await this.file;
        const buffer = Buffer.allocUnsafe(CHUNK);
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, this.head);
        if (bytesRead === 0) {
            this.ended = true;
            await handle.close();
            const actual = `sha256:${this.hash.digest('hex')}`;
            if (this.head !== this.size) {
                this.fail(new oci_digest/* SizeMismatchError */.Au(this.size, this.head, this.where));
            }
            else if (actual !== this.descriptor.digest) {
                this.fail(new oci_digest/* DigestMismatchError */.h(this.descriptor.digest, actual, this.where));
            }
            else {
                this.settle();
            }
            return;
        }
        const chunk = buffer.subarray(0, bytesRead);
        this.head += bytesRead;
        if (this.head > this.size)
            throw new oci_digest/* SizeMismatchError */.Au(this.size, this.head, this.where);
        this.hash.update(chunk);
        this.chunks.push(chunk);
    }
    /** Forgets chunks every attached consumer has had, once no new consumer can join. */
    trim() {
        if (this.joinable)
            return;
        let keepFrom = this.first + this.chunks.length;
        for (const consumer of this.consumers)
            keepFrom = Math.min(keepFrom, consumer.index);
        if (keepFrom > this.first) {
            this.chunks = this.chunks.slice(keepFrom - this.first);
            this.first = keepFrom;
        }
    }
    fail(error) {
        this.failure = error;
        this.settle(error);
        if (!this.ended)
            void this.file?.then((handle) => handle.close()).catch(() => undefined);
        this.ended = true;
        this.chunks = [];
        for (const consumer of [...this.consumers])
            consumer.destroy(error);
        this.consumers.clear();
    }
}
/** One upload's view of a shared read: a stream of the blob's bytes. */
class Consumer extends external_node_stream_.Readable {
    shared;
    /** The index of the next chunk it gets. */
    index = 0;
    /** Bytes it has had. */
    offset = 0;
    /** It asked for more and hasn't had any since. */
    waiting = false;
    /** Its last chunk waits for the verdict. */
    finishing = false;
    own;
    constructor(shared) {
        super();
        this.shared = shared;
    }
    _read() {
        if (this.own) {
            this.own.resume();
            return;
        }
        this.waiting = true;
        this.shared.feed(this);
    }
    _destroy(error, done) {
        this.own?.destroy();
        if (!this.own)
            this.shared.drop(this);
        done(error);
    }
    /** The last chunk goes out only with a good verdict; a bad one fails the stream instead. */
    finish(last, verdict) {
        this.finishing = true;
        this.waiting = false;
        verdict.then(() => {
            if (last)
                this.push(last);
            this.push(null);
        }, (error) => this.destroy(error));
    }
    /** Too far behind: reads the rest itself, and waits for the shared verdict at its end. */
    goAlone() {
        this.waiting = false;
        const own = (0,external_node_fs_.createReadStream)(this.shared.path, { start: this.offset });
        this.own = own;
        let held;
        let seen = this.offset;
        own.on('data', (data) => {
            const chunk = data;
            seen += chunk.length;
            const previous = held;
            held = chunk;
            if (previous && !this.push(previous))
                own.pause();
        });
        own.once('error', (error) => {
            this.shared.release();
            this.destroy(error);
        });
        own.once('end', () => {
            if (seen !== this.shared.size) {
                this.shared.release();
                this.destroy(new oci_digest/* SizeMismatchError */.Au(this.shared.size, seen, this.shared.where));
                return;
            }
            const verdict = this.shared.whenVerified();
            void verdict.finally(() => this.shared.release()).catch(() => undefined);
            this.finish(held, verdict);
        });
    }
}

;// CONCATENATED MODULE: ./src/source/oci-layout.ts









/** image-spec `annotations.md`: the name of an entry in a layout's index.json. */
const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';
/** The fallback tag and cosign's tags (`sha256-<hex>`, `.sig`, `.att`, `.sbom`) name referrers. */
const oci_layout_REFERRER_TAG = /^sha256-[a-f0-9]{64}(?:\.[a-z]+)?$/;
/** An OCI image layout directory (image-spec `image-layout.md`). */
class OciLayoutSource {
    dir;
    ref;
    name;
    /** Registries pushed to at once share one read and one check of each blob. */
    reads = new SharedBlobReads();
    /** Every manifest the layout holds that has a `subject`, by that subject; read once. */
    bySubject;
    constructor(dir, ref) {
        this.dir = dir;
        this.ref = ref;
        this.name = `oci:${dir}${ref === undefined ? '' : `:${ref}`}`;
    }
    async resolve() {
        await this.checkLayoutMarker();
        const entries = await this.readIndexEntries();
        if (this.ref !== undefined) {
            const matches = entries.filter((e) => e.annotations?.[REF_NAME_ANNOTATION] === this.ref);
            const [match] = matches;
            if (!match) {
                throw new source/* SourceError */.c(`${this.name}: index.json has no entry named "${this.ref}"; it has ${describeEntries(entries)}`);
            }
            if (matches.length > 1) {
                throw new source/* SourceError */.c(`${this.name}: index.json has ${matches.length} entries named "${this.ref}"`);
            }
            return match;
        }
        const [first] = entries;
        if (!first)
            throw new source/* SourceError */.c(`${this.name}: index.json lists no manifests`);
        // oras and regctl write an image's referrers into index.json beside it: they are not
        // candidates for "the image" (they travel with it).
        const images = entries.length > 1 ? await this.withoutReferrers(entries) : entries;
        const [only] = images;
        if (only && images.length === 1)
            return only;
        if (entries.length > 1) {
            throw new source/* SourceError */.c(`${this.name}: index.json lists ${entries.length} manifests; name one with ` +
                `oci:${this.dir}:NAME. It has ${describeEntries(entries)}`);
        }
        return first;
    }
    async withoutReferrers(entries) {
        const kept = [];
        for (const entry of entries) {
            if (oci_layout_REFERRER_TAG.test(entry.annotations?.[REF_NAME_ANNOTATION] ?? ''))
                continue;
            const bytes = await this.fetchManifest(entry);
            const where = `${this.name}: manifest ${entry.digest}`;
            if (parseManifest(bytes, entry.mediaType, where).subject)
                continue;
            kept.push(entry);
        }
        return kept;
    }
    async fetchManifest(descriptor) {
        if (descriptor.size > MAX_MANIFEST_BYTES) {
            throw new source/* SourceError */.c(`${this.name}: manifest ${descriptor.digest} is ${descriptor.size} bytes; registries ` +
                `only guarantee ${MAX_MANIFEST_BYTES}`);
        }
        const bytes = await this.readBlobFile(descriptor);
        (0,oci_digest/* verifyBytes */.RV)(bytes, descriptor.digest, descriptor.size, `${this.name}: manifest ${descriptor.digest}`);
        return bytes;
    }
    /**
     * Manifests in the layout whose `subject` is `digest`: index.json's entries and what their
     * indexes list (a fallback-tag index `sha256-<hex>` among them), as oras and regctl
     * write referrers into a layout.
     */
    async referrers(digest) {
        this.bySubject ??= this.readSubjects();
        return (await this.bySubject).get(digest) ?? [];
    }
    async resolveTag(tag) {
        const entries = await this.readIndexEntries();
        return entries.find((e) => e.annotations?.[REF_NAME_ANNOTATION] === tag);
    }
    async readSubjects() {
        const bySubject = new Map();
        const seen = new Set();
        const visit = async (descriptor) => {
            if (seen.has(descriptor.digest))
                return;
            seen.add(descriptor.digest);
            const bytes = await this.fetchManifest(descriptor);
            const where = `${this.name}: manifest ${descriptor.digest}`;
            const parsed = parseManifest(bytes, descriptor.mediaType, where);
            if (parsed.subject) {
                const list = bySubject.get(parsed.subject.digest) ?? [];
                list.push(referrerDescriptor(descriptor, bytes));
                bySubject.set(parsed.subject.digest, list);
            }
            for (const child of parsed.manifests)
                await visit(child);
        };
        for (const entry of await this.readIndexEntries())
            await visit(entry);
        return bySubject;
    }
    async openBlob(descriptor) {
        const path = this.blobPath(descriptor);
        await (0,promises_.stat)(path).catch((error) => {
            throw this.missingBlob(descriptor, error);
        });
        return this.reads.open(path, descriptor, `${this.name}: blob ${descriptor.digest}`);
    }
    blobPath(descriptor) {
        return (0,external_node_path_.join)(this.dir, 'blobs', 'sha256', (0,oci_digest/* digestHex */.sU)(descriptor.digest));
    }
    async readBlobFile(descriptor) {
        const where = `${this.name}: manifest ${descriptor.digest} (blobs/sha256/${(0,oci_digest/* digestHex */.sU)(descriptor.digest)})`;
        try {
            return await readBoundedFile(this.blobPath(descriptor), MAX_MANIFEST_BYTES, where);
        }
        catch (error) {
            if (error instanceof source/* SourceError */.c)
                throw error;
            throw this.missingBlob(descriptor, error);
        }
    }
    missingBlob(descriptor, error) {
        const reason = error.code === 'ENOENT' ? 'is missing' : `can't be read (${error.message})`;
        return new source/* SourceError */.c(`${this.name}: ${descriptor.mediaType} ${descriptor.digest} ${reason} ` +
            `(blobs/sha256/${(0,oci_digest/* digestHex */.sU)(descriptor.digest)}); the layout is incomplete, so re-export the image`);
    }
    async checkLayoutMarker() {
        let marker;
        try {
            const where = `${this.name}: oci-layout`;
            const bytes = await readBoundedFile((0,external_node_path_.join)(this.dir, 'oci-layout'), MAX_MANIFEST_BYTES, where);
            marker = JSON.parse(bytes.toString('utf8'));
        }
        catch (error) {
            if (error instanceof source/* SourceError */.c)
                throw error;
            const code = error.code;
            throw new source/* SourceError */.c(code === 'ENOENT'
                ? `${this.name}: not an OCI image layout (no oci-layout file in ${this.dir})`
                : `${this.name}: oci-layout file is unreadable: ${error.message}`);
        }
        const version = marker.imageLayoutVersion;
        if (version !== '1.0.0') {
            throw new source/* SourceError */.c(`${this.name}: unsupported imageLayoutVersion ${JSON.stringify(version)}`);
        }
    }
    async readIndexEntries() {
        let index;
        try {
            index = JSON.parse(await readIndexJson(this.dir, this.name));
        }
        catch (error) {
            if (error instanceof source/* SourceError */.c)
                throw error;
            throw new source/* SourceError */.c(`${this.name}: index.json is missing or not JSON: ${error.message}`);
        }
        if (!Array.isArray(index.manifests)) {
            throw new source/* SourceError */.c(`${this.name}: index.json has no "manifests" list`);
        }
        return index.manifests.map((entry, i) => {
            const descriptor = toDescriptor(entry, `${this.name}: index.json manifests[${i}]`);
            if (!(0,mediatypes/* isManifestMediaType */.CM)(descriptor.mediaType)) {
                throw new source/* SourceError */.c(`${this.name}: index.json manifests[${i}] has media type ${descriptor.mediaType}, not a manifest`);
            }
            return descriptor;
        });
    }
}
/** A layout's index.json, bounded like a manifest: it is one, in all but name. */
async function readIndexJson(dir, name) {
    const bytes = await readBoundedFile((0,external_node_path_.join)(dir, 'index.json'), MAX_MANIFEST_BYTES, `${name}: index.json`);
    return bytes.toString('utf8');
}
function describeEntries(entries) {
    const names = entries.map((e) => e.annotations?.[REF_NAME_ANNOTATION] ?? `(unnamed ${e.digest})`);
    return names.length === 0 ? 'no entries' : names.join(', ');
}

;// CONCATENATED MODULE: ./src/source/unpacked-archive.ts




/** Temporary directories of sources start with this, so a leftover one is easy to place. */
const SOURCE_TEMP_PREFIX = 'oci-push-source-';
/**
 * A tar archive unpacked, once, into a private temporary directory, as skopeo does with
 * oci-archive and docker-archive. Unpacking is safe against hostile archives: node-tar in
 * strict mode refuses absolute paths, `..`, links that leave the directory and writes through
 * symlinks, and any such entry fails the whole source rather than being skipped quietly.
 */
class UnpackedArchive {
    file;
    sourceName;
    tempRoot;
    unpacking;
    removed = false;
    constructor(
    /** The tar file, as the user named it. */
    file, 
    /** The source's name, which starts every error message. */
    sourceName, 
    /** The directory temporary directories are made in. */
    tempRoot) {
        this.file = file;
        this.sourceName = sourceName;
        this.tempRoot = tempRoot;
    }
    /** The directory holding the archive's contents. The first call unpacks; later ones wait. */
    directory() {
        if (this.removed)
            throw new source/* SourceError */.c(`${this.sourceName}: used after it was closed`);
        this.unpacking ??= this.unpack();
        return this.unpacking;
    }
    /**
     * A file the archive names (in manifest.json, say), as a path on disk. Refused if it would
     * lead out of the archive, through `..`, an absolute path or a symlink.
     */
    async pathOf(name, what) {
        const dir = await this.directory();
        const where = `${this.sourceName}: ${what} "${name}"`;
        if ((0,external_node_path_.isAbsolute)(name) || name.split('/').includes('..')) {
            throw new source/* SourceError */.c(`${where} points outside the archive; the archive is malformed`);
        }
        let real;
        try {
            real = await (0,promises_.realpath)((0,external_node_path_.join)(dir, name));
        }
        catch (error) {
            const code = error.code;
            throw new source/* SourceError */.c(code === 'ENOENT'
                ? `${where} is not in the archive; it is incomplete, so save or export the image again`
                : `${where} can't be read: ${error.message}`);
        }
        const inside = (0,external_node_path_.relative)(await (0,promises_.realpath)(dir), real);
        if (inside === '' || inside.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(inside)) {
            throw new source/* SourceError */.c(`${where} leads outside the archive through a link; refusing it`);
        }
        return real;
    }
    /** Deletes the unpacked files. Safe to call twice, and while unpacking is under way. */
    async remove() {
        this.removed = true;
        const dir = await this.unpacking?.catch(() => undefined);
        if (dir)
            await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
    async unpack() {
        await this.checkFile();
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(this.tempRoot, SOURCE_TEMP_PREFIX));
        let failure;
        try {
            // Not `strict`: in strict mode node-tar rejects at the first bad entry while writes of
            // earlier entries are still under way, and removing the directory then races them
            // (ENOTEMPTY, a leftover directory, and that error instead of the real one). Without
            // it, each bad entry is skipped with a warning and the promise settles only once every
            // write has ended; then any warning refuses the whole archive.
            const warnings = [];
            const { extract } = await __nccwpck_require__.e(/* import() */ 697).then(__nccwpck_require__.bind(__nccwpck_require__, 8697));
            await extract({
                file: this.file,
                cwd: dir,
                preserveOwner: false,
                noMtime: true,
                onwarn: (code, message) => warnings.push({ code, message: String(message) }),
            });
            const [first] = warnings;
            if (first)
                failure = this.unpackError(first.code, first.message);
        }
        catch (error) {
            const { tarCode, code, message } = error;
            failure = this.unpackError(tarCode ?? code, message);
        }
        if (!failure && this.removed)
            failure = new source/* SourceError */.c(`${this.sourceName}: closed while unpacking`);
        if (failure) {
            // The refusal is what the user must see; a failed removal must not replace it.
            await (0,promises_.rm)(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
            throw failure;
        }
        return dir;
    }
    async checkFile() {
        let isFile;
        try {
            isFile = (await (0,promises_.stat)(this.file)).isFile();
        }
        catch (error) {
            const code = error.code;
            throw new source/* SourceError */.c(code === 'ENOENT'
                ? `${this.sourceName}: the file ${this.file} does not exist; check the path (it is ` +
                    'relative to the working directory) and that the step writing it ran'
                : `${this.sourceName}: can't read ${this.file}: ${error.message}`);
        }
        if (!isFile) {
            throw new source/* SourceError */.c(`${this.sourceName}: ${this.file} is not a file; for an OCI layout directory write oci:${this.file}`);
        }
    }
    unpackError(code, message) {
        if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ENTRY_INVALID' || code === 'TAR_ABORT') {
            return new source/* SourceError */.c(`${this.sourceName}: ${this.file} is not a tar archive, or is damaged (${message}); ` +
                'give the file `docker save` or `docker buildx build --output type=oci,dest=FILE` wrote');
        }
        if (code?.startsWith('TAR_')) {
            // Absolute paths, `..`, links out of the directory; also a full disk, said in `message`.
            return new source/* SourceError */.c(`${this.sourceName}: ${this.file} could not be unpacked safely (${message}); ` +
                'refusing the whole archive');
        }
        return new source/* SourceError */.c(`${this.sourceName}: ${this.file} could not be unpacked: ${message}`);
    }
}
/**
 * An OCI layout unpacked from an archive, named after the archive: errors and digest
 * mismatches then point at the file the user gave, not at a temporary directory.
 */
class LayoutInArchive extends OciLayoutSource {
    layoutDir;
    pickHint;
    name;
    constructor(layoutDir, ref, name, 
    /** How the user names one entry, e.g. `oci-archive:FILE:NAME`. */
    pickHint) {
        super(layoutDir, ref);
        this.layoutDir = layoutDir;
        this.pickHint = pickHint;
        this.name = name;
    }
    async resolve() {
        try {
            return await super.resolve();
        }
        catch (error) {
            if (!(error instanceof source/* SourceError */.c))
                throw error;
            throw new source/* SourceError */.c(error.message.replace(`oci:${this.layoutDir}:NAME`, this.pickHint));
        }
    }
}

;// CONCATENATED MODULE: ./src/source/docker-archive.ts












/** containerd's annotation for an image's full name; moby writes it into index.json. */
const IMAGE_NAME_ANNOTATION = 'io.containerd.image.name';
/**
 * `docker-archive:FILE[:NAME:TAG|:@N]`: what `docker save` writes. Two formats:
 *
 * - Docker 25 and later write an OCI layout (`oci-layout`, `index.json`, `blobs/`) next to
 *   manifest.json. The image's OCI manifest is served from the layout as it is, so its digest
 *   is the one docker knows.
 * - Before 25, there is no manifest at all: `<id>.json` configs and `<id>/layer.tar` layers.
 *   A Docker v2 manifest is built (see `buildDockerImage`), as `docker push` would.
 */
class DockerArchiveSource {
    file;
    pick;
    reads = new SharedBlobReads();
    name;
    archive;
    opening;
    constructor(file, pick, tempRoot, 
    /** Names the source in messages; `docker-daemon:` passes its own. */
    name) {
        this.file = file;
        this.pick = pick;
        const picked = pick.name ?? (pick.index === undefined ? undefined : `@${pick.index}`);
        this.name = name ?? `docker-archive:${file}${picked === undefined ? '' : `:${picked}`}`;
        this.archive = new UnpackedArchive(file, this.name, tempRoot);
    }
    async resolve() {
        const image = await this.open();
        return image.kind === 'layout' ? image.root : image.image.manifest;
    }
    async fetchManifest(descriptor) {
        const image = await this.open();
        if (image.kind === 'layout')
            return image.layout.fetchManifest(descriptor);
        if (descriptor.digest !== image.image.manifest.digest)
            throw this.notInImage(descriptor);
        return image.image.manifestBytes;
    }
    async openBlob(descriptor) {
        const image = await this.open();
        if (image.kind === 'layout')
            return image.layout.openBlob(descriptor);
        const blob = image.image.blobs.get(descriptor.digest);
        if (!blob)
            throw this.notInImage(descriptor);
        return this.reads.open(blob.path, descriptor, `${this.name}: blob ${descriptor.digest}`);
    }
    async close() {
        await this.archive.remove();
    }
    notInImage(descriptor) {
        return new source/* SourceError */.c(`${this.name}: ${descriptor.digest} is not part of this image`);
    }
    open() {
        this.opening ??= this.openImage();
        return this.opening;
    }
    async openImage() {
        const dir = await this.archive.directory();
        const images = await this.readManifestJson(dir);
        const image = this.pickImage(images);
        if (await isOciLayout(dir)) {
            const layout = new LayoutInArchive(dir, undefined, this.name, `docker-archive:${this.file}:NAME:TAG`);
            const root = await this.findInLayout(dir, layout, image);
            if (root)
                return { kind: 'layout', root, layout };
            // A layout that doesn't list this image: read it as the old format, which still works.
        }
        const built = await buildDockerImage(image, (name, what) => this.archive.pathOf(name, what), (0,external_node_path_.join)(dir, '.oci-push-layers'), this.name);
        return { kind: 'built', image: built };
    }
    async readManifestJson(dir) {
        let text;
        try {
            const where = `${this.name}: manifest.json`;
            text = (await readBoundedFile((0,external_node_path_.join)(dir, 'manifest.json'), MAX_MANIFEST_BYTES, where)).toString('utf8');
        }
        catch (error) {
            if (error instanceof source/* SourceError */.c)
                throw error;
            const layout = await isOciLayout(dir);
            throw new source/* SourceError */.c(`${this.name}: ${this.file} is not a \`docker save\` archive (no manifest.json at its top)` +
                (layout
                    ? `; it is an OCI layout archive, so write oci-archive:${this.file}`
                    : '; write it with `docker save -o FILE NAME:TAG`'));
        }
        let json;
        try {
            json = JSON.parse(text);
        }
        catch (error) {
            throw new source/* SourceError */.c(`${this.name}: manifest.json is not JSON: ${error.message}`);
        }
        if (!Array.isArray(json))
            throw new source/* SourceError */.c(`${this.name}: manifest.json is not a list`);
        return json.map((entry, i) => {
            const item = entry;
            if (typeof item?.Config !== 'string' ||
                !Array.isArray(item.Layers) ||
                !item.Layers.every((l) => typeof l === 'string')) {
                throw new source/* SourceError */.c(`${this.name}: manifest.json entry ${i} has no Config and Layers`);
            }
            const tags = Array.isArray(item.RepoTags)
                ? item.RepoTags.filter((t) => typeof t === 'string')
                : [];
            return { Config: item.Config, RepoTags: tags, Layers: item.Layers };
        });
    }
    pickImage(images) {
        const { name, index } = this.pick;
        if (images.length === 0)
            throw new source/* SourceError */.c(`${this.name}: manifest.json lists no images`);
        if (index !== undefined) {
            const image = images[index];
            if (!image) {
                throw new source/* SourceError */.c(`${this.name}: the archive holds ${images.length} image(s), so @${index} is out of ` +
                    `range; use @0 to @${images.length - 1}`);
            }
            return image;
        }
        if (name !== undefined) {
            const wanted = comparableName(name);
            const matches = images.filter((image) => (image.RepoTags ?? []).some((tag) => comparableName(tag) === wanted));
            const [match] = matches;
            if (!match) {
                throw new source/* SourceError */.c(`${this.name}: no image in ${this.file} is tagged ${name}; it holds ` +
                    `${describeImages(images)}`);
            }
            if (matches.length > 1) {
                throw new source/* SourceError */.c(`${this.name}: ${matches.length} images in ${this.file} are tagged ${name}; pick one ` +
                    `with docker-archive:${this.file}:@N`);
            }
            return match;
        }
        const [only] = images;
        if (images.length > 1 || !only) {
            throw new source/* SourceError */.c(`${this.name} holds ${images.length} images (${describeImages(images)}); name one with ` +
                `docker-archive:${this.file}:NAME:TAG (or docker-archive:${this.file}:@N, counting from 0)`);
        }
        return only;
    }
    /**
     * The index.json entry that is this image (moby `image/tarexport/save.go`): by the full
     * name docker annotates each entry with, else by the config digest its manifest points at.
     */
    async findInLayout(dir, layout, image) {
        const entries = await this.readIndexEntries(dir);
        const names = new Set((image.RepoTags ?? []).map(comparableName));
        let found = entries.filter((entry) => {
            const annotated = entry.annotations?.[IMAGE_NAME_ANNOTATION];
            return annotated !== undefined && names.has(comparableName(annotated));
        });
        if (found.length === 0) {
            const configPath = await this.archive.pathOf(image.Config, 'config');
            const where = `${this.name}: config "${image.Config}"`;
            const config = (0,oci_digest/* digestOf */.ol)(await readBoundedFile(configPath, MAX_CONFIG_BYTES, where));
            found = [];
            for (const entry of entries) {
                if ((0,mediatypes/* isIndexMediaType */.$$)(entry.mediaType))
                    continue;
                const bytes = await layout.fetchManifest(entry);
                const parsed = parseManifest(bytes, entry.mediaType, `${this.name}: ${entry.digest}`);
                if (parsed.blobs[0]?.digest === config)
                    found.push(entry);
            }
        }
        const digests = new Set(found.map((entry) => entry.digest));
        if (digests.size > 1) {
            throw new source/* SourceError */.c(`${this.name}: index.json lists ${digests.size} different manifests for this image ` +
                `(${[...digests].join(', ')}); the archive is inconsistent`);
        }
        return found[0];
    }
    async readIndexEntries(dir) {
        let index;
        try {
            index = JSON.parse(await readIndexJson(dir, this.name));
        }
        catch (error) {
            if (error instanceof source/* SourceError */.c)
                throw error;
            throw new source/* SourceError */.c(`${this.name}: index.json is not JSON: ${error.message}`);
        }
        if (!Array.isArray(index.manifests)) {
            throw new source/* SourceError */.c(`${this.name}: index.json has no "manifests" list`);
        }
        return index.manifests.map((entry, i) => toDescriptor(entry, `${this.name}: index.json manifests[${i}]`));
    }
}
async function isOciLayout(dir) {
    try {
        await Promise.all([(0,promises_.access)((0,external_node_path_.join)(dir, 'oci-layout')), (0,promises_.access)((0,external_node_path_.join)(dir, 'index.json'))]);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Names compared as docker compares them: `app:1`, `docker.io/library/app:1` and
 * `index.docker.io/library/app:1` are one image. A name that doesn't parse is kept as written.
 */
function comparableName(name) {
    try {
        return canonicalImageName(parseImageName(name, name));
    }
    catch {
        return name;
    }
}
function describeImages(images) {
    return images
        .map((image, i) => {
        const tags = image.RepoTags ?? [];
        return tags.length > 0 ? tags.join(', ') : `@${i} (untagged)`;
    })
        .join(', ');
}

;// CONCATENATED MODULE: ./src/source/docker-daemon.ts






/**
 * `docker-daemon:NAME:TAG`: an image in the local docker daemon. `docker save` writes it to a
 * temporary file (streamed to disk by docker, never held in memory here), which is then read
 * as a docker-archive. The CLI finds its daemon the usual way (DOCKER_HOST, docker context).
 */
class DockerDaemonSource {
    image;
    tempRoot;
    dockerCommand;
    name;
    saving;
    saveDir;
    closed = false;
    constructor(image, tempRoot, 
    /** The docker CLI to run; `docker` from PATH unless told otherwise. */
    dockerCommand = 'docker') {
        this.image = image;
        this.tempRoot = tempRoot;
        this.dockerCommand = dockerCommand;
        this.name = `docker-daemon:${image}`;
    }
    async resolve() {
        return (await this.saved()).resolve();
    }
    async fetchManifest(descriptor) {
        return (await this.saved()).fetchManifest(descriptor);
    }
    async openBlob(descriptor) {
        return (await this.saved()).openBlob(descriptor);
    }
    async close() {
        this.closed = true;
        const archive = await this.saving?.catch(() => undefined);
        await archive?.close();
        if (this.saveDir)
            await (0,promises_.rm)(this.saveDir, { recursive: true, force: true });
    }
    saved() {
        if (this.closed)
            throw new source/* SourceError */.c(`${this.name}: used after it was closed`);
        this.saving ??= this.save();
        return this.saving;
    }
    async save() {
        this.saveDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(this.tempRoot, SOURCE_TEMP_PREFIX));
        const file = (0,external_node_path_.join)(this.saveDir, 'image.tar');
        const stderr = [];
        let code;
        try {
            code = await exec(this.dockerCommand, ['save', '-o', file, this.image], {
                silent: true,
                ignoreReturnCode: true,
                listeners: { stderr: (data) => stderr.push(data) },
            });
        }
        catch (error) {
            throw new source/* SourceError */.c(`${this.name}: could not run \`${this.dockerCommand} save\` (${error.message}); ` +
                'the docker CLI must be on PATH, or push the image from a file with docker-archive:FILE');
        }
        if (code !== 0) {
            const said = Buffer.concat(stderr).toString('utf8').trim();
            const failed = `${this.name}: \`docker save ${this.image}\` failed with exit code ${code}`;
            const quoted = said ? ` ("${said.replace(/\s+/g, ' ')}")` : '';
            // The CLI's own words tell a daemon that can't be reached from an image it doesn't have.
            if (/cannot connect to the docker daemon|is the docker daemon running/i.test(said)) {
                throw new source/* SourceError */.c(`${failed}: the docker daemon can't be reached${quoted}. Start it, or point DOCKER_HOST ` +
                    'at the daemon that holds the image; or push the image from a file with ' +
                    'docker-archive:FILE');
            }
            throw new source/* SourceError */.c(`${failed}${quoted}. Check that the image is in the daemon ` +
                `(\`docker image ls ${this.image}\`) and that DOCKER_HOST points at that daemon`);
        }
        // The file holds exactly the image asked for, so it needs no name to pick it.
        return new DockerArchiveSource(file, {}, this.tempRoot, this.name);
    }
}

;// CONCATENATED MODULE: ./src/source/oci-archive.ts




/**
 * `oci-archive:FILE[:REF]`: a tar of an OCI image layout, which is what
 * `docker buildx build --output type=oci,dest=FILE` writes (an index of every platform plus
 * its attestation manifests). It is unpacked on first use and then read as a layout.
 */
class OciArchiveSource {
    file;
    ref;
    name;
    archive;
    layout;
    constructor(file, ref, tempRoot) {
        this.file = file;
        this.ref = ref;
        this.name = `oci-archive:${file}${ref === undefined ? '' : `:${ref}`}`;
        this.archive = new UnpackedArchive(file, this.name, tempRoot);
    }
    async resolve() {
        return (await this.open()).resolve();
    }
    async fetchManifest(descriptor) {
        return (await this.open()).fetchManifest(descriptor);
    }
    async openBlob(descriptor) {
        return (await this.open()).openBlob(descriptor);
    }
    async referrers(digest) {
        return (await this.open()).referrers(digest);
    }
    async resolveTag(tag) {
        return (await this.open()).resolveTag(tag);
    }
    async close() {
        await this.archive.remove();
    }
    open() {
        this.layout ??= (async () => {
            const dir = await this.archive.directory();
            try {
                await (0,promises_.access)((0,external_node_path_.join)(dir, 'oci-layout'));
            }
            catch {
                const dockerSave = await (0,promises_.access)((0,external_node_path_.join)(dir, 'manifest.json')).then(() => true, () => false);
                throw new source/* SourceError */.c(`${this.name}: ${this.file} is not an OCI layout archive (no oci-layout file at its ` +
                    (dockerSave
                        ? 'top, but a manifest.json): it looks like `docker save` output, so write ' +
                            `docker-archive:${this.file}`
                        : 'top); write it with `docker buildx build --output type=oci,dest=FILE`'));
            }
            return new LayoutInArchive(dir, this.ref, this.name, `oci-archive:${this.file}:NAME`);
        })();
        return this.layout;
    }
}

;// CONCATENATED MODULE: ./src/source/open.ts






/** The source a reference names. Nothing is read until the source's first `resolve()`. */
function openSource(ref, context) {
    const tempRoot = context.tempDir ?? process.env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)();
    switch (ref.transport) {
        case 'oci':
            return new OciLayoutSource(ref.path, ref.ref);
        case 'oci-archive':
            return new OciArchiveSource(ref.path, ref.ref, tempRoot);
        case 'docker-archive':
            return new DockerArchiveSource(ref.path, {
                ...(ref.name !== undefined && { name: ref.name }),
                ...(ref.index !== undefined && { index: ref.index }),
            }, tempRoot);
        case 'docker-daemon':
            return new DockerDaemonSource(ref.name, tempRoot, context.dockerCommand);
        case 'docker':
            if (!context.registrySource) {
                throw new source/* SourceError */.c(`docker://${ref.host}/${ref.repository}: this host of oci-push can't read from a ` +
                    'registry (no registry source was given to openSource)');
            }
            return context.registrySource(ref);
    }
}

;// CONCATENATED MODULE: ./src/source/registry.ts








/**
 * Another registry as the source (`docker://HOST/REPO[:TAG|@DIGEST]`): how a runner in China
 * copies a release from gsoci to Aliyun. Manifests are fetched by digest and checked; blobs
 * stream through, verified as they pass, and are never held whole.
 */
/**
 * How long a manifest that a tag or digest promises may answer 404 before the copy gives up:
 * a geo-replicated registry (ACR) serves a manifest just pushed elsewhere only after a while
 * (FACTS.md, "Geo-replication"), and Giant Swarm's own copy job retried for this reason.
 */
const DEFAULT_MANIFEST_WAIT_MS = 60_000;
class RegistrySource {
    client;
    repository;
    reference;
    options;
    name;
    /** The root's bytes from `resolve()`, so the graph walk doesn't fetch them a second time. */
    root;
    /** Small blobs read once and handed to every target that wants them (see `openBlob`). */
    shared = new Map();
    sharedBytes = 0;
    constructor(client, 
    /** The repository the blobs live in; the copy mounts from it on the same registry. */
    repository, reference, options = {}) {
        this.client = client;
        this.repository = repository;
        this.reference = reference;
        this.options = options;
        const separator = reference.startsWith('sha256:') ? '@' : ':';
        this.name = `docker://${client.host}/${repository}${separator}${reference}`;
    }
    get host() {
        return this.client.host;
    }
    async resolve() {
        const manifest = await this.getManifest(this.reference);
        const mediaType = manifest.mediaType.split(';')[0]?.trim() ?? '';
        if (!(0,mediatypes/* isManifestMediaType */.CM)(mediaType)) {
            throw new source/* SourceError */.c(`${this.name}: the registry serves a manifest of type "${manifest.mediaType}", which ` +
                'oci-push does not copy (OCI or Docker v2 manifests and indexes only)');
        }
        this.root = { digest: manifest.digest, bytes: manifest.bytes };
        return { mediaType, digest: manifest.digest, size: manifest.size };
    }
    async fetchManifest(descriptor) {
        const { bytes } = this.root?.digest === descriptor.digest
            ? this.root
            : await this.getManifest(descriptor.digest);
        // The client hashed these bytes: the root's digest is their hash, and a manifest asked
        // for by digest is refused unless it hashes to it. Only the size is left to check.
        if (bytes.length !== descriptor.size) {
            throw new oci_digest/* SizeMismatchError */.Au(descriptor.size, bytes.length, `${this.name}: manifest ${descriptor.digest}`);
        }
        return bytes;
    }
    /**
     * A manifest, waiting out a replica that doesn't serve it yet (404) for a bounded time; a
     * failure is a source error.
     */
    async getManifest(reference) {
        const { onWait, manifestWaitMs = DEFAULT_MANIFEST_WAIT_MS } = this.options;
        const now = this.options.now ?? Date.now;
        const sleep = this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        const deadline = now() + manifestWaitMs;
        for (let attempt = 1;; attempt++) {
            try {
                return await this.client.getManifest(this.repository, reference);
            }
            catch (error) {
                const left = deadline - now();
                if (!(error instanceof RegistryError && error.status === 404) || left <= 0) {
                    throw this.failure(`manifest ${reference}`, error);
                }
                const delay = Math.min(left, Math.min(10_000, 1_000 * 2 ** (attempt - 1)));
                onWait?.(`${this.name}: manifest ${reference} not found (HTTP 404); a replica may not have it ` +
                    `yet, trying again in ${Math.round(delay / 1000)} s (up to ${manifestWaitMs / 1000} s in all)`);
                await sleep(delay);
            }
        }
    }
    /**
     * The referrers API, or on a registry without it (404) the fallback tag `sha256-<hex>`
     * (distribution-spec "Referrers Tag Schema"), as a client reading them would look.
     */
    async referrers(digest) {
        // undefined: no referrers API, which the client remembers for the rest of the run.
        const listed = await this.client.getReferrers(this.repository, digest);
        if (listed)
            return listed;
        const tag = referrersTag(digest);
        if (this.options.listedTags && !this.options.listedTags.has(tag))
            return [];
        let index;
        try {
            index = (await this.client.getManifest(this.repository, tag)).bytes;
        }
        catch (error) {
            if (error instanceof RegistryError && error.status === 404)
                return [];
            throw error;
        }
        const where = `${this.name}: the referrers tag ${tag}`;
        let json;
        try {
            json = JSON.parse(index.toString('utf8'));
        }
        catch {
            throw new source/* SourceError */.c(`${where} is not JSON; it should hold an OCI index of referrers`);
        }
        const entries = Array.isArray(json.manifests) ? json.manifests : [];
        return entries.map((entry, i) => toDescriptor(entry, `${where} manifests[${i}]`));
    }
    async resolveTag(tag) {
        if (this.options.listedTags && !this.options.listedTags.has(tag))
            return undefined;
        const found = await this.client.headManifest(this.repository, tag);
        if (!found)
            return undefined;
        const mediaType = found.mediaType.split(';')[0]?.trim() ?? '';
        // A HEAD without Content-Length gives no size; the digest is what the GET checks.
        const size = found.size > 0
            ? found.size
            : (await this.client.getManifest(this.repository, found.digest)).size;
        return { mediaType, digest: found.digest, size };
    }
    /**
     * A blob, verified as it streams. A read cut partway goes on from where it was cut (see
     * `RegistryClient.getBlob`). Small blobs (configs, small layers) are read once and shared
     * by every target that asks while they are kept, so a copy to several registries reads
     * them once; large ones stream to each target on their own and are never held whole.
     */
    async openBlob(descriptor) {
        if (descriptor.size > SHARED_BLOB_MAX)
            return this.streamBlob(descriptor);
        let read = this.shared.get(descriptor.digest);
        if (!read) {
            read = this.readBlob(descriptor);
            if (this.sharedBytes + descriptor.size <= SHARED_BYTES_MAX) {
                this.shared.set(descriptor.digest, read);
                this.sharedBytes += descriptor.size;
                read.catch(() => {
                    // A failed read is not kept: the next target asking reads again.
                    this.shared.delete(descriptor.digest);
                    this.sharedBytes -= descriptor.size;
                });
            }
        }
        return external_node_stream_.Readable.from([await read]);
    }
    async readBlob(descriptor) {
        const chunks = [];
        for await (const chunk of await this.streamBlob(descriptor))
            chunks.push(chunk);
        return Buffer.concat(chunks);
    }
    async streamBlob(descriptor) {
        const what = `blob ${descriptor.digest}`;
        let body;
        try {
            body = await this.client.getBlob(this.repository, descriptor.digest, descriptor.size);
        }
        catch (error) {
            throw this.failure(what, error);
        }
        const verifier = new oci_digest/* VerifyingStream */.SC(descriptor.digest, descriptor.size, `${this.name}: ${what}`);
        body.once('error', (error) => verifier.destroy(this.failure(what, error)));
        // A consumer that stops early must not leave the connection half-read.
        verifier.once('close', () => {
            if (!body.readableEnded)
                body.destroy();
        });
        return body.pipe(verifier);
    }
    /**
     * A read that failed even after its retries, as a source error: which source, which input
     * named it, and, when the registry could not be reached, what to check.
     */
    failure(what, error) {
        if (error instanceof source/* SourceError */.c)
            return error;
        const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
        const input = this.options.input ? ` (${this.options.input})` : '';
        const hint = error instanceof NetworkError
            ? `. The image source ${this.client.host} could not be read, after retries; check ` +
                'that it is up and reachable from here, then run again'
            : '';
        return new source/* SourceError */.c(`${this.name}${input}: reading ${what} failed: ${message}${hint}`, {
            cause: error,
        });
    }
}
/** Blobs up to this size are read once per source and shared by every target. */
const SHARED_BLOB_MAX = 4 * 1024 * 1024;
/** What the shared small blobs of one source may hold in memory at most. */
const SHARED_BYTES_MAX = 64 * 1024 * 1024;

;// CONCATENATED MODULE: ./src/engine/copy.ts




/** Docker pushes 5 layers at once; one more lets the config blob ride along. */
const DEFAULT_BLOB_CONCURRENCY = 6;
/** An immutable tag already holds another digest. */
class TagConflictError extends Error {
    name = 'TagConflictError';
}
/**
 * A tag this run wrote (or found in place) holds another digest when read back: another run
 * wrote it in between. Registries have no conditional tag write, so this is detected, not
 * prevented.
 */
class LostRaceError extends Error {
    name = 'LostRaceError';
}
const DEFAULT_RACE_SETTLE_MS = 1000;
/** The graph of what the source names, or of `from` (a referrer) when given. */
async function loadGraph(source, from) {
    const root = from ?? (await source.resolve());
    const manifests = [];
    const blobs = new Map();
    const seen = new Set();
    const visit = async (descriptor) => {
        if (seen.has(descriptor.digest))
            return;
        seen.add(descriptor.digest);
        const bytes = await source.fetchManifest(descriptor);
        const where = `${source.name}: manifest ${descriptor.digest}`;
        const parsed = parseManifest(bytes, descriptor.mediaType, where);
        for (const child of parsed.manifests)
            await visit(child);
        for (const blob of parsed.blobs)
            if (!blobs.has(blob.digest))
                blobs.set(blob.digest, blob);
        manifests.push({
            descriptor: { ...descriptor, mediaType: parsed.mediaType },
            bytes,
            children: parsed.manifests.map((m) => m.digest),
        });
    };
    await visit(root);
    return { root, manifests, blobs: [...blobs.values()] };
}
/**
 * Copies the graph into every target at once. Per target: read the tags first (a refused or
 * unchanged release writes nothing), then blobs, then manifests children-first with the root
 * last and by digest, then a check that the root is really there, and only then the tags, so
 * a tag never points at something incomplete; then the tags are read back (see `writeTags`).
 * One target's failure never stops the others.
 */
async function copyGraph(source, graph, targets, options = {}) {
    return Promise.all(targets.map((target) => copyToTarget(source, graph, target, options)));
}
async function copyToTarget(source, graph, target, options) {
    const now = options.now ?? Date.now;
    const started = now();
    const digest = graph.root.digest;
    const result = {
        host: target.client.host,
        repository: target.repository,
        status: options.dryRun ? 'would-push' : 'pushed',
        digest,
        tags: [],
        blobs: { skipped: 0, uploaded: 0, mounted: 0 },
        bytesUploaded: 0,
        seconds: 0,
    };
    try {
        if (target.failure)
            throw target.failure;
        const { client, repository } = target;
        await client.ping();
        const tags = target.tags ?? options.tags ?? [];
        const locked = new Set();
        for (const tag of tags) {
            const previous = target.knownTags?.has(tag)
                ? target.knownTags.get(tag)
                : (await client.headManifest(repository, tag))?.digest;
            const immutable = options.immutableTags?.includes(tag) ?? false;
            const isLocked = target.lockedTags?.includes(tag) ?? false;
            const moving = previous !== undefined && previous !== digest;
            if (moving && isLocked)
                locked.add(tag);
            const action = previous === undefined
                ? 'created'
                : !moving
                    ? 'unchanged'
                    : isLocked || (immutable && !options.overwrite)
                        ? 'refused'
                        : 'moved';
            result.tags.push({ tag, ...(previous && { previous }), action });
        }
        const refused = result.tags.filter((t) => t.action === 'refused');
        if (refused.length > 0) {
            result.status = 'refused';
            result.error = new TagConflictError(refused
                .map((t) => locked.has(t.tag)
                ? `${client.host}/${repository}:${t.tag} holds ${t.previous} and is locked ` +
                    '(writeEnabled: false), so not even `overwrite: true` moves it. Release a new ' +
                    `version; or, if this release really must be replaced, unlock it first (az acr ` +
                    `repository update --image ${repository}:${t.tag} --write-enabled true ` +
                    '--delete-enabled true)'
                : `${client.host}/${repository}:${t.tag} already holds ${t.previous}, a different ` +
                    `image than ${digest}. Release tags are immutable: release a new version, or set ` +
                    '`overwrite: true` to move the tag on purpose')
                .join('; '));
            return result;
        }
        const root = graph.manifests.at(-1);
        const rootPresent = (await client.headManifest(repository, digest))?.digest === digest;
        // A root that gets a tag is written by that tag alone: the registry checks its children
        // and blobs on that PUT just as on one by digest, and the tag is read back after it.
        const rootByTag = !rootPresent &&
            !options.dryRun &&
            !target.beforeTags &&
            result.tags.some((t) => t.action !== 'unchanged');
        if (rootPresent) {
            // A registry only accepts a manifest whose blobs and children it holds, so the whole
            // graph is there already.
            result.blobs.skipped = graph.blobs.length;
        }
        else {
            await copyBlobs(source, graph, target, result, options);
            if (!options.dryRun) {
                await putChildManifests(graph, target);
                if (!rootByTag && root) {
                    await client.putManifest(repository, digest, root.bytes, root.descriptor.mediaType);
                }
                const present = rootByTag || (await client.headManifest(repository, digest))?.digest === digest;
                if (!present) {
                    throw new Error(`${client.host}/${repository}: the registry accepted ${digest} but does not serve it ` +
                        'back; not tagging it or reporting it as pushed');
                }
            }
        }
        if (!options.dryRun && root) {
            await target.beforeTags?.();
            await writeTags(target, result, root, options, !rootByTag);
            if (rootPresent && result.tags.every((t) => t.action === 'unchanged')) {
                result.status = 'unchanged';
            }
            await target.afterTagsVerified?.({
                result,
                manifests: graph.manifests.map((m) => m.descriptor.digest),
            });
        }
    }
    catch (error) {
        // A registry that keeps its tags (Aliyun's immutable repositories) refused, as we would.
        result.status = error instanceof RegistryError && error.refusesOverwrite ? 'refused' : 'failed';
        result.error = describeFailure(error, target);
    }
    finally {
        result.seconds = (now() - started) / 1000;
    }
    return result;
}
/**
 * Puts every manifest of the graph but the root, each once the manifests it lists are in:
 * siblings (the platforms of an index) go in together, not one round trip after another.
 */
async function putChildManifests(graph, target) {
    const { client, repository } = target;
    const isHeld = async (digest) => (await client.headManifest(repository, digest))?.digest === digest;
    const put = async ({ descriptor, bytes }) => {
        // Never PUT what a registry that may refuse it holds: ACR may refuse a child shared with
        // a locked release (writeEnabled: false), even unchanged (FACTS.md: unconfirmed).
        if (target.asksBeforeManifests && (await isHeld(descriptor.digest)))
            return;
        try {
            await client.putManifest(repository, descriptor.digest, bytes, descriptor.mediaType);
        }
        catch (error) {
            // A registry with locks of its own that we were not told of: what it holds is fine.
            const refused = error instanceof RegistryError && [403, 405, 409].includes(error.status);
            if (!refused || !(await isHeld(descriptor.digest)))
                throw error;
        }
    };
    const done = new Map();
    for (const manifest of graph.manifests.slice(0, -1)) {
        const after = (manifest.children ?? []).flatMap((c) => done.get(c) ?? []);
        done.set(manifest.descriptor.digest, Promise.all(after).then(() => put(manifest)));
    }
    // Every PUT settles before the copy goes on (or fails), so none runs on behind a failure.
    const failure = (await Promise.allSettled(done.values())).find((r) => r.status === 'rejected');
    if (failure)
        throw failure.reason;
}
/**
 * Points the tags at the root, and checks that they stay there. Each immutable tag is read
 * again right before its PUT (another run may have released it since the first read), every
 * tag is read back after it is written, and all of them once more after a pause, so of two
 * runs racing for a tag, the one whose PUT landed first notices the other's. This narrows the
 * window; only a registry-side conditional write could close it, and there is none.
 */
async function writeTags(target, result, root, options, 
/** False when the root goes in by its first tag (see `rootByTag`). */
rootWritten) {
    const { client, repository } = target;
    const digest = result.digest;
    for (const outcome of result.tags) {
        const immutable = options.immutableTags?.includes(outcome.tag) ?? false;
        if (outcome.action !== 'unchanged') {
            const now = (await client.headManifest(repository, outcome.tag))?.digest;
            if (immutable && !options.overwrite && now !== undefined && now !== digest) {
                // The image is kept by digest, as the message says, so the run that lost can be
                // inspected or tagged by hand.
                if (!rootWritten)
                    await client.putManifest(repository, digest, root.bytes, root.descriptor.mediaType);
                throw lostRace(target, outcome.tag, now, digest, 'before this run wrote it');
            }
            if (now !== digest) {
                await client.putManifest(repository, outcome.tag, root.bytes, root.descriptor.mediaType);
            }
            rootWritten = true;
        }
        await checkTag(target, outcome.tag, digest, 'right after this run wrote it');
    }
    if (!result.tags.some((t) => t.action !== 'unchanged') || options.raceSettleMs === 0)
        return;
    await (options.sleep ?? sleep)(options.raceSettleMs ?? DEFAULT_RACE_SETTLE_MS);
    for (const outcome of result.tags) {
        await checkTag(target, outcome.tag, digest, 'a moment after this run wrote it');
    }
}
async function checkTag(target, tag, digest, when) {
    const held = (await target.client.headManifest(target.repository, tag))?.digest;
    if (held !== digest)
        throw lostRace(target, tag, held, digest, when);
}
function lostRace(target, tag, held, digest, when) {
    const where = `${target.client.host}/${target.repository}:${tag}`;
    return new LostRaceError(`${where} lost a race: it ${held ? `holds ${held}` : 'is gone'}, not this run's ${digest}, ` +
        `${when}. Another run (or someone) wrote the tag at the same time; this run's image is ` +
        'in the registry by digest only. Run one release of a ref at a time with a ' +
        '`concurrency:` group in the workflow (see the README), then re-run the release that ' +
        'should hold the tag (with `overwrite: true` if it must move)');
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Blobs this small are uploaded without asking whether the target has them. */
const UNASKED_BLOB_MAX = 16 * 1024;
/**
 * Puts the graph's blobs at the target: skipped when there, else mounted or uploaded. For a
 * graph whose root the target lacks.
 */
async function copyBlobs(source, graph, target, result, options) {
    const { client, repository } = target;
    const holders = options.holders ?? new BlobHolders();
    const totalBytes = graph.blobs.reduce((sum, b) => sum + b.size, 0);
    let sentBytes = 0;
    const onBytes = options.hooks?.onProgress
        ? (bytes) => {
            sentBytes += bytes;
            options.hooks?.onProgress?.({ target, bytes: sentBytes, totalBytes });
        }
        : undefined;
    await forEachLimited(graph.blobs, options.blobConcurrency ?? DEFAULT_BLOB_CONCURRENCY, async (blob) => {
        let outcome = 'skipped';
        // Asked only when this run knows nothing better: a blob it saw or put in this repository
        // is there, and one another repository of the registry holds is mounted straight away
        // (a mount of a blob the repository has already is accepted as well). A tiny blob (a
        // config) of a manifest the target lacks is nearly always missing too: sending it
        // costs less than asking first.
        const known = holders.heldIn(client.host, blob.digest, repository);
        const mountable = !options.dryRun && holders.holderOf(client.host, blob.digest, repository);
        const ask = options.dryRun || (!mountable && blob.size > UNASKED_BLOB_MAX);
        if (known || (ask && (await client.blobExists(repository, blob.digest)))) {
            holders.holds(client.host, blob.digest, repository);
        }
        else if (options.dryRun) {
            outcome = holders.holderOf(client.host, blob.digest, repository) ? 'mounted' : 'uploaded';
        }
        else {
            const claim = holders.claim(client.host, blob.digest, repository);
            try {
                const mountFrom = await claim.mountFrom;
                outcome = await client.pushBlob(repository, blob, {
                    open: () => source.openBlob(blob),
                    ...(mountFrom !== undefined && { mountFrom }),
                    ...(onBytes && { onBytes }),
                });
                claim.settle(true);
            }
            catch (error) {
                claim.settle(false);
                throw error;
            }
        }
        if (outcome === 'uploaded')
            result.bytesUploaded += blob.size;
        result.blobs[outcome]++;
        options.hooks?.onBlob?.({ target, blob, outcome });
    });
}
/**
 * Which repositories of each registry hold (or are about to hold) which blobs in this run,
 * so that a second repository on the same registry mounts a blob instead of uploading it
 * again. The first target to need a blob uploads it; the others wait for that upload and
 * then mount from it, or upload themselves if it failed.
 */
class BlobHolders {
    byHost = new Map();
    /** `repository` on `host` is known to hold the blob (it was there, or it is the source). */
    holds(host, digest, repository) {
        const blobs = this.blobsOf(host);
        const holder = blobs.get(digest);
        if (holder)
            holder.known.add(repository);
        else
            blobs.set(digest, { repository, ready: Promise.resolve(true), known: new Set([repository]) });
    }
    /** Whether this run saw the blob in `repository`, or put it there. */
    heldIn(host, digest, repository) {
        return this.byHost.get(host)?.get(digest)?.known.has(repository) ?? false;
    }
    holderOf(host, digest, repository) {
        const holder = this.byHost.get(host)?.get(digest);
        return holder && holder.repository !== repository ? holder.repository : undefined;
    }
    /**
     * Called by a target about to put a blob. `mountFrom` resolves to a repository to mount
     * from, or undefined when the caller is the first (or the earlier upload failed).
     */
    claim(host, digest, repository) {
        const blobs = this.blobsOf(host);
        const holder = blobs.get(digest);
        if (holder && holder.repository !== repository) {
            return {
                mountFrom: holder.ready.then((ok) => (ok ? holder.repository : undefined)),
                settle: (ok) => {
                    if (ok)
                        holder.known.add(repository);
                },
            };
        }
        let settle = () => undefined;
        const ready = new Promise((resolve) => (settle = resolve));
        const claimed = { repository, ready, known: new Set() };
        blobs.set(digest, claimed);
        return {
            mountFrom: Promise.resolve(undefined),
            settle: (ok) => {
                if (ok)
                    claimed.known.add(repository);
                else if (blobs.get(digest) === claimed)
                    blobs.delete(digest);
                settle(ok);
            },
        };
    }
    blobsOf(host) {
        let blobs = this.byHost.get(host);
        if (!blobs)
            this.byHost.set(host, (blobs = new Map()));
        return blobs;
    }
}
/** Network errors carry no host of their own; say which registry and what to check. */
function describeFailure(error, target) {
    if (error instanceof NetworkError) {
        return new Error(`${target.client.host}/${target.repository}: the registry could not be reached or dropped ` +
            `the connection (${error.code ?? 'network error'}: ${error.message}), after retries. ` +
            `Check the host in \`${target.input ?? 'registries'}\`, and that the registry is up and ` +
            'reachable from the runner.', { cause: error });
    }
    return error instanceof Error ? error : new Error(String(error));
}

;// CONCATENATED MODULE: ./src/engine/referrers.ts





/** Referrers of referrers are followed this deep: a signature on an SBOM on an image is 2. */
const MAX_DEPTH = 4;
/** Fallback-tag writes per subject before giving up on a writer that keeps racing us. */
const FALLBACK_ATTEMPTS = 5;
/**
 * Every referrer of every manifest of `graph` at the source, subjects before their
 * referrers, so they can be pushed in this order.
 */
async function discoverReferrers(source, graph, policy, 
/** Told about a referrer that can't be read (say, a type oci-push doesn't copy): it stays behind. */
onUnreadable = () => undefined) {
    if (policy === false || (!source.referrers && !source.resolveTag))
        return [];
    const found = [];
    const seen = new Set(graph.manifests.map((m) => m.descriptor.digest));
    let level = graph.manifests.map((m) => m.descriptor.digest);
    for (let depth = 1; depth <= MAX_DEPTH && level.length > 0; depth++) {
        const next = [];
        for (const subject of level) {
            const entry = { subject, referrers: [], tagged: [] };
            const unreadable = (digest, error) => onUnreadable(`${source.name}: the referrer ${digest} of ${subject} can't be read, so it is not ` +
                `copied: ${error instanceof Error ? error.message : String(error)}`);
            for (const listed of (await source.referrers?.(subject)) ?? []) {
                if (seen.has(listed.digest))
                    continue;
                if (Array.isArray(policy) && listed.artifactType && !policy.includes(listed.artifactType))
                    continue;
                const referrer = await loadReferrer(source, subject, listed).catch((error) => {
                    unreadable(listed.digest, error);
                    return undefined;
                });
                if (!referrer || !wanted(policy, referrer))
                    continue;
                seen.add(listed.digest);
                entry.referrers.push(referrer);
            }
            for (const tag of source.resolveTag ? cosignTags(subject) : []) {
                const tagged = await source.resolveTag?.(tag);
                // A manifest also listed by subject still gets its tag; its own referrers are
                // looked for once.
                if (!tagged)
                    continue;
                const loaded = await loadReferrer(source, subject, tagged).catch((error) => {
                    unreadable(tagged.digest, error);
                    return undefined;
                });
                if (!loaded)
                    continue;
                const referrer = { ...loaded, tag };
                if (!wanted(policy, referrer))
                    continue;
                entry.tagged.push(referrer);
                if (!seen.has(tagged.digest))
                    next.push(tagged.digest);
                seen.add(tagged.digest);
            }
            if (entry.referrers.length + entry.tagged.length > 0)
                found.push(entry);
            next.push(...entry.referrers.map((r) => r.descriptor.digest));
        }
        level = next;
    }
    return found;
}
async function loadReferrer(source, subject, listed) {
    const graph = await loadGraph(source, {
        mediaType: listed.mediaType,
        digest: listed.digest,
        size: listed.size,
    });
    const root = graph.manifests.at(-1);
    const descriptor = root ? referrerDescriptor(graph.root, root.bytes) : listed;
    return { subject, descriptor: { ...descriptor, ...pickArtifactType(listed) }, graph };
}
/** The listing's artifactType wins over the one derived from the manifest. */
function pickArtifactType(listed) {
    return listed.artifactType ? { artifactType: listed.artifactType } : {};
}
/**
 * A list keeps the referrers whose artifactType it names. cosign's tagged manifests carry
 * no artifactType (their config is a plain image config), so their layers' media types
 * count too: `application/vnd.dev.cosign.simplesigning.v1+json` selects signatures.
 */
function wanted(policy, referrer) {
    if (policy === true)
        return true;
    if (policy === false)
        return false;
    if (referrer.descriptor.artifactType && policy.includes(referrer.descriptor.artifactType))
        return true;
    if (!referrer.tag)
        return false;
    const root = referrer.graph.manifests.at(-1);
    if (!root)
        return false;
    const parsed = parseManifest(root.bytes, root.descriptor.mediaType, referrer.tag);
    return parsed.blobs.some((b) => policy.includes(b.mediaType));
}
/**
 * Pushes the referrers to one target, subjects first. Each referrer is its own small graph:
 * blobs (mounted or skipped as the image's are), then manifests by digest. Where the
 * registry does not index `subject` itself (no referrers API, or no `OCI-Subject` answer),
 * the fallback tag is merged. cosign's tags are pushed as tags and float: a moved one is
 * reported. A referrer that fails is counted and the others go on.
 */
async function copyReferrers(source, found, target, options = {}) {
    const result = {
        copied: 0,
        present: 0,
        failed: 0,
        outcomes: [],
        fallbackTags: [],
    };
    const state = { target, options, source, result };
    for (const entry of found) {
        if (entry.referrers.length > 0)
            await copyBySubject(state, entry);
        for (const referrer of entry.tagged)
            await copyTagged(state, referrer);
    }
    for (const outcome of result.outcomes) {
        if (outcome.action === 'copied')
            result.copied++;
        else if (outcome.action === 'present')
            result.present++;
        else if (outcome.action === 'failed')
            result.failed++;
    }
    return result;
}
async function copyBySubject(state, entry) {
    const { target, options, result } = state;
    const outcomes = entry.referrers.map((r) => ({
        subject: entry.subject,
        digest: r.descriptor.digest,
        ...(r.descriptor.artifactType && { artifactType: r.descriptor.artifactType }),
        action: 'present',
    }));
    result.outcomes.push(...outcomes);
    // What an error fails: all of them until the listing says which are there already.
    let pending = outcomes;
    try {
        const listed = new Set((await listAtTarget(state, entry.subject)).map((d) => d.digest));
        const missing = entry.referrers.filter((r) => !listed.has(r.descriptor.digest));
        pending = missing.map((r) => outcomeOf(outcomes, r));
        if (missing.length === 0)
            return;
        if (options.dryRun) {
            for (const r of missing)
                outcomeOf(outcomes, r).action = 'would-copy';
            return;
        }
        let indexed = true;
        for (const referrer of missing) {
            const outcome = outcomeOf(outcomes, referrer);
            try {
                const pushed = await pushGraph(state, referrer.graph);
                // There but not listed (a writer lost it from the fallback tag): listing it copies it.
                if (pushed !== 'present')
                    indexed &&= pushed.subjectIndexed;
                outcome.action = 'copied';
            }
            catch (error) {
                fail(outcome, error, target);
            }
        }
        const added = missing.filter((r) => outcomeOf(outcomes, r).action !== 'failed');
        if (added.length === 0)
            return;
        if (result.api === false || !indexed) {
            await mergeFallbackTag(state, entry.subject, added.map((r) => r.descriptor));
        }
        // Verify as a client would look: through the API, or the fallback tag.
        const after = new Set((await listAtTarget(state, entry.subject)).map((d) => d.digest));
        for (const referrer of added) {
            if (after.has(referrer.descriptor.digest))
                continue;
            fail(outcomeOf(outcomes, referrer), new Error(`${target.client.host}/${target.repository}: the referrer ${referrer.descriptor.digest} ` +
                `of ${entry.subject} was pushed, but a client listing the referrers there ` +
                `(${result.api ? 'referrers API' : `tag ${referrersTag(entry.subject)}`}) does not ` +
                'find it. Run again; if it persists, check what else writes that tag'), target);
        }
    }
    catch (error) {
        for (const outcome of pending)
            if (outcome.action !== 'failed')
                fail(outcome, error, target);
    }
}
function outcomeOf(outcomes, referrer) {
    return outcomes.find((o) => o.digest === referrer.descriptor.digest);
}
function fail(outcome, error, target) {
    outcome.action = 'failed';
    outcome.error = describeFailure(error, target).message;
}
/** The referrers the target lists for `subject`: API when it has one, else the fallback tag. */
async function listAtTarget(state, subject) {
    const { client, repository } = state.target;
    if (state.result.api !== false) {
        const listed = await client.getReferrers(repository, subject);
        state.result.api = listed !== undefined;
        if (listed)
            return listed;
    }
    return (await readFallbackTag(client, repository, subject)) ?? [];
}
/** The fallback tag's referrers, or undefined when there is no such tag. */
async function readFallbackTag(client, repository, subject) {
    const tag = referrersTag(subject);
    let bytes;
    let mediaType;
    try {
        ({ bytes, mediaType } = await client.getManifest(repository, tag));
    }
    catch (error) {
        if (error instanceof RegistryError && error.status === 404)
            return undefined;
        throw error;
    }
    const where = `${client.host}/${repository}: referrers tag ${tag}`;
    return parseManifest(bytes, mediaType.split(';')[0] ?? '', where).manifests;
}
/**
 * Read, merge, write; then read back, and merge again if another writer replaced it in
 * between (distribution-spec "Pushing Manifests with Subject": the client keeps the tag).
 * Nothing in the registry makes this atomic, so the read-back is what catches a race.
 */
async function mergeFallbackTag(state, subject, added) {
    const { client, repository } = state.target;
    const tag = referrersTag(subject);
    for (let attempt = 1; attempt <= FALLBACK_ATTEMPTS; attempt++) {
        const current = (await readFallbackTag(client, repository, subject)) ?? [];
        const have = new Set(current.map((d) => d.digest));
        if (added.every((d) => have.has(d.digest)))
            return;
        const merged = mergeReferrers(current, added);
        await client.putManifest(repository, tag, referrersIndex(merged), mediatypes/* MediaType */.zu.OciIndex);
        if (!state.result.fallbackTags.includes(tag))
            state.result.fallbackTags.push(tag);
    }
    throw new Error(`${client.host}/${repository}: the referrers tag ${tag} kept changing under us ` +
        `(${FALLBACK_ATTEMPTS} writes, each replaced by another writer). Run again when the ` +
        'other writer is done');
}
/**
 * A referrer's own graph at the target: blobs, then manifests children first by digest.
 * `present` when its root was there already (so was all of it).
 */
async function pushGraph(state, graph) {
    const { target, options, source } = state;
    const { client, repository } = target;
    if ((await client.headManifest(repository, graph.root.digest))?.digest === graph.root.digest)
        return 'present';
    const counts = { blobs: { skipped: 0, uploaded: 0, mounted: 0 }, bytesUploaded: 0 };
    await copyBlobs(source, graph, target, counts, {
        holders: options.holders ?? new BlobHolders(),
        ...(options.hooks && { hooks: options.hooks }),
        ...(options.blobConcurrency !== undefined && { blobConcurrency: options.blobConcurrency }),
    });
    await putChildManifests(graph, target);
    const root = graph.manifests.at(-1);
    if (!root)
        return { subjectIndexed: false };
    const pushed = await client.pushManifest(repository, root.descriptor.digest, root.bytes, root.descriptor.mediaType);
    return { subjectIndexed: pushed.subjectIndexed };
}
/** cosign's tag: the manifest by digest, then the tag, which floats like `latest`. */
async function copyTagged(state, referrer) {
    const { target, options, result } = state;
    const { client, repository } = target;
    const tag = referrer.tag;
    const digest = referrer.descriptor.digest;
    const outcome = {
        subject: referrer.subject,
        digest,
        tag,
        ...(referrer.descriptor.artifactType && { artifactType: referrer.descriptor.artifactType }),
        action: 'present',
    };
    result.outcomes.push(outcome);
    try {
        const previous = (await client.headManifest(repository, tag))?.digest;
        if (previous === digest)
            return;
        if (previous !== undefined)
            outcome.movedFrom = previous;
        if (options.dryRun) {
            outcome.action = 'would-copy';
            return;
        }
        await pushGraph(state, referrer.graph);
        const root = referrer.graph.manifests.at(-1);
        if (root)
            await client.putManifest(repository, tag, root.bytes, root.descriptor.mediaType);
        const now = (await client.headManifest(repository, tag))?.digest;
        if (now !== digest) {
            throw new Error(`${client.host}/${repository}:${tag} was pushed as ${digest} but now names ` +
                `${now ?? 'nothing'}; another writer moved it. Run again`);
        }
        outcome.action = 'copied';
    }
    catch (error) {
        fail(outcome, error, target);
    }
}

;// CONCATENATED MODULE: ./src/engine/attach.ts






/**
 * Pushes the attachments to one target, then reads each back the way a verifier looks for
 * it: listed as a referrer of its subject (API or fallback tag), its manifest and blobs
 * fetched, and checked by the job. Never throws: a failure is in its outcome.
 */
async function attachToTarget(attachments, target, holders) {
    const bySubject = new Map();
    for (const a of attachments) {
        const entry = bySubject.get(a.subject.digest) ?? {
            subject: a.subject.digest,
            referrers: [],
            tagged: [],
        };
        entry.referrers.push({
            subject: a.subject.digest,
            descriptor: a.manifest.descriptor,
            graph: {
                root: a.manifest.descriptor,
                manifests: [{ descriptor: a.manifest.descriptor, bytes: a.manifest.bytes, children: [] }],
                blobs: a.blobs.map((b) => b.descriptor),
            },
        });
        bySubject.set(a.subject.digest, entry);
    }
    const copied = await copyReferrers(heldSource(attachments), [...bySubject.values()], target, {
        ...(holders && { holders }),
    });
    return Promise.all(attachments.map(async (a) => {
        const digest = a.manifest.descriptor.digest;
        const copiedOutcome = copied.outcomes.find((o) => o.digest === digest && o.subject === a.subject.digest);
        const outcome = {
            subject: a.subject.digest,
            digest,
            label: a.label,
            action: copiedOutcome?.action === 'present' ? 'present' : 'pushed',
            via: copied.api ? 'referrers API' : `tag ${referrersTag(a.subject.digest)}`,
        };
        if (!copiedOutcome || copiedOutcome.action === 'failed') {
            return {
                ...outcome,
                action: 'failed',
                error: copiedOutcome?.error ?? 'it was not pushed',
            };
        }
        try {
            await a.checkFound(await readBack(target, digest));
            return outcome;
        }
        catch (error) {
            const { client, repository } = target;
            return {
                ...outcome,
                action: 'failed',
                error: `${client.host}/${repository}: the ${a.label} ${digest} of ${a.subject.digest}, read ` +
                    `back as a verifier reads it, does not hold: ${describeFailure(error, target).message}`,
            };
        }
    }));
}
/** A manifest and its blobs as the target serves them, each checked against its digest. */
async function readBack(target, digest) {
    const { client, repository } = target;
    const where = `${client.host}/${repository}@${digest}`;
    const { bytes } = await client.getManifest(repository, digest);
    const blobs = [];
    for (const blob of parseManifest(bytes, '', where).blobs) {
        const chunks = [];
        for await (const chunk of await client.getBlob(repository, blob.digest, blob.size))
            chunks.push(chunk);
        const body = Buffer.concat(chunks);
        (0,oci_digest/* verifyBytes */.RV)(body, blob.digest, blob.size, `${where}: blob ${blob.digest}`);
        blobs.push(body);
    }
    return { manifest: bytes, blobs };
}
/** The attachments as a source the referrer path reads from: everything is in memory. */
function heldSource(attachments) {
    const held = new Map();
    for (const a of attachments) {
        held.set(a.manifest.descriptor.digest, a.manifest);
        for (const blob of a.blobs)
            held.set(blob.descriptor.digest, blob);
    }
    const get = (descriptor) => {
        const found = held.get(descriptor.digest);
        if (!found)
            throw new Error(`oci-push made no ${descriptor.digest} to push`);
        return found.bytes;
    };
    return {
        name: 'signatures made by oci-push',
        resolve: () => Promise.reject(new Error('signatures have no root of their own')),
        fetchManifest: (descriptor) => Promise.resolve(get(descriptor)),
        openBlob: (descriptor) => Promise.resolve(external_node_stream_.Readable.from([get(descriptor)])),
    };
}

;// CONCATENATED MODULE: ./src/engine/clients.ts


/**
 * One client per registry host for a whole run, so one token cache serves every repository
 * of it: made with the settings of the first caller (a host has one role in a run).
 */
function registryClients(deps) {
    const clients = new Map();
    return (host, settings = {}) => {
        let client = clients.get(host);
        if (!client) {
            const { insecure = false, https = false, timeoutMs, attempts, send } = settings;
            const credential = deps.credentialFor(host);
            client = new RegistryClient({
                endpoint: { host, insecure, https },
                ...(credential && { credential }),
                send: send ??
                    createRegistryTransport({
                        userAgent: deps.userAgent,
                        log: deps.log.info,
                        ...(timeoutMs !== undefined && { timeoutMs }),
                        ...(attempts !== undefined && { attempts }),
                    }),
                onSecret: deps.onSecret,
                onToken: ({ realm, scopes }) => deps.log.debug(`${host}: token from ${realm} for ${scopes.join(' ')}`),
            });
            clients.set(host, client);
        }
        return client;
    };
}

;// CONCATENATED MODULE: ./src/engine/push.ts








/**
 * Runs a plan: reads each artifact's graph once (the image from its source, the chart as
 * helm builds it), then copies both to all their targets at once. A registry that takes both
 * is reached through one client, so one token cache serves both.
 */
async function executePlan(plan, deps, chart, targetTags) {
    // A host is in `registries` or `mirrors`, never both (the plan checks), so each client
    // has one deadline and one retry budget: a mirror's are short, it is best-effort.
    const client = registryClients(deps);
    const clientFor = (host, target) => {
        const mirror = target?.role === 'mirror';
        const timeoutMs = target?.timeoutSeconds !== undefined
            ? target.timeoutSeconds * 1000
            : mirror
                ? MIRROR_TIMEOUT_MS
                : undefined;
        return client(host, {
            insecure: target?.insecure ?? false,
            https: target?.acr ?? false,
            ...(timeoutMs !== undefined && { timeoutMs }),
            ...(mirror && { attempts: MIRROR_ATTEMPTS }),
        });
    };
    const sources = {};
    try {
        if (plan.source) {
            sources.image = openSource(plan.source, {
                ...(deps.tempDir && { tempDir: deps.tempDir }),
                registrySource: (ref) => new RegistrySource(clientFor(apiHost(ref.host)), ref.repository, ref.digest ?? ref.tag ?? 'latest', { onWait: deps.log.info, input: 'the `image` input' }),
            });
        }
        if (plan.chart) {
            if (!chart)
                throw new Error(`The plan has the chart ${plan.chart.name}, but it was not prepared`);
            const { HelmChartSource } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(697), __nccwpck_require__.e(260)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7260));
            sources.chart = new HelmChartSource(chart);
        }
        const graphs = {};
        for (const [kind, source] of Object.entries(sources)) {
            const graph = await loadGraph(source);
            graphs[kind] = graph;
            deps.log.info(`${source.name}: ${graph.root.mediaType} ${graph.root.digest}, ${graph.manifests.length} ` +
                `manifest(s), ${graph.blobs.length} blob(s)`);
        }
        // Referrers are read from the source once, like the graph, before any target is touched.
        let referrers = [];
        if (sources.image && graphs.image && plan.referrers !== false) {
            referrers = await discoverReferrers(sources.image, graphs.image, plan.referrers, (m) => deps.log.warning(m));
            const count = referrers.reduce((n, s) => n + s.referrers.length + s.tagged.length, 0);
            if (count > 0)
                deps.log.info(`${sources.image.name}: ${count} referrer(s) go with it`);
        }
        // One run shares what each registry holds: a blob already in one repository of a
        // registry (the source's, or another target's) is mounted, not uploaded again.
        const holders = new BlobHolders();
        const image = sources.image;
        if (image instanceof RegistrySource && graphs.image) {
            const referrerBlobs = referrers.flatMap((s) => [...s.referrers, ...s.tagged].flatMap((r) => r.graph.blobs));
            for (const blob of [...graphs.image.blobs, ...referrerBlobs])
                holders.holds(image.host, blob.digest, image.repository);
        }
        const runs = Object.keys(sources).map(async (kind) => {
            const source = sources[kind];
            const graph = graphs[kind];
            const planned = plan.targets.filter((t) => t.artifact === kind);
            const tags = kind === 'image' ? plan.tags : (plan.chart?.tags ?? []);
            // Where the artifact and its referrers go, per target.
            const destinations = planned.map((t) => ({
                client: clientFor(t.host, t),
                repository: t.repository,
                asksBeforeManifests: t.acr,
            }));
            // Signing runs while the blobs go in; each target waits for it before its tags.
            const attaching = deps.attach && !plan.dryRun ? deps.attach(kind, graph, source) : undefined;
            attaching?.catch(() => undefined);
            const attached = [];
            const beforeTags = (i) => async () => {
                const untagged = `No tag was written to ${planned[i]?.host}/${planned[i]?.repository}: it holds the ` +
                    `${kind} by digest only, so no tag points at it unsigned`;
                let made;
                try {
                    made = await attaching;
                }
                catch (error) {
                    const message = error instanceof Error ? error.message : String(error);
                    throw new Error(`${message.replace(/\.$/, '')}. ${untagged}`, { cause: error });
                }
                const outcomes = await attachToTarget(made, destinations[i], holders);
                attached[i] = outcomes;
                const failed = outcomes.filter((o) => o.action === 'failed');
                if (failed.length > 0) {
                    throw new Error(`${failed.map((o) => o.error).join('; ')}. ${untagged}. Run again to finish`);
                }
            };
            const results = await copyGraph(source, graph, planned.map((t, i) => ({
                ...destinations[i],
                input: t.role === 'mirror' ? 'mirrors' : 'registries',
                ...(attaching && { beforeTags: beforeTags(i) }),
                ...targetTags?.(t, graph.root.digest),
            })), {
                tags,
                immutableTags: tags.slice(0, 1),
                overwrite: plan.overwrite,
                dryRun: plan.dryRun,
                holders,
                ...(deps.hooks && { hooks: deps.hooks }),
            });
            return Promise.all(results.map(async (copy, i) => {
                const target = planned[i];
                const own = attached[i];
                const result = own ? { ...copy, attachments: own } : copy;
                // A refused or failed image has no place for its referrers; an unchanged one still
                // gets new ones (a signature added to an old release).
                const carries = kind === 'image' && referrers.length > 0 && result.status !== 'failed';
                if (!carries || result.status === 'refused')
                    return { ...result, target };
                const copied = await copyReferrers(source, referrers, destinations[i], {
                    dryRun: plan.dryRun,
                    holders,
                    ...(deps.hooks && { hooks: deps.hooks }),
                });
                return { ...result, target, referrers: copied };
            }));
        });
        const targets = (await Promise.all(runs)).flat();
        const digests = {};
        const manifests = {};
        for (const [kind, graph] of Object.entries(graphs)) {
            digests[kind] = graph.root.digest;
            manifests[kind] = graph.manifests.map((m) => m.descriptor.digest);
        }
        return { plan, digests, manifests, targets };
    }
    finally {
        await Promise.all(Object.values(sources).map((source) => source.close?.()));
    }
}

;// CONCATENATED MODULE: ./src/jobs/acr-push.ts


/**
 * Everything ACR-specific around a push, wired from the Azure adapter: keyless login before
 * it, the lock check that keeps a locked release from being overwritten, and after it the
 * lock or the untagging. The engine sees only the tags this hands it.
 */
class AcrPush {
    plan;
    settings;
    deps;
    credential;
    api;
    /** What locking did, by target, as each release was verified. */
    locks = new Map();
    /** Registries whose keyless login failed, and targets whose lock check failed: their rows. */
    hostFailures = new Map();
    targetFailures = new Map();
    constructor(plan, settings, deps) {
        this.plan = plan;
        this.settings = settings;
        this.deps = deps;
        const wanted = [settings.lock && 'lock', settings.devUntag && 'dev-untag'].filter(Boolean);
        const acrHosts = this.acrTargets().map((t) => t.host);
        if (wanted.length > 0 && acrHosts.length > 0 && !settings.azure) {
            throw new Error(`${wanted.join(', ')}: ACR's lock and tag API needs an Entra identity; set ` +
                'azure-client-id and azure-tenant-id (keyless login) for ' +
                [...new Set(acrHosts)].join(', '));
        }
        if (settings.azure) {
            this.credential = entraCredential(settings.azure, deps);
            this.api = this.credential.then((credential) => new AcrApi(credential));
            // Awaited later, per registry; a failure must not surface as an unhandled rejection.
            this.api.catch(() => undefined);
        }
    }
    /**
     * Keyless credentials for every ACR registry of the plan that has none. A registry whose
     * login fails becomes that registry's failed row; the others, and the mirrors, go on.
     */
    async login(existing) {
        const added = new Map();
        const { azure } = this.settings;
        if (!azure || !this.credential)
            return added;
        for (const target of this.acrTargets()) {
            const { host } = target;
            if (existing(host) || added.has(host) || this.hostFailures.has(host))
                continue;
            this.deps.log(`${host}: keyless login as client ${azure.clientId} (GitHub OIDC → Entra → ACR refresh token)`);
            try {
                const endpoint = { host, insecure: target.insecure, https: true };
                added.set(host, await acrRefreshToken(endpoint, await this.credential, azure, this.deps));
            }
            catch (error) {
                this.hostFailures.set(host, error);
                this.deps.log(`${host}: keyless login failed; this registry is skipped`);
            }
        }
        return added;
    }
    /** What the push needs to know from ACR: locked tags, and a dev build's passing tag. */
    async targetTags() {
        const api = await this.api?.catch(() => undefined);
        if (!api && this.hostFailures.size === 0)
            return undefined;
        const untag = this.plan.build === 'dev' && this.settings.devUntag;
        const locked = new Map();
        if (this.plan.build === 'release' && api) {
            for (const target of this.acrTargets()) {
                if (this.hostFailures.has(target.host))
                    continue;
                const tags = target.artifact === 'chart' ? (this.plan.chart?.tags ?? []) : this.plan.tags;
                try {
                    const found = await api.lockedTags(target.host, target.repository, tags);
                    if (found.length > 0)
                        locked.set(target, found);
                }
                catch (error) {
                    // Without knowing the locks, pushing could move a locked release's tags: skip it.
                    this.targetFailures.set(target, error);
                }
            }
        }
        const lock = this.plan.build === 'release' && this.settings.lock && !this.plan.dryRun;
        return (target, digest) => {
            if (!target.acr)
                return undefined;
            const failure = this.hostFailures.get(target.host) ?? this.targetFailures.get(target);
            if (failure)
                return { failure };
            const lockedTags = locked.get(target);
            return {
                ...(untag && { tags: [passingTag(digest)] }),
                ...(lockedTags && { lockedTags }),
                ...(lock &&
                    api && {
                    afterTagsVerified: ({ result, manifests }) => this.lock(api, target, result, manifests),
                }),
            };
        };
    }
    /**
     * Locks a release (its manifests and version tag) as soon as its tags are verified, so a
     * run racing for the same version can't move it from then on. A failure is reported, not
     * thrown: the release is in place, just not locked.
     */
    async lock(api, target, result, manifests) {
        const versionTags = result.tags.slice(0, 1).map((tag) => tag.tag);
        try {
            await api.lock(result.host, result.repository, manifests, versionTags);
            this.locks.set(target, { locked: { manifests: manifests.length, tags: versionTags } });
            this.deps.log(`${result.host}/${result.repository}: locked ${manifests.length} manifest(s) and ${versionTags.join(', ')}`);
        }
        catch (error) {
            this.locks.set(target, { lockError: error });
        }
    }
    /**
     * After the push: the locks taken as each release was verified, and each dev build's
     * passing tag deleted. Returns what was done, by target.
     */
    async finish(result) {
        const outcomes = new Map();
        const api = await this.api?.catch(() => undefined);
        if (!api || this.plan.dryRun)
            return outcomes;
        for (const t of result.targets) {
            if (!t.target.acr || (t.status !== 'pushed' && t.status !== 'unchanged'))
                continue;
            const locked = this.locks.get(t.target);
            if (locked)
                outcomes.set(t.target, locked);
            if (this.plan.build === 'dev' && this.settings.devUntag) {
                const passing = t.tags.find((tag) => tag.tag === passingTag(t.digest));
                if (!passing)
                    continue;
                try {
                    await api.deleteTag(t.host, t.repository, passing.tag);
                    outcomes.set(t.target, { untagged: passing.tag });
                    this.deps.log(`${t.host}/${t.repository}: passing tag ${passing.tag} deleted`);
                }
                catch (error) {
                    outcomes.set(t.target, { untagError: error });
                }
            }
        }
        return outcomes;
    }
    acrTargets() {
        return this.plan.targets.filter((t) => t.acr);
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
;// CONCATENATED MODULE: ./src/jobs/credentials.ts





/** The docker config's path: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
function dockerConfigPath(env) {
    return env.DOCKER_CONFIG
        ? (0,external_node_path_.join)(env.DOCKER_CONFIG, 'config.json')
        : (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker', 'config.json');
}
/** Reads the docker config; a missing file is no credentials, a broken one is an error. */
async function readDockerConfig(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT') {
            return { auths: new Map(), credHelpers: new Map() };
        }
        throw new Error(`The docker config ${path} can't be read: ${error.message}`, {
            cause: error,
        });
    }
    try {
        const config = JSON.parse(text);
        return { ...parseCredentialHelpers(config), auths: parseDockerAuths(config) };
    }
    catch (error) {
        throw new Error(`The docker config ${path} is not valid: ${error.message}`, {
            cause: error,
        });
    }
}
/** Reads only the docker config's `auths`. */
async function readDockerAuths(path) {
    return (await readDockerConfig(path)).auths;
}
/** `credsStore` and `credHelpers`, with helper names checked: they become part of a command name. */
function parseCredentialHelpers(config) {
    const { credsStore, credHelpers } = (config ?? {});
    const helperName = (where, value) => {
        if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
            throw new Error(`${where} is not the name of a docker-credential-<name> helper`);
        }
        return value;
    };
    const helpers = new Map();
    if (credHelpers !== undefined) {
        if (typeof credHelpers !== 'object' || credHelpers === null) {
            throw new Error('"credHelpers" is not an object');
        }
        for (const [key, value] of Object.entries(credHelpers)) {
            helpers.set(hostOfAuthKey(key), helperName(`"credHelpers" of ${key}`, value));
        }
    }
    // Docker writes `"credsStore": ""` to mean none.
    const store = credsStore === undefined || credsStore === ''
        ? undefined
        : helperName('"credsStore"', credsStore);
    return { credHelpers: helpers, ...(store && { credsStore: store }) };
}
/**
 * `auths` entries hold `auth` (base64 of `user:password`), or `username` and `password`,
 * and for token logins (ACR) an `identitytoken`. Keys may be URLs
 * (`https://index.docker.io/v1/`); they are reduced to the host.
 */
function parseDockerAuths(config) {
    const auths = new Map();
    const entries = config?.auths;
    if (entries === undefined)
        return auths;
    if (typeof entries !== 'object' || entries === null)
        throw new Error('"auths" is not an object');
    for (const [key, value] of Object.entries(entries)) {
        const entry = (value ?? {});
        let username = typeof entry.username === 'string' ? entry.username : undefined;
        let password = typeof entry.password === 'string' ? entry.password : undefined;
        if (typeof entry.auth === 'string' && entry.auth !== '') {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon < 0)
                throw new Error(`the "auth" of ${hostOfAuthKey(key)} is not base64 of user:password`);
            username = decoded.slice(0, colon);
            password = decoded.slice(colon + 1);
        }
        const host = hostOfAuthKey(key);
        if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
            auths.set(host, {
                kind: 'identity-token',
                token: entry.identitytoken,
                ...(username && { username }),
            });
        }
        else if (username && password) {
            auths.set(host, { kind: 'basic', username, password });
        }
    }
    return auths;
}
function hostOfAuthKey(key) {
    const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
    return host === 'index.docker.io' ? 'docker.io' : host;
}
/** The name the docker config knows a registry by: Docker Hub's API hosts are `docker.io`. */
function dockerHostOf(host) {
    return host === 'registry-1.docker.io' || host === 'index.docker.io' ? 'docker.io' : host;
}
function resolveCredential(host, fromInput, docker, dockerPath) {
    const given = fromInput.get(host);
    if (given)
        return { credential: { kind: 'basic', ...given }, source: 'the `credentials` input' };
    const stored = docker.get(dockerHostOf(host));
    if (stored)
        return { credential: stored, source: dockerPath };
    return undefined;
}
/** Every secret a credential holds, for masking. */
function secretsOf(credential) {
    return credential.kind === 'basic' ? [credential.password] : [credential.token];
}
/** A credential helper may ask the user to unlock a keychain; past this it is stuck. */
const CREDENTIAL_HELPER_TIMEOUT_MS = 30_000;
/** The server name docker stores a host's credential under: Docker Hub's is its old v1 URL. */
function helperServer(dockerHost) {
    return dockerHost === 'docker.io' ? 'https://index.docker.io/v1/' : dockerHost;
}
/**
 * Asks `docker-credential-<helper> get` for a host's credential, as the docker CLI does: the
 * server on stdin, `{"ServerURL","Username","Secret"}` on stdout, where the username
 * `<token>` means the secret is an identity token. Undefined when the helper holds none for
 * the host. Errors name the helper and the host, never the helper's output (it may hold the
 * secret).
 */
async function credentialFromHelper(helper, dockerHost, env, timeoutMs = CREDENTIAL_HELPER_TIMEOUT_MS) {
    const command = `docker-credential-${helper}`;
    const failed = (what) => new Error(`${command} (the docker config's credential helper) ${what} for ${dockerHost}; check it ` +
        `with \`echo ${helperServer(dockerHost)} | ${command} get\`, log in again with docker ` +
        'login, or give this registry a credential another way');
    const { code, stdout, stderr, error } = await new Promise((resolve) => {
        const child = (0,external_node_child_process_.execFile)(command, ['get'], { env, timeout: timeoutMs, encoding: 'utf8', maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => resolve({ code: error?.code ?? 0, stdout, stderr, error: error }));
        // A helper that exits without reading stdin is answered below, not by an EPIPE crash.
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(helperServer(dockerHost));
    });
    if (code === 'ENOENT') {
        throw new Error(`${command} is not on PATH, and the docker config names it as the credential helper for ` +
            `${dockerHost}: install it, remove it from the docker config, or give this registry a ` +
            'credential another way');
    }
    if (error?.killed)
        throw failed(`gave no answer within ${timeoutMs / 1000} s`);
    // docker-credential-helpers' ErrCredentialsNotFound: the helper has nothing for this host.
    if (/credentials not found/i.test(`${stdout}\n${stderr}`))
        return undefined;
    if (code !== 0)
        throw failed(`failed (exit code ${String(code)})`);
    let answer;
    try {
        answer = JSON.parse(stdout);
    }
    catch {
        throw failed('answered with something that is not JSON');
    }
    const username = typeof answer.Username === 'string' ? answer.Username : '';
    const secret = typeof answer.Secret === 'string' ? answer.Secret : '';
    if (!secret)
        return undefined;
    if (username === '<token>')
        return { kind: 'identity-token', token: secret };
    if (!username)
        throw failed('answered with a secret but no username');
    return { kind: 'basic', username, password: secret };
}
/**
 * Finds each host's credential, hands every secret to `mask` before anything else sees it,
 * and says where each came from (never what it is).
 */
async function resolveCredentials(hosts, fromInput, env, mask, log) {
    const path = dockerConfigPath(env);
    const docker = await readDockerConfig(path);
    const found = new Map();
    for (const host of hosts) {
        const resolved = resolveCredential(host, fromInput, new Map(), path) ??
            (await fromHelper(host, docker, path, env)) ??
            resolveCredential(host, new Map(), docker.auths, path);
        if (!resolved) {
            log(`${host}: no credential; anonymous unless it asks for one`);
            continue;
        }
        for (const secret of secretsOf(resolved.credential))
            mask(secret);
        log(`${host}: credential from ${resolved.source}`);
        found.set(host, resolved.credential);
    }
    return found;
}
/** The host's helper, as docker picks it: `credHelpers` for the host, else `credsStore`. */
async function fromHelper(host, docker, path, env) {
    const dockerHost = dockerHostOf(host);
    const helper = docker.credHelpers.get(dockerHost) ?? docker.credsStore;
    if (!helper)
        return undefined;
    const credential = await credentialFromHelper(helper, dockerHost, env);
    return credential && { credential, source: `docker-credential-${helper} (named in ${path})` };
}
/** Every host the plan talks to: its targets, and a `docker://` source's registry. */
function credentialHosts(plan) {
    const hosts = plan.targets.map((t) => t.host);
    if (plan.source?.transport === 'docker')
        hosts.push(apiHost(plan.source.host));
    return [...new Set(hosts)];
}

;// CONCATENATED MODULE: ./src/jobs/git.ts


/** Runs git in `cwd`; undefined when git is missing or the command fails (no repository, no tag). */
async function git(args, cwd) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)('git', args, { cwd, encoding: 'utf8' }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
    });
}
/**
 * The nearest release below HEAD, from `git describe`: the version of the closest tag
 * `<prefix>vX.Y.Z`. Undefined when there is no history or no such tag (a shallow checkout:
 * `actions/checkout` with `fetch-depth: 0` brings the tags).
 */
async function nearestRelease(prefix, cwd) {
    const tag = await git(['describe', '--tags', '--abbrev=0', '--match', `${prefix}v[0-9]*`], cwd);
    if (tag === undefined)
        return undefined;
    const version = tag.slice(prefix.length + 1);
    return (0,oci_version/* isStrictSemver */.i)(version) ? version : undefined;
}
/** HEAD's full sha, when `cwd` is a git checkout. */
async function headSha(cwd) {
    return git(['rev-parse', 'HEAD'], cwd);
}
/** The tags pointing at HEAD, newest version first as git sorts them. */
async function tagsAtHead(cwd) {
    const out = await git(['tag', '--points-at', 'HEAD', '--sort=-version:refname'], cwd);
    return out ? out.split('\n').filter(Boolean) : [];
}
/** The branch checked out, when there is one (not on a detached HEAD). */
async function currentBranch(cwd) {
    const out = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], cwd);
    return out || undefined;
}
/** The repository name in the `origin` remote's URL (`…/oci-push.git` → `oci-push`). */
async function originRepositoryName(cwd) {
    const url = await git(['remote', 'get-url', 'origin'], cwd);
    const name = url
        ?.replace(/\/+$/, '')
        .split(/[/:]/)
        .pop()
        ?.replace(/\.git$/, '');
    return name || undefined;
}
/**
 * The time a chart oci-push packages is stamped with: `SOURCE_DATE_EPOCH` when set (the
 * reproducible-builds convention), else the commit's time, else the Unix epoch. Never the
 * clock, so packaging the same commit twice gives the same bytes.
 */
async function sourceDate(env, cwd) {
    const epoch = Number(env.SOURCE_DATE_EPOCH);
    if (env.SOURCE_DATE_EPOCH && Number.isSafeInteger(epoch))
        return new Date(epoch * 1000);
    const seconds = Number(await git(['log', '-1', '--format=%ct'], cwd));
    if (Number.isSafeInteger(seconds) && seconds > 0)
        return new Date(seconds * 1000);
    return new Date(0);
}

;// CONCATENATED MODULE: ./src/jobs/push-report.ts






function verdictOf(t, context) {
    // A release that is pushed but could not be locked, as asked, fails like a push would.
    if (context.acr?.get(t.target)?.lockError)
        return t.target.role === 'mirror' ? 'warning' : 'error';
    // A signature or SBOM that didn't arrive fails the row like the image would.
    if (t.status !== 'failed' && t.status !== 'refused' && !t.referrers?.failed)
        return 'ok';
    if (t.target.role === 'mirror')
        return 'warning';
    if (context.fromFork && t.error instanceof AuthError && t.error.reason === 'missing')
        return 'fork-skip';
    return 'error';
}
function buildReport(result, context) {
    const verdicts = result.targets.map((t) => verdictOf(t, context));
    const acrOf = (t) => context.acr?.get(t.target);
    const annotations = [];
    // A mirror's warning says where the build is published: only true when a main registry has it.
    const mainOk = result.targets.some((t, i) => t.target.role === 'registry' && verdicts[i] === 'ok');
    result.targets.forEach((t, i) => {
        const verdict = verdicts[i];
        const acr = acrOf(t);
        const where = `${t.host}${t.target.role === 'mirror' ? ' (mirror)' : ''}`;
        if (acr?.untagError) {
            annotations.push({
                level: 'warning',
                title: `oci-push: ${t.host} passing tag left behind`,
                message: `${acr.untagError.message} The dev build is pushed, but its passing tag still points ` +
                    'at it, so retention will not collect it; the cleanup action can delete the tag.',
            });
        }
        if (verdict === 'error') {
            annotations.push({
                level: 'error',
                title: `oci-push: ${where}`,
                message: acr?.lockError
                    ? `The release is pushed and tagged, but locking it failed: ${acr.lockError.message}`
                    : (t.error?.message ?? referrerFailure(t) ?? t.status),
            });
        }
        else if (verdict === 'warning') {
            annotations.push({
                level: 'warning',
                title: `oci-push: mirror ${t.host} failed`,
                message: `${sentence(t.error?.message ?? referrerFailure(t) ?? t.status)} ${mainOk
                    ? 'The release is published to the main registries'
                    : 'The main registries failed too (see their errors)'}; this mirror is not${t.error ? '' : ' complete'}.`,
            });
        }
    });
    if (result.plan.warning) {
        annotations.push({
            level: 'warning',
            title: 'oci-push: not a release tag',
            message: `${result.plan.warning}.`,
        });
    }
    const forkSkips = result.targets.filter((_, i) => verdicts[i] === 'fork-skip');
    if (forkSkips.length > 0) {
        annotations.push({
            level: 'notice',
            title: 'oci-push: pull request from a fork',
            message: `Not pushed to ${forkSkips.map((t) => t.host).join(', ')}: this pull request comes from a fork, ` +
                'and GitHub gives fork pull requests no secrets, so there is no credential for them. ' +
                'The `credentials` input (or a docker login) provides one on branches of this repository.',
        });
    }
    const failed = result.targets.filter((_, i) => verdicts[i] === 'error');
    return {
        outputs: outputsOf(result, verdicts, acrOf),
        summary: push_report_summaryMarkdown(result, verdicts, acrOf, context.signatures ?? []),
        annotations,
        ...(failed.length > 0 && {
            failure: `oci-push failed on ${failed.map((t) => t.host).join(', ')}; the other registries finished. See the errors above and the job summary.`,
        }),
    };
}
/** Why referrers failed at a target whose image is fine, for the annotation. */
function referrerFailure(t) {
    const failed = t.referrers?.outcomes.filter((o) => o.action === 'failed') ?? [];
    if (failed.length === 0)
        return undefined;
    return (`The image is there, but ${failed.length} of its referrers (signatures, SBOMs, ` +
        `attestations) did not arrive: ${failed.map((o) => o.error ?? o.digest).join('; ')}`);
}
/** The references a registry now serves for this build: `oci://` ones for charts, as helm takes them. */
function refsOf(t, build, evenIfNotYet = false) {
    const served = t.status === 'pushed' ||
        t.status === 'unchanged' ||
        (evenIfNotYet && t.status === 'would-push');
    if (!served)
        return [];
    const base = `${t.target.artifact === 'chart' ? 'oci://' : ''}${t.host}/${t.repository}`;
    return build === 'dev' ? [`${base}@${t.digest}`] : t.tags.map((tag) => `${base}:${tag.tag}`);
}
/** A target's tags as it is left: a passing tag ACR deleted again is not one of them. */
function tagsLeft(t, acr) {
    return acr?.untagged ? t.tags.filter((tag) => tag.tag !== acr.untagged) : t.tags;
}
function outputsOf(result, verdicts, acrOf) {
    const { plan } = result;
    const ordered = [...result.targets].sort((a, b) => roleOrder(a) - roleOrder(b));
    const refs = (artifact) => ordered.filter((t) => t.target.artifact === artifact).flatMap((t) => refsOf(t, plan.build));
    const json = [
        ...result.targets.map((t, i) => {
            const acr = acrOf(t);
            return {
                artifact: t.target.artifact,
                registry: t.host,
                role: t.target.role,
                repository: t.repository,
                status: verdicts[i] === 'fork-skip' ? 'skipped' : t.status,
                refs: refsOf(t, plan.build),
                tags: tagsLeft(t, acr).map((tag) => ({
                    tag: tag.tag,
                    action: tag.action,
                    ...(tag.previous && { previous: tag.previous }),
                })),
                blobs: t.blobs,
                ...(t.referrers && {
                    referrers: {
                        copied: t.referrers.copied,
                        present: t.referrers.present,
                        failed: t.referrers.failed,
                        ...(plan.dryRun && {
                            wouldCopy: t.referrers.outcomes.filter((o) => o.action === 'would-copy').length,
                        }),
                        items: t.referrers.outcomes.map((o) => ({
                            digest: o.digest,
                            subject: o.subject,
                            ...(o.artifactType && { artifactType: o.artifactType }),
                            ...(o.tag && { tag: o.tag }),
                            action: o.action,
                            ...(o.movedFrom && { movedFrom: o.movedFrom }),
                            ...(o.error && { error: o.error }),
                        })),
                    },
                }),
                ...(t.attachments && {
                    signatures: t.attachments.map((o) => ({
                        digest: o.digest,
                        subject: o.subject,
                        kind: o.label,
                        action: o.action,
                        ...(o.via && { via: o.via }),
                        ...(o.error && { error: o.error }),
                    })),
                }),
                bytes: t.bytesUploaded,
                seconds: Number(t.seconds.toFixed(2)),
                ...(t.error && { error: t.error.message }),
                ...(acr && {
                    acr: {
                        ...(acr.locked && { locked: acr.locked }),
                        ...(acr.untagged && { untagged: acr.untagged }),
                        ...(acr.lockError && { lockError: acr.lockError.message }),
                        ...(acr.untagError && { untagError: acr.untagError.message }),
                    },
                }),
            };
        }),
        ...plan.skipped.map((s) => ({
            artifact: s.artifact,
            registry: s.host,
            role: s.role,
            status: 'skipped',
            reason: s.reason,
        })),
    ];
    const imageRefs = refs('image');
    const chartRefs = refs('chart');
    return {
        build: plan.build,
        version: plan.version,
        digest: result.digests.image ?? '',
        tags: plan.tags.join('\n'),
        refs: imageRefs.join('\n'),
        ref: imageRefs[0] ?? '',
        'chart-digest': result.digests.chart ?? '',
        'chart-refs': chartRefs.join('\n'),
        'chart-ref': chartRefs[0] ?? '',
        result: JSON.stringify(json),
    };
}
function roleOrder(t) {
    return t.target.role === 'registry' ? 0 : 1;
}
const push_report_STATUS_TEXT = {
    pushed: '✅ pushed',
    unchanged: '✅ already there',
    refused: '⛔ refused',
    'would-push': '🔍 would push',
    failed: '❌ failed',
};
function push_report_summaryMarkdown(result, verdicts, acrOf, signatures) {
    const { plan } = result;
    const title = plan.build === 'release' ? `release ${plan.version}` : `dev build ${plan.version}`;
    const lines = [
        `## oci-push: ${title}${plan.dryRun ? ' (dry run: nothing was written)' : ''}`,
        '',
        `- **Why:** ${plan.reason}`,
    ];
    if (plan.source) {
        lines.push(`- **Image:** \`${formatSource(plan.source)}\` → \`${result.digests.image ?? ''}\``);
    }
    if (plan.chart) {
        lines.push(`- **Chart:** \`${plan.chart.name}\` ${plan.version} from \`${plan.chart.path}\` → \`${result.digests.chart ?? ''}\``);
    }
    lines.push(`- **Visibility:** ${plan.visibility.visibility}, ${plan.visibility.source}`);
    lines.push(`- **Signing:** ${plan.dryRun && plan.signing.sign ? 'would be ' : ''}${plan.signing.reason}`);
    if (plan.build === 'release') {
        const tags = plan.source ? `image ${plan.tags.map((t) => `\`${t}\``).join(', ')}` : '';
        const chartTags = plan.chart
            ? `chart ${plan.chart.tags.map((t) => `\`${t}\``).join(', ')}`
            : '';
        lines.push(`- **Tags:** ${[tags, chartTags].filter(Boolean).join('; ')}; the version's tag is immutable${plan.overwrite ? ' (overwrite is on)' : ''}`);
    }
    else {
        lines.push('- **Tags:** none: a dev build is pushed by digest only');
    }
    lines.push('', '| repository | status | references | blobs uploaded / mounted / skipped | referrers copied / there / failed | uploaded | time |', '| --- | --- | --- | --- | --- | --- | --- |');
    result.targets.forEach((t, i) => {
        const role = t.target.role === 'mirror' ? ' (mirror)' : '';
        let status = push_report_STATUS_TEXT[t.status];
        if (verdicts[i] === 'fork-skip')
            status = '⏭️ skipped (fork)';
        else if (verdicts[i] === 'warning')
            status = `🟡 ${t.status}, not blocking`;
        const refs = refsOf(t, plan.build, plan.dryRun);
        lines.push(`| \`${t.host}/${t.repository}\`${role} | ${status} | ${refs.map((r) => `\`${r}\``).join('<br>') || '—'} | ` +
            `${t.blobs.uploaded} / ${t.blobs.mounted} / ${t.blobs.skipped} | ${referrerCell(t)} | ` +
            `${formatBytes(t.bytesUploaded)} | ${t.seconds.toFixed(1)} s |`);
    });
    for (const s of plan.skipped) {
        const role = s.role === 'mirror' ? ' (mirror)' : '';
        const repository = s.artifact === 'chart' ? plan.chart?.repository : plan.repository;
        lines.push(`| \`${s.host}/${repository ?? ''}\`${role} | ⏭️ skipped | ${escapeCell(s.reason)} | — | — | — | — |`);
    }
    const problems = result.targets.filter((t) => t.error || t.referrers?.failed);
    if (problems.length > 0) {
        lines.push('', '### What went wrong', '');
        for (const t of problems) {
            const message = t.error?.message ?? referrerFailure(t) ?? '';
            lines.push(`- **\`${t.host}/${t.repository}\`** (${t.target.role}): ${escapeCell(message)}`);
        }
    }
    const acrLines = result.targets.flatMap((t) => {
        const where = `\`${t.host}/${t.repository}\``;
        const a = acrOf(t);
        if (!a)
            return [];
        if (a.locked) {
            const tags = a.locked.tags.map((tag) => `\`${tag}\``).join(', ');
            return [
                `- 🔒 ${where}: locked ${a.locked.manifests} manifest(s)${tags ? ` and the tag ${tags}` : ''} (no write, no delete)`,
            ];
        }
        if (a.untagged) {
            return [
                `- 🏷️ ${where}: passing tag \`${a.untagged}\` deleted; the dev build is an untagged manifest that retention can collect`,
            ];
        }
        if (a.lockError)
            return [`- ❌ ${where}: not locked: ${escapeCell(a.lockError.message)}`];
        if (a.untagError)
            return [`- ⚠️ ${where}: passing tag left: ${escapeCell(a.untagError.message)}`];
        return [];
    });
    if (acrLines.length > 0)
        lines.push('', '### Azure Container Registry', '', ...acrLines);
    lines.push(...signatureSection(result, signatures));
    const moved = result.targets.flatMap((t) => t.tags
        .filter((tag) => tag.action === 'moved' && t.status === 'pushed')
        .map((tag) => `\`${t.host}/${t.repository}:${tag.tag}\` moved from \`${tag.previous}\``));
    // cosign's tags float: a re-signed image moves them, and the summary says so.
    const resigned = result.targets.flatMap((t) => (t.referrers?.outcomes ?? [])
        .filter((o) => o.movedFrom && o.action === 'copied')
        .map((o) => `\`${t.host}/${t.repository}:${o.tag}\` moved from \`${o.movedFrom}\` (re-signed)`));
    moved.push(...resigned);
    if (moved.length > 0)
        lines.push('', '### Tags moved', '', ...moved.map((m) => `- ${m}`));
    lines.push('');
    return lines.join('\n');
}
/**
 * Each signature made, by whom, and where it landed; then any tag left pointing at a signed
 * artifact that lacks its signature there (a tag from an earlier run, when this run's
 * signature failed to arrive), with how to finish.
 */
function signatureSection(result, signatures) {
    const { plan } = result;
    if (!plan.signing.sign || plan.dryRun)
        return [];
    const lines = ['', '### Signatures', ''];
    for (const s of signatures) {
        const landed = result.targets
            .filter((t) => t.target.artifact === s.artifact)
            .map((t) => {
            const o = t.attachments?.find((a) => a.digest === s.digest);
            const where = `\`${t.host}/${t.repository}\`${t.target.role === 'mirror' ? ' (mirror)' : ''}`;
            if (!o)
                return `${where} ❌ not pushed (${t.status})`;
            if (o.action === 'failed')
                return `${where} ❌ failed`;
            return `${where} (${o.via ?? 'pushed'}${o.action === 'present' ? ', already there' : ''})`;
        });
        lines.push(`- ✍️ ${s.artifact} ${s.label}${s.platform ? ` (${s.platform})` : ''} of \`${s.subject}\` → ` +
            `\`${s.digest}\`, signed by \`${s.identity}\` (${s.issuer})` +
            `${s.logIndex ? `, Rekor log index ${s.logIndex}` : ''}: ${landed.join(', ') || 'nowhere'}`);
    }
    const kinds = new Set(result.targets.map((t) => t.target.artifact));
    for (const kind of kinds) {
        if (!signatures.some((s) => s.artifact === kind && s.label === 'signature')) {
            lines.push(`- ❌ the ${kind} was not signed (see what went wrong); no new tag points at it`);
        }
    }
    const unsigned = result.targets.flatMap((t) => {
        const signed = t.attachments?.some((a) => a.label === 'signature' && a.action !== 'failed');
        if (signed)
            return [];
        return t.tags
            .filter((tag) => tag.previous === t.digest)
            .map((tag) => `\`${t.host}/${t.repository}:${tag.tag}\``);
    });
    if (unsigned.length > 0) {
        lines.push('', `**Tags without their signature:** ${unsigned.join(', ')} already pointed at this ` +
            "build's digest and still do, but its signature did not arrive there. To finish, run " +
            'the same release again: the content is unchanged, only the signature is pushed.');
    }
    return lines;
}
function referrerCell(t) {
    const r = t.referrers;
    if (!r)
        return '—';
    const wouldCopy = r.outcomes.filter((o) => o.action === 'would-copy').length;
    const copied = wouldCopy > 0 ? `${wouldCopy} to copy` : String(r.copied);
    return `${copied} / ${r.present} / ${r.failed}${r.failed > 0 ? ' ❌' : ''}`;
}
function formatSource(source) {
    return formatSourceReference(source);
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}
function escapeCell(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
/** The plan, one line per decision, for the Plan log group. */
function planLines(plan) {
    const what = (artifact) => {
        if (plan.build !== 'release')
            return 'by digest, no tag';
        return `tags ${(artifact === 'chart' ? (plan.chart?.tags ?? []) : plan.tags).join(', ')}`;
    };
    const defaults = [
        ...new Set([...plan.targets, ...plan.skipped].filter((t) => t.role === 'registry').map((t) => t.host)),
    ].join(', ');
    return [
        plan.reason,
        ...(plan.warning ? [`Warning: ${plan.warning}.`] : []),
        ...(plan.registriesDefaulted
            ? [`Registries: \`registries\` is blank, so Giant Swarm's defaults are used: ${defaults}.`]
            : []),
        `Repository visibility: ${plan.visibility.visibility}, ${plan.visibility.source}.`,
        `Signing: ${plan.dryRun && plan.signing.sign ? 'would be ' : ''}${plan.signing.reason}.`,
        ...plan.targets.map((t) => `${plan.dryRun ? 'would push' : 'push'} → ${t.host}/${t.repository} (${t.role}, ${what(t.artifact)})`),
        ...plan.skipped.map((s) => `skip ${s.artifact} on ${s.host} (${s.role}): ${s.reason}`),
    ];
}
/** One registry's outcome, for the end of the Push log group. */
function targetLine(t) {
    const blobs = t.status === 'would-push'
        ? `would upload ${t.blobs.uploaded}, would mount ${t.blobs.mounted}, ${t.blobs.skipped} there already`
        : `${t.blobs.uploaded} uploaded, ${t.blobs.mounted} mounted, ${t.blobs.skipped} skipped`;
    const r = t.referrers;
    const referrers = r
        ? `, referrers ${r.copied} copied, ${r.present} there, ${r.failed} failed`
        : '';
    return `${t.host}/${t.repository}: ${t.status} (${blobs}${referrers}, ${formatBytes(t.bytesUploaded)}, ${t.seconds.toFixed(1)} s)`;
}
/** A message as a sentence: one full stop at its end, never two. */
function sentence(text) {
    return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
/** Where a push stopped before any registry row existed, said plainly for the summary. */
function failedStage(error) {
    if (error instanceof InputError)
        return { stage: 'inputs', before: 'The inputs are wrong' };
    if (error instanceof PlanError)
        return { stage: 'plan', before: 'No plan could be made' };
    if (error instanceof source/* SourceError */.c ||
        error instanceof RegistryError ||
        error instanceof AuthError ||
        error instanceof NetworkError) {
        return { stage: 'source', before: 'The image source (`image`) could not be read' };
    }
    return { stage: 'setup', before: 'oci-push stopped before the push' };
}
/**
 * The report of a push that stopped before any registry was written (bad inputs, no plan, an
 * unreadable source): the job still gets its summary, an error annotation and a `result`
 * output saying what failed and that nothing was pushed, never an empty summary.
 */
function failureReport(error) {
    const message = error instanceof Error ? error.message : String(error);
    const { stage, before } = failedStage(error);
    const summary = [
        '## oci-push: failed before pushing',
        '',
        `- **What failed:** ${before}: ${escapeCell(message)}`,
        '- **What was pushed:** nothing; oci-push stops at the first such error, before it writes ' +
            'to any registry, so no registry holds part of this build.',
        '- **What to do:** the message says which input or host and the fix; correct it and run ' +
            'the job again.',
        '',
    ].join('\n');
    return {
        outputs: {
            build: '',
            version: '',
            digest: '',
            tags: '',
            refs: '',
            ref: '',
            'chart-digest': '',
            'chart-refs': '',
            'chart-ref': '',
            result: JSON.stringify([{ status: 'failed', stage, error: message, pushed: [] }]),
        },
        summary,
        // The job's failure is the one error annotation; a second would repeat it.
        annotations: [],
        failure: message,
    };
}

;// CONCATENATED MODULE: ./src/oci/sigstore-bundle.ts



/**
 * A Sigstore bundle stored as an OCI 1.1 artifact, as cosign v3 stores it (sigstore/cosign
 * `specs/BUNDLE_SPEC.md`, `pkg/oci/remote/write.go` WriteAttestationNewBundleFormat): an
 * image manifest whose `artifactType` is the bundle's media type, the empty config, one layer
 * (the bundle's JSON), `subject` naming the signed manifest, and the annotations that tell
 * several bundles apart in a referrers list. `cosign verify`, Kyverno and Flux find it through
 * the referrers API or the `sha256-<hex>` fallback tag.
 */
const SIGSTORE_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** image-spec `manifest.md` "Guidance for an Empty Descriptor": `{}`, sha256:44136fa3…. */
const EMPTY_JSON_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
const EMPTY_JSON = Buffer.from('{}');
/** BUNDLE_SPEC.md "Annotations". */
const BundleAnnotation = {
    /** `message-signature` or `dsse-envelope`. */
    content: 'dev.sigstore.bundle.content',
    /** The in-toto statement's predicate type, for a DSSE envelope. */
    predicateType: 'dev.sigstore.bundle.predicateType',
    created: 'org.opencontainers.image.created',
};
/**
 * The OCI artifact for one DSSE bundle that signs `subject`. The bytes are made once and
 * pushed as they are to every registry, so every target holds the same digest.
 */
function bundleArtifact(bundle, subject, options) {
    const config = held(EMPTY_JSON_MEDIA_TYPE, EMPTY_JSON);
    const layer = held(SIGSTORE_BUNDLE_MEDIA_TYPE, bundle);
    const annotations = {
        [BundleAnnotation.content]: 'dsse-envelope',
        [BundleAnnotation.predicateType]: options.predicateType,
        [BundleAnnotation.created]: options.created.toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    const manifest = {
        schemaVersion: 2,
        mediaType: mediatypes/* MediaType */.zu.OciManifest,
        artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
        // cosign writes the artifactType on the config descriptor too (its descriptor type
        // carries the field); readers ignore it there, and it keeps our bytes like cosign's.
        config: { ...config.descriptor, artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE },
        layers: [layer.descriptor],
        annotations,
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    return {
        manifest: {
            descriptor: {
                mediaType: mediatypes/* MediaType */.zu.OciManifest,
                digest: (0,oci_digest/* digestOf */.ol)(bytes),
                size: bytes.length,
                artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
                annotations,
            },
            bytes,
        },
        blobs: [config, layer],
    };
}
function held(mediaType, bytes) {
    return { descriptor: { mediaType, digest: (0,oci_digest/* digestOf */.ol)(bytes), size: bytes.length }, bytes };
}
/**
 * The bundle layer of a manifest read back from a registry, found as cosign's verifier finds
 * it (BUNDLE_SPEC.md "Retrieval": the bundle artifactType, then the first layer), or why not.
 * `subject` is the manifest the bundle must name.
 */
function bundleLayerOf(bytes, subject, where) {
    const parsed = parseManifest(bytes, mediatypes/* MediaType */.zu.OciManifest, where);
    const json = JSON.parse(bytes.toString('utf8'));
    if (json.artifactType !== SIGSTORE_BUNDLE_MEDIA_TYPE) {
        return { problem: `its artifactType is ${String(json.artifactType)}, not a Sigstore bundle` };
    }
    if (parsed.subject?.digest !== subject) {
        return { problem: `its subject is ${parsed.subject?.digest ?? 'missing'}, not ${subject}` };
    }
    const layer = parsed.blobs[1];
    if (!layer || layer.mediaType !== SIGSTORE_BUNDLE_MEDIA_TYPE) {
        return { problem: `its first layer is ${layer?.mediaType ?? 'missing'}, not the bundle` };
    }
    return { layer };
}

;// CONCATENATED MODULE: ./src/sigstore/verify.ts



/** A signature that does not verify; the message says why. */
class VerificationFailure extends Error {
    name = 'VerificationFailure';
}
/**
 * Loads the trust root once and returns a verifier. `@sigstore/verify` and friends are
 * loaded on first use, like the signer.
 */
async function createBundleVerifier(options) {
    const { Verifier, toSignedEntity, toTrustMaterial } = await Promise.all(/* import() */[__nccwpck_require__.e(654), __nccwpck_require__.e(463), __nccwpck_require__.e(187)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4187));
    const { bundleFromJSON } = await Promise.all(/* import() */[__nccwpck_require__.e(654), __nccwpck_require__.e(40)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1040));
    const { TrustedRoot } = await __nccwpck_require__.e(/* import() */ 654).then(__nccwpck_require__.t.bind(__nccwpck_require__, 9654, 23));
    let root;
    if (options.trustedRootPath) {
        const text = await (0,promises_.readFile)(options.trustedRootPath, 'utf8').catch((error) => {
            throw new VerificationFailure(`trusted-root: ${options.trustedRootPath} can't be read (${error.message}); ` +
                "give the path of the Sigstore deployment's trusted_root.json");
        });
        try {
            root = TrustedRoot.fromJSON(JSON.parse(text));
        }
        catch (error) {
            throw new VerificationFailure(`trusted-root: ${options.trustedRootPath} is not a Sigstore trusted_root.json ` +
                `(${error.message})`);
        }
    }
    else {
        const { getTrustedRoot } = await Promise.all(/* import() */[__nccwpck_require__.e(654), __nccwpck_require__.e(830), __nccwpck_require__.e(694)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4423));
        root = await getTrustedRoot().catch((error) => {
            throw new VerificationFailure(`The public-good trust root could not be fetched through TUF (${error.message}); ` +
                'the runner must reach https://tuf-repo-cdn.sigstore.dev, or set `trusted-root`');
        });
    }
    const verifier = new Verifier(toTrustMaterial(root), {
        tlogThreshold: options.transparencyLog ? 1 : 0,
        // A private Fulcio without a certificate transparency log issues no SCTs.
        ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
        timestampThreshold: 1,
    });
    const { identity, issuer } = options.signer;
    const policy = {
        // Exact, as cosign's --certificate-identity: the library matches a RegExp.
        subjectAlternativeName: new RegExp(`^${identity.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
        extensions: { issuer },
    };
    return {
        verify(bytes, subject, predicateType) {
            try {
                const json = JSON.parse(bytes.toString('utf8'));
                if (json.mediaType !== SIGSTORE_BUNDLE_MEDIA_TYPE) {
                    throw new Error(`the bundle is ${String(json.mediaType)}, not a v0.3 bundle`);
                }
                const bundle = bundleFromJSON(json);
                const signer = verifier.verify(toSignedEntity(bundle), policy);
                if (bundle.content.$case !== 'dsseEnvelope')
                    throw new Error('it holds no DSSE envelope');
                const envelope = bundle.content.dsseEnvelope;
                if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
                    throw new Error(`its payload is ${envelope.payloadType}, not an in-toto statement`);
                }
                const statement = readStatement(envelope.payload);
                if (!statement.digests.includes(subject)) {
                    throw new Error(`its statement is about ${statement.digests.join(', ')}, not ${subject}`);
                }
                if (statement.predicateType !== predicateType) {
                    throw new Error(`its predicate is ${statement.predicateType}, not ${predicateType}`);
                }
                const logIndex = bundle.verificationMaterial.tlogEntries[0]?.logIndex;
                return {
                    identity: signer.identity?.subjectAlternativeName ?? identity,
                    issuer: signer.identity?.extensions?.issuer ?? issuer,
                    ...(logIndex !== undefined && { logIndex }),
                };
            }
            catch (error) {
                throw new VerificationFailure(`the signature does not verify: ${error.message}` +
                    (/identity|extension/.test(error.message)
                        ? `. oci-push expected ${identity} from ${issuer}; if the signer is right (a ` +
                            'reusable workflow signs as itself), set `certificate-identity` and ' +
                            '`certificate-oidc-issuer` to what consumers should expect'
                        : ''), { cause: error });
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/jobs/signing.ts






/** Fulcio's audience for OIDC tokens (sigstore/fulcio `docs/oidc.md`). */
const SIGSTORE_AUDIENCE = 'sigstore';
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/** What buildx marks its inline attestation manifests with (FACTS.md "Formats"). */
const ATTESTATION_TYPE = 'vnd.docker.reference.type';
const ATTESTATION_SUBJECT = 'vnd.docker.reference.digest';
const IN_TOTO_LAYER = 'application/vnd.in-toto+json';
const PREDICATE_TYPE_ANNOTATION = 'in-toto.io/predicate-type';
/** An SBOM larger than this is not read into memory to be signed. */
const SBOM_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Keyless signing for a push, wired from the Sigstore part: once per digest, with the CI's
 * OIDC token, each bundle verified against the trust root and the expected identity before
 * it goes anywhere, then handed to the engine to push beside the artifact on every target,
 * where it is read back and verified again.
 */
class PushSigning {
    plan;
    inputs;
    deps;
    /** Every signature made, in order. */
    made = [];
    token;
    tools;
    constructor(plan, inputs, deps) {
        this.plan = plan;
        this.inputs = inputs;
        this.deps = deps;
    }
    /** The engine's attacher, or undefined when nothing is signed (then Sigstore is never called). */
    attacher() {
        if (!this.plan.signing.sign || this.plan.dryRun)
            return undefined;
        return (artifact, graph, source) => this.attach(artifact, graph, source);
    }
    async attach(artifact, graph, source) {
        const repository = artifact === 'image' ? this.plan.repository : (this.plan.chart?.repository ?? '');
        const what = `the ${artifact} ${graph.root.digest}`;
        try {
            const subjects = [
                {
                    descriptor: graph.root,
                    statement: signatureStatement(graph.root.digest),
                    predicateType: PredicateType.cosignSign,
                    label: 'signature',
                },
            ];
            if (artifact === 'image')
                subjects.push(...(await sbomSubjects(graph, source, repository)));
            const { sign, verifier } = await this.loadTools();
            const attachments = [];
            for (const subject of subjects) {
                const digest = subject.descriptor.digest;
                const bundle = await sign(subject.statement);
                // Verified before it goes anywhere, as a consumer will: a signature nobody can
                // verify (wrong identity, wrong trust root) fails here, before any tag.
                const verified = verifier.verify(bundle, digest, subject.predicateType);
                const made = bundleArtifact(bundle, subject.descriptor, {
                    predicateType: subject.predicateType,
                    created: new Date(),
                });
                this.made.push({
                    artifact,
                    label: subject.label,
                    subject: digest,
                    ...(subject.platform && { platform: subject.platform }),
                    predicateType: subject.predicateType,
                    digest: made.manifest.descriptor.digest,
                    ...verified,
                });
                this.deps.log(`Signed ${subject.label} of ${digest}${subject.platform ? ` (${subject.platform})` : ''}` +
                    ` as ${verified.identity}${verified.logIndex ? `, Rekor log index ${verified.logIndex}` : ''}`);
                attachments.push({
                    subject: subject.descriptor,
                    manifest: made.manifest,
                    blobs: made.blobs,
                    label: subject.label,
                    checkFound: async (found) => {
                        const bundleLayer = bundleLayerOf(found.manifest, digest, subject.label);
                        if ('problem' in bundleLayer)
                            throw new Error(bundleLayer.problem);
                        const layer = found.blobs[1];
                        if (!layer)
                            throw new Error('the bundle layer is missing');
                        verifier.verify(layer, digest, subject.predicateType);
                    },
                });
            }
            return attachments;
        }
        catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            throw new SigningError(`Signing ${what} failed: ${message}`, { cause: error });
        }
    }
    loadTools() {
        this.tools ??= (async () => {
            const token = await this.sigstoreToken();
            const signer = expectedSigner(this.deps.env, token, this.inputs);
            const [sign, verifier] = await Promise.all([
                createStatementSigner(this.inputs.services, () => this.sigstoreToken()),
                createBundleVerifier({
                    signer,
                    ...(this.inputs.trustedRoot && { trustedRootPath: this.inputs.trustedRoot }),
                    transparencyLog: this.inputs.services.rekorUrl !== undefined,
                }),
            ]);
            return { sign, verifier };
        })();
        return this.tools;
    }
    /**
     * `SIGSTORE_ID_TOKEN` wins (cosign reads it too; the orb mints it on CircleCI), then the
     * runner's token for the audience `sigstore`. Masked before anything could print it.
     */
    sigstoreToken() {
        this.token ??= (async () => {
            const given = this.deps.env.SIGSTORE_ID_TOKEN?.trim();
            const token = given
                ? given
                : this.deps.env.ACTIONS_ID_TOKEN_REQUEST_URL
                    ? await this.deps.getIdToken(SIGSTORE_AUDIENCE)
                    : undefined;
            if (!token) {
                throw new SigningError('there is no OIDC token for Sigstore: on GitHub Actions give the job ' +
                    '`permissions: id-token: write`; on CircleCI export SIGSTORE_ID_TOKEN=$(circleci ' +
                    'run oidc get --claims \'{"aud":"sigstore"}\' --root-issuer); elsewhere set ' +
                    'SIGSTORE_ID_TOKEN, or set `sign: false`');
            }
            this.deps.onSecret(token);
            return token;
        })();
        return this.token;
    }
}
/**
 * Who a verifier should expect: the inputs, else the CI's identity (GitHub: the workflow
 * file at its ref; CircleCI: the project's pipeline definition, from the token's claims, as
 * Fulcio's `config/identity/config.yaml` maps them).
 */
function expectedSigner(env, token, inputs) {
    const ci = ciSigner(env, token);
    const identity = inputs.certificateIdentity ?? ci?.identity;
    const issuer = inputs.certificateOidcIssuer ?? ci?.issuer;
    if (!identity || !issuer) {
        throw new SigningError('certificate-identity, certificate-oidc-issuer: oci-push knows the signing identity on ' +
            'GitHub Actions and CircleCI only; elsewhere set both to what verifiers should expect');
    }
    return { identity, issuer };
}
function ciSigner(env, token) {
    if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_WORKFLOW_REF) {
        return { identity: `https://github.com/${env.GITHUB_WORKFLOW_REF}`, issuer: GITHUB_ISSUER };
    }
    if (env.CIRCLECI === 'true') {
        const claims = jwtClaims(token);
        const project = claims['oidc.circleci.com/project-id'];
        const definition = claims['oidc.circleci.com/pipeline-definition-id'];
        if (typeof claims.iss !== 'string' || typeof project !== 'string')
            return undefined;
        if (typeof definition !== 'string')
            return undefined;
        return {
            identity: `https://circleci.com/api/v2/projects/${project}/pipeline-definitions/${definition}`,
            issuer: claims.iss,
        };
    }
    return undefined;
}
/** A JWT's claims, unchecked: the token is our own, read only for who it names. */
function jwtClaims(token) {
    try {
        const payload = token.split('.')[1] ?? '';
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    }
    catch {
        return {};
    }
}
/**
 * The SPDX SBOMs buildx stores inline in an index (its `unknown/unknown` attestation
 * manifests), each to be signed as `cosign attest --type spdxjson` signs one: a statement
 * about the platform manifest the attestation names, attached to that manifest, as the orb
 * attaches them (architect-orb `docs/cosign-signing.md`).
 */
async function sbomSubjects(graph, source, repository) {
    const root = graph.manifests.at(-1);
    if (!root)
        return [];
    const index = parseManifest(root.bytes, root.descriptor.mediaType, source.name);
    const subjects = [];
    for (const entry of index.manifests) {
        if (entry.annotations?.[ATTESTATION_TYPE] !== 'attestation-manifest')
            continue;
        const platformDigest = entry.annotations[ATTESTATION_SUBJECT] ?? '';
        const platform = index.manifests.find((m) => m.digest === platformDigest);
        const attestation = graph.manifests.find((m) => m.descriptor.digest === entry.digest);
        if (!(0,oci_digest/* isDigest */.Bc)(platformDigest) || !platform || !attestation)
            continue;
        const where = `${source.name}: attestation manifest ${entry.digest}`;
        const layers = parseManifest(attestation.bytes, attestation.descriptor.mediaType, where).blobs;
        for (const layer of layers) {
            if (layer.mediaType !== IN_TOTO_LAYER)
                continue;
            if (layer.annotations?.[PREDICATE_TYPE_ANNOTATION] !== PredicateType.spdx)
                continue;
            const name = platform.platform
                ? `${platform.platform.os}/${platform.platform.architecture}${platform.platform.variant ? `/${platform.platform.variant}` : ''}`
                : platformDigest;
            const predicate = await readSbomPredicate(source, layer, `${where} (SBOM of ${name})`);
            subjects.push({
                descriptor: platform,
                statement: sbomStatement(platformDigest, repository, predicate),
                predicateType: PredicateType.spdx,
                label: 'SBOM attestation',
                platform: name,
            });
        }
    }
    return subjects;
}
/** The SPDX document inside buildx's in-toto statement; its bytes are the source's. */
async function readSbomPredicate(source, layer, where) {
    if (layer.size > SBOM_MAX_BYTES) {
        throw new Error(`${where} is ${layer.size} bytes, more than oci-push reads to sign`);
    }
    const chunks = [];
    for await (const chunk of await source.openBlob(layer))
        chunks.push(chunk);
    let statement;
    try {
        statement = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    }
    catch (error) {
        throw new Error(`${where} is not an in-toto statement: ${error.message}`, {
            cause: error,
        });
    }
    if (typeof statement.predicate !== 'object' || statement.predicate === null) {
        throw new Error(`${where} has no SPDX document in its predicate`);
    }
    return statement.predicate;
}

;// CONCATENATED MODULE: ./src/jobs/push.ts











/**
 * The push every face runs: inputs → decision → chart → plan → credentials → copy → ACR →
 * report. The face renders the report; this never prints a secret or touches the runner.
 */
async function runPush(inputs, facts, deps) {
    // Dev or release, and the version, come first: packaging a chart needs the version.
    const release = await nearestRelease(inputs.tagPrefix, facts.workspace);
    const decision = decideBuild(inputs, {
        ref: facts.ref,
        sha: facts.sha,
        ...(release && { nearestRelease: release }),
    });
    const chart = inputs.chart
        ? await deps.phase('Chart', () => prepareChart(inputs.chart, decision, facts, deps))
        : undefined;
    const plan = await deps.phase('Plan', async () => {
        const visibility = await deps.visibility(inputs.visibility);
        const plan = planPush(inputs, decision, visibility, chart?.metadata.name);
        for (const line of planLines(plan))
            deps.log.info(line);
        return plan;
    });
    const acr = new AcrPush(plan, inputs, {
        getIdToken: deps.getIdToken,
        send: createRegistryTransport({ userAgent: USER_AGENT, log: deps.log.info }),
        onSecret: deps.onSecret,
        log: deps.log.info,
    });
    const credentials = await deps.phase('Credentials', async () => {
        const found = await resolveCredentials(credentialHosts(plan), inputs.credentials, deps.env, deps.onSecret, deps.log.info);
        for (const [host, credential] of await acr.login((host) => found.get(host))) {
            found.set(host, credential);
        }
        return found;
    });
    const targetTags = await acr.targetTags();
    const signing = new PushSigning(plan, inputs.sigstore, {
        env: deps.env,
        getIdToken: deps.getIdToken,
        onSecret: deps.onSecret,
        log: deps.log.info,
    });
    const attach = signing.attacher();
    const result = await deps.phase(plan.dryRun ? 'Dry run (reads only)' : 'Push', async () => {
        const result = await executePlan(plan, {
            userAgent: USER_AGENT,
            log: deps.log,
            onSecret: deps.onSecret,
            credentialFor: (host) => credentials.get(host),
            tempDir: deps.tempDir,
            ...(deps.hooks && { hooks: deps.hooks }),
            ...(attach && { attach }),
        }, chart, targetTags);
        for (const t of result.targets)
            deps.log.info(targetLine(t));
        return result;
    });
    const acrOutcomes = await acr.finish(result);
    const report = buildReport(result, {
        fromFork: facts.fromFork,
        acr: acrOutcomes,
        signatures: signing.made,
    });
    return { plan, result, acr: acrOutcomes, report };
}
async function prepareChart(path, decision, facts, deps) {
    const workDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(deps.tempDir, 'oci-push-chart-'));
    try {
        // Charts bring tar and yaml; a run without one doesn't load them.
        const { prepareChart } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(697), __nccwpck_require__.e(806)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5806));
        const packaged = await prepareChart(path, decision.version, {
            workDir,
            sourceDate: await sourceDate(deps.env, facts.workspace),
            runHelm: deps.runHelm,
        });
        deps.log.info(`${packaged.metadata.name} ${packaged.metadata.version} from ${packaged.origin}`);
        return packaged;
    }
    finally {
        await (0,promises_.rm)(workDir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/jobs/progress.ts
/**
 * One progress line per registry at most every `intervalMs`, so a long upload shows it is
 * alive without flooding the log. The first line waits half an interval: short pushes stay
 * quiet.
 */
class ProgressThrottle {
    intervalMs;
    emit;
    now;
    last = new Map();
    constructor(intervalMs, emit, now = Date.now) {
        this.intervalMs = intervalMs;
        this.emit = emit;
        this.now = now;
    }
    update(key, line) {
        const now = this.now();
        const last = this.last.get(key) ?? now - this.intervalMs / 2;
        if (now - last < this.intervalMs) {
            if (!this.last.has(key))
                this.last.set(key, last);
            return;
        }
        this.last.set(key, now);
        this.emit(line());
    }
}

;// CONCATENATED MODULE: ./src/action/event.ts

async function loadEventPayload(env) {
    if (!env.GITHUB_EVENT_PATH)
        return {};
    try {
        return JSON.parse(await (0,promises_.readFile)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch (error) {
        throw new Error(`The event payload ${env.GITHUB_EVENT_PATH} can't be read: ${error.message}`, { cause: error });
    }
}
function eventFacts(env, payload) {
    const p = (payload ?? {});
    const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? p.repository?.full_name ?? '').split('/');
    const pr = p.pull_request;
    const headRepo = pr?.head?.repo;
    const baseName = p.repository?.full_name ?? env.GITHUB_REPOSITORY;
    // A deleted fork shows as a null head repo: it is a fork all the same.
    const fromFork = pr !== undefined &&
        (headRepo === null || headRepo?.fork === true || headRepo?.full_name !== baseName);
    const facts = {
        ref: env.GITHUB_REF ?? '',
        sha: pr?.head?.sha ?? env.GITHUB_SHA ?? '',
        eventName: env.GITHUB_EVENT_NAME ?? '',
        fromFork,
        owner,
        repo,
    };
    const visibility = payloadVisibility(p.repository);
    if (visibility)
        facts.payloadVisibility = visibility;
    return facts;
}
/** `internal` repositories are not public: they count as private. */
function payloadVisibility(repository) {
    if (repository?.visibility)
        return repository.visibility === 'public' ? 'public' : 'private';
    if (typeof repository?.private === 'boolean')
        return repository.private ? 'private' : 'public';
    return undefined;
}

;// CONCATENATED MODULE: ./src/action/visibility.ts
/**
 * The repository's visibility, which decides the `public`/`private` registries: as set, else
 * from the event payload, else from the GitHub API. When it can't be known, private: a
 * private repository must never leak to a public registry.
 */
async function resolveVisibility(requested, facts, token) {
    if (requested !== 'auto')
        return { visibility: requested, source: 'as set by the `visibility` input' };
    if (facts.payloadVisibility)
        return { visibility: facts.payloadVisibility, source: 'from the event payload' };
    if (!token || !facts.owner || !facts.repo) {
        return {
            visibility: 'private',
            source: 'unknown (no event payload or token), so treated as private',
        };
    }
    try {
        // Loaded only on this path: octokit is not needed when the event says.
        const { getOctokit } = await __nccwpck_require__.e(/* import() */ 413).then(__nccwpck_require__.bind(__nccwpck_require__, 2413));
        const { data } = await getOctokit(token).rest.repos.get({
            owner: facts.owner,
            repo: facts.repo,
        });
        const visibility = data.visibility === 'public' || data.private === false ? 'public' : 'private';
        return { visibility, source: 'from the GitHub API' };
    }
    catch (error) {
        return {
            visibility: 'private',
            source: `unknown (the GitHub API answered: ${error.message}), so treated as private`,
        };
    }
}

;// CONCATENATED MODULE: ./src/action/push.ts










/** At most one progress line per registry this often, on long uploads. */
const PROGRESS_INTERVAL_MS = 5_000;
/** `uses: giantswarm/oci-push@v1`: the push job, with GitHub's inputs, event, logs and summary. */
async function runPushAction(env = process.env) {
    try {
        const inputs = await group('Inputs', async () => getPushInputs(env));
        const facts = eventFacts(env, await loadEventPayload(env));
        const progress = new ProgressThrottle(PROGRESS_INTERVAL_MS, info);
        const { report } = await runPush(inputs, {
            ref: facts.ref,
            sha: facts.sha,
            fromFork: facts.fromFork,
            ...(env.GITHUB_WORKSPACE && { workspace: env.GITHUB_WORKSPACE }),
        }, {
            env,
            log: { debug: debug, info: info, warning: core_warning },
            onSecret: setSecret,
            phase: (name, work) => group(name, work),
            visibility: (requested) => resolveVisibility(requested, facts, inputs.githubToken),
            getIdToken: (audience) => getIDToken(audience),
            runHelm: (args) => getExecOutput('helm', args, { silent: true, ignoreReturnCode: true }),
            tempDir: env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
            hooks: {
                onProgress: ({ target, bytes, totalBytes }) => progress.update(`${target.client.host}/${target.repository}`, () => `${target.client.host}/${target.repository}: ${formatBytes(bytes)} of ` +
                    `${formatBytes(totalBytes)} uploaded`),
            },
        });
        await renderReport(report);
    }
    catch (error) {
        // Even a push that never started leaves a summary, an annotation and a `result`; and if
        // even that can't be written (no GITHUB_STEP_SUMMARY), the step still fails, with the cause.
        await renderReport(failureReport(error)).catch(() => setFailed(error instanceof Error ? error.message : String(error)));
    }
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __nccwpck_require__(2088);
var semver_default = /*#__PURE__*/__nccwpck_require__.n(semver);
;// CONCATENATED MODULE: ./src/engine/sync-plan.ts

const DEFAULT_SYNC_PARALLEL = 4;
/**
 * Applies an image's filters in the order the config reads: allow, deny, semver range, then
 * newest N (per major or minor line). Regexes are searched in the whole tag, as skopeo
 * sync's and regsync's are: anchor them (`^…$`) to match the tag exactly.
 */
function selectTags(tags, filter) {
    const unique = [...new Set(tags)];
    let passing = unique.filter((tag) => (filter.allow.length === 0 || filter.allow.some((re) => re.test(tag))) &&
        !filter.deny.some((re) => re.test(tag)));
    const range = filter.semver;
    if (range !== undefined) {
        passing = passing.filter((tag) => {
            const version = semver_default().valid(tag);
            return version !== null && semver_default().satisfies(version, range);
        });
    }
    if (filter.newest !== undefined)
        passing = newest(passing, filter.newest, filter.per);
    const kept = new Set(passing);
    return { selected: passing, filteredOut: unique.filter((tag) => !kept.has(tag)) };
}
/** The newest `count` versions, overall or per major/minor line; tags that aren't versions drop. */
function newest(tags, count, per) {
    const versions = tags
        .map((tag) => ({ tag, version: semver_default().parse(tag) }))
        .filter((v) => v.version !== null)
        .sort((a, b) => semver_default().rcompare(a.version, b.version) || a.tag.localeCompare(b.tag));
    const taken = new Map();
    const result = [];
    for (const { tag, version } of versions) {
        const line = per === 'major'
            ? `${version.major}`
            : per === 'minor'
                ? `${version.major}.${version.minor}`
                : '';
        const n = taken.get(line) ?? 0;
        if (n >= count)
            continue;
        taken.set(line, n + 1);
        result.push(tag);
    }
    return result;
}
/** The key a shard splits by: one source repository's tags stay together and share mounts. */
function sourceKey(image) {
    return `${image.source.host}/${image.source.repository}`;
}
/**
 * The images one shard takes. Distinct source repositories, sorted, are dealt round-robin to
 * the N shards, so every shard computes the same split from the same config, each image is
 * taken by exactly one shard, and the shares differ by at most one repository.
 */
function shardImages(images, shard) {
    if (!shard || shard.count === 1)
        return [...images];
    const keys = [...new Set(images.map(sourceKey))].sort();
    const mine = new Set(keys.filter((_, i) => (i % shard.count) + 1 === shard.index));
    return images.filter((image) => mine.has(sourceKey(image)));
}
/** Parses `I/N` (1 ≤ I ≤ N); the message names `what` (the input or flag). */
function parseShard(text, what) {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    const index = Number(match?.[1]);
    const count = Number(match?.[2]);
    if (!match || count < 1 || index < 1 || index > count) {
        throw new Error(`${what}: "${text}" is not a shard; write I/N with 1 ≤ I ≤ N, e.g. 2/3 for the second ` +
            'of three runners');
    }
    return { index, count };
}

;// CONCATENATED MODULE: ./src/engine/sync.ts







/**
 * A tag just pushed to a geo-replicated registry may be listed by one replica and 404 at
 * another for a while (FACTS.md, ACR geo-replication; giantswarm/kubectl-gs#1967).
 */
const DEFAULT_CONSISTENCY_WAIT_MS = 30_000;
const CONSISTENCY_POLL_MS = 2_000;
/** Tags of one image compared at once (HEADs only). */
const TAG_COMPARE_CONCURRENCY = 8;
/**
 * The sync: for each image this shard takes (`parallel` at a time), list the source's tags
 * in full, filter them, and for each tag compare the source's digest with every target's
 * tag by one HEAD. Missing tags are copied (the graph read once, fanned out to every target
 * that lacks it, blobs mounted within a registry); drift is reported, or moved with
 * `overwrite`. Nothing here throws for a registry's failure: every outcome is in the result.
 */
async function runSyncPlan(config, options, deps) {
    const client = registryClients(deps);
    const clientFor = (host, endpoint = {}) => client(host, { ...endpoint, ...(deps.send && { send: deps.send }) });
    const targets = new Map(config.targets.map((t) => [t.name, t]));
    for (const t of config.targets)
        clientFor(t.host, { insecure: t.insecure, https: t.acr });
    const images = shardImages(config.images, options.shard);
    // Each target is pinged once: one that can't be reached fails its items at once, instead
    // of every tag waiting out the retries again.
    const used = [...new Set(images.flatMap((image) => image.to))];
    const unreachable = new Map();
    await Promise.all(used.map(async (name) => {
        const target = targets.get(name);
        const client = clientFor(target.host);
        try {
            await client.ping();
        }
        catch (error) {
            const message = `${target.host} (target ${name}) could not be reached: ${error.message}. ` +
                `Check targets.${name}.registry, and that the registry is up and reachable from here`;
            unreachable.set(name, message);
            deps.log.warning(message);
        }
    }));
    const run = {
        deps,
        dryRun: options.dryRun ?? false,
        targets,
        unreachable,
        holders: new BlobHolders(),
        clientFor,
    };
    const results = new Array(images.length);
    await forEachLimited(images.map((image, i) => ({ image, i })), config.parallel, async ({ image, i }) => {
        results[i] = await syncImage(run, image);
    });
    return {
        dryRun: run.dryRun,
        ...(options.shard && { shard: options.shard }),
        targets: config.targets,
        images: results,
        otherShards: config.images.length - images.length,
    };
}
async function syncImage(run, image) {
    const source = sourceKey(image);
    const result = { image, source, listed: 0, filteredOut: [], tags: [] };
    const client = run.clientFor(apiHost(image.source.host));
    let tags;
    try {
        tags = await client.listTags(image.source.repository, {
            ...(run.deps.pageSize && { pageSize: run.deps.pageSize }),
        });
    }
    catch (error) {
        result.error =
            `${source}: listing its tags failed (${error.message}), so nothing of ` +
                `images[${image.index}] was synced. Check the source's name and its credential, then run again.`;
        run.deps.log.warning(result.error);
        return result;
    }
    if (tags.length === 0) {
        result.error =
            `${source}: the registry lists no tags (the repository does not exist, is empty, or ` +
                `the credential may not read it), so nothing of images[${image.index}] was synced. Check ` +
                'the source name and its credential.';
        run.deps.log.warning(result.error);
        return result;
    }
    // The fallback tag `sha256-<hex>` and cosign's tags name referrers: they travel with the
    // image they belong to, never as images of their own.
    const selection = selectTags(tags.filter((t) => !sync_REFERRER_TAG.test(t)), image.tags);
    result.listed = tags.length;
    result.filteredOut = selection.filteredOut;
    run.deps.log.info(`${source}: ${tags.length} tag(s) listed, ${selection.selected.length} selected, ` +
        `${selection.filteredOut.length} filtered out`);
    // Comparing is reads only, so tags are compared several at a time; copies go one tag after
    // another, so the next tag finds the blobs it shares with this one in place.
    const compared = new Array(selection.selected.length);
    await forEachLimited(selection.selected.map((tag, i) => ({ tag, i })), TAG_COMPARE_CONCURRENCY, async ({ tag, i }) => {
        compared[i] = await compareTag(run, image, client, tag);
    });
    const listed = new Set(tags);
    for (const { tag, toCopy } of compared) {
        if (tag.sourceDigest && toCopy.length > 0) {
            await copyImage(run, image, client, listed, tag.tag, tag.sourceDigest, toCopy);
        }
        logTag(run, tag);
        result.tags.push(tag);
    }
    return result;
}
/** `sha256-<hex>`, and cosign's `.sig`, `.att`, `.sbom` beside it. */
const sync_REFERRER_TAG = /^sha256-[a-f0-9]{64}(\.[a-z]+)?$/;
/** The source's digest, then one HEAD per target: unchanged, missing, or drift. */
async function compareTag(run, image, sourceClient, tag) {
    const outcomes = image.to.map((name) => {
        const target = run.targets.get(name);
        return { target: name, host: target.host, repository: image.repository, status: 'failed' };
    });
    const sourceName = `${sourceKey(image)}:${tag}`;
    // The source and every target are asked at once: one round trip per tag, not two.
    const [source, ...held] = await Promise.allSettled([
        sourceDigestOf(run, sourceClient, image.source.repository, tag),
        ...outcomes.map((o) => targetDigestOf(run, o, tag)),
    ]);
    if (source.status === 'rejected') {
        const message = `${sourceName}: ${source.reason.message}`;
        for (const o of outcomes)
            o.error = message;
        return { tag: { tag, targets: outcomes }, toCopy: [] };
    }
    const sourceDigest = source.value;
    const toCopy = [];
    outcomes.forEach((o, i) => {
        const answer = held[i];
        if (answer.status === 'rejected') {
            o.error = answer.reason.message;
            return;
        }
        const digest = answer.value;
        if (digest === sourceDigest) {
            o.status = 'unchanged';
            return;
        }
        if (digest !== undefined)
            o.targetDigest = digest;
        if (digest !== undefined && !image.overwrite) {
            o.status = 'drift';
            o.error = driftMessage(o, tag, sourceName, sourceDigest, image.index);
            return;
        }
        o.status = run.dryRun ? (digest ? 'would-move' : 'would-copy') : digest ? 'moved' : 'copied';
        if (!run.dryRun)
            toCopy.push(o);
    });
    return { tag: { tag, sourceDigest, targets: outcomes }, toCopy };
}
/** What a target's tag holds (undefined: absent); a target that can't be reached fails. */
async function targetDigestOf(run, o, tag) {
    const down = run.unreachable.get(o.target);
    if (down)
        throw new Error(down);
    const client = run.clientFor(o.host);
    try {
        return (await client.headManifest(o.repository, tag))?.digest;
    }
    catch (error) {
        throw describeFailure(error, {
            client,
            repository: o.repository,
            input: `targets.${o.target}.registry`,
        });
    }
}
function logTag(run, { tag, sourceDigest, targets }) {
    for (const o of targets) {
        const where = `${o.host}/${o.repository}:${tag} (${o.target})`;
        if (o.status === 'failed' || o.status === 'drift') {
            run.deps.log.warning(`${where}: ${o.error ?? o.status}`);
        }
        else if (o.status !== 'unchanged' || run.dryRun) {
            // A dry run prints the whole plan; a real run only what it changed.
            run.deps.log.info(`${where}: ${o.status} ${sourceDigest ?? ''}`);
        }
    }
}
/**
 * Copies one image (by digest, so a tag moving meanwhile can't mix two images) to the
 * targets that lack it or must move: the graph is read from the source once and fanned out,
 * blobs mounted within a registry, the tag written last and only after the root verifies.
 * This is the one place the sync copies an image: referrers (signatures, SBOMs) join here.
 */
async function copyImage(run, image, sourceClient, 
/** The source's tags as just listed: its fallback and cosign tags are among them, if any. */
listedTags, tag, digest, outcomes) {
    const source = new RegistrySource(sourceClient, image.source.repository, digest, {
        input: `images[${image.index}].source`,
        listedTags,
    });
    let graph;
    try {
        graph = await loadGraph(source);
    }
    catch (error) {
        for (const o of outcomes) {
            o.status = 'failed';
            o.error = `reading ${source.name} failed: ${error.message}`;
        }
        return;
    }
    for (const blob of graph.blobs) {
        run.holders.holds(sourceClient.host, blob.digest, image.source.repository);
    }
    // Where the image and its referrers go, per target.
    const destinations = outcomes.map((o) => ({
        client: run.clientFor(o.host),
        repository: o.repository,
        asksBeforeManifests: run.targets.get(o.target)?.acr ?? false,
    }));
    const results = await copyGraph(source, graph, outcomes.map((o, i) => ({
        ...destinations[i],
        input: `targets.${o.target}.registry`,
        // The comparison read the tag a moment ago (it is read again right before the write).
        knownTags: new Map([[tag, o.targetDigest]]),
    })), {
        tags: [tag],
        immutableTags: [tag],
        overwrite: image.overwrite,
        holders: run.holders,
        // Each tag is still read back right after its write; the push's second look a moment
        // later is for two releases racing, and would cost the sync a second per tag copied.
        raceSettleMs: 0,
        ...(run.deps.hooks && { hooks: run.deps.hooks }),
    });
    // Signatures, SBOMs and provenance go with the image, as in a push (src/engine/referrers.ts).
    const referrers = await discoverReferrers(source, graph, true, (m) => run.deps.log.warning(m));
    await Promise.all(results.map(async (result, i) => {
        const o = outcomes[i];
        if (result.status === 'failed' || result.status === 'refused') {
            // `refused`: the tag appeared, holding another digest, between our HEAD and the copy.
            o.status = result.status === 'refused' ? 'drift' : 'failed';
            o.error = result.error?.message ?? result.status;
            return;
        }
        if (result.status === 'unchanged')
            o.status = 'unchanged';
        if (referrers.length === 0)
            return;
        const copied = await copyReferrers(source, referrers, destinations[i], {
            holders: run.holders,
            ...(run.deps.hooks && { hooks: run.deps.hooks }),
        });
        o.referrers = { copied: copied.copied, present: copied.present, failed: copied.failed };
        if (copied.failed > 0) {
            o.status = 'failed';
            o.error =
                `${o.host}/${o.repository}:${tag}: the image is there, but ${copied.failed} of its ` +
                    'referrers (signatures, SBOMs, attestations) could not be copied: ' +
                    copied.outcomes
                        .filter((r) => r.action === 'failed')
                        .map((r) => `${r.digest}: ${r.error ?? 'failed'}`)
                        .join('; ');
        }
    }));
}
/** The source tag's digest; a 404 just after listing is retried for a bounded time. */
async function sourceDigestOf(run, client, repository, tag) {
    const waitMs = run.deps.consistencyWaitMs ?? DEFAULT_CONSISTENCY_WAIT_MS;
    const sleep = run.deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    for (let waited = 0;; waited += CONSISTENCY_POLL_MS) {
        const info = await client.headManifest(repository, tag);
        if (info)
            return info.digest;
        if (waited >= waitMs) {
            throw new Error(`the tag is listed but its manifest answered 404 for ${Math.round(waitMs / 1000)} s ` +
                '(a registry replica lagging, or the tag deleted meanwhile); run again later');
        }
        await sleep(CONSISTENCY_POLL_MS);
    }
}
function driftMessage(o, tag, sourceName, sourceDigest, index) {
    return (`${o.host}/${o.repository}:${tag} holds ${o.targetDigest}, but ${sourceName} is ` +
        `${sourceDigest}; left as it is. If the source moved the tag on purpose, set ` +
        `\`overwrite: true\` on images[${index}] to move it; otherwise find out who pushed ${o.targetDigest}`);
}

;// CONCATENATED MODULE: ./src/jobs/sync-config.ts





/**
 * The sync's config, parsed and checked in full before anything is copied. This code mirrors
 * `sync/schema.json` (which editors use), and adds what a schema can't say: regexes that
 * compile, semver ranges, target names that exist. Every error names its path in the config,
 * e.g. `images[2].tags.semver`, says what is wrong and what to write instead.
 */
class SyncConfigError extends InputError {
    name = 'SyncConfigError';
}
const TOP_KEYS = ['targets', 'images', 'parallel'];
const TARGET_KEYS = ['registry', 'mirror'];
const IMAGE_KEYS = ['source', 'target', 'to', 'tags', 'overwrite'];
const TAG_KEYS = ['allow', 'deny', 'semver', 'newest', 'per'];
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const MAX_PARALLEL = 64;
/** Parses YAML text (`where` names it in messages: a file path, or "config"). */
async function parseSyncConfigText(text, where) {
    const { parseDocument } = await __nccwpck_require__.e(/* import() */ 815).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8815, 19));
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    const first = doc.errors[0];
    if (first) {
        throw new SyncConfigError(`${where}: not valid YAML: ${first.message.split('\n')[0] ?? first.message}`);
    }
    return parseSyncConfig(doc.toJS());
}
/** Checks a config already read into plain values, and types it. */
function parseSyncConfig(value) {
    const errors = [];
    const fail = Object.assign((path, message) => {
        errors.push(`${path}: ${message}`);
        return undefined;
    }, { count: () => errors.length });
    const top = objectAt(value, '(config)', TOP_KEYS, fail);
    if (!top)
        throw configError(errors);
    const targets = [];
    const targetsValue = top.targets;
    if (targetsValue === undefined)
        fail('targets', 'required: the registries to copy into');
    else {
        const entries = isPlainObject(targetsValue)
            ? Object.entries(targetsValue)
            : (fail('targets', 'must be a map of target names to `registry: HOST`'), []);
        if (isPlainObject(targetsValue) && entries.length === 0)
            fail('targets', 'names no target; add one, e.g. `gsoci: { registry: gsoci.azurecr.io }`');
        for (const [name, entry] of entries) {
            const path = `targets.${name}`;
            if (!TARGET_NAME.test(name)) {
                fail(path, 'a target name is letters, digits, `.`, `_` and `-`');
                continue;
            }
            const target = parseTarget(name, entry, path, fail);
            if (target)
                targets.push(target);
        }
    }
    const names = new Set(targets.map((t) => t.name));
    const images = [];
    const imagesValue = top.images;
    if (imagesValue === undefined)
        fail('images', 'required: the images to copy');
    else if (!Array.isArray(imagesValue))
        fail('images', 'must be a list of `- source: …` entries');
    else if (imagesValue.length === 0)
        fail('images', 'lists no image; add `- source: REPOSITORY`');
    else {
        imagesValue.forEach((entry, i) => {
            const image = parseImage(entry, i, names, targetsValue !== undefined, fail);
            if (image)
                images.push(image);
        });
    }
    let parallel = DEFAULT_SYNC_PARALLEL;
    if (top.parallel !== undefined) {
        const n = top.parallel;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_PARALLEL)
            fail('parallel', `must be a whole number from 1 to ${MAX_PARALLEL} (images at once)`);
        else
            parallel = n;
    }
    if (errors.length > 0)
        throw configError(errors);
    return { targets, images, parallel };
}
function parseTarget(name, value, path, fail) {
    const entry = objectAt(value, path, TARGET_KEYS, fail);
    if (!entry)
        return undefined;
    if (entry.registry === undefined)
        return fail(`${path}.registry`, 'required: HOST [insecure] [acr]');
    if (typeof entry.registry !== 'string')
        return fail(`${path}.registry`, 'must be a string: HOST [insecure] [acr]');
    const [host, ...flags] = entry.registry.trim().split(/\s+/);
    if (!host || !isHost(host)) {
        return fail(`${path}.registry`, `"${entry.registry}" does not start with a registry host, e.g. gsoci.azurecr.io or 127.0.0.1:5000`);
    }
    const target = { name, host, insecure: false, acr: isAcrHost(host), mirror: false };
    for (const flag of flags) {
        if (flag === 'insecure')
            target.insecure = true;
        else if (flag === 'acr')
            target.acr = true;
        else
            return fail(`${path}.registry`, `unknown flag "${flag}"; a line is HOST [insecure] [acr]`);
    }
    if (entry.mirror !== undefined) {
        if (typeof entry.mirror !== 'boolean')
            return fail(`${path}.mirror`, 'must be true or false');
        target.mirror = entry.mirror;
    }
    return target;
}
function parseImage(value, index, targetNames, targetsGiven, fail) {
    const path = `images[${index}]`;
    const entry = objectAt(value, path, IMAGE_KEYS, fail);
    if (!entry)
        return undefined;
    const before = fail.count();
    let source;
    if (entry.source === undefined) {
        fail(`${path}.source`, 'required: the repository to copy from, e.g. docker.io/library/alpine');
    }
    else if (typeof entry.source !== 'string') {
        fail(`${path}.source`, 'must be a string, e.g. docker.io/library/alpine');
    }
    else {
        try {
            const name = parseImageName(entry.source, `${path}.source "${entry.source}"`, false);
            if (/:[^/]*$/.test(entry.source.replace(/^[^/]*\//, '')) || entry.source.includes('@')) {
                fail(`${path}.source`, `"${entry.source}" names a tag; name the repository only, and choose tags with ` +
                    '`tags:` (e.g. `tags: { allow: [...] }`)');
            }
            else
                source = { host: name.host, repository: name.repository };
        }
        catch (error) {
            const message = error.message;
            fail(`${path}.source`, message.replace(`${path}.source `, ''));
        }
    }
    let repository = source?.repository;
    if (entry.target !== undefined) {
        if (typeof entry.target !== 'string' || !isRepository(entry.target)) {
            fail(`${path}.target`, `"${String(entry.target)}" is not a repository path: lowercase letters, digits and ` +
                'separators (. _ __ -) in components joined by "/", e.g. giantswarm/alpine');
        }
        else
            repository = entry.target;
    }
    let to = [...targetNames];
    if (entry.to !== undefined) {
        if (!Array.isArray(entry.to) || entry.to.length === 0) {
            fail(`${path}.to`, 'must be a list of target names, e.g. [gsoci, aliyun]');
        }
        else {
            const seen = new Set();
            entry.to.forEach((name, i) => {
                if (typeof name !== 'string')
                    return fail(`${path}.to[${i}]`, 'must be a target name');
                if (seen.has(name))
                    return fail(`${path}.to[${i}]`, `"${name}" is listed twice`);
                seen.add(name);
                if (targetsGiven && !targetNames.has(name)) {
                    return fail(`${path}.to[${i}]`, `"${name}" is not a target; the targets are ${[...targetNames].join(', ') || '(none)'}`);
                }
                return undefined;
            });
            to = entry.to;
        }
    }
    const tags = parseTagFilter(entry.tags, `${path}.tags`, fail);
    let overwrite = false;
    if (entry.overwrite !== undefined) {
        if (typeof entry.overwrite !== 'boolean')
            fail(`${path}.overwrite`, 'must be true or false');
        else
            overwrite = entry.overwrite;
    }
    if (fail.count() !== before || !source || !repository || !tags)
        return undefined;
    return { index, source, repository, to, tags, overwrite };
}
function parseTagFilter(value, path, fail) {
    if (value === undefined)
        return { allow: [], deny: [] };
    const entry = objectAt(value, path, TAG_KEYS, fail);
    if (!entry)
        return undefined;
    let ok = true;
    const regexes = (key) => {
        const list = entry[key];
        if (list === undefined)
            return [];
        if (!Array.isArray(list)) {
            ok = false;
            fail(`${path}.${key}`, `must be a list of regular expressions, e.g. ['^v?\\d+\\.\\d+\\.\\d+$']`);
            return [];
        }
        return list.flatMap((source, i) => {
            if (typeof source !== 'string') {
                ok = false;
                fail(`${path}.${key}[${i}]`, 'must be a regular expression, as a string');
                return [];
            }
            try {
                return [new RegExp(source)];
            }
            catch (error) {
                ok = false;
                fail(`${path}.${key}[${i}]`, `"${source}" is not a valid regular expression: ${error.message}`);
                return [];
            }
        });
    };
    const filter = { allow: regexes('allow'), deny: regexes('deny') };
    if (entry.semver !== undefined) {
        if (typeof entry.semver !== 'string' || semver_default().validRange(entry.semver) === null) {
            ok = false;
            fail(`${path}.semver`, `"${String(entry.semver)}" is not a semver range; write e.g. '>=3.18.0', '^1.2' or '1.x'`);
        }
        else
            filter.semver = entry.semver;
    }
    if (entry.newest !== undefined) {
        const n = entry.newest;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
            ok = false;
            fail(`${path}.newest`, 'must be a whole number of at least 1');
        }
        else
            filter.newest = n;
    }
    if (entry.per !== undefined) {
        if (entry.per !== 'major' && entry.per !== 'minor') {
            ok = false;
            fail(`${path}.per`, `"${String(entry.per)}" is not major or minor`);
        }
        else if (entry.newest === undefined) {
            ok = false;
            fail(`${path}.per`, 'needs `newest`: per says which line the newest N are counted in');
        }
        else
            filter.per = entry.per;
    }
    return ok ? filter : undefined;
}
/** A map with only `keys`; an unknown key is named with the ones that are known. */
function objectAt(value, path, keys, fail) {
    if (!isPlainObject(value))
        return fail(path, `must be a map with the keys ${keys.join(', ')}`);
    let ok = true;
    for (const key of Object.keys(value)) {
        if (!keys.includes(key)) {
            ok = false;
            const inner = path === '(config)' ? key : `${path}.${key}`;
            fail(inner, `unknown key; the keys here are ${keys.join(', ')}`);
        }
    }
    return ok ? value : undefined;
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function configError(errors) {
    return new SyncConfigError(errors.length === 1
        ? `sync config: ${errors[0]}`
        : `sync config: ${errors.length} problems:\n- ${errors.join('\n- ')}`);
}

;// CONCATENATED MODULE: ./src/jobs/sync-report.ts
const SYNC_EXIT_BAD_CONFIG = 2;
const EMPTY = {
    copied: 0,
    unchanged: 0,
    drift: 0,
    moved: 0,
    'would-copy': 0,
    'would-move': 0,
    failed: 0,
};
function syncCounts(result) {
    const counts = { copied: 0, unchanged: 0, drifted: 0, failed: 0 };
    for (const row of rowsOf(result)) {
        counts.copied += row.counts.copied + row.counts.moved;
        counts.unchanged += row.counts.unchanged;
        counts.drifted += row.counts.drift;
        counts.failed += row.counts.failed + (row.listingFailed ? 1 : 0);
    }
    return counts;
}
/**
 * The verdict, the outputs (`result` holds every image × tag × target), the job summary with
 * one row per image and target, and an annotation for each failure and each drift with its fix.
 */
function buildSyncReport(result) {
    const rows = rowsOf(result);
    const annotations = [];
    let requiredFailed = false;
    let requiredDrift = false;
    const problems = [];
    for (const image of result.images) {
        for (const name of image.image.to) {
            const target = result.targets.find((t) => t.name === name);
            const level = target.mirror ? 'warning' : 'error';
            if (image.error) {
                if (!target.mirror)
                    requiredFailed = true;
                problems.push(`- **failed** ${image.source} → \`${name}\`: ${sync_report_escape(image.error)}`);
                annotations.push({ level, title: `oci-push sync: ${image.source}`, message: image.error });
                continue;
            }
            for (const tag of image.tags) {
                const o = tag.targets.find((t) => t.target === name);
                if (!o || (o.status !== 'failed' && o.status !== 'drift'))
                    continue;
                if (!target.mirror) {
                    if (o.status === 'failed')
                        requiredFailed = true;
                    else
                        requiredDrift = true;
                }
                const where = `${o.host}/${o.repository}:${tag.tag}`;
                const message = `${o.error ?? o.status}${target.mirror ? ' (a mirror: this only warns)' : ''}`;
                problems.push(`- **${o.status}** \`${where}\` (${name}): ${sync_report_escape(message)}`);
                annotations.push({
                    level,
                    title: `oci-push sync: ${o.status} at ${where}`,
                    message,
                });
            }
        }
    }
    // A job summary can't take thousands of lines; the annotations and `result` hold them all.
    const MAX_ANNOTATIONS = 50;
    const shownAnnotations = annotations.slice(0, MAX_ANNOTATIONS);
    if (annotations.length > MAX_ANNOTATIONS) {
        shownAnnotations.push({
            level: 'warning',
            title: 'oci-push sync: more problems',
            message: `${annotations.length - MAX_ANNOTATIONS} more; see the job summary and the \`result\` output`,
        });
    }
    const verdict = requiredFailed ? 1 : requiredDrift ? 3 : 0;
    const counts = syncCounts(result);
    const report = {
        outputs: {
            result: JSON.stringify(resultJson(result, counts)),
            copied: String(counts.copied),
            unchanged: String(counts.unchanged),
            drifted: String(counts.drifted),
            failed: String(counts.failed),
        },
        summary: sync_report_summaryMarkdown(result, rows, counts, problems),
        annotations: shownAnnotations,
        ...(verdict === 1 && {
            failure: 'oci-push sync: a required target failed (see the errors above and the job summary); ' +
                'the other images and targets were still synced. Fix the cause and run again: what is ' +
                'already there is left unchanged.',
        }),
        ...(verdict === 3 && {
            failure: 'oci-push sync: drift refused, nothing else failed: a target tag holds another digest ' +
                'than the source. The summary names both digests; set `overwrite: true` on the image to ' +
                'move such tags, or find out who pushed them.',
        }),
    };
    return { report, verdict };
}
function rowsOf(result) {
    const rows = [];
    for (const image of result.images) {
        for (const name of image.image.to) {
            const target = result.targets.find((t) => t.name === name);
            const counts = { ...EMPTY };
            for (const tag of image.tags) {
                const o = tag.targets.find((t) => t.target === name);
                if (o)
                    counts[o.status]++;
            }
            rows.push({ image, target, counts, listingFailed: image.error !== undefined });
        }
    }
    return rows;
}
function sync_report_summaryMarkdown(result, rows, counts, problems) {
    const lines = [
        `## oci-push sync${result.dryRun ? ' (dry run: nothing written)' : ''}`,
        '',
        `${result.images.length} image(s)` +
            (result.shard
                ? `, shard ${result.shard.index}/${result.shard.count} (${result.otherShards} image(s) left to the other shards)`
                : '') +
            `: ${counts.copied} copied, ${counts.unchanged} unchanged, ${counts.drifted} drift, ` +
            `${counts.failed} failed.`,
        '',
        `| Image | Target | ${result.dryRun ? 'Would copy | ' : ''}Copied | Unchanged | Drift | Failed | Filtered out |`,
        `|---|---|${result.dryRun ? '--:|' : ''}--:|--:|--:|--:|--:|`,
    ];
    for (const row of rows) {
        const c = row.counts;
        const target = `${row.target.name} (${row.target.host}${row.target.mirror ? ', mirror' : ''})`;
        const image = `${row.image.source} → ${row.image.image.repository}`;
        const failed = row.listingFailed ? 'listing failed' : String(c.failed);
        lines.push(`| ${sync_report_escape(image)} | ${sync_report_escape(target)} | ` +
            (result.dryRun ? `${c['would-copy'] + c['would-move']} | ` : '') +
            `${c.copied + c.moved} | ${c.unchanged} | ${c.drift} | ${failed} | ${row.image.filteredOut.length} |`);
    }
    if (problems.length > 0) {
        const MAX = 200;
        lines.push('', '### Failures and drift', '', ...problems.slice(0, MAX));
        if (problems.length > MAX)
            lines.push(`- … and ${problems.length - MAX} more in \`result\``);
    }
    return `${lines.join('\n')}\n`;
}
function resultJson(result, counts) {
    return {
        dryRun: result.dryRun,
        ...(result.shard && { shard: `${result.shard.index}/${result.shard.count}` }),
        counts,
        images: result.images.map((image) => ({
            index: image.image.index,
            source: image.source,
            repository: image.image.repository,
            listed: image.listed,
            filteredOut: image.filteredOut,
            ...(image.error && { error: image.error }),
            tags: image.tags.map((tag) => ({
                tag: tag.tag,
                ...(tag.sourceDigest && { digest: tag.sourceDigest }),
                targets: tag.targets,
            })),
        })),
    };
}
/** Table cells and list items: no pipes or newlines from an error message break the table. */
function sync_report_escape(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

;// CONCATENATED MODULE: ./src/jobs/sync.ts














/**
 * Reads the sync inputs: `config` is a file path, or inline YAML (any text with a line
 * break, or a `{…}` flow map). A relative path is read from `cwd`. Passwords go to
 * `onSecret` before anything could print them.
 */
async function parseSyncInputs(get, cwd, onSecret) {
    const credentials = parseCredentials(get('credentials'));
    for (const { password } of credentials.values())
        onSecret(password);
    const configText = get('config');
    if (configText.trim() === '') {
        throw new InputError('config: required; give the path of a sync config file, or the YAML itself');
    }
    const inline = configText.includes('\n') || configText.trim().startsWith('{');
    let text = configText;
    let where = 'config';
    if (!inline) {
        const path = (0,external_node_path_.isAbsolute)(configText.trim())
            ? configText.trim()
            : (0,external_node_path_.resolve)(cwd, configText.trim());
        where = path;
        try {
            text = await (0,promises_.readFile)(path, 'utf8');
        }
        catch (error) {
            throw new InputError(`config: the file ${path} can't be read (${error.code ?? error.message}); ` +
                'give the path of a sync config file (relative to the workspace), or the YAML itself', { cause: error });
        }
    }
    const config = await parseSyncConfigText(text, where);
    const shardText = get('shard').trim();
    const azure = parseAzureLogin(get);
    return {
        config,
        credentials,
        ...(shardText && { shard: wrap('shard', () => parseShard(shardText, 'shard')) }),
        dryRun: parseBoolean('dry-run', get('dry-run').trim(), false),
        ...(azure && { azure }),
    };
}
/** Tags per listing page: Docker Hub's and ACR's page size, so they answer in few round trips. */
const DEFAULT_PAGE_SIZE = 100;
/** The sync every face runs: credentials → plan and copy → report with a verdict. */
async function runSync(inputs, deps) {
    const { config } = inputs;
    const send = deps.send ?? createRegistryTransport({ userAgent: USER_AGENT, log: deps.log.info });
    const credentials = await deps.phase('Credentials', async () => {
        const hosts = [
            ...config.targets.map((t) => t.host),
            ...config.images.map((image) => apiHost(image.source.host)),
        ];
        const found = await resolveCredentials([...new Set(hosts)], inputs.credentials, deps.env, deps.onSecret, deps.log.info);
        await keylessLogin(inputs, found, send, deps);
        return found;
    });
    const result = await deps.phase(inputs.dryRun ? 'Sync plan (dry run, reads only)' : 'Sync', () => runSyncPlan(config, { ...(inputs.shard && { shard: inputs.shard }), dryRun: inputs.dryRun }, {
        userAgent: USER_AGENT,
        log: deps.log,
        onSecret: deps.onSecret,
        credentialFor: (host) => credentials.get(host),
        send,
        pageSize: deps.pageSize ?? DEFAULT_PAGE_SIZE,
        ...(deps.hooks && { hooks: deps.hooks }),
    }));
    const { report, verdict } = buildSyncReport(result);
    return { result, report, verdict };
}
/** ACR registries (sources or targets) with no credential log in keyless, when it is set up. */
async function keylessLogin(inputs, found, send, deps) {
    const { azure, config } = inputs;
    if (!azure)
        return;
    const acr = new Map();
    for (const t of config.targets)
        if (t.acr)
            acr.set(t.host, t);
    for (const image of config.images) {
        const host = apiHost(image.source.host);
        if (isAcrHost(host) && !acr.has(host))
            acr.set(host, { host, insecure: false });
    }
    const hosts = [...acr.values()].filter((t) => !found.has(t.host));
    if (hosts.length === 0)
        return;
    const keyless = { getIdToken: deps.getIdToken, send, onSecret: deps.onSecret };
    const credential = await entraCredential(azure, keyless);
    for (const t of hosts) {
        deps.log.info(`${t.host}: keyless login as client ${azure.clientId}`);
        found.set(t.host, await acrRefreshToken({ host: t.host, insecure: t.insecure, https: true }, credential, azure, keyless));
    }
}

;// CONCATENATED MODULE: ./src/action/sync.ts




/** The runner's inputs, by their `sync/action.yml` names. */
const sync_actionInput = (name) => getInput(name);
/**
 * `uses: giantswarm/oci-push/sync@v1`: config → credentials → plan and copy → report. The
 * verdict goes through `core.setFailed`; the exit code then says which (1 a required target
 * failed, 2 a bad config, 3 drift refused), as the CLI's does.
 */
async function runSyncAction(env = process.env) {
    let inputsRead = false;
    try {
        const inputs = await group('Inputs', () => parseSyncInputs(sync_actionInput, env.GITHUB_WORKSPACE || process.cwd(), setSecret));
        inputsRead = true;
        const { report, verdict } = await runSync(inputs, {
            env,
            log: { debug: debug, info: info, warning: core_warning },
            onSecret: setSecret,
            phase: (name, work) => group(name, work),
            getIdToken: (audience) => getIDToken(audience),
        });
        await renderReport(report);
        if (verdict !== 0)
            process.exitCode = verdict;
    }
    catch (error) {
        setFailed(error instanceof Error ? error.message : String(error));
        if (!inputsRead)
            process.exitCode = SYNC_EXIT_BAD_CONFIG;
    }
}

;// CONCATENATED MODULE: ./src/cli/id-token.ts


/**
 * The OIDC token keyless Azure login exchanges, wherever the CLI runs:
 * - GitHub Actions (`permissions: id-token: write`): asked for with the audience, as
 *   `core.getIDToken` does, from `ACTIONS_ID_TOKEN_REQUEST_URL`;
 * - `OCI_PUSH_ID_TOKEN`: a token minted by the caller;
 * - CircleCI: `CIRCLE_OIDC_TOKEN_V2`, whose audience is the CircleCI organization's id (the
 *   federated credential must expect that audience; set `--azure-audience` to match).
 */
async function cliIdToken(env, audience) {
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (url && bearer) {
        // The registries' transport: the same proxy variables (HTTPS_PROXY, NO_PROXY) apply.
        const send = createTransport({ userAgent: USER_AGENT, proxyEnv: env });
        const response = await send({
            method: 'GET',
            url: new URL(`${url}&audience=${encodeURIComponent(audience)}`),
            headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
        });
        const body = await response.text();
        if (response.status !== 200) {
            throw new Error(`GitHub's OIDC token service answered ${response.status}; the job needs ` +
                '`permissions: id-token: write`');
        }
        const { value } = parseJson(body);
        if (typeof value !== 'string' || !value) {
            throw new Error("GitHub's OIDC token service answered without a token");
        }
        return value;
    }
    const given = env.OCI_PUSH_ID_TOKEN || env.CIRCLE_OIDC_TOKEN_V2;
    if (given)
        return given;
    throw new Error('there is no OIDC token here: run in GitHub Actions with `permissions: id-token: write`, ' +
        'in a CircleCI job (CIRCLE_OIDC_TOKEN_V2), or set OCI_PUSH_ID_TOKEN; on a laptop, ' +
        '`az acr login --name REGISTRY` stores a credential in the docker config instead');
}
function parseJson(body) {
    try {
        return JSON.parse(body);
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./src/cli/console.ts

/** Without a terminal, at most one progress line per registry this often, as in the action. */
const console_PROGRESS_INTERVAL_MS = 5_000;
/** On a terminal, the progress line is redrawn at most this often. */
const REDRAW_MS = 100;
/**
 * Everything the CLI prints goes through here, so every secret handed to `secret` (passwords,
 * tokens) is replaced by `***` in every line, on stderr and stdout alike: the CLI's own
 * `::add-mask::`.
 */
class CliConsole {
    io;
    verbose;
    secrets = new Set();
    progressLines = new Map();
    progressShown = false;
    lastDraw = 0;
    throttle;
    constructor(io, verbose = false) {
        this.io = io;
        this.verbose = verbose;
        this.throttle = new ProgressThrottle(console_PROGRESS_INTERVAL_MS, (line) => this.line(line));
    }
    /** The secret sink: from now on this value is never printed. */
    secret = (value) => {
        if (value)
            this.secrets.add(value);
    };
    redact(text) {
        // Longest first, so a secret that contains another is hidden whole.
        const secrets = [...this.secrets].sort((a, b) => b.length - a.length);
        return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
    }
    /** One line of human output, on stderr. */
    line = (text) => {
        this.clearProgress();
        this.io.stderr.write(`${this.redact(text)}\n`);
        this.drawProgress();
    };
    logger = {
        debug: (message) => {
            if (this.verbose)
                this.line(`debug: ${message}`);
        },
        info: (message) => this.line(message),
        warning: (message) => this.line(`warning: ${message}`),
    };
    /** Machine output (`--json -`), on stdout. */
    stdout(text) {
        this.io.stdout.write(this.redact(text));
    }
    /** One registry's progress: in place on a terminal, else a line now and then. */
    progress(key, text) {
        if (!this.io.isTTY) {
            this.throttle.update(key, text);
            return;
        }
        this.progressLines.set(key, text());
        const now = Date.now();
        if (now - this.lastDraw < REDRAW_MS)
            return;
        this.lastDraw = now;
        this.clearProgress();
        this.drawProgress();
    }
    /** The uploads are over: the progress line goes away. */
    endProgress() {
        this.clearProgress();
        this.progressLines.clear();
    }
    drawProgress() {
        if (!this.io.isTTY || this.progressLines.size === 0)
            return;
        const width = (this.io.stderr.columns ?? 100) - 1;
        const text = this.redact([...this.progressLines.values()].join(' · '));
        this.io.stderr.write(text.length > width ? `${text.slice(0, width - 1)}…` : text);
        this.progressShown = true;
    }
    clearProgress() {
        if (!this.progressShown)
            return;
        // Back to the start of the line, and erase it.
        this.io.stderr.write('\r\x1b[2K');
        this.progressShown = false;
    }
}
/** Plain-text columns, the last one unpadded; a cell with several lines takes several rows. */
function formatTable(header, rows) {
    const expanded = [];
    for (const row of [header, ...rows]) {
        const height = Math.max(...row.map((cell) => cell.split('\n').length));
        for (let i = 0; i < height; i++)
            expanded.push(row.map((cell) => cell.split('\n')[i] ?? ''));
    }
    const widths = header.map((_, c) => Math.max(...expanded.map((r) => (r[c] ?? '').length)));
    return expanded
        .map((r) => r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd())
        .join('\n');
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
;// CONCATENATED MODULE: ./src/cli/flags.ts

/** Inputs that hold a list, one item per line: on the command line a comma separates items too. */
const LIST_INPUTS = new Set(['registries', 'mirrors', 'tags', 'repositories']);
/** Inputs that are never flags, because their values are secrets: `ps` would show them. */
const ENV_ONLY_INPUTS = { credentials: 'OCI_PUSH_CREDENTIALS' };
/** A wrong command line: unknown flag, bad value, missing argument. Exit code 2. */
class UsageError extends Error {
    name = 'UsageError';
}
/** `dry-run` → `OCI_PUSH_DRY_RUN`. */
function envName(flag) {
    return `OCI_PUSH_${flag.toUpperCase().replace(/-/g, '_')}`;
}
function parseFlags(specs, args, env) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({
            args,
            options: Object.fromEntries(specs.map((s) => [
                s.name,
                {
                    type: s.type,
                    ...(s.multiple && { multiple: true }),
                    ...(s.short && { short: s.short }),
                },
            ])),
            strict: true,
            allowPositionals: false,
            allowNegative: true,
            tokens: true,
        });
    }
    catch (error) {
        throw new UsageError(error.message);
    }
    // parseArgs keeps the last of a repeated single-value flag; two values is a mistake to name.
    const seen = new Set();
    for (const token of parsed.tokens ?? []) {
        if (token.kind !== 'option')
            continue;
        const spec = specs.find((s) => s.name === token.name);
        if (spec && !spec.multiple && seen.has(spec.name)) {
            throw new UsageError(`--${spec.name} is given twice; give it once`);
        }
        seen.add(token.name);
    }
    const values = parsed.values;
    const fromCommandLine = (spec) => {
        const value = values[spec.name];
        if (value === undefined)
            return [];
        if (typeof value === 'boolean')
            return [String(value)];
        return Array.isArray(value) ? value : [value];
    };
    const fromEnv = (spec) => {
        const value = env[envName(spec.name)];
        return value === undefined || value === '' ? [] : [value];
    };
    const inputOf = (spec) => spec.input ?? spec.name;
    const specOf = (name) => {
        const spec = specs.find((s) => s.name === name);
        if (!spec)
            throw new Error(`no flag --${name}`);
        return spec;
    };
    const input = (name) => {
        const feeding = specs.filter((s) => inputOf(s) === name);
        if (feeding.length === 0) {
            const variable = ENV_ONLY_INPUTS[name];
            return variable ? (env[variable] ?? '') : '';
        }
        // The command line wins over the environment for the whole input, in every spelling.
        let found = feeding.flatMap(fromCommandLine);
        if (found.length === 0)
            found = feeding.flatMap(fromEnv);
        if (LIST_INPUTS.has(name))
            found = found.flatMap((v) => v.split(/[\n,]/));
        return found.join('\n');
    };
    return {
        string: (name) => {
            const spec = specOf(name);
            return [...fromCommandLine(spec), ...fromEnv(spec)][0];
        },
        boolean: (name) => {
            const spec = specOf(name);
            const given = fromCommandLine(spec)[0];
            if (given !== undefined)
                return given === 'true';
            const variable = fromEnv(spec)[0];
            if (variable === undefined)
                return false;
            if (/^true$/i.test(variable))
                return true;
            if (/^false$/i.test(variable))
                return false;
            throw new UsageError(`${envName(name)}: "${variable}" is not true or false`);
        },
        input,
        hint: (name) => {
            const variable = ENV_ONLY_INPUTS[name];
            if (variable)
                return variable;
            const feeding = specs.filter((s) => inputOf(s) === name);
            if (feeding.length === 0)
                return undefined;
            const flags = feeding.map((s) => `--${s.name}`);
            const last = envName(feeding[0]?.name ?? name);
            return `${flags.join(', ')} or ${last}`;
        },
    };
}
/**
 * An input parser's message starts with the input's name (`registries line 2: …`); the CLI
 * adds where that input is set on the command line.
 */
function withFlagHint(message, flags) {
    const match = /^([a-z][a-z-]*)/.exec(message);
    const hint = match?.[1] ? flags.hint(match[1]) : undefined;
    return hint ? `${message} (set with ${hint})` : message;
}
/** `--help` for one command: its flags, two columns, wrapped to 100. */
function formatFlags(specs) {
    const left = specs.map((s) => {
        const short = s.short ? `-${s.short}, ` : '    ';
        const value = s.type === 'string' ? ` ${s.value ?? 'VALUE'}` : '';
        return `  ${short}--${s.name}${value}`;
    });
    const width = Math.max(...left.map((l) => l.length)) + 2;
    return specs
        .map((s, i) => {
        const words = s.help.split(' ');
        const lines = [];
        let line = '';
        for (const word of words) {
            if (line && width + line.length + word.length + 1 > 100) {
                lines.push(line);
                line = word;
            }
            else
                line = line ? `${line} ${word}` : word;
        }
        lines.push(line);
        return [
            (left[i] ?? '').padEnd(width) + (lines[0] ?? ''),
            ...lines.slice(1).map((l) => ' '.repeat(width) + l),
        ].join('\n');
    })
        .join('\n');
}

;// CONCATENATED MODULE: ./src/cli/run.ts






/** Keyless Azure login, as every action spells it (src/jobs/azure-login.ts parses them). */
const AZURE_FLAGS = [
    {
        name: 'azure-client-id',
        type: 'string',
        value: 'GUID',
        help: "Keyless ACR login: the Entra app's client id (with --azure-tenant-id and an OIDC token).",
    },
    { name: 'azure-tenant-id', type: 'string', value: 'ID', help: 'The Entra tenant id.' },
    {
        name: 'azure-authority-host',
        type: 'string',
        value: 'URL',
        help: 'The Entra authority for sovereign clouds.',
    },
    {
        name: 'azure-audience',
        type: 'string',
        value: 'AUD',
        help: "The OIDC token's audience. Default api://AzureADTokenExchange.",
    },
];
/** Flags every command takes. */
const COMMON_FLAGS = [
    {
        name: 'json',
        type: 'string',
        value: 'FILE',
        help: "Write the action's `result` JSON to FILE, or to stdout with -.",
    },
    { name: 'verbose', type: 'boolean', help: 'Debug lines too (HTTP requests, retries).' },
    { name: 'help', type: 'boolean', short: 'h', help: 'This help.' },
];
const EXIT_CODES = `Exit codes:
  0  success (a mirror may have warned)
  1  a required registry failed
  2  a usage or input error (unknown flag, bad value, no plan can be made)
  3  a release was refused (an immutable tag holds another digest, or it is locked), and
     nothing else failed`;
const ENVIRONMENT = `Every flag may also be set as OCI_PUSH_<NAME> (upper case, - as _): --dry-run is
OCI_PUSH_DRY_RUN=true, --registries is OCI_PUSH_REGISTRIES. A flag on the command line wins.
Boolean flags: --dry-run sets it, --no-dry-run clears it (over the variable).`;
function commandHelp(usage, specs) {
    return `${usage}\n\nFlags:\n${formatFlags(specs)}\n\n${ENVIRONMENT}\n\n${EXIT_CODES}\n`;
}
/**
 * Runs one command: parses its flags, prints `--help`, and turns what is thrown into an exit
 * code and a message on stderr: a usage or input error 2, anything else 1. Every line goes
 * through the command's console, so no secret it was told of is printed.
 */
async function runGuarded(io, { name: command, usage, flags: specs }, args, work) {
    let out = new CliConsole(io);
    let flags;
    try {
        flags = parseFlags(specs, args, io.env);
        if (flags.boolean('help')) {
            io.stdout.write(commandHelp(usage, specs));
            return 0;
        }
        out = new CliConsole(io, flags.boolean('verbose'));
        return await work(flags, out);
    }
    catch (error) {
        out.endProgress();
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof UsageError || error instanceof InputError || error instanceof PlanError) {
            const hinted = flags ? withFlagHint(message, flags) : message;
            out.line(`oci-push ${command}: ${hinted}`);
            out.line(`Run \`oci-push ${command} --help\` for its flags.`);
            return 2;
        }
        out.line(`oci-push ${command}: ${message}`);
        return 1;
    }
}
async function readStdin(stdin) {
    const chunks = [];
    for await (const chunk of stdin) {
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}
/** `--json FILE` or `--json -`: the `result` JSON, exactly as the action's output holds it. */
async function writeJson(target, json, io, out) {
    if (target === '-') {
        out.stdout(`${json}\n`);
        return;
    }
    const path = (0,external_node_path_.resolve)(io.cwd, target);
    try {
        await (0,promises_.writeFile)(path, `${out.redact(json)}\n`);
    }
    catch (error) {
        throw new Error(`--json: ${path} can't be written: ${error.message}`, {
            cause: error,
        });
    }
}

;// CONCATENATED MODULE: ./src/cli/cleanup.ts







/** One flag per input of cleanup/action.yml, under the same name. */
const CLEANUP_FLAGS = [
    {
        name: 'registry',
        type: 'string',
        value: 'HOST',
        help: 'The ACR to clean, e.g. gsoci.azurecr.io.',
    },
    {
        name: 'repositories',
        type: 'string',
        value: 'GLOBS',
        help: 'Repositories to clean, one glob per line or comma: giantswarm/* (one segment), giantswarm/** (all below); ** for every one.',
    },
    {
        name: 'older-than',
        type: 'string',
        value: 'AGE',
        help: 'Only what was last updated longer ago: 30m, 36h, 7d, 2w.',
    },
    {
        name: 'untagged',
        type: 'boolean',
        help: 'Delete untagged manifests older than the cut-off (the default; --no-untagged turns it off).',
    },
    {
        name: 'tag-pattern',
        type: 'string',
        value: 'REGEX',
        help: 'Also delete tags this matches as a whole (never release tags), then their manifests.',
    },
    {
        name: 'keep',
        type: 'string',
        value: 'N',
        help: 'Keep the N most recent builds of those to delete, per repository.',
    },
    { name: 'dry-run', type: 'boolean', help: 'List and plan everything; delete nothing.' },
    {
        name: 'registry-sku',
        type: 'string',
        value: 'basic|standard|premium',
        help: "The registry's tier, whose per-minute ReadOps and WriteOps the cleanup keeps under (default basic).",
    },
    ...AZURE_FLAGS,
    ...COMMON_FLAGS,
];
const USAGE = `Usage: oci-push cleanup --registry HOST --repositories GLOBS --older-than AGE [flags]

Deletes old dev builds from an Azure Container Registry, as the cleanup action does: never a
locked manifest or tag, a manifest of a kept index, a referrer of a kept manifest, anything
newer than the cut-off, or anything in a repository it could not list completely. Logs in
keyless with an OIDC token (GitHub Actions, CIRCLE_OIDC_TOKEN_V2 or OCI_PUSH_ID_TOKEN).`;
const CLEANUP = { name: 'cleanup', usage: USAGE, flags: CLEANUP_FLAGS };
/** `oci-push cleanup`: the cleanup action's job, its summary on stderr. */
function cleanupCommand(args, io) {
    return runGuarded(io, CLEANUP, args, async (flags, out) => {
        const inputs = parseCleanupInputs(flags.input);
        for (const warning of inputs.warnings)
            out.logger.warning(warning);
        const report = await runCleanup(inputs, {
            getIdToken: (audience) => cliIdToken(io.env, audience),
            send: createRegistryTransport({ userAgent: USER_AGENT, log: out.logger.info }),
            onSecret: out.secret,
            log: out.logger.info,
            now: () => new Date(),
            sleep: DEFAULT_RETRY_POLICY.sleep,
        });
        const summary = summarize(report);
        out.line('');
        out.line(summary.summary);
        const json = flags.string('json');
        if (json)
            await writeJson(json, summary.outputs.result, io, out);
        if (summary.failure) {
            out.line(`error: ${summary.failure}`);
            return 1;
        }
        return 0;
    });
}

;// CONCATENATED MODULE: ./src/cli/facts.ts


/**
 * What the CLI knows about the build, from the CI's variables where there are some, else
 * from the git checkout in `cwd`:
 * - GitHub Actions: `GITHUB_REF`, `GITHUB_SHA`;
 * - CircleCI: `CIRCLE_TAG` (a tag build), else `CIRCLE_BRANCH`; `CIRCLE_SHA1`; and
 *   `CIRCLE_PR_NUMBER`, which CircleCI sets only for pull requests from forks;
 * - otherwise git: a release tag `<tag-prefix>vX.Y.Z` at HEAD, else the branch.
 * The commit comes from git when the CI doesn't say.
 */
async function detectFacts(env, cwd, tagPrefix) {
    const sha = async (fromCi) => fromCi || (await headSha(cwd)) || '';
    if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_REF) {
        return {
            ref: env.GITHUB_REF,
            sha: await sha(env.GITHUB_SHA),
            fromFork: false,
            workspace: cwd,
            origin: `GitHub Actions: ${env.GITHUB_REF} (GITHUB_REF)`,
        };
    }
    if (env.CIRCLECI === 'true' || env.CIRCLE_SHA1) {
        const ref = env.CIRCLE_TAG
            ? `refs/tags/${env.CIRCLE_TAG}`
            : env.CIRCLE_BRANCH
                ? `refs/heads/${env.CIRCLE_BRANCH}`
                : '';
        const fromFork = Boolean(env.CIRCLE_PR_NUMBER);
        return {
            ref,
            sha: await sha(env.CIRCLE_SHA1),
            fromFork,
            workspace: cwd,
            origin: `CircleCI: ${ref || 'no tag or branch'} (${env.CIRCLE_TAG ? 'CIRCLE_TAG' : 'CIRCLE_BRANCH'})` +
                (fromFork ? `, pull request #${env.CIRCLE_PR_NUMBER ?? ''} from a fork` : ''),
        };
    }
    const tag = releaseTagAtHead(await tagsAtHead(cwd), tagPrefix);
    const branch = tag === undefined ? await currentBranch(cwd) : undefined;
    const ref = tag ? `refs/tags/${tag}` : branch ? `refs/heads/${branch}` : '';
    return {
        ref,
        sha: await sha(undefined),
        fromFork: false,
        workspace: cwd,
        origin: tag
            ? `git: the tag ${tag} is at HEAD`
            : branch
                ? `git: the branch ${branch}, with no release tag at HEAD`
                : `git: no branch or release tag at HEAD in ${cwd}`,
    };
}
/**
 * Of the tags at HEAD, the release: a `<prefix>vX.Y.Z` tag, the highest first. A tag that only
 * looks like one (`v1.2`) is returned when there is no real one, so the planner can say why
 * it isn't a release rather than quietly making a dev build.
 */
function releaseTagAtHead(tags, prefix) {
    const looksLike = tags.filter((t) => t.startsWith(`${prefix}v`) && /^\d/.test(t.slice(prefix.length + 1)));
    return looksLike.find((t) => (0,oci_version/* isStrictSemver */.i)(t.slice(prefix.length + 1))) ?? looksLike[0];
}
/**
 * The default `repository` where the action's (`giantswarm/<GitHub repository name>`) can't
 * be had: CircleCI's project name, else the name in the git checkout's `origin` URL.
 * Undefined on GitHub (the shared parser reads `GITHUB_REPOSITORY`) or when nothing says.
 */
async function defaultRepositoryName(env, cwd) {
    if (env.GITHUB_REPOSITORY)
        return undefined;
    const name = env.CIRCLE_PROJECT_REPONAME || (await originRepositoryName(cwd));
    return name ? `giantswarm/${name.toLowerCase()}` : undefined;
}

;// CONCATENATED MODULE: ./src/cli/push.ts












/** One flag per input of action.yml, under the same name, and the CLI's own. */
const PUSH_FLAGS = [
    {
        name: 'image',
        type: 'string',
        value: 'SOURCE',
        help: 'The image, as skopeo names it: oci:DIR, oci-archive:FILE, docker-archive:FILE, docker-daemon:NAME:TAG or docker://HOST/REPO:TAG.',
    },
    {
        name: 'chart',
        type: 'string',
        value: 'PATH',
        help: 'A Helm chart directory (packaged with helm) or packaged .tgz, pushed with the same version.',
    },
    {
        name: 'repository',
        type: 'string',
        value: 'PATH',
        help: 'Target repository, without host. Default giantswarm/<name>, the name from CIRCLE_PROJECT_REPONAME, GITHUB_REPOSITORY or the origin remote.',
    },
    {
        name: 'registries',
        type: 'string',
        value: 'LINES',
        help: 'Registries, one "HOST [dev] [public|private] [insecure] [acr]" per line or comma. Default "gsoci.azurecr.io dev, giantswarm.azurecr.io".',
    },
    {
        name: 'registry',
        type: 'string',
        input: 'registries',
        multiple: true,
        value: 'LINE',
        help: 'One registry line; repeatable. Adds to --registries.',
    },
    {
        name: 'mirrors',
        type: 'string',
        value: 'LINES',
        help: 'Mirrors, same format: releases only; a failure warns and exits 0.',
    },
    {
        name: 'mirror',
        type: 'string',
        input: 'mirrors',
        multiple: true,
        value: 'LINE',
        help: 'One mirror line; repeatable.',
    },
    {
        name: 'build',
        type: 'string',
        value: 'auto|dev|release',
        help: 'auto (default): a release when the ref is the tag <tag-prefix>vX.Y.Z, else a dev build.',
    },
    {
        name: 'version',
        type: 'string',
        value: 'SEMVER',
        help: "Overrides the version derived from git. (`oci-push --version`, before the command, prints the CLI's own.)",
    },
    {
        name: 'tag-prefix',
        type: 'string',
        value: 'PREFIX',
        help: 'Monorepo tag prefix: with foo/, the tag foo/v1.2.3 is release 1.2.3.',
    },
    {
        name: 'tags',
        type: 'string',
        value: 'LIST',
        help: 'Extra release tags, e.g. latest; per line or comma.',
    },
    {
        name: 'tag',
        type: 'string',
        input: 'tags',
        multiple: true,
        value: 'TAG',
        help: 'One extra release tag; repeatable.',
    },
    {
        name: 'overwrite',
        type: 'boolean',
        help: "Let the version's tag move to another digest (never a locked one).",
    },
    {
        name: 'referrers',
        type: 'string',
        value: 'true|false|TYPES',
        help: "Copy the image's referrers (signatures, SBOMs, provenance): true (default), false, or artifactTypes, comma-separated.",
    },
    {
        name: 'sign',
        type: 'string',
        value: 'auto|true|false',
        help: 'Keyless Sigstore signing (cosign bundle format): auto (default) signs releases of public repositories, true every build. Token: SIGSTORE_ID_TOKEN, or GitHub Actions OIDC.',
    },
    { name: 'fulcio-url', type: 'string', value: 'URL', help: 'Fulcio of a private Sigstore.' },
    {
        name: 'rekor-url',
        type: 'string',
        value: 'URL|none',
        help: 'Rekor of a private Sigstore, or none.',
    },
    {
        name: 'tsa-url',
        type: 'string',
        value: 'URL|none',
        help: 'Timestamp authority of a private Sigstore, or none.',
    },
    {
        name: 'certificate-identity',
        type: 'string',
        value: 'ID',
        help: 'The signer identity verifiers should expect (default: from GitHub or CircleCI).',
    },
    {
        name: 'certificate-oidc-issuer',
        type: 'string',
        value: 'URL',
        help: 'The OIDC issuer verifiers should expect (default: from GitHub or CircleCI).',
    },
    {
        name: 'trusted-root',
        type: 'string',
        value: 'FILE',
        help: "A private Sigstore's trusted_root.json (default: public-good's, through TUF).",
    },
    {
        name: 'visibility',
        type: 'string',
        value: 'public|private',
        help: "The source repository's visibility; without it, private (a private repository never reaches a public registry).",
    },
    {
        name: 'dry-run',
        type: 'boolean',
        help: 'Read the registries and show the plan; write nothing.',
    },
    {
        name: 'chart-repository',
        type: 'string',
        value: 'PATH',
        help: "The namespace for charts; the chart's name is appended. Default charts/giantswarm.",
    },
    { name: 'mirror-charts', type: 'boolean', help: 'Push chart releases to the mirrors too.' },
    {
        name: 'lock',
        type: 'boolean',
        help: 'On ACR, lock each release once pushed (needs keyless login).',
    },
    {
        name: 'dev-untag',
        type: 'boolean',
        help: 'On ACR, leave dev builds untagged for retention (needs keyless login).',
    },
    ...AZURE_FLAGS,
    {
        name: 'username',
        type: 'string',
        value: 'USER',
        help: 'With --password-stdin: the username for --login-registry.',
    },
    {
        name: 'password-stdin',
        type: 'boolean',
        help: 'Read the password (or token) for --login-registry from stdin, as docker login does.',
    },
    {
        name: 'login-registry',
        type: 'string',
        value: 'HOST',
        help: 'The registry --password-stdin logs in to. Default: the only registry, when there is one.',
    },
    ...COMMON_FLAGS,
];
const push_USAGE = `Usage: oci-push push --image SOURCE [--chart PATH] [flags]

Pushes a dev build by digest, or a release (the git tag <tag-prefix>vX.Y.Z at HEAD, or
CIRCLE_TAG, or GITHUB_REF) tagged and immutable, to every registry at once.

Credentials, in this order: OCI_PUSH_CREDENTIALS ("HOST=USER:PASSWORD" per line), then
--username with --password-stdin, then the docker config ($DOCKER_CONFIG or ~/.docker:
credHelpers, credsStore, auths), then keyless ACR login. Never a password flag.`;
const PUSH = { name: 'push', usage: push_USAGE, flags: PUSH_FLAGS };
/** `oci-push push`: the action's push job, with flags for inputs and stderr for the summary. */
function pushCommand(args, io) {
    return runGuarded(io, PUSH, args, async (flags, out) => {
        try {
            return await push(flags, io, out);
        }
        catch (error) {
            // A push that stopped early still leaves the action's `result`: what failed, nothing pushed.
            const json = flags.string('json');
            if (json)
                await writeJson(json, failureReport(error).outputs.result ?? '[]', io, out);
            throw error;
        }
    });
}
async function push(flags, io, out) {
    const defaultRepository = await defaultRepositoryName(io.env, io.cwd);
    const get = (name) => flags.input(name) || (name === 'repository' && defaultRepository) || '';
    const inputs = parsePushInputs(get, io.env, out.secret);
    await addStdinLogin(inputs, flags, io, out);
    const facts = await detectFacts(io.env, io.cwd, inputs.tagPrefix);
    out.line(`Build facts from ${facts.origin}.`);
    const { report } = await runPush(inputs, facts, {
        env: io.env,
        log: out.logger,
        onSecret: out.secret,
        phase: (_name, work) => work(),
        visibility: (requested) => Promise.resolve(cliVisibility(requested)),
        getIdToken: (audience) => cliIdToken(io.env, audience),
        runHelm: (args) => runHelm(args, io.env),
        tempDir: io.env.TMPDIR || (0,external_node_os_.tmpdir)(),
        hooks: {
            onProgress: ({ target, bytes, totalBytes }) => out.progress(`${target.client.host}/${target.repository}`, () => `${target.client.host}/${target.repository}: ${formatBytes(bytes)} of ` +
                `${formatBytes(totalBytes)} uploaded`),
        },
    });
    out.endProgress();
    for (const a of report.annotations)
        out.line(`${a.level}: ${a.title}: ${a.message}`);
    const rows = JSON.parse(report.outputs.result ?? '[]');
    const { build, version, digest, 'chart-digest': chartDigest } = report.outputs;
    out.line('');
    out.line(`oci-push: ${build === 'release' ? 'release' : 'dev build'} ${version ?? ''}` +
        (digest ? `, image ${digest}` : '') +
        (chartDigest ? `, chart ${chartDigest}` : '') +
        (inputs.dryRun ? ' (dry run: nothing was written)' : ''));
    out.line(resultsTable(rows));
    const json = flags.string('json');
    if (json)
        await writeJson(json, report.outputs.result ?? '[]', io, out);
    const code = exitCodeOf(rows);
    if (code === 1)
        out.line(`error: ${report.failure ?? 'a registry failed'}`);
    if (code === 3) {
        out.line('error: the release was refused: a release tag is immutable, and it already holds ' +
            'another digest (or is locked). Push a new version, or --overwrite on purpose (exit 3).');
    }
    return code;
}
/**
 * 0: every registry is fine (a mirror may have warned). 3: a registry refused the release
 * (an immutable tag holds another digest, or is locked) and nothing else failed. 1: a
 * registry failed. A fork's skipped registries are not failures, as in the action.
 */
function exitCodeOf(rows) {
    const main = rows.filter((r) => r.role === 'registry');
    if (main.some((r) => r.status === 'failed' || r.acr?.lockError))
        return 1;
    if (main.some((r) => r.status === 'refused'))
        return 3;
    return 0;
}
const push_STATUS_TEXT = {
    pushed: 'pushed',
    unchanged: 'already there',
    'would-push': 'would push',
    refused: 'REFUSED',
    failed: 'FAILED',
    skipped: 'skipped',
};
function resultsTable(rows) {
    return formatTable(['registry', 'status', 'blobs up/mount/skip', 'uploaded', 'time', 'references'], rows.map((r) => {
        const where = `${r.registry}${r.repository ? `/${r.repository}` : ''}`;
        const role = r.role === 'mirror' ? ' (mirror)' : '';
        let status = push_STATUS_TEXT[r.status] ?? r.status;
        if (r.role === 'mirror' && (r.status === 'failed' || r.status === 'refused')) {
            status += ', not blocking';
        }
        if (r.status === 'skipped')
            return [where + role, status, '-', '-', '-', r.reason ?? ''];
        return [
            where + role,
            status,
            r.blobs ? `${r.blobs.uploaded}/${r.blobs.mounted}/${r.blobs.skipped}` : '-',
            formatBytes(r.bytes ?? 0),
            `${(r.seconds ?? 0).toFixed(1)} s`,
            r.refs?.length ? r.refs.join('\n') : '-',
        ];
    }));
}
/**
 * Without --visibility the CLI can't ask GitHub, so it fails closed: private. The plan's
 * visibility line carries this text, so it says how to change it.
 */
function cliVisibility(requested) {
    if (requested !== 'auto')
        return { visibility: requested, source: 'as set by --visibility' };
    return {
        visibility: 'private',
        source: 'not given, so treated as private (public registries are skipped); set --visibility ' +
            'public (or OCI_PUSH_VISIBILITY=public) for a public repository',
    };
}
/** `--username U --password-stdin [--login-registry HOST]`, as `docker login` takes them. */
async function addStdinLogin(inputs, flags, io, out) {
    const username = flags.string('username');
    const loginRegistry = flags.string('login-registry');
    if (!flags.boolean('password-stdin')) {
        if (username || loginRegistry) {
            throw new UsageError(`--${username ? 'username' : 'login-registry'} needs --password-stdin: passwords are ` +
                'read from stdin, never from a flag (ps would show it)');
        }
        return;
    }
    if (!username)
        throw new UsageError('--password-stdin needs --username');
    const hosts = [...inputs.registries, ...inputs.mirrors].map((l) => l.host);
    const sourceHost = inputs.image?.transport === 'docker' ? inputs.image.host : undefined;
    let host;
    if (loginRegistry) {
        host = parseHost(loginRegistry, '--login-registry');
        if (!hosts.includes(host) && host !== sourceHost) {
            throw new UsageError(`--login-registry ${host} is not one of the registries or mirrors (${hosts.join(', ')}) ` +
                "nor the image's registry");
        }
    }
    else if (hosts.length === 1 && !sourceHost) {
        host = hosts[0];
    }
    else {
        throw new UsageError(`--password-stdin: say which registry it is for with --login-registry (one of ${hosts.join(', ')})`);
    }
    if (host === sourceHost)
        host = apiHost(host);
    if (inputs.credentials.has(host)) {
        throw new UsageError(`--password-stdin: ${host} already has a credential in OCI_PUSH_CREDENTIALS; give one`);
    }
    // As docker login: the trailing newline of `echo $TOKEN |` is not part of the password.
    const password = (await readStdin(io.stdin)).replace(/[\r\n]+$/, '');
    if (!password)
        throw new InputError('--password-stdin: stdin was empty; pipe the password in');
    out.secret(password);
    inputs.credentials.set(host, { username, password });
}
function runHelm(args, env) {
    return new Promise((resolve, reject) => {
        const options = { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 };
        (0,external_node_child_process_.execFile)('helm', args, options, (error, stdout, stderr) => {
            if (error && typeof error.code !== 'number')
                reject(error);
            else
                resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
        });
    });
}

;// CONCATENATED MODULE: ./src/cli/sync.ts



/** One flag per input of sync/action.yml, under the same name. */
const SYNC_FLAGS = [
    {
        name: 'config',
        type: 'string',
        value: 'FILE|YAML',
        help: 'The sync config: a file (relative to the current directory) or the YAML itself; schema: sync/schema.json.',
    },
    {
        name: 'shard',
        type: 'string',
        value: 'I/N',
        help: "Copy only this runner's share of the plan, split by source repository.",
    },
    { name: 'dry-run', type: 'boolean', help: 'List, filter and compare; write nothing.' },
    ...AZURE_FLAGS,
    ...COMMON_FLAGS,
];
const sync_USAGE = `Usage: oci-push sync --config FILE [--shard I/N] [--dry-run] [--json FILE|-]

Copies the images the config names into its targets (see the README, "Sync"). Credentials as
for push: OCI_PUSH_CREDENTIALS, then the docker config (credential helpers, auths).
Exit code 3 here means drift was refused (a target tag holds another digest) and nothing
else failed.`;
const SYNC = { name: 'sync', usage: sync_USAGE, flags: SYNC_FLAGS };
/** `oci-push sync`: the sync action's job, with the CLI's flags, console and exit codes. */
function syncCommand(args, io) {
    return runGuarded(io, SYNC, args, async (flags, out) => {
        const inputs = await parseSyncInputs(flags.input, io.cwd, out.secret);
        const { report, verdict } = await runSync(inputs, {
            env: io.env,
            log: out.logger,
            onSecret: out.secret,
            phase: async (name, work) => {
                out.line(`== ${name}`);
                return work();
            },
            getIdToken: (audience) => cliIdToken(io.env, audience),
        });
        out.line('');
        out.line(report.summary);
        const json = flags.string('json');
        if (json)
            await writeJson(json, report.outputs.result ?? '[]', io, out);
        if (report.failure)
            out.line(`error: ${report.failure}`);
        return verdict;
    });
}

;// CONCATENATED MODULE: ./src/cli/index.ts







const COMMANDS = {
    push: {
        spec: PUSH,
        summary: 'Push an image and/or a Helm chart: dev builds by digest, releases tagged',
        run: pushCommand,
    },
    cleanup: {
        spec: CLEANUP,
        summary: 'Delete old dev builds from an Azure Container Registry',
        run: cleanupCommand,
    },
    sync: {
        spec: SYNC,
        summary: 'Copy the images a sync config names into its targets: filters, drift, shards',
        run: syncCommand,
    },
};
/** Variables the CLI reads that are not a flag's. */
const OTHER_VARIABLES = ['OCI_PUSH_CREDENTIALS', 'OCI_PUSH_ID_TOKEN'];
function topHelp() {
    const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
    const commands = Object.entries(COMMANDS)
        .map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`)
        .join('\n');
    return `oci-push ${VERSION}: publish container images and Helm charts to OCI registries

Usage: oci-push COMMAND [flags]
       oci-push --version | --help

Commands:
${commands}

Run \`oci-push COMMAND --help\` for a command's flags.

${ENVIRONMENT}

${EXIT_CODES}
`;
}
/**
 * The CLI: `oci-push push|cleanup|sync [flags]`, `--help`, `--version`. Returns the exit code and
 * never exits the process, so tests run it in place. `--version` before the command prints
 * the CLI's version; after `push` it is the push's `version` input.
 */
async function runCli(argv, io) {
    const [first, ...rest] = argv;
    if (first === '--help' || first === '-h' || first === 'help') {
        io.stdout.write(topHelp());
        return 0;
    }
    if (first === '--version' || first === '-V') {
        io.stdout.write(`${VERSION}\n`);
        return 0;
    }
    const command = first === undefined ? undefined : COMMANDS[first];
    if (!command) {
        const out = new CliConsole(io);
        out.line(first === undefined
            ? 'oci-push: no command given'
            : `oci-push: "${first}" is not a command (${Object.keys(COMMANDS).join(', ')})`);
        out.line('Run `oci-push --help` for the commands.');
        return 2;
    }
    warnUnknownVariables(io);
    return command.run(rest, io);
}
/** A misspelt `OCI_PUSH_*` variable would be ignored in silence; say so instead. */
function warnUnknownVariables(io) {
    const known = new Set([
        ...OTHER_VARIABLES,
        ...Object.values(COMMANDS).flatMap((c) => c.spec.flags.map((f) => envName(f.name))),
    ]);
    const out = new CliConsole(io);
    for (const name of Object.keys(io.env).sort()) {
        if (name.startsWith('OCI_PUSH_') && !known.has(name)) {
            out.logger.warning(`${name} is not a variable oci-push reads; it is ignored`);
        }
    }
}

;// CONCATENATED MODULE: ./src/bundle.ts
/**
 * The one bundle every entry point runs (dist/lib/index.js). Each entry is an explicit file
 * that imports this and calls its own function, so the actions and the CLI share one copy
 * of every chunk (the Azure SDKs among them). Importing this runs nothing.
 */





var __webpack_exports__runCleanupAction = __webpack_exports__.wx;
var __webpack_exports__runCli = __webpack_exports__.ak;
var __webpack_exports__runPushAction = __webpack_exports__.Yz;
var __webpack_exports__runSyncAction = __webpack_exports__.Jb;
export { __webpack_exports__runCleanupAction as runCleanupAction, __webpack_exports__runCli as runCli, __webpack_exports__runPushAction as runPushAction, __webpack_exports__runSyncAction as runSyncAction };

//# sourceMappingURL=index.js.map