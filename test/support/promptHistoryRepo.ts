// A prompt with a Git history whose scores against the fake Anthropic server are known in advance: the
// fake answers "Fake answer to: <the user message>", so each version passes the tests its text contains.
// Shared by the eval-history suite in VS Code and the history panel's UI check.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

export const HISTORY_PROMPT = 'greeting.prompt';

/** Oldest first; `score` is the mean over the three tests of HISTORY_TESTS. */
export const HISTORY_VERSIONS = [
  { subject: 'First draft', body: 'Please say {{word}}.', score: 2 / 3 },
  { subject: 'Kinder wording', body: 'Kindly say {{word}}.', score: 1 },
  { subject: 'Drop the word', body: 'Kindly repeat nothing.', score: 1 / 3 },
];

const HISTORY_TESTS = [
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

/** A small output limit keeps the estimate of all versions far below the example's 0.50 USD budget. */
export function historyPromptText(body: string): string {
  return ['---', 'model: claude-haiku-4-5', 'config:', '  maxOutputTokens: 64', 'input:', '  schema:', '    word: string', '---', body, ''].join('\n');
}

/**
 * Makes `dir` a Git repository of its own (user set in its local config) holding the prompt and its
 * tests, one commit per version on fixed dates. Returns the prompt's path and the shas, oldest first.
 */
export async function createPromptHistory(dir: string): Promise<{ promptFile: string; commits: string[] }> {
  const git = async (args: string[], date?: string) => {
    const env = date ? { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : process.env;
    return (await promisify(execFile)('git', args, { cwd: dir, env })).stdout.trim();
  };
  await fs.mkdir(dir, { recursive: true });
  await git(['init', '--quiet', '--initial-branch=main']);
  await git(['config', 'user.name', 'History Fixture']);
  await git(['config', 'user.email', 'history-fixture@promptops.invalid']);
  const promptFile = path.join(dir, HISTORY_PROMPT);
  await fs.writeFile(path.join(dir, HISTORY_PROMPT.replace(/\.prompt$/, '.tests.yaml')), HISTORY_TESTS);
  const commits: string[] = [];
  for (const [i, version] of HISTORY_VERSIONS.entries()) {
    await fs.writeFile(promptFile, historyPromptText(version.body));
    await git(['add', '--all']);
    await git(['commit', '--quiet', '--message', version.subject], `2026-01-0${i + 1}T10:00:00Z`);
    commits.push(await git(['rev-parse', 'HEAD']));
  }
  return { promptFile, commits };
}
