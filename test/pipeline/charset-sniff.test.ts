import {
  charsetFromBom,
  charsetFromMeta,
  createCharsetAwareInjector,
  type PageInjector,
} from '../../src/pipeline/charset-sniff';

describe('charsetFromBom', () => {
  it('reads the three marks', () => {
    expect(charsetFromBom(Buffer.from([0xff, 0xfe, 0x3c]), false)).toBe('utf-16le');
    expect(charsetFromBom(Buffer.from([0xfe, 0xff, 0x00]), false)).toBe('utf-16be');
    expect(charsetFromBom(Buffer.from([0xef, 0xbb, 0xbf, 0x3c]), false)).toBe('utf-8');
  });

  it('waits while a mark could still be forming, and not once the page has ended', () => {
    expect(charsetFromBom(Buffer.alloc(0), false)).toBeUndefined();
    expect(charsetFromBom(Buffer.from([0xef, 0xbb]), false)).toBeUndefined();
    expect(charsetFromBom(Buffer.from([0xff]), false)).toBeUndefined();
    expect(charsetFromBom(Buffer.from([0xef, 0xbb]), true)).toBeNull();
  });

  it('knows at once that "<" starts no mark', () => {
    expect(charsetFromBom(Buffer.from('<'), false)).toBeNull();
  });
});

describe('charsetFromMeta', () => {
  it.each([
    ['<meta charset="windows-1251">', 'windows-1251'],
    ["<meta charset='KOI8-R'>", 'koi8-r'],
    ['<meta charset=utf-8>', 'utf-8'],
    ['<META http-equiv="Content-Type" content="text/html; charset=windows-1251">', 'windows-1251'],
    ['<meta content="text/html;charset=koi8-r" http-equiv=content-type />', 'koi8-r'],
  ])('%s → %s', (meta, charset) => {
    expect(charsetFromMeta(Buffer.from(`<!DOCTYPE html><html><head>${meta}<title>x</title>`))).toBe(charset);
  });

  it('skips a declaration inside a comment, and one past the first 1024 bytes', () => {
    expect(charsetFromMeta(Buffer.from('<head><!-- <meta charset="koi8-r"> --><title>x</title>'))).toBeNull();
    expect(charsetFromMeta(Buffer.from(`<head><title>${'x'.repeat(1100)}</title><meta charset="koi8-r">`))).toBeNull();
  });

  it('ignores a meta without a charset', () => {
    expect(
      charsetFromMeta(Buffer.from('<meta name="viewport" content="width=device-width"><meta charset="koi8-r">')),
    ).toBe('koi8-r');
  });
});

describe('createCharsetAwareInjector', () => {
  function recording(): { charsets: string[]; create: (charset: string) => PageInjector } {
    const charsets: string[] = [];
    return {
      charsets,
      create: (charset) => {
        charsets.push(charset);
        return {
          write: (chunk) => [chunk],
          end: (chunk) => (chunk ? [chunk, Buffer.from('|end')] : [Buffer.from('|end')]),
        };
      },
    };
  }

  it('with a declared charset, holds only until a byte order mark is ruled out', () => {
    const { charsets, create } = recording();
    const injector = createCharsetAwareInjector('koi8-r', create);
    expect(injector.write(Buffer.from('<'))).toEqual([Buffer.from('<')]);
    expect(charsets).toEqual(['koi8-r']);
  });

  it('without one, holds up to the <meta> and settles on it', () => {
    const { charsets, create } = recording();
    const injector = createCharsetAwareInjector(null, create);
    expect(injector.write(Buffer.from('<html><head>'))).toEqual([]);
    const out = injector.write(Buffer.from('<meta charset="windows-1251"><title>'));
    expect(Buffer.concat(out).toString()).toBe('<html><head><meta charset="windows-1251"><title>');
    expect(charsets).toEqual(['windows-1251']);
  });

  it('without any declaration, settles on UTF-8 after 1024 bytes or at the end', () => {
    const long = recording();
    const injector = createCharsetAwareInjector(null, long.create);
    expect(injector.write(Buffer.alloc(1000, 'a'))).toEqual([]);
    expect(Buffer.concat(injector.write(Buffer.alloc(100, 'b'))).length).toBe(1100);
    expect(long.charsets).toEqual(['utf-8']);

    const short = recording();
    const ended = createCharsetAwareInjector(null, short.create);
    expect(Buffer.concat(ended.end(Buffer.from('<p>hi'))).toString()).toBe('<p>hi|end');
    expect(short.charsets).toEqual(['utf-8']);
  });

  it('a byte order mark overrules the declared charset; null from create passes the page through', () => {
    const charsets: string[] = [];
    const injector = createCharsetAwareInjector('windows-1251', (charset) => {
      charsets.push(charset);
      return null;
    });
    const page = Buffer.from([0xff, 0xfe, 0x3c, 0x00]);
    expect(
      Buffer.concat([...injector.write(page.subarray(0, 1)), ...injector.write(page.subarray(1)), ...injector.end()]),
    ).toEqual(page);
    expect(charsets).toEqual(['utf-16le']);
  });
});
