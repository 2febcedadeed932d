// The TextMate grammar of *.prompt files, tokenized by the same engine VS Code uses (vscode-textmate + Oniguruma).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';

const root = path.join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

/** Each non-blank token of each line with its innermost scope. */
function tokenize(grammar: IGrammar, text: string): { text: string; scope: string; scopes: string[] }[][] {
  let stack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens
      .map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scope: t.scopes[t.scopes.length - 1], scopes: t.scopes }))
      .filter((t) => t.text.trim());
  });
}

function scopeOf(lines: ReturnType<typeof tokenize>, line: number, text: string): string {
  const token = lines[line].find((t) => t.text.trim() === text);
  assert.ok(token, `no token "${text}" on line ${line}: ${JSON.stringify(lines[line].map((t) => t.text))}`);
  return token.scope;
}

describe('Dotprompt grammar', () => {
  let grammar: IGrammar;
  before(async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      // VS Code ships the YAML grammar; a stand-in is enough to see the front matter embedded (an included
      // grammar that cannot be loaded would disable the front-matter rule altogether).
      loadGrammar: async (scope) => {
        if (scope === 'source.yaml') return parseRawGrammar(JSON.stringify({ scopeName: 'source.yaml', patterns: [] }), 'yaml.json');
        if (scope !== 'source.promptops-prompt') return null;
        const file = path.join(root, 'syntaxes', 'prompt.tmLanguage.json');
        return parseRawGrammar(readFileSync(file, 'utf8'), file);
      },
    });
    const loaded = await registry.loadGrammar('source.promptops-prompt');
    assert.ok(loaded);
    grammar = loaded;
  });

  it('embeds the front matter as YAML between the --- lines', () => {
    const lines = tokenize(grammar, '---\nmodel: claude-sonnet-4-5\n---\nHello');
    assert.equal(scopeOf(lines, 0, '---'), 'punctuation.definition.frontmatter.begin.prompt');
    assert.ok(lines[1].every((t) => t.scopes.includes('meta.embedded.block.frontmatter')));
    assert.equal(scopeOf(lines, 2, '---'), 'punctuation.definition.frontmatter.end.prompt');
    assert.ok(lines[3].every((t) => !t.scopes.includes('meta.embedded.block.frontmatter')));
  });

  it('marks roles, variables, helpers, blocks and comments in the template', () => {
    const lines = tokenize(
      grammar,
      [
        '---',
        'model: claude-sonnet-4-5',
        '---',
        '{{!-- why this prompt exists --}}',
        '{{role "system"}}',
        'Hi {{customer.name}}, {{#if plan}}on {{plan}}{{else if trial}}trial{{else}}free{{/if}} {{json data}} {{{raw}}}',
        '{{#each items as |item|}}{{item}} {{@index}}{{/each}} {{media url=photo}} {{~trimmed~}}',
      ].join('\n'),
    );
    assert.equal(scopeOf(lines, 3, 'why this prompt exists'), 'comment.block.handlebars.prompt');
    assert.equal(scopeOf(lines, 4, 'role'), 'keyword.control.role.prompt');
    assert.equal(scopeOf(lines, 4, '"system"'), 'string.quoted.role-name.prompt');
    assert.equal(scopeOf(lines, 5, 'customer.name'), 'variable.other.input.prompt');
    assert.equal(scopeOf(lines, 5, 'if'), 'keyword.control.helper.block.prompt');
    assert.equal(scopeOf(lines, 5, 'else'), 'keyword.control.else.prompt');
    assert.equal(scopeOf(lines, 5, 'json'), 'support.function.helper.prompt');
    assert.equal(scopeOf(lines, 5, 'raw'), 'variable.other.input.prompt');
    assert.ok(lines[5].filter((t) => t.text === '}}').every((t) => t.scope === 'punctuation.definition.tag.end.handlebars.prompt'), 'every }} closes a tag');
    assert.equal(scopeOf(lines, 6, 'as'), 'keyword.control.as.prompt');
    assert.equal(scopeOf(lines, 6, '@index'), 'variable.language.data.prompt');
    assert.equal(scopeOf(lines, 6, 'url'), 'entity.other.attribute-name.prompt');
    assert.equal(scopeOf(lines, 6, 'trimmed'), 'variable.other.input.prompt');
  });

  it('leaves plain prose unscoped', () => {
    const lines = tokenize(grammar, '---\nmodel: x\n---\nPlain words, a { brace } and a }} stray.');
    assert.ok(lines[3].every((t) => t.scopes.length === 1), JSON.stringify(lines[3]));
  });
});
