/**
 * `geonotice/fetch`: geonotice for the Fetch API (Cloudflare Workers, Deno, Bun, Vercel Edge, any
 * server that speaks Request and Response). Its whole module graph uses no Node built-in, so it
 * bundles for workerd and browsers as it is.
 */
export { geonoticeFetch } from './adapters/fetch/geonotice-fetch';
export type { GeonoticeFetch } from './adapters/fetch/geonotice-fetch';
export type { FetchGeoProvider, GeonoticeFetchOptions } from './adapters/fetch/options';
export { cloudflareProvider } from './adapters/fetch/cloudflare-geo';
export type { CloudflareLocation } from './adapters/fetch/cloudflare-geo';
export { cdnHeaderProvider } from './geo/cdn-header';
export type { CdnHeaderOptions } from './geo/cdn-header';
export { staticProvider } from './geo/static';
export { compileRules, loadCompiledRules } from './rules/compiled';
export type { CompiledRules } from './rules/compiled';
export { decide } from './core/decide';
export { ErrorCodes, GeonoticeError } from './errors';
export type { ErrorCode } from './errors';
export type { GeonoticeLocals } from './pipeline/engine';
export type { CacheOption } from './pipeline/cache-policy';
export type { DecisionRecord } from './pipeline/decision-record';
export type { RuleSet } from './core/rule-set';
export type { DecidedNotice, Visitor } from './core/types';
export type { GeoLocation } from './geo/types';
