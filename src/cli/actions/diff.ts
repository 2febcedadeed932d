// `promptops diff FILE [BEFORE] [AFTER]`: per-test score changes between two versions of a prompt,
// regressions first, then the summary. No revision: HEAD → working copy, or when the working copy has
// no changes, the file's last change (the version before it → HEAD's). One revision: it → working copy.
// Exit 1 when a change is a significant regression (a CI gate), 0 otherwise, 2 for bad usage.
import { diffRuns } from '../../core/history/diff';
import { isWorkingRev, resolveVersion } from '../../core/history/resolveVersion';
import { WORKING, type PromptVersion, type PromptVersionList } from '../../core/history/versions';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { dim } from '../present/colors';
import { formatDiffSummary, formatDiffTable, formatVersionProblems, versionJson, versionLabel } from '../present/historyOutput';
import { errorLines, openHistory, runHistory, stopReason, type HistoryRunFlags } from './historyRun';

export interface DiffFlags extends HistoryRunFlags {
  json?: boolean;
}

type Pair = { ok: true; before: PromptVersion; after: PromptVersion; why?: string } | { ok: false; lines: string[] };

async function pickPair(list: PromptVersionList, revs: string[]): Promise<Pair> {
  const committed = list.versions.filter((v) => v.commit !== WORKING);
  if (revs.length === 0) {
    if (list.versions[0]?.commit === WORKING && committed.length) {
      return { ok: true, before: committed[0], after: list.versions[0], why: 'Comparing HEAD → working copy.' };
    }
    if (committed.length >= 2) {
      return { ok: true, before: committed[1], after: committed[0], why: "The working copy equals HEAD: comparing the file's last change." };
    }
    return { ok: false, lines: errorLines(`Nothing to compare: ${list.file} has a single version.${list.note ? ` ${list.note}` : ''}`, 'Commit a change, or edit the file and compare the working copy with HEAD.') };
  }
  const [beforeRev, afterRev = WORKING] = revs;
  const before = await resolveVersion(list, beforeRev);
  if (!before.ok) return { ok: false, lines: errorLines(before.error, before.hint) };
  const after = await resolveVersion(list, afterRev);
  if (!after.ok) return { ok: false, lines: errorLines(after.error, after.hint) };
  return { ok: true, before: before.version, after: after.version, why: isWorkingRev(afterRev) && revs.length === 1 ? `Comparing ${beforeRev} → working copy.` : undefined };
}

export async function diffAction(file: string, revs: string[], flags: DiffFlags): Promise<number> {
  const out = (text: string): void => void process.stdout.write(`${text}\n`);
  const err = (text: string): void => void process.stderr.write(`${text}\n`);
  const opened = await openHistory(file, flags);
  if (!opened.ok) {
    opened.lines.forEach(err);
    return EXIT_USAGE;
  }
  const pair = await pickPair(opened.list, revs);
  if (!pair.ok) {
    pair.lines.forEach(err);
    return EXIT_USAGE;
  }
  if (pair.why) err(dim(pair.why));
  const run = await runHistory(opened, [pair.before, pair.after], flags);
  const { result } = run;
  const [before, after] = result.evaluations;
  const problems = formatVersionProblems(result.evaluations);
  if (problems) {
    err(`Cannot evaluate:\n${problems}`);
    return EXIT_USAGE;
  }
  const stopped = stopReason(run);
  if (stopped) {
    stopped.lines.forEach(err);
    return stopped.exitCode;
  }
  if (!before.run || !after.run || before.status === 'partial' || after.status === 'partial') {
    err(`error: the evaluation of ${versionLabel(before.run ? after.version : before.version)} did not finish; nothing to compare.`);
    return EXIT_FAILED;
  }

  const diff = diffRuns(before.run, after.run, { pricing: opened.session.config.pricing });
  if (flags.json) {
    out(JSON.stringify({ file: opened.list.file, note: opened.list.note, before: versionJson(before), after: versionJson(after), ...diff }, null, 2));
  } else {
    out(formatDiffTable(diff));
    out('');
    out(formatDiffSummary(diff, pair.before, pair.after));
  }
  return diff.significantRegression ? EXIT_FAILED : EXIT_OK;
}
