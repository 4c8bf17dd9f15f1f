/**
 * The slice of the tree builder's stack of open elements that decides where a notice can go:
 * `<template>`, `<table>` and `<select>` anywhere, and every element inside SVG and MathML
 * (with the HTML elements inside their integration points), so that the scanner knows whether
 * the current node is foreign, which end tag closes what, and which end tags close everything
 * still open when the page ends. Ordinary HTML elements outside SVG/MathML are not followed.
 *
 * Names are kept as `nameHash` values. Where the real stack cannot be followed (an HTML end
 * tag that leaves SVG for an ancestor the scanner did not follow), the model keeps the element
 * open: an end tag for an element that is already closed is ignored by the parser, so the
 * closing tags written at the end of a page stay harmless.
 */

/** What an entry is. */
export const Open = {
  Template: 1,
  Table: 2,
  Select: 3,
  /** An SVG or MathML element that is not an integration point. */
  Foreign: 4,
  /** An HTML integration point: SVG `foreignObject`, `desc`, `title`; `annotation-xml` for HTML. */
  HtmlIntegration: 5,
  /** A MathML text integration point: `mi`, `mo`, `mn`, `ms`, `mtext`. */
  MathText: 6,
  /** An HTML element inside an integration point. */
  Html: 7,
} as const;
export type OpenKind = (typeof Open)[keyof typeof Open];

export const Namespace = { Html: 0, Svg: 1, MathMl: 2 } as const;
export type NamespaceValue = (typeof Namespace)[keyof typeof Namespace];

/** Deeper than this the scanner stops following the page and places nothing more. */
const MAX_DEPTH = 256;
/** Most pages never open a followed element: the arrays are made on the first push, this size. */
const INITIAL_DEPTH = 16;

const EMPTY_KINDS = new Uint8Array(0);
const EMPTY_NAMES = new Int32Array(0);

function isForeignKind(kind: number): boolean {
  return kind === Open.Foreign || kind === Open.HtmlIntegration || kind === Open.MathText;
}

export class OpenElements {
  private kinds = EMPTY_KINDS;
  private names = EMPTY_NAMES;
  private spaces = EMPTY_KINDS;
  /** Names of `Html` entries, for their end tags at the end of the page. */
  private readonly htmlNames: string[] = [];
  private depth = 0;
  /** Entries in SVG/MathML, or HTML inside an integration point. */
  private foreignEntries = 0;
  private templates = 0;
  private selects = 0;
  /** The page nested deeper than MAX_DEPTH: nothing about it can be trusted any more. */
  lost = false;
  /**
   * An end tag may have closed elements the model keeps open (its ancestor was not followed):
   * the model may take raw text or CDATA for markup from there on.
   */
  uncertain = false;

  get size(): number {
    return this.depth;
  }

  /** The current node's kind, 0 when no followed element is open. */
  get top(): number {
    return this.depth === 0 ? 0 : this.kinds[this.depth - 1]!;
  }

  get topNamespace(): NamespaceValue {
    return this.depth === 0 ? Namespace.Html : (this.spaces[this.depth - 1] as NamespaceValue);
  }

  get topName(): number {
    return this.depth === 0 ? 0 : this.names[this.depth - 1]!;
  }

  /** Whether the current node is an SVG/MathML element (CDATA sections exist; start tags are foreign). */
  get inForeignNode(): boolean {
    return isForeignKind(this.top);
  }

  /** Inside SVG/MathML at any depth, including HTML inside an integration point. */
  get insideForeign(): boolean {
    return this.foreignEntries > 0;
  }

  get insideTemplate(): boolean {
    return this.templates > 0;
  }

  /**
   * Whether content here is ordinary content of the body (or of a table in it): not template
   * contents, not a `<select>`, not SVG/MathML. A notice placed here lands in the body as HTML.
   */
  get inBodyFlow(): boolean {
    return this.templates === 0 && this.selects === 0 && this.foreignEntries === 0;
  }

