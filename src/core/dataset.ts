import { parse as parseCsv } from 'csv-parse/sync';
import * as path from 'node:path';
import { FILE_START, LineIndex, problem } from './problems';
import type { Problem } from './types';

/** One row of a golden set, with the lines it spans in its file (1-based). */
export interface DatasetRow {
  values: Record<string, unknown>;
  line: number;
  endLine: number;
}

/**
 * Rows of a `.jsonl` (one JSON object per line) or `.csv` (header row, then one row per test) file.
 * Every unreadable row is a problem at its line; the readable rows are still returned.
 */
export function parseDataset(file: string, text: string): { rows: DatasetRow[]; problems: Problem[] } {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl') return parseJsonl(file, text);
  if (ext === '.csv') return parseCsvRows(file, text);
  return {
    rows: [],
    problems: [problem(file, FILE_START, 'error', 'dataset-format', `Unsupported dataset format \`${ext || path.basename(file)}\``, 'Use a .jsonl file (one JSON object per line) or a .csv file with a header row.')],
  };
}

function parseJsonl(file: string, text: string): { rows: DatasetRow[]; problems: Problem[] } {
  const rows: DatasetRow[] = [];
  const problems: Problem[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (!line.trim()) continue;
    const whole = { start: { line: n + 1, column: 1 }, end: { line: n + 1, column: line.length + 1 } };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const pos = /position (\d+)/.exec((e as Error).message);
      const column = pos ? Number(pos[1]) + 1 : 1;
      const at = { start: { line: n + 1, column }, end: { line: n + 1, column: column + 1 } };
      problems.push(problem(file, pos ? at : whole, 'error', 'dataset-parse', `Line ${n + 1} is not valid JSON: ${(e as Error).message}`, 'Write one complete JSON object per line.'));
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(problem(file, whole, 'error', 'dataset-parse', `Line ${n + 1} is not a JSON object`, 'Write each row as an object of variable names to values, e.g. {"question": "…"}.'));
      continue;
    }
    rows.push({ values: value as Record<string, unknown>, line: n + 1, endLine: n + 1 });
  }
  return { rows, problems };
}

function parseCsvRows(file: string, text: string): { rows: DatasetRow[]; problems: Problem[] } {
  let records: { record: Record<string, string>; info: { lines: number; empty_lines: number } }[];
  try {
    records = parseCsv(text, { columns: true, info: true, bom: true, skip_empty_lines: true });
  } catch (e) {
    const err = e as Error & { lines?: number };
    const line = err.lines ?? 1;
    const index = new LineIndex(text);
    const start = index.lineStart(line);
    return {
      rows: [],
      problems: [problem(file, index.range(start, index.lineEnd(start)), 'error', 'dataset-parse', `CSV error: ${err.message}`, 'Quote fields that contain commas, quotes or line breaks, and give every row as many fields as the header.')],
    };
  }
  // csv-parse reports the line where a record ends; a record starts after the previous one and any blank lines.
  const rows: DatasetRow[] = [];
  let previousEnd = 1;
  let previousEmpty = 0;
  for (const { record, info } of records) {
    rows.push({ values: record, line: previousEnd + 1 + (info.empty_lines - previousEmpty), endLine: info.lines });
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
  }
  return { rows, problems: [] };
}
