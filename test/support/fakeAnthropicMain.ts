// The fake Anthropic server as its own process, for the VS Code harness and the benches:
//   node dist-test/fakeAnthropic.js [--port 0] [--latency-ms N] [--answers FILE.json] [--api-key KEY]
// First stdout line: `FAKE_ANTHROPIC_URL=http://127.0.0.1:PORT`. Stops on SIGTERM/SIGINT.
// An answers file is a JSON array of `FakeAnswerRule`s (see fakeAnthropicBehaviours.ts), e.g.
//   [{ "userIncludes": "refund", "text": "Refunds take 5 days." }, { "judge": true, "json": { "score": 0.8, "reason": "ok" } }]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { responderFromRules, startFakeAnthropic, type FakeAnswerRule } from './fakeAnthropic';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'latency-ms': { type: 'string', default: '0' },
      answers: { type: 'string' },
      'api-key': { type: 'string' },
    },
  });
  const rules = values.answers ? (JSON.parse(readFileSync(values.answers, 'utf8')) as FakeAnswerRule[]) : [];
  const fake = await startFakeAnthropic({
    port: Number(values.port),
    latencyMs: Number(values['latency-ms']),
    respond: responderFromRules(rules),
    apiKey: values['api-key'],
  });
  process.stdout.write(`FAKE_ANTHROPIC_URL=${fake.url}\n`);
  const stop = (): void => void fake.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake Anthropic server failed to start: ${String(error)}\n`);
  process.exitCode = 1;
});
