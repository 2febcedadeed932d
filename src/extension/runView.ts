import * as vscode from 'vscode';

const RUN_SCHEME = 'promptops-run';
const REFRESH_MS = 80;

/** One run's page: a header, the answer as it streams, and a footer with tokens, cost, latency and trace id. */
export interface RunPage {
  readonly uri: vscode.Uri;
  append(text: string): void;
  finish(footer: string): void;
  /** Fires when the user closes the page (the run is cancelled then). */
  readonly closed: vscode.Event<void>;
}

/**
 * The run view: read-only virtual documents beside the editor, one per run, updated as the answer streams.
 * Updates are batched so a fast stream repaints the editor a dozen times a second, not per token.
 */
export class RunView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly pages = new Map<string, { header: string; body: string; footer: string; closed: vscode.EventEmitter<void> }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private counter = 0;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(RUN_SCHEME, this),
      // Closing the tab is what the user does; the document itself is released only some time later.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          const uri = runPageUri(tab);
          if (uri && !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => runPageUri(t)?.toString() === uri.toString()))) this.close(uri);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.close(d.uri)),
    ];
  }

  private close(uri: vscode.Uri): void {
    const page = uri.scheme === RUN_SCHEME ? this.pages.get(uri.toString()) : undefined;
    if (!page) return;
    page.closed.fire();
    page.closed.dispose();
    this.pages.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const page = this.pages.get(uri.toString());
    return page ? `${page.header}${page.body}${page.footer}` : 'This run has ended and its page was closed. Its trace is in .promptops/traces/.';
  }

  /** Opens a new page beside the active editor. */
  async open(title: string, header: string): Promise<RunPage> {
    const uri = vscode.Uri.from({ scheme: RUN_SCHEME, path: `/${title.replace(/[\\/]/g, '-')}.md`, query: `run=${++this.counter}` });
    const key = uri.toString();
    const page = { header, body: '', footer: '', closed: new vscode.EventEmitter<void>() };
    this.pages.set(key, page);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    return {
      uri,
      closed: page.closed.event,
      append: (text) => {
        page.body += text;
        this.schedule(key);
      },
      finish: (footer) => {
        page.footer = footer;
        this.schedule(key);
      },
    };
  }

  private schedule(key: string): void {
    this.pending.add(key);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      for (const k of this.pending) this.changed.fire(vscode.Uri.parse(k));
      this.pending.clear();
    }, REFRESH_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const page of this.pages.values()) page.closed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function runPageUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === RUN_SCHEME ? tab.input.uri : undefined;
}
