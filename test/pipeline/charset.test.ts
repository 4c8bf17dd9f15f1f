import { encodeMarkup, isAsciiCompatibleCharset, toAsciiWithReferences } from '../../src/pipeline/charset';

describe('encodeMarkup', () => {
  const markup = '<aside lang="ru">Внимание: «тест» — 😀</aside>';

  it('writes UTF-8 by default and for UTF-8 labels', () => {
    for (const label of [undefined, '', 'utf-8', 'UTF-8', '"utf8"', ' Utf-8 ']) {
      expect(Buffer.from(encodeMarkup(markup, label)!).equals(Buffer.from(markup, 'utf8'))).toBe(true);
    }
  });

  it.each(['windows-1251', 'koi8-r', 'ISO-8859-1', 'iso-8859-5', 'shift_jis', 'gbk', 'us-ascii', 'x-unknown-label'])(
    'writes pure ASCII with references for %s',
    (charset) => {
      const bytes = encodeMarkup(markup, charset)!;
      expect(bytes.every((byte) => byte < 0x80)).toBe(true);
      expect(Buffer.from(bytes).toString('latin1')).toBe(
        '<aside lang="ru">&#1042;&#1085;&#1080;&#1084;&#1072;&#1085;&#1080;&#1077;: &#171;&#1090;&#1077;&#1089;&#1090;&#187; &#8212; &#128512;</aside>',
      );
    },
  );

  it.each(['utf-16', 'UTF-16LE', 'utf-16be', 'utf-32', 'ucs-2', 'utf-7', 'iso-2022-jp', 'ibm037', 'cp1047'])(
    'returns null for %s (not ASCII-compatible)',
    (charset) => {
      expect(encodeMarkup(markup, charset)).toBeNull();
      expect(isAsciiCompatibleCharset(charset)).toBe(false);
    },
  );

  it('turns a lone surrogate into U+FFFD', () => {
    expect(toAsciiWithReferences('a\ud800b')).toBe('a&#65533;b');
    expect(toAsciiWithReferences('plain')).toBe('plain');
  });

  it('round-trips: the references decode to the original text', () => {
    const ascii = toAsciiWithReferences('Київ — 日本 😀');
    const decoded = ascii.replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));
    expect(decoded).toBe('Київ — 日本 😀');
  });
});
