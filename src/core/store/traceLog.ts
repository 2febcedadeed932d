// The trace log: one JSON line per LLM call in `traces/YYYY-MM-DD.jsonl` (UTC day of the write).
// Appends never rewrite; readers skip torn or invalid lines; `tail` reads files backwards so the newest
// records of a huge log come back without reading the rest.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { redactSecrets } from '../redact';
import type { CallKind, TraceRecord } from '../types';
import { JsonlAppender, parseJsonLine, readLines, readLinesBackwards } from './jsonlFile';

export interface TraceFilter {
  promptPath?: string;
  promptHash?: string;
  testId?: string;
  runId?: string;
  kind?: CallKind;
}

export interface TraceLogOptions {
  /** Values that must never be written (the API key); masked if they ever appear in a record. */
  secrets?: readonly string[];
  /** The clock that picks the day file (tests pass a fixed one). */
  now?: () => Date;
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

export class TraceLog {
  private readonly appender = new JsonlAppender();

  /** `dir` is the traces folder, e.g. `storePaths(root).traces`; it is created on the first append. */
  constructor(
    readonly dir: string,
    private readonly options: TraceLogOptions = {},
  ) {}

  async append(record: TraceRecord): Promise<void> {
    const day = (this.options.now?.() ?? new Date()).toISOString().slice(0, 10);
    const line = redactSecrets(JSON.stringify(record), this.options.secrets);
    await this.appender.append(path.join(this.dir, `${day}.jsonl`), line);
  }

  /** Every record, oldest to newest. */
  async *read(filter: TraceFilter = {}): AsyncGenerator<TraceRecord> {
    const prefilter = needles(filter);
    for (const file of await this.dayFiles()) {
      for await (const { line } of readLines(file)) {
        const record = matching(line, filter, prefilter);
        if (record) yield record;
      }
    }
  }

  /** The newest `n` records matching `filter`, newest first. */
  async tail(n: number, filter: TraceFilter = {}): Promise<TraceRecord[]> {
    const out: TraceRecord[] = [];
    if (n <= 0) return out;
    for await (const record of this.newest(filter)) {
      out.push(record);
      if (out.length >= n) break;
    }
    return out;
  }

  /**
   * Output tokens of this prompt's recent successful calls (not judge calls), newest first: what the cost
   * estimator takes its median from. `promptHash` narrows to one prompt version.
   */
  outputTokensFor(promptPath: string, options: { promptHash?: string; limit?: number } = {}): Promise<number[]> {
    return this.outputTokens({ promptPath, promptHash: options.promptHash, kind: 'prompt' }, options.limit);
  }

  /** Output tokens of the newest `limit` calls matching `filter` that the model answered (no errors, no cache hits). */
  async outputTokens(filter: TraceFilter, limit = 50): Promise<number[]> {
    const out: number[] = [];
    for await (const record of this.newest(filter)) {
      const tokens = record['gen_ai.usage.output_tokens'];
      if (record['error.type'] || record['promptops.cached'] || typeof tokens !== 'number') continue;
      out.push(tokens);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Records matching `filter`, newest first, read lazily from the end of the newest file backwards. */
  async *newest(filter: TraceFilter = {}): AsyncGenerator<TraceRecord> {
    const prefilter = needles(filter);
    for (const file of (await this.dayFiles()).reverse()) {
      for await (const line of readLinesBackwards(file)) {
        const record = matching(line, filter, prefilter);
        if (record) yield record;
      }
    }
  }

  private async dayFiles(): Promise<string[]> {
    try {
      const names = await readdir(this.dir);
      return names.filter((name) => DAY_FILE.test(name)).sort().map((name) => path.join(this.dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

/** The call's kind; a line from before `promptops.call.kind` existed named judge calls in its operation. */
export function callKindOf(record: TraceRecord): CallKind {
  return record['promptops.call.kind'] ?? (record['gen_ai.operation.name'] === 'judge' ? 'judge' : 'prompt');
}

/** JSON-encoded filter values: a line lacking one cannot match, so it is skipped without parsing. */
function needles(filter: TraceFilter): string[] {
  // `"judge"` is on every judge line, old (operation name) or new (call kind); a prompt line has no such marker.
  return [filter.promptPath, filter.promptHash, filter.testId, filter.runId, filter.kind === 'judge' ? 'judge' : undefined]
    .filter((v): v is string => v !== undefined)
    .map((v) => JSON.stringify(v));
}

function matching(line: string, filter: TraceFilter, prefilter: string[]): TraceRecord | undefined {
  if (!prefilter.every((needle) => line.includes(needle))) return undefined;
  const record = parseJsonLine<TraceRecord>(line);
  if (!record || typeof record.trace_id !== 'string') return undefined;
  if (filter.promptPath !== undefined && record['promptops.prompt.path'] !== filter.promptPath) return undefined;
  if (filter.promptHash !== undefined && record['promptops.prompt.hash'] !== filter.promptHash) return undefined;
  if (filter.testId !== undefined && record['promptops.test.id'] !== filter.testId) return undefined;
  if (filter.runId !== undefined && record['promptops.run.id'] !== filter.runId) return undefined;
  if (filter.kind !== undefined && callKindOf(record) !== filter.kind) return undefined;
  return record;
}
