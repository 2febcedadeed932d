import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isKnownModel } from './pricing';
import { PROMPT_EXTENSION, parsePrompt, type ParsePromptOptions } from './promptFile';
import { FILE_START, problem } from './problems';
import { parseTests, testsPathFor } from './testsFile';
import type { PromptFile, TestSuite } from './types';

export { promptPathFor, testsPathFor } from './testsFile';

// Folders that hold no prompts of the user's: dependencies, VCS data, our store, build output.
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.promptops', 'dist', 'dist-test', '.vscode-test']);

/** Every `*.prompt` under `root` (absolute paths, sorted), skipping dependency, VCS, store and build folders. */
export async function findPromptFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(
      entries.map((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? undefined : walk(full);
        if (e.isFile() && e.name.endsWith(PROMPT_EXTENSION)) found.push(full);
        return undefined;
      }),
    );
  };
  await walk(path.resolve(root));
  return found.sort();
}

/**
 * Reads and parses a prompt and, when it has one, its sibling tests file. An unreadable prompt comes
 * back as an empty prompt with a `file-unreadable` problem; a missing tests file means no suite.
 */
export async function loadPromptWithTests(promptPath: string, workspaceRoot: string, options: ParsePromptOptions = { knownModels: (id) => isKnownModel(id) }): Promise<{ prompt: PromptFile; suite?: TestSuite }> {
  const file = path.resolve(promptPath);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (e) {
    const prompt = parsePrompt(file, '', options);
    prompt.problems.push(problem(file, FILE_START, 'error', 'file-unreadable', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'Check that the prompt file exists and is readable.'));
    return { prompt };
  }
  const prompt = parsePrompt(file, source, options);
  const testsPath = testsPathFor(file);
  let testsSource: string;
  try {
    testsSource = await readFile(testsPath, 'utf8');
  } catch {
    return { prompt };
  }
  return { prompt, suite: await parseTests(testsPath, testsSource, { workspaceRoot, prompt }) };
}
