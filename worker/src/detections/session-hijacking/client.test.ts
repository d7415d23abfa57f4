import type { Activity } from '../../activity/activity';
import { concurrent, prefixOf, shortestTurnMs, turns, type SessionClient } from './client';
import { addRequests, decodeMinutes, encodeMinutes, loadSession, storeSession, type SessionState, type StoredSession } from './session-state';

function client(minuteBase: number, minutes: number[]): SessionClient {
  return { ip: '198.51.100.7', tags: [], firstMs: (minuteBase + minutes[0]!) * 60_000, lastMs: (minuteBase + minutes.at(-1)!) * 60_000, requests: minutes.length, minutes, minuteBase };
}

/** The plain definition: both timelines labelled, sorted by minute (a before b on a tie), then walked. */
function reference(a: SessionClient, b: SessionClient): { turns: number; shortestMs: number } {
  const marks = [...a.minutes.map((m) => [m + a.minuteBase, 0]), ...b.minutes.map((m) => [m + b.minuteBase, 1])].sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
  let count = 0;
  let shortest = Infinity;
  for (let i = 1; i < marks.length; i += 1) {
    if (marks[i]![1] === marks[i - 1]![1]) continue;
    count += 1;
    shortest = Math.min(shortest, (marks[i]![0]! - marks[i - 1]![0]!) * 60_000);
  }
  return { turns: count, shortestMs: shortest };
}

function randomMinutes(next: () => number): number[] {
  const set = new Set<number>();
  const n = 1 + Math.floor(next() * 30);
  for (let i = 0; i < n; i += 1) set.add(Math.floor(next() * 90));
  return [...set].sort((x, y) => x - y);
}

describe('turns between two clients of a session', () => {
  it('counts A B A B as three turns with the shortest gap between them', () => {
    const a = client(1000, [0, 10]);
    const b = client(1000, [5, 12]);
    expect(turns(a, b)).toBe(3);
    expect(shortestTurnMs(a, b)).toBe(2 * 60_000);
    expect(concurrent(a, b)).toBe(true);
  });

  it('treats a move and a return (A B A) as two turns: not concurrent use', () => {
    const a = client(1000, [0, 1, 30]);
    const b = client(1000, [10, 11]);
    expect(turns(a, b)).toBe(2);
    expect(concurrent(a, b)).toBe(false);
  });

  it('counts a minute used by both as a turn of zero length', () => {
    const a = client(2000, [0]);
    const b = client(1990, [10]);
    expect(turns(a, b)).toBe(1);
    expect(shortestTurnMs(a, b)).toBe(0);
  });

  it('agrees with the sorted-timeline definition on random sessions with different minute bases', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 500; run += 1) {
      const a = client(5000 + Math.floor(next() * 40), randomMinutes(next));
      const b = client(5000 + Math.floor(next() * 40), randomMinutes(next));
      const want = reference(a, b);
      expect({ turns: turns(a, b), shortestMs: shortestTurnMs(a, b) }).toEqual(want);
    }
  });
});

describe('prefixOf', () => {
  it('gives the /24 of an IPv4 address and the /48 of an IPv6 one', () => {
    expect(prefixOf('203.0.113.66')).toBe('203.0.113');
    expect(prefixOf('2001:DB8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3');
  });
});

describe('stored session minutes', () => {
  it('round-trip through the one-character-a-minute gap string, from the first minute', () => {
    const encoded = encodeMinutes([-3, 0, 1, 2, 6, 41, 1439], 5000);
    expect(encoded).toEqual({ minutes: '03114S\u05a6', minuteBase: 4997 });
    expect(decodeMinutes(encoded!.minutes).map((m) => m + encoded!.minuteBase)).toEqual([4997, 5000, 5001, 5002, 5006, 5041, 6439]);
    expect(decodeMinutes('')).toEqual([]);
  });

  it('keeps the absolute minutes of every client through JSON, and a gap too wide for a character as an array', () => {
    const state = { userId: '005x', clients: [{ ...client(100, [0, 3, 9]), alsoIps: ['198.51.100.8'] }, client(200, [0, 70_000])] };
    const stored = JSON.parse(JSON.stringify(storeSession(state))) as StoredSession;
    expect(stored.clients[0]!.minutes).toBe('036');
    expect(stored.clients[1]!.minutes).toEqual([0, 70_000]);
    const loaded = loadSession(stored);
    const absolute = (c: { minutes: number[]; minuteBase: number }) => c.minutes.map((m) => m + c.minuteBase);
    expect(loaded.clients.map(absolute)).toEqual(state.clients.map(absolute));
    expect(loaded).toEqual(state);
  });
});

describe('addRequests', () => {
  const t0 = Date.parse('2026-11-20T09:00:00Z');
  const request = (ip: string, minute: number, asn?: number): Activity => ({ id: `r${minute}${ip}`, source: 'ELF:URI', orgId: '00D', userId: '005x', sessionKey: 'k', kind: 'page.view', timeMs: t0 + minute * 60_000, ip, ipTags: [], ...(asn ? { asn } : {}) });

  it('counts runs of one address on one client, a neighbour address on the same client, and another network as a second client', () => {
    const state: SessionState = { userId: '005x', clients: [] };
    const requests = [request('198.51.100.7', 0, 64500), request('198.51.100.7', 0, 64500), request('198.51.100.9', 1, 64500), request('203.0.113.5', 2, 64501), request('198.51.100.7', 3, 64500)];
    expect(addRequests(state, requests, 0, requests.length)).toBe(true);
    expect(state.clients.map((c) => ({ ip: c.ip, alsoIps: c.alsoIps, requests: c.requests, minutes: c.minutes }))).toEqual([
      { ip: '198.51.100.7', alsoIps: ['198.51.100.9'], requests: 4, minutes: [0, 1, 3] },
      { ip: '203.0.113.5', alsoIps: undefined, requests: 1, minutes: [0] },
    ]);
    // The same minute from the same address again changes nothing worth judging.
    expect(addRequests(state, [request('198.51.100.7', 3, 64500)], 0, 1)).toBe(false);
    expect(state.clients[0]!.requests).toBe(5);
  });
});
