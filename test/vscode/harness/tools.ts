// Where scripts/setup-vscode-tests.sh put Node 24 and code-server; both read the versions from tools.json.
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import versions from './tools.json';

export const repoRoot = path.resolve(__dirname, '../../..');

const cacheDir = process.env.PROMPTOPS_CACHE ?? path.join(os.homedir(), '.cache', 'promptops');

export const chromiumPath = '/usr/bin/chromium';

export const node24Path = path.join(cacheDir, `node-${versions.node}`, 'node_modules', 'node', 'bin', 'node');

export const codeServerEntry = path.join(
  cacheDir, `code-server-${versions.codeServer}`, 'lib', 'node_modules', 'code-server', 'out', 'node', 'entry.js',
);

/** Fails early with the fix instead of a spawn error deep inside a run. */
export function assertToolsInstalled(): void {
  for (const file of [node24Path, codeServerEntry, chromiumPath]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: run \`bash scripts/setup-vscode-tests.sh\` first (see shared/VSCODE-TESTS.md).`);
    }
  }
}
