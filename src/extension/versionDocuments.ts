import * as path from 'node:path';
import * as vscode from 'vscode';
import { readPromptAt, WORKING, type PromptVersion } from '../core/history/versions';

const SCHEME = 'promptops-version';

/**
 * Read-only documents holding a prompt as it was at a commit, so VS Code's own diff editor can show two
 * versions side by side. The working copy is the file itself.
 */
export class VersionDocuments implements vscode.TextDocumentContentProvider {
  private readonly known = new Map<string, PromptVersion>();

  register(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  }

  uriFor(promptPath: string, version: PromptVersion): vscode.Uri {
    if (version.commit === WORKING) return vscode.Uri.file(promptPath);
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${version.shortSha}/${path.basename(version.path)}`, query: version.commit });
    this.known.set(uri.toString(), version);
    return uri;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const version = this.known.get(uri.toString());
    if (!version) return `This version is no longer listed: reopen the prompt's history.`;
    const read = await readPromptAt(version);
    return read.ok ? read.text : `Could not read ${version.path} at ${version.shortSha}: ${read.error}`;
  }

  /** Opens the diff editor on two versions of a prompt, older on the left. */
  async showDiff(promptPath: string, before: PromptVersion, after: PromptVersion): Promise<void> {
    const title = `${path.basename(promptPath)} (${before.shortSha} ↔ ${after.shortSha})`;
    await vscode.commands.executeCommand('vscode.diff', this.uriFor(promptPath, before), this.uriFor(promptPath, after), title, {
      preview: true,
      viewColumn: vscode.ViewColumn.Active,
    });
  }
}
