import { chooseProvider as chooseCoreProvider } from '../core/providerChoice';
import { recordingsPathFor } from '../core/providers/recording';
import type { ProjectConfig, Provider } from '../core/types';
import type { Log } from './log';
import { SET_KEY_ADVICE } from './providerErrors';
import type { ApiKeys } from './secrets';

export type ProviderChoice =
  | { ok: true; provider: Provider; label: string; secrets: string[] }
  | { ok: false; message: string };

/**
 * The core's choice (live Anthropic when a key is set, else the recordings beside the prompts, else an error)
 * with the key from VS Code's secret storage and the base URL from the settings or the environment.
 */
export async function chooseProvider(options: { config: ProjectConfig; keys: ApiKeys; log: Log; promptPaths: string[] }): Promise<ProviderChoice> {
  const key = await options.keys.get();
  const choice = chooseCoreProvider({
    apiKey: key?.value,
    baseURL: options.config.baseURL ?? (process.env.ANTHROPIC_BASE_URL || undefined),
    timeoutMs: options.config.requestTimeoutSeconds * 1000,
    recordingFiles: options.promptPaths.map(recordingsPathFor),
    logger: options.log,
  });
  if (!choice.ok) return { ok: false, message: `${choice.message} ${SET_KEY_ADVICE}` };
  const label = choice.kind === 'anthropic' ? `Anthropic API (key from ${key?.source})` : 'recorded sample answers (no API key set)';
  return { ok: true, provider: choice.provider, label, secrets: key ? [key.value] : [] };
}
