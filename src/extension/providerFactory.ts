import * as vscode from 'vscode';
import { chooseProvider as chooseCoreProvider, resolveBaseUrl } from '../core/providerChoice';
import { recordingsPathFor } from '../core/providers/recording';
import type { ProjectConfig, Provider } from '../core/types';
import type { Log } from './log';
import { SET_KEY_ADVICE } from './providerErrors';
import type { ApiKeys } from './secrets';
import { baseUrlSetting } from './settings';

export type ProviderChoice =
  | { ok: true; provider: Provider; label: string; secrets: string[] }
  | { ok: false; message: string };

/**
 * The core's choice (live Anthropic when a key is set, else the recordings beside the prompts, else an error)
 * with the key from VS Code's secret storage and the base URL by the shared rule (`resolveBaseUrl`), read when the
 * provider is made.
 */
export async function chooseProvider(options: { config: ProjectConfig; keys: ApiKeys; log: Log; promptPaths: string[] }): Promise<ProviderChoice> {
  const key = await options.keys.get();
  const [at] = options.promptPaths;
  const choice = chooseCoreProvider({
    apiKey: key?.value,
    baseURL: resolveBaseUrl({ setting: baseUrlSetting(at ? vscode.Uri.file(at) : undefined), fromFile: options.config.baseURL }),
    timeoutMs: options.config.requestTimeoutSeconds * 1000,
    recordingFiles: options.promptPaths.map(recordingsPathFor),
    logger: options.log,
  });
  if (!choice.ok) return { ok: false, message: `${choice.message} ${SET_KEY_ADVICE}` };
  const label = choice.kind === 'anthropic' ? `Anthropic API (key from ${key?.source})` : 'recorded answers (no API key set)';
  return { ok: true, provider: choice.provider, label, secrets: key ? [key.value] : [] };
}
