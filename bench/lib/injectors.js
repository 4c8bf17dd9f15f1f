'use strict';
/**
 * The engines the injector benchmark compares, each putting the same markup before the page's
 * `</body>` (body-end: the whole page is read), each as a streaming step: `write(chunk)` and
 * `end()` return (or resolve to) the bytes that may go out now. Each is set up the way a user who
 * picks it for this job would, given its best fair chance:
 *
 * - geonotice: `createHtmlInjector({ bodyEnd })`.
 * - lol-html, the engine of Cloudflare's HTMLRewriter, as html-rewriter-wasm: `append` on `body`.
 * - htmlparser2: the `</body>` found by its tokenizer (`onclosetag`); it reads strings, so the
 *   bytes go in as latin1, one character per byte, where its indices are byte offsets and the
 *   markup reads the same as in UTF-8. The last chunk is held back until the next one is parsed,
 *   as a `</body>` cut by a chunk boundary is only reported once it is complete.
 * - passthrough: every chunk as it came (for scale: the harness's own cost).
 * - naive indexOf: `</body>` searched in each chunk as bytes (for scale: it misplaces a notice
 *   whenever `</body>` is written in a script, a comment or an attribute, or cut by a chunk
 *   boundary).
 */
const { HTMLRewriter } = require('html-rewriter-wasm');
const { Parser } = require('htmlparser2');
const { createHtmlInjector } = require('../../dist/pipeline/html/injector');

const BODY_END_TAG = Buffer.from('</body>');

function geonoticeEngine(notice) {
  const injector = createHtmlInjector({ bodyEnd: notice });
  return { write: (chunk) => injector.write(chunk), end: () => injector.end() };
}

function lolHtmlEngine(notice) {
  const markup = notice.toString('utf8');
  let out = [];
  const rewriter = new HTMLRewriter((piece) => out.push(piece)).on('body', {
    element(element) {
      element.append(markup, { html: true });
    },
  });
  const take = () => {
    const pieces = out;
    out = [];
    return pieces;
  };
  return {
    write: async (chunk) => {
      await rewriter.write(chunk);
      return take();
    },
    end: async () => {
      await rewriter.end();
      rewriter.free();
      return take();
    },
  };
}

function htmlparser2Engine(notice) {
  let bodyEndAt = -1;
  const parser = new Parser(
    {
      onclosetag(name) {
        if (name === 'body' && bodyEndAt === -1) bodyEndAt = parser.startIndex;
      },
    },
    { decodeEntities: false },
  );
  let held = null;
  let heldAt = 0;
  let fed = 0;
  let done = false;
  /** The held chunk, with the notice spliced in if the `</body>` found starts inside it. */
  const release = () => {
    if (held === null) return [];
    const chunk = held;
    held = null;
    const offset = bodyEndAt - heldAt;
    if (done || offset < 0 || offset >= chunk.length) return [chunk];
    done = true;
    return [chunk.subarray(0, offset), notice, chunk.subarray(offset)];
  };
  return {
    write: (chunk) => {
      parser.write(chunk.latin1Slice(0, chunk.length));
      const out = release();
      held = chunk;
      heldAt = fed;
      fed += chunk.length;
      return out;
    },
    end: () => {
      parser.end();
      const out = release();
      if (!done) out.push(notice);
      return out;
    },
  };
}

const passthroughEngine = () => ({ write: (chunk) => [chunk], end: () => [] });

function naiveIndexOfEngine(notice) {
  let done = false;
  return {
    write: (chunk) => {
      const at = done ? -1 : chunk.indexOf(BODY_END_TAG);
      if (at === -1) return [chunk];
      done = true;
      return [chunk.subarray(0, at), notice, chunk.subarray(at)];
    },
    end: () => (done ? [] : [notice]),
  };
}

const ENGINES = {
  geonotice: geonoticeEngine,
  'lol-html': lolHtmlEngine,
  htmlparser2: htmlparser2Engine,
  passthrough: passthroughEngine,
  'naive indexOf': naiveIndexOfEngine,
};

module.exports = { ENGINES };
