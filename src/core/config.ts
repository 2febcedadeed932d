import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isMap, isPair, isScalar, parseDocument, type Document, type Node } from 'yaml';
import { LineIndex, nodeRange, problem, yamlErrorToProblem } from './problems';
import { closest } from './suggest';
import type { ModelPrice, Problem, ProjectConfig } from './types';

export const CONFIG_FILE = 'promptops.config.yaml';

export const DEFAULT_CONFIG: ProjectConfig = {
  defaultModel: 'claude-sonnet-4-5',
  judgeModel: 'claude-haiku-4-5',
  concurrency: 8,
  maxCostUsd: undefined,
  baseURL: undefined,
  pricing: {},
  defaultMaxTokens: 1024,
  requestTimeoutSeconds: 120,
};

/** Overlays the defined fields of `overrides` on `base` (later wins). */
export function mergeConfig(base: ProjectConfig, ...overrides: Partial<ProjectConfig>[]): ProjectConfig {
  const out: ProjectConfig = { ...base, pricing: { ...base.pricing } };
  for (const o of overrides) {
    for (const [k, v] of Object.entries(o) as [keyof ProjectConfig, unknown][]) {
      if (v === undefined) continue;
      if (k === 'pricing') Object.assign(out.pricing, v);
      else (out as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/** Reads `promptops.config.yaml` at the workspace root, if there is one. Problems are data. */
export async function loadProjectConfig(root: string): Promise<{ config: ProjectConfig; problems: Problem[] }> {
  const file = path.join(root, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { config: DEFAULT_CONFIG, problems: [] };
  }
  const doc = parseDocument(text, { prettyErrors: false });
  const index = new LineIndex(text);
  const problems: Problem[] = doc.errors.map((e) => yamlErrorToProblem(file, e, index, `Fix the YAML syntax of ${CONFIG_FILE}.`));
  if (problems.length) return { config: DEFAULT_CONFIG, problems };
  const checked = checkConfig(file, doc, index);
  return { config: mergeConfig(DEFAULT_CONFIG, checked.values), problems: checked.problems };
}

type ValueCheck = (value: unknown) => string | undefined;

const positiveInteger: ValueCheck = (v) => (Number.isInteger(v) && (v as number) >= 1 ? undefined : 'a whole number of 1 or more');
const nonNegative: ValueCheck = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'a number of US dollars, 0 or more');
const seconds: ValueCheck = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'a number of seconds above 0');
const modelId: ValueCheck = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'a model id such as claude-haiku-4-5');
const url: ValueCheck = (v) => (typeof v === 'string' && URL.canParse(v) ? undefined : 'a URL such as https://api.anthropic.com');
const PRICE_FIELDS: (keyof ModelPrice)[] = ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'];
const prices: ValueCheck = (v) => {
  const bad = 'per model id, prices in USD per million tokens, e.g. { claude-haiku-4-5: { input: 1, output: 5 } }';
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad;
  for (const entry of Object.values(v)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return bad;
    for (const [field, price] of Object.entries(entry)) {
      if (!PRICE_FIELDS.includes(field as keyof ModelPrice) || nonNegative(price)) return `${bad}; fields ${PRICE_FIELDS.join(', ')}`;
    }
  }
  return undefined;
};

const CHECKS: Record<keyof ProjectConfig, ValueCheck> = {
  defaultModel: modelId,
  judgeModel: modelId,
  concurrency: positiveInteger,
  maxCostUsd: nonNegative,
  baseURL: url,
  pricing: prices,
  defaultMaxTokens: positiveInteger,
  requestTimeoutSeconds: seconds,
};
const KEYS = Object.keys(CHECKS);

/**
 * The config file's settings that have the right shape, and a problem at each one that does not: a wrong
 * value is left out (its default applies) rather than reaching the runner, and an unknown key is a warning.
 */
function checkConfig(file: string, doc: Document, index: LineIndex): { values: Partial<ProjectConfig>; problems: Problem[] } {
  const fix = `Fix it in ${CONFIG_FILE}.`;
  if (doc.contents === null) return { values: {}, problems: [] };
  if (!isMap(doc.contents)) {
    return { values: {}, problems: [problem(file, nodeRange(doc.contents as Node, index), 'error', 'invalid-config', `${CONFIG_FILE} must be a mapping of settings`, `Write \`key: value\` lines: ${KEYS.join(', ')}.`)] };
  }
  const raw = doc.toJS() as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const pair of doc.contents.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const keyRange = nodeRange(pair.key, index);
    if (!(key in CHECKS)) {
      const guess = closest(key, KEYS);
      problems.push(problem(file, keyRange, 'warning', 'unknown-config-key', `Unknown setting \`${key}\` (ignored)`, guess ? `Did you mean \`${guess}\`?` : `Use ${KEYS.join(', ')}.`));
      continue;
    }
    const value = raw[key];
    if (value === null || value === undefined) continue;
    const expected = CHECKS[key as keyof ProjectConfig](value);
    if (expected === undefined) values[key] = value;
    else problems.push(problem(file, pair.value ? nodeRange(pair.value as Node, index) : keyRange, 'error', 'invalid-config', `\`${key}\` must be ${expected}`, fix));
  }
  return { values: values as Partial<ProjectConfig>, problems };
}
