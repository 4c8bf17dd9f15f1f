import type { IncomingMessage } from 'node:http';
import { verifyPreviewToken, type PreviewVisitor } from '../../preview/token';

const HEADER = 'geonotice-preview';
const QUERY = 'geonotice_preview';

/** The token a QA request carries, from its header or its query string; undefined when none. */
function tokenOf(req: IncomingMessage): string | undefined {
  const header = req.headers[HEADER];
  if (typeof header === 'string' && header !== '') return header;
  const url = req.url ?? '';
  const query = url.indexOf('?');
  if (query === -1 || !url.includes(QUERY, query)) return undefined;
  return new URLSearchParams(url.slice(query + 1)).get(QUERY) ?? undefined;
}

/** The visitor a valid preview token stands for; null when there is none, or it is forged or expired. */
export function previewVisitor(req: IncomingMessage, secret: string, now: Date): PreviewVisitor | null {
  const token = tokenOf(req);
  return token === undefined ? null : verifyPreviewToken(token, secret, now);
}
