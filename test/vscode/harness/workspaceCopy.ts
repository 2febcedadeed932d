// Each run opens a throwaway copy of prompts-example, so tests may write `.promptops/`, break
// files and commit without touching the repository.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { cleanUpOnInterrupt, removeNow } from './interruptCleanup';
import { repoRoot } from './tools';

export interface WorkspaceCopy {
  dir: string;
  remove(): Promise<void>;
}

export async function copyExampleWorkspace(): Promise<WorkspaceCopy> {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'promptops-workspace-'));
  const release = cleanUpOnInterrupt(() => removeNow(parent));
  const dir = path.join(parent, 'prompts-example');
  await fs.cp(path.join(repoRoot, 'prompts-example'), dir, {
    recursive: true,
    filter: (source) => path.basename(source) !== '.promptops',
  });
  // A git repository of its own, so history features see one commit and never the outer repo.
  const git = (...args: string[]) =>
    promisify(execFile)('git', ['-c', 'user.name=PromptOps tests', '-c', 'user.email=tests@promptops.invalid', ...args], { cwd: dir });
  await git('init', '--quiet', '--initial-branch=main');
  await git('add', '--all');
  await git('commit', '--quiet', '--allow-empty', '--message', 'prompts-example');
  return {
    dir,
    remove: async () => {
      release();
      await fs.rm(parent, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
