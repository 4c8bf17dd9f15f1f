import { resolvedPath } from '../../src/core/path-forms';
import { compilePathMatcher } from '../../src/rules/path-globs';

describe('resolvedPath', () => {
  it.each([
    ['/news/1', '/news/1'],
    ['/NEWS/1', '/news/1'],
    ['/%6Eews/a.html', '/news/a.html'],
    ['//news///a.html', '/news/a.html'],
    ['/x/../news/./a.html', '/news/a.html'],
    ['/news%2Fa.html', '/news/a.html'],
    ['/news/..%2Fapi/x', '/api/x'],
    ['/a/b/..', '/a/'],
    ['/..', '/'],
    ['/bad%zzescape/%41', '/bad%zzescape/a'],
    ['/win\\dows', '/win/dows'],
  ])('%s resolves to %s', (sent, resolved) => {
    expect(resolvedPath(sent)).toBe(resolved);
  });
});

describe('path matchers', () => {
  it('match a glob written in capitals case-insensitively on the resolved form', () => {
    expect(compilePathMatcher(['/News/**']).matchesAny('/news/1')).toBe(true);
  });

  it('exclude only when both the sent and the resolved path match', () => {
    const api = compilePathMatcher(['/api/**']);
    expect(api.matchesEvery('/api/x')).toBe(true);
    expect(api.matchesEvery('/news/..%2Fapi/x')).toBe(false);
    expect(api.matchesAny('/news/..%2Fapi/x')).toBe(true);
    expect(api.matchesEvery('/API/x')).toBe(false);
  });
});
