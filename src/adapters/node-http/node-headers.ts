import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerText, type RequestHeaders, type ResponseHeaders } from '../../pipeline/headers';

/** A request's headers as the pipeline reads them (node:http lower-cases their names). */
export function requestHeadersOf(req: IncomingMessage): RequestHeaders {
  return { get: (name) => headerText(req.headers[name.toLowerCase()]) };
}

/** A response's headers as the pipeline changes them, before node:http writes them. */
export function responseHeadersOf(res: ServerResponse): ResponseHeaders {
  return {
    get: (name) => headerText(res.getHeader(name)),
    set: (name, value) => void res.setHeader(name, value),
    delete: (name) => res.removeHeader(name),
  };
}
