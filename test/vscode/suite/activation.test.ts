import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

describe('activation', () => {
  it('activates and registers every command it contributes', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 8, `only ${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('opens .prompt files in its own language', async () => {
    await activateExtension();
    const [uri] = await vscode.workspace.findFiles('*.prompt', undefined, 1);
    assert.ok(uri, 'prompts-example has a .prompt file');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'promptops-prompt');
  });
});
