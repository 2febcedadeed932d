import * as path from 'node:path';
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type Node, type YAMLError } from 'yaml';
import type { Position, Problem, Range, Severity } from './types';

// Ranges are 1-based; `end` is the position just after the last character (exclusive), columns in
// UTF-16 code units as editors count them.

/** Offset → line/column in O(log n), so positions on a large file stay cheap. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - this.starts[lo] + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Offset where 1-based `line` starts (clamped to the file). */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  /** Offset of the end of the line holding `offset` (before its line break). */
  lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    const end = nl === -1 ? this.text.length : nl;
    return end > offset && this.text[end - 1] === '\r' ? end - 1 : end;
  }
}

const FIRST_CHARACTER = Object.freeze({ line: 1, column: 1 });
/** Where a problem about a whole file is reported: its first character. */
export const FILE_START: Range = Object.freeze({ start: FIRST_CHARACTER, end: FIRST_CHARACTER });

export function problem(file: string, range: Range, severity: Severity, code: string, message: string, hint?: string): Problem {
  return hint === undefined ? { file, range, severity, code, message } : { file, range, severity, code, message, hint };
}

/**
 * A `yaml` parse error or warning as a Problem. `base` is the offset of the parsed text inside
 * the file (front matter starts after its `---` line), `index` indexes the whole file.
 */
export function yamlErrorToProblem(file: string, error: YAMLError, index: LineIndex, hint: string, base = 0): Problem {
  const [start, end] = error.pos;
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const severity: Severity = error.name === 'YAMLWarning' ? 'warning' : 'error';
  return problem(file, index.range(base + start, base + Math.max(end, start + 1)), severity, 'yaml-syntax', message, hint);
}

/** Range of a YAML node (its value, not trailing comments), shifted by `base`. */
export function nodeRange(node: Node, index: LineIndex, base = 0): Range {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  return index.range(base + start, base + valueEnd);
}

/** Range of the first line of a node: for a mapping, where its first key sits. */
export function firstLineRange(node: Node, index: LineIndex, base = 0): Range {
  const start = base + (node.range?.[0] ?? 0);
  const end = Math.min(base + (node.range?.[1] ?? 0), index.lineEnd(start));
  return index.range(start, end);
}

/**
 * The node at a path of keys and indices, and the key node of its last step when it sits in a map
 * (diagnostics about a key point at the key). Stops at the deepest node that exists.
 */
export function nodeAt(doc: Document, segments: (string | number)[]): { node: Node | undefined; key?: Node; complete: boolean } {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { node: node as Node, key, complete: false };
      key = pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number' && isNode(node.items[seg])) {
      key = undefined;
      node = node.items[seg];
    } else {
      return { node: isNode(node) ? node : undefined, key, complete: false };
    }
  }
  return { node: isNode(node) ? node : undefined, key, complete: true };
}

/** A JSON Pointer (ajv's `instancePath`) as path segments; numeric segments become indices. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `file:line:col: severity: message (hint)`, the line the CLI prints; `relativeTo` shortens the path. */
export function formatProblem(p: Problem, relativeTo?: string): string {
  const file = relativeTo ? path.relative(relativeTo, p.file) || p.file : p.file;
  const hint = p.hint ? ` (${p.hint})` : '';
  return `${file}:${p.range.start.line}:${p.range.start.column}: ${p.severity}: ${p.message}${hint}`;
}

export function hasErrors(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
