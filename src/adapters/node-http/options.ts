import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import type { RuleSet } from '../../core/rule-set';
import type { DecidedNotice } from '../../core/types';
import type { GeoProvider } from '../../geo/types';
import type { GeonoticeError } from '../../errors';

export type { DecisionRecord, DecisionSource, Delivery, ShownNotice } from '../../pipeline/decision-record';
import type { DecisionRecord } from '../../pipeline/decision-record';

/** The request as the middleware reads it: any node:http request, with what Express adds to it. */
export type GeonoticeRequest = IncomingMessage & { ip?: string | undefined; originalUrl?: string };
/** The response as the middleware writes it: any node:http response, with Express's `locals` when there. */
export type GeonoticeResponse = ServerResponse & { locals?: Record<string, unknown> };

/** How an audit record keeps the client address. */
export type AuditIpMode =
  /** Cut to its network: IPv4 /24, IPv6 /48 (the default). */
  | 'network'
  /** The address as it is. */
  | 'full'
  /** `hmac:` and the first 16 hex digits of HMAC-SHA256(key, address): the same visitor links across records, to whoever holds the key. */
  | { hmac: string };

/** The `audit` option in full. */
export interface AuditOptions {
  /** The log file to append to, or a writable stream; without it no log is written, but `ip` still shapes the `onDecision` records. */
  path?: string | Writable;
  /**
   * A secret of at least 32 characters, kept away from the log: each line's `prev` is then an
   * HMAC-SHA256 under it, so that only someone who holds the key can rewrite the log unnoticed.
   * Without it `prev` is a plain SHA-256, which anyone who can write the file can recompute.
   */
  key?: string;
  /** @default 'network' */
  ip?: AuditIpMode;
  /** A checkpoint line after this many records (and at least once a minute while records come). @default 1000 */
  checkpointEvery?: number;
}

export type { CacheOption } from '../../pipeline/cache-policy';
import type { CacheOption } from '../../pipeline/cache-policy';

/**
 * The middleware's options. `Req` is the application's request type (Express's `Request`, say),
 * inferred from an `onError` that names it.
 */
export interface GeonoticeOptions<Req extends GeonoticeRequest = GeonoticeRequest> {
  /** The rules: a directory, a list of files and directories, or a rule set from `loadRules()`. Required. */
  rules: string | readonly string[] | RuleSet;
  /**
   * How a visitor is located: a provider, or a list tried in order until one knows.
   * @default geoipLiteProvider() — geoip-lite on `req.ip`, which Express's `trust proxy` decides
   */
  geo?: GeoProvider | readonly GeoProvider[];
  /** @default 'private' */
  cache?: CacheOption;
  /**
   * How notices reach a page. `'inject'` writes them into every page. `'esi'` lets a surrogate in
   * front that assembles Edge Side Includes (it sends `Surrogate-Capability: …="ESI/1.0"`) keep
   * one copy of a shareable page for everyone: the page gets an `<esi:include>` at each placement
   * where a notice can apply, answered per visitor at `esiPath`. A request without the capability,
   * or a page that is private, is injected as with `'inject'`. @default 'inject'
   */
  delivery?: 'inject' | 'esi';
  /** Where the includes of `delivery: 'esi'` are answered. @default '/_geonotice/esi' */
  esiPath?: string;
  /**
   * The kill switch: false turns injection off at once (a function is asked on every request, so
   * a flag can flip it without a redeploy). Decisions are still made and recorded, and say so;
   * pages go out as the application wrote them, with `Geonotice-Status: disabled`. @default true
   */
  enabled?: boolean | (() => boolean);
  /** Custom markup for one notice; the returned HTML is injected as is, so escape what you interpolate. */
  render?: (notice: DecidedNotice) => string;
  /** Inject the small default stylesheet (only where the page's Content-Security-Policy allows it). @default true */
  styles?: boolean;
  /**
   * Serve the notice styles as a stylesheet at this path and link to it, instead of an inline
   * `<style>`: for pages swapped in by Turbo Drive or htmx boost, which keep the first page's
   * Content-Security-Policy and so its nonce. @default none (inline)
   */
  stylesheet?: string;
  /** Set the `Geonotice: id1, id2` response header when notices apply. @default true */
  header?: boolean;
  /** Reload the rules when their files change; a broken change keeps the last good set serving. @default false */
  watch?: boolean;
  /** Called once per request with the decision, for audit logs. @default none */
  onDecision?: (record: DecisionRecord) => void;
  /**
   * Told about every failure, each a `GeonoticeError` with a `code` (docs/errors.md), and the
   * request it happened on (none for a failed reload); the response is then served unmodified.
   * @default console.error
   */
  onError?: (error: GeonoticeError, req?: Req) => void;
  /**
   * The most a compressed response body (Content-Encoding gzip, deflate or br) may decode to.
   * Past it the response is aborted rather than ended, so no cache keeps a truncated page: a
   * guard against decompression bombs from an upstream. @default 134217728 (128 MiB)
   */
  maxDecodedBytes?: number;
  /** The clock, for tests. @default () => new Date() */
  now?: () => Date;
  /** A path answered with the visitor's decision as JSON, for client-side rendering (e.g. '/geonotice.json'). @default none */
  endpoint?: string;
  /**
   * Append every decision record (what `onDecision` gets) as a JSON line to this file or stream,
   * each line chained to the one before (`prev`, a per-process `chain` id and `seq`), with
   * checkpoint lines and `{ dropped: N }` where a slow disk made records drop; `geonotice audit`
   * summarises and verifies such logs. Through a bounded queue: a slow disk drops records
   * (counted in `status()`), never slows a request. `{ path, key, ip }` for the keyed chain and
   * the treatment of addresses.
   * @default none
   */
  audit?: string | Writable | AuditOptions;
  /**
   * Let QA see the site as a visitor from elsewhere: a request carrying a valid signed token
   * (`Geonotice-Preview` header or `geonotice_preview` query parameter, made with
   * `geonotice preview-token`) is decided for the token's country, region and languages, and its
   * response is `Cache-Control: no-store`. Forged, expired or absent tokens are ignored, and so is
   * a token valid for more than 7 days (604800 seconds) from now: the CLI never makes one, so it
   * is treated as forged. The secret must be at least 16 characters, for the middleware and the
   * CLI alike.
   * @default off
   */
  preview?: { secret: string };
  /**
   * Warn at start-up, once per process, when the geo data is older than 180 days
   * (`GEONOTICE_GEO_DATA_AGE`) or when the rules name subdivisions that no configured provider can
   * give (`GEONOTICE_GEO_SUBDIVISIONS`). @default true
   */
  geoWarnings?: boolean;
}

/** Every option key, spelled out so the compiler fails when an option is added without being listed. */
const optionKeys: { [K in keyof Required<GeonoticeOptions>]: true } = {
  rules: true,
  geo: true,
  cache: true,
  delivery: true,
  esiPath: true,
  enabled: true,
  render: true,
  styles: true,
  stylesheet: true,
  header: true,
  watch: true,
  onDecision: true,
  onError: true,
  now: true,
  maxDecodedBytes: true,
  endpoint: true,
  audit: true,
  preview: true,
  geoWarnings: true,
};
export const OPTION_KEYS: readonly string[] = Object.keys(optionKeys);
