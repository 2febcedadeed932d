// Runs inside the extension host (as an extensionTestsPath module, bundled by bench/activation.ts):
// times the extension's hints for 100 KB prompts against the same calls on the small example prompt,
// each on a file never seen before (no cache), and prints one `PROMPTOPS_BENCH {json}` line.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const SAMPLES = 5;
const LARGE_BYTES = 100 * 1024;

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('promptops.promptops');
  if (!extension) throw new Error('the PromptOps extension is not loaded');
  await extension.activate();
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) throw new Error('no workspace folder is open');
  const examplePath = (await fs.readdir(root)).filter((f) => f.endsWith('.prompt')).sort()[0];
  if (!examplePath) throw new Error(`no *.prompt in ${root}`);
  const example = await fs.readFile(path.join(root, examplePath), 'utf8');

  const small: Timing[] = [];
  const large: Timing[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    small.push(await timeHints(path.join(root, `bench-small-${i}.prompt`), `${example}\nSample ${i}.\n`));
    large.push(await timeHints(path.join(root, `bench-100kb-${i}.prompt`), padTo(example, LARGE_BYTES, i)));
  }
  console.log(`PROMPTOPS_BENCH ${JSON.stringify({ small, large, largeBytes: Buffer.byteLength(padTo(example, LARGE_BYTES, 0)) })}`);
}

interface Timing {
  inlayHintsMs: number;
  codeLensMs: number;
  hints: number;
  lenses: string[];
}

/** Opens a new file and asks for its hints as the editor does: inlay hints (per message), then the CodeLens (whole request). */
async function timeHints(file: string, text: string): Promise<Timing> {
  await fs.writeFile(file, text);
  const uri = vscode.Uri.file(file);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const t0 = performance.now();
  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, whole);
  const t1 = performance.now();
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  const t2 = performance.now();
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return { inlayHintsMs: t1 - t0, codeLensMs: t2 - t1, hints: hints.length, lenses: lenses.map((l) => l.command?.title ?? '') };
}

/** The example prompt with its last message grown to `bytes` by distinct support-ticket lines. */
function padTo(example: string, bytes: number, seed: number): string {
  const lines = [example.trimEnd()];
  let size = Buffer.byteLength(lines[0]);
  for (let i = 0; size < bytes; i++) {
    const line = `Ticket ${seed}-${i}: the CSV export fails with error E${1000 + i} after the ${i % 7}th retry; the customer asks for a refund.`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return `${lines.join('\n')}\n`;
}
