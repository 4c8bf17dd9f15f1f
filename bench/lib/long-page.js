'use strict';
/**
 * The long page of the injector benchmarks: a news article's head, then varied article markup
 * (about 3 KB a part, each part a little different) up to the size asked for, then the footer.
 * Dense in tags, scripts, styles, comments, SVG and character references, so a scanner meets
 * every state it has.
 */

const HEAD = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Daily Chronicle &mdash; long read</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/site.css?v=42">
<style>
  body { font: 16px/1.5 Georgia, serif; margin: 0 } .nav > a { padding: 0 4px }
  article p:first-child::first-letter { font-size: 2em }
</style>
<script>window.dataLayer = window.dataLayer || []; if (1 < 2) { dataLayer.push({ page: "</div>" }); }</script>
</head>
<body class="article-page" data-template="long-read">
`;

/** One varied stretch of article markup (about 3 KB); `n` makes every copy differ a little. */
function articleChunk(n) {
  return `<section id="part-${n}" class="part ${n % 2 ? 'odd' : 'even'}" data-index="${n}">
  <!-- part ${n}: reviewed by the desk -->
  <h2 class="part-title">Part ${n}: what the council decided</h2>
  <p>The council met on Tuesday &amp; agreed, after a long debate, that the <a href="/topics/budget?part=${n}&amp;ref=inline" title="Budget > overview">budget</a> for the coming year would rise by ${n % 7}.${n % 10}%.
  Residents who spoke at the meeting <em>welcomed</em> the plan, though several asked for <strong>more detail</strong> on the timetable.</p>
  <figure class="photo"><img src="/img/${n}.jpg" alt="Council chamber, ${n}" width="640" height="360" loading="lazy" data-credit='Photo: "Staff"'><figcaption>The chamber before the vote.</figcaption></figure>
  <p>Opposition members said the figures did not add up; one of them, speaking after the session, argued that "the numbers in table 3 &lt; those in table 4" and asked for an independent review.
  The mayor's office replied in a statement that the review would be published before the end of the month.</p>
  <blockquote cite="https://example.org/statement/${n}">We will publish every line of it, as we always have.</blockquote>
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","position":${n},"headline":"Part ${n} <b>draft</b>"}</script>
  <ul class="related">
    <li><a href="/news/${n + 1}" data-track="related" data-pos="1">Next: the transport plan</a></li>
    <li><a href="/news/${n + 2}" data-track="related" data-pos="2">Schools to get new funding</a></li>
    <li><a href="/news/${n + 3}" data-track="related" data-pos="3">Letters: readers respond</a></li>
  </ul>
  <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M1 1h14v14H1z" fill="none" stroke="currentColor"/></svg>
  <script>(function(){ var el = document.getElementById("part-${n}"); if (el && el.offsetTop < 100) { el.classList.add("top"); } })();</script>
  <style>#part-${n} .part-title { color: #${((n * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6)} }</style>
  <p>Further reporting by our regional desk. Comments are open below; please keep them civil &mdash; <a href="/community/rules">community rules</a> apply.</p>
</section>
`;
}

const TAIL = `<footer class="site-footer"><p>&copy; Daily Chronicle</p></footer>
<script src="/assets/app.js" defer></script>
</body>
</html>
`;

/** Yields the page as Buffers of about `size` bytes of article markup each, then the tail. */
function* pageParts(totalBytes) {
  yield Buffer.from(HEAD);
  let written = HEAD.length;
  let n = 0;
  while (written < totalBytes - TAIL.length) {
    const part = Buffer.from(articleChunk(n++));
    written += part.length;
    yield part;
  }
  yield Buffer.from(TAIL);
}

function buildPage(totalBytes) {
  return Buffer.concat([...pageParts(totalBytes)]);
}

module.exports = { pageParts, buildPage };
