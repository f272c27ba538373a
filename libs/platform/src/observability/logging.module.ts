import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { safeErrorSerializer, safeLogMethod } from './safe-error';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Accept a caller's X-Request-Id when it looks like one, otherwise mint a UUID. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Structured JSON logs (pino). Request bodies are never logged (GraphQL variables may carry a
 * BSN), and credentials are redacted. Every logged error (Nest's exception handler, pino-http's
 * failed requests, our own logger.error(e)) goes through safeError: no bind parameters, query,
 * driver detail or quoted value reaches a log line (docs/security/logs-and-input.md).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: requestIdFor,
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'],
            censor: '[redacted]',
          },
          serializers: {
            // The path only: a query string could carry personal data (e.g. a GraphQL GET).
            req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
            err: safeErrorSerializer,
          },
          hooks: { logMethod: safeLogMethod },
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
          base: { service: 'schakel' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
