import { RollingWindow } from './rolling-window';

describe('RollingWindow', () => {
  it('counts each event until the window has passed over it', () => {
    const w = new RollingWindow(1000);
    w.add(0);
    w.add(500, 2);
    expect(w.countAt(999)).toBe(3);
    expect(w.countAt(1000)).toBe(2);
    expect(w.countAt(1500)).toBe(0);
  });

  it('keeps events made before the latest one (a clock moved back) in time order', () => {
    const w = new RollingWindow(1000);
    w.add(800);
    w.add(200);
    w.add(200);
    expect(w.countAt(1199)).toBe(3);
    expect(w.countAt(1200)).toBe(1);
  });

  it('stays exact over many events while dropping the aged-out ones', () => {
    const w = new RollingWindow(10_000);
    for (let t = 0; t < 50_000; t++) w.add(t);
    expect(w.countAt(49_999)).toBe(10_000);
    w.add(49_999, 5);
    expect(w.countAt(55_000)).toBe(5_004);
    w.clear();
    expect(w.countAt(55_000)).toBe(0);
  });
});
