import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCodes, GeonoticeError } from '../errors';
import { inlineStyleAllowed } from '../inject/csp';
import { createHtmlInjector, type Insertions } from '../inject/injector';
import { encodedTransform, isSupportedEncoding, plainTransform } from './body-transform';
import { hasNoTransform } from './cache-headers';
import type { BodyPlan } from './response-hook';

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** Why a response is left as it is; for tests and debugging, never shown to visitors. */
export type PassReason = 'head' | 'status' | 'not-html' | 'no-transform' | 'encoding' | 'charset';

/** The checks `compression` makes before touching a body, ours in the same order. */
export function passReason(req: IncomingMessage, res: ServerResponse): PassReason | null {
  if (req.method === 'HEAD') return 'head';
  const status = res.statusCode;
  if (status < 200 || status === 204 || status === 206 || status === 304) return 'status';
  const type = res.getHeader('Content-Type');
  if (typeof type !== 'string' || !HTML_TYPE.test(type)) return 'not-html';
  if (hasNoTransform(res.getHeader('Cache-Control'))) return 'no-transform';
  return null;
}

export interface BodyPlanInput {
  req: IncomingMessage;
  res: ServerResponse & { locals?: Record<string, unknown> };
  styles: boolean;
  buildInsertions: (charset: string, styles: { nonce?: string } | null) => Insertions | null;
  onError: (error: Error) => void;
}

/** Decides, at header time, whether and how this response's body gets the notices. */
export function planBody({ req, res, styles, buildInsertions, onError }: BodyPlanInput): BodyPlan | null {
  if (passReason(req, res) !== null) return null;

  const encodingHeader = res.getHeader('Content-Encoding');
  const encoding = typeof encodingHeader === 'string' ? encodingHeader.trim().toLowerCase() : 'identity';
  if (encoding !== 'identity' && !isSupportedEncoding(encoding)) {
    onError(new GeonoticeError(ErrorCodes.encoding, `geonotice: cannot decode Content-Encoding "${encoding}" on ${req.url ?? ''}; passed through without notices`));
    return null;
  }

  const type = String(res.getHeader('Content-Type'));
  const charset = CHARSET.exec(type)?.[1]?.toLowerCase() ?? 'utf-8';
  const nonce = typeof res.locals?.cspNonce === 'string' ? res.locals.cspNonce : undefined;
  const styleAllowed = styles && inlineStyleAllowed(res.getHeader('Content-Security-Policy'), nonce);
  const insertions = buildInsertions(charset, styleAllowed ? (nonce === undefined ? {} : { nonce }) : null);
  if (insertions === null) return null;

  if (encoding === 'identity') {
    return { sync: true, create: (sink) => plainTransform(createHtmlInjector(insertions), sink) };
  }
  if (!isSupportedEncoding(encoding)) return null;
  return { sync: false, create: (sink) => encodedTransform(createHtmlInjector(insertions), encoding, sink) };
}
