/**
 * Visitors for the browser tests, placed by real addresses from the pinned geo data's golden list
 * (so a data update that moves an address shows up in the golden test, not as a puzzle here).
 */
import type { BrowserContextOptions } from 'playwright-core';
import golden from '../geo/golden-ips.json';

interface GoldenEntry {
  ip: string;
  country: string;
  region?: string;
}

const entries = (golden as unknown as { entries: GoldenEntry[] }).entries;

function ipv4Where(matches: (entry: GoldenEntry) => boolean, what: string): string {
  const entry = entries.find((candidate) => matches(candidate) && !candidate.ip.includes(':'));
  if (!entry) throw new Error(`test/geo/golden-ips.json has no IPv4 address for ${what}`);
  return entry.ip;
}

export const CRIMEA_IP = ipv4Where((entry) => entry.region === 'UA-43', 'region UA-43 (Crimea)');
export const US_IP = ipv4Where((entry) => entry.country === 'US', 'country US');

export const VIEWPORT = { width: 1280, height: 800 };

export interface Visitor {
  ip: string;
  language?: string;
  /** Overrides the Accept-Encoding Chromium would send (it offers br and zstd as well as gzip). */
  acceptEncoding?: string;
}

/**
 * A browser context that looks like this visitor to the site. The site trusts loopback proxies,
 * so X-Forwarded-For from this machine is taken as the visitor's address.
 */
export function contextFor(visitor: Visitor): BrowserContextOptions {
  const headers: Record<string, string> = { 'X-Forwarded-For': visitor.ip };
  if (visitor.language !== undefined) headers['Accept-Language'] = visitor.language;
  if (visitor.acceptEncoding !== undefined) headers['Accept-Encoding'] = visitor.acceptEncoding;
  return {
    viewport: VIEWPORT,
    ...(visitor.language !== undefined ? { locale: visitor.language } : {}),
    extraHTTPHeaders: headers,
  };
}
