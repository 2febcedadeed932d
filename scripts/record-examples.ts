// Regenerates prompts-example/*.recordings.jsonl, the answers `npm run demo` replays offline.
//
//   npm run record-examples     (= npm run build && node --import tsx scripts/record-examples.ts)
//
// The answers are hand-written (prompts-example/sample-answers.json, keyed by <prompt>/<test id>, with the
// verdicts of the llm-judge assertions), not model output. They still go through the real path: the fake
// Anthropic server answers each test's request with its sample answer, and `promptops eval --provider
// anthropic --record` records them exactly as it records a live run (request keys, judge calls, usage as the
// fake counts it: about one token per four characters). Each line is then marked
// `source: "hand-written sample answer"`, and the demo labels the output as recorded.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RecordingLine } from '../src/core/providers/recording';
import { CLI, REPO, startFakeProcess } from '../test/support/cliProcess';
import type { FakeAnswerRule } from '../test/support/fakeAnthropic';
import { sampleAnswerRules } from '../test/support/sampleAnswers';

const examples = path.join(REPO, 'prompts-example');
const NOTE = 'Hand-written sample answer from prompts-example/sample-answers.json, served by the fake Anthropic server (scripts/record-examples.ts); not real model output.';

async function main(): Promise<void> {
  const rules = await sampleAnswerRules(examples);

  const work = await mkdtemp(path.join(os.tmpdir(), 'promptops-record-'));
  const fake = await startFakeProcess(['--answers', await writeRules(work, rules)]);
  try {
    const copy = path.join(work, 'prompts-example');
    await cp(examples, copy, { recursive: true, filter: (src) => !src.includes('.promptops') && !src.endsWith('.recordings.jsonl') });
    const code = await run(process.execPath, [CLI, 'eval', copy, '--provider', 'anthropic', '--record'], {
      ...process.env,
      ANTHROPIC_API_KEY: 'sk-ant-fake-key-for-recording-examples',
      ANTHROPIC_BASE_URL: fake.url,
    });
    // 1 = some example tests fail, on purpose (the demo shows a failure with its reason).
    if (code !== 0 && code !== 1) throw new Error(`promptops eval exited with ${code}`);
    for (const name of (await readdir(copy)).filter((n) => n.endsWith('.recordings.jsonl'))) {
      const lines = (await readFile(path.join(copy, name), 'utf8')).split('\n').filter(Boolean);
      const marked = lines.map((l) => JSON.stringify({ ...(JSON.parse(l) as RecordingLine), source: 'hand-written sample answer', note: NOTE }));
      await writeFile(path.join(examples, name), `${marked.join('\n')}\n`);
      process.stdout.write(`wrote prompts-example/${name} (${marked.length} answers)\n`);
    }
  } finally {
    await fake.stop();
    await rm(work, { recursive: true, force: true });
  }
}

async function writeRules(dir: string, rules: FakeAnswerRule[]): Promise<string> {
  const file = path.join(dir, 'answers.json');
  await writeFile(file, JSON.stringify(rules, null, 2));
  return file;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`record-examples: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
