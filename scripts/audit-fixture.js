#!/usr/bin/env node
/**
 * Writes test/fixtures/audit/decisions.jsonl: a small audit log from a real server (the built
 * package, the shipped rules, a fixed clock), for the examples of docs/auditing.md; and
 * tampered.jsonl, the same log with one record's status changed by hand. Chain and record ids are
 * random, so each run writes other bytes; the examples read the committed files.
 *
 * Run `npm run build` first: node scripts/audit-fixture.js
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const express = require('express');
const { geonotice } = require('..');

const OUT = path.join(__dirname, '../test/fixtures/audit');
const LOG = path.join(OUT, 'decisions.jsonl');

const visits = [
  ['2026-11-30T09:15:00Z', '/news/1', { 'x-forwarded-for': '31.135.112.77', 'accept-language': 'ru' }],
  ['2026-11-30T09:16:30Z', '/news/2', { 'x-forwarded-for': '31.135.112.77', 'accept-language': 'uk' }],
  ['2026-11-30T10:02:00Z', '/news/1', { 'x-forwarded-for': '8.8.8.8', 'accept-language': 'en' }],
  ['2026-11-30T11:40:00Z', '/api/status', { 'x-forwarded-for': '31.135.112.77' }],
  ['2026-12-01T07:05:00Z', '/news/3', { 'x-forwarded-for': '5.183.68.7', 'accept-language': 'ru' }],
  [
    '2026-12-01T07:06:00Z',
    '/news/3',
    { 'x-forwarded-for': '5.183.68.7', 'accept-language': 'ru', 'sec-purpose': 'prefetch' },
  ],
  ['2026-12-01T08:00:00Z', '/news/4', { 'x-forwarded-for': '31.135.112.77', 'accept-language': 'ru' }],
];

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  fs.rmSync(LOG, { force: true });
  let clock = new Date(visits[0][0]);
  const middleware = geonotice({ rules: path.join(__dirname, '../rules'), audit: LOG, now: () => clock });
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(middleware);
  app.get('/api/status', (_req, res) => res.json({ ok: true }));
  app.get('/news/:id', (_req, res) => res.send('<!DOCTYPE html><html><body><p>Story</p></body></html>'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  for (const [time, urlPath, headers] of visits) {
    clock = new Date(time);
    await new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: server.address().port, path: urlPath, headers, agent: false }, (res) =>
          res.resume().on('end', resolve),
        )
        .on('error', reject);
    });
  }
  server.close();
  await middleware.close();
  const lines = fs.readFileSync(LOG, 'utf8').trimEnd().split('\n');
  const target = lines.findIndex((line) => line.includes('"path":"/news/4"'));
  lines[target] = lines[target].replace('"status":200', '"status":404');
  fs.writeFileSync(path.join(OUT, 'tampered.jsonl'), `${lines.join('\n')}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
