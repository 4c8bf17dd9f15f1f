// The smallest geonotice site: one rule file with one rule, one page, one JSON route.
//
//   npm run build                      # once, so that require('geonotice') finds the package
//   node examples/01-one-rule/server.js
//   curl -H 'X-Forwarded-For: 34.32.64.1' localhost:3001/   # a Berlin address: the notice
'use strict';

const path = require('node:path');
const express = require('express');
const { geonotice } = require('geonotice');

/** Builds the app without listening, so tests can drive it with supertest. */
function createApp() {
  const app = express();
  // Trust X-Forwarded-For only from a proxy on this machine (curl's header stands for one here).
  // geonotice locates req.ip, and this setting is what makes req.ip the visitor's address.
  app.set('trust proxy', 'loopback');
  app.use(geonotice({ rules: path.join(__dirname, 'rules.yaml') }));

  app.get('/', (req, res) => {
    res.type('html').send('<!doctype html><html><head><title>Hello</title></head><body><h1>Hello</h1></body></html>');
  });
  app.get('/api/hello', (req, res) => res.json({ hello: 'world' }));
  return app;
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3001);
  createApp().listen(port, () => console.log(`01-one-rule on http://localhost:${port}/`));
}

module.exports = { createApp };
