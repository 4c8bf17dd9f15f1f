/**
 * One table of codes: every error a site can meet carries one, and docs/errors.md documents
 * exactly the codes src/errors.ts defines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  cdnHeaderProvider,
  ErrorCodes,
  GeonoticeError,
  geoipLiteProvider,
  loadRules,
  mmdbProvider,
  RuleSetError,
  staticProvider,
} from '../../src';

const ROOT = path.resolve(__dirname, '../..');

/** The error a call throws, or a failure when it throws nothing. */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('the error table', () => {
  it('docs/errors.md documents every code, and no other', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/errors.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `(GEONOTICE_[A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.values(ErrorCodes).sort());
  });

  it('a rule set that does not load throws a RuleSetError, a GeonoticeError with GEONOTICE_RULES and every problem', () => {
    const error = thrownBy(() => loadRules(path.join(ROOT, 'test/fixtures/rules/many-errors')));
    expect(error).toBeInstanceOf(RuleSetError);
    expect(error).toBeInstanceOf(GeonoticeError);
    expect(error).toMatchObject({ name: 'RuleSetError', code: ErrorCodes.rules });
    expect((error as RuleSetError).problems.length).toBeGreaterThan(1);
  });

  it.each([
    ['geoipLiteProvider', () => geoipLiteProvider({ preloda: true } as never)],
    ['cdnHeaderProvider', () => cdnHeaderProvider({ header: 'not a header' })],
    ['staticProvider', () => staticProvider({ country: 'ua' })],
    ['mmdbProvider', () => mmdbProvider({ path: '' })],
    ['loadRules', () => loadRules([])],
  ])('%s with a bad argument throws GEONOTICE_OPTIONS', (_name, call) => {
    expect(thrownBy(call)).toMatchObject({ name: 'GeonoticeError', code: ErrorCodes.options });
  });

  it('a geo database that cannot be read throws GEONOTICE_GEO_DATA', () => {
    expect(thrownBy(() => mmdbProvider({ path: path.join(ROOT, 'no-such-file.mmdb') }))).toMatchObject({
      code: ErrorCodes.geoData,
    });
    expect(thrownBy(() => mmdbProvider({ path: path.join(ROOT, 'package.json') }))).toMatchObject({
      code: ErrorCodes.geoData,
    });
  });
});
