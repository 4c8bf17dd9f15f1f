import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { RuleProblem } from './errors';
import { childPointer, positionOf } from './locations';
import type { ParsedRuleFile } from './parse-file';
import { describeSchemaErrors } from './schema-messages';

/**
 * The published schema, read from disk so the loader and editors use the very same file.
 * `../../schema` resolves from both `src/rules` (under jest) and `dist/rules` (built).
 */
export const SCHEMA_PATH = path.join(__dirname, '../../schema/geonotice.schema.json');

interface CompiledSchema {
  validate: ValidateFunction;
  /** Where each subschema sits in the schema file, e.g. `#/definitions/notice`. */
  schemaPaths: WeakMap<object, string>;
}

let compiled: CompiledSchema | undefined;

function compiledSchema(): CompiledSchema {
  if (!compiled) {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    // verbose: errors carry their parent schema, which lists the keys allowed where an unknown one was found.
    const validate = new Ajv({ allErrors: true, verbose: true, strict: true }).compile(schema);
    compiled = { validate, schemaPaths: indexSubschemas(schema) };
  }
  return compiled;
}

/**
 * ajv reports `schemaPath` relative to the referenced definition for `$ref`s it compiles
 * separately, which loses where in the format an error is. Errors do carry their parent schema
 * object, so we index every subschema object by its absolute path once.
 */
function indexSubschemas(schema: Record<string, unknown>): WeakMap<object, string> {
  const paths = new WeakMap<object, string>();
  const visit = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    if (!Array.isArray(node)) paths.set(node, path);
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'examples' && key !== 'enum') visit(child, `${path}/${key}`);
    }
  };
  visit(schema, '#');
  return paths;
}

export interface SchemaCheck {
  problems: RuleProblem[];
  /** Where each error is: the data at and below these pointers is not complete. */
  errorPointers: string[];
  /** Values the schema rejected (wrong type, pattern, unknown key …), to leave out of further checks. */
  rejectedPointers: string[];
}

/** Errors about what an object lacks: its other keys are still fine. `if` only echoes its branch. */
const CONTAINER_KEYWORDS = new Set(['required', 'minProperties', 'if']);

function rejectedPointer(error: ErrorObject): string | null {
  if (error.keyword === 'additionalProperties') return childPointer(error.instancePath, String(error.params.additionalProperty));
  return CONTAINER_KEYWORDS.has(error.keyword) ? null : error.instancePath;
}

export function validateAgainstSchema(parsed: ParsedRuleFile): SchemaCheck {
  const { validate, schemaPaths } = compiledSchema();
  if (validate(parsed.value)) return { problems: [], errorPointers: [], rejectedPointers: [] };
  const errors: readonly ErrorObject[] = validate.errors ?? [];
  const absoluteSchemaPath = (error: ErrorObject): string => {
    const parent = error.parentSchema ? schemaPaths.get(error.parentSchema) : undefined;
    return parent === undefined ? error.schemaPath : `${parent}/${error.keyword}`;
  };
  const problems = describeSchemaErrors(errors, absoluteSchemaPath).map(({ pointer, anchor, message }) => ({
    file: parsed.file,
    ...positionOf(parsed.locations, pointer, anchor),
    message,
  }));
  return {
    problems,
    errorPointers: errors.map((error) => error.instancePath),
    rejectedPointers: errors.map(rejectedPointer).filter((pointer): pointer is string => pointer !== null),
  };
}
