import type { JsonSchema } from './types';

// Dotprompt's Picoschema → JSON Schema conversion, synchronous. The `dotprompt` package only
// offers an async parser (it may call a schema resolver), and `parsePrompt` must stay
// synchronous for the editor; we register no named schemas, so nothing here needs to wait.
// test/unit/picoschema.test.ts checks the output against `dotprompt`'s own `picoschema()`.

const SCALAR_TYPES = ['any', 'boolean', 'integer', 'null', 'number', 'string'];
const WILDCARD = '(*)';

/** A Picoschema mistake, with the path of keys that leads to it (inside `input.schema`/`output.schema`). */
export class PicoschemaError extends Error {
  constructor(
    message: string,
    readonly path: string[],
  ) {
    super(message);
  }
}

/**
 * JSON Schema for a schema written in Picoschema or JSON Schema (detected as Dotprompt does).
 * Throws `PicoschemaError` for an unknown type name or a malformed entry.
 */
export function toJsonSchema(schema: unknown): JsonSchema | null {
  if (!schema) return null;
  if (typeof schema === 'string') {
    const [type, description] = splitDescription(schema);
    if (!SCALAR_TYPES.includes(type)) throw unknownType(type, []);
    return description ? { type, description } : { type };
  }
  const obj = schema as JsonSchema;
  if ([...SCALAR_TYPES, 'object', 'array'].includes(obj.type as string)) return obj;
  if (typeof obj.properties === 'object') return { ...obj, type: 'object' };
  return parsePico(schema, []);
}

function parsePico(obj: unknown, path: string[]): JsonSchema {
  if (typeof obj === 'string') {
    const [type, description] = splitDescription(obj);
    if (!SCALAR_TYPES.includes(type)) throw unknownType(type, path);
    if (type === 'any') return description ? { description } : {};
    return description ? { type, description } : { type };
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new PicoschemaError(`Picoschema entries are objects or type strings, got ${JSON.stringify(obj)}`, path);
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const out: JsonSchema = { type: 'object', properties, required, additionalProperties: false };
  for (const [key, value] of Object.entries(obj)) {
    const at = [...path, key];
    if (key === WILDCARD) {
      out.additionalProperties = parsePico(value, at);
      continue;
    }
    const [name, typeInfo] = key.split('(');
    const optional = name.endsWith('?');
    const prop = optional ? name.slice(0, -1) : name;
    if (!optional) required.push(prop);
    if (!typeInfo) {
      const parsed = { ...parsePico(value, at) };
      if (optional && typeof parsed.type === 'string') parsed.type = [parsed.type, 'null'];
      properties[prop] = parsed;
      continue;
    }
    const [type, description] = splitDescription(typeInfo.slice(0, -1));
    if (type === 'array') {
      properties[prop] = { type: optional ? ['array', 'null'] : 'array', items: parsePico(value, at) };
    } else if (type === 'object') {
      const parsed = parsePico(value, at);
      if (optional) parsed.type = [parsed.type, 'null'];
      properties[prop] = parsed;
    } else if (type === 'enum') {
      if (!Array.isArray(value)) throw new PicoschemaError(`${prop}(enum) needs a list of values`, at);
      properties[prop] = { enum: optional && !value.includes(null) ? [...value, null] : value };
    } else {
      throw new PicoschemaError(`Picoschema parenthetical types are object, array or enum, got '${type}'`, at);
    }
    if (description) properties[prop].description = description;
  }
  if (!required.length) delete out.required;
  return out;
}

function unknownType(type: string, path: string[]): PicoschemaError {
  return new PicoschemaError(`Unknown Picoschema type '${type}' (use ${SCALAR_TYPES.join(', ')}, or a nested object)`, path);
}

function splitDescription(input: string): [string, string | null] {
  const match = /^(.*?), *(.*)$/.exec(input);
  return match ? [match[1], match[2]] : [input, null];
}
