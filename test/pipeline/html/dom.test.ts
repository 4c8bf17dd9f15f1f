import fc from 'fast-check';
import { parse } from 'parse5';
import type { Insertions } from '../../../src/pipeline/html/injector';
import { PLACEMENT_CASES } from './corpus';
import { findNotices, NOTICE, oneNoticeInBodyProblem } from './dom-helpers';
import { page } from './generators';
import { injectOnce, withoutTokens } from './helpers';

/**
 * Property: a browser-grade parser (parse5) sees the original page plus exactly one notice, and
 * that notice sits inside <body>. The notice is found, checked, removed, and the rest of the tree
 * must serialise exactly like the original's.
 */
function expectOneNoticeInBody(original: string, insertions: Insertions): void {
  const { output } = injectOnce(original, insertions);
  expect(oneNoticeInBodyProblem(original, output.toString())).toBeNull();
}

const PLACEMENTS: ReadonlyArray<[string, Insertions]> = [
  ['body-start', { bodyStart: NOTICE }],
  ['body-end', { bodyEnd: NOTICE }],
  ['marker', { marker: NOTICE }],
];

describe('parse5 sees the original page plus one notice inside <body>', () => {
  const corpus = PLACEMENT_CASES.filter((c) => c.domCheck !== false);
  for (const [placement, insertions] of PLACEMENTS) {
    it.each(corpus.map((c) => [c.name, withoutTokens(c.expected)]))(`${placement}: %s`, (_name, html) => {
      expectOneNoticeInBody(html, insertions);
    });
  }

  it('marker pages: the notice replaces the comment', () => {
    const html = '<body><header><h1>Site</h1><!-- geonotice --></header><main>x</main></body>';
    const { output } = injectOnce(html, { marker: NOTICE });
    const notices = findNotices(parse(output.toString()));
    expect(notices[0]?.ancestors.map((a) => a.tagName)).toEqual(['html', 'body', 'header']);
  });

  for (const [placement, insertions] of PLACEMENTS) {
    it(`generated pages: ${placement}`, () => {
      fc.assert(
        fc.property(page(true), (html) => {
          const { output, report } = injectOnce(html, insertions);
          // A replaced marker comment is gone from the page by design: compare with the page minus it.
          const expectedOriginal = output.toString().replace(NOTICE.toString(), '');
          if (report.marker !== 'marker-comment') expect(expectedOriginal).toBe(html);
          expect(oneNoticeInBodyProblem(expectedOriginal, output.toString())).toBeNull();
        }),
        { numRuns: Number(process.env.INJECT_RUNS ?? 300) },
      );
    });
  }
});
