import fc from 'fast-check';
import { parse, serialize } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { Insertions } from '../../src/inject/injector';
import { renderNotice } from '../../src/inject/markup';
import { PLACEMENT_CASES } from './corpus';
import { page } from './generators';
import { injectOnce, withoutTokens } from './helpers';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/**
 * Property: a browser-grade parser (parse5) sees the original page plus exactly one notice, and
 * that notice sits inside <body>. The notice is found, checked, removed, and the rest of the tree
 * must serialise exactly like the original's.
 */
const NOTICE = Buffer.from(
  renderNotice({ id: 'n1', language: 'en', style: 'warning', title: 'Title', text: 'Text & more', link: { href: '/more', label: 'More' } }),
);

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function childrenOf(node: Node): Node[] {
  const parent = node as ParentNode;
  const own = 'childNodes' in parent ? parent.childNodes : [];
  const content = isElement(node) && node.tagName === 'template' ? (node as DefaultTreeAdapterMap['template']).content.childNodes : [];
  return [...own, ...content];
}

/** Every notice element with the chain of tag names above it. */
function findNotices(node: Node, ancestors: string[] = []): Array<{ element: Element; ancestors: string[] }> {
  const found: Array<{ element: Element; ancestors: string[] }> = [];
  for (const child of childrenOf(node)) {
    if (isElement(child) && child.tagName === 'aside' && child.attrs.some((a) => a.name === 'data-geonotice')) {
      found.push({ element: child, ancestors });
    }
    found.push(...findNotices(child, isElement(child) ? [...ancestors, child.tagName] : ancestors));
  }
  return found;
}

function remove(element: Element): void {
  const siblings = element.parentNode!.childNodes;
  siblings.splice(siblings.indexOf(element), 1);
}

/** Parses both, checks for one notice inside body, and compares the rest. */
function expectOneNoticeInBody(original: string, insertions: Insertions): void {
  const { output } = injectOnce(original, insertions);
  const injected = parse(output.toString());
  const notices = findNotices(injected);
  expect(notices).toHaveLength(1);
  const [{ element, ancestors }] = notices as [{ element: Element; ancestors: string[] }];
  expect(ancestors.slice(0, 2)).toEqual(['html', 'body']);
  expect(ancestors).not.toContain('template');
  remove(element);
  expect(serialize(injected)).toBe(serialize(parse(original)));
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
    expect(notices[0]?.ancestors).toEqual(['html', 'body', 'header']);
  });

  for (const [placement, insertions] of PLACEMENTS) {
    it(`generated pages: ${placement}`, () => {
      fc.assert(
        fc.property(page(true), (html) => {
          const { output, report } = injectOnce(html, insertions);
          const injected = parse(output.toString());
          const notices = findNotices(injected);
          expect(notices).toHaveLength(1);
          const [{ element, ancestors }] = notices as [{ element: Element; ancestors: string[] }];
          expect(ancestors.slice(0, 2)).toEqual(['html', 'body']);
          remove(element);
          // A replaced marker comment is gone from the page by design: compare with the page minus it.
          const expectedOriginal = output.toString().replace(NOTICE.toString(), '');
          if (report.marker !== 'marker-comment') expect(expectedOriginal).toBe(html);
          expect(serialize(injected)).toBe(serialize(parse(expectedOriginal)));
        }),
        { numRuns: Number(process.env.INJECT_RUNS ?? 300) },
      );
    });
  }
});
