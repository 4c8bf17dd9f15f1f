/**
 * geonotice warns once per process about old geo data and about subdivisions no provider can
 * give. Jest gives every test file a fresh global, so in a test worker each file that mounts the
 * default middleware would print them again. Those warnings are asserted where they belong, in
 * processes of their own (test/adapters/node-http/geo-data-warning.test.ts,
 * test/geo/geoip-country-site.test.ts); here they are dropped, and every other warning still prints.
 */
const QUIET_CODES = new Set(['GEONOTICE_GEO_DATA_AGE', 'GEONOTICE_GEO_SUBDIVISIONS']);

const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;

process.emitWarning = (warning: string | Error, options?: unknown, ...rest: unknown[]) => {
  const code = typeof options === 'object' && options !== null ? (options as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && QUIET_CODES.has(code)) return;
  emitWarning(warning, options, ...rest);
};
