import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { createApiApp, printApiSchema, schemaPath } from '@schakel/api';
import { QueueName } from '@schakel/platform';
import type { Queue } from 'bullmq';

/** Writes schema.graphql from the code. Needs PostgreSQL and Redis, like the API itself. */
async function main(): Promise<void> {
  const app = await createApiApp();
  await app.init();
  const file = schemaPath(join(__dirname, '..', '..'));
  writeFileSync(file, printApiSchema(app));
  // Closing while BullMQ is still connecting makes it emit an unhandled error: let it connect.
  await Promise.all(Object.values(QueueName).map((name) => app.get<Queue>(getQueueToken(name)).waitUntilReady()));
  await app.close();
  console.log(`Geschreven: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
