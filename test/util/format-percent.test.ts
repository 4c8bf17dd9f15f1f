import { formatPercent } from '../../src/util/format-percent';

describe('formatPercent', () => {
  it.each([
    [200 / 3, '66.7%'],
    [100 / 3, '33.3%'],
    [100, '100%'],
    [0, '0%'],
    [99.96, '99.9%'],
    [0.04, '0.1%'],
    [87.5, '87.5%'],
  ])('%d reads %s', (percent, text) => {
    expect(formatPercent(percent)).toBe(text);
  });
});
