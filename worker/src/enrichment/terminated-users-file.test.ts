import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTerminatedUsers } from './terminated-users-file';

const dir = mkdtempSync(path.join(tmpdir(), 'ow-hr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('terminated-users file', () => {
  it('reads CSV (quoted or not) by username or email; a date alone is midnight UTC, a time without offset is UTC', () => {
    const hr = readTerminatedUsers(file('hr.csv', '"username","email","terminatedAt"\n"dana.lee@acme.example","","2026-11-10T17:00:00Z"\n,"sam.jr@acme.example",2026-11-12\nkim@acme.example,,2026-11-13T08:30:00\n'));
    expect(hr.problems).toEqual([]);
    expect(hr.terminations).toEqual([
      { username: 'dana.lee@acme.example', terminatedAtMs: Date.parse('2026-11-10T17:00:00Z') },
      { email: 'sam.jr@acme.example', terminatedAtMs: Date.parse('2026-11-12T00:00:00Z') },
      { username: 'kim@acme.example', terminatedAtMs: Date.parse('2026-11-13T08:30:00Z') },
    ]);
  });

  it('lists every bad row with its line and keeps the good ones', () => {
    const hr = readTerminatedUsers(file('bad.csv', 'username,email,terminatedAt\nok@acme.example,,2026-11-10\n,,2026-11-10\nx@acme.example,,last friday\ny@acme.example,not-an-email,2026-11-10\n'));
    expect(hr.terminations).toHaveLength(1);
    expect(hr.problems).toEqual([
      'line 3: needs a username or an email',
      'line 4: terminatedAt "last friday" is not an ISO-8601 date or time',
      'line 5: email "not-an-email" is not an e-mail address',
    ]);
  });

  it('reads JSON arrays, says what is wrong with other JSON, and changes its digest when the file changes', () => {
    const p = file('hr.json', JSON.stringify([{ email: 'a@acme.example', terminatedAt: '2026-11-01' }, 'nope']));
    const first = readTerminatedUsers(p);
    expect(first.terminations).toEqual([{ email: 'a@acme.example', terminatedAtMs: Date.parse('2026-11-01T00:00:00Z') }]);
    expect(first.problems).toEqual(['entry 2: not an object']);
    writeFileSync(p, JSON.stringify({ users: [] }));
    const second = readTerminatedUsers(p);
    expect(second.problems).toEqual(['expected a JSON array of {username|email, terminatedAt}']);
    expect(second.digest).not.toBe(first.digest);
    expect(readTerminatedUsers(file('h.csv', 'name,date\n')).problems).toEqual(['line 1: the header must name terminatedAt and username and/or email']);
  });
});
