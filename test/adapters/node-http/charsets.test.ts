/**
 * Pages in other charsets: an ASCII-compatible one (windows-1251, koi8-r) gets the notice as
 * numeric character references, whether the charset is in Content-Type or in a `<meta>` early in
 * the page; UTF-16 passes through untouched; a UTF-8 character split between writes stays whole.
 */
import request from 'supertest';
import { SHIPPED_NOTICE, appWith, fetchRaw, noticeCount, rules, singleByteEncoder } from '../../helpers/geonotice-app';

const russian = rules('shipped').notices.find((notice) => notice.id === SHIPPED_NOTICE)?.messages['ru'];
if (russian?.title === undefined) throw new Error('the shipped notice has no Russian title');
const RUSSIAN_TITLE = russian.title;

/** What a browser shows for `&#1055;`-style references. */
function decodeReferences(html: string): string {
  return html.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

/** The bytes between the first `<aside` and the last `</aside>`. */
function noticeBytes(body: Buffer): Buffer {
  const start = body.indexOf('<aside');
  const end = body.lastIndexOf('</aside>');
  expect(start).toBeGreaterThan(-1);
  return body.subarray(start, end + '</aside>'.length);
}

const PAGE_TEXT = 'Свежие новости: переправа снова работает';
const pageIn = (head = ''): string =>
  `<!DOCTYPE html><html><head>${head}<title>Новости</title></head><body><h1>${PAGE_TEXT}</h1></body></html>`;

describe.each(['windows-1251', 'koi8-r'])('%s', (charset) => {
  const encode = singleByteEncoder(charset);
  const decoder = new TextDecoder(charset);

  function check(body: Buffer, original: Buffer): void {
    // The notice is pure ASCII: references only, no byte that means one thing in UTF-8 and another here.
    expect(noticeBytes(body).every((byte) => byte < 0x80)).toBe(true);
    const html = decoder.decode(body);
    expect(noticeCount(html)).toBe(1);
    expect(decodeReferences(html)).toContain(RUSSIAN_TITLE);
    // The page's own bytes are untouched.
    const withoutNotice = Buffer.concat([
      body.subarray(0, body.indexOf('<style')),
      body.subarray(body.lastIndexOf('</aside>') + 8),
    ]);
    expect(withoutNotice.equals(original)).toBe(true);
  }

  it('declared in Content-Type: the notice arrives as character references', async () => {
    const original = encode(pageIn());
    const app = appWith({}, (app) =>
      app.get('/', (req, res) => {
        res.set('Content-Type', `text/html; charset=${charset}`).send(original);
      }),
    );
    const raw = await fetchRaw(app, '/', { headers: { 'Accept-Language': 'ru' } });
    check(raw.body, original);
    expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
  });

  // Express's res.set('Content-Type', 'text/html') adds "charset=utf-8" (which a browser would
  // obey over the <meta>), so these pages set the bare type with node's setHeader.
  it('declared only in <meta charset> early in the page, written in pieces', async () => {
    const original = encode(pageIn(`<meta charset="${charset}">`));
    const app = appWith({}, (app) =>
      app.get('/', (req, res) => {
        res.setHeader('Content-Type', 'text/html');
        for (let i = 0; i < original.length; i += 5) res.write(original.subarray(i, i + 5));
        res.end();
      }),
    );
    const raw = await fetchRaw(app, '/', { headers: { 'Accept-Language': 'ru' } });
    check(raw.body, original);
  });

  it('declared only in <meta http-equiv="Content-Type">, sent in one piece', async () => {
    const original = encode(pageIn(`<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`));
    const app = appWith({}, (app) =>
      app.get('/', (req, res) => {
        res.setHeader('Content-Type', 'text/html');
        res.send(original);
      }),
    );
    const raw = await fetchRaw(app, '/', { headers: { 'Accept-Language': 'ru' } });
    check(raw.body, original);
    expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
  });
});

describe('UTF-16', () => {
  it.each(['utf-16le', 'utf-16'])(
    'charset=%s passes through byte for byte, with the header still set',
    async (charset) => {
      const original = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pageIn(), 'utf16le')]);
      const app = appWith({}, (app) =>
        app.get('/', (req, res) => {
          res.set('Content-Type', `text/html; charset=${charset}`).send(original);
        }),
      );
      const raw = await fetchRaw(app, '/');
      expect(raw.body.equals(original)).toBe(true);
      expect(raw.headers['geonotice']).toBe(SHIPPED_NOTICE);
    },
  );

  it('a UTF-16 byte order mark without a declared charset passes through byte for byte', async () => {
    const original = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pageIn(), 'utf16le')]);
    const app = appWith({}, (app) =>
      app.get('/', (req, res) => {
        res.setHeader('Content-Type', 'text/html');
        res.write(original.subarray(0, 1));
        res.end(original.subarray(1));
      }),
    );
    const raw = await fetchRaw(app, '/');
    expect(raw.body.equals(original)).toBe(true);
  });
});

describe('UTF-8', () => {
  it('a multi-byte character split across two writes stays whole, before and after the insertion point', async () => {
    const page = Buffer.from(
      `<!DOCTYPE html><html><head><title>Ж</title></head><body>Ж<p>${PAGE_TEXT}</p></body></html>`,
    );
    const firstZhe = page.indexOf(Buffer.from('Ж'));
    const secondZhe = page.indexOf(Buffer.from('Ж'), firstZhe + 2);
    const app = appWith({}, (app) =>
      app.get('/', (req, res) => {
        res.set('Content-Type', 'text/html; charset=utf-8');
        res.write(page.subarray(0, firstZhe + 1));
        res.write(page.subarray(firstZhe + 1, secondZhe + 1));
        res.end(page.subarray(secondZhe + 1));
      }),
    );
    const res = await request(app).get('/').set('Accept-Language', 'ru').expect(200);
    expect(res.text).not.toContain('\ufffd');
    expect(res.text).toContain('<title>Ж</title>');
    expect(res.text).toMatch(/<\/aside>Ж<p>/);
    expect(res.text).toContain(RUSSIAN_TITLE);
  });

  it('string chunks in another encoding argument are taken as that encoding', async () => {
    const page = pageIn();
    const app = appWith({}, (app) =>
      app.get('/', (req, res) => {
        res.set('Content-Type', 'text/html; charset=utf-8');
        res.write(Buffer.from(page.slice(0, 40)).toString('base64'), 'base64');
        res.end(Buffer.from(page.slice(40)).toString('hex'), 'hex');
      }),
    );
    const res = await request(app).get('/').expect(200);
    expect(res.text).toContain(PAGE_TEXT);
    expect(noticeCount(res.text)).toBe(1);
  });
});
