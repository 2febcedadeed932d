import { parsePrompt } from './src/core/promptFile';
import { readFileSync } from 'node:fs';
const head = `---
model: anthropic/claude-sonnet-4-5
---
`;
let body = ''; let i = 0;
while (body.length < 100_000) { body += `{{role "user"}}\nHello {{name}} and {{#if flag}}yes {{user.email}}{{/if}}\n{{#each items}}- {{title}} {{@index}}{{/each}}\n` + `Some long text here.\n`; i++; }
const src = head + body;
for (let k = 0; k < 300; k++) parsePrompt('/x.prompt', src);
