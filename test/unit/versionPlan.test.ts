// planVersion on the working copy (no git needed): it renders each test as an eval's plan does.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { planVersion } from '../../src/core/history/versionPlan';
import { WORKING, type PromptVersion } from '../../src/core/history/versions';
import { buildPlan } from '../../src/core/runPlan';
import { makeWorkspace } from '../support/evalWorkspace';

const PROMPT = ['---', 'model: anthropic/claude-haiku-4-5', 'input:', '  schema:', '    count: integer', '---', 'Count to {{count}}.', ''].join('\n');

function working(file: string): PromptVersion {
  return { commit: WORKING, shortSha: WORKING, date: new Date(0).toISOString(), author: '', subject: '', path: file, hash: 'h' };
}

async function planBoth(tests: string) {
  const root = await makeWorkspace({ 'c.prompt': PROMPT, 'c.tests.yaml': tests });
  try {
    const promptPath = path.join(root, 'c.prompt');
    const text = await readFile(promptPath, 'utf8');
    const version = await planVersion(working(promptPath), { ok: true, text }, { promptPath, workspaceRoot: root, config: DEFAULT_CONFIG, testsAt: 'today' });
    const plan = await buildPlan({ workspaceRoot: root, paths: [promptPath], config: DEFAULT_CONFIG });
    return { version, plan };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe('planVersion', () => {
  it('renders the same requests as an eval plan of the same files', async () => {
    const { version, plan } = await planBoth('tests:\n  - id: three\n    vars: { count: 3 }\n  - id: five\n    vars: { count: 5 }\n');
    assert.ok(version.ok);
    assert.deepEqual(
      version.planned.cases.map((c) => [c.test.id, c.request]),
      plan.prompts[0].cases.map((c) => [c.test.id, c.request]),
    );
    assert.match(JSON.stringify(version.planned.cases[1].request.messages), /Count to 5\./);
  });

  it('reports a test whose vars do not fit the input schema as the eval does, naming the test', async () => {
    const { version, plan } = await planBoth('tests:\n  - id: many\n    vars: { count: lots }\n');
    assert.ok(!version.ok);
    assert.equal(version.status, 'invalid');
    assert.deepEqual(version.problems.map((p) => p.code), ['invalid-variable']);
    assert.match(version.problems[0].message, /test "many"/);
    assert.deepEqual(version.problems, plan.problems.filter((p) => p.code === 'invalid-variable'));
  });
});
