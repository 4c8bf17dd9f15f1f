import { createHtmlInjector } from '../../../src/pipeline/html/injector';
import { NOTICE, hasBody, oneNoticeInBodyProblem } from './dom-helpers';
import { injectChunks, injectOnce, splitAt, TOKEN_INSERTIONS } from './helpers';

/**
 * A page without `<body>` whose body opens on a tag rather than text keeps the parser's
 * frameset-ok flag set: a later `<frameset>` still replaces the whole body. A notice inserted
 * there would end frameset-ok (it has text), so the browser would drop the frameset and show a
 * blank page with a notice. Such pages pass unchanged; pages whose content rules a frameset out
 * get their notice where the body starts.
 */
const FRAMESET_AFTER_CONTENT: ReadonlyArray<[string, string]> = [
  ['<input type=hidden>', '<input type=hidden><frameset><frame src="a"></frameset>'],
  ['<param>', '<param><frameset></frameset>'],
  ['<source> and <track>', '<source><track><frameset></frameset>'],
  ['an empty <svg>', '<svg></svg><frameset></frameset>'],
  ['a NUL', '\u0000<frameset></frameset>'],
  ['</body>', '</body><frameset></frameset>'],
  ['</html>', '</html><frameset></frameset>'],
  ['a <div> and whitespace', '<div>\n  <frameset></frameset>'],
  ['a whitespace character reference', '<div>&#32;&#x0A;&Tab;<frameset></frameset>'],
  [
    'a comment, a script and a style',
    '<div><!-- c --><script>var a = 1;</script><style>p{}</style><frameset></frameset>',
  ],
  ['<svg> holding only elements', '<svg><g><path d="M0 0"/></g></svg><frameset></frameset>'],
  ['a <frameset> after an unmatched end tag in MathML', '<mtext><math></mtext><frameset></frameset>'],
];

const CONTENT_THAT_RULES_IT_OUT: ReadonlyArray<[string, string]> = [
  ['text', '<div>x<frameset></frameset>'],
  ['an <img>', '<div><img><frameset></frameset>'],
  ['a <li>', '<li><frameset></frameset>'],
  ['a text character reference', '<div>&amp;<frameset></frameset>'],
  ['text inside <svg>', '<svg><text>x</text></svg><frameset></frameset>'],
  ['a <body> tag', '<div><body><frameset></frameset>'],
  ['</br>', '</br><frameset></frameset>'],
];

const PLACEMENTS = [
  ['body-start', { bodyStart: NOTICE }],
  ['body-end', { bodyEnd: NOTICE }],
  ['marker', { marker: NOTICE }],
] as const;

describe('a <frameset> after body content that leaves frameset-ok set', () => {
  it.each(FRAMESET_AFTER_CONTENT)('after %s: parse5 builds a frameset document', (_name, page) => {
    expect(hasBody(page)).toBe(false);
  });

  for (const [placement, insertions] of PLACEMENTS) {
    it.each(FRAMESET_AFTER_CONTENT)(`${placement}, after %s: the page passes unchanged`, (_name, page) => {
      const run = injectOnce(page, insertions);
      expect(run.output.toString()).toBe(page);
      expect(run.report).toMatchObject({ frameset: true, bodyStart: null, bodyEnd: null, marker: null });
    });
  }

  it.each(FRAMESET_AFTER_CONTENT)('after %s, cut anywhere: unchanged', (_name, page) => {
    const bytes = Buffer.from(page);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(injectChunks(splitAt(bytes, [cut]), TOKEN_INSERTIONS).output.toString()).toBe(page);
    }
  });

  it('a replaced marker comment comes back when the frameset turns up', () => {
    const page = '<div><!-- geonotice --></div><frameset></frameset>';
    expect(injectOnce(page, { marker: NOTICE }).output.toString()).toBe(page);
  });
});

describe('body content that rules a frameset out', () => {
  for (const [placement, insertions] of PLACEMENTS) {
    it.each(CONTENT_THAT_RULES_IT_OUT)(
      `${placement}, after %s: one notice in the body, as parse5 sees it`,
      (_name, page) => {
        expect(hasBody(page)).toBe(true);
        const output = injectOnce(page, insertions).output.toString();
        expect(oneNoticeInBodyProblem(page, output)).toBeNull();
      },
    );
  }

  it('the notice goes where the body started, once text shows it is a body', () => {
    const run = injectOnce('<title>t</title><div><input type=hidden>Hello</div>', TOKEN_INSERTIONS);
    expect(run.output.toString()).toBe('<title>t</title>[S][M]<div><input type=hidden>Hello</div>[E]');
    expect(run.report).toMatchObject({
      bodyStart: 'implicit-body',
      marker: 'implicit-body',
      bodyEnd: 'end-of-document',
      frameset: false,
    });
  });

  it('a page that never shows either way gets its notice at the end', () => {
    const run = injectOnce('<div id="app"></div><script src="/app.js"></script>', { bodyStart: Buffer.from('[S]') });
    expect(run.output.toString()).toBe('[S]<div id="app"></div><script src="/app.js"></script>');
  });

  it('an explicit <body> tag rules a frameset out at once: nothing is held', () => {
    const injector = createInjector();
    expect(Buffer.concat(injector.write(Buffer.from('<body><div>'))).toString()).toBe('<body>[S]<div>');
  });

  it('without <body>, the page is held from where the body starts until it shows', () => {
    const injector = createInjector();
    expect(Buffer.concat(injector.write(Buffer.from('<title>t</title><div>'))).toString()).toBe('<title>t</title>');
    expect(Buffer.concat(injector.write(Buffer.from('<p>Hi'))).toString()).toBe('[S]<div><p>Hi');
  });

  // A <frameset> past maxLookAhead is ignored, and the </html> after it is the body end, whether
  // the look-ahead ran out at a chunk's end or at the tag itself.
  it.each([
    ['<div><script></body></script><frameset></html>', '[S][M]<div><script></body></script><frameset>[E]</html>'],
    ['<div></div><frameset></html>', '[S][M]<div></div><frameset>[E]</html>'],
  ])('a frameset past maxLookAhead, %s: the same output and report however the page is cut', (page, expected) => {
    const bytes = Buffer.from(page);
    const options = { maxLookAhead: 8 };
    const oneShot = injectOnce(bytes, TOKEN_INSERTIONS, options);
    expect(oneShot.output.toString()).toBe(expected);
    expect(oneShot.report).toMatchObject({ bodyEnd: 'html-end-tag', frameset: false, lookAheadExceeded: true });
    const single = [...bytes.keys()].map((i) => bytes.subarray(i, i + 1));
    const chunked = injectChunks(single, TOKEN_INSERTIONS, options);
    expect(chunked.output.toString()).toBe(expected);
    expect(chunked.report).toEqual(oneShot.report);
  });

  it('past maxLookAhead the notice goes in, and the report says so', () => {
    const page = `<div>${'<i></i>'.repeat(20)}</div><frameset></frameset>`;
    const run = injectOnce(page, { bodyStart: Buffer.from('[S]') }, { maxLookAhead: 64 });
    expect(run.output.toString()).toBe(`[S]${page}`);
    expect(run.report).toMatchObject({ bodyStart: 'implicit-body', lookAheadExceeded: true, frameset: false });
  });
});

function createInjector() {
  return createHtmlInjector({ bodyStart: Buffer.from('[S]') });
}
