import { TextInterner } from './text-interner';

const bytes = (text: string) => Buffer.from(`xx${text}yy`, 'utf8');

describe('TextInterner', () => {
  it('gives the same string instance for the same bytes, wherever they sit in the buffer', () => {
    const interner = new TextInterner(16);
    const a = interner.text(bytes('0055g00000AbCdEfGH'), 2, 20);
    const b = interner.text(Buffer.from('0055g00000AbCdEfGH,', 'utf8'), 0, 18);
    expect(a).toBe('0055g00000AbCdEfGH');
    expect(b).toBe(a);
    expect(Object.is(a, b)).toBe(true);
  });

  it('tells apart values that land in the same slot, and decodes non-ASCII values correctly every time', () => {
    const interner = new TextInterner(1); // every value shares the one slot
    const long = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36`;
    const values = ['198.51.100.7', '198.51.100.8', 'Zürich', 'Zürich', '', 'Ünïcødé agent/1.0', '198.51.100.7', long, long, '2001:db8:85a3::8a2e:370:7334'];
    for (const value of values) {
      const buf = bytes(value);
      expect(interner.text(buf, 2, buf.length - 2)).toBe(value);
    }
  });

  it('refuses a size that is not a power of two', () => {
    expect(() => new TextInterner(1000)).toThrow('power of two');
  });
});
