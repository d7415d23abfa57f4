/** The same seed gives the same org byte for byte; another seed gives another org. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateTemp, listFiles, removeGenerated } from './generated-org';

afterAll(removeGenerated);

function digest(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]));
}

describe('determinism', () => {
  it('writes identical files for the same seed and different ones for another seed', () => {
    const a = digest(generateTemp({ seed: 'same' }).dir);
    const b = digest(generateTemp({ seed: 'same' }).dir);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, hash] of a) expect(`${file} ${b.get(file)}`).toBe(`${file} ${hash}`);

    const c = digest(generateTemp({ seed: 'other' }).dir);
    expect(c.get('records/LoginHistory.json')).not.toBe(a.get('records/LoginHistory.json'));
    expect(c.get('labels.json')).not.toBe(a.get('labels.json'));
  });
});
