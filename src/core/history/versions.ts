// The versions of a prompt file in Git: every commit that touched it (following renames), newest
// first, plus the working copy when it differs from HEAD. Content is read by blob id, all versions in
// one batch, so paths with spaces, non-ASCII or pathspec characters never reach a pathspec parser.
import { readFile, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { contentHash } from '../hash';
import { readGitObjects } from './gitObjects';

export const WORKING = 'working';

/** One version of a prompt file: a commit that touched it, or the uncommitted working copy. */
export interface PromptVersion {
  /** Full commit sha, or `working` for the working copy. */
  commit: string;
  /** Abbreviated sha, or `working`. */
  shortSha: string;
  /** ISO 8601: the author date, or the file's modification time for the working copy. */
  date: string;
  author: string;
  subject: string;
  /** Repository-relative POSIX path at that commit (renames followed); absolute outside a repository. */
  path: string;
  /** `contentHash` of the file's text at this version (the prompt version's identity). */
  hash: string;
  /** Root of the repository the version was read from. */
  repoRoot?: string;
  /** Git blob id of the content (absent for the working copy). */
  blob?: string;
}

export interface PromptVersionList {
  /** Absolute path of the prompt file in the working tree. */
  file: string;
  repoRoot?: string;
  /** Newest first; the working copy (when listed) comes first. */
  versions: PromptVersion[];
  /** Why the history is partial (not in Git, not committed, shallow clone), in plain words. */
  note?: string;
}

export interface ListVersionsOptions {
  /** Most commits to list (the working copy is listed on top of them when it differs from HEAD). */
  limit?: number;
  /** Resolves a relative `filePath`; default `process.cwd()`. */
  cwd?: string;
}

export type ReadResult = { ok: true; text: string } | { ok: false; error: string };

export function gitAt(dir: string): SimpleGit {
  // quotepath=false: git prints non-ASCII paths as UTF-8 instead of octal escapes.
  return simpleGit({ baseDir: dir, config: ['core.quotepath=false'], maxConcurrentProcesses: 8 });
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function nearestExistingDir(dir: string): Promise<string> {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      if ((await stat(d)).isDirectory()) return d;
    } catch {
      // keep walking up
    }
    if (path.dirname(d) === d) return d;
  }
}

async function repoRootOf(dir: string): Promise<string | undefined> {
  try {
    const top = (await gitAt(dir).revparse(['--show-toplevel'])).trim();
    return top ? await realpath(top) : undefined;
  } catch {
    return undefined;
  }
}

async function repoRelativePath(repoRoot: string, file: string): Promise<string> {
  const dir = path.dirname(file);
  const realDir = await realpath(dir).catch(() => dir);
  return path.relative(repoRoot, path.join(realDir, path.basename(file))).split(path.sep).join('/');
}

const RECORD = '\x1e';
const FIELD = '\x1f';
const LOG_FORMAT = `${RECORD}%H${FIELD}%aI${FIELD}%an${FIELD}%s${FIELD}`;

interface LogEntry {
  commit: string;
  date: string;
  author: string;
  subject: string;
  status?: string;
  path?: string;
  blob?: string;
}

/** Parses `git log --raw --no-abbrev -z` with LOG_FORMAT: a header, then `:modes oids STATUS\0path\0[path\0]`. */
function parseLog(out: string): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const record of out.split(RECORD)) {
    if (!record) continue;
    const parts = record.split('\0');
    const [commit, date, author, subject] = parts[0].split(FIELD);
    const entry: LogEntry = { commit, date, author, subject };
    const meta = parts[1]?.trim();
    if (meta?.startsWith(':')) {
      const tokens = meta.split(' ');
      entry.status = tokens[4];
      entry.blob = tokens[3];
      // Renames and copies name the old path then the new one.
      entry.path = /^[RC]/.test(entry.status) ? parts[3] : parts[2];
    }
    entries.push(entry);
  }
  return entries;
}

async function isShallow(git: SimpleGit): Promise<boolean> {
  return (await git.revparse(['--is-shallow-repository']).catch(() => 'false')).trim() === 'true';
}

