/**
 * Tricky pages, each written as the expected output: `[S]` marks the body-start insertion, `[E]`
 * the body-end one. The input page is the same text without the tokens.
 */
export interface PlacementCase {
  name: string;
  expected: string;
  /** The parsed DOM of this page is compared with parse5 (false where the page itself is broken). */
  domCheck?: boolean;
}

export const PLACEMENT_CASES: readonly PlacementCase[] = [
  {
    name: 'an ordinary page',
    expected: '<!DOCTYPE html><html><head><title>t</title></head><body>[S]<p>x</p>[E]</body></html>',
  },
  {
    name: '<body> inside a comment',
    expected: '<html><head><!-- <body> --></head><body class="x">[S]hi[E]</body></html>',
  },
  {
    name: '<body> inside a script string',
    expected: '<html><head><script>document.write("<body>");</script></head><body>[S]x[E]</body></html>',
  },
  {
    name: '</body> inside a script string in the body',
    expected: '<body>[S]<script>var end = "</body>";</script><p>x</p>[E]</body>',
  },
  {
    name: '<body> inside an attribute value in the head',
    expected: '<html><head><meta name="x" content="<body>"></head><body>[S]x[E]</body></html>',
  },
  {
    name: '</body> inside quoted attribute values',
    expected: `<body>[S]<div title="</body>" data-x='a > </body>'>x</div>[E]</body>`,
  },
  {
    // Past the first 64 bytes of a value the scanner hands over to indexOf: the same rules hold there.
    name: '</body> and > deep inside long quoted values',
    expected: `<body>[S]<img src="data:${'A'.repeat(100)}</body>>" alt='${'b'.repeat(80)}> </body>'><p>x</p>[E]</body>`,
  },
  { name: '</body> inside an unquoted attribute value', expected: '<body>[S]<a title=</body>x</a>[E]</body>' },
  {
    name: '<body> in <title>, </body> in <textarea>',
    expected: '<html><head><title><body></title></head><body>[S]<textarea></body></textarea>[E]</body></html>',
  },
  {
    name: '<body> and </body> inside <template>',
    expected:
      '<html><head><template><body><p>a</p></body></template></head><body>[S]<template></body></template>x[E]</body></html>',
  },
  {
    name: '</body> in a CDATA section inside SVG',
    expected: '<body>[S]<svg><![CDATA[ </body> ]]><rect/></svg>[E]</body>',
  },
  { name: 'upper- and mixed-case tags', expected: '<HTML><HEAD><TITLE>t</TITLE></HEAD><BoDy>[S]x[E]</BODY ></HTML>' },
  {
    name: '<body> whose attributes contain >',
    expected: `<html><head></head><body data-x="a>b" class='c>d' onload=go>[S]x[E]</body></html>`,
  },
  {
    name: 'no <body> tag: the first non-head tag opens the body',
    expected: '<!DOCTYPE html><html><head><title>t</title><meta charset="utf-8"></head>\n[S]<p>Hello</p>\n[E]</html>',
  },
  { name: 'no <head> and no <body>: text opens the body', expected: '<title>x</title>  \n[S]Hello[E]' },
  { name: 'a bare text document', expected: '[S]Hello world[E]' },
  { name: 'a <bodyx> tag is not <body>', expected: '<html><head></head>[S]<bodyx>hi</bodyx>[E]' },
  { name: 'several </body>: the last one', expected: '<body>[S]<p>a</p></body><p>b</p>[E]</body>' },
  { name: '</html> when there is no </body>', expected: '<body>[S]x[E]</html>' },
  { name: 'a byte order mark is not text', expected: '\uFEFF<!DOCTYPE html>\n<title>t</title>\n[S]<main>x</main>[E]' },
  {
    name: 'whitespace and comments before the body',
    expected: '\n<html>\n<head>\n</head>\n<!-- c -->\n[S]<div>x</div>[E]</html>',
  },
  {
    name: 'escaped script states: </script> and </body> inside <!-- <script> … -->',
    expected: '<body>[S]<script><!-- <script> </script> </body> --></script><p>x</p>[E]</body>',
  },
  {
    name: '</body> inside <noscript>, <iframe>, <xmp>, <style>',
    expected:
      '<body>[S]<noscript></body></noscript><iframe></body></iframe><xmp></body></xmp><style>a::after{content:"</body>"}</style>x[E]</body>',
  },
  { name: 'a bogus comment hides </body>', expected: '<body>[S]a<? </body> ?>b[E]</body>' },
  {
    name: '<![CDATA[ outside SVG is a bogus comment up to the first >',
    expected: '<body>[S]<![CDATA[ x ]]>y[E]</body>',
  },
  {
    name: 'a <link> with "<body>" in its href before the body',
    expected: '<html><head><link rel="x" href="/<body>"></head><body>[S]x[E]</body></html>',
  },
  {
    name: 'a self-closing <svg/> does not start foreign content',
    expected: '<body>[S]<svg/><![CDATA[ </body> ]]>x[E]</body>',
  },
  { name: 'a comment closed with --!>', expected: '<body>[S]<!-- </body> --!>x[E]</body>' },
  { name: 'the shortest comments <!--> and <!--->', expected: '<body>[S]<!--><!--->x[E]</body>' },
  { name: 'an empty page', expected: '[S][E]' },
];

/** Pages where something cannot or must not be inserted. */
export interface NoInsertionCase {
  name: string;
  page: string;
  expected: string;
}

