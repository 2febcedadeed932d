import * as vscode from 'vscode';

export const UNTRUSTED_REASON =
  'PromptOps runs no prompt or test in an untrusted workspace: a run sends the workspace\'s files to a model and may execute its `javascript` assertions.';

const MANAGE_TRUST = 'Manage Workspace Trust';

/** True when runs may start; otherwise says why, with a way to grant trust, and answers false. */
export function mayRun(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(UNTRUSTED_REASON, MANAGE_TRUST).then((picked) => {
    if (picked === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
