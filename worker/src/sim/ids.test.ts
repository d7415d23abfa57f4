import { idFromSeed, IdSequence, isSalesforceId, to18 } from './ids';

describe('Salesforce ids', () => {
  it('adds the case-safe checksum Salesforce documents (001A0000006Vm9r → …IAC)', () => {
    expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(to18('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
  });

  it('derives the same 18-character id from the same seed, with the object key prefix', () => {
    const a = idFromSeed('0AT', 'EventLogFile:Login/2024-01-06.csv');
    expect(a).toBe(idFromSeed('0AT', 'EventLogFile:Login/2024-01-06.csv'));
    expect(a).not.toBe(idFromSeed('0AT', 'EventLogFile:Login/2024-01-07.csv'));
    expect(a).toMatch(/^0AT[a-zA-Z0-9]{15}$/);
    expect(to18(a.slice(0, 15))).toBe(a);
  });

  it('hands out distinct well-formed ids for created records', () => {
    const seq = new IdSequence();
    const ids = new Set(Array.from({ length: 500 }, () => seq.next('a00')));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(isSalesforceId(id) && id.startsWith('a00') && id.length === 18).toBe(true);
  });
});
