/**
 * Stable codes for everything geonotice reports, so a site can route them (`onError`, process
 * warnings) without matching message text. The README lists them with what to do about each.
 */
export const ErrorCodes = {
  /** The middleware was given an unknown or ill-typed option, or mounted without being called. */
  options: 'GEONOTICE_OPTIONS',
  /** A rule set failed to load or reload; the last good set keeps serving. */
  rules: 'GEONOTICE_RULES',
  /** A geo provider threw; the visitor's location is treated as unknown. */
  geo: 'GEONOTICE_GEO',
  /** Injecting into a response failed; the rest of the response is passed through unmodified. */
  inject: 'GEONOTICE_INJECT',
  /** A response's Content-Encoding is not one geonotice can decode; it is passed through. */
  encoding: 'GEONOTICE_ENCODING',
  /** Most early requests came from private addresses: Express's `trust proxy` is probably wrong. */
  trustProxy: 'GEONOTICE_TRUST_PROXY',
  /** The geo data is older than 180 days. */
  geoDataAge: 'GEONOTICE_GEO_DATA_AGE',
  /** The rules name subdivisions and no configured geo provider can give one. */
  geoSubdivisions: 'GEONOTICE_GEO_SUBDIVISIONS',
  /** An `onDecision` hook threw. */
  hook: 'GEONOTICE_HOOK',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** An error or warning from geonotice, with a stable `code`. */
export class GeonoticeError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GeonoticeError';
    this.code = code;
  }
}
