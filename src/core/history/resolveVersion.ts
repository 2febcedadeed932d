// Turns what a user types (`HEAD~2`, a branch, a sha, `working`) into a version of the prompt: the
// newest version reachable from that commit, which is the file as it was there even when the commit
// itself did not touch it, and under the name it had then (renames followed).
import { gitAt, WORKING, type PromptVersion, type PromptVersionList } from './versions';

export type ResolvedVersion = { ok: true; version: PromptVersion } | { ok: false; error: string; hint: string };

/** Names that mean the working copy. */
export function isWorkingRev(rev: string): boolean {
  return rev.toLowerCase() === WORKING;
}

/** `list` must be unlimited (every version from HEAD down) for old revisions to resolve. */
export async function resolveVersion(list: PromptVersionList, rev: string): Promise<ResolvedVersion> {
  if (isWorkingRev(rev)) {
    // A working copy equal to HEAD is not listed apart: HEAD's version is the same text.
    const version = list.versions[0];
    if (version) return { ok: true, version };
    return { ok: false, error: `${list.file} does not exist.`, hint: 'Check the path.' };
  }
  if (!list.repoRoot) return { ok: false, error: `Cannot resolve "${rev}": ${list.file} is not in a Git repository.`, hint: 'Compare versions inside a Git repository.' };
  const git = gitAt(list.repoRoot);
  let sha: string;
  try {
    sha = (await git.revparse(['--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
  } catch {
    sha = '';
  }
  if (!sha) return { ok: false, error: `Unknown revision "${rev}".`, hint: 'Use a commit sha, a branch or tag, HEAD~N, or "working".' };
  const committed = list.versions.filter((v) => v.commit !== WORKING);
  const exact = committed.find((v) => v.commit === sha);
  if (exact) return { ok: true, version: exact };
  const reachable = new Set((await git.raw(['rev-list', sha])).split('\n'));
  const version = committed.find((v) => reachable.has(v.commit));
  if (version) return { ok: true, version };
  return { ok: false, error: `${list.file} did not exist at ${rev} (${sha.slice(0, 7)}).`, hint: 'Pick a later revision.' };
}
