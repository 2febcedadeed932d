import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { loadProjectConfig } from '../../src/core/config';
import { LineIndex, formatProblem, pointerSegments } from '../../src/core/problems';

describe('LineIndex', () => {
  test('maps offsets to 1-based line/column on LF and CRLF text, clamped to the text', () => {
    const index = new LineIndex('ab\ncd\r\nef');
    assert.deepEqual(index.position(0), { line: 1, column: 1 });
    assert.deepEqual(index.position(2), { line: 1, column: 3 });
    assert.deepEqual(index.position(3), { line: 2, column: 1 });
    assert.deepEqual(index.position(7), { line: 3, column: 1 });
    assert.deepEqual(index.position(99), { line: 3, column: 3 });
    assert.equal(index.lineStart(2), 3);
    assert.equal(index.lineEnd(3), 5, 'line end excludes the CR of a CRLF');
  });

  test('is exact on a large file', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `line ${i}`).join('\n');
    const index = new LineIndex(text);
    const offset = text.indexOf('line 31337');
    assert.deepEqual(index.position(offset + 5), { line: 31338, column: 6 });
  });
});

describe('formatProblem', () => {
  test('prints file:line:col: severity: message (hint), relative when asked', () => {
    const p = { file: '/ws/a/x.prompt', range: { start: { line: 3, column: 7 }, end: { line: 3, column: 9 } }, severity: 'error' as const, code: 'c', message: 'Bad thing', hint: 'Fix it.' };
    assert.equal(formatProblem(p), '/ws/a/x.prompt:3:7: error: Bad thing (Fix it.)');
    assert.equal(formatProblem(p, '/ws'), 'a/x.prompt:3:7: error: Bad thing (Fix it.)');
    assert.equal(formatProblem({ ...p, hint: undefined, severity: 'warning' }), '/ws/a/x.prompt:3:7: warning: Bad thing');
  });

  test('JSON pointers become path segments, numbers as indices', () => {
    assert.deepEqual(pointerSegments('/tests/2/vars/a~1b'), ['tests', 2, 'vars', 'a/b']);
    assert.deepEqual(pointerSegments(''), []);
  });
});

describe('yaml errors → problems (promptops.config.yaml)', () => {
  test('a YAML error in the project config is a yaml-syntax problem at its position', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'promptops-config-'));
    try {
      await writeFile(path.join(root, 'promptops.config.yaml'), 'defaultModel: claude-haiku-4-5\nconcurrency: [4\n');
      const { problems } = await loadProjectConfig(root);
      assert.equal(problems.length, 1);
      const [p] = problems;
      assert.equal(p.code, 'yaml-syntax');
      assert.equal(p.file, path.join(root, 'promptops.config.yaml'));
      assert.equal(p.range.start.line, 3);
      assert.match(formatProblem(p, root), /^promptops\.config\.yaml:3:1: error: .*\(Fix the YAML syntax of promptops\.config\.yaml\.\)$/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
