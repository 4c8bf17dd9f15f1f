/**
 * A shared cache in front of an origin, for tests: an HTTP proxy that stores and reuses responses
 * exactly as RFC 9111 lets a shared cache (Cache-Control, Vary, Age), by http-cache-semantics.
 * It counts what it served from the cache and what it had to ask the origin for, per path.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import CachePolicy from 'http-cache-semantics';

interface Stored {
  policy: CachePolicy;
  status: number;
  body: Buffer;
}

export interface CachingProxy {
  port: number;
  /** Responses served from the cache, per path. */
  hits: Map<string, number>;
  /** Requests forwarded to the origin, per path. */
  misses: Map<string, number>;
  close(): Promise<void>;
}

/** Hop-by-hop headers a proxy does not forward (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function endToEnd(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export async function startCachingProxy(originPort: number): Promise<CachingProxy> {
  const store = new Map<string, Stored[]>();
  const hits = new Map<string, number>();
  const misses = new Map<string, number>();
  const agent = new http.Agent({ keepAlive: true });

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const asked = { url, method: req.method ?? 'GET', headers: req.headers };
    const fresh = (store.get(url) ?? []).find((entry) => entry.policy.satisfiesWithoutRevalidation(asked));
    if (fresh !== undefined) {
      count(hits, path);
      res.writeHead(fresh.status, endToEnd(fresh.policy.responseHeaders()));
      res.end(fresh.body);
      return;
    }
    count(misses, path);
    const forwarded = http.request(
      { host: '127.0.0.1', port: originPort, path: url, method: asked.method, headers: endToEnd(req.headers), agent },
      (origin) => {
        const chunks: Buffer[] = [];
        origin.on('data', (chunk: Buffer) => chunks.push(chunk));
        origin.on('end', () => {
          const body = Buffer.concat(chunks);
          const status = origin.statusCode ?? 502;
          const policy = new CachePolicy(asked, { status, headers: origin.headers }, { shared: true });
          if (policy.storable()) {
            const entries = store.get(url) ?? [];
            entries.unshift({ policy, status, body });
            store.set(url, entries);
          }
          res.writeHead(status, endToEnd(origin.headers));
          res.end(body);
        });
      },
    );
    forwarded.on('error', (error) => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(forwarded);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    misses,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
