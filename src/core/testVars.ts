import * as path from 'node:path';
import { isDeclaredInput, missingInputs } from './promptFile';
import { problem } from './problems';
import type { Problem, PromptFile, Range, TestCase } from './types';

/** A var the prompt does not declare: likely a typo, so a warning at `range` (the var's key when known). */
export function unknownVarProblem(file: string, name: string, prompt: PromptFile, range: Range): Problem | undefined {
  if (!prompt.inputSchema || isDeclaredInput(prompt.inputSchema, name)) return undefined;
  return problem(file, range, 'warning', 'unknown-var', `\`${name}\` is not an input of ${path.basename(prompt.path)}`, `Check the spelling, or declare \`${name}\` in the prompt's input.schema.`);
}

/** Required inputs that neither the test, the defaults nor the prompt's `input.default` supply. */
export function missingVars(file: string, test: TestCase, prompt: PromptFile): Problem[] {
  return missingInputs(prompt, test.vars).map((name) =>
    problem(file, test.range, 'error', 'missing-variable', `Test \`${test.id}\` does not set \`${name}\`, which ${path.basename(prompt.path)} requires`, `Add \`${name}\` to the test's vars (or to defaults.vars).`),
  );
}
