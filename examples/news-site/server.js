// The example news site: Express 5 with compression, helmet's CSP (with nonces), EJS templates,
// static files, and geonotice mounted with the shipped rules plus one rule of its own.
//
//   npm start                       # builds geonotice, then serves on PORT (default 3000)
//   curl -H 'X-Forwarded-For: 31.135.112.1' -H 'Accept-Language: ru' localhost:3000/
'use strict';

const crypto = require('node:crypto');
const path = require('node:path');
const express = require('express');
const compression = require('compression');
const helmet = require('helmet');
const { geonotice } = require('geonotice');
const { articles, findArticle, videos, findVideo } = require('./content');

/** Builds the app without listening, so tests can drive it with supertest. */
function createApp(options = {}) {
  const app = express();

  // The site sits behind a proxy on the same machine (or curl sets X-Forwarded-For locally):
  // trust only loopback proxies, so req.ip is the visitor and nobody else can forge it.
  app.set('trust proxy', 'loopback');
  app.set('view engine', 'ejs');
  app.set('views', path.join(__dirname, 'views'));

  app.use(compression());
  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          styleSrc: ["'self'", (req, res) => `'nonce-${res.locals.cspNonce}'`],
        },
      },
    }),
  );
  app.use(
    geonotice({
      rules: [path.join(__dirname, '../../rules'), path.join(__dirname, 'rules')],
      endpoint: '/geonotice.json',
      ...options,
    }),
  );
  app.use(express.static(path.join(__dirname, 'public'), { maxAge: '10m' }));

  app.get('/', (req, res) => {
    res.set('Cache-Control', 'public, max-age=60');
    res.render('index', { title: 'Latest news', articles, videos });
  });
  app.get('/articles/:slug', (req, res, next) => {
    const article = findArticle(req.params.slug);
    if (!article) return next();
    res.render('article', { title: article.title, article });
  });
  app.get('/video/:slug', (req, res, next) => {
    const video = findVideo(req.params.slug);
    if (!video) return next();
    // This template renders res.locals.geonotice itself: the footage-rights notice has
    // `placement: none`, so geonotice puts it only in res.locals and the Geonotice header.
    res.render('video', { title: video.title, video });
  });
  app.get('/about', (req, res) => res.render('about', { title: 'About us' }));
  app.get('/api/articles', (req, res) => res.json(articles.map(({ slug, title }) => ({ slug, title }))));
  app.use((req, res) => res.status(404).render('not-found', { title: 'Not found' }));
  return app;
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  createApp().listen(port, () => {
    console.log(`news site on http://localhost:${port}/`);
    console.log(`try: curl -H 'X-Forwarded-For: 31.135.112.1' -H 'Accept-Language: ru' localhost:${port}/`);
  });
}

module.exports = { createApp };
