// `.promptops/` at the workspace root: results are local, so the folder ignores itself in git.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const STORE_DIR_NAME = '.promptops';

export interface StorePaths {
  root: string;
  traces: string;
  runs: string;
  cache: string;
}

export function storePaths(workspaceRoot: string): StorePaths {
  const root = path.join(workspaceRoot, STORE_DIR_NAME);
  return { root, traces: path.join(root, 'traces'), runs: path.join(root, 'runs'), cache: path.join(root, 'cache') };
}

/** Creates the store (idempotent) and returns its folder. */
export async function ensureStore(workspaceRoot: string): Promise<string> {
  const paths = storePaths(workspaceRoot);
  await Promise.all([paths.traces, paths.runs, paths.cache].map((dir) => mkdir(dir, { recursive: true })));
  try {
    await writeFile(path.join(paths.root, '.gitignore'), '# PromptOps results are local; delete this file to commit them.\n*\n', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return paths.root;
}
