/** Codes the geo data uses: Kosovo's XK is accepted; second-level subdivisions are warned about. */
import { checkRules, decide } from '../../src';
import { noticeYaml, relativeProblem, removeTempDirs, tempRules } from './helpers';

afterAll(removeTempDirs);

function check(when: string, extra = '') {
  const dir = tempRules({ 'rules.yaml': `${extra}notices:\n${noticeYaml('geo-notice', `    when: ${when}`)}\n` });
  const result = checkRules(dir);
  return { ...result, errors: result.errors.map((p) => relativeProblem(p, dir)), warnings: result.warnings.map((p) => relativeProblem(p, dir)) };
}

describe('Kosovo', () => {
  it('is accepted as XK and matches a visitor the geo data places there', () => {
    const result = check('{ regions: [XK] }');
    expect(result.errors).toEqual([]);
    const visitor = { country: 'XK', region: null, languages: [], path: '/' };
    expect(decide(result.ruleSet!, visitor).map((notice) => notice.id)).toEqual(['geo-notice']);
  });

  it('has no subdivisions, and other user-assigned codes stay errors', () => {
    expect(check('{ regions: [XK-01] }').errors).toEqual([
      expect.stringMatching(/unknown subdivision code "XK-01": ISO 3166-2 lists no subdivisions for Kosovo; use XK$/),
    ]);
    expect(check('{ regions: [XX] }').errors).toEqual([expect.stringContaining('"XX"')]);
  });
});

describe('second-level subdivisions', () => {
  it('warns that no geo source gives FR-75C, and suggests its first-level subdivision', () => {
    expect(check('{ regions: [FR-75C, FR-IDF] }').warnings).toEqual([
      'rules.yaml:5:23: FR-75C is a second-level subdivision inside FR-IDF: no geo data or CDN locates visitors at that level, so it never matches; use FR-IDF',
    ]);
  });

  it('warns at the set name when a region set holds one', () => {
    expect(check('{ not_regions: [paris] }', 'regions:\n  paris: [FR-75C]\n').warnings).toEqual([
      'rules.yaml:7:27: FR-75C (in region set "paris") is a second-level subdivision inside FR-IDF: no geo data or CDN locates visitors at that level, so it never matches; use FR-IDF',
    ]);
  });

  it('says nothing about first-level codes', () => {
    expect(check('{ regions: [UA-43, GB-ENG, FR-IDF] }').warnings).toEqual([]);
  });
});
