/**
 * A small, table-driven shape check for parsed JSON: the expected shape is data (`Shape`), one
 * function walks value and shape together and collects every problem with its JSON path
 * (`notices[3].when[0].regions`). No code generation, so it runs where `eval` is forbidden.
 */
import { didYouMean } from '../util/suggest';

export type Shape =
  | { type: 'string'; minLength?: number; pattern?: RegExp; /** Said when the pattern fails. */ expected?: string }
  | { type: 'integer'; minimum?: number }
  | { type: 'enum'; values: readonly (string | number)[] }
  | { type: 'array'; items: Shape }
  | { type: 'object'; required: Readonly<Record<string, Shape>>; optional?: Readonly<Record<string, Shape>> }
  /** An object used as a map: any key matching `keys`, each value of one shape. */
  | { type: 'map'; keys: RegExp; expectedKey: string; values: Shape }
  | { type: 'nullable'; shape: Shape };

export type PathSegment = string | number;

export interface ShapeProblem {
  path: readonly PathSegment[];
  message: string;
}

/** Keys that could reach an object's prototype; refused in maps as the YAML loader refuses them. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** `notices[3].when[0].regions`, `messages["pt-br"]`; the root is `(root)`. */
export function formatJsonPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(root)' : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** Each object shape's keys, required and optional together, worked out once. */
const knownKeys = new WeakMap<Shape, Readonly<Record<string, Shape>>>();

function keysOf(shape: Extract<Shape, { type: 'object' }>): Readonly<Record<string, Shape>> {
  let known = knownKeys.get(shape);
  if (known === undefined) {
    known = { ...shape.optional, ...shape.required };
    knownKeys.set(shape, known);
  }
  return known;
}

/**
 * Checks `value` against `shape`, adding a problem for each mismatch, and stops adding once
 * `problems` holds `limit` (a truncated or garbled file would otherwise list thousands).
 */
export function checkShape(value: unknown, shape: Shape, problems: ShapeProblem[], limit = 50): void {
  new ShapeWalk(problems, limit).check(value, shape);
}

/** One walk over a document: the path is one stack, copied only into a problem. */
class ShapeWalk {
  private readonly path: PathSegment[] = [];

  constructor(
    private readonly problems: ShapeProblem[],
    private readonly limit: number,
  ) {}

  private fail(message: string, key?: PathSegment): void {
    if (this.problems.length >= this.limit) return;
    this.problems.push({ path: key === undefined ? [...this.path] : [...this.path, key], message });
  }

  private child(value: unknown, shape: Shape, key: PathSegment): void {
    this.path.push(key);
    this.check(value, shape);
    this.path.pop();
  }

  check(value: unknown, shape: Shape): void {
    if (this.problems.length >= this.limit) return;
    switch (shape.type) {
      case 'string':
        if (typeof value !== 'string') return this.fail(`expected a string, got ${kindOf(value)}`);
        if (value.length < (shape.minLength ?? 0)) return this.fail('expected a non-empty string');
        if (shape.pattern && !shape.pattern.test(value)) return this.fail(`expected ${shape.expected ?? `a string matching ${shape.pattern}`}, got ${quote(value)}`);
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) return this.fail(`expected an integer, got ${kindOf(value)}`);
        if (shape.minimum !== undefined && value < shape.minimum) return this.fail(`expected an integer of at least ${shape.minimum}, got ${value}`);
        return;
      case 'enum':
        if (!shape.values.includes(value as string | number)) return this.fail(`expected one of ${shape.values.map((v) => JSON.stringify(v)).join(', ')}, got ${kindOf(value)}`);
        return;
      case 'nullable':
        if (value !== null) this.check(value, shape.shape);
        return;
      case 'array':
        if (!Array.isArray(value)) return this.fail(`expected a list, got ${kindOf(value)}`);
        for (let index = 0; index < value.length; index++) this.child(value[index], shape.items, index);
        return;
      case 'map':
        if (!isPlainObject(value)) return this.fail(`expected an object, got ${kindOf(value)}`);
        for (const key of Object.keys(value)) {
          if (FORBIDDEN_KEYS.has(key) || !shape.keys.test(key)) this.fail(`key ${quote(key)} is not ${shape.expectedKey}`);
          else this.child(value[key], shape.values, key);
        }
        return;
      case 'object': {
        if (!isPlainObject(value)) return this.fail(`expected an object, got ${kindOf(value)}`);
        const known = keysOf(shape);
        for (const key in shape.required) {
          if (!Object.hasOwn(value, key)) this.fail(`missing "${key}"`);
        }
        for (const key of Object.keys(value)) {
          const itemShape = Object.hasOwn(known, key) ? known[key] : undefined;
          if (itemShape === undefined) this.fail(`unknown key${didYouMean(key, Object.keys(known))}`, key);
          else this.child(value[key], itemShape, key);
        }
        return;
      }
    }
  }
}
