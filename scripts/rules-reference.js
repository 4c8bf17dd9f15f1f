// Generates the rule-file reference in docs/rules.md from schema/geonotice.schema.json, so the
// documentation can never drift from the schema that the loader and editors use.
//
//   node scripts/rules-reference.js            rewrite docs/rules.md between the markers
//   node scripts/rules-reference.js --check    exit 1 when it is out of date (npm test runs this)
//   options: --doc FILE, --schema FILE         (default: the project's own)
//
// Exit codes: 0 done or up to date, 1 out of date, 2 usage error (unknown flag, markers missing).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const ROOT = path.join(__dirname, '..');
const START_MARKER = '<!-- rules-reference:start -->';
const END_MARKER = '<!-- rules-reference:end -->';

/** `#/definitions/x` → the schema object it names. Local references only: that is all the schema uses. */
function resolveRef(root, ref) {
  if (!ref.startsWith('#/')) throw new Error(`rules-reference: only local $refs are supported, not ${ref}`);
  let node = root;
  for (const part of ref.slice(2).split('/')) {
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`rules-reference: $ref ${ref} points nowhere`);
  }
  return node;
}

/**
 * A property's schema with its `$ref` followed; the property's own keywords (description, examples)
 * win. A reference to a plain value format (a string pattern such as `date`) keeps its name in
 * `formatName`, so the reference can say `date` and explain the pattern once.
 */
function deref(root, node) {
  if (node.$ref === undefined) return node;
  const { $ref, ...own } = node;
  const target = deref(root, resolveRef(root, $ref));
  // Not `format`: that is a JSON Schema keyword of its own.
  const formatName =
    target.type === 'string' && $ref.startsWith('#/definitions/')
      ? $ref.slice('#/definitions/'.length)
      : target.formatName;
  return { ...target, ...own, ...(formatName === undefined ? {} : { formatName }) };
}

/** `when` is "a condition or a list of conditions", written with if/then/else on the array type. */
function oneOrList(root, node) {
  if (!node.if || !node.then || !node.else) return null;
  const single = deref(root, node.else);
  const many = deref(root, node.then);
  if (many.type === 'array' && many.items) return { single, many };
  return null;
}

function quote(value) {
  return '`' + value + '`';
}

/** A short, human type for one field: `list of languageTag, non-empty`, `integer`, `` `info` \| `danger` `` … */
function typeOf(root, node) {
  const either = oneOrList(root, node);
  if (either) return `${typeOf(root, either.single)} or a list of them`;
  if (Array.isArray(node.enum)) return node.enum.map((value) => quote(value)).join(' \\| ');
  if (node.type === 'array') {
    const item = node.items ? deref(root, node.items) : {};
    const parts = [`list of ${typeOf(root, item)}`];
    if (node.minItems === 1) parts.push('non-empty');
    if (node.uniqueItems) parts.push('no duplicates');
    return parts.join(', ');
  }
  if (node.type === 'object') {
    if (node.patternProperties && !node.properties) return 'map';
    return 'object';
  }
  if (node.type === 'string') {
    if (node.formatName !== undefined) return `[${node.formatName}](#value-formats)`;
    if (node.pattern) return `string matching ${quote(node.pattern.replace(/\|/g, '\\|'))}`;
    return 'string';
  }
  return node.type ?? 'any';
}

/**
 * Every field of the format in document order, each with its path (`notices[].when.regions`),
 * its resolved schema and whether its parent requires it. `*` stands for any key of a map.
 */
function fieldsOf(schema) {
  const fields = [];
  const visitObject = (node, prefix) => {
    const required = new Set(node.required ?? []);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      visitField(child, `${prefix}${name}`, required.has(name));
    }
    for (const child of Object.values(node.patternProperties ?? {})) {
      visitField(child, `${prefix}*`, false);
    }
  };
  const visitField = (raw, fieldPath, required) => {
    const node = deref(schema, raw);
    fields.push({ path: fieldPath, node, required });
    const either = oneOrList(schema, node);
    const inner = either ? either.single : node.type === 'array' && node.items ? deref(schema, node.items) : node;
    const childPrefix = either ? `${fieldPath}.` : node.type === 'array' ? `${fieldPath}[].` : `${fieldPath}.`;
    if (inner.type === 'object' || inner.properties || inner.patternProperties) {
      // A map whose values are lists (regions) has no fields of its own below the key.
      visitObject(inner, childPrefix);
    }
  };
  visitObject(schema, '');
  return fields;
}

