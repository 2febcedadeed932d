import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { canonicalJson } from '../hash';
import type { JsonSchema } from '../types';

const draft07 = addFormats(new Ajv({ allErrors: true, strict: false }));
const draft2020 = addFormats(new Ajv2020({ allErrors: true, strict: false }));

// Compiling is the slow part; the same schema is checked against every test's output. Bounded, because
// in the editor every keystroke in a schema is a new schema, and ajv keeps what it compiles too.
const MAX_COMPILED = 64;
const compiled = new Map<string, { schema: JsonSchema; ajv: Ajv; entry: ValidateFunction | { error: string } }>();

/** A validator for `schema` (draft-07, or 2020-12 when its `$schema` says so); a schema that does not compile is an error. */
export function validatorFor(schema: JsonSchema): ValidateFunction | { error: string } {
  const key = canonicalJson(schema);
  const hit = compiled.get(key);
  if (hit) {
    compiled.delete(key);
    compiled.set(key, hit);
    return hit.entry;
  }
  const ajv = String(schema.$schema ?? '').includes('2020-12') ? draft2020 : draft07;
  let entry: ValidateFunction | { error: string };
  try {
    entry = ajv.compile(schema);
  } catch (e) {
    entry = { error: (e as Error).message };
  }
  compiled.set(key, { schema, ajv, entry });
  if (compiled.size > MAX_COMPILED) {
    const [oldestKey, oldest] = compiled.entries().next().value as [string, { schema: JsonSchema; ajv: Ajv }];
    compiled.delete(oldestKey);
    oldest.ajv.removeSchema(oldest.schema);
  }
  return entry;
}

/** The first few errors as `/path message` lines, with the allowed values when the schema lists them. */
export function describeErrors(errors: ErrorObject[], max = 3): string {
  const lines = errors.slice(0, max).map((e) => {
    const where = e.instancePath || '(root)';
    const allowed = Array.isArray(e.params.allowedValues) ? ` (${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})` : '';
    return `${where} ${e.message ?? e.keyword}${allowed}`;
  });
  const more = errors.length > max ? `; and ${errors.length - max} more` : '';
  return lines.join('; ') + more;
}
