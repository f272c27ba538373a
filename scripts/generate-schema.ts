import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiApp, printApiSchema, schemaPath } from '@schakel/api';

/** Writes schema.graphql from the code. Needs PostgreSQL and Redis, like the API itself. */
async function main(): Promise<void> {
  const app = await createApiApp();
  await app.init();
  const file = schemaPath(join(__dirname, '..', '..'));
  writeFileSync(file, printApiSchema(app));
  await app.close();
  console.log(`Geschreven: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
