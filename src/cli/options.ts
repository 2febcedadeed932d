// Parsers for command-line option values: a bad value is a usage error (exit 2) with commander's message.
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError, Option } from 'commander';

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

export function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Expected a number of seconds above 0, e.g. 30.');
  return n;
}

/** `--timeout SECONDS` of the commands that call the model; overrides `requestTimeoutSeconds` of the config. */
export function timeoutOption(): Option {
  return new Option('--timeout <seconds>', 'give up on an API request after this long, retrying a timed-out request once (default: config, else 120)').argParser(seconds);
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

/** A report file to write after the run: its folder is checked now, so a typo does not cost the run its report. */
export function reportFile(value: string): string {
  const file = path.resolve(value);
  const folder = path.dirname(file);
  const kind = (p: string) => {
    try {
      return statSync(p).isDirectory() ? 'folder' : 'file';
    } catch {
      return undefined;
    }
  };
  if (kind(file) === 'folder') throw new InvalidArgumentError(`${value} is a folder. Give a file name, e.g. ${path.join(value, 'report')}.`);
  if (kind(folder) !== 'folder') throw new InvalidArgumentError(`The folder ${folder} does not exist. Create it first, or write the report elsewhere.`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new InvalidArgumentError(`The folder ${folder} is not writable. Write the report elsewhere.`);
  }
  return value;
}
