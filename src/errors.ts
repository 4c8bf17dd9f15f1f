/**
 * Every code geonotice gives an error or a warning, in one table, so a site can route them
 * (`onError`, process warnings, a `catch` at start-up) without matching message text.
 * docs/errors.md says what to do about each; a test keeps the two lists the same.
 */
export const ErrorCodes = {
  /** An unknown or ill-typed option or argument, or `app.use(geonotice)` without the call. */
  options: 'GEONOTICE_OPTIONS',
  /** A rule set failed to load or reload; on a reload the last good set keeps serving. */
  rules: 'GEONOTICE_RULES',
  /** A geo provider threw or gave something that is not a location; that visitor's location is unknown. */
  geo: 'GEONOTICE_GEO',
  /** A geo provider's data cannot be read (missing files, not a MaxMind-format database). */
  geoData: 'GEONOTICE_GEO_DATA',
  /** Injecting into a response failed; the rest of the response is passed through unmodified. */
  inject: 'GEONOTICE_INJECT',
  /** A response's Content-Encoding is not one geonotice can decode, or its body does not decode. */
  encoding: 'GEONOTICE_ENCODING',
  /** An `onDecision` hook threw. */
  hook: 'GEONOTICE_HOOK',
  /** The audit log cannot be written, or is falling behind and dropping records. */
  audit: 'GEONOTICE_AUDIT',
  /** A failure geonotice did not expect; the response is served unmodified. A bug: please report it. */
  internal: 'GEONOTICE_INTERNAL',
  /** (warning) Most early requests came from private addresses: Express's `trust proxy` is probably wrong. */
  trustProxy: 'GEONOTICE_TRUST_PROXY',
  /** (warning) The geo data is older than 180 days. */
  geoDataAge: 'GEONOTICE_GEO_DATA_AGE',
  /** (warning) The rules name subdivisions and no configured geo provider can give one. */
  geoSubdivisions: 'GEONOTICE_GEO_SUBDIVISIONS',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Every error geonotice throws or reports to `onError`, with a stable `code`. */
export class GeonoticeError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GeonoticeError';
    this.code = code;
  }
}

/** A failure as `onError` gets it: geonotice's own error as it is, anything else wrapped as `code`, with it as the cause. */
export function asGeonoticeError(error: unknown, code: ErrorCode = ErrorCodes.internal): GeonoticeError {
  if (error instanceof GeonoticeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GeonoticeError(code, `geonotice: ${message}`, { cause: error });
}
