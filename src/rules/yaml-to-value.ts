import { isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import { childPointer, type Position, type ValuePositions } from './locations';

/**
 * Turns a parsed YAML document into plain data and, in the same walk, records the position of
 * every value and key. We walk the syntax tree ourselves rather than calling `toJS()` because
 * we need positions for every JSON Pointer, duplicate keys detected in linear time (yaml's own
 * check compares every key with every other), and alias expansion under a budget we control.
 */

/**
 * How many nodes alias expansion may produce in one file. An anchor reused a few dozen times is
 * fine; a "billion laughs" document multiplies its aliases and hits this bound after
 * microseconds instead of expanding exponentially. Plays the role of yaml's `maxAliasCount`.
 */
export const MAX_ALIAS_EXPANSION_NODES = 10_000;

/** Keys that would reach an object's prototype machinery if code ever copied them naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Tags a rule author may write explicitly: the YAML core schema's own. */
const CORE_TAG = /^tag:yaml\.org,2002:(str|int|float|bool|null|map|seq)$/;

export interface ProblemAt {
  position: Position;
  message: string;
}

export interface YamlValue {
  value: unknown;
  locations: Map<string, ValuePositions>;
  problems: ProblemAt[];
}

/** Thrown inside the walk to abandon a file whose aliases expand too far. */
class AliasBudgetExceeded extends Error {}

interface WalkState {
  lineCounter: LineCounter;
  anchors: Map<string, Node>;
  /** The alias targets being expanded right now, to catch an alias inside its own anchor. */
  expanding: Set<Node>;
  expansionNodesLeft: number;
  /** Where the alias being expanded (the outermost one, when nested) is written. */
  outermostAlias: Position | null;
  locations: Map<string, ValuePositions>;
  problems: ProblemAt[];
}

export function yamlToValue(root: Node | null, lineCounter: LineCounter): YamlValue {
  const state: WalkState = {
    lineCounter,
    anchors: new Map(),
    expanding: new Set(),
    expansionNodesLeft: MAX_ALIAS_EXPANSION_NODES,
    outermostAlias: null,
    locations: new Map(),
    problems: [],
  };
  if (root === null) {
    // A file with nothing but comments is an empty rule file, not an error.
    state.locations.set('', { value: { line: 1, column: 1 } });
    return { value: {}, locations: state.locations, problems: [] };
  }
  try {
    const value = walk(root, '', state, false);
    return { value, locations: state.locations, problems: state.problems };
  } catch (error) {
    if (error instanceof AliasBudgetExceeded) return { value: undefined, locations: state.locations, problems: state.problems };
    throw error;
  }
}

function positionAt(state: WalkState, node: { range?: readonly number[] | null } | null | undefined): Position {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = state.lineCounter.linePos(offset);
  return { line, column: col };
}

function record(state: WalkState, pointer: string, value: Position, key?: Position): void {
  // Inside an alias expansion the same pointer may be reached again; the first (outermost) wins.
  const existing = state.locations.get(pointer);
  if (existing) return;
  state.locations.set(pointer, key ? { value, key } : { value });
}

function walk(node: Node, pointer: string, state: WalkState, inAlias: boolean): unknown {
  if (inAlias) {
    state.expansionNodesLeft -= 1;
    if (state.expansionNodesLeft < 0) {
      state.problems.push({
        position: state.outermostAlias ?? positionAt(state, node),
        message: `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION_NODES} values; this looks like an alias bomb, so the file was not read`,
      });
      throw new AliasBudgetExceeded();
    }
  }
  if (isAlias(node)) return walkAlias(node, pointer, state);

  record(state, pointer, positionAt(state, node));
  // An anchor may be redefined later in the file; only its first reading (outside any
  // expansion) registers it, so aliases always see the latest definition before them.
  if (!inAlias && node.anchor) state.anchors.set(node.anchor, node);
  if (node.tag && !CORE_TAG.test(node.tag)) {
    state.problems.push({ position: positionAt(state, node), message: `YAML tag "${node.tag}" is not supported in rule files` });
  }

  if (isScalar(node)) return scalarValue(node.value);
  if (isSeq(node)) {
    return node.items.map((item, index) => {
      const itemPointer = childPointer(pointer, index);
      if (isPair(item)) return walkPairs([item], itemPointer, state, inAlias);
      if (item === null || item === undefined) return null;
      return walk(item as Node, itemPointer, state, inAlias);
    });
  }
  if (isMap(node)) return walkPairs(node.items, pointer, state, inAlias);
  return null;
}

function walkAlias(node: Node & { source: string }, pointer: string, state: WalkState): unknown {
  const target = state.anchors.get(node.source);
  if (!target) {
    state.problems.push({ position: positionAt(state, node), message: `alias "*${node.source}" has no anchor "&${node.source}" before it` });
    return null;
  }
  if (state.expanding.has(target)) {
    state.problems.push({ position: positionAt(state, node), message: `alias "*${node.source}" refers to a value that contains it` });
    return null;
  }
  // The expansion's own position is where the alias is written; its insides keep the
  // anchor's positions, which is where a mistake in them would have to be fixed.
  const position = positionAt(state, node);
  record(state, pointer, position);
  if (state.expanding.size === 0) state.outermostAlias = position;
  state.expanding.add(target);
  try {
    return walk(target, pointer, state, true);
  } finally {
    state.expanding.delete(target);
  }
}

function walkPairs(pairs: readonly Pair[], pointer: string, state: WalkState, inAlias: boolean): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const seen = new Map<string, Position>();
  for (const pair of pairs) {
    const keyNode = pair.key as Node | null;
    const keyPosition = positionAt(state, keyNode ?? (pair.value as Node | null));
    if (!isScalar(keyNode)) {
      state.problems.push({ position: keyPosition, message: 'mapping keys must be plain text, not lists, mappings or aliases' });
      continue;
    }
    const key = String(keyNode.value);
    if (key === '<<') {
      state.problems.push({
        position: keyPosition,
        message: 'YAML merge keys ("<<") are not supported; write the keys out, or alias a whole value',
      });
      continue;
    }
    const firstSeen = seen.get(key);
    if (firstSeen) {
      state.problems.push({ position: keyPosition, message: `duplicate key "${key}" (first given at line ${firstSeen.line})` });
      continue;
    }
    seen.set(key, keyPosition);

    const valuePointer = childPointer(pointer, key);
    const valueNode = pair.value as Node | null;
    let value: unknown = null;
    if (valueNode && !isEmptyScalar(valueNode)) {
      value = walk(valueNode, valuePointer, state, inAlias);
      const positions = state.locations.get(valuePointer);
      if (positions && !positions.key) state.locations.set(valuePointer, { ...positions, key: keyPosition });
    } else {
      record(state, valuePointer, keyPosition, keyPosition);
    }
    // defineProperty creates an own data property even for "__proto__", so no prototype is
    // ever touched here; the forbidden-key check reports and removes such keys next.
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** `key:` with nothing after it: yaml places that empty value after the colon; we report at the key. */
function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1] && !node.anchor && !node.tag;
}

function scalarValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any other scalar (a bigint) is kept as the text it was written as
  return String(value);
}
