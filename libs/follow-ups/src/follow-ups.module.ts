import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { QueueModule, QueueName } from '@schakel/platform';
import { DeadlinesService } from './deadlines/deadlines.service';
import { ClosedLoopNotifier } from './notifications/closed-loop.service';
import { NewHandoffNotifier } from './notifications/new-handoff.service';
import { NotificationsService } from './notifications/notifications.service';
import { DeadlineCalculator, ResponseNormProvider, TableResponseNorms } from './norms/response-norms';
import { WebhooksService } from './webhooks/webhooks.service';

/** The follow-up rules, shared by the API (reading, managing) and the worker (doing). */
@Module({
  imports: [OrganisationsModule, QueueModule.register(QueueName.FollowUps, QueueName.Webhooks)],
  providers: [
    NotificationsService,
    WebhooksService,
    DeadlineCalculator,
    { provide: ResponseNormProvider, useClass: TableResponseNorms },
    DeadlinesService,
    ClosedLoopNotifier,
    NewHandoffNotifier,
  ],
  exports: [NotificationsService, WebhooksService, DeadlineCalculator, ResponseNormProvider, DeadlinesService, ClosedLoopNotifier, NewHandoffNotifier, QueueModule],
})
export class FollowUpsModule {}
