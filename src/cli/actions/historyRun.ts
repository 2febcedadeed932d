// What `history` and `diff` share: the session and versions of one prompt file, and evaluating the
// versions nothing can be reused for, with the estimate printed first, progress on a terminal and
// Ctrl-C stopping new calls while keeping what finished.
import * as path from 'node:path';
import { evaluateHistory, type HistoryResult } from '../../core/history/evaluateHistory';
import { listPromptVersions, type PromptVersion, type PromptVersionList } from '../../core/history/versions';
import { chooseProvider, type ProviderKind } from '../../core/providerChoice';
import { recordingsPathFor } from '../../core/providers/recording';
import { createTokenCounter } from '../../core/tokenCounter';
import { EXIT_FAILED, EXIT_USAGE } from '../exitCodes';
import { createStderrLogger } from '../logger';
import { bold, yellow } from '../present/colors';
import { formatEstimate } from '../present/evalOutput';
import { versionLabel } from '../present/historyOutput';
import { ProgressLine } from '../present/progress';
import { openSession, type Session } from '../session';
import { interruptOnSigint } from '../sigint';

export interface HistoryRunFlags {
  provider?: ProviderKind;
  maxCost?: number;
  testsAtCommit?: boolean;
  repeat: number;
  concurrency?: number;
  cache: boolean;
  timeout?: number;
}

export type OpenedHistory = { ok: true; session: Session; file: string; list: PromptVersionList } | { ok: false; lines: string[] };

export function errorLines(message: string, hint?: string): string[] {
  return hint ? [`error: ${message}`, `  ${hint}`] : [`error: ${message}`];
}

export async function openHistory(file: string, flags: HistoryRunFlags, limit?: number): Promise<OpenedHistory> {
  const abs = path.resolve(file);
  if (!abs.endsWith('.prompt')) return { ok: false, lines: errorLines(`Not a prompt file: ${file}`, 'Pass a *.prompt file.') };
  const opened = await openSession(abs, { maxCostUsd: flags.maxCost, concurrency: flags.concurrency, requestTimeoutSeconds: flags.timeout });
  if (!opened.ok) return { ok: false, lines: opened.lines };
  const list = await listPromptVersions(abs, { limit });
  if (!list.versions.length) return { ok: false, lines: errorLines(list.note ?? `No versions of ${file}.`, 'Check the path.') };
  return { ok: true, session: opened.session, file: abs, list };
}

export interface HistoryRun {
  result: HistoryResult;
  /** Why nothing could be run (no key, no recordings), when some version needed a run. */
  providerError?: string[];
}

/** Why `history` and `diff` cannot go on (no provider for versions that needed a run, or the budget refused), with their exit code. */
export function stopReason(run: HistoryRun): { lines: string[]; exitCode: number } | undefined {
  if (run.providerError) return { lines: run.providerError, exitCode: EXIT_USAGE };
  const { refused, evaluated } = run.result;
  if (refused) return { lines: errorLines(refused.message, refused.hint), exitCode: evaluated ? EXIT_FAILED : EXIT_USAGE };
  return undefined;
}

export async function runHistory(opened: Extract<OpenedHistory, { ok: true }>, versions: PromptVersion[], flags: HistoryRunFlags): Promise<HistoryRun> {
  const { session, file } = opened;
  const err = (text: string): void => void process.stderr.write(`${text}\n`);
  const choice = chooseProvider({
    requested: flags.provider,
    apiKey: session.apiKey,
    baseURL: session.config.baseURL,
    timeoutMs: session.config.requestTimeoutSeconds * 1000,
    recordingFiles: [recordingsPathFor(file)],
    logger: createStderrLogger(),
  });
  const provider = choice.ok ? choice.provider : undefined;
  const progress = new ProgressLine();
  const controller = new AbortController();
  const stopSigint = interruptOnSigint(controller, () => progress.note(yellow('Stopping: no new calls; finished results are kept. Press Ctrl-C again to quit now.')));
  try {
    const result = await evaluateHistory({
      promptPath: file,
      workspaceRoot: session.root,
      versions,
      testsAt: flags.testsAtCommit ? 'commit' : 'today',
      config: session.config,
      provider,
      repeat: flags.repeat,
      cache: flags.cache ? session.cache : undefined,
      traceLog: session.traceLog,
      runStore: session.runStore,
      tokenCounter: provider ? createTokenCounter({ provider, cache: session.tokenCounts }) : undefined,
      trusted: true,
      signal: controller.signal,
      maxCostUsd: session.config.maxCostUsd,
      secrets: session.secrets,
      onEvent: (event) => {
        if (event.type === 'estimate') {
          if (choice.ok && choice.notice) err(yellow(choice.notice));
          const n = event.versions.length;
          err(bold(`${n} version${n === 1 ? '' : 's'} not evaluated yet: ${event.versions.map((v) => v.shortSha).join(', ')}`));
          err(formatEstimate(event.estimate, { maxCostUsd: session.config.maxCostUsd, exactInput: event.estimate.exactInputTokens, repeat: flags.repeat }));
        } else if (event.type === 'version-start') {
          progress.note(`Evaluating ${versionLabel(event.version)} (${event.index + 1}/${event.of})`);
        } else if (event.type === 'run') {
          progress.onEvent(event.event);
          if (event.event.type === 'budget-stopped') progress.note(yellow(event.event.message));
        }
      },
    });
    const needsRun = result.evaluations.some((e) => e.status === 'missing');
    return { result, providerError: !choice.ok && needsRun ? errorLines(choice.message, choice.hint) : undefined };
  } finally {
    stopSigint();
    progress.clear();
  }
}
