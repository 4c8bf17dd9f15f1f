import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRuleSource } from '../../../src/adapters/node-http/rule-source';
import { loadRules } from '../../../src/rules';

const notice = (id: string): string => `notices:
  - id: ${id}
    description: A notice for the reload tests.
    owner: test@example.org
    messages:
      en: { text: Hello. }
`;

function rulesDir(content: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-reload-'));
  const file = path.join(dir, 'rules.yaml');
  fs.writeFileSync(file, content);
  return { dir, file };
}

const waitFor = async (condition: () => boolean, ms = 3000): Promise<void> => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for the reload');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('rule source with watch', () => {
  it('reloads a changed file after the quiet time', async () => {
    const { dir, file } = rulesDir(notice('first'));
    const errors: Error[] = [];
    const source = createRuleSource(loadRules(dir), [dir], {
      watch: true,
      debounceMs: 30,
      onError: (e) => errors.push(e),
    });
    try {
      const before = source.status().rulesVersion;
      fs.writeFileSync(file, notice('second'));
      await waitFor(() => source.current().notices[0]?.id === 'second');
      expect(source.status()).toMatchObject({ lastError: null, watching: true });
      expect(source.status().rulesVersion).not.toBe(before);
      expect(errors).toEqual([]);
    } finally {
      source.close();
    }
  });

  it('keeps the last good set serving when a change is broken, and says why', async () => {
    const { dir, file } = rulesDir(notice('good'));
    const errors: Error[] = [];
    const source = createRuleSource(loadRules(dir), [dir], {
      watch: true,
      debounceMs: 30,
      onError: (e) => errors.push(e),
    });
    try {
      fs.writeFileSync(file, notice('good').replace('owner:', 'ownr:'));
      await waitFor(() => errors.length > 0);
      expect(source.current().notices.map((n) => n.id)).toEqual(['good']);
      expect(source.status().lastError).toContain('rules.yaml:4:5');
      expect(errors[0]).toMatchObject({ code: 'GEONOTICE_RULES' });
    } finally {
      source.close();
    }
  });

  it('does not take an empty (half-written) file as "no rules"', async () => {
    const { dir, file } = rulesDir(notice('kept'));
    const errors: Error[] = [];
    const source = createRuleSource(loadRules(dir), [dir], { watch: false, onError: (e) => errors.push(e) });
    fs.writeFileSync(file, '');
    expect(await source.reload()).toBe(false);
    expect(source.current().notices.map((n) => n.id)).toEqual(['kept']);
    expect(source.status().lastError).toContain('empty');
  });
});
