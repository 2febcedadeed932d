import * as vm from 'node:vm';
import { hardFailure, textValue, verdict, type Grader } from './gradeContext';
import { runScript } from './sandbox';

const SLASHED = /^\/([\s\S]*)\/([a-z]*)$/;

/**
 * `pattern` as is, or `/pattern/flags` when the text starts with `/` and ends with `/` and flags (write `\/`
 * first to match a leading slash literally). A pattern that does not compile is returned as an error message.
 */
function compileRegex(source: string): RegExp | { error: string } {
  const slashed = SLASHED.exec(source);
  try {
    return slashed ? new RegExp(slashed[1], slashed[2]) : new RegExp(source);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const TEST = new vm.Script('pattern.test(text)', { filename: 'regex' });
let matchContext: vm.Context | undefined;

/** `regex`: the output matches the pattern somewhere (anchor it with ^…$ to match the whole output). */
export const regex: Grader = (assertion, ctx) => {
  const source = textValue(assertion);
  if (source === undefined) return hardFailure('regex needs a pattern as its value, e.g. "^\\d+$" or "/refund/i"');
  const pattern = compileRegex(source);
  if ('error' in pattern) return hardFailure(`invalid regex ${source}: ${pattern.error}`, { expected: source });
  matchContext ??= vm.createContext({});
  matchContext.pattern = pattern;
  matchContext.text = ctx.output;
  const outcome = runScript(TEST, matchContext);
  matchContext.pattern = matchContext.text = undefined;
  if (!outcome.ok) return hardFailure(`regex ${pattern} ${outcome.error}`, { expected: String(pattern) });
  const pass = outcome.value === true;
  return verdict(pass, `output ${pass ? 'matches' : 'does not match'} ${pattern}`, { expected: String(pattern), actual: ctx.output });
};
