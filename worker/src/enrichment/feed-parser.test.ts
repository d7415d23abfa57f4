import { isGarbled, parseFeed } from './feed-parser';

describe('parseFeed', () => {
  it('reads plain lists with comments, blank lines and CRLF', () => {
    const feed = parseFeed('# Tor bulk exit list\r\n192.0.2.1\r\n\r\n198.51.100.0/24   # inline comment\r\n2001:db8::/32\r\n');
    expect(feed).toEqual({ cidrs: ['192.0.2.1', '198.51.100.0/24', '2001:db8::/32'], unreadable: 0 });
  });

  it("reads Tor's exit-addresses document", () => {
    const text = [
      'ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E',
      'Published 2026-01-01 10:12:30',
      'LastStatus 2026-01-01 12:00:00',
      'ExitAddress 192.0.2.44 2026-01-01 12:07:01',
      'ExitNode 0091174DE56EA2F5D4C4CCEE9E9C5B5C9C16C4C5',
      'Published 2026-01-01 04:01:02',
      'LastStatus 2026-01-01 11:00:00',
      'ExitAddress 198.51.100.9 2026-01-01 11:31:40',
    ].join('\n');
    expect(parseFeed(text)).toEqual({ cidrs: ['192.0.2.44', '198.51.100.9'], unreadable: 0 });
  });

  it('reads Spamhaus DROP lines and CSV with the address first', () => {
    expect(parseFeed('; Spamhaus DROP List\n192.0.2.0/24 ; SBL123\n198.51.100.0/22 ; SBL456\n').cidrs).toEqual(['192.0.2.0/24', '198.51.100.0/22']);
    expect(parseFeed('ip,first_seen\n"192.0.2.7",2026-01-01\n203.0.113.8,2026-01-02\n')).toEqual({ cidrs: ['192.0.2.7', '203.0.113.8'], unreadable: 1 });
  });

  it('reads JSON lines (Spamhaus DROP v4/v6 JSON)', () => {
    const text = '{"cidr":"192.0.2.0/24","sblid":"SBL1","rir":"arin"}\n{"cidr":"2001:db8::/32","sblid":"SBL2","rir":"ripencc"}\n{"type":"metadata","timestamp":1767225600,"size":2}\n';
    expect(parseFeed(text)).toEqual({ cidrs: ['192.0.2.0/24', '2001:db8::/32'], unreadable: 1 });
  });
});

describe('isGarbled', () => {
  it('rejects empty downloads and error pages, accepts a list with a header line', () => {
    expect(isGarbled(parseFeed(''))).toBe(true);
    expect(isGarbled(parseFeed('# only comments\n'))).toBe(true);
    expect(isGarbled(parseFeed('<html>\n<head><title>502 Bad Gateway</title></head>\n<body>192.0.2.1</body>\n</html>\n'))).toBe(true);
    expect(isGarbled(parseFeed('ip\n192.0.2.1\n'))).toBe(false);
  });
});
