// estimatePlan over a real plan built from files in a temp workspace (no calls: offline token estimates).
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { estimatePlan } from '../../src/core/planEstimate';
import { buildPlan } from '../../src/core/runPlan';
import { storePaths } from '../../src/core/store/storeDir';
import { TraceLog } from '../../src/core/store/traceLog';
import { makeWorkspace, questionPrompt, questionTests } from '../support/evalWorkspace';

async function judgeEstimate(question: string) {
  const root = await makeWorkspace({
    'q.prompt': questionPrompt(),
    'q.tests.yaml': questionTests([{ id: 'judged', question, assert: ['- type: llm-judge', '  value: answers the question politely'] }]),
  });
  try {
    const plan = await buildPlan({ workspaceRoot: root, paths: [root], config: DEFAULT_CONFIG });
    assert.deepEqual(plan.problems.filter((p) => p.severity === 'error'), []);
    return await estimatePlan(plan, { config: DEFAULT_CONFIG, repeat: 1, traceLog: new TraceLog(storePaths(root).traces) });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe('estimatePlan', () => {
  it("counts the test's variables in the judge input, as the judge request shows them", async () => {
    const short = await judgeEstimate('Why?');
    const long = await judgeEstimate(`Why ${'is the sky blue and the grass green '.repeat(200)}?`);
    assert.equal(short.judgeCalls, 1);
    assert.equal(long.judgeCalls, 1);
    assert.ok(short.judgeUsd !== null && long.judgeUsd !== null);
    assert.ok(long.judgeUsd > short.judgeUsd, `judge estimate ${long.judgeUsd} should exceed ${short.judgeUsd}`);
  });
});
