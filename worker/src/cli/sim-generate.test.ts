/** `orgwarden sim generate`: bad input is refused with a message that says what to fix (exit 2). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simCommand } from './sim';
import { simGenerateCommand } from './sim-generate';

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } }, out: () => out, err: () => err };
}

const root = mkdtempSync(path.join(tmpdir(), 'ow-simgen-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('orgwarden sim generate', () => {
  it.each([
    [['--users', '0', '--days', '10', '--seed', 's', '--out', path.join(root, 'a')], /--users must be a whole number from 25/],
    [['--users', '30', '--days', '3', '--seed', 's', '--out', path.join(root, 'b')], /--days must be a whole number from 9/],
    [['--users', '30', '--days', '10', '--out', path.join(root, 'c')], /--seed is required/],
    [['--users', '30', '--days', '10', '--seed', 's'], /--out DIR is required/],
    [['--users', '30', '--days', '10', '--seed', 's', '--out', path.join(root, 'd'), '--event-monitoring', 'gold'], /--event-monitoring must be shield, free or none/],
    [['--users', '30', '--days', '10', '--seed', 's', '--out', path.join(root, 'e'), '--now', 'yesterday'], /--now must be an ISO-8601 date-time/],
    [['--users', '30', '--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j', async (argv, message) => {
    const c = capture();
    expect(await simGenerateCommand(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(message);
  });

  it('refuses an existing non-empty output directory', async () => {
    const out = path.join(root, 'full');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'keep.txt'), 'x');
    const c = capture();
    expect(await simGenerateCommand(['--users', '30', '--days', '10', '--seed', 's', '--out', out], c.io)).toBe(2);
    expect(c.err()).toMatch(/already exists and is not an empty directory: choose a new directory or empty it first/);
  });

  it('is reached through `orgwarden sim generate` and prints its help', async () => {
    const c = capture();
    expect(await simCommand(['generate', '--help'], c.io)).toBe(0);
    expect(c.out()).toMatch(/^Usage: orgwarden sim generate --users N --days D --seed S --out DIR/);
  });
});
