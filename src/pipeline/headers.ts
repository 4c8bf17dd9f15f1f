/**
 * Headers as the pipeline sees them, whatever a runtime keeps them in: node:http's
 * `getHeader`/`setHeader` or the Fetch API's `Headers`. Names are case-insensitive; a header sent
 * several times reads as its values joined by `, `.
 */

/** The request's headers, read only. */
export interface RequestHeaders {
  get(name: string): string | undefined;
}

/** The headers of a response while it is being prepared. */
export interface ResponseHeaders {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** A header value as node:http holds it (string, number or list), as one string. */
export function headerText(value: string | number | readonly string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'object' ? value.join(', ') : String(value);
}
