'use strict';
/**
 * Requests through an Express app without a network: `app.handle` with an in-memory socket that
 * only acknowledges what is written. For measures where loopback and the load generator would be
 * noise (heap allocated per request, A/B comparisons of CPU per request).
 */
const http = require('node:http');
const { Duplex } = require('node:stream');

/** Requests in flight at once, as with the throughput benchmark's 10 connections. */
const CONCURRENCY = 10;

/** One GET /page, as the visitor at `ip` (through X-Forwarded-For, trusted from loopback). */
function request(app, ip, headers = {}) {
  const socket = new Duplex({
    write: (chunk, encoding, callback) => callback(),
    writev: (chunks, callback) => callback(),
    read: () => undefined,
  });
  socket.remoteAddress = '127.0.0.1';
  const req = new http.IncomingMessage(socket);
  Object.assign(req, { method: 'GET', url: '/page', httpVersionMajor: 1, httpVersionMinor: 1, httpVersion: '1.1' });
  req.headers = { host: 'bench', 'x-forwarded-for': ip, 'accept-language': 'en', ...headers };
  const res = new http.ServerResponse(req);
  res.assignSocket(socket);
  return new Promise((resolve, reject) => {
    res.on('finish', resolve);
    app.handle(req, res, (error) => reject(error ?? new Error('no route answered')));
  });
}

/** `count` requests, `CONCURRENCY` at a time. */
async function requests(app, ip, count, headers) {
  for (let done = 0; done < count; done += CONCURRENCY) {
    await Promise.all(Array.from({ length: CONCURRENCY }, () => request(app, ip, headers)));
  }
}

module.exports = { requests };
