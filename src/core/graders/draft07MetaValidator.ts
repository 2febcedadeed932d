// Checks a JSON Schema against the draft-07 meta-schema, as ajv's own `validateSchema` does. The bundles get this
// validator precompiled from the same meta-schema and options (scripts/precompiledValidators.mjs), so a CLI run or an
// extension activation does not compile the meta-schema; run from source (tests), it is compiled here.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import options from './ajvOptions.json';

export const validateDraft07Schema = addFormats(new Ajv(options)).getSchema('http://json-schema.org/draft-07/schema')!;
