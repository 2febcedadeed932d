import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { contentHash } from '../core/hash';
import { isKnownModel } from '../core/pricing';
import { parsePrompt } from '../core/promptFile';
import { renderPrompt } from '../core/render';
import { parseTests, promptPathFor, testsPathFor } from '../core/testsFile';
import type { LlmRequest, PromptFile, TestSuite } from '../core/types';
import { Settings, workspaceRootFor } from './settings';

/**
 * Parsed prompts and test suites of the files the editor works on: the open document's text when it is open
 * (unsaved edits count), else the file on disk. Parsing is cached by document version and by content, so the
 * language features asking about the same text share one parse.
 */
export class PromptDocuments implements vscode.Disposable {
  private prompts = new WeakMap<vscode.TextDocument, { version: number; prompt: PromptFile }>();
  private readonly suites = new Map<string, { key: string; suite: Promise<TestSuite> }>();
  private readonly lastEdit = new WeakMap<vscode.TextDocument, number>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly settings: Settings) {
    this.subscriptions = [
      settings.onDidChange(() => {
        this.prompts = new WeakMap();
        this.suites.clear();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.lastEdit.set(e.document, Date.now());
      }),
    ];
  }

  /** Time since the user last typed in the document: work too slow for every keystroke on a large prompt waits for a pause. */
  msSinceEdit(document: vscode.TextDocument): number {
    return Date.now() - (this.lastEdit.get(document) ?? 0);
  }

  /** The prompt in an open document, parsed once per version. */
  prompt(document: vscode.TextDocument): PromptFile {
    const cached = this.prompts.get(document);
    if (cached?.version === document.version) return cached.prompt;
    const prompt = this.parse(document.uri, document.getText());
    this.prompts.set(document, { version: document.version, prompt });
    return prompt;
  }

  /** The prompt at `uri`: its open document when there is one, else the file on disk (undefined if unreadable). */
  async promptAt(uri: vscode.Uri): Promise<PromptFile | undefined> {
    const open = openDocument(uri);
    if (open) return this.prompt(open);
    const text = await readFile(uri.fsPath, 'utf8').catch(() => undefined);
    return text === undefined ? undefined : this.parse(uri, text);
  }

  /** The test suite beside a prompt (undefined when it has no `*.tests.yaml`). */
  async suiteForPrompt(prompt: PromptFile): Promise<TestSuite | undefined> {
    // An untitled document has no tests file beside it.
    if (!path.isAbsolute(prompt.path)) return undefined;
    const testsUri = vscode.Uri.file(testsPathFor(prompt.path));
    const text = await textOf(testsUri);
    return text === undefined ? undefined : this.suite(testsUri, text, prompt);
  }

  /**
   * The request the editor previews a prompt as (hover, tokens and cost per call): rendered with its first test's
   * variables, else with its input defaults. Undefined when it does not render; diagnostics say why.
   */
  async previewRequest(prompt: PromptFile, uri: vscode.Uri): Promise<{ request: LlmRequest; testId?: string } | undefined> {
    const suite = await this.suiteForPrompt(prompt).catch(() => undefined);
    const first = suite?.tests[0];
    const rendered = await renderPrompt(prompt, first?.vars ?? {}, await this.settings.configFor(uri));
    return rendered.ok ? { request: rendered.request, testId: first?.id } : undefined;
  }

  /** The suite in a tests document, checked against its prompt (open or on disk). */
  async suiteInDocument(document: vscode.TextDocument): Promise<TestSuite> {
    const prompt = await this.promptAt(vscode.Uri.file(promptPathFor(document.uri.fsPath)));
    return this.suite(document.uri, document.getText(), prompt);
  }

  private suite(testsUri: vscode.Uri, text: string, prompt: PromptFile | undefined): Promise<TestSuite> {
    const key = `${contentHash(text)}:${prompt?.hash ?? ''}`;
    const cached = this.suites.get(testsUri.fsPath);
    if (cached?.key === key) return cached.suite;
    const suite = parseTests(testsUri.fsPath, text, { workspaceRoot: workspaceRootFor(testsUri), prompt });
    this.suites.set(testsUri.fsPath, { key, suite });
    return suite;
  }

  private parse(uri: vscode.Uri, text: string): PromptFile {
    const { pricing } = this.settings.configSnapshot(uri);
    return parsePrompt(uri.fsPath, text, { knownModels: (id) => isKnownModel(id, pricing) });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  return openDocument(uri)?.getText() ?? readFile(uri.fsPath, 'utf8').catch(() => undefined);
}

/** A core range (1-based, end exclusive) as a VS Code range (0-based). */
export function toVsRange(range: { start: { line: number; column: number }; end: { line: number; column: number } }): vscode.Range {
  return new vscode.Range(
    Math.max(0, range.start.line - 1),
    Math.max(0, range.start.column - 1),
    Math.max(0, range.end.line - 1),
    Math.max(0, range.end.column - 1),
  );
}
