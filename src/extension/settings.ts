import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE, DEFAULT_CONFIG, loadProjectConfig, mergeConfig } from '../core/config';
import { formatProblem } from '../core/problems';
import { ResponseCache } from '../core/store/responseCache';
import { storePaths } from '../core/store/storeDir';
import type { ProjectConfig } from '../core/types';
import { findWorkspaceRoot } from '../core/workspaceRoot';
import type { Log } from './log';

export const SECTION = 'promptops';

// Asked on the typing path, so each folder's answer is kept until a config file appears or goes.
const roots = new Map<string, string>();
// Every root answered so far, kept across config changes: its store still holds what was written there.
const seen = new Set<string>();

/**
 * The workspace root of a file, as the CLI finds it (`findWorkspaceRoot`: the nearest `promptops.config.yaml`,
 * else the Git work tree, else the file's folder), so both write the same `.promptops/`. An untitled document
 * belongs to the first workspace folder's root.
 */
export function workspaceRootFor(uri: vscode.Uri): string {
  const start = uri.scheme === 'file' ? path.dirname(uri.fsPath) : (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir());
  let root = roots.get(start);
  if (root === undefined) {
    root = findWorkspaceRoot(start);
    roots.set(start, root);
    seen.add(root);
  }
  return root;
}

/** The roots of the workspace folders and of every file asked about so far: where `.promptops/` stores may be. */
export function knownWorkspaceRoots(): string[] {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme === 'file') seen.add(findWorkspaceRoot(folder.uri.fsPath));
  }
  return [...seen];
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
      // Answers that depend on trust (e.g. the restricted base URL setting) are recomputed once it is granted.
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

  /** The response cache of a workspace root, unless `promptops.cache.enabled` turns it off. */
  responseCache(root: string, secrets: readonly string[]): ResponseCache | undefined {
    if (this.editorSetting<boolean>('cache.enabled', vscode.Uri.file(root)) === false) return undefined;
    return new ResponseCache(storePaths(root).cache, { secrets });
  }

  private async load(root: string, uri: vscode.Uri): Promise<ProjectConfig> {
    const { config, problems } = await loadProjectConfig(root);
    for (const p of problems) this.log.warn(formatProblem(p));
    const merged = mergeConfig(config, fromSettings(uri));
    this.snapshots.set(root, merged);
    // Answers given from the provisional snapshot (e.g. which models have a price) may differ from the file's.
    if (config !== DEFAULT_CONFIG) this.changed.fire();
    return merged;
  }

  private invalidate(): void {
    roots.clear();
    this.cache.clear();
    this.snapshots.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The `promptops.baseUrl` the user set, if any. */
export function baseUrlSetting(uri?: vscode.Uri): string | undefined {
  const cfg = vscode.workspace.getConfiguration(SECTION, uri);
  // In an untrusted workspace VS Code answers only the user's own value of this restricted setting.
  return (vscode.workspace.isTrusted ? explicit<string | null>(cfg, 'baseUrl') : cfg.inspect<string | null>('baseUrl')?.globalValue) || undefined;
}

// Not the base URL: `chooseProvider` resolves it when a provider is made, since the environment ranks between
// the setting and the file (`resolveBaseUrl`).
function fromSettings(uri: vscode.Uri): Partial<ProjectConfig> {
  const cfg = vscode.workspace.getConfiguration(SECTION, uri);
  const budget = explicit<number | null>(cfg, 'budget.perRunUsd');
  return {
    defaultModel: explicit<string>(cfg, 'defaultModel') || undefined,
    judgeModel: explicit<string>(cfg, 'judgeModel') || undefined,
    concurrency: explicit<number>(cfg, 'concurrency'),
    maxCostUsd: budget === null ? undefined : budget,
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
