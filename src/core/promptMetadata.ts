import { isMap, isScalar, type Document, type Node, type Pair } from 'yaml';
import { validatorFor } from './graders/jsonSchema';
import { PicoschemaError, toJsonSchema } from './picoschema';
import { LineIndex, nodeAt, nodeRange, pointerSegments, problem } from './problems';
import type { GenerationConfig, JsonSchema, Problem, PromptFile, Severity } from './types';

// Reads a prompt's front matter (already parsed by `yaml`) into PromptFile fields, reporting each
// mistake at the exact key or value that causes it.

/** The PromptFile fields that come from the front matter (`name` falls back to the file name). */
export type PromptMetadata = Partial<Pick<PromptFile, 'name'>> &
  Pick<PromptFile, 'description' | 'modelRef' | 'model' | 'config' | 'inputSchema' | 'inputDefaults' | 'outputFormat' | 'outputSchema' | 'ext'>;

export interface MetadataContext {
  file: string;
  doc: Document;
  index: LineIndex;
  /** Offset of the front matter text in the file. */
  base: number;
  knownModels?: (id: string) => boolean;
  problems: Problem[];
}

const EXT_PREFIX = 'promptops.';
const PROVIDER_PREFIX = 'anthropic/';
// Dotprompt's reserved keys that PromptOps reads, and those it accepts but does not act on.
const READ_KEYS = new Set(['name', 'description', 'model', 'config', 'input', 'output']);
const IGNORED_KEYS = new Set(['variant', 'version', 'ext', 'raw', 'metadata']);
const UNSUPPORTED_KEYS = new Set(['tools', 'toolDefs']);

type ConfigCheck = (value: unknown) => string | undefined;
const CONFIG_CHECKS: Record<keyof GenerationConfig, ConfigCheck> = {
  maxOutputTokens: (v) => (Number.isInteger(v) && (v as number) >= 1 ? undefined : 'a whole number of at least 1'),
  temperature: (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? undefined : 'a number from 0 to 1'),
  topP: (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? undefined : 'a number from 0 to 1'),
  topK: (v) => (Number.isInteger(v) && (v as number) >= 1 ? undefined : 'a whole number of at least 1'),
  stopSequences: (v) =>
    Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '') ? undefined : 'a list of non-blank strings',
};
// What people write from the Anthropic or OpenAI APIs, mapped to Dotprompt's names.
const CONFIG_ALIASES: Record<string, keyof GenerationConfig> = {
  max_tokens: 'maxOutputTokens',
  maxTokens: 'maxOutputTokens',
  max_output_tokens: 'maxOutputTokens',
  top_p: 'topP',
  top_k: 'topK',
  stop_sequences: 'stopSequences',
  stop: 'stopSequences',
};

export function readMetadata(ctx: MetadataContext): PromptMetadata {
  const meta: PromptMetadata = { config: {}, inputDefaults: {}, ext: {} };
  const root = ctx.doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return meta;
  if (!isMap(root)) {
    report(ctx, root as Node, 'error', 'invalid-front-matter', 'The front matter must be a YAML mapping of keys', 'Write keys such as `model:` and `input:` between the --- lines.');
    return meta;
  }
  for (const pair of root.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value ?? undefined;
    const js = value?.toJSON() as unknown;
    if (key.includes('.')) {
      if (key.startsWith(EXT_PREFIX)) meta.ext[key] = js;
      continue;
    }
    if (key === 'name' || key === 'description') {
      if (typeof js === 'string') meta[key] = js;
      else report(ctx, value ?? pair.key, 'error', 'invalid-type', `\`${key}\` must be a string`, `Write \`${key}: some text\`.`);
    } else if (key === 'model') readModel(ctx, value ?? pair.key, js, meta);
    else if (key === 'config') readConfig(ctx, value ?? pair.key, meta);
    else if (key === 'input') readInput(ctx, value ?? pair.key, meta);
    else if (key === 'output') readOutput(ctx, pair.key, value ?? pair.key, meta);
    else if (UNSUPPORTED_KEYS.has(key)) {
      report(ctx, pair.key, 'warning', 'unsupported-key', `PromptOps does not run tools; \`${key}\` is ignored`, `Remove \`${key}\`, or evaluate tool use elsewhere.`);
    } else if (!READ_KEYS.has(key) && !IGNORED_KEYS.has(key)) {
      report(ctx, pair.key, 'warning', 'unknown-key', `Unknown front-matter key \`${key}\``, 'Use model, config, input, output, name, description, or a `promptops.` key for PromptOps settings.');
    }
  }
  return meta;
}

function readModel(ctx: MetadataContext, node: Node, value: unknown, meta: PromptMetadata): void {
  if (typeof value !== 'string' || !value.trim()) {
    report(ctx, node, 'error', 'invalid-type', '`model` must be a model id such as anthropic/claude-sonnet-4-5', 'Write `model: anthropic/<model-id>`.');
    return;
  }
  meta.modelRef = value;
  const slash = value.indexOf('/');
  if (slash !== -1 && !value.startsWith(PROVIDER_PREFIX)) {
    report(ctx, node, 'error', 'unsupported-provider', `PromptOps runs Anthropic models; \`${value.slice(0, slash)}/\` is not supported`, 'Write `model: anthropic/<model-id>` or a bare Anthropic model id.');
    return;
  }
  const id = value.startsWith(PROVIDER_PREFIX) ? value.slice(PROVIDER_PREFIX.length) : value;
  meta.model = id;
  if (ctx.knownModels && !ctx.knownModels(id)) {
    report(ctx, node, 'warning', 'unknown-model', `Unknown model \`${id}\`: no price is known, so cost cannot be computed`, 'Check the model id, or add its price under `pricing` in promptops.config.yaml.');
  }
}

