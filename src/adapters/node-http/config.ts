import { Writable } from 'node:stream';
import { ErrorCodes, GeonoticeError } from '../../errors';
import {
  isBoolean,
  isFunction,
  readCacheOption,
  readEnabled,
  readOption,
  readPreviewSecret,
} from '../../util/option-reader';
import { closestMatch, didYouMean } from '../../util/suggest';
import { DEFAULT_MAX_DECODED_BYTES } from './body-transform';
import { DEFAULT_ESI_PATH } from '../../pipeline/esi';
import {
  OPTION_KEYS,
  type AuditIpMode,
  type AuditOptions,
  type DecisionRecord,
  type GeonoticeOptions,
  type GeonoticeRequest,
} from './options';
import type { DecidedNotice } from '../../core/types';
import type { GeoProvider } from '../../geo/types';

/** The `audit` option after checking: where the log goes (null: nowhere), its key, and how addresses are kept. */
export interface ResolvedAudit {
  destination: string | Writable | null;
  key: string | null;
  ip: AuditIpMode;
  checkpointEvery: number;
}

/** The options after checking, with every default filled in: what the middleware runs on. */
export interface ResolvedConfig {
  rules: GeonoticeOptions['rules'];
  /** Null: the default, geoip-lite on `req.ip`, its data loaded when the middleware is created rather than on the first request. */
  geo: readonly GeoProvider[] | null;
  delivery: 'inject' | 'esi';
  esiPath: string;
  /** Whether notices go into pages for this request (the kill switch). */
  enabled: () => boolean;
  /** The request headers configured for `cache: { vary }`; null for `private`. */
  varyHeaders: readonly string[] | null;
  render: ((notice: DecidedNotice) => string) | null;
  styles: boolean;
  /** The path the notice stylesheet is served at and linked from; null: inline styles. */
  stylesheet: string | null;
  header: boolean;
  watch: boolean;
  onDecision: ((record: DecisionRecord) => void) | null;
  onError: (error: GeonoticeError, req?: GeonoticeRequest) => void;
  now: () => Date;
  maxDecodedBytes: number;
  endpoint: string | null;
  audit: ResolvedAudit;
  previewSecret: string | null;
  geoWarnings: boolean;
}

function fail(message: string): never {
  throw new GeonoticeError(ErrorCodes.options, `geonotice: ${message}`);
}

/** True for what Express passes a middleware: the sign of `app.use(geonotice)` without the call. */
function looksLikeRequest(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'headers' in value && 'method' in value && 'socket' in value;
}

/**
 * The error for `app.use(geonotice)`, when the factory is called as the middleware (with a
 * request, a response and `next`), or null for an ordinary call. Nothing can see the mistake at
 * start-up: the factory is only handed to Express then, and first runs on the first request.
 */
export function misMounted(options: unknown, moreArguments: readonly unknown[]): GeonoticeError | null {
  if (moreArguments.length === 0 && !looksLikeRequest(options)) return null;
  return new GeonoticeError(
    ErrorCodes.options,
    'geonotice: geonotice() returns the middleware; mount it with app.use(geonotice({ rules: "rules" })), not app.use(geonotice)',
  );
}

function optional<T>(
  options: GeonoticeOptions,
  key: keyof GeonoticeOptions,
  type: string,
  check: (value: unknown) => boolean,
): T | undefined {
  return readOption<T>(options, key, type, check, fail);
}

/** The top-level keys of a rule file: someone who passes one of these as an option meant to write a rule. */
const RULE_FILE_KEYS = ['regions', 'notices', 'tests'];

/** "Did you mean" for an unknown option: another option, or else a rule-file key that belongs in YAML. */
function suggestOption(key: string): string {
  const option = didYouMean(key, OPTION_KEYS);
  if (option !== '') return option;
  const ruleKey = RULE_FILE_KEYS.includes(key) ? key : closestMatch(key, RULE_FILE_KEYS);
  if (ruleKey === undefined) return '';
  return ` (did you mean "${ruleKey}"? that is a key of a rule file: write it in a YAML file under the rules directory, not in the options)`;
}

