// Runs inside the extension host as the tests module of a tiny probe extension (bundled and loaded by
// bench/activation.ts beside the installed promptops.vsix). Prints one `PROMPTOPS_BENCH {json}` line with
// the time of PromptOps' hints for new 100 KB prompts against the same calls on the small example prompt,
// each on a file never seen before (nothing cached).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'promptops.promptops';
const SAMPLES = 5;
const LARGE_BYTES = 100 * 1024;

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  await extension.activate();
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) throw new Error('no workspace folder is open');
  const example = await examplePromptWithTests(root);

  // The first request loads the tokenizer and warms both sides of the round trip: not a sample.
  await timeHints(root, 'bench-warm-up', example.text, example.tests);
  const small: Timing[] = [];
  const large: Timing[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    small.push(await timeHints(root, `bench-small-${i}`, `${example.text}\nSample ${i}.\n`, example.tests));
    large.push(await timeHints(root, `bench-100kb-${i}`, padTo(example.text, LARGE_BYTES, i), example.tests));
  }
  const largeBytes = Buffer.byteLength(padTo(example.text, LARGE_BYTES, 0));
  console.log(`PROMPTOPS_BENCH ${JSON.stringify({ small, large, largeBytes })}`);
}

interface Timing {
  inlayHintsMs: number;
  codeLensMs: number;
  hints: number;
  lenses: string[];
}

/** The first example prompt with a tests file: its first test's vars make the template render, as in the editor. */
async function examplePromptWithTests(root: string): Promise<{ text: string; tests: string }> {
  for (const file of (await fs.readdir(root)).filter((f) => f.endsWith('.prompt')).sort()) {
    const tests = await fs.readFile(path.join(root, file.replace(/\.prompt$/, '.tests.yaml')), 'utf8').catch(() => undefined);
    if (tests !== undefined) return { text: await fs.readFile(path.join(root, file), 'utf8'), tests };
  }
  throw new Error(`no *.prompt with a *.tests.yaml in ${root}`);
}

/**
 * Opens a new prompt and asks for its hints as an editor does: inlay hints (per message), then the CodeLens
 * (tokens and cost of the rendered request). Not shown in an editor, so no request of the editor's runs alongside.
 */
async function timeHints(root: string, stem: string, text: string, tests: string): Promise<Timing> {
  await fs.writeFile(path.join(root, `${stem}.tests.yaml`), tests);
  const file = path.join(root, `${stem}.prompt`);
  await fs.writeFile(file, text);
  const uri = vscode.Uri.file(file);
  const document = await vscode.workspace.openTextDocument(uri);
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const t0 = performance.now();
  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, whole);
  const t1 = performance.now();
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  const t2 = performance.now();
  const titles = lenses.map((l) => l.command?.title ?? '');
  if (!titles.some((t) => t.includes('tokens'))) throw new Error(`${stem}.prompt got no tokens CodeLens: ${titles.join(' | ')}`);
  return { inlayHintsMs: t1 - t0, codeLensMs: t2 - t1, hints: hints.length, lenses: titles };
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
