import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { requestKey } from '../../src/core/hash';
import { createAnthropicProvider } from '../../src/core/providers/anthropic';
import { loadRecordings, recordingsPathFor, withRecording, type RecordingLine } from '../../src/core/providers/recording';
import { createReplayProvider } from '../../src/core/providers/replay';
import type { LlmRequest } from '../../src/core/types';
import { answer, startFakeAnthropic, type FakeAnthropic } from '../support/fakeAnthropic';

const request: LlmRequest = {
  model: 'claude-haiku-4-5',
  system: 'Summarise in one line.',
  messages: [{ role: 'user', content: 'The meeting moved to Thursday because the room was double-booked.' }],
  maxTokens: 100,
};

const sample: RecordingLine = {
  key: requestKey(request),
  model: 'claude-haiku-4-5',
  text: 'Meeting moved to Thursday (room double-booked).',
  usage: { inputTokens: 31, outputTokens: 12, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 },
  recordedAt: '2026-11-30T10:00:00.000Z',
  source: 'hand-written sample answer',
  note: 'Written for the demo.',
};

describe('replay provider and recordings', () => {
  let dir: string;
  let fake: FakeAnthropic;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'promptops-replay-'));
    fake = await startFakeAnthropic();
  });
  after(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts recordings beside the prompt', () => {
    assert.equal(recordingsPathFor('/w/prompts/triage.prompt'), path.join('/w/prompts', 'triage.recordings.jsonl'));
  });

  it('answers a recorded request, flagged as recorded with its source, and streams it', async () => {
    const file = path.join(dir, 'summary.recordings.jsonl');
    await writeFile(file, `${JSON.stringify(sample)}\n`);
    const deltas: string[] = [];
    const result = await createReplayProvider({ recordingFiles: [file] }).complete(request, { onText: (d) => deltas.push(d) });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.response.text, sample.text);
    assert.equal(result.response.recorded, true);
    assert.equal(result.response.recordingSource, 'hand-written sample answer');
    assert.deepEqual(result.response.usage, sample.usage);
    assert.equal(result.response.latencyMs, 0);
    assert.deepEqual(deltas, [sample.text]);
  });

  it('says how to record when a request has no recording', async () => {
    const file = path.join(dir, 'summary.recordings.jsonl');
    const result = await createReplayProvider({ recordingFiles: [file] }).complete({ ...request, maxTokens: 101 });
    assert.ok(!result.ok);
    assert.equal(result.error.type, 'no_recording');
    assert.equal(result.error.retryable, false);
    assert.match(result.error.message, /summary\.recordings\.jsonl/);
    assert.match(result.error.message, /--provider anthropic --record/);
  });

  it('skips bad lines with a problem each and keeps the good ones', async () => {
    const file = path.join(dir, 'messy.recordings.jsonl');
    const other = { ...sample, key: 'other', text: 'second' };
    await writeFile(file, ['not json', JSON.stringify(sample), JSON.stringify({ ...sample, source: 'made up' }), '', JSON.stringify(other), '{"key":"torn'].join('\n'));
    const { recordings, problems } = await loadRecordings([file, path.join(dir, 'missing.recordings.jsonl')]);
    assert.deepEqual([...recordings.keys()], [sample.key, 'other']);
    assert.deepEqual(
      problems.map((p) => [path.basename(p.file), p.range.start.line, p.code]),
      [
        ['messy.recordings.jsonl', 1, 'invalid-recording'],
        ['messy.recordings.jsonl', 3, 'invalid-recording'],
        ['messy.recordings.jsonl', 6, 'invalid-recording'],
        ['missing.recordings.jsonl', 1, 'invalid-recording'],
      ],
    );
    assert.match(problems[1].message, /"source" must be/);

    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const result = await createReplayProvider({ recordingFiles: [file], logger }).complete(request);
    assert.ok(result.ok);
    assert.equal(warnings.length, 3);
  });

  it('records live answers and replays them (round trip)', async () => {
    const file = path.join(dir, 'live.recordings.jsonl');
    fake.setResponder(() => answer('Thursday, room conflict.'));
    const live = withRecording(createAnthropicProvider({ apiKey: 'sk-ant-record-0123456789', baseURL: fake.url }), file);
    const first = await live.complete(request);
    assert.ok(first.ok);
    const failed = await live.complete({ ...request, model: '' });
    assert.ok(!failed.ok, 'an error is not recorded');

    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0]) as RecordingLine;
    assert.equal(line.source, 'live');
    assert.equal(line.key, requestKey(request));
    assert.ok(!lines[0].includes('sk-ant-record'));

    const replayed = await createReplayProvider({ recordingFiles: [file] }).complete(request);
    assert.ok(replayed.ok);
    assert.equal(replayed.response.text, 'Thursday, room conflict.');
    assert.equal(replayed.response.recordingSource, 'live');
    assert.deepEqual(replayed.response.usage, first.response.usage);
  });

  it('lets a later recording of the same request win, after a torn line', async () => {
    const file = path.join(dir, 'rerecorded.recordings.jsonl');
    await writeFile(file, `${JSON.stringify(sample)}\n{"key":"half a li`);
    fake.setResponder(() => answer('Newer answer.'));
    const live = withRecording(createAnthropicProvider({ apiKey: 'sk-ant-record-0123456789', baseURL: fake.url }), file);
    assert.ok((await live.complete(request)).ok);
    const replayed = await createReplayProvider({ recordingFiles: [file] }).complete(request);
    assert.ok(replayed.ok);
    assert.equal(replayed.response.text, 'Newer answer.');
  });
});
