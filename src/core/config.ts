import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { LineIndex, yamlErrorToProblem } from './problems';
import type { Problem, ProjectConfig } from './types';

export const CONFIG_FILE = 'promptops.config.yaml';

export const DEFAULT_CONFIG: ProjectConfig = {
  defaultModel: 'claude-sonnet-4-5',
  judgeModel: 'claude-haiku-4-5',
  concurrency: 8,
  maxCostUsd: undefined,
  baseURL: undefined,
  pricing: {},
  defaultMaxTokens: 1024,
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
  const raw = (doc.toJS() ?? {}) as Partial<ProjectConfig>;
  return { config: mergeConfig(DEFAULT_CONFIG, raw), problems };
}
