import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Dotprompt, picoschema } from 'dotprompt';
import { toJsonSchema } from '../../src/core/picoschema';
import { scanTemplate } from '../../src/core/templateScan';

// The fast scan stands in for Handlebars' parser in the editor; it must agree with what
// `dotprompt` (Handlebars with knownHelpersOnly) accepts and refuses.
describe('scanTemplate agrees with dotprompt on what is valid', () => {
  const valid = [
    'plain text, no mustaches',
    'Hello {{name}}!',
    '{{{raw}}} and {{& alsoRaw}} and {{~trim~}}',
    '{{#if a}}x{{else if b}}y{{else}}z{{/if}}',
    '{{#unless a}}x{{^}}y{{/unless}}',
    '{{#each items as |item i|}}{{item}} {{i}} {{@index}} {{@first}}{{/each}}',
    '{{#with user}}{{name}} {{../top}}{{/with}}',
    '{{#items}}{{this}}{{/items}}{{^items}}none{{/items}}',
    '{{json data indent=2}} {{#ifEquals a "b"}}y{{/ifEquals}} {{lookup map key}}',
    '{{json (lookup map "k")}}',
    '{{role "system"}}s{{role "user"}}u{{role "model"}}m',
    '{{section "docs"}} {{media url=image}} {{history}}',
    '{{! comment }} {{!-- {{not}} parsed --}} \\{{literal}}',
    '{{user.[first name]}} {{a/b}} {{this.x}} {{./y}} {{-1}} {{true}}',
    '{{json "a }} b"}}',
  ];
  const invalid = [
    'Hello {{name',
    '{{#if a}}unclosed',
    '{{#if a}}x{{/each}}',
    '{{/if}}',
    '{{else}}',
    '{{upper name}}',
    '{{json (shout x)}}',
    '{{foo @@}}',
    '{{}}',
    '{{json (lookup a "b"}}',
  ];
  const dotprompt = new Dotprompt();
  const renders = async (t: string) => {
    try {
      await dotprompt.render(t, { input: { items: [1], user: { name: 'n' }, data: {}, map: { k: 1 } } });
      return true;
    } catch {
      return false;
    }
  };

  for (const t of valid) {
    test(`valid: ${t}`, async () => {
      assert.equal(await renders(t), true, 'dotprompt renders it');
      assert.deepEqual(scanTemplate(t).issues, []);
    });
  }
  for (const t of invalid) {
    test(`invalid: ${t}`, async () => {
      assert.equal(await renders(t), false, 'dotprompt refuses it');
      assert.ok(scanTemplate(t).issues.length > 0, 'the scan reports it');
    });
  }
});

describe('toJsonSchema matches dotprompt.picoschema', () => {
  const cases: unknown[] = [
    'string',
    'number, a count',
    { name: 'string', 'age?': 'integer, years' },
    { 'tags(array, labels)': 'string', 'owner?(object)': { id: 'string' } },
    { 'color(enum)': ['red', 'green'], 'size?(enum)': ['s', 'm'] },
    { '(*)': 'string' },
    { anything: 'any', 'maybe?': 'any, whatever' },
    { 'items(array)': { title: 'string', 'done?': 'boolean' } },
    { type: 'object', properties: { a: { type: 'string' } } },
    { properties: { a: { type: 'string' } } },
  ];
  for (const c of cases) {
    test(JSON.stringify(c), async () => {
      const ours = toJsonSchema(structuredClone(c));
      const theirs = await picoschema(structuredClone(c));
      assert.deepEqual(JSON.parse(JSON.stringify(ours)), JSON.parse(JSON.stringify(theirs)));
    });
  }

  test('an unknown type is refused by both, ours with the path to the key', async () => {
    await assert.rejects(picoschema({ a: { b: 'strng' } }));
    assert.throws(() => toJsonSchema({ a: { b: 'strng' } }), (e: Error & { path?: string[] }) => {
      assert.deepEqual(e.path, ['a', 'b']);
      return /Unknown Picoschema type 'strng'/.test(e.message);
    });
  });
});
