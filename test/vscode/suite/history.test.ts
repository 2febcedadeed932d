import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { HostToView } from '../../../src/shared/historyProtocol';
import { activateExtension, useScratchFolder, useTestApiKey, waitFor, workspaceRoot } from './helpers';

type Posted = { [K in HostToView['type']]?: Extract<HostToView, { type: K }> };

interface HistoryState {
  promptPath?: string;
  posted: Posted;
}

// The fake server answers "Fake answer to: <the user message>", so each version's score is certain:
// draft 2/3, kinder 3/3, dropped 1/3.
const TESTS = [
  'tests:',
  '  - id: says-the-word',
  '    vars: { word: pineapple }',
  '    assert: [{ type: contains, value: pineapple }]',
  '  - id: is-kind',
  '    vars: { word: pineapple }',
  '    assert: [{ type: contains, value: Kindly }]',
  '  - id: asks-to-say',
  '    vars: { word: pineapple }',
  '    assert: [{ type: contains, value: say }]',
  '',
].join('\n');

const VERSIONS = [
  { subject: 'First draft', body: 'Please say {{word}}.', score: 2 / 3 },
  { subject: 'Kinder wording', body: 'Kindly say {{word}}.', score: 1 },
  { subject: 'Drop the word', body: 'Kindly repeat nothing.', score: 1 / 3 },
];

function promptText(body: string): string {
  return ['---', 'model: claude-haiku-4-5', 'config:', '  maxOutputTokens: 64', 'input:', '  schema:', '    word: string', '---', body, ''].join('\n');
}

async function historyState(): Promise<HistoryState> {
  return vscode.commands.executeCommand<HistoryState>('promptops.internal.historyState');
}

describe('Eval history panel', () => {
  useTestApiKey();
  const scratch = useScratchFolder();
  /** Commit shas, oldest first, matching VERSIONS. */
  const commits: string[] = [];
  let prompt: vscode.Uri;

  before(async () => {
    await activateExtension();
    // A repository of its own inside the workspace, with one commit per version and fixed dates.
    const git = async (args: string[], date?: string) =>
      (await promisify(execFile)('git', args, { cwd: scratch.dir, env: { ...process.env, ...(date && { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }) } })).stdout.trim();
    await git(['init', '--quiet', '--initial-branch=main']);
    await git(['config', 'user.name', 'History Suite']);
    await git(['config', 'user.email', 'history-suite@promptops.invalid']);
    const promptFile = path.join(scratch.dir, 'greeting.prompt');
    await fs.writeFile(path.join(scratch.dir, 'greeting.tests.yaml'), TESTS);
    for (const [i, v] of VERSIONS.entries()) {
      await fs.writeFile(promptFile, promptText(v.body));
      await git(['add', '--all']);
      await git(['commit', '--quiet', '--message', v.subject], `2026-01-0${i + 1}T10:00:00Z`);
      commits.push(await git(['rev-parse', 'HEAD']));
    }
    prompt = vscode.Uri.file(promptFile);
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('runs the history of a prompt through Run history and lists every version newest first with its score', async () => {
    // The panel follows the active editor; showing it resolves the webview, which asks the host for history.
    await vscode.commands.executeCommand('promptops.showHistory', prompt);
    // Well under the budget (9 tiny calls against maxCostUsd 0.50): a budget modal would block this call.
    await vscode.commands.executeCommand('promptops.runHistory', prompt);

    const history = await waitFor('the panel to be sent the evaluated history', async () => {
      const posted = (await historyState()).posted.history;
      return posted?.versions.every((v) => v.evaluated) ? posted : undefined;
    });
    assert.equal(history.file, path.relative(workspaceRoot(), prompt.fsPath).split(path.sep).join('/'));
    assert.deepEqual(
      history.versions.map((v) => [v.commit, v.subject]),
      [...commits].reverse().map((c, i) => [c, VERSIONS[VERSIONS.length - 1 - i].subject]),
      'the three commits, newest first, and no working copy (it equals HEAD)',
    );
    for (const v of history.versions) {
      const expected = VERSIONS.find((x) => x.subject === v.subject)!;
      assert.ok(Math.abs((v.meanScore ?? -1) - expected.score) < 1e-9, `${v.shortSha} ${v.subject}: mean score ${v.meanScore}, expected ${expected.score}`);
      assert.equal(v.tests, 3, `${v.shortSha} ran the three tests`);
    }
    assert.deepEqual(history.latest.map((r) => [r.id, r.pass]).sort(), [['asks-to-say', false], ['is-kind', true], ['says-the-word', false]], 'the newest run per test');
    assert.equal(history.latest.find((r) => r.id === 'is-kind')?.output, 'Fake answer to: Kindly repeat nothing.');
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
    assert.equal(before.getText(), promptText(VERSIONS[1].body));
    assert.equal(after.getText(), promptText(VERSIONS[2].body));
  });
});
