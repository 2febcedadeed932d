import * as vscode from 'vscode';
import { errorMessage, Log } from './log';
import { Shell } from './shell';

/**
 * Cheap by design: only the shell (commands, Testing controller, views standing in for the features) is set
 * up here; the core and the language features load from dist/features.js when a prompt is open or a view
 * or command first needs them.
 */
export function activate(context: vscode.ExtensionContext): void {
  try {
    const log = new Log();
    context.subscriptions.push(log, new Shell(context, log));
  } catch (err) {
    // A failed activation is otherwise silent: every feature just never appears.
    void vscode.window.showErrorMessage(`PromptOps failed to start: ${errorMessage(err)}`);
    throw err;
  }
}
