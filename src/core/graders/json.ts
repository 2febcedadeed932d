import type { JsonSchema } from '../types';
import { hardFailure, verdict, type Grader } from './gradeContext';
import { describeErrors, validatorFor } from './jsonSchema';
import { parseJsonOutput } from './jsonText';

/** `is-json`: the whole output parses as JSON (strictly; see `parseJsonOutput`). */
export const isJson: Grader = (assertion, ctx) => {
  if (assertion.value !== undefined) return hardFailure('is-json takes no value; use json-schema to check the shape of the JSON');
  const parsed = parseJsonOutput(ctx.output);
  return verdict(parsed.ok, parsed.ok ? 'output is valid JSON' : parsed.error, { actual: ctx.output });
};

/**
 * `json-schema`: the output is JSON valid against the assertion's schema, or the prompt's `output.schema`
 * when the assertion gives none. Output that is not JSON at all is a hard failure: the schema cannot be checked.
 */
export const jsonSchema: Grader = (assertion, ctx) => {
  const schema = assertion.value ?? ctx.prompt.outputSchema;
  if (schema === undefined) {
    return hardFailure('json-schema has no schema: give one as the assertion value, or set output.schema in the prompt front matter');
  }
  if (!isSchemaObject(schema)) return hardFailure('json-schema value must be a JSON Schema object (or omitted to use the prompt output.schema)');
  const validate = validatorFor(schema);
  if ('error' in validate) return hardFailure(`invalid JSON Schema: ${validate.error}`);
  const parsed = parseJsonOutput(ctx.output);
  if (!parsed.ok) return hardFailure(parsed.error, { actual: ctx.output });
  const pass = validate(parsed.value);
  const source = assertion.value === undefined ? "the prompt's output schema" : 'the schema';
  return verdict(pass, pass ? `output matches ${source}` : `output does not match ${source}: ${describeErrors(validate.errors ?? [])}`, {
    actual: ctx.output,
  });
};

function isSchemaObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
