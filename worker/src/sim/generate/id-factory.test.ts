import { isSalesforceId, to18 } from '../ids';
import { IdFactory, logKey, organizationId, requestId } from './id-factory';
import { Rng } from './prng';

describe('IdFactory', () => {
  it('issues unique 18-character ids with the key prefix and a valid case-safe checksum', () => {
    const ids = new IdFactory('5J');
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const id = ids.next(i % 2 ? '005' : '0Ya');
      expect(isSalesforceId(id)).toBe(true);
      expect(id).toHaveLength(18);
      expect(to18(id.slice(0, 15))).toBe(id);
      expect(id.startsWith(i % 2 ? '005' : '0Ya')).toBe(true);
      seen.add(id);
    }
    expect(seen.size).toBe(500);
  });

  it('derives org ids and log keys in Salesforce\'s forms', () => {
    const rng = new Rng('keys');
    expect(organizationId(rng)).toMatch(/^00D[A-Za-z0-9]{15}$/);
    expect(logKey(rng)).toMatch(/^[A-Za-z0-9+/]{16}$/);
    expect(requestId(rng)).toMatch(/^[A-Za-z0-9_-]{21}-$/);
  });
});
