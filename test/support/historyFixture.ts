// A prompt whose quality is easy to steer from its text, for history and diff tests and the history
// bench: the system prompt lists rules (`rule-a rule-b …`), each test checks one rule, and the fake
// model echoes the system prompt, so a version scores by the rules it has. With `noise`, the model also
// says "lucky" on some repeats, which a second, lighter assertion checks: repeats then vary.
import { createHash } from 'node:crypto';
import { DEFAULT_CONFIG } from '../../src/core/config';
import type { HistoryOptions } from '../../src/core/history/evaluateHistory';
import type { PromptVersion } from '../../src/core/history/versions';
import { createAnthropicProvider } from '../../src/core/providers/anthropic';
import { ResponseCache } from '../../src/core/store/responseCache';
import { RunStore } from '../../src/core/store/runStore';
import { storePaths } from '../../src/core/store/storeDir';
import { TraceLog } from '../../src/core/store/traceLog';
import { answer, lastUserText, systemText, type FakeResponder } from './fakeAnthropic';

export const HISTORY_MODEL = 'claude-haiku-4-5';

export function promptText(rules: readonly string[], note = ''): string {
  return [
    '---',
    `model: anthropic/${HISTORY_MODEL}`,
    'config:',
    '  maxOutputTokens: 64',
    'input:',
    '  schema:',
    '    name: string',
    '---',
    '{{role "system"}}',
    `Rules: ${rules.map((r) => `rule-${r}`).join(' ')}${note ? `\n${note}` : ''}`,
    '{{role "user"}}',
    'Greet {{name}}.',
    '',
  ].join('\n');
}

export function testsYaml(rules: readonly string[], options: { noise?: boolean } = {}): string {
  const lines = ['tests:'];
  for (const r of rules) {
    lines.push(`  - id: t-${r}`, `    vars: { name: "User ${r}" }`, `    threshold: 0.5`, '    assert:', '      - type: icontains', `        value: rule-${r}`, '        weight: 3');
    if (options.noise) lines.push('      - type: icontains', '        value: lucky', '        weight: 1');
  }
  return `${lines.join('\n')}\n`;
}

// Which of four successive calls with the same text say "lucky": fixed per text, never all or none,
// so a test's repeats always vary, whatever order concurrent calls arrive in.
function luckyPattern(text: string): number {
  const bits = createHash('sha256').update(text).digest()[0] & 0xf;
  return bits === 0 || bits === 0xf ? 0b0110 : bits;
}

/** Echoes the system prompt; with `noise`, some repeats of a request also say "lucky". */
export function ruleResponder(options: { noise?: boolean } = {}): FakeResponder {
  const calls = new Map<string, number>();
  return (req) => {
    const system = systemText(req.body);
    const text = `${system}\n${lastUserText(req.body)}`;
    const k = calls.get(text) ?? 0;
    calls.set(text, k + 1);
    const lucky = options.noise && ((luckyPattern(text) >> (k % 4)) & 1) === 1;
    return answer(`Following: ${system}${lucky ? ' lucky' : ''}`);
  };
}

/** `evaluateHistory` options for a prompt in the workspace `root`: its stores, and the live provider pointed at the fake server. */
export function historyOptions(root: string, promptPath: string, fakeUrl: string, versions: PromptVersion[]): HistoryOptions {
  const paths = storePaths(root);
  return {
    promptPath,
    workspaceRoot: root,
    versions,
    config: DEFAULT_CONFIG,
    provider: createAnthropicProvider({ apiKey: 'sk-ant-test-history', baseURL: fakeUrl, maxRetries: 0 }),
    traceLog: new TraceLog(paths.traces),
    runStore: new RunStore(root),
    cache: new ResponseCache(paths.cache),
    trusted: true,
  };
}
