import * as vscode from 'vscode';
import { PromptCodeLenses } from './codeLens';
import { uriArgument } from './commandArgs';
import { PromptCompletions } from './completion';
import { ProblemDiagnostics } from './diagnostics';
import { HistoryView } from './historyView';
import { PromptHovers } from './hover';
import { errorMessage, Log } from './log';
import { PromptDocuments } from './promptDocuments';
import { PromptsTree } from './promptsTree';
import { PromptTokens } from './promptTokens';
import { PromptRunner } from './runPrompt';
import { RunView } from './runView';
import { ApiKeys, registerApiKeyCommands } from './secrets';
import { Settings } from './settings';
import { SpendStatus } from './statusBar';
import { PromptTesting } from './testing';
import { TokenHints } from './tokenHints';
import { VersionDocuments } from './versionDocuments';

export function activate(context: vscode.ExtensionContext): void {
  try {
    realActivate(context);
  } catch (err) {
    // A failed activation is otherwise silent: every feature just never appears.
    void vscode.window.showErrorMessage(`PromptOps failed to start: ${errorMessage(err)}`);
    throw err;
  }
}

/**
 * Wires the features together. Nothing here scans the workspace: the Testing view and the Prompts tree
 * discover prompts when they are first shown, language features work on the open documents, and the status
 * bar reads the tail of today's trace log a second after start.
 */
function realActivate(context: vscode.ExtensionContext): void {
  const log = new Log();
  const settings = new Settings(log);
  const keys = new ApiKeys(context.secrets);
  const documents = new PromptDocuments(settings);
  const tokens = new PromptTokens(documents, settings, keys, log);
  const diagnostics = new ProblemDiagnostics(documents, log);
  const lenses = new PromptCodeLenses(documents, tokens, settings);
  const hints = new TokenHints(documents, settings);
  const runView = new RunView();
  const runner = new PromptRunner(documents, settings, keys, runView, log);
  const testing = new PromptTesting(settings, keys, context.workspaceState, log);
  const prompts = new PromptsTree(testing.tree, log);
  const spend = new SpendStatus(settings, log);
  const versions = new VersionDocuments();
  const history = new HistoryView(context.extensionUri, settings, keys, versions, log);

  context.subscriptions.push(
    log,
    settings,
    keys,
    documents,
    tokens,
    diagnostics,
    ...lenses.register(),
    ...hints.register(),
    new PromptCompletions(documents, settings).register(),
    new PromptHovers(documents, settings).register(),
    runView,
    ...runner.register(),
    testing,
    ...testing.register(),
    ...prompts.register(testing.onDidFinishRun),
    spend,
    runner.onDidFinish(() => {
      spend.schedule();
      tokens.forgetHistory();
    }),
    testing.onDidFinishRun(() => {
      spend.schedule();
      tokens.forgetHistory();
    }),
    testing.tree.onDidChange(() => {
      lenses.refresh();
      diagnostics.refreshAll();
    }),
    settings.onDidChange(() => diagnostics.refreshAll()),
    versions.register(),
    history,
    ...history.register(),
    ...registerApiKeyCommands(keys, log),
    vscode.commands.registerCommand('promptops.showLog', () => log.show()),
    vscode.commands.registerCommand('promptops.showHistory', async (arg?: unknown) => {
      // The panel follows the active editor, so showing the prompt first selects it there.
      const uri = uriArgument(arg);
      if (uri) await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
      await vscode.commands.executeCommand('promptops.history.focus');
    }),
  );
  log.info(`PromptOps ${context.extension.packageJSON.version as string} activated (${vscode.workspace.isTrusted ? 'trusted' : 'untrusted: runs disabled'} workspace).`);
}
