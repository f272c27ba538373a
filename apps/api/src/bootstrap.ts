import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mountQueueDashboard } from '@schakel/follow-ups';
import { APP_CONFIG, type AppConfig } from '@schakel/platform';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { apiHeaders, securityHeaders } from './http/api-headers';
import { corsOrigins } from './http/cors';
import { graphqlPostOnly } from './http/graphql-methods';
import { operationTimeout } from './http/operation-timeout';

/** Builds the API application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  // No Nest shutdown hooks: main.ts stops the API in order (not ready, drain, close), see health/graceful-shutdown.ts.
  const http = app.getHttpAdapter().getInstance() as { disable(setting: string): void; set(setting: string, value: unknown): void };
  http.disable('x-powered-by');
  // Every answer is Cache-Control: no-store (apiHeaders), so an ETag (a SHA-1 of each body) buys
  // nothing; it was 0.4% of the API's CPU on the inbox page.
  http.set('etag', false);
  // The source address of a request (req.ip, used by the token endpoint's limits): the socket's,
  // unless TRUST_PROXY_HOPS reverse proxies in front are trusted to set X-Forwarded-For.
  http.set('trust proxy', config.TRUST_PROXY_HOPS);
  // The dashboard (HTML) is mounted before the JSON-only headers and their strict CSP.
  mountQueueDashboard(app);
  app.enableCors({
    origin: corsOrigins(config),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Apollo-Require-Preflight'],
    exposedHeaders: ['API-Version', 'X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  app.use(securityHeaders, apiHeaders);
  // The time limit is for GraphQL operations; the token endpoint answers in OAuth2's own shapes.
  app.use('/graphql', graphqlPostOnly(), operationTimeout(config.OPERATION_TIMEOUT_MS));
  return app;
}
