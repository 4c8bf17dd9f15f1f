/** `1 file`, `2 files`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A visitor's place for humans: `UA-43`, `RU`, or `unknown location`. */
export function describePlace(country: string | null, region: string | null): string {
  return region ?? country ?? 'unknown location';
}
