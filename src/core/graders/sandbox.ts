import * as vm from 'node:vm';

/** How long user code (a javascript assertion, a regex match) may run before it is stopped. */
export const SCRIPT_TIMEOUT_MS = 1000;

export type ScriptOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Runs a compiled script in a context with a hard time limit. V8 interrupts both loops and regex
 * backtracking at the limit, so neither an infinite loop nor a catastrophic pattern can hang the host.
 */
export function runScript(script: vm.Script, context: vm.Context, timeoutMs = SCRIPT_TIMEOUT_MS): ScriptOutcome {
  try {
    return { ok: true, value: script.runInContext(context, { timeout: timeoutMs, breakOnSigint: false }) };
  } catch (e) {
    return { ok: false, error: describeThrown(e, timeoutMs) };
  }
}

/** Compiles user code; a syntax error comes back as data. */
export function compileScript(code: string, filename: string): vm.Script | { error: string } {
  try {
    return new vm.Script(code, { filename });
  } catch (e) {
    return { error: describeThrown(e, 0) };
  }
}

// Values thrown inside a context come from another realm, so `instanceof Error` is false for them.
function describeThrown(e: unknown, timeoutMs: number): string {
  const { code, name, message } = (e ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return `timed out after ${timeoutMs} ms (an endless loop or catastrophic backtracking?)`;
  if (typeof message === 'string') return typeof name === 'string' ? `${name}: ${message}` : message;
  return `threw ${String(e)}`;
}
