/**
 * The hooked `res.write`/`res.end` keep node's contract: callbacks run, `write` returns a
 * boolean, a write after `end` neither throws nor sends, `end` returns the response.
 */
import type { ServerResponse } from 'node:http';
import { PAGE, appWith, fetchRaw, noticeCount } from '../../helpers/geonotice-app';

describe('the hooked response keeps the write/end contract', () => {
  it('callbacks of write(chunk, cb), write(chunk, encoding, cb) and end(cb) all run; end returns the response', async () => {
    const called: string[] = [];
    let endReturned: unknown;
    let writeReturned: unknown;
    let lateWrite: unknown;
    let response: ServerResponse | undefined;
    const app = appWith({}, (app) =>
      app.get('/', (req, res) => {
        response = res;
        res.type('html');
        writeReturned = res.write(PAGE.slice(0, 30), () => called.push('write'));
        res.write(PAGE.slice(30, 60), 'utf8', () => called.push('write with encoding'));
        res.write(PAGE.slice(60));
        endReturned = res.end(() => called.push('end'));
        lateWrite = res.write('<p>too late</p>');
      }),
    );
    const raw = await fetchRaw(app, '/');
    await new Promise((resolve) => setImmediate(resolve));
    expect(called).toEqual(expect.arrayContaining(['write', 'write with encoding', 'end']));
    expect(typeof writeReturned).toBe('boolean');
    expect(endReturned).toBe(response);
    expect(lateWrite).toBe(false);
    const html = raw.body.toString();
    expect(noticeCount(html)).toBe(1);
    expect(html).not.toContain('too late');
  });

  it('end(chunk, cb) on a one-piece body runs the callback and sends the exact length', async () => {
    let ended = false;
    const app = appWith({}, (app) =>
      app.get('/', (req, res) => {
        res.type('html');
        res.end(PAGE, () => (ended = true));
      }),
    );
    const raw = await fetchRaw(app, '/');
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(true);
    expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
    expect(noticeCount(raw.body.toString())).toBe(1);
  });

  it('a custom render option supplies the markup', async () => {
    const app = appWith(
      { render: (notice) => `<div class="site-banner" data-id="${notice.id}">${notice.language}</div>`, styles: false },
      (app) => app.get('/', (req, res) => res.send(PAGE)),
    );
    const raw = await fetchRaw(app, '/', { headers: { 'Accept-Language': 'uk' } });
    expect(raw.body.toString()).toContain(
      '<body class="page"><div class="site-banner" data-id="sharing-risk-russia">uk</div><h1>',
    );
  });
});
