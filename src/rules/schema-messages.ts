import type { ErrorObject } from 'ajv';
import { childPointer, pointerSegments, type Anchor } from './locations';
import { closestMatch, didYouMean } from '../util/suggest';

/**
 * Turns ajv's errors into one plain sentence per mistake, aimed at someone editing YAML rather
 * than reading JSON Schema. The schema avoids `oneOf`/`anyOf` (it uses `if`/`then`/`else`), so
 * each mistake yields one error here, and `if` bookkeeping errors are dropped.
 */

export interface SchemaMessage {
  pointer: string;
  anchor: Anchor;
  message: string;
}

/** Where in the file format an object sits, from the schema location of its error. */
const PLACES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^#\/(additionalProperties|required)$/, 'at the top level of a rule file'],
  [/^#\/properties\/network_table\//, 'in "network_table"'],
  [/^#\/definitions\/notice\/properties\/active\//, 'in "active"'],
  [/^#\/definitions\/notice\//, 'in a notice'],
  [/^#\/definitions\/condition\//, 'in a "when" condition'],
  [/^#\/definitions\/message\/properties\/link\//, 'in "link"'],
  [/^#\/definitions\/message\//, 'in a message'],
  [/^#\/definitions\/testCase\/properties\/visitor\//, 'in a test\'s "visitor"'],
  [/^#\/definitions\/testCase\/properties\/expect\//, 'in a test\'s "expect"'],
  [/^#\/definitions\/testCase\//, 'in a test'],
];

const CONDITION_KEYS = new Set(['regions', 'not_regions', 'networks', 'not_networks', 'languages', 'not_languages', 'paths', 'not_paths', 'unknown_location']);
const MESSAGE_KEYS = new Set(['title', 'text', 'html', 'link']);

/** Keys that are valid one level down, where authors often forget the level. */
function misplacedKeyHint(key: string, schemaPath: string): string {
  if (!schemaPath.startsWith('#/definitions/notice/')) return '';
  if (CONDITION_KEYS.has(key)) return ` (conditions go under "when")`;
  if (MESSAGE_KEYS.has(key)) return ` (message fields go under "messages", in a language such as "en")`;
  return '';
}

/** Plain-language explanations of the schema's patterns, by definition or property name. */
const PATTERN_HINTS: Readonly<Record<string, (value: string) => string>> = {
  noticeId: (value) =>
    `is not a valid notice id: use lower-case letters, digits and hyphens, starting with a letter or digit${suggestId(value)}`,
  languageTag: (value) => `is not a language tag such as en, ru or pt-BR${suggestLanguageTag(value)}`,
  date: () => 'is not a date in the form YYYY-MM-DD',
  dateOrDateTime: () => 'is not a date (YYYY-MM-DD) or a date-time with a time zone (2024-02-20T09:00:00Z)',
  regionEntry: (value) =>
    `is neither a region code (an ISO 3166 code such as RU or UA-43) nor a region set name (lower case)${suggestUpper(value)}`,
  country: (value) => `is not a country code: use an upper-case ISO 3166-1 alpha-2 code such as UA${suggestUpper(value)}`,
  region: (value) => `is not a subdivision code: use an upper-case ISO 3166-2 code such as UA-43${suggestUpper(value)}`,
  path: () => 'is not a URL path: it must start with "/"',
  networkEntry: () => 'is neither an AS number (AS201776) nor a CIDR prefix (2.60.0.0/14, 2a02:2698::/32)',
  cidrPrefix: () => 'is not a CIDR prefix such as 2.60.0.0/14 or 2a02:2698::/32',
  networkName: (value) => `is not a network name: use lower-case letters, digits and hyphens${suggestId(value)}`,
};

/** The absolute location in the schema file of the keyword that failed, e.g. `#/definitions/notice/required`. */
export type SchemaPathOf = (error: ErrorObject) => string;

export function describeSchemaErrors(errors: readonly ErrorObject[], schemaPathOf: SchemaPathOf): SchemaMessage[] {
  // A misspelt required key shows up twice: as an unknown key and as a missing one. Report it once.
  const suggestedKeys = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const suggestion = closestMatch(String(error.params.additionalProperty), allowedKeys(error));
    if (suggestion !== undefined) suggestedKeys.add(childPointer(error.instancePath, suggestion));
  }

  const messages: SchemaMessage[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'required' && suggestedKeys.has(childPointer(error.instancePath, String(error.params.missingProperty)))) continue;
    const message = describe(error, schemaPathOf(error));
    if (!message) continue;
    const key = `${message.pointer}\n${message.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    messages.push(message);
  }
  return messages;
}

function describe(error: ErrorObject, schemaPath: string): SchemaMessage | null {
  const at = (message: string, pointer = error.instancePath, anchor: Anchor = 'value'): SchemaMessage => ({ pointer, anchor, message });
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return null; // the failing branch (then/else) reports the actual mistake
    case 'additionalProperties':
      return at(unknownKeyMessage(error, schemaPath), childPointer(error.instancePath, String(params.additionalProperty)), 'key');
    case 'required':
      return at(`missing required key "${String(params.missingProperty)}" ${placeOf(schemaPath)}`);
    case 'type':
      return at(typeMessage(error, schemaPath));
    case 'enum':
      return at(enumMessage(error));
    case 'pattern':
      return at(patternMessage(error, schemaPath));
    case 'minItems':
      return at(`${subjectOf(error.instancePath)} must not be an empty list${emptyListHint(error.instancePath)}`);
    case 'minLength':
      return at(`${subjectOf(error.instancePath)} must not be empty`);
    case 'minProperties':
      return at(`${subjectOf(error.instancePath)} needs at least one entry`);
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      const list = Array.isArray(error.data) ? (error.data as unknown[]) : [];
      return at(`${subjectOf(error.instancePath)} lists ${quote(list[later])} more than once`, childPointer(error.instancePath, later));
    }
    default:
      return at(`${subjectOf(error.instancePath)} ${error.message ?? 'is invalid'}`);
  }
}

function unknownKeyMessage(error: ErrorObject, schemaPath: string): string {
  const key = String(error.params.additionalProperty);
  if (schemaPath === '#/properties/regions/additionalProperties') {
    return `"${key}" is not a valid region set name: use lower-case letters, digits and hyphens, starting with a letter${suggestUpperOrLower(key)}`;
  }
  if (schemaPath.endsWith('/properties/messages/additionalProperties')) {
    return `"${key}" is not a language tag such as en, ru or pt-BR${suggestLanguageTag(key)}`;
  }
  const allowed = allowedKeys(error);
  const place = placeOf(schemaPath);
  const suggestion = didYouMean(key, allowed);
  if (suggestion) return `unknown key "${key}" ${place}${suggestion}`;
  const misplaced = misplacedKeyHint(key, schemaPath);
  if (misplaced) return `unknown key "${key}" ${place}${misplaced}`;
  return `unknown key "${key}" ${place}; allowed keys are ${allowed.join(', ')}`;
}

function allowedKeys(error: ErrorObject): string[] {
  const properties = error.parentSchema?.properties as Record<string, unknown> | undefined;
  return properties ? Object.keys(properties) : [];
}

function typeMessage(error: ErrorObject, schemaPath: string): string {
  const expected = String(error.params.type);
  const subject = subjectOf(error.instancePath);
  if (schemaPath === '#/definitions/condition/type' && error.instancePath.endsWith('/when')) {
    return `"when" must be a condition mapping (such as "regions: [RU]") or a list of them, not ${describeValue(error.data)}`;
  }
  let hint = '';
  if (expected === 'string' && (typeof error.data === 'number' || typeof error.data === 'boolean')) hint = '; put it in quotes';
  if (expected === 'array' && (typeof error.data === 'string' || typeof error.data === 'number')) hint = `; write [${String(error.data)}]`;
  return `${subject} must be ${TYPE_WORDS[expected] ?? expected}, not ${describeValue(error.data)}${hint}`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
};

function enumMessage(error: ErrorObject): string {
  const allowed = ((error.params.allowedValues as unknown[] | undefined) ?? []).map(String);
  const value = error.data;
  const suggestion = typeof value === 'string' ? didYouMean(value, allowed) : '';
  return `${subjectOf(error.instancePath)} must be one of ${allowed.join(', ')}, not ${quote(value)}${suggestion}`;
}

function patternMessage(error: ErrorObject, schemaPath: string): string {
  const segments = schemaPath.split('/');
  const name = segments[segments.length - 2] ?? '';
  const hint = PATTERN_HINTS[name];
  const value = String(error.data);
  if (hint) return `${quote(value)} ${hint(value)}`;
  return `${quote(value)} does not have the form ${subjectOf(error.instancePath)} needs`;
}

/** `"priority"`, `entry 2 of "regions"`, or `the file`. */
function subjectOf(instancePath: string): string {
  const segments = pointerSegments(instancePath);
  const last = segments[segments.length - 1];
  if (last === undefined) return 'the file';
  if (/^\d+$/.test(last)) {
    const parent = segments[segments.length - 2];
    return parent === undefined ? `entry ${Number(last) + 1}` : `entry ${Number(last) + 1} of "${parent}"`;
  }
  return `"${last}"`;
}

function placeOf(schemaPath: string): string {
  for (const [pattern, place] of PLACES) if (pattern.test(schemaPath)) return place;
  return 'here';
}

function emptyListHint(instancePath: string): string {
  const last = pointerSegments(instancePath).pop();
  if (last === 'when') return '; leave "when" out to show the notice to every visitor';
  if (last === 'regions') return '; an empty list matches no one: leave the key out to match every region';
  if (last === 'languages') return '; an empty list matches no one: leave the key out to match every language';
  if (last === 'paths') return '; an empty list matches no path: leave the key out to match every path';
  return '';
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return `text (${quote(value)})`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `the value ${value}`;
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(short);
}

function suggestId(value: string): string {
  const candidate = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return candidate && candidate !== value && /^[a-z0-9][a-z0-9-]*$/.test(candidate) ? ` (did you mean "${candidate}"?)` : '';
}

function suggestLanguageTag(value: string): string {
  const candidate = value.replace(/_/g, '-');
  return candidate !== value && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(candidate) ? ` (did you mean "${candidate}"?)` : '';
}

function suggestUpper(value: string): string {
  const upper = value.toUpperCase();
  return upper !== value && /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(upper) ? ` (did you mean "${upper}"?)` : '';
}

function suggestUpperOrLower(value: string): string {
  const lower = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return lower !== value && /^[a-z][a-z0-9-]*$/.test(lower) ? ` (did you mean "${lower}"?)` : '';
}
