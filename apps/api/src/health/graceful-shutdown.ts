import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

export interface GracefulShutdownOptions {
  /**
   * How long the API keeps serving after it reported not-ready, so that load balancers (the
   * Kubernetes endpoints controller, an ingress) stop sending new requests before it closes.
   */
  drainDelayMs: number;
  log: (message: string) => void;
}

export interface GracefulShutdown {
  /** Not ready, drain, close; resolves when the application is closed. Later calls wait for the first. */
  stop(reason: string): Promise<void>;
}


/**
 * Rolling restarts without failed requests. Install before `app.listen`; `stop` (main.ts calls
 * it on SIGTERM or SIGINT):
 *  1. /health/ready answers 503 and every answer carries `Connection: close`, so balancers and
 *     keep-alive clients move to other instances, while requests still arriving are served;
 *  2. after `drainDelayMs` the listener closes (idle keep-alive connections with it) and the
 *     requests in flight are awaited;
 *  3. then the application closes: graphql-ws ends its sockets with 1001 "Going away" (clients
 *     reconnect, through the balancer, to another instance), then queues and database pools.
 */
export function installGracefulShutdown(app: INestApplication, options: GracefulShutdownOptions): GracefulShutdown {
  let stopping: Promise<void> | undefined;
  let inFlight = 0;
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    if (stopping) res.setHeader('Connection', 'close');
    next();
  });
  app.use('/health/ready', (_req: unknown, res: { status(code: number): { json(body: unknown): void } }, next: () => void) => {
    if (!stopping) return next();
    res.status(503).json({ status: 'stopping' });
  });
  const server = app.getHttpServer() as Server;
  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => inFlight--);
  });

  const run = async (reason: string): Promise<void> => {
    const started = Date.now();
    options.log(`${reason}: not ready any more; closing in ${options.drainDelayMs} ms`);
    await new Promise((r) => setTimeout(r, options.drainDelayMs));
    server.close();
    server.closeIdleConnections();
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    await app.close();
    options.log(`Stopped after ${Date.now() - started} ms`);
  };
  return { stop: (reason) => (stopping ??= run(reason)) };
}
