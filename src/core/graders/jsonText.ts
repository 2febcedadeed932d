import { canonicalJson } from '../hash';

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

const FENCED = /^\s*```[\w-]*\s*\n[\s\S]*\n\s*```\s*$/;

/**
 * Parses the whole output as JSON, strictly: what the tests check is what the application's
 * `JSON.parse(output)` will see. A fenced block is not unwrapped, but the error says so.
 */
export function parseJsonOutput(output: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(output) };
  } catch (e) {
    const fence = FENCED.test(output) ? ' (the output is wrapped in a ``` code fence; ask the model for bare JSON or use output.format: json)' : '';
    return { ok: false, error: `output is not valid JSON: ${(e as Error).message}${fence}` };
  }
}

/** Indented JSON with keys sorted, so two values diff line by line. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(JSON.parse(canonicalJson(value) ?? 'null'), null, 2);
}

/** Every JSON object embedded in free text, in order of appearance (used to read a judge's answer). */
export function findJsonObjects(text: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  let from = 0;
  while (from < text.length) {
    const start = text.indexOf('{', from);
    if (start < 0) break;
    const end = matchingBrace(text, start);
    if (end < 0) break;
    const parsed = tryParseObject(text.slice(start, end + 1));
    if (parsed) {
      found.push(parsed);
      from = end + 1;
    } else {
      from = start + 1;
    }
  }
  return found;
}

function tryParseObject(candidate: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(candidate);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// Index of the `}` closing the `{` at `start`, skipping braces inside JSON strings; -1 when unbalanced.
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}
