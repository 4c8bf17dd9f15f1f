import { injectOnce, TOKEN_INSERTIONS } from './helpers';

const MARKER_ONLY = { marker: TOKEN_INSERTIONS.marker! };

describe('the <!-- geonotice --> marker', () => {
  it('is replaced by the marker insertion', () => {
    const run = injectOnce('<body><header><!-- geonotice --></header><p>x</p></body>', TOKEN_INSERTIONS);
    expect(run.output.toString()).toBe('<body>[S]<header>[M]</header><p>x</p>[E]</body>');
    expect(run.report.marker).toBe('marker-comment');
  });

  it.each(['<!--geonotice-->', '<!--   GeoNotice \n\t-->', '<!--\ngeonotice\n-->'])(
    'tolerates case and whitespace: %j',
    (comment) => {
      expect(injectOnce(`<body>a${comment}b</body>`, MARKER_ONLY).output.toString()).toBe('<body>a[M]b</body>');
    },
  );

  it.each(['<!-- geonotice: here -->', '<!-- geo notice -->', '<!-- geonotice --!>', '<!-- geonoticex -->'])(
    'other comments are left alone: %j',
    (comment) => {
      expect(injectOnce(`<body>a${comment}b</body>`, MARKER_ONLY).output.toString()).toBe(
        `<body>[M]a${comment}b</body>`,
      );
    },
  );

  it('falls back to the body start when absent', () => {
    const run = injectOnce('<body><p>x</p></body>', MARKER_ONLY);
    expect(run.output.toString()).toBe('<body>[M]<p>x</p></body>');
    expect(run.report.marker).toBe('body-tag');
  });

  it('inside a script, a template or the head it is not a marker', () => {
    const page =
      '<html><head><!-- geonotice --></head><body><script>var s = "<!-- geonotice -->";</script><template><!-- geonotice --></template></body></html>';
    const run = injectOnce(page, MARKER_ONLY);
    expect(run.output.toString()).toBe(page.replace('<body>', '<body>[M]'));
    expect(run.report.marker).toBe('body-tag');
  });

  it('only the first marker is replaced', () => {
    expect(injectOnce('<body><!-- geonotice -->a<!-- geonotice --></body>', MARKER_ONLY).output.toString()).toBe(
      '<body>[M]a<!-- geonotice --></body>',
    );
  });

  it('in a page without <body>, the marker still counts once the body has started', () => {
    expect(injectOnce('<title>t</title><p>a</p><!-- geonotice -->', MARKER_ONLY).output.toString()).toBe(
      '<title>t</title><p>a</p>[M]',
    );
  });
});
