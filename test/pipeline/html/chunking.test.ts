import fc from 'fast-check';
import { END_OF_PAGE_CASES, PARTIAL_CASES, PLACEMENT_CASES } from './corpus';
import { page } from './generators';
import { injectChunks, injectOnce, splitAt, TOKEN_INSERTIONS, withoutTokens } from './helpers';

/**
 * Property: however the page is cut into chunks — inside tags, names, comments, `</body>`, or
 * the bytes of one UTF-8 character — the output and the report equal those of one-shot injection.
 */
const cuts = (length: number) => fc.array(fc.integer({ min: 0, max: length }), { maxLength: 12 });

function assertChunkingInvariant(html: string, options?: { maxLookAhead: number }) {
  const bytes = Buffer.from(html);
  const oneShot = injectOnce(bytes, TOKEN_INSERTIONS, options);
  return fc.property(cuts(bytes.length), (points) => {
    const chunked = injectChunks(splitAt(bytes, points), TOKEN_INSERTIONS, options);
    expect(chunked.output.equals(oneShot.output)).toBe(true);
    expect(chunked.report).toEqual(oneShot.report);
  });
}

/** Cut in two at every position up to `lastCut`: each gives the one-shot output and report. Returns the one-shot run. */
function expectEveryCutMatches(bytes: Buffer, lastCut = bytes.length) {
  const oneShot = injectOnce(bytes, TOKEN_INSERTIONS);
  for (let cut = 0; cut <= lastCut; cut++) {
    const chunked = injectChunks(splitAt(bytes, [cut]), TOKEN_INSERTIONS);
    expect(chunked.output.toString()).toBe(oneShot.output.toString());
    expect(chunked.report).toEqual(oneShot.report);
  }
  return oneShot;
}

describe('any chunking gives the one-shot output', () => {
  it.each(PLACEMENT_CASES.map((c) => [c.name, withoutTokens(c.expected)]))('corpus: %s', (_name, html) => {
    fc.assert(assertChunkingInvariant(html), { numRuns: 60 });
  });

  it('every single cut position, on every corpus page', () => {
    const pages = [
      ...PLACEMENT_CASES.map((c) => withoutTokens(c.expected)),
      ...PARTIAL_CASES.map((c) => c.page),
      ...END_OF_PAGE_CASES.map((c) => c.page),
    ];
    for (const page of pages) {
      const bytes = Buffer.from(page);
      const oneShot = expectEveryCutMatches(bytes).output;
      // and byte by byte
      const single = [...Array(bytes.length).keys()].map((i) => bytes.subarray(i, i + 1));
      expect(injectChunks(single, TOKEN_INSERTIONS).output.equals(oneShot)).toBe(true);
    }
  });

  it('every cut position, when the chunk after the cut is long', () => {
    // A token cut by a chunk end is finished with the start of the next chunk; when that chunk is
    // long, the rest of it is scanned in place. The MathML page holds a token (an
    // `<annotation-xml>` start tag) that needs far more than the start of the next chunk.
    const padding = ' '.repeat(700);
    const pages = [
      ...PLACEMENT_CASES.map((c) => withoutTokens(c.expected) + padding),
      `<!DOCTYPE html><html><head><title>t</title></head><body><p class="a">one</p><!-- c -->` +
        `<math><annotation-xml encoding="text/html" data-long="${'x'.repeat(600)}"><div>in</div>` +
        `</annotation-xml></math><p>two &amp; three</p><script>if (a <!--b) {}</script></body></html>${padding}`,
    ];
    for (const page of pages) {
      const bytes = Buffer.from(page);
      expectEveryCutMatches(bytes, bytes.length - padding.length);
    }
  });

  it('generated pages, random cuts', () => {
    fc.assert(
      fc.property(page(), fc.array(fc.nat(), { maxLength: 12 }), (html, rawCuts) => {
        const bytes = Buffer.from(html);
        const points = rawCuts.map((n) => n % (bytes.length + 1));
        const oneShot = injectOnce(bytes, TOKEN_INSERTIONS);
        const chunked = injectChunks(splitAt(bytes, points), TOKEN_INSERTIONS);
        expect(chunked.output.toString('latin1')).toBe(oneShot.output.toString('latin1'));
        expect(chunked.report).toEqual(oneShot.report);
      }),
      { numRuns: 400 },
    );
  });

  it('generated pages, one byte at a time, with a tiny look-ahead', () => {
    fc.assert(
      fc.property(page(), (html) => {
        const bytes = Buffer.from(html);
        const options = { maxLookAhead: 8 };
        const oneShot = injectOnce(bytes, TOKEN_INSERTIONS, options);
        const single = [...Array(bytes.length).keys()].map((i) => bytes.subarray(i, i + 1));
        const chunked = injectChunks(single, TOKEN_INSERTIONS, options);
        expect(chunked.output.equals(oneShot.output)).toBe(true);
        expect(chunked.report).toEqual(oneShot.report);
      }),
      { numRuns: 150 },
    );
  });

  it('the page bytes pass through untouched: removing the insertions gives the page back', () => {
    // Followed, at most, by what closes a comment, CDATA or raw text and the open elements.
    const closing = /^(?:-->|->|>|\]\]>)?(?:<\/[a-z]+>)*$/;
    fc.assert(
      fc.property(page(), (html) => {
        const insertions = { bodyStart: Buffer.from('\u0000S\u0000'), bodyEnd: Buffer.from('\u0000E\u0000') };
        const out = injectOnce(html, insertions).output.toString();
        const page = out.replace('\u0000S\u0000', '').replace('\u0000E\u0000', '');
        expect(page.slice(0, html.length)).toBe(html);
        expect(page.slice(html.length)).toMatch(closing);
      }),
      { numRuns: 300 },
    );
  });
});
