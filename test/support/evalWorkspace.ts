// Temp workspaces with prompt and tests files, for runner and CLI tests.
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO } from './cliProcess';

/** Writes `files` (relative path → text) into a new temp folder and returns it. */
export async function makeWorkspace(files: Record<string, string>, prefix = 'promptops-ws-'): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

/** A copy of prompts-example (without any store left by a demo run) in a temp folder. */
export async function copyExamples(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'promptops-examples-'));
  await cp(path.join(REPO, 'prompts-example'), root, { recursive: true, filter: (src) => !src.includes('.promptops') });
  return root;
}

/** A prompt whose only variable is `question` (the user message). */
export function questionPrompt(model = 'claude-haiku-4-5'): string {
  return ['---', `model: anthropic/${model}`, 'config:', '  maxOutputTokens: 100', 'input:', '  schema:', '    question: string', '---', '{{role "system"}}', 'You answer briefly.', '{{role "user"}}', '{{question}}', ''].join('\n');
}

/** A tests file for `questionPrompt`: each test's question and assertion lines (YAML, one per line). */
export function questionTests(tests: { id: string; question: string; assert?: string[] }[]): string {
  const lines = ['tests:'];
  for (const t of tests) {
    lines.push(`  - id: ${t.id}`, '    vars:', `      question: ${JSON.stringify(t.question)}`);
    if (t.assert?.length) lines.push('    assert:', ...t.assert.map((a) => `      ${a}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Every file under `dir`, recursively, with its text. */
export async function readTree(dir: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    out.push({ file, text: await readFile(file, 'utf8') });
  }
  return out;
}
