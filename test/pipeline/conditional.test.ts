import type { IncomingHttpHeaders } from 'node:http';
import { decisionTag, tagEtag, translateConditionalHeaders } from '../../src/pipeline/conditional';

const tag = decisionTag('v1', [{ id: 'sharing-risk-russia', language: 'ru' }]);

function translate(headers: IncomingHttpHeaders, current: string | null): IncomingHttpHeaders {
  const copy = { ...headers };
  translateConditionalHeaders(copy, current);
  return copy;
}

describe('decision tags', () => {
  it('differ by notice, language and rules version, and are absent without notices', () => {
    expect(tag).not.toBeNull();
    expect(decisionTag('v1', [{ id: 'sharing-risk-russia', language: 'uk' }])).not.toBe(tag);
    expect(decisionTag('v2', [{ id: 'sharing-risk-russia', language: 'ru' }])).not.toBe(tag);
    expect(decisionTag('v1', [])).toBeNull();
  });

  it('go inside the ETag quotes, strong or weak', () => {
    expect(tagEtag('"abc"', tag)).toBe(`"abc-gn${tag}"`);
    expect(tagEtag('W/"abc"', tag)).toBe(`W/"abc-gn${tag}"`);
    expect(tagEtag('"abc"', null)).toBe('"abc"');
  });
});

describe('translateConditionalHeaders', () => {
  it("strips the current decision's tag so the application can answer 304", () => {
    expect(translate({ 'if-none-match': `"abc-gn${tag}"` }, tag)['if-none-match']).toBe('"abc"');
  });

  it('drops a validator from before the notice applied, forcing a full response', () => {
    const headers = translate({ 'if-none-match': '"abc"', 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' }, tag);
    expect(headers['if-none-match']).toBeUndefined();
    expect(headers['if-modified-since']).toBeUndefined();
  });

  it('drops a validator carrying another decision', () => {
    const other = decisionTag('v1', [{ id: 'sharing-risk-russia', language: 'uk' }]);
    expect(translate({ 'if-none-match': `"abc-gn${other}", "def-gn${tag}"` }, tag)['if-none-match']).toBe('"def"');
  });

  it('keeps plain validators when no notice applies, and drops tagged ones', () => {
    const headers = translate({ 'if-none-match': `"abc", "abc-gn${tag}"`, 'if-modified-since': 'x' }, null);
    expect(headers['if-none-match']).toBe('"abc"');
    expect(headers['if-modified-since']).toBe('x');
  });
});
