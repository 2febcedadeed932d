import * as vm from 'node:vm';
import type { Assertion } from '../types';
import { hardFailure, passLine, quote, verdict, type GradeContext, type Grader, type Verdict } from './gradeContext';
import { compileScript, runScript } from './sandbox';

/** Pass line for a javascript assertion that returns a bare number and sets no threshold. */
export const JAVASCRIPT_DEFAULT_THRESHOLD = 0.5;

const RETURN_HINT = 'return a boolean, a number in 0..1 or { pass, score?, reason? }';

/**
 * `javascript`: an expression (`output.includes('refund')`) or a function body with `return`, seeing
 * `output`, `vars` and `context`. It runs with a time limit in its own context, but `node:vm` is no
 * security boundary, so it runs only when the caller says the workspace is trusted. The result must be
 * synchronous: promise jobs the code schedules run later on the host, outside the limit (running them
 * inside it with `microtaskMode: 'afterEvaluate'` corrupts Node's async-hook stack when the limit hits).
 */
export const javascript: Grader = (assertion, ctx) => {
  if (!ctx.trusted) return hardFailure('javascript assertions run only in trusted workspaces: trust this workspace to run them');
  const code = assertion.value;
  if (typeof code !== 'string' || code.trim() === '') return hardFailure(`javascript needs code as its value, e.g. "output.length < 500"; ${RETURN_HINT}`);
  const script = compile(code);
  if ('error' in script) return hardFailure(`javascript ${quote(code, 60)} does not compile: ${script.error}`);
  const outcome = runScript(script, vm.createContext(globalsFor(ctx)));
  if (!outcome.ok) return hardFailure(`javascript ${quote(code, 60)} ${outcome.error}`);
  return interpret(outcome.value, assertion, quote(code, 60));
};

// An expression first; when that is not valid syntax, the code is a function body.
function compile(code: string): vm.Script | { error: string } {
  const expression = compileScript(`(\n${code}\n)`, 'javascript-assertion');
  return 'error' in expression ? compileScript(`(() => {\n${code}\n})()`, 'javascript-assertion') : expression;
}

// Copies, so an assertion cannot change the test's data for the assertions after it.
function globalsFor(ctx: GradeContext): Record<string, unknown> {
  const vars = structuredClone(ctx.test.vars);
  return {
    output: ctx.output,
    vars,
    context: {
      vars,
      test: { id: ctx.test.id, description: ctx.test.description },
      prompt: { path: ctx.prompt.path, name: ctx.prompt.name, model: ctx.model ?? ctx.prompt.model },
      costUsd: ctx.costUsd,
      latencyMs: ctx.latencyMs,
    },
  };
}

// The value comes from the script's realm: checked with typeof, never instanceof.
function interpret(value: unknown, assertion: Assertion, label: string): Verdict {
  if (typeof value === 'boolean') return verdict(value, `javascript ${label} returned ${value}`);
  if (typeof value === 'number') {
    if (!isUnitScore(value)) return hardFailure(`javascript ${label} returned ${value}, outside 0..1; ${RETURN_HINT}`);
    return { pass: value >= passLine(assertion, JAVASCRIPT_DEFAULT_THRESHOLD), score: value, reason: `javascript ${label} returned ${value}` };
  }
  if (typeof value === 'object' && value !== null) {
    const { pass, score, reason } = value as { pass?: unknown; score?: unknown; reason?: unknown };
    if (typeof (value as { then?: unknown }).then === 'function') return hardFailure(`javascript ${label} returned a promise; it must return synchronously`);
    const hasPass = typeof pass === 'boolean';
    const hasScore = typeof score === 'number' && isUnitScore(score);
    if ((pass !== undefined && !hasPass) || (score !== undefined && !hasScore) || (!hasPass && !hasScore)) {
      return hardFailure(`javascript ${label} returned ${describe(value)}; ${RETURN_HINT}`);
    }
    const s = hasScore ? score : pass ? 1 : 0;
    return {
      pass: hasPass ? pass : s >= passLine(assertion, JAVASCRIPT_DEFAULT_THRESHOLD),
      score: s,
      reason: typeof reason === 'string' && reason !== '' ? reason : `javascript ${label} returned ${describe(value)}`,
    };
  }
  return hardFailure(`javascript ${label} returned ${describe(value)}; ${RETURN_HINT}`);
}

function isUnitScore(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 1;
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