  push(kind: OpenKind, name: number, space: NamespaceValue, htmlName = ''): void {
    if (this.depth === this.kinds.length) {
      if (this.depth === MAX_DEPTH) {
        this.lost = true;
        return;
      }
      this.grow();
    }
    this.htmlNames[this.depth] = htmlName;
    this.kinds[this.depth] = kind;
    this.names[this.depth] = name;
    this.spaces[this.depth] = space;
    this.depth++;
    this.count(kind, 1);
  }

  /** Pops entries until the one at `index` is popped. */
  popThrough(index: number): void {
    while (this.depth > index) {
      this.depth--;
      this.count(this.kinds[this.depth]!, -1);
    }
  }

  /** The innermost entry of `kind` not hidden behind a template (a template is a scope boundary), or -1. */
  findInScope(kind: OpenKind): number {
    for (let i = this.depth - 1; i >= 0; i--) {
      const here = this.kinds[i]!;
      if (here === kind) return i;
      if (here === Open.Template) return -1;
    }
    return -1;
  }

  /** The innermost template, or -1. */
  findTemplate(): number {
    for (let i = this.depth - 1; i >= 0; i--) if (this.kinds[i] === Open.Template) return i;
    return -1;
  }

  /**
   * The foreign content rule for an end tag: walk down through SVG/MathML elements to one with
   * the same name. Returns its index; or, when an HTML element or the bottom comes first, `-2 - i`
   * where `i` is that HTML entry's index (-1 for the bottom): the end tag is then an HTML one there.
   */
  findForeign(name: number): number {
    let i = this.depth - 1;
    for (; i >= 0 && isForeignKind(this.kinds[i]!); i--) if (this.names[i] === name) return i;
    return -2 - i;
  }

  /** An HTML end tag inside an integration point: the open HTML element of that name from `from` down, or -1. */
  findHtml(name: number, from: number): number {
    for (let i = from; i >= 0 && this.kinds[i] === Open.Html; i--) if (this.names[i] === name) return i;
    return -1;
  }

  /** A breakout tag: pops SVG/MathML elements until an integration point or HTML is current. */
  popForeignElements(): void {
    while (this.top === Open.Foreign) this.popThrough(this.depth - 1);
  }

  /**
   * End tags that close everything followed here, innermost first, for text appended after the
   * last byte of the page; null when that cannot be done without changing the page (a `<p>` open
   * inside an integration point: `</p>` where the parser has no open `<p>` would create one).
   * Any other end tag for an element that is not open is ignored by the parser.
   */
  closingTags(): string | null {
    if (this.lost) return null;
    let tags = '';
    let i = this.depth - 1;
    while (i >= 0) {
      const kind = this.kinds[i]!;
      if (kind === Open.Html) {
        const name = this.htmlNames[i]!;
        if (name === 'p' || name === '') return null;
        tags += `</${name}>`;
      } else if (kind === Open.Template) tags += '</template>';
      else if (kind === Open.Table) tags += '</table>';
      else if (kind === Open.Select) tags += '</select>';
      else {
        // An SVG/MathML subtree: its root's end tag closes through every foreign element above
        // it, once per element of the same name (an `<svg>` inside an `<svg>`).
        let root = i;
        while (root > 0 && isForeignKind(this.kinds[root - 1]!)) root--;
        const rootName = this.names[root]!;
        const tag = this.spaces[root] === Namespace.Svg ? '</svg>' : '</math>';
        for (let k = i; k >= root; k--) if (this.names[k] === rootName) tags += tag;
        i = root;
      }
      i--;
    }
    return tags;
  }

  private grow(): void {
    const size = Math.min(MAX_DEPTH, Math.max(INITIAL_DEPTH, this.kinds.length * 2));
    const kinds = new Uint8Array(size);
    const names = new Int32Array(size);
    const spaces = new Uint8Array(size);
    kinds.set(this.kinds);
    names.set(this.names);
    spaces.set(this.spaces);
    this.kinds = kinds;
    this.names = names;
    this.spaces = spaces;
  }

  private count(kind: number, delta: number): void {
    if (isForeignKind(kind) || kind === Open.Html) this.foreignEntries += delta;
    else if (kind === Open.Template) this.templates += delta;
    else if (kind === Open.Select) this.selects += delta;
  }
}
