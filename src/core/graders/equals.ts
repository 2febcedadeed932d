import { canonicalJson } from '../hash';
import { hardFailure, verdict, type Grader } from './gradeContext';
import { parseJsonOutput, prettyJson } from './jsonText';

/**
 * `equals`: a string value matches the output with surrounding whitespace ignored (models often end
 * with a newline); any other value (object, list, number, boolean, null) is compared as JSON, keys in any order.
 */
export const equals: Grader = (assertion, ctx) => {
  const expected = assertion.value;
  if (expected === undefined) return hardFailure('equals needs a value: the exact expected output, or a JSON value');
  if (typeof expected === 'string') {
    const pass = ctx.output.trim() === expected.trim();
    return verdict(pass, pass ? 'output equals the expected text' : 'output differs from the expected text', {
      expected,
      actual: ctx.output,
    });
  }
  const parsed = parseJsonOutput(ctx.output);
  if (!parsed.ok) return verdict(false, parsed.error, { expected: prettyJson(expected), actual: ctx.output });
  const pass = canonicalJson(parsed.value) === canonicalJson(expected);
  return verdict(pass, pass ? 'output equals the expected JSON value' : 'output JSON differs from the expected value', {
    expected: prettyJson(expected),
    actual: prettyJson(parsed.value),
  });
};
