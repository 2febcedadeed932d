// When a workbench runs extension tests it hands the extension host's console (the mocha reporter)
// to its log service, which prints it on the page console exactly like its own chatter. An init
// script tags the console calls made under `$logExtensionHostMessage` (the RPC method that
// receives them), and the relay prints only those, formatted like Node's console.
import { format } from 'node:util';
import type { ConsoleMessage, Page } from 'playwright-core';

const marker = 'promptops-harness:extension-host';

function tagExtensionHostConsole(tag: string): void {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) =>
      new Error().stack?.includes('$logExtensionHostMessage') ? original(tag, ...args) : original(...args);
  }
}

/** Resolves to a function that waits until every line received so far has been written. */
export async function relayExtensionHostConsole(page: Page, write: (line: string) => void): Promise<() => Promise<void>> {
  await page.addInitScript(tagExtensionHostConsole, marker);
  // Argument values arrive asynchronously; a chain keeps the lines in order.
  let chain = Promise.resolve();
  page.on('console', (message: ConsoleMessage) => {
    if (!message.text().startsWith(marker)) return;
    chain = chain.then(async () => {
      const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '[unserialisable]')));
      write(format(...stripLogServiceDecoration(values.slice(1))));
    });
  });
  return () => chain;
}

/** The log service prefixes `%c INFO`, `color: #33f`; what follows is what the extension printed. */
function stripLogServiceDecoration(values: unknown[]): unknown[] {
  return typeof values[0] === 'string' && values[0].startsWith('%c') ? values.slice(2) : values;
}
