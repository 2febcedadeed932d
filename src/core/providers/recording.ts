// Recordings: answers stored beside a prompt (`triage.prompt` → `triage.recordings.jsonl`), one JSON line
// each, keyed by `requestKey(request)`, for the replay provider. `withRecording` appends live answers;
// recordings shipped with the examples are hand-written and say so in `source`.
import path from 'node:path';
import { requestKey } from '../hash';
import { redactSecrets } from '../redact';
import { JsonlAppender, parseJsonLine, readLines } from '../store/jsonlFile';
import type { Logger, Problem, Provider, RecordingSource, Usage } from '../types';

export interface RecordingLine {
  key: string;
  model: string;
  text: string;
  usage: Usage;
  recordedAt: string;
  source: RecordingSource;
  note?: string;
  latencyMs?: number;
  stopReason?: string;
}

const RECORDING_SOURCES: readonly RecordingSource[] = ['live', 'hand-written sample answer'];

/**
 * How to label replayed answers by where they came from: `recorded live answers`, `hand-written sample answers`,
 * or both when a run mixed them. A result stored before sources were kept is just a recorded answer.
 */
export function describeRecordings(sources: Iterable<RecordingSource | undefined>): string {
  const seen = new Set(sources);
  const parts: string[] = [];
  if (seen.has('live')) parts.push('recorded live answers (replayed, not new calls)');
  if (seen.has('hand-written sample answer')) parts.push('hand-written sample answers (not live output)');
  return parts.join(' and ') || 'recorded answers (not live output)';
}

/** `<dir>/<stem>.recordings.jsonl` for `<dir>/<stem>.prompt`. */
export function recordingsPathFor(promptPath: string): string {
  const { dir, name, ext } = path.parse(promptPath);
  return path.join(dir, `${ext === '.prompt' ? name : name + ext}.recordings.jsonl`);
}

/**
 * Reads recording files into a map by key (a later line for the same key wins: a re-recording replaces).
 * Unreadable files and invalid lines become problems; they never stop the others from loading.
 */
export async function loadRecordings(files: readonly string[]): Promise<{ recordings: Map<string, RecordingLine>; problems: Problem[] }> {
  const recordings = new Map<string, RecordingLine>();
  const problems: Problem[] = [];
  for (const file of files) {
    try {
      for await (const { line, lineNumber } of readLines(file)) {
        const value = parseJsonLine<RecordingLine>(line);
        const invalid = value ? whyInvalid(value) : 'not a JSON object';
        if (invalid || !value) {
          problems.push(problemAt(file, lineNumber, line.length, `Recording skipped: ${invalid}.`));
          continue;
        }
        recordings.set(value.key, value);
      }
    } catch (error) {
      problems.push(problemAt(file, 1, 1, `Recordings file unreadable: ${(error as Error).message}.`));
    }
  }
  return { recordings, problems };
}

function whyInvalid(value: RecordingLine): string | undefined {
  if (typeof value.key !== 'string' || !value.key) return 'no "key"';
  if (typeof value.text !== 'string') return 'no "text"';
  if (typeof value.model !== 'string') return 'no "model"';
  const usage = value.usage as Partial<Usage> | undefined;
  if (!usage || typeof usage.inputTokens !== 'number' || typeof usage.outputTokens !== 'number') return '"usage" needs inputTokens and outputTokens';
  if (!RECORDING_SOURCES.includes(value.source)) return `"source" must be ${RECORDING_SOURCES.map((s) => `"${s}"`).join(' or ')}`;
  return undefined;
}

function problemAt(file: string, line: number, length: number, message: string): Problem {
  return {
    file,
    range: { start: { line, column: 1 }, end: { line, column: length + 1 } },
    severity: 'warning',
    code: 'invalid-recording',
    message,
    hint: 'Fix or delete the line, or record again with --provider anthropic --record.',
  };
}

/** Wraps a live provider so each successful answer is appended to `recordingsPath` (`source: 'live'`). */
export function withRecording(inner: Provider, recordingsPath: string, options: { logger?: Logger; secrets?: readonly string[] } = {}): Provider {
  const appender = new JsonlAppender();
  return {
    id: inner.id,
    countTokens: inner.countTokens?.bind(inner),
    async complete(request, callOptions) {
      const result = await inner.complete(request, callOptions);
      if (!result.ok || result.response.recorded || result.response.cached) return result;
      const { response } = result;
      const line: RecordingLine = {
        key: requestKey(request),
        model: response.model,
        text: response.text,
        usage: response.usage,
        recordedAt: new Date().toISOString(),
        source: 'live',
        latencyMs: Math.round(response.latencyMs),
        stopReason: response.stopReason,
      };
      try {
        await appender.append(recordingsPath, redactSecrets(JSON.stringify(line), options.secrets));
      } catch (error) {
        options.logger?.warn(`Could not write the recording to ${recordingsPath}: ${(error as Error).message}`);
      }
      return result;
    },
  };
}
