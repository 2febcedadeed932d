import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { createAnthropicProvider } from '../../src/core/providers/anthropic';
import type { FakeAnswerRule } from '../support/fakeAnthropic';

describe('fake Anthropic server as a standalone process', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'promptops-fake-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints its URL first, answers by the rules file, and stops on SIGTERM', async () => {
    const rules: FakeAnswerRule[] = [
      { userIncludes: 'refund', text: 'Refunds take five working days.' },
      { judge: true, json: { score: 0.8, reason: 'Mostly right.' } },
    ];
    const answers = path.join(dir, 'answers.json');
    await writeFile(answers, JSON.stringify(rules));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/fakeAnthropicMain.ts'), '--port', '0', '--latency-ms', '5', '--answers', answers], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [first] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const match = /^FAKE_ANTHROPIC_URL=(http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
      assert.ok(match, first);
      const provider = createAnthropicProvider({ apiKey: 'sk-ant-standalone-0123456789', baseURL: match[1] });
      const ask = (system: string, user: string) => provider.complete({ model: 'claude-haiku-4-5', system, messages: [{ role: 'user', content: user }], maxTokens: 300 });

      const support = await ask('You are a support agent.', 'How long does a refund take?');
      assert.ok(support.ok);
      assert.equal(support.response.text, 'Refunds take five working days.');

      const judged = await ask('You are an impartial judge grading an answer against a rubric.', 'Rubric: polite. Answer: Thanks!');
      assert.ok(judged.ok);
      assert.deepEqual(JSON.parse(judged.response.text), { score: 0.8, reason: 'Mostly right.' });

      const fallback = await ask('You are a support agent.', 'Where is my parcel?');
      assert.ok(fallback.ok);
      assert.equal(fallback.response.text, 'Fake answer to: Where is my parcel?');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });
});
