import { inlineStyleAllowed } from '../../src/pipeline/csp';
import { NOTICE_CSS, NOTICE_CSS_HASH, renderStyles } from '../../src/pipeline/styles';
import { createHash } from 'node:crypto';

describe('inlineStyleAllowed', () => {
  it.each([
    ['no policy', undefined, undefined],
    ['a policy without style rules', "script-src 'self'", undefined],
    ["'unsafe-inline' in style-src", "default-src 'self'; style-src 'self' 'unsafe-inline'", undefined],
    ['our nonce in style-src', "style-src 'self' 'nonce-abc123'", 'abc123'],
    ['our nonce in default-src', "default-src 'nonce-abc123'", 'abc123'],
    ['our hash', `style-src ${NOTICE_CSS_HASH}`, undefined],
    [
      'style-src-elem allows even where style-src does not',
      "style-src 'none'; style-src-elem 'unsafe-inline'",
      undefined,
    ],
    ['upper-case directive names', "STYLE-SRC 'UNSAFE-INLINE'", undefined],
  ])('allowed: %s', (_name, policy, nonce) => {
    expect(inlineStyleAllowed(policy, nonce)).toBe(true);
  });

  it.each([
    ["default-src 'self'", "default-src 'self'", undefined],
    ["style-src 'none'", "style-src 'none'", 'abc'],
    ['a nonce that is not ours', "style-src 'nonce-other'", 'abc123'],
    ['a nonce differing in case', "style-src 'nonce-ABC123'", 'abc123'],
    ["'unsafe-inline' cancelled by a nonce", "style-src 'unsafe-inline' 'nonce-other'", undefined],
    ["'unsafe-inline' cancelled by a hash", "style-src 'unsafe-inline' 'sha256-AAAA'", undefined],
    ['our nonce but no nonce given', "style-src 'nonce-abc123'", undefined],
    ['a second policy blocks', ["style-src 'unsafe-inline'", "default-src 'self'"], undefined],
    ['a comma-joined second policy blocks', "style-src 'unsafe-inline', default-src 'self'", undefined],
    ['the first of repeated directives counts', "style-src 'self'; style-src 'unsafe-inline'", undefined],
    ['style-src-elem wins over style-src', "style-src 'unsafe-inline'; style-src-elem 'self'", undefined],
  ])('blocked: %s', (_name, policy, nonce) => {
    expect(inlineStyleAllowed(policy, nonce)).toBe(false);
  });
});

describe('renderStyles', () => {
  it('carries the nonce when given', () => {
    expect(renderStyles('r4nd"om')).toBe(`<style nonce="r4nd&quot;om">${NOTICE_CSS}</style>`);
    expect(renderStyles()).toBe(`<style>${NOTICE_CSS}</style>`);
  });

  it('is ASCII (references are not decoded in <style>) and has a hash matching its content', () => {
    expect(/^[\x20-\x7e]*$/.test(NOTICE_CSS)).toBe(true);
    expect(NOTICE_CSS_HASH).toBe(`'sha256-${createHash('sha256').update(NOTICE_CSS, 'utf8').digest('base64')}'`);
  });

  it('styles each notice style and is not fixed over the page', () => {
    for (const style of ['info', 'warning', 'danger']) expect(NOTICE_CSS).toContain(`.geonotice-${style}{`);
    expect(NOTICE_CSS).not.toMatch(/position\s*:\s*(fixed|sticky|absolute)/);
  });
});
