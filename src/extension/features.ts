// Everything that needs the core (parsing, rendering, tokens, providers, runner, stores): bundled apart as
// dist/features.js and loaded by the shell when first needed, so activation itself stays cheap.
import * as vscode from 'vscode';
import { PromptCodeLenses } from './codeLens';
import { uriArgument } from './commandArgs';
import { registerCommand } from './commands';
import { PromptCompletions } from './completion';
import { ProblemDiagnostics } from './diagnostics';
import { HistoryView } from './historyView';
import { PromptHovers } from './hover';
import type { Log } from './log';
import { PromptDocuments } from './promptDocuments';
import { PromptsTree } from './promptsTree';
import { PromptTokens } from './promptTokens';
import { PromptRunner } from './runPrompt';
import { RunView } from './runView';
import { ApiKeys, registerApiKeyCommands } from './secrets';
import { Settings } from './settings';
import type { Shell } from './shell';
import { SpendStatus } from './statusBar';
import { PromptTesting } from './testing';
import { TokenHints } from './tokenHints';
import { VersionDocuments } from './versionDocuments';

export interface Features {
  testing: PromptTesting;
  prompts: PromptsTree;
}

export function createFeatures(context: vscode.ExtensionContext, log: Log, shell: Shell): Features {
  const settings = new Settings(log);
  const keys = new ApiKeys(context.secrets);
  const documents = new PromptDocuments(settings);
  const tokens = new PromptTokens(documents, settings, keys, log);
  const diagnostics = new ProblemDiagnostics(documents, log);
  const lenses = new PromptCodeLenses(documents, tokens, settings);
  const hints = new TokenHints(documents, settings);
  const runView = new RunView();
  const runner = new PromptRunner(documents, settings, keys, runView, log);
  const testing = new PromptTesting(shell.testController, settings, keys, context.workspaceState, log);
  const prompts = new PromptsTree(testing.tree, log);
  const spend = new SpendStatus(settings, log);
  const versions = new VersionDocuments();
  const history = new HistoryView(context.extensionUri, settings, keys, versions, log);

  // The shell's stand-in commands step aside in the same tick as the real registrations below.
  shell.handOver();
  context.subscriptions.push(
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
    prompts.onDidChangeTreeData(() => shell.promptsChanged.fire()),
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
    registerCommand('promptops.showLog', () => log.show(), log),
    registerCommand('promptops.showHistory', async (arg?: unknown) => {
      // The panel follows the active editor, so showing the prompt first selects it there.
      const uri = uriArgument(arg);
      if (uri) await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
      await vscode.commands.executeCommand('promptops.history.focus');
    }, log),
  );
  log.info(`PromptOps features loaded (${vscode.workspace.isTrusted ? 'trusted' : 'untrusted: runs disabled'} workspace).`);
  return { testing, prompts };
}
