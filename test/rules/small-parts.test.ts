import { parseRuleDate } from '../../src/rules/dates';
import { hrefProblem } from '../../src/rules/link-href';
import { compilePathMatcher, globProblem } from '../../src/rules/path-globs';
import { closestMatch, didYouMean, editDistance } from '../../src/util/suggest';

describe('did you mean', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('regoins', 'regions')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the closest key, ignoring case, hyphens and underscores', () => {
    const keys = ['regions', 'not_regions', 'languages', 'not_languages', 'paths', 'not_paths', 'unknown_location'];
    expect(didYouMean('regoins', keys)).toBe(' (did you mean "regions"?)');
    expect(closestMatch('notRegions', keys)).toBe('not_regions');
    expect(closestMatch('unknown-location', keys)).toBe('unknown_location');
    expect(closestMatch('langauges', keys)).toBe('languages');
  });

  it('suggests nothing when nothing is close', () => {
    expect(didYouMean('colour', ['regions', 'paths'])).toBe('');
    expect(closestMatch('xy', ['ab'])).toBeUndefined();
  });
});

describe('rule dates', () => {
  it('reads dates as midnight UTC and date-times with their zone', () => {
    expect(parseRuleDate('2024-02-20')).toEqual(new Date('2024-02-20T00:00:00Z'));
    expect(parseRuleDate('2024-02-29')).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(parseRuleDate('2024-02-20T09:30:00Z')).toEqual(new Date('2024-02-20T09:30:00Z'));
    expect(parseRuleDate('2024-02-20T12:00+03:00')).toEqual(new Date('2024-02-20T09:00:00Z'));
    expect(parseRuleDate('2024-02-20T09:00:00.250-01:30')).toEqual(new Date('2024-02-20T10:30:00.250Z'));
  });

  it.each(['2023-02-29', '2024-02-30', '2024-13-01', '2024-00-10', '2024-01-01T24:00Z', '2024-01-01T10:60Z', '24-01-01', '2024-1-1', 'soon'])(
    'refuses %s',
    (text) => {
      expect(parseRuleDate(text)).toBeNull();
    },
  );
});

describe('link targets', () => {
  it.each(['https://example.org/more', 'http://example.org', '/about', '../x', '?q=1', '#top', '//cdn.example.org/x'])('allows %s', (href) => {
    expect(hrefProblem(href)).toBeNull();
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x', 'java\tscript:alert(1)', ' javascript:x', 'https://exa mple.org'])(
    'refuses %j',
    (href) => {
      expect(hrefProblem(href)).not.toBeNull();
    },
  );
});

describe('path globs', () => {
  it('matches URL paths picomatch-style, dot-files included', () => {
    const matcher = compilePathMatcher(['/news/**', '/{a,b}/?']);
    expect(matcher.globs).toEqual(['/news/**', '/{a,b}/?']);
    expect(matcher.matchesAny('/news/2024/story')).toBe(true);
    expect(matcher.matchesAny('/b/x')).toBe(true);
    expect(matcher.matchesAny('/c/x')).toBe(false);
    expect(compilePathMatcher(['/**']).matchesAny('/.well-known/security.txt')).toBe(true);
  });

  it('refuses globs that cannot match or do not compile', () => {
    expect(globProblem('/news/**')).toBeNull();
    expect(globProblem('**/feed.xml')).toBeNull();
    expect(globProblem('news/**')).toContain('did you mean "/news/**"?');
    expect(globProblem('/a/{b,c')).toContain('is not a valid pattern');
  });
});
