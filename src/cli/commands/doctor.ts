import { decide } from '../../core/decide';
import type { RuleSet } from '../../core/rule-set';
import type { Visitor } from '../../core/types';
import { createPreviewToken, previewSecretProblem } from '../../preview/token';
import { parseAcceptLanguage } from '../../visitor/accept-language';
import { parseCommandArgs, rulePaths } from '../args';
import { describePlace } from '../format';
import { ExitCode, UsageError, type CliIO } from '../io';
import { loadRulesForCommand } from '../load';
import { PREVIEW_SECRET_ENV, parseCountry, parseRegion } from './preview-token';

export const doctorHelp = `Usage: geonotice doctor URL --secret S [--country CC] [--region CC-SUB] [options] [RULES...]

Asks the live site, through whatever CDN, ESI cache or edge worker is in front of it, for the page
at URL twice: as a visitor from a region the rules (default: ./rules) give a notice to, and as a
visitor from elsewhere, each with a preview token signed with the site's preview secret. Says
whether each got exactly the notices the rules decide, and whether the caching headers keep one
visitor's page from being handed to another. Exits 1 when either is wrong.

Options:
  --secret S          the site's preview secret (default: the ${PREVIEW_SECRET_ENV} environment variable)
  --country CC        the region visitor's country (default: the first region the rules name)
  --region CC-SUB     the region visitor's subdivision, e.g. UA-43
  --lang L            the visitors' Accept-Language (default: none)
  --json              print { url, ok, visitors: [{ label, country, region, expected, found, notices, cache }] }
  -h, --help          show this help`;

/** Places tried, in order, for "a visitor from elsewhere": the first the rules give no notice to. */
const ELSEWHERE = ['IS', 'NZ', 'CL', 'JP', 'CA', 'ZA', 'BR', 'AU'];
/** Request headers a CDN keys a page on when it varies by where the visitor is. */
const GEO_HEADER = /country|region/i;
const TOKEN_LIFETIME_SECONDS = 600;

interface Check {
  label: string;
  country: string;
  region: string | null;
  status: number;
  expected: string[];
  found: string[];
  notices: boolean;
  cache: { ok: boolean; cacheControl: string | null; vary: string | null; why: string };
}

export async function doctorCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, {
    secret: { type: 'string' },
    country: { type: 'string' },
    region: { type: 'string' },
    lang: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [target, ...rules] = positionals;
  if (target === undefined) throw new UsageError('give the URL of a page to check');
  const url = parseUrl(target);
  const secret = values.secret ?? io.env?.[PREVIEW_SECRET_ENV];
  if (secret === undefined || secret === '')
    throw new UsageError(`give the site's preview secret with --secret or ${PREVIEW_SECRET_ENV}`);
  const secretProblem = previewSecretProblem(secret);
  if (secretProblem !== null) throw new UsageError(`--secret: ${secretProblem}`);
  const ruleSet = loadRulesForCommand(rulePaths(rules), io);
  if (ruleSet === null) return ExitCode.failed;

  const path = url.pathname;
  const languages = parseAcceptLanguage(values.lang);
  const now = new Date();
  const inRegion = values.country === undefined ? firstNamedPlace(ruleSet) : placeOf(values.country, values.region);
  if (inRegion === null) throw new UsageError('the rules name no region: give one with --country');
  const elsewhere = ELSEWHERE.map((country) => ({ country, region: null })).find(
    (place) => decide(ruleSet, { ...place, languages, path }, now).length === 0,
  );
  const places = [{ label: 'a visitor from the region', ...inRegion }];
  if (elsewhere !== undefined) places.push({ label: 'a visitor from elsewhere', ...elsewhere });

  const checks: Check[] = [];
  for (const place of places) {
    const visitor: Visitor = { country: place.country, region: place.region, languages, path };
    checks.push(await check(url, place.label, visitor, ruleSet, secret, values.lang, now));
  }
  const ok = checks.every((one) => one.notices && one.cache.ok) && elsewhere !== undefined;
  if (values.json) io.stdout(JSON.stringify({ url: url.href, ok, visitors: checks }, null, 2));
  else io.stdout(formatChecks(url, checks, elsewhere === undefined));
  return ok ? ExitCode.ok : ExitCode.failed;
}

