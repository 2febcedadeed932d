import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, declaredTestIds, useScratchFolder, useTestApiKey, workspaceRoot } from './helpers';

interface Listed {
  prompt: string;
  tests: { id: string; file: string; line: number }[];
}

interface Outcome {
  id: string;
  promptPath: string;
  state: 'passed' | 'failed' | 'errored' | 'skipped';
  score?: number;
  messages: string[];
}

// The fake Anthropic server answers "Fake answer to: <the user message>", so these outcomes are certain.
const ECHO_PROMPT = ['---', 'model: claude-haiku-4-5', 'input:', '  schema:', '    word: string', '---', 'Please repeat the word {{word}}.', ''].join('\n');
const ECHO_TESTS = [
  'tests:',
  '  - id: echoes-the-word',
  '    vars: { word: pineapple }',
  '    assert:',
  '      - type: contains',
  '        value: pineapple',
  '  - id: expects-another-answer',
  '    vars: { word: pineapple }',
  '    assert:',
  '      - type: equals',
  '        value: banana',
  '',
].join('\n');

describe('Testing view', () => {
  useTestApiKey();
  const scratch = useScratchFolder();
  before(activateExtension);

  it('discovers every test id of prompts-example, on its id: line', async () => {
    const listed = await vscode.commands.executeCommand<Listed[]>('promptops.internal.listTests');
    const root = workspaceRoot();
    const prompts = (await fs.readdir(root)).filter((f) => f.endsWith('.prompt'));
    assert.ok(prompts.length >= 3, `prompts-example has ${prompts.length} prompts`);
    for (const name of prompts) {
      const promptPath = path.join(root, name);
      const testsFile = promptPath.replace(/\.prompt$/, '.tests.yaml');
      const declared = await declaredTestIds(testsFile);
      const entry = listed.find((l) => l.prompt === promptPath);
      assert.ok(entry, `${name} is in the Testing view`);
      const inYaml = entry.tests.filter((t) => t.file === testsFile);
      assert.deepEqual(inYaml.map((t) => t.id).sort(), [...declared].sort(), name);
      const lines = (await fs.readFile(testsFile, 'utf8')).split('\n');
      for (const t of inYaml) assert.match(lines[t.line], new RegExp(`id:\\s*["']?${t.id}`), `${name} ${t.id} is located on its id: line`);
    }
  });

  it('runs tests through the fake API: a pass and a failure with its expected/actual message', async () => {
    const promptFile = path.join(scratch.dir, 'echo.prompt');
    await fs.writeFile(promptFile, ECHO_PROMPT);
    await fs.writeFile(path.join(scratch.dir, 'echo.tests.yaml'), ECHO_TESTS);
    const outcomes = await vscode.commands.executeCommand<Outcome[]>('promptops.internal.runTests', [vscode.Uri.file(promptFile).toString()]);
    const byId = new Map(outcomes.map((o) => [o.id, o]));
    assert.equal(byId.get('echoes-the-word')?.state, 'passed', JSON.stringify(outcomes));
    const failed = byId.get('expects-another-answer');
    assert.equal(failed?.state, 'failed', JSON.stringify(outcomes));
    assert.ok(failed.messages.some((m) => /equals/.test(m)), failed.messages.join(' | '));
    assert.ok(failed.messages.some((m) => /below threshold/.test(m)), failed.messages.join(' | '));

    const runs = await fs.readdir(path.join(workspaceRoot(), '.promptops', 'runs'));
    assert.ok(runs.length > 0, 'the run wrote a record');
  });

  it('runs with repeats: every test runs that many times and is reported once', async () => {
    const promptFile = path.join(scratch.dir, 'repeat.prompt');
    await fs.writeFile(promptFile, ECHO_PROMPT);
    await fs.writeFile(path.join(scratch.dir, 'repeat.tests.yaml'), ECHO_TESTS);
    const outcomes = await vscode.commands.executeCommand<Outcome[]>('promptops.internal.runTests', [vscode.Uri.file(promptFile).toString()], 3);
    assert.deepEqual(outcomes.map((o) => `${o.id}:${o.state}`).sort(), ['echoes-the-word:passed', 'expects-another-answer:failed']);
    const failed = outcomes.find((o) => o.state === 'failed')!;
    assert.ok(failed.messages.some((m) => m.startsWith('0/3 repeats passed')), failed.messages.join(' | '));

    const runsDir = path.join(workspaceRoot(), '.promptops', 'runs');
    const records = await Promise.all((await fs.readdir(runsDir)).map((f) => fs.readFile(path.join(runsDir, f), 'utf8')));
    const header = records
      .map((text) => JSON.parse(text.split('\n')[0]) as { run: { prompt: { path: string }; repeat: number } })
      .find((line) => line.run.prompt.path.endsWith('/repeat.prompt'));
    assert.equal(header?.run.repeat, 3);
  });

  it('does not run the tests of a prompt with errors, and says why on each test', async () => {
    const promptFile = path.join(scratch.dir, 'broken.prompt');
    await fs.writeFile(promptFile, ECHO_PROMPT.replace('{{word}}', '{{word}} {{undeclared}}'));
    await fs.writeFile(path.join(scratch.dir, 'broken.tests.yaml'), ECHO_TESTS);
    const outcomes = await vscode.commands.executeCommand<Outcome[]>('promptops.internal.runTests', [vscode.Uri.file(promptFile).toString()]);
    assert.equal(outcomes.length, 2);
    for (const o of outcomes) {
      assert.equal(o.state, 'errored', JSON.stringify(o));
      assert.match(o.messages.join(' '), /undeclared/);
    }
  });

  it('runs the example prompts end to end: every test gets a result', async () => {
    const outcomes = await vscode.commands.executeCommand<Outcome[]>('promptops.internal.runTests', [vscode.Uri.file(path.join(workspaceRoot(), 'summarize.prompt')).toString()]);
    const declared = await declaredTestIds(path.join(workspaceRoot(), 'summarize.tests.yaml'));
    assert.deepEqual(outcomes.map((o) => o.id).sort(), [...declared].sort());
    for (const o of outcomes) {
      assert.ok(o.state === 'passed' || o.state === 'failed', `${o.id}: ${o.state} ${o.messages.join(' | ')}`);
      if (o.state === 'failed') assert.ok(o.messages.length > 0, `${o.id} failed with a message`);
    }
  });
});
