import fc from 'fast-check';
import { isIP } from 'node:net';
import { cidrBounds, IpParser, parseIpv4, wordsToBigInt } from './ip-address';

/** The WHATWG URL serializer's text of an IPv6 address (`::` for the longest zero run). */
function compressed(hextets: number[]): string {
  return new URL(`http://[${hextets.map((h) => h.toString(16)).join(':')}]/`).hostname.slice(1, -1);
}

// Zeros are frequent so that `::` lands anywhere, including at either end.
const hextet = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));

describe('IpParser', () => {
  const parser = new IpParser();

  it('reads IPv4 as net.isIP does', () => {
    for (const [text, value] of [['0.0.0.0', 0], ['192.0.2.1', 3221225985], ['255.255.255.255', 4294967295]] as const) expect(parseIpv4(text)).toBe(value);
    for (const text of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1..2.3', '', '1.2.3.4 ', 'a.b.c.d']) {
      expect(parseIpv4(text)).toBe(-1);
      expect(isIP(text)).toBe(0);
    }
  });

  it('reads every IPv6 form back to the same 128 bits', () => {
    fc.assert(
      fc.property(fc.array(hextet, { minLength: 8, maxLength: 8 }), fc.boolean(), (hextets, upper) => {
        const words = [0, 2, 4, 6].map((i) => (hextets[i]! * 0x10000 + hextets[i + 1]!) >>> 0);
        const mapped = words[0] === 0 && words[1] === 0 && words[2] === 0xffff;
        for (const text of [compressed(hextets), hextets.map((h) => h.toString(16).padStart(4, '0')).join(':')]) {
          expect(parser.parse(upper ? text.toUpperCase() : text)).toBe(mapped ? 4 : 6);
          if (mapped) expect(parser.v4).toBe(words[3]);
          else expect(Array.from(parser.v6)).toEqual(words);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('accepts the textual variants and refuses what net.isIP refuses', () => {
    expect(parser.parse('2001:db8::1%eth0')).toBe(6);
    expect(parser.parse('64:ff9b::192.0.2.33')).toBe(6);
    expect(Array.from(parser.v6)).toEqual([0x64ff9b, 0, 0, 0xc0000221]);
    expect(parser.parse('::ffff:192.0.2.1')).toBe(4);
    expect(parser.v4).toBe(3221225985);
    expect(parser.parse('::')).toBe(6);
    for (const text of ['1:2:3:4:5:6:7:8:9', '1::2::3', ':1::', '1:', '12345::', '::g', '1:2:3:4:5:6:7:1.2.3.4', 'fe80:::1']) {
      expect([text, parser.parse(text)]).toEqual([text, 0]);
      expect(isIP(text)).toBe(0);
    }
  });
});

describe('cidrBounds', () => {
  it('gives the first and last address, ignoring host bits', () => {
    expect(cidrBounds('203.0.113.77/24')).toEqual({ family: 4, first: 3405803776n, last: 3405804031n });
    expect(cidrBounds('192.0.2.1')).toEqual({ family: 4, first: 3221225985n, last: 3221225985n });
    expect(cidrBounds('0.0.0.0/0')).toEqual({ family: 4, first: 0n, last: 4294967295n });
    const v6 = cidrBounds('2001:db8::/32')!;
    const words = new Uint32Array([0x20010db8, 0xffffffff, 0xffffffff, 0xffffffff]);
    expect(v6).toEqual({ family: 6, first: 0x20010db8n << 96n, last: wordsToBigInt(words, 0) });
    expect(cidrBounds('::ffff:192.0.2.0/120')).toEqual({ family: 4, first: 3221225984n, last: 3221226239n });
    for (const bad of ['192.0.2.0/33', '2001:db8::/129', '192.0.2.0/', '192.0.2.0/x', 'example.com']) expect(cidrBounds(bad)).toBeUndefined();
  });
});
