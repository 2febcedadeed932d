// A prompt, a test case and a grading context built in code, for grader tests that need no prompt file.
import { gradeOutput, type GradeContext } from '../../src/core/graders';
import type { Assertion, GradeResult, PromptFile, TestCase } from '../../src/core/types';

export function fixturePrompt(overrides: Partial<PromptFile> = {}): PromptFile {
  return {
    path: '/workspace/prompts/triage.prompt',
    source: '',
    hash: 'fixture-hash',
    name: 'triage',
    model: 'claude-sonnet-4-5',
    modelRef: 'anthropic/claude-sonnet-4-5',
    config: {},
    inputDefaults: {},
    ext: {},
    template: '',
    templateStartLine: 1,
    variables: [],
    messages: [],
    problems: [],
    ...overrides,
  };
}

export function fixtureTest(overrides: Partial<TestCase> = {}): TestCase {
  return {
    id: 'refund-request',
    vars: { ticket: 'I want my money back' },
    assert: [],
    threshold: 1,
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    ...overrides,
  };
}

/** A context whose judge calls are refused: tests of judge grading build `callJudge` on a real provider. */
export function fixtureContext(overrides: Partial<GradeContext> = {}): GradeContext {
  return {
    output: '',
    prompt: fixturePrompt(),
    test: fixtureTest(),
    costUsd: 0.001,
    latencyMs: 800,
    trusted: true,
    judgeModel: 'claude-haiku-4-5',
    callJudge: () => Promise.reject(new Error('this test makes no judge calls')),
    ...overrides,
  };
}

/** Grades `output` against one assertion through `gradeOutput` (negation, validation and all). */
export async function gradeOne(assertion: Assertion, output: string, ctx: Partial<GradeContext> = {}): Promise<GradeResult> {
  const [result] = await gradeOutput([assertion], fixtureContext({ output, ...ctx }));
  return result;
}
