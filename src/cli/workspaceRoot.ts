import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE } from '../core/config';

/**
 * The workspace a CLI invocation works in, where `.promptops/` lives: the nearest folder at or above
 * `start` holding `promptops.config.yaml`, else the nearest Git work tree, else `start`'s folder itself.
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
