import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';
import type { RuleSet } from '../core/rule-set';
import type { DecidedNotice } from '../core/types';
import type { GeoProvider } from '../geo/types';

/** One request's decision, for an audit log. The address is cut to its network (IPv4 /24, IPv6 /48). */
export interface DecisionRecord {
  time: string;
  ip: string | null;
  country: string | null;
  region: string | null;
  languages: readonly string[];
  path: string;
  notices: readonly string[];
  rulesVersion: string;
}

/** How responses that differ by visitor are kept out of shared caches. */
export type CacheOption =
  /** `Cache-Control: private` merged into every such response (the default). */
  | 'private'
  /**
   * Leave them shareable where the decision rests on request headers alone (a CDN's country and
   * region headers), varied on these headers and on every header the geo providers read; a
   * response located from the client address stays private.
   */
  | { vary: string | readonly string[] };

export interface GeonoticeOptions {
  /** The rules: a directory, a list of files and directories, or a rule set from `loadRules()`. Required. */
  rules: string | readonly string[] | RuleSet;
  /**
   * How a visitor is located: a provider, or a list tried in order until one knows.
   * @default geoipLiteProvider() — geoip-lite on `req.ip`, which Express's `trust proxy` decides
   */
  geo?: GeoProvider | readonly GeoProvider[];
  /** @default 'private' */
  cache?: CacheOption;
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
  /** Told about every internal failure; the response is then served unmodified. @default console.error */
  onError?: (error: Error, req?: IncomingMessage) => void;
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
   * Append every decision as a JSON line (the `onDecision` record) to this file or stream, through
   * a bounded queue: a slow disk drops records (counted in `status()`), never slows a request.
   * @default none
   */
  audit?: string | Writable;
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
}

/** Every option key, spelled out so the compiler fails when an option is added without being listed. */
const optionKeys: { [K in keyof Required<GeonoticeOptions>]: true } = {
  rules: true,
  geo: true,
  cache: true,
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
};
export const OPTION_KEYS: readonly string[] = Object.keys(optionKeys);
