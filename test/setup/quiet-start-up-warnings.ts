/**
 * geonotice warns once per process about old geo data, about subdivisions no provider can give,
 * and about requests that all come from loopback (a missing `trust proxy`). Jest gives every test
 * file a fresh global, so in a test worker each file that mounts the default middleware, or sends
 * fifty requests from supertest, would print them again. Those warnings are asserted where they
 * belong: in processes of their own (test/adapters/node-http/geo-data-warning.test.ts,
 * test/geo/geoip-country-site.test.ts) and through a spy that replaces this wrapper
 * (test/adapters/node-http/fail-open.test.ts). Here they are dropped; every other warning prints.
 */
const QUIET_CODES = new Set(['GEONOTICE_GEO_DATA_AGE', 'GEONOTICE_GEO_SUBDIVISIONS', 'GEONOTICE_TRUST_PROXY']);

const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;

process.emitWarning = (warning: string | Error, options?: unknown, ...rest: unknown[]) => {
  const code = typeof options === 'object' && options !== null ? (options as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && QUIET_CODES.has(code)) return;
  emitWarning(warning, options, ...rest);
};
