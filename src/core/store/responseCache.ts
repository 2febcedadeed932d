// The response cache: one JSON file per successful answer, in folders sharded by the first bytes of the
// key's hash. Keys are request hashes (versioned by `requestKey`), so they hold no secret; entries are
// written to a temp file and renamed, so a reader never sees half an entry.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../hash';
import { redactSecrets } from '../redact';
import type { LlmResponse } from '../types';

// Bump when the stored entry's shape changes; older entries then read as misses.
const ENTRY_VERSION = 1;

interface Entry {
  version: number;
  key: string;
  savedAt: string;
  response: LlmResponse;
}

export class ResponseCache {
  /** `dir` is the cache folder, e.g. `storePaths(root).cache`; created on the first write. */
  constructor(
    readonly dir: string,
    private readonly options: { secrets?: readonly string[] } = {},
  ) {}

  async get(key: string): Promise<(LlmResponse & { cached: true }) | undefined> {
    let entry: Entry;
    try {
      entry = JSON.parse(await readFile(this.fileFor(key), 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    if (entry?.version !== ENTRY_VERSION || entry.key !== key || typeof entry.response?.text !== 'string') return undefined;
    return { ...entry.response, cached: true };
  }

  /** Stores a live answer. Recorded (replay) answers are refused: they must never pass for a model's. */
  async set(key: string, response: LlmResponse): Promise<void> {
    if (response.recorded) return;
    const { cached: _cached, ...live } = response;
    const entry: Entry = { version: ENTRY_VERSION, key, savedAt: new Date().toISOString(), response: live };
    const file = this.fileFor(key);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await writeFile(temp, redactSecrets(JSON.stringify(entry), this.options.secrets));
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  private fileFor(key: string): string {
    const name = sha256(key);
    return path.join(this.dir, name.slice(0, 2), `${name}.json`);
  }
}
