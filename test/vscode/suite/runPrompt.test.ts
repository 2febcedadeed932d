import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { declaredTestIds, examplePrompt, filesUnder, useOwnFakeApi, useTestApiKey, waitFor, workspaceRoot } from './helpers';

interface RunResult {
  ok: boolean;
  message?: string;
  text?: string;
  traceId?: string;
  costUsd?: number | null;
  page?: string;
}

/** Runs support-answer.prompt with its first test's variables through the command. */
async function runFirstTest(): Promise<{ result: RunResult; testId: string }> {
  const uri = examplePrompt('support-answer.prompt');
  const [testId] = await declaredTestIds(uri.fsPath.replace(/\.prompt$/, '.tests.yaml'));
  const result = await vscode.commands.executeCommand<RunResult>('promptops.runPrompt', uri, { testId });
  assert.equal(result.ok, true, result.message);
  return { result, testId };
}

/** The run view's text once it ends with the footer (the page updates as the answer streams). */
function runPage(result: RunResult): Promise<string> {
  return waitFor('the run view to show the footer', () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.page);
    return doc && doc.getText().includes(result.traceId!) ? doc.getText() : undefined;
  });
}

describe('Run Prompt', () => {
  useTestApiKey();
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('streams the answer into the run view, ends with tokens, cost, latency and trace id, and writes that trace', async () => {
    const { result, testId } = await runFirstTest();
    assert.match(result.text ?? '', /^Fake answer to: /);
    assert.match(result.traceId ?? '', /^[0-9a-f]{32}$/);

    const page = await runPage(result);
    assert.match(page, /Fake answer to: /);
    assert.match(page, /tokens [\d,]+ in · [\d,]+ out · cost \$[\d.]+ · latency [\d,]+ ms · trace [0-9a-f]{32}/);

    const traces = (await filesUnder(path.join(workspaceRoot(), '.promptops', 'traces'))).filter((f) => f.endsWith('.jsonl'));
    const lines = (await Promise.all(traces.map((f) => fs.readFile(f, 'utf8')))).join('\n').split('\n').filter(Boolean);
    const trace = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.trace_id === result.traceId);
    assert.ok(trace, 'the trace is in .promptops/traces');
    assert.equal(trace['promptops.prompt.path'], 'support-answer.prompt');
    assert.equal(trace['promptops.test.id'], testId);
    assert.equal(trace['gen_ai.operation.name'], 'chat');
  });

  it('says plainly when the prompt cannot run', async () => {
    const uri = examplePrompt('support-answer.prompt');
    const result = await vscode.commands.executeCommand<RunResult>('promptops.runPrompt', uri, { testId: 'no-such-test' });
    assert.equal(result.ok, false);
    assert.equal(result.message, 'No test "no-such-test" in support-answer.tests.yaml.');
  });
});

describe('Run Prompt, cancelled', () => {
  useTestApiKey();
  // A server that never answers: the call waits until it is cancelled.
  const own = useOwnFakeApi();
  before(() => own.api.setResponder(() => ({ kind: 'hang' })));
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('stops the call when its run view is closed, and says so', async () => {
    const uri = examplePrompt('support-answer.prompt');
    const [testId] = await declaredTestIds(uri.fsPath.replace(/\.prompt$/, '.tests.yaml'));
    const running = vscode.commands.executeCommand<RunResult>('promptops.runPrompt', uri, { testId });
    await waitFor('the call to reach the API', () => (own.api.messageRequests().length ? true : undefined));
    const tab = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'promptops-run');
    assert.ok(tab, 'the run view is open');
    await vscode.window.tabGroups.close(tab);
    assert.deepEqual(await running, { ok: false, message: 'cancelled' });
  });
});

describe('Run Prompt without an API key', () => {
  // The extension host is this process: a key in its environment would be the fallback the extension uses.
  const envKey = process.env.ANTHROPIC_API_KEY;
  before(async () => {
    delete process.env.ANTHROPIC_API_KEY;
    await vscode.commands.executeCommand('promptops.clearApiKey');
  });
  after(async () => {
    if (envKey !== undefined) process.env.ANTHROPIC_API_KEY = envKey;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('answers from the recordings beside the prompt and labels the answer as recorded', async () => {
    const { result } = await runFirstTest();
    assert.doesNotMatch(result.text ?? '', /^Fake answer to: /);
    const page = await runPage(result);
    assert.match(page, /recorded sample answers/);
    assert.match(page, /Recorded answer/);
  });
});
