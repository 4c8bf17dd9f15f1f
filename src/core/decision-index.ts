/**
 * The decision index, built once per rule set so that a request never scans every notice.
 *
 * Every notice goes into the buckets of the locations where it could possibly apply:
 * - a condition without `regions` (or no condition at all) can apply anywhere: bucket "anywhere";
 * - a condition with `regions` can apply in each listed country and subdivision, and, with
 *   `unknown_location: match`, to a visitor whose location is unknown.
 * For each key a visitor can present (a country, a subdivision, "unknown", "elsewhere") the
 * buckets that concern it are merged once, here, into one list in display order with its override
 * plan. Every visitor of one list is in the same place as far as `regions` can tell, so the region
 * checks are answered here too (key-conditions.ts): a notice the key rules out leaves the list,
 * and a request checks what is left of the others (languages, paths, and `not_regions` where the
 * key does not answer it). A decision is then one or two Map lookups and those checks.
 *
 * Internal: not part of the public API, and kept out of a rule set's JSON.
 */
import { activeBounds, type ActiveBounds } from './active-window';
import { createNarrower, uniformCondition } from './key-conditions';
import { planOverrides, type OverridePlan } from './overrides';
import type { Condition, DecidedNotice, Notice } from './types';

/** A notice with what a decision needs precomputed. */
export interface PreparedNotice {
  readonly notice: Notice;
  /** The notice's conditions, each with every key present (undefined when absent), see below. */
  readonly conditions: readonly Condition[];
  /** Position in display order (priority descending, then id). */
  readonly rank: number;
  readonly bounds: ActiveBounds;
  readonly messageKeys: ReadonlySet<string>;
  /** The decided form of the notice in each of its message languages, frozen and shared. */
  readonly decided: ReadonlyMap<string, Readonly<DecidedNotice>>;
  /** The language when there is only one message: no negotiation needed. */
  readonly onlyLanguage: string | undefined;
}

/** A notice as the visitors of one index key see it. */
export interface Candidate {
  readonly prepared: PreparedNotice;
  /**
   * What is left of the notice's conditions for these visitors, any one of which must hold; empty
   * when it holds for all of them (as a notice without conditions does).
   */
  readonly conditions: readonly Condition[];
}

/** The notices that may apply for one index key, in display order, with their override plan. */
export interface CandidateList {
  readonly candidates: readonly Candidate[];
  readonly overrides: OverridePlan | null;
  /** Some candidate still has a `networks` or `not_networks` check left: the decision may read the address. */
  readonly readsAddress: boolean;
}

export interface DecisionIndex {
  /** Every notice of the set, in display order (for `explain`). */
  readonly all: CandidateList;
  /** A visitor in this country with no indexed subdivision: the country's and the anywhere notices. */
  readonly byCountry: ReadonlyMap<string, CandidateList>;
  /** A visitor in this subdivision: its own, its country's and the anywhere notices. */
  readonly bySubdivision: ReadonlyMap<string, CandidateList>;
  /** Only the notices listing this subdivision itself, for a visitor whose region and country disagree. */
  readonly subdivisionOnly: ReadonlyMap<string, readonly PreparedNotice[]>;
  /** A visitor whose location is unknown. */
  readonly unknown: CandidateList;
  /** A known location that no notice names: only the anywhere notices. */
  readonly elsewhere: CandidateList;
  /** Topological ranks of the override graph: a suppressor ranks before what it overrides. */
  readonly overrideRanks: ReadonlyMap<string, number>;
}

/**
 * What `decide` returns for a notice, per language. Built once and frozen: a decision hands out
 * these very objects, so copying them per request costs nothing and no caller can change what
 * the next request gets.
 */
function decidedForms(notice: Notice): Map<string, Readonly<DecidedNotice>> {
  const forms = new Map<string, Readonly<DecidedNotice>>();
  for (const [language, message] of Object.entries(notice.messages)) {
    // Built in one literal so every decided notice has the same key order in JSON.
    const decided: DecidedNotice = {
      id: notice.id,
      language,
      ...(message.title !== undefined ? { title: message.title } : {}),
      ...(message.text !== undefined ? { text: message.text } : {}),
      ...(message.html !== undefined ? { html: message.html } : {}),
      ...(message.link !== undefined ? { link: Object.freeze({ ...message.link }) } : {}),
      placement: notice.placement,
      style: notice.style,
    };
    forms.set(language, Object.freeze(decided));
  }
  return forms;
}

export function prepareNotice(notice: Notice, rank: number): PreparedNotice {
  const languages = Object.keys(notice.messages);
  return {
    notice,
    conditions: notice.conditions.map(uniformCondition),
    rank,
    bounds: activeBounds(notice.active),
    messageKeys: new Set(languages),
    decided: decidedForms(notice),
    onlyLanguage: languages.length === 1 && languages[0] === notice.defaultLanguage ? languages[0] : undefined,
  };
}

/** A notice's conditions as one key's visitors see them; null when none can hold there. */
type NarrowToKey = (conditions: readonly Condition[]) => readonly Condition[] | null;

