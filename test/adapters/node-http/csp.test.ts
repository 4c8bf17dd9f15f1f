/**
 * Content-Security-Policy: the notice's inline stylesheet carries helmet's nonce
 * (`res.locals.cspNonce`), is left out where the policy would block it, and nothing injected
 * ever needs more than the page's policy allows.
 */
import crypto from 'node:crypto';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { geonotice } from '../../../src';
import { NOTICE_CSS_HASH } from '../../../src/pipeline/styles';
import { PAGE, failOnError, inCrimea, noticeCount, rules } from '../../helpers/geonotice-app';

type StyleSource = string | ((req: unknown, res: { locals: Record<string, unknown> }) => string);

/** helmet's documented nonce set-up, with the given style-src, and geonotice before or after it. */
function site(
  styleSrc: StyleSource[] | null,
  order: 'helmet-first' | 'geonotice-first' = 'helmet-first',
  styles = true,
) {
  const app = express();
  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
    next();
  });
  const csp = helmet({
    contentSecurityPolicy: styleSrc === null ? true : { directives: { styleSrc: styleSrc as string[] } },
  }) as RequestHandler;
  const notices = geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError, styles }) as RequestHandler;
  if (order === 'helmet-first') app.use(csp, notices);
  else app.use(notices, csp);
  app.get('/', (req, res) => res.send(PAGE));
  return app;
}

const withNonce: StyleSource[] = ["'self'", (req, res) => `'nonce-${String(res.locals['cspNonce'])}'`];

function styleElements(html: string): string[] {
  return html.match(/<style[^>]*>/g) ?? [];
}

/** What the injected markup needs from a policy beyond its one `<style>`: nothing. */
function expectNothingElseInline(html: string): void {
  const injected = html.slice(html.indexOf('<aside'), html.lastIndexOf('</aside>'));
  expect(injected).not.toMatch(/<script|\sstyle=|\son[a-z]+=|javascript:/i);
}

describe('with helmet and nonces', () => {
  it.each(['helmet-first', 'geonotice-first'] as const)(
    '%s: the stylesheet carries the nonce of the policy',
    async (order) => {
      const res = await request(site(withNonce, order)).get('/').expect(200);
      const policy = String(res.headers['content-security-policy']);
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce).toBeDefined();
      expect(styleElements(res.text)).toEqual([`<style nonce="${nonce}">`]);
      expect(noticeCount(res.text)).toBe(1);
      expectNothingElseInline(res.text);
    },
  );
});

describe('policies that would block an inline stylesheet', () => {
  it.each([
    ["style-src 'self' (no nonce, no unsafe-inline)", ["'self'"]],
    [
      "style-src 'self' 'unsafe-inline' 'nonce-other' (a nonce disables unsafe-inline)",
      ["'self'", "'unsafe-inline'", "'nonce-someone-elses'"],
    ],
  ])('%s: no <style>, the notice still shown', async (_label, styleSrc) => {
    const res = await request(site(styleSrc)).get('/').expect(200);
    expect(styleElements(res.text)).toEqual([]);
    expect(noticeCount(res.text)).toBe(1);
    expectNothingElseInline(res.text);
  });

  it("default-src 'none' without style-src: no <style>", async () => {
    const app = express();
    app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError }));
    app.get('/', (req, res) => res.set('Content-Security-Policy', "default-src 'none'").send(PAGE));
    const res = await request(app).get('/').expect(200);
    expect(styleElements(res.text)).toEqual([]);
    expect(noticeCount(res.text)).toBe(1);
  });

  it('two policies: both must allow the stylesheet', async () => {
    const app = express();
    app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError }));
    app.get('/', (req, res) => {
      res.setHeader('Content-Security-Policy', ["style-src 'unsafe-inline'", "style-src 'self'"]);
      res.send(PAGE);
    });
    const res = await request(app).get('/').expect(200);
    expect(styleElements(res.text)).toEqual([]);
  });
});

describe('policies that allow it', () => {
  it('no policy at all, no nonce: a plain <style>', async () => {
    const app = express();
    app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError }));
    app.get('/', (req, res) => res.send(PAGE));
    const res = await request(app).get('/').expect(200);
    expect(styleElements(res.text)).toEqual(['<style>']);
  });

  // These sites set res.locals.cspNonce too; the nonce attribute then does no harm and no good.
  it("helmet's default policy ('unsafe-inline' styles): the stylesheet", async () => {
    const res = await request(site(null)).get('/').expect(200);
    expect(String(res.headers['content-security-policy'])).toContain("style-src 'self' https: 'unsafe-inline'");
    expect(styleElements(res.text)).toEqual([expect.stringMatching(/^<style( nonce="[^"]+")?>$/)]);
  });

  it("a policy that lists the stylesheet's hash: the stylesheet", async () => {
    const res = await request(site(["'self'", NOTICE_CSS_HASH]))
      .get('/')
      .expect(200);
    expect(styleElements(res.text)).toEqual([expect.stringMatching(/^<style( nonce="[^"]+")?>$/)]);
  });

  it('styles: false leaves the stylesheet out whatever the policy', async () => {
    const res = await request(site(withNonce, 'helmet-first', false))
      .get('/')
      .expect(200);
    expect(styleElements(res.text)).toEqual([]);
    expect(noticeCount(res.text)).toBe(1);
  });
});
