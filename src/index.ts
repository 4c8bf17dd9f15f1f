/**
 * geonotice's public surface. Everything a site or a tool may rely on is named here; anything
 * not exported from this file is internal and may change.
 */
import { geonotice } from './adapters/node-http/middleware';

export { geonotice };
export default geonotice;

export type {
  GeonoticeMiddleware,
  GeonoticeLocals,
  GeonoticeRequest,
  GeonoticeResponse,
  GeonoticeStatus,
} from './adapters/node-http/middleware';
export type {
  AuditIpMode,
  AuditOptions,
  CacheOption,
  DecisionRecord,
  DecisionSource,
  Delivery,
  GeonoticeOptions,
  ShownNotice,
} from './adapters/node-http/options';

export { loadRules, checkRules, RuleSetError, formatProblem } from './rules';
export type { CheckRulesOptions, RuleCheck, RuleProblem } from './rules';
export { compileRules, loadCompiledRules } from './rules/compiled';
export type { CompiledRules } from './rules/compiled';

export { decide } from './core/decide';
export { explain } from './core/explain';
export type { ExplainOptions } from './core/explain';
export type { NetworkTableInfo, RuleSet } from './core/rule-set';
export type {
  ActiveWindow,
  Condition,
  DecidedNotice,
  Notice,
  NoticeExplanation,
  NoticeLink,
  NoticeMessage,
  NoticeStyle,
  Placement,
  RuleTestCase,
  SourceLocation,
  UnknownLocationPolicy,
  Visitor,
} from './core/types';

export { geoipLiteProvider, lookupIp, geoDataInfo } from './geo/geoip-lite';
export type { GeoDataInfo, GeoipLiteOptions } from './geo/geoip-lite';
export { geoipCountryProvider, lookupCountry } from './geo/geoip-country';
export type { GeoipCountryOptions } from './geo/geoip-country';
export { cdnHeaderProvider } from './geo/cdn-header';
export type { CdnHeaderOptions } from './geo/cdn-header';
export { staticProvider } from './geo/static';
export { mmdbProvider } from './geo/mmdb';
export type { MmdbOptions } from './geo/mmdb';
export type { RequestLike, SyncGeoProvider } from './geo/provider';
export type { GeoLocation, GeoProvider } from './geo/types';

export { parseAcceptLanguage } from './visitor/accept-language';
export { ErrorCodes, GeonoticeError } from './errors';
export type { ErrorCode } from './errors';
