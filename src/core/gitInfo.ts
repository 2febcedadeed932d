import * as path from 'node:path';
import { simpleGit } from 'simple-git';

/** The commit a file's content came from: the last commit that touched it, `dirty` when it has uncommitted changes (or is untracked), `none` outside a repository or when never committed. */
export type FileCommit = string | 'dirty' | 'none';

export async function commitOfFile(file: string): Promise<FileCommit> {
  const git = simpleGit(path.dirname(file));
  const name = path.basename(file);
  try {
    // Literal: a name with `*`, `?` or `[` must not match (and take the commit of) other files.
    const status = await git.raw(['--literal-pathspecs', 'status', '--porcelain', '--', name]);
    if (status.trim()) return 'dirty';
    const sha = (await git.raw(['--literal-pathspecs', 'log', '-1', '--format=%H', '--', name])).trim();
    return sha || 'none';
  } catch {
    // Not a repository, or git is not installed: the version is still identified by its hash.
    return 'none';
  }
}
