import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { type Actor, ActorResolver, AppError, HTTP_STATUS_BY_CODE, QueueName } from '@schakel/platform';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const NOT_FOR_YOU = AppError.forbidden({
  nl: 'Het wachtrijoverzicht is alleen voor de platformbeheerder.',
  en: 'The queue dashboard is for the platform operator (OPERATOR) only.',
});

/** Only a person with the role OPERATOR: never a machine client, whatever its scopes. */
export function mayOpenQueueDashboard(actor: Actor): boolean {
  return actor.kind === 'employee' && actor.roles.includes('OPERATOR');
}

/**
 * Bull Board at /admin/queues, read-only, for the platform operator only (an employee with the
 * role OPERATOR, bearer token like the API; ADR 0010). The jobs of every organisation are in these
 * queues, with the ids of their cases, so an organisation's own administrator (BEHEERDER) and
 * every machine client are refused before anything of the dashboard is served.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  const queues = [QueueName.FollowUps, QueueName.Webhooks, QueueName.System, QueueName.ActionLists].map((name) => app.get<Queue>(getQueueToken(name)));
  // Read-only: even the operator must not add, change or remove jobs that act on case data.
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })), serverAdapter });
  const actors = app.get(ActorResolver);

  const onlyOperators = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store'); // job data names cases: never cached, refusals neither
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (!match) throw AppError.unauthenticated();
      const actor = await actors.resolve(match[1]);
      if (!mayOpenQueueDashboard(actor)) throw NOT_FOR_YOU;
      next();
    } catch (error) {
      const appError = error instanceof AppError ? error : AppError.unauthenticated();
      res.status(HTTP_STATUS_BY_CODE[appError.code]).type('application/problem+json').json({
        title: appError.text.en,
        detail: appError.text.nl,
        status: HTTP_STATUS_BY_CODE[appError.code],
        code: appError.code,
      });
    }
  };
  app.use(QUEUE_DASHBOARD_PATH, onlyOperators, serverAdapter.getRouter());
}
