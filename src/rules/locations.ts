/**
 * Where each value of a parsed rule file came from. Values are addressed by JSON Pointer
 * (`/notices/0/when/regions/2`), the same notation ajv uses for `instancePath`, so a schema
 * error and a semantic check can both be mapped back to a line and column.
 */

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** The positions of one value: its own start, and for a mapping entry the start of its key. */
export interface ValuePositions {
  value: Position;
  key?: Position;
}

export type LocationIndex = ReadonlyMap<string, ValuePositions>;

/** Which end of a `key: value` entry a problem is about. */
export type Anchor = 'key' | 'value';

const FILE_START: Position = { line: 1, column: 1 };

/** Escapes one segment as RFC 6901 requires (`~` → `~0`, `/` → `~1`). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function childPointer(parent: string, segment: string | number): string {
  return `${parent}/${pointerSegment(segment)}`;
}

/** Splits a pointer back into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** True when `pointer` is `ancestor` itself or lies inside it. */
export function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

/**
 * The position of a value (or of its key), falling back to the nearest ancestor that has one:
 * a problem about a missing value is reported where its container starts.
 */
export function positionOf(index: LocationIndex, pointer: string, anchor: Anchor = 'value'): Position {
  let current = pointer;
  for (;;) {
    const found = index.get(current);
    if (found) return (anchor === 'key' ? found.key : undefined) ?? found.value;
    if (current === '') return FILE_START;
    current = current.slice(0, current.lastIndexOf('/'));
  }
}
