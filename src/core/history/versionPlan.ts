// One prompt version made ready to run: its text parsed at the working-tree path (so the tests file and
// datasets resolve as today), the tests as they are today or as they were at the version's commit, and
// one rendered request per test. A version that cannot be planned says why, as problems.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parsePrompt } from '../promptFile';
import { modelOf } from '../render';
import { FILE_START, hasErrors, problem } from '../problems';
import { planCases, relativePath, type PlannedPrompt } from '../runPlan';
import { parseTests, testsPathFor } from '../testsFile';
import type { Problem, ProjectConfig } from '../types';
import { readFileAtCommit, WORKING, type PromptVersion, type ReadResult } from './versions';

export type TestsAt = 'today' | 'commit';

export type VersionPlan =
  | { ok: true; planned: PlannedPrompt }
  | { ok: false; status: 'invalid' | 'no-tests'; problems: Problem[] };

export interface VersionPlanOptions {
  /** The prompt in the working tree (absolute). */
  promptPath: string;
  workspaceRoot: string;
  config: ProjectConfig;
  testsAt: TestsAt;
}

function fileProblem(file: string, code: string, message: string, hint: string): Problem {
  return problem(file, FILE_START, 'error', code, message, hint);
}

async function readTests(version: PromptVersion, options: VersionPlanOptions): Promise<ReadResult> {
  if (options.testsAt === 'commit' && version.commit !== WORKING && version.repoRoot) {
    return readFileAtCommit(version.repoRoot, version.commit, testsPathFor(version.path));
  }
  const file = testsPathFor(options.promptPath);
  return readFile(file, 'utf8').then(
    (text): ReadResult => ({ ok: true, text }),
    (): ReadResult => ({ ok: false, error: `No tests file ${path.basename(file)} beside the prompt.` }),
  );
}

/** `text` is the version's content (`readPromptsAt` reads many versions at once). */
export async function planVersion(version: PromptVersion, text: ReadResult, options: VersionPlanOptions): Promise<VersionPlan> {
  const { promptPath, workspaceRoot, config } = options;
  const testsPath = testsPathFor(promptPath);
  if (!text.ok) return { ok: false, status: 'invalid', problems: [fileProblem(promptPath, 'git-read', text.error, 'Check that the commit is still in the repository (git fetch).')] };
  const prompt = parsePrompt(promptPath, text.text);
  if (hasErrors(prompt.problems)) return { ok: false, status: 'invalid', problems: prompt.problems };

  const testsText = await readTests(version, options);
  if (!testsText.ok) {
    return { ok: false, status: 'no-tests', problems: [fileProblem(testsPath, 'no-tests', testsText.error, `Add ${path.basename(testsPath)} beside the prompt.`)] };
  }
  const suite = await parseTests(testsPath, testsText.text, { workspaceRoot, prompt });
  if (hasErrors(suite.problems)) return { ok: false, status: 'invalid', problems: suite.problems };

  const { cases, problems } = await planCases(prompt, suite, config);
  if (problems.length) return { ok: false, status: 'invalid', problems };
  return {
    ok: true,
    planned: { prompt, suite, relPath: relativePath(workspaceRoot, promptPath), model: modelOf(prompt, config), cases },
  };
}
