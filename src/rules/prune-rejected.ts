import { childPointer } from './locations';

const DROP = Symbol('drop');

/** Lists whose items are independent objects: a rejected item leaves a hole, the rest stay checkable. */
const LISTS_OF_OBJECTS = /^\/notices$|^\/tests$|^\/notices\/\d+\/when$/;

/**
 * A copy of a file's data without the values the schema rejected, so the semantic checks can
 * still look at everything that is right (one mistake in a notice must not hide another) while
 * trusting the types of what is left. In lists of notices, tests or conditions a rejected item
 * becomes `undefined`, keeping the others' indices aligned with their pointers; any other list
 * with a rejected item is dropped whole.
 */
export function pruneRejected(value: unknown, rejectedPointers: readonly string[]): unknown {
  if (rejectedPointers.length === 0) return value;
  const rejected = new Set(rejectedPointers);
  const prune = (node: unknown, pointer: string): unknown => {
    if (rejected.has(pointer)) return DROP;
    if (Array.isArray(node)) {
      const items = node.map((item, index) => prune(item, childPointer(pointer, index)));
      if (!items.includes(DROP)) return items;
      return LISTS_OF_OBJECTS.test(pointer) ? items.map((item) => (item === DROP ? undefined : item)) : DROP;
    }
    if (node !== null && typeof node === 'object') {
      const kept: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        const pruned = prune(child, childPointer(pointer, key));
        if (pruned !== DROP) kept[key] = pruned;
      }
      return kept;
    }
    return node;
  };
  const result = prune(value, '');
  return result === DROP ? undefined : result;
}
