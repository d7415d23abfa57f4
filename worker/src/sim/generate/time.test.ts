import { elfTimestamp, localToUtc, sfDateTime, zoneOffsetMinutes } from './time';

describe('time', () => {
  it('formats REST datetimes and event log timestamps', () => {
    const ms = Date.parse('2026-11-19T02:10:00.001Z');
    expect(sfDateTime(ms)).toBe('2026-11-19T02:10:00.001+0000');
    expect(elfTimestamp(ms)).toBe('20261119021000.001');
  });

  it('follows daylight saving time in local wall-clock conversions', () => {
    expect(zoneOffsetMinutes('America/Los_Angeles', Date.parse('2026-07-01T12:00:00Z'))).toBe(-420);
    expect(zoneOffsetMinutes('America/Los_Angeles', Date.parse('2026-12-01T12:00:00Z'))).toBe(-480);
    // 09:00 in Berlin on 2 Nov 2026 (CET, UTC+1) is 08:00 UTC.
    expect(new Date(localToUtc('Europe/Berlin', Date.parse('2026-11-02T09:00:00Z'))).toISOString()).toBe('2026-11-02T08:00:00.000Z');
  });
});
