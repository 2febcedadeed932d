import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrompt } from '../../src/core/promptFile';
import { estimateTextTokens } from '../../src/core/tokens';
import { blockTokens } from '../../src/extension/blockTokens';

const SOURCE = [
  '---',
  'model: claude-sonnet-4-5',
  'input:',
  '  schema:',
  '    question: string',
  '---',
  '{{role "system"}}',
  'You answer questions about astronomy in two sentences.',
  '{{role "user"}}',
  'Question: {{question}}',
  '',
].join('\n');

describe('per-message token hints', () => {
  it('counts each {{role}} block, without its marker, on the marker\'s line', () => {
    const blocks = blockTokens(parsePrompt('/w/astro.prompt', SOURCE));
    assert.deepEqual(
      blocks.map((b) => [b.role, b.line]),
      [
        ['system', 6],
        ['user', 8],
      ],
    );
    assert.equal(blocks[0].tokens, estimateTextTokens('\nYou answer questions about astronomy in two sentences.\n'));
    assert.equal(blocks[1].tokens, estimateTextTokens('\nQuestion: {{question}}\n'));
  });

  it('counts a template without markers as one user block', () => {
    const blocks = blockTokens(parsePrompt('/w/plain.prompt', '---\nmodel: claude-sonnet-4-5\n---\nSay hello.\n'));
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0].role, 'user');
    assert.ok(blocks[0].tokens > 0);
  });
});
