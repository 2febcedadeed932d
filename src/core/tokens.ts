import type { LlmRequest } from './types';

/**
 * Offline token estimate of a rendered request, always approximate (show it with `≈`).
 *
 * Claude 3 and later use a tokenizer Anthropic has not published, so no library counts Claude tokens exactly
 * offline (the exact count comes from the API's `count_tokens`, see tokenCounter.ts). We count with a real BPE
 * tokenizer, OpenAI's cl100k_base through `gpt-tokenizer` (~80 ms to load cold against ~400 ms for js-tiktoken's
 * cl100k, and ~3× faster on 100 KB; o200k_base would take twice as long to load), then scale by
 * CLAUDE_CALIBRATION: Claude produces more tokens than cl100k for the same English text (published side-by-side
 * measurements put it at roughly 1.1–1.2×, more for code). The per-request, per-message and structured-output
 * allowances approximate what the Messages API adds around the text: Anthropic's documented `count_tokens`
 * example, a "Hello, Claude" user message, reports 14 tokens, which these constants reproduce.
 */
export const CLAUDE_CALIBRATION = 1.15;
const REQUEST_OVERHEAD = 7;
const MESSAGE_OVERHEAD = 3;
const SYSTEM_OVERHEAD = 3;
const OUTPUT_SCHEMA_OVERHEAD = 40;

export interface TokenEstimate {
  total: number;
  system: number;
  /** One count per message, in order, including its role overhead. */
  messages: number[];
  /** The structured-output schema's share (0 without `outputSchema`). */
  outputSchema: number;
  approximate: true;
}

type CountTokens = (text: string) => number;

let tokenizer: CountTokens | undefined;

// Loaded on first use and shared: the vocabulary costs ~80 ms to build and ~20 MB, so it is paid once per process
// and never at extension activation. A synchronous require keeps `estimateTokens` synchronous for keystroke handlers.
function rawTokenCount(text: string): number {
  if (!tokenizer) {
    const cl100k = require('gpt-tokenizer/encoding/cl100k_base') as typeof import('gpt-tokenizer/encoding/cl100k_base');
    // Text such as `<|endoftext|>` in a prompt is plain text to Claude, not a special token.
    const options = { disallowedSpecial: new Set<string>() };
    tokenizer = (t) => cl100k.countTokens(t, options);
  }
  return tokenizer(text);
}

// Long texts are counted in newline-aligned chunks with a per-chunk memo, so a keystroke in a 100 KB prompt
// re-encodes one chunk. Cutting after a run of line breaks matches where the cl100k pre-tokenizer splits anyway.
const CHUNK_TARGET = 1024;
const CHUNK_MAX = 4 * CHUNK_TARGET;
const MEMO_LIMIT = 2048;
const memo = new Map<string, number>();

function memoisedCount(chunk: string): number {
  const hit = memo.get(chunk);
  if (hit !== undefined) return hit;
  const n = rawTokenCount(chunk);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(chunk, n);
  return n;
}

function chunkEnd(text: string, start: number): number {
  if (text.length - start <= CHUNK_MAX) return text.length;
  const limit = start + CHUNK_MAX;
  let cut = text.indexOf('\n', start + CHUNK_TARGET);
  if (cut === -1 || cut >= limit) {
    cut = text.slice(start + CHUNK_TARGET, limit).search(/\s/);
    if (cut === -1) return safeCut(text, limit);
    return start + CHUNK_TARGET + cut;
  }
  while (cut < text.length && (text[cut] === '\n' || text[cut] === '\r')) cut++;
  return cut;
}

// Never split a surrogate pair: both halves would count as unknown bytes.
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at + 1 : at;
}

/** Approximate Claude tokens in a piece of text. */
export function estimateTextTokens(text: string): number {
  if (text.length === 0) return 0;
  let raw = 0;
  for (let start = 0; start < text.length; ) {
    const end = chunkEnd(text, start);
    raw += memoisedCount(text.slice(start, end));
    start = end;
  }
  return Math.ceil(raw * CLAUDE_CALIBRATION);
}

/** Approximate input tokens of a rendered request: total and per part, for the editor's per-message hints. */
export function estimateTokens(request: LlmRequest): TokenEstimate {
  const system = request.system ? SYSTEM_OVERHEAD + estimateTextTokens(request.system) : 0;
  const messages = request.messages.map((m) => MESSAGE_OVERHEAD + estimateTextTokens(m.content));
  const outputSchema = request.outputSchema ? OUTPUT_SCHEMA_OVERHEAD + estimateTextTokens(JSON.stringify(request.outputSchema)) : 0;
  const total = REQUEST_OVERHEAD + system + outputSchema + messages.reduce((a, b) => a + b, 0);
  return { total, system, messages, outputSchema, approximate: true };
}
