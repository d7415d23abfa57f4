import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('stays within its bound and keeps the entries that are being used', () => {
    const cache = new LruCache<string, number | null>(4);
    cache.set('hot', 1);
    cache.set('miss', null);
    for (let i = 0; i < 100; i++) {
      cache.set(`cold-${i}`, i);
      expect(cache.get('hot')).toBe(1);
      expect(cache.size).toBeLessThanOrEqual(4);
    }
    expect(cache.get('cold-0')).toBeUndefined();
    expect(cache.get('cold-99')).toBe(99);
    expect(cache.get('miss')).toBeUndefined(); // evicted long ago
  });

  it('remembers a miss as null', () => {
    const cache = new LruCache<string, number | null>(10);
    cache.set('none', null);
    expect(cache.get('none')).toBeNull();
    expect(cache.get('never')).toBeUndefined();
  });
});
