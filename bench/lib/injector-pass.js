'use strict';
/**
 * One pass of the injector benchmark: the 10 MB page through one engine in 64 KiB chunks, each
 * chunk copied in as if freshly read and every output piece copied out.
 */
const { ENGINES } = require('./injectors');

const CHUNK = 64 * 1024;
const PAGE_BYTES = 10 * 1024 * 1024;
const NOTICE = Buffer.from(
  '<aside class="geonotice geonotice-info" role="note" lang="en" data-geonotice="b">End</aside>',
);

/** The page through a new instance of the engine; returns the output's length (written to `sink`). */
async function runThrough(page, engineName, sink) {
  const engine = ENGINES[engineName](NOTICE);
  let outAt = 0;
  const copyOut = (pieces) => {
    for (const piece of pieces) {
      sink.set(piece, outAt);
      outAt += piece.length;
    }
  };
  for (let at = 0; at < page.length; at += CHUNK) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, page.length - at));
    page.copy(chunk, 0, at, at + chunk.length);
    copyOut(await engine.write(chunk));
  }
  copyOut(await engine.end());
  return outAt;
}

module.exports = { CHUNK, PAGE_BYTES, NOTICE, runThrough };
