// Reads many Git objects (`<blob id>` or `<commit>:<path>`) with one `git cat-file --batch` process:
// a history of 50 versions costs one process instead of 50. simple-git has no way to feed a command's
// stdin, so this one command is spawned directly. Each answer is `<oid> <type> <size>\n<bytes>\n`, or
// `<name> missing\n`; sizes are in bytes, so contents come back exact whatever they hold.
import { spawn } from 'node:child_process';

const HEADER = /^(\S+) (\S+) (\d+)$/;

/** The bytes of each named object, in order; undefined for an object that does not exist or is not a blob. */
export function readGitObjects(repoRoot: string, names: readonly string[]): Promise<(Buffer | undefined)[]> {
  if (!names.length) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(stderr.trim() || `git cat-file exited with ${code}`));
      resolve(parseBatch(Buffer.concat(chunks), names.length));
    });
    // A name holding a newline would split into two requests: ask for nothing under it instead.
    child.stdin.end(names.map((n) => (n.includes('\n') ? 'invalid' : n)).join('\n') + '\n');
  });
}

function parseBatch(out: Buffer, count: number): (Buffer | undefined)[] {
  const objects: (Buffer | undefined)[] = [];
  let at = 0;
  while (objects.length < count && at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = HEADER.exec(out.toString('utf8', at, eol));
    at = eol + 1;
    if (!header) {
      objects.push(undefined);
      continue;
    }
    const size = Number(header[3]);
    objects.push(header[2] === 'blob' ? out.subarray(at, at + size) : undefined);
    at += size + 1;
  }
  while (objects.length < count) objects.push(undefined);
  return objects;
}