/** The fields a schema fails to document: a reference can only be as good as its source. */
function undocumentedFields(schema) {
  const gaps = [];
  for (const field of fieldsOf(schema)) {
    if (typeof field.node.description !== 'string' || field.node.description.trim() === '')
      gaps.push(`${field.path}: no description`);
    if (!Array.isArray(field.node.examples) || field.node.examples.length === 0)
      gaps.push(`${field.path}: no examples`);
  }
  return gaps;
}

/** The named string formats the schema defines, for the "Value formats" table. */
function valueFormats(schema) {
  return Object.entries(schema.definitions ?? {})
    .filter(([, node]) => node.type === 'string')
    .map(([name, node]) => {
      const rule =
        node.pattern !== undefined
          ? `matches ${quote(node.pattern.replace(/\|/g, '\\|'))}`
          : node.minLength === 1
            ? 'not empty'
            : 'any string';
      return `| \`${name}\` | ${rule} |`;
    });
}

/** One value as a rules author would write it in YAML, on one line. */
function inlineYaml(value) {
  return YAML.stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim();
}

/** A whole file in block style, with short lists of plain values kept on one line, as people write them. */
function fileYaml(value) {
  const document = new YAML.Document(value);
  YAML.visit(document, {
    Seq(_, node) {
      if (node.items.every((item) => YAML.isScalar(item))) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/**
 * Prose from the schema as markdown: outside `code`, `<` would open an HTML tag or comment (the
 * placement description quotes `<!-- geonotice -->`) and `*` would start emphasis (`*.yaml`).
 */
function prose(text) {
  return String(text)
    .split(/(`[^`]*`)/)
    .map((part, index) =>
      index % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\*/g, '\\*'),
    )
    .join('');
}

function tableCell(text) {
  return prose(text).replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

function exampleCell(examples) {
  return (examples ?? []).map((value) => '`' + inlineYaml(value).replace(/\|/g, '\\|') + '`').join('<br>');
}

function requiredCell(field) {
  if (field.required) return 'required';
  if (field.node.default !== undefined) return `optional, default ${quote(inlineYaml(field.node.default))}`;
  return 'optional';
}

/** The top-level part of a path, which each gets its own table. */
function sectionOf(fieldPath) {
  return fieldPath.split(/[.[]/)[0];
}

function fieldTable(fields) {
  const lines = ['| field | type | required | description | example |', '| --- | --- | --- | --- | --- |'];
  for (const field of fields) {
    lines.push(
      `| ${quote(field.path)} | ${typeOf(field.schemaRoot, field.node)} | ${requiredCell(field)} | ${tableCell(field.node.description ?? '')} | ${exampleCell(field.node.examples)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * A whole rule file built from the schema's examples: the `regions` example, one notice and one
 * test case. An object starts from its own first example, if it has one, and every property it
 * still lacks takes that property's first example. What the schema cannot express takes the first
 * alternative it lists: a message has text (not html), a test visitor a country (not an ip).
 * `overrides` is left out, as its example names a notice the file would also have to declare, and
 * so are `networks` and `not_networks` (and a test visitor's `asn`), which need a network table.
 * The docs test loads this file with `loadRules` and checks that its test case passes.
 */
function exampleRuleFile(schema) {
  const firstExample = (node) => (Array.isArray(node.examples) ? node.examples[0] : undefined);
  const fromExamples = (raw, skip = []) => {
    const node = deref(schema, raw);
    const out = { ...(firstExample(node) ?? {}) };
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      const value = firstExample(deref(schema, property));
      if (!skip.includes(name) && !(name in out) && value !== undefined) out[name] = value;
    }
    return out;
  };
  // Keys in the order the schema lists them, so the file reads like a hand-written one.
  const ordered = (node, value) => {
    const names = Object.keys(node.properties ?? {});
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => names.indexOf(a) - names.indexOf(b)));
  };
  const { notice: noticeSchema, testCase: testSchema } = schema.definitions;
  const notice = fromExamples(noticeSchema, ['overrides', 'when', 'messages']);
  // Networks need a network table the example file does not have.
  notice.when = fromExamples(oneOrList(schema, deref(schema, noticeSchema.properties.when)).single, [
    'networks',
    'not_networks',
  ]);
  notice.messages = {
    ...firstExample(noticeSchema.properties.messages),
    [notice.default_language]: fromExamples(schema.definitions.message, ['html']),
  };
  const testCase = fromExamples(testSchema, ['visitor']);
  testCase.visitor = fromExamples(testSchema.properties.visitor, ['ip', 'asn']);
  return {
    regions: firstExample(schema.properties.regions),
    notices: [ordered(noticeSchema, notice)],
    tests: [ordered(testSchema, testCase)],
  };
}

/** The markdown that goes between the markers. */
function renderReference(schema) {
  const fields = fieldsOf(schema).map((field) => ({ ...field, schemaRoot: schema }));
  const sections = [];
  for (const field of fields) {
    const name = sectionOf(field.path);
    const last = sections[sections.length - 1];
    if (last && last.name === name) last.fields.push(field);
    else sections.push({ name, fields: [field] });
  }
  const out = [
    '<!-- Generated by scripts/rules-reference.js from schema/geonotice.schema.json: edit the schema, then run `node scripts/rules-reference.js`. -->',
    '',
    tableCell(schema.description ?? ''),
    '',
    'Point your editor at the schema for completion and checking as you type: start a file with',
    '`# yaml-language-server: $schema=../node_modules/geonotice/schema/geonotice.schema.json` (the',
    'path from the rule file to the schema the package ships, also exported as `geonotice/schema.json`).',
    '',
    'A path reads `notices[].when.regions`: `[]` is any entry of a list, `*` any key of a map. `when`',
    'holds one condition or a list of conditions; its fields below apply to each condition of a list.',
    'Examples are written as YAML.',
  ];
  for (const section of sections) {
    out.push('', `## \`${section.name}\``, '', fieldTable(section.fields));
  }
  out.push('', '## Value formats', '', '| format | a valid value |', '| --- | --- |', ...valueFormats(schema));
  out.push(
    '',
    '## A whole file, built from the examples above',
    '',
    'The docs test loads this file with `loadRules`, so the examples stay consistent with each other.',
    '',
    '```yaml',
    fileYaml(exampleRuleFile(schema)),
    '```',
  );
  return out.join('\n');
}

/** The document with `reference` between the markers; throws when the markers are missing or out of order. */
function withReference(doc, reference) {
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`rules-reference: the document needs ${START_MARKER} followed by ${END_MARKER}`);
  }
  return `${doc.slice(0, start + START_MARKER.length)}\n${reference}\n${doc.slice(end)}`;
}

function parseArgs(argv) {
  const options = {
    check: false,
    doc: path.join(ROOT, 'docs/rules.md'),
    schema: path.join(ROOT, 'schema/geonotice.schema.json'),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--check') options.check = true;
    else if ((arg === '--doc' || arg === '--schema') && argv[i + 1] !== undefined)
      options[arg.slice(2)] = path.resolve(argv[(i += 1)]);
    else
      throw new Error(
        `rules-reference: unknown argument ${JSON.stringify(arg)} (known: --check, --doc FILE, --schema FILE)`,
      );
  }
  return options;
}

function main(argv) {
  let options;
  let current;
  let next;
  try {
    options = parseArgs(argv);
    const schema = JSON.parse(fs.readFileSync(options.schema, 'utf8'));
    current = fs.readFileSync(options.doc, 'utf8');
    next = withReference(current, renderReference(schema));
    for (const gap of undocumentedFields(schema)) console.warn(`rules-reference: the schema leaves ${gap}`);
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const shown = path.relative(process.cwd(), options.doc) || options.doc;
  if (options.check) {
    if (current === next) return 0;
    console.error(`${shown}: the rule-file reference is out of date; run node scripts/rules-reference.js`);
    return 1;
  }
  if (current !== next) fs.writeFileSync(options.doc, next);
  console.log(current === next ? `${shown}: already up to date` : `${shown}: rule-file reference rewritten`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = {
  fieldsOf,
  undocumentedFields,
  exampleRuleFile,
  renderReference,
  withReference,
  START_MARKER,
  END_MARKER,
};
