import type { Activity } from '../activity/activity';
import { IpTagMatcher } from './ip-tag-matcher';
import { IpTags } from './ip-tags';

function activity(id: string, ip?: string, ipTags: string[] = []): Activity {
  return { id, source: 'LoginHistory', timeMs: 0, orgId: '00D000000000001', kind: 'login.success', ipTags, ...(ip ? { ip } : {}) };
}

describe('IpTagMatcher', () => {
  const matcher = IpTagMatcher.build([
    { cidr: '198.51.100.0/24', tag: 'corporate' },
    { cidr: '198.51.100.128/25', tag: 'vpn' }, // the VPN pool inside the corporate block
    { cidr: '198.51.100.200', tag: 'suspicious' }, // a bare address inside both
    { cidr: '198.51.100.0/26', tag: 'corporate' }, // a duplicate-tag overlap must not end the outer block early
    { cidr: '2001:db8::/32', tag: 'corporate' },
    { cidr: '2001:db8:ffff::/48', tag: 'anonymous' },
    { cidr: '::ffff:203.0.113.0/120', tag: 'risky' }, // an IPv4 block written mapped
    { cidr: 'not-a-cidr', tag: 'risky' },
  ]);

  it('gives every tag of every block that holds the address', () => {
    expect(matcher.tagsOf('198.51.100.10')).toEqual(['corporate']);
    expect(matcher.tagsOf('198.51.100.64')).toEqual(['corporate']);
    expect(matcher.tagsOf('198.51.100.129')).toEqual(['corporate', 'vpn']);
    expect(matcher.tagsOf('198.51.100.200')).toEqual(['corporate', 'vpn', 'suspicious']);
    expect(matcher.tagsOf('198.51.100.201')).toEqual(['corporate', 'vpn']);
    expect(matcher.tagsOf('198.51.101.0')).toEqual([]);
    expect(matcher.tagsOf('198.51.99.255')).toEqual([]);
  });

  it('matches IPv6 blocks, nested ones and mapped IPv4', () => {
    expect(matcher.tagsOf('2001:db8:1::1')).toEqual(['corporate']);
    expect(matcher.tagsOf('2001:db8:ffff:1::9')).toEqual(['corporate', 'anonymous']);
    expect(matcher.tagsOf('2001:db9::1')).toEqual([]);
    expect(matcher.tagsOf('203.0.113.9')).toEqual(['risky']);
    expect(matcher.tagsOf('::ffff:198.51.100.200')).toEqual(['corporate', 'vpn', 'suspicious']);
  });

  it('counts what it could not read and answers nothing for non-addresses', () => {
    expect(matcher.invalid).toBe(1);
    expect(matcher.tagsOf('Salesforce.com IP')).toEqual([]);
  });

  it('covers the ends of the address space', () => {
    const edges = IpTagMatcher.build([
      { cidr: '0.0.0.0/0', tag: 'risky' },
      { cidr: '255.255.255.255/32', tag: 'vpn' },
      { cidr: '::/0', tag: 'anonymous' },
    ]);
    expect(edges.tagsOf('0.0.0.0')).toEqual(['risky']);
    expect(edges.tagsOf('255.255.255.255')).toEqual(['vpn', 'risky']);
    expect(edges.tagsOf('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual(['anonymous']);
  });
});

describe('IpTags', () => {
  it('adds the configured tags, keeps tags a source set and never repeats one', async () => {
    const tags = new IpTags({ corporate: ['203.0.113.0/24'], vpn: ['203.0.113.128/25', '2001:db8:8000::/33'] });
    const activities = [activity('a1', '203.0.113.5'), activity('a2', '203.0.113.130', ['vpn', 'custom']), activity('a3', '2001:db8:8000::1'), activity('a4', '192.0.2.1'), activity('a5')];
    await tags.enrich(activities);
    expect(activities.map((a) => a.ipTags)).toEqual([['corporate'], ['vpn', 'custom', 'corporate'], ['vpn'], [], []]);
  });

  it('does nothing without tags or feeds', async () => {
    const activities = [activity('b1', '203.0.113.5')];
    await new IpTags({}).enrich(activities);
    expect(activities[0]!.ipTags).toEqual([]);
  });
});
