/**
 * The compiled form of a rule set: one JSON document with everything an edge needs to decide,
 * in the rule files' own key names, and the table its loader checks it against.
 */
import type { NetworkTableInfo } from '../core/rule-set';
import type { NoticeStyle, Placement, SourceLocation, UnknownLocationPolicy } from '../core/types';
import type { Shape } from './json-shape';

export const COMPILED_FORMAT = 'geonotice-compiled-rules';
/** Raised whenever a change to the format would make an older loader misread a file. */
export const COMPILED_FORMAT_VERSION = 1;

export interface CompiledMessage {
  title?: string;
  text?: string;
  html?: string;
  link?: { href: string; label: string };
}

/** A region list: as written (codes and names of `regions`), and the codes it stands for. */
export interface CompiledRegions {
  written: string[];
  countries: string[];
  subdivisions: string[];
}

/** One condition object: every key present must hold. Networks are names of `networks`. */
export interface CompiledCondition {
  regions?: CompiledRegions;
  not_regions?: CompiledRegions;
  networks?: string[];
  not_networks?: string[];
  /** Lower-case BCP 47 tags. */
  languages?: string[];
  not_languages?: string[];
  /** Path globs, as written. */
  paths?: string[];
  not_paths?: string[];
  unknown_location: UnknownLocationPolicy;
  source: SourceLocation;
}

export interface CompiledNotice {
  id: string;
  description: string;
  owner: string;
  reference?: string;
  /** `YYYY-MM-DD`. */
  review_by?: string;
  priority: number;
  /** Half-open `[from, until)`, each an ISO 8601 instant in UTC (`2024-02-20T00:00:00.000Z`). */
  active?: { from?: string; until?: string };
  /** Any one may hold; empty matches every visitor. */
  when: CompiledCondition[];
  overrides: string[];
  placement: Placement;
  style: NoticeStyle;
  /** Lower-case; a key of `messages`. */
  default_language: string;
  /** Keyed by lower-case BCP 47 tag. */
  messages: Record<string, CompiledMessage>;
  source: SourceLocation;
}

export interface CompiledNetworkEntry {
  /** As written: `AS201776` or `2.60.0.0/14`. */
  entry: string;
  /** For an AS number: the operator's name in the network table. */
  label?: string;
  /** The prefix itself, or the AS number's prefixes in the network table. */
  prefixes: string[];
}

export interface CompiledTestCase {
  name: string;
  visitor: { ip?: string; asn?: number; country?: string; region?: string; accept_language?: string; path?: string; at?: string };
  expect: { notices: string[]; language?: string };
  source: SourceLocation;
}

/**
 * A validated rule set as one JSON document, for runtimes without a file system: what
 * `geonotice compile` writes and `compileRules` returns, and what `loadCompiledRules` reads back.
 */
export interface CompiledRules {
  format: typeof COMPILED_FORMAT;
  formatVersion: typeof COMPILED_FORMAT_VERSION;
  /** The rule set version: the one `geonotice validate` prints for the same files. */
  rulesVersion: string;
  /** The rule files it was compiled from, as given to the loader. */
  files: string[];
  /** Named region sets, built-in ones included, each resolved to country and subdivision codes. */
  regions: Record<string, string[]>;
  /** Named networks, each entry with the address prefixes it resolved to. */
  networks: Record<string, CompiledNetworkEntry[]>;
  /** Where the AS numbers' prefixes come from; null when the rules have no network table. */
  networkTable: NetworkTableInfo | null;
  /** In display order: priority descending, then id. */
  notices: CompiledNotice[];
  /** The `tests:` cases, kept so the compiled set is the whole rule set. */
  tests: CompiledTestCase[];
}

