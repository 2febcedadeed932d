// Renders media/icon.png, the 128×128 Marketplace icon, from the activity-bar glyph media/promptops.svg
// (drawn in `currentColor`, so it is placed white on a filled tile) with headless Chromium.
//   node --import tsx scripts/render-icon.ts
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const SIZE = 128;

async function main(): Promise<void> {
  const glyph = await readFile(path.join(root, 'media', 'promptops.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
    await page.setContent(`<!DOCTYPE html>
<style>
  html, body { margin: 0; background: transparent; }
  .tile { width: ${SIZE}px; height: ${SIZE}px; border-radius: 24px; background: linear-gradient(135deg, #2f6fd6, #1b3f8f); color: #fff; display: grid; place-items: center; }
  .tile svg { width: 96px; height: 96px; }
</style>
<div class="tile">${glyph}</div>`);
    await page.screenshot({ path: path.join(root, 'media', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`render-icon: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
