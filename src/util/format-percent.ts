/**
 * `66.7%`, `100%`: rounded to one decimal, except that a share short of all never reads 100% and
 * a share above none never reads 0% (a threshold compares the exact value, never this text).
 */
export function formatPercent(percent: number): string {
  let rounded = Math.round(percent * 10) / 10;
  if (rounded === 100 && percent < 100) rounded = 99.9;
  if (rounded === 0 && percent > 0) rounded = 0.1;
  return `${rounded}%`;
}
