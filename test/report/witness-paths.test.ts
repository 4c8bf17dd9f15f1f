import picomatch from 'picomatch';
import { globWitnesses, OTHER_PATH, witnessPaths } from '../../src/report/witness-paths';

describe('witness paths', () => {
  it('tells /news/* from /news/** by a deeper path and by /news itself', () => {
    const single = picomatch('/news/*', { dot: true });
    const deep = picomatch('/news/**', { dot: true });
    const witnesses = witnessPaths(['/news/*', '/news/**']);
    expect(witnesses.filter((path) => single(path) !== deep(path)).sort()).toEqual(['/news', '/news/w/w']);
  });

  it('gives a path for each brace alternative, and concrete letters for wildcards and classes', () => {
    expect(globWitnesses('/{en,ru}/news/*.html')).toEqual(['/en/news/w.html', '/ru/news/w.html']);
    expect(globWitnesses('/a?c/[xy]z/@(one|two)')).toEqual(['/awc/xz/one']);
  });

  it.each([
    '/news/**',
    '/{a,b}/**/x-*.{html,htm}',
    '/a/[!b]c',
    '/a/[^b]c',
    '/**',
    '**/api/*',
    '/shop/+(cart|checkout)/*',
  ])('every witness of %s matches it', (glob) => {
    const matches = picomatch(glob, { dot: true });
    for (const path of globWitnesses(glob)) expect([path, matches(path)]).toEqual([path, true]);
  });

  it('is just "/" without globs, and ends with a path no glob names otherwise', () => {
    expect(witnessPaths([])).toEqual(['/']);
    const witnesses = witnessPaths(['/news/**']);
    expect(witnesses[0]).toBe('/');
    expect(witnesses.at(-1)).toBe(OTHER_PATH);
  });
});
