import { createHash } from 'node:crypto';
import type { LlmRequest } from './types';

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of a file's text with line endings normalised, so a CRLF checkout is the same version. */
export function contentHash(text: string): string {
  return sha256(text.replace(/\r\n?/g, '\n'));
}

/** JSON with object keys sorted at every level and `undefined` dropped: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

// Bump when the meaning of a request changes (e.g. a new field mapped to the API), so old cache entries and recordings stop matching.
const REQUEST_KEY_VERSION = 'v1';

/** Identity of a rendered request: the cache key, the replay key and the dedup key. Holds no secret. */
export function requestKey(request: LlmRequest): string {
  return sha256(`${REQUEST_KEY_VERSION}\n${canonicalJson(request)}`);
}
