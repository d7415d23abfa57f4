import { Rng } from './prng';

describe('Rng', () => {
  it('repeats its sequence for a seed and differs for another', () => {
    const draw = (seed: string) => Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Rng(seed)));
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('gives forks streams that do not depend on the parent\'s draws', () => {
    const plain = new Rng('root');
    const used = new Rng('root');
    used.next();
    used.next();
    expect(used.fork('user:1').next()).toBe(plain.fork('user:1').next());
    expect(plain.fork('user:1').next()).not.toBe(plain.fork('user:2').next());
  });

  it('stays within the requested ranges', () => {
    const rng = new Rng('ranges');
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
    expect(new Set(Array.from({ length: 200 }, () => rng.int(0, 2)))).toEqual(new Set([0, 1, 2]));
  });
});
