import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePrompt } from '../../src/core/promptFile';
import type { Problem, PromptFile, Range } from '../../src/core/types';

const FILE = '/ws/prompts/support.prompt';
const known = (id: string) => id === 'claude-sonnet-4-5' || id === 'claude-haiku-4-5';

function parse(source: string): PromptFile {
  return parsePrompt(FILE, source, { knownModels: known });
}

/** `[line, col, endLine, endCol]`, 1-based, end exclusive. */
function at(r: Range): [number, number, number, number] {
  return [r.start.line, r.start.column, r.end.line, r.end.column];
}

function only(p: PromptFile, code: string): Problem {
  const found = p.problems.filter((x) => x.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(p.problems, null, 1)}`);
  assert.equal(found[0].file, FILE);
  assert.ok(found[0].hint && found[0].hint.length > 10, 'every problem has a fix hint');
  return found[0];
}

/** The text a range covers in `source`. */
function textAt(source: string, r: Range): string {
  const lines = source.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line - 1].slice(r.start.column - 1, r.end.column - 1);
  return [lines[r.start.line - 1].slice(r.start.column - 1), ...lines.slice(r.start.line, r.end.line - 1), lines[r.end.line - 1].slice(0, r.end.column - 1)].join('\n');
}

describe('parsePrompt: fields', () => {
  const source = [
    '---',
    'name: support-answer',
    'description: Answers a customer question',
    'model: anthropic/claude-sonnet-4-5',
    'config:',
    '  maxOutputTokens: 400',
    '  temperature: 0.3',
    '  topP: 0.9',
    '  topK: 40',
    '  stopSequences: ["END"]',
    'input:',
    '  schema:',
    '    question: string, what the customer asks',
    '    tier?(enum): [free, pro]',
    '    order(object):',
    '      id: string',
    '  default:',
    '    tier: free',
    'output:',
    '  format: text',
    'promptops.judgeModel: claude-haiku-4-5',
    '---',
    '{{role "system"}}',
    'You support {{tier}} customers.',
    '{{role "user"}}',
    '{{question}} (order {{order.id}})',
    '',
  ].join('\n');
  const p = parse(source);

  test('reads model, config, schemas, defaults and promptops.* settings', () => {
    assert.deepEqual(p.problems, []);
    assert.equal(p.name, 'support-answer');
    assert.equal(p.description, 'Answers a customer question');
    assert.equal(p.modelRef, 'anthropic/claude-sonnet-4-5');
    assert.equal(p.model, 'claude-sonnet-4-5');
    assert.deepEqual(p.config, { maxOutputTokens: 400, temperature: 0.3, topP: 0.9, topK: 40, stopSequences: ['END'] });
    assert.deepEqual(p.inputDefaults, { tier: 'free' });
    assert.equal(p.outputFormat, 'text');
    assert.deepEqual(p.ext, { 'promptops.judgeModel': 'claude-haiku-4-5' });
    assert.equal(p.templateStartLine, 23);
    assert.equal(p.template, source.split('\n').slice(22).join('\n'));
    assert.match(p.hash, /^[0-9a-f]{64}$/);
  });

  test('Picoschema input becomes JSON Schema (required, optional enum with null, nested object)', () => {
    assert.deepEqual(p.inputSchema, {
      type: 'object',
      additionalProperties: false,
      required: ['question', 'order'],
      properties: {
        question: { type: 'string', description: 'what the customer asks' },
        tier: { enum: ['free', 'pro', null] },
        order: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string' } } },
      },
    });
  });

  test('variables: each use with the exact range of its path', () => {
    assert.deepEqual(
      p.variables.map((v) => [v.name, v.path, textAt(source, v.range), ...at(v.range)]),
      [
        ['tier', 'tier', 'tier', 24, 15, 24, 19],
        ['question', 'question', 'question', 26, 3, 26, 11],
        ['order', 'order.id', 'order.id', 26, 23, 26, 31],
      ],
    );
  });

  test('messages: one block per role, from the marker to the end of its text', () => {
    assert.deepEqual(
      p.messages.map((m) => [m.role, ...at(m.range)]),
      [
        ['system', 23, 1, 24, 32],
        ['user', 25, 1, 26, 34],
      ],
    );
    assert.equal(textAt(source, p.messages[0].range), '{{role "system"}}\nYou support {{tier}} customers.');
  });

  test('the name defaults to the file name and a bare model id means Anthropic', () => {
    const q = parse('---\nmodel: claude-haiku-4-5\n---\nHi');
    assert.equal(q.name, 'support');
    assert.equal(q.model, 'claude-haiku-4-5');
    assert.equal(q.modelRef, 'claude-haiku-4-5');
    assert.deepEqual(q.messages.map((m) => [m.role, ...at(m.range)]), [['user', 4, 1, 4, 3]]);
  });

  test('a CRLF checkout parses to the same fields, positions and version hash', () => {
    const crlf = parse(source.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf.problems, []);
    assert.deepEqual(crlf.variables, p.variables);
    assert.deepEqual(crlf.messages, p.messages);
    assert.deepEqual(crlf.inputSchema, p.inputSchema);
    assert.equal(crlf.hash, p.hash);
  });

  test('JSON Schema input is kept as written and compiled', () => {
    const q = parse(['---', 'input:', '  schema:', '    type: object', '    properties:', '      n: { type: integer, minimum: 1 }', '    required: [n]', '---', 'Count to {{n}}'].join('\n'));
    assert.deepEqual(q.problems, []);
    assert.deepEqual(q.inputSchema, { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] });
  });
});

describe('parsePrompt: variables in block contexts', () => {
  test('#each/#with bodies read their item, except ../, @root and block params of outer scopes', () => {
    const source = [
      '---',
      'input:',
      '  schema:',
      '    items(array): { title: string }',
      '    user(object): { name: string }',
      '    greeting: string',
      '---',
      '{{#each items}}- {{title}} {{@index}} {{this.title}} {{../greeting}} {{@root.user.name}}{{/each}}',
      '{{#each items as |item i|}}{{item.title}} {{i}}{{/each}}',
      '{{#with user}}{{name}}{{/with}}',
      '{{#if greeting}}{{greeting}}{{else}}Hello{{/if}} {{json user}} {{#ifEquals greeting "hi"}}!{{/ifEquals}}',
      '{{! a comment with {{braces}} }}{{!-- {{also}} ignored --}} \\{{escaped}}',
    ].join('\n');
    const p = parse(source);
    assert.deepEqual(p.problems, []);
    assert.deepEqual(
      p.variables.map((v) => `${v.path}@${v.range.start.line}:${v.range.start.column}`),
      ['items@8:9', 'greeting@8:56', 'user.name@8:72', 'items@9:9', 'user@10:9', 'greeting@11:7', 'greeting@11:19', 'user@11:57', 'greeting@11:76'],
    );
    assert.equal(textAt(source, p.variables[1].range), '../greeting');
    assert.equal(textAt(source, p.variables[2].range), '@root.user.name');
  });

  test('with no input schema, variables are free (no problem)', () => {
    const p = parse('---\nmodel: claude-haiku-4-5\n---\nHello {{anything}}');
    assert.deepEqual(p.problems, []);
    assert.deepEqual(p.variables.map((v) => v.name), ['anything']);
  });
});

describe('parsePrompt: problems at exact positions', () => {
  test('bad YAML in the front matter (yaml-syntax), positioned in the file', () => {
    const p = parse('---\nmodel: claude-haiku-4-5\ndescription: Answers: briefly\nconfig:\n  temperature: 0.2\n---\nHi');
    const e = only(p, 'yaml-syntax');
    assert.equal(e.severity, 'error');
    assert.deepEqual(at(e.range), [3, 14, 3, 15]);
    assert.equal(e.message, 'Nested mappings are not allowed in compact mappings');
    assert.deepEqual(p.config, {}, 'metadata of a broken front matter is not used');
  });

  test('duplicate front-matter key is a yaml-syntax error at the second key', () => {
    const p = parse('---\nmodel: claude-haiku-4-5\nmodel: claude-sonnet-4-5\n---\nHi');
    assert.deepEqual(at(only(p, 'yaml-syntax').range).slice(0, 2), [3, 1]);
  });

  test('no front matter is an info on line 1; unterminated front matter is an error at the opening ---', () => {
    const none = parse('Just a question: {{q}}\n');
    assert.equal(only(none, 'no-front-matter').severity, 'info');
    assert.deepEqual(at(only(none, 'no-front-matter').range), [1, 1, 1, 23]);
    const open = parse('---\nmodel: claude-haiku-4-5\nHello\n');
    const e = only(open, 'unterminated-front-matter');
    assert.equal(e.severity, 'error');
    assert.deepEqual(at(e.range), [1, 1, 1, 4]);
  });

  test('unknown model is a warning at the value; another provider is an error', () => {
    const source = '---\nmodel: anthropic/claude-sonet-4-5\n---\nHi';
    const w = only(parse(source), 'unknown-model');
    assert.equal(w.severity, 'warning');
    assert.deepEqual(at(w.range), [2, 8, 2, 34]);
    assert.equal(textAt(source, w.range), 'anthropic/claude-sonet-4-5');
    assert.match(w.message, /claude-sonet-4-5/);
    const e = only(parse('---\nmodel: openai/gpt-4o\n---\nHi'), 'unsupported-provider');
    assert.equal(e.severity, 'error');
    assert.deepEqual(at(e.range), [2, 8, 2, 21]);
  });

  test('unknown config key is a warning at the key, with the Dotprompt name suggested', () => {
    const p = parse('---\nconfig:\n  max_tokens: 100\n  temprature: 0.1\n---\nHi');
    const problems = p.problems.filter((x) => x.code === 'unknown-config-key');
    assert.deepEqual(problems.map((x) => [x.severity, ...at(x.range), x.hint]), [
      ['warning', 3, 3, 3, 13, 'Did you mean `maxOutputTokens`?'],
      ['warning', 4, 3, 4, 13, 'Use maxOutputTokens, temperature, topP, topK, stopSequences.'],
    ]);
    assert.deepEqual(p.config, {});
  });

  test('wrong config value types are errors at the value', () => {
    const p = parse('---\nconfig:\n  maxOutputTokens: "lots"\n  temperature: 1.5\n  stopSequences: END\n---\nHi');
    const problems = p.problems.filter((x) => x.code === 'invalid-config');
    assert.deepEqual(problems.map((x) => at(x.range)), [
      [3, 20, 3, 26],
      [4, 16, 4, 19],
      [5, 18, 5, 21],
    ]);
    assert.match(problems[1].message, /config\.temperature` must be a number from 0 to 1/);
  });

  test('a template variable missing from input.schema and defaults is an error at its {{ }} path', () => {
    const source = '---\ninput:\n  schema:\n    question: string\n  default:\n    tone: friendly\n---\nAnswer {{question}} in a {{tone}} way, {{costumer.name}}.';
    const p = parse(source);
    const e = only(p, 'missing-variable');
    assert.equal(e.severity, 'error');
    assert.deepEqual(at(e.range), [8, 42, 8, 55]);
    assert.equal(textAt(source, e.range), 'costumer.name');
    assert.match(e.message, /`costumer` is not declared/);
  });

  test('a Picoschema wildcard accepts any variable', () => {
    const p = parse('---\ninput:\n  schema:\n    (*): string\n---\n{{whatever}}');
    assert.deepEqual(p.problems, []);
  });

  test('an unknown Picoschema type is an error at its key', () => {
    const p = parse('---\ninput:\n  schema:\n    question: strng\n---\n{{question}}');
    const e = only(p, 'invalid-schema');
    assert.deepEqual(at(e.range), [4, 5, 4, 13]);
    assert.match(e.message, /Unknown Picoschema type 'strng'/);
    assert.equal(p.inputSchema, undefined);
  });

  test('an invalid JSON Schema (ajv) is an error at the offending node', () => {
    const p = parse('---\noutput:\n  format: json\n  schema:\n    type: object\n    properties:\n      label: { type: strin }\n---\nClassify');
    const e = only(p, 'invalid-schema');
    assert.deepEqual(at(e.range), [7, 22, 7, 27]);
    assert.match(e.message, /output\.schema is not a valid JSON Schema: properties\/label\/type must be equal to one of the allowed values/);
    assert.equal(p.outputSchema, undefined);
  });

  test('output.format json without a schema is an info at the format value; other formats are errors', () => {
    const info = only(parse('---\noutput:\n  format: json\n---\nGive JSON'), 'json-without-schema');
    assert.equal(info.severity, 'info');
    assert.deepEqual(at(info.range), [3, 11, 3, 15]);
    assert.deepEqual(at(only(parse('---\noutput:\n  format: yaml\n---\nX'), 'invalid-output-format').range), [3, 11, 3, 15]);
  });

  test('unknown top-level keys warn at the key; tools are not supported', () => {
    const p = parse('---\nmodle: claude-haiku-4-5\ntools: [search]\nmyext.flag: true\n---\nHi');
    assert.deepEqual(at(only(p, 'unknown-key').range), [2, 1, 2, 6]);
    assert.deepEqual(at(only(p, 'unsupported-key').range), [3, 1, 3, 6]);
    assert.deepEqual(p.ext, {}, 'other namespaces are left to their tools');
  });

  test('Handlebars syntax errors: unclosed {{, unclosed block, mismatched close, stray else', () => {
    const unclosed = parse('---\n---\nHello {{name\nmore');
    assert.deepEqual(at(only(unclosed, 'template-syntax').range), [3, 7, 3, 13]);
    const block = parse('---\n---\n{{#if a}}\nyes');
    const b = only(block, 'template-syntax');
    assert.deepEqual(at(b.range), [3, 1, 3, 10]);
    assert.match(b.message, /\{\{#if\}\} is never closed/);
    const mismatch = parse('---\n---\n{{#if a}}\n  x {{/each}}');
    const m = only(mismatch, 'template-syntax');
    assert.deepEqual(at(m.range), [4, 5, 4, 14]);
    assert.match(m.message, /\{\{\/each\}\} does not match \{\{#if\}\}/);
    assert.deepEqual(at(only(parse('---\n---\nA {{else}} B'), 'template-syntax').range), [3, 3, 3, 11]);
    const bad = only(parse('---\n---\nA {{foo @@}}'), 'template-syntax');
    assert.deepEqual(at(bad.range), [3, 9, 3, 10]);
  });

  test('helpers Dotprompt does not know are errors (it compiles with knownHelpersOnly)', () => {
    const p = parse('---\n---\n{{uppercase name}} {{json (shout name)}}');
    const problems = p.problems.filter((x) => x.code === 'unknown-helper');
    assert.deepEqual(problems.map((x) => at(x.range)), [
      [3, 3, 3, 12],
      [3, 28, 3, 33],
    ]);
    assert.deepEqual(p.variables.map((v) => v.name), ['name', 'name']);
  });

  test('a role other than system/user/model is an error at its argument; partials are refused', () => {
    const e = only(parse('---\n---\n{{role "tool"}}x'), 'unknown-role');
    assert.deepEqual(at(e.range), [3, 8, 3, 14]);
    assert.match(only(parse('---\n---\n{{> header}}'), 'template-syntax').message, /Partials are not supported/);
  });

  test('problems come sorted by position and the parse never throws on garbage', () => {
    const p = parse('---\nmodel: [\n---\n{{#each}}{{/if}}{{');
    assert.ok(p.problems.length >= 2);
    const lines = p.problems.map((x) => x.range.start.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
    for (const garbage of ['', '---', '---\n', '{{', '}}', '---\n---\n', '\uFEFF---\nmodel: x\n---\n{{{a}}}']) {
      assert.doesNotThrow(() => parse(garbage));
    }
  });
});
