import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { QueueModule, QueueName } from '@schakel/platform';
import { DeadlinesService } from './deadlines/deadlines.service';
import { ActionListReminderNotifier } from './notifications/action-list-reminders';
import { ClosedLoopNotifier } from './notifications/closed-loop.service';
import { NewHandoffNotifier } from './notifications/new-handoff.service';
import { NotificationsService } from './notifications/notifications.service';
import { DeadlineCalculator, ResponseNormProvider, TableResponseNorms } from './norms/response-norms';
import { WebhookDispatch } from './webhooks/webhook-dispatch';
import { WebhookSender } from './webhooks/webhook-sender';
import { WebhookSubscriptions } from './webhooks/webhook-subscriptions';

/** The follow-up rules, shared by the API (reading, managing) and the worker (doing). */
@Module({
  imports: [OrganisationsModule, QueueModule.register(QueueName.FollowUps, QueueName.Webhooks)],
  providers: [
    NotificationsService,
    WebhookSender,
    WebhookSubscriptions,
    WebhookDispatch,
    DeadlineCalculator,
    { provide: ResponseNormProvider, useClass: TableResponseNorms },
    DeadlinesService,
    ClosedLoopNotifier,
    NewHandoffNotifier,
    ActionListReminderNotifier,
  ],
  exports: [NotificationsService, WebhookSender, WebhookSubscriptions, WebhookDispatch, DeadlineCalculator, ResponseNormProvider, DeadlinesService, ClosedLoopNotifier, NewHandoffNotifier, ActionListReminderNotifier, QueueModule],
})
export class FollowUpsModule {}
