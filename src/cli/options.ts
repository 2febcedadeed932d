// Parsers for command-line option values: a bad value is a usage error (exit 2) with commander's message.
import { InvalidArgumentError } from 'commander';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number ≥ 1.');
  return n;
}

export function usd(value: string): number {
  const n = Number(value.replace(/^\$/, ''));
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('Expected an amount in USD, e.g. 0.50.');
  return n;
}

/** `--var k=v`, repeatable. A value that reads as JSON (number, boolean, object, array) is taken as such, else as text. */
export function collectVar(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = value.indexOf('=');
  if (eq < 1) throw new InvalidArgumentError('Expected name=value.');
  return { ...previous, [value.slice(0, eq)]: jsonOrText(value.slice(eq + 1)) };
}

function jsonOrText(text: string): unknown {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' || parsed === null ? text : parsed;
  } catch {
    return text;
  }
}

/** Repeatable string option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
