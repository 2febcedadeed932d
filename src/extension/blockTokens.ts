// Per-message token counts of a prompt as written, for the hints beside each `{{role}}` marker. No vscode
// import: the same function runs in the editor and in bench/ scripts. The text of each block is counted
// as written (variables unrendered), so a count is ready within the typing pause without rendering the
// template; the estimator re-encodes only the changed chunks of a large block.
import { LineIndex } from '../core/problems';
import { estimateTextTokens } from '../core/tokens';
import type { MessageBlock, PromptFile } from '../core/types';

const MARKER = /\{\{~?\s*(?:role\s+(?:"[^"]*"|'[^']*')|history)\s*~?\}\}/y;

export interface BlockTokens {
  role: MessageBlock['role'];
  /** 0-based line of the block's marker (or first line, for the implicit user block). */
  line: number;
  tokens: number;
}

export function blockTokens(prompt: PromptFile): BlockTokens[] {
  const index = new LineIndex(prompt.source);
  const offsetOf = (p: { line: number; column: number }) => index.lineStart(p.line) + p.column - 1;
  return prompt.messages.map((block) => {
    const start = offsetOf(block.range.start);
    const end = offsetOf(block.range.end);
    // The marker itself is not sent.
    MARKER.lastIndex = start;
    const textStart = Math.min(end, MARKER.test(prompt.source) ? MARKER.lastIndex : start);
    return { role: block.role, line: block.range.start.line - 1, tokens: estimateTextTokens(prompt.source.slice(textStart, end)) };
  });
}
