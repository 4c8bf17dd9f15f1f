import { verifyPreviewToken } from '../../src/preview/token';
import { runCli, runCliJson } from './run-cli';

const SECRET = 'qa-preview-secret-for-tests';

describe('geonotice preview-token', () => {
  it('prints a token that verifies to the visitor asked for', () => {
    const result = runCli([
      'preview-token',
      '--secret',
      SECRET,
      '--country',
      'ua',
      '--region',
      'ua-43',
      '--lang',
      'uk-UA,ru;q=0.8',
      '--exp',
      '1767225600',
    ]);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyPreviewToken(token, SECRET, new Date('2025-12-31T00:00:00Z'))).toEqual({
      country: 'UA',
      region: 'UA-43',
      lang: 'uk-ua,ru',
      exp: 1767225600,
    });
    // Expired at its exp, forged with another secret: both ignored.
    expect(verifyPreviewToken(token, SECRET, new Date('2026-01-01T00:00:00Z'))).toBeNull();
    expect(verifyPreviewToken(token, 'guess', new Date('2025-12-31T00:00:00Z'))).toBeNull();
  });

  it('expires after --ttl seconds, one hour by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const { json: short } = runCliJson<{ visitor: { exp: number } }>([
      'preview-token',
      '--secret',
      SECRET,
      '--country',
      'RU',
      '--ttl',
      '60',
    ]);
    const { json: standard } = runCliJson<{ visitor: { exp: number } }>([
      'preview-token',
      '--secret',
      SECRET,
      '--country',
      'RU',
    ]);
    const after = Math.floor(Date.now() / 1000);
    expect(short.visitor.exp).toBeGreaterThanOrEqual(before + 60);
    expect(short.visitor.exp).toBeLessThanOrEqual(after + 60);
    expect(standard.visitor.exp).toBeGreaterThanOrEqual(before + 3600);
    expect(standard.visitor.exp).toBeLessThanOrEqual(after + 3600);
  });

  it('prints the payload and expiry as JSON', () => {
    const { code, json } = runCliJson<{ token: string; payload: string; expires: string }>([
      'preview-token',
      '--secret',
      SECRET,
      '--country',
      'RU',
      '--region',
      'RU-MOW',
      '--lang',
      'ru',
      '--exp',
      '1767225600',
    ]);
    expect(code).toBe(0);
    expect(json.payload).toBe('country=RU;region=RU-MOW;lang=ru;exp=1767225600');
    expect(json.expires).toBe('2026-01-01T00:00:00.000Z');
    expect(Buffer.from(json.token.split('.')[0] ?? '', 'base64url').toString('utf8')).toBe(json.payload);
  });

  it('reads the secret from GEONOTICE_PREVIEW_SECRET', () => {
    const result = runCli(['preview-token', '--country', 'RU', '--exp', '1767225600'], {
      env: { GEONOTICE_PREVIEW_SECRET: SECRET },
    });
    expect(result.code).toBe(0);
    expect(verifyPreviewToken(result.stdout.trim(), SECRET, new Date('2025-12-31T00:00:00Z'))?.country).toBe('RU');
  });

  it('rejects bad usage with exit 2', () => {
    const noSecret = runCli(['preview-token', '--country', 'RU'], { env: { GEONOTICE_PREVIEW_SECRET: '' } });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('--secret');
    for (const args of [
      ['--country', 'XX'],
      ['--country', 'RU', '--region', 'UA-43'],
      ['--country', 'UA', '--region', 'UA-99'],
      ['--country', 'RU', '--ttl', '0'],
      ['--country', 'RU', '--ttl', '60', '--exp', '1767225600'],
      ['--country', 'RU', '--exp', 'tomorrow'],
      ['--region', 'RU-MOW'],
    ]) {
      expect(runCli(['preview-token', '--secret', SECRET, ...args]).code).toBe(2);
    }
    const help = runCli(['preview-token', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: geonotice preview-token');
  });

  it('refuses a secret the site would refuse, from the flag or the environment', () => {
    const flag = runCli(['preview-token', '--secret', 'qa-secret', '--country', 'RU']);
    expect(flag.code).toBe(2);
    expect(flag.stdout).toBe('');
    expect(flag.stderr).toContain('--secret: the preview secret must be at least 16 characters');
    const env = runCli(['preview-token', '--country', 'RU'], { env: { GEONOTICE_PREVIEW_SECRET: 'qa-secret' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('GEONOTICE_PREVIEW_SECRET: the preview secret must be at least 16 characters');
  });

  it('mints tokens for at most 7 days, since the site ignores longer ones', () => {
    const week = runCliJson<{ visitor: { exp: number } }>([
      'preview-token',
      '--secret',
      SECRET,
      '--country',
      'RU',
      '--ttl',
      '604800',
    ]);
    expect(week.code).toBe(0);
    const longer = runCli(['preview-token', '--secret', SECRET, '--country', 'RU', '--ttl', '604801']);
    expect(longer.code).toBe(2);
    expect(longer.stdout).toBe('');
    expect(longer.stderr).toContain('a preview token may be valid for at most 7 days (604800 seconds)');
    const inAMonth = Math.floor(Date.now() / 1000) + 30 * 86_400;
    const exp = runCli(['preview-token', '--secret', SECRET, '--country', 'RU', '--exp', String(inAMonth)]);
    expect(exp.code).toBe(2);
    expect(exp.stderr).toContain('would stay valid for 30.0 days');
  });
});
