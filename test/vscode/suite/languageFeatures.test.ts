import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, declaredTestIds, examplePrompt, waitFor } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

function labels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

describe('language features on prompts-example/support-answer.prompt', () => {
  let document: vscode.TextDocument;
  before(async () => {
    await activateExtension();
    document = await vscode.workspace.openTextDocument(examplePrompt('support-answer.prompt'));
    await vscode.window.showTextDocument(document);
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('has a CodeLens line with Run, Run tests (N), tokens and cost per call, and History', async () => {
    const expectedTests = (await declaredTestIds(document.uri.fsPath.replace(/\.prompt$/, '.tests.yaml'))).length;
    const titles = await waitFor('the token/cost CodeLens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      const found = lenses.map((l) => l.command?.title ?? '');
      return found.some((t) => /tokens/.test(t)) ? found : undefined;
    });
    assert.ok(titles.includes('▶ Run'), titles.join(' | '));
    assert.ok(titles.includes(`Run tests (${expectedTests})`), titles.join(' | '));
    assert.ok(titles.includes('History'), titles.join(' | '));
    const cost = titles.find((t) => /tokens/.test(t))!;
    assert.match(cost, /^≈?[\d,]+ tokens · ≤?\$\d+\.\d+\/call$/);
    assert.ok(Number(cost.replace(/^≈?([\d,]+).*/, '$1').replace(/,/g, '')) > 100, `a prompt this long has over 100 tokens: ${cost}`);
  });

  it('replaces the ≈ estimate with the exact count from the API once a key is set', async () => {
    await vscode.commands.executeCommand('promptops.setApiKey', 'sk-ant-test-exact-count');
    try {
      const exact = await waitFor('an exact token count in the CodeLens', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
        return lenses.map((l) => l.command?.title ?? '').find((t) => /^[\d,]+ tokens/.test(t));
      });
      assert.match(exact, /^[\d,]+ tokens · ≤?\$\d+\.\d+\/call$/);
    } finally {
      await vscode.commands.executeCommand('promptops.clearApiKey');
    }
  });

  it('shows a token hint at the end of each {{role}} marker line', async () => {
    const markerLines = [...document.getText().split('\n').entries()].filter(([, text]) => /\{\{role /.test(text)).map(([line]) => line);
    assert.ok(markerLines.length >= 2);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const hints = await waitFor('token hints', async () => {
      const found = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, whole);
      return found.length ? found : undefined;
    });
    const ours = hints.filter((h) => /tokens$/.test(typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.deepEqual(
      ours.map((h) => h.position.line),
      markerLines,
    );
    for (const h of ours) {
      assert.match(String(h.label), /^≈[\d,]+ tokens$/);
      assert.equal(h.position.character, document.lineAt(h.position.line).text.length);
    }
  });

  it('keeps the hints of a 100 KB prompt current while it is being typed in', async () => {
    const paragraph = 'Answer the customer in plain words, quote order numbers exactly and never invent dates. '.repeat(20);
    let text = '---\nmodel: claude-sonnet-4-5\n---\n{{role "system"}}\n';
    while (text.length < 100 * 1024) text += `${paragraph}\n`;
    text += '{{role "user"}}\nHello\n';
    const big = await vscode.workspace.openTextDocument({ language: 'promptops-prompt', content: text });
    await vscode.window.showTextDocument(big);
    const whole = () => new vscode.Range(0, 0, big.lineCount, 0);
    const systemHint = async () => {
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', big.uri, whole());
      const first = hints.find((h) => h.position.line === 3);
      return first ? Number(String(first.label).replace(/[^\d]/g, '')) : undefined;
    };
    const before = await waitFor('the hint of the 100 KB system block', systemHint);
    assert.ok(before > 15_000, `a 100 KB block has many tokens: ${before}`);
    for (let i = 0; i < 20; i++) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(big.uri, new vscode.Position(4, 0), `Typed line ${i} adds a few more words to the system message.\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    const after = await waitFor('the hint to count the typed lines', async () => {
      const n = await systemHint();
      return n !== undefined && n > before + 100 ? n : undefined;
    });
    assert.ok(after > before);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('completes input variables inside {{ }} and model ids after model:', async () => {
    const scratch = await vscode.workspace.openTextDocument({ language: 'promptops-prompt', content: `${document.getText()}\nAlso: {{cus` });
    const end = scratch.lineAt(scratch.lineCount - 1).range.end;
    const vars = labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', scratch.uri, end));
    for (const name of ['customer_name', 'plan', 'message']) assert.ok(vars.includes(name), `${name} in ${vars.join(', ')}`);

    const modelLine = [...scratch.getText().split('\n').entries()].find(([, t]) => t.startsWith('model:'))![0];
    const afterKey = new vscode.Position(modelLine, 'model: '.length);
    const models = labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', scratch.uri, afterKey));
    assert.ok(models.includes('claude-sonnet-4-5'), models.slice(0, 20).join(', '));
  });

  it('hovers a variable with its type and test values, a {{role}} marker with its rendered message, and model: with its prices', async () => {
    const text = document.getText();
    const body = text.indexOf('{{customer_name}}');
    assert.ok(body > 0);
    const onVar = document.positionAt(body + 4);
    const varHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, onVar));
    assert.match(varHover, /customer_name/);
    assert.match(varHover, /string/);
    assert.match(varHover, /Priya Raman/);

    const onUserMarker = document.positionAt(text.indexOf('{{role "user"}}') + 3);
    const preview = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, onUserMarker));
    assert.match(preview, /\*\*user\*\* message rendered with test `refund-annual-in-window`/);
    assert.match(preview, /Customer: Priya Raman \(plan: Business\)/);

    const onModel = document.positionAt(text.indexOf('claude-sonnet-4-5') + 3);
    const modelHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, onModel));
    assert.match(modelHover, /per million tokens/);
    assert.match(modelHover, /\$3\.00/);
  });
});
