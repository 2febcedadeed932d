import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { examplePrompt, filesUnder, useTestApiKey, workspaceRoot } from './helpers';

describe('API key', () => {
  const key = useTestApiKey();

  it('set through the command, is used for calls and appears nowhere in .promptops/ or the settings', async () => {
    const prompt = examplePrompt('summarize.prompt');
    const run = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('promptops.runPrompt', prompt, { vars: {} });
    const tests = await vscode.commands.executeCommand<unknown[]>('promptops.internal.runTests', [prompt.toString()]);
    assert.ok(run.ok || tests.length > 0, 'something was run with the key');

    const files = await filesUnder(path.join(workspaceRoot(), '.promptops'));
    assert.ok(files.length > 0, '.promptops/ was written');
    for (const file of files) {
      const bytes = await fs.readFile(file);
      assert.equal(bytes.includes(key.value), false, `${file} contains the API key`);
    }
    const settings = JSON.stringify(vscode.workspace.getConfiguration('promptops'));
    assert.equal(settings.includes(key.value), false);
  });
});
