import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE, DEFAULT_CONFIG, loadProjectConfig, mergeConfig } from '../core/config';
import type { ProjectConfig } from '../core/types';
import type { Log } from './log';

export const SECTION = 'promptops';

/**
 * The folder a file belongs to: its workspace folder, else its own directory (a prompt opened from outside);
 * an untitled document belongs to the first workspace folder.
 */
export function workspaceRootFor(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  if (folder) return folder;
  if (uri.scheme === 'file') return path.dirname(uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
}

/**
 * The project's settings for a file: `promptops.config.yaml` at its workspace root, overlaid with the
 * `promptops.*` settings the user actually set (a VS Code default must not hide a value from the YAML file,
 * which the CLI reads too). Cached per root; `onDidChange` fires when either source changes.
 */
export class Settings implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<ProjectConfig>>();
  private readonly snapshots = new Map<string, ProjectConfig>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const invalidate = () => this.invalidate();
    this.disposables.push(
      watcher,
      watcher.onDidChange(invalidate),
      watcher.onDidCreate(invalidate),
      watcher.onDidDelete(invalidate),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) invalidate();
      }),
      // Restricted settings (the base URL) are read from the workspace only once it is trusted.
      vscode.workspace.onDidGrantWorkspaceTrust(invalidate),
    );
  }

  /** The project config for the file's workspace root. */
  configFor(uri: vscode.Uri): Promise<ProjectConfig> {
    const root = workspaceRootFor(uri);
    let pending = this.cache.get(root);
    if (!pending) {
      pending = this.load(root, uri);
      this.cache.set(root, pending);
    }
    return pending;
  }

  /**
   * The last loaded config, for synchronous callers on the typing path (completion, parsing); starts a load
   * and answers the defaults with the settings overlaid until the YAML file has been read.
   */
  configSnapshot(uri: vscode.Uri): ProjectConfig {
    const root = workspaceRootFor(uri);
    const known = this.snapshots.get(root);
    if (known) return known;
    void this.configFor(uri);
    return mergeConfig(DEFAULT_CONFIG, fromSettings(uri));
  }

  /** A setting of ours that has no counterpart in `promptops.config.yaml`. */
  editorSetting<T>(key: string, uri?: vscode.Uri): T | undefined {
    return vscode.workspace.getConfiguration(SECTION, uri).get<T>(key);
  }

  private async load(root: string, uri: vscode.Uri): Promise<ProjectConfig> {
    const { config, problems } = await loadProjectConfig(root);
    for (const p of problems) this.log.warn(`${p.file}:${p.range.start.line}:${p.range.start.column}: ${p.message} ${p.hint ?? ''}`);
    const merged = mergeConfig(config, fromSettings(uri));
    this.snapshots.set(root, merged);
    // Answers given from the provisional snapshot (e.g. which models have a price) may differ from the file's.
    if (config !== DEFAULT_CONFIG) this.changed.fire();
    return merged;
  }

  private invalidate(): void {
    this.cache.clear();
    this.snapshots.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function fromSettings(uri: vscode.Uri): Partial<ProjectConfig> {
  const cfg = vscode.workspace.getConfiguration(SECTION, uri);
  const budget = explicit<number | null>(cfg, 'budget.perRunUsd');
  return {
    defaultModel: explicit<string>(cfg, 'defaultModel') || undefined,
    judgeModel: explicit<string>(cfg, 'judgeModel') || undefined,
    concurrency: explicit<number>(cfg, 'concurrency'),
    maxCostUsd: budget === null ? undefined : budget,
    // In an untrusted workspace VS Code answers only the user's own value of this restricted setting.
    baseURL: (vscode.workspace.isTrusted ? explicit<string | null>(cfg, 'baseUrl') : cfg.inspect<string | null>('baseUrl')?.globalValue) || undefined,
    defaultMaxTokens: explicit<number>(cfg, 'defaultMaxTokens'),
    requestTimeoutSeconds: explicit<number>(cfg, 'requestTimeoutSeconds'),
    pricing: explicit<ProjectConfig['pricing']>(cfg, 'pricing'),
  };
}

// Only values someone wrote in a settings file; `get` would also answer the manifest's defaults.
function explicit<T>(cfg: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const i = cfg.inspect<T>(key);
  return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
}
