import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, workspaceRoot } from './helpers';

describe('activation', () => {
  it('activates and registers every command it contributes', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 8, `only ${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);

    // The first call loads the features (if they were not yet) and reaches the real command behind the stand-in.
    const listed = await vscode.commands.executeCommand<unknown[]>('promptops.internal.listTests');
    assert.ok(Array.isArray(listed) && listed.length >= 3, 'the Testing view lists the example prompts');
    const afterLoad = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !afterLoad.has(c)), [], 'every command is still registered once the features are loaded');
  });

  it('shows a failing command\'s error to the user and resolves, instead of rejecting into the workbench', async () => {
    await activateExtension();
    const missing = vscode.Uri.file(path.join(workspaceRoot(), 'no-such-file.prompt'));
    await assert.rejects(Promise.resolve(vscode.window.showTextDocument(missing)), 'opening a missing file throws');
    assert.equal(await vscode.commands.executeCommand('promptops.openPrompt', missing), undefined);
  });

  it('opens .prompt files in its own language', async () => {
    await activateExtension();
    const [uri] = await vscode.workspace.findFiles('*.prompt', undefined, 1);
    assert.ok(uri, 'prompts-example has a .prompt file');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'promptops-prompt');
  });
});
