import { NOTICE, oneNoticeInBodyProblem } from './dom-helpers';
import { injectChunks, injectOnce, splitAt, TOKEN_INSERTIONS, TOKENS, withoutTokens } from './helpers';

/**
 * Inside SVG `foreignObject`, `desc` and `title`, MathML `mi` … `mtext`, and an `annotation-xml`
 * whose encoding is HTML, content is HTML again: `<style>`, `<script>` and `<textarea>` hold raw
 * text, `<![CDATA[` is a bogus comment, `<template>` has contents. Each page is written as the
 * expected output (`[E]` marks the body-end insertion); parse5 must see the page plus one notice.
 */
const CASES: ReadonlyArray<[string, string]> = [
  [
    'a <style> in a foreignObject holds raw text',
    '<body><svg><foreignObject><style>a::before{content:"<!--"}</style></foreignObject></svg><p>x</p>[E]</body>',
  ],
  [
    'a <script> in an SVG <desc>',
    '<body><svg><desc><script>if (a<b) s = "<!--";</script></desc></svg><p>x</p>[E]</body>',
  ],
  ['a <textarea> in a MathML <mtext>', '<body><math><mtext><textarea><!--</textarea></mtext></math><p>x</p>[E]</body>'],
  [
    'a <style> in annotation-xml with encoding text/html',
    '<body><math><annotation-xml encoding="text/html"><style><!--</style></annotation-xml></math><p>x</p>[E]</body>',
  ],
  [
    'an <xmp> in annotation-xml with encoding APPLICATION/XHTML+XML',
    "<body><math><annotation-xml encoding='APPLICATION/XHTML+XML'><xmp><!--</xmp></annotation-xml></math><p>x</p>[E]</body>",
  ],
  [
    '<![CDATA[ at a foreignObject is a bogus comment up to the first >',
    '<body><svg><foreignObject><![CDATA[ a > <!-- ]]></foreignObject></svg><p>x</p></body>--></svg>[E]',
  ],
  [
    'a <template> in a foreignObject hides its </body>',
    '<body><svg><foreignObject><template></body></template></foreignObject></svg><p>x</p>[E]</body>',
  ],
  // Not integration points: the content stays foreign.
  [
    'a <style> in annotation-xml without an HTML encoding is SVG/MathML',
    '<body><math><annotation-xml><style><!--</style></annotation-xml></math><p>x</p></body>-->y</body></math>[E]',
  ],
  [
    'after a foreignObject closes, <style> is SVG again',
    '<body><svg><foreignObject></foreignObject><style><!--</style></svg><p>x</p>--></body></svg>[E]',
  ],
  [
    'an SVG <title> is an integration point, a MathML one is not',
    '<body><svg><title><style><!--</style></title></svg><math><title><style><!--</style></title></math>--><p>x</p>[E]</body>',
  ],
];

const END_ONLY = { bodyEnd: Buffer.from(TOKENS.bodyEnd) };

/** The page: the expected output without `[E]` and whatever was appended after the page's last `</body>`. */
function pageOf(expected: string): string {
  if (!expected.endsWith(TOKENS.bodyEnd)) return withoutTokens(expected);
  return expected.slice(0, expected.lastIndexOf('</body>') + '</body>'.length);
}

describe('HTML integration points in SVG and MathML hold HTML', () => {
  it.each(CASES)('%s', (_name, expected) => {
    expect(injectOnce(pageOf(expected), END_ONLY).output.toString()).toBe(expected);
  });

  it.each(CASES)('%s: parse5 sees the page plus one notice in <body>', (_name, expected) => {
    const page = pageOf(expected);
    expect(oneNoticeInBodyProblem(page, injectOnce(page, { bodyEnd: NOTICE }).output.toString())).toBeNull();
  });

  it.each(CASES)('%s: any single cut gives the same output', (_name, expected) => {
    const bytes = Buffer.from(pageOf(expected));
    const oneShot = injectOnce(bytes, TOKEN_INSERTIONS).output.toString();
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(injectChunks(splitAt(bytes, [cut]), TOKEN_INSERTIONS).output.toString()).toBe(oneShot);
    }
  });
});

/**
 * An HTML end tag inside SVG/MathML that names an element the scanner does not follow (`</ul>`
 * in `<ul><math>`) closes the SVG/MathML for the parser, while the scanner keeps it open. A
 * `<template>`, `<select>`, `<svg>` or `<math>` after it is then HTML to the parser and would take
 * in whatever is appended at the end of the page: nothing is appended there.
 */
const AFTER_AN_UNFOLLOWED_END_TAG: ReadonlyArray<[string, string]> = [
  ['a <template>', '<ul><math></ul><template>'],
  ['a <template> holding text', '<ul><svg></ul><template>x'],
  ['a <template> closed by a later breakout tag', '<div><svg></div><template><div>'],
  ['a <select>', '<ul><math></ul><select><option>y'],
  ['an <svg> after MathML', '<ul><math></ul><svg>'],
  ['a <math> after SVG', '<ul><svg></ul><math>'],
];

describe('SVG/MathML the parser may have closed', () => {
  it.each(AFTER_AN_UNFOLLOWED_END_TAG)('%s: nothing appended at the end of the page', (_name, page) => {
    const run = injectOnce(page, END_ONLY);
    expect(run.output.toString()).toBe(page);
    expect(run.report.bodyEnd).toBeNull();
  });

  it.each(AFTER_AN_UNFOLLOWED_END_TAG)('%s: parse5 sees the page unchanged or one notice in <body>', (_name, page) => {
    for (const insertions of [{ bodyStart: NOTICE }, { bodyEnd: NOTICE }]) {
      const output = injectOnce(page, insertions).output.toString();
      if (output !== page) expect(oneNoticeInBodyProblem(page, output)).toBeNull();
    }
  });
});
