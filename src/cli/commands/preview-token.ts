import {
  createPreviewToken,
  MAX_PREVIEW_TOKEN_LIFETIME_SECONDS,
  previewLifetimeProblem,
  previewSecretProblem,
  serialisePayload,
  type PreviewVisitor,
} from '../../preview/token';
import { countryCodeProblem, subdivisionCodeProblem } from '../../rules/iso-codes';
import { parseAcceptLanguage } from '../../visitor/accept-language';
import { parseCommandArgs } from '../args';
import { ExitCode, UsageError, type CliIO } from '../io';

/** Read when `--secret` is not given, so the secret need not appear in shell history or `ps`. */
export const PREVIEW_SECRET_ENV = 'GEONOTICE_PREVIEW_SECRET';
const DEFAULT_TTL_SECONDS = 3600;

export const previewTokenHelp = `Usage: geonotice preview-token --country CC [--region CC-SUB] [--lang L] [--ttl S | --exp UNIX] [options]

Prints a signed token that makes a site running geonotice with the "preview" option treat a
request as a visitor from that place. Send it as the Geonotice-Preview header or the
geonotice_preview query parameter. It is valid until it expires; anyone who has it can use it.

Options:
  --secret S        the site's preview secret (default: the ${PREVIEW_SECRET_ENV} environment variable)
  --country CC      ISO 3166-1 alpha-2 country, e.g. RU
  --region CC-SUB   ISO 3166-2 subdivision inside that country, e.g. RU-MOW
  --lang L          the visitor's languages, as an Accept-Language value, e.g. "uk,ru;q=0.8";
                    written into the token as tags in preference order ("uk,ru")
  --ttl S           seconds from now until the token expires (default ${DEFAULT_TTL_SECONDS},
                    at most ${MAX_PREVIEW_TOKEN_LIFETIME_SECONDS}: 7 days; the site refuses longer-lived tokens)
  --exp UNIX        expiry as Unix seconds (instead of --ttl), at most 7 days from now
  --json            print { token, payload, visitor, expires }
  -h, --help        show this help`;

export function previewTokenCommand(args: readonly string[], io: CliIO): ExitCode {
  const { values, positionals } = parseCommandArgs(args, {
    secret: { type: 'string' },
    country: { type: 'string' },
    region: { type: 'string' },
    lang: { type: 'string' },
    ttl: { type: 'string' },
    exp: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);

  const secret = values.secret ?? io.env?.[PREVIEW_SECRET_ENV];
  if (secret === undefined || secret === '') {
    throw new UsageError(
      `give the site's preview secret with --secret or the ${PREVIEW_SECRET_ENV} environment variable`,
    );
  }
  const secretProblem = previewSecretProblem(secret);
  if (secretProblem !== null) {
    throw new UsageError(
      `${values.secret === undefined ? PREVIEW_SECRET_ENV : '--secret'}: ${secretProblem}; the site refuses it too`,
    );
  }
  const now = new Date();
  const visitor: PreviewVisitor = {
    country: parseCountry(values.country),
    exp: parseExpiry(values.ttl, values.exp, now),
  };
  const lifetimeProblem = previewLifetimeProblem(visitor.exp, now);
  if (lifetimeProblem !== null) throw new UsageError(`${lifetimeProblem}; the site would ignore it`);
  if (values.region !== undefined) visitor.region = parseRegion(values.region, visitor.country);
  if (values.lang !== undefined) visitor.lang = parseLanguages(values.lang);

  const token = createPreviewToken(visitor, secret);
  if (values.json) {
    const expires = new Date(visitor.exp * 1000).toISOString();
    io.stdout(JSON.stringify({ token, payload: serialisePayload(visitor), visitor, expires }, null, 2));
  } else {
    // The token alone, so that `$(geonotice preview-token …)` works in scripts.
    io.stdout(token);
  }
  return ExitCode.ok;
}

export function parseCountry(value: string | undefined): string {
  if (value === undefined)
    throw new UsageError('say which country the preview is for: --country CC (e.g. --country RU)');
  const country = value.toUpperCase();
  const problem = /^[A-Z]{2}$/.test(country)
    ? countryCodeProblem(country)
    : `country must be two letters (ISO 3166-1 alpha-2): got "${value}"`;
  if (problem !== null) throw new UsageError(problem);
  return country;
}

export function parseRegion(value: string, country: string): string {
  const region = value.toUpperCase();
  if (!region.startsWith(`${country}-`)) throw new UsageError(`region ${region} is not in country ${country}`);
  const problem = subdivisionCodeProblem(region);
  if (problem !== null) throw new UsageError(problem);
  return region;
}

/**
 * The payload separates its fields with `;`, which q-values also use; the tags in the order of
 * preference carry the same meaning for a decision, so that is what the token keeps.
 */
function parseLanguages(value: string): string {
  const tags = parseAcceptLanguage(value);
  if (tags.length === 0) throw new UsageError(`--lang has no usable language tag: got "${value}"`);
  return tags.join(',');
}

function parseExpiry(ttl: string | undefined, exp: string | undefined, now: Date): number {
  if (ttl !== undefined && exp !== undefined) throw new UsageError('give either --ttl or --exp, not both');
  if (exp !== undefined) return wholeSeconds('--exp', exp);
  const seconds = ttl === undefined ? DEFAULT_TTL_SECONDS : wholeSeconds('--ttl', ttl);
  if (seconds === 0) throw new UsageError('--ttl must be at least 1 second');
  return Math.floor(now.getTime() / 1000) + seconds;
}

function wholeSeconds(flag: string, value: string): number {
  if (!/^[0-9]{1,12}$/.test(value)) throw new UsageError(`${flag} must be a whole number of seconds: got "${value}"`);
  return Number(value);
}
