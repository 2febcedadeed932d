import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE } from './config';

/**
 * The workspace a file or folder belongs to, where `.promptops/` and `promptops.config.yaml` live: the
 * nearest folder at or above `start` holding `promptops.config.yaml`, else the nearest Git work tree, else
 * `start`'s folder itself. The CLI and the extension both ask this, so they share one store.
 */
export function findWorkspaceRoot(start: string): string {
  const abs = path.resolve(start);
  const from = existsSync(abs) && statSync(abs).isDirectory() ? abs : path.dirname(abs);
  return nearestWith(from, CONFIG_FILE) ?? nearestWith(from, '.git') ?? from;
}

function nearestWith(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, name))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
