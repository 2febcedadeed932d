// Run alone (PROMPTOPS_SUITE=untrusted) in a window whose folder was never trusted: the harness starts
// code-server with Workspace Trust on (`runInCodeServer.ts --untrusted`). Prompts, diagnostics and offline
// estimates work; nothing runs, nothing reaches a model, and the UI says why.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, declaredTestIds, examplePrompt, filesUnder, useOwnFakeApi, useScratchFolder, useTestApiKey, waitFor, workspaceRoot } from './helpers';

interface Outcome {
  id: string;
  state: string;
  messages: string[];
}

describe('in an untrusted workspace', () => {
  // A key is set, so only the missing trust stands between these commands and a model call.
  useTestApiKey();
  const scratch = useScratchFolder();
  // Every call the extension could make would arrive here.
  const own = useOwnFakeApi();
  before(async () => {
    await activateExtension();
    assert.equal(vscode.workspace.isTrusted, false, 'the harness must open this suite\'s folder untrusted');
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('shows the offline estimate and why runs are disabled in the CodeLens, with no Run or Run tests', async () => {
    const uri = examplePrompt('support-answer.prompt');
    await vscode.window.showTextDocument(uri);
    const titles = await waitFor('the token/cost CodeLens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const found = lenses.map((l) => l.command?.title ?? '');
      return found.some((t) => /tokens/.test(t)) ? found : undefined;
    });
    assert.ok(titles.includes('$(shield) Runs disabled: untrusted workspace'), titles.join(' | '));
    assert.ok(!titles.some((t) => t === '▶ Run' || t.startsWith('Run tests')), titles.join(' | '));
    // With a key set, a trusted workspace replaces this with the API's count; here it stays offline.
    assert.match(titles.find((t) => /tokens/.test(t))!, /^≈[\d,]+ tokens · /);
    await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepEqual(own.api.requests.map((r) => r.path), [], 'no count_tokens call');
  });

  it('still puts the core\'s problems on a broken prompt, at their ranges', async () => {
    const file = path.join(scratch.dir, 'broken.prompt');
    await fs.writeFile(file, ['---', 'model: claude-haiku-4-5', 'input:', '  schema:', '    name: string', '---', 'Hello {{missing}}!', ''].join('\n'));
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(uri);
    const missing = await waitFor('the missing-variable error on broken.prompt', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === 'promptops' && d.code === 'missing-variable'),
    );
    assert.deepEqual([missing.range.start.line, missing.range.start.character, missing.range.end.line, missing.range.end.character], [6, 8, 6, 15]);
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
  });

  it('runs no prompt: Run Prompt answers why, calls no model and writes no trace', async () => {
    const uri = examplePrompt('support-answer.prompt');
    const [testId] = await declaredTestIds(uri.fsPath.replace(/\.prompt$/, '.tests.yaml'));
    const result = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('promptops.runPrompt', uri, { testId });
    assert.deepEqual(result, { ok: false, message: 'untrusted workspace' });
    assert.deepEqual(own.api.requests.map((r) => r.path), []);
    assert.deepEqual(await filesUnder(path.join(workspaceRoot(), '.promptops')), []);
  });

  it('runs no test: each is reported errored on its line with the reason, and .promptops/ stays empty', async () => {
    const uri = examplePrompt('support-answer.prompt');
    const declared = await declaredTestIds(uri.fsPath.replace(/\.prompt$/, '.tests.yaml'));
    const outcomes = await vscode.commands.executeCommand<Outcome[]>('promptops.internal.runTests', [uri.toString()]);
    assert.deepEqual(outcomes.map((o) => o.id).sort(), [...declared].sort());
    for (const o of outcomes) {
      assert.equal(o.state, 'errored', o.id);
      assert.match(o.messages.join('\n'), /runs no prompt or test in an untrusted workspace/, o.id);
    }
    assert.deepEqual(own.api.requests.map((r) => r.path), []);
    assert.deepEqual(await filesUnder(path.join(workspaceRoot(), '.promptops')), []);
  });
});
