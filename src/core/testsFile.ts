import type { ErrorObject } from 'ajv';
import { readFile, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import testsSchema from '../../schemas/promptops.tests.schema.json';
import { datasetTests, type SuiteDefaults } from './datasetTests';
import { contentHash } from './hash';
import { LineIndex, firstLineRange, nodeAt, nodeRange, pointerSegments, problem, yamlErrorToProblem } from './problems';
import { closest } from './suggest';
import { defaultThreshold } from './graders/passLines';
import { validateTestsFile } from './testsSchemaValidator';
import { missingVars, unknownVarProblem } from './testVars';
import type { Assertion, Problem, PromptFile, Range, TestCase, TestSuite } from './types';

export const TESTS_SUFFIX = '.tests.yaml';
const ASSERTION_TYPE_NAMES = (testsSchema.definitions.assertionType.enum as string[]).slice();

export interface ParseTestsOptions {
  /** Datasets must stay inside this folder. */
  workspaceRoot: string;
  /** The prompt under test: test vars are checked against its input schema. */
  prompt?: PromptFile;
}

/** `triage.prompt` → `triage.tests.yaml` beside it. */
export function testsPathFor(promptPath: string): string {
  return promptPath.replace(/\.prompt$/, '') + TESTS_SUFFIX;
}

/** `triage.tests.yaml` → `triage.prompt` beside it. */
export function promptPathFor(testsPath: string): string {
  return (testsPath.endsWith(TESTS_SUFFIX) ? testsPath.slice(0, -TESTS_SUFFIX.length) : testsPath.replace(/\.ya?ml$/, '')) + '.prompt';
}

interface RawAssertion {
  type?: unknown;
  value?: unknown;
  threshold?: unknown;
  weight?: unknown;
  metric?: unknown;
  model?: unknown;
}
interface RawTest {
  id?: unknown;
  description?: unknown;
  vars?: Record<string, unknown>;
  assert?: RawAssertion[];
  threshold?: number;
}
interface RawSuite {
  prompt?: string;
  defaults?: { vars?: Record<string, unknown>; assert?: RawAssertion[]; threshold?: number };
  tests?: RawTest[];
  dataset?: string;
}

/**
 * Parses a `*.tests.yaml`. Never throws: problems (schema errors at the exact node, duplicate or
 * missing ids, unknown assertion types, datasets outside the workspace or unreadable) come back in
 * the suite, with every test that could still be read.
 */
export async function parseTests(file: string, source: string, options: ParseTestsOptions): Promise<TestSuite> {
  const index = new LineIndex(source);
  const doc = parseDocument(source, { prettyErrors: false });
  const problems: Problem[] = [...doc.errors, ...doc.warnings].map((e) => yamlErrorToProblem(file, e, index, 'Fix the YAML syntax (indent with spaces, quote values containing `: `).'));
  const suite: TestSuite = { path: file, promptPath: promptPathFor(file), hash: contentHash(source), tests: [], problems };
  if (doc.errors.length) return suite;

  const raw = (doc.toJS() ?? {}) as RawSuite;
  if (!validateTestsFile(raw)) problems.push(...schemaProblems(file, doc, index, validateTestsFile.errors ?? []));
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return suite;
  if (typeof raw.prompt === 'string') suite.promptPath = path.resolve(path.dirname(file), raw.prompt);

  const defaults: SuiteDefaults = {
    vars: isObject(raw.defaults?.vars) ? raw.defaults.vars : {},
    assert: assertionsOf(raw.defaults?.assert, doc, ['defaults', 'assert'], index),
    threshold: validThreshold(raw.defaults?.threshold),
  };
  if (options.prompt) {
    for (const name of Object.keys(defaults.vars)) {
      const key = nodeAt(doc, ['defaults', 'vars', name]).key;
      const unknown = key && unknownVarProblem(file, name, options.prompt, nodeRange(key, index));
      if (unknown) problems.push(unknown);
    }
  }
  const seen = new Map<string, Range>();
  const testsNode = nodeAt(doc, ['tests']).node;
  (Array.isArray(raw.tests) ? raw.tests : []).forEach((t, n) => {
    if (!isObject(t) || typeof t.id !== 'string' || !t.id) return;
    const idNode = nodeAt(doc, ['tests', n, 'id']).node;
    const range = idNode ? nodeRange(idNode, index) : testsNode ? firstLineRange(testsNode, index) : index.range(0, 0);
    const test: TestCase = {
      id: t.id,
      ...(typeof t.description === 'string' && { description: t.description }),
      vars: { ...defaults.vars, ...(isObject(t.vars) ? t.vars : {}) },
      assert: [...defaults.assert, ...assertionsOf(t.assert, doc, ['tests', n, 'assert'], index)],
      threshold: 0,
      range,
    };
    test.threshold = validThreshold(t.threshold) ?? defaults.threshold ?? defaultThreshold(test.assert);
    if (checkUnique(file, test, seen, problems)) suite.tests.push(test);
    if (!test.assert.length) {
      problems.push(problem(file, range, 'warning', 'no-assertions', `Test \`${test.id}\` has no assertions, so it passes whatever the answer`, 'Add an `assert:` list to the test, or shared ones under `defaults.assert`.'));
    }
    if (options.prompt?.inputSchema) problems.push(...varProblems(file, test, isObject(t.vars) ? Object.keys(t.vars) : [], options.prompt, doc, ['tests', n, 'vars'], index));
  });

  if (typeof raw.dataset === 'string') {
    const datasetNode = nodeAt(doc, ['dataset']).node;
    const datasetRange = datasetNode ? nodeRange(datasetNode, index) : index.range(0, 0);
    const loaded = await loadDataset(file, raw.dataset, datasetRange, options.workspaceRoot);
    problems.push(...loaded.problems);
    if (loaded.text !== undefined && loaded.file) {
      suite.hash = contentHash(`${source}\u0000${loaded.text}`);
      const fromRows = datasetTests(loaded.file, loaded.text, defaults, options.prompt, ASSERTION_TYPE_NAMES);
      problems.push(...fromRows.problems);
      for (const test of fromRows.tests) {
        if (checkUnique(loaded.file, test, seen, problems)) suite.tests.push(test);
      }
    }
  }
  problems.sort((a, b) => (a.file === b.file ? 0 : a.file === file ? -1 : 1) || a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  return suite;
}

function checkUnique(file: string, test: TestCase, seen: Map<string, Range>, problems: Problem[]): boolean {
  const first = seen.get(test.id);
  if (!first) {
    seen.set(test.id, test.range);
    return true;
  }
  problems.push(problem(file, test.range, 'error', 'duplicate-id', `Duplicate test id \`${test.id}\` (first used on line ${first.start.line})`, 'Give every test its own id; ids match results across commits, so rename the newer test.'));
  return false;
}

function assertionsOf(list: unknown, doc: Document, at: (string | number)[], index: LineIndex): Assertion[] {
  if (!Array.isArray(list)) return [];
  const out: Assertion[] = [];
  list.forEach((a: RawAssertion, n) => {
    if (!isObject(a) || typeof a.type !== 'string') return;
    const node = nodeAt(doc, [...at, n]).node;
    out.push({
      type: a.type,
      ...(a.value !== undefined && { value: a.value }),
      ...(typeof a.threshold === 'number' && { threshold: a.threshold }),
      ...(typeof a.weight === 'number' && { weight: a.weight }),
      ...(typeof a.metric === 'string' && { metric: a.metric }),
      ...(typeof a.model === 'string' && { model: a.model }),
      ...(node && { range: firstLineRange(node, index) }),
    });
  });
  return out;
}

/** Vars the prompt does not declare (warning, at the var's key) and required ones the test leaves unset (error). */
function varProblems(file: string, test: TestCase, names: string[], prompt: PromptFile, doc: Document, at: (string | number)[], index: LineIndex): Problem[] {
  const out: Problem[] = [];
  for (const name of names) {
    const found = nodeAt(doc, [...at, name]);
    const unknown = unknownVarProblem(file, name, prompt, found.complete && found.key ? nodeRange(found.key, index) : test.range);
    if (unknown) out.push(unknown);
  }
  return [...out, ...missingVars(file, test, prompt)];
}

/** Reads the dataset if it lies inside the workspace (symlinks resolved). */
async function loadDataset(testsFile: string, relative: string, at: Range, root: string): Promise<{ file?: string; text?: string; problems: Problem[] }> {
  const wanted = path.resolve(path.dirname(testsFile), relative);
  const outside = (p: string, base: string) => {
    const rel = path.relative(base, p);
    return rel.startsWith('..') || path.isAbsolute(rel);
  };
  const refuse = (shown: string) => ({
    problems: [problem(testsFile, at, 'error', 'dataset-outside-workspace', `Dataset \`${relative}\` is outside the workspace (${shown})`, 'Move the dataset into the workspace folder and point `dataset:` at it with a relative path.')],
  });
  if (outside(wanted, path.resolve(root))) return refuse(wanted);
  let real: string;
  try {
    real = await realpath(wanted);
  } catch {
    return { problems: [problem(testsFile, at, 'error', 'dataset-not-found', `Dataset \`${relative}\` not found (${wanted})`, 'Check the path; it is relative to this tests file.')] };
  }
  if (outside(real, await realpath(root).catch(() => path.resolve(root)))) return refuse(`a link to ${real}`);
  try {
    return { file: wanted, text: await readFile(real, 'utf8'), problems: [] };
  } catch (e) {
    return { problems: [problem(testsFile, at, 'error', 'dataset-not-found', `Dataset \`${relative}\` cannot be read: ${(e as Error).message}`, 'Point `dataset:` at a readable .jsonl or .csv file.')] };
  }
}

/** Each ajv error at the YAML node it is about, in words a YAML author understands. */
function schemaProblems(file: string, doc: Document, index: LineIndex, errors: ErrorObject[]): Problem[] {
  const out: Problem[] = [];
  const done = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    const segments = pointerSegments(e.instancePath);
    const where = describePath(segments);
    const found = nodeAt(doc, segments);
    const node = found.node;
    const nodeRangeOr = (n: Node | undefined) => (n ? nodeRange(n, index) : index.range(0, 0));
    let p: Problem;
    if (e.keyword === 'additionalProperties') {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const keyNode = nodeAt(doc, [...segments, key]).key;
      const allowed = Object.keys(allowedKeys(segments));
      p = problem(file, nodeRangeOr(keyNode ?? node), 'error', 'unknown-key', `Unknown key \`${key}\` in ${where}`, `Use ${allowed.join(', ')}.`);
    } else if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const range = node ? firstLineRange(node, index) : index.range(0, 0);
      if (missing === 'id') p = problem(file, range, 'error', 'missing-id', `${where} has no \`id\``, 'Add a unique `id:`; ids match results across commits.');
      else if (missing === 'value') p = problem(file, range, 'error', 'missing-value', `${where}: \`${typeOfAssertion(doc, segments)}\` needs a \`value\``, 'Add `value:` with what the assertion checks.');
      else p = problem(file, range, 'error', 'missing-property', `${where} needs \`${missing}\``, `Add \`${missing}:\`.`);
    } else if (e.keyword === 'enum' && segments.at(-1) === 'type') {
      const got = String(node && 'toJSON' in node ? (node.toJSON() as unknown) : '');
      const guess = closest(got, ASSERTION_TYPE_NAMES);
      p = problem(file, nodeRangeOr(node), 'error', 'unknown-assertion-type', `Unknown assertion type \`${got}\``, guess ? `Did you mean \`${guess}\`?` : `Use one of ${ASSERTION_TYPE_NAMES.filter((t) => !t.startsWith('not-')).join(', ')} (each may take a not- prefix).`);
    } else if ((e.keyword === 'minimum' || e.keyword === 'maximum') && segments.at(-1) === 'threshold') {
      p = problem(file, nodeRangeOr(node), 'error', 'threshold-range', `${where} must be between 0 and 1`, 'Write the pass line as a fraction, e.g. 0.8.');
    } else {
      p = problem(file, nodeRangeOr(node), 'error', 'invalid-tests', `${where} ${e.message ?? e.keyword}`, 'See the PromptOps tests schema (hover the key for its description).');
    }
    const key = `${p.code}|${p.range.start.line}:${p.range.start.column}|${p.message}`;
    if (!done.has(key)) out.push(p);
    done.add(key);
  }
  return out;
}

function typeOfAssertion(doc: Document, segments: (string | number)[]): string {
  const node = nodeAt(doc, [...segments, 'type']).node;
  return node && isMap(node) === false && !isSeq(node) ? String(node.toJSON()) : 'this assertion';
}

/** The keys the schema allows at a path: for messages about unknown keys. */
function allowedKeys(segments: (string | number)[]): Record<string, unknown> {
  const defs = testsSchema.definitions;
  if (segments.length === 0) return testsSchema.properties;
  if (segments[0] === 'defaults' && segments.length === 1) return testsSchema.properties.defaults.properties;
  if (segments.at(-2) === 'assert') return defs.assertion.properties;
  if (segments[0] === 'tests' && segments.length === 2) return defs.test.properties;
  return {};
}

/** `tests[2].assert[0]`, or `the file` at the root. */
function describePath(segments: (string | number)[]): string {
  if (!segments.length) return 'the file';
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');
}

function validThreshold(value: unknown): number | undefined {
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> & RawTest {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
