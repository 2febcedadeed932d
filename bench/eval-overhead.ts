// What `promptops eval` costs on top of the model calls it makes.
//
//   npm run build && node --import tsx bench/eval-overhead.ts
//
// The fake Anthropic server runs as its own process. In the same run, for each server latency, the whole
// `node dist/cli.js eval` process (200 tests, concurrency 20, no cache: every test is a call) is timed against a
// plain @anthropic-ai/sdk script making the same 200 requests at the same concurrency, alternating, and the
// medians compared. Also: cold `promptops --version` and the eval's peak RSS (from /usr/bin/time).
// Targets: ratio ≤ 1.10 at 300 ms, ≤ 2.0 at 0 ms; --version ≤ 150 ms; peak RSS ≤ 120 MB.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG } from '../src/core/config';
import { buildPlan } from '../src/core/runPlan';
import type { LlmRequest } from '../src/core/types';
import { childEnv, CLI, REPO, startFakeProcess } from '../test/support/cliProcess';
import { median } from './timing';

const TESTS = 200;
const CONCURRENCY = 20;
const ROUNDS = 3;
const VERSION_RUNS = 15;
const KEY = 'sk-ant-bench-key-0123456789';

interface Timed {
  ms: number;
  maxRssKb: number;
  code: number | null;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'promptops-bench-'));
  try {
    const workspace = await writeWorkspace(dir);
    const requestsFile = path.join(dir, 'requests.json');
    await writeFile(requestsFile, JSON.stringify((await plannedRequests(workspace)).map(toApiParams)));
    const baseline = path.join(dir, 'baseline.cjs');
    await writeFile(baseline, baselineScript());

    const rows: string[][] = [];
    let peakRssKb = 0;
    for (const latency of [300, 0]) {
      const fake = await startFakeProcess(['--latency-ms', String(latency)]);
      const env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url };
      const sdk: number[] = [];
      const cli: number[] = [];
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const base = await timed([baseline, requestsFile, String(CONCURRENCY)], env, dir);
          const run = await timed([CLI, 'eval', workspace, '--concurrency', String(CONCURRENCY), '--no-cache', '--provider', 'anthropic'], env, dir);
          if (base.code !== 0 || run.code !== 0) throw new Error(`exit codes: sdk ${base.code}, eval ${run.code}`);
          sdk.push(base.ms);
          cli.push(run.ms);
          peakRssKb = Math.max(peakRssKb, run.maxRssKb);
        }
      } finally {
        await fake.stop();
      }
      const ratio = median(cli) / median(sdk);
      const target = latency === 300 ? 1.1 : 2.0;
      rows.push([`eval ${TESTS} tests @ ${latency} ms, c=${CONCURRENCY}`, `${fmt(median(cli))} ms vs SDK ${fmt(median(sdk))} ms`, `${ratio.toFixed(3)}×`, `≤ ${target.toFixed(2)}×`, ratio <= target ? 'ok' : 'MISSED']);
      // The workspace is fresh in the first round: the eval's estimate asks the API for every request's input tokens
      // (kept for later runs) before the first call. The medians above are of the runs after it.
      if (latency === 300) rows.push([`  its first run (tokens counted by the API first)`, `${fmt(cli[0])} ms vs SDK ${fmt(sdk[0])} ms`, `${(cli[0] / sdk[0]).toFixed(3)}×`, '', '']);
    }

    const version: number[] = [];
    const bareNode: number[] = [];
    for (let i = 0; i < VERSION_RUNS; i++) {
      version.push((await timed([CLI, '--version'], {}, dir)).ms);
      bareNode.push((await timed(['-e', '0'], {}, dir)).ms);
    }
    const v = median(version);
    rows.push(['cold `promptops --version` (median)', `${fmt(v)} ms (bare node: ${fmt(median(bareNode))} ms)`, '', '≤ 150 ms', v <= 150 ? 'ok' : 'MISSED']);
    const rssMb = peakRssKb / 1024;
    rows.push([`peak RSS of the ${TESTS}-test eval`, `${rssMb.toFixed(1)} MB`, '', '≤ 120 MB', rssMb <= 120 ? 'ok' : 'MISSED']);
    printTable(['measure', 'figure', 'ratio', 'target', ''], rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeWorkspace(dir: string): Promise<string> {
  const ws = path.join(dir, 'ws');
  await mkdir(ws, { recursive: true });
  await writeFile(
    path.join(ws, 'bench.prompt'),
    [
      '---',
      'model: anthropic/claude-haiku-4-5',
      'config:',
      '  maxOutputTokens: 64',
      'input:',
      '  schema:',
      '    n: integer',
      '    question: string',
      '---',
      '{{role "system"}}',
      'You answer support questions in one sentence.',
      '{{role "user"}}',
      'Question {{n}}: {{question}}',
      '',
    ].join('\n'),
  );
  const tests = Array.from({ length: TESTS }, (_, i) =>
    [`  - id: q${i}`, '    vars:', `      n: ${i}`, `      question: How do I export board number ${i} to CSV?`, '    assert:', '      - type: contains', '        value: Fake answer'].join('\n'),
  );
  await writeFile(path.join(ws, 'bench.tests.yaml'), `tests:\n${tests.join('\n')}\n`);
  return ws;
}

async function plannedRequests(workspace: string): Promise<LlmRequest[]> {
  const plan = await buildPlan({ workspaceRoot: workspace, paths: [workspace], config: DEFAULT_CONFIG });
  if (plan.problems.some((p) => p.severity === 'error')) throw new Error(JSON.stringify(plan.problems));
  return plan.prompts.flatMap((p) => p.cases.map((c) => c.request));
}

// The Messages API body the provider sends for a plain text prompt.
function toApiParams(r: LlmRequest): Record<string, unknown> {
  return { model: r.model, max_tokens: r.maxTokens, system: r.system, messages: r.messages, temperature: r.temperature };
}

function baselineScript(): string {
  return `const Anthropic = require(${JSON.stringify(path.join(REPO, 'node_modules', '@anthropic-ai', 'sdk'))}).default;
const requests = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
const concurrency = Number(process.argv[3]);
const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, baseURL: process.env.ANTHROPIC_BASE_URL, maxRetries: 0 });
let next = 0;
async function worker() {
  while (next < requests.length) {
    const body = requests[next++];
    await client.messages.create(body);
  }
}
Promise.all(Array.from({ length: concurrency }, worker)).then(() => console.log(requests.length + ' calls'));
`;
}

/** Wall time of a whole `node ARGS` process, spawn to exit, and its peak RSS from /usr/bin/time. */
async function timed(args: string[], env: Record<string, string>, dir: string): Promise<Timed> {
  const rssFile = path.join(dir, 'rss.txt');
  const start = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, ...args], { env: childEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  const ms = performance.now() - start;
  if (code !== 0) process.stderr.write(stderr);
  const maxRssKb = Number((await readFile(rssFile, 'utf8')).trim().split('\n').at(-1));
  return { ms, maxRssKb, code };
}

function fmt(ms: number): string {
  return ms.toFixed(0);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`eval-overhead: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
