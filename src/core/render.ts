import { Dotprompt, type Message, type PromptFunction } from 'dotprompt';
import { describeErrors, validatorFor } from './graders/jsonSchema';
import { missingInputs } from './promptFile';
import { LineIndex, problem } from './problems';
import type { ChatMessage, LlmRequest, Problem, ProjectConfig, PromptFile, Range } from './types';

export type RenderResult = { ok: true; request: LlmRequest } | { ok: false; problems: Problem[] };

export interface RenderOptions {
  /** Who supplies the variables, named in problems (e.g. `test "refund-late"`). */
  source?: string;
}

const dotprompt = new Dotprompt();
// Compiling a template is the expensive part of a render; an eval renders one prompt once per test.
const compiled = new Map<string, Promise<PromptFunction>>();
const MAX_COMPILED = 64;

/**
 * Renders a parsed prompt with `vars` into a provider-neutral request. `input.default` fills what
 * `vars` leaves out; the variables are checked against `input.schema`. The body is rendered by
 * `dotprompt` (the trimmed body, as Genkit does), so prompts behave the same in both.
 */
/** The API model a prompt runs on: its own `model:`, else the project's default. */
export function modelOf(prompt: PromptFile, config: ProjectConfig): string {
  return prompt.model ?? config.defaultModel;
}

export async function renderPrompt(prompt: PromptFile, vars: Record<string, unknown>, config: ProjectConfig, options: RenderOptions = {}): Promise<RenderResult> {
  const errors = prompt.problems.filter((p) => p.severity === 'error');
  if (errors.length) return { ok: false, problems: errors };
  const input = { ...prompt.inputDefaults, ...vars };
  const inputProblems = checkInput(prompt, input, options.source ?? 'the caller');
  if (inputProblems.length) return { ok: false, problems: inputProblems };

  let messages: Message[];
  try {
    // Line endings normalised: a CRLF checkout must render the same request (cache and recordings are keyed by it).
    const render = await compile(prompt.template.replace(/\r\n?/g, '\n').trim());
    messages = (await render({ input })).messages;
  } catch (e) {
    return { ok: false, problems: [templateProblem(prompt, e as Error)] };
  }
  const { system, chat } = toChat(messages);
  if (!chat.length) {
    return { ok: false, problems: [problem(prompt.path, bodyRange(prompt), 'error', 'empty-prompt', 'The rendered prompt has no user message', 'Add text after {{role "user"}} (or text with no role marker).')] };
  }
  const c = prompt.config;
  const request: LlmRequest = {
    model: modelOf(prompt, config),
    ...(system !== undefined && { system }),
    messages: chat,
    maxTokens: c.maxOutputTokens ?? config.defaultMaxTokens,
    ...(c.temperature !== undefined && { temperature: c.temperature }),
    ...(c.topP !== undefined && { topP: c.topP }),
    ...(c.topK !== undefined && { topK: c.topK }),
    ...(c.stopSequences !== undefined && { stopSequences: c.stopSequences }),
    ...(prompt.outputFormat === 'json' && prompt.outputSchema && { outputSchema: prompt.outputSchema }),
  };
  return { ok: true, request };
}

function compile(template: string): Promise<PromptFunction> {
  let fn = compiled.get(template);
  if (!fn) {
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    fn = dotprompt.compile({ template });
    fn.catch(() => compiled.delete(template));
    compiled.set(template, fn);
  }
  return fn;
}

