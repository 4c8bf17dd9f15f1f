import { renderNotice, renderNotices } from '../../src/pipeline/markup';
import { escapeHtml, safeHref } from '../../src/util/html';

describe('renderNotice', () => {
  it('renders the documented markup', () => {
    expect(
      renderNotice({
        id: 'sharing-risk',
        language: 'ru',
        style: 'warning',
        title: 'Внимание',
        text: 'Текст',
        link: { href: 'https://example.org/more', label: 'Подробнее' },
      }),
    ).toBe(
      '<aside class="geonotice geonotice-warning" role="note" lang="ru" data-geonotice="sharing-risk">' +
        '<strong class="geonotice-title">Внимание</strong>' +
        '<div class="geonotice-text">Текст</div>' +
        '<a class="geonotice-link" href="https://example.org/more">Подробнее</a></aside>',
    );
  });

  it('leaves out what is absent', () => {
    expect(renderNotice({ id: 'a', language: 'en', style: 'info', text: 'x' })).toBe(
      '<aside class="geonotice geonotice-info" role="note" lang="en" data-geonotice="a"><div class="geonotice-text">x</div></aside>',
    );
  });

  it('escapes every text and attribute', () => {
    const html = renderNotice({
      id: 'x"><script>',
      language: 'en"',
      style: 'danger',
      title: '<b>T</b> & "q"',
      text: "it's <script>alert(1)</script>",
      link: { href: '/a?b=1&c="2"', label: '<i>more</i>' },
    });
    expect(html).not.toMatch(/<script>|<b>|<i>/);
    expect(html).toContain('data-geonotice="x&quot;&gt;&lt;script&gt;"');
    expect(html).toContain('lang="en&quot;"');
    expect(html).toContain('<strong class="geonotice-title">&lt;b&gt;T&lt;/b&gt; &amp; &quot;q&quot;</strong>');
    expect(html).toContain('it&#39;s &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="/a?b=1&amp;c=&quot;2&quot;">&lt;i&gt;more&lt;/i&gt;</a>');
  });

  it('puts trusted html in as is', () => {
    expect(renderNotice({ id: 'a', language: 'en', style: 'info', html: '<p>See <em>this</em></p>' })).toContain(
      '<div class="geonotice-text"><p>See <em>this</em></p></div>',
    );
  });

  it('drops a link with a forbidden scheme, keeps the rest', () => {
    const html = renderNotice({
      id: 'a',
      language: 'en',
      style: 'info',
      text: 't',
      link: { href: 'javascript:alert(1)', label: 'x' },
    });
    expect(html).not.toContain('<a ');
    expect(html).toContain('<div class="geonotice-text">t</div>');
  });

  it('renders several in order', () => {
    const list = renderNotices([
      { id: 'b', language: 'en', style: 'info', text: '2' },
      { id: 'a', language: 'en', style: 'info', text: '1' },
    ]);
    expect(list.indexOf('data-geonotice="b"')).toBeLessThan(list.indexOf('data-geonotice="a"'));
  });
});

describe('safeHref', () => {
  it.each([
    ['https://example.org/x', 'https://example.org/x'],
    ['HTTP://example.org', 'HTTP://example.org'],
    ['/relative/path?q=1', '/relative/path?q=1'],
    ['more.html', 'more.html'],
    ['#section', '#section'],
    ['//cdn.example.org/x', '//cdn.example.org/x'],
    ['  https://example.org  ', 'https://example.org'],
    ['/path:with-colon', '/path:with-colon'],
  ])('allows %j', (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:x',
    'java\nscript:x',
    'java\tscript:x',
    'data:text/html,x',
    'vbscript:x',
    'mailto:a@b.c',
    'file:///etc/passwd',
    '',
    '\u0001javascript:x',
    'a\u0000b',
  ])('drops %j', (href) => {
    expect(safeHref(href)).toBeNull();
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml('plain текст')).toBe('plain текст');
  });
});
