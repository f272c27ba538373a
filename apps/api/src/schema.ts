import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

/** Where the committed contract lives, relative to the repository root. */
export const SCHEMA_FILE = 'schema.graphql';

export function schemaPath(repoRoot: string): string {
  return join(repoRoot, SCHEMA_FILE);
}

/** The SDL of the running application, sorted, as committed in schema.graphql. */
export function printApiSchema(app: INestApplication): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return `${printSchema(lexicographicSortSchema(schema)).trimEnd()}\n`;
}
