// Behind a CDN: the visitor's country comes from the CDN's CF-IPCountry header (with geoip-lite
// as the fallback when the header is missing or says "unknown"), pages stay cacheable by the CDN
// because the cache keys on that header (Vary), and every decision is written to stdout as one
// JSON line for the audit log.
//
//   npm run build                             # once
//   node examples/03-cdn-and-cache/server.js  # PORT, default 3003
//   curl -i -H 'CF-IPCountry: BY' localhost:3003/subscribe
'use strict';

const express = require('express');
const path = require('node:path');
const { geonotice, cdnHeaderProvider, geoipLiteProvider } = require('geonotice');

const page = (title, body) =>
  `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

/**
 * Builds the app without listening, so tests can drive it with supertest.
 * `auditLog` is where the audit lines go: standard output unless a test passes its own stream.
 */
function createApp({ auditLog = process.stdout } = {}) {
  const app = express();
  // In production this is the CDN's address ranges (Cloudflare publishes them), so that req.ip,
  // which the geoip-lite fallback reads, is the visitor rather than the CDN's edge server.
  app.set('trust proxy', 'loopback');

  app.use(
    geonotice({
      rules: path.join(__dirname, 'rules'),
      // Tried in order until one knows: the CDN's header first, the bundled geo data second.
      geo: [cdnHeaderProvider({ header: 'CF-IPCountry' }), geoipLiteProvider()],
      // Pages that differ by visitor keep their public Cache-Control and get Vary: CF-IPCountry,
      // so the CDN keeps one copy per country instead of none at all.
      cache: { vary: 'CF-IPCountry' },
      // One line per request: time, the address cut to its network, the location, the notices
      // and the rules version, enough to answer "who saw what, under which rules".
      onDecision: (record) => auditLog.write(`${JSON.stringify({ event: 'geonotice.decision', ...record })}\n`),
    }),
  );

  app.get('/', (req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.type('html').send(page('Daily news', '<p><a href="/subscribe">Subscribe</a></p>'));
  });
  app.get('/subscribe', (req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.type('html').send(page('Subscribe', '<form method="post"><button>Pay by card</button></form>'));
  });
  return app;
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3003);
  createApp().listen(port, () =>
    console.error(`03-cdn-and-cache on http://localhost:${port}/ (audit lines follow on stdout)`),
  );
}

module.exports = { createApp };
