// Real Git repositories in temp folders for history tests and benches, with controlled authors and
// dates so the order and content of the log are known. The user's global and system Git config are
// ignored, so a signing or hook setting on the machine cannot change what the tests see.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };

export interface CommitOptions {
  author?: string;
  /** Seconds since the epoch; default: one day after the previous commit. */
  time?: number;
}

export interface TestRepo {
  root: string;
  git(...args: string[]): Promise<string>;
  /** Writes `files` (null deletes), stages everything and commits; returns the full sha. */
  commit(message: string, files: Record<string, string | null>, options?: CommitOptions): Promise<string>;
  write(file: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

export async function gitIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = GIT_ENV): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function createRepo(prefix = 'promptops-history-'): Promise<TestRepo> {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), prefix)));
  await gitIn(root, ['init', '-q', '-b', 'main']);
  let clock = Date.UTC(2026, 0, 1) / 1000;
  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };
  return {
    root,
    git: (...args) => gitIn(root, args),
    write,
    async commit(message, files, options = {}) {
      for (const [file, text] of Object.entries(files)) {
        if (text === null) await gitIn(root, ['rm', '-q', '--', file]);
        else await write(file, text);
      }
      await gitIn(root, ['add', '-A']);
      clock = options.time ?? clock + 86_400;
      const author = options.author ?? 'Ada Author';
      const email = `${author.toLowerCase().replace(/\W+/g, '.')}@example.com`;
      const date = `${clock} +0000`;
      await gitIn(root, ['commit', '-q', '--allow-empty', '-m', message], {
        ...GIT_ENV,
        GIT_AUTHOR_NAME: author,
        GIT_AUTHOR_EMAIL: email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: author,
        GIT_COMMITTER_EMAIL: email,
        GIT_COMMITTER_DATE: date,
      });
      return (await gitIn(root, ['rev-parse', 'HEAD'])).trim();
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
