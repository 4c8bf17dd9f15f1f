/** Address and prefix arithmetic behind the network lookup, checked against node's own parser. */
import { BlockList, isIP } from 'node:net';
import fc from 'fast-check';
import { parseAddress, parseIpv4, parseIpv6 } from '../../src/core/address';
import { rangesContain } from '../../src/core/networks';
import { compilePrefixes, parsePrefix } from '../../src/core/prefixes';

const { rangeToPrefixes } = require('../../scripts/build-network-table.js') as {
  rangeToPrefixes: (start: bigint, end: bigint, family: 4 | 6) => string[];
};

describe('parsing addresses', () => {
  it('reads IPv4 and refuses what is not a dotted quad', () => {
    expect(parseIpv4('2.59.51.7')).toBe(2 * 2 ** 24 + 59 * 2 ** 16 + 51 * 256 + 7);
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1..2.3', '', 'a.b.c.d'])
      expect(parseIpv4(bad)).toBeNaN();
  });

  it('reads IPv6 in every spelling, with an IPv4 tail, and unwraps IPv4-mapped addresses', () => {
    expect(Array.from(parseIpv6('2a04:f800::25') ?? [])).toEqual([0x2a04f800, 0, 0, 0x25]);
    expect(Array.from(parseIpv6('::') ?? [])).toEqual([0, 0, 0, 0]);
    expect(Array.from(parseIpv6('1:2:3:4:5:6:7:8') ?? [])).toEqual([0x10002, 0x30004, 0x50006, 0x70008]);
    expect(Array.from(parseIpv6('64:ff9b::1.2.3.4') ?? [])).toEqual([0x0064ff9b, 0, 0, 0x01020304]);
    expect(parseAddress('::ffff:2.59.51.7')).toEqual({ family: 4, value: parseIpv4('2.59.51.7') });
    for (const bad of ['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', ':1:2', 'g::1']) expect(parseIpv6(bad)).toBeNull();
  });
});

/** The words of an IPv6 address as node writes it out, for comparison. */
function referenceWords(address: string): number[] {
  const hostname = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = hostname.split('::');
  const front = head === '' ? [] : head.split(':');
  const back = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...front, ...new Array<string>(8 - front.length - back.length).fill('0'), ...back].map((group) =>
    parseInt(group, 16),
  );
  return [0, 1, 2, 3].map((i) => (((groups[2 * i] ?? 0) << 16) | (groups[2 * i + 1] ?? 0)) >>> 0);
}

it('reads every IPv6 spelling as node does, and refuses what node refuses', () => {
  fc.assert(
    fc.property(fc.ipV6(), (address) => {
      expect(Array.from(parseIpv6(address) ?? [])).toEqual(referenceWords(address));
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdefg:.'), maxLength: 45 }), (text) => {
      expect(parseIpv6(text) === null).toBe(isIP(text) !== 6);
    }),
    { numRuns: 5000 },
  );
});

describe('prefixes and ranges', () => {
  it('merges prefixes and finds exactly the addresses node’s BlockList finds', () => {
    const prefixes = ['10.0.0.0/8', '10.1.0.0/16', '192.0.2.0/25', '192.0.2.128/25', '2001:db8::/32', '2a04:f800::/29'];
    const ranges = compilePrefixes(prefixes);
    expect(Array.from(ranges.v4Starts)).toEqual([parseIpv4('10.0.0.0'), parseIpv4('192.0.2.0')]);
    const list = new BlockList();
    for (const prefix of prefixes) {
      const [address, length] = prefix.split('/');
      list.addSubnet(address!, Number(length), address!.includes(':') ? 'ipv6' : 'ipv4');
    }
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (address) => {
        const family = address.includes(':') ? 'ipv6' : 'ipv4';
        // IPv4-mapped IPv6 is matched as the IPv4 address it carries, as a request's address is.
        if (family === 'ipv6' && parseAddress(address)?.family === 4) return;
        expect(rangesContain(ranges, address)).toBe(list.check(address, family));
      }),
      { numRuns: 2000 },
    );
    expect(rangesContain(ranges, '10.255.255.255')).toBe(true);
    expect(rangesContain(ranges, '11.0.0.0')).toBe(false);
    expect(rangesContain(ranges, '2a04:f807:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(rangesContain(ranges, '2a04:f808::')).toBe(false);
  });

  it('refuses a prefix with host bits, and says which one was meant', () => {
    expect(parsePrefix('2.59.51.7/24')).toEqual({
      ok: false,
      problem: '"2.59.51.7/24" has bits set after the prefix length (did you mean 2.59.51.0/24?)',
    });
    expect(parsePrefix('2a04:f801::/29')).toEqual({
      ok: false,
      problem: '"2a04:f801::/29" has bits set after the prefix length (did you mean 2a04:f800::/29?)',
    });
    expect(parsePrefix('0.0.0.0/0').ok).toBe(true);
    expect(parsePrefix('::/0').ok).toBe(true);
  });

  it('turns the dataset’s ranges into the fewest prefixes that cover them exactly', () => {
    const v4 = (text: string): bigint => BigInt(parseIpv4(text));
    expect(rangeToPrefixes(v4('31.40.137.0'), v4('31.40.141.255'), 4)).toEqual([
      '31.40.137.0/24',
      '31.40.138.0/23',
      '31.40.140.0/23',
    ]);
    expect(rangeToPrefixes(v4('0.0.0.0'), v4('255.255.255.255'), 4)).toEqual(['0.0.0.0/0']);
    expect(rangeToPrefixes(0x2a04f800n << 96n, ((0x2a04f800n + 0x7n) << 96n) | ((1n << 96n) - 1n), 6)).toEqual([
      '2a04:f800::/29',
    ]);
  });
});
