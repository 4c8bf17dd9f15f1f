/**
 * What a browser's parser makes of a page's notices: every element that carries a notice
 * (`data-geonotice`), with its language and where it sits, read from parse5's DOM rather than
 * from the markup as text.
 */
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

/** `id:language` of every notice element in the document, sorted; throws if one sits outside `<body>`. */
export function domNotices(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Node, inBody: boolean): void => {
    if (isElement(node)) {
      const id = attribute(node, 'data-geonotice');
      if (id !== undefined) {
        if (!inBody) throw new Error(`notice ${id} outside <body>`);
        found.push(`${id}:${attribute(node, 'lang') ?? ''}`);
      }
      inBody ||= node.tagName === 'body';
    }
    const children = 'childNodes' in node ? node.childNodes : [];
    for (const child of children) walk(child, inBody);
    if (isElement(node) && 'content' in node) walk(node.content, inBody);
  };
  walk(parse(html), false);
  return found.sort();
}
