// What every command that touches a workspace needs: its root, its settings (config file, then the
// environment, then flags), its stores, and the secrets that must never be printed or written.
import * as path from 'node:path';
import { loadProjectConfig, mergeConfig } from '../core/config';
import { formatProblem, hasErrors } from '../core/problems';
import { ResponseCache } from '../core/store/responseCache';
import { RunStore } from '../core/store/runStore';
import { storePaths } from '../core/store/storeDir';
import { TraceLog } from '../core/store/traceLog';
import { fileTokenCountCache, type TokenCountCache } from '../core/tokenCounter';
import type { ProjectConfig } from '../core/types';
import { findWorkspaceRoot } from './workspaceRoot';

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

export async function openSession(start: string, flags: Partial<ProjectConfig> = {}): Promise<SessionResult> {
  const root = findWorkspaceRoot(start);
  const { config: fromFile, problems } = await loadProjectConfig(root);
  const lines = problems.map((p) => formatProblem(p, process.cwd()));
  if (hasErrors(problems)) return { ok: false, lines };
  for (const line of lines) process.stderr.write(`${line}\n`);
  const config = mergeConfig(fromFile, { baseURL: process.env.ANTHROPIC_BASE_URL || undefined }, flags);
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
