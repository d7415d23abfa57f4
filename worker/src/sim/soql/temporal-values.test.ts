import { dateValueToMs, datetimeValueToMs } from './temporal-values';

describe('stored temporal values', () => {
  it.each([
    ['2024-01-02T03:04:05.000+0000', '2024-01-02T03:04:05.000Z'],
    ['2024-02-29T23:59:59.999+0000', '2024-02-29T23:59:59.999Z'],
    ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05.000Z'],
    ['2024-01-02T04:04:05.000+01:00', '2024-01-02T03:04:05.000Z'],
  ])('reads datetime %s', (stored, iso) => {
    expect(new Date(datetimeValueToMs(stored) as number).toISOString()).toBe(iso);
  });

  it.each(['2023-02-29T00:00:00.000+0000', '2024-13-01T00:00:00.000+0000', '2024-01-02T24:00:00.000+0000', 'yesterday', 42, null])(
    'reads %s as no datetime',
    (stored) => {
      expect(datetimeValueToMs(stored)).toBeNull();
    },
  );

  it('reads dates as midnight UTC', () => {
    expect(dateValueToMs('2026-11-20')).toBe(Date.UTC(2026, 10, 20));
    expect(dateValueToMs('2026-11-31')).toBeNull();
  });
});
