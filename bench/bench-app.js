'use strict';
/**
 * The app every HTTP-level benchmark measures: Express with the same 30 KB page at `/page`, bare
 * or with geonotice (the bench rules) and/or compression(). VARIANT is one of
 * bare | geonotice | bare-gzip | geonotice-gzip. `before` mounts routes ahead of both
 * middlewares (the throughput benchmark's CPU probe).
 */
const path = require('node:path');
const express = require('express');
const compression = require('compression');
const { geonotice } = require('../dist');
const { buildHtmlPage } = require('./page');

const VARIANTS = ['bare', 'geonotice', 'bare-gzip', 'geonotice-gzip'];

function createBenchApp(variant, before = () => undefined) {
  if (!VARIANTS.includes(variant)) throw new Error(`unknown variant "${variant}" (known: ${VARIANTS.join(', ')})`);
  const page = buildHtmlPage(30 * 1024);
  const app = express();
  app.set('trust proxy', 'loopback');
  app.set('etag', false);
  before(app);
  if (variant.endsWith('-gzip')) app.use(compression());
  if (variant.startsWith('geonotice')) {
    process.removeAllListeners('warning'); // the geo-data age warning is expected here
    app.use(geonotice({ rules: path.join(__dirname, 'rules') }));
  }
  app.get('/page', (req, res) => res.type('html').send(page));
  return app;
}

module.exports = { createBenchApp };
