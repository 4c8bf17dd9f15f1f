import fc from 'fast-check';

/**
 * Random pages built from the constructs that trip scanners: quoted attributes holding `>` and
 * tags, comments and raw text holding `</body>`, escaped scripts, templates, SVG with CDATA,
 * multi-byte text, case changes. `forDom` leaves out what the injector knowingly simplifies
 * (frameset, `<select>`, unclosed templates/SVG), so that parse5 can judge the rest.
 */

const text = fc.constantFrom(
  'Hello',
  ' ',
  '\n',
  'Привет',
  '日本語',
  '😀 ok',
  'a < b',
  'x > y',
  '&amp;',
  '-->',
  ']]>',
  'é',
);
const attributeValue = fc.constantFrom('x', 'a>b', '</body>', '<body>', "it's", '<!--', '', 'Ж>ж', '/>');
const attributeName = fc.constantFrom('class', 'title', 'data-x', 'href', 'ALT');

const attribute = fc.tuple(attributeName, attributeValue, fc.constantFrom('"', "'", '')).map(([name, value, quote]) => {
  if (quote === '') return /^[a-z]+$/.test(value) ? ` ${name}=${value}` : ` ${name}`;
  return ` ${name}=${quote}${value.split(quote).join('')}${quote}`;
});

const attributes = fc.array(attribute, { maxLength: 3 }).map((list) => list.join(''));
/**
 * `a` and `p` are left out of DOM pages: a notice is block content with a link, so inside an open
 * `<p>` or `<a>` the parser reshapes the tree around it (the notice closes the `<p>`; its link
 * closes the page's `<a>`). That is how HTML works, not an injection error.
 */
const ordinaryName = (forDom: boolean) =>
  forDom
    ? fc.constantFrom('div', 'span', 'section', 'em', 'DIV', 'Span', 'li', 'bodyx', 'h1')
    : fc.constantFrom('div', 'p', 'span', 'a', 'section', 'em', 'DIV', 'Span', 'li', 'bodyx', 'h1');

const startTag = (forDom: boolean) =>
  fc.tuple(ordinaryName(forDom), attributes).map(([name, attrs]) => `<${name}${attrs}>`);
const endTag = (forDom: boolean) => ordinaryName(forDom).map((name) => `</${name}>`);
const hidingContent = fc.constantFrom('</body>', '<body>', 'x', '<!-- geonotice -->', '</html>', '<p>');
const comment = hidingContent.map((inside) => `<!-- ${inside} -->`);
const rawText = fc
  .tuple(fc.constantFrom('script', 'style', 'textarea', 'title', 'noscript', 'xmp', 'SCRIPT'), hidingContent)
  .map(([name, inside]) => `<${name}>${inside}</${name}>`);
const escapedScript = hidingContent.map((inside) => `<script><!-- <script> ${inside} </script> --></script>`);
const template = fc.tuple(hidingContent, attributes).map(([inside, attrs]) => `<template${attrs}>${inside}</template>`);
const svg = hidingContent.map((inside) => `<svg viewBox="0 0 1 1"><path d="M0 0"/><![CDATA[ ${inside} ]]></svg>`);
const bogus = hidingContent.map((inside) => `<?x ${inside.replace(/>/g, '')}?>`);
const marker = fc.constantFrom('<!-- geonotice -->', '<!--geonotice-->');

const bodyContent = (forDom: boolean) =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: text },
        { weight: 3, arbitrary: startTag(forDom) },
        { weight: 2, arbitrary: endTag(forDom) },
        { weight: 2, arbitrary: comment },
        { weight: 2, arbitrary: rawText },
        { weight: 1, arbitrary: escapedScript },
        { weight: 1, arbitrary: template },
        { weight: 1, arbitrary: svg },
        { weight: 1, arbitrary: bogus },
        { weight: 1, arbitrary: marker },
        {
          weight: forDom ? 0 : 1,
          arbitrary: fc.constantFrom('<frameset>', '<template>', '<svg>', '<!-- open', '<plaintext>'),
        },
      ),
      { maxLength: 14 },
    )
    .map((parts) => parts.join(''));

const headContent = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<title>t <body></title>',
        '<meta charset="utf-8">',
        '<link rel="x" href="<body>">',
        '\n  ',
        '<!-- <body> -->',
      ),
      fc.constantFrom(
        '<script>var a = "<body>";</script>',
        '<style>p::after{content:"</body>"}</style>',
        '<noscript><body></noscript>',
      ),
      template,
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join(''));

/** A whole page: optional doctype, head and body tags, any of which may be missing. */
export function page(forDom = false): fc.Arbitrary<string> {
  return fc
    .record({
      bom: fc.boolean(),
      doctype: fc.boolean(),
      html: fc.boolean(),
      head: fc.boolean(),
      headContent,
      bodyTag: fc.constantFrom('', '<body>', '<BODY class="a>b">', "<body data-x='</body>'>"),
      body: bodyContent(forDom),
      closeBody: fc.constantFrom('', '</body>', '</body>\n', '</BODY>'),
      tail: fc.constantFrom('', '</html>', '</html>\n', '\n'),
    })
    .map(
      (p) =>
        (p.bom ? '\uFEFF' : '') +
        (p.doctype ? '<!DOCTYPE html>' : '') +
        (p.html ? '<html lang="en">' : '') +
        (p.head ? `<head>${p.headContent}</head>` : p.headContent) +
        p.bodyTag +
        p.body +
        (p.bodyTag === '' ? '' : p.closeBody) +
        p.tail,
    );
}
