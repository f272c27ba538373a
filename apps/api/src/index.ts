// Entry points other code may use: the end-to-end tests and the scripts boot the API this way.
export { createApiApp } from './bootstrap';
export { printApiSchema, schemaPath, SCHEMA_FILE } from './schema';
