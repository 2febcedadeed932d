import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { storePaths } from '../../../src/core/store/storeDir';
import { TraceLog } from '../../../src/core/store/traceLog';
import { findWorkspaceRoot } from '../../../src/core/workspaceRoot';
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic';
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

  it('writes its trace where the CLI would look, readable by the core TraceLog', async () => {
    const { result, testId } = await runFirstTest();
    const root = findWorkspaceRoot(examplePrompt('support-answer.prompt').fsPath);
    assert.equal(root, workspaceRoot(), 'the opened copy of prompts-example holds promptops.config.yaml');
    const [trace] = await new TraceLog(storePaths(root).traces).tail(1, { promptPath: 'support-answer.prompt', testId });
    assert.equal(trace?.trace_id, result.traceId);
  });

  it('uses the nearest promptops.config.yaml above a prompt as its root, and ANTHROPIC_BASE_URL over its baseURL, as the CLI does', async () => {
    const project = await fs.mkdtemp(path.join(os.tmpdir(), 'promptops-root-'));
    try {
      const prompts = path.join(project, 'prompts');
      await fs.mkdir(prompts);
      // Port 9 (discard) on loopback: the run succeeds only because ANTHROPIC_BASE_URL (the harness's fake API) wins over the file.
      await fs.writeFile(path.join(project, 'promptops.config.yaml'), 'baseURL: http://127.0.0.1:9\n');
      for (const name of ['support-answer.prompt', 'support-answer.tests.yaml']) await fs.copyFile(path.join(workspaceRoot(), name), path.join(prompts, name));
      const uri = vscode.Uri.file(path.join(prompts, 'support-answer.prompt'));
      const [testId] = await declaredTestIds(path.join(prompts, 'support-answer.tests.yaml'));
      const result = await vscode.commands.executeCommand<RunResult>('promptops.runPrompt', uri, { testId });
      assert.equal(result.ok, true, result.message);
      assert.equal(findWorkspaceRoot(uri.fsPath), project);
      const [trace] = await new TraceLog(storePaths(project).traces).tail(1, { promptPath: 'prompts/support-answer.prompt', testId });
      assert.equal(trace?.trace_id, result.traceId, 'the trace is in the project\'s .promptops/, not beside the prompt');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await fs.rm(project, { recursive: true, force: true });
    }
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

describe('Run Prompt, base URL', () => {
  useTestApiKey();
  let setting: FakeAnthropic;
  before(async () => {
    setting = await startFakeAnthropic();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('promptops').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await setting.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('calls the promptops.baseUrl setting over ANTHROPIC_BASE_URL', async () => {
    assert.ok(process.env.ANTHROPIC_BASE_URL, 'the harness points the extension at its fake API through the environment');
    await vscode.workspace.getConfiguration('promptops').update('baseUrl', setting.url, vscode.ConfigurationTarget.Global);
    await runFirstTest();
    assert.equal(setting.messageRequests().length, 1);
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
    assert.match(page, /recorded answers \(no API key set\)/);
    assert.match(page, /Recorded answer/);
  });
});
