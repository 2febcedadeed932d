// What an eval will run, decided before any call: the prompt files under the given paths, each with its
// test suite and one rendered request per test. Invalid files and tests that cannot render are problems,
// so a bad file stops the eval before it spends anything.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { FILE_START, hasErrors, problem } from './problems';
import { modelOf, renderPrompt } from './render';
import { findPromptFiles, loadPromptWithTests } from './workspace';
import { promptPathFor } from './testsFile';
import type { LlmRequest, Problem, ProjectConfig, PromptFile, TestCase, TestSuite } from './types';

export interface PlannedCase {
  test: TestCase;
  request: LlmRequest;
}

export interface PlannedPrompt {
  prompt: PromptFile;
  suite: TestSuite;
  /** Workspace-relative, posix separators: how the prompt is named in records, traces and reports. */
  relPath: string;
  model: string;
  cases: PlannedCase[];
}

export interface Plan {
  workspaceRoot: string;
  prompts: PlannedPrompt[];
  /** Errors make the plan unusable; warnings are shown and the run goes on. */
  problems: Problem[];
  /** Prompt files that have no tests file (nothing to evaluate), workspace-relative. */
  untested: string[];
  /** The `--test` ids asked for, when the run is limited to them. */
  selection?: string[];
}

export interface PlanOptions {
  workspaceRoot: string;
  /** Prompt files, tests files or folders; empty = the whole workspace. */
  paths: string[];
  config: ProjectConfig;
  testIds?: string[];
}

export async function buildPlan(options: PlanOptions): Promise<Plan> {
  const { workspaceRoot, config } = options;
  const problems: Problem[] = [];
  const promptPaths = await resolvePromptPaths(options.paths.length ? options.paths : [workspaceRoot], problems);
  const prompts: PlannedPrompt[] = [];
  const untested: string[] = [];
  const wanted = options.testIds?.length ? new Set(options.testIds) : undefined;
  const found = new Set<string>();

  for (const promptPath of promptPaths) {
    const { prompt, suite } = await loadPromptWithTests(promptPath, workspaceRoot);
    const relPath = relativePath(workspaceRoot, promptPath);
    problems.push(...prompt.problems, ...(suite?.problems ?? []));
    if (!suite) {
      untested.push(relPath);
      continue;
    }
    for (const test of suite.tests) found.add(test.id);
    // A prompt with errors cannot render: its problems are reported once, not again for every test.
    if (hasErrors(prompt.problems)) continue;
    const { cases, problems: renderProblems } = await planCases(prompt, suite, config, wanted);
    problems.push(...renderProblems);
    if (cases.length) prompts.push({ prompt, suite, relPath, model: modelOf(prompt, config), cases });
  }

  for (const id of wanted ?? []) {
    if (!found.has(id)) problems.push(usageProblem(workspaceRoot, `No test with id "${id}" in the evaluated files.`, 'Check the id in the *.tests.yaml file, or leave out --test.'));
  }
  if (promptPaths.length === 0 && problems.length === 0) {
    problems.push(usageProblem(workspaceRoot, 'No *.prompt files found.', 'Pass a prompt file or a folder that contains *.prompt files.'));
  } else if (prompts.length === 0 && !hasErrors(problems)) {
    problems.push(usageProblem(workspaceRoot, 'No tests to run.', 'Add a <name>.tests.yaml beside each <name>.prompt.'));
  }
  return { workspaceRoot, prompts, problems, untested, selection: wanted ? [...wanted] : undefined };
}

/** One rendered request per test of the suite (only the `testIds` when given); a test that cannot render is a problem instead. */
export async function planCases(prompt: PromptFile, suite: TestSuite, config: ProjectConfig, testIds?: ReadonlySet<string>): Promise<{ cases: PlannedCase[]; problems: Problem[] }> {
  const cases: PlannedCase[] = [];
  const problems: Problem[] = [];
  for (const test of suite.tests) {
    if (testIds && !testIds.has(test.id)) continue;
    const rendered = await renderPrompt(prompt, test.vars, config, { source: `test "${test.id}"` });
    if (rendered.ok) cases.push({ test, request: rendered.request });
    else problems.push(...rendered.problems);
  }
  return { cases, problems };
}

export function relativePath(workspaceRoot: string, file: string): string {
  return path.relative(workspaceRoot, file).split(path.sep).join('/');
}

async function resolvePromptPaths(paths: string[], problems: Problem[]): Promise<string[]> {
  const out = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(p);
    const info = await stat(abs).catch(() => undefined);
    if (!info) {
      problems.push(usageProblem(abs, `No such file or folder: ${p}`, 'Check the path.'));
    } else if (info.isDirectory()) {
      for (const f of await findPromptFiles(abs)) out.add(path.resolve(f));
    } else if (abs.endsWith('.prompt')) {
      out.add(abs);
    } else if (abs.endsWith('.tests.yaml')) {
      out.add(promptPathFor(abs));
    } else {
      problems.push(usageProblem(abs, `Not a prompt or tests file: ${p}`, 'Pass a *.prompt file, a *.tests.yaml file or a folder.'));
    }
  }
  return [...out].sort();
}

function usageProblem(file: string, message: string, hint: string): Problem {
  return problem(file, FILE_START, 'error', 'usage', message, hint);
}
