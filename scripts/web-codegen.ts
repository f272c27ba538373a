import { writeFileSync } from 'node:fs';
import { generateWebTypes, WEB_GENERATED } from './lib/web-codegen';

/** `npm run web:codegen`: writes apps/web/src/api/generated.ts. */
generateWebTypes()
  .then((code) => {
    writeFileSync(WEB_GENERATED, code);
    console.log(`Geschreven: ${WEB_GENERATED}`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
