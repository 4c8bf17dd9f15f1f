/**
 * What the shape alone cannot say about a compiled rule set: the invariants the loader of the
 * YAML files guarantees and the decision relies on. Unique ids, overrides and names that point
 * somewhere, a default language among the messages, real dates, globs and prefixes that parse,
 * and links that cannot run script. Code lists are checked by shape only: the ISO 3166 tables
 * stay with the compiler, out of an edge bundle.
 */
import { parsePrefix } from '../core/prefixes';
import type { CompiledCondition, CompiledNotice, CompiledRegions, CompiledRules } from './compiled-format';
import { parseRuleDate } from './dates';
import type { PathSegment, ShapeProblem } from './json-shape';
import { hrefProblem } from './link-href';
import { globProblem } from './path-globs';
import { expandRegionEntries, isCodeShaped, type ResolvedRegions } from './region-codes';

type Report = (path: readonly PathSegment[], message: string) => void;

/** Every such problem of a document that already has the compiled shape. */
export function compiledRulesProblems(rules: CompiledRules): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const report: Report = (path, message) => void problems.push({ path, message });
  checkNetworks(rules, report);
  const firstIndex = new Map<string, number>();
  rules.notices.forEach((notice, index) => {
    const earlier = firstIndex.get(notice.id);
    if (earlier === undefined) firstIndex.set(notice.id, index);
    else report(['notices', index, 'id'], `duplicate notice id "${notice.id}" (also notices[${earlier}])`);
  });
  const namedSets = new Map(Object.entries(rules.regions).map(([name, codes]) => [name, expandRegionEntries(codes, new Map())]));
  rules.notices.forEach((notice, index) => checkNotice(notice, ['notices', index], rules, firstIndex, namedSets, report));
  return problems;
}

function checkNetworks(rules: CompiledRules, report: Report): void {
  for (const [name, entries] of Object.entries(rules.networks)) {
    entries.forEach(({ entry, prefixes }, index) => {
      const at = ['networks', name, index];
      if (!entry.startsWith('AS') && (prefixes.length !== 1 || prefixes[0] !== entry)) {
        report([...at, 'prefixes'], `a prefix entry resolves to itself alone: expected ["${entry}"]`);
      }
      prefixes.forEach((text, prefixIndex) => {
        const parsed = parsePrefix(text);
        if (!parsed.ok) report([...at, 'prefixes', prefixIndex], parsed.problem);
      });
    });
  }
}

function checkNotice(
  notice: CompiledNotice,
  at: readonly PathSegment[],
  rules: CompiledRules,
  ids: ReadonlyMap<string, number>,
  namedSets: ReadonlyMap<string, ResolvedRegions>,
  report: Report,
): void {
  notice.overrides.forEach((target, index) => {
    if (target === notice.id) report([...at, 'overrides', index], 'a notice cannot override itself');
    else if (!ids.has(target)) report([...at, 'overrides', index], `no notice has the id "${target}"`);
  });
  if (!Object.hasOwn(notice.messages, notice.default_language)) {
    report([...at, 'default_language'], `"${notice.default_language}" is not one of the messages' languages (${Object.keys(notice.messages).join(', ')})`);
  }
  for (const [tag, message] of Object.entries(notice.messages)) {
    if ((message.text === undefined) === (message.html === undefined)) report([...at, 'messages', tag], 'a message has either "text" or "html"');
    const href = message.link === undefined ? null : hrefProblem(message.link.href);
    if (href !== null) report([...at, 'messages', tag, 'link', 'href'], href);
  }
  if (notice.review_by !== undefined && parseRuleDate(notice.review_by) === null) report([...at, 'review_by'], `"${notice.review_by}" is not a real date`);
  const from = checkInstant(notice.active?.from, [...at, 'active', 'from'], report);
  const until = checkInstant(notice.active?.until, [...at, 'active', 'until'], report);
  if (from !== null && until !== null && from >= until) report([...at, 'active', 'until'], '"until" must come after "from"');
  notice.when.forEach((condition, index) => checkCondition(condition, [...at, 'when', index], rules, namedSets, report));
}

function checkInstant(text: string | undefined, at: readonly PathSegment[], report: Report): number | null {
  if (text === undefined) return null;
  const moment = parseRuleDate(text);
  if (moment === null) report(at, `"${text}" is not a real date and time`);
  return moment?.getTime() ?? null;
}

/** The codes must be what the written entries stand for, so that an explanation names what is matched. */
function checkRegionCodes(regions: CompiledRegions, at: readonly PathSegment[], namedSets: ReadonlyMap<string, ResolvedRegions>, report: Report): void {
  const expected = expandRegionEntries(regions.written, namedSets);
  for (const key of ['countries', 'subdivisions'] as const) {
    const listed = new Set(regions[key]);
    const missing = [...expected[key]].filter((code) => !listed.has(code));
    const extra = [...listed].filter((code) => !expected[key].has(code));
    const repeated = listed.size < regions[key].length;
    if (missing.length > 0 || extra.length > 0 || repeated) {
      const differences = [...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []), ...(extra.length > 0 ? [`not written: ${extra.join(', ')}`] : []), ...(repeated ? ['a code repeated'] : [])];
      report([...at, key], `not the ${key} that "written" stands for (${differences.join('; ')})`);
    }
  }
}

function checkCondition(condition: CompiledCondition, at: readonly PathSegment[], rules: CompiledRules, namedSets: ReadonlyMap<string, ResolvedRegions>, report: Report): void {
  for (const key of ['regions', 'not_regions'] as const) {
    const regions = condition[key];
    if (regions === undefined) continue;
    const unknown = regions.written.filter((entry, index) => {
      const known = isCodeShaped(entry) || Object.hasOwn(rules.regions, entry);
      if (!known) report([...at, key, 'written', index], `unknown region set "${entry}": it is not in "regions"`);
      return !known;
    });
    if (unknown.length === 0) checkRegionCodes(regions, [...at, key], namedSets, report);
  }
  for (const key of ['networks', 'not_networks'] as const) {
    condition[key]?.forEach((entry, index) => {
      if (!Object.hasOwn(rules.networks, entry)) report([...at, key, index], `unknown network "${entry}": it is not in "networks"`);
    });
  }
  for (const key of ['paths', 'not_paths'] as const) {
    condition[key]?.forEach((glob, index) => {
      const problem = globProblem(glob);
      if (problem !== null) report([...at, key, index], problem);
    });
  }
}
