import fc from 'fast-check';
import type { Insertions } from '../../../src/pipeline/html/injector';
import { hasBody, NOTICE, oneNoticeInBodyProblem } from './dom-helpers';
import { injectChunks, injectOnce, splitAt } from './helpers';
import { tokenSoup } from './token-soup';

/**
 * Differential property against parse5, under random chunking: whatever the injector does to a
 * page, a browser sees the original page plus exactly one notice in <body>, or the page
 * unchanged — and a frameset document always unchanged.
 */
const PLACEMENTS: ReadonlyArray<[string, Insertions]> = [
  ['body-start', { bodyStart: NOTICE }],
  ['body-end', { bodyEnd: NOTICE }],
  ['marker', { marker: NOTICE }],
];

describe('differential: parse5 on html5lib-style documents', () => {
  for (const [placement, insertions] of PLACEMENTS) {
    it(`${placement}: one notice in <body> or the page unchanged, under any chunking`, () => {
      fc.assert(
        fc.property(tokenSoup(), fc.array(fc.nat(), { maxLength: 6 }), (html, rawCuts) => {
          const bytes = Buffer.from(html);
          const oneShot = injectOnce(bytes, insertions);
          const chunked = injectChunks(
            splitAt(
              bytes,
              rawCuts.map((n) => n % (bytes.length + 1)),
            ),
            insertions,
          );
          expect(chunked.output.equals(oneShot.output)).toBe(true);
          const output = oneShot.output.toString();
          if (!hasBody(html)) {
            expect(output).toBe(html);
            expect(oneShot.report.frameset).toBe(true);
          } else if (output !== html) {
            expect(oneNoticeInBodyProblem(html, output)).toBeNull();
          }
        }),
        { numRuns: Number(process.env.INJECT_RUNS ?? 400) },
      );
    });
  }
});
