import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers';

const BROKEN_PROMPT = ['---', 'model: claude-nonexistent-9', 'input:', '  schema:', '    name: string', '---', 'Hello {{name}} and {{missing}}!', ''].join('\n');

const DUPLICATE_IDS = [
  'tests:',
  '  - id: same',
  '    vars: { name: a }',
  '    assert:',
  '      - type: contains',
  '        value: a',
  '  - id: same',
  '    vars: { name: b }',
  '    assert:',
  '      - type: contains',
  '        value: b',
  '',
].join('\n');

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'promptops');
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

describe('diagnostics', () => {
  let dir = '';
  before(async () => {
    await activateExtension();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'promptops-diagnostics-'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('puts the core\'s problems on the exact ranges of a broken prompt, and updates them as the file is edited', async () => {
    const file = path.join(dir, 'broken.prompt');
    await fs.writeFile(file, BROKEN_PROMPT);
    const uri = vscode.Uri.file(file);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);

    const initial = await waitFor('diagnostics on broken.prompt', () => {
      const found = ours(uri);
      return found.some((d) => codeOf(d) === 'missing-variable') && found.some((d) => codeOf(d) === 'unknown-model') ? found : undefined;
    });
    const model = initial.find((d) => codeOf(d) === 'unknown-model')!;
    assert.deepEqual([model.range.start.line, model.range.start.character, model.range.end.line, model.range.end.character], [1, 7, 1, 27]);
    assert.equal(model.severity, vscode.DiagnosticSeverity.Warning);
    const missing = initial.find((d) => codeOf(d) === 'missing-variable')!;
    assert.deepEqual([missing.range.start.line, missing.range.start.character, missing.range.end.line, missing.range.end.character], [6, 21, 6, 28]);
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing.message, /missing/);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(1, 7, 1, 27), 'claude-sonnet-4-5');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const afterEdit = await waitFor('the unknown-model warning to go after the edit', () => {
      const found = ours(uri);
      return found.some((d) => codeOf(d) === 'unknown-model') ? undefined : found;
    });
    assert.deepEqual(afterEdit.map(codeOf), ['missing-variable']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('reports a duplicate test id on its line in a *.tests.yaml', async () => {
    await fs.writeFile(path.join(dir, 'dup.prompt'), ['---', 'model: claude-sonnet-4-5', 'input:', '  schema:', '    name: string', '---', 'Hello {{name}}', ''].join('\n'));
    const file = path.join(dir, 'dup.tests.yaml');
    await fs.writeFile(file, DUPLICATE_IDS);
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const found = await waitFor('diagnostics on dup.tests.yaml', () => {
      const list = ours(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      return list.length ? list : undefined;
    });
    const duplicate = found.find((d) => /same/.test(d.message) || /duplicate/i.test(d.message));
    assert.ok(duplicate, `a diagnostic names the duplicate id: ${found.map((d) => d.message).join(' | ')}`);
    assert.equal(duplicate.range.start.line, 6);
  });
});
