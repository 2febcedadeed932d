// Time to compute the per-message token hints of a 100 KB prompt, as the editor does after a pause in typing:
// parse the document (`parsePrompt`) and count each `{{role}}` block (`blockTokens`). Prints the cold first
// computation, a recount of unchanged text, and the realistic case: a recount after one keystroke mid-file.
//   node --import tsx bench/tokenHints.ts
import { performance } from 'node:perf_hooks';
import { parsePrompt } from '../src/core/promptFile';
import { blockTokens } from '../src/extension/blockTokens';
import { median } from './timing';

const TARGET_MS = 30;
const RUNS = 30;

function samplePrompt(bytes: number): string {
  const head = ['---', 'model: claude-sonnet-4-5', 'input:', '  schema:', '    customer: string', '    ticket: string', '---'].join('\n');
  const paragraph =
    'When a customer writes about {{customer}}, read the ticket carefully, check the policy section that applies, ' +
    'and answer in plain words. Quote order numbers exactly; never invent dates, prices or promises. ';
  const blocks: string[] = [];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const block = `${i % 2 === 0 ? '{{role "system"}}' : '{{role "user"}}'}\nSection ${i}: ${paragraph.repeat(40)}\nTicket: {{ticket}}\n`;
    blocks.push(block);
    size += block.length;
  }
  return `${head}\n${blocks.join('')}`;
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const source = samplePrompt(100 * 1024);
const hints = (text: string) => blockTokens(parsePrompt('/bench/big.prompt', text));
const cold = time(() => hints(source));
const unchanged = median(Array.from({ length: RUNS }, () => time(() => hints(source))));
const keystroke = median(
  Array.from({ length: RUNS }, (_, i) => {
    const at = (source.length >> 1) + i * 97;
    const edited = `${source.slice(0, at)}x${source.slice(at)}`;
    return time(() => hints(edited));
  }),
);
const blocks = hints(source).length;
console.log(`token hints for a ${(source.length / 1024).toFixed(0)} KB prompt (${blocks} role blocks), target ≤ ${TARGET_MS} ms`);
console.log(`  cold (tokenizer load + first count): ${cold.toFixed(1)} ms`);
console.log(`  unchanged text, median of ${RUNS}:    ${unchanged.toFixed(2)} ms (${(unchanged / TARGET_MS).toFixed(2)}× target)`);
console.log(`  after one keystroke, median of ${RUNS}: ${keystroke.toFixed(2)} ms (${(keystroke / TARGET_MS).toFixed(2)}× target)`);
