import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { contentHash } from './hash';
import { readMetadata, type PromptMetadata } from './promptMetadata';
import { LineIndex, problem, yamlErrorToProblem } from './problems';
import { scanTemplate, type ScannedMarker } from './templateScan';
import type { JsonSchema, MessageBlock, Problem, PromptFile, VariableUse } from './types';

export const PROMPT_EXTENSION = '.prompt';

export interface ParsePromptOptions {
  /** Whether an API model id is known (has a price); unknown ids get a warning. */
  knownModels?: (id: string) => boolean;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*(?:\r?\n|$)/gm;

/**
 * Parses a Dotprompt file. Never throws: every mistake is a Problem with the exact range of the
 * key, value or `{{…}}` at fault. Synchronous and cheap enough to run on every keystroke.
 */
export function parsePrompt(file: string, source: string, options: ParsePromptOptions = {}): PromptFile {
  const index = new LineIndex(source);
  const problems: Problem[] = [];
  const split = splitFrontMatter(file, source, index, problems);
  let meta: PromptMetadata = { config: {}, inputDefaults: {}, ext: {} };
  if (split.frontMatter !== undefined) {
    const doc = parseDocument(split.frontMatter, { prettyErrors: false });
    const yamlHint = 'Fix the YAML between the --- lines (indent with spaces, quote values containing `: `).';
    problems.push(...[...doc.errors, ...doc.warnings].map((e) => yamlErrorToProblem(file, e, index, yamlHint, split.frontMatterStart)));
    if (!doc.errors.length) {
      meta = readMetadata({ file, doc, index, base: split.frontMatterStart, knownModels: options.knownModels, problems });
    }
  }

  const template = source.slice(split.bodyStart);
  const scan = scanTemplate(template);
  const base = split.bodyStart;
  for (const i of scan.issues) problems.push(problem(file, index.range(base + i.start, base + i.end), i.severity, i.code, i.message, i.hint));
  const variables: VariableUse[] = scan.variables.map((v) => ({ name: v.name, path: v.path, range: index.range(base + v.start, base + v.end) }));
  if (meta.inputSchema) problems.push(...undeclaredVariables(file, variables, meta.inputSchema, meta.inputDefaults));

  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  return {
    path: file,
    source,
    hash: contentHash(source),
    name: meta.name ?? path.basename(file, PROMPT_EXTENSION),
    description: meta.description,
    modelRef: meta.modelRef,
    model: meta.model,
    config: meta.config,
    inputSchema: meta.inputSchema,
    inputDefaults: meta.inputDefaults,
    outputFormat: meta.outputFormat,
    outputSchema: meta.outputSchema,
    ext: meta.ext,
    template,
    templateStartLine: index.position(base).line,
    variables,
    messages: messageBlocks(template, scan.markers, index, base),
    problems,
  };
}

interface Split {
  /** The YAML text, or undefined when the file has no (complete) front matter. */
  frontMatter?: string;
  frontMatterStart: number;
  bodyStart: number;
}

function splitFrontMatter(file: string, source: string, index: LineIndex, problems: Problem[]): Split {
  const opening = OPENING.exec(source);
  if (!opening) {
    if (source.trim()) {
      problems.push(problem(file, index.range(0, index.lineEnd(0)), 'info', 'no-front-matter', 'No front matter: the default model and settings apply', 'Start the file with a --- line, `model: anthropic/<model-id>`, and another --- line.'));
    }
    return { frontMatterStart: 0, bodyStart: 0 };
  }
  CLOSING.lastIndex = opening[0].length;
  const closing = CLOSING.exec(source);
  if (!closing) {
    const start = source.startsWith('\uFEFF') ? 1 : 0;
    problems.push(problem(file, index.range(start, start + 3), 'error', 'unterminated-front-matter', 'The front matter opened here is never closed', 'Add a line with just --- between the front matter and the template.'));
    return { frontMatterStart: 0, bodyStart: 0 };
  }
  return {
    frontMatter: source.slice(opening[0].length, closing.index),
    frontMatterStart: opening[0].length,
    bodyStart: closing.index + closing[0].length,
  };
}

/**
 * Whether `input.schema` lets the input carry `name`: it lists the property, or it accepts any
 * other property (a Picoschema `(*)` wildcard or an explicit `additionalProperties` schema).
 */
export function isDeclaredInput(schema: JsonSchema, name: string): boolean {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const extra = schema.additionalProperties;
  return schema.type !== 'object' || Object.hasOwn(properties, name) || (extra !== undefined && extra !== false);
}

/** Inputs `input.schema` requires that neither `vars` nor the prompt's `input.default` supplies. */
export function missingInputs(prompt: PromptFile, vars: Record<string, unknown>): string[] {
  const required = prompt.inputSchema?.required;
  if (!Array.isArray(required)) return [];
  return (required as string[]).filter((name) => vars[name] === undefined && prompt.inputDefaults[name] === undefined);
}

/** A template variable the schema does not declare and no default supplies (a typo, or a missing declaration). */
function undeclaredVariables(file: string, variables: VariableUse[], schema: JsonSchema, defaults: Record<string, unknown>): Problem[] {
  return variables
    .filter((v) => !isDeclaredInput(schema, v.name) && !Object.hasOwn(defaults, v.name))
    .map((v) =>
      problem(file, v.range, 'error', 'missing-variable', `\`${v.name}\` is not declared in input.schema and has no default`, `Declare \`${v.name}\` in input.schema (e.g. \`${v.name}: string\`) or give it a value under input.default.`),
    );
}

/**
 * The role blocks as Dotprompt splits them: text before the first marker is a user message, and a
 * marker with nothing after it only changes the role of what follows. Each range runs from the
 * marker to the last non-blank character of its text.
 */
function messageBlocks(template: string, markers: ScannedMarker[], index: LineIndex, base: number): MessageBlock[] {
  const blocks: MessageBlock[] = [];
  const add = (role: MessageBlock['role'], start: number, textStart: number, textEnd: number) => {
    const text = template.slice(textStart, textEnd);
    const trimmed = text.trimEnd();
    if (!trimmed.trim()) return;
    const from = start === textStart ? textStart + (text.length - text.trimStart().length) : start;
    blocks.push({ role, range: index.range(base + from, base + textStart + trimmed.length) });
  };
  let role: MessageBlock['role'] = 'user';
  let start = 0;
  let textStart = 0;
  for (const m of markers) {
    add(role, start, textStart, m.start);
    role = m.role as MessageBlock['role'];
    start = m.start;
    textStart = m.end;
  }
  add(role, start, textStart, template.length);
  return blocks;
}
