import { CommittedMirror } from './committed-mirror';

const write = (text: string | undefined, ttlSeconds?: number) => ({ text, ttlSeconds, live: undefined });

describe('CommittedMirror', () => {
  it('keeps what a commit wrote, deletions as known-absent, until a commit it did not see', () => {
    const mirror = new CommittedMirror();
    mirror.committed(4, [['a', write('1')], ['b', write(undefined)]], 0);
    expect(mirror.validAt).toBe(4);
    expect(mirror.lookup('a', 0)).toBe('1');
    expect(mirror.lookup('b', 0)).toBeNull();
    expect(mirror.lookup('c', 0)).toBeUndefined();
    mirror.committed(5, [['c', write('3')]], 0);
    expect(mirror.lookup('a', 0)).toBe('1');
    // Counter 7 after this commit: another process committed 6 in between.
    mirror.committed(7, [['d', write('4')]], 0);
    expect(mirror.lookup('a', 0)).toBeUndefined();
    expect(mirror.lookup('d', 0)).toBe('4');
  });

  it('stops trusting a value a minute before its TTL would end in Redis', () => {
    const mirror = new CommittedMirror();
    mirror.committed(1, [['a', write('1', 120)]], 0);
    expect(mirror.lookup('a', 59_000)).toBe('1');
    expect(mirror.lookup('a', 60_000)).toBeUndefined();
  });

  it('drops the oldest-written values past its size', () => {
    const mirror = new CommittedMirror(10);
    mirror.committed(1, [['a', write('aaaa')], ['b', write('bbbb')]], 0);
    mirror.committed(2, [['a', write('AAAA')], ['c', write('cccc')]], 0);
    expect(mirror.lookup('b', 0)).toBeUndefined();
    expect(mirror.lookup('a', 0)).toBe('AAAA');
    expect(mirror.lookup('c', 0)).toBe('cccc');
  });

  it('mirrors nothing when its size is 0: every read goes to Redis', () => {
    const mirror = new CommittedMirror(0);
    mirror.committed(1, [['a', write('1')]], 0);
    expect(mirror.validAt).toBeUndefined();
    expect(mirror.lookup('a', 0)).toBeUndefined();
  });
});
