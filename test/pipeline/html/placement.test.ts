import { END_OF_PAGE_CASES, PARTIAL_CASES, PLACEMENT_CASES } from './corpus';
import { NOTICE, oneNoticeInBodyProblem } from './dom-helpers';
import { injectOnce, TOKENS, withoutTokens } from './helpers';

const START_AND_END = { bodyStart: Buffer.from(TOKENS.bodyStart), bodyEnd: Buffer.from(TOKENS.bodyEnd) };

describe('placement on tricky pages', () => {
  it.each(PLACEMENT_CASES.map((c) => [c.name, c.expected]))('%s', (_name, expected) => {
    const { output } = injectOnce(withoutTokens(expected), START_AND_END);
    expect(output.toString()).toBe(expected);
  });

  it.each(PARTIAL_CASES.map((c) => [c.name, c.page, c.expected]))('%s', (_name, page, expected) => {
    expect(injectOnce(page, START_AND_END).output.toString()).toBe(expected);
  });
});

describe('a page that ends with something open gets it closed before what is appended', () => {
  it.each(END_OF_PAGE_CASES.map((c) => [c.name, c.page, c.expected]))('%s', (_name, page, expected) => {
    expect(injectOnce(page, START_AND_END).output.toString()).toBe(expected);
  });

  it.each(END_OF_PAGE_CASES.map((c) => [c.name, c.page]))(
    '%s: parse5 sees the page plus one notice in <body>',
    (_name, page) => {
      const output = injectOnce(page, { bodyEnd: NOTICE }).output.toString();
      expect(oneNoticeInBodyProblem(page, output)).toBeNull();
    },
  );
});

describe('the report says what was placed and how', () => {
  it('an explicit body', () => {
    const { report } = injectOnce('<body>x</body>', START_AND_END);
    expect(report).toEqual({
      bodyStart: 'body-tag',
      bodyEnd: 'body-end-tag',
      marker: null,
      frameset: false,
      lookAheadExceeded: false,
    });
  });

  it('an implicit body, closed by </html>', () => {
    const { report } = injectOnce('<p>x</p></html>', START_AND_END);
    expect(report.bodyStart).toBe('implicit-body');
    expect(report.bodyEnd).toBe('html-end-tag');
  });

  it('a page with only head content gets both at its end', () => {
    const { output, report } = injectOnce('<title>t</title>', START_AND_END);
    expect(output.toString()).toBe('<title>t</title>[S][E]');
    expect(report.bodyStart).toBe('end-of-document');
    expect(report.bodyEnd).toBe('end-of-document');
  });

  it('a frameset: nothing placed, and it says so', () => {
    const run = injectOnce('<frameset><frame src="a"></frameset>', START_AND_END);
    expect(run.report).toMatchObject({ bodyStart: null, bodyEnd: null, frameset: true });
  });

  it('nothing asked, nothing placed, the page unchanged', () => {
    const page = '<body>x</body>';
    const run = injectOnce(page, {});
    expect(run.output.toString()).toBe(page);
    expect(run.report).toMatchObject({ bodyStart: null, bodyEnd: null, marker: null });
  });

  it('a page without </body> that ends in <plaintext>: the body end goes before it', () => {
    const { output, report } = injectOnce('<p>x</p><plaintext>a</body>', START_AND_END);
    expect(output.toString()).toBe('[S]<p>x</p>[E]<plaintext>a</body>');
    expect(report.bodyEnd).toBe('plaintext-tag');
    expect(
      oneNoticeInBodyProblem(
        '<p>x</p><plaintext>a</body>',
        injectOnce('<p>x</p><plaintext>a</body>', { bodyEnd: NOTICE }).output.toString(),
      ),
    ).toBeNull();
  });

  it('a page that ends inside a tag: the body end is not placed', () => {
    expect(injectOnce('<body>x<div class="open', START_AND_END).report.bodyEnd).toBeNull();
  });

  it('a page that ends inside a comment: closed, then the body end goes after it', () => {
    expect(injectOnce('<body>x<!-- open', START_AND_END).report.bodyEnd).toBe('end-of-document');
  });
});
