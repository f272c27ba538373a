import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { NotificationsService, type Recipient } from '@schakel/follow-ups';
import { EmployeesService, OrganisationsService } from '@schakel/organisations';
import { APP_CONFIG, type AppConfig, LeasedInterval, REDIS, runInTenant } from '@schakel/platform';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { bundlesStore } from '../store/bundles.store';
import type { PendingAlert } from '../store/records';

/** Alerts handled per organisation per pass; the rest wait for the next pass. */
const ALERTS_PER_PASS = 500;

export function bundleAlertsLeaseKey(prefix: string): string {
  return `${prefix}:bundles:alerts-lease`;
}

/** The notification for the regie organisation's coordinators: ids only, and nothing of a member they may not see. */
export function alertNotification(alert: PendingAlert, receiverName: string): { type: string; message: string; referralId: string | null; handoffId: string | null; dedupeKey: string } {
  const dedupeKey = `bundle-alert.${alert.id}`;
  const reference = alert.bundleId.slice(0, 8).toUpperCase();
  if (!alert.regieSeesMember) {
    // No member, topic or organisation: which part it is would tell who is in the bundle.
    return { type: 'BUNDLE_ATTENTION', message: `Een onderdeel van bundel ${reference} vraagt aandacht.`, referralId: null, handoffId: null, dedupeKey };
  }
  const what = alert.kind === 'RETURNED' ? `is teruggestuurd door ${receiverName}` : `loopt vast bij ${receiverName} (termijn verlopen)`;
  return {
    type: alert.kind === 'RETURNED' ? 'BUNDLE_PART_RETURNED' : 'BUNDLE_PART_STALLED',
    message: `Een onderdeel van bundel ${reference} ${what}.`,
    referralId: alert.regieInReferral ? alert.referralId : null,
    handoffId: alert.regieInReferral ? alert.handoffId : null,
    dedupeKey,
  };
}

/**
 * Tells the regie organisation's coordinators when a part of its bundle is returned or stalls.
 * The trigger on handoffs raises an alert row (once per part, link and kind) in the same
 * transaction as the step; this sweep, every worker on a Redis lease, works them off from
 * PostgreSQL, so nothing is lost when Redis is emptied. A notification is stored under the
 * alert's id as dedupe key before the alert is marked, so a pass that crashes in between tells
 * no one twice.
 */
@Injectable()
export class BundleAlerts implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BundleAlerts.name);
  private readonly interval: LeasedInterval;

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly employees: EmployeesService,
    private readonly notifications: NotificationsService,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.interval = new LeasedInterval({
      redis,
      leaseKey: bundleAlertsLeaseKey(config.REDIS_PREFIX),
      intervalMs: config.BUNDLE_ALERTS_INTERVAL_MS,
      logger: this.logger,
      label: 'Bundle alerts sweep',
      work: () => this.sweep(),
    });
  }

  onApplicationBootstrap(): void {
    this.interval.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.interval.stop();
  }

  /** One pass over every organisation's bundles (alerts are read in the origin's tenant, which sees every member). Public for tests. */
  async sweep(): Promise<number> {
    let told = 0;
    for (const origin of await this.organisations.list()) {
      if (this.interval.isStopped) break;
      const alerts = await runInTenant(this.dataSource, { organisationId: origin.id }, (m) => bundlesStore.pendingAlerts(m, ALERTS_PER_PASS));
      for (const alert of alerts) {
        const [receiver] = await this.organisations.findByIds([alert.organisationId]);
        const coordinators = await this.employees.activeWithRole(alert.coordinatingOrganisationId, 'COORDINATOR');
        const recipients: Recipient[] = coordinators.map((c) => ({ employeeId: c.id, organisationId: c.organisationId }));
        await this.notifications.notify(recipients, alertNotification(alert, receiver?.name ?? 'de ontvanger'));
        await runInTenant(this.dataSource, { organisationId: origin.id }, (m) => bundlesStore.markAlertNotified(m, alert.id));
        told++;
      }
    }
    if (told > 0) this.logger.log(`Bundle alerts: ${told} told to regie organisations`);
    return told;
  }
}
