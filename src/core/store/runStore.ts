// Run records in `.promptops/runs/<runId>.jsonl`: line 1 the run's header (the record without results),
// then one line per TestResult as it completes, and a closing line with the status and totals. Writing
// line by line is what lets a cancelled or killed run keep everything that finished; a torn last line
// (a crash mid-write) is skipped on read. A run with no closing line keeps the status `running`
// with totals recomputed from the results it has. Paths inside records are workspace-relative (posix).
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { canonicalJson } from '../hash';
import { totalsOf } from '../runTotals';
import type { RunRecord, RunTotals, TestResult } from '../types';
import { JsonlAppender, parseJsonLine } from './jsonlFile';
import { ensureStore, storePaths } from './storeDir';

export type RunHeader = Omit<RunRecord, 'results' | 'totals' | 'finishedAt'>;

export interface RunEnd {
  status: Exclude<RunRecord['status'], 'running'>;
  finishedAt: string;
  totals: RunTotals;
}

type RunLine = { kind: 'run'; run: RunHeader } | { kind: 'result'; result: TestResult } | { kind: 'end'; end: RunEnd };

export interface RunFilter {
  /** Workspace-relative path of the prompt. */
  promptPath?: string;
  promptHash?: string;
  status?: RunRecord['status'][];
  /** At most this many records (the newest). */
  limit?: number;
}

/** What makes an earlier run's results valid for a prompt version today. */
export interface ReuseKey {
  promptHash: string;
  testsHash: string;
  model: string;
  gradersVersion: string;
  repeat: number;
}

/** A `ReuseKey` as one string, to look many prompt versions up in `RunStore.reusableIndex`. */
export function reuseKey(key: ReuseKey): string {
  return canonicalJson(key);
}

export interface RunWriter {
  readonly runId: string;
  append(result: TestResult): Promise<void>;
  finish(end: RunEnd): Promise<void>;
}

/** Sortable by time (newest last in name order), unique across concurrent runs. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export class RunStore {
  private readonly appender = new JsonlAppender();
  private readonly dir: string;

  constructor(private readonly workspaceRoot: string) {
    this.dir = storePaths(workspaceRoot).runs;
  }

  /** Writes the header now; each `append` and `finish` is one appended line, in call order. */
  async begin(header: RunHeader): Promise<RunWriter> {
    await ensureStore(this.workspaceRoot);
    const file = path.join(this.dir, `${header.runId}.jsonl`);
    const write = (line: RunLine): Promise<void> => this.appender.append(file, JSON.stringify(line));
    let chain = write({ kind: 'run', run: header });
    await chain;
    const enqueue = (line: RunLine): Promise<void> => (chain = chain.then(() => write(line)));
    return {
      runId: header.runId,
      append: (result) => enqueue({ kind: 'result', result }),
      finish: (end) => enqueue({ kind: 'end', end }),
    };
  }

  async read(runId: string): Promise<RunRecord | undefined> {
    return this.readFile(path.join(this.dir, `${runId}.jsonl`));
  }

  /** Newest first. */
  async list(filter: RunFilter = {}): Promise<RunRecord[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.jsonl'));
    } catch {
      return [];
    }
    names.sort().reverse();
    const out: RunRecord[] = [];
    for (const name of names) {
      const run = await this.readFile(path.join(this.dir, name));
      if (!run || !matches(run, filter)) continue;
      out.push(run);
      if (filter.limit !== undefined && out.length >= filter.limit) break;
    }
    return out;
  }

  /**
   * Runs whose results can stand in for a new run (history reuses them instead of paying again), by `reuseKey`:
   * completed runs over the whole suite, the newest for each key. One read of the store answers every lookup.
   */
  async reusableIndex(filter: Pick<RunFilter, 'promptHash'> = {}): Promise<Map<string, RunRecord>> {
    const byKey = new Map<string, RunRecord>();
    for (const run of await this.list({ ...filter, status: ['completed'] })) {
      if (run.selection !== undefined) continue;
      const key = reuseKey({ promptHash: run.prompt.hash, testsHash: run.tests.hash, model: run.model, gradersVersion: run.gradersVersion, repeat: run.repeat });
      if (!byKey.has(key)) byKey.set(key, run);
    }
    return byKey;
  }

  private async readFile(file: string): Promise<RunRecord | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    let header: RunHeader | undefined;
    let end: RunEnd | undefined;
    const results: TestResult[] = [];
    for (const raw of text.split('\n')) {
      const line = parseLine(raw);
      if (!line) continue;
      if (line.kind === 'run') header = line.run;
      else if (line.kind === 'result') results.push(line.result);
      else end = line.end;
    }
    if (!header) return undefined;
    if (!end) return { ...header, status: 'running', results, totals: totalsOf(results, 0) };
    return { ...header, status: end.status, finishedAt: end.finishedAt, results, totals: end.totals };
  }
}

// A torn or foreign line is skipped rather than failing the whole record.
function parseLine(raw: string): RunLine | undefined {
  if (!raw.trim()) return undefined;
  const value = parseJsonLine<RunLine>(raw);
  return value && 'kind' in value ? value : undefined;
}

function matches(run: RunRecord, filter: RunFilter): boolean {
  if (filter.promptPath !== undefined && run.prompt.path !== filter.promptPath) return false;
  if (filter.promptHash !== undefined && run.prompt.hash !== filter.promptHash) return false;
  if (filter.status && !filter.status.includes(run.status)) return false;
  return true;
}
