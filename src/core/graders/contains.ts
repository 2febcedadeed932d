import type { Assertion } from '../types';
import { hardFailure, passLine, quote, textListValue, textValue, verdict, type GradeContext, type Grader, type Verdict } from './gradeContext';

type Fold = (text: string) => string;

const exact: Fold = (text) => text;
const caseless: Fold = (text) => text.toLowerCase();

function single(name: string, fold: Fold): Grader {
  return (assertion, ctx) => {
    const needle = textValue(assertion);
    if (needle === undefined) {
      const hint = Array.isArray(assertion.value) ? `; for a list use ${name}-any or ${name}-all` : '';
      return hardFailure(`${name} needs a string value${hint}`);
    }
    const pass = fold(ctx.output).includes(fold(needle));
    return verdict(pass, `output ${pass ? 'contains' : 'does not contain'} ${quote(needle)}`, { expected: needle, actual: ctx.output });
  };
}

function listGrader(name: string, fold: Fold, decide: (found: string[], missing: string[], assertion: Assertion) => Verdict): Grader {
  return (assertion: Assertion, ctx: GradeContext) => {
    const needles = textListValue(assertion);
    if (!needles) return hardFailure(`${name} needs a non-empty list of strings as its value`);
    const haystack = fold(ctx.output);
    const found = needles.filter((n) => haystack.includes(fold(n)));
    const missing = needles.filter((n) => !found.includes(n));
    return { ...decide(found, missing, assertion), expected: needles.join('\n'), actual: ctx.output };
  };
}

function any(name: string, fold: Fold): Grader {
  return listGrader(name, fold, (found, missing) =>
    found.length > 0
      ? verdict(true, `output contains ${found.map((f) => quote(f)).join(', ')}`)
      : verdict(false, `output contains none of ${missing.map((m) => quote(m)).join(', ')}`),
  );
}

/** Pass line of contains-all's fraction found when the assertion sets no threshold: everything. */
export const CONTAINS_ALL_DEFAULT_THRESHOLD = 1;

// Score = fraction of the values found; passes when all are found unless the assertion's threshold asks for less.
function all(name: string, fold: Fold): Grader {
  return listGrader(name, fold, (found, missing, assertion) => {
    const score = found.length / (found.length + missing.length);
    const pass = score >= passLine(assertion, CONTAINS_ALL_DEFAULT_THRESHOLD);
    const reason =
      missing.length === 0
        ? `output contains all ${found.length} values`
        : `output lacks ${missing.map((m) => quote(m)).join(', ')} (${found.length} of ${found.length + missing.length} found)`;
    return { pass, score, reason };
  });
}

export const contains = single('contains', exact);
export const icontains = single('icontains', caseless);
export const containsAny = any('contains-any', exact);
export const containsAll = all('contains-all', exact);
export const icontainsAny = any('icontains-any', caseless);
export const icontainsAll = all('icontains-all', caseless);
