// The fake server's answers for prompts-example: the hand-written samples in prompts-example/sample-answers.json,
// matched to each test by its rendered user message, and the judge verdicts matched by the judged answer.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProjectConfig } from '../../src/core/config';
import { buildPlan } from '../../src/core/runPlan';
import type { FakeAnswerRule } from './fakeAnthropic';

interface Sample {
  answer: string;
  judge?: { score: number; reason: string };
}

/** Rules for `startFakeAnthropic({ respond: responderFromRules(rules) })` or `fakeAnthropic.js --answers`. */
export async function sampleAnswerRules(examplesDir: string): Promise<FakeAnswerRule[]> {
  const samples = JSON.parse(await readFile(path.join(examplesDir, 'sample-answers.json'), 'utf8')) as Record<string, Sample | string>;
  const { config } = await loadProjectConfig(examplesDir);
  const plan = await buildPlan({ workspaceRoot: examplesDir, paths: [examplesDir], config });
  const errors = plan.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`prompts-example has problems:\n${errors.map((p) => `${p.file}:${p.range.start.line}: ${p.message}`).join('\n')}`);
  const judged: FakeAnswerRule[] = [];
  const answered: FakeAnswerRule[] = [];
  const missing: string[] = [];
  for (const planned of plan.prompts) {
    for (const { test, request } of planned.cases) {
      const id = `${planned.prompt.name}/${test.id}`;
      const sample = samples[id];
      if (!sample || typeof sample === 'string') {
        missing.push(id);
        continue;
      }
      answered.push({ judge: false, userIncludes: request.messages.at(-1)?.content ?? '', text: sample.answer });
      if (sample.judge) judged.push({ judge: true, userIncludes: sample.answer, json: sample.judge });
    }
  }
  if (missing.length) throw new Error(`No sample answer in sample-answers.json for: ${missing.join(', ')}`);
  // The first matching rule answers, and one test's user message can contain another's (an empty variable):
  // the longest, most specific message goes first.
  answered.sort((a, b) => (b.userIncludes?.length ?? 0) - (a.userIncludes?.length ?? 0));
  return [...judged, ...answered];
}
