// What every command that touches a workspace needs: its root, its settings (config file, then the
// environment, then flags), its stores, and the secrets that must never be printed or written.
import * as path from 'node:path';
import { loadProjectConfig, mergeConfig } from '../core/config';
import { formatProblem, hasErrors } from '../core/problems';
import { resolveBaseUrl } from '../core/providerChoice';
import { ResponseCache } from '../core/store/responseCache';
import { RunStore } from '../core/store/runStore';
import { storePaths } from '../core/store/storeDir';
import { TraceLog } from '../core/store/traceLog';
import { fileTokenCountCache, type TokenCountCache } from '../core/tokenCounter';
import type { ProjectConfig } from '../core/types';
import { findWorkspaceRoot } from '../core/workspaceRoot';

export interface Session {
  root: string;
  config: ProjectConfig;
  apiKey?: string;
  secrets: string[];
  traceLog: TraceLog;
  runStore: RunStore;
  cache: ResponseCache;
  /** Exact input-token counts already paid for, kept across invocations. */
  tokenCounts: TokenCountCache;
}

export type SessionResult = { ok: true; session: Session } | { ok: false; lines: string[] };

/**
 * What a command works on: the paths given, else the current folder. Not the whole workspace root above it:
 * run in a subfolder of a repository, `eval` must not start a costly run of every prompt in it.
 */
export function pathsOrCwd(paths: string[]): string[] {
  return paths.length ? paths : [process.cwd()];
}

export async function openSession(start: string, flags: Partial<ProjectConfig> = {}): Promise<SessionResult> {
  const root = findWorkspaceRoot(start);
  const { config: fromFile, problems } = await loadProjectConfig(root);
  const lines = problems.map((p) => formatProblem(p, process.cwd()));
  if (hasErrors(problems)) return { ok: false, lines };
  for (const line of lines) process.stderr.write(`${line}\n`);
  const config = mergeConfig(fromFile, { baseURL: resolveBaseUrl({ fromFile: fromFile.baseURL }) }, flags);
  const apiKey = process.env.ANTHROPIC_API_KEY || undefined;
  const secrets = apiKey ? [apiKey] : [];
  const paths = storePaths(root);
  return {
    ok: true,
    session: {
      root,
      config,
      apiKey,
      secrets,
      traceLog: new TraceLog(paths.traces, { secrets }),
      runStore: new RunStore(root),
      cache: new ResponseCache(paths.cache, { secrets }),
      tokenCounts: fileTokenCountCache(path.join(paths.cache, 'token-counts.jsonl')),
    },
  };
}
