import { debuglog } from 'node:util';
import type { Decision } from '../../pipeline/engine';

/**
 * `NODE_DEBUG=geonotice`: each request's decision, and why its response was left as it was, on
 * standard error, the way Node's own modules explain themselves. Read once; off, nothing is built.
 */
const log = debuglog('geonotice');
const enabled = log.enabled;

/** Writes one request's debug lines, or null when `NODE_DEBUG` does not name geonotice. */
export type RequestTrace = ((what: string) => void) | null;

export function traceRequest(method: string, path: string): RequestTrace {
  return enabled ? (what) => log('%s %s: %s', method, path, what) : null;
}

/** The decision in one line: where the visitor is, by what, in which languages, and the notices that apply. */
export function describeDecision(decision: Decision, source: string | null): string {
  const { visitor, notices } = decision;
  const place = visitor.country === null ? 'location unknown' : (visitor.region ?? visitor.country);
  const languages = visitor.languages.length === 0 ? 'no languages' : visitor.languages.join(', ');
  const applying =
    notices.length === 0
      ? 'no notice applies'
      : `notices ${notices.map((notice) => `${notice.id} (${notice.language})`).join(', ')}`;
  return `${place}${source === null ? '' : ` by ${source}`}, ${languages}; ${applying}`;
}
