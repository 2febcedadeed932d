import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { collectVar, positiveInt, usd } from '../../src/cli/options';
import { formatAccuracy, formatFailures, formatRunTable } from '../../src/cli/present/evalOutput';
import { jsonReport } from '../../src/cli/present/jsonReport';
import { junitReport } from '../../src/cli/present/junitReport';
import { formatTable } from '../../src/cli/present/table';
import { findWorkspaceRoot } from '../../src/core/workspaceRoot';
import { runRecord, testResult } from '../support/runFixtures';

const failing = testResult('fails <&> "quoted"', {
  score: 0.5,
  pass: false,
  output: 'bad\u0001output',
  assertions: [
    { type: 'contains', pass: true, score: 1, weight: 1, reason: 'output contains "x"' },
    { type: 'not-contains', pass: false, score: 0, weight: 1, reason: 'not-contains failed: output contains "50% off"' },
  ],
});
const errored = testResult('errs', { score: 0, pass: false, error: { type: 'rate_limit', message: 'Rate limited (429).', retryable: true }, usage: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 } });

describe('eval output', () => {
  it('prints one row per result with score, verdict, tokens, cost and latency, and the failing reasons', () => {
    const run = runRecord([testResult('good'), failing, errored]);
    const table = formatRunTable(run);
    assert.match(table, /^a\.prompt \(claude-haiku-4-5\)/);
    assert.match(table, /good\s+1\.00\s+pass\s+120\/30\s+\$0\.0012\s+–\s+812 ms/);
    assert.match(table, /errs\s+–\s+ERROR/);
    const failures = formatFailures([run]);
    assert.match(failures, /a\.prompt › fails <&> "quoted": score 0\.50\n\s+not-contains: not-contains failed: output contains "50% off"/);
    assert.match(failures, /errs: error \(rate_limit\) Rate limited/);
    assert.doesNotMatch(failures, /output contains "x"/);
  });

  it('reports estimated against actual cost with the signed deviation', () => {
    assert.equal(formatAccuracy(0.02, 0.021), 'Estimated $0.02 vs actual $0.021 (+5%)');
    assert.equal(formatAccuracy(0.02, 0.018), 'Estimated $0.02 vs actual $0.018 (−10%)');
    assert.match(formatAccuracy(null, 0.01), /Estimated cost unknown/);
    assert.equal(formatAccuracy(0.02, 0.02), 'Estimated $0.02 vs actual $0.02 (±0%)');
    assert.equal(formatAccuracy(0.1, 0.02, 'max_tokens', false), 'Estimated ≈$0.10 (an upper bound: max_tokens as output) vs actual $0.02 (−80%)');
  });

  it('aligns table columns, right-aligning numbers', () => {
    const text = formatTable([{ header: 'id' }, { header: 'n', align: 'right' }], [['a', '1'], ['long-id', '100']]);
    assert.equal(text, ['id         n', '───────  ───', 'a          1', 'long-id  100'].join('\n'));
  });
});

describe('reports', () => {
  it('JSON report: totals with the estimate, one entry per result with usage, cost, latency and assertions', () => {
    const run = runRecord([testResult('good'), failing, errored]);
    const report = jsonReport([run], run.totals, 0.004, 'completed');
    assert.equal(report.totals.tests, 3);
    assert.equal(report.totals.errored, 1);
    assert.equal(report.totals.estimatedCostUsd, 0.004);
    assert.deepEqual(Object.keys(report.results[0]).sort(), ['assertions', 'cached', 'costUsd', 'id', 'judgeCostUsd', 'latencyMs', 'pass', 'prompt', 'recorded', 'repeatIndex', 'score', 'traceId', 'usage']);
    assert.deepEqual(report.results[2].error, { type: 'rate_limit', message: 'Rate limited (429).' });
  });

  it('JUnit XML: escaped names and messages, a failure with reasons, an error, properties for score and cost', () => {
    const run = runRecord([testResult('good'), failing, errored]);
    const xml = junitReport([run], run.totals);
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="promptops" tests="3" failures="1" errors="1" time="1\.000">/);
    assert.match(xml, /<testcase classname="a\.prompt" name="fails &lt;&amp;&gt; &quot;quoted&quot;" time="0\.812">/);
    assert.match(xml, /<failure type="assertion" message="score 0\.50: not-contains">not-contains: not-contains failed: output contains &quot;50% off&quot;<\/failure>/);
    assert.match(xml, /<error type="rate_limit" message="Rate limited \(429\)\."\/>/);
    assert.match(xml, /<property name="score" value="0\.5"\/>/);
    assert.match(xml, /<property name="costUsd" value="0\.0012"\/>/);
    assert.match(xml, /<system-out>badoutput<\/system-out>/, 'characters XML cannot hold are dropped');
  });
});

describe('CLI option values', () => {
  it('parses --var name=value with JSON values, whole numbers and USD', () => {
    assert.deepEqual(collectVar('n=3', collectVar('name=Ana Lima')), { name: 'Ana Lima', n: 3 });
    assert.deepEqual(collectVar('list=[1,2]'), { list: [1, 2] });
    assert.deepEqual(collectVar('eq=a=b'), { eq: 'a=b' });
    assert.throws(() => collectVar('novalue'), /name=value/);
    assert.equal(positiveInt('4'), 4);
    assert.throws(() => positiveInt('0'), /≥ 1/);
    assert.equal(usd('$0.50'), 0.5);
    assert.throws(() => usd('cheap'), /USD/);
  });

  it('finds the workspace root: the config file first, else the Git work tree, else the folder itself', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'promptops-root-'));
    try {
      await mkdir(path.join(root, 'repo', '.git'), { recursive: true });
      await mkdir(path.join(root, 'repo', 'prompts', 'deep'), { recursive: true });
      await writeFile(path.join(root, 'repo', 'prompts', 'promptops.config.yaml'), '');
      await writeFile(path.join(root, 'repo', 'prompts', 'deep', 'a.prompt'), '');
      await mkdir(path.join(root, 'loose'));
      assert.equal(findWorkspaceRoot(path.join(root, 'repo', 'prompts', 'deep', 'a.prompt')), path.join(root, 'repo', 'prompts'));
      assert.equal(findWorkspaceRoot(path.join(root, 'repo')), path.join(root, 'repo'));
      assert.equal(findWorkspaceRoot(path.join(root, 'loose')), path.join(root, 'loose'));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
