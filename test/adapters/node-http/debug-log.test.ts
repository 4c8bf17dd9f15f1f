/**
 * `NODE_DEBUG=geonotice` explains each request on standard error, as Node's own modules do. Node
 * reads NODE_DEBUG once, at start-up, so each case is a process of its own, against the built package.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** What a small site writes to standard error while serving a few requests. */
function stderrOf(env: NodeJS.ProcessEnv): string {
  const script = `
    const express = require('express');
    const { geonotice, staticProvider } = require(${JSON.stringify(join(ROOT, 'dist'))});
    const app = express();
    const where = (req) => (req.headers['x-test-place'] === 'us' ? { country: 'US' } : { country: 'UA', region: 'UA-43' });
    function fromTestHeader(req) { return staticProvider(where(req))(req); }
    app.use(geonotice({ rules: ${JSON.stringify(join(ROOT, 'rules'))}, geo: fromTestHeader, geoWarnings: false }));
    app.get('/', (req, res) => res.send('<!doctype html><body>page</body>'));
    app.get('/data', (req, res) => res.json({ ok: true }));
    const server = app.listen(0, '127.0.0.1', async () => {
      const url = 'http://127.0.0.1:' + server.address().port;
      await fetch(url + '/', { headers: { 'accept-language': 'uk' } });
      await fetch(url + '/', { headers: { 'x-test-place': 'us' } });
      await fetch(url + '/data');
      await fetch(url + '/', { method: 'HEAD' });
      server.close();
    });
  `;
  const child = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return child.stderr;
}

it('with NODE_DEBUG=geonotice, says what each request was decided and why a response was left alone', () => {
  const lines = stderrOf({ NODE_DEBUG: 'geonotice' })
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^GEONOTICE \d+: /, ''));
  expect(lines).toEqual([
    'GET /: UA-43 by fromTestHeader, uk; notices sharing-risk-russia (uk)',
    'GET /: US by fromTestHeader, no languages; no notice applies',
    'GET /: no notice applies to this visitor',
    'GET /data: UA-43 by fromTestHeader, no languages; notices sharing-risk-russia (en)',
    'GET /data: not an HTML page with a body (status 200, Content-Type application/json; charset=utf-8)',
    'HEAD /: UA-43 by fromTestHeader, no languages; notices sharing-risk-russia (en)',
    'HEAD /: a HEAD response: headers only',
  ]);
});

it('says nothing without it', () => {
  expect(stderrOf({ NODE_DEBUG: '' })).toBe('');
});
