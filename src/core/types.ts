import type { NetworkMatcher } from './networks';

/**
 * The data model the decision engine works on. `rules/` compiles YAML into these shapes;
 * `core/` decides on them; neither HTTP nor the terminal appears here.
 */

/** Where a notice goes in an HTML page; `none` leaves it to templates and headers. */
export type Placement = 'body-start' | 'body-end' | 'marker' | 'none';

export type NoticeStyle = 'info' | 'warning' | 'danger';

/** How a `regions` condition treats a visitor whose location could not be determined. */
export type UnknownLocationPolicy = 'match' | 'skip';

export interface NoticeLink {
  href: string;
  label: string;
}

/** One language's wording of a notice. Exactly one of `text` (plain) and `html` (trusted) is set. */
export interface NoticeMessage {
  title?: string;
  text?: string;
  html?: string;
  link?: NoticeLink;
}

/** A place in a rule file; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A compiled region list: whole countries (`RU`) and single subdivisions (`UA-43`). */
export interface RegionSet {
  /** The entries as the rule author wrote them (codes and set names), for explanations. */
  written: readonly string[];
  countries: ReadonlySet<string>;
  subdivisions: ReadonlySet<string>;
}

/**
 * A compiled list of path globs, matched against a path as sent and as a server may resolve it
 * (percent-decoded, dot segments removed, slashes collapsed, case-folded).
 */
export interface PathMatcher {
  globs: readonly string[];
  /** Some form of the path matches: what `paths` asks. */
  matchesAny(path: string): boolean;
  /** Every form of the path matches: what `not_paths` asks before it excludes. */
  matchesEvery(path: string): boolean;
}

/** One condition object of a notice's `when`: every key present must hold. */
export interface Condition {
  regions?: RegionSet;
  notRegions?: RegionSet;
  networks?: NetworkMatcher;
  notNetworks?: NetworkMatcher;
  /** Lower-case BCP 47 tags. */
  languages?: readonly string[];
  notLanguages?: readonly string[];
  paths?: PathMatcher;
  notPaths?: PathMatcher;
  unknownLocation: UnknownLocationPolicy;
  source: SourceLocation;
}

/** Half-open `[from, until)` in UTC; either end may be open. */
export interface ActiveWindow {
  from?: Date;
  until?: Date;
}

export interface Notice {
  id: string;
  description: string;
  owner: string;
  reference?: string;
  /** `YYYY-MM-DD`. */
  reviewBy?: string;
  priority: number;
  active?: ActiveWindow;
  /** Any one may hold; an empty list matches every visitor. */
  conditions: readonly Condition[];
  overrides: readonly string[];
  placement: Placement;
  style: NoticeStyle;
  /** Lower-case tag; always a key of `messages`. */
  defaultLanguage: string;
  /** Keyed by lower-case BCP 47 tag. */
  messages: Readonly<Record<string, NoticeMessage>>;
  source: SourceLocation;
}

/** A `tests:` case, as written. */
export interface RuleTestCase {
  name: string;
  visitor: {
    ip?: string;
    /** The AS number the platform reports. */
    asn?: number;
    country?: string;
    region?: string;
    accept_language?: string;
    path?: string;
    /** ISO 8601 date or date-time: when the visit happens. */
    at?: string;
  };
  expect: {
    notices: readonly string[];
    language?: string;
  };
  source: SourceLocation;
}

/** Who is asking: the input of a decision. */
export interface Visitor {
  /** ISO 3166-1 alpha-2, upper case; null when unknown. */
  country: string | null;
  /** Full ISO 3166-2 code (`UA-43`); null when unknown or not known to that precision. */
  region: string | null;
  /** Lower-case BCP 47 tags, most preferred first. */
  languages: readonly string[];
  /** URL path, starting with `/`. */
  path: string;
  /**
   * The client address (canonical text, IPv4-mapped IPv6 unwrapped), for `networks` conditions;
   * absent or null when unknown.
   */
  address?: string | null;
  /** The AS number the platform reports for the client (e.g. Cloudflare's `request.cf.asn`), for `networks` conditions. */
  asn?: number | null;
}

/** A notice that applies, in the language chosen for this visitor. JSON-serialisable. */
export interface DecidedNotice {
  id: string;
  language: string;
  title?: string;
  text?: string;
  html?: string;
  link?: NoticeLink;
  placement: Placement;
  style: NoticeStyle;
}

/** Why a notice does or does not apply to one visitor. */
export interface NoticeExplanation {
  id: string;
  applies: boolean;
  /** The message language this visitor would get, whether or not the notice applies. */
  language: string;
  /** True when none of the visitor's languages has a message, so `language` is the notice's default. */
  languageFallback: boolean;
  /** Why, one line per condition key, with the rule's own key names: for tools and `--json`. */
  reasons: string[];
  /** The same in plain sentences, regions named in words, and the language chosen: for people. */
  sentences: string[];
}
