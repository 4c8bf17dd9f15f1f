/**
 * The exhaustive region × language table that `report` shows and `diff` compares.
 *
 * A decision depends on the location only through membership in the rules' region lists, so
 * every visitor falls into one of these rows:
 * - each subdivision some rule names (`UA-43`): a visitor located there;
 * - each country some rule names, or whose subdivision some rule names (`RU`, `UA`): a visitor in
 *   that country but in no named subdivision (or with no subdivision known);
 * - "unknown location": no location could be determined;
 * - "anywhere else": a known location that no rule names (every such place decides alike).
 * Languages likewise: each language some message or `languages`/`not_languages` condition names,
 * plus "none", which stands for no Accept-Language and for any language no rule names (both get
 * the default message and match no `languages` condition).
 */
import { decide } from '../core/decide';
import type { RuleSet } from '../core/rule-set';
import type { DecidedNotice, Visitor } from '../core/types';
import { regionName } from '../rules/region-names';

export type LocationKind = 'unknown' | 'country' | 'subdivision' | 'elsewhere';

export interface LocationRow {
  /** `unknown`, `elsewhere`, a country code or a subdivision code: stable, for JSON. */
  key: string;
  kind: LocationKind;
  /** For people: `UA-43 Avtonomna Respublika Krym`, `UA Ukraine (elsewhere)`, `unknown location`. */
  label: string;
  country: string | null;
  region: string | null;
}

/** The language column for visitors whose languages no rule names, or who send none. */
export const NO_LANGUAGE = 'none';

/**
 * A country code no rule can name (ISO 3166 leaves ZZ to private use, and the loader accepts only
 * assigned codes), standing for "a known location that no rule names".
 */
const ELSEWHERE_COUNTRY = 'ZZ';

export interface TableCell {
  location: LocationRow;
  language: string;
  notices: DecidedNotice[];
}

/** Every country and subdivision some notice's `regions` or `not_regions` names, set names resolved. */
export function mentionedRegions(ruleSet: RuleSet): { countries: Set<string>; subdivisions: Set<string> } {
  const countries = new Set<string>();
  const subdivisions = new Set<string>();
  for (const notice of ruleSet.notices) {
    for (const condition of notice.conditions) {
      for (const regions of [condition.regions, condition.notRegions]) {
        regions?.countries.forEach((code) => countries.add(code));
        regions?.subdivisions.forEach((code) => subdivisions.add(code));
      }
    }
  }
  return { countries, subdivisions };
}

/** The rows for one or more rule sets (the union, so that two sets compare row by row). */
export function locationRows(ruleSets: readonly RuleSet[]): LocationRow[] {
  const countries = new Set<string>();
  const subdivisions = new Set<string>();
  for (const ruleSet of ruleSets) {
    const mentioned = mentionedRegions(ruleSet);
    mentioned.countries.forEach((code) => countries.add(code));
    mentioned.subdivisions.forEach((code) => {
      subdivisions.add(code);
      countries.add(code.slice(0, 2));
    });
  }
  const rows: LocationRow[] = [
    { key: 'unknown', kind: 'unknown', label: 'unknown location', country: null, region: null },
  ];
  for (const country of [...countries].sort()) {
    const inside = [...subdivisions].filter((code) => code.startsWith(`${country}-`)).sort();
    const label = `${country} ${regionName(country)}${inside.length > 0 ? ' (elsewhere in the country)' : ''}`;
    rows.push({ key: country, kind: 'country', label, country, region: null });
    for (const region of inside) {
      rows.push({ key: region, kind: 'subdivision', label: `${region} ${regionName(region)}`, country, region });
    }
  }
  rows.push({ key: 'elsewhere', kind: 'elsewhere', label: 'anywhere else', country: ELSEWHERE_COUNTRY, region: null });
  return rows;
}

/** Every language some message or language condition names, sorted, then `none`. */
export function tableLanguages(ruleSets: readonly RuleSet[]): string[] {
  const languages = new Set<string>();
  for (const ruleSet of ruleSets) {
    for (const notice of ruleSet.notices) {
      Object.keys(notice.messages).forEach((tag) => languages.add(tag));
      for (const condition of notice.conditions) {
        condition.languages?.forEach((tag) => languages.add(tag));
        condition.notLanguages?.forEach((tag) => languages.add(tag));
      }
    }
  }
  return [...[...languages].sort(), NO_LANGUAGE];
}

/** Where on the network a visitor is: the address and the AS number a platform would report. */
export type NetworkPosition = Pick<Visitor, 'address' | 'asn'>;

/** The visitor a table cell stands for. */
export function visitorFor(
  location: LocationRow,
  language: string,
  path: string,
  network: NetworkPosition = {},
): Visitor {
  return {
    country: location.country,
    region: location.region,
    languages: language === NO_LANGUAGE ? [] : [language],
    path,
    ...network,
  };
}

/** Decides every cell, row by row, languages in column order. */
export function decisionTable(
  ruleSet: RuleSet,
  rows: readonly LocationRow[],
  languages: readonly string[],
  at: Date,
  path = '/',
  network: NetworkPosition = {},
): TableCell[] {
  return rows.flatMap((location) =>
    languages.map((language) => ({
      location,
      language,
      notices: decide(ruleSet, visitorFor(location, language, path, network), at),
    })),
  );
}
