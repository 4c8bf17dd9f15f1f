import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse, stringify } from 'yaml';
import { decide } from '../../src/core/decide';
import { loadRules } from '../../src/rules';
import { parseAcceptLanguage } from '../../src/visitor/accept-language';
import { referenceScript } from './reference-script';

type SchemaNode = Record<string, unknown> & { examples?: unknown[] };

const schema = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../schema/geonotice.schema.json'), 'utf8'),
) as SchemaNode & {
  definitions: Record<string, SchemaNode>;
};

/** Every subschema that carries `examples`, with its JSON pointer, wherever it sits in the schema. */
function nodesWithExamples(
  node: unknown,
  pointer: string,
  found: { pointer: string; node: SchemaNode }[] = [],
): typeof found {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return found;
  const object = node as SchemaNode;
  if (Array.isArray(object.examples)) found.push({ pointer, node: object });
  for (const [key, child] of Object.entries(object)) {
    if (key !== 'examples' && key !== 'enum') nodesWithExamples(child, `${pointer}/${key}`, found);
  }
  return found;
}

const withExamples = nodesWithExamples(schema, '#');
const cases = withExamples.flatMap(({ pointer, node }) =>
  (node.examples ?? []).map((example, index) => ({ pointer, index, node, example })),
);

describe('the JSON Schema examples', () => {
  // Each subschema is compiled on its own, with the schema's definitions beside it for its $refs.
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validatorFor = new Map<string, ReturnType<Ajv['compile']>>();
  const validate = (pointer: string, node: SchemaNode): ReturnType<Ajv['compile']> => {
    let validator = validatorFor.get(pointer);
    if (!validator) {
      validator = ajv.compile({ ...node, definitions: schema.definitions });
      validatorFor.set(pointer, validator);
    }
    return validator;
  };

  it('are found throughout the schema', () => {
    expect(withExamples.length).toBeGreaterThanOrEqual(referenceScript.fieldsOf(schema).length);
  });

  it.each(cases)('$pointer example $index validates against its own schema', ({ pointer, node, example }) => {
    const validator = validate(pointer, node);
    const ok = validator(example);
    expect(ajv.errorsText(validator.errors)).toBe('No errors');
    expect(ok).toBe(true);
  });

  it('can tell a wrong example from a right one', () => {
    const regions = schema.definitions.condition as { properties: { regions: SchemaNode } };
    const validator = validate('regions-negative', regions.properties.regions);
    expect(validator(['UA-43'])).toBe(true);
    expect(validator(['ua_43'])).toBe(false);
    expect(validator([])).toBe(false);
  });

  it('leave no field of the format without a description and an example', () => {
    expect(referenceScript.undocumentedFields(schema)).toEqual([]);
  });
});

describe('a rule file assembled from the examples', () => {
  const file = referenceScript.exampleRuleFile(schema);
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-examples-'));
    fs.writeFileSync(path.join(dir, 'examples.yaml'), stringify(file));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses every field of a notice but those that need a second notice or a network table', () => {
    const notice = (file.notices as Record<string, unknown>[])[0] ?? {};
    const noticeFields = Object.keys((schema.definitions.notice as { properties: object }).properties);
    expect(Object.keys(notice).sort()).toEqual(noticeFields.filter((name) => name !== 'overrides').sort());
    const conditionFields = Object.keys((schema.definitions.condition as { properties: object }).properties);
    const needTable = ['networks', 'not_networks'];
    expect(Object.keys(notice.when as object).sort()).toEqual(
      conditionFields.filter((name) => !needTable.includes(name)).sort(),
    );
  });

  it('loads with loadRules', () => {
    const ruleSet = loadRules(dir);
    expect(ruleSet.notices.map((notice) => notice.id)).toEqual(['sharing-risk-russia']);
  });

  it('passes its own test case', () => {
    const ruleSet = loadRules(dir);
    const [testCase] = file.tests as {
      visitor: Record<string, string>;
      expect: { notices: string[]; language?: string };
    }[];
    if (!testCase) throw new Error('the assembled file has no test case');
    const { visitor } = testCase;
    const decided = decide(
      ruleSet,
      {
        country: visitor.country ?? null,
        region: visitor.region ?? null,
        languages: parseAcceptLanguage(visitor.accept_language),
        path: visitor.path ?? '/',
      },
      new Date(visitor.at ?? Date.now()),
    );
    expect(decided.map((notice) => notice.id)).toEqual(testCase.expect.notices);
    for (const notice of decided) expect(notice.language).toBe(testCase.expect.language);
  });

  it('is the file docs/rules.md shows', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/rules.md'), 'utf8');
    const shown = /## A whole file[^\n]*\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(shown).toBeDefined();
    expect(parse(shown ?? '')).toEqual(file);
  });
});

describe('undocumentedFields', () => {
  it('names a field that lost its description or its examples', () => {
    const damaged = JSON.parse(JSON.stringify(schema)) as typeof schema;
    const condition = damaged.definitions.condition as { properties: Record<string, SchemaNode> };
    delete condition.properties.not_paths?.description;
    delete condition.properties.languages?.examples;
    expect(referenceScript.undocumentedFields(damaged)).toEqual([
      'notices[].when.languages: no examples',
      'notices[].when.not_paths: no description',
    ]);
  });
});
