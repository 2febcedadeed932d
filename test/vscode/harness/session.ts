// Everything one real-VS-Code check needs, started together and stopped together: the fake
// Anthropic server, a throwaway copy of prompts-example, code-server, and headless Chromium.
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { startFakeServerProcess, type FakeServerProcess } from './fakeServerProcess';
import { copyExampleWorkspace, type WorkspaceCopy } from './workspaceCopy';

export interface Session {
  server: CodeServer;
  fake: FakeServerProcess;
  workspace: WorkspaceCopy;
  page: Page;
  stop(): Promise<void>;
}

export async function startSession(options: CodeServerOptions = {}): Promise<Session> {
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    // Reverse order: the browser before the server it talks to.
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
  };
  try {
    const fake = await startFakeServerProcess();
    started.push(fake);
    const workspace = await copyExampleWorkspace();
    started.push({ stop: workspace.remove });
    // Also in code-server's environment (not only the test payload), so a plain window reaches the fake too.
    const server = await startCodeServer({ ...options, env: { ANTHROPIC_BASE_URL: fake.url, ...options.env } });
    started.push(server);
    const browser: Browser = await launchBrowser(server.scratchDir, server.env);
    started.push({ stop: browser.close });
    return { server, fake, workspace, page: browser.page, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
