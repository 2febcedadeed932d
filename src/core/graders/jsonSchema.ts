import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { canonicalJson } from '../hash';
import type { JsonSchema } from '../types';
import options from './ajvOptions.json';
import { validateDraft07Schema } from './draft07MetaValidator';

const DRAFT_07 = 'http://json-schema.org/draft-07/schema';
// ajv's own check of a schema against its meta-schema compiles the meta-schema first (~50 ms at startup); the
// precompiled check below says the same, so draft-07 schemas skip ajv's.
const draft07 = addFormats(new Ajv({ ...options, validateSchema: false }));
let draft2020: Ajv2020 | undefined;

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
  const ajv = String(schema.$schema ?? '').includes('2020-12') ? (draft2020 ??= addFormats(new Ajv2020(options))) : draft07;
  let entry: ValidateFunction | { error: string };
  try {
    const invalid = ajv === draft07 ? draft07SchemaError(schema) : undefined;
    entry = invalid ? { error: invalid } : ajv.compile(schema);
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

/** What ajv's `validateSchema` says of a schema for the draft-07 instance; another declared `$schema` is left to ajv. */
function draft07SchemaError(schema: JsonSchema): string | undefined {
  if (schema.$schema !== undefined && String(schema.$schema).replace(/#$/, '') !== DRAFT_07) {
    draft07.validateSchema(schema, true);
    return undefined;
  }
  return validateDraft07Schema(schema) ? undefined : `schema is invalid: ${draft07.errorsText(validateDraft07Schema.errors)}`;
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
