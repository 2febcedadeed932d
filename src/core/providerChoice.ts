import { existsSync } from 'node:fs';
import { createAnthropicProvider } from './providers/anthropic';
import { createReplayProvider } from './providers/replay';
import type { Logger, Provider } from './types';

export type ProviderKind = 'anthropic' | 'replay';

export interface ProviderChoiceInput {
  /** What the user asked for; undefined = decide from the key and the recordings. */
  requested?: ProviderKind;
  apiKey?: string;
  baseURL?: string;
  /** How long one API request may take (the config's `requestTimeoutSeconds`). */
  timeoutMs?: number;
  /** Recording files of the prompts about to run, existing or not. */
  recordingFiles: readonly string[];
  logger?: Logger;
}

export type ProviderChoice =
  | { ok: true; kind: ProviderKind; provider: Provider; /** Shown to the user when the choice was made for them. */ notice?: string }
  | { ok: false; message: string; hint: string };

export const SET_KEY_HINT =
  'Set ANTHROPIC_API_KEY (e.g. `export ANTHROPIC_API_KEY=sk-ant-…`; in VS Code run "PromptOps: Set API Key"), or record answers once with --record.';

/**
 * The Anthropic API base URL, one rule for the CLI and the extension: an editor setting (VS Code's
 * `promptops.baseUrl`) > `ANTHROPIC_BASE_URL` > `baseURL` in `promptops.config.yaml` > the SDK's default.
 */
export function resolveBaseUrl(sources: { setting?: string; fromFile?: string; env?: NodeJS.ProcessEnv }): string | undefined {
  return sources.setting || (sources.env ?? process.env).ANTHROPIC_BASE_URL || sources.fromFile || undefined;
}

/** `anthropic` when a key is set, else `replay` when recordings exist, else an error saying how to get either. */
export function chooseProvider(input: ProviderChoiceInput): ProviderChoice {
  const recordings = input.recordingFiles.filter((f) => existsSync(f));
  const live = (): ProviderChoice =>
    input.apiKey
      ? { ok: true, kind: 'anthropic', provider: createAnthropicProvider({ apiKey: input.apiKey, baseURL: input.baseURL, timeoutMs: input.timeoutMs, logger: input.logger }) }
      : { ok: false, message: 'No Anthropic API key: ANTHROPIC_API_KEY is not set.', hint: SET_KEY_HINT };
  const replay = (notice?: string): ProviderChoice =>
    recordings.length
      ? { ok: true, kind: 'replay', provider: createReplayProvider({ recordingFiles: recordings }), notice }
      : {
          ok: false,
          message: 'No recordings to replay for these prompts (no <name>.recordings.jsonl beside them).',
          hint: 'Record answers with `promptops eval --provider anthropic --record` (needs ANTHROPIC_API_KEY).',
        };

  if (input.requested === 'anthropic') return live();
  if (input.requested === 'replay') return replay();
  if (input.apiKey) return live();
  if (recordings.length) return replay('offline: replaying recorded answers, no live calls (no ANTHROPIC_API_KEY set)');
  return { ok: false, message: 'No Anthropic API key, and no recorded answers for these prompts.', hint: SET_KEY_HINT };
}
