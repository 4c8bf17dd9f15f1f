/**
 * The decision: which notices a visitor gets, in display order, each in its negotiated language.
 * Pure: the same rule set, visitor and instant always give the same answer.
 */
import { candidatesFor, type Candidate, type PreparedNotice } from './decision-index';
import { chooseMessageLanguage, messageLookupOrder } from './language';
import { candidateMatches } from './notice-match';
import { resolveOverrides } from './overrides';
import { decisionIndexOf, type RuleSet } from './rule-set';
import type { DecidedNotice, Visitor } from './types';

/** The notice's frozen decided form in the language chosen for this visitor. */
function decidedFor(prepared: PreparedNotice, lookupOrder: readonly string[]): DecidedNotice {
  const { notice } = prepared;
  const language =
    prepared.onlyLanguage ?? chooseMessageLanguage(prepared.messageKeys, notice.defaultLanguage, lookupOrder);
  return (
    prepared.decided.get(language) ??
    // Only a hand-built notice whose default language has no message gets here.
    Object.freeze({ id: notice.id, language, placement: notice.placement, style: notice.style })
  );
}

/**
 * The notices that apply to `visitor` at `now` (default: the current time), ordered by priority
 * (descending), then id. Only the candidates the rule set's index gives for the visitor's
 * location are evaluated: their active window, what the index left of their conditions (it has
 * answered the region checks for that location already), and overrides.
 *
 * The returned notices are frozen and shared between decisions (built once per rule set);
 * copy one before changing it. The array itself is new on every call.
 */
export function decide(ruleSet: RuleSet, visitor: Visitor, now: Date = new Date()): DecidedNotice[] {
  const candidates = candidatesFor(decisionIndexOf(ruleSet), visitor.country, visitor.region);
  const list = candidates.candidates;
  const nowMs = now.getTime();
  const decided: DecidedNotice[] = [];
  let lookupOrder: string[] | undefined;

  if (candidates.overrides === null) {
    for (const candidate of list) {
      if (!candidateMatches(candidate, visitor, nowMs)) continue;
      lookupOrder ??= messageLookupOrder(visitor.languages);
      decided.push(decidedFor(candidate.prepared, lookupOrder));
    }
    return decided;
  }

  const states = new Uint8Array(list.length);
  for (let index = 0; index < list.length; index += 1) {
    states[index] = candidateMatches(list[index] as Candidate, visitor, nowMs) ? 1 : 0;
  }
  resolveOverrides(candidates.overrides, states);
  for (let index = 0; index < list.length; index += 1) {
    if (states[index] !== 1) continue;
    lookupOrder ??= messageLookupOrder(visitor.languages);
    decided.push(decidedFor((list[index] as Candidate).prepared, lookupOrder));
  }
  return decided;
}

/**
 * Whether a decision for a visitor at this location may depend on their address: some notice
 * that can apply there is left with a `networks` or `not_networks` check once the location has
 * answered what it can. A response decided so cannot be keyed by a shared cache on location
 * headers (the `cache: { vary }` mode): it must stay private. Where the location alone settles every
 * notice (the shipped rule in RU or UA-43), it is false.
 */
export function decisionReadsAddress(ruleSet: RuleSet, visitor: Pick<Visitor, 'country' | 'region'>): boolean {
  return candidatesFor(decisionIndexOf(ruleSet), visitor.country, visitor.region).readsAddress;
}
