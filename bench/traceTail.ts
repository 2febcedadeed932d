// Trace log tail speed: `node --import tsx bench/traceTail.ts [--lines 1000000]`. The traces view and
// `promptops traces --tail 200` list the newest records of a log that only grows, so the newest 200 of a
// 1,000,000-line log must come back in ≤ 100 ms. Prints figures against that target and against a full
// forward scan of the same log; asserts nothing.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TraceLog } from '../src/core/store/traceLog';
import type { TraceRecord } from '../src/core/types';
import { median, timed } from './timing';

const PROMPTS = ['support', 'triage', 'summarize', 'translate', 'classify'].map((n) => `prompts/${n}.prompt`);

function record(i: number): TraceRecord {
  return {
    trace_id: randomBytes(16).toString('hex'),
    span_id: randomBytes(8).toString('hex'),
    start_time: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    duration_ms: 800 + (i % 400),
    'gen_ai.operation.name': i % 7 === 0 ? 'judge' : 'chat',
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.request.model': 'claude-sonnet-4-5',
    'gen_ai.request.max_tokens': 512,
    'gen_ai.response.id': `msg_${i}`,
    'gen_ai.response.finish_reasons': ['end_turn'],
    'gen_ai.usage.input_tokens': 300 + (i % 50),
    'gen_ai.usage.output_tokens': 80 + (i % 90),
    'promptops.prompt.path': PROMPTS[i % PROMPTS.length],
    'promptops.prompt.hash': 'f'.repeat(64),
    'promptops.git.commit': 'a'.repeat(40),
    'promptops.test.id': `case-${i % 40}`,
    'promptops.run.id': `run-${Math.floor(i / 200)}`,
    'promptops.cost_usd': 0.0021,
    input: { system: 'You are a support agent. Answer in at most three sentences.', messages: [{ role: 'user', content: `Ticket ${i}: the CSV export fails after the third retry; what should I do?` }] },
    output: `Sorry about that — please retry the export from Settings → Data; if ticket ${i} persists we will investigate.`,
  };
}


async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lines: { type: 'string', default: '1000000' } } });
  const lines = Number(values.lines);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'promptops-bench-traces-'));
  try {
    const days = 20;
    const perDay = Math.ceil(lines / days);
    let bytes = 0;
    for (let d = 0; d < days; d++) {
      const chunk: string[] = [];
      for (let i = d * perDay; i < Math.min(lines, (d + 1) * perDay); i++) chunk.push(JSON.stringify(record(i)));
      const text = `${chunk.join('\n')}\n`;
      bytes += Buffer.byteLength(text);
      await writeFile(path.join(dir, `2026-01-${String(d + 1).padStart(2, '0')}.jsonl`), text);
    }
    const log = new TraceLog(dir);
    console.log(`log: ${lines.toLocaleString('en')} lines in ${days} day files, ${(bytes / 1e6).toFixed(0)} MB`);

    const first = await timed(() => log.tail(200));
    const warm: number[] = [];
    for (let i = 0; i < 7; i++) warm.push((await timed(() => log.tail(200))).ms);
    const filtered: number[] = [];
    for (let i = 0; i < 7; i++) filtered.push((await timed(() => log.tail(200, { promptPath: PROMPTS[2] }))).ms);
    const tokens: number[] = [];
    for (let i = 0; i < 7; i++) tokens.push((await timed(() => log.outputTokensFor(PROMPTS[1], { limit: 50 }))).ms);
    const scan = await timed(async () => {
      let n = 0;
      for await (const _ of log.read()) n++;
      return n;
    });

    console.log(`tail(200) first call: ${first.ms.toFixed(1)} ms (${first.value.length} records)`);
    console.log(`tail(200) warm median: ${median(warm).toFixed(1)} ms   target ≤ 100 ms: ${median(warm) <= 100 ? 'met' : 'MISSED'}`);
    console.log(`tail(200, promptPath) warm median: ${median(filtered).toFixed(1)} ms`);
    console.log(`outputTokensFor(limit 50) warm median: ${median(tokens).toFixed(1)} ms`);
    console.log(`full forward scan (read()): ${scan.ms.toFixed(0)} ms for ${scan.value.toLocaleString('en')} records`);
    console.log(`ratio tail(200) / full scan: ${(median(warm) / scan.ms).toFixed(5)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
