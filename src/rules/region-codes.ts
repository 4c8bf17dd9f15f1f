/**
 * Region codes by their shape alone, and region lists expanded into codes: what a loaded rule
 * set needs at run time, without the ISO 3166 lists (iso-codes.ts) that only checking needs.
 */

export const COUNTRY_CODE = /^[A-Z]{2}$/;
export const SUBDIVISION_CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

/** Looks like a code (upper case), as opposed to a set name (lower case). */
export function isCodeShaped(entry: string): boolean {
  return COUNTRY_CODE.test(entry) || SUBDIVISION_CODE.test(entry);
}

export function countryOfSubdivision(code: string): string {
  return code.slice(0, 2);
}

/** Codes a region set stands for once every set name in it is expanded. */
export interface ResolvedRegions {
  countries: ReadonlySet<string>;
  subdivisions: ReadonlySet<string>;
}

/** Expands a list of entries (codes and set names) with already-resolved sets. */
export function expandRegionEntries(entries: readonly string[], resolved: ReadonlyMap<string, ResolvedRegions>): ResolvedRegions {
  const countries = new Set<string>();
  const subdivisions = new Set<string>();
  for (const entry of entries) {
    if (isCodeShaped(entry)) {
      (SUBDIVISION_CODE.test(entry) ? subdivisions : countries).add(entry);
    } else {
      const set = resolved.get(entry);
      set?.countries.forEach((code) => countries.add(code));
      set?.subdivisions.forEach((code) => subdivisions.add(code));
    }
  }
  return { countries, subdivisions };
}

/** The codes of a resolved set as one sorted list: countries, then subdivisions. */
export function regionCodes(regions: ResolvedRegions): string[] {
  return [...[...regions.countries].sort(), ...[...regions.subdivisions].sort()];
}

/** Whether a visitor in `code` (a country or subdivision code) is inside `regions`. */
export function regionsContain(regions: ResolvedRegions, code: string): boolean {
  if (SUBDIVISION_CODE.test(code)) return regions.subdivisions.has(code) || regions.countries.has(countryOfSubdivision(code));
  return regions.countries.has(code);
}
