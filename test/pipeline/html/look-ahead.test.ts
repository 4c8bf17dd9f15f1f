import { createHtmlInjector } from '../../../src/pipeline/html/injector';
import { injectChunks, injectOnce, TOKEN_INSERTIONS } from './helpers';

const END_ONLY = { bodyEnd: TOKEN_INSERTIONS.bodyEnd! };

/**
 * Streams `page` in `step`-byte chunks and returns the most bytes held back at any moment
 * (written minus released, less what the insertions added), and the total released at the end.
 */
function streamHolding(page: Buffer, injector: ReturnType<typeof createHtmlInjector>, step: number, inserted: number) {
  let written = 0;
  let released = 0;
  let mostHeld = 0;
  for (let at = 0; at < page.length; at += step) {
    const chunk = page.subarray(at, at + step);
    written += chunk.length;
    for (const piece of injector.write(chunk)) released += piece.length;
    mostHeld = Math.max(mostHeld, written + inserted - released);
  }
  const rest = injector.end().reduce((sum, piece) => sum + piece.length, 0);
  return { mostHeld, total: released + rest };
}
const MARKER_ONLY = { marker: TOKEN_INSERTIONS.marker! };

describe('bounded look-ahead after </body>', () => {
  it('a later </body> within the limit wins', () => {
    const page = `<body>a</body>${'x'.repeat(30)}</body>`;
    const run = injectOnce(page, END_ONLY, { maxLookAhead: 64 });
    expect(run.output.toString()).toBe(`<body>a</body>${'x'.repeat(30)}[E]</body>`);
    expect(run.report.lookAheadExceeded).toBe(false);
  });

  it('past the limit the notice is committed before the earlier </body>', () => {
    const page = `<body>a</body>${'x'.repeat(100)}</body>`;
    const run = injectOnce(page, END_ONLY, { maxLookAhead: 64 });
    expect(run.output.toString()).toBe(`<body>a[E]</body>${'x'.repeat(100)}</body>`);
    expect(run.report).toMatchObject({ bodyEnd: 'body-end-tag', lookAheadExceeded: true });
  });

  it('holds the bytes after </body> and releases them at the end', () => {
    const injector = createHtmlInjector(END_ONLY);
    expect(Buffer.concat(injector.write(Buffer.from('<body>a'))).toString()).toBe('<body>a');
    expect(injector.write(Buffer.from('</body>\n</html>\n'))).toEqual([]);
    expect(Buffer.concat(injector.end()).toString()).toBe('[E]</body>\n</html>\n');
  });

  it('never holds more than the limit plus one chunk', () => {
    const limit = 1024;
    const page = Buffer.from(`<body>${'<p>a</p></body>'.repeat(2000)}`);
    const { mostHeld } = streamHolding(page, createHtmlInjector(END_ONLY, { maxLookAhead: limit }), 100, 0);
    expect(mostHeld).toBeLessThanOrEqual(limit + 100);
  });

  it('a page that may still turn out a frameset is held no longer than the limit plus one chunk', () => {
    const limit = 1024;
    const page = Buffer.from(`<title>t</title><div>${'<i></i>'.repeat(2000)}</div>`);
    const injector = createHtmlInjector({ bodyStart: Buffer.from('[S]') }, { maxLookAhead: limit });
    const { mostHeld, total } = streamHolding(page, injector, 100, 3);
    expect(mostHeld).toBeLessThanOrEqual(limit + 100);
    expect(total).toBe(page.length + 3);
    expect(injector.report).toMatchObject({ bodyStart: 'implicit-body', lookAheadExceeded: true });
  });

  it('a marker further into the body than the limit is not waited for', () => {
    const page = `<body>${'y'.repeat(100)}<!-- geonotice --></body>`;
    const run = injectOnce(page, MARKER_ONLY, { maxLookAhead: 64 });
    expect(run.output.toString()).toBe(`<body>[M]${'y'.repeat(100)}<!-- geonotice --></body>`);
    expect(run.report).toMatchObject({ marker: 'body-tag', lookAheadExceeded: true });
  });
});

describe('bounded memory while nothing is held', () => {
  // Long constructs must stream through, not pile up waiting for their end.
  it.each([
    ['a long attribute value', (n: number) => `<body><img src="data:${'A'.repeat(n)}">x</body>`],
    ['a long comment', (n: number) => `<body><!--${'-a'.repeat(n / 2)}-->x</body>`],
    ['a long script', (n: number) => `<body><script>${'a<b;'.repeat(n / 4)}</script>x</body>`],
    ['a long escaped script', (n: number) => `<body><script><!--${' <x>'.repeat(n / 4)}--></script>x</body>`],
    ['a long tag name', (n: number) => `<body><x${'y'.repeat(n)}>x</body>`],
    ['long text', (n: number) => `<body>${'é'.repeat(n / 2)}</body>`],
  ])('%s', (_name, build) => {
    const page = Buffer.from(build(200_000));
    // A body-end insertion keeps the scanner reading to the end (with body-start alone it stops
    // at <body>, and these constructs would never be scanned).
    const injector = createHtmlInjector({ bodyStart: Buffer.from('[S]'), bodyEnd: Buffer.from('[E]') });
    const { mostHeld, total } = streamHolding(page, injector, 997, 3);
    // At most a token's first bytes are carried to the next chunk (and the closing `</body>`, held for [E]).
    expect(mostHeld).toBeLessThan(128);
    expect(total).toBe(page.length + 6);
  });

  it('with body-end pending the same holds until the last </body>', () => {
    const page = Buffer.from(`<body><script>${'x'.repeat(100_000)}</script></body>`);
    const chunks = [...Array(Math.ceil(page.length / 1000)).keys()].map((i) =>
      page.subarray(i * 1000, i * 1000 + 1000),
    );
    const run = injectChunks(chunks, END_ONLY);
    expect(run.piecesPerWrite.slice(0, -1).every((count) => count > 0)).toBe(true);
    expect(run.output.toString().endsWith('[E]</body>')).toBe(true);
  });
});
