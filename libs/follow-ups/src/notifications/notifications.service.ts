import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, decodeCursor, isUuid, notificationChannel, REDIS, type RequestContext, runInTenant, TenantTransactions } from '@schakel/platform';
import type Redis from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';

export interface Recipient {
  employeeId: string;
  organisationId: string;
}

export interface NewNotification {
  type: string;
  /** Dutch text for the employee; organisation names and topics, never a citizen's data. */
  message: string;
  referralId?: string | null;
  handoffId?: string | null;
  /** Makes delivery idempotent: one notification per recipient per key. */
  dedupeKey: string;
}

/** A notification just stored: what its live announcement carries (ids only). */
export interface CreatedNotification {
  id: string;
  recipientId: string;
}

export interface NotificationRecord {
  id: string;
  recipientId: string;
  organisationId: string;
  type: string;
  message: string;
  referralId: string | null;
  handoffId: string | null;
  readAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `n.id, n.recipient_id AS "recipientId", n.organisation_id AS "organisationId", n.type, n.message,
  n.referral_id AS "referralId", n.handoff_id AS "handoffId", n.read_at AS "readAt", n.created_at AS "createdAt"`;

export const MAX_NOTIFICATION_PAGE = 100;

/** In-app notifications: written by the worker (idempotently), read and marked by employees. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TenantTransactions,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores one notification per recipient (a redelivered job creates none twice), each in its
   * organisation's tenant, and announces the new ones on Redis for live subscriptions.
   */
  async notify(recipients: Recipient[], notification: NewNotification): Promise<string[]> {
    const byOrganisation = new Map<string, Set<string>>();
    for (const r of recipients) {
      if (!byOrganisation.has(r.organisationId)) byOrganisation.set(r.organisationId, new Set());
      byOrganisation.get(r.organisationId)?.add(r.employeeId);
    }
    const created: CreatedNotification[] = [];
    for (const [organisationId, employees] of byOrganisation) {
      const rows: Array<{ id: string; recipientId: string }> = await runInTenant(this.dataSource, { organisationId }, (m) =>
        m.query(
          `INSERT INTO notifications (organisation_id, recipient_id, type, message, referral_id, handoff_id, dedupe_key)
           SELECT $1, r, $3, $4, $5, $6, $7 FROM unnest($2::uuid[]) AS r
           ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
           RETURNING id, recipient_id AS "recipientId"`,
          [organisationId, [...employees], notification.type, notification.message, notification.referralId ?? null, notification.handoffId ?? null, notification.dedupeKey],
        ),
      );
      created.push(...rows);
    }
    await this.announce(created);
    return created.map((r) => r.id);
  }

  /**
   * Stores notifications of one organisation inside the caller's transaction, whose tenant is
   * that organisation, in one statement however many (a batch of events); one per recipient
   * per key, as notify. The caller announces what it gives back once the transaction committed.
   */
  async insertInTenant(m: EntityManager, organisationId: string, items: ReadonlyArray<{ recipientId: string; notification: NewNotification }>): Promise<CreatedNotification[]> {
    if (items.length === 0) return [];
    return m.query(
      `INSERT INTO notifications (organisation_id, recipient_id, type, message, referral_id, handoff_id, dedupe_key)
       SELECT $1, n.recipient, n.type, n.message, n.referral, n.handoff, n.dedupe
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[]) AS n(recipient, type, message, referral, handoff, dedupe)
       ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
       RETURNING id, recipient_id AS "recipientId"`,
      [
        organisationId,
        items.map((i) => i.recipientId),
        items.map((i) => i.notification.type),
        items.map((i) => i.notification.message),
        items.map((i) => i.notification.referralId ?? null),
        items.map((i) => i.notification.handoffId ?? null),
        items.map((i) => i.notification.dedupeKey),
      ],
    );
  }

  /** Live delivery of stored notifications (ids only), best effort: one Redis round trip for the lot. */
  async announce(created: readonly CreatedNotification[]): Promise<void> {
    if (created.length === 0) return;
    const channel = notificationChannel(this.config.REDIS_PREFIX);
    const pipeline = this.redis.pipeline();
    for (const row of created) pipeline.publish(channel, JSON.stringify(row));
    await pipeline.exec().catch(() => undefined);
  }

  async list(
    context: RequestContext,
    options: { unreadOnly?: boolean | null; first?: number | null; after?: string | null },
  ): Promise<{ nodes: NotificationRecord[]; hasNextPage: boolean; totalCount: number; unreadCount: number }> {
    const first = options.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > MAX_NOTIFICATION_PAGE) {
      throw AppError.badInput({ nl: `first moet tussen 1 en ${MAX_NOTIFICATION_PAGE} liggen.`, en: `first must be between 1 and ${MAX_NOTIFICATION_PAGE}.` }, { field: 'first' });
    }
    const afterId = options.after ? decodeCursor(NOTIFICATION_CURSOR, options.after) : null;
    return this.tx.run(context.actor, async (m) => {
      const where = [`n.recipient_id = $1`, ...(options.unreadOnly ? [`n.read_at IS NULL`] : [])];
      const [{ total, unread }]: Array<{ total: number; unread: number }> = await m.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE n.read_at IS NULL)::int AS unread FROM notifications n WHERE ${where.join(' AND ')}`,
        [context.actor.employeeId],
      );
      const params: unknown[] = [context.actor.employeeId];
      const pageWhere = [...where];
      if (afterId) {
        params.push(afterId);
        pageWhere.push(`(n.created_at, n.id) < (SELECT c.created_at, c.id FROM notifications c WHERE c.id = $${params.length})`);
      }
      params.push(first + 1);
      const rows: NotificationRecord[] = await m.query(
        `SELECT ${COLUMNS} FROM notifications n WHERE ${pageWhere.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
        params,
      );
      return { nodes: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: total, unreadCount: unread };
    });
  }

  /** Marks the caller's own notifications read; ids of others' notifications are ignored. */
  async markRead(context: RequestContext, ids: string[]): Promise<NotificationRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length !== ids.length) {
      throw AppError.badInput({ nl: 'Een of meer ids zijn ongeldig.', en: 'One or more ids are invalid.' }, { field: 'ids' });
    }
    if (valid.length > 500) throw AppError.badInput({ nl: 'Maximaal 500 ids tegelijk.', en: 'At most 500 ids at once.' }, { field: 'ids' });
    return this.tx.run(context.actor, async (m) => {
      await m.query(`UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = ANY($1::uuid[]) AND recipient_id = $2`, [valid, context.actor.employeeId]);
      return m.query(`SELECT ${COLUMNS} FROM notifications n WHERE n.id = ANY($1::uuid[]) AND n.recipient_id = $2 ORDER BY n.created_at DESC`, [valid, context.actor.employeeId]);
    });
  }

  async getForRecipient(context: RequestContext, id: string): Promise<NotificationRecord | undefined> {
    return this.tx.run(context.actor, async (m) => {
      const rows: NotificationRecord[] = await m.query(`SELECT ${COLUMNS} FROM notifications n WHERE n.id = $1 AND n.recipient_id = $2`, [id, context.actor.employeeId]);
      return rows[0];
    });
  }
}

/** The kind of keyset cursor of the notifications list. */
export const NOTIFICATION_CURSOR = 'notification';
