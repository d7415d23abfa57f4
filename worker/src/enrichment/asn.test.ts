import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from '../activity/activity';
import { AsnEnricher } from './asn';
import { AsnTable } from './asn-table';
import { IpParser } from './ip-address';

function activity(id: string, ip?: string): Activity {
  return { id, source: 'ELF:Login', timeMs: 0, orgId: '00D000000000001', kind: 'login.success', ipTags: [], ...(ip ? { ip } : {}) };
}

describe('AsnEnricher with the bundled ASN table', () => {
  const enricher = new AsnEnricher();

  it('fills ASN and holder for IPv4 and IPv6 addresses', async () => {
    const activities = [activity('a1', '8.8.8.8'), activity('a2', '129.67.0.1'), activity('a3', '2001:630:440::1'), activity('a4', '2001:67c:2e8::1')];
    await enricher.enrich(activities);
    expect(activities.map((a) => [a.asn, a.isp])).toEqual([
      [15169, 'Google LLC'],
      [786, 'Jisc Services Limited'],
      [786, 'Jisc Services Limited'],
      [3333, 'Reseaux IP Europeens Network Coordination Centre (RIPE NCC)'],
    ]);
  });

  it('leaves documentation addresses, malformed text and ASNs set by the source alone', async () => {
    const preset = { ...activity('b3', '8.8.8.8'), asn: 64500, isp: 'Set by source' };
    const activities = [activity('b1', '192.0.2.1'), activity('b2', '2001:db8::1'), preset, activity('b4', '8.8.8'), activity('b5')];
    await enricher.enrich(activities);
    expect(activities.map((a) => a.asn)).toEqual([undefined, undefined, 64500, undefined, undefined]);
    expect(preset.isp).toBe('Set by source');
  });
});

describe('AsnTable', () => {
  const parser = new IpParser();
  const find = (table: AsnTable, ip: string) => {
    parser.parse(ip);
    return table.find(parser);
  };

  it('reads quoted holders, skips bad lines and lets a later overlapping range win', () => {
    const table = AsnTable.parse(
      [
        '198.51.100.0,198.51.100.255,64500,"Example, ""Quoted"" Inc."',
        'garbage line',
        '203.0.113.0,203.0.113.255,64501,Doc Net',
        '203.0.113.128,203.0.113.191,64502,Inner Net\r',
        '300.0.0.1,300.0.0.2,1,Bad Address',
      ].join('\n'),
      4,
    );
    expect(table.skipped).toBe(2);
    expect(find(table, '198.51.100.7')).toEqual({ asn: 64500, holder: 'Example, "Quoted" Inc.' });
    expect(find(table, '203.0.113.5')).toEqual({ asn: 64501, holder: 'Doc Net' });
    expect(find(table, '203.0.113.130')).toEqual({ asn: 64502, holder: 'Inner Net' });
    // The clipped outer range no longer covers its tail: an accepted loss for rare overlaps.
    expect(find(table, '203.0.113.200')).toBeUndefined();
    expect(find(table, '192.0.2.1')).toBeUndefined();
  });

  it('sorts IPv6 rows that arrive out of order', () => {
    const table = AsnTable.parse(['2001:db8:2::,2001:db8:2:ffff:ffff:ffff:ffff:ffff,64511,Second', '2001:db8:1::,2001:db8:1:ffff:ffff:ffff:ffff:ffff,64510,First'].join('\n'), 6);
    expect(find(table, '2001:db8:1::42')).toEqual({ asn: 64510, holder: 'First' });
    expect(find(table, '2001:db8:2:0:ffff::')).toEqual({ asn: 64511, holder: 'Second' });
    expect(find(table, '2001:db8:3::1')).toBeUndefined();
  });

  it('reads a file chunk by chunk without losing a line or a character at the seams', async () => {
    const rows = 70_000; // ≈ 3.5 MB: several 1 MB chunks, with multi-byte holder names
    const block = (i: number) => `${10 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
    const lines = Array.from({ length: rows }, (_, i) => `${block(i)}.0,${block(i)}.255,${64_512 + (i % 1000)},"Réseau Ünïcode ${i % 1000}, Inc."`);
    const file = join(mkdtempSync(join(tmpdir(), 'ow-asn-')), 'big.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const table = await AsnTable.load(file, 4);
    expect([table.size, table.skipped]).toEqual([rows, 0]);
    for (let i = 0; i < rows; i += 997) {
      expect(find(table, `${block(i)}.77`)).toEqual({ asn: 64_512 + (i % 1000), holder: `Réseau Ünïcode ${i % 1000}, Inc.` });
    }
  });

  it('loads a table once per file and shares it between enrichers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-asn-'));
    const v4 = join(dir, 'v4.csv');
    writeFileSync(v4, '192.0.2.0,192.0.2.255,64496,Doc Net A\n');
    const first = new AsnEnricher({ ipv4: v4, ipv6: join(dir, 'missing.csv') });
    const second = new AsnEnricher({ ipv4: v4, ipv6: join(dir, 'missing.csv') });
    await first.enrich([activity('c1', '192.0.2.1')]);
    writeFileSync(v4, '192.0.2.0,192.0.2.255,64497,Changed\n');
    const activities = [activity('c2', '192.0.2.1')];
    await second.enrich(activities);
    expect(activities[0]!.asn).toBe(64496);
  });
});
