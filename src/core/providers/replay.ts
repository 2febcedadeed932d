// The offline provider: answers a request from the recordings stored beside the prompts, always flagged
// `recorded` (and with the recording's source) so no view can mistake it for a live model's answer.
import path from 'node:path';
import { requestKey } from '../hash';
import type { Logger, Provider, ProviderResult } from '../types';
import { loadRecordings, type RecordingLine } from './recording';

export interface ReplayProviderOptions {
  recordingFiles: readonly string[];
  /** Receives a warning per skipped line or unreadable file. */
  logger?: Logger;
}

export function createReplayProvider(options: ReplayProviderOptions): Provider {
  let loaded: Promise<Map<string, RecordingLine>> | undefined;
  const recordings = (): Promise<Map<string, RecordingLine>> =>
    (loaded ??= loadRecordings(options.recordingFiles).then(({ recordings, problems }) => {
      for (const p of problems) options.logger?.warn(`${p.file}:${p.range.start.line}:${p.range.start.column}: ${p.message}`);
      return recordings;
    }));

  return {
    id: 'replay',
    async complete(request, callOptions = {}): Promise<ProviderResult> {
      if (callOptions.signal?.aborted) {
        return { ok: false, error: { type: 'aborted', retryable: false, message: 'Cancelled.' }, latencyMs: 0 };
      }
      const key = requestKey(request);
      const found = (await recordings()).get(key);
      if (!found) {
        const where = options.recordingFiles.length ? options.recordingFiles.map((f) => path.basename(f)).join(', ') : 'no recordings file';
        return {
          ok: false,
          error: {
            type: 'no_recording',
            retryable: false,
            message: `No recording for this request (model ${request.model}, key ${key.slice(0, 12)}) in ${where}; the prompt, its variables or settings changed since it was recorded. Run with --provider anthropic --record to record one.`,
          },
          latencyMs: 0,
        };
      }
      callOptions.onText?.(found.text);
      return {
        ok: true,
        response: {
          text: found.text,
          model: found.model,
          stopReason: found.stopReason ?? 'end_turn',
          usage: found.usage,
          latencyMs: found.latencyMs ?? 0,
          recorded: true,
          recordingSource: found.source,
        },
      };
    },
  };
}
