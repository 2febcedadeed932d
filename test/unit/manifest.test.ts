// Manifest hygiene, checked on package.json as VS Code will read it.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

interface Command {
  command: string;
  title: string;
  category?: string;
}

const commands: Command[] = contributes.commands;
const commandIds = new Set(commands.map((c) => c.command));
const palette: { command: string; when?: string }[] = contributes.menus.commandPalette;

describe('package.json manifest', () => {
  it('contributes only promptops.* commands, each with a title and the PromptOps category', () => {
    assert.ok(commands.length > 0);
    for (const c of commands) {
      assert.match(c.command, /^promptops\.[A-Za-z.]+$/, c.command);
      assert.ok(c.title, `${c.command} has a title`);
      assert.equal(c.category, 'PromptOps', `${c.command} has category PromptOps`);
    }
    assert.equal(commandIds.size, commands.length, 'no command is contributed twice');
  });

  it('hides internal commands from the command palette', () => {
    for (const c of commands.filter((c) => c.command.startsWith('promptops.internal.'))) {
      assert.ok(palette.some((m) => m.command === c.command && m.when === 'false'), `${c.command} is hidden`);
    }
  });

  it('refers in menus only to contributed commands', () => {
    for (const [menu, entries] of Object.entries(contributes.menus as Record<string, { command: string }[]>)) {
      for (const e of entries) assert.ok(commandIds.has(e.command), `${menu} refers to ${e.command}`);
    }
  });

  it('describes every setting, gives it a scope, and keeps it under promptops.', () => {
    const properties = Object.entries(contributes.configuration.properties as Record<string, Record<string, unknown>>);
    assert.ok(properties.length >= 6);
    const scopes = ['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'];
    for (const [key, setting] of properties) {
      assert.match(key, /^promptops\./, key);
      assert.ok(typeof setting.markdownDescription === 'string' || typeof setting.description === 'string', `${key} has a description`);
      assert.ok(scopes.includes(setting.scope as string), `${key} has a scope`);
      assert.ok('default' in setting, `${key} has a default`);
    }
  });

  it('declares every setting the extension reads', () => {
    const declared = new Set(Object.keys(contributes.configuration.properties));
    const dir = path.join(root, 'src', 'extension');
    const read = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const m of source.matchAll(/(?:editorSetting<[^>]*>\(|explicit<.*?>\(cfg, |inspect<.*?>\()'([\w.]+)'/g)) read.add(`promptops.${m[1]}`);
    }
    assert.ok(read.has('promptops.history.limit') && read.has('promptops.baseUrl'), [...read].join(', '));
    for (const key of read) assert.ok(declared.has(key), `${key} is read by the extension but not in contributes.configuration`);
  });

  it('keeps views and view containers consistent', () => {
    const containers = new Set((contributes.viewsContainers.activitybar as { id: string; icon: string }[]).map((c) => c.id));
    assert.ok(containers.has('promptops'));
    for (const c of contributes.viewsContainers.activitybar as { icon: string }[]) assert.ok(existsSync(path.join(root, c.icon)), `${c.icon} exists`);
    const viewIds = new Set<string>();
    for (const [container, views] of Object.entries(contributes.views as Record<string, { id: string; name: string }[]>)) {
      assert.ok(containers.has(container) || ['explorer', 'scm', 'debug', 'test'].includes(container), `views in unknown container ${container}`);
      for (const v of views) {
        assert.match(v.id, /^promptops\./);
        assert.ok(v.name);
        viewIds.add(v.id);
      }
    }
    assert.ok(viewIds.has('promptops.prompts') && viewIds.has('promptops.history'));
    for (const w of contributes.viewsWelcome ?? []) assert.ok(viewIds.has(w.view), `welcome content for ${w.view}`);
  });

  it('lets VS Code derive activation from contributions: no onCommand:/onView:/onLanguage: or *', () => {
    for (const e of pkg.activationEvents ?? []) {
      assert.doesNotMatch(e, /^(onCommand|onView|onLanguage):|^\*$/, e);
    }
    assert.ok((pkg.activationEvents as string[]).includes('workspaceContains:**/*.prompt'));
  });

  it('points at files that exist: grammar, language configuration, schema', () => {
    for (const g of contributes.grammars) assert.ok(existsSync(path.join(root, g.path)), g.path);
    for (const l of contributes.languages) if (l.configuration) assert.ok(existsSync(path.join(root, l.configuration)), l.configuration);
    for (const v of contributes.yamlValidation) assert.ok(existsSync(path.join(root, v.url)), v.url);
    JSON.parse(readFileSync(path.join(root, contributes.grammars[0].path), 'utf8'));
  });

  it('has a 128×128 PNG icon for the Marketplace and the Extensions view', () => {
    const png = readFileSync(path.join(root, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${pkg.icon} is a PNG`);
    // The IHDR chunk, first after the 8-byte signature, holds width and height as big-endian integers.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('declares how it behaves in untrusted workspaces and targets VS Code 1.138+', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.untrustedWorkspaces.description);
    assert.equal(pkg.engines.vscode, '^1.138.0');
  });
});
