import * as path from 'node:path';
import { parseDataset } from './dataset';
import { LineIndex, problem } from './problems';
import { defaultThreshold } from './graders/passLines';
import { missingVars, unknownVarProblem } from './testVars';
import type { Assertion, JsonSchema, Problem, PromptFile, TestCase } from './types';

/** What every test (and dataset row) gets from the tests file's `defaults:` block. */
export interface SuiteDefaults {
  vars: Record<string, unknown>;
  assert: Assertion[];
  threshold?: number;
}

// Columns with a leading `__` describe the test rather than feed the prompt.
const ID_COLUMNS = ['__id', 'id'];
const DESCRIPTION_COLUMN = '__description';
const EXPECTED_COLUMN = '__expected';
const LIST_TYPES = /^(?:not-)?i?contains-(?:any|all)$/;
const NUMBER_TYPES = /^(?:not-)?(?:cost|latency)$/;

/**
 * One test per row of a JSONL/CSV golden set:
 * - id: the `__id` column, else `id`, else `row-N` (N = the row's 1-based position; stable as long
 *   as rows are appended, not reordered). The id column is not passed to the prompt.
 * - vars: every other column without a `__` prefix, over `defaults.vars`. CSV cells are text; when
 *   the prompt's input schema declares a number, integer, boolean, object or array, the cell is converted.
 * - `__expected`: `type: value` with a known assertion type (`icontains: refund`, `contains-any: a, b`,
 *   `not-contains: sorry`) adds that assertion; any other value adds `equals` (as promptfoo does).
 * - `__description`: the test's description. Assertions and threshold otherwise come from `defaults`.
 */
export function datasetTests(file: string, text: string, defaults: SuiteDefaults, prompt: PromptFile | undefined, assertionTypes: readonly string[]): { tests: TestCase[]; problems: Problem[] } {
  const { rows, problems } = parseDataset(file, text);
  const index = new LineIndex(text);
  const tests: TestCase[] = [];
  const warned = new Set<string>();
  rows.forEach((row, n) => {
    const range = index.range(index.lineStart(row.line), index.lineEnd(index.lineStart(row.endLine)));
    const idColumn = ID_COLUMNS.find((c) => row.values[c] !== undefined && row.values[c] !== '');
    const id = idColumn ? String(row.values[idColumn]) : `row-${n + 1}`;
    const vars: Record<string, unknown> = { ...defaults.vars };
    for (const [k, v] of Object.entries(row.values)) {
      if (k.startsWith('__') || k === idColumn) continue;
      vars[k] = path.extname(file).toLowerCase() === '.csv' ? fromCell(v, prompt?.inputSchema, k) : v;
      const unknown = !warned.has(k) && prompt ? unknownVarProblem(file, k, prompt, range) : undefined;
      if (unknown) problems.push(unknown);
      warned.add(k);
    }
    const expected = row.values[EXPECTED_COLUMN];
    const assert = expected === undefined || expected === '' ? [...defaults.assert] : [...defaults.assert, expectedAssertion(expected, assertionTypes, range)];
    const description = row.values[DESCRIPTION_COLUMN];
    const test: TestCase = {
      id,
      ...(typeof description === 'string' && description && { description }),
      vars,
      assert,
      threshold: defaults.threshold ?? defaultThreshold(assert),
      range,
      source: file,
    };
    if (prompt) problems.push(...missingVars(file, test, prompt));
    tests.push(test);
  });
  const unchecked = tests.filter((t) => !t.assert.length);
  if (unchecked.length) {
    const first = unchecked[0];
    problems.push(problem(file, first.range, 'warning', 'no-assertions', `${unchecked.length} dataset row(s) have no assertions (first: \`${first.id}\`), so they pass whatever the answer`, 'Add an `__expected` column, or shared assertions under `defaults.assert` in the tests file.'));
  }
  if (!rows.length && !problems.length) {
    problems.push(problem(file, index.range(0, index.lineEnd(0)), 'warning', 'empty-dataset', 'The dataset has no rows', 'Add rows, or remove `dataset:` from the tests file.'));
  }
  return { tests, problems };
}

function expectedAssertion(expected: unknown, assertionTypes: readonly string[], range: TestCase['range']): Assertion {
  const m = typeof expected === 'string' ? /^([a-z-]+):\s?([\s\S]*)$/.exec(expected) : null;
  if (!m || !assertionTypes.includes(m[1])) return { type: 'equals', value: expected, range };
  const [, type, text] = m;
  if (LIST_TYPES.test(type)) return { type, value: text.split(',').map((s) => s.trim()).filter(Boolean), range };
  if (NUMBER_TYPES.test(type)) return { type, value: Number(text), range };
  return { type, value: text, range };
}

/** A CSV cell as the type the input schema declares for `name` (text otherwise, or when it does not parse). */
function fromCell(cell: unknown, schema: JsonSchema | undefined, name: string): unknown {
  if (typeof cell !== 'string') return cell;
  const declared = ((schema?.properties ?? {}) as Record<string, JsonSchema>)[name]?.type;
  const types = Array.isArray(declared) ? declared : [declared];
  const trimmed = cell.trim();
  if ((types.includes('number') || types.includes('integer')) && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (types.includes('boolean') && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  if ((types.includes('object') || types.includes('array')) && /^[[{]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return cell;
    }
  }
  return cell;
}
