import * as vscode from 'vscode';

/**
 * The file a command was invoked on: a Uri (CodeLens, editor title, scripts) or a tree element carrying one
 * (the Prompts view's context menu passes its element).
 */
export function uriArgument(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const uri = (arg as { uri?: unknown } | undefined)?.uri;
  return uri instanceof vscode.Uri ? uri : undefined;
}
