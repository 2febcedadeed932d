import * as vm from 'node:vm';

/** How long user code (a javascript assertion, a regex match) may run before it is stopped. */
const SCRIPT_TIMEOUT_MS = 1000;

export type ScriptOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Runs a compiled script in a context with a hard time limit. V8 interrupts both loops and regex
 * backtracking at the limit, so neither an infinite loop nor a catastrophic pattern can hang the host.
 */
export function runScript(script: vm.Script, context: vm.Context, timeoutMs = SCRIPT_TIMEOUT_MS): ScriptOutcome {
  try {
    return { ok: true, value: script.runInContext(context, { timeout: timeoutMs, breakOnSigint: false }) };
  } catch (e) {
    const timedOut = (e as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
    return { ok: false, error: timedOut ? `timed out after ${timeoutMs} ms (an endless loop or catastrophic backtracking?)` : `threw ${describeThrown(e)}` };
  }
}

/** Compiles user code; a syntax error comes back as data. */
export function compileScript(code: string, filename: string): vm.Script | { error: string } {
  try {
    return new vm.Script(code, { filename });
  } catch (e) {
    return { error: describeThrown(e) };
  }
}

// Values thrown inside a context come from another realm, so `instanceof Error` is false for them.
function describeThrown(e: unknown): string {
  const { name, message } = (e ?? {}) as { name?: unknown; message?: unknown };
  if (typeof message === 'string') return typeof name === 'string' ? `${name}: ${message}` : message;
  return String(e);
}
