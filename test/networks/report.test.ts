/** The report shows the networks the rules name, each AS with its operator, and the table's provenance. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/run';
import { SHIPPED_RULES_DIR } from '../helpers/geonotice-app';

it('draws the networks and the network table into the report', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-report-networks-'));
  try {
    const out = path.join(dir, 'report.html');
    const quiet = { stdout: () => undefined, stderr: () => undefined };
    expect(await run(['report', SHIPPED_RULES_DIR, '--out', out], quiet)).toBe(0);
    const page = fs.readFileSync(out, 'utf8');
    expect(page).toContain(
      '<dt>Network table</dt><dd>@ip-location-db/asn 2.3.2026061719, routing data of 2026-06-17</dd>',
    );
    expect(page).toContain('<h2>Networks (1)</h2>');
    expect(page).toMatch(/<td><code>AS201776<\/code><\/td><td>Miranda-Media Ltd<\/td><td>\d+<\/td>/);
    expect(page).toContain('<td><code>AS215654</code></td><td>Genichesk Online LLC</td>');
    expect(page).toContain('DB-IP (IP to ASN Lite, https://db-ip.com), each under CC BY 4.0');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
