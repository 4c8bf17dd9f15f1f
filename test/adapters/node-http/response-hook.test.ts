/**
 * The hooked `res.write`/`res.end` keep node's contract: callbacks run, `write` returns a
 * boolean, a write after `end` neither throws nor sends, `end` returns the response.
 */
import type { ServerResponse } from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
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

  it('once the body is sent, the response no longer holds it', async () => {
    // Express responses outlive young-generation collections; a body held by the hook would live as
    // long, with its backing store (docs/performance.md).
    v8.setFlagsFromString('--expose-gc');
    const collectGarbage = vm.runInNewContext('gc') as () => void;
    const responses: ServerResponse[] = [];
    const bodies: Array<WeakRef<Buffer>> = [];
    const app = appWith({}, (app) => {
      app.get('/whole', (req, res) => {
        responses.push(res);
        const page = Buffer.from(PAGE);
        bodies.push(new WeakRef(page));
        res.type('html').end(page);
      });
      app.get('/pieces', (req, res) => {
        responses.push(res);
        const first = Buffer.from(PAGE.slice(0, 100));
        bodies.push(new WeakRef(first));
        res.type('html');
        res.write(first);
        res.end(PAGE.slice(100));
      });
    });
    for (const path of ['/whole', '/pieces']) {
      const raw = await fetchRaw(app, path);
      expect(noticeCount(raw.body.toString())).toBe(1);
    }
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(responses).toHaveLength(2);
    expect(bodies.map((body) => body.deref() === undefined)).toEqual([true, true]);
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
