// Headless Debian Chromium through playwright-core, with a fresh profile per run.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from './tools';

export interface Browser {
  page: Page;
  close(): Promise<void>;
}

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `env` is the code-server scratch environment, so the profile and temp files stay in its folder. */
export async function launchBrowser(scratchDir: string, env: NodeJS.ProcessEnv): Promise<Browser> {
  const profile = path.join(scratchDir, 'chromium-profile');
  await fs.mkdir(profile, { recursive: true });
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args,
    env: env as Record<string, string>,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { page, close: () => context.close() };
}
