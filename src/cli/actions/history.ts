// `promptops history FILE`: a row per version of the prompt, newest first, evaluating the versions not
// evaluated yet (estimate first). Exit 0 when some version has a result and the others cannot have one
// (invalid, no tests), 1 when the evaluation stopped early, 2 for bad usage or when nothing could be run.
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { formatHistoryTable, formatVersionProblems, versionJson } from '../present/historyOutput';
import { openHistory, runHistory, stopReason, type HistoryRunFlags } from './historyRun';

export interface HistoryFlags extends HistoryRunFlags {
  limit?: number;
  json?: boolean;
}

export async function historyAction(file: string, flags: HistoryFlags): Promise<number> {
  const out = (text: string): void => void process.stdout.write(`${text}\n`);
  const err = (text: string): void => void process.stderr.write(`${text}\n`);
  const opened = await openHistory(file, flags, flags.limit);
  if (!opened.ok) {
    opened.lines.forEach(err);
    return EXIT_USAGE;
  }
  const { list } = opened;
  const run = await runHistory(opened, list.versions, flags);
  const { result } = run;
  const { evaluations } = result;

  if (flags.json) {
    out(JSON.stringify({ file: list.file, note: list.note, testsAt: flags.testsAtCommit ? 'commit' : 'today', refused: result.refused, versions: evaluations.map(versionJson) }, null, 2));
  } else {
    if (list.note) out(list.note);
    out(formatHistoryTable(evaluations));
    const problems = formatVersionProblems(evaluations);
    if (problems) out(`\nNot evaluated:\n${problems}`);
  }
  const stopped = stopReason(run);
  if (stopped) {
    stopped.lines.forEach(err);
    return stopped.exitCode;
  }
  if (evaluations.every((e) => e.status === 'no-tests')) {
    err('error: no tests to evaluate the versions with.');
    return EXIT_USAGE;
  }
  if (evaluations.every((e) => e.status === 'invalid' || e.status === 'no-tests')) {
    err(`error: no version of ${list.file} could be evaluated: each has errors in its prompt or tests.`);
    // The table mode listed them on stdout already; a JSON reader's terminal still needs to see why.
    if (flags.json) err(formatVersionProblems(evaluations));
    err('  Fix the errors in the working copy (or evaluate a commit without them) and run history again.');
    return EXIT_USAGE;
  }
  return evaluations.some((e) => e.status === 'partial' || e.status === 'missing') ? EXIT_FAILED : EXIT_OK;
}
