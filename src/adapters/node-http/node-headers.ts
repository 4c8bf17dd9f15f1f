import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerText, type RequestHeaders, type ResponseHeaders } from '../../pipeline/headers';

/** A request's headers as the pipeline reads them (node:http lower-cases their names). */
class NodeRequestHeaders implements RequestHeaders {
  constructor(private readonly req: IncomingMessage) {}

  get(name: string): string | undefined {
    return headerText(this.req.headers[name.toLowerCase()]);
  }
}

/** A response's headers as the pipeline changes them, before node:http writes them. */
class NodeResponseHeaders implements ResponseHeaders {
  constructor(private readonly res: ServerResponse) {}

  get(name: string): string | undefined {
    return headerText(this.res.getHeader(name));
  }

  set(name: string, value: string): void {
    this.res.setHeader(name, value);
  }

  delete(name: string): void {
    this.res.removeHeader(name);
  }
}

// Classes rather than object literals of closures: one small object per request, its methods shared.
export function requestHeadersOf(req: IncomingMessage): RequestHeaders {
  return new NodeRequestHeaders(req);
}

export function responseHeadersOf(res: ServerResponse): ResponseHeaders {
  return new NodeResponseHeaders(res);
}
