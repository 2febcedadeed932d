import * as vscode from 'vscode';
import { registerCommand } from './commands';
import type { Log } from './log';

const API_KEY_SECRET = 'promptops.anthropicApiKey';
const ENV_KEY = 'ANTHROPIC_API_KEY';

export interface ApiKey {
  value: string;
  source: 'secret storage' | 'environment';
}

/**
 * The Anthropic API key: VS Code's SecretStorage first (set by `PromptOps: Set API Key`), else the
 * `ANTHROPIC_API_KEY` environment variable. The value is handed to the provider and nowhere else.
 */
export class ApiKeys implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === API_KEY_SECRET) this.changed.fire();
    });
  }

  async get(): Promise<ApiKey | undefined> {
    const stored = await this.secrets.get(API_KEY_SECRET);
    if (stored) return { value: stored, source: 'secret storage' };
    const env = process.env[ENV_KEY]?.trim();
    return env ? { value: env, source: 'environment' } : undefined;
  }

  set(value: string): Thenable<void> {
    return this.secrets.store(API_KEY_SECRET, value);
  }

  clear(): Thenable<void> {
    return this.secrets.delete(API_KEY_SECRET);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** `PromptOps: Set API Key` (an argument skips the input box, for scripted use) and `Clear API Key`. */
export function registerApiKeyCommands(keys: ApiKeys, log: Log): vscode.Disposable[] {
  return [
    registerCommand('promptops.setApiKey', async (given?: unknown) => {
      const value =
        typeof given === 'string'
          ? given.trim()
          : (
              await vscode.window.showInputBox({
                title: 'PromptOps: Anthropic API key',
                prompt: 'Stored in VS Code\'s secret storage, never in settings, logs or .promptops/.',
                placeHolder: 'sk-ant-…',
                password: true,
                ignoreFocusOut: true,
                validateInput: (v) => (v.trim() ? undefined : 'Paste the key from the Anthropic Console.'),
              })
            )?.trim();
      if (!value) return false;
      await keys.set(value);
      log.info('API key saved in secret storage.');
      void vscode.window.showInformationMessage('PromptOps: API key saved in VS Code\'s secret storage.');
      return true;
    }, log),
    registerCommand('promptops.clearApiKey', async () => {
      await keys.clear();
      const fallback = process.env[ENV_KEY] ? ` ${ENV_KEY} from the environment is used from now on.` : '';
      log.info('API key removed from secret storage.');
      void vscode.window.showInformationMessage(`PromptOps: API key removed from secret storage.${fallback}`);
    }, log),
  ];
}
