// Bundles every runtime entry point. Type-checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { precompiledValidators } from './scripts/precompiledValidators.mjs';

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

// `import('../actions/x')` in a command becomes a plain `require('./cliActions.js')`: importing a CommonJS file
// through Node's ESM loader scans its 4 MB of source for exports, which costs ~40 MB of memory.
/** @type {esbuild.Plugin} */
const cliActionsExternal = {
  name: 'cli-actions-external',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/actions\/[\w-]+$/ }, () => ({ path: 'cli-actions', namespace: 'cli-actions-ref' }));
    build.onLoad({ filter: /.*/, namespace: 'cli-actions-ref' }, () => ({ contents: "module.exports = require('./cliActions.js');", loader: 'js' }));
    build.onResolve({ filter: /^\.\/cliActions\.js$/ }, () => ({ path: './cliActions.js', external: true }));
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

// The tokenizer's vocabulary is half of the extension bundle; as a file of its own it is compiled when the
// first token estimate asks for it (tokens.ts requires it lazily), not at every activation.
/** @type {esbuild.Plugin} */
const tokenizerApart = {
  name: 'tokenizer-apart',
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\/cl100k_base$/ }, () => ({ path: './cl100k.js', external: true }));
  },
};

// The Anthropic SDK as dist/anthropicSdk.js, required by dist/cliActions.js: V8 parses a script's top-level code in
// one piece and the parser's memory for it stays with the process, so two scripts of half the size leave a 200-call
// eval's peak RSS ~3 MB lower than one. Every SDK module the sources import must come from that one file (two copies
// would make `instanceof APIError` fail), so an import the file does not export stops the build.
const SDK_EXPORTS = {
  '@anthropic-ai/sdk': "export * from '@anthropic-ai/sdk'; export { default } from '@anthropic-ai/sdk';",
  '@anthropic-ai/sdk/helpers/json-schema': "export { jsonSchemaOutputFormat } from '@anthropic-ai/sdk/helpers/json-schema';",
};
/** @type {esbuild.Plugin} */
const sdkApart = {
  name: 'sdk-apart',
  setup(build) {
    build.onResolve({ filter: /^@anthropic-ai\/sdk(\/|$)/ }, (args) =>
      args.path in SDK_EXPORTS ? { path: './anthropicSdk.js', external: true } : { errors: [{ text: `${args.path} is not in dist/anthropicSdk.js: add it to SDK_EXPORTS in esbuild.mjs` }] },
    );
  },
};

// Activation loads only the small shell (dist/extension.js); everything that needs the core is in
// dist/features.js, required by the shell when a prompt is open or a command or view first needs it.
/** @type {esbuild.Plugin} */
const featuresApart = {
  name: 'features-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/features\.js$/ }, () => ({ path: './features.js', external: true }));
  },
};

// Handlebars builds its template functions with source-map's SourceNode when that package loads, else with its
// own string builder; source maps of templates are never asked for here, so the bundles skip loading source-map.
/** @type {esbuild.Plugin} */
const handlebarsWithoutSourceMap = {
  name: 'handlebars-without-source-map',
  setup(build) {
    build.onResolve({ filter: /^source-map$/ }, (args) => (/[\\/]handlebars[\\/]/.test(args.importer) ? { path: 'source-map', namespace: 'no-source-map' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'no-source-map' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', plugins: [featuresApart] },
  { ...node, entryPoints: { features: 'src/extension/features.ts' }, outdir: 'dist', plugins: [tokenizerApart, precompiledValidators, handlebarsWithoutSourceMap] },
  { ...node, entryPoints: { cl100k: 'gpt-tokenizer/encoding/cl100k_base' }, outdir: 'dist' },
  // The CLI in two files so `promptops --version` and `--help` parse only commander and the command list:
  // each command's action is imported from dist/cliActions.js (every src/cli/actions/*.ts) when it runs.
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [cliActionsExternal] },
  // Minified and without the tokenizer's 1.7 MB vocabulary (required from node_modules only for offline
  // estimates): less source to hold in memory keeps a 200-test eval's peak RSS down.
  { ...node, entryPoints: { cliActions: CLI_ACTIONS }, outdir: 'dist', plugins: [cliActionsEntry, precompiledValidators, handlebarsWithoutSourceMap, sdkApart], minify: true, external: ['vscode', 'gpt-tokenizer', 'gpt-tokenizer/*'] },
  { ...node, stdin: { contents: Object.values(SDK_EXPORTS).join('\n'), resolveDir: '.', loader: 'js' }, outfile: 'dist/anthropicSdk.js', minify: true },
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
