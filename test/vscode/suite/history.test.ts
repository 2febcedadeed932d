import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HostToView } from '../../../src/shared/historyProtocol';
import { createPromptHistory, historyPromptText, HISTORY_VERSIONS } from '../../support/promptHistoryRepo';
import { activateExtension, useScratchFolder, useTestApiKey, waitFor, workspaceRoot } from './helpers';

type Posted = { [K in HostToView['type']]?: Extract<HostToView, { type: K }> };

interface HistoryState {
  promptPath?: string;
  posted: Posted;
}

async function historyState(): Promise<HistoryState> {
  return vscode.commands.executeCommand<HistoryState>('promptops.internal.historyState');
}

describe('Eval history panel', () => {
  useTestApiKey();
  const scratch = useScratchFolder();
  /** Commit shas, oldest first, one per HISTORY_VERSIONS entry. */
  const commits: string[] = [];
  let prompt: vscode.Uri;

  before(async () => {
    await activateExtension();
    const created = await createPromptHistory(scratch.dir);
    commits.push(...created.commits);
    prompt = vscode.Uri.file(created.promptFile);
    // The panel follows the active editor; showing it resolves the webview, which asks the host for history.
    await vscode.commands.executeCommand('promptops.showHistory', prompt);
    // Well under the budget (9 tiny calls against maxCostUsd 0.50): a budget modal would block this call.
    await vscode.commands.executeCommand('promptops.runHistory', prompt);
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('after Run history, sends the panel every version newest first with its score and the newest run', async () => {
    const history = await waitFor('the panel to be sent the evaluated history', async () => {
      const posted = (await historyState()).posted.history;
      return posted?.versions.every((v) => v.evaluated) ? posted : undefined;
    });
    assert.equal(history.file, path.relative(workspaceRoot(), prompt.fsPath).split(path.sep).join('/'));
    const expected = HISTORY_VERSIONS.map((v, i) => ({ ...v, commit: commits[i] })).reverse();
    assert.deepEqual(
      history.versions.map((v) => [v.commit, v.subject]),
      expected.map((v) => [v.commit, v.subject]),
      'the three commits, newest first, and no working copy (it equals HEAD)',
    );
    for (const [i, v] of history.versions.entries()) {
      assert.ok(Math.abs((v.meanScore ?? -1) - expected[i].score) < 1e-9, `${v.shortSha} ${v.subject}: mean score ${v.meanScore}, expected ${expected[i].score}`);
      assert.equal(v.tests, 3, `${v.shortSha} ran the three tests`);
    }
    assert.deepEqual(history.latest.map((r) => [r.id, r.pass]).sort(), [['asks-to-say', false], ['is-kind', true], ['says-the-word', false]], 'the newest run per test');
    assert.match(history.latest.find((r) => r.id === 'is-kind')?.output ?? '', /^Fake answer to: Kindly repeat nothing\./);
  });

  it('compares two versions: the per-test diff, regressions first, and the diff editor on both texts', async () => {
    const [, kinder, dropped] = commits;
    await vscode.commands.executeCommand('promptops.internal.compareVersions', kinder, dropped);

    const diff = (await historyState()).posted.diff;
    assert.ok(diff, 'the host posted a diff');
    assert.equal(diff.summary.before, kinder.slice(0, diff.summary.before.length));
    assert.equal(diff.summary.after, dropped.slice(0, diff.summary.after.length));
    assert.ok(Math.abs(diff.summary.meanDelta - (1 / 3 - 1)) < 1e-9, `mean change ${diff.summary.meanDelta}`);
    assert.deepEqual(
      diff.rows.map((r) => [r.id, r.before, r.after, r.flip]),
      [
        ['asks-to-say', 1, 0, 'pass-to-fail'],
        ['says-the-word', 1, 0, 'pass-to-fail'],
        ['is-kind', 1, 1, undefined],
      ],
    );
    assert.equal(diff.rows.find((r) => r.id === 'is-kind')?.verdict, 'unchanged');

    const tab = await waitFor('a diff editor tab on the two versions', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => t.input)
        .find((input): input is vscode.TabInputTextDiff => input instanceof vscode.TabInputTextDiff && input.original.scheme === 'promptops-version'),
    );
    assert.equal(tab.original.query, kinder);
    assert.equal(tab.modified.query, dropped);
    const [before, after] = await Promise.all([vscode.workspace.openTextDocument(tab.original), vscode.workspace.openTextDocument(tab.modified)]);
    assert.equal(before.getText(), historyPromptText(HISTORY_VERSIONS[1].body));
    assert.equal(after.getText(), historyPromptText(HISTORY_VERSIONS[2].body));
  });
});
