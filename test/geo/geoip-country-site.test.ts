/**
 * The country-only provider in a real Express site on the shipped rules, alone and behind a CDN
 * header, and, in a separate process on the built package, proof that it never loads geoip-lite.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { cdnHeaderProvider, geonotice, geoipCountryProvider, type GeoProvider } from '../../src';
import { PAGE, ROOT, SHIPPED_NOTICE, SHIPPED_RULES_DIR, failOnError, noticeCount } from '../helpers/geonotice-app';

/** A site behind a proxy on loopback (supertest's connection), so X-Forwarded-For sets req.ip. */
function siteLocatingWith(geo: GeoProvider | GeoProvider[]) {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(geonotice({ rules: SHIPPED_RULES_DIR, geo, onError: failOnError }));
  app.get('/', (req, res) => res.send(PAGE));
  app.get('/where', (req, res) => res.json(res.locals['geonotice'].visitor));
  return app;
}

describe('a site on the shipped rules with geoipCountryProvider', () => {
  const site = siteLocatingWith(geoipCountryProvider());

  it('shows the notice to an address in Russia', async () => {
    const res = await request(site).get('/').set('X-Forwarded-For', '5.183.68.7').expect(200);
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['geonotice']).toBe(SHIPPED_NOTICE);
  });

  it('knows only the country of a Crimean address, so the rule on UA-43 cannot match it', async () => {
    // The shipped rule's own test: "a reader elsewhere in Ukraine with no known subdivision sees nothing".
    const where = await request(site).get('/where').set('X-Forwarded-For', '31.135.112.1').expect(200);
    expect(where.body).toMatchObject({ country: 'UA', region: null });
    const res = await request(site).get('/').set('X-Forwarded-For', '31.135.112.1').expect(200);
    expect(res.text).toBe(PAGE);
    expect(res.headers['geonotice']).toBeUndefined();
  });

  it('shows nothing to an address in the United States', async () => {
    const res = await request(site).get('/').set('X-Forwarded-For', '8.8.8.8').expect(200);
    expect(res.text).toBe(PAGE);
  });
});

describe('geoipCountryProvider behind a CDN header', () => {
  const site = siteLocatingWith([cdnHeaderProvider({ header: 'CF-IPCountry' }), geoipCountryProvider()]);

  it('takes the CDN header first', async () => {
    const res = await request(site).get('/').set('X-Forwarded-For', '8.8.8.8').set('CF-IPCountry', 'RU').expect(200);
    expect(noticeCount(res.text)).toBe(1);
  });

  it('locates the address when the header is missing or names no country', async () => {
    for (const header of [undefined, 'XX']) {
      const ru = request(site).get('/').set('X-Forwarded-For', '5.183.68.7');
      const us = request(site).get('/').set('X-Forwarded-For', '8.8.8.8');
      if (header !== undefined) {
        ru.set('CF-IPCountry', header);
        us.set('CF-IPCountry', header);
      }
      expect(noticeCount((await ru.expect(200)).text)).toBe(1);
      expect((await us.expect(200)).text).toBe(PAGE);
    }
  });
});

describe('the built package with geoipCountryProvider', () => {
  const built = path.join(ROOT, 'dist/geo/geoip-country.js');

  it('serves a located request without loading geoip-lite', () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first (npm test does)`);
    // A fresh process: in jest, other tests in the same worker may have loaded geoip-lite already.
    const script = `
      const http = require('node:http');
      // Warnings are collected rather than printed, so that stderr shows anything else.
      const warnings = [];
      process.removeAllListeners('warning');
      process.on('warning', (warning) => warnings.push(warning.code));
      const express = require('express');
      const { geonotice, geoipCountryProvider } = require(${JSON.stringify(path.join(ROOT, 'dist'))});
      const app = express();
      app.set('trust proxy', 'loopback');
      app.use(geonotice({ rules: ${JSON.stringify(SHIPPED_RULES_DIR)}, geo: geoipCountryProvider({ preload: true }) }));
      app.get('/', (req, res) => res.send('<html><body><p>page</p></body></html>'));
      const server = app.listen(0, '127.0.0.1', () => {
        const options = { port: server.address().port, host: '127.0.0.1', headers: { 'x-forwarded-for': '5.183.68.7' } };
        http.get(options, (res) => {
          res.resume();
          res.on('end', () => {
            const geoipLite = Object.keys(require.cache).filter((file) => /[\\\\/]geoip-lite[\\\\/]lib[\\\\/]/.test(file));
            console.log(JSON.stringify({ notices: res.headers['geonotice'] ?? null, geoipLite, warnings }));
            server.close();
          });
        });
      });`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    // The data shipped with geoip-lite 1.4.10 is from 2023, so its age is worth a warning; and the
    // shipped rules name subdivisions, which country-only data never gives.
    expect(JSON.parse(child.stdout)).toEqual({
      notices: SHIPPED_NOTICE,
      geoipLite: [],
      warnings: ['GEONOTICE_GEO_DATA_AGE', 'GEONOTICE_GEO_SUBDIVISIONS'],
    });
  });
});
