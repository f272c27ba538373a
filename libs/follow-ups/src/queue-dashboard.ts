import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { ActorResolver, AppError, HTTP_STATUS_BY_CODE, QueueName } from '@schakel/platform';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, read-only, for a BEHEERDER only (bearer token, like the API).
 * Jobs carry ids only, so the dashboard shows no personal data.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  const queues = [QueueName.FollowUps, QueueName.Webhooks, QueueName.System].map((name) => app.get<Queue>(getQueueToken(name)));
  // Read-only: an administrator of one organisation must not be able to add, change or remove
  // jobs that act on other organisations' data.
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })), serverAdapter });
  const actors = app.get(ActorResolver);

  const onlyAdministrators = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (!match) throw AppError.unauthenticated();
      const actor = await actors.resolve(match[1]);
      if (!actor.roles.includes('BEHEERDER')) {
        throw AppError.forbidden({ nl: 'Het wachtrijoverzicht is alleen voor beheerders.', en: 'The queue dashboard is for administrators (BEHEERDER) only.' });
      }
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
  app.use(QUEUE_DASHBOARD_PATH, onlyAdministrators, serverAdapter.getRouter());
}
