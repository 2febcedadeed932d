// Bundles every runtime entry point. Type-checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';

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

const CLI_ACTIONS = 'promptops:cli-actions';

/** @type {esbuild.Plugin} */
const cliActionsExternal = {
  name: 'cli-actions-external',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/actions\/[\w-]+$/ }, () => ({ path: './cliActions.js', external: true }));
  },
};

/** @type {esbuild.Plugin} */
const cliActionsEntry = {
  name: 'cli-actions-entry',
  setup(build) {
    build.onResolve({ filter: /^promptops:cli-actions$/ }, () => ({ path: CLI_ACTIONS, namespace: 'cli-actions' }));
    build.onLoad({ filter: /.*/, namespace: 'cli-actions' }, async () => {
      const dir = path.resolve('src/cli/actions');
      const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
      return { contents: files.map((f) => `export * from './${f.slice(0, -3)}';`).join('\n'), resolveDir: dir, loader: 'ts' };
    });
  },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist' },
  // The CLI in two files so `promptops --version` and `--help` parse only commander and the command list:
  // each command's action is imported from dist/cliActions.js (every src/cli/actions/*.ts) when it runs.
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [cliActionsExternal] },
  { ...node, entryPoints: { cliActions: CLI_ACTIONS }, outdir: 'dist', plugins: [cliActionsEntry] },
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
