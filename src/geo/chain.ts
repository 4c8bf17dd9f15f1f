import { countryCode, subdivisionCode } from './location';
import { providerName, type GeoRequest } from './provider';
import type { GeoLocation, GeoProvider } from './types';
import { ErrorCodes, GeonoticeError } from '../errors';

/** What a chain of providers found out, and which provider knew it. */
export interface GeoAnswer {
  /** Null when no provider knew the location. */
  location: GeoLocation | null;
  /** The answering provider's name (`geoip-lite`, `cdn-header:cf-ipcountry`, a function's name); null when none knew. */
  source: string | null;
  /** How many providers were asked, the answering one included: every one of them decided the answer. */
  asked: number;
}

/** Told when a provider throws, rejects or answers something that is not a location. */
export type GeoErrorHandler = (error: unknown, providerName: string) => void;

/** No provider knew: every one of them was asked. */
function unknown(asked: number): GeoAnswer {
  return { location: null, source: null, asked };
}

/**
 * Asks each provider in turn until one knows the location. The answer is synchronous when every
 * provider asked answered synchronously (the built-in ones do), so the common path allocates no
 * promise; the first provider that returns a promise turns the rest of the walk asynchronous.
 *
 * A provider that throws, rejects, or returns something that is not a location counts as not
 * knowing: `onError` is told and the next provider is asked. A visitor is never left without an
 * answer because of one broken source. A lower-case code is accepted and upper-cased, and so is a
 * region given without its country (`43` for a `UA` location).
 */
export function locate<Request = GeoRequest>(
  providers: readonly ((req: Request) => ReturnType<GeoProvider>)[],
  req: Request,
  onError?: GeoErrorHandler,
): GeoAnswer | Promise<GeoAnswer> {
  for (let index = 0; index < providers.length; index++) {
    const provider = providers[index]!;
    let result: ReturnType<GeoProvider>;
    try {
      result = provider(req);
    } catch (error) {
      report(onError, error, providerName(provider, index));
      continue;
    }
    if (isPromiseLike(result)) return finishAsync(providers, req, onError, index, result);
    const answer = answerFrom(result, provider, index, onError);
    if (answer !== null) return answer;
  }
  return unknown(providers.length);
}

async function finishAsync<Request>(
  providers: readonly ((req: Request) => ReturnType<GeoProvider>)[],
  req: Request,
  onError: GeoErrorHandler | undefined,
  startIndex: number,
  pending: PromiseLike<GeoLocation | null>,
): Promise<GeoAnswer> {
  for (let index = startIndex; index < providers.length; index++) {
    const provider = providers[index]!;
    let result: GeoLocation | null;
    try {
      result = index === startIndex ? await pending : await provider(req);
    } catch (error) {
      report(onError, error, providerName(provider, index));
      continue;
    }
    const answer = answerFrom(result, provider, index, onError);
    if (answer !== null) return answer;
  }
  return unknown(providers.length);
}

/** The answer for a provider's result; null when it did not know (or answered nonsense). */
function answerFrom(
  result: unknown,
  provider: { readonly name: string },
  index: number,
  onError: GeoErrorHandler | undefined,
): GeoAnswer | null {
  if (result === null || result === undefined) return null;
  const location = checkedLocation(result);
  if (location === null) {
    const name = providerName(provider, index);
    report(
      onError,
      new GeonoticeError(
        ErrorCodes.geo,
        `geo provider "${name}" answered ${describe(result)}, which is not a location such as { country: 'UA', region: 'UA-43' } or null`,
      ),
      name,
    );
    return null;
  }
  return { location, source: providerName(provider, index), asked: index + 1 };
}

/** A clean `{ country, region? }` from a provider's result (extra fields dropped), or null when it is not a location. */
function checkedLocation(result: unknown): GeoLocation | null {
  if (typeof result !== 'object' || result === null) return null;
  const { country: rawCountry, region: rawRegion } = result as { country?: unknown; region?: unknown };
  const country = countryCode(rawCountry);
  if (country === null) return null;
  if (rawRegion === undefined || rawRegion === null || rawRegion === '') return { country };
  const region = subdivisionCode(country, rawRegion);
  return region === undefined ? null : { country, region };
}

function report(onError: GeoErrorHandler | undefined, error: unknown, name: string): void {
  if (onError === undefined) return;
  try {
    onError(error, name);
  } catch {
    // A failing error handler must not take the request down with it.
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<GeoLocation | null> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
