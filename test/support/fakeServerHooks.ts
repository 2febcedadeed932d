// Per-suite fake Anthropic server and temp folders: started before the suite, reset to the echoing
// responder and cleaned after each test, closed after the suite.
import { rm } from 'node:fs/promises';
import { after, afterEach, before } from 'node:test';
import { answer, lastUserText, startFakeAnthropic, type FakeAnthropic } from './fakeAnthropic';

export interface FakeServerSuite {
  /** The running server (set once the suite's `before` ran). */
  readonly fake: FakeAnthropic;
  /** Environment for a CLI child talking to the fake with `apiKey`. */
  env(): { ANTHROPIC_API_KEY: string; ANTHROPIC_BASE_URL: string };
  /** Removes `dir` after the current test. */
  track(dir: string): string;
}

export function useFakeServer(apiKey: string): FakeServerSuite {
  let fake: FakeAnthropic | undefined;
  const dirs: string[] = [];
  before(async () => {
    fake = await startFakeAnthropic({ apiKey });
  });
  after(() => fake?.close());
  afterEach(async () => {
    fake?.setResponder((req) => answer(`Fake answer to: ${lastUserText(req.body)}`));
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return {
    get fake() {
      if (!fake) throw new Error('the fake server starts in the suite’s before hook');
      return fake;
    },
    env: () => ({ ANTHROPIC_API_KEY: apiKey, ANTHROPIC_BASE_URL: fake!.url }),
    track(dir) {
      dirs.push(dir);
      return dir;
    },
  };
}