function readConfig(ctx: MetadataContext, node: Node, meta: PromptMetadata): void {
  if (!isMap(node)) {
    report(ctx, node, 'error', 'invalid-type', '`config` must be a mapping such as `maxOutputTokens: 512`', 'Indent the settings under `config:`.');
    return;
  }
  for (const pair of node.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!(key in CONFIG_CHECKS)) {
      const suggestion = CONFIG_ALIASES[key] ?? Object.keys(CONFIG_CHECKS).find((k) => k.toLowerCase() === key.toLowerCase());
      const hint = suggestion ? `Did you mean \`${suggestion}\`?` : `Use ${Object.keys(CONFIG_CHECKS).join(', ')}.`;
      report(ctx, pair.key, 'warning', 'unknown-config-key', `Unknown config key \`${key}\` (ignored)`, hint);
      continue;
    }
    const name = key as keyof GenerationConfig;
    const value = pair.value?.toJSON() as unknown;
    const expected = CONFIG_CHECKS[name](value);
    if (expected) {
      report(ctx, pair.value ?? pair.key, 'error', 'invalid-config', `\`config.${key}\` must be ${expected}`, `Set \`${key}:\` to ${expected}.`);
      continue;
    }
    (meta.config as Record<string, unknown>)[name] = value;
  }
}

function readInput(ctx: MetadataContext, node: Node, meta: PromptMetadata): void {
  if (!isMap(node)) {
    report(ctx, node, 'error', 'invalid-type', '`input` must be a mapping with `schema:` and/or `default:`', 'Indent `schema:` and `default:` under `input:`.');
    return;
  }
  const schemaNode = node.get('schema', true) as Node | undefined;
  if (schemaNode) meta.inputSchema = readSchema(ctx, 'input', schemaNode);
  const defaultsNode = node.get('default', true) as Node | undefined;
  if (defaultsNode) {
    if (isMap(defaultsNode)) meta.inputDefaults = defaultsNode.toJSON() as Record<string, unknown>;
    else report(ctx, defaultsNode, 'error', 'invalid-type', '`input.default` must map variable names to values', 'Write `default:` followed by indented `name: value` lines.');
  }
}

function readOutput(ctx: MetadataContext, keyNode: Node, node: Node, meta: PromptMetadata): void {
  if (!isMap(node)) {
    report(ctx, node, 'error', 'invalid-type', '`output` must be a mapping with `format:` and/or `schema:`', 'Indent `format:` and `schema:` under `output:`.');
    return;
  }
  const formatNode = node.get('format', true) as Node | undefined;
  const format = formatNode?.toJSON() as unknown;
  if (formatNode && format !== 'json' && format !== 'text') {
    report(ctx, formatNode, 'error', 'invalid-output-format', `\`output.format\` must be json or text, got ${JSON.stringify(format)}`, 'Write `format: json` or `format: text`.');
  } else if (format) meta.outputFormat = format as 'json' | 'text';
  const schemaNode = node.get('schema', true) as Node | undefined;
  if (schemaNode) meta.outputSchema = readSchema(ctx, 'output', schemaNode);
  if (meta.outputFormat === 'json' && !schemaNode) {
    report(ctx, formatNode ?? keyNode, 'info', 'json-without-schema', 'JSON output without `output.schema`: answers are checked for JSON only', 'Add `output.schema` so answers are validated and json-schema assertions have a default.');
  }
}

/** Picoschema or JSON Schema → JSON Schema that ajv compiles; undefined (with a problem) when it cannot be used. */
function readSchema(ctx: MetadataContext, where: 'input' | 'output', node: Node): JsonSchema | undefined {
  let schema: JsonSchema | null;
  try {
    schema = toJsonSchema(node.toJSON());
  } catch (e) {
    if (!(e instanceof PicoschemaError)) throw e;
    const at = nodeAt(ctx.doc, [where, 'schema', ...e.path]);
    report(ctx, at.key ?? at.node ?? node, 'error', 'invalid-schema', `${where}.schema: ${e.message}`, 'Write fields as `name: type, description` with a type of string, number, integer, boolean, null or any.');
    return undefined;
  }
  if (!schema) return undefined;
  const compiled = validatorFor(schema);
  if ('error' in compiled) {
    const pointer = /data(\/\S*)? /.exec(compiled.error)?.[1] ?? '';
    const at = nodeAt(ctx.doc, [where, 'schema', ...pointerSegments(pointer)]);
    const message = compiled.error.replace(/^schema is invalid: /, '').split(', ')[0].replace(/^data\/?/, '');
    report(ctx, at.complete && at.node ? at.node : node, 'error', 'invalid-schema', `${where}.schema is not a valid JSON Schema: ${message}`, 'Fix the schema (see json-schema.org), or write it in Picoschema (`name: string, description`).');
    return undefined;
  }
  return schema;
}

function report(ctx: MetadataContext, node: Node, severity: Severity, code: string, message: string, hint: string): void {
  ctx.problems.push(problem(ctx.file, nodeRange(node, ctx.index, ctx.base), severity, code, message, hint));
}
