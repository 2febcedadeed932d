import type { JsonSchema, PromptFile } from '../core/types';

/** The prompt's input variables: names in `input.schema` and `input.default`, with their schema when known. */
export function inputVariables(prompt: PromptFile): Map<string, JsonSchema | undefined> {
  const vars = new Map<string, JsonSchema | undefined>();
  const properties = prompt.inputSchema?.properties;
  if (properties && typeof properties === 'object') {
    for (const [name, schema] of Object.entries(properties as Record<string, unknown>)) {
      vars.set(name, schema && typeof schema === 'object' ? (schema as JsonSchema) : undefined);
    }
  }
  for (const name of Object.keys(prompt.inputDefaults)) if (!vars.has(name)) vars.set(name, undefined);
  return vars;
}

/** A short type label for a JSON Schema (`string`, `string[]`, `"a" | "b"`, `object`). */
export function schemaTypeLabel(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : typeof schema.type === 'string' ? schema.type : 'any';
  if (type === 'array' && schema.items && typeof schema.items === 'object') return `${schemaTypeLabel(schema.items as JsonSchema)}[]`;
  return type;
}
