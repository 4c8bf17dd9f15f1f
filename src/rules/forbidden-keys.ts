import type { RuleProblem } from './errors';
import { childPointer, positionOf } from './locations';
import type { ParsedRuleFile } from './parse-file';
import { FORBIDDEN_KEYS } from './yaml-to-value';

/**
 * Reports and removes `__proto__`, `constructor` and `prototype` keys wherever they appear.
 * None is meaningful in a rule file, and removing them here means no later step (ajv, the
 * compiler, a caller merging objects) ever sees a key that could reach a prototype.
 */
export function rejectForbiddenKeys(parsed: ParsedRuleFile): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const visit = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, childPointer(pointer, index)));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const keyPointer = childPointer(pointer, key);
      if (FORBIDDEN_KEYS.has(key)) {
        const position = positionOf(parsed.locations, keyPointer, 'key');
        problems.push({ file: parsed.file, ...position, message: `the key "${key}" is not allowed anywhere in a rule file` });
        delete object[key];
      } else {
        visit(object[key], keyPointer);
      }
    }
  };
  visit(parsed.value, '');
  return problems;
}
