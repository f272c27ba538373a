import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { type HttpLogger, pinoHttp } from 'pino-http';
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

/** pino-http's options: the same for the root logger (nestjs-pino) and the request middleware. */
function httpLogOptions(config: AppConfig) {
  return {
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
  };
}

/**
 * Structured JSON logs (pino). Request bodies are never logged (GraphQL variables may carry a
 * BSN), and credentials are redacted. Every logged error (Nest's exception handler, pino-http's
 * failed requests, our own logger.error(e)) goes through safeError: no bind parameters, query,
 * driver detail or quoted value reaches a log line (docs/security/logs-and-input.md).
 *
 * Every HTTP request gets its id (X-Request-Id) and its pino-http line from RequestLogMiddleware.
 * nestjs-pino's own request middleware is not mounted (`forRoutes: []`): it puts each request
 * in an AsyncLocalStorage, and on Node 20 that switches on promise hooks for the whole process,
 * which cost about a third of the API's CPU on the inbox page (docs/performance.md, "Request path").
 * Log lines written during a request therefore carry no request binding of their own; the ones
 * that matter, internal errors, state their request id explicitly (see graphql.options).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ pinoHttp: httpLogOptions(config), forRoutes: [] }),
    }),
  ],
})
export class LoggingModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    const { genReqId, serializers, autoLogging } = httpLogOptions(this.config);
    // Built on the first request, when nestjs-pino has made the root logger (level, redaction
    // and hooks come with it).
    let middleware: HttpLogger | undefined;
    const requestLog = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
      middleware ??= pinoHttp({ logger: PinoLogger.root, genReqId, serializers, autoLogging });
      middleware(req, res, next);
    };
    consumer.apply(requestLog).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
