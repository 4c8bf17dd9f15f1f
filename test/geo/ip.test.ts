import { BlockList } from 'node:net';
import fc from 'fast-check';
import { NON_PUBLIC_RANGES, classifyIp, normaliseIp, parseClientAddress, type IpKind } from '../../src/geo/ip';

describe('normaliseIp', () => {
  it.each([
    ['5.183.68.7', '5.183.68.7', 4],
    ['  5.183.68.7 ', '5.183.68.7', 4],
    ['5.183.68.7:5678', '5.183.68.7', 4],
    ['::ffff:5.183.68.7', '5.183.68.7', 4],
    ['::FFFF:5.183.68.7', '5.183.68.7', 4],
    ['0:0:0:0:0:ffff:5.183.68.7', '5.183.68.7', 4],
    ['::ffff:5b7:4407', '5.183.68.7', 4],
    ['[::ffff:5.183.68.7]:443', '5.183.68.7', 4],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', 6],
    ['[2001:db8::1]:443', '2001:db8::1', 6],
    ['[2001:db8::1]', '2001:db8::1', 6],
    ['fe80::1%eth0', 'fe80::1', 6],
    ['[fe80::1%25eth0]:80', 'fe80::1', 6],
    ['::1', '::1', 6],
  ] as const)('%s → %s', (raw, address, family) => {
    expect(normaliseIp(raw)).toEqual({ address, family });
  });

  it.each([
    '',
    'localhost',
    'example.org',
    '1.2.3',
    '01.2.3.4',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.4:',
    '1.2.3.4:port',
    '1.2.3.4:123456',
    '[2001:db8::1',
    '[2001:db8::1]x',
    '2001:db8::1:443:',
    ':::',
    '1.2.3.4, 5.6.7.8',
    'a'.repeat(1000),
  ])('refuses %j', (raw) => {
    expect(normaliseIp(raw)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['1.2.3.4']]) expect(normaliseIp(value)).toBeNull();
  });
});

describe('classifyIp', () => {
  it.each<[string, IpKind]>([
    ['5.183.68.7', 'public'],
    ['8.8.8.8', 'public'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['169.254.10.10', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'reserved'],
    ['192.0.2.55', 'documentation'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['2001:db8::1', 'documentation'],
    ['ff02::1', 'multicast'],
    ['2a02:6b8::1', 'public'],
    ['2001:4860:4860::8888', 'public'],
  ])('%s is %s', (raw, kind) => {
    expect(parseClientAddress(raw)?.kind).toBe(kind);
  });

  it('classifies an IPv4-mapped private address as private', () => {
    expect(parseClientAddress('::ffff:192.168.0.10')).toEqual({ address: '192.168.0.10', family: 4, kind: 'private' });
  });

  it('agrees with node:net BlockList on the IPv4 table, for any address', () => {
    const lists = NON_PUBLIC_RANGES.v4.map(([base, prefix, kind]) => {
      const list = new BlockList();
      list.addSubnet(base, prefix, 'ipv4');
      return { kind, list };
    });
    const expectedKind = (address: string): IpKind =>
      lists.find(({ list }) => list.check(address, 'ipv4'))?.kind ?? 'public';
    // Bias towards the edges of every range, where an off-by-one would show.
    const edges = NON_PUBLIC_RANGES.v4.flatMap(([base, prefix]) => {
      const start = base.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
      const end = start + 2 ** (32 - prefix) - 1;
      return [start - 1, start, end, end + 1].filter((n) => n >= 0 && n <= 0xffffffff);
    });
    const address = fc
      .oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(...edges))
      .map((n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'));
    fc.assert(
      fc.property(address, (ip) => {
        expect(classifyIp(ip, 4)).toBe(expectedKind(ip));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('classifyIp for IPv6', () => {
  it('agrees with node:net BlockList on the IPv6 table, for any address', () => {
    const lists = NON_PUBLIC_RANGES.v6.map(([base, prefix, kind]) => {
      const list = new BlockList();
      list.addSubnet(base, prefix, 'ipv6');
      return { kind, list };
    });
    const expectedKind = (address: string): IpKind =>
      lists.find(({ list }) => list.check(address, 'ipv6'))?.kind ?? 'public';
    // Random addresses, and addresses near the ranges the shortcut must leave to BlockList.
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    const near = fc
      .tuple(
        fc.constantFrom(
          '2001',
          '2001:db8',
          '2001:db9',
          '2001:db7',
          '3fff',
          '3fff:fff',
          '3fff:1000',
          '2000',
          '3ffe',
          'fe80',
          'febf',
          'fec0',
          'fc00',
          'fe00',
          '100:0:0:0',
          '100:0:0:1',
        ),
        fc.array(group, { minLength: 1, maxLength: 3 }),
      )
      .map(([prefix, rest]) => `${prefix}::${rest.join(':')}`);
    const address = fc.oneof(fc.ipV6(), near).map((raw) => normaliseIp(raw));
    fc.assert(
      fc.property(address, (normal) => {
        if (normal === null || normal.family === 4) return;
        expect(classifyIp(normal.address, 6)).toBe(expectedKind(normal.address));
      }),
      { numRuns: 3000 },
    );
  });
});
