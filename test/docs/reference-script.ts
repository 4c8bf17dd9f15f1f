/** Types for scripts/rules-reference.js, a plain CommonJS script that the docs tests load. */
export interface ReferenceField {
  path: string;
  node: Record<string, unknown>;
  required: boolean;
}

export interface ReferenceScript {
  fieldsOf(schema: object): ReferenceField[];
  undocumentedFields(schema: object): string[];
  exampleRuleFile(schema: object): Record<string, unknown>;
  renderReference(schema: object): string;
  withReference(readme: string, reference: string): string;
  START_MARKER: string;
  END_MARKER: string;
}

export const referenceScript = require('../../scripts/rules-reference.js') as ReferenceScript;
