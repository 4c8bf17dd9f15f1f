'use strict';
/** A realistic HTML page of about `bytes` bytes: head with styles and scripts, varied article markup. */
function buildHtmlPage(bytes) {
  const head =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench article</title>' +
    '<style>body{font:16px/1.5 serif}.x>a{color:red}</style>' +
    '<script>window.dataLayer=[];if(1<2&&"</body>"){console.log("<body>")}</script></head>\n' +
    '<body class="article" data-x="a>b">\n';
  const tail = '<footer>© bench</footer>\n<script src="/app.js"></script>\n</body></html>\n';
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const block =
      `<section id="s${i}"><h2>Section ${i}</h2><!-- comment ${i} <body> -->` +
      `<p class="lead">Paragraph ${i}: the quick brown fox jumps over the lazy dog, <a href="/n/${i}?a=1&amp;b=2">link</a>, ` +
      `<em>emphasis</em> and <code>&lt;code&gt;</code>. Привет, мир — ${i}.</p>` +
      `<img src="/i/${i}.jpg" alt="picture ${i}" width="640" height="360"><textarea hidden><body></textarea></section>\n`;
    parts.push(block);
    size += Buffer.byteLength(block);
  }
  parts.push(tail);
  return parts.join('');
}
module.exports = { buildHtmlPage };