const list = (items: Shape): Shape => ({ type: 'array', items });
const text: Shape = { type: 'string', minLength: 1 };
const anyText: Shape = { type: 'string' };
const name: Shape = { type: 'string', pattern: /^[a-z][a-z0-9-]*$/, expected: 'a lower-case name' };
const noticeId: Shape = { type: 'string', pattern: /^[a-z0-9][a-z0-9-]*$/, expected: 'a notice id (lower-case letters, digits and "-")' };
const LOWER_TAG = /^[a-z]{2,8}(-[a-z0-9]{1,8})*$/;
const lowerTag: Shape = { type: 'string', pattern: LOWER_TAG, expected: 'a lower-case BCP 47 language tag such as "ru" or "pt-br"' };
const writtenTag: Shape = { type: 'string', pattern: /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, expected: 'a BCP 47 language tag' };
const REGION_CODE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
const regionCode: Shape = { type: 'string', pattern: REGION_CODE, expected: 'a country or subdivision code such as "RU" or "UA-43"' };
const regionEntry: Shape = { type: 'string', pattern: /^([A-Z]{2}(-[A-Z0-9]{1,3})?|[a-z][a-z0-9-]*)$/, expected: 'a region code or a region set name' };
const regions: Shape = {
  type: 'object',
  required: {
    written: list(regionEntry),
    countries: list({ type: 'string', pattern: /^[A-Z]{2}$/, expected: 'a country code such as "RU"' }),
    subdivisions: list({ type: 'string', pattern: /^[A-Z]{2}-[A-Z0-9]{1,3}$/, expected: 'a subdivision code such as "UA-43"' }),
  },
};
const prefix: Shape = { type: 'string', pattern: /^[0-9A-Fa-f:.]+\/[0-9]{1,3}$/, expected: 'a CIDR prefix' };
const networkEntry: Shape = { type: 'string', pattern: /^(AS[1-9][0-9]{0,9}|[0-9A-Fa-f:.]+\/[0-9]{1,3})$/, expected: 'an AS number or a CIDR prefix' };
const day: Shape = { type: 'string', pattern: /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, expected: 'a date (YYYY-MM-DD)' };
const instant: Shape = { type: 'string', pattern: /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/, expected: 'an ISO 8601 instant in UTC (2024-02-20T00:00:00.000Z)' };
const dayOrTime: Shape = {
  type: 'string',
  pattern: /^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$/,
  expected: 'a date or a date-time with a zone',
};

const source: Shape = { type: 'object', required: { file: text, line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 } } };

const condition: Shape = {
  type: 'object',
  required: { unknown_location: { type: 'enum', values: ['match', 'skip'] }, source },
  optional: {
    regions,
    not_regions: regions,
    networks: list(name),
    not_networks: list(name),
    languages: list(lowerTag),
    not_languages: list(lowerTag),
    paths: list(text),
    not_paths: list(text),
  },
};

const message: Shape = {
  type: 'object',
  required: {},
  optional: { title: text, text, html: text, link: { type: 'object', required: { href: text, label: text } } },
};

const notice: Shape = {
  type: 'object',
  required: {
    id: noticeId,
    description: text,
    owner: text,
    priority: { type: 'integer' },
    when: list(condition),
    overrides: list(noticeId),
    placement: { type: 'enum', values: ['body-start', 'body-end', 'marker', 'none'] },
    style: { type: 'enum', values: ['info', 'warning', 'danger'] },
    default_language: lowerTag,
    messages: { type: 'map', keys: LOWER_TAG, expectedKey: 'a lower-case BCP 47 language tag', values: message },
    source,
  },
  optional: { reference: text, review_by: day, active: { type: 'object', required: {}, optional: { from: instant, until: instant } } },
};

const testCase: Shape = {
  type: 'object',
  required: {
    name: text,
    visitor: {
      type: 'object',
      required: {},
      optional: {
        ip: text,
        asn: { type: 'integer', minimum: 1 },
        country: { type: 'string', pattern: /^[A-Z]{2}$/, expected: 'a country code' },
        region: { type: 'string', pattern: /^[A-Z]{2}-[A-Z0-9]{1,3}$/, expected: 'a subdivision code' },
        accept_language: anyText,
        path: { type: 'string', pattern: /^\//, expected: 'a path starting with "/"' },
        at: dayOrTime,
      },
    },
    expect: { type: 'object', required: { notices: list(noticeId) }, optional: { language: writtenTag } },
    source,
  },
};

/** The whole document, once its format and version are known to be this one. */
export const COMPILED_RULES_SHAPE: Shape = {
  type: 'object',
  required: {
    format: { type: 'enum', values: [COMPILED_FORMAT] },
    formatVersion: { type: 'enum', values: [COMPILED_FORMAT_VERSION] },
    rulesVersion: text,
    files: list(text),
    regions: { type: 'map', keys: /^[a-z][a-z0-9-]*$/, expectedKey: 'a region set name', values: list(regionCode) },
    networks: {
      type: 'map',
      keys: /^[a-z][a-z0-9-]*$/,
      expectedKey: 'a network name',
      values: list({ type: 'object', required: { entry: networkEntry, prefixes: list(prefix) }, optional: { label: anyText } }),
    },
    networkTable: { type: 'nullable', shape: { type: 'object', required: { dataset: text, date: text, attribution: anyText, file: text } } },
    notices: list(notice),
    tests: list(testCase),
  },
};
