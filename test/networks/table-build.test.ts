/**
 * scripts/build-network-table.js: the shipped table is exactly what the pinned dataset gives for
 * the AS numbers the shipped rules name, and the script builds a table a fresh rule set loads.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadRules, decide } from '../../src';
import { removeTempDirs, tempRules } from '../rules/helpers';

afterAll(removeTempDirs);

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/build-network-table.js');

function runScript(args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the network table build', () => {
  it('finds the shipped table up to date with the pinned dataset (--check)', () => {
    expect(runScript(['--check', 'rules'])).toMatchObject({ code: 0 });
  });

  it('writes a dated, attributed table for a new rule set that then loads and decides', () => {
    const dir = tempRules({
      'rules.yaml': [
        'networks:',
        '  crimea: [AS28761]',
        'notices:',
        '  - id: crimea-notice',
        '    description: A notice made for a test.',
        '    owner: legal@example.org',
        '    when: { networks: [crimea] }',
        '    messages: { en: { text: Careful. } }',
      ].join('\n'),
    });
    expect(runScript(['--check', dir]).code).toBe(1);
    expect(runScript([dir])).toMatchObject({ code: 0 });
    const table = fs.readFileSync(path.join(dir, 'networks/as-prefixes.yaml'), 'utf8');
    expect(table).toMatch(/dataset: "@ip-location-db\/asn 2\.3\.\d{10}"/);
    expect(table).toMatch(/date: \d{4}-\d{2}-\d{2}/);
    expect(table).toContain('CC BY 4.0');
    expect(table).toContain('name: CrimeaCom South LLC');
    const ruleSet = loadRules(dir);
    const visitor = { country: null, region: null, languages: [], path: '/' };
    expect(decide(ruleSet, { ...visitor, address: '91.194.163.37' }).map((n) => n.id)).toEqual(['crimea-notice']);
    expect(decide(ruleSet, { ...visitor, address: '8.8.8.8' })).toEqual([]);
    expect(runScript(['--check', dir]).code).toBe(0);
  });

  it('fails when the dataset has no prefixes for a named AS number, and on bad usage', () => {
    const dir = tempRules({ 'rules.yaml': 'networks:\n  nowhere: [AS4200000001]\n' });
    const result = runScript([dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has no prefixes for AS4200000001');
    expect(runScript(['--verbose']).code).toBe(2);
  });
});
