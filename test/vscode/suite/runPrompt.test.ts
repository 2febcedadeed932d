import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { declaredTestIds, examplePrompt, filesUnder, useTestApiKey, waitFor, workspaceRoot } from './helpers';

interface RunResult {
  ok: boolean;
  message?: string;
  text?: string;
  traceId?: string;
  costUsd?: number | null;
  page?: string;
}

describe('Run Prompt', () => {
  useTestApiKey();
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('streams the answer into the run view, ends with tokens, cost, latency and trace id, and writes that trace', async () => {
    const uri = examplePrompt('support-answer.prompt');
    const [testId] = await declaredTestIds(uri.fsPath.replace(/\.prompt$/, '.tests.yaml'));
    const result = await vscode.commands.executeCommand<RunResult>('promptops.runPrompt', uri, { testId });
    assert.equal(result.ok, true, result.message);
    assert.match(result.text ?? '', /^Fake answer to: /);
    assert.match(result.traceId ?? '', /^[0-9a-f]{32}$/);

    const page = await waitFor('the run view to show the footer', () => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.page);
      return doc && doc.getText().includes(result.traceId!) ? doc.getText() : undefined;
    });
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
