import * as vscode from 'vscode';

const PROMPT_LANGUAGE = 'promptops-prompt';
export const PROMPT_SELECTOR: vscode.DocumentSelector = { language: PROMPT_LANGUAGE };

export function isPromptDocument(document: vscode.TextDocument): boolean {
  return document.languageId === PROMPT_LANGUAGE;
}

export function isTestsDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && document.uri.fsPath.endsWith('.tests.yaml');
}
