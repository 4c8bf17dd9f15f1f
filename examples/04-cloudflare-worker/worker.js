// A Cloudflare Worker in front of a news site: pages come from Cloudflare's edge cache, shared by
// every visitor, and each visitor's notices go into the page after the cache, from request.cf.
//
//   npx geonotice compile rules --out examples/04-cloudflare-worker/rules.json
//   npx wrangler dev --config examples/04-cloudflare-worker/wrangler.toml
import { geonoticeFetch } from 'geonotice/fetch';
import rules from './rules.json';

const notices = geonoticeFetch({ rules });

/** Whether the edge cache may keep this response: the origin's own caching headers decide. */
function shareable(response) {
  const cacheControl = response.headers.get('Cache-Control') ?? '';
  return (
    response.status === 200 &&
    /\b(public|s-maxage)\b/i.test(cacheControl) &&
    !/\b(private|no-store)\b/i.test(cacheControl)
  );
}

/** The origin's URL for a request: the ORIGIN variable when set (local development), else the request's own. */
function originRequest(request, env) {
  if (!env.ORIGIN) return request;
  const url = new URL(request.url);
  return new Request(new URL(url.pathname + url.search, env.ORIGIN), request);
}

export default {
  async fetch(request, env, ctx) {
    if (request.method !== 'GET') return notices.transform(request, await fetch(originRequest(request, env)));
    const cache = caches.default;
    let response = await cache.match(request);
    if (response === undefined) {
      response = await fetch(originRequest(request, env));
      // The cached copy is the origin's page as everyone gets it: no visitor's notice is in it.
      if (shareable(response)) ctx.waitUntil(cache.put(request, response.clone()));
    }
    // The visitor's copy: notices in, and private, so no cache further down keeps it.
    return notices.transform(request, response);
  },
};
