// History speed: `node --import tsx bench/history.ts [--commits 50] [--tests 20]`.
//
// 1. Reopening the history of a prompt with 50 commits × 20 tests, every version already evaluated
//    (what the history panel and `promptops history` do on open): list the versions from Git, then find
//    each version's stored run. Target ≤ 1 s. Printed against that target and against the bare
//    `git log --follow` it starts with (the floor no history view can go below).
// 2. The newest 200 traces of a 1,000,000-line trace log: runs `bench/traceTail.ts` (target ≤ 100 ms).
// Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { simpleGit } from 'simple-git';
import { DEFAULT_CONFIG } from '../src/core/config';
import { evaluateHistory, type HistoryOptions } from '../src/core/history/evaluateHistory';
import { listPromptVersions } from '../src/core/history/versions';
import { startFakeAnthropic } from '../test/support/fakeAnthropic';
import { createRepo } from '../test/support/gitRepo';
import { historyOptions, promptText, ruleResponder, testsYaml } from '../test/support/historyFixture';
import { median, timed } from './timing';

const FILE = 'prompts/support answer.prompt';
const TESTS_FILE = 'prompts/support answer.tests.yaml';
const ROUNDS = 7;

async function historyBench(commits: number, tests: number): Promise<void> {
  const rules = Array.from({ length: tests }, (_, i) => `r${String(i + 1).padStart(2, '0')}`);
  const fake = await startFakeAnthropic({ respond: ruleResponder() });
  const repo = await createRepo('promptops-bench-history-');
  try {
    const setup = await timed(async () => {
      for (let c = 0; c < commits; c++) {
        // Each version keeps a different subset of the rules, so versions score differently.
        const kept = rules.filter((_, j) => (j * 7 + c) % 5 !== 0);
        await repo.commit(`Revision ${c + 1}`, { [FILE]: promptText(kept, `Revision ${c + 1}.`), ...(c === 0 ? { [TESTS_FILE]: testsYaml(rules) } : {}) });
      }
    });
    const file = path.join(repo.root, FILE);
    const options = (versions: HistoryOptions['versions']): HistoryOptions => ({ ...historyOptions(repo.root, file, fake.url, versions), config: { ...DEFAULT_CONFIG, concurrency: 20 } });
    const firstRun = await timed(async () => evaluateHistory(options((await listPromptVersions(file)).versions)));
    console.log(
      `setup: ${commits} commits in ${(setup.ms / 1000).toFixed(1)} s; first evaluation of every version: ${firstRun.value.evaluated} runs, ` +
        `${fake.messageRequests().length} calls to the fake server in ${(firstRun.ms / 1000).toFixed(1)} s`,
    );

    const requests = fake.requests.length;
    const reopen = async () => {
      const list = await listPromptVersions(file);
      return evaluateHistory(options(list.versions));
    };
    const cold = await timed(reopen);
    const warm: number[] = [];
    for (let i = 0; i < ROUNDS; i++) warm.push((await timed(reopen)).ms);
    const listOnly: number[] = [];
    for (let i = 0; i < ROUNDS; i++) listOnly.push((await timed(() => listPromptVersions(file))).ms);
    const git = simpleGit(repo.root);
    const floor: number[] = [];
    for (let i = 0; i < ROUNDS; i++) floor.push((await timed(() => git.raw(['log', '--follow', '--format=%H', '--', FILE]))).ms);

    const reused = cold.value.reused;
    const newCalls = fake.requests.length - requests;
    const m = median(warm);
    console.log(`reopen history: ${commits} versions × ${tests} tests, ${reused}/${commits} reused, ${newCalls} new calls`);
    console.log(`  first reopen ${cold.ms.toFixed(0)} ms; median of ${ROUNDS} ${m.toFixed(0)} ms (target ≤ 1000 ms: ${(m / 1000).toFixed(2)}× the target)`);
    console.log(`  of which listing the versions (git log + ${commits} blobs read and hashed): median ${median(listOnly).toFixed(0)} ms`);
    console.log(`  baseline, bare \`git log --follow\`: median ${median(floor).toFixed(1)} ms (reopen = ${(m / median(floor)).toFixed(1)}× it)`);
  } finally {
    await fake.close();
    await repo.remove();
  }
}

async function traceBench(): Promise<void> {
  console.log('\ntrace log tail (bench/traceTail.ts):');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'traceTail.ts')], { stdio: 'inherit' });
  await once(child, 'exit');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { commits: { type: 'string', default: '50' }, tests: { type: 'string', default: '20' } } });
  await historyBench(Number(values.commits), Number(values.tests));
  await traceBench();
}

void main();
