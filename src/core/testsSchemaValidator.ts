// Validates a parsed `*.tests.yaml` against schemas/promptops.tests.schema.json. The bundles get this validator
// precompiled from the same schema and options (scripts/precompiledValidators.mjs), so parsing a tests file does not
// compile the schema first; run from source (tests), it is compiled here.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import testsSchema from '../../schemas/promptops.tests.schema.json';
import options from './graders/ajvOptions.json';

export const validateTestsFile = addFormats(new Ajv(options)).compile(testsSchema);