/** Required variables that nothing supplies, then schema violations, each naming the variable. */
function checkInput(prompt: PromptFile, input: Record<string, unknown>, source: string): Problem[] {
  const schema = prompt.inputSchema;
  if (!schema) return [];
  const missing = missingInputs(prompt, input);
  if (missing.length) {
    return missing.map((name) =>
      problem(prompt.path, useRange(prompt, name), 'error', 'missing-variable', `Variable \`${name}\` is required by input.schema but ${source} does not set it`, `Set \`${name}\` in the test's vars, or give it a value under input.default.`),
    );
  }
  const validate = validatorFor(schema);
  if ('error' in validate) return [];
  if (validate(input)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = e.instancePath === '' && e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty: string }).additionalProperty) : undefined;
    if (extra !== undefined) {
      const declared = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
      return problem(
        prompt.path,
        bodyRange(prompt),
        'error',
        'unknown-variable',
        `${source[0].toUpperCase()}${source.slice(1)} sets \`${extra}\`, which input.schema does not declare`,
        `Remove \`${extra}\`, or declare it in input.schema (e.g. \`${extra}: string\`). Declared: ${declared.join(', ') || 'none'}.`,
      );
    }
    const name = e.instancePath.split('/')[1] ?? '';
    return problem(prompt.path, useRange(prompt, name), 'error', 'invalid-variable', `Variables from ${source} do not match input.schema: ${describeErrors([e])}`, 'Change the value to match input.schema, or change the schema.');
  });
}

/** Where a variable is first used in the body; the body's start when it is not used. */
function useRange(prompt: PromptFile, name: string): Range {
  return prompt.variables.find((v) => v.name === name)?.range ?? bodyRange(prompt);
}

function bodyRange(prompt: PromptFile): Range {
  const start = { line: prompt.templateStartLine, column: 1 };
  return { start, end: start };
}

/**
 * Dotprompt messages → Anthropic's shape: system text apart, `model` → assistant, consecutive
 * messages of one role merged (the API wants alternating roles), blank ones dropped.
 */
function toChat(messages: Message[]): { system?: string; chat: ChatMessage[] } {
  const system: string[] = [];
  const chat: ChatMessage[] = [];
  for (const m of messages) {
    const text = m.content.map((part) => part.text ?? '').join('').trim();
    if (!text) continue;
    if (m.role === 'system') {
      system.push(text);
      continue;
    }
    const role = m.role === 'model' ? 'assistant' : 'user';
    const last = chat.at(-1);
    if (last?.role === role) last.content = `${last.content}\n\n${text}`;
    else chat.push({ role, content: text });
  }
  return { system: system.length ? system.join('\n\n') : undefined, chat };
}

/** A Handlebars compile or runtime error, placed at its line in the prompt file when it gives one. */
function templateProblem(prompt: PromptFile, error: Error): Problem {
  const e = error as Error & { lineNumber?: number; column?: number; endLineNumber?: number; endColumn?: number };
  const lines = error.message.split('\n');
  // Handlebars' parser errors carry the line only in their text: "Parse error on line 3:", then context, then the expectation.
  const parseLine = /^Parse error on line (\d+):/.exec(lines[0]);
  const message = parseLine ? `Template syntax error: ${lines.at(-1)}` : lines[0].replace(/ - \d+:\d+$/, '');
  const hint = 'Fix the template expression; PromptOps prompts may use only Handlebars and Dotprompt helpers.';
  if (parseLine) e.lineNumber ??= Number(parseLine[1]);
  if (e.lineNumber === undefined) return problem(prompt.path, bodyRange(prompt), 'error', 'template-error', message, hint);
  // Handlebars counts lines and 0-based columns in the trimmed body that Dotprompt renders.
  const index = new LineIndex(prompt.source);
  const bodyStart = index.lineStart(prompt.templateStartLine);
  const trimmedStart = bodyStart + (prompt.template.length - prompt.template.trimStart().length);
  const first = index.position(trimmedStart);
  const at = (line: number, column: number) => (line === 1 ? { line: first.line, column: first.column + column } : { line: first.line + line - 1, column: column + 1 });
  const start = at(e.lineNumber, e.column ?? 0);
  const end = e.endLineNumber !== undefined ? at(e.endLineNumber, e.endColumn ?? 0) : start;
  return problem(prompt.path, { start, end }, 'error', 'template-error', message, hint);
}

