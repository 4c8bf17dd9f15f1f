import { createHmac } from 'node:crypto';
import {
  createPreviewToken,
  MAX_PREVIEW_TOKEN_LENGTH,
  MAX_PREVIEW_TOKEN_LIFETIME_SECONDS,
  serialisePayload,
  verifyPreviewToken,
  type PreviewVisitor,
} from '../../src/preview/token';

const SECRET = 'correct horse battery staple';
const EXP = 1_767_225_600; // 2026-01-01T00:00:00Z
const BEFORE = new Date((EXP - 60) * 1000);
const crimea: PreviewVisitor = { country: 'UA', region: 'UA-43', lang: 'ru', exp: EXP };

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

/** A token built by hand from the documented formula, to check the module against the contract, not itself. */
function specToken(payload: string, secret: string): string {
  return `${base64url(payload)}.${base64url(createHmac('sha256', secret).update(payload).digest())}`;
}

describe('preview tokens', () => {
  it('writes the payload exactly as documented', () => {
    expect(serialisePayload(crimea)).toBe('country=UA;region=UA-43;lang=ru;exp=1767225600');
    expect(serialisePayload({ country: 'RU', exp: EXP })).toBe('country=RU;exp=1767225600');
    expect(createPreviewToken(crimea, SECRET)).toBe(
      specToken('country=UA;region=UA-43;lang=ru;exp=1767225600', SECRET),
    );
  });

  it('round-trips every field', () => {
    expect(verifyPreviewToken(createPreviewToken(crimea, SECRET), SECRET, BEFORE)).toEqual(crimea);
    const minimal = { country: 'RU', exp: EXP };
    expect(verifyPreviewToken(createPreviewToken(minimal, SECRET), SECRET, BEFORE)).toEqual(minimal);
    const bytesSecret = Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255]);
    expect(verifyPreviewToken(createPreviewToken(minimal, bytesSecret), bytesSecret, BEFORE)).toEqual(minimal);
  });

  it('accepts a token made by any correct implementation of the formula', () => {
    const token = specToken('country=RU;region=RU-MOW;lang=ru-ru,en;exp=1767225600', SECRET);
    expect(verifyPreviewToken(token, SECRET, BEFORE)).toEqual({
      country: 'RU',
      region: 'RU-MOW',
      lang: 'ru-ru,en',
      exp: EXP,
    });
  });

  it('rejects a token signed with another secret', () => {
    expect(verifyPreviewToken(createPreviewToken(crimea, 'another secret, just as long'), SECRET, BEFORE)).toBeNull();
  });

  it('rejects a payload changed after signing', () => {
    const [, signature] = createPreviewToken(crimea, SECRET).split('.');
    const forged = `${base64url('country=UA;region=UA-43;lang=ru;exp=1999999999')}.${signature}`;
    expect(verifyPreviewToken(forged, SECRET, BEFORE)).toBeNull();
    const moved = `${base64url('country=RU;lang=ru;exp=1767225600')}.${signature}`;
    expect(verifyPreviewToken(moved, SECRET, BEFORE)).toBeNull();
  });

  it('rejects a token at and after its expiry', () => {
    const token = createPreviewToken(crimea, SECRET);
    expect(verifyPreviewToken(token, SECRET, new Date(EXP * 1000 - 1))).toEqual(crimea);
    expect(verifyPreviewToken(token, SECRET, new Date(EXP * 1000))).toBeNull();
    expect(verifyPreviewToken(token, SECRET, new Date((EXP + 3600) * 1000))).toBeNull();
  });

  it('ignores malformed tokens without throwing', () => {
    const valid = createPreviewToken(crimea, SECRET);
    const [payload, signature] = valid.split('.') as [string, string];
    const malformed = [
      '',
      '.',
      payload,
      `${payload}.`,
      `.${signature}`,
      `${payload}.${signature}.x`,
      `${payload}.${signature.slice(0, -2)}`,
      `${payload}!.${signature}`,
      `${payload}.${signature}=`,
      `${payload} .${signature}`,
      'x'.repeat(MAX_PREVIEW_TOKEN_LENGTH + 1),
      // Well signed, but not a valid payload: unknown key, repeated key, lower-case country, no expiry.
      specToken('country=UA;city=Kyiv;exp=1767225600', SECRET),
      specToken('country=UA;country=RU;exp=1767225600', SECRET),
      specToken('country=ua;exp=1767225600', SECRET),
      specToken('country=UA', SECRET),
      specToken('country=UA;region=RU-MOW;exp=1767225600', SECRET),
      specToken('country=UA;exp=soon', SECRET),
    ];
    for (const token of malformed) expect(verifyPreviewToken(token, SECRET, BEFORE)).toBeNull();
    expect(verifyPreviewToken(undefined as unknown as string, SECRET, BEFORE)).toBeNull();
  });

  it('never accepts tokens when the secret is empty', () => {
    expect(verifyPreviewToken(specToken('country=UA;exp=1767225600', ''), '', BEFORE)).toBeNull();
    expect(() => createPreviewToken(crimea, '')).toThrow(/secret/);
  });

  it('neither signs nor accepts anything under a secret shorter than 16 characters, as the middleware refuses it', () => {
    const short = 'fifteen chars!!';
    expect(() => createPreviewToken(crimea, short)).toThrow('the preview secret must be at least 16 characters');
    expect(() => createPreviewToken(crimea, Buffer.alloc(15, 1))).toThrow(/at least 16/);
    expect(verifyPreviewToken(specToken('country=UA;exp=1767225600', short), short, BEFORE)).toBeNull();
    const enough = `${short}.`;
    expect(verifyPreviewToken(specToken('country=UA;exp=1767225600', enough), enough, BEFORE)).toEqual({
      country: 'UA',
      exp: EXP,
    });
  });

  it('refuses a token valid for more than 7 days from now like a forged one', () => {
    expect(MAX_PREVIEW_TOKEN_LIFETIME_SECONDS).toBe(604_800);
    const token = createPreviewToken(crimea, SECRET);
    const sevenDaysBefore = (EXP - MAX_PREVIEW_TOKEN_LIFETIME_SECONDS) * 1000;
    expect(verifyPreviewToken(token, SECRET, new Date(sevenDaysBefore))).toEqual(crimea);
    expect(verifyPreviewToken(token, SECRET, new Date(sevenDaysBefore - 1000))).toBeNull();
    // Years ahead: a token someone signed with a stolen secret to last, or a mistake; either way, no.
    expect(verifyPreviewToken(specToken('country=UA;exp=4102444800', SECRET), SECRET, BEFORE)).toBeNull();
  });

  it('refuses to sign what the payload cannot carry', () => {
    expect(() => createPreviewToken({ ...crimea, country: 'ua' }, SECRET)).toThrow(/country/);
    expect(() => createPreviewToken({ ...crimea, region: 'RU-MOW' }, SECRET)).toThrow(/region/);
    expect(() => createPreviewToken({ ...crimea, lang: 'ru;q=0.9' }, SECRET)).toThrow(/lang/);
    expect(() => createPreviewToken({ ...crimea, lang: 'ru=1' }, SECRET)).toThrow(/lang/);
    expect(() => createPreviewToken({ ...crimea, exp: 1.5 }, SECRET)).toThrow(/exp/);
    expect(() => createPreviewToken({ ...crimea, exp: -1 }, SECRET)).toThrow(/exp/);
  });
});
