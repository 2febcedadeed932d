// Time to parse a 100 KB prompt with `parsePrompt` (what the editor reruns on every keystroke),
// bundled by esbuild as the extension ships it, against Handlebars' own parser on the same body
// (what `dotprompt` uses to render, and what the template scan replaces). Prints figures, asserts nothing.
//   node --import tsx bench/parse-prompt.ts
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { parsePrompt as ParsePrompt } from '../src/core/promptFile';
import { median } from './timing';

const TARGET_MS = 10;
const RUNS = 200;
const FRONT_MATTER = [
  '---',
  'model: anthropic/claude-sonnet-4-5',
  'config: { maxOutputTokens: 800, temperature: 0.2 }',
  'input:',
  '  schema:',
  '    name: string',
  '    flag?: boolean',
  '    user(object): { email: string }',
  '    items(array): { title: string }',
  '---',
  '',
].join('\n');
const PROSE = 'Describe the task in detail, with examples: "foo", \'bar\', {braces} and <tags>.\n';

/** ~100 KB: a role block with variables, if and each every `every` lines of prose. */
function prompt(every: number): string {
  let body = '';
  for (let i = 0; body.length < 100_000; i++) {
    if (i % every === 0) body += '{{role "user"}}\nHello {{name}}, {{#if flag}}{{user.email}}{{/if}}\n{{#each items}}- {{title}} {{@index}}{{/each}}\n';
    body += PROSE;
  }
  return FRONT_MATTER + body;
}

function medianMs(fn: () => void): number {
  for (let i = 0; i < 30; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'promptops-bench-'));
  try {
    const outfile = path.join(dir, 'promptFile.cjs');
    await esbuild.build({ entryPoints: [path.join(__dirname, '../src/core/promptFile.ts')], bundle: true, platform: 'node', format: 'cjs', minify: true, outfile, logLevel: 'error' });
    const require = createRequire(__filename);
    const { parsePrompt } = require(outfile) as { parsePrompt: typeof ParsePrompt };
    const Handlebars = require(require.resolve('handlebars', { paths: [path.dirname(require.resolve('dotprompt'))] })) as { parse(t: string): unknown };

    for (const [label, every] of [['typical (a variable block every 20 lines)', 20], ['dense (a variable block every line)', 1]] as const) {
      const source = prompt(every);
      const parsed = parsePrompt('/bench/x.prompt', source);
      const ours = medianMs(() => parsePrompt('/bench/x.prompt', source));
      const theirs = medianMs(() => Handlebars.parse(source.slice(FRONT_MATTER.length)));
      console.log(
        `${label}: ${(source.length / 1024).toFixed(0)} KB, ${parsed.variables.length} variables, ${parsed.messages.length} messages: ` +
          `parsePrompt ${ours.toFixed(2)} ms (target ≤ ${TARGET_MS} ms); Handlebars.parse alone ${theirs.toFixed(2)} ms (×${(theirs / ours).toFixed(1)} of ours)`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
