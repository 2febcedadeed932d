import { parsePrompt } from './src/core/promptFile';
const head = `---
model: anthropic/claude-sonnet-4-5
input:
  schema:
    name: string
    flag?: boolean
    user(object):
      email: string
    items(array):
      title: string
---
`;
function mk(every: number) { let body = ''; let i = 0;
while (body.length < 100_000) { body += (i % every === 0 ? `{{role "user"}}\nHello {{name}} and {{#if flag}}yes {{user.email}}{{/if}}\n{{#each items}}- {{title}} {{@index}}{{/each}}\n` : '') + `Some long text here describing the task in detail, with examples: "foo", 'bar' and {braces} and <tags>.\n`; i++; }
return head + body; }
async function main() {}
for (const every of [1, 5, 20]) {
  const src = mk(every);
  for (let k = 0; k < 50; k++) parsePrompt('/x.prompt', src);
  const t = performance.now(); const N = 100;
  let p; for (let k = 0; k < N; k++) p = parsePrompt('/x.prompt', src);
  console.log(every, src.length, p!.variables.length, p!.messages.length, p!.problems.length, ((performance.now() - t) / N).toFixed(3), 'ms');
}
