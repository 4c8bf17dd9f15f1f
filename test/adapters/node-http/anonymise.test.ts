import { anonymiseIp } from '../../../src/adapters/node-http/anonymise';

describe('anonymiseIp', () => {
  it('cuts IPv4 to its /24', () => {
    expect(anonymiseIp('5.183.68.7')).toBe('5.183.68.0');
  });

  it('cuts IPv6 to its /48, however it is written', () => {
    expect(anonymiseIp('2a02:6b8:0:1:2:3:4:5')).toBe('2a02:6b8:0::');
    expect(anonymiseIp('2a02:6b8::1')).toBe('2a02:6b8:0::');
    expect(anonymiseIp('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::');
  });

  it('gives null for what is not an address', () => {
    expect(anonymiseIp(undefined)).toBeNull();
    expect(anonymiseIp('not-an-ip')).toBeNull();
  });
});
