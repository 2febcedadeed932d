import * as vscode from 'vscode';
import { errorMessage, type Log } from './log';

/**
 * `vscode.commands.registerCommand` for every PromptOps command: whatever the handler throws is logged and shown
 * with "Show log", and the command resolves to undefined, so no failure rejects into the workbench as an
 * anonymous "command failed".
 */
// `never[]` admits handlers with any parameter list: they declare what VS Code passes them (a Uri from a
// CodeLens, a tree element, a script's values), which the API types as unknown.
export function registerCommand(id: string, handler: (...args: never[]) => unknown, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...(args as never[]));
    } catch (err) {
      void log.showError(`PromptOps: ${id} failed: ${errorMessage(err)}`);
      return undefined;
    }
  });
}
