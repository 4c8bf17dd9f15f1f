import { countryCodeProblem, regionCodeProblem, subdivisionCodeProblem } from '../../src/rules/iso-codes';
import { checkRules } from '../../src/rules';
import { noticeYaml, removeTempDirs, tempRules } from './helpers';

afterAll(removeTempDirs);

describe('ISO 3166 codes', () => {
  it.each(['RU', 'UA', 'GB', 'DE', 'US'])('accepts the country %s', (code) => {
    expect(countryCodeProblem(code)).toBeNull();
  });

  it.each(['UA-43', 'UA-40', 'UA-14', 'UA-09', 'UA-23', 'UA-65', 'UA-30', 'RU-MOW', 'DE-BE', 'GB-ENG'])('accepts the subdivision %s', (code) => {
    expect(subdivisionCodeProblem(code)).toBeNull();
  });

  it('explains unknown, reserved and commonly mistaken codes', () => {
    expect(regionCodeProblem('XX')).toBe('unknown country code "XX": it is not in ISO 3166-1');
    expect(regionCodeProblem('UK')).toMatch(/did you mean GB/);
    expect(regionCodeProblem('EL')).toMatch(/did you mean GR/);
    expect(regionCodeProblem('EU')).toMatch(/built-in region set "eu"/);
    expect(regionCodeProblem('SU')).toMatch(/reserved ISO 3166-1 code \(USSR\)/);
    expect(regionCodeProblem('UA-99')).toMatch(/^unknown subdivision code "UA-99": Ukraine has no such ISO 3166-2 subdivision/);
    expect(regionCodeProblem('XX-01')).toMatch(/"XX" is not an ISO 3166-1 country code/);
    expect(regionCodeProblem('UK-ENG')).toMatch(/did you mean GB-ENG\?/);
  });

  it('reports a lower-case code in a rule as an unknown set name, suggesting the code', () => {
    const dir = tempRules({ 'rules.yaml': ['notices:', noticeYaml('a', '    when: { regions: [ua-43], not_regions: [ru] }')].join('\n') });
    expect(checkRules(dir).errors.map((problem) => problem.message)).toEqual([
      'unknown region set "ua-43" (did you mean the code UA-43? Region codes are upper case)',
      'unknown region set "ru" (did you mean the code RU? Region codes are upper case)',
    ]);
  });

  it('reports a mixed-case code through the schema, with the fix', () => {
    const dir = tempRules({ 'rules.yaml': ['notices:', noticeYaml('a', '    when: { regions: [Ru] }')].join('\n') });
    expect(checkRules(dir).errors.map((problem) => problem.message)).toEqual([
      expect.stringContaining('"Ru" is neither a region code'),
    ]);
    expect(checkRules(dir).errors[0]!.message).toContain('(did you mean "RU"?)');
  });

  it('checks codes inside named sets too', () => {
    const dir = tempRules({ 'rules.yaml': 'regions:\n  occupied: [UA-43, UA-99]\n' });
    expect(checkRules(dir).errors.map((problem) => [problem.line, problem.column])).toEqual([[2, 21]]);
  });
});
