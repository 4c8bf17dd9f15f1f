import { parse, serialize } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { renderNotice } from '../../../src/pipeline/markup';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** A real notice: block content with text, a link and an escaped ampersand. */
export const NOTICE = Buffer.from(
  renderNotice({
    id: 'n1',
    language: 'en',
    style: 'warning',
    title: 'Title',
    text: 'Text & more',
    link: { href: '/more', label: 'More' },
  }),
);

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function childrenOf(node: Node): Node[] {
  const parent = node as ParentNode;
  const own = 'childNodes' in parent ? parent.childNodes : [];
  const template = node as DefaultTreeAdapterMap['template'];
  const content =
    isElement(node) && node.tagName === 'template' && template.content !== undefined ? template.content.childNodes : [];
  return [...own, ...content];
}

export interface FoundNotice {
  element: Element;
  /** The elements above it, outermost first. */
  ancestors: Element[];
}

/** Every notice element (in any namespace) with the elements above it. */
export function findNotices(node: Node, ancestors: Element[] = []): FoundNotice[] {
  const found: FoundNotice[] = [];
  for (const child of childrenOf(node)) {
    if (isElement(child) && child.tagName === 'aside' && child.attrs.some((a) => a.name === 'data-geonotice')) {
      found.push({ element: child, ancestors });
    }
    found.push(...findNotices(child, isElement(child) ? [...ancestors, child] : ancestors));
  }
  return found;
}

/** Whether the parsed page has a `<body>` (a frameset document has none). */
export function hasBody(html: string): boolean {
  const root = parse(html).childNodes.find((node) => isElement(node) && node.tagName === 'html');
  return root !== undefined && childrenOf(root).some((node) => isElement(node) && node.tagName === 'body');
}

/**
 * What is wrong with `output` as `original` plus exactly one notice in `<body>` (an HTML element,
 * outside `<template>` contents), everything else as parse5 builds `original`; null when nothing.
 */
export function oneNoticeInBodyProblem(original: string, output: string): string | null {
  const injected = parse(output);
  const notices = findNotices(injected);
  if (notices.length !== 1) return `${notices.length} notices`;
  const [{ element, ancestors }] = notices as [FoundNotice];
  const names = ancestors.map((a) => a.tagName);
  if (names[0] !== 'html' || names[1] !== 'body') return `notice under ${names.join(' > ')}`;
  if ((element.namespaceURI as string) !== HTML_NAMESPACE) return `notice in ${element.namespaceURI}`;
  if (names.includes('template')) return 'notice inside <template>';
  const siblings = element.parentNode!.childNodes;
  siblings.splice(siblings.indexOf(element), 1);
  const rest = serialize(injected);
  const expected = serialize(parse(original));
  return rest === expected ? null : `the page changed:\n${expected}\n${rest}`;
}
