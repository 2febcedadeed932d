import { hardFailure, quote, textValue, verdict, type Grader } from './gradeContext';

/** `starts-with`: leading whitespace of the output is ignored, as models often open with a newline. */
export const startsWith: Grader = (assertion, ctx) => {
  const prefix = textValue(assertion);
  if (prefix === undefined) return hardFailure('starts-with needs a string value');
  const pass = ctx.output.trimStart().startsWith(prefix);
  return verdict(pass, `output ${pass ? 'starts' : 'does not start'} with ${quote(prefix)}`, { expected: prefix, actual: ctx.output });
};
