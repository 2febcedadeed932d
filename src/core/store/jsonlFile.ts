// Append-only JSON-lines files (traces, recordings, run records): each line goes out in one O_APPEND write, so a crash
// leaves at most one torn last line, and readers skip lines that do not parse instead of failing.
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** Appends lines; before the first append to a file it makes sure a torn last line is closed off. */
export class JsonlAppender {
  private readonly ready = new Map<string, Promise<boolean>>();

  async append(file: string, line: string): Promise<void> {
    let check = this.ready.get(file);
    if (!check) {
      check = endsTorn(file);
      this.ready.set(file, check);
    }
    // A new line glued to a torn one would be lost with it; start ours on a fresh line instead.
    const prefix = (await check) ? '\n' : '';
    this.ready.set(file, Promise.resolve(false));
    await appendFile(file, `${prefix}${line}\n`);
  }
}

/** True when the file exists and its last byte is not a newline (creates the folder when missing). */
async function endsTorn(file: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a+');
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}

/** Lines of a file, oldest first, without their line endings; empty lines skipped. */
export async function* readLines(file: string): AsyncGenerator<{ line: string; lineNumber: number }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim()) yield { line, lineNumber };
  }
}

const CHUNK_BYTES = 64 * 1024;

/** Lines of a file, newest first, reading backwards in chunks so the end of a huge file is cheap. */
export async function* readLinesBackwards(file: string): AsyncGenerator<string> {
  const handle = await open(file, 'r');
  try {
    let position = (await handle.stat()).size;
    let carry: Buffer = Buffer.alloc(0);
    const buffer = Buffer.alloc(CHUNK_BYTES);
    while (position > 0) {
      const size = Math.min(CHUNK_BYTES, position);
      position -= size;
      await handle.read(buffer, 0, size, position);
      // Split on bytes, not decoded text, so a multi-byte character across chunks stays whole.
      const chunk = Buffer.concat([buffer.subarray(0, size), carry]);
      let end = chunk.length;
      for (let i = chunk.length - 1; i >= 0; i--) {
        if (chunk[i] !== 0x0a) continue;
        const line = chunk.toString('utf8', i + 1, end).trim();
        if (line) yield line;
        end = i;
      }
      carry = chunk.subarray(0, end);
    }
    const first = carry.toString('utf8').trim();
    if (first) yield first;
  } finally {
    await handle.close();
  }
}

/** `JSON.parse` that answers undefined for a torn or invalid line. */
export function parseJsonLine<T>(line: string): T | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
