'use strict';
/**
 * The app every HTTP-level benchmark measures: Express with the same 30 KB page at `/page`, and
 * in front of it nothing (`bare`), the hand-written floor (`floor`) or geonotice with the bench
 * rules (`geonotice`); each also behind compression() (`-gzip`). `geonotice@DIR` is geonotice as
 * built in DIR (another build's `dist`, for an A/B of a change). `before` mounts routes ahead of
 * every middleware (the throughput benchmark's CPU probe).
 */
const path = require('node:path');
const express = require('express');
const compression = require('compression');
const { renderNotice } = require('../../dist/pipeline/markup');
const { renderStyles } = require('../../dist/pipeline/styles');
const { floorMiddleware } = require('./floor');
const { buildHtmlPage } = require('./page');

const MIDDLEWARES = ['bare', 'floor', 'geonotice'];
const VARIANTS = MIDDLEWARES.flatMap((name) => [name, `${name}-gzip`]);

/** The visitors of the bench rules (bench/rules), by what they get. */
const VISITORS = {
  noNotice: '8.8.8.8', // US
  bodyStart: '31.135.112.1', // UA-43 in the pinned data: the body-start notice
  bodyEnd: '78.30.208.1', // UA-40: the body-end notice
};

/** The floor shows Crimea's visitors the same bytes geonotice puts after their `<body>`. */
function floorNotices() {
  const notice = {
    id: 'bench-start',
    language: 'en',
    style: 'warning',
    title: 'Benchmark notice',
    text: 'A notice injected at the start of the body, with a <few> characters to escape & more.',
  };
  return { 'UA-43': `${renderStyles()}${renderNotice(notice)}` };
}

const DIST = path.join(__dirname, '..', '..', 'dist');

function createBenchApp(name, before = () => undefined) {
  const [variant, dist = DIST] = name.split('@');
  if (!VARIANTS.includes(variant))
    throw new Error(`unknown variant "${variant}" (known: ${VARIANTS.join(', ')}, each with @DIST)`);
  const page = buildHtmlPage(30 * 1024);
  const app = express();
  app.set('trust proxy', 'loopback');
  app.set('etag', false);
  before(app);
  if (variant.endsWith('-gzip')) app.use(compression());
  if (variant.startsWith('geonotice')) {
    const { geonotice } = require(path.resolve(dist));
    app.use(geonotice({ rules: path.join(__dirname, '..', 'rules'), geoWarnings: false }));
  } else if (variant.startsWith('floor')) {
    app.use(floorMiddleware(floorNotices()));
  }
  app.get('/page', (req, res) => res.type('html').send(page));
  return app;
}

module.exports = { createBenchApp, VARIANTS, VISITORS };