export const PARTIAL_CASES: readonly NoInsertionCase[] = [
  {
    name: 'a frameset document has no body',
    page: '<html><head><title>f</title></head><frameset cols="50%,50%"><frame src="a"><frame src="b"></frameset></html>',
    expected:
      '<html><head><title>f</title></head><frameset cols="50%,50%"><frame src="a"><frame src="b"></frameset></html>',
  },
  {
    name: 'a page ending in <plaintext> gets the body end before it',
    page: '<body><plaintext></body>',
    expected: '<body>[S][E]<plaintext></body>',
  },
  {
    name: 'a <plaintext> in a template is not the body end',
    page: '<body>x<template><plaintext></body>',
    expected: '<body>[S]x<template><plaintext></body>',
  },
  {
    name: 'a page ending inside a tag gets nothing appended',
    page: '<p>x</p><div class="a',
    expected: '[S]<p>x</p><div class="a',
  },
  { name: 'a page ending in "</" gets nothing appended', page: '<body>x</', expected: '<body>[S]x</' },
  {
    name: 'a page ending in a double-escaped script gets nothing appended',
    page: '<body>x<script><!--<script>',
    expected: '<body>[S]x<script><!--<script>',
  },
];

/**
 * Pages that end with something open: what is appended after the last byte first closes it, the
 * way the parser would at the end of the input, so that the notice lands in the body and the
 * page's own content stays as it was (the tests compare with parse5).
 */
export const END_OF_PAGE_CASES: readonly NoInsertionCase[] = [
  { name: 'a comment', page: '<body>x<!-- </body>', expected: '<body>[S]x<!-- </body>-->[E]' },
  { name: 'a comment ending in one dash', page: '<body>x<!-- a -', expected: '<body>[S]x<!-- a -->[E]' },
  { name: 'a comment ending in two dashes', page: '<body>x<!-- a --', expected: '<body>[S]x<!-- a -->[E]' },
  { name: 'a comment ending in --!', page: '<body>x<!-- a --!', expected: '<body>[S]x<!-- a --!>[E]' },
  { name: 'a bare comment opener', page: '<body>x<!--', expected: '<body>[S]x<!---->[E]' },
  { name: 'a bogus comment', page: '<body>x<?php echo 1', expected: '<body>[S]x<?php echo 1>[E]' },
  {
    name: 'a script',
    page: '<body>x<script>if (a < b) { "</body>"',
    expected: '<body>[S]x<script>if (a < b) { "</body>"</script>[E]',
  },
  { name: 'an escaped script', page: '<body>x<script><!-- a', expected: '<body>[S]x<script><!-- a</script>[E]' },
  { name: 'a style', page: '<body>x<style>p{}</sty', expected: '<body>[S]x<style>p{}</sty</style>[E]' },
  { name: 'a title in the head', page: '<title>t', expected: '<title>t</title>[S][E]' },
  { name: 'a textarea', page: '<body>x<textarea>a</body>', expected: '<body>[S]x<textarea>a</body></textarea>[E]' },
  { name: 'an <svg>', page: '<body>x<svg><g><path d="M0 0">', expected: '<body>[S]x<svg><g><path d="M0 0"></svg>[E]' },
  {
    name: 'an <svg> in an <svg>',
    page: '<body>x<svg><g><svg><rect>',
    expected: '<body>[S]x<svg><g><svg><rect></svg></svg>[E]',
  },
  {
    name: 'a CDATA section in <svg>',
    page: '<body>x<svg><![CDATA[ a ]',
    expected: '<body>[S]x<svg><![CDATA[ a ]]]></svg>[E]',
  },
  { name: 'MathML', page: '<body>x<math><mi>y', expected: '<body>[S]x<math><mi>y</math>[E]' },
  {
    name: 'an HTML <template> in an SVG <template>',
    page: '<body>x<svg><template><desc><template>y',
    expected: '<body>[S]x<svg><template><desc><template>y</template></svg>[E]',
  },
  {
    name: 'an HTML element in a foreignObject',
    page: '<body>x<svg><foreignObject><div>y',
    expected: '<body>[S]x<svg><foreignObject><div>y</div></svg>[E]',
  },
  { name: 'a <template>', page: '<body>x<template><div>y', expected: '<body>[S]x<template><div>y</template>[E]' },
  {
    name: 'a <template> in the head, before any body',
    page: '<head><template>y',
    expected: '<head><template>y</template>[S][E]',
  },
  { name: 'a <select>', page: '<body>x<select><option>y', expected: '<body>[S]x<select><option>y</select>[E]' },
  {
    name: 'a <template> in a <select>',
    page: '<body>x<select><template>y',
    expected: '<body>[S]x<select><template>y</template></select>[E]',
  },
  { name: 'a table', page: '<body>x<table><tr><td>y', expected: '<body>[S]x<table><tr><td>y</table>[E]' },
  {
    name: 'a select in a table cell',
    page: '<body>x<table><tr><td><select>',
    expected: '<body>[S]x<table><tr><td><select></select></table>[E]',
  },
  { name: 'a table after its </body>', page: '<body>x</body><table>', expected: '<body>[S]x[E]</body><table>' },
  {
    name: '</body> inside an open table is not the body end',
    page: '<body>x<table><tr><td>y</body>',
    expected: '<body>[S]x<table><tr><td>y</body></table>[E]',
  },
  {
    name: '</body> inside an open <select>',
    page: '<body>x<select><option>y</body></html>',
    expected: '<body>[S]x<select><option>y</body></html></select>[E]',
  },
  { name: '</body> inside an open <svg>', page: '<body>x<svg></body>', expected: '<body>[S]x<svg></body></svg>[E]' },
];