async function check(
  url: URL,
  label: string,
  visitor: Visitor,
  ruleSet: RuleSet,
  secret: string,
  lang: string | undefined,
  now: Date,
): Promise<Check> {
  const token = createPreviewToken(
    {
      country: visitor.country!,
      ...(visitor.region === null ? {} : { region: visitor.region }),
      ...(lang === undefined ? {} : { lang: visitor.languages.join(',') }),
      exp: Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_SECONDS,
    },
    secret,
  );
  // Both: a header reaches an edge worker and every ESI include; the query keeps the page out of
  // a cache that does not key on the header.
  const asked = new URL(url);
  asked.searchParams.set('geonotice_preview', token);
  const headers: Record<string, string> = { 'Geonotice-Preview': token, 'Cache-Control': 'no-cache' };
  if (lang !== undefined) headers['Accept-Language'] = lang;
  const response = await fetch(asked, { headers, redirect: 'manual' });
  const body = await response.text();
  const decided = decide(ruleSet, visitor, now);
  const expected = decided
    .filter((notice) => notice.placement !== 'none')
    .map((notice) => notice.id)
    .sort();
  const allowed = new Set(decided.map((notice) => notice.id));
  const found = [...new Set([...body.matchAll(/data-geonotice="([^"]+)"/g)].map(([, id]) => id!))].sort();
  const notices = expected.every((id) => found.includes(id)) && found.every((id) => allowed.has(id));
  return {
    label,
    country: visitor.country!,
    region: visitor.region,
    status: response.status,
    expected,
    found,
    notices,
    cache: cacheVerdict(response.headers.get('cache-control'), response.headers.get('vary')),
  };
}

/** Whether a shared cache could hand this response to another visitor. */
function cacheVerdict(cacheControl: string | null, vary: string | null): Check['cache'] {
  const directives = (cacheControl ?? '').toLowerCase();
  if (/(^|[\s,])(private|no-store)\b/.test(directives))
    return { ok: true, cacheControl, vary, why: 'kept out of shared caches' };
  const keys = (vary ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => GEO_HEADER.test(name));
  if (keys.length > 0) return { ok: true, cacheControl, vary, why: `shared, keyed on ${keys.join(', ')}` };
  return {
    ok: false,
    cacheControl,
    vary,
    why: 'a shared cache may hand this page to any visitor: it is neither private nor varied on where the visitor is',
  };
}

function formatChecks(url: URL, checks: readonly Check[], noElsewhere: boolean): string {
  const lines = [`${url.href}`];
  for (const one of checks) {
    const place = describePlace(one.country, one.region);
    lines.push('', `${one.label} (${place}): HTTP ${one.status}`);
    lines.push(
      one.notices
        ? `  ok: notices ${one.found.length === 0 ? 'none, as expected' : one.found.join(', ')}`
        : `  WRONG: the page shows ${one.found.length === 0 ? 'no notice' : one.found.join(', ')}, the rules decide ${one.expected.length === 0 ? 'none' : one.expected.join(', ')}`,
    );
    lines.push(
      `  ${one.cache.ok ? 'ok' : 'UNSAFE'}: Cache-Control: ${one.cache.cacheControl ?? '(none)'}; ${one.cache.why}`,
    );
  }
  if (noElsewhere)
    lines.push('', 'no place found that the rules give no notice to: the check from elsewhere was not made');
  return lines.join('\n');
}

function parseUrl(value: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw new UsageError(`"${value}" is not an http or https URL`);
}

function placeOf(country: string, region: string | undefined): { country: string; region: string | null } {
  const code = parseCountry(country);
  return { country: code, region: region === undefined ? null : parseRegion(region, code) };
}

/** The first place a notice's `regions` names: a subdivision as itself, a country as itself. */
function firstNamedPlace(ruleSet: RuleSet): { country: string; region: string | null } | null {
  for (const notice of ruleSet.notices) {
    for (const condition of notice.conditions) {
      const subdivision = condition.regions?.subdivisions.values().next().value;
      if (subdivision !== undefined) return { country: subdivision.slice(0, 2), region: subdivision };
      const country = condition.regions?.countries.values().next().value;
      if (country !== undefined) return { country, region: null };
    }
  }
  return null;
}
