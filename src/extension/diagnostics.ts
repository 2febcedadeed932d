import * as vscode from 'vscode';
import { testsPathFor } from '../core/testsFile';
import type { Problem } from '../core/types';
import { errorMessage, type Log } from './log';
import { isPromptDocument, isTestsDocument } from './languages';
import { PromptDocuments, toVsRange } from './promptDocuments';

const TYPING_DELAY_MS = 200;

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The core's problems with `*.prompt` and `*.tests.yaml` files as diagnostics: on open, while typing (debounced) and on save. */
export class ProblemDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('promptops');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Other files a document's problems were reported on (a dataset of a tests file), cleared with it. */
  private readonly spilled = new Map<string, vscode.Uri[]>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly documents: PromptDocuments,
    private readonly log: Log,
  ) {
    this.disposables = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, TYPING_DELAY_MS);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** Re-checks every open prompt and tests document (settings or a sibling file changed). */
  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!isPromptDocument(document) && !isTestsDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(document).catch((err) => this.log.error(`Checking ${document.uri.fsPath} failed: ${errorMessage(err)}`));
      }, delayMs),
    );
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const version = document.version;
    let problems: Problem[];
    if (isPromptDocument(document)) {
      problems = this.documents.prompt(document).problems;
      // A prompt edit can make its tests' vars right or wrong.
      const tests = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === testsPathFor(document.uri.fsPath));
      if (tests) this.schedule(tests, 0);
    } else {
      problems = (await this.documents.suiteInDocument(document)).problems;
    }
    if (document.isClosed || document.version !== version) return;
    this.publish(document.uri, problems);
  }

  private publish(uri: vscode.Uri, problems: Problem[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>([[uri.fsPath, []]]);
    for (const p of problems) {
      const file = p.file || uri.fsPath;
      const list = byFile.get(file) ?? [];
      list.push(toDiagnostic(p));
      byFile.set(file, list);
    }
    for (const old of this.spilled.get(uri.toString()) ?? []) this.collection.delete(old);
    const spilled: vscode.Uri[] = [];
    for (const [file, diagnostics] of byFile) {
      const target = file === uri.fsPath ? uri : vscode.Uri.file(file);
      this.collection.set(target, diagnostics);
      if (target !== uri) spilled.push(target);
    }
    this.spilled.set(uri.toString(), spilled);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(uri);
    for (const old of this.spilled.get(key) ?? []) this.collection.delete(old);
    this.spilled.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

function toDiagnostic(p: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toVsRange(p.range), p.hint ? `${p.message}\n${p.hint}` : p.message, SEVERITY[p.severity]);
  d.source = 'promptops';
  d.code = p.code;
  return d;
}
