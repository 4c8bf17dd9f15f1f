import fc from 'fast-check';

/**
 * Documents in the manner of the html5lib tree-construction tests: short runs of tokens that
 * exercise the tree builder rather than the tokenizer alone — framesets after body content,
 * SVG/MathML with their integration points, templates, tables and selects left open, raw text
 * and comments cut off by the end of the page, NULs and character references.
 */
const TOKENS = [
  // head and body
  '<!DOCTYPE html>', '<html>', '</html>', '<head>', '</head>', '<body>', '</body>', '<title>t</title>', '<meta charset="utf-8">',
  // content that keeps or ends frameset-ok
  '<frameset>', '</frameset>', '<frame>', '<input type=hidden>', '<input>', '<param>', '<source>', '<img>', '<br>', '</br>', '<li>', '<pre>',
  // ordinary content (a `<p>` left open would be closed by the notice, as any block closes it)
  '<div>', '</div>', '<p>x</p>', '</p>', '<span>', '</span>', '<b>', '</b>', '<ul>', '</ul>',
  // tables and selects
  '<table>', '</table>', '<tr>', '<td>', '</td>', '<caption>', '<select>', '</select>', '<option>',
  // templates
  '<template>', '</template>',
  // SVG and MathML
  '<svg>', '</svg>', '<svg/>', '<g>', '</g>', '<path/>', '<foreignObject>', '</foreignObject>', '<desc>', '</desc>',
  '<math>', '</math>', '<mi>', '</mi>', '<mtext>', '</mtext>', '<mglyph>', '<annotation-xml encoding="text/html">',
  '<annotation-xml>', '</annotation-xml>', '<![CDATA[x</body>]]>', '<![CDATA[',
  // raw text and RCDATA
  '<script>', '</script>', '<script><!--<script>', '<style>', '</style>', '<textarea>', '</textarea>', '<xmp>', '<noscript>', '<iframe>', '<plaintext>',
  // comments and friends
  '<!-- c -->', '<!--', '-->', '-', '--', '--!', '<!-', '<!', '<?x?>', '<?', '<', '</',
  // text
  'x', ' ', '\n', '\u0000', '&#32;', '&#x20;', '&amp;', '&Tab;', '&', '>', 'é',
] as const;

export function tokenSoup(): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((tokens) => tokens.join(''));
}
