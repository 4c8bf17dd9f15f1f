import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { SCHEMA_PATH } from '../../src/rules';
import { fixture } from './helpers';

type Schema = Record<string, unknown>;

const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as Schema;
const definitions = schema.definitions as Record<string, Schema>;

/** Every schema object in the file with its path, descending into properties, items, branches and definitions. */
function allSubschemas(node: Schema, at = '#'): Array<[string, Schema]> {
  const found: Array<[string, Schema]> = [[at, node]];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'examples' || key === 'enum' || value === null || typeof value !== 'object') continue;
    if (['properties', 'patternProperties', 'definitions'].includes(key)) {
      for (const [name, child] of Object.entries(value as Record<string, Schema>)) found.push(...allSubschemas(child, `${at}/${key}/${name}`));
    } else if (!Array.isArray(value)) {
      found.push(...allSubschemas(value as Schema, `${at}/${key}`));
    }
  }
  return found;
}

/** The schemas of named properties (and map values): the ones a rules author writes keys for. */
function propertySchemas(): Array<[string, Schema]> {
  return allSubschemas(schema).filter(([at]) => /\/(properties|patternProperties)\/[^/]+$/.test(at));
}

describe('the published JSON Schema', () => {
  it('is the file at schema/geonotice.schema.json, draft-07, and compiles in ajv strict mode', () => {
    expect(path.relative(path.join(__dirname, '../..'), SCHEMA_PATH)).toBe(path.join('schema', 'geonotice.schema.json'));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(() => new Ajv({ strict: true, allErrors: true }).compile(schema)).not.toThrow();
  });

  it('gives every property a description and at least one example', () => {
    const properties = propertySchemas();
    expect(properties.length).toBeGreaterThan(30);
    for (const [at, property] of properties) {
      expect({ at, description: typeof property.description }).toEqual({ at, description: 'string' });
      expect({ at, examples: Array.isArray(property.examples) && property.examples.length > 0 }).toEqual({ at, examples: true });
    }
  });

  it('sets additionalProperties: false on every object', () => {
    const objects = allSubschemas(schema).filter(([, node]) => node.type === 'object');
    expect(objects.length).toBeGreaterThan(8);
    for (const [at, node] of objects) expect({ at, additionalProperties: node.additionalProperties }).toEqual({ at, additionalProperties: false });
  });

  it('types the items of every uniqueItems list, so a validator checks for repeats by hashing rather than comparing every pair', () => {
    // ajv looks only at the items schema's own "type" (not through $ref) to pick its linear check.
    const lists = allSubschemas(schema).filter(([, node]) => node.uniqueItems === true);
    expect(lists.length).toBeGreaterThan(6);
    for (const [at, node] of lists) expect({ at, itemType: (node.items as Schema).type }).toEqual({ at, itemType: 'string' });
  });

  it('has examples that validate against their own property', () => {
    const ajv = new Ajv({ strict: false });
    for (const [at, property] of propertySchemas()) {
      const validate = ajv.compile({ ...property, definitions });
      for (const example of property.examples as unknown[]) {
        expect({ at, example, valid: validate(example), errors: validate.errors ?? null }).toEqual({ at, example, valid: true, errors: null });
      }
    }
  });

  it('accepts the valid fixture files as editors would read them', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const name of ['regions.yaml', 'notices/sharing-risk.yaml', 'notices/general.yml']) {
      const data: unknown = parse(fs.readFileSync(fixture('valid', name), 'utf8'), { schema: 'core' });
      expect({ name, valid: validate(data), errors: validate.errors ?? null }).toEqual({ name, valid: true, errors: null });
    }
  });
});
