import * as vscode from 'vscode';
import { formatCount, formatUsd } from '../core/format';
import { bareModelId, PRICING_INFO, priceFor, resolveModel } from '../core/pricing';
import { estimateTokens } from '../core/tokens';
import type { PromptFile } from '../core/types';
import { PROMPT_SELECTOR } from './languages';
import { PromptDocuments, toVsRange } from './promptDocuments';
import { inputVariables, schemaTypeLabel } from './promptSchema';
import type { Settings } from './settings';

const MODEL_LINE = /^(\s*model:\s*["']?)([^"'\s#]+)/;
const MAX_VALUES = 8;
const MAX_VALUE_CHARS = 80;
const PREVIEW_CHARS = 1500;

/** On a template variable: its schema type, default and the values the tests give it. On `model:`: its prices. */
export class PromptHovers implements vscode.HoverProvider {
  constructor(
    private readonly documents: PromptDocuments,
    private readonly settings: Settings,
  ) {}

  register(): vscode.Disposable {
    return vscode.languages.registerHoverProvider(PROMPT_SELECTOR, this);
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const prompt = this.documents.prompt(document);
    if (position.line + 1 < prompt.templateStartLine) return this.modelHover(document, position);
    const use = prompt.variables.find((v) => toVsRange(v.range).contains(position));
    if (!use) return this.messagePreview(document, prompt, position);
    const schema = inputVariables(prompt).get(use.name);
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${use.name}**: \`${schemaTypeLabel(schema)}\``);
    if (typeof schema?.description === 'string') md.appendMarkdown(` — ${schema.description}`);
    if (use.name in prompt.inputDefaults) md.appendMarkdown(`\n\nDefault: \`${short(prompt.inputDefaults[use.name])}\``);
    const suite = await this.documents.suiteForPrompt(prompt);
    const values = (suite?.tests ?? []).filter((t) => use.name in t.vars).map((t) => `- \`${t.id}\`: \`${short(t.vars[use.name])}\``);
    if (values.length) {
      md.appendMarkdown(`\n\nIn tests (${values.length}):\n`);
      md.appendMarkdown(values.slice(0, MAX_VALUES).join('\n'));
      if (values.length > MAX_VALUES) md.appendMarkdown(`\n- … ${values.length - MAX_VALUES} more`);
    } else if (suite) {
      md.appendMarkdown('\n\nNo test sets it.');
    }
    return new vscode.Hover(md, toVsRange(use.range));
  }

  /** On a `{{role}}` marker: the message as it is sent, rendered with the first test's variables. */
  private async messagePreview(document: vscode.TextDocument, prompt: PromptFile, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const index = prompt.messages.findIndex((m) => m.range.start.line - 1 === position.line);
    if (index === -1) return undefined;
    const preview = await this.documents.previewRequest(prompt, document.uri);
    if (!preview) return undefined;
    const { request, testId } = preview;
    const estimate = estimateTokens(request);
    const systemBlocks = prompt.messages.filter((m) => m.role === 'system').length;
    const block = prompt.messages[index];
    // Blocks map onto the request only when the template has no loops or history producing extra turns.
    const aligned = systemBlocks <= 1 && prompt.messages.length - systemBlocks === request.messages.length;
    let text: string | undefined;
    let tokens: number | undefined;
    if (aligned && block.role === 'system') {
      text = request.system;
      tokens = estimate.system;
    } else if (aligned) {
      const turn = prompt.messages.slice(0, index).filter((m) => m.role !== 'system').length;
      text = request.messages[turn]?.content;
      tokens = estimate.messages[turn];
    }
    if (text === undefined) return undefined;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${block.role}** message rendered with ${testId === undefined ? 'the input defaults' : `test \`${testId}\``} · ≈${formatCount(tokens ?? 0)} tokens\n`);
    md.appendCodeblock(text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}\n…` : text, 'text');
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }

  private modelHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const match = MODEL_LINE.exec(document.lineAt(position.line).text);
    if (!match) return undefined;
    const range = new vscode.Range(position.line, match[1].length, position.line, match[1].length + match[2].length);
    if (!range.contains(position)) return undefined;
    const { pricing } = this.settings.configSnapshot(document.uri);
    const md = new vscode.MarkdownString();
    const price = priceFor(match[2], pricing);
    if (!price) {
      md.appendMarkdown(`**${bareModelId(match[2])}**: no price known, so its cost is unknown. Add one under the \`promptops.pricing\` setting.`);
      return new vscode.Hover(md, range);
    }
    const canonical = resolveModel(match[2])?.id ?? bareModelId(match[2]);
    md.appendMarkdown(`**${canonical}**, USD per million tokens\n\n`);
    md.appendMarkdown('| input | output | cache write 5m | cache write 1h | cache read |\n|---:|---:|---:|---:|---:|\n');
    md.appendMarkdown(`| ${[price.input, price.output, price.cacheWrite5m, price.cacheWrite1h, price.cacheRead].map(formatUsd).join(' | ')} |\n\n`);
    md.appendMarkdown(`Prices as of ${PRICING_INFO.asOf}; override them in the \`promptops.pricing\` setting.`);
    return new vscode.Hover(md, range);
  }
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const line = (text ?? 'undefined').replace(/\s+/g, ' ');
  return (line.length > MAX_VALUE_CHARS ? `${line.slice(0, MAX_VALUE_CHARS - 1)}…` : line).replace(/`/g, "'");
}