/**
 * Merges buckets into one list in display order, each notice once. With `narrow`, each notice's
 * conditions are narrowed to what the key leaves open, and notices the key rules out are left
 * out: they cannot apply, so they suppress nothing either. Without it, conditions stay whole.
 */
export function candidateList(
  buckets: readonly (Iterable<PreparedNotice> | undefined)[],
  ranks: ReadonlyMap<string, number>,
  narrow?: NarrowToKey,
): CandidateList {
  const members = new Set<PreparedNotice>();
  for (const bucket of buckets) {
    for (const prepared of bucket ?? []) members.add(prepared);
  }
  const candidates: Candidate[] = [];
  for (const prepared of [...members].sort((a, b) => a.rank - b.rank)) {
    const conditions = narrow === undefined ? prepared.conditions : narrow(prepared.conditions);
    if (conditions !== null) candidates.push({ prepared, conditions });
  }
  const readsAddress = candidates.some((c) =>
    c.conditions.some((condition) => condition.networks !== undefined || condition.notNetworks !== undefined),
  );
  return {
    candidates,
    overrides: planOverrides(
      candidates.map((c) => c.prepared.notice),
      ranks,
    ),
    readsAddress,
  };
}

function addTo<K>(buckets: Map<K, Set<PreparedNotice>>, key: K, prepared: PreparedNotice): void {
  let bucket = buckets.get(key);
  if (bucket === undefined) buckets.set(key, (bucket = new Set()));
  bucket.add(prepared);
}

/** The country part of an ISO 3166-2 code (`UA-43` → `UA`). */
export function countryOfSubdivision(code: string): string {
  const hyphen = code.indexOf('-');
  return hyphen === -1 ? code : code.slice(0, hyphen);
}

/** Builds the index; `ordered` is already in display order. */
export function buildDecisionIndex(ordered: readonly Notice[], ranks: ReadonlyMap<string, number>): DecisionIndex {
  const prepared = ordered.map(prepareNotice);
  const anywhere = new Set<PreparedNotice>();
  const matchesUnknown = new Set<PreparedNotice>();
  const countries = new Map<string, Set<PreparedNotice>>();
  const subdivisions = new Map<string, Set<PreparedNotice>>();

  for (const entry of prepared) {
    const { conditions } = entry.notice;
    if (conditions.length === 0) anywhere.add(entry);
    for (const condition of conditions) {
      const { regions } = condition;
      if (regions === undefined) {
        anywhere.add(entry);
        continue;
      }
      for (const country of regions.countries) addTo(countries, country, entry);
      for (const subdivision of regions.subdivisions) addTo(subdivisions, subdivision, entry);
      if (condition.unknownLocation === 'match') matchesUnknown.add(entry);
    }
  }

  // at(location) narrows a notice's conditions to what that key's location leaves open.
  const at = createNarrower();
  const byCountry = new Map<string, CandidateList>();
  for (const [country, bucket] of countries) {
    byCountry.set(country, candidateList([bucket, anywhere], ranks, at({ kind: 'country', country })));
  }
  const bySubdivision = new Map<string, CandidateList>();
  const subdivisionOnly = new Map<string, readonly PreparedNotice[]>();
  for (const [subdivision, bucket] of subdivisions) {
    const country = countryOfSubdivision(subdivision);
    bySubdivision.set(
      subdivision,
      candidateList(
        [bucket, countries.get(country), anywhere],
        ranks,
        at({ kind: 'subdivision', country, subdivision }),
      ),
    );
    subdivisionOnly.set(subdivision, [...bucket]);
  }

  return {
    all: candidateList([prepared], ranks),
    byCountry,
    bySubdivision,
    subdivisionOnly,
    unknown: candidateList([matchesUnknown, anywhere], ranks, at({ kind: 'unknown' })),
    elsewhere: candidateList([anywhere], ranks, at({ kind: 'elsewhere' })),
    overrideRanks: ranks,
  };
}

/**
 * The candidates for one visitor: one Map lookup for the usual visitor (two when the subdivision
 * is not indexed). A region whose country part differs from `country` (hand-made input, e.g. a
 * preview of `country=RU;region=UA-43`) is rare; its list is merged on the spot, with every
 * condition whole, since no key's answers fit that visitor. A notice the country's list left out
 * can then apply only through a condition listing the region, so it is in the region's own bucket.
 */
export function candidatesFor(index: DecisionIndex, country: string | null, region: string | null): CandidateList {
  if (country === null) return index.unknown;
  if (region !== null) {
    // The region's country part is what countryOfSubdivision gives, as the lists were built with.
    const consistent = region.indexOf('-') === country.length && region.startsWith(country);
    if (consistent) {
      const list = index.bySubdivision.get(region);
      if (list !== undefined) return list;
    } else {
      const own = index.subdivisionOnly.get(region);
      if (own !== undefined) {
        const countryList = index.byCountry.get(country) ?? index.elsewhere;
        return candidateList([own, countryList.candidates.map((c) => c.prepared)], index.overrideRanks);
      }
    }
  }
  return index.byCountry.get(country) ?? index.elsewhere;
}
