// Templates and the JSON endpoint: a server-rendered page whose EJS template shows the
// `placement: none` notice from res.locals.geonotice, and a single-page app whose static client
// script fetches the same decision from /geonotice.json.
//
//   npm run build                                     # once
//   node examples/02-templates-and-endpoint/server.js  # PORT, default 3002
//   curl -H 'X-Forwarded-For: 34.32.64.1' -H 'Accept-Language: de' localhost:3002/geonotice.json
'use strict';

const path = require('node:path');
const express = require('express');
const { geonotice } = require('geonotice');

const product = { name: 'Walking boots', price: '€89' };

/** Builds the app without listening, so tests can drive it with supertest. */
function createApp() {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.set('view engine', 'ejs');
  app.set('views', path.join(__dirname, 'views'));

  // A strict policy: no inline script or style anywhere, which the client script is built for.
  app.use((req, res, next) => {
    res.setHeader('Content-Security-Policy', "default-src 'self'");
    next();
  });
  app.use(
    geonotice({
      rules: path.join(__dirname, 'rules'),
      // GET /geonotice.json answers the visitor's decision as JSON, never cached by anyone.
      endpoint: '/geonotice.json',
    }),
  );
  app.use(express.static(path.join(__dirname, 'public')));

  // Server-rendered: the template reads res.locals.geonotice.
  app.get('/', (req, res) => res.render('product', { product }));
  // The single-page app: a static shell; its script renders the notices in the browser.
  app.get('/app', (req, res) => res.sendFile(path.join(__dirname, 'public/app.html')));
  return app;
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3002);
  createApp().listen(port, () => console.log(`02-templates-and-endpoint on http://localhost:${port}/ and /app`));
}

module.exports = { createApp };