/** Checks the options once, at start-up: a typo must fail loudly there, never be ignored per request. */
export function resolveConfig(options: unknown): ResolvedConfig {
  if (typeof options !== 'object' || options === null) fail('expected an options object such as { rules: "rules" }');
  const given = options as GeonoticeOptions;

  for (const key of Object.keys(given)) {
    if (!OPTION_KEYS.includes(key))
      fail(`unknown option "${key}"${suggestOption(key)}; known options: ${OPTION_KEYS.join(', ')}`);
  }

  const rules = given.rules;
  const rulesOk =
    typeof rules === 'string' ||
    (Array.isArray(rules) && rules.length > 0 && rules.every((r) => typeof r === 'string')) ||
    (typeof rules === 'object' && rules !== null && !Array.isArray(rules) && 'version' in rules && 'notices' in rules);
  if (!rulesOk) fail('option "rules" is required: a directory, a list of rule files, or a set from loadRules()');

  const geo = given.geo;
  let providers: readonly GeoProvider[] | null = null;
  if (geo !== undefined) {
    const list = Array.isArray(geo) ? geo : [geo];
    if (list.length === 0 || !list.every((p) => typeof p === 'function')) {
      fail(
        'option "geo" must be a provider function or a non-empty list of them, e.g. [cdnHeaderProvider({ header: "CF-IPCountry" }), geoipLiteProvider()]',
      );
    }
    providers = list as readonly GeoProvider[];
  }

  const isPath = (v: unknown): boolean => typeof v === 'string' && v.startsWith('/') && !/[\s?#]/.test(v);
  const endpoint = optional<string>(given, 'endpoint', 'a path starting with "/"', isPath);
  const stylesheet = optional<string>(given, 'stylesheet', 'a path starting with "/", e.g. "/geonotice.css"', isPath);
  const delivery =
    optional<'inject' | 'esi'>(given, 'delivery', "'inject' or 'esi'", (v) => v === 'inject' || v === 'esi') ??
    'inject';
  const esiPath =
    optional<string>(given, 'esiPath', 'a path starting with "/", e.g. "/_geonotice/esi"', isPath) ?? DEFAULT_ESI_PATH;

  return {
    rules,
    geo: providers,
    delivery,
    esiPath,
    enabled: readEnabled(given, fail),
    varyHeaders: readCacheOption(given.cache, fail),
    render: optional(given, 'render', 'a function', isFunction) ?? null,
    styles: optional(given, 'styles', 'true or false', isBoolean) ?? true,
    stylesheet: stylesheet ?? null,
    header: optional(given, 'header', 'true or false', isBoolean) ?? true,
    watch: optional(given, 'watch', 'true or false', isBoolean) ?? false,
    onDecision: optional(given, 'onDecision', 'a function', isFunction) ?? null,
    onError: optional(given, 'onError', 'a function', isFunction) ?? defaultOnError,
    now: optional(given, 'now', 'a function returning a Date', isFunction) ?? (() => new Date()),
    maxDecodedBytes:
      optional<number>(
        given,
        'maxDecodedBytes',
        'a whole number of bytes above zero',
        (v) => Number.isSafeInteger(v) && (v as number) > 0,
      ) ?? DEFAULT_MAX_DECODED_BYTES,
    endpoint: endpoint ?? null,
    audit: resolveAudit(given.audit),
    previewSecret: readPreviewSecret(given.preview, fail),
    geoWarnings: optional(given, 'geoWarnings', 'true or false', isBoolean) ?? true,
  };
}

const AUDIT_KEYS: readonly (keyof AuditOptions)[] = ['path', 'key', 'ip', 'checkpointEvery'];
const MIN_AUDIT_KEY_LENGTH = 32;

function resolveAudit(audit: GeonoticeOptions['audit']): ResolvedAudit {
  const resolved: ResolvedAudit = { destination: null, key: null, ip: 'network', checkpointEvery: 1000 };
  if (audit === undefined) return resolved;
  const isDestination = (v: unknown): boolean => (typeof v === 'string' && v !== '') || v instanceof Writable;
  if (isDestination(audit)) return { ...resolved, destination: audit as string | Writable };
  if (typeof audit !== 'object' || audit === null)
    fail('option "audit" must be a file path, a writable stream, or { path, key, ip }');
  const given = audit as AuditOptions;
  for (const key of Object.keys(given)) {
    if (!(AUDIT_KEYS as readonly string[]).includes(key))
      fail(`unknown key "${key}" in option "audit"${didYouMean(key, AUDIT_KEYS)}; known: ${AUDIT_KEYS.join(', ')}`);
  }
  if (given.path !== undefined) {
    if (!isDestination(given.path)) fail('"audit.path" must be a file path or a writable stream');
    resolved.destination = given.path;
  }
  if (given.key !== undefined) {
    if (typeof given.key !== 'string' || given.key.length < MIN_AUDIT_KEY_LENGTH) {
      fail(
        `"audit.key" must be a secret of at least ${MIN_AUDIT_KEY_LENGTH} characters, kept away from the log (e.g. openssl rand -hex 32)`,
      );
    }
    resolved.key = given.key;
  }
  if (given.ip !== undefined) resolved.ip = resolveIpMode(given.ip);
  if (given.checkpointEvery !== undefined) {
    if (!Number.isInteger(given.checkpointEvery) || given.checkpointEvery < 1)
      fail('"audit.checkpointEvery" must be a whole number of records, at least 1');
    resolved.checkpointEvery = given.checkpointEvery;
  }
  return resolved;
}

function resolveIpMode(ip: unknown): AuditIpMode {
  if (ip === 'network' || ip === 'full') return ip;
  if (typeof ip === 'object' && ip !== null && Object.keys(ip).join() === 'hmac') {
    const key = (ip as { hmac: unknown }).hmac;
    if (typeof key === 'string' && key.length >= MIN_AUDIT_KEY_LENGTH) return { hmac: key };
  }
  fail(
    `"audit.ip" must be 'network' (IPv4 /24, IPv6 /48), 'full', or { hmac: key } with a key of at least ${MIN_AUDIT_KEY_LENGTH} characters; got ${JSON.stringify(ip)}`,
  );
}

function defaultOnError(error: Error): void {
  console.error(`geonotice: ${error.stack ?? error.message}`);
}
