// Bundles every runtime entry point. Type-checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: { historyPanel: 'src/webview/historyPanel.ts' },
    outdir: 'media/build',
    loader: { '.css': 'css' },
  },
];

if (!production) {
  builds.push(
    { ...node, entryPoints: { 'suite/index': 'test/vscode/suite/index.ts' }, outdir: 'dist-test/vscode', external: ['vscode', 'mocha'] },
    { ...node, entryPoints: { fakeAnthropic: 'test/support/fakeAnthropicMain.ts' }, outdir: 'dist-test' },
  );
}

if (watch) {
  await Promise.all(builds.map(async (b) => (await esbuild.context(b)).watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
