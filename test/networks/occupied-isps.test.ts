/**
 * The shipped rule reaches readers on the occupied territories' own networks whatever the geo
 * data says: every golden address, through a real Express app and through `geonotice explain`,
 * gets the notice with its network named. The addresses the geo data misplaces get nothing from a
 * copy of the rule without its networks branch, so the branch is what catches them.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import YAML from 'yaml';
import { geonotice, loadRules } from '../../src';
import { run } from '../../src/cli/run';
import { failOnError, noticeCount, SHIPPED_NOTICE, SHIPPED_RULES_DIR } from '../helpers/geonotice-app';
import { runCli } from '../cli/run-cli';
import { removeTempDirs, tempRules } from '../rules/helpers';
import { OCCUPIED_ISP_ADDRESSES } from './occupied-isps.golden';

afterAll(removeTempDirs);

/** The site as a reader behind a trusted proxy reaches it: geoip-lite on req.ip, the shipped rules. */
function site(rulesDir: string) {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(geonotice({ rules: loadRules(rulesDir), onError: failOnError }));
  app.get('/', (req, res) => res.send('<!DOCTYPE html><html><body><p>Story</p></body></html>'));
  return app;
}

/** The shipped rules with the networks branch of the notice cut out. */
function rulesWithoutNetworks(): string {
  const files: Record<string, string> = {};
  for (const name of ['regions.yaml', 'sharing-risk.yaml']) {
    const value = YAML.parse(fs.readFileSync(path.join(SHIPPED_RULES_DIR, name), 'utf8')) as {
      networks?: unknown;
      tests?: unknown;
      notices: { when: Record<string, unknown>[] }[];
    };
    if (name === 'sharing-risk.yaml') {
      delete value.networks;
      delete value.tests;
      const notice = value.notices[0]!;
      notice.when = notice.when.filter((condition) => !('networks' in condition));
    }
    files[name] = YAML.stringify(value);
  }
  return tempRules(files);
}

async function explainInProcess(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await run(['explain', ...args], {
    stdout: (text) => void (out += `${text}\n`),
    stderr: (text) => void (out += text),
  });
  return { code, out };
}

describe('the occupied territories’ ISPs', () => {
  const shipped = site(SHIPPED_RULES_DIR);

  it.each(OCCUPIED_ISP_ADDRESSES)('$asn: $ip gets the notice from the site', async ({ ip }) => {
    const res = await request(shipped).get('/').set('X-Forwarded-For', ip).expect(200);
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['geonotice']).toBe(SHIPPED_NOTICE);
  });

  it.each(OCCUPIED_ISP_ADDRESSES)('$asn: explain --ip $ip names the network', async ({ asn, ip }) => {
    const { code, out } = await explainInProcess(['--ip', ip, SHIPPED_RULES_DIR]);
    expect(code).toBe(0);
    expect(out).toContain(`APPLIES  ${SHIPPED_NOTICE}`);
    expect(out).toMatch(
      new RegExp(`is on network ${asn} \\(.*\\), one of the networks this notice is for \\(occupied-ukraine-isps\\)`),
    );
  });

  it('the built CLI names the network for an address the geo data places in Prague', () => {
    const result = runCli(['explain', '--ip', '77.83.16.37', 'rules']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`APPLIES  ${SHIPPED_NOTICE}`);
    expect(result.stdout).toContain(
      'is on network AS201776 (Miranda-Media Ltd), one of the networks this notice is for (occupied-ukraine-isps)',
    );
  });

  it('without the networks branch, the addresses the geo data misplaces get nothing', async () => {
    const regionsOnly = site(rulesWithoutNetworks());
    const misses = OCCUPIED_ISP_ADDRESSES.filter((golden) => golden.geoMiss);
    expect(misses.length).toBeGreaterThan(3);
    for (const { ip } of misses) {
      const res = await request(regionsOnly).get('/').set('X-Forwarded-For', ip).expect(200);
      expect(noticeCount(res.text)).toBe(0);
    }
  });

  it('a neighbour outside the listed networks gets nothing', async () => {
    // Google's resolver and a Kyiv ISP's address: neither in the networks nor in a listed region.
    for (const ip of ['8.8.8.8', '176.37.0.1']) {
      const res = await request(shipped).get('/').set('X-Forwarded-For', ip).expect(200);
      expect(noticeCount(res.text)).toBe(0);
    }
  });
});