async function shallowNote(git: SimpleGit, repoRoot: string): Promise<string> {
  const shallowFile = path.resolve(repoRoot, (await git.revparse(['--git-path', 'shallow'])).trim());
  const boundaries = (await readFile(shallowFile, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const fix = 'run `git fetch --unshallow` to see older versions.';
  if (!boundaries.length) return `Shallow clone: older commits are not fetched; ${fix}`;
  const out = await git.raw(['log', '--no-walk', `--format=%h${FIELD}%aI`, ...boundaries]);
  const oldest = out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(FIELD))
    .sort((a, b) => a[1].localeCompare(b[1]))[0];
  return `Shallow clone: history reaches back only to commit ${oldest[0]} (${oldest[1]}); ${fix}`;
}

async function workingVersion(file: string, repoRoot: string | undefined, relPath: string): Promise<PromptVersion | undefined> {
  try {
    const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
    return {
      commit: WORKING,
      shortSha: WORKING,
      date: info.mtime.toISOString(),
      author: '',
      subject: 'Working copy (not committed)',
      path: relPath,
      hash: contentHash(bytes.toString('utf8')),
      repoRoot,
    };
  } catch {
    return undefined;
  }
}

/**
 * Lists the versions of `filePath`, newest first. Never throws: outside Git, or for a file never
 * committed, the history is the working copy alone and `note` says so.
 */
export async function listPromptVersions(filePath: string, options: ListVersionsOptions = {}): Promise<PromptVersionList> {
  const file = path.resolve(options.cwd ?? process.cwd(), filePath);
  const repoRoot = await repoRootOf(await nearestExistingDir(path.dirname(file)));
  const fileExists = await exists(file);
  if (!repoRoot) {
    const working = await workingVersion(file, undefined, file);
    return {
      file,
      versions: working ? [working] : [],
      note: fileExists ? 'Not in a Git repository: the history is the working copy only.' : `No such file: ${file}.`,
    };
  }
  const git = gitAt(repoRoot);
  const relPath = await repoRelativePath(repoRoot, file);
  const working = await workingVersion(file, repoRoot, relPath);

  // `--no-abbrev` (full blob ids) also unabbreviates %h, so short shas take git's length for HEAD.
  const shortLength = await git
    .revparse(['--short', 'HEAD'])
    .then((s) => s.trim().length)
    .catch(() => 0);
  const hasHead = shortLength > 0;
  const args = ['--literal-pathspecs', 'log', '--follow', '--raw', '--no-abbrev', '-z', `--format=${LOG_FORMAT}`];
  if (options.limit !== undefined) args.push(`--max-count=${Math.max(0, Math.floor(options.limit))}`);
  let entries: LogEntry[] = [];
  let gitError: string | undefined;
  if (hasHead) {
    try {
      entries = parseLog(await git.raw([...args, '--', relPath]));
    } catch (e) {
      gitError = firstLine(e);
    }
  }

  const versions: PromptVersion[] = [];
  // A merge commit lists no raw diff line: its path is the one the next newer version had.
  let knownPath = relPath;
  for (const e of entries) {
    knownPath = e.path ?? knownPath;
    if (e.status === 'D') continue;
    versions.push({
      commit: e.commit,
      shortSha: e.commit.slice(0, shortLength),
      date: e.date,
      author: e.author,
      subject: e.subject,
      path: knownPath,
      hash: '',
      repoRoot,
      blob: e.blob,
    });
  }
  const texts = await readPromptsAt(versions);
  texts.forEach((t, i) => {
    if (t.ok) versions[i].hash = contentHash(t.text);
  });
  const readable = versions.filter((v) => v.hash);

  const headHasFile = entries.length > 0 && entries[0].status !== 'D';
  if (working && (!headHasFile || readable[0]?.hash !== working.hash)) readable.unshift(working);

  let note: string | undefined;
  if (gitError) note = `Could not read the Git history (${gitError}): the history is the working copy only.`;
  else if (!entries.length) {
    note = fileExists
      ? 'Not committed yet: the history is the working copy only. Commit the file to start its history.'
      : `No such file: ${file}.`;
  } else if (await isShallow(git)) note = await shallowNote(git, repoRoot);
  return { file, repoRoot, versions: readable, note };
}

function firstLine(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}

function notReadable(version: PromptVersion): string {
  return `Cannot read ${version.path} at ${version.shortSha}: it is not in the repository (fetch it, or the history was rewritten).`;
}

/** The texts of several versions exactly as stored (bytes decoded as UTF-8), in order. Errors are data. */
export async function readPromptsAt(versions: readonly PromptVersion[]): Promise<ReadResult[]> {
  const results: ReadResult[] = new Array(versions.length);
  const fromGit = new Map<string, number[]>();
  await Promise.all(
    versions.map(async (v, i) => {
      if (v.commit === WORKING) {
        const file = v.repoRoot ? path.join(v.repoRoot, v.path) : v.path;
        results[i] = await readFile(file, 'utf8').then(
          (text): ReadResult => ({ ok: true, text }),
          (e: unknown): ReadResult => ({ ok: false, error: `Cannot read ${file}: ${firstLine(e)}` }),
        );
      } else if (!v.repoRoot) {
        results[i] = { ok: false, error: `Version ${v.shortSha} has no repository to read it from.` };
      } else {
        fromGit.set(v.repoRoot, [...(fromGit.get(v.repoRoot) ?? []), i]);
      }
    }),
  );
  for (const [repoRoot, indexes] of fromGit) {
    const objects = await readGitObjects(
      repoRoot,
      indexes.map((i) => versions[i].blob ?? `${versions[i].commit}:${versions[i].path}`),
    ).catch(() => indexes.map(() => undefined));
    indexes.forEach((i, k) => {
      const bytes = objects[k];
      results[i] = bytes ? { ok: true, text: bytes.toString('utf8') } : { ok: false, error: notReadable(versions[i]) };
    });
  }
  return results;
}

/** The text of one version exactly as stored. Errors are data. */
export async function readPromptAt(version: PromptVersion): Promise<ReadResult> {
  return (await readPromptsAt([version]))[0];
}

/** Another file as it was at `commit` (e.g. the tests beside a prompt); `relPath` is repository-relative POSIX. */
export async function readFileAtCommit(repoRoot: string, commit: string, relPath: string): Promise<ReadResult> {
  const [bytes] = await readGitObjects(repoRoot, [`${commit}:${relPath}`]).catch(() => [undefined]);
  return bytes ? { ok: true, text: bytes.toString('utf8') } : { ok: false, error: `${relPath} does not exist at ${commit.slice(0, 7)}.` };
}
