/**
 * Calls `onLine` for every line of a text file, reading it in 4 MB chunks so a 20 MB CSV is
 * never held as one string.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 4 << 20;

export function forEachLine(file: string, onLine: (line: string) => void): void {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    // The decoder keeps a multi-byte character split across two chunks whole.
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const bytes = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (bytes === 0) break;
      const text = rest + decoder.write(buffer.subarray(0, bytes));
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line) onLine(line);
    }
    rest += decoder.end();
    if (rest) onLine(rest);
  } finally {
    closeSync(fd);
  }
}
