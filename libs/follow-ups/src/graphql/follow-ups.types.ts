import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { enumFrom, SafeText } from '@schakel/platform';
import { PageInfoType } from '@schakel/referrals';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import type { NotificationRecord } from '../notifications/notifications.service';
import type { ResponseNormView } from '../norms/response-norm-view';
import { WEBHOOK_CHANNELS } from '../webhooks/webhook-event';
import type { DeliveryStatus, WebhookDeliveryRecord, WebhookSubscriptionRecord } from '../webhooks/webhook-records';

const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export const WebhookDeliveryStatusEnum = enumFrom<DeliveryStatus>(DELIVERY_STATUSES);
registerEnumType(WebhookDeliveryStatusEnum, { name: 'WebhookDeliveryStatus' });

@ObjectType('Notification', { description: 'Een melding in de app voor één medewerker.' })
export class NotificationType {
  @Field(() => ID) id!: string;
  @Field({ description: 'Bijv. NEW_HANDOFF, ACCEPTED, COMPLETED, ESCALATION, CONTACT_DUE.' }) type!: string;
  @Field() message!: string;
  @Field(() => ID, { nullable: true }) referralId!: string | null;
  @Field(() => ID, { nullable: true }) handoffId!: string | null;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
  @Field() createdAt!: Date;

  @Field()
  get read(): boolean {
    return this.readAt !== null;
  }

  static from(n: NotificationRecord): NotificationType {
    return Object.assign(new NotificationType(), {
      id: n.id,
      type: n.type,
      message: n.message,
      referralId: n.referralId,
      handoffId: n.handoffId,
      readAt: n.readAt,
      createdAt: n.createdAt,
    });
  }
}

@ObjectType('NotificationEdge')
export class NotificationEdgeType {
  @Field() cursor!: string;
  @Field(() => NotificationType) node!: NotificationType;
}

@ObjectType('NotificationConnection')
export class NotificationConnectionType {
  @Field(() => [NotificationEdgeType]) edges!: NotificationEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
  @Field(() => Int) unreadCount!: number;
}

@ObjectType('ResponseNorm', { description: 'Binnen welke termijn een ontvangende organisatie reageert, voor een onderwerp en urgentie.' })
export class ResponseNormType {
  @Field({ description: 'Termijn om op te pakken, bijv. "2 werkdagen" of "4 uur".' }) acceptWithin!: string;
  @Field({ description: 'Termijn voor het eerste contact na het oppakken, bijv. "3 werkdagen".' }) firstContactWithin!: string;
  @Field({ description: 'De zin voor het verwijsformulier, bijv. "reageert binnen 2 werkdagen".' }) description!: string;
  @Field(() => Int, { nullable: true, description: 'Oppaktermijn in werkdagen; leeg als de termijn in uren is.' }) acceptWorkingDays!: number | null;
  @Field(() => Int, { nullable: true, description: 'Oppaktermijn in uren (bijv. ACUUT); leeg als de termijn in werkdagen is.' }) acceptHours!: number | null;
  @Field(() => Int, { nullable: true, description: 'Contacttermijn in werkdagen.' }) contactWorkingDays!: number | null;
  @Field(() => Int, { nullable: true, description: 'Contacttermijn in uren.' }) contactHours!: number | null;

  static from(view: ResponseNormView): ResponseNormType {
    return Object.assign(new ResponseNormType(), view);
  }
}

@ObjectType('WebhookSubscription')
export class WebhookSubscriptionType {
  @Field(() => ID) id!: string;
  @Field() callbackUrl!: string;
  @Field(() => [String]) channels!: string[];
  @Field() active!: boolean;
  @Field() createdAt!: Date;

  static from(s: WebhookSubscriptionRecord): WebhookSubscriptionType {
    return Object.assign(new WebhookSubscriptionType(), { id: s.id, callbackUrl: s.callbackUrl, channels: s.channels, active: s.active, createdAt: s.createdAt });
  }
}

@ObjectType('CreatedWebhookSubscription')
export class CreatedWebhookSubscriptionType {
  @Field(() => WebhookSubscriptionType) subscription!: WebhookSubscriptionType;
  @Field({ description: 'Het geheim voor Schakel-Signature. Alleen nu zichtbaar: bewaar het.' }) secret!: string;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) subscriptionId!: string;
  @Field(() => ID, { description: 'Gelijk aan de Idempotency-Key van de aflevering.' }) eventId!: string;
  @Field() kanaal!: string;
  @Field(() => WebhookDeliveryStatusEnum) status!: DeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field() createdAt!: Date;

  static from(d: WebhookDeliveryRecord): WebhookDeliveryType {
    return Object.assign(new WebhookDeliveryType(), d);
  }
}

@InputType('CreateWebhookSubscriptionInput')
export class CreateWebhookSubscriptionInput {
  @Field({ description: 'Ontvangt een ondertekend testbericht; moet met 2xx antwoorden.' })
  @SafeText({ max: 2000, required: true })
  callbackUrl!: string;

  @Field(() => [String], { description: `Kanalen: ${WEBHOOK_CHANNELS.join(', ')}.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsIn(WEBHOOK_CHANNELS, { each: true })
  channels!: string[];
}
